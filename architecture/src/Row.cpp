// Rows of rooms along a centreline: every face is a strip of quads between two joints,
// mitred so straight runs, arcs and the corners of a square 土楼 share one code path.
#include "Row.h"

#include <algorithm>
#include <cmath>

namespace cunjing::architecture {

namespace {

struct Joint {
    V2 c;          ///< the centreline point
    V2 m;          ///< mitre direction (unit, to the inner side)
    double scale;  ///< offsets along m are stretched by this to keep the row's width
    double base;   ///< floor height
};

V2 unit2(V2 v) {
    const double len = std::hypot(v.u, v.v);
    return len > 0 ? V2{v.u / len, v.v / len} : V2{1, 0};
}

V2 leftOf(V2 d) {
    return {-d.v, d.u};
}

std::vector<Joint> jointsOf(const RowSpec& r) {
    const std::size_t n = r.centre.size();
    std::vector<Joint> out(n);
    for (std::size_t i = 0; i < n; ++i) {
        const bool hasPrev = r.closed || i > 0, hasNext = r.closed || i + 1 < n;
        const V2 p = r.centre[(i + n - 1) % n], c = r.centre[i], q = r.centre[(i + 1) % n];
        V2 dIn = hasPrev ? unit2({c.u - p.u, c.v - p.v}) : unit2({q.u - c.u, q.v - c.v});
        V2 dOut = hasNext ? unit2({q.u - c.u, q.v - c.v}) : dIn;
        if (!hasPrev && r.startDirection)
            dIn = dOut = unit2(*r.startDirection);
        if (!hasNext && r.endDirection)
            dIn = dOut = unit2(*r.endDirection);
        const V2 n0 = leftOf(dIn), n1 = leftOf(dOut);
        const V2 m = unit2({n0.u + n1.u, n0.v + n1.v});
        const double cosHalf = std::max(0.2, m.u * n1.u + m.v * n1.v);
        out[i] = {c, m, 1.0 / cosHalf, r.base.empty() ? 0.0 : r.base[i]};
    }
    return out;
}

V3 at(const Joint& j, double w, double z) {
    return {j.c.u + j.m.u * w * j.scale, j.c.v + j.m.v * w * j.scale, j.base + z};
}

/// The segment's inner-side normal (horizontal).
V3 segmentNormal(const Joint& a, const Joint& b) {
    const V2 n = leftOf(unit2({b.c.u - a.c.u, b.c.v - a.c.v}));
    return {n.u, n.v, 0};
}

/// Sweeps a closed (w, z) profile between joints a and b.
void sweep(MeshBuilder& mb, const Joint& a, const Joint& b, const std::vector<V2>& profile,
           const std::vector<Paint>& paints) {
    const double orientation = signedArea2(profile) >= 0 ? 1.0 : -1.0;
    const V3 n = segmentNormal(a, b);
    for (std::size_t e = 0; e < profile.size(); ++e) {
        if (!paints[e].visible())
            continue;
        const V2 p = profile[e], q = profile[(e + 1) % profile.size()];
        const V2 out{(q.v - p.v) * orientation, -(q.u - p.u) * orientation};
        mb.addQuad(at(a, p.u, p.v), at(b, p.u, p.v), at(b, q.u, q.v), at(a, q.u, q.v),
                   n * out.u + V3{0, 0, out.v}, paints[e]);
    }
}

void cap(MeshBuilder& mb, const Joint& j, const Joint& toward, const std::vector<V2>& profile,
         const Paint& paint) {
    std::vector<V3> ring;
    for (const V2& p : profile)
        ring.push_back(at(j, p.u, p.v));
    const V3 away{j.c.u - toward.c.u, j.c.v - toward.c.v, 0};
    mb.addPolygon(ring, profile, away, paint);
}

struct Section {
    RoofSection roof;
    double outerFoot, outerEave, inner;  ///< w of the wall faces
    std::vector<V2> slab;                ///< roof slab profile, top outer->inner then bottom
    std::size_t topCount;
};

Section sectionOf(const RowSpec& r) {
    Section s;
    s.outerFoot = -0.5 * r.depth;
    s.outerEave = s.outerFoot + (r.wallBase - r.wallTop);
    s.inner = 0.5 * r.depth;
    RoofSection& rs = s.roof;
    rs.front = s.outerEave;
    rs.back = s.inner;
    rs.ridge = rs.front + r.ridgeShare * (rs.back - rs.front);
    rs.eave = r.eave;
    rs.top = r.top;
    rs.sag = r.sag;
    rs.overhangFront = r.overhangOuter;
    rs.overhangBack = r.overhangInner;
    rs.thickness = r.thickness;
    const int n = 3;
    std::vector<V2> top;
    for (int i = 0; i <= 2 * n; ++i) {
        const double w0 = rs.front - rs.overhangFront, w1 = rs.back + rs.overhangBack;
        const double w =
            i <= n ? w0 + (rs.ridge - w0) * i / n : rs.ridge + (w1 - rs.ridge) * (i - n) / n;
        top.push_back({w, rs.tileTop(w)});
    }
    s.slab = top;
    for (auto it = top.rbegin(); it != top.rend(); ++it)
        s.slab.push_back({it->u, it->v - rs.thickness});
    s.topCount = top.size();
    return s;
}

double outerFaceAt(const RowSpec& r, const Section& s, double z) {
    const double t = std::clamp((z - r.plinth) / std::max(1e-6, r.eave - r.plinth), 0.0, 1.0);
    return s.outerFoot + (s.outerEave - s.outerFoot) * t;
}

void addWalls(MeshBuilder& mb, const RowSpec& r, const Section& s, const Joint& a, const Joint& b,
              int segment) {
    const int k = std::max(1, r.segmentsPerRoom);
    const bool roomMiddle = r.rooms > 0 && segment % k == k / 2;
    const int room = segment / k;
    const bool gate =
        roomMiddle && std::find(r.gateRooms.begin(), r.gateRooms.end(), room) != r.gateRooms.end();
    const V3 n = segmentNormal(a, b);
    const HallPaints& c = r.paints;
    // Plinth faces, outer then inner.
    const Paint plinth = c.plinth.as(PartKind::Plinth);
    mb.addQuad(at(a, s.outerFoot, -r.foundation), at(b, s.outerFoot, -r.foundation),
               at(b, s.outerFoot, r.plinth), at(a, s.outerFoot, r.plinth), n * -1.0, plinth);
    mb.addQuad(at(b, s.inner, -r.foundation), at(a, s.inner, -r.foundation),
               at(a, s.inner, r.plinth), at(b, s.inner, r.plinth), n, plinth);
    // Outer face, leaning in where the wall tapers; slits above the ground floors.
    const Panel outer{at(a, s.outerFoot, r.plinth), at(b, s.outerFoot, r.plinth),
                      at(b, outerFaceAt(r, s, r.eave), r.eave),
                      at(a, outerFaceAt(r, s, r.eave), r.eave), n * -1.0};
    std::vector<PanelOpening> outerOpenings;
    if (roomMiddle) {
        const double mid = 0.5 * outer.length();
        for (int f = std::max(0, r.firstOuterWindowStorey - 1); f < r.storeys; ++f) {
            const double v0 = f * r.storeyHeight + 1.0;
            if (v0 + r.slitHeight < r.eave - r.plinth - 0.3)
                outerOpenings.push_back({mid - 0.5 * r.slitWidth, mid + 0.5 * r.slitWidth, v0,
                                         v0 + r.slitHeight, 0.1, c.doorFrame.as(PartKind::Windows),
                                         c.window.as(PartKind::Windows), true});
        }
        if (gate) {
            // Never wider than the segment: a wider cut would leave a hole beside it.
            const double gw = std::min(r.gateWidth, 0.9 * outer.length());
            outerOpenings.push_back({mid - 0.5 * gw, mid + 0.5 * gw, 0, r.gateHeight, r.wallBase,
                                     c.doorFrame.as(PartKind::Doors), c.door.as(PartKind::Doors),
                                     false});
        }
    }
    mb.addPanel(outer, outerOpenings, r.outerWall.as(PartKind::Walls));
    // Inner face: a door per room below, windows and gallery bands above.
    const Panel inner{at(b, s.inner, r.plinth), at(a, s.inner, r.plinth), at(a, s.inner, r.eave),
                      at(b, s.inner, r.eave), n};
    std::vector<PanelOpening> innerOpenings;
    const double len = inner.length(), mid = 0.5 * len;
    if (roomMiddle) {
        const double dw = std::min(r.doorWidth, 0.8 * len);
        innerOpenings.push_back({mid - 0.5 * dw, mid + 0.5 * dw, 0, r.doorHeight, 0.12,
                                 c.doorFrame.as(PartKind::Doors), c.door.as(PartKind::Doors),
                                 false});
        for (int f = 1; f < r.storeys; ++f) {
            const double v0 = f * r.storeyHeight + 0.7;
            if (v0 + r.windowHeight < r.eave - r.plinth - 0.2)
                innerOpenings.push_back({mid - 0.5 * dw, mid + 0.5 * dw, v0, v0 + r.windowHeight,
                                         0.12, c.doorFrame.as(PartKind::Windows),
                                         c.window.as(PartKind::Windows), false});
        }
    }
    if (r.galleries) {
        for (int f = 1; f < r.storeys; ++f) {
            const double v = f * r.storeyHeight;
            innerOpenings.push_back({0, len, v - 0.12, v + 0.45, 0, r.gallery, r.gallery, true});
        }
    }
    mb.addPanel(inner, innerOpenings, r.innerWall.as(PartKind::Walls));
}

void addRoof(MeshBuilder& mb, const RowSpec& r, const Section& s, const Joint& a, const Joint& b) {
    const HallPaints& c = r.paints;
    std::vector<Paint> paints(s.slab.size(), c.roof.as(PartKind::Roof));
    for (std::size_t e = s.topCount; e + 1 < s.slab.size(); ++e)
        paints[e] = c.soffit.as(PartKind::Roof);
    paints[s.topCount - 1] = c.fascia.as(PartKind::Roof);  // inner eave edge
    paints.back() = c.fascia.as(PartKind::Roof);           // outer eave edge
    sweep(mb, a, b, s.slab, paints);
    const RoofSection& rs = s.roof;
    const double hw = ridgeHalfWidth(r.ridge);
    const double zb = std::min(rs.tileTop(rs.ridge - hw), rs.tileTop(rs.ridge + hw)) - 0.05;
    const double zt = rs.top + r.ridge.capHeight;
    const std::vector<V2> ridge{
        {rs.ridge - hw, zb}, {rs.ridge + hw, zb}, {rs.ridge + hw, zt}, {rs.ridge - hw, zt}};
    const Paint cap = c.ridge.as(PartKind::Ridge);
    sweep(mb, a, b, ridge, {kSkip, cap, cap, cap});
    if (r.tileSpacing <= 0)
        return;
    // One 筒瓦 rib down each slope per segment: enough to read as tile rows at a distance.
    Joint mid{{0.5 * (a.c.u + b.c.u), 0.5 * (a.c.v + b.c.v)}, {}, 1, 0.5 * (a.base + b.base)};
    const V3 n = segmentNormal(a, b);
    mid.m = {n.x, n.y};
    for (const bool outerSlope : {true, false}) {
        const double w0 = outerSlope ? rs.front - rs.overhangFront : rs.back + rs.overhangBack;
        const double w1 = outerSlope ? rs.ridge - hw : rs.ridge + hw;
        std::vector<V3> path;
        for (int i = 0; i <= 3; ++i) {
            const double w = w0 + (w1 - w0) * i / 3;
            path.push_back(at(mid, w, rs.tileTop(w)));
        }
        addRib(mb, path, 0.08, 0.055, c.roof.as(PartKind::Roof));
    }
}

}  // namespace

std::vector<V2> arcPoints(double cx, double cy, double rx, double ry, double a0, double a1,
                          int segments) {
    std::vector<V2> out;
    for (int i = 0; i <= segments; ++i) {
        const double a = a0 + (a1 - a0) * i / segments;
        out.push_back({cx + rx * std::cos(a), cy + ry * std::sin(a)});
    }
    return out;
}

std::vector<V2> rowOutline(const RowSpec& r) {
    const std::vector<Joint> js = jointsOf(r);
    std::vector<V2> out;
    for (const Joint& j : js) {
        const V3 p = at(j, -0.5 * r.depth, 0);
        out.push_back({p.x, p.y});
    }
    if (!r.closed) {
        for (auto it = js.rbegin(); it != js.rend(); ++it) {
            const V3 p = at(*it, 0.5 * r.depth, 0);
            out.push_back({p.x, p.y});
        }
    }
    return out;
}

void addRow(MeshBuilder& mb, const RowSpec& r) {
    if (r.centre.size() < 2)
        return;
    const std::vector<Joint> js = jointsOf(r);
    const Section s = sectionOf(r);
    const std::size_t segments = r.closed ? js.size() : js.size() - 1;
    for (std::size_t i = 0; i < segments; ++i) {
        const Joint& a = js[i];
        const Joint& b = js[(i + 1) % js.size()];
        addWalls(mb, r, s, a, b, static_cast<int>(i));
        addRoof(mb, r, s, a, b);
    }
    if (r.closed)
        return;
    // End walls of an open row: the body up to the roof's underside, then the slab's end.
    const double th = r.thickness;
    std::vector<V2> body{{s.outerFoot, -r.foundation},
                         {s.inner, -r.foundation},
                         {s.inner, s.roof.tileTop(s.inner) - th}};
    for (std::size_t i = s.topCount; i < s.slab.size(); ++i) {  // inner to outer
        const V2 p = s.slab[i];
        if (p.u > s.outerEave + 1e-6 && p.u < s.inner - 1e-6)
            body.push_back(p);
    }
    body.push_back({s.outerEave, s.roof.tileTop(s.outerEave) - th});
    body.push_back({s.outerFoot, r.plinth});
    const Paint wall = r.outerWall.as(PartKind::Walls), fascia = r.paints.fascia.as(PartKind::Roof);
    if (r.closeStart) {
        cap(mb, js.front(), js[1], body, wall);
        cap(mb, js.front(), js[1], s.slab, fascia);
    }
    if (r.closeEnd) {
        cap(mb, js.back(), js[js.size() - 2], body, wall);
        cap(mb, js.back(), js[js.size() - 2], s.slab, fascia);
    }
}

}  // namespace cunjing::architecture
