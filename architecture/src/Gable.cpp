// 山墙 gable outlines: 人字 follows the roof; 镬耳 rises from the eaves in two concave
// shoulders into a round-topped ear, like the Guangfu walls in shared/refs; crown heads
// (猫耳, 金 木 水 火 土) come from outlines in the style file, merged with the roof line.
#include "Gable.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace cunjing::architecture {

namespace {

constexpr double kHalfPi = std::numbers::pi / 2;

/// A smooth max that never dips below either input and equals the larger one once they are
/// k apart: the coping clears the tiles without a kink, and the ear's top stays exact.
double smoothMax(double a, double b, double k) {
    const double h = std::max(k - std::abs(a - b), 0.0) / k;
    return std::max(a, b) + h * h * k / 4;
}

double frontEnd(const RoofSection& r, const GableStyle& g) {
    return g.frontCorbel ? r.front - r.overhangFront : r.front;
}

double backEnd(const RoofSection& r) {
    return r.back + r.overhangBack;
}

double copingOverRoof(const RoofSection& r, const GableStyle& g, double u) {
    return r.tileTop(u) + g.clearance;
}

std::vector<V2> herringboneCurve(const RoofSection& r, const GableStyle& g) {
    const int n = g.segments;
    const double yBack = backEnd(r), yFront = frontEnd(r, g);
    std::vector<V2> curve;
    for (int i = 0; i <= 2 * n; ++i) {
        const double y =
            i <= n ? yBack + (r.ridge - yBack) * i / n : r.ridge + (yFront - r.ridge) * (i - n) / n;
        curve.push_back({y, copingOverRoof(r, g, y)});
    }
    return curve;
}

/// One concave shoulder: a quarter ellipse, vertical at the ear's neck and level at the
/// eave end, lifted wherever it would come closer to the tiles than the clearance.
/// Appends n + 1 points, from the eave end to the neck or the other way round.
void appendShoulder(const RoofSection& r, const GableStyle& g, double yEnd, double yNeck,
                    double zNeck, bool fromEnd, std::vector<V2>& curve) {
    const int n = g.segments;
    const double zEnd = copingOverRoof(r, g, yEnd);
    const double rx = yNeck - yEnd, ry = std::max(0.1, zNeck - zEnd);
    for (int i = 0; i <= n; ++i) {
        const double t = kHalfPi * (fromEnd ? n - i : i) / n;
        const double y = yNeck - rx * (1 - std::cos(t));
        const double zEllipse = zNeck - ry * std::sin(t);
        curve.push_back({y, smoothMax(zEllipse, copingOverRoof(r, g, y), g.clearance)});
    }
}

/// The round top of the 镬耳: half-width along the gable, vertical radius and neck height.
struct Ear {
    double halfWidth = 0, radius = 0, zNeck = 0;
};

Ear earOf(const RoofSection& r, const GableStyle& g) {
    Ear e;
    const double yBack = backEnd(r), yFront = frontEnd(r, g);
    // Leave room for the front shoulder even on shallow houses with long eaves.
    e.halfWidth = std::min(0.5 * g.earWidth * (yBack - yFront), 0.8 * (r.ridge - yFront));
    const double top = r.top + g.wokEarRise;
    // The neck must clear the tiles; otherwise the shoulders, which follow the roof, would
    // overshoot the start of the ear and fold the outline.
    const double neckFloor = r.tileTop(r.ridge + e.halfWidth) + 2 * g.clearance;
    e.zNeck = std::min(top - 0.05, std::max(top - e.halfWidth, neckFloor));
    e.radius = top - e.zNeck;
    return e;
}

std::vector<V2> wokEarCurve(const RoofSection& r, const GableStyle& g) {
    const int n = g.segments;
    const Ear e = earOf(r, g);
    std::vector<V2> curve;
    appendShoulder(r, g, backEnd(r), r.ridge + e.halfWidth, e.zNeck, true, curve);
    for (int j = 1; j < n; ++j) {  // the ear: half an ellipse over the ridge
        const double phi = std::numbers::pi * j / n;
        const double y = r.ridge + e.halfWidth * std::cos(phi);
        const double z = e.zNeck + e.radius * std::sin(phi);
        curve.push_back({y, smoothMax(z, copingOverRoof(r, g, y), g.clearance)});
    }
    appendShoulder(r, g, frontEnd(r, g), r.ridge - e.halfWidth, e.zNeck, false, curve);
    return curve;
}

/// Monotone cubic (Fritsch-Carlson) slopes: smooth crowns that never overshoot their points,
/// so a wave stays a wave and a flat top stays flat.
std::vector<double> monotoneSlopes(const std::vector<Point2>& p) {
    const std::size_t n = p.size();
    std::vector<double> d(n - 1), m(n, 0.0);
    for (std::size_t i = 0; i + 1 < n; ++i)
        d[i] = (p[i + 1].y - p[i].y) / std::max(1e-9, p[i + 1].x - p[i].x);
    m[0] = d[0];
    m[n - 1] = d[n - 2];
    for (std::size_t i = 1; i + 1 < n; ++i)
        m[i] = d[i - 1] * d[i] <= 0 ? 0.0 : 0.5 * (d[i - 1] + d[i]);
    for (std::size_t i = 0; i + 1 < n; ++i) {
        if (d[i] == 0) {
            m[i] = m[i + 1] = 0;
            continue;
        }
        const double a = m[i] / d[i], b = m[i + 1] / d[i], s = a * a + b * b;
        if (s > 9) {
            const double tau = 3 / std::sqrt(s);
            m[i] = tau * a * d[i];
            m[i + 1] = tau * b * d[i];
        }
    }
    return m;
}

/// Height of the crown above the ridge at share x (0 wall face, 1 ridge); -inf outside it.
double crownAt(const std::vector<Point2>& p, const std::vector<double>& slopes, bool smooth,
               double x) {
    if (p.size() < 2 || x < p.front().x || x > p.back().x)
        return -std::numeric_limits<double>::infinity();
    std::size_t i = 0;
    while (i + 2 < p.size() && x > p[i + 1].x)
        ++i;
    const double h = std::max(1e-9, p[i + 1].x - p[i].x), t = (x - p[i].x) / h;
    if (!smooth)
        return p[i].y + (p[i + 1].y - p[i].y) * t;
    const double t2 = t * t, t3 = t2 * t;
    return (2 * t3 - 3 * t2 + 1) * p[i].y + (t3 - 2 * t2 + t) * h * slopes[i] +
           (-2 * t3 + 3 * t2) * p[i + 1].y + (t3 - t2) * h * slopes[i + 1];
}

std::vector<V2> crownCurve(const RoofSection& r, const GableStyle& g) {
    static const std::vector<Point2> kNone;
    const std::vector<Point2>& pts = g.crown ? *g.crown : kNone;
    const std::vector<double> slopes =
        pts.size() >= 2 ? monotoneSlopes(pts) : std::vector<double>{};
    const double yBack = backEnd(r), yFront = frontEnd(r, g);
    const double hFront = r.ridge - r.front, hBack = r.back - r.ridge;
    // Sample evenly, at every crown point (its corners stay sharp) and, for smooth crowns,
    // densely across the crown itself.
    std::vector<double> us;
    const int n = g.segments;
    for (int i = 0; i <= n; ++i) {
        us.push_back(yBack + (r.ridge - yBack) * i / n);
        us.push_back(r.ridge + (yFront - r.ridge) * i / n);
    }
    const auto addShare = [&](double x) {
        us.push_back(r.ridge + (1 - x) * hBack);
        us.push_back(r.ridge - (1 - x) * hFront);
    };
    for (const Point2& q : pts)
        addShare(q.x);
    if (g.smooth && pts.size() >= 2) {
        const int k = 2 * n;
        for (int i = 1; i < k; ++i)
            addShare(pts.front().x + (pts.back().x - pts.front().x) * i / k);
    }
    std::sort(us.begin(), us.end(), std::greater<>());
    std::vector<V2> curve;
    for (double u : us) {
        if (u > yBack + 1e-9 || u < yFront - 1e-9)
            continue;
        if (!curve.empty() && std::abs(curve.back().u - u) < 1e-4)
            continue;
        const double x = u >= r.ridge ? 1 - (u - r.ridge) / hBack : 1 - (r.ridge - u) / hFront;
        const double head = r.top + crownAt(pts, slopes, g.smooth, x);
        const double roof = copingOverRoof(r, g, u);
        curve.push_back({u, std::isfinite(head) ? smoothMax(head, roof, g.clearance) : roof});
    }
    return curve;
}

/// The cap band may not be thicker than half the ear's radius, or its inner edge would fold.
double capBand(const RoofSection& r, const GableStyle& g) {
    if (g.kind != GableKind::WokEar)
        return g.capBand;
    const Ear e = earOf(r, g);
    return std::min(g.capBand, 0.5 * std::min(e.radius, e.halfWidth));
}

/// The coping curve moved into the wall by the cap band. Along each point's normal the band
/// keeps its width round the ear, as in the refs; straight down it cannot fold, since the
/// curve is a function of u. The end points always drop straight down: the coping's cut ends.
std::vector<V2> insetCurve(const std::vector<V2>& c, double band, bool alongNormals) {
    std::vector<V2> inner(c.size());
    for (std::size_t i = 0; i < c.size(); ++i) {
        inner[i] = {c[i].u, c[i].v - band};
        if (!alongNormals || i == 0 || i + 1 == c.size())
            continue;
        const double du = c[i + 1].u - c[i - 1].u, dv = c[i + 1].v - c[i - 1].v;
        const double len = std::hypot(du, dv);
        // The curve runs back to front (decreasing u) on top of a counter-clockwise outline,
        // so its outward normal is its direction turned clockwise: (dv, -du).
        inner[i] = {c[i].u - band * dv / len, c[i].v + band * du / len};
    }
    return inner;
}

/// True when the band between the coping and its inset neither folds nor crosses the wall.
bool bandIsClean(const GableShape& g) {
    if (!isSimplePolygon(g.wallFace))
        return false;
    for (std::size_t i = 0; i + 1 < g.coping.size(); ++i) {
        if (segmentsCross(g.coping[i], g.capInner[i], g.coping[i + 1], g.capInner[i + 1])) {
            return false;
        }
    }
    return true;
}

}  // namespace

double RoofSection::tileTop(double u) const {
    const double half = u >= ridge ? back - ridge : ridge - front;
    const double s = std::abs(u - ridge) / half;
    return top - (top - eave) * s - sag * 4 * s * (1 - s);
}

std::vector<V2> gableCopingCurve(const RoofSection& r, const GableStyle& g) {
    switch (g.kind) {
        case GableKind::WokEar:
            return wokEarCurve(r, g);
        case GableKind::Crown:
            return crownCurve(r, g);
        case GableKind::FollowRoof:
            break;
    }
    return herringboneCurve(r, g);
}

GableShape gableShape(const RoofSection& r, const GableStyle& g) {
    GableShape s;
    s.coping = gableCopingCurve(r, g);
    // The corbels (墀头) step the wall out under the eaves at about 45 degrees.
    const auto corbelZ = [&](double uEnd, double overhang) {
        return r.tileTop(uEnd) - r.thickness - overhang;
    };
    const double zBack = corbelZ(backEnd(r), r.overhangBack);
    const double zFront = corbelZ(frontEnd(r, g), g.frontCorbel ? r.overhangFront : 0);
    const V2 frontFoot{r.front, g.foot}, backFoot{r.back, g.foot};
    const V2 backCorbel{r.back, zBack}, frontCorbel{r.front, zFront};
    // The band's cut ends must stay above the corbels' tops.
    double band = std::min(capBand(r, g), 0.9 * (s.coping.front().v - zBack));
    if (g.frontCorbel)
        band = std::min(band, 0.9 * (s.coping.back().v - zFront));
    // The corbel rises to the underside of the tiles at the eave line, so the slab's end is
    // closed by the wall; then the wall goes straight up to the coping's cut end.
    const V2 backEave{backEnd(r), r.tileTop(backEnd(r)) - r.thickness};
    const V2 frontEave{frontEnd(r, g), r.tileTop(frontEnd(r, g)) - r.thickness};
    for (const bool alongNormals : {true, false}) {
        s.capInner = insetCurve(s.coping, band, alongNormals);
        s.backEave = s.capInner.front().v > backEave.v + 1e-3;
        s.frontEave = g.frontCorbel && s.capInner.back().v > frontEave.v + 1e-3;
        s.wallFace = {frontFoot, backFoot, backCorbel};
        if (s.backEave)
            s.wallFace.push_back(backEave);
        s.wallFace.insert(s.wallFace.end(), s.capInner.begin(), s.capInner.end());
        if (s.frontEave)
            s.wallFace.push_back(frontEave);
        if (g.frontCorbel)
            s.wallFace.push_back(frontCorbel);
        if (bandIsClean(s))
            break;
    }
    s.outline = {frontFoot, backFoot, backCorbel};
    if (s.backEave)
        s.outline.push_back(backEave);
    s.outline.push_back(s.capInner.front());
    s.curveBegin = s.outline.size();
    s.outline.insert(s.outline.end(), s.coping.begin(), s.coping.end());
    s.copingEnd = s.outline.size() - 1;
    if (g.frontCorbel) {
        s.outline.push_back(s.capInner.back());
        if (s.frontEave)
            s.outline.push_back(frontEave);
        s.outline.push_back(frontCorbel);
    }
    return s;
}

}  // namespace cunjing::architecture
