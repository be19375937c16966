#pragma once
/// One entry point for every typology: a style, a typology id, key=value overrides and a seed
/// give a BuildingMesh, the same one for the same inputs on every machine.

#include <cunjing/architecture/BuildingMesh.h>
#include <cunjing/architecture/LingnanHouse.h>
#include <cunjing/architecture/Style.h>
#include <cunjing/geo/Result.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cunjing::architecture {

/// key=value pairs applied in order: a dimension ("hallBay=4.5", inside the style's range),
/// an option ("gable=wok-ear", one of its allowed values), a palette role
/// ("material.wall=haoke", a material of the style), a current-condition param
/// ("facade_finish=bare-brick", "ac_units=3": any typology; see conditionParamKeys()) or a
/// plan's after-state param ("roof_cap=pitched", "wall_colour=#E6D8BC": any typology; see
/// interventionParamKeys()).
using ParamOverrides = std::vector<std::pair<std::string, std::string>>;

/// Splits "key=value" strings (as the CLI's --set gives them); errors name the bad one.
Result<ParamOverrides> parseOverrides(const std::vector<std::string>& keyValues);

/// The numbers and choices a generator builds from, after the seed and the overrides.
struct ResolvedTypology {
    const TypologySpec* spec = nullptr;
    std::map<std::string, double> dimensions;
    std::map<std::string, std::string> options;
    std::map<std::string, std::vector<MaterialId>> palette;
    /// Current-condition and after-state params (facade_finish, ac_units, roof_cap, ...):
    /// key -> checked value; empty when the building is drawn as built.
    std::map<std::string, std::string> conditions;
};

/// Seeded values stay inside the style's ranges; overrides must too. Errors name the style
/// file, the typology's JSON path and the allowed values.
Result<ResolvedTypology> resolveTypology(const Style& style, std::string_view typology,
                                         const ParamOverrides& overrides, std::uint32_t seed);

/// Deterministic for a seed; every vertex carries partId.
Result<BuildingMesh> generateBuilding(const Style& style, const std::string& typology,
                                      const ParamOverrides& overrides, std::uint32_t seed,
                                      std::uint32_t partId);

/// The current-condition params every typology takes: facade_finish
/// (original|bare-brick|tile|paint|plaster), paint_fade (0..1), rooftop_shed, window_cages
/// (true|false), ac_units, signboards (counts), additions (none|lean-to|extra-storey).
std::vector<std::string> conditionParamKeys();

/// The after-state params a town plan sets (TownPlan.h maps its actions onto them), any
/// typology: wall_colour and roof_colour (#RRGGBB), roof_cap (none|pitched: 平改坡 on a flat
/// roof), roof_cap_pitch (15..35°), windows (original|timber-lattice|aluminium), doors
/// (original|timber|glass; where a typology has a "doors" option, its values go to the
/// option), ac_screens, sign_band, greening (true|false).
std::vector<std::string> interventionParamKeys();

/// The plan grammars a typology's "generator" may name.
std::vector<std::string> generatorIds();

/// A hall section to draw a gable profile over, for elevations and tests.
struct GableSection {
    double depth = 7.0;       ///< front wall face to back wall face
    double eave = 3.8;        ///< tiles at the wall faces
    double ridge = 6.5;       ///< tiles at the ridge
    double overhang = 0.3;    ///< eaves past the walls
    double sag = 0.15;        ///< concave dip of each slope
    double wokEarRise = 1.4;  ///< for WokEar profiles
    int curveSegments = 12;
};

/// The coping line of a style's gable profile, front eave to back eave (y across, z up).
Result<std::vector<GablePoint>> gableCoping(const Style& style, std::string_view gable,
                                            const GableSection& section);

}  // namespace cunjing::architecture
