#pragma once
// RAII for GDAL handles, a scope that captures GDAL's error messages instead of printing, and
// the checks every reader of an untrusted raster makes before it reads a pixel.

#include <cunjing/geo/Result.h>

#include <gdal.h>

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cunjing::terrain::detail {

struct DatasetCloser {
    void operator()(GDALDatasetH ds) const {
        if (ds)
            GDALClose(ds);
    }
};
using DatasetPtr = std::unique_ptr<std::remove_pointer_t<GDALDatasetH>, DatasetCloser>;

/// While alive, GDAL errors on this thread are collected rather than printed.
class GdalErrorCapture {
public:
    GdalErrorCapture();
    ~GdalErrorCapture();
    GdalErrorCapture(const GdalErrorCapture&) = delete;
    GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;
    /// The last error GDAL reported, or fallback when it said nothing.
    std::string lastError(const std::string& fallback) const;
};

/// Opens a raster with an explicit list of allowed drivers (no VRT: a VRT can point at
/// any other file). Returns null and sets `error` on failure.
DatasetPtr openDemRaster(const std::string& path, std::string& error);

/// Same for imagery (orthophotos, basemaps): GeoTIFF, JPEG, PNG, GeoPackage, ...; never VRT.
DatasetPtr openImageryRaster(const std::string& path, std::string& error);

/// Refuses what would make GDAL allocate a huge buffer or read for hours: fewer than
/// minSide pixels a side, more than maxPixels in all, or a block (tile or strip) over
/// 256 MiB, which GDAL allocates whole on the first read (a tiny TIFF can claim one: GDAL
/// issue #14400). Checks only the header: nothing is read.
Status checkRasterSize(GDALDatasetH ds, const std::string& path, double maxPixels, int minSide = 2);

/// Heights in metres are raw * scale + offset (Terragen stores Int16 with a scale).
struct BandScaling {
    double scale = 1.0;
    double offset = 0.0;
    double apply(double raw) const { return raw * scale + offset; }
};
BandScaling bandScaling(GDALRasterBandH band);

/// The band's nodata value, when it has one.
std::optional<double> bandNoData(GDALRasterBandH band);
/// True when a raw value is nodata: equal to the nodata value (relative tolerance for the
/// huge float fill values netCDF uses), NaN, or infinite.
bool isNoData(double raw, const std::optional<double>& noData);

/// How the DEM's CRS was found.
enum class CrsOrigin { File, Override, InferredLonLat };

struct DemCrs {
    std::string wkt;
    CrsOrigin origin = CrsOrigin::File;
    bool geographic = false;
};

/// The DEM's CRS: the user's override, else the file's own, else WGS 84 when the file's
/// axes are plainly longitude/latitude in degrees (netCDF with degrees_east/degrees_north
/// axes, as ETOPO relief). A local engineering CRS (Terragen "world space") cannot be placed
/// on the earth and is an error asking for one.
Result<DemCrs> resolveDemCrs(GDALDatasetH ds, const std::string& path,
                             const std::string& overrideCrs);

/// The geotransform, or an error when the file has none a DEM can use (rotated, or none).
Result<std::array<double, 6>> northUpGeoTransform(GDALDatasetH ds, const std::string& path);

/// For geographic rasters whose longitudes run past 180 (0..360, or 20..380 as ETOPO20):
/// true when they cover the whole circle, so any longitude can be wrapped into them.
bool coversAllLongitudes(const std::array<double, 6>& gt, int width);

/// Moves a longitude by whole turns into [xmin, xmin + 360) when the raster uses longitudes
/// past 180; leaves it alone otherwise.
double wrapLongitudeInto(double lon, double xmin, double xmax);

/// "Int16", "Float32", ...
std::string dataTypeName(GDALRasterBandH band);

}  // namespace cunjing::terrain::detail
