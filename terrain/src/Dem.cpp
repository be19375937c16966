#include <cunjing/terrain/Dem.h>

#include "GdalSupport.h"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal_alg.h>
#include <gdal_utils.h>
#include <gdalwarper.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cunjing::terrain {

using detail::DatasetPtr;
using detail::GdalErrorCapture;

namespace {

constexpr double kNoData = -99999.0;

Error demError(const std::string& path, const std::string& message) {
    return Error{path, "", message};
}

/// The DEM's CRS as WKT: its own, else the user's override, else an error.
Result<std::string> sourceCrsWkt(GDALDatasetH ds, const std::string& path,
                                 const std::string& overrideCrs) {
    if (!overrideCrs.empty()) {
        auto crs = geo::Crs::fromUserString(overrideCrs);
        if (!crs)
            return demError(path, crs.errors()[0].message);
        return crs->wkt();
    }
    const char* wkt = GDALGetProjectionRef(ds);
    if (!wkt || !*wkt) {
        return demError(path, "the DEM has no CRS; name it with terrain.crs (e.g. \"EPSG:4490\")");
    }
    return std::string(wkt);
}

struct TargetGrid {
    int cols = 0, rows = 0;
    double geo[6]{};
};

/// The working-CRS grid that covers the DEM (or the extent), at most maxGrid samples a side.
Result<TargetGrid> planGrid(GDALDatasetH src, const std::string& srcWkt, const geo::Crs& working,
                            const DemLoadOptions& options, const std::string& path) {
    const std::string dstWkt = working.wkt();
    void* transformer = GDALCreateGenImgProjTransformer(src, srcWkt.c_str(), nullptr,
                                                        dstWkt.c_str(), FALSE, 0.0, 1);
    if (!transformer)
        return demError(path, "cannot transform the DEM into " + working.shortName());
    TargetGrid grid;
    double extent[4];
    const CPLErr err = GDALSuggestedWarpOutput2(src, GDALGenImgProjTransform, transformer, grid.geo,
                                                &grid.cols, &grid.rows, extent, 0);
    GDALDestroyGenImgProjTransformer(transformer);
    if (err != CE_None || grid.cols < 1 || grid.rows < 1) {
        return demError(path, "the DEM does not map into " + working.shortName() +
                                  "; is its CRS right and does it cover the area?");
    }
    double xmin = extent[0], ymin = extent[1], xmax = extent[2], ymax = extent[3];
    double res = std::max(grid.geo[1], -grid.geo[5]);
    if (options.extent) {
        const auto& e = *options.extent;
        xmin = std::max(xmin, e[0]);
        ymin = std::max(ymin, e[1]);
        xmax = std::min(xmax, e[2]);
        ymax = std::min(ymax, e[3]);
        if (xmin >= xmax || ymin >= ymax) {
            return demError(path, "terrain.extent does not overlap the DEM");
        }
    }
    const double longest = std::max(xmax - xmin, ymax - ymin);
    res = std::max(res, longest / std::max(2, options.maxGridSize));
    // One sample per target pixel, at the pixel centre (as GDAL's own grids).
    grid.cols = std::max(2, int(std::ceil((xmax - xmin) / res - 1e-6)));
    grid.rows = std::max(2, int(std::ceil((ymax - ymin) / res - 1e-6)));
    const double geo[6] = {xmin, res, 0, ymax, 0, -res};
    std::copy(geo, geo + 6, grid.geo);
    return grid;
}

/// Fills nodata holes from their surroundings; false when nothing valid is left.
bool fillHoles(std::vector<float>& h, int cols, int rows) {
    const auto isHole = [](float v) { return !std::isfinite(v) || v <= kNoData + 1; };
    if (std::all_of(h.begin(), h.end(), isHole))
        return false;
    // Repeated 4-neighbour averaging grows valid values into holes; cheap for the small
    // holes real DEMs have, and guaranteed to finish because each pass fills at least one.
    bool any = true;
    while (any) {
        any = false;
        std::vector<float> next = h;
        for (int r = 0; r < rows; ++r) {
            for (int c = 0; c < cols; ++c) {
                float& v = next[size_t(r) * cols + c];
                if (!isHole(h[size_t(r) * cols + c]))
                    continue;
                double sum = 0;
                int n = 0;
                const int nb[4][2] = {{c - 1, r}, {c + 1, r}, {c, r - 1}, {c, r + 1}};
                for (const auto& p : nb) {
                    if (p[0] < 0 || p[1] < 0 || p[0] >= cols || p[1] >= rows)
                        continue;
                    const float w = h[size_t(p[1]) * cols + p[0]];
                    if (!isHole(w))
                        sum += w, ++n;
                }
                if (n)
                    v = float(sum / n), any = true;
            }
        }
        h.swap(next);
    }
    return true;
}

}  // namespace

Result<DemInfo> inspectDem(const std::string& path) {
    std::string error;
    DatasetPtr ds = detail::openDemRaster(path, error);
    if (!ds)
        return demError(path, error);
    DemInfo info;
    info.driver = GDALGetDriverShortName(GDALGetDatasetDriver(ds.get()));
    info.width = GDALGetRasterXSize(ds.get());
    info.height = GDALGetRasterYSize(ds.get());
    info.bands = GDALGetRasterCount(ds.get());
    const char* wkt = GDALGetProjectionRef(ds.get());
    if (wkt && *wkt) {
        auto crs = geo::Crs::fromWkt(wkt);
        if (crs)
            info.crs = crs->shortName();
    }
    if (info.bands > 0) {
        int has = 0;
        const double nd = GDALGetRasterNoDataValue(GDALGetRasterBand(ds.get(), 1), &has);
        if (has)
            info.noData = nd;
    }
    GDALGetGeoTransform(ds.get(), info.geoTransform.data());
    return info;
}

Result<Heightfield> loadDem(const std::string& path, const geo::Crs& working,
                            const DemLoadOptions& options) {
    std::string error;
    DatasetPtr src = detail::openDemRaster(path, error);
    if (!src)
        return demError(path, error);
    const int w = GDALGetRasterXSize(src.get()), h = GDALGetRasterYSize(src.get());
    if (GDALGetRasterCount(src.get()) < 1)
        return demError(path, "the file has no raster band");
    if (w < 2 || h < 2) {
        return demError(path, "raster is " + std::to_string(w) + "x" + std::to_string(h) +
                                  "; a DEM needs at least 2x2 samples");
    }
    if (double(w) * double(h) > options.maxSourcePixels) {
        return demError(path, "raster claims " + std::to_string(w) + "x" + std::to_string(h) +
                                  " pixels, more than the limit of " +
                                  std::to_string(static_cast<long long>(options.maxSourcePixels)) +
                                  "; split it or build a tile pyramid");
    }
    auto srcWkt = sourceCrsWkt(src.get(), path, options.sourceCrs);
    if (!srcWkt)
        return Result<Heightfield>::failure(srcWkt.errors());

    GdalErrorCapture capture;
    auto grid = planGrid(src.get(), srcWkt.value(), working, options, path);
    if (!grid)
        return Result<Heightfield>::failure(grid.errors());
    const TargetGrid& g = grid.value();

    GDALDriverH mem = GDALGetDriverByName("MEM");
    DatasetPtr dst(GDALCreate(mem, "", g.cols, g.rows, 1, GDT_Float32, nullptr));
    if (!dst)
        return demError(path, "out of memory for a " + std::to_string(g.cols) + "x" +
                                  std::to_string(g.rows) + " grid");
    GDALSetGeoTransform(dst.get(), const_cast<double*>(g.geo));
    const std::string dstWkt = working.wkt();
    GDALSetProjection(dst.get(), dstWkt.c_str());
    GDALRasterBandH dstBand = GDALGetRasterBand(dst.get(), 1);
    GDALSetRasterNoDataValue(dstBand, kNoData);

    GDALWarpOptions* wo = GDALCreateWarpOptions();
    wo->hSrcDS = src.get();
    wo->hDstDS = dst.get();
    wo->nBandCount = 1;
    wo->panSrcBands = static_cast<int*>(CPLMalloc(sizeof(int)));
    wo->panDstBands = static_cast<int*>(CPLMalloc(sizeof(int)));
    wo->panSrcBands[0] = wo->panDstBands[0] = 1;
    int hasNoData = 0;
    const double srcNoData = GDALGetRasterNoDataValue(GDALGetRasterBand(src.get(), 1), &hasNoData);
    if (hasNoData) {
        wo->padfSrcNoDataReal = static_cast<double*>(CPLMalloc(sizeof(double)));
        wo->padfSrcNoDataReal[0] = srcNoData;
    }
    wo->padfDstNoDataReal = static_cast<double*>(CPLMalloc(sizeof(double)));
    wo->padfDstNoDataReal[0] = kNoData;
    wo->papszWarpOptions = CSLSetNameValue(wo->papszWarpOptions, "INIT_DEST", "NO_DATA");
    // Bilinear matches what height queries return between grid points.
    wo->eResampleAlg = GRA_Bilinear;
    wo->pTransformerArg = GDALCreateGenImgProjTransformer(src.get(), srcWkt.value().c_str(),
                                                          dst.get(), dstWkt.c_str(), FALSE, 0, 1);
    wo->pfnTransformer = GDALGenImgProjTransform;
    CPLErr err = CE_Failure;
    if (wo->pTransformerArg) {
        GDALWarpOperation op;
        if (op.Initialize(wo) == CE_None)
            err = op.ChunkAndWarpImage(0, 0, g.cols, g.rows);
        GDALDestroyGenImgProjTransformer(wo->pTransformerArg);
    }
    wo->hSrcDS = nullptr;
    wo->hDstDS = nullptr;
    GDALDestroyWarpOptions(wo);
    if (err != CE_None) {
        return demError(path, "cannot read the DEM: " + capture.lastError("warp failed") +
                                  " (is the file truncated?)");
    }

    Heightfield field;
    field.cols = g.cols;
    field.rows = g.rows;
    field.dx = g.geo[1];
    field.dy = -g.geo[5];
    field.x0 = g.geo[0] + 0.5 * field.dx;
    field.y0 = g.geo[3] - (g.rows - 0.5) * field.dy;
    field.heights.resize(size_t(g.cols) * g.rows);
    for (int r = 0; r < g.rows; ++r) {
        // GDAL's row 0 is the north edge; ours is the south edge.
        float* row = field.heights.data() + size_t(g.rows - 1 - r) * g.cols;
        if (GDALRasterIO(dstBand, GF_Read, 0, r, g.cols, 1, row, g.cols, 1, GDT_Float32, 0, 0) !=
            CE_None) {
            return demError(path, "cannot read the warped grid");
        }
    }
    if (!fillHoles(field.heights, field.cols, field.rows)) {
        return demError(path,
                        "every sample is nodata in the area shown; check terrain.extent "
                        "and the DEM's nodata value");
    }
    return field;
}

}  // namespace cunjing::terrain
