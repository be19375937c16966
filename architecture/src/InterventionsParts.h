#pragma once
/// Private: the geometry of a plan's interventions (Interventions.h), placed from what the
/// generator made, as the current-condition parts are (ConditionParts.h).

#include "ConditionParts.h"
#include "Interventions.h"
#include "MeshBuilder.h"

#include <cstdint>
#include <vector>

namespace cunjing::architecture {

/// Everything the parts are painted with; roles of the typology's palette where the building
/// has them (its tiles, ridge, gable band), the style's intervention materials otherwise.
struct InterventionPaints {
    Paint tile, soffit, fascia, ridge, gableWall, gableBand;  ///< the 平改坡 cap
    Paint lattice;                                            ///< timber or aluminium bars
    Paint screen;                                             ///< AC screen slats
    Paint board, gold;                                        ///< the sign band
    Paint planter, soil;
    std::vector<Paint> shrubs;
};

/// The cap's measures, from the typology's dimensions (roofThickness, roofOverhang, ...).
struct CapMeasures {
    double pitchDeg = 24;
    double parapet = 1.0;  ///< parapetHeight: the cap sits on the parapet top
    double thickness = 0.12, overhang = 0.35, sag = 0.05;
    double tileSpacing = 0.5, ridgeCap = 0.25;
    int segments = 10;
};

/// Takes off the flat roofs what would stand through a cap: everything above the parapet
/// top behind the front parapet (the 楼梯间 stair head), which the new roof space encloses.
void clearCappedRoofs(BuildingMesh& building, const CapMeasures& m);

/// 平改坡: a double-pitched tiled roof with 人字 gable ends on every flat-roofed mass, ridge
/// along its longer side; masses side by side (骑楼 bays) meet in a valley. Raises each
/// capped mass's top.
void addRoofCaps(MeshBuilder& b, const InterventionPaints& p, const CapMeasures& m,
                 std::vector<Mass>& masses);

}  // namespace cunjing::architecture
