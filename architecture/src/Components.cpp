// The hall mass of the component library: plinth, walls with openings and bands, a 凹斗门
// porch, and the roof form's gables, slab, tile rows and ridge.
#include "Components.h"

#include <algorithm>
#include <cmath>

namespace cunjing::architecture {

namespace {

/// Openings whose [u0, u1] lies inside [lo, hi], moved to start at lo (or mirrored from hi).
std::vector<PanelOpening> openingsWithin(const std::vector<PanelOpening>& all, double lo, double hi,
                                         bool mirrored) {
    std::vector<PanelOpening> out;
    for (PanelOpening o : all) {
        if (o.u0 < lo - 1e-9 || o.u1 > hi + 1e-9)
            continue;
        const double u0 = o.u0, u1 = o.u1;
        o.u0 = mirrored ? hi - u1 : u0 - lo;
        o.u1 = mirrored ? hi - u0 : u1 - lo;
        out.push_back(o);
    }
    return out;
}

struct WallLevels {
    double bottom, bandBase, top;
};

/// A wall face between two plan points (left and right seen from outside) in two bands:
/// the body with its openings, then the eave band.
void addBandedWall(MeshBuilder& b, V3 left, V3 right, V3 outward, const WallLevels& z,
                   const std::vector<PanelOpening>& openings, const Paint& body,
                   const Paint& band) {
    const auto at = [](V3 p, double zz) { return V3{p.x, p.y, zz}; };
    b.addPanel({at(left, z.bottom), at(right, z.bottom), at(right, z.bandBase),
                at(left, z.bandBase), outward},
               openings, body);
    if (z.top > z.bandBase + 1e-6) {
        b.addPanel({at(left, z.bandBase), at(right, z.bandBase), at(right, z.top), at(left, z.top),
                    outward},
                   {}, band);
    }
}

void addPorch(MeshBuilder& b, const HallSpec& h, const WallLevels& z, double xa, double xb) {
    const Porch& p = h.porch;
    const HallPaints& c = h.paints;
    const double pw = 0.5 * p.width, pd = p.depth;
    const Paint wall = c.frontWall.as(PartKind::Walls);
    addBandedWall(b, {xa, 0, 0}, {-pw, 0, 0}, {0, -1, 0}, z,
                  openingsWithin(h.front, xa, -pw, false), wall, c.band);
    addBandedWall(b, {pw, 0, 0}, {xb, 0, 0}, {0, -1, 0}, z, openingsWithin(h.front, pw, xb, false),
                  wall, c.band);
    // The band runs on over the porch mouth, carried by the beam (红栋 where the palette says).
    b.addPanel(
        {{-pw, 0, z.bandBase}, {pw, 0, z.bandBase}, {pw, 0, z.top}, {-pw, 0, z.top}, {0, -1, 0}},
        {}, c.band);
    const Paint recess = p.recessWall.visible() ? p.recessWall : wall;
    b.addPanel({{-pw, pd, z.bottom},
                {pw, pd, z.bottom},
                {pw, pd, z.bandBase},
                {-pw, pd, z.bandBase},
                {0, -1, 0}},
               {doorAt(pw, p.doorWidth, p.doorHeight, c, 0.15)}, recess);
    b.addPanel({{-pw, pd, z.bottom},
                {-pw, 0, z.bottom},
                {-pw, 0, z.bandBase},
                {-pw, pd, z.bandBase},
                {1, 0, 0}},
               {}, recess);
    b.addPanel({{pw, 0, z.bottom},
                {pw, pd, z.bottom},
                {pw, pd, z.bandBase},
                {pw, 0, z.bandBase},
                {-1, 0, 0}},
               {}, recess);
    if (!p.panels.empty()) {
        // Panels beside and above the door and along the side walls: the gate's colour.
        const double half = 0.5 * p.doorWidth, top = z.bottom + p.doorHeight, y = pd - 0.02;
        const double side = std::min(0.9, pw - half - 0.2), up = z.bandBase - 0.25;
        std::size_t k = 0;
        for (const double s : {-1.0, 1.0}) {
            if (side > 0.2) {
                const double x0 = s * (half + 0.15), x1 = s * (half + 0.15 + side);
                b.addQuad({x0, y, z.bottom + 0.9}, {x1, y, z.bottom + 0.9}, {x1, y, top},
                          {x0, y, top}, {0, -1, 0}, p.panels[k++ % p.panels.size()]);
            }
            const double x = s * (pw - 0.02), y0 = 0.2, y1 = pd - 0.2;
            if (y1 > y0)
                b.addQuad({x, y0, z.bottom + 0.8}, {x, y1, z.bottom + 0.8}, {x, y1, up},
                          {x, y0, up}, {-s, 0, 0}, p.panels[k++ % p.panels.size()]);
        }
        if (up > top + 0.3)
            b.addQuad({-half, y, top + 0.15}, {half, y, top + 0.15}, {half, y, up}, {-half, y, up},
                      {0, -1, 0}, p.panels[k % p.panels.size()]);
    }
    b.addQuad({-pw, 0, z.bandBase}, {pw, 0, z.bandBase}, {pw, pd, z.bandBase},
              {-pw, pd, z.bandBase}, {0, 0, -1}, c.soffit.as(PartKind::Roof));
    const double beamDepth = std::min(0.3, 0.5 * pd);
    b.addBox({-pw, 0, z.bandBase - 0.3}, {pw, beamDepth, z.bandBase}, kNegY | kNegZ | kPosY,
             c.beam.as(PartKind::Ornaments));
    const int n = std::max(0, p.columns);
    for (int k = 0; k < n; ++k) {
        const double x = n == 1 ? 0 : -pw + 0.4 + (2 * pw - 0.8) * k / (n - 1);
        b.addBox({x - 0.15, 0.05, z.bottom}, {x + 0.15, 0.35, z.bandBase - 0.3},
                 kAllFaces & ~(kNegZ | kPosZ), c.column.as(PartKind::Ornaments));
    }
}

/// The end wall of a hall without a gable: up to the underside of the roof slab.
void addRoofEndWall(MeshBuilder& b, const HallSpec& h, const RoofSection& r, double x,
                    double facing) {
    std::vector<V2> outline{{0, h.plinth}, {h.depth, h.plinth}};
    const int n = std::max(2, h.gable.segments / 2);
    for (int i = 0; i <= 2 * n; ++i) {
        const double u = h.depth * (1.0 - static_cast<double>(i) / (2 * n));
        outline.push_back({u, r.tileTop(u) - r.thickness});
    }
    std::vector<V3> ring;
    for (const V2& p : outline)
        ring.push_back({x, p.u, p.v});
    b.addPolygon(ring, outline, {facing, 0, 0}, h.paints.wall.as(PartKind::Walls));
}

void addFlatRoof(MeshBuilder& b, const HallSpec& h, double parapetTop) {
    const double x = 0.5 * h.width, t = h.wall, d = h.depth, z = h.eave;
    const Paint roof = h.paints.roof.as(PartKind::Roof);
    const Paint wall = h.paints.band.as(PartKind::Walls);
    b.addQuad({-x + t, t, z}, {x - t, t, z}, {x - t, d - t, z}, {-x + t, d - t, z}, {0, 0, 1},
              roof);
    const V3 in[4] = {{-x + t, t, 0}, {x - t, t, 0}, {x - t, d - t, 0}, {-x + t, d - t, 0}};
    const V3 out[4] = {{-x, 0, 0}, {x, 0, 0}, {x, d, 0}, {-x, d, 0}};
    for (int k = 0; k < 4; ++k) {
        const V3 a = in[k], c = in[(k + 1) % 4];
        const V3 inward = cross(V3{0, 0, 1}, c - a);
        b.addQuad(a + V3{0, 0, z}, c + V3{0, 0, z}, c + V3{0, 0, parapetTop},
                  a + V3{0, 0, parapetTop}, inward, wall);
        b.addQuad(out[k] + V3{0, 0, parapetTop}, out[(k + 1) % 4] + V3{0, 0, parapetTop},
                  c + V3{0, 0, parapetTop}, a + V3{0, 0, parapetTop}, {0, 0, 1},
                  h.paints.coping.as(PartKind::Walls));
    }
}

}  // namespace

PanelOpening doorAt(double u, double width, double height, const HallPaints& p, double recess) {
    return {u - 0.5 * width,
            u + 0.5 * width,
            0,
            height,
            recess,
            p.doorFrame.as(PartKind::Doors),
            p.door.as(PartKind::Doors),
            false};
}

PanelOpening windowAt(double u, double width, double v0, double height, const HallPaints& p,
                      bool decal) {
    return {u - 0.5 * width,
            u + 0.5 * width,
            v0,
            v0 + height,
            0.12,
            p.doorFrame.as(PartKind::Windows),
            p.window.as(PartKind::Windows),
            decal};
}

void addGableWall(MeshBuilder& b, const GableShape& g, double xOuter, double xInner,
                  const Paint& wallPaint, const Paint& copingPaint,
                  const std::vector<Paint>& capBand) {
    const Paint wall = wallPaint.as(PartKind::Gables), coping = copingPaint.as(PartKind::Gables);
    std::vector<Paint> edges(g.outline.size(), wall);
    edges[0] = kSkip;  // the foot stands on the plinth
    // The coping: its cut back end, then its top all the way to the front (and its cut front).
    const std::size_t last = g.copingEnd + (g.copingEnd + 1 < g.outline.size() ? 1 : 0);
    for (std::size_t i = g.curveBegin - 1; i < last && i < g.outline.size(); ++i)
        edges[i] = coping;
    const double lo = std::min(xOuter, xInner), hi = std::max(xOuter, xInner);
    b.addExtrusionSides(g.outline, ProfilePlane{true}, lo, hi, edges);

    for (const double x : {xOuter, xInner}) {
        const V3 facing{x == hi ? 1.0 : -1.0, 0, 0};
        std::vector<V3> ring;
        for (const V2& q : g.wallFace)
            ring.push_back({x, q.u, q.v});
        b.addPolygon(ring, g.wallFace, facing, wall);
        for (std::size_t i = 0; i + 1 < g.coping.size(); ++i) {
            const V2 p0 = g.coping[i], p1 = g.coping[i + 1];
            const V2 q0 = g.capInner[i], q1 = g.capInner[i + 1];
            const Paint band =
                capBand.empty() ? wall : capBand[(i / 2) % capBand.size()].as(PartKind::Gables);
            b.addQuad({x, p0.u, p0.v}, {x, p1.u, p1.v}, {x, q1.u, q1.v}, {x, q0.u, q0.v}, facing,
                      band);
        }
    }
}

void addHall(MeshBuilder& b, const HallSpec& h) {
    const HallPaints& c = h.paints;
    const double xw = 0.5 * h.width, d = h.depth;
    const bool hard = h.roof == RoofForm::HardGable;
    const bool gW = hard && h.gableWest, gE = hard && h.gableEast;
    const unsigned hiddenSides = h.hide & (kNegX | kPosX | kNegY | kPosY);
    b.addBox({-xw, 0, -h.foundation}, {xw, d, h.plinth}, kAllFaces & ~kNegZ & ~hiddenSides,
             c.plinth.as(PartKind::Plinth));

    const double top = h.roof == RoofForm::Flat ? h.eave + h.parapet : h.eave;
    const WallLevels z{h.plinth, top - h.eaveBand, top};
    const double xa = gW ? -xw + h.wall : -xw, xb = gE ? xw - h.wall : xw;
    const Paint front = c.frontWall.as(PartKind::Walls), wall = c.wall.as(PartKind::Walls);
    const Paint band = c.band.as(PartKind::Walls);
    if (!(h.hide & kNegY)) {
        if (h.porch.width > 0) {
            addPorch(b, h, z, xa, xb);
        } else {
            addBandedWall(b, {xa, 0, 0}, {xb, 0, 0}, {0, -1, 0}, z,
                          openingsWithin(h.front, xa, xb, false), front, band);
        }
    }
    if (!(h.hide & kPosY)) {
        addBandedWall(b, {xb, d, 0}, {xa, d, 0}, {0, 1, 0}, z, openingsWithin(h.back, xa, xb, true),
                      wall, band);
    }
    const RoofSection r = roofSectionOf(h);
    for (const double s : {-1.0, 1.0}) {
        const bool gable = s < 0 ? gW : gE;
        const bool hidden = (h.hide & (s < 0 ? kNegX : kPosX)) != 0;
        if (gable || hidden)
            continue;
        if (hard) {
            addRoofEndWall(b, h, r, s * xw, s);
        } else if (s < 0) {
            addBandedWall(b, {-xw, d, 0}, {-xw, 0, 0}, {-1, 0, 0}, z,
                          openingsWithin(h.west, 0, d, true), wall, band);
        } else {
            addBandedWall(b, {xw, 0, 0}, {xw, d, 0}, {1, 0, 0}, z,
                          openingsWithin(h.east, 0, d, false), wall, band);
        }
    }

    const int segs = h.gable.segments;
    switch (h.roof) {
        case RoofForm::HardGable: {
            const double x0 = gW ? -xw + h.wall : -xw, x1 = gE ? xw - h.wall : xw;
            addHardGableRoof(b, r, x0, x1, segs, c.roof, c.soffit, c.fascia,
                             !gW && !(h.hide & kNegX), !gE && !(h.hide & kPosX));
            const double hw = ridgeHalfWidth(h.detail.ridge);
            addTileRows(b, r, x0, x1, h.detail.tileSpacing, c.roof, hw, std::max(2, segs / 3));
            addRidge(b, x0, x1, r, h.detail.ridge, c.ridge, !(gW && gE));
            GableStyle gs = h.gable;
            gs.foot = h.plinth;
            gs.frontCorbel = true;
            const GableShape shape = gableShape(r, gs);
            if (gW)
                addGableWall(b, shape, -xw, -xw + h.wall, c.wall, c.coping, c.capBand);
            if (gE)
                addGableWall(b, shape, xw, xw - h.wall, c.wall, c.coping, c.capBand);
            // Small gable windows, drawn on the gable's face.
            for (const double s : {-1.0, 1.0}) {
                if (!(s < 0 ? gW : gE))
                    continue;
                for (const PanelOpening& o : s < 0 ? h.west : h.east) {
                    const double x = s * (xw + 0.02), z0 = h.plinth + o.v0, z1 = h.plinth + o.v1;
                    b.addQuad({x, o.u0, z0}, {x, o.u1, z0}, {x, o.u1, z1}, {x, o.u0, z1}, {s, 0, 0},
                              o.leaf);
                }
            }
            break;
        }
        case RoofForm::HipAndGable:
            addHipGableRoof(b, h, segs);
            break;
        case RoofForm::Flat:
            addFlatRoof(b, h, top);
            break;
    }
}

}  // namespace cunjing::architecture
