#pragma once
/// Test helpers that look at a mesh the way a viewer would: rays from outside, and the
/// triangles lying in a given plane.

#include <cunjing/geo/Mesh.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>

namespace cunjing::architecture::test {

struct D3 {
    double x = 0, y = 0, z = 0;
};
inline D3 operator-(D3 a, D3 b) {
    return {a.x - b.x, a.y - b.y, a.z - b.z};
}
inline double dot(D3 a, D3 b) {
    return a.x * b.x + a.y * b.y + a.z * b.z;
}
inline D3 cross(D3 a, D3 b) {
    return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
inline D3 toD3(const geo::Vec3f& v) {
    return {v.x, v.y, v.z};
}
inline double length(D3 v) {
    return std::sqrt(dot(v, v));
}

struct Triangle {
    std::size_t index = 0;
    std::array<D3, 3> p;
    D3 normal;        ///< the stored normal of the first vertex
    geo::Rgba color;  ///< the first vertex's colour
    D3 centroid() const {
        return {(p[0].x + p[1].x + p[2].x) / 3, (p[0].y + p[1].y + p[2].y) / 3,
                (p[0].z + p[1].z + p[2].z) / 3};
    }
    double area() const { return 0.5 * length(cross(p[1] - p[0], p[2] - p[0])); }
};

inline Triangle triangleAt(const geo::Mesh& m, std::size_t t) {
    Triangle tri;
    tri.index = t;
    for (int k = 0; k < 3; ++k)
        tri.p[k] = toD3(m.positions[m.indices[3 * t + k]]);
    tri.normal = toD3(m.normals[m.indices[3 * t]]);
    tri.color = m.colors[m.indices[3 * t]];
    return tri;
}

inline void forEachTriangle(const geo::Mesh& m, const std::function<void(const Triangle&)>& f) {
    for (std::size_t t = 0; t < m.triangleCount(); ++t)
        f(triangleAt(m, t));
}

struct Hit {
    double distance = 0;
    D3 point;
    Triangle triangle;
};

/// Nearest triangle along the ray (Möller-Trumbore), from either side.
inline std::optional<Hit> castRay(const geo::Mesh& m, D3 origin, D3 dir) {
    std::optional<Hit> best;
    forEachTriangle(m, [&](const Triangle& tri) {
        const D3 e1 = tri.p[1] - tri.p[0], e2 = tri.p[2] - tri.p[0];
        const D3 pv = cross(dir, e2);
        const double det = dot(e1, pv);
        if (std::abs(det) < 1e-12)
            return;
        const D3 tv = origin - tri.p[0];
        const double u = dot(tv, pv) / det;
        if (u < 0 || u > 1)
            return;
        const D3 qv = cross(tv, e1);
        const double v = dot(dir, qv) / det;
        if (v < 0 || u + v > 1)
            return;
        const double t = dot(e2, qv) / det;
        if (t <= 0 || (best && t >= best->distance))
            return;
        best = Hit{t, {origin.x + dir.x * t, origin.y + dir.y * t, origin.z + dir.z * t}, tri};
    });
    return best;
}

inline bool sameColor(const geo::Rgba& a, const geo::Rgba& b) {
    return std::abs(a.r - b.r) < 1e-6f && std::abs(a.g - b.g) < 1e-6f &&
           std::abs(a.b - b.b) < 1e-6f;
}

}  // namespace cunjing::architecture::test
