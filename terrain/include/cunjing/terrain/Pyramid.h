#pragma once
/// An on-disk terrain tile pyramid, for DEMs too big to load whole: `cunjing terrain build`
/// writes it, the viewer pages it.
///
/// Layout of a pyramid folder:
///   index.json                 CRS, sample grid, tile sizes, levels (the same build writes
///                              the same bytes)
///   tiles/L/X/Y.cjt            heights, normals and LOD facts, with a header, a version and a
///                              checksum (format in src/PyramidFormat.h)
///   imagery/L/X/Y.png          the imagery under a file's tile, when built with --imagery
///
/// The viewer draws tiles of 33 x 33 vertices in a quadtree (TileScheme). Files sit at every
/// D-th level of it (D = levels per file, 2 by default) and each holds the tiles of the D
/// levels below its key: a file of --tile-samples 129 holds 4 + 16 tiles in one 129 x 129
/// grid, so a folder has about five times fewer files than tiles, and each file carries the
/// geometric and edge errors of every tile it holds.
///
/// Building reads the DEM one block (about 2048 x 2048 samples) at a time through GDAL, never
/// the whole raster; writes each file under a temporary name and renames it into place (a
/// killed build leaves no half tile); skips files already there (re-running resumes); and
/// gives byte-identical files for the same input whatever the number of threads or shards.

#include <cunjing/geo/Crs.h>
#include <cunjing/geo/Result.h>
#include <cunjing/terrain/Heightfield.h>
#include <cunjing/terrain/TerrainLod.h>
#include <cunjing/terrain/TileScheme.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace cunjing::terrain {

struct PyramidFile;

/// What index.json says.
struct PyramidIndex {
    static constexpr int kVersion = 1;
    std::string crs;          ///< short name ("EPSG:4547")
    std::string crsWkt;       ///< full definition
    SampleGrid grid;          ///< the finest samples, in the pyramid's CRS
    int tileSamples = 129;    ///< samples a side of a file's grid
    int lodTileSamples = 33;  ///< samples a side of the tiles drawn
    int levelsPerFile = 2;    ///< LOD levels each file holds
    int lodLevels = 1;        ///< LOD levels 0 .. lodLevels - 1
    int blockSamples = 2048;  ///< see PyramidBuildOptions::blockSamples
    std::string source;       ///< the DEM's file name (for people; not checked)
    int imageSize = 0;        ///< pixels a side of each imagery tile; 0: no imagery
    std::string imageFormat;  ///< "png"
};

/// Which part of the work this run does: shard `index` of `count` (0-based). Blocks of tiles
/// are dealt to shards by ranges of their Z-order, so every machine gets a compact area.
struct PyramidShard {
    int index = 0;
    int count = 1;
};

struct PyramidBuildProgress {
    std::int64_t filesDone = 0;   ///< tile files settled (written or found)
    std::int64_t filesTotal = 0;  ///< tile files this run is responsible for
    std::int64_t filesWritten = 0;
};

struct PyramidBuildOptions {
    std::string dem;
    std::string imagery;  ///< optional raster draped per tile
    std::filesystem::path outDir;
    std::string crs;        ///< working CRS; default: the DEM's, or its UTM zone
    std::string demCrs;     ///< the DEM's CRS when the file has none
    int tileSamples = 129;  ///< samples a side of a file's grid: 65, 129, 257, 513
    int threads = 1;
    int imageSize = 256;
    /// DEM samples a side read at once by a worker (about 20 bytes each in memory). Part of
    /// the pyramid's identity: tiles within one window get exact errors, tiles above bounds.
    int blockSamples = 2048;
    std::optional<PyramidShard> shard;
    /// Called from the building thread, often; the callee rate-limits its output.
    std::function<void(const PyramidBuildProgress&)> progress;
};

struct PyramidBuildReport {
    std::int64_t filesTotal = 0;
    std::int64_t filesWritten = 0;
    std::int64_t filesSkipped = 0;  ///< already there from an earlier run
    std::int64_t blocks = 0;        ///< source windows read
    int fileLevels = 0;             ///< levels of the quadtree that have files
    std::string crs;
    std::vector<Error> warnings;
};

/// Builds (or completes) a pyramid. Errors name the file and what is wrong; the folder is left
/// with whole tiles only.
Result<PyramidBuildReport> buildPyramid(const PyramidBuildOptions& options);

/// Reads a pyramid folder for the LOD node: its tiles, on demand. Thread-safe; keeps the last
/// few decoded files.
class PyramidTileSource final : public TileSource {
public:
    static Result<std::shared_ptr<PyramidTileSource>> open(const std::filesystem::path& dir);

    const TileScheme& scheme() const override { return lodScheme_; }
    Result<TileData> loadTile(const TileKey& key) const override;

    const PyramidIndex& index() const { return index_; }
    const std::filesystem::path& dir() const { return dir_; }
    /// The file holding a tile (the root's is its own).
    TileKey fileOf(const TileKey& lodKey) const;
    /// Levels of the quadtree with files: 0, D, 2D, ... up to this one.
    int deepestFileLevel() const;
    std::filesystem::path tilePath(const TileKey& fileKey) const;
    /// The imagery of the file holding a tile: the PNG and the working-CRS square it covers
    /// (texture coordinate u = (x - x0) / width, v = (y - y0) / height, v north). nullopt for a
    /// pyramid built without imagery.
    struct ImageryRef {
        std::filesystem::path path;
        double x0 = 0, y0 = 0, width = 1, height = 1;
    };
    std::optional<ImageryRef> imageryFor(const TileKey& lodKey) const;
    /// A coarse level of the pyramid as one heightfield of at most maxGridSize samples a side
    /// (for scene bounds, overviews and the first camera). Holes are filled with the lowest
    /// height.
    Result<Heightfield> overview(int maxGridSize = 1024) const;

private:
    PyramidTileSource() = default;
    Result<std::shared_ptr<const PyramidFile>> file(const TileKey& fileKey) const;

    std::filesystem::path dir_;
    PyramidIndex index_;
    TileScheme lodScheme_;
    mutable std::mutex mutex_;
    mutable std::vector<std::pair<TileKey, std::shared_ptr<const PyramidFile>>> recent_;
};

}  // namespace cunjing::terrain
