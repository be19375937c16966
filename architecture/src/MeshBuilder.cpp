#include "MeshBuilder.h"

#include <algorithm>
#include <cmath>

namespace cunjing::architecture {

namespace {

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

geo::Mesh& MeshBuilder::bucket(const Paint& paint) {
    if (last_ < buckets_.size() && buckets_[last_].part == paint.part &&
        buckets_[last_].material == paint.material) {
        return buckets_[last_].mesh;
    }
    for (std::size_t i = 0; i < buckets_.size(); ++i) {
        if (buckets_[i].part == paint.part && buckets_[i].material == paint.material) {
            last_ = i;
            return buckets_[i].mesh;
        }
    }
    buckets_.push_back({paint.part, paint.material, {}});
    last_ = buckets_.size() - 1;
    return buckets_.back().mesh;
}

std::uint32_t MeshBuilder::pushVertex(geo::Mesh& m, V3 p, V3 n, geo::Rgba color) {
    m.positions.push_back(toFloat(frame_.point(p)));
    m.normals.push_back(toFloat(frame_.direction(n)));
    m.colors.push_back(color);
    m.partIds.push_back(partId_);
    return static_cast<std::uint32_t>(m.positions.size() - 1);
}

void MeshBuilder::addTriangle(V3 a, V3 b, V3 c, V3 outward, const Paint& paint) {
    if (!paint.visible())
        return;
    V3 n = cross(b - a, c - a);
    if (dot(n, n) < 4e-12)
        return;  // degenerate: nothing to see
    if (dot(n, outward) < 0) {
        std::swap(b, c);
        n = n * -1.0;
    }
    n = normalized(n);
    geo::Mesh& m = bucket(paint);
    const std::uint32_t i = pushVertex(m, a, n, paint.color);
    pushVertex(m, b, n, paint.color);
    pushVertex(m, c, n, paint.color);
    m.indices.insert(m.indices.end(), {i, i + 1, i + 2});
}

void MeshBuilder::addQuad(V3 a, V3 b, V3 c, V3 d, V3 outward, const Paint& paint) {
    if (!paint.visible())
        return;
    const V3 c1 = cross(b - a, c - a), c2 = cross(c - a, d - a);
    // A quad with a collapsed corner is a triangle; one with two is nothing.
    if (dot(c1, c1) < 4e-12 || dot(c2, c2) < 4e-12) {
        addTriangle(a, b, c, outward, paint);
        addTriangle(a, c, d, outward, paint);
        return;
    }
    const V3 n1 = normalized(c1), n2 = normalized(c2);
    if (dot(n1, n2) < 0.9999) {
        addTriangle(a, b, c, outward, paint);
        addTriangle(a, c, d, outward, paint);
        return;
    }
    const V3 pts[4] = {a, b, c, d};
    V3 n = normalized(newellNormal(pts, 4));
    const bool flip = dot(n, outward) < 0;
    if (flip)
        n = n * -1.0;
    geo::Mesh& m = bucket(paint);
    const std::uint32_t i = pushVertex(m, a, n, paint.color);
    for (int k = 1; k < 4; ++k)
        pushVertex(m, pts[k], n, paint.color);
    if (flip) {
        m.indices.insert(m.indices.end(), {i, i + 2, i + 1, i, i + 3, i + 2});
    } else {
        m.indices.insert(m.indices.end(), {i, i + 1, i + 2, i, i + 2, i + 3});
    }
}

void MeshBuilder::addPolygon(const std::vector<V3>& ring, const std::vector<V2>& ring2d, V3 outward,
                             const Paint& paint) {
    if (!paint.visible())
        return;
    const auto triangles = triangulatePolygon(ring2d);
    if (triangles.empty())
        return;
    V3 n = normalized(newellNormal(ring.data(), ring.size()));
    const bool flip = dot(n, outward) < 0;
    if (flip)
        n = n * -1.0;
    geo::Mesh& m = bucket(paint);
    const auto base = static_cast<std::uint32_t>(m.positions.size());
    for (const V3& p : ring)
        pushVertex(m, p, n, paint.color);
    for (const auto& t : triangles) {
        // Ear clipping keeps the 2D orientation; the mapped 3D triangle may still look the
        // other way, so each one is checked against the face direction.
        const V3 tn = cross(ring[t[1]] - ring[t[0]], ring[t[2]] - ring[t[0]]);
        if (dot(tn, tn) < 4e-12)
            continue;  // a sliver left by ear clipping
        const bool swap = dot(tn, n) < 0;
        m.indices.insert(m.indices.end(),
                         {base + t[0], base + (swap ? t[2] : t[1]), base + (swap ? t[1] : t[2])});
    }
}

void MeshBuilder::addHexahedron(const std::array<V3, 8>& c, unsigned faces, const Paint& paint) {
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
        addQuad(c[f.a], c[f.b], c[f.cc], c[f.d], mid - centre, paint);
    }
}

void MeshBuilder::addBox(V3 lo, V3 hi, unsigned faces, const Paint& paint) {
    addHexahedron(
        {V3{lo.x, lo.y, lo.z}, V3{hi.x, lo.y, lo.z}, V3{hi.x, hi.y, lo.z}, V3{lo.x, hi.y, lo.z},
         V3{lo.x, lo.y, hi.z}, V3{hi.x, lo.y, hi.z}, V3{hi.x, hi.y, hi.z}, V3{lo.x, hi.y, hi.z}},
        faces, paint);
}

void MeshBuilder::addExtrusionSides(const std::vector<V2>& profile, ProfilePlane plane, double w0,
                                    double w1, const std::vector<Paint>& paints) {
    const double orientation = signedArea2(profile) >= 0 ? 1.0 : -1.0;
    for (std::size_t i = 0, n = profile.size(); i < n; ++i) {
        const Paint& paint = paints[i];
        if (!paint.visible())
            continue;
        const V2 a = profile[i], b = profile[(i + 1) % n];
        // Outward normal of a counter-clockwise edge is its direction turned clockwise.
        const V2 out{(b.v - a.v) * orientation, -(b.u - a.u) * orientation};
        addQuad(plane.point(a, w0), plane.point(b, w0), plane.point(b, w1), plane.point(a, w1),
                plane.direction(out), paint);
    }
}

void MeshBuilder::addExtrusionCap(const std::vector<V2>& profile, ProfilePlane plane, double w,
                                  bool facesPositive, const Paint& paint) {
    std::vector<V3> ring;
    ring.reserve(profile.size());
    for (const V2& p : profile)
        ring.push_back(plane.point(p, w));
    addPolygon(ring, profile, plane.axis() * (facesPositive ? 1.0 : -1.0), paint);
}

void MeshBuilder::addWall(const WallFace& f, const Paint& paint) {
    addQuad(f.at(f.u0, f.v0), f.at(f.u1, f.v0), f.at(f.u1, f.v1), f.at(f.u0, f.v1), f.outward,
            paint);
}

void MeshBuilder::addWallWithOpening(const WallFace& f, const Opening& o, const Paint& paint) {
    // Three wall pieces around the opening, then the recess: leaf, two jambs and a soffit.
    addWall({f.origin, f.along, f.outward, f.u0, o.u0, f.v0, f.v1}, paint);
    addWall({f.origin, f.along, f.outward, o.u1, f.u1, f.v0, f.v1}, paint);
    if (o.top < f.v1)
        addWall({f.origin, f.along, f.outward, o.u0, o.u1, o.top, f.v1}, paint);
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

void MeshBuilder::addOpeningRecess(const Panel& p, const PanelOpening& o) {
    const V3 back = normalized(p.outward) * -o.recess;
    const V3 a = p.at(o.u0, o.v0), b = p.at(o.u1, o.v0), c = p.at(o.u1, o.v1), d = p.at(o.u0, o.v1);
    const V3 along = normalized(b - a);
    addQuad(a + back, b + back, c + back, d + back, p.outward, o.leaf);
    addQuad(a, a + back, d + back, d, along, o.frame);         // jamb at u0 looks along +u
    addQuad(b, b + back, c + back, c, along * -1.0, o.frame);  // jamb at u1
    addQuad(d, c, c + back, d + back, V3{0, 0, -1}, o.frame);  // head, seen from below
    if (o.v0 > 1e-6)
        addQuad(a, b, b + back, a + back, V3{0, 0, 1}, o.frame);  // sill
}

void MeshBuilder::addPanel(const Panel& p, std::vector<PanelOpening> openings, const Paint& paint) {
    const double len = p.length();
    if (len <= 1e-9)
        return;
    const V3 proud = normalized(p.outward) * 0.02;
    std::vector<PanelOpening> cut;
    for (const PanelOpening& o : openings) {
        if (o.decal) {
            addQuad(p.at(o.u0, o.v0) + proud, p.at(o.u1, o.v0) + proud, p.at(o.u1, o.v1) + proud,
                    p.at(o.u0, o.v1) + proud, p.outward, o.leaf);
        } else {
            cut.push_back(o);
        }
    }
    std::sort(cut.begin(), cut.end(), [](const PanelOpening& a, const PanelOpening& b) {
        return a.u0 < b.u0 || (a.u0 == b.u0 && a.v0 < b.v0);
    });
    const auto piece = [&](double u0, double u1, double v0Share, double v1Share, double v0,
                           double v1) {
        // v given in metres where known (around openings), or as shares of the local height.
        const auto at = [&](double u, double share, double metres) {
            return share >= 0 ? p.at(u, share * p.height(u)) : p.at(u, metres);
        };
        addQuad(at(u0, v0Share, v0), at(u1, v0Share, v0), at(u1, v1Share, v1), at(u0, v1Share, v1),
                p.outward, paint);
    };
    double u = 0;
    for (std::size_t i = 0; i < cut.size();) {
        const double u0 = cut[i].u0, u1 = cut[i].u1;
        if (u0 > u)
            piece(u, u0, 0, 1, 0, 0);  // full height between columns
        double v = 0;
        bool atBottom = true;
        for (; i < cut.size() && cut[i].u0 == u0; ++i) {
            const PanelOpening& o = cut[i];
            if (o.v0 > v + 1e-9)
                piece(u0, u1, atBottom ? 0 : -1, -1, v, o.v0);
            addOpeningRecess(p, o);
            v = o.v1;
            atBottom = false;
        }
        piece(u0, u1, -1, 1, v, 0);  // above the column's top opening, up to the face's top
        u = u1;
    }
    if (u < len)
        piece(u, len, 0, 1, 0, 0);
}

std::size_t MeshBuilder::triangleCount() const {
    std::size_t n = 0;
    for (const Bucket& b : buckets_)
        n += b.mesh.triangleCount();
    return n;
}

BuildingMesh MeshBuilder::takeBuilding() {
    std::sort(buckets_.begin(), buckets_.end(), [](const Bucket& a, const Bucket& b) {
        return a.part != b.part ? a.part < b.part : a.material < b.material;
    });
    BuildingMesh out;
    std::size_t vertices = 0, indices = 0;
    for (const Bucket& b : buckets_) {
        vertices += b.mesh.vertexCount();
        indices += b.mesh.indices.size();
    }
    geo::Mesh& m = out.mesh;
    m.positions.reserve(vertices);
    m.normals.reserve(vertices);
    m.colors.reserve(vertices);
    m.partIds.reserve(vertices);
    m.indices.reserve(indices);
    for (const Bucket& b : buckets_) {
        if (b.mesh.empty())
            continue;
        out.parts.push_back({b.part, b.material, static_cast<std::uint32_t>(m.indices.size()),
                             static_cast<std::uint32_t>(b.mesh.indices.size())});
        m.append(b.mesh);
    }
    buckets_.clear();
    last_ = 0;
    return out;
}

geo::Mesh MeshBuilder::take() {
    return takeBuilding().mesh;
}

}  // namespace cunjing::architecture
