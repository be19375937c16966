#include <cunjing/geo/Gdal.h>

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <mutex>

namespace cunjing::geo {

void ensureGdalRegistered() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

void GdalDatasetCloser::operator()(void* dataset) const {
    GDALClose(dataset);
}

void OgrFeatureDeleter::operator()(void* feature) const {
    OGR_F_Destroy(static_cast<OGRFeatureH>(feature));
}

void OgrGeometryDeleter::operator()(void* geometry) const {
    OGR_G_DestroyGeometry(static_cast<OGRGeometryH>(geometry));
}

void OgrSrsReleaser::operator()(void* srs) const {
    OSRRelease(static_cast<OGRSpatialReferenceH>(srs));
}

QuietGdal::QuietGdal() {
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
}

QuietGdal::~QuietGdal() {
    CPLPopErrorHandler();
}

std::string lastGdalError(const std::string& fallback) {
    const char* msg = CPLGetLastErrorMsg();
    return msg && *msg ? std::string(msg) : fallback;
}

}  // namespace cunjing::geo
