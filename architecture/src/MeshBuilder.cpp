#include "MeshBuilder.h"

#include <cmath>

namespace cunjing::architecture {

namespace {

V3 normalized(V3 v) {
    const double len = std::sqrt(dot(v, v));
    return len > 0 ? v * (1.0 / len) : V3{0, 0, 1};
}

/// Newell's method: a robust normal for a polygon that may be slightly non-planar.
V3 newellNormal(const V3* pts, std::size_t n) {
    V3 normal;
    for (std::size_t i = 0; i < n; ++i) {
        const V3 a = pts[i], b = pts[(i + 1) % n];
        normal.x += (a.y - b.y) * (a.z + b.z);
        normal.y += (a.z - b.z) * (a.x + b.x);
        normal.z += (a.x - b.x) * (a.y + b.y);
    }
    return normal;
}

geo::Vec3f toFloat(V3 v) {
    return {static_cast<float>(v.x), static_cast<float>(v.y), static_cast<float>(v.z)};
}

}  // namespace

std::uint32_t MeshBuilder::pushVertex(V3 p, V3 n, geo::Rgba color) {
    mesh_.positions.push_back(toFloat(p));
    mesh_.normals.push_back(toFloat(n));
    mesh_.colors.push_back(color);
    mesh_.partIds.push_back(partId_);
    return static_cast<std::uint32_t>(mesh_.positions.size() - 1);
}

void MeshBuilder::addTriangle(V3 a, V3 b, V3 c, V3 outward, geo::Rgba color) {
    V3 n = cross(b - a, c - a);
    if (dot(n, n) < 1e-18)
        return;  // degenerate: nothing to see
    if (dot(n, outward) < 0) {
        std::swap(b, c);
        n = n * -1.0;
    }
    n = normalized(n);
    const std::uint32_t i = pushVertex(a, n, color);
    pushVertex(b, n, color);
    pushVertex(c, n, color);
    mesh_.indices.insert(mesh_.indices.end(), {i, i + 1, i + 2});
}

void MeshBuilder::addQuad(V3 a, V3 b, V3 c, V3 d, V3 outward, geo::Rgba color) {
    const V3 n1 = normalized(cross(b - a, c - a));
    const V3 n2 = normalized(cross(c - a, d - a));
    if (dot(n1, n2) < 0.9999) {
        addTriangle(a, b, c, outward, color);
        addTriangle(a, c, d, outward, color);
        return;
    }
    const V3 pts[4] = {a, b, c, d};
    V3 n = normalized(newellNormal(pts, 4));
    const bool flip = dot(n, outward) < 0;
    if (flip)
        n = n * -1.0;
    const std::uint32_t i = pushVertex(a, n, color);
    for (int k = 1; k < 4; ++k)
        pushVertex(pts[k], n, color);
    if (flip) {
        mesh_.indices.insert(mesh_.indices.end(), {i, i + 2, i + 1, i, i + 3, i + 2});
    } else {
        mesh_.indices.insert(mesh_.indices.end(), {i, i + 1, i + 2, i, i + 2, i + 3});
    }
}

void MeshBuilder::addPolygon(const std::vector<V3>& ring, const std::vector<V2>& ring2d, V3 outward,
                             geo::Rgba color) {
    const auto triangles = triangulatePolygon(ring2d);
    if (triangles.empty())
        return;
    V3 n = normalized(newellNormal(ring.data(), ring.size()));
    const bool flip = dot(n, outward) < 0;
    if (flip)
        n = n * -1.0;
    const auto base = static_cast<std::uint32_t>(mesh_.positions.size());
    for (const V3& p : ring)
        pushVertex(p, n, color);
    for (const auto& t : triangles) {
        // Ear clipping keeps the 2D orientation; the mapped 3D triangle may still look the
        // other way, so each one is checked against the face direction.
        const V3 tn = cross(ring[t[1]] - ring[t[0]], ring[t[2]] - ring[t[0]]);
        const bool swap = dot(tn, n) < 0;
        mesh_.indices.insert(mesh_.indices.end(), {base + t[0], base + (swap ? t[2] : t[1]),
                                                   base + (swap ? t[1] : t[2])});
    }
}

void MeshBuilder::addHexahedron(const std::array<V3, 8>& c, unsigned faces, geo::Rgba color) {
    V3 centre;
    for (const V3& p : c)
        centre = centre + p * 0.125;
    struct Face {
        unsigned mask;
        int a, b, cc, d;
    };
    // Side faces are named by the box axis they look along when the hexahedron is a box
    // with corner 0 at min x, min y and the ring running +x, +y, -x.
    static constexpr Face kFaces[] = {{kNegZ, 0, 3, 2, 1}, {kPosZ, 4, 5, 6, 7},
                                      {kNegY, 0, 1, 5, 4}, {kPosX, 1, 2, 6, 5},
                                      {kPosY, 2, 3, 7, 6}, {kNegX, 3, 0, 4, 7}};
    for (const Face& f : kFaces) {
        if ((faces & f.mask) == 0)
            continue;
        const V3 mid = (c[f.a] + c[f.b] + c[f.cc] + c[f.d]) * 0.25;
        addQuad(c[f.a], c[f.b], c[f.cc], c[f.d], mid - centre, color);
    }
}

void MeshBuilder::addBox(V3 lo, V3 hi, unsigned faces, geo::Rgba color) {
    addHexahedron(
        {V3{lo.x, lo.y, lo.z}, V3{hi.x, lo.y, lo.z}, V3{hi.x, hi.y, lo.z}, V3{lo.x, hi.y, lo.z},
         V3{lo.x, lo.y, hi.z}, V3{hi.x, lo.y, hi.z}, V3{hi.x, hi.y, hi.z}, V3{lo.x, hi.y, hi.z}},
        faces, color);
}

void MeshBuilder::addExtrusionSides(const std::vector<V2>& profile, ProfilePlane plane, double w0,
                                    double w1, const std::vector<geo::Rgba>& edgeColors) {
    const double orientation = signedArea2(profile) >= 0 ? 1.0 : -1.0;
    for (std::size_t i = 0, n = profile.size(); i < n; ++i) {
        const geo::Rgba& color = edgeColors[i];
        if (color.a <= 0)
            continue;
        const V2 a = profile[i], b = profile[(i + 1) % n];
        // Outward normal of a counter-clockwise edge is its direction turned clockwise.
        const V2 out{(b.v - a.v) * orientation, -(b.u - a.u) * orientation};
        addQuad(plane.point(a, w0), plane.point(b, w0), plane.point(b, w1), plane.point(a, w1),
                plane.direction(out), color);
    }
}

void MeshBuilder::addExtrusionCap(const std::vector<V2>& profile, ProfilePlane plane, double w,
                                  bool facesPositive, geo::Rgba color) {
    std::vector<V3> ring;
    ring.reserve(profile.size());
    for (const V2& p : profile)
        ring.push_back(plane.point(p, w));
    addPolygon(ring, profile, plane.axis() * (facesPositive ? 1.0 : -1.0), color);
}

void MeshBuilder::addWall(const WallFace& f, geo::Rgba color) {
    addQuad(f.at(f.u0, f.v0), f.at(f.u1, f.v0), f.at(f.u1, f.v1), f.at(f.u0, f.v1), f.outward,
            color);
}

void MeshBuilder::addWallWithOpening(const WallFace& f, const Opening& o, geo::Rgba color) {
    // Three wall pieces around the opening, then the recess: leaf, two jambs and a soffit.
    addWall({f.origin, f.along, f.outward, f.u0, o.u0, f.v0, f.v1}, color);
    addWall({f.origin, f.along, f.outward, o.u1, f.u1, f.v0, f.v1}, color);
    if (o.top < f.v1)
        addWall({f.origin, f.along, f.outward, o.u0, o.u1, o.top, f.v1}, color);
    const V3 back = f.outward * -o.recess;
    const WallFace leaf{f.origin + back, f.along, f.outward, o.u0, o.u1, f.v0, o.top};
    addWall(leaf, o.leaf);
    addQuad(f.at(o.u0, f.v0), leaf.at(o.u0, f.v0), leaf.at(o.u0, o.top), f.at(o.u0, o.top), f.along,
            o.frame);
    addQuad(f.at(o.u1, f.v0), leaf.at(o.u1, f.v0), leaf.at(o.u1, o.top), f.at(o.u1, o.top),
            f.along * -1.0, o.frame);
    addQuad(f.at(o.u0, o.top), f.at(o.u1, o.top), leaf.at(o.u1, o.top), leaf.at(o.u0, o.top),
            V3{0, 0, -1}, o.frame);
}

}  // namespace cunjing::architecture
