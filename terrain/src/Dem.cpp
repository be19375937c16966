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

/// Marks target samples the warp could not fill; no real height is this low.
constexpr float kNoData = -99999.0f;
/// A window copied into memory (longitude wrap) may hold at most this many samples.
constexpr double kMaxWindowPixels = 64.0e6;
/// Past this many pixels `terrain info` estimates the lowest and highest heights.
constexpr double kExactStatisticsPixels = 100.0e6;

Error demError(const std::string& path, const std::string& message) {
    return Error{path, "", message};
}

/// Corners and edge points of a box, for transforming areas rather than single points.
void sampleBoxEdges(const std::array<double, 4>& box, std::vector<double>& xs,
                    std::vector<double>& ys) {
    const int n = 20;
    for (int i = 0; i <= n; ++i) {
        const double t = double(i) / n;
        const double x = box[0] + t * (box[2] - box[0]), y = box[1] + t * (box[3] - box[1]);
        xs.insert(xs.end(), {x, x, box[0], box[2]});
        ys.insert(ys.end(), {box[1], box[3], y, y});
    }
}

/// The bounding box of `box` (in `from`) in `to`, from points along its edges; nullopt when
/// no point transforms.
std::optional<std::array<double, 4>> transformBox(const std::array<double, 4>& box,
                                                  const geo::Crs& from, const geo::Crs& to) {
    auto t = geo::Transform::create(from, to);
    if (!t)
        return std::nullopt;
    std::vector<double> xs, ys;
    sampleBoxEdges(box, xs, ys);
    std::array<double, 4> out{1e300, 1e300, -1e300, -1e300};
    bool any = false;
    for (size_t i = 0; i < xs.size(); ++i) {
        double x = xs[i], y = ys[i];
        if (!t->apply(x, y))
            continue;
        out = {std::min(out[0], x), std::min(out[1], y), std::max(out[2], x), std::max(out[3], y)};
        any = true;
    }
    return any ? std::optional(out) : std::nullopt;
}

std::array<double, 4> pixelExtent(const std::array<double, 6>& gt, int w, int h) {
    const double xa = gt[0], xb = gt[0] + w * gt[1], ya = gt[3], yb = gt[3] + h * gt[5];
    return {std::min(xa, xb), std::min(ya, yb), std::max(xa, xb), std::max(ya, yb)};
}

/// What the warp reads: the file itself, or a window of it copied into memory.
struct WarpSource {
    DatasetPtr owned;
    GDALDatasetH ds = nullptr;
    std::optional<double> noData;  ///< raw nodata of `ds`
};

/// Copies the rows and columns of a geographic raster that cover lonLat into memory, wrapping
/// columns across the raster's seam when it covers all longitudes: ETOPO20 runs 20..380E, so
/// 6E (Luxembourg) is its column for 366E. The copy's geotransform uses plain longitudes.
Result<WarpSource> wrappedWindow(GDALDatasetH src, const std::array<double, 6>& gt,
                                 const std::array<double, 4>& lonLat,
                                 const std::optional<double>& noData, const std::string& wkt,
                                 const std::string& path) {
    const int w = GDALGetRasterXSize(src), h = GDALGetRasterYSize(src);
    const double dx = gt[1], dy = gt[5];
    const long long c0 = (long long)std::floor((lonLat[0] - gt[0]) / dx) - 2;
    const long long c1 = (long long)std::ceil((lonLat[2] - gt[0]) / dx) + 2;
    const double rowA = (lonLat[3] - gt[3]) / dy, rowB = (lonLat[1] - gt[3]) / dy;
    const long long r0 = std::max(0LL, (long long)std::floor(std::min(rowA, rowB)) - 2);
    const long long r1 = std::min((long long)h - 1, (long long)std::ceil(std::max(rowA, rowB)) + 2);
    if (r0 > r1 || c0 > c1)
        return demError(path, "terrain.extent does not overlap the DEM");
    const long long nw = c1 - c0 + 1, nh = r1 - r0 + 1;
    if (double(nw) * double(nh) > kMaxWindowPixels) {
        return demError(path, "terrain.extent covers " + std::to_string(nw) + "x" +
                                  std::to_string(nh) +
                                  " samples of this DEM, too many to load at once; crop "
                                  "smaller or build a tile pyramid");
    }
    const bool wraps = detail::coversAllLongitudes(gt, w);
    const long long period = std::llround(360.0 / std::abs(dx));
    const float fill = noData ? float(*noData) : kNoData;
    // Source column of each window column, or -1 where the raster has nothing.
    std::vector<long long> sourceCol(size_t(nw), -1);
    for (long long j = 0; j < nw; ++j) {
        long long s = c0 + j;
        if (wraps)
            s = ((s % period) + period) % period;
        sourceCol[size_t(j)] = (s >= 0 && s < w) ? s : -1;
    }
    GDALDriverH mem = GDALGetDriverByName("MEM");
    WarpSource out;
    out.owned.reset(GDALCreate(mem, "", int(nw), int(nh), 1, GDT_Float32, nullptr));
    if (!out.owned)
        return demError(path, "out of memory for the DEM window");
    GDALRasterBandH dstBand = GDALGetRasterBand(out.owned.get(), 1);
    GDALRasterBandH srcBand = GDALGetRasterBand(src, 1);
    GDALFillRaster(dstBand, fill, 0);
    GDALSetRasterNoDataValue(dstBand, fill);
    std::vector<float> buffer;
    for (long long j = 0; j < nw;) {
        if (sourceCol[size_t(j)] < 0) {
            ++j;
            continue;
        }
        long long run = 1;  // columns that follow each other in the source too
        while (j + run < nw && sourceCol[size_t(j + run)] == sourceCol[size_t(j)] + run)
            ++run;
        buffer.resize(size_t(run * nh));
        if (GDALRasterIO(srcBand, GF_Read, int(sourceCol[size_t(j)]), int(r0), int(run), int(nh),
                         buffer.data(), int(run), int(nh), GDT_Float32, 0, 0) != CE_None ||
            GDALRasterIO(dstBand, GF_Write, int(j), 0, int(run), int(nh), buffer.data(), int(run),
                         int(nh), GDT_Float32, 0, 0) != CE_None) {
            return demError(path, "cannot read the DEM (is the file truncated?)");
        }
        j += run;
    }
    double geo[6] = {gt[0] + double(c0) * dx, dx, 0, gt[3] + double(r0) * dy, 0, dy};
    GDALSetGeoTransform(out.owned.get(), geo);
    GDALSetProjection(out.owned.get(), wkt.c_str());
    out.ds = out.owned.get();
    out.noData = fill;
    return out;
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
        // Snapped to the DEM's own grid, so a crop in the DEM's CRS keeps its samples.
        const double sx = std::floor((std::max(xmin, e[0]) - xmin) / res + 1e-6) * res;
        const double sy = std::floor((ymax - std::min(ymax, e[3])) / res + 1e-6) * res;
        const double cropXmin = xmin + sx, cropYmax = ymax - sy;
        xmax = std::min(xmax, e[2]);
        ymin = std::max(ymin, e[1]);
        xmin = cropXmin;
        ymax = cropYmax;
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

/// Warps band 1 of `src` onto the grid; samples with no source stay kNoData.
Status warpInto(const WarpSource& src, const std::string& srcWkt, GDALDatasetH dst,
                const std::string& dstWkt, const TargetGrid& g, const std::string& path) {
    GdalErrorCapture capture;
    GDALWarpOptions* wo = GDALCreateWarpOptions();
    wo->hSrcDS = src.ds;
    wo->hDstDS = dst;
    wo->nBandCount = 1;
    wo->panSrcBands = static_cast<int*>(CPLMalloc(sizeof(int)));
    wo->panDstBands = static_cast<int*>(CPLMalloc(sizeof(int)));
    wo->panSrcBands[0] = wo->panDstBands[0] = 1;
    if (src.noData) {
        wo->padfSrcNoDataReal = static_cast<double*>(CPLMalloc(sizeof(double)));
        wo->padfSrcNoDataReal[0] = *src.noData;
    }
    wo->padfDstNoDataReal = static_cast<double*>(CPLMalloc(sizeof(double)));
    wo->padfDstNoDataReal[0] = kNoData;
    wo->papszWarpOptions = CSLSetNameValue(wo->papszWarpOptions, "INIT_DEST", "NO_DATA");
    // Bilinear matches what height queries return between grid points.
    wo->eResampleAlg = GRA_Bilinear;
    wo->pTransformerArg =
        GDALCreateGenImgProjTransformer(src.ds, srcWkt.c_str(), dst, dstWkt.c_str(), FALSE, 0, 1);
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
    return Done{};
}

/// One level coarser: each sample the mean of the valid ones of its 2x2 children.
struct Level {
    int cols = 0, rows = 0;
    std::vector<float> value;
    std::vector<float> weight;  ///< 1 valid, 0 hole, between for partly known coarse samples
};

Level coarser(const Level& fine) {
    Level out;
    out.cols = (fine.cols + 1) / 2;
    out.rows = (fine.rows + 1) / 2;
    out.value.assign(size_t(out.cols) * out.rows, 0.0f);
    out.weight.assign(out.value.size(), 0.0f);
    for (int r = 0; r < out.rows; ++r) {
        for (int c = 0; c < out.cols; ++c) {
            double sum = 0, wsum = 0;
            for (int k = 0; k < 4; ++k) {
                const int fc = 2 * c + (k & 1), fr = 2 * r + (k >> 1);
                if (fc >= fine.cols || fr >= fine.rows)
                    continue;
                const size_t i = size_t(fr) * fine.cols + fc;
                sum += double(fine.value[i]) * fine.weight[i];
                wsum += fine.weight[i];
            }
            const size_t o = size_t(r) * out.cols + c;
            out.value[o] = wsum > 0 ? float(sum / wsum) : 0.0f;
            out.weight[o] = float(std::min(1.0, wsum));
        }
    }
    return out;
}

/// Bilinear read of a coarse level at the position of fine sample (c, r).
float upsampled(const Level& coarse, int c, int r) {
    const double fx = std::clamp((c + 0.5) / 2.0 - 0.5, 0.0, double(coarse.cols - 1));
    const double fy = std::clamp((r + 0.5) / 2.0 - 0.5, 0.0, double(coarse.rows - 1));
    const int c0 = int(fx), r0 = int(fy);
    const int c1 = std::min(c0 + 1, coarse.cols - 1), r1 = std::min(r0 + 1, coarse.rows - 1);
    const double tx = fx - c0, ty = fy - r0;
    auto v = [&](int cc, int rr) { return double(coarse.value[size_t(rr) * coarse.cols + cc]); };
    return float((v(c0, r0) * (1 - tx) + v(c1, r0) * tx) * (1 - ty) +
                 (v(c0, r1) * (1 - tx) + v(c1, r1) * tx) * ty);
}

std::string sizeText(int w, int h) {
    return std::to_string(w) + "x" + std::to_string(h);
}

}  // namespace

bool fillHoles(std::vector<float>& heights, int cols, int rows) {
    if (cols < 1 || rows < 1 || heights.size() != size_t(cols) * rows)
        return false;
    std::vector<Level> levels(1);
    levels[0].cols = cols;
    levels[0].rows = rows;
    levels[0].value = heights;
    levels[0].weight.resize(heights.size());
    bool anyHole = false, anyValid = false;
    for (size_t i = 0; i < heights.size(); ++i) {
        const bool valid = std::isfinite(heights[i]);
        levels[0].weight[i] = valid ? 1.0f : 0.0f;
        levels[0].value[i] = valid ? heights[i] : 0.0f;
        anyHole = anyHole || !valid;
        anyValid = anyValid || valid;
    }
    if (!anyValid)
        return false;
    if (!anyHole)
        return true;
    // Pull: averages of what is known, over coarser and coarser grids.
    while (levels.back().cols > 1 || levels.back().rows > 1)
        levels.push_back(coarser(levels.back()));
    // Push: fill each level's unknown part from the (already filled) level above it.
    for (size_t l = levels.size() - 1; l-- > 0;) {
        Level& fine = levels[l];
        const Level& coarse = levels[l + 1];
        for (int r = 0; r < fine.rows; ++r) {
            for (int c = 0; c < fine.cols; ++c) {
                const size_t i = size_t(r) * fine.cols + c;
                const float w = fine.weight[i];
                if (w >= 1.0f)
                    continue;
                fine.value[i] = w * fine.value[i] + (1.0f - w) * upsampled(coarse, c, r);
            }
        }
    }
    for (size_t i = 0; i < heights.size(); ++i) {
        if (!std::isfinite(heights[i]))
            heights[i] = levels[0].value[i];
    }
    return true;
}

CrsSuggestion suggestWorkingCrs(double lon, double lat) {
    lon = std::remainder(lon, 360.0);  // -180..180
    const int zone = geo::gaussKrugerZone3(lon);
    if (zone >= 25 && zone <= 45 && lat >= 0 && lat <= 56) {
        return {"EPSG:" + std::to_string(4509 + zone),
                "CGCS2000 / 3-degree Gauss-Kruger CM " + std::to_string(3 * zone) + "E"};
    }
    const int utm = std::clamp(int(std::floor((lon + 180.0) / 6.0)) + 1, 1, 60);
    const bool north = lat >= 0;
    return {"EPSG:" + std::to_string((north ? 32600 : 32700) + utm),
            "WGS 84 / UTM zone " + std::to_string(utm) + (north ? "N" : "S")};
}

namespace {

void describeCrs(GDALDatasetH ds, const std::string& path, const DemInspectOptions& options,
                 DemInfo& info) {
    auto crs = detail::resolveDemCrs(ds, path, options.sourceCrs);
    if (!crs) {
        info.crsOrigin = "none";
        info.notes.push_back(crs.errors()[0].message);
        return;
    }
    auto parsed = geo::Crs::fromWkt(crs->wkt);
    if (!parsed)
        return;
    info.crs = parsed->shortName();
    info.crsName = parsed->name();
    info.geographic = crs->geographic;
    info.crsOrigin = crs->origin == detail::CrsOrigin::File       ? "file"
                     : crs->origin == detail::CrsOrigin::Override ? "given"
                                                                  : "inferred";
    if (crs->origin == detail::CrsOrigin::InferredLonLat) {
        info.notes.push_back(
            "the file names no CRS but its axes are longitude/latitude in degrees; taken as "
            "WGS 84 (EPSG:4326)");
    }
    if (crs->geographic) {
        info.lonLatExtent = info.extent;
    } else if (auto wgs84 = geo::Crs::fromUserString("EPSG:4326")) {
        info.lonLatExtent = transformBox(info.extent, parsed.value(), wgs84.value());
    }
    if (!info.lonLatExtent)
        return;
    const auto& ll = *info.lonLatExtent;
    if (ll[2] > 180.0 + 1e-6)
        info.notes.push_back("longitudes run past 180 (0..360 style); they wrap when loading");
    // A zone suits an area a few degrees wide; for a continent or the globe none does.
    if (ll[2] - ll[0] <= 60.0)
        info.suggestedCrs = suggestWorkingCrs(0.5 * (ll[0] + ll[2]), 0.5 * (ll[1] + ll[3]));
    if (ll[2] - ll[0] > 12.0) {
        info.notes.push_back(
            "the DEM spans " + std::to_string(int(std::round(ll[2] - ll[0]))) +
            " degrees of longitude; one Gauss-Kruger or UTM zone covers about 3-6: "
            "crop the area you show with terrain.extent and use its zone");
    }
}

void computeStatistics(GDALDatasetH ds, const std::string& path, const DemInspectOptions& options,
                       DemInfo& info) {
    auto size = detail::checkRasterSize(ds, path, options.maxSourcePixels, 1);
    if (!size) {
        info.notes.push_back("heights not read: " + size.errors()[0].message);
        return;
    }
    GDALRasterBandH band = GDALGetRasterBand(ds, 1);
    info.statisticsApproximate = double(info.width) * info.height > kExactStatisticsPixels;
    double minmax[2] = {0, 0};
    GdalErrorCapture capture;
    if (GDALComputeRasterMinMax(band, info.statisticsApproximate ? TRUE : FALSE, minmax) !=
            CE_None ||
        !std::isfinite(minmax[0]) || !std::isfinite(minmax[1]) ||
        detail::isNoData(minmax[0], info.noData)) {
        info.notes.push_back("no height could be read: " +
                             capture.lastError("every sample is nodata"));
        return;
    }
    const double a = minmax[0] * info.scale + info.offset, b = minmax[1] * info.scale + info.offset;
    info.minHeight = std::min(a, b);
    info.maxHeight = std::max(a, b);
}

}  // namespace

Result<DemInfo> inspectDem(const std::string& path, const DemInspectOptions& options) {
    std::string error;
    DatasetPtr ds = detail::openDemRaster(path, error);
    if (!ds)
        return demError(path, error);
    DemInfo info;
    GDALDriverH driver = GDALGetDatasetDriver(ds.get());
    info.driver = GDALGetDriverShortName(driver);
    info.driverName = GDALGetDriverLongName(driver);
    info.width = GDALGetRasterXSize(ds.get());
    info.height = GDALGetRasterYSize(ds.get());
    info.bands = GDALGetRasterCount(ds.get());
    if (info.bands < 1)
        return demError(path, "the file has no raster band");
    GDALRasterBandH band = GDALGetRasterBand(ds.get(), 1);
    info.noData = detail::bandNoData(band);
    info.dataType = detail::dataTypeName(band);
    const auto scaling = detail::bandScaling(band);
    info.scale = scaling.scale;
    info.offset = scaling.offset;
    if (const char* unit = GDALGetRasterUnitType(band); unit && *unit)
        info.unit = unit;
    auto gt = detail::northUpGeoTransform(ds.get(), path);
    if (gt) {
        info.geoTransform = gt.value();
        info.extent = pixelExtent(gt.value(), info.width, info.height);
        info.resolutionX = std::abs(gt.value()[1]);
        info.resolutionY = std::abs(gt.value()[5]);
    } else {
        GDALGetGeoTransform(ds.get(), info.geoTransform.data());
        info.notes.push_back(gt.errors()[0].message);
    }
    describeCrs(ds.get(), path, options, info);
    if (options.statistics)
        computeStatistics(ds.get(), path, options, info);
    return info;
}

Result<Heightfield> loadDem(const std::string& path, const geo::Crs& working,
                            const DemLoadOptions& options) {
    std::string error;
    DatasetPtr src = detail::openDemRaster(path, error);
    if (!src)
        return demError(path, error);
    if (auto size = detail::checkRasterSize(src.get(), path, options.maxSourcePixels); !size)
        return Result<Heightfield>::failure(size.errors());
    auto gt = detail::northUpGeoTransform(src.get(), path);
    if (!gt)
        return Result<Heightfield>::failure(gt.errors());
    auto demCrs = detail::resolveDemCrs(src.get(), path, options.sourceCrs);
    if (!demCrs)
        return Result<Heightfield>::failure(demCrs.errors());
    const std::string& srcWkt = demCrs->wkt;
    GDALRasterBandH srcBand = GDALGetRasterBand(src.get(), 1);
    const detail::BandScaling scaling = detail::bandScaling(srcBand);

    GdalErrorCapture capture;
    WarpSource source;
    source.ds = src.get();
    source.noData = detail::bandNoData(srcBand);
    // A geographic DEM that is wide (a global relief) or uses longitudes past 180 is cut to the
    // extent first: Transverse Mercator of the whole globe is meaningless, and GDAL's warper
    // does not wrap longitudes.
    const auto srcBox =
        pixelExtent(gt.value(), GDALGetRasterXSize(src.get()), GDALGetRasterYSize(src.get()));
    if (demCrs->geographic && options.extent) {
        auto srcCrs = geo::Crs::fromWkt(srcWkt);
        auto box = srcCrs ? transformBox(*options.extent, working, srcCrs.value()) : std::nullopt;
        if (!box)
            return demError(path, "terrain.extent cannot be transformed into the DEM's CRS");
        const bool inside = (*box)[0] >= srcBox[0] && (*box)[2] <= srcBox[2];
        if (!inside || srcBox[2] - srcBox[0] > 90.0) {
            auto window = wrappedWindow(src.get(), gt.value(), *box, source.noData, srcWkt, path);
            if (!window)
                return Result<Heightfield>::failure(window.errors());
            source = std::move(window.value());
        }
    }
    auto grid = planGrid(source.ds, srcWkt, working, options, path);
    if (!grid)
        return Result<Heightfield>::failure(grid.errors());
    const TargetGrid& g = grid.value();

    GDALDriverH mem = GDALGetDriverByName("MEM");
    DatasetPtr dst(GDALCreate(mem, "", g.cols, g.rows, 1, GDT_Float32, nullptr));
    if (!dst)
        return demError(path, "out of memory for a " + sizeText(g.cols, g.rows) + " grid");
    GDALSetGeoTransform(dst.get(), const_cast<double*>(g.geo));
    const std::string dstWkt = working.wkt();
    GDALSetProjection(dst.get(), dstWkt.c_str());
    GDALRasterBandH dstBand = GDALGetRasterBand(dst.get(), 1);
    GDALSetRasterNoDataValue(dstBand, kNoData);
    if (auto warped = warpInto(source, srcWkt, dst.get(), dstWkt, g, path); !warped)
        return Result<Heightfield>::failure(warped.errors());

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
    for (float& h : field.heights) {
        h = (h == kNoData || !std::isfinite(h)) ? std::numeric_limits<float>::quiet_NaN()
                                                : float(scaling.apply(h));
    }
    if (!fillHoles(field.heights, field.cols, field.rows)) {
        return demError(path,
                        "every sample is nodata in the area shown; check terrain.extent "
                        "and the DEM's nodata value");
    }
    return field;
}

}  // namespace cunjing::terrain
