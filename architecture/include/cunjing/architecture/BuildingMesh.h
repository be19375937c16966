#pragma once
/// What a building generator hands to the scene: one flat-shaded geo::Mesh whose triangles
/// are grouped by part kind and material, the massing it was built from, and the ground
/// features (禾坪, 半月池, 化胎) the scene flattens, cuts or drapes itself.
///
/// Local frame, metres, Z up: the building's front looks towards -Y and its axis runs
/// along +Y from x = 0; ground at z = 0.

#include <cunjing/geo/Mesh.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cunjing::architecture {

/// The component library's part kinds (architecture.md, "Procedural buildings").
enum class PartKind : std::uint8_t {
    Plinth,     ///< granite or stone base, foundations
    Walls,      ///< wall bodies, wall bands (墙楣, black eave line), parapets
    Roof,       ///< tile slabs, tile rows, eave soffits
    Ridge,      ///< 正脊 and hip ridges with their caps
    Gables,     ///< 山墙 outlines above the wall head: 人字, 镬耳, 猫耳, 五行
    Doors,      ///< door leaves, frames and reveals, gates
    Windows,    ///< windows and gun slits
    Ornaments,  ///< 灰塑, 嵌瓷, ridge-end ornaments, columns, pediments
};
inline constexpr int kPartKindCount = 8;

/// "plinth", "walls", ... as used in style files and by the CLI.
std::string_view partKindName(PartKind kind);

/// Index into Style::materials; kNoMaterial for meshes made without a style.
using MaterialId = std::uint16_t;
inline constexpr MaterialId kNoMaterial = 0xFFFF;

/// A run of triangles sharing a part kind and a material: indices [firstIndex,
/// firstIndex + indexCount) of BuildingMesh::mesh. Runs never overlap and cover every index.
struct PartRange {
    PartKind kind = PartKind::Walls;
    MaterialId material = kNoMaterial;
    std::uint32_t firstIndex = 0;
    std::uint32_t indexCount = 0;
};

struct Point2 {
    double x = 0, y = 0;
};

/// One volume of the plan grammar's output (a hall, a wing, a 围龙 ring, a tower...), with the
/// numbers it was built from; for footprints, picking and checks against the style.
struct Mass {
    std::string role;               ///< "hall", "wing", "weilong", "ring", "tower", ...
    std::vector<Point2> footprint;  ///< outer outline at the ground, counter-clockwise
    double base = 0;                ///< z of the floor
    double eave = 0;                ///< z of the tiles where they cross the outer wall face
    double top = 0;                 ///< highest point: ridge, gable or tower roof
    int storeys = 1;
    int rooms = 0;          ///< rooms along a row or ring (0: one hall)
    double wallBase = 0;    ///< outer wall thickness at the foot
    double wallTop = 0;     ///< and at the eave (less where the wall tapers: 土楼)
    bool flatRoof = false;  ///< a flat roof at `eave` behind a parapet (骑楼, 自建房)
};

enum class GroundKind : std::uint8_t {
    Forecourt,  ///< 禾坪 / 埕: paved threshing yard in front
    Pond,       ///< 半月池 / 风水塘: water surface, below ground
    Huatai,     ///< 化胎: the sloping half-moon ground between the halls and the 围龙
    Lane,       ///< 巷: a paved lane between buildings (village plans; no generator makes one)
};

/// A piece of ground the scene must shape, as an outline plus the surface to draw.
struct GroundFeature {
    GroundKind kind = GroundKind::Forecourt;
    std::vector<Point2> outline;  ///< counter-clockwise, in the building's frame
    double z = 0;                 ///< surface height (water level for ponds) at the outline
    double rise = 0;              ///< how much higher the far side is (化胎 slopes up)
    geo::Mesh mesh;               ///< the surface itself, ready to draw
};

struct BuildingMesh {
    geo::Mesh mesh;
    std::vector<PartRange> parts;  ///< sorted by kind, then material
    std::vector<Mass> masses;
    std::vector<GroundFeature> ground;

    /// The part run holding triangle t (t < mesh.triangleCount()).
    const PartRange& partOfTriangle(std::size_t t) const;
    std::size_t triangleCount(PartKind kind) const;
};

}  // namespace cunjing::architecture
