#pragma once
/// Plain CPU triangle mesh: what terrain, architecture and heritage hand to scene/.
/// No GL, no OSG: scene/ compiles it into drawables (one bridge, like Magnum's compile()).

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace cunjing::geo {

struct Vec3f {
    float x = 0, y = 0, z = 0;
};

/// Linear RGBA in 0..1; palettes in data are sRGB hex and are converted on load.
struct Rgba {
    float r = 1, g = 1, b = 1, a = 1;
};

/// Triangles with per-vertex normal and colour, in metres, Z up, local to the scene origin.
struct Mesh {
    std::vector<Vec3f> positions;
    std::vector<Vec3f> normals;
    std::vector<Rgba> colors;
    std::vector<std::uint32_t>
        indices;  ///< three per triangle, counter-clockwise seen from outside
    /// Per-vertex id of the part or building the vertex belongs to (for picking and plans).
    std::vector<std::uint32_t> partIds;

    std::size_t vertexCount() const { return positions.size(); }
    std::size_t triangleCount() const { return indices.size() / 3; }
    bool empty() const { return indices.empty(); }

    /// Appends other, offsetting its indices.
    void append(const Mesh& other);
    /// True when every array has one entry per vertex, every index is in range and no
    /// coordinate is NaN or infinite.
    bool isValid() const;
};

/// Axis-aligned bounds of a mesh (min/max); empty mesh gives min > max.
struct Bounds {
    Vec3f min{1e30f, 1e30f, 1e30f};
    Vec3f max{-1e30f, -1e30f, -1e30f};
    bool valid() const { return min.x <= max.x; }
    void expand(const Vec3f& p);
};
Bounds boundsOf(const Mesh& mesh);

/// Hex "#RRGGBB" to a colour in 0..1 (kept in sRGB: our shaders work in display space).
/// False when malformed.
bool parseHexColor(const std::string_view hex, Rgba& out);

}  // namespace cunjing::geo
