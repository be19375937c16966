#pragma once
/// Private helpers that turn faces into flat-shaded geo::Mesh triangles. Every face is given
/// the direction it must face; the winding is fixed to match, so callers never reason about it.

#include <cunjing/geo/Mesh.h>

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

namespace cunjing::architecture {

struct V3 {
    double x = 0, y = 0, z = 0;
};
inline V3 operator+(V3 a, V3 b) {
    return {a.x + b.x, a.y + b.y, a.z + b.z};
}
inline V3 operator-(V3 a, V3 b) {
    return {a.x - b.x, a.y - b.y, a.z - b.z};
}
inline V3 operator*(V3 a, double s) {
    return {a.x * s, a.y * s, a.z * s};
}
inline double dot(V3 a, V3 b) {
    return a.x * b.x + a.y * b.y + a.z * b.z;
}
inline V3 cross(V3 a, V3 b) {
    return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}

/// A point in a profile or elevation plane (u across, v up).
struct V2 {
    double u = 0, v = 0;
};

/// Faces of a hexahedron to emit; faces hidden against other parts are left out.
enum FaceMask : unsigned {
    kNegX = 1,
    kPosX = 2,
    kNegY = 4,
    kPosY = 8,
    kNegZ = 16,
    kPosZ = 32,
    kAllFaces = 63,
};

/// Maps a 2D profile into 3D: extrusion along X reads (u, v) as (y, z), along Y as (x, z).
struct ProfilePlane {
    bool alongX = true;
    V3 point(V2 p, double w) const { return alongX ? V3{w, p.u, p.v} : V3{p.u, w, p.v}; }
    V3 direction(V2 d) const { return alongX ? V3{0, d.u, d.v} : V3{d.u, 0, d.v}; }
    V3 axis() const { return alongX ? V3{1, 0, 0} : V3{0, 1, 0}; }
};

/// A door or hall opening cut into a rectangular wall face, recessed into the wall.
struct Opening {
    double u0 = 0, u1 = 0;  ///< along the wall
    double top = 0;         ///< the opening runs from the face's bottom up to here
    double recess = 0.1;    ///< how far the door leaf sits behind the wall face
    geo::Rgba frame;        ///< jambs and lintel soffit (granite in Guangfu houses)
    geo::Rgba leaf;         ///< the door itself
};

/// A vertical rectangular wall face: origin + along * u + Z * v for u in [u0, u1], v in [v0, v1].
struct WallFace {
    V3 origin;
    V3 along;    ///< unit, horizontal
    V3 outward;  ///< unit, horizontal, the direction the face looks
    double u0 = 0, u1 = 0, v0 = 0, v1 = 0;
    V3 at(double u, double v) const { return origin + along * u + V3{0, 0, v}; }
};

class MeshBuilder {
public:
    explicit MeshBuilder(std::uint32_t partId) : partId_(partId) {}

    void addTriangle(V3 a, V3 b, V3 c, V3 outward, geo::Rgba color);
    /// A quad a-b-c-d around its edge; split into two facets when it is not planar.
    void addQuad(V3 a, V3 b, V3 c, V3 d, V3 outward, geo::Rgba color);
    /// A planar simple polygon (convex or not), triangulated by ear clipping on its 2D twin.
    void addPolygon(const std::vector<V3>& ring, const std::vector<V2>& ring2d, V3 outward,
                    geo::Rgba color);
    /// Eight corners: bottom ring 0..3 then top ring 4..7, both counter-clockwise from above.
    /// Must be convex: each face looks away from the centroid.
    void addHexahedron(const std::array<V3, 8>& c, unsigned faces, geo::Rgba color);
    void addBox(V3 min, V3 max, unsigned faces, geo::Rgba color);
    /// The side walls of a closed profile swept from w0 to w1; edgeColors[i] colours the edge
    /// from profile[i] to profile[i + 1]; an alpha of 0 leaves that edge out.
    void addExtrusionSides(const std::vector<V2>& profile, ProfilePlane plane, double w0, double w1,
                           const std::vector<geo::Rgba>& edgeColors);
    /// The profile itself as an end cap at w, looking along +axis or -axis.
    void addExtrusionCap(const std::vector<V2>& profile, ProfilePlane plane, double w,
                         bool facesPositive, geo::Rgba color);
    void addWall(const WallFace& f, geo::Rgba color);
    void addWallWithOpening(const WallFace& f, const Opening& o, geo::Rgba color);

    geo::Mesh take() { return std::move(mesh_); }

private:
    std::uint32_t pushVertex(V3 p, V3 n, geo::Rgba color);

    geo::Mesh mesh_;
    std::uint32_t partId_;
};

/// Ear-clipping triangulation of a simple polygon given in either orientation. Triangles come
/// back counter-clockwise in (u, v); collinear and duplicate vertices are dropped.
std::vector<std::array<std::uint32_t, 3>> triangulatePolygon(const std::vector<V2>& polygon);

/// True when no two non-adjacent edges of the closed polygon touch or cross.
bool isSimplePolygon(const std::vector<V2>& polygon);

/// True when segments ab and cd share a point.
bool segmentsCross(V2 a, V2 b, V2 c, V2 d);

/// Twice the signed area: positive when counter-clockwise.
double signedArea2(const std::vector<V2>& polygon);

}  // namespace cunjing::architecture
