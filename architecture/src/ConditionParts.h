#pragma once
/// Private: the geometry of a building's current condition (Conditions.h), placed from what
/// the generator made: the masses give the street front, the storeys and the flat roofs, the
/// window leaves give where the 防盗网 cages go.

#include "Conditions.h"
#include "MeshBuilder.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace cunjing::architecture {

/// An axis-aligned box in the building's frame; empty (x0 > x1) until a point is added.
struct Box2 {
    double x0 = 1e30, y0 = 1e30, x1 = -1e30, y1 = -1e30;
    double width() const { return x1 - x0; }
    double depth() const { return y1 - y0; }
};
/// The box around a footprint ring.
Box2 boxOf(const std::vector<Point2>& ring);

/// The style's material `id` as a paint of `kind`. A style without it gets an error ("`user`
/// need material ...") on `errors` and the default paint.
Paint stylePaint(const Style& style, const char* id, PartKind kind, const std::string& user,
                 std::vector<Error>& errors);

struct ConditionPaints {
    Paint tin;     ///< 铁皮 sheet: sheds, lean-to roofs
    Paint unit;    ///< air-conditioner casings
    Paint cage;    ///< 防盗网 steel bars
    Paint brick;   ///< 红砖 of additions
    Paint slab;    ///< concrete slabs
    Paint window;  ///< openings in additions, unit grilles
    std::vector<Paint> signs;
};

/// The street front of a building: the faces of its front-most masses (frame of building,
/// front towards -Y).
struct StreetFront {
    double x0 = 0, x1 = 0, y = 0;
    double base = 0, eave = 0;
    int storeys = 1;
    double storeyHeight() const { return (eave - base) / std::max(1, storeys); }
};
StreetFront streetFront(const std::vector<Mass>& masses);

/// Where an outdoor AC unit hangs: u along the street front, z its bottom. A unit is 0.8 m
/// wide (u ± 0.4), 0.3 m deep standing 0.06 m off the wall, 0.55 m tall, on brackets below.
struct AcUnitSpot {
    double u = 0, z = 0;
};
/// The seeded spots of `count` units: one per storey line and 2 m column, shuffled; a storey
/// line below `fromZ` is lifted to it.
std::vector<AcUnitSpot> acUnitSpots(const StreetFront& f, int count, std::uint32_t seed,
                                    double fromZ = -std::numeric_limits<double>::infinity());

/// A window opening found from the mesh: its centre on the wall face, its size, the face's
/// outward direction (axis-aligned faces only).
struct WindowOpening {
    double cx = 0, cy = 0, z0 = 0, z1 = 0, width = 0;
    double nx = 0, ny = -1;
};
std::vector<WindowOpening> windowOpenings(const BuildingMesh& building);

/// Adds every condition part to b; additions also add their masses to building.masses.
void addConditionParts(MeshBuilder& b, const Conditions& c, const ConditionPaints& paints,
                       std::uint32_t seed, BuildingMesh& building);

}  // namespace cunjing::architecture
