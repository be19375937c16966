#pragma once
/// Rule checks of a village plan against the jurisdiction's control rules (issue 7 item 5):
/// façade colours within the style palette (CIEDE2000), roof form and height in the
/// protection zones (domain.md §3), no new construction inside a tree's protection range
/// (§2), and footprints against the 三区三线 control lines (§5). The rules are data
/// (assets/rules/plan_<jurisdiction>.json); the inputs are plain, so the plan editor, the
/// scene and a later `cunjing plan check` fill them without this module knowing their types.

#include <cunjing/geo/Crs.h>
#include <cunjing/geo/Result.h>
#include <cunjing/geo/VectorIO.h>
#include <cunjing/heritage/AncientTree.h>
#include <cunjing/heritage/Records.h>
#include <cunjing/heritage/Rules.h>

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cunjing::heritage {

/// One colour the plan paints on a building: the role ("wall", "roof", "trim", "plinth",
/// "ornament": the keys of the style's palette) and the colour as sRGB "#RRGGBB".
struct FacadeColour {
    std::string role;
    std::string hex;
};

/// A building as the checks see it, in the working CRS (metres).
struct CheckedBuilding {
    std::string id;
    std::string style;  ///< palette key: "guangfu", "hakka", "chaoshan"
    /// Outer ring, without the repeated closing point; at least 3 points, not self-crossing.
    std::vector<std::array<double, 2>> footprint;
    /// Eave height (檐口高度) above the ground, metres: village plans state limits at the eave,
    /// so a pitched roof's ridge above it is not counted.
    double heightM = 0;
    int storeys = 0;
    /// "pitched" (坡屋顶, 硬山/悬山), "hip" (歇山/庑殿), "flat" (平屋顶), "flat-to-pitched"
    /// (平改坡: a pitched cap on a flat roof); whatever the rules file lists.
    std::string roofForm;
    std::vector<FacadeColour> colours;
    /// Added or enlarged by the plan: only such footprints are checked against trees and
    /// control lines, and only they make a zone rule an error (an existing building gets a
    /// warning).
    bool newConstruction = false;
};

/// A protection zone (核心保护范围 / 建设控制地带 / 环境协调区) in the working CRS.
struct CheckedZone {
    ZoneKind kind = ZoneKind::Core;
    geo::Polygon polygon;  ///< outer ring and holes
    std::string name;      ///< for messages: the village's name or id
};

/// A tree whose protection range no new footprint may enter.
struct ProtectedTree {
    std::string id;
    double x = 0, y = 0;  ///< working CRS
    double radiusM = 0;   ///< crown radius + the jurisdiction's margin
};

/// 三线: 永久基本农田, 生态保护红线, 城镇开发边界.
enum class ControlLineKind { PermanentFarmland, EcologicalRedLine, UrbanDevelopmentBoundary };

/// "permanent_farmland", "ecological_red_line", "urban_development_boundary".
std::string token(ControlLineKind kind);
std::string chineseName(ControlLineKind kind);
/// The token or the Chinese name (简 or 繁), case-insensitive.
std::optional<ControlLineKind> parseControlLineKind(std::string_view text);

struct ControlLine {
    ControlLineKind kind = ControlLineKind::PermanentFarmland;
    geo::Polygon polygon;  ///< working CRS
    std::string source;    ///< "file.gpkg, layer 'x', feature 3 (FID 7)": for messages
};

/// Everything the buildings are checked against.
struct PlanRuleInputs {
    std::vector<CheckedZone> zones;
    std::vector<ProtectedTree> trees;
    std::vector<ControlLine> controlLines;
};

enum class Severity { Error, Warning };
std::string token(Severity severity);  ///< "error", "warning"

/// One finding, with where it is: the offending point (a tree, the centroid of an overlap or
/// of the footprint) in the working CRS.
struct RuleResult {
    std::string rule;  ///< "facade.palette", "roof.zone", "height.zone", "tree.protection", ...
    Severity severity = Severity::Error;
    std::string buildingId;
    std::string message;  ///< English; the rule's Chinese title is in the rules file
    double x = 0, y = 0;
    double measured = 0;  ///< ΔE00, metres, storeys, m² of overlap ...
    double limit = 0;     ///< the bound it broke (0 for "no overlap allowed")
};

/// One rule of the rules file. Rules a file leaves out are not checked.
struct PlanRuleSpec {
    std::string titleZh;  ///< 中文 title for reports
    Severity severity = Severity::Error;
};

/// What a zone kind allows. Empty roofForms: any roof; no value: no limit.
struct ZoneLimits {
    std::vector<std::string> roofForms;
    std::optional<double> maxHeightM;
    std::optional<int> maxStoreys;
};

/// assets/rules/plan_<jurisdiction>.json in memory (format in that file's "format" note).
struct PlanRuleSet {
    std::string jurisdiction;
    std::string title;
    /// By rule id: "facade.palette", "roof.zone", "height.zone", "tree.protection",
    /// "controlline.farmland", "controlline.ecological", "controlline.development_boundary".
    std::map<std::string, PlanRuleSpec> rules;
    double maxDeltaE00 = 10;  ///< a colour further than this from every palette colour fires
    /// style -> role -> allowed colours ("#RRGGBB").
    std::map<std::string, std::map<std::string, std::vector<std::string>>> palettes;
    std::map<ZoneKind, ZoneLimits> zones;
    /// Overlaps smaller than this (m²) are noise of digitising: a footprint that only touches
    /// a zone or a control line does not fire.
    double minOverlapM2 = 0.01;

    /// Reads and checks a rules file: unknown rule ids, zone kinds and severities, colours
    /// that are not #RRGGBB, negative numbers are errors naming the JSON path.
    static Result<PlanRuleSet> load(const std::string& path);
    /// plan_<jurisdiction>.json in Rules::directory().
    static Result<PlanRuleSet> forJurisdiction(const std::string& jurisdiction);
    /// The rule, or nullptr when the file does not enable it.
    const PlanRuleSpec* rule(std::string_view id) const;
};

/// Register zones (lon/lat CGCS2000, Records.h) into the working CRS; `name` labels them.
Result<std::vector<CheckedZone>> zonesInWorkingCrs(const std::vector<ProtectionZone>& zones,
                                                   const std::string& name,
                                                   const geo::Crs& working);

/// The graded trees (古树 and 名木; not trees under 100 years) with their protection radius
/// from the jurisdiction's rules: crown / 2 + margin, at least the minimum radius.
std::vector<ProtectedTree> protectedTrees(const std::vector<AncientTree>& trees,
                                          const Rules& rules);

/// Polygon features of a vector file (GeoPackage, Shapefile, GeoJSON; any CRS, transformed
/// into `working`) as control lines. With `kind` every feature is of that kind; without,
/// each feature's `kindField` says (a token or Chinese name). Errors name the file, and the
/// layer and feature where one is at fault; features without a polygon are errors too.
Result<std::vector<ControlLine>> loadControlLines(const std::string& path, const geo::Crs& working,
                                                  std::optional<ControlLineKind> kind,
                                                  const std::string& kindField = "kind");

/// Checks every building against every rule the set enables. Results come in building order,
/// then rule order (facade.palette, roof.zone, height.zone, tree.protection, controlline.*),
/// then in the order of the colours, trees and control lines. Input the checks cannot read
/// (a colour that is not #RRGGBB, a style or role the palettes lack, a footprint of fewer
/// than 3 points or crossing itself) is an error naming the building, and nothing is checked.
Result<std::vector<RuleResult>> checkPlanRules(const std::vector<CheckedBuilding>& buildings,
                                               const PlanRuleInputs& inputs,
                                               const PlanRuleSet& rules);

}  // namespace cunjing::heritage
