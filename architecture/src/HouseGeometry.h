#pragma once
/// Private: the measured lines of a 三间两廊 house and the 2D shapes built from them, shared
/// by the mesh generator, gableOutline() and the style-driven typology. Parameters are
/// expected already sanitized.

#include <cunjing/architecture/LingnanHouse.h>

#include "Components.h"
#include "Gable.h"
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

/// The main row's roof section (u = y).
RoofSection mainRoofOf(const SanjianLianglangParams& p, const HouseLines& l);

/// The gable the enum names, with the house's clearance, band and segments.
GableStyle gableStyleOf(const SanjianLianglangParams& p);

/// 猫耳 (cat-ear, 马鞍 saddle) crown used when no style file supplies one.
const std::vector<Point2>& builtinCatEarCrown();

/// The palette as paints without materials.
HallPaints paintsOf(const HousePalette& palette);

/// What the style adds to the plain parameter set: the gable drawn, paints with materials,
/// tile rows and ridge ornaments.
struct HouseDetail {
    GableStyle gable;
    HallPaints paints;
    RoofDetail roof;
};

void buildSanjianLianglang(MeshBuilder& b, const SanjianLianglangParams& p, const HouseDetail& d);

}  // namespace cunjing::architecture
