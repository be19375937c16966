#pragma once
/// A town beautification plan (美丽圩镇, domain.md §4): one JSON file with several
/// alternatives, each a list of interventions on the existing buildings, chosen by building
/// ID or by a selection rule, plus buildings added and removed. applyPlan turns the existing
/// state (the buildings as the scene generates them, with their current-condition params)
/// into the "after" state of one alternative; the scene regenerates what changed.
///
/// The file, by example (every key but "alternatives" optional; coordinates are the scene's
/// local metres, east/north of its origin):
///
///     {"format": "cunjing-plan 1", "id": "street-2027",
///      "title": {"zh": "圩镇街道整治", "en": "Market street works"},
///      "alternatives": [
///        {"id": "lingnan", "title": {"zh": "岭南骑楼风貌", "en": "Lingnan arcade street"},
///         "interventions": [
///           {"select": {"group": "street", "typology": ["nongfang"]},
///            "set": {"facade_finish": "plaster", "wall_colour": "#E6D8BC", "roof": "pitched",
///                    "ac_screens": true, "remove_additions": true}},
///           {"select": {"ids": ["street/street-a-03"]}, "set": {"sign_band": true}},
///           {"select": {"typology": ["dianxian"]}, "set": {"bury_wires": true}}],
///         "add": [{"id": "kiosk", "style": "guangfu", "typology": "nongfang", "at": [-150, -180],
///                  "facing": 180, "storeys": 2, "seed": 1, "set": {"wall_colour": "#E6D8BC"}}],
///         "remove": ["street/street-b-04"]}]}
///
/// The "set" vocabulary (planActionKeys(); each becomes building params, Building.h):
///   facade_finish  original|paint|plaster|tile|bare-brick   -> facade_finish
///   wall_colour    "#RRGGBB" (a repaint colour)              -> wall_colour
///   roof           pitched (平改坡 on a flat roof) | flat      -> roof_cap=pitched|none
///   roof_colour    "#RRGGBB"                                 -> roof_colour
///   windows        original|timber-lattice|aluminium         -> windows
///   doors          original|timber|glass                     -> doors
///   ac_screens     true|false (空调格栅)                       -> ac_screens
///   sign_band      true|false (统一招牌带; signboards removed)  -> sign_band, signboards=0
///   remove_additions true (拆除乱搭乱建)
///                  -> additions=none, rooftop_shed=false, window_cages=false
///   repaint        true (翻新, the fading gone)               -> paint_fade=0
///   greening       true|false (四小园 planters)                -> greening
///   bury_wires     true (三线下地): a selected dianxian is removed; others untouched
///   remove         true: the selected buildings are demolished
/// An intervention later in the list wins over an earlier one for the same key.

#include <cunjing/architecture/Building.h>
#include <cunjing/architecture/Style.h>
#include <cunjing/architecture/VillagePlan.h>
#include <cunjing/geo/Result.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cunjing::architecture {

/// Which buildings an intervention applies to: every condition given must hold (AND); an
/// empty selection selects nothing. Values listed match any of them (OR).
struct PlanSelection {
    std::vector<std::string> ids;         ///< scene building ids ("street/street-a-03")
    std::vector<std::string> groups;      ///< the scene entry ids ("street")
    std::vector<std::string> styles;      ///< "guangfu"
    std::vector<std::string> typologies;  ///< "nongfang", "qilou"
    std::vector<std::string> roofs;       ///< the roof form now: "flat", "pitched", ...
    /// Zone names the building must lie in (PlanBuilding::zones: the scene fills them,
    /// e.g. "core", "control", "coordination").
    std::vector<std::string> zones;
    /// A polygon (local metres, 3+ points): the footprint's centroid must lie inside.
    std::vector<Point2> within;

    bool empty() const {
        return ids.empty() && groups.empty() && styles.empty() && typologies.empty() &&
               roofs.empty() && zones.empty() && within.empty();
    }
};

/// One "set" entry: a key of planActionKeys() and its value as text ("#E6D8BC", "true",
/// "plaster"); the writer gives booleans back as JSON booleans.
using PlanAction = std::pair<std::string, std::string>;

struct PlanIntervention {
    PlanSelection select;
    std::vector<PlanAction> set;  ///< in file order
    std::string note;             ///< optional "note": the designer's reason, kept as is
};

/// A building the plan adds (local metres).
struct PlanAddition {
    std::string id;  ///< becomes the scene id "plan/<id>"
    std::string style, typology;
    Point2 at;
    double facingDeg = 180;
    int storeys = 0;  ///< 0: the typology's default
    std::uint32_t seed = 1;
    std::vector<PlanAction> set;  ///< the same vocabulary as interventions
};

struct PlanAlternative {
    std::string id;
    std::string titleZh, titleEn;
    std::vector<PlanIntervention> interventions;
    std::vector<PlanAddition> add;
    std::vector<std::string> remove;  ///< scene building ids
};

struct TownPlan {
    std::string file;  ///< where it was read from (messages, saving back); may be empty
    std::string id;
    std::string titleZh, titleEn;
    std::vector<PlanAlternative> alternatives;

    /// nullptr when the plan has no alternative of that id.
    const PlanAlternative* findAlternative(std::string_view id) const;
    PlanAlternative* findAlternative(std::string_view id);
    /// "existing, modern": the alternatives' ids, for messages.
    std::string alternativeIds() const;
};

/// The "set" keys, in the order above.
const std::vector<std::string>& planActionKeys();
/// Checks one action (known key, value allowed for it: a colour must be "#RRGGBB"); the
/// message names the allowed values.
std::optional<std::string> checkPlanAction(const PlanAction& action);

/// Reads and checks a plan file. Every problem is reported with the file and its JSON path
/// ("$.alternatives[0].interventions[2].set.wall_colour"): unknown keys (at every level),
/// unknown actions, bad values, malformed colours, duplicate alternative ids, an empty
/// selection. Buildings named by id are checked later, against the scene (applyPlan).
Result<TownPlan> readTownPlan(const std::string& path);
Result<TownPlan> parseTownPlan(const std::string& text, const std::string& file);

/// The plan as JSON text: two-space indent, keys in the order of the example above, one
/// intervention's selection and set on few lines so a person can edit it by hand; read back
/// by parseTownPlan into an equal plan.
std::string formatTownPlan(const TownPlan& plan);
/// Writes formatTownPlan through a temporary file renamed into place.
Status writeTownPlan(const TownPlan& plan, const std::string& path);

/// A building of the existing state, as the plan sees it.
struct PlanBuilding {
    std::string id;     ///< unique in the scene: "<group>/<footprint id>", or "<group>"
    std::string group;  ///< the scene entry it comes from
    /// Style, typology, storeys, seed, facing, params (the current condition) and the outline
    /// (local metres) it stands on.
    BuildingFootprint footprint;
    std::vector<std::string> zones;  ///< zone names it lies in (PlanSelection::zones)
};

/// True when `selection` selects `building` (every condition given holds), whose roof form in
/// the existing state is `roofForm` (roofFormOf; read only when the selection names roofs). An
/// empty selection selects nothing. applyPlan and the viewer's plan editor both select by it.
bool selects(const PlanSelection& selection, const PlanBuilding& building,
             std::string_view roofForm);

/// What an alternative did to one building, for the change list.
struct PlanChange {
    enum class Kind { Modified, Added, Removed };
    Kind kind = Kind::Modified;
    std::string buildingId;
    /// The actions that took effect, in order ("wall_colour=#E6D8BC", "roof=pitched"); for a
    /// removal the reason ("remove", "bury_wires").
    std::vector<PlanAction> actions;
    /// JSON paths of the interventions (or add/remove entries) that touched it.
    std::vector<std::string> sources;
};

struct AppliedPlan {
    /// The after state: kept and modified buildings in their existing order (modified ones
    /// carry the new params in footprint.overrides), then the added ones (id "plan/<id>",
    /// group "plan", outline: what the generated masses fill at `at`, footprintOutline).
    std::vector<PlanBuilding> buildings;
    std::vector<PlanChange> changes;  ///< in the order of `buildings`, removals last
};

/// The roof form a building has as its params leave it: "flat", "pitched", "hip",
/// "flat-to-pitched" (roof_cap=pitched on a flat roof) or "none" (wires). Unknown style or
/// typology: empty.
std::string roofFormOf(const std::vector<Style>& styles, const BuildingFootprint& building);

/// What the plan rules (heritage/PlanRules.h) check of a generated building.
struct BuildingFacts {
    /// Eave height (檐口) above the floor, metres: the top of its walls (a flat roof's
    /// parapet), not a pitched roof's ridge.
    double eaveHeightM = 0;
    int storeys = 0;       ///< the typology's storeys after params; 1 when it has none
    std::string roofForm;  ///< roofFormOf
    /// The colours it shows, by palette role of the rules file: "wall" (the front wall's
    /// colour: wall_colour, else its finish's or palette's material), "roof", "trim".
    std::vector<std::pair<std::string, std::string>> colours;  ///< role, "#RRGGBB"
};
/// From the building's params and its generated mesh.
Result<BuildingFacts> buildingFacts(const std::vector<Style>& styles,
                                    const BuildingFootprint& building, const BuildingMesh& mesh);

/// Applies one alternative. Errors name the plan file and JSON path: an id that names no
/// building ("$.alternatives[0].remove[1]: no building 'street/x'"), an added id already
/// taken, an unknown style or typology, params the typology refuses. A selection rule that
/// selects nothing is a warning. The existing buildings are not changed.
Result<AppliedPlan> applyPlan(const TownPlan& plan, const PlanAlternative& alternative,
                              const std::vector<PlanBuilding>& existing,
                              const std::vector<Style>& styles);

}  // namespace cunjing::architecture
