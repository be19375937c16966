#pragma once
/// Reading DEMs through GDAL into a Heightfield in the working CRS.

#include <cunjing/geo/Crs.h>
#include <cunjing/geo/Result.h>
#include <cunjing/terrain/Heightfield.h>

#include <array>
#include <optional>
#include <string>
#include <vector>

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

struct DemInspectOptions {
    /// Also read the pixels for the lowest and highest height (approximate past 100 M pixels).
    bool statistics = false;
    /// CRS of the DEM when the file has none, as DemLoadOptions::sourceCrs.
    std::string sourceCrs;
    double maxSourcePixels = 2.0e9;
};

/// A working CRS to suggest for an area: CGCS2000 3-degree Gauss-Kruger "CM" zone
/// (EPSG:4534..4554, false easting 500 km) inside China's longitudes, else WGS 84 / UTM.
struct CrsSuggestion {
    std::string code;  ///< "EPSG:4547"
    std::string name;  ///< "CGCS2000 / 3-degree Gauss-Kruger CM 114E"
};
CrsSuggestion suggestWorkingCrs(double longitudeDeg, double latitudeDeg);

/// Facts about a DEM file. Without DemInspectOptions::statistics no pixel is read.
struct DemInfo {
    std::string driver;      ///< GDAL short name: GTiff, netCDF, Terragen, ...
    std::string driverName;  ///< long name
    int width = 0, height = 0, bands = 0;
    std::string crs;      ///< short name, empty when the file has none
    std::string crsName;  ///< full name ("WGS 84", "CGCS2000 / 3-degree Gauss-Kruger CM 114E")
    /// "file", "given" (sourceCrs), "inferred" (lon/lat axes, taken as WGS 84), or a reason
    /// why none could be used.
    std::string crsOrigin;
    bool geographic = false;
    std::optional<double> noData;  ///< raw value marking missing samples
    std::array<double, 6> geoTransform{};
    std::string dataType;              ///< "Int16", "Float32", ...
    double scale = 1.0, offset = 0.0;  ///< metres = raw * scale + offset
    std::string unit;                  ///< the band's unit, when it names one
    /// xmin, ymin, xmax, ymax of the pixel edges in the DEM's own CRS.
    std::array<double, 4> extent{};
    /// The same area in longitude/latitude (WGS 84), when the CRS is known.
    std::optional<std::array<double, 4>> lonLatExtent;
    double resolutionX = 0, resolutionY = 0;     ///< pixel size in CRS units, positive
    std::optional<double> minHeight, maxHeight;  ///< metres, nodata left out
    bool statisticsApproximate = false;
    std::optional<CrsSuggestion> suggestedCrs;
    /// Things worth knowing: inferred CRS, longitudes past 180, statistics skipped ...
    std::vector<std::string> notes;
};

Result<DemInfo> inspectDem(const std::string& path, const DemInspectOptions& options = {});

/// Opens only DEM formats we accept (GeoTIFF/COG, SRTM .hgt, ASCII grid, GeoPackage, netCDF,
/// Terragen, ...; never VRT), checks the size, warps to `working` and fills nodata holes.
/// Longitudes past 180 (0..360, 20..380) wrap, so a global relief can be cropped anywhere
/// with options.extent. Errors name the file and what is wrong.
Result<Heightfield> loadDem(const std::string& path, const geo::Crs& working,
                            const DemLoadOptions& options = {});

/// Fills NaN samples from their surroundings (pull-push: averages over ever coarser grids,
/// interpolated back into the holes), smooth and in linear time. False when all are NaN.
bool fillHoles(std::vector<float>& heights, int cols, int rows);

}  // namespace cunjing::terrain
