#pragma once
/// Imagery draped on the terrain: an orthophoto or any raster GDAL reads, reprojected onto
/// the terrain's extent in the working CRS and handed over as plain RGBA bytes.

#include <cunjing/geo/Crs.h>
#include <cunjing/geo/Result.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace cunjing::terrain {

struct Imagery {
    int width = 0, height = 0;
    /// RGBA, 8 bits a channel, row 0 the southern edge (as Heightfield and GL textures).
    /// Alpha 0 where the source has no data: the terrain shader shows its own surface there.
    std::vector<std::uint8_t> rgba;
    /// xmin, ymin, xmax, ymax of the image's outer pixel edges, working CRS.
    std::array<double, 4> extent{};
    /// Fraction of pixels with alpha 0 (outside the source or nodata).
    double transparentFraction = 0;
};

struct ImageryOptions {
    /// The longer side is at most this many pixels (the texture size a GPU surely takes).
    int maxSize = 4096;
    /// ... and at least this many, so coarse imagery is resampled smoothly when reprojected.
    int minSize = 512;
    /// CRS of the image when the file has none; "EPSG:n" or WKT.
    std::string sourceCrs;
    /// Refuse sources larger than this before reading (checked on the header).
    double maxSourcePixels = 4.0e9;
};

/// Reads imagery (GeoTIFF, GeoPackage, PNG/JPEG with a world file; never VRT) that is RGB,
/// RGBA, grey, grey + alpha or paletted (8 or 16 bit: 16-bit bands are stretched to their
/// range), warps it onto `extent` (working CRS) at about its own resolution within
/// [minSize, maxSize] pixels, and marks nodata and uncovered pixels transparent.
Result<Imagery> loadImagery(const std::string& path, const geo::Crs& working,
                            const std::array<double, 4>& extent,
                            const ImageryOptions& options = {});

}  // namespace cunjing::terrain
