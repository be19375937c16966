#pragma once
// RAII for GDAL handles and a scope that captures GDAL's error messages instead of printing.

#include <gdal.h>

#include <memory>
#include <string>

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

}  // namespace cunjing::terrain::detail
