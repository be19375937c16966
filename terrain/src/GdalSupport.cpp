#include "GdalSupport.h"

#include <cunjing/geo/Crs.h>
#include <cunjing/geo/Gdal.h>

#include <cpl_error.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <filesystem>

namespace cunjing::terrain::detail {

namespace {

/// GDAL allocates a whole block on its first read of it; a block past this is refused.
constexpr double kMaxBlockBytes = 256.0 * 1024 * 1024;

DatasetPtr openWithDrivers(const std::string& path, const char* const* allowed,
                           const std::string& kind, const std::string& formats,
                           std::string& error) {
    geo::ensureGdalRegistered();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        error = "file not found";
        return nullptr;
    }
    if (std::filesystem::is_directory(path, ec)) {
        error = "is a folder, not " + kind + " file";
        return nullptr;
    }
    GdalErrorCapture capture;
    GDALDatasetH ds =
        GDALOpenEx(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, allowed, nullptr, nullptr);
    if (!ds) {
        error = "not a readable " + kind + " (" + capture.lastError("format not recognised") +
                "); use " + formats;
        return nullptr;
    }
    return DatasetPtr(ds);
}

std::string sizeText(long long w, long long h) {
    return std::to_string(w) + "x" + std::to_string(h);
}

/// netCDF (CF) names its axes' units in the metadata: "lon#units=degrees_east".
bool hasLonLatAxes(GDALDatasetH ds) {
    bool east = false, north = false;
    for (char** md = GDALGetMetadata(ds, nullptr); md && *md; ++md) {
        const std::string item = *md;
        const auto eq = item.find('=');
        if (eq == std::string::npos || item.rfind("#units", eq) == std::string::npos)
            continue;
        const std::string value = item.substr(eq + 1);
        east = east || value == "degrees_east" || value == "degree_east";
        north = north || value == "degrees_north" || value == "degree_north";
    }
    return east && north;
}

}  // namespace

GdalErrorCapture::GdalErrorCapture() {
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
}

GdalErrorCapture::~GdalErrorCapture() {
    CPLPopErrorHandler();
}

std::string GdalErrorCapture::lastError(const std::string& fallback) const {
    const char* msg = CPLGetLastErrorMsg();
    return msg && *msg ? std::string(msg) : fallback;
}

DatasetPtr openDemRaster(const std::string& path, std::string& error) {
    static const char* const kAllowed[] = {"GTiff",    "AAIGrid", "SRTMHGT", "GPKG",    "netCDF",
                                           "Terragen", "HFA",     "EHdr",    "USGSDEM", "GSAG",
                                           "GS7BG",    "XYZ",     "PNG",     nullptr};
    return openWithDrivers(path, kAllowed, "DEM",
                           "GeoTIFF, SRTM .hgt, ASCII grid, GeoPackage, netCDF or Terragen", error);
}

DatasetPtr openImageryRaster(const std::string& path, std::string& error) {
    static const char* const kAllowed[] = {"GTiff", "PNG", "JPEG",        "GPKG",   "WEBP", "HFA",
                                           "GIF",   "BMP", "JP2OpenJPEG", "netCDF", nullptr};
    return openWithDrivers(path, kAllowed, "image",
                           "GeoTIFF, GeoPackage, PNG or JPEG with a world file", error);
}

Status checkRasterSize(GDALDatasetH ds, const std::string& path, double maxPixels, int minSide) {
    const long long w = GDALGetRasterXSize(ds), h = GDALGetRasterYSize(ds);
    if (GDALGetRasterCount(ds) < 1)
        return Error{path, "", "the file has no raster band"};
    if (w < minSide || h < minSide) {
        return Error{path, "",
                     "raster is " + sizeText(w, h) + "; a DEM needs at least " +
                         sizeText(minSide, minSide) + " samples"};
    }
    if (double(w) * double(h) > maxPixels) {
        return Error{path, "",
                     "raster claims " + sizeText(w, h) + " pixels, more than the limit of " +
                         std::to_string(static_cast<long long>(maxPixels)) +
                         "; split it or build a tile pyramid (cunjing terrain build)"};
    }
    int bx = 0, by = 0;
    GDALRasterBandH band = GDALGetRasterBand(ds, 1);
    GDALGetBlockSize(band, &bx, &by);
    const double bytes =
        double(bx) * double(by) * GDALGetDataTypeSizeBytes(GDALGetRasterDataType(band));
    if (bx < 1 || by < 1 || bytes > kMaxBlockBytes) {
        return Error{path, "",
                     "raster is " + sizeText(w, h) + " pixels in blocks (tiles or strips) of " +
                         sizeText(bx, by) +
                         ", too large to read safely; rewrite it with small tiles, e.g. "
                         "gdal_translate -co TILED=YES"};
    }
    const GDALDataType type = GDALGetRasterDataType(band);
    if (GDALDataTypeIsComplex(type)) {
        return Error{path, "",
                     std::string("band 1 holds complex numbers (") + GDALGetDataTypeName(type) +
                         "), not heights"};
    }
    return Done{};
}

BandScaling bandScaling(GDALRasterBandH band) {
    BandScaling s;
    int has = 0;
    const double scale = GDALGetRasterScale(band, &has);
    if (has && std::isfinite(scale) && scale != 0)
        s.scale = scale;
    const double offset = GDALGetRasterOffset(band, &has);
    if (has && std::isfinite(offset))
        s.offset = offset;
    return s;
}

std::optional<double> bandNoData(GDALRasterBandH band) {
    int has = 0;
    const double nd = GDALGetRasterNoDataValue(band, &has);
    if (!has)
        return std::nullopt;
    return nd;
}

bool isNoData(double raw, const std::optional<double>& noData) {
    if (!std::isfinite(raw))
        return true;
    if (!noData)
        return false;
    if (std::isnan(*noData))
        return false;  // NaN nodata is caught above
    // netCDF fill values such as -1e34 come back through float32 as -9.9999998e33.
    return raw == *noData || std::abs(raw - *noData) <= 1e-6 * std::abs(*noData);
}

Result<DemCrs> resolveDemCrs(GDALDatasetH ds, const std::string& path,
                             const std::string& overrideCrs) {
    if (!overrideCrs.empty()) {
        auto crs = geo::Crs::fromUserString(overrideCrs);
        if (!crs)
            return Error{path, "", crs.errors()[0].message};
        return DemCrs{crs->wkt(), CrsOrigin::Override, crs->isGeographic()};
    }
    const char* wkt = GDALGetProjectionRef(ds);
    if (wkt && *wkt) {
        OGRSpatialReference srs;
        GdalErrorCapture quiet;
        if (srs.importFromWkt(wkt) != OGRERR_NONE)
            return Error{path, "", "its CRS definition cannot be read; name one with terrain.crs"};
        if (srs.IsLocal()) {
            const char* name = srs.GetName();
            return Error{path, "",
                         "its CRS '" + std::string(name ? name : "local") +
                             "' is a local engineering system that is not placed on the earth; "
                             "name the CRS its coordinates are in (terrain.crs in a scene, "
                             "--dem-crs on the command line)"};
        }
        return DemCrs{wkt, CrsOrigin::File, bool(srs.IsGeographic())};
    }
    double gt[6];
    if (hasLonLatAxes(ds) && GDALGetGeoTransform(ds, gt) == CE_None) {
        const double h = GDALGetRasterYSize(ds) * gt[5];
        const double ymin = std::min(gt[3], gt[3] + h), ymax = std::max(gt[3], gt[3] + h);
        if (ymin >= -90.5 && ymax <= 90.5 && gt[0] >= -360 && gt[0] <= 360) {
            auto wgs84 = geo::Crs::fromUserString("EPSG:4326");
            if (wgs84)
                return DemCrs{wgs84->wkt(), CrsOrigin::InferredLonLat, true};
        }
    }
    return Error{path, "",
                 "the DEM has no CRS; name it with terrain.crs in a scene or --dem-crs on the "
                 "command line (e.g. \"EPSG:4490\")"};
}

Result<std::array<double, 6>> northUpGeoTransform(GDALDatasetH ds, const std::string& path) {
    std::array<double, 6> gt{};
    if (GDALGetGeoTransform(ds, gt.data()) != CE_None) {
        return Error{path, "",
                     "the raster has no georeferencing (no geotransform, world file or "
                     "ground control points GDAL can use)"};
    }
    if (gt[2] != 0 || gt[4] != 0) {
        return Error{path, "", "the raster is rotated; warp it north-up first (gdalwarp)"};
    }
    if (!(gt[1] != 0) || !(gt[5] != 0) || !std::isfinite(gt[0] + gt[1] + gt[3] + gt[5]))
        return Error{path, "", "the raster's pixel size is zero or not a number"};
    return gt;
}

bool coversAllLongitudes(const std::array<double, 6>& gt, int width) {
    return std::abs(gt[1]) * width >= 360.0 - 0.5 * std::abs(gt[1]);
}

double wrapLongitudeInto(double lon, double xmin, double xmax) {
    if (lon >= xmin && lon <= xmax)
        return lon;
    for (int k : {1, -1, 2, -2}) {
        const double moved = lon + 360.0 * k;
        if (moved >= xmin && moved <= xmax)
            return moved;
    }
    return lon;
}

std::string dataTypeName(GDALRasterBandH band) {
    const char* name = GDALGetDataTypeName(GDALGetRasterDataType(band));
    return name ? name : "unknown";
}

}  // namespace cunjing::terrain::detail
