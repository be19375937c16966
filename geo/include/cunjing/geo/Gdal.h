#pragma once
/// GDAL's process-wide set-up and the small RAII handles every module that talks to GDAL/OGR
/// needs, in one place. Handles are void* (GDAL's C handles are typedefs of void*), so no GDAL
/// type appears here: modules include GDAL's headers only in their sources.

#include <memory>
#include <string>

namespace cunjing::geo {

/// Registers GDAL's drivers exactly once. GDALAllRegister is not safe to call from two
/// threads at the same time, and terrain and tree layers load in parallel.
void ensureGdalRegistered();

struct GdalDatasetCloser {
    void operator()(void* dataset) const;  ///< GDALClose
};
struct OgrFeatureDeleter {
    void operator()(void* feature) const;  ///< OGR_F_Destroy
};
struct OgrGeometryDeleter {
    void operator()(void* geometry) const;  ///< OGR_G_DestroyGeometry
};
struct OgrSrsReleaser {
    void operator()(void* srs) const;  ///< OSRRelease
};
using GdalDatasetPtr = std::unique_ptr<void, GdalDatasetCloser>;
using OgrFeaturePtr = std::unique_ptr<void, OgrFeatureDeleter>;
using OgrGeometryPtr = std::unique_ptr<void, OgrGeometryDeleter>;
using OgrSrsPtr = std::unique_ptr<void, OgrSrsReleaser>;

/// GDAL reports problems through a global handler that prints to stderr; we turn them into
/// our own messages instead, so the handler is quiet (on this thread) while this lives.
class QuietGdal {
public:
    QuietGdal();
    ~QuietGdal();
    QuietGdal(const QuietGdal&) = delete;
    QuietGdal& operator=(const QuietGdal&) = delete;
};

/// GDAL's last error message, or fallback when there is none.
std::string lastGdalError(const std::string& fallback);

}  // namespace cunjing::geo
