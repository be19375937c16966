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

/// RGBA in 0..1, sRGB as palettes write it (#RRGGBB / 255); the shaders light in linear space.
struct Rgba {
    float r = 1, g = 1, b = 1, a = 1;
};

/// What a face is made of. The shaders draw each as a procedural texture (courses of brick,
/// oyster-shell scales, rammed-earth lifts ...) over the vertex colour: no image files.
enum class Surface : std::uint8_t {
    Plain,
    Brick,        ///< 青砖 blue-grey brick, red brick
    OysterShell,  ///< 蚝壳墙
    RammedEarth,  ///< 夯土
    LimePlaster,  ///< lime or 贝灰 plaster, stucco
    Granite,      ///< granite and other dressed stone
    Tile,         ///< roof tiles
    Timber,
    Paving,  ///< forecourt slabs, pebbles
    Water,
    Ceramic,  ///< 嵌瓷 glazed shards: glossy
    Turf,
    Paddy,       ///< rice in rows of hills, standing in a flooded field
    Vegetables,  ///< raised beds of greens between furrows
};

/// A style file's "surface" name ("brick", "oyster-shell", "rammed-earth", "lime-plaster",
/// "plaster", "granite", "stone", "tile", "timber", "paving", "pebble", "water", "ceramic",
/// "turf", "paddy", "vegetables"); anything else is Plain.
Surface surfaceFromName(std::string_view name);

/// Triangles with per-vertex normal and colour, in metres, Z up, local to the scene origin.
struct Mesh {
    std::vector<Vec3f> positions;
    std::vector<Vec3f> normals;
    std::vector<Rgba> colors;
    std::vector<std::uint32_t>
        indices;  ///< three per triangle, counter-clockwise seen from outside
    /// Per-vertex id of the part or building the vertex belongs to (for picking and plans).
    std::vector<std::uint32_t> partIds;
    /// Per-vertex surface, or empty when every vertex is Plain.
    std::vector<Surface> surfaces;

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
