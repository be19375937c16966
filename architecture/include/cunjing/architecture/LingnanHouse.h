#pragma once
/// 三间两廊 (three bays, two side wings): the basic Guangfu house of Pearl River Delta
/// villages, generated as a plain geo::Mesh in the house's own frame.
///
/// Local frame, metres, Z up: the front (entrance side) looks towards -Y ("south") and is
/// centred on x = 0; the plot runs from y = 0 (front) to y = footprint depth (back); ground
/// at z = 0. Plan, front to back: a front wall and two 廊 wings flanking the 天井 courtyard,
/// then the main row of three bays (房, 厅, 房) under a double-pitched 硬山 roof, closed at
/// both ends by 山墙 gable walls that rise above the tiles.

#include <cunjing/geo/Mesh.h>
#include <cunjing/geo/Result.h>

#include <cstdint>
#include <vector>

namespace cunjing::architecture {

/// Outline of the 山墙 at each end of the main row.
enum class GableProfile {
    Herringbone,  ///< 人字: follows the roof slopes a little above the tiles
    WokEar,       ///< 镬耳: a rounded inverted-U "ear" standing well above the ridge
    CatEar,       ///< 猫耳 / 马鞍: eave ends flicked up under a broad low arch over the ridge
};

/// Where the entrance 廊 has its door. Comb villages open doors sideways onto the lane.
enum class EntranceSide {
    West,   ///< outer wall of the -X 廊
    East,   ///< outer wall of the +X 廊
    Front,  ///< the courtyard's front wall, for houses with no lane beside them
};

/// Guangfu palette (domain.md, "Palettes"), sRGB kept in display space like geo::parseHexColor.
struct HousePalette {
    geo::Rgba brickWall{122 / 255.f, 127 / 255.f, 132 / 255.f, 1};      ///< 青砖 #7A7F84
    geo::Rgba roofTile{90 / 255.f, 94 / 255.f, 99 / 255.f, 1};          ///< grey tile #5A5E63
    geo::Rgba limeWhite{237 / 255.f, 235 / 255.f, 228 / 255.f, 1};      ///< #EDEBE4 caps, frieze
    geo::Rgba granitePlinth{167 / 255.f, 163 / 255.f, 154 / 255.f, 1};  ///< #A7A39A, door frames
    geo::Rgba ridgeAccent{30 / 255.f, 30 / 255.f, 30 / 255.f, 1};       ///< #1E1E1E ridge, coping
    geo::Rgba doorDark{58 / 255.f, 42 / 255.f, 32 / 255.f, 1};          ///< #3A2A20 timber door
};

/// Every dimension of a 三间两廊 house, in metres. Defaults and ranges are domain.md §1.1's
/// [E] estimates: tunable, not fact.
struct SanjianLianglangParams {
    double hallBay = 4.2;          ///< 明间 (厅) width, 3.6..4.8
    double sideBay = 3.3;          ///< each 房 width, 3.0..3.6
    double mainDepth = 7.0;        ///< main row, front wall face to back wall face, 6..9
    double courtyardDepth = 2.5;   ///< 天井 depth along Y; the 廊 wings flank it, 2..4
    double wingDepth = 3.5;        ///< 廊 depth measured along the front (X), 3..4
    double eaveHeight = 3.8;       ///< main roof tiles where they cross the wall face, 3.3..4.5
    double ridgeHeight = 6.5;      ///< top of the tiles at the ridge, 5.5..7.5
    double wingEaveHeight = 3.2;   ///< 廊 roof at its low (courtyard) side
    double wingRoofRise = 1.0;     ///< 廊 single-pitch rise up to the outer wall
    double roofOverhang = 0.3;     ///< eaves past the front and back walls (none at 硬山 gables)
    double roofThickness = 0.12;   ///< tile bed
    double roofSag = 0.15;         ///< how far the slopes dip below a straight line (concave)
    double ridgeCapHeight = 0.25;  ///< 正脊 above the tiles
    double wallThickness = 0.35;   ///< brick, 0.3..0.4
    double plinthHeight = 0.3;     ///< granite plinth above ground
    double foundationDepth = 2.0;  ///< plinth below z = 0, so a house on a slope never floats
    double wokEarRise = 1.4;       ///< 镬耳 top above the ridge, 1.0..1.8
    double wokEarWidth = 0.5;      ///< ear width as a share of the gable's depth (refs: ~half)
    double gableClearance = 0.3;   ///< coping above the tiles where the gable follows the roof
    double gableCapBand = 0.3;     ///< lime-white band under the gable coping
    double eaveFrieze = 0.4;       ///< lime-white band under the main eaves (墙楣)
    double doorWidth = 1.0;
    double doorHeight = 2.2;
    double hallOpeningWidth = 1.8;  ///< 厅 opening onto the 天井
    double hallOpeningHeight = 2.8;
    double tileRowSpacing = 0;   ///< 筒瓦 tile rows, centre to centre; 0 leaves the plain slab
    double backWindowWidth = 0;  ///< small high windows of the 房 in the back wall; 0: none
    int curveSegments = 10;      ///< per curved stretch of gable or roof; fewer = lighter
    GableProfile gable = GableProfile::WokEar;
    EntranceSide entrance = EntranceSide::East;
    HousePalette palette;
};

struct Footprint {
    double width = 0;  ///< along X: three bays, gable walls included
    double depth = 0;  ///< along Y: courtyard, main row and the back eave's drip
};

Footprint footprintOf(const SanjianLianglangParams& params);

/// Errors name the field (Error::where) and its allowed range, every bad field at once;
/// limits that depend on other fields (ridge above eaves...) are checked once those pass.
Status validate(const SanjianLianglangParams& params);

/// A point of the gable outline in the plane of the gable (Y across, Z up).
struct GablePoint {
    double y = 0, z = 0;
};

/// The 山墙 outline as built, counter-clockwise seen from +X: a simple polygon from the
/// plinth up to the coping. Exposed for elevations and tests.
std::vector<GablePoint> gableOutline(const SanjianLianglangParams& params);

/// The house, flat shaded (vertices duplicated per face), counter-clockwise from outside,
/// every partId = partId. Out-of-range parameters are clamped; call validate() to report
/// them. About 650 triangles with the defaults.
geo::Mesh generateSanjianLianglang(const SanjianLianglangParams& params, std::uint32_t partId);

}  // namespace cunjing::architecture
