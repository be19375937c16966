#include <cunjing/terrain/Flatten.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cunjing::terrain {

namespace {

using Outline = std::vector<std::array<double, 2>>;

bool inside(const Outline& poly, double x, double y) {
    bool in = false;
    for (size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
        const auto& a = poly[i];
        const auto& b = poly[j];
        if ((a[1] > y) != (b[1] > y) && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0])
            in = !in;
    }
    return in;
}

double segmentDistance(const std::array<double, 2>& a, const std::array<double, 2>& b, double x,
                       double y) {
    const double ex = b[0] - a[0], ey = b[1] - a[1];
    const double len2 = ex * ex + ey * ey;
    const double t =
        len2 > 0 ? std::clamp(((x - a[0]) * ex + (y - a[1]) * ey) / len2, 0.0, 1.0) : 0.0;
    return std::hypot(x - (a[0] + t * ex), y - (a[1] + t * ey));
}

double smoothstep(double e0, double e1, double v) {
    const double t = std::clamp((v - e0) / (e1 - e0), 0.0, 1.0);
    return t * t * (3 - 2 * t);
}

struct Box {
    double xmin = 1e300, ymin = 1e300, xmax = -1e300, ymax = -1e300;
};

Box boxOf(const Outline& poly, double grow) {
    Box b;
    for (const auto& p : poly) {
        b.xmin = std::min(b.xmin, p[0] - grow);
        b.ymin = std::min(b.ymin, p[1] - grow);
        b.xmax = std::max(b.xmax, p[0] + grow);
        b.ymax = std::max(b.ymax, p[1] + grow);
    }
    return b;
}

/// Grid index range [first, last] of samples inside [lo, hi] along one axis; empty if last <
/// first.
std::pair<int, int> indexRange(double lo, double hi, double origin, double step, int count) {
    const int first = std::max(0, int(std::ceil((lo - origin) / step)));
    const int last = std::min(count - 1, int(std::floor((hi - origin) / step)));
    return {first, last};
}

/// What the footprints ask of one sample.
struct Pull {
    double nearestRaw = std::numeric_limits<double>::infinity();  ///< on a platform: raw distance
    double platform = 0;                                          ///< the height of that platform
    double sumK = 0, sumKP = 0;  ///< inverse-distance weights of nearby platforms
    double blend = 0;            ///< how far the sample moves to them (0..1)
};

}  // namespace

double meanGroundUnder(const Heightfield& f, const Outline& poly) {
    const Box b = boxOf(poly, 0);
    const auto [c0, c1] = indexRange(b.xmin, b.xmax, f.x0, f.dx, f.cols);
    const auto [r0, r1] = indexRange(b.ymin, b.ymax, f.y0, f.dy, f.rows);
    double sum = 0;
    int n = 0;
    for (int r = r0; r <= r1; ++r) {
        for (int c = c0; c <= c1; ++c) {
            if (distanceToPolygon(poly, f.x0 + c * f.dx, f.y0 + r * f.dy) <= 0)
                sum += f.at(c, r), ++n;
        }
    }
    if (n > 0)
        return sum / n;
    double cx = 0, cy = 0;
    for (const auto& p : poly) {
        sum += f.sampleClamped(p[0], p[1]);
        cx += p[0] / double(poly.size());
        cy += p[1] / double(poly.size());
    }
    return (sum + f.sampleClamped(cx, cy)) / double(poly.size() + 1);
}

double distanceToPolygon(const Outline& outline, double x, double y) {
    if (outline.size() < 3)
        return std::numeric_limits<double>::infinity();
    if (inside(outline, x, y))
        return 0.0;
    double d = std::numeric_limits<double>::infinity();
    for (size_t i = 0, j = outline.size() - 1; i < outline.size(); j = i++)
        d = std::min(d, segmentDistance(outline[j], outline[i], x, y));
    return d;
}

std::vector<double> flattenUnder(Heightfield& field, const std::vector<Footprint>& footprints,
                                 double blendDistance) {
    std::vector<double> platforms(footprints.size(), std::numeric_limits<double>::quiet_NaN());
    if (field.cols < 2 || field.rows < 2)
        return platforms;
    blendDistance = std::max(0.0, blendDistance);
    Box all;
    for (size_t i = 0; i < footprints.size(); ++i) {
        const auto& fp = footprints[i];
        if (fp.outline.size() < 3)
            continue;
        platforms[i] = fp.height ? *fp.height : meanGroundUnder(field, fp.outline);
        const Box b = boxOf(fp.outline, std::max(0.0, fp.margin) + blendDistance);
        all = {std::min(all.xmin, b.xmin), std::min(all.ymin, b.ymin), std::max(all.xmax, b.xmax),
               std::max(all.ymax, b.ymax)};
    }
    const auto [ac0, ac1] = indexRange(all.xmin, all.xmax, field.x0, field.dx, field.cols);
    const auto [ar0, ar1] = indexRange(all.ymin, all.ymax, field.y0, field.dy, field.rows);
    if (ac1 < ac0 || ar1 < ar0)
        return platforms;
    const int w = ac1 - ac0 + 1;
    std::vector<Pull> pulls(size_t(w) * (ar1 - ar0 + 1));
    for (size_t i = 0; i < footprints.size(); ++i) {
        const auto& fp = footprints[i];
        if (fp.outline.size() < 3)
            continue;
        const double margin = std::max(0.0, fp.margin);
        const Box b = boxOf(fp.outline, margin + blendDistance);
        const auto [c0, c1] = indexRange(b.xmin, b.xmax, field.x0, field.dx, field.cols);
        const auto [r0, r1] = indexRange(b.ymin, b.ymax, field.y0, field.dy, field.rows);
        for (int r = r0; r <= r1; ++r) {
            for (int c = c0; c <= c1; ++c) {
                const double raw =
                    distanceToPolygon(fp.outline, field.x0 + c * field.dx, field.y0 + r * field.dy);
                const double d = std::max(0.0, raw - margin);
                Pull& p = pulls[size_t(r - ar0) * w + (c - ac0)];
                if (d <= 0) {
                    // On the platform; where platforms overlap, the one the sample is most
                    // inside wins, so every footprint stays flat under its own outline.
                    if (raw < p.nearestRaw)
                        p.nearestRaw = raw, p.platform = platforms[i];
                    continue;
                }
                const double weight = 1.0 - smoothstep(0.0, blendDistance, d);
                if (weight <= 0)
                    continue;
                const double k = weight / (d * d);
                p.sumK += k;
                p.sumKP += k * platforms[i];
                p.blend = std::max(p.blend, weight);
            }
        }
    }
    for (int r = ar0; r <= ar1; ++r) {
        for (int c = ac0; c <= ac1; ++c) {
            const Pull& p = pulls[size_t(r - ar0) * w + (c - ac0)];
            float& h = field.at(c, r);
            if (std::isfinite(p.nearestRaw))
                h = float(p.platform);
            else if (p.blend > 0 && p.sumK > 0)
                h = float((1 - p.blend) * h + p.blend * (p.sumKP / p.sumK));
        }
    }
    return platforms;
}

}  // namespace cunjing::terrain
