#pragma once
/// A small oblique-photography (倾斜摄影) tile set made from a mesh, laid out as ContextCapture
/// exports it: metadata.xml, and Data/Tile_+00i_+000/ with a root .osgb (a PagedLOD holding a
/// coarse level inline and naming a fine level in its own file, Tile_..._L17_0.osgb) for two
/// root tiles side by side, written through OSG's osgb plugin with JPEG textures inside.
///
/// The mesh, in tile coordinates (metres from SRSOrigin, Z up): a textured ground patch
/// x in [-tileSize, tileSize], y in [-tileSize/2, tileSize/2] at z = patchHeight, tile 0 west
/// of x = 0 (terracotta checks) and tile 1 east (green checks); a grey house on each tile's
/// centre; and a red marker post of 2 x 2 m at tile (0, 0), up to markerHeight. The coarse
/// level draws the patch in each tile's plain mean colour, so a picture tells whether the
/// fine level was paged in.

#include <array>
#include <filesystem>
#include <string>
#include <vector>

namespace cunjing::test {

struct ObliqueFixtureOptions {
    std::string srs = "EPSG:4547";  ///< written into <SRS> as is
    /// <SRSOrigin>; by default near the demo scene's origin (assets/demo: EPSG:4547, the DEM's
    /// centre 384350, 2571565), at about its valley floor.
    std::array<double, 3> srsOrigin{384300.5, 2571500.25, 12.0};
    double tileSize = 60;  ///< metres along x of each root tile
};

struct ObliqueFixture {
    std::filesystem::path folder;                  ///< holds metadata.xml and Data/
    std::vector<std::filesystem::path> rootFiles;  ///< Data/Tile_*/Tile_*.osgb, west first
    std::vector<std::filesystem::path> fineFiles;  ///< the paged fine level of each root
    double tileSize = 60;
    double patchHeight = 0.5;
    double markerHeight = 15;
    /// Pixel size on screen (of a root's bounding sphere) from which the fine level is drawn.
    float fineFromPixels = 100;
};

/// Writes the tile set into `folder` (created; an older set there is replaced). Throws
/// std::runtime_error when a file cannot be written.
ObliqueFixture writeObliqueFixture(const std::filesystem::path& folder,
                                   const ObliqueFixtureOptions& options = {});

/// "ENU:lat,lon" with enough digits for millimetres.
std::string enuSrs(double latDeg, double lonDeg);

}  // namespace cunjing::test
