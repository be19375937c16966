#pragma once
/// Private helpers that turn faces into flat-shaded geo::Mesh triangles. Every face is given
/// the direction it must face; the winding is fixed to match, so callers never reason about it.
/// Faces are painted with a Paint (colour, part kind, material) and grouped by part and
/// material, so the result comes out as BuildingMesh part runs.

#include <cunjing/architecture/BuildingMesh.h>
#include <cunjing/geo/Mesh.h>

#include <array>
#include <cmath>
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
inline V3 lerp(V3 a, V3 b, double t) {
    return a + (b - a) * t;
}
inline V3 normalized(V3 v) {
    const double len = std::sqrt(dot(v, v));
    return len > 0 ? v * (1.0 / len) : V3{0, 0, 1};
}

/// A point in a profile or elevation plane (u across, v up).
struct V2 {
    double u = 0, v = 0;
};

/// What a face is painted with: its colour, and the part run and material it belongs to.
struct Paint {
    geo::Rgba color{0, 0, 0, 0};  ///< unset paints draw nothing
    PartKind part = PartKind::Walls;
    MaterialId material = kNoMaterial;
    bool visible() const { return color.a > 0; }
    Paint as(PartKind k) const { return {color, k, material}; }
};

/// An extrusion edge or face hidden against another part: left out.
inline constexpr Paint kSkip{{0, 0, 0, 0}, PartKind::Walls, kNoMaterial};

/// A rigid placement: turn counter-clockwise about Z by the heading, then move.
struct Frame {
    double x = 0, y = 0, z = 0;
    double c = 1, s = 0;  ///< cos and sin of the heading

    static Frame at(double x, double y, double z = 0, double headingRad = 0) {
        return {x, y, z, std::cos(headingRad), std::sin(headingRad)};
    }
    V3 point(V3 p) const { return {x + c * p.x - s * p.y, y + s * p.x + c * p.y, z + p.z}; }
    V3 direction(V3 d) const { return {c * d.x - s * d.y, s * d.x + c * d.y, d.z}; }
    /// child, given in this frame, as a frame of the parent's space.
    Frame then(const Frame& child) const {
        const V3 o = point({child.x, child.y, child.z});
        return {o.x, o.y, o.z, c * child.c - s * child.s, s * child.c + c * child.s};
    }
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
    Paint frame;            ///< jambs and lintel soffit (granite in Guangfu houses)
    Paint leaf;             ///< the door itself
};

/// A vertical rectangular wall face: origin + along * u + Z * v for u in [u0, u1], v in [v0, v1].
struct WallFace {
    V3 origin;
    V3 along;    ///< unit, horizontal
    V3 outward;  ///< unit, horizontal, the direction the face looks
    double u0 = 0, u1 = 0, v0 = 0, v1 = 0;
    V3 at(double u, double v) const { return origin + along * u + V3{0, 0, v}; }
};

/// A planar wall face by its corners: bottom edge a -> b, top edge d -> c. The edges may slope
/// (stepped sites) and the face may lean (tapered 土楼 walls).
struct Panel {
    V3 a, b, c, d;
    V3 outward;
    double length() const { return std::hypot(b.x - a.x, b.y - a.y); }
    /// u metres along the bottom edge, v metres of rise above it.
    V3 at(double u, double v) const {
        const double t = u / length();
        const V3 lo = lerp(a, b, t), hi = lerp(d, c, t);
        return lerp(lo, hi, v / (hi.z - lo.z));
    }
    double height(double u) const {
        const double t = u / length();
        return lerp(d, c, t).z - lerp(a, b, t).z;
    }
};

/// A door or window in a Panel. Openings in one column share u0/u1 (a door under windows);
/// columns must not overlap. A decal is drawn just proud of the face instead of cut into it.
struct PanelOpening {
    double u0 = 0, u1 = 0, v0 = 0, v1 = 0;
    double recess = 0.1;
    Paint frame, leaf;
    bool decal = false;
};

class MeshBuilder {
public:
    explicit MeshBuilder(std::uint32_t partId) : partId_(partId) {}

    /// Later faces are placed by this frame (their coordinates are the frame's).
    void setFrame(const Frame& f) { frame_ = f; }
    const Frame& frame() const { return frame_; }

    void addTriangle(V3 a, V3 b, V3 c, V3 outward, const Paint& paint);
    /// A quad a-b-c-d around its edge; split into two facets when it is not planar.
    void addQuad(V3 a, V3 b, V3 c, V3 d, V3 outward, const Paint& paint);
    /// A planar simple polygon (convex or not), triangulated by ear clipping on its 2D twin.
    void addPolygon(const std::vector<V3>& ring, const std::vector<V2>& ring2d, V3 outward,
                    const Paint& paint);
    /// Eight corners: bottom ring 0..3 then top ring 4..7, both counter-clockwise from above.
    /// Must be convex: each face looks away from the centroid.
    void addHexahedron(const std::array<V3, 8>& c, unsigned faces, const Paint& paint);
    void addBox(V3 min, V3 max, unsigned faces, const Paint& paint);
    /// The side walls of a closed profile swept from w0 to w1; paints[i] paints the edge
    /// from profile[i] to profile[i + 1]; kSkip leaves that edge out.
    void addExtrusionSides(const std::vector<V2>& profile, ProfilePlane plane, double w0, double w1,
                           const std::vector<Paint>& paints);
    /// The profile itself as an end cap at w, looking along +axis or -axis.
    void addExtrusionCap(const std::vector<V2>& profile, ProfilePlane plane, double w,
                         bool facesPositive, const Paint& paint);
    void addWall(const WallFace& f, const Paint& paint);
    void addWallWithOpening(const WallFace& f, const Opening& o, const Paint& paint);
    void addPanel(const Panel& p, std::vector<PanelOpening> openings, const Paint& paint);

    std::size_t triangleCount() const;

    /// Every bucket in one mesh, in part and material order.
    geo::Mesh take();
    BuildingMesh takeBuilding();

private:
    struct Bucket {
        PartKind part;
        MaterialId material;
        geo::Mesh mesh;
    };
    geo::Mesh& bucket(const Paint& paint);
    std::uint32_t pushVertex(geo::Mesh& m, V3 p, V3 n, geo::Rgba color);
    void addOpeningRecess(const Panel& p, const PanelOpening& o);

    std::vector<Bucket> buckets_;
    std::size_t last_ = 0;
    std::uint32_t partId_;
    Frame frame_;
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
