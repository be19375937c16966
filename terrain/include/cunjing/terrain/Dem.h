#pragma once
/// Reading DEMs through GDAL into a Heightfield in the working CRS.

#include <cunjing/geo/Crs.h>
#include <cunjing/geo/Result.h>
#include <cunjing/terrain/Heightfield.h>

#include <array>
#include <optional>
#include <string>

namespace cunjing::terrain {

struct DemLoadOptions {
    /// The grid is resampled so that neither side exceeds this many samples.
    int maxGridSize = 1024;
    /// CRS of the DEM when the file has none (e.g. a bare ASCII grid); "EPSG:n" or WKT.
    std::string sourceCrs;
    /// Optional crop in working-CRS coordinates: xmin, ymin, xmax, ymax.
    std::optional<std::array<double, 4>> extent;
    /// Refuse rasters larger than this before any allocation (a tiny TIFF can claim a huge
    /// size: GDAL issue #14400).
    double maxSourcePixels = 2.0e9;
};

/// Facts about a DEM file, without reading its pixels.
struct DemInfo {
    std::string driver;
    int width = 0, height = 0, bands = 0;
    std::string crs;  ///< short name, empty when the file has none
    std::optional<double> noData;
    std::array<double, 6> geoTransform{};
};

Result<DemInfo> inspectDem(const std::string& path);

/// Opens only DEM formats we accept (GeoTIFF/COG, SRTM .hgt, ASCII grid, GeoPackage, netCDF,
/// Terragen, ...; never VRT), checks the size, warps to `working` and fills nodata holes.
/// Errors name the file and what is wrong.
Result<Heightfield> loadDem(const std::string& path, const geo::Crs& working,
                            const DemLoadOptions& options = {});

}  // namespace cunjing::terrain
