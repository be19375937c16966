#pragma once
/// Private: a building's current condition (domain.md §4, the "existing state" a town
/// beautification plan starts from): the façade finish it was re-clad in, faded paint, a 铁皮棚
/// on the flat roof, air-conditioner units, 防盗网 window cages, shop signboards and
/// 乱搭乱建 additions. Given as params (key=value) like any override; everything is off by
/// default, and a building with nothing on is built exactly as before.

#include <cunjing/architecture/Building.h>

#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cunjing::architecture {

enum class FacadeFinish { Original, BareBrick, Tile, Paint, Plaster };
enum class Addition { None, LeanTo, ExtraStorey };

struct Conditions {
    FacadeFinish finish = FacadeFinish::Original;  ///< facade_finish
    double paintFade = 0;                          ///< paint_fade, 0..1
    bool rooftopShed = false;                      ///< rooftop_shed: 铁皮棚 on a flat roof
    int acUnits = 0;                               ///< ac_units: outdoor units on the front
    bool windowCages = false;                      ///< window_cages: protruding 防盗网
    int signboards = 0;                            ///< signboards on the street front
    Addition addition = Addition::None;            ///< additions: lean-to | extra-storey
    /// No AC unit hangs lower than this: with the after state's sign band above the shop
    /// fronts, the units of the storey line it covers move up above it.
    double acUnitsFromZ = -std::numeric_limits<double>::infinity();

    bool drawsGeometry() const {
        return rooftopShed || acUnits > 0 || windowCages || signboards > 0 ||
               addition != Addition::None;
    }
};

/// "facade_finish, paint_fade, ...": the condition keys, for messages and help.
const std::vector<std::string>& conditionKeys();
bool isConditionKey(std::string_view key);

/// Checks one condition param and records it in `out`; the error names the allowed values.
/// facade_finish also points the wall roles of the palette at the finish's material, which
/// the style must have (hongzhuan, facade-tile, facade-paint, cement-plaster).
std::optional<Error> applyCondition(const Style& style, const TypologySpec& t,
                                    const std::string& key, const std::string& value,
                                    ResolvedTypology& out);

/// The conditions a resolved typology carries (all off when none were given).
Conditions conditionsOf(const ResolvedTypology& r);

/// The style's material of that id, if it has one.
std::optional<MaterialId> materialId(const Style& style, std::string_view id);

/// The two meshes' part runs merged, sorted by kind and material again (BuildingMesh.h);
/// vertices no triangle uses are dropped.
void mergeParts(BuildingMesh& into, const BuildingMesh& extra);

/// Draws the conditions onto a generated building: fades its wall colours and adds the
/// condition parts (in the same part runs as the rest, sorted again). Materials come from
/// the style by id (tin-sheet, ac-unit, steel-cage, sign-*, hongzhuan); a missing one is an
/// error. The seed places units and signs.
Status drawConditions(const Style& style, const Conditions& c, std::uint32_t seed,
                      std::uint32_t partId, BuildingMesh& building);

}  // namespace cunjing::architecture
