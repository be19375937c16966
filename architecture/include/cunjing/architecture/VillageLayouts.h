#pragma once
/// Village layout generators: each writes an editable VillagePlan around a site.
///
/// - comb (梳式布局): columns of 三间两廊 houses two a row, lanes between the columns, a 祠堂
///   in the front row, the 禾坪 forecourt and a half-moon 风水塘 in front, a banyan at the
///   village entrance; facing south to south-east with the ground rising behind.
/// - weilongwu: one Hakka 围龙屋 at a hill foot, facing away from the hill, with 风水林
///   trees on the slope behind (its 禾坪, 半月池 and 化胎 come with the building itself).
/// - sima-tuoche: a Chaoshan 驷马拖车 compound with its 埕 forecourt and a pond in front.
/// - street (圩镇街道): a market-town street in its messy current state: a 骑楼 row facing a
///   row of 骑楼, 自建房 and older houses, conditions (re-clad façades, AC units, 防盗网,
///   signboards, sheds, additions) drawn per building from the seed, the 三线 wires on
///   poles along one kerb with drops across; the street itself as a lane ground area.
///
/// Plans come in a local frame, metres, east = +x, north = +y, with the site at (0, 0) and no
/// CRS; translatePlan moves one onto the site. Each building's footprint is its masses'
/// bounding box in its own frame, turned to its heading (footprintOutline), so
/// placeOnFootprint on the plan puts each building exactly where the generator placed it.

#include <cunjing/architecture/Style.h>
#include <cunjing/architecture/VillagePlan.h>
#include <cunjing/geo/Crs.h>
#include <cunjing/geo/Result.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cunjing::architecture {

enum class VillageLayout { Comb, Weilongwu, SimaTuoche, Street };

/// "comb", "weilongwu", "sima-tuoche", "street".
std::string_view layoutName(VillageLayout layout);
std::optional<VillageLayout> parseLayout(std::string_view name);
/// "comb, weilongwu, sima-tuoche, street", for messages.
std::string layoutList();

/// Ground height in metres at an offset (east, north; metres) from the site, or nullopt where
/// it is not known (outside the DEM, nodata).
using GroundSampler = std::function<std::optional<double>(double dx, double dy)>;

/// Compass bearings a layout may face: comb 135..180 (south-east to south), weilongwu and
/// street any (street: the bearing the first row's fronts look to, across the street),
/// sima-tuoche 90..270 (the southern half); the default holds on level ground or with no DEM.
struct FacingRange {
    double minDeg = 0, maxDeg = 360;
    double defaultDeg = 180;
};
FacingRange facingRange(VillageLayout layout);

struct FacingChoice {
    double facingDeg = 180;
    /// Ground height behind minus in front of the site (m), along the chosen axis; 0 without
    /// a DEM.
    double rise = 0;
    bool fromGround = false;  ///< chosen from the ground samples, not the default
    std::string reason;       ///< one line for people: what was sampled and why this facing
};

/// The facing in `range` (5° steps) with the most ground rising from front to back, sampled
/// at up to `radius` metres in front of and behind the site. Falls back on the default when
/// there is no sampler, no samples, or no facing has the ground rise by 0.5 m.
FacingChoice chooseFacing(const GroundSampler& ground, const FacingRange& range, double radius);

struct VillageLayoutOptions {
    VillageLayout layout = VillageLayout::Comb;
    std::uint32_t seed = 1;
    int columns = 4;           ///< comb: columns of houses, 2..12 (the 祠堂 takes a slot between)
    int depth = 6;             ///< comb: houses in the deepest column, 4..8
    double laneWidth = 1.6;    ///< comb: lane between adjacent columns, 1.2..2.0 m
    double streetLength = 90;  ///< street: length of the rows, 30..300 m
    double streetWidth = 8;    ///< street: façade to façade, 5..16 m
    GroundSampler ground;      ///< empty: no DEM, default facing, ground heights left to the scene
    std::optional<double> facingDeg;  ///< fixed facing (inside the layout's range) instead
};

/// Errors name the option and its allowed range, every bad one at once.
Status validate(const VillageLayoutOptions& options);

struct VillageLayoutResult {
    VillagePlan plan;  ///< local frame, site at (0, 0), plan.crs empty
    FacingChoice facing;
};

/// Deterministic for options.seed. Needs the style (guangfu, hakka or chaoshan) and its
/// typologies among `styles`; errors name what is missing.
Result<VillageLayoutResult> generateVillage(const VillageLayoutOptions& options,
                                            const std::vector<Style>& styles);

/// Ground heights around a site from a DEM (read at full resolution with
/// terrain::HeightQuery); the site is (siteX, siteY) in siteCrs, which must be projected
/// (metres). Errors: the DEM cannot be read, or the site lies outside it (the message gives
/// the DEM's extent).
Result<GroundSampler> demGroundSampler(const std::string& demPath, const geo::Crs& siteCrs,
                                       double siteX, double siteY);

}  // namespace cunjing::architecture
