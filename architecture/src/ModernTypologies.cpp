// What the market towns added after 1980: the 自建房 (nongfang) self-built concrete house and
// the street's 三线 overhead wires on their poles. Both are guangfu.json typologies; their
// sizes are estimates [E] in the style file, not constants here.
#include "Generators.h"
#include "Typology.h"

#include <algorithm>
#include <cmath>

namespace cunjing::architecture {

namespace {

std::vector<DimensionSchema> withCommon(std::vector<DimensionSchema> own) {
    std::vector<DimensionSchema> all = commonDimensions();
    all.insert(all.end(), own.begin(), own.end());
    return all;
}

// ---- 自建房 ------------------------------------------------------------------------------

/// Parapet walls around a flat roof at z, inside the outline x0..x1, y0..y1.
void addParapet(MeshBuilder& b, double x0, double y0, double x1, double y1, double z, double height,
                double wall, const Paint& paint) {
    b.addBox({x0, y0, z}, {x1, y0 + wall, z + height}, kAllFaces & ~kNegZ, paint);
    b.addBox({x0, y1 - wall, z}, {x1, y1, z + height}, kAllFaces & ~kNegZ, paint);
    for (const double xa : {x0, x1 - wall})
        b.addBox({xa, y0 + wall, z}, {xa + wall, y1 - wall, z + height}, kAllFaces & ~kNegZ, paint);
}

Result<BuildingMesh> buildNongfang(const TypologyContext& t) {
    const int storeys = t.count("storeys");
    const double w = t.dim("frontage"), depth = t.dim("depth"), sh = t.dim("storeyHeight");
    const double plinth = t.dim("plinthHeight"), wall = t.dim("wallThickness");
    const double roofZ = plinth + storeys * sh, parapet = t.dim("parapetHeight");
    const double bd = t.dim("balconyDepth"), bw = t.dim("balconyShare") * w;
    const double winH = t.dim("windowHeight");
    const HallPaints c = t.hallPaints();
    const Paint front = c.frontWall.as(PartKind::Walls), side = c.wall.as(PartKind::Walls);
    const Paint band = c.band.as(PartKind::Walls), slab = c.coping.as(PartKind::Walls);
    MeshBuilder b(t.partId());
    const double x0 = -0.5 * w, x1 = 0.5 * w;
    b.addBox({x0, 0, -t.dim("foundationDepth")}, {x1, depth, plinth}, kAllFaces & ~kNegZ,
             c.plinth.as(PartKind::Plinth));
    // The balcony side is the seed's; the 卷闸门 shop door opens under the other side.
    const bool balconyLeft = t.unit("balcony-side") < 0.5;
    const double bx0 = balconyLeft ? x0 : x1 - bw, bx1 = bx0 + bw;
    // Two columns of openings: under and behind the balcony, and beside it (the shop door
    // below, wide windows above); openings in one column share their width.
    const double uA = bx0 - x0 + 0.5 * bw, halfA = std::min(0.8, 0.5 * bw - 0.2);
    const double uB = balconyLeft ? 0.5 * (bw + w) : 0.5 * (w - bw);
    const double widthB = std::min(3.0, 0.75 * (w - bw));
    const PanelOpening shutter = doorAt(uB, widthB, std::min(sh - 0.5, 2.7), c, 0.15);
    std::vector<PanelOpening> openings{shutter, windowAt(uA, 2 * halfA, 0.9, winH, c)};
    for (int f = 1; f < storeys; ++f) {
        const double v = f * sh;
        openings.push_back({uA - halfA, uA + halfA, v, v + 2.3, 0.12,
                            c.doorFrame.as(PartKind::Windows), c.window.as(PartKind::Windows),
                            false});
        openings.push_back(windowAt(uB, widthB, v + 0.9, winH, c));
    }
    b.addPanel({{x0, 0, plinth}, {x1, 0, plinth}, {x1, 0, roofZ}, {x0, 0, roofZ}, {0, -1, 0}},
               openings, front);
    std::vector<PanelOpening> back;
    for (int f = 0; f < storeys; ++f)
        back.push_back(windowAt(0.5 * w, 1.2, f * sh + 1.0, 0.8 * winH, c));
    b.addPanel({{x1, depth, plinth},
                {x0, depth, plinth},
                {x0, depth, roofZ},
                {x1, depth, roofZ},
                {0, 1, 0}},
               back, side);
    for (const double s : {-1.0, 1.0}) {
        const double x = s * 0.5 * w;
        const double ya = s < 0 ? depth : 0, yb = s < 0 ? 0 : depth;
        std::vector<PanelOpening> small;
        for (int f = 1; f < storeys; ++f)
            small.push_back(windowAt(0.6 * depth, 0.6, f * sh + 1.2, 0.9, c));
        b.addPanel({{x, ya, plinth}, {x, yb, plinth}, {x, yb, roofZ}, {x, ya, roofZ}, {s, 0, 0}},
                   small, side);
    }
    // Floor slabs show as bands across the front; balconies cantilever over the street.
    for (int f = 1; f <= storeys; ++f) {
        const double z = plinth + f * sh;
        b.addBox({x0 - 0.05, -0.08, z - 0.15}, {x1 + 0.05, 0, z}, kAllFaces & ~kPosY, band);
        if (f == storeys)
            break;
        b.addBox({bx0, -bd, z - 0.15}, {bx1, -0.08, z}, kAllFaces & ~kPosY, band);
        b.addBox({bx0, -bd, z}, {bx1, -bd + 0.12, z + 1.05}, kAllFaces & ~kNegZ, band);
        for (const double xa : {bx0, bx1 - 0.12})
            b.addBox({xa, -bd + 0.12, z}, {xa + 0.12, 0, z + 1.05}, kAllFaces & ~kNegZ, band);
    }
    b.addQuad({x0 + wall, wall, roofZ}, {x1 - wall, wall, roofZ}, {x1 - wall, depth - wall, roofZ},
              {x0 + wall, depth - wall, roofZ}, {0, 0, 1}, c.roof.as(PartKind::Roof));
    addParapet(b, x0, 0, x1, depth, roofZ, parapet, wall, slab);
    // 楼梯间: the stair head on the roof, at the back, its door to the roof terrace.
    const double sx0 = balconyLeft ? x1 - wall - 2.6 : x0 + wall, sx1 = sx0 + 2.6;
    const double sy1 = depth - wall, sy0 = sy1 - std::min(4.0, 0.35 * depth);
    b.addPanel({{sx0, sy0, roofZ},
                {sx1, sy0, roofZ},
                {sx1, sy0, roofZ + 2.7},
                {sx0, sy0, roofZ + 2.7},
                {0, -1, 0}},
               {doorAt(1.3, 0.9, 2.1, c)}, side);
    b.addBox({sx0, sy0 + 0.01, roofZ}, {sx1, sy1, roofZ + 2.7}, kAllFaces & ~(kNegZ | kNegY), side);
    b.addBox({sx0 - 0.1, sy0 - 0.15, roofZ + 2.7}, {sx1 + 0.1, sy1, roofZ + 2.82}, kAllFaces, slab);
    Mass m;
    m.role = "house";
    m.footprint = rectFootprint({}, x0, 0, x1, depth);
    m.eave = roofZ;
    m.top = roofZ + std::max(parapet, 2.82);
    m.storeys = storeys;
    m.wallBase = m.wallTop = wall;
    m.flatRoof = true;
    return finish(b, {m}, {});
}

// ---- 三线 overhead wires ----------------------------------------------------------------

/// A cable hanging from p to q with its lowest point `sag` below the chord's middle, as a
/// thin square tube of `segments` straight pieces.
void addCable(MeshBuilder& b, V3 p, V3 q, double sag, double thick, const Paint& paint) {
    const int segments = 8;
    const double h = 0.5 * thick;
    const auto at = [&](double s) {
        V3 v = lerp(p, q, s);
        v.z -= 4 * sag * s * (1 - s);
        return v;
    };
    const V3 along = normalized(q - p);
    const V3 side = normalized(cross(along, V3{0, 0, 1}));
    for (int i = 0; i < segments; ++i) {
        const V3 a = at(static_cast<double>(i) / segments);
        const V3 c = at(static_cast<double>(i + 1) / segments);
        const V3 s = side * h, u{0, 0, h};
        b.addQuad(a - s + u, c - s + u, c + s + u, a + s + u, {0, 0, 1}, paint);
        b.addQuad(a - s - u, a + s - u, c + s - u, c - s - u, {0, 0, -1}, paint);
        b.addQuad(a - s - u, c - s - u, c - s + u, a - s + u, side * -1.0, paint);
        b.addQuad(a + s - u, a + s + u, c + s + u, c + s - u, side, paint);
    }
}

Result<BuildingMesh> buildDianxian(const TypologyContext& t) {
    const double length = t.dim("length"), height = t.dim("poleHeight"), sag = t.dim("sag");
    const int spans = std::max(1, static_cast<int>(std::lround(length / t.dim("poleSpacing"))));
    const int cables = t.count("cables"), drops = t.count("dropsPerPole");
    const double reach = t.dim("crossReach");
    const Paint pole = t.paint("column", PartKind::Ornaments);
    const Paint wire = t.paint("beam", PartKind::Ornaments);
    MeshBuilder b(t.partId());
    std::vector<V3> tops;
    for (int i = 0; i <= spans; ++i) {
        const double x = -0.5 * length + length * i / spans;
        // A tapered concrete pole with a cross-arm, set a little into the ground.
        b.addHexahedron(
            {V3{x - 0.16, -0.16, -0.5}, V3{x + 0.16, -0.16, -0.5}, V3{x + 0.16, 0.16, -0.5},
             V3{x - 0.16, 0.16, -0.5}, V3{x - 0.09, -0.09, height}, V3{x + 0.09, -0.09, height},
             V3{x + 0.09, 0.09, height}, V3{x - 0.09, 0.09, height}},
            kAllFaces & ~kNegZ, pole);
        b.addBox({x - 0.05, -0.7, height - 0.45}, {x + 0.05, 0.7, height - 0.35}, kAllFaces, wire);
        tops.push_back({x, 0, height - 0.35});
    }
    for (int i = 0; i < spans; ++i) {
        for (int k = 0; k < cables; ++k) {
            // Power on the cross-arm; telephone and cable-TV bundles lower and slacker.
            const bool power = k < cables / 2;
            const double y =
                power ? -0.6 + 1.2 * (k + 0.5) / std::max(1, cables / 2) : -0.15 + 0.1 * (k % 4);
            const double z = power ? 0 : -1.2 - 0.25 * (k % 3);
            const double s = sag * (power ? 0.7 : 1.1 + 0.6 * t.unit("sag/" + std::to_string(k)));
            addCable(b, tops[i] + V3{0, y, z}, tops[i + 1] + V3{0, y, z}, s, power ? 0.03 : 0.05,
                     wire);
        }
    }
    for (std::size_t i = 0; reach > 0 && i < tops.size(); ++i) {
        for (int k = 0; k < drops; ++k) {
            // Service drops across the street to the houses opposite, tied on at odd heights.
            const std::string salt = std::to_string(i) + "/" + std::to_string(k);
            const double dx = (t.unit("drop-x/" + salt) - 0.5) * 8;
            const double z = height - 2.5 - 2.0 * t.unit("drop-z/" + salt);
            addCable(b, tops[i] + V3{0, 0, -1.2}, {tops[i].x + dx, -reach, z}, 0.4, 0.03, wire);
        }
    }
    Mass m;
    m.role = "poles";
    m.footprint = rectFootprint({}, -0.5 * length - 0.2, -0.2, 0.5 * length + 0.2, 0.2);
    m.eave = m.top = height;
    m.storeys = 0;
    return finish(b, {m}, {});
}

}  // namespace

std::vector<GeneratorInfo> modernGenerators() {
    return {
        {"nongfang",
         withCommon({{"frontage", 4.0, 16.0},
                     {"depth", 6.0, 24.0},
                     {"storeys", 1, 6, true},
                     {"storeyHeight", 2.7, 4.0},
                     {"parapetHeight", 0.5, 1.5},
                     {"balconyDepth", 0.6, 2.0},
                     {"balconyShare", 0.3, 1.0},
                     {"windowHeight", 0.8, 2.0}}),
         {},
         buildNongfang},
        {"dianxian",
         withCommon({{"length", 10.0, 400.0},
                     {"poleSpacing", 15.0, 60.0},
                     {"poleHeight", 5.0, 14.0},
                     {"cables", 1, 16, true},
                     {"sag", 0.1, 3.0},
                     {"crossReach", 0.0, 30.0},
                     {"dropsPerPole", 0, 6, true}}),
         {},
         buildDianxian},
    };
}

}  // namespace cunjing::architecture
