#pragma once
/// Chunked quadtree LOD for terrain, without GL: tile data with geometric errors, tile meshes
/// with skirts, and the choice of tiles to draw by screen-space error.
///
/// A tile's geometric error is the largest vertical distance between its mesh and the finest
/// data it covers. A tile is refined while that error, seen from the camera, is more than the
/// user's maximum in pixels. Skirts (walls hanging from tile edges) close the gaps between
/// neighbours drawn at different levels; their depth comes from the data, so the gap they close
/// is known, not guessed.

#include <cunjing/geo/Mesh.h>
#include <cunjing/geo/Result.h>
#include <cunjing/terrain/Heightfield.h>
#include <cunjing/terrain/TileScheme.h>

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace cunjing::terrain {

/// One tile: heights at its vertices and what LOD selection and skirts need to know about the
/// finest data under it. Heights are metres, not exaggerated.
struct TileData {
    TileKey key;
    int cols = 0, rows = 0;      ///< vertices, as TileScheme::vertexColumns/vertexRows
    std::vector<float> heights;  ///< rows x cols, row 0 south; NaN where the source has no data
    /// dh/dx and dh/dy of the finest data at each vertex (two per vertex): normals shade a
    /// coarse tile like the full-resolution ground.
    std::vector<float> slopes;
    /// Lowest and highest finest sample under the tile; min > max when it holds no data.
    float minHeight = 0, maxHeight = 0;
    /// Largest |tile surface - finest data| over the finest samples under the tile.
    float geometricError = 0;
    /// The same along each side only (TileEdge order): the gap a finer neighbour can leave.
    std::array<float, 4> edgeError{};

    float height(int c, int r) const { return heights[std::size_t(r) * cols + c]; }
    bool empty() const { return !(minHeight <= maxHeight); }
};

/// Where tiles come from: a heightfield in memory, or a pyramid on disk.
class TileSource {
public:
    virtual ~TileSource() = default;
    virtual const TileScheme& scheme() const = 0;
    /// Thread-safe. Errors name the tile and, for files, the file.
    virtual Result<TileData> loadTile(const TileKey& key) const = 0;
    /// Height of the finest tiles' surface at a working-CRS position; nullopt outside the data
    /// or where it cannot be read.
    virtual std::optional<double> heightAt(double x, double y) const;
};

/// Tiles cut from a heightfield that holds the finest data; errors are exact.
class HeightfieldTileSource final : public TileSource {
public:
    static Result<std::shared_ptr<HeightfieldTileSource>> create(
        std::shared_ptr<const Heightfield> field,
        int tileSamples = TileScheme::kDefaultTileSamples);
    const TileScheme& scheme() const override { return scheme_; }
    Result<TileData> loadTile(const TileKey& key) const override;
    std::optional<double> heightAt(double x, double y) const override;
    const Heightfield& field() const { return *field_; }

private:
    HeightfieldTileSource(std::shared_ptr<const Heightfield> field, TileScheme scheme);
    std::shared_ptr<const Heightfield> field_;
    TileScheme scheme_;
};

/// The sample grid of a heightfield.
SampleGrid sampleGridOf(const Heightfield& field);

/// Tile data straight from the finest heights: vertex heights, slopes by central differences,
/// exact geometric and edge errors.
TileData tileFromHeightfield(const TileScheme& scheme, const Heightfield& field,
                             const TileKey& key);

/// Height of a tile's mesh (its triangles, not bilinear) at a finest-sample position;
/// NaN outside the tile or where a corner has no data.
double tileSurfaceAt(const TileScheme& scheme, const TileData& tile, double column, double row);

/// Skirt depth per side (TileEdge order, metres, not exaggerated): the largest gap between
/// this tile's edge and the edge of any coarser neighbour (which shares its vertices with the
/// ancestor on that side, so ancestors tell the gap exactly), or of any finer neighbour
/// (bounded by edgeError), plus a small margin. Zero on the data's outer edge.
/// `ancestors` may hold any of the tile's ancestors, in any order; missing ones are skipped.
std::array<float, 4> skirtDepths(const TileScheme& scheme, const TileData& tile,
                                 std::span<const TileData* const> ancestors);

struct TileMeshOptions {
    double originX = 0, originY = 0;  ///< working-CRS position of local (0, 0)
    double exaggeration = 1.0;
    bool skirts = true;
};

/// The tile as triangles in the local frame (counter-clockwise from above; skirts face
/// outwards). Triangles touching a vertex without data are left out.
geo::Mesh tileMesh(const TileScheme& scheme, const TileData& tile,
                   const std::array<float, 4>& skirtDepth, const TileMeshOptions& options);

/// A camera, in the local frame (metres from the origin, z exaggerated like the meshes).
struct LodView {
    std::array<double, 3> eye{0, 0, 0};
    double fovYDeg = 40;
    double viewportHeightPx = 720;
    /// Optional view-frustum planes (a, b, c, d): inside where ax + by + cz + d >= 0.
    std::vector<std::array<double, 4>> planes;
};

struct LodSettings {
    double maxPixelError = 2.0;  ///< largest screen-space error, pixels
    double exaggeration = 1.0;
    double originX = 0, originY = 0;
};

/// What selection needs to know of a tile.
struct TileFacts {
    float geometricError = 0;
    float minHeight = 0, maxHeight = 0;
};

struct LodSelection {
    std::vector<TileKey> draw;  ///< tiles to draw, covering the visible terrain once
    /// Tiles the view wants but `facts` did not have, most wanted first. Their parents are in
    /// `draw` until all of a parent's children are available.
    std::vector<TileKey> load;
};

/// Pixels a vertical error of `error` metres covers at `distance` metres.
double screenSpaceError(double error, double distance, double fovYDeg, double viewportHeightPx);

/// Chooses tiles top-down: a tile is refined while its screen-space error exceeds the maximum
/// and it has finer levels, and only when all its children are available (so there is never a
/// hole while children load). `facts` returns null for a tile not available yet.
LodSelection selectTiles(const TileScheme& scheme, const LodView& view, const LodSettings& settings,
                         const std::function<const TileFacts*(const TileKey&)>& facts);

}  // namespace cunjing::terrain
