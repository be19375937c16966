#include "MeshBuilder.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace cunjing::architecture {

namespace {

double cross2(V2 o, V2 a, V2 b) {
    return (a.u - o.u) * (b.v - o.v) - (a.v - o.v) * (b.u - o.u);
}

bool samePoint(V2 a, V2 b) {
    return a.u == b.u && a.v == b.v;
}

/// Inclusive of edges, so a vertex lying on the would-be diagonal blocks the ear (no T-joins).
bool insideTriangle(V2 p, V2 a, V2 b, V2 c) {
    return cross2(a, b, p) >= 0 && cross2(b, c, p) >= 0 && cross2(c, a, p) >= 0;
}

bool earIsEmpty(const std::vector<V2>& pts, const std::vector<std::uint32_t>& ring, std::uint32_t a,
                std::uint32_t b, std::uint32_t c) {
    for (std::uint32_t k : ring) {
        if (k == a || k == b || k == c)
            continue;
        const V2 p = pts[k];
        if (samePoint(p, pts[a]) || samePoint(p, pts[b]) || samePoint(p, pts[c]))
            continue;
        if (insideTriangle(p, pts[a], pts[b], pts[c]))
            return false;
    }
    return true;
}

}  // namespace

bool segmentsCross(V2 a, V2 b, V2 c, V2 d) {
    const double d1 = cross2(a, b, c), d2 = cross2(a, b, d);
    const double d3 = cross2(c, d, a), d4 = cross2(c, d, b);
    if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
        return true;
    }
    // Touching: an end point lying on the other segment.
    const auto onSegment = [](V2 p, V2 q, V2 r, double side) {
        return side == 0 && std::min(p.u, q.u) <= r.u && r.u <= std::max(p.u, q.u) &&
               std::min(p.v, q.v) <= r.v && r.v <= std::max(p.v, q.v);
    };
    return onSegment(a, b, c, d1) || onSegment(a, b, d, d2) || onSegment(c, d, a, d3) ||
           onSegment(c, d, b, d4);
}

bool isSimplePolygon(const std::vector<V2>& polygon) {
    const std::size_t n = polygon.size();
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = i + 2; j < n; ++j) {
            if (i == 0 && j + 1 == n)
                continue;  // the closing edge meets the first
            if (segmentsCross(polygon[i], polygon[(i + 1) % n], polygon[j], polygon[(j + 1) % n])) {
                return false;
            }
        }
    }
    return true;
}

double signedArea2(const std::vector<V2>& polygon) {
    double area = 0;
    for (std::size_t i = 0, n = polygon.size(); i < n; ++i) {
        const V2 a = polygon[i], b = polygon[(i + 1) % n];
        area += a.u * b.v - b.u * a.v;
    }
    return area;
}

std::vector<std::array<std::uint32_t, 3>> triangulatePolygon(const std::vector<V2>& pts) {
    std::vector<std::array<std::uint32_t, 3>> out;
    if (pts.size() < 3)
        return out;
    std::vector<std::uint32_t> ring(pts.size());
    std::iota(ring.begin(), ring.end(), 0u);
    if (signedArea2(pts) < 0)
        std::reverse(ring.begin(), ring.end());

    double extent = 0;
    for (const V2& p : pts)
        extent = std::max({extent, std::abs(p.u), std::abs(p.v)});
    const double eps = 1e-12 * std::max(1.0, extent * extent);

    while (ring.size() > 3) {
        const std::size_t m = ring.size();
        bool clipped = false;
        for (std::size_t i = 0; i < m && !clipped; ++i) {
            const std::uint32_t a = ring[(i + m - 1) % m], b = ring[i], c = ring[(i + 1) % m];
            const double turn = cross2(pts[a], pts[b], pts[c]);
            if (std::abs(turn) <= eps) {
                // Collinear or a zero-width spike: dropping it loses no area.
                ring.erase(ring.begin() + static_cast<std::ptrdiff_t>(i));
                clipped = true;
            } else if (turn > 0 && earIsEmpty(pts, ring, a, b, c)) {
                out.push_back({a, b, c});
                ring.erase(ring.begin() + static_cast<std::ptrdiff_t>(i));
                clipped = true;
            }
        }
        if (!clipped)
            return out;  // not a simple polygon; keep what could be cut
    }
    if (std::abs(cross2(pts[ring[0]], pts[ring[1]], pts[ring[2]])) > eps) {
        out.push_back({ring[0], ring[1], ring[2]});
    }
    return out;
}

}  // namespace cunjing::architecture
