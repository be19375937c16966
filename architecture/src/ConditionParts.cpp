// The parts of a building's current condition: 空调外机, 防盗网, 招牌, 铁皮棚 and the
// 乱搭乱建 lean-to or extra storey. Sizes are everyday ones [E]: a split unit's outdoor box
// is about 0.8 × 0.3 × 0.55 m, a cage stands 0.3-0.4 m off the wall.
#include "ConditionParts.h"

#include "Typology.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

namespace cunjing::architecture {

Box2 boxOf(const std::vector<Point2>& ring) {
    Box2 b;
    for (const Point2& p : ring) {
        b.x0 = std::min(b.x0, p.x), b.x1 = std::max(b.x1, p.x);
        b.y0 = std::min(b.y0, p.y), b.y1 = std::max(b.y1, p.y);
    }
    return b;
}

namespace {

constexpr unsigned kSides = kAllFaces & ~(kNegZ | kPosZ);

/// A frame on a wall face: local y = 0 on the face, -Y outwards, x along the face.
Frame faceFrame(double x, double y, double nx, double ny) {
    return Frame::at(x, y, 0, std::atan2(nx, -ny));
}

/// An outdoor unit hung at u on the face, its bottom at z, with brackets and a pipe.
void addAcUnit(MeshBuilder& b, const ConditionPaints& p, double u, double z) {
    const double w = 0.8, d = 0.3, h = 0.55, gap = 0.06;
    b.addBox({u - 0.5 * w, -gap - d, z}, {u + 0.5 * w, -gap, z + h}, kAllFaces, p.unit);
    // The fan grille: a dark disc-sized square on the front, left of centre.
    b.addQuad({u - 0.36, -gap - d - 0.005, z + 0.08}, {u + 0.06, -gap - d - 0.005, z + 0.08},
              {u + 0.06, -gap - d - 0.005, z + 0.47}, {u - 0.36, -gap - d - 0.005, z + 0.47},
              {0, -1, 0}, p.window.as(PartKind::Ornaments));
    for (const double s : {-0.3, 0.3})  // L-brackets under the unit
        b.addBox({u + s - 0.02, -gap - d, z - 0.05}, {u + s + 0.02, 0, z}, kAllFaces, p.cage);
    // Refrigerant pipe out of the unit's side, along the wall and into it.
    const double px = u + 0.5 * w + 0.05;
    b.addBox({u + 0.5 * w, -0.2, z + 0.3}, {px + 0.03, -0.16, z + 0.34}, kAllFaces, p.unit);
    b.addBox({px - 0.01, -0.2, z + 0.3}, {px + 0.03, -0.16, z + 0.95}, kAllFaces, p.unit);
}

void addAcUnits(MeshBuilder& b, const ConditionPaints& p, const StreetFront& f, const Conditions& c,
                std::uint32_t seed) {
    b.setFrame(faceFrame(0, f.y, 0, -1));
    for (const AcUnitSpot& spot : acUnitSpots(f, c.acUnits, seed, c.acUnitsFromZ))
        addAcUnit(b, p, spot.u, spot.z);
    b.setFrame({});
}

/// A 防盗网 cage over one window: a bar grille standing off the wall, a sheet on top.
void addCage(MeshBuilder& b, const ConditionPaints& p, const WindowOpening& w) {
    b.setFrame(faceFrame(w.cx, w.cy, w.nx, w.ny));
    const double hw = 0.5 * w.width + 0.08, z0 = w.z0 - 0.1, z1 = w.z1 + 0.1, d = 0.35, t = 0.025;
    const int bars = std::max(3, static_cast<int>(std::ceil(2 * hw / 0.14)));
    for (int i = 0; i <= bars; ++i) {
        const double x = -hw + 2 * hw * i / bars;
        b.addBox({x - 0.5 * t, -d, z0}, {x + 0.5 * t, -d + t, z1}, kSides, p.cage);
    }
    for (const double z : {z0, 0.5 * (z0 + z1), z1 - t})
        b.addBox({-hw, -d - 0.005, z}, {hw, -d + t + 0.005, z + t}, kAllFaces, p.cage);
    for (const double x : {-hw, hw - t}) {
        for (const double z : {z0, z1 - t})
            b.addBox({x, -d, z}, {x + t, 0, z + t}, kAllFaces, p.cage);
        b.addBox({x, -0.5 * d, z0}, {x + t, -0.5 * d + t, z1}, kSides, p.cage);
    }
    b.addBox({-hw - 0.05, -d - 0.08, z1}, {hw + 0.05, 0, z1 + 0.02}, kAllFaces,
             p.tin.as(PartKind::Windows));
    b.setFrame({});
}

/// Mismatched signboards over the shop fronts: sizes, heights and colours all differ; one may
/// be a vertical blade sign standing out from an upper floor.
void addSignboards(MeshBuilder& b, const ConditionPaints& p, const StreetFront& f, int count,
                   std::uint32_t seed) {
    b.setFrame(faceFrame(0, f.y, 0, -1));
    const double floor1 = f.storeys <= 1 ? f.eave - 0.2 : f.base + f.storeyHeight();
    const double slot = (f.x1 - f.x0) / count;
    const auto r = [&](const std::string& salt, int i) {
        return seededUnit(seed, "sign/" + salt + "/" + std::to_string(i));
    };
    for (int i = 0; i < count; ++i) {
        const Paint& face = p.signs[static_cast<std::size_t>(r("colour", i) * p.signs.size())];
        const Paint& text =
            p.signs[(static_cast<std::size_t>(r("colour", i) * p.signs.size()) + 1 +
                     static_cast<std::size_t>(r("text", i) * (p.signs.size() - 1))) %
                    p.signs.size()];
        const double cx = f.x0 + (i + 0.5) * slot + (r("x", i) - 0.5) * 0.2 * slot;
        if (f.storeys >= 3 && i == count - 1 && r("blade", i) < 0.5) {
            const double z = floor1 + 0.4;
            b.addBox({cx - 0.06, -0.8, z}, {cx + 0.06, -0.05, z + 2.4}, kAllFaces, face);
            b.addBox({cx - 0.07, -0.7, z + 0.15}, {cx + 0.07, -0.15, z + 2.25}, kSides, text);
            continue;
        }
        const double w = std::min(slot - 0.1, slot * (0.45 + 0.45 * r("w", i)));
        const double h = 0.55 + 0.7 * r("h", i), out = 0.06 + 0.12 * r("out", i);
        const double top = std::min(f.eave - 0.1, floor1 + 0.5 - 0.45 * r("z", i));
        b.addBox({cx - 0.5 * w, -out, top - h}, {cx + 0.5 * w, 0, top}, kAllFaces & ~kPosY, face);
        // The lettering: a contrasting panel across the board's middle.
        b.addQuad({cx - 0.38 * w, -out - 0.005, top - 0.7 * h},
                  {cx + 0.38 * w, -out - 0.005, top - 0.7 * h},
                  {cx + 0.38 * w, -out - 0.005, top - 0.3 * h},
                  {cx - 0.38 * w, -out - 0.005, top - 0.3 * h}, {0, -1, 0}, text);
    }
    b.setFrame({});
}

/// A mono-pitch sheet roof from (x0, y0) to (x1, y1), zHigh along y0 falling to zLow at y1.
void addSheetRoof(MeshBuilder& b, const Paint& sheet, double x0, double y0, double x1, double y1,
                  double zHigh, double zLow) {
    const double t = 0.05;
    b.addHexahedron(
        {V3{x0, y0, zHigh}, V3{x1, y0, zHigh}, V3{x1, y1, zLow}, V3{x0, y1, zLow},
         V3{x0, y0, zHigh + t}, V3{x1, y0, zHigh + t}, V3{x1, y1, zLow + t}, V3{x0, y1, zLow + t}},
        kAllFaces, sheet);
}

Mass* largestFlatRoof(std::vector<Mass>& masses) {
    Mass* best = nullptr;
    double area = 0;
    for (Mass& m : masses) {
        const Box2 box = boxOf(m.footprint);
        if (m.flatRoof && box.width() * box.depth() > area) {
            best = &m;
            area = box.width() * box.depth();
        }
    }
    return best;
}

/// 铁皮棚: a sheet-steel shed over the back of the flat roof, walls and a sloping roof.
void addRooftopShed(MeshBuilder& b, const ConditionPaints& p, const Mass& m) {
    const Box2 box = boxOf(m.footprint);
    const double w = m.wallTop + 0.1, z = m.eave;
    const double x0 = box.x0 + w, x1 = box.x1 - w, y1 = box.y1 - w;
    const double y0 = y1 - std::min(6.0, 0.45 * box.depth());
    b.addBox({x0, y0, z}, {x1, y1, z + 2.1}, kAllFaces & ~kNegZ, p.tin.as(PartKind::Walls));
    b.addQuad({0.5 * (x0 + x1) - 0.45, y0 - 0.005, z}, {0.5 * (x0 + x1) + 0.45, y0 - 0.005, z},
              {0.5 * (x0 + x1) + 0.45, y0 - 0.005, z + 1.9},
              {0.5 * (x0 + x1) - 0.45, y0 - 0.005, z + 1.9}, {0, -1, 0}, p.window);
    addSheetRoof(b, p.tin, x0 - 0.2, y0 - 0.4, x1 + 0.2, y1, z + 2.45, z + 2.1);
}

/// 加建: one storey of bare red brick on the front of the flat roof, windows to the street.
void addExtraStorey(MeshBuilder& b, const ConditionPaints& p, Mass& m, std::uint32_t seed) {
    const Box2 box = boxOf(m.footprint);
    const double w = m.wallTop + 0.05, z = m.eave, h = 2.8;
    const double share = 0.55 + 0.3 * seededUnit(seed, "addition/width");
    const double x0 = box.x0 + w, x1 = x0 + share * (box.width() - 2 * w);
    const double y0 = box.y0 + 1.2, y1 = y0 + std::min(7.0, 0.45 * box.depth());
    b.addBox({x0, y0, z}, {x1, y1, z + h}, kAllFaces & ~kNegZ, p.brick);
    const int windows = std::max(1, static_cast<int>((x1 - x0) / 3.0));
    for (int i = 0; i < windows; ++i) {
        const double cx = x0 + (i + 0.5) * (x1 - x0) / windows;
        b.addQuad({cx - 0.6, y0 - 0.01, z + 0.9}, {cx + 0.6, y0 - 0.01, z + 0.9},
                  {cx + 0.6, y0 - 0.01, z + 2.1}, {cx - 0.6, y0 - 0.01, z + 2.1}, {0, -1, 0},
                  p.window);
    }
    b.addBox({x0 - 0.15, y0 - 0.15, z + h}, {x1 + 0.15, y1 + 0.15, z + h + 0.12}, kAllFaces,
             p.slab);
    m.top = std::max(m.top, z + h + 0.12);
}

/// 搭建: a one-room brick lean-to against the back wall under a sheet roof.
void addLeanTo(MeshBuilder& b, const ConditionPaints& p, std::vector<Mass>& masses,
               std::uint32_t seed) {
    Box2 all;
    double base = 0;
    for (const Mass& m : masses) {
        const Box2 box = boxOf(m.footprint);
        all.x0 = std::min(all.x0, box.x0), all.x1 = std::max(all.x1, box.x1);
        all.y0 = std::min(all.y0, box.y0), all.y1 = std::max(all.y1, box.y1);
        base = std::min(base, m.base);
    }
    const double width = std::min(all.width(), 2.4 + 1.2 * seededUnit(seed, "lean-to/width"));
    const double depth = 2.5 + 1.0 * seededUnit(seed, "lean-to/depth");
    const double x0 = all.x0 + (all.width() - width) * seededUnit(seed, "lean-to/x");
    const double x1 = x0 + width, y0 = all.y1, y1 = y0 + depth, h = 2.5;
    b.addBox({x0, y0, base}, {x1, y1, base + h}, kAllFaces & ~(kNegZ | kNegY), p.brick);
    b.addQuad({x1 + 0.01, y0 + 0.4, base}, {x1 + 0.01, y0 + 1.3, base},
              {x1 + 0.01, y0 + 1.3, base + 2.0}, {x1 + 0.01, y0 + 0.4, base + 2.0}, {1, 0, 0},
              p.window);
    addSheetRoof(b, p.tin, x0 - 0.2, y0, x1 + 0.2, y1 + 0.25, base + h + 0.45, base + h);
    Mass m;
    m.role = "addition";
    m.footprint = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
    m.base = base;
    m.eave = base + h;
    m.top = base + h + 0.5;
    m.wallBase = m.wallTop = 0.24;
    masses.push_back(std::move(m));
}

}  // namespace

StreetFront streetFront(const std::vector<Mass>& masses) {
    StreetFront f;
    double ymin = 1e30;
    for (const Mass& m : masses)
        ymin = std::min(ymin, boxOf(m.footprint).y0);
    f.x0 = 1e30, f.x1 = -1e30, f.y = ymin, f.base = 1e30;
    for (const Mass& m : masses) {
        const Box2 box = boxOf(m.footprint);
        if (box.y0 > ymin + 0.5)
            continue;
        f.x0 = std::min(f.x0, box.x0), f.x1 = std::max(f.x1, box.x1);
        f.base = std::min(f.base, m.base);
        f.eave = std::max(f.eave, m.eave);
        f.storeys = std::max(f.storeys, m.storeys);
    }
    return f;
}

std::vector<AcUnitSpot> acUnitSpots(const StreetFront& f, int count, std::uint32_t seed,
                                    double fromZ) {
    const int columns = std::max(1, static_cast<int>((f.x1 - f.x0) / 2.0));
    std::vector<double> levels;
    if (f.storeys <= 1) {
        levels.push_back(f.base + std::min(2.3, f.eave - f.base - 0.9));
    } else {
        for (int k = 1; k < f.storeys; ++k)
            levels.push_back(f.base + k * f.storeyHeight() + 0.15);
    }
    for (double& z : levels)
        z = std::max(z, fromZ);
    std::vector<int> slots(levels.size() * columns);
    std::iota(slots.begin(), slots.end(), 0);
    for (std::size_t i = 0; i + 1 < slots.size(); ++i) {  // seeded shuffle, all platforms alike
        const double r = seededUnit(seed, "ac/" + std::to_string(i));
        std::swap(slots[i], slots[i + static_cast<std::size_t>(r * (slots.size() - i))]);
    }
    const double colW = (f.x1 - f.x0) / columns;
    std::vector<AcUnitSpot> out;
    for (int i = 0; i < std::min<int>(count, static_cast<int>(slots.size())); ++i) {
        const int col = slots[i] % columns, level = slots[i] / columns;
        const double jitter =
            (seededUnit(seed, "ac-x/" + std::to_string(i)) - 0.5) * std::max(0.0, colW - 1.4);
        out.push_back({f.x0 + (col + 0.5) * colW + jitter, levels[level]});
    }
    return out;
}

std::vector<WindowOpening> windowOpenings(const BuildingMesh& building) {
    // Leaves are the quads facing out across the opening; jambs, heads and sills are no
    // wider than the recess, so a size test keeps only the leaves.
    std::vector<WindowOpening> out;
    const geo::Mesh& m = building.mesh;
    for (const PartRange& part : building.parts) {
        if (part.kind != PartKind::Windows)
            continue;
        for (std::uint32_t i = part.firstIndex; i + 5 < part.firstIndex + part.indexCount;) {
            const geo::Vec3f n = m.normals[m.indices[i]];
            const geo::Vec3f n2 = m.normals[m.indices[i + 3]];
            const bool axisAligned =
                std::abs(n.z) < 0.1 && (std::abs(n.x) > 0.99f || std::abs(n.y) > 0.99f);
            if (!axisAligned || n.x != n2.x || n.y != n2.y) {
                i += 3;
                continue;
            }
            geo::Bounds bounds;
            for (std::uint32_t k = i; k < i + 6; ++k)
                bounds.expand(m.positions[m.indices[k]]);
            i += 6;
            const double along =
                std::abs(n.x) > 0.99f ? bounds.max.y - bounds.min.y : bounds.max.x - bounds.min.x;
            const double height = bounds.max.z - bounds.min.z;
            if (along < 0.3 || height < 0.4)
                continue;
            WindowOpening w;
            w.nx = std::round(n.x), w.ny = std::round(n.y);
            // The wall face stands a recess (0.12 m) in front of the leaf.
            w.cx = 0.5 * (bounds.min.x + bounds.max.x) + 0.12 * w.nx;
            w.cy = 0.5 * (bounds.min.y + bounds.max.y) + 0.12 * w.ny;
            w.z0 = bounds.min.z, w.z1 = bounds.max.z, w.width = along;
            out.push_back(w);
        }
    }
    return out;
}

void addConditionParts(MeshBuilder& b, const Conditions& c, const ConditionPaints& paints,
                       std::uint32_t seed, BuildingMesh& building) {
    const StreetFront front = streetFront(building.masses);
    if (c.windowCages) {
        for (const WindowOpening& w : windowOpenings(building))
            addCage(b, paints, w);
    }
    if (c.acUnits > 0)
        addAcUnits(b, paints, front, c, seed);
    if (c.signboards > 0)
        addSignboards(b, paints, front, c.signboards, seed);
    Mass* flat = largestFlatRoof(building.masses);
    if (c.rooftopShed && flat)
        addRooftopShed(b, paints, *flat);
    if (c.addition == Addition::ExtraStorey && flat) {
        addExtraStorey(b, paints, *flat, seed);
    } else if (c.addition != Addition::None) {
        addLeanTo(b, paints, building.masses, seed);  // pitched roofs get the lean-to instead
    }
}

}  // namespace cunjing::architecture
