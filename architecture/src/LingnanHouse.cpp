#include <cunjing/architecture/LingnanHouse.h>

#include "HouseGeometry.h"
#include "HouseParams.h"
#include "MeshBuilder.h"

#include <algorithm>

namespace cunjing::architecture {

namespace {

using P = SanjianLianglangParams;

constexpr geo::Rgba kSkip{0, 0, 0, 0};  // an extrusion edge hidden against another part

/// One gable wall, x from xInner to xOuter (either order): the outline swept through the
/// wall, each face a brick polygon under a lime-white band, the coping dark on top.
void addGable(MeshBuilder& b, const P& p, const GableShape& g, double xOuter, double xInner) {
    const HousePalette& c = p.palette;
    std::vector<geo::Rgba> edges(g.outline.size(), c.brickWall);
    edges[0] = kSkip;  // the foot stands on the plinth
    // The coping: its cut back end, then its top all the way to the front.
    for (std::size_t i = g.curveBegin - 1; i + 1 < g.outline.size(); ++i) {
        edges[i] = c.ridgeAccent;
    }
    const double lo = std::min(xOuter, xInner), hi = std::max(xOuter, xInner);
    b.addExtrusionSides(g.outline, ProfilePlane{true}, lo, hi, edges);

    for (const double x : {xOuter, xInner}) {
        const V3 facing{x == hi ? 1.0 : -1.0, 0, 0};
        std::vector<V3> ring;
        for (const V2& q : g.wallFace)
            ring.push_back({x, q.u, q.v});
        b.addPolygon(ring, g.wallFace, facing, c.brickWall);
        for (std::size_t i = 0; i + 1 < g.coping.size(); ++i) {
            const V2 p0 = g.coping[i], p1 = g.coping[i + 1];
            const V2 q0 = g.capInner[i], q1 = g.capInner[i + 1];
            b.addQuad({x, p0.u, p0.v}, {x, p1.u, p1.v}, {x, q1.u, q1.v}, {x, q0.u, q0.v}, facing,
                      c.limeWhite);
        }
    }
}

/// Double-pitched 硬山 roof between the gables: a concave tile slab with dark eave edges,
/// and the 正脊 ridge on top.
void addMainRoof(MeshBuilder& b, const P& p, const HouseLines& l) {
    const int n = std::max(2, p.curveSegments / 2);
    const double yFront = l.front - p.roofOverhang, yBack = l.back + p.roofOverhang;
    std::vector<V2> top;
    for (int i = 0; i <= 2 * n; ++i) {
        const double y = i <= n ? yFront + (l.ridge - yFront) * i / n
                                : l.ridge + (yBack - l.ridge) * (i - n) / n;
        top.push_back({y, mainRoofTop(p, l, y)});
    }
    std::vector<V2> profile(top.rbegin(), top.rend());  // top surface, back to front
    for (const V2& q : top)
        profile.push_back({q.u, q.v - p.roofThickness});
    std::vector<geo::Rgba> edges(profile.size(), p.palette.roofTile);
    edges[top.size() - 1] = p.palette.ridgeAccent;  // front eave edge
    edges.back() = p.palette.ridgeAccent;           // back eave edge
    const double x = l.halfWidth - l.wall;
    b.addExtrusionSides(profile, ProfilePlane{true}, -x, x, edges);

    const double w = std::max(0.2, 1.2 * p.ridgeCapHeight);
    const double zBase = mainRoofTop(p, l, l.ridge + w / 2) - 0.05;
    b.addBox({-x, l.ridge - w / 2, zBase}, {x, l.ridge + w / 2, p.ridgeHeight + p.ridgeCapHeight},
             kNegY | kPosY | kPosZ, p.palette.ridgeAccent);
}

/// Front and back faces of the main row: brick under a lime-white frieze; the 厅 opens onto
/// the 天井 through a dark opening.
void addMainRowWalls(MeshBuilder& b, const P& p, const HouseLines& l) {
    const HousePalette& c = p.palette;
    const double x = l.halfWidth - l.wall, friezeBase = p.eaveHeight - p.eaveFrieze;
    const WallFace front{{0, l.front, 0}, {1, 0, 0}, {0, -1, 0}, -x, x, p.plinthHeight, friezeBase};
    const WallFace back{{0, l.back, 0}, {1, 0, 0}, {0, 1, 0}, -x, x, p.plinthHeight, friezeBase};
    const double half = p.hallOpeningWidth / 2;
    b.addWallWithOpening(front,
                         {-half, half, p.plinthHeight + p.hallOpeningHeight,
                          std::min(0.3, l.wall / 2), c.granitePlinth, c.doorDark},
                         c.brickWall);
    b.addWall(back, c.brickWall);
    for (WallFace f : {front, back}) {
        f.v0 = friezeBase;
        f.v1 = p.eaveHeight;
        b.addWall(f, c.limeWhite);
    }
}

/// A 廊 wing: brick walls under a single-pitch roof that drains into the 天井. side = +1
/// for the east wing, -1 for the west; the entrance wing gets the door in its outer wall.
void addWing(MeshBuilder& b, const P& p, const HouseLines& l, double side, bool hasDoor) {
    const HousePalette& c = p.palette;
    const double xIn = side * l.courtyardHalfWidth, xOut = side * l.halfWidth;
    const double yBack = l.front, th = p.roofThickness;
    const double zLow = p.wingEaveHeight, zHigh = p.wingEaveHeight + p.wingRoofRise;
    const auto zAt = [&](double x) { return zLow + (zHigh - zLow) * (x - xIn) / (xOut - xIn); };
    const double lo = std::min(xIn, xOut), hi = std::max(xIn, xOut);
    const auto z0 = p.plinthHeight;
    const std::array<V3, 8> body{V3{lo, 0, z0},
                                 V3{hi, 0, z0},
                                 V3{hi, yBack, z0},
                                 V3{lo, yBack, z0},
                                 V3{lo, 0, zAt(lo) - th},
                                 V3{hi, 0, zAt(hi) - th},
                                 V3{hi, yBack, zAt(hi) - th},
                                 V3{lo, yBack, zAt(lo) - th}};
    const unsigned inner = side > 0 ? kNegX : kPosX, outer = side > 0 ? kPosX : kNegX;
    b.addHexahedron(body, kNegY | inner | (hasDoor ? 0u : outer), c.brickWall);
    if (hasDoor) {
        const WallFace wall{{xOut, 0, 0}, {0, 1, 0}, {side, 0, 0}, 0, yBack, z0, zHigh - th};
        const double mid = yBack / 2, half = p.doorWidth / 2;
        b.addWallWithOpening(wall,
                             {mid - half, mid + half, z0 + p.doorHeight, std::min(0.15, l.wall / 2),
                              c.granitePlinth, c.doorDark},
                             c.brickWall);
    }
    const double xEave = xIn - side * p.roofOverhang;
    const std::vector<V2> roof{
        {xEave, zAt(xEave) - th}, {xOut, zHigh - th}, {xOut, zHigh}, {xEave, zAt(xEave)}};
    b.addExtrusionSides(roof, ProfilePlane{false}, 0, yBack,
                        {c.roofTile, c.ridgeAccent, c.roofTile, c.ridgeAccent});
    b.addExtrusionCap(roof, ProfilePlane{false}, 0, false, c.roofTile);
    b.addExtrusionCap(roof, ProfilePlane{false}, yBack, true, c.roofTile);
}

/// The courtyard's front wall between the wings, with the door when the house has no lane
/// beside it.
void addFrontWall(MeshBuilder& b, const P& p, const HouseLines& l) {
    const HousePalette& c = p.palette;
    const double x = l.courtyardHalfWidth, top = p.wingEaveHeight - p.roofThickness;
    b.addBox({-x, 0, p.plinthHeight}, {x, l.wall, top}, kPosY, c.brickWall);
    b.addBox({-x, 0, p.plinthHeight}, {x, l.wall, top}, kPosZ, c.roofTile);
    const WallFace face{{0, 0, 0}, {1, 0, 0}, {0, -1, 0}, -x, x, p.plinthHeight, top};
    if (p.entrance != EntranceSide::Front) {
        b.addWall(face, c.brickWall);
        return;
    }
    const double half = p.doorWidth / 2;
    b.addWallWithOpening(face,
                         {-half, half, p.plinthHeight + p.doorHeight, std::min(0.15, l.wall / 2),
                          c.granitePlinth, c.doorDark},
                         c.brickWall);
}

}  // namespace

std::vector<GablePoint> gableOutline(const SanjianLianglangParams& params) {
    const P p = sanitized(params);
    std::vector<GablePoint> out;
    for (const V2& q : gableShape(p, linesOf(p)).outline)
        out.push_back({q.u, q.v});
    return out;
}

geo::Mesh generateSanjianLianglang(const SanjianLianglangParams& params, std::uint32_t partId) {
    const P p = sanitized(params);
    const HouseLines l = linesOf(p);
    MeshBuilder b(partId);
    // Granite plinth under the whole house, reaching foundationDepth below ground; its top
    // is also the paving of the 天井.
    b.addBox({-l.halfWidth, 0, -p.foundationDepth}, {l.halfWidth, l.back, p.plinthHeight},
             kAllFaces & ~kNegZ, p.palette.granitePlinth);
    const GableShape gable = gableShape(p, l);
    addGable(b, p, gable, l.halfWidth, l.halfWidth - l.wall);
    addGable(b, p, gable, -l.halfWidth, -l.halfWidth + l.wall);
    addMainRoof(b, p, l);
    addMainRowWalls(b, p, l);
    addWing(b, p, l, +1, p.entrance == EntranceSide::East);
    addWing(b, p, l, -1, p.entrance == EntranceSide::West);
    addFrontWall(b, p, l);
    return b.take();
}

}  // namespace cunjing::architecture
