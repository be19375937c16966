#pragma once
/// Private: a building's "after" state in a town beautification plan (美丽圩镇, TownPlan.h):
/// a repaint, 平改坡 (a pitched tiled cap on a flat roof), new windows and doors, screened
/// air-conditioner units, one unified sign band and 四小园 planters. Given as params
/// (key=value) like the current-condition params (Conditions.h) and kept beside them in
/// ResolvedTypology::conditions; everything is off by default, and a building with nothing
/// on is built exactly as before.

#include "Conditions.h"

#include <cunjing/architecture/Building.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cunjing::architecture {

enum class WindowType { Original, TimberLattice, Aluminium };
enum class DoorType { Original, Timber, Glass };

struct Interventions {
    std::optional<geo::Rgba> wallColour;  ///< wall_colour: the walls repainted
    std::string wallHex;                  ///< wall_colour as given ("#E6D8BC")
    bool roofCap = false;                 ///< roof_cap=pitched: 平改坡
    double roofCapPitchDeg = 25;  ///< roof_cap_pitch: the cap's slope (domain.md §4 [E]: 25-30°)
    std::optional<geo::Rgba> roofColour;  ///< roof_colour: the tiles recoloured
    std::string roofHex;
    WindowType windows = WindowType::Original;
    DoorType doors = DoorType::Original;
    bool acScreens = false;  ///< ac_screens: a louvred box round every outdoor unit
    bool signBand = false;   ///< sign_band: one board along the front; signboards dropped
    bool greening = false;   ///< greening: 四小园 planters along the front

    bool any() const {
        return wallColour || roofCap || roofColour || windows != WindowType::Original ||
               doors != DoorType::Original || acScreens || signBand || greening;
    }
};

/// "wall_colour, roof_cap, ...": the intervention keys, for messages and help.
const std::vector<std::string>& interventionKeys();
bool isInterventionKey(std::string_view key);

/// Checks one intervention param and records it in `out`; the error names the allowed values.
std::optional<Error> applyIntervention(const Style& style, const TypologySpec& t,
                                       const std::string& key, const std::string& value,
                                       ResolvedTypology& out);

/// The interventions a resolved typology carries (all off when none were given).
Interventions interventionsOf(const ResolvedTypology& r);

/// True when roof_cap=pitched has a flat roof to go on (RoofForm::Flat or a flat-roof mass).
bool capsFlatRoof(const Interventions& iv, const std::vector<Mass>& masses);

/// Where the sign band's top edge comes on the building's street front: the top of the ground
/// storey (the typology's own storey heights where it has them, else above the door heads).
double signBandTop(const ResolvedTypology& r, const BuildingMesh& building);

/// The "#RRGGBB" of a colour (rounded to 8 bits a channel), as style files write them.
std::string hexOf(const geo::Rgba& c);

/// Draws the after state onto a generated building, before its current conditions are
/// drawn (so a window cage still goes over a new window): recolours walls, roof, windows and
/// doors, puts a 平改坡 cap on every flat roof (clearing the stair head under it) and adds
/// lattices, the screens round the AC units `c` will place, the sign band and planters.
/// Materials come from the style by id (window-timber, window-aluminium, door-hardwood,
/// door-glass, ac-screen, sign-band, sign-band-gold, planter, planter-soil, shrub-green,
/// shrub-dark, shrub-light, grey-tile); a missing one is an error naming it.
Status drawInterventions(const Style& style, const ResolvedTypology& r, const Interventions& iv,
                         const Conditions& c, std::uint32_t seed, std::uint32_t partId,
                         BuildingMesh& building);

}  // namespace cunjing::architecture
