#pragma once
// Tile arithmetic shared by the pyramid builder and reader: leaf tiles from a window of finest
// samples, parents from their children (errors bounded through the children), and the
// packing of LOD tiles into files.
//
// Files sit at every D-th level of the LOD quadtree (0, D, 2D, ...; D = levelsPerFile) and
// each holds the LOD tiles of the next D levels below its key: the vertex grid of the deepest
// of them and the facts of all. A file of D = 2 holds 4 + 16 tiles of 33 x 33 vertices in one
// 129 x 129 grid: five times fewer files than one per tile, each still small.

#include "PyramidFormat.h"

#include <cunjing/terrain/TerrainLod.h>
#include <cunjing/terrain/TileScheme.h>

#include <span>

namespace cunjing::terrain::pyramid {

/// Which LOD levels have files, and how deep each reaches. Files sit at the root and at every
/// D-th level counted up from the deepest (deepest - D, deepest - 2D, ...), so every file but
/// perhaps the root's holds D levels.
struct FileLayout {
    int levelsPerFile = 2;
    int deepest = 0;  ///< the LOD scheme's maxLevel (at least 1)

    bool isFileLevel(int level) const {
        return level == 0 ||
               (level > 0 && level < deepest && (deepest - level) % levelsPerFile == 0);
    }
    /// The first file level below the root (or `deepest` when the root's file holds all).
    int firstBelowRoot() const {
        const int r = deepest % levelsPerFile;
        return r != 0 ? r : std::min(levelsPerFile, deepest);
    }
    /// LOD levels below a file key that its file holds.
    int depthOf(int fileLevel) const {
        return fileLevel == 0 ? firstBelowRoot() : std::min(levelsPerFile, deepest - fileLevel);
    }
    /// The file level below `fileLevel`, or -1 at the deepest.
    int next(int fileLevel) const {
        const int n = fileLevel + depthOf(fileLevel);
        return n < deepest ? n : -1;
    }
    /// The file holding a LOD tile below the root: its nearest ancestor at a file level.
    TileKey fileOf(const TileKey& k) const {
        int a = 0;
        const int first = firstBelowRoot();
        if (k.level - 1 >= first && first < deepest)
            a = k.level - 1 - (k.level - 1 - first) % levelsPerFile;
        const int up = k.level - a;
        return {a, k.x >> up, k.y >> up};
    }
    int deepestFileLevel() const {
        int level = 0;
        while (next(level) >= 0)
            level = next(level);
        return level;
    }
    int fileLevelCount() const {
        int n = 1;
        for (int level = 0; next(level) >= 0; level = next(level))
            ++n;
        return n;
    }
};

/// The vertex grid of a file along x (y): its deepest held level's vertices over its area.
std::vector<std::int64_t> fileColumns(const TileScheme& lod, const FileLayout& layout,
                                      const TileKey& key);
std::vector<std::int64_t> fileRows(const TileScheme& lod, const FileLayout& layout,
                                   const TileKey& key);

/// Finest samples of a rectangle: (c0, r0) is its south-west sample, row 0 south.
struct SampleWindow {
    std::int64_t c0 = 0, r0 = 0;
    int cols = 0, rows = 0;
    std::vector<float> h;  ///< NaN: no data

    bool contains(std::int64_t c, std::int64_t r) const {
        return c >= c0 && r >= r0 && c < c0 + cols && r < r0 + rows;
    }
    float at(std::int64_t c, std::int64_t r) const {
        return h[std::size_t(r - r0) * std::size_t(cols) + std::size_t(c - c0)];
    }
};

/// A tile of the deepest LOD level (its vertices are the finest samples): exact, error 0.
TileData leafTile(const TileScheme& lod, const SampleWindow& window, const TileKey& key);

/// A tile from its children: vertices taken from them, errors bounded by
/// |tile - child| + child error at every child vertex (the child's triangles refine the
/// tile's, so that bound holds between vertices too). Without `bound` the errors are left at
/// zero, for a caller that computes them exactly (exactErrors).
TileData parentTile(const TileScheme& lod, const TileKey& key,
                    std::span<const TileData* const> children, bool bound = true);

/// Replaces a tile's errors by the exact ones against the finest samples of a window that
/// covers it (tighter than parentTile's bounds, which add up level by level).
void exactErrors(const TileScheme& lod, const SampleWindow& window, TileData& tile);

/// The file of `key` from the LOD tiles it holds (all of them, any order); each tile's facts
/// get the height quantisation of the file added to its errors.
PyramidFile fileOf(const TileScheme& lod, const FileLayout& layout, const TileKey& key,
                   std::span<const TileData* const> held);

/// A LOD tile read back from the file holding it.
Result<TileData> subTileOf(const TileScheme& lod, const FileLayout& layout, const PyramidFile& f,
                           const TileKey& lodKey);

/// The tile of the file's own key: made from the children the file holds (parentTile).
Result<TileData> keyTileOf(const TileScheme& lod, const FileLayout& layout, const PyramidFile& f);

}  // namespace cunjing::terrain::pyramid
