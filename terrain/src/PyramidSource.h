#pragma once
// Reading a DEM for the pyramid builder one window at a time, in the pyramid's CRS.
//
// When the DEM is already in the working CRS (the usual case for a county survey in
// Gauss-Kruger) the finest samples are its pixel centres and a window is one RasterIO call.
// Otherwise each window sample is mapped to the DEM through GDAL's approximate transformer and
// interpolated bilinearly, reading only the DEM pixels under the window.

#include "PyramidTiles.h"

#include <cunjing/geo/Result.h>
#include <cunjing/terrain/TileScheme.h>

#include <memory>
#include <string>

namespace cunjing::terrain::pyramid {

/// Voids (nodata) are filled from data within this many samples; further ones stay holes.
/// Each sample's fill depends only on its neighbourhood, so tiles agree along their seams.
constexpr int kFillRadius = 16;

struct DemPlan {
    SampleGrid grid;
    bool aligned = false;  ///< finest samples are the DEM's own pixel centres
    std::string sourceWkt;
    std::string workingWkt;
    std::string workingName;
    int width = 0, height = 0;
    std::vector<Error> warnings;
};

/// Opens the DEM (allowed drivers only, no VRT), chooses the working CRS (the given one; else
/// the DEM's when projected; else the UTM zone of its centre) and the finest grid.
Result<DemPlan> planPyramid(const std::string& dem, const std::string& workingCrs,
                            const std::string& demCrs);

/// One per thread: GDAL datasets are not shared between threads.
class DemWindowReader {
public:
    static Result<std::unique_ptr<DemWindowReader>> open(const std::string& dem,
                                                         const DemPlan& plan);
    ~DemWindowReader();
    DemWindowReader(const DemWindowReader&) = delete;
    DemWindowReader& operator=(const DemWindowReader&) = delete;

    /// Finest samples [c0, c1] x [r0, r1] (inside the grid), voids filled (kFillRadius).
    Result<SampleWindow> read(std::int64_t c0, std::int64_t r0, std::int64_t c1, std::int64_t r1);

    struct Impl;

private:
    explicit DemWindowReader(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace cunjing::terrain::pyramid
