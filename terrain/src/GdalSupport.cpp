#include "GdalSupport.h"

#include <cunjing/geo/Gdal.h>

#include <cpl_error.h>

#include <filesystem>

namespace cunjing::terrain::detail {

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
    geo::ensureGdalRegistered();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        error = "file not found";
        return nullptr;
    }
    if (std::filesystem::is_directory(path, ec)) {
        error = "is a folder, not a DEM file";
        return nullptr;
    }
    static const char* const kAllowed[] = {"GTiff",    "AAIGrid", "SRTMHGT", "GPKG",    "netCDF",
                                           "Terragen", "HFA",     "EHdr",    "USGSDEM", "GSAG",
                                           "GS7BG",    "XYZ",     "PNG",     nullptr};
    GdalErrorCapture capture;
    GDALDatasetH ds =
        GDALOpenEx(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, kAllowed, nullptr, nullptr);
    if (!ds) {
        error = "not a readable DEM (" + capture.lastError("format not recognised") +
                "); use GeoTIFF, SRTM .hgt, ASCII grid, GeoPackage, netCDF or Terragen";
        return nullptr;
    }
    return DatasetPtr(ds);
}

}  // namespace cunjing::terrain::detail
