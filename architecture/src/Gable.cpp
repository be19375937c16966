// 山墙 gable outlines: 人字 follows the roof; 镬耳 rises from the eaves in two concave
// shoulders into a round-topped ear, like the Guangfu walls in shared/refs.
#include "HouseGeometry.h"

#include <algorithm>
#include <cmath>
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

std::vector<V2> herringboneCurve(const SanjianLianglangParams& p, const HouseLines& l) {
    const int n = p.curveSegments;
    const double yBack = l.back + p.roofOverhang;
    std::vector<V2> curve;
    for (int i = 0; i <= 2 * n; ++i) {
        const double y = i <= n ? yBack + (l.ridge - yBack) * i / n
                                : l.ridge + (l.front - l.ridge) * (i - n) / n;
        curve.push_back({y, mainRoofTop(p, l, y) + p.gableClearance});
    }
    return curve;
}

/// One concave shoulder: a quarter ellipse, vertical at the ear's neck and level at the
/// eave end, lifted wherever it would come closer to the tiles than gableClearance.
/// Appends n + 1 points, from the eave end to the neck or the other way round.
void appendShoulder(const SanjianLianglangParams& p, const HouseLines& l, double yEnd, double yNeck,
                    double zNeck, bool fromEnd, std::vector<V2>& curve) {
    const int n = p.curveSegments;
    const double zEnd = mainRoofTop(p, l, yEnd) + p.gableClearance;
    const double rx = yNeck - yEnd, ry = std::max(0.1, zNeck - zEnd);
    for (int i = 0; i <= n; ++i) {
        const double t = kHalfPi * (fromEnd ? n - i : i) / n;
        const double y = yNeck - rx * (1 - std::cos(t));
        const double zEllipse = zNeck - ry * std::sin(t);
        const double zRoof = mainRoofTop(p, l, y) + p.gableClearance;
        curve.push_back({y, smoothMax(zEllipse, zRoof, p.gableClearance)});
    }
}

/// The round top of the 镬耳: half-width along the gable, vertical radius and neck height.
struct Ear {
    double halfWidth = 0, radius = 0, zNeck = 0;
};

Ear earOf(const SanjianLianglangParams& p, const HouseLines& l) {
    Ear e;
    const double yBack = l.back + p.roofOverhang;
    // Leave room for the front shoulder even on shallow houses with long eaves.
    e.halfWidth = std::min(0.5 * p.wokEarWidth * (yBack - l.front), 0.8 * (l.ridge - l.front));
    const double top = p.ridgeHeight + p.wokEarRise;
    // The neck must clear the tiles; otherwise the shoulders, which follow the roof, would
    // overshoot the start of the ear and fold the outline.
    const double neckFloor = mainRoofTop(p, l, l.ridge + e.halfWidth) + 2 * p.gableClearance;
    e.zNeck = std::min(top - 0.05, std::max(top - e.halfWidth, neckFloor));
    e.radius = top - e.zNeck;
    return e;
}

std::vector<V2> wokEarCurve(const SanjianLianglangParams& p, const HouseLines& l) {
    const int n = p.curveSegments;
    const Ear e = earOf(p, l);
    std::vector<V2> curve;
    appendShoulder(p, l, l.back + p.roofOverhang, l.ridge + e.halfWidth, e.zNeck, true, curve);
    for (int j = 1; j < n; ++j) {  // the ear: half an ellipse over the ridge
        const double phi = std::numbers::pi * j / n;
        const double y = l.ridge + e.halfWidth * std::cos(phi);
        const double z = e.zNeck + e.radius * std::sin(phi);
        curve.push_back(
            {y, smoothMax(z, mainRoofTop(p, l, y) + p.gableClearance, p.gableClearance)});
    }
    appendShoulder(p, l, l.front, l.ridge - e.halfWidth, e.zNeck, false, curve);
    return curve;
}

/// The cap band may not be thicker than half the ear's radius, or its inner edge would fold.
double capBand(const SanjianLianglangParams& p, const HouseLines& l) {
    if (p.gable != GableProfile::WokEar)
        return p.gableCapBand;
    const Ear e = earOf(p, l);
    return std::min(p.gableCapBand, 0.5 * std::min(e.radius, e.halfWidth));
}

/// The coping curve moved into the wall by the cap band. Along each point's normal the band
/// keeps its width round the ear, as in the refs; straight down it cannot fold, since the
/// curve is a function of y. The end points always drop straight down: the coping's cut ends.
std::vector<V2> insetCurve(const std::vector<V2>& c, double band, bool alongNormals) {
    std::vector<V2> inner(c.size());
    for (std::size_t i = 0; i < c.size(); ++i) {
        inner[i] = {c[i].u, c[i].v - band};
        if (!alongNormals || i == 0 || i + 1 == c.size())
            continue;
        const double du = c[i + 1].u - c[i - 1].u, dv = c[i + 1].v - c[i - 1].v;
        const double len = std::hypot(du, dv);
        // The curve runs back to front (decreasing y) on top of a counter-clockwise outline,
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

double mainRoofTop(const SanjianLianglangParams& p, const HouseLines& l, double y) {
    const double s = std::abs(y - l.ridge) / (0.5 * (l.back - l.front));
    return p.ridgeHeight - (p.ridgeHeight - p.eaveHeight) * s - p.roofSag * 4 * s * (1 - s);
}

GableShape gableShape(const SanjianLianglangParams& p, const HouseLines& l) {
    GableShape g;
    g.coping = p.gable == GableProfile::WokEar ? wokEarCurve(p, l) : herringboneCurve(p, l);
    // The back corbel (墀头) steps the wall out under the back eave at about 45 degrees.
    const double yBack = l.back + p.roofOverhang;
    const double zCorbel = mainRoofTop(p, l, yBack) - p.roofThickness - p.roofOverhang;
    const V2 frontFoot{l.front, p.plinthHeight}, backFoot{l.back, p.plinthHeight};
    const V2 corbel{l.back, zCorbel};
    // The band's cut end must stay above the corbel's top.
    const double band = std::min(capBand(p, l), 0.9 * (g.coping.front().v - zCorbel));
    for (const bool alongNormals : {true, false}) {
        g.capInner = insetCurve(g.coping, band, alongNormals);
        g.wallFace = {frontFoot, backFoot, corbel};
        g.wallFace.insert(g.wallFace.end(), g.capInner.begin(), g.capInner.end());
        if (bandIsClean(g))
            break;
    }
    g.outline = {frontFoot, backFoot, corbel, g.capInner.front()};
    g.curveBegin = g.outline.size();
    g.outline.insert(g.outline.end(), g.coping.begin(), g.coping.end());
    return g;
}

}  // namespace cunjing::architecture
