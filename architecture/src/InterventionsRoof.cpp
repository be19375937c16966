// 平改坡 (flat-to-pitched): the grey-tile cap a beautification plan puts on a flat roof. It is
// built from the same components as the traditional halls (Components.h): the concave 硬山
// slab, 筒瓦 tile rows, the ridge and 人字 gables with their dark coping and light band, so it
// reads as a Lingnan roof and not as a box.
#include "InterventionsParts.h"

#include "Components.h"
#include "Gable.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace cunjing::architecture {

namespace {

/// True when another flat mass at the same roof height shares box's side at x (a party line
/// between 骑楼 bays): the slopes meet there in a valley, with no eave to overhang.
bool sharedSide(const std::vector<Mass>& masses, const Mass& self, double x) {
    for (const Mass& m : masses) {
        if (&m == &self || !m.flatRoof || std::abs(m.eave - self.eave) > 0.05)
            continue;
        const Box2 b = boxOf(m.footprint), s = boxOf(self.footprint);
        const bool touches = std::abs(b.x0 - x) < 0.01 || std::abs(b.x1 - x) < 0.01;
        if (touches && std::min(b.y1, s.y1) - std::max(b.y0, s.y0) > 0.5)
            return true;
    }
    return false;
}

/// One mass's cap, built in a frame whose X runs along the ridge and whose section runs
/// across it (Components.h's hall frame): x in [0, length], u in [0, span].
void addCap(MeshBuilder& b, const InterventionPaints& p, const CapMeasures& m, double length,
            double span, double base, double overhangFront, double overhangBack, double wall) {
    RoofSection r;
    r.front = 0;
    r.back = span;
    r.ridge = 0.5 * span;
    r.thickness = m.thickness;
    // The slab's underside rests on the parapet top at the wall faces.
    r.eave = base + m.thickness;
    r.top = r.eave + 0.5 * span * std::tan(m.pitchDeg * std::numbers::pi / 180);
    r.sag = std::min(m.sag, 0.02 * span);
    r.overhangFront = overhangFront;
    r.overhangBack = overhangBack;
    // The gables stop 2 cm short of the parapet's inner face: a pediment standing on the
    // front parapet (骑楼 山花) keeps its own back face, with no coplanar flicker.
    const double inner = wall - 0.02;
    addHardGableRoof(b, r, inner, length - inner, m.segments, p.tile, p.soffit, p.fascia, false,
                     false);
    RidgeStyle ridge;
    ridge.capHeight = m.ridgeCap;
    addTileRows(b, r, inner, length - inner, m.tileSpacing, p.tile, ridgeHalfWidth(ridge),
                std::max(2, m.segments / 3));
    addRidge(b, inner, length - inner, r, ridge, p.ridge, false);
    GableStyle g;
    g.kind = GableKind::FollowRoof;
    g.clearance = 0.12;
    g.capBand = 0.22;
    g.foot = base;
    g.segments = m.segments;
    g.frontCorbel = true;
    const GableShape shape = gableShape(r, g);
    addGableWall(b, shape, 0, inner, p.gableWall, p.fascia, {p.gableBand});
    addGableWall(b, shape, length, length - inner, p.gableWall, p.fascia, {p.gableBand});
}

}  // namespace

void clearCappedRoofs(BuildingMesh& building, const CapMeasures& m) {
    struct Roof {
        Box2 box;
        double slab, top, wall;
    };
    std::vector<Roof> roofs;
    for (const Mass& mass : building.masses) {
        if (mass.flatRoof)
            roofs.push_back(
                {boxOf(mass.footprint), mass.eave, mass.eave + m.parapet, mass.wallTop});
    }
    const geo::Mesh& mesh = building.mesh;
    const auto standsOnRoof = [&](std::uint32_t first) {
        for (const Roof& r : roofs) {
            bool inside = true;
            double zMax = -1e30, zSum = 0;
            for (std::uint32_t k = first; k < first + 3; ++k) {
                const geo::Vec3f& v = mesh.positions[mesh.indices[k]];
                // Behind the front parapet's inner face, so a pediment on the front parapet
                // and the parapets themselves (no higher than their top) stay.
                inside = inside && v.x >= r.box.x0 - 0.005 && v.x <= r.box.x1 + 0.005 &&
                         v.y >= r.box.y0 + r.wall + 0.01 && v.y <= r.box.y1 + 0.005;
                zMax = std::max(zMax, static_cast<double>(v.z));
                zSum += v.z;
            }
            if (inside && zSum / 3 > r.slab + 0.01 && zMax > r.top + 0.01)
                return true;
        }
        return false;
    };
    std::vector<std::uint32_t> indices;
    std::vector<PartRange> parts;
    for (const PartRange& part : building.parts) {
        PartRange kept{part.kind, part.material, static_cast<std::uint32_t>(indices.size()), 0};
        for (std::uint32_t i = part.firstIndex; i < part.firstIndex + part.indexCount; i += 3) {
            if (standsOnRoof(i))
                continue;
            indices.insert(indices.end(), mesh.indices.begin() + i, mesh.indices.begin() + i + 3);
            kept.indexCount += 3;
        }
        if (kept.indexCount > 0)
            parts.push_back(kept);
    }
    building.mesh.indices = std::move(indices);
    building.parts = std::move(parts);
    mergeParts(building, {});  // drops the vertices no triangle uses any more
}

void addRoofCaps(MeshBuilder& b, const InterventionPaints& p, const CapMeasures& m,
                 std::vector<Mass>& masses) {
    for (Mass& mass : masses) {
        if (!mass.flatRoof)
            continue;
        const Box2 box = boxOf(mass.footprint);
        const double base = mass.eave + m.parapet;
        const double width = box.x1 - box.x0, depth = box.y1 - box.y0;
        if (depth >= width) {
            // Ridge front to back (the 竹筒屋 way): the section runs east (u = 0) to west.
            const double east = sharedSide(masses, mass, box.x1) ? 0 : m.overhang;
            const double west = sharedSide(masses, mass, box.x0) ? 0 : m.overhang;
            b.setFrame(Frame::at(box.x1, box.y0, 0, 0.5 * std::numbers::pi));
            addCap(b, p, m, depth, width, base, east, west, mass.wallTop);
        } else {
            // Ridge along the street: the section runs from the front (u = 0) to the back.
            b.setFrame(Frame::at(box.x0, box.y0, 0, 0));
            addCap(b, p, m, width, depth, base, m.overhang, m.overhang, mass.wallTop);
        }
        b.setFrame({});
        const double span = std::min(width, depth);
        const double ridgeTop = base + m.thickness +
                                0.5 * span * std::tan(m.pitchDeg * std::numbers::pi / 180) +
                                m.ridgeCap;
        mass.top = std::max(mass.top, ridgeTop);
    }
}

}  // namespace cunjing::architecture
