#pragma once
/// A square quadtree of terrain tiles over a regular grid of height samples (the finest data).
/// Level 0 is one root tile; each level halves the tile side. Tiles of every level have N x N
/// vertices (N = 2^k + 1), so a tile's vertices are every stride-th finest sample and a
/// parent's vertices are a subset of its children's. Plain C++: no GDAL, no OSG.

#include <cunjing/geo/Result.h>

#include <array>
#include <compare>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace cunjing::terrain {

/// A tile: x counts east, y counts north from the south-west corner of the root.
struct TileKey {
    int level = 0;
    std::int64_t x = 0, y = 0;

    friend auto operator<=>(const TileKey&, const TileKey&) = default;
    TileKey parent() const { return {level - 1, x / 2, y / 2}; }
    /// South-west, south-east, north-west, north-east.
    std::array<TileKey, 4> children() const;
    /// "level/x/y", as in the pyramid's file names.
    std::string toString() const;
};

struct TileKeyHash {
    std::size_t operator()(const TileKey& k) const noexcept;
};

/// The sides of a tile, in the order of TileData::edgeError.
enum class TileEdge { West = 0, East = 1, South = 2, North = 3 };

/// The finest grid the tiles sample: cols x rows heights, sample (c, r) at (x0 + c*dx, y0 + r*dy)
/// in the working CRS, row 0 south (like Heightfield).
struct SampleGrid {
    double x0 = 0, y0 = 0;
    double dx = 1, dy = 1;
    std::int64_t cols = 0, rows = 0;

    double x(std::int64_t c) const { return x0 + double(c) * dx; }
    double y(std::int64_t r) const { return y0 + double(r) * dy; }
};

/// xmin, ymin, xmax, ymax in the working CRS.
struct Extent {
    double xmin = 0, ymin = 0, xmax = 0, ymax = 0;
};

class TileScheme {
public:
    /// 33: on llvmpipe's budget of about 100k triangles a frame, tiles of 2k triangles refine
    /// where needed at a draw-call cost of some 100 tiles a view (see bench_terrain_lod).
    static constexpr int kDefaultTileSamples = 33;

    /// tileSamples is N, the vertices along a tile side: 2^k + 1 between 5 and 1025.
    static Result<TileScheme> create(const SampleGrid& grid, int tileSamples = kDefaultTileSamples);

    const SampleGrid& grid() const { return grid_; }
    int tileSamples() const { return samples_; }
    /// The deepest level: its vertex spacing is the finest grid's spacing.
    int maxLevel() const { return maxLevel_; }
    /// Finest samples from one vertex of a tile to the next at this level.
    std::int64_t stride(int level) const { return std::int64_t(1) << (maxLevel_ - level); }
    /// Finest samples along a whole tile side at this level.
    std::int64_t span(int level) const { return stride(level) * (samples_ - 1); }
    /// Vertex spacing in metres at this level (x direction).
    double spacing(int level) const { return grid_.dx * double(stride(level)); }

    /// Tiles in x and y at this level that hold data.
    std::int64_t tilesAcross(int level) const;
    std::int64_t tilesUp(int level) const;
    std::int64_t tileCount(int level) const { return tilesAcross(level) * tilesUp(level); }
    /// Tiles of every level together.
    std::int64_t totalTileCount() const;
    bool exists(const TileKey& key) const;
    /// The children of a tile that hold data (1, 2 or 4).
    std::vector<TileKey> children(const TileKey& key) const;

    /// Finest-sample indices of the tile's vertex columns (rows): every stride-th from the
    /// tile's west (south) edge, ending at the data's last column (row) where the data ends
    /// inside the tile. A parent's vertex columns are a subset of its children's.
    std::vector<std::int64_t> vertexColumns(const TileKey& key) const;
    std::vector<std::int64_t> vertexRows(const TileKey& key) const;
    std::int64_t firstColumn(const TileKey& key) const { return key.x * span(key.level); }
    std::int64_t firstRow(const TileKey& key) const { return key.y * span(key.level); }
    std::int64_t lastColumn(const TileKey& key) const;
    std::int64_t lastRow(const TileKey& key) const;

    /// The tile's area, cut at the data's edge.
    Extent extent(const TileKey& key) const;
    Extent dataExtent() const;
    /// True when that side of the tile is the outer edge of the data (no neighbour there).
    bool onDataEdge(const TileKey& key, TileEdge edge) const;
    /// The tile of a level that covers a working-CRS position; nullopt outside the data.
    std::optional<TileKey> tileAt(int level, double x, double y) const;

private:
    SampleGrid grid_;
    int samples_ = kDefaultTileSamples;
    int maxLevel_ = 0;
};

/// Tiles of a level in Z-order (Morton order: children of one parent are adjacent), limited to
/// those that exist. Used to walk a pyramid so siblings finish together.
std::vector<TileKey> tilesInMortonOrder(const TileScheme& scheme, int level);

}  // namespace cunjing::terrain
