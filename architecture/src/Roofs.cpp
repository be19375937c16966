// Roofs of the component library: the concave 硬山 slab, the 歇山 hipped skirt under its small
// gable, 筒瓦 tile rows, and ridges with their 灰塑 or 嵌瓷 ornaments.
#include "Components.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace cunjing::architecture {

namespace {

/// Section samples from the front eave to the ridge and on to the back eave.
std::vector<V2> sectionTop(const RoofSection& r, int perSlope) {
    const double yFront = r.front - r.overhangFront, yBack = r.back + r.overhangBack;
    std::vector<V2> top;
    for (int i = 0; i <= 2 * perSlope; ++i) {
        const double y = i <= perSlope ? yFront + (r.ridge - yFront) * i / perSlope
                                       : r.ridge + (yBack - r.ridge) * (i - perSlope) / perSlope;
        top.push_back({y, r.tileTop(y)});
    }
    return top;
}

Paint pick(const std::vector<Paint>& colors, std::size_t i, const Paint& fallback) {
    return colors.empty() ? fallback : colors[i % colors.size()];
}

/// A solid from a profile in the (x, z) plane, between y0 and y1.
void addPlate(MeshBuilder& b, const std::vector<V2>& profile, double y0, double y1,
              const Paint& paint) {
    b.addExtrusionSides(profile, ProfilePlane{false}, y0, y1,
                        std::vector<Paint>(profile.size(), paint));
    b.addExtrusionCap(profile, ProfilePlane{false}, y0, false, paint);
    b.addExtrusionCap(profile, ProfilePlane{false}, y1, true, paint);
}

/// Profiles are drawn for the +X end; mirror for the -X end (and keep them counter-clockwise).
std::vector<V2> placeEnd(const std::vector<V2>& shape, double xEnd, double zBase, bool positive) {
    std::vector<V2> out;
    for (const V2& p : shape)
        out.push_back({positive ? xEnd + p.u : xEnd - p.u, zBase + p.v});
    if (!positive)
        std::reverse(out.begin(), out.end());
    return out;
}

void addRidgeEnds(MeshBuilder& b, const RidgeStyle& s, double x0, double x1, double y,
                  double halfWidth, double zTop, const Paint& cap) {
    // Shapes for the +X end, u outwards from the ridge end, v up from the cap's top.
    static const std::vector<V2> kCurl{{-0.7, -0.05}, {0.05, -0.05}, {0.05, 0.45}, {-0.1, 0.62},
                                       {-0.32, 0.6},  {-0.42, 0.45}, {-0.36, 0.3}, {-0.2, 0.3},
                                       {-0.22, 0.4},  {-0.12, 0.42}, {-0.1, 0.2},  {-0.7, 0.12}};
    static const std::vector<V2> kSwallow{{-1.4, -0.05}, {0.0, -0.05}, {0.45, 0.35}, {0.7, 0.8},
                                          {0.55, 0.82},  {0.38, 0.55}, {0.2, 0.7},   {0.1, 0.5},
                                          {-0.5, 0.15},  {-1.4, 0.1}};
    static const std::vector<V2> kDragon{{-1.6, -0.05}, {0.1, -0.05}, {0.45, 0.3},  {0.6, 0.75},
                                         {0.45, 1.05},  {0.2, 1.1},   {0.3, 0.85},  {0.28, 0.6},
                                         {0.05, 0.4},   {-0.4, 0.5},  {-0.9, 0.35}, {-1.6, 0.15}};
    static const std::vector<V2> kFin{{0, 0}, {0.18, 0}, {0.05, 0.3}};
    const std::vector<V2>* shape = nullptr;
    switch (s.ends) {
        case RidgeEnd::Curl:
            shape = &kCurl;
            break;
        case RidgeEnd::Swallowtail:
            shape = &kSwallow;
            break;
        case RidgeEnd::Dragon:
            shape = &kDragon;
            break;
        case RidgeEnd::None:
            return;
    }
    const Paint body = s.ends == RidgeEnd::Dragon ? pick(s.colors, s.seed + 1, cap) : cap;
    for (const bool positive : {false, true}) {
        const double xEnd = positive ? x1 : x0;
        addPlate(b, placeEnd(*shape, xEnd, zTop, positive), y - halfWidth, y + halfWidth,
                 body.as(PartKind::Ornaments));
        if (s.ends != RidgeEnd::Dragon)
            continue;
        // Fins along the dragon's back, each a different mosaic colour.
        for (int k = 0; k < 3; ++k) {
            const double u = -1.3 + 0.35 * k;
            const double v = 0.12 + 0.13 * k;
            std::vector<V2> fin;
            for (const V2& p : kFin)
                fin.push_back({u + p.u, v + p.v});
            addPlate(b, placeEnd(fin, xEnd, zTop, positive), y - 0.5 * halfWidth,
                     y + 0.5 * halfWidth,
                     pick(s.colors, s.seed + 2 + k, cap).as(PartKind::Ornaments));
        }
    }
}

/// 嵌瓷: small ceramic pieces standing along the ridge, a pearl in the middle.
void addMosaicPieces(MeshBuilder& b, const RidgeStyle& s, double x0, double x1, double y,
                     double halfWidth, double zTop) {
    const double length = x1 - x0, mid = 0.5 * (x0 + x1);
    const int n = std::max(2, static_cast<int>(length / 0.55));
    const double step = length / n;
    for (int i = 0; i < n; ++i) {
        const double x = x0 + (i + 0.5) * step;
        if (std::abs(x - mid) < 0.6 || std::abs(x - x0) < 0.8 || std::abs(x1 - x) < 0.8)
            continue;  // room for the pearl and the end ornaments
        const double h = 0.18 + 0.08 * ((i + s.seed) % 3), w = 0.4 * step;
        const V3 apex{x, y, zTop + h};
        const V3 c[4] = {{x - w, y - halfWidth, zTop},
                         {x + w, y - halfWidth, zTop},
                         {x + w, y + halfWidth, zTop},
                         {x - w, y + halfWidth, zTop}};
        const Paint paint = pick(s.colors, s.seed + i, {}).as(PartKind::Ornaments);
        for (int k = 0; k < 4; ++k) {
            const V3 mid2 = (c[k] + c[(k + 1) % 4]) * 0.5;
            b.addTriangle(c[k], c[(k + 1) % 4], apex, mid2 - V3{x, y, zTop}, paint);
        }
    }
    // The pearl (宝珠): an octahedron standing on the ridge, flanked by the dragons.
    const double r = 0.28;
    const V3 centre{mid, y, zTop + 0.75 * r};
    const V3 axes[6] = {{r, 0, 0}, {-r, 0, 0}, {0, r, 0}, {0, -r, 0}, {0, 0, r}, {0, 0, -r}};
    const Paint pearl = pick(s.colors, s.seed + 3, {}).as(PartKind::Ornaments);
    for (int ix = 0; ix < 2; ++ix) {
        for (int iy = 2; iy < 4; ++iy) {
            for (int iz = 4; iz < 6; ++iz) {
                const V3 a = centre + axes[ix], bb = centre + axes[iy], c = centre + axes[iz];
                b.addTriangle(a, bb, c, (axes[ix] + axes[iy] + axes[iz]), pearl);
            }
        }
    }
}

/// Coloured panels along both faces of the ridge (灰塑 friezes, 嵌瓷 flowers).
void addRidgePanels(MeshBuilder& b, const RidgeStyle& s, double x0, double x1, double y,
                    double halfWidth, double z0, double z1) {
    const double length = x1 - x0;
    const int n = std::max(1, static_cast<int>(length / 1.6));
    const double step = length / n, inset = 0.15;
    for (int i = 0; i < n; ++i) {
        const double a = x0 + i * step + inset, c = x0 + (i + 1) * step - inset;
        if (c <= a)
            continue;
        const Paint paint = pick(s.colors, s.seed + 2 * i, {}).as(PartKind::Ornaments);
        for (const double side : {-1.0, 1.0}) {
            const double yy = y + side * (halfWidth + 0.015);
            b.addQuad({a, yy, z0}, {c, yy, z0}, {c, yy, z1}, {a, yy, z1}, {0, side, 0}, paint);
        }
    }
}

}  // namespace

RoofSection roofSectionOf(const HallSpec& h) {
    RoofSection r;
    r.front = 0;
    r.back = h.depth;
    r.ridge = 0.5 * h.depth;
    r.eave = h.eave;
    r.top = h.top;
    r.sag = h.sag;
    r.overhangFront = h.overhangFront;
    r.overhangBack = h.overhangBack;
    r.thickness = h.thickness;
    return r;
}

double ridgeHalfWidth(const RidgeStyle& style) {
    return 0.5 * std::max(0.2, 1.2 * style.capHeight);
}

void addRib(MeshBuilder& b, const std::vector<V3>& path, double halfWidth, double height,
            const Paint& paint) {
    if (path.size() < 2)
        return;
    // The crest stands straight above the path, so the rib ends exactly where the eave does.
    const V3 up{0, 0, height};
    for (std::size_t i = 0; i + 1 < path.size(); ++i) {
        const V3 p = path[i], q = path[i + 1];
        const V3 side = normalized(cross(q - p, V3{0, 0, 1})) * halfWidth;
        b.addQuad(p - side, q - side, q + up, p + up, up - side, paint);
        b.addQuad(p + up, q + up, q + side, p + side, up + side, paint);
    }
    // The end tile (瓦当) at the start of the path, usually the eave.
    const V3 p = path[0], q = path[1];
    const V3 side = normalized(cross(q - p, V3{0, 0, 1})) * halfWidth;
    b.addTriangle(p - side, p + side, p + up, p - q, paint);
}

void addTileRows(MeshBuilder& b, const RoofSection& r, double x0, double x1, double spacing,
                 const Paint& paint, double capHalfWidth, int segments) {
    if (spacing <= 0 || x1 - x0 < spacing)
        return;
    const int rows = static_cast<int>((x1 - x0) / spacing);
    const double step = (x1 - x0) / rows;
    const double halfWidth = std::min(0.09, 0.3 * step), height = 0.7 * halfWidth;
    const int n = std::max(2, segments);
    const double yFront = r.front - r.overhangFront, yBack = r.back + r.overhangBack;
    for (const bool front : {true, false}) {
        const double yEave = front ? yFront : yBack;
        const double yTop = front ? r.ridge - capHalfWidth : r.ridge + capHalfWidth;
        std::vector<double> ys;
        for (int i = 0; i <= n; ++i)
            ys.push_back(yEave + (yTop - yEave) * i / n);
        for (int k = 0; k < rows; ++k) {
            const double x = x0 + (k + 0.5) * step;
            std::vector<V3> path;
            for (double y : ys)
                path.push_back({x, y, r.tileTop(y)});
            addRib(b, path, halfWidth, height, paint);
        }
    }
}

void addRidge(MeshBuilder& b, double x0, double x1, const RoofSection& r, const RidgeStyle& style,
              const Paint& cap, bool openEnds) {
    const double hw = ridgeHalfWidth(style);
    const double zBase = r.tileTop(r.ridge + hw) - 0.05;
    const double zTop = r.top + style.capHeight;
    unsigned faces = kNegY | kPosY | kPosZ;
    if (openEnds)
        faces |= kNegX | kPosX;
    b.addBox({x0, r.ridge - hw, zBase}, {x1, r.ridge + hw, zTop}, faces, cap.as(PartKind::Ridge));
    switch (style.kind) {
        case OrnamentKind::Plain:
            break;
        case OrnamentKind::Moulded:
            addRidgePanels(b, style, x0, x1, r.ridge, hw, r.top + 0.06, zTop - 0.05);
            break;
        case OrnamentKind::Mosaic:
            addRidgePanels(b, style, x0, x1, r.ridge, hw, r.top + 0.04, zTop - 0.03);
            addMosaicPieces(b, style, x0, x1, r.ridge, hw, zTop);
            break;
    }
    addRidgeEnds(b, style, x0, x1, r.ridge, hw, zTop, cap);
}

void addHardGableRoof(MeshBuilder& b, const RoofSection& r, double x0, double x1, int segments,
                      const Paint& roof, const Paint& soffit, const Paint& fascia, bool capX0,
                      bool capX1) {
    const int n = std::max(2, segments / 2);
    const std::vector<V2> top = sectionTop(r, n);
    std::vector<V2> profile(top.rbegin(), top.rend());  // top surface, back to front
    for (const V2& q : top)
        profile.push_back({q.u, q.v - r.thickness});
    std::vector<Paint> paints(profile.size(), roof.as(PartKind::Roof));
    for (std::size_t i = top.size(); i + 1 < profile.size(); ++i)
        paints[i] = soffit.as(PartKind::Roof);
    paints[top.size() - 1] = fascia.as(PartKind::Roof);  // front eave edge
    paints.back() = fascia.as(PartKind::Roof);           // back eave edge
    b.addExtrusionSides(profile, ProfilePlane{true}, x0, x1, paints);
    if (capX0)
        b.addExtrusionCap(profile, ProfilePlane{true}, x0, false, fascia.as(PartKind::Roof));
    if (capX1)
        b.addExtrusionCap(profile, ProfilePlane{true}, x1, true, fascia.as(PartKind::Roof));
}

void addHipGableRoof(MeshBuilder& b, const HallSpec& h, int segments) {
    // 歇山: the front and back slopes carry the section's curve; the end skirts carry the same
    // curve measured in from the side eave, so they meet the slopes exactly along the hips.
    const RoofSection r = roofSectionOf(h);
    const HallPaints& c = h.paints;
    const Paint roof = c.roof.as(PartKind::Roof), fascia = c.fascia.as(PartKind::Roof);
    const double ohf = h.overhangFront, ohs = ohf;  // equal overhangs keep the hips at 45°
    const double yF = -ohf, yB = h.depth + h.overhangBack;
    const double xE = 0.5 * h.width + ohs;
    const double run = r.ridge - yF, hipRun = 0.45 * run;
    const double xG = xE - hipRun, yBreakF = yF + hipRun, yBreakB = yB - hipRun;
    const int n = std::max(3, segments / 2);
    // Samples from the eave (d = 0) to the ridge, with the break exactly on one of them.
    std::vector<double> ds;
    const int nLow = std::max(1, n / 2);
    for (int i = 0; i <= nLow; ++i)
        ds.push_back(hipRun * i / nLow);
    for (int i = 1; i <= n - nLow; ++i)
        ds.push_back(hipRun + (run - hipRun) * i / (n - nLow));
    const auto zAtD = [&](double d) { return r.tileTop(yF + d); };
    for (std::size_t i = 0; i + 1 < ds.size(); ++i) {
        const double d0 = ds[i], d1 = ds[i + 1];
        const double xa = xE - std::min(d0, hipRun), xb = xE - std::min(d1, hipRun);
        const double za = zAtD(d0), zb = zAtD(d1);
        // front and back slopes
        b.addQuad({-xa, yF + d0, za}, {xa, yF + d0, za}, {xb, yF + d1, zb}, {-xb, yF + d1, zb},
                  {0, -1, 1}, roof);
        b.addQuad({-xa, yB - d0, za}, {xa, yB - d0, za}, {xb, yB - d1, zb}, {-xb, yB - d1, zb},
                  {0, 1, 1}, roof);
        if (d0 >= hipRun - 1e-9)
            continue;
        // end skirts, up to the break
        for (const double s : {-1.0, 1.0}) {
            b.addQuad({s * xE - s * d0, yF + d0, za}, {s * xE - s * d0, yB - d0, za},
                      {s * xE - s * d1, yB - d1, zb}, {s * xE - s * d1, yF + d1, zb}, {s, 0, 1},
                      roof);
        }
    }
    // The small gables (山花) above the skirts.
    std::vector<V2> gable{{yBreakF, zAtD(hipRun)}};
    for (std::size_t i = 0; i < ds.size(); ++i) {
        if (ds[i] > hipRun + 1e-9)
            gable.push_back({yF + ds[i], zAtD(ds[i])});
    }
    for (std::size_t i = ds.size(); i-- > 0;) {
        if (ds[i] > hipRun + 1e-9 && ds[i] < run - 1e-9)
            gable.push_back({yB - ds[i], zAtD(ds[i])});
    }
    gable.push_back({yBreakB, zAtD(hipRun)});
    for (const double s : {-1.0, 1.0}) {
        std::vector<V3> ring;
        for (const V2& p : gable)
            ring.push_back({s * xG, p.u, p.v});
        b.addPolygon(ring, gable, {s, 0, 0}, c.frontWall.as(PartKind::Gables));
    }
    // Eave fascia on all four sides and the soffit back to the walls.
    const double ze = zAtD(0), th = h.thickness;
    const double xW = 0.5 * h.width, zw = r.tileTop(0) - th;
    const V3 o[4] = {{-xE, yF, ze}, {xE, yF, ze}, {xE, yB, ze}, {-xE, yB, ze}};
    const V3 w[4] = {{-xW, 0, zw}, {xW, 0, zw}, {xW, h.depth, zw}, {-xW, h.depth, zw}};
    for (int k = 0; k < 4; ++k) {
        const V3 a = o[k], bb = o[(k + 1) % 4];
        const V3 out = cross(bb - a, V3{0, 0, 1});
        b.addQuad(a - V3{0, 0, th}, bb - V3{0, 0, th}, bb, a, out, fascia);
        b.addQuad(a - V3{0, 0, th}, bb - V3{0, 0, th}, w[(k + 1) % 4], w[k], {0, 0, -1},
                  c.soffit.as(PartKind::Roof));
    }
    // Hip ridges (戗脊) from the corners to the break, and the gables' verges.
    const Paint ridge = c.ridge.as(PartKind::Ridge);
    for (const double sx : {-1.0, 1.0}) {
        for (const double sy : {-1.0, 1.0}) {
            std::vector<V3> hip;
            const double y0 = sy < 0 ? yF : yB;
            for (std::size_t i = 0; i < ds.size() && ds[i] <= hipRun + 1e-9; ++i)
                hip.push_back({sx * (xE - ds[i]), y0 - sy * ds[i], zAtD(ds[i])});
            addRib(b, hip, 0.12, 0.16, ridge);
            std::vector<V3> verge;
            for (std::size_t i = 0; i < ds.size(); ++i) {
                if (ds[i] >= hipRun - 1e-9 && ds[i] <= run - 0.2)
                    verge.push_back({sx * xG, y0 - sy * ds[i], zAtD(ds[i])});
            }
            addRib(b, verge, 0.1, 0.14, ridge);
        }
    }
    addTileRows(b, r, -xG + 0.2, xG - 0.2, h.detail.tileSpacing, roof,
                ridgeHalfWidth(h.detail.ridge), std::max(2, segments / 3));
    addRidge(b, -xG, xG, r, h.detail.ridge, c.ridge, true);
}

}  // namespace cunjing::architecture
