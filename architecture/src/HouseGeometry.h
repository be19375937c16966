#pragma once
/// Private: the measured lines of a 三间两廊 house and the 2D shapes built from them, shared
/// by the mesh generator and gableOutline(). Parameters are expected already sanitized.

#include <cunjing/architecture/LingnanHouse.h>

#include "MeshBuilder.h"

#include <vector>

namespace cunjing::architecture {

struct HouseLines {
    double halfWidth = 0;  ///< outer faces of the gables, x = ±halfWidth
    double wall = 0;       ///< wall thickness
    double front = 0;      ///< main row front wall face (y), which is also the courtyard's back
    double back = 0;       ///< main row back wall face (y)
    double ridge = 0;      ///< ridge line (y)
    double courtyardHalfWidth = 0;  ///< inner faces of the 廊 wings, x = ±this
};

HouseLines linesOf(const SanjianLianglangParams& p);

/// Top of the main roof tiles at y: through the ridge and the eave line, dipping by roofSag
/// between them (the slightly concave Lingnan slope) and lifting a little past the walls.
double mainRoofTop(const SanjianLianglangParams& p, const HouseLines& l, double y);

/// The gable in its own plane (u = y, v = z), counter-clockwise seen from +X.
struct GableShape {
    std::vector<V2>
        outline;  ///< plinth top, back corbel (墀头), coping end and curve; closes down the front
    std::size_t curveBegin = 0;  ///< outline[curveBegin..] is the coping curve, back to front
    std::vector<V2> coping;      ///< the coping curve alone
    std::vector<V2> capInner;    ///< the curve moved gableCapBand into the wall, point by point
    std::vector<V2> wallFace;    ///< outline with the coping curve replaced by capInner
};

GableShape gableShape(const SanjianLianglangParams& p, const HouseLines& l);

}  // namespace cunjing::architecture
