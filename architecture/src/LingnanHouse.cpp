#include <cunjing/architecture/LingnanHouse.h>

#include "HouseGeometry.h"
#include "HouseParams.h"
#include "MeshBuilder.h"

#include <algorithm>

namespace cunjing::architecture {

namespace {

using P = SanjianLianglangParams;

/// Front and back faces of the main row: brick under a lime-white frieze; the 厅 opens onto
/// the 天井 through a dark opening; small high windows light the 房 from the back lane.
void addMainRowWalls(MeshBuilder& b, const P& p, const HouseLines& l, const HallPaints& c) {
    const double x = l.halfWidth - l.wall, friezeBase = p.eaveHeight - p.eaveFrieze;
    const WallFace front{{0, l.front, 0}, {1, 0, 0}, {0, -1, 0}, -x, x, p.plinthHeight, friezeBase};
    const WallFace back{{0, l.back, 0}, {1, 0, 0}, {0, 1, 0}, -x, x, p.plinthHeight, friezeBase};
    const double half = p.hallOpeningWidth / 2;
    b.addWallWithOpening(
        front,
        {-half, half, p.plinthHeight + p.hallOpeningHeight, std::min(0.3, l.wall / 2),
         c.doorFrame.as(PartKind::Doors), c.door.as(PartKind::Doors)},
        c.wall.as(PartKind::Walls));
    b.addWall(back, c.wall.as(PartKind::Walls));
    for (WallFace f : {front, back}) {
        f.v0 = friezeBase;
        f.v1 = p.eaveHeight;
        b.addWall(f, c.band.as(PartKind::Walls));
    }
    const double w = 0.5 * p.backWindowWidth, zSill = friezeBase - 0.9;
    if (w <= 0)
        return;
    for (const double s : {-1.0, 1.0}) {
        const double xc = s * (0.5 * p.hallBay + 0.5 * p.sideBay), y = l.back + 0.02;
        b.addQuad({xc - w, y, zSill}, {xc + w, y, zSill}, {xc + w, y, zSill + 0.5},
                  {xc - w, y, zSill + 0.5}, {0, 1, 0}, c.window.as(PartKind::Windows));
    }
}

/// A 廊 wing: brick walls under a single-pitch roof that drains into the 天井. side = +1
/// for the east wing, -1 for the west; the entrance wing gets the door in its outer wall.
void addWing(MeshBuilder& b, const P& p, const HouseLines& l, double side, bool hasDoor,
             const HallPaints& c) {
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
    const Paint wall = c.wall.as(PartKind::Walls);
    b.addHexahedron(body, kNegY | inner | (hasDoor ? 0u : outer), wall);
    if (hasDoor) {
        const WallFace face{{xOut, 0, 0}, {0, 1, 0}, {side, 0, 0}, 0, yBack, z0, zHigh - th};
        const double mid = yBack / 2, half = p.doorWidth / 2;
        b.addWallWithOpening(face,
                             {mid - half, mid + half, z0 + p.doorHeight, std::min(0.15, l.wall / 2),
                              c.doorFrame.as(PartKind::Doors), c.door.as(PartKind::Doors)},
                             wall);
    }
    const double xEave = xIn - side * p.roofOverhang;
    const std::vector<V2> roof{
        {xEave, zAt(xEave) - th}, {xOut, zHigh - th}, {xOut, zHigh}, {xEave, zAt(xEave)}};
    const Paint tiles = c.roof.as(PartKind::Roof), edge = c.fascia.as(PartKind::Roof);
    b.addExtrusionSides(roof, ProfilePlane{false}, 0, yBack,
                        {c.soffit.as(PartKind::Roof), edge, tiles, edge});
    b.addExtrusionCap(roof, ProfilePlane{false}, 0, false, tiles);
    b.addExtrusionCap(roof, ProfilePlane{false}, yBack, true, tiles);
    if (p.tileRowSpacing <= 0 || yBack < p.tileRowSpacing)
        return;
    const int rows = static_cast<int>(yBack / p.tileRowSpacing);
    const double step = yBack / rows, hw = std::min(0.09, 0.3 * step);
    for (int k = 0; k < rows; ++k) {
        const double y = (k + 0.5) * step;
        addRib(b, {{xEave, y, zAt(xEave)}, {xOut - side * 0.05, y, zAt(xOut - side * 0.05)}}, hw,
               0.7 * hw, tiles);
    }
}

/// The courtyard's front wall between the wings, with the door when the house has no lane
/// beside it.
void addFrontWall(MeshBuilder& b, const P& p, const HouseLines& l, const HallPaints& c) {
    const double x = l.courtyardHalfWidth, top = p.wingEaveHeight - p.roofThickness;
    const Paint wall = c.wall.as(PartKind::Walls);
    b.addBox({-x, 0, p.plinthHeight}, {x, l.wall, top}, kPosY, wall);
    b.addBox({-x, 0, p.plinthHeight}, {x, l.wall, top}, kPosZ, c.roof.as(PartKind::Roof));
    const WallFace face{{0, 0, 0}, {1, 0, 0}, {0, -1, 0}, -x, x, p.plinthHeight, top};
    if (p.entrance != EntranceSide::Front) {
        b.addWall(face, wall);
        return;
    }
    const double half = p.doorWidth / 2;
    b.addWallWithOpening(face,
                         {-half, half, p.plinthHeight + p.doorHeight, std::min(0.15, l.wall / 2),
                          c.doorFrame.as(PartKind::Doors), c.door.as(PartKind::Doors)},
                         wall);
}

}  // namespace

HouseLines linesOf(const SanjianLianglangParams& p) {
    HouseLines l;
    l.halfWidth = 0.5 * (p.hallBay + 2 * p.sideBay);
    l.wall = p.wallThickness;
    l.front = p.courtyardDepth;
    l.back = p.courtyardDepth + p.mainDepth;
    l.ridge = 0.5 * (l.front + l.back);
    l.courtyardHalfWidth = l.halfWidth - p.wingDepth;
    return l;
}

RoofSection mainRoofOf(const SanjianLianglangParams& p, const HouseLines& l) {
    RoofSection r;
    r.front = l.front;
    r.back = l.back;
    r.ridge = l.ridge;
    r.eave = p.eaveHeight;
    r.top = p.ridgeHeight;
    r.sag = p.roofSag;
    r.overhangFront = p.roofOverhang;
    r.overhangBack = p.roofOverhang;
    r.thickness = p.roofThickness;
    return r;
}

const std::vector<Point2>& builtinCatEarCrown() {
    // The same outline as assets/styles/guangfu.json's "cat-ear": eave ends flicked up, then a
    // broad low arch over the ridge, unlike the 镬耳's tall narrow ear.
    static const std::vector<Point2> kCrown{{0.04, -2.4}, {0.12, -1.35}, {0.2, -1.55}, {0.45, -0.3},
                                            {0.7, 0.5},   {0.9, 0.8},    {1.0, 0.85}};
    return kCrown;
}

GableStyle gableStyleOf(const SanjianLianglangParams& p) {
    GableStyle g;
    switch (p.gable) {
        case GableProfile::Herringbone:
            g.kind = GableKind::FollowRoof;
            break;
        case GableProfile::WokEar:
            g.kind = GableKind::WokEar;
            break;
        case GableProfile::CatEar:
            g.kind = GableKind::Crown;
            g.crown = &builtinCatEarCrown();
            g.smooth = true;
            break;
    }
    g.wokEarRise = p.wokEarRise;
    g.earWidth = p.wokEarWidth;
    g.clearance = p.gableClearance;
    g.capBand = p.gableCapBand;
    g.foot = p.plinthHeight;
    g.segments = p.curveSegments;
    g.frontCorbel = false;  // the 廊 wings abut the main row's front corners
    return g;
}

HallPaints paintsOf(const HousePalette& c) {
    HallPaints p;
    const auto paint = [](geo::Rgba color, PartKind kind) {
        return Paint{color, kind, kNoMaterial};
    };
    p.plinth = paint(c.granitePlinth, PartKind::Plinth);
    p.wall = p.frontWall = paint(c.brickWall, PartKind::Walls);
    p.band = paint(c.limeWhite, PartKind::Walls);
    p.roof = p.soffit = paint(c.roofTile, PartKind::Roof);
    p.fascia = paint(c.ridgeAccent, PartKind::Roof);
    p.ridge = paint(c.ridgeAccent, PartKind::Ridge);
    p.coping = paint(c.ridgeAccent, PartKind::Gables);
    p.capBand = {paint(c.limeWhite, PartKind::Gables)};
    p.door = paint(c.doorDark, PartKind::Doors);
    p.doorFrame = paint(c.granitePlinth, PartKind::Doors);
    p.window = paint(c.doorDark, PartKind::Windows);
    p.column = paint(c.granitePlinth, PartKind::Ornaments);
    p.beam = paint(c.ridgeAccent, PartKind::Ornaments);
    return p;
}

void buildSanjianLianglang(MeshBuilder& b, const SanjianLianglangParams& p, const HouseDetail& d) {
    const HouseLines l = linesOf(p);
    const HallPaints& c = d.paints;
    // Granite plinth under the whole house, reaching foundationDepth below ground; its top
    // is also the paving of the 天井.
    b.addBox({-l.halfWidth, 0, -p.foundationDepth}, {l.halfWidth, l.back, p.plinthHeight},
             kAllFaces & ~kNegZ, c.plinth.as(PartKind::Plinth));
    const RoofSection r = mainRoofOf(p, l);
    const GableShape gable = gableShape(r, d.gable);
    addGableWall(b, gable, l.halfWidth, l.halfWidth - l.wall, c.wall, c.coping, c.capBand);
    addGableWall(b, gable, -l.halfWidth, -l.halfWidth + l.wall, c.wall, c.coping, c.capBand);
    const double x = l.halfWidth - l.wall;
    addHardGableRoof(b, r, -x, x, p.curveSegments, c.roof, c.soffit, c.fascia, false, false);
    addTileRows(b, r, -x, x, p.tileRowSpacing, c.roof, ridgeHalfWidth(d.roof.ridge),
                std::max(2, p.curveSegments / 3));
    addRidge(b, -x, x, r, d.roof.ridge, c.ridge, false);
    addMainRowWalls(b, p, l, c);
    addWing(b, p, l, +1, p.entrance == EntranceSide::East, c);
    addWing(b, p, l, -1, p.entrance == EntranceSide::West, c);
    addFrontWall(b, p, l, c);
}

std::vector<GablePoint> gableOutline(const SanjianLianglangParams& params) {
    const P p = sanitized(params);
    std::vector<GablePoint> out;
    for (const V2& q : gableShape(mainRoofOf(p, linesOf(p)), gableStyleOf(p)).outline)
        out.push_back({q.u, q.v});
    return out;
}

geo::Mesh generateSanjianLianglang(const SanjianLianglangParams& params, std::uint32_t partId) {
    const P p = sanitized(params);
    MeshBuilder b(partId);
    HouseDetail d;
    d.gable = gableStyleOf(p);
    d.paints = paintsOf(p.palette);
    d.roof.tileSpacing = p.tileRowSpacing;
    d.roof.ridge.capHeight = p.ridgeCapHeight;
    buildSanjianLianglang(b, p, d);
    return b.take();
}

}  // namespace cunjing::architecture
