#include "PyramidSource.h"

#include "GdalSupport.h"

#include <cunjing/geo/Crs.h>

#include <cpl_string.h>
#include <gdal_alg.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cunjing::terrain::pyramid {

using detail::DatasetPtr;
using detail::GdalErrorCapture;

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
/// The most DEM pixels one window may pull in (1 GiB of floats).
constexpr double kMaxWindowPixels = 256.0 * 1024 * 1024;

Error demError(const std::string& path, const std::string& message) {
    return Error{path, "", message};
}

Result<std::string> sourceWkt(GDALDatasetH ds, const std::string& path, const std::string& demCrs) {
    if (!demCrs.empty()) {
        auto crs = geo::Crs::fromUserString(demCrs);
        if (!crs)
            return demError(path, crs.errors()[0].message);
        return crs->wkt();
    }
    const char* wkt = GDALGetProjectionRef(ds);
    if (!wkt || !*wkt)
        return demError(path, "the DEM has no CRS; name it with --dem-crs (e.g. EPSG:4490)");
    return std::string(wkt);
}

/// The working CRS: the user's, else the DEM's if projected, else its centre's UTM zone.
Result<geo::Crs> workingCrs(GDALDatasetH ds, const geo::Crs& source, const std::string& given,
                            const std::string& path, std::vector<Error>& warnings) {
    if (!given.empty()) {
        auto crs = geo::Crs::fromUserString(given);
        if (!crs)
            return Error{"", "--crs", crs.errors()[0].message};
        if (!crs->isProjected()) {
            return Error{"", "--crs",
                         given +
                             " is not a projected CRS in metres; use one such as EPSG:4547 "
                             "(CGCS2000 / 3-degree Gauss-Kruger CM 114E) or a UTM zone"};
        }
        return crs;
    }
    if (source.isProjected())
        return source;
    double gt[6];
    if (!source.isGeographic() || GDALGetGeoTransform(ds, gt) != CE_None)
        return demError(path, "the DEM's CRS is neither projected nor geographic; pass --crs");
    const double lon = gt[0] + gt[1] * GDALGetRasterXSize(ds) / 2.0;
    const double lat = gt[3] + gt[5] * GDALGetRasterYSize(ds) / 2.0;
    const int zone = std::clamp(int(std::floor((lon + 180.0) / 6.0)) + 1, 1, 60);
    const std::string code = "EPSG:" + std::to_string((lat >= 0 ? 32600 : 32700) + zone);
    warnings.push_back({path, "",
                        "the DEM is in geographic coordinates; building in " + code +
                            " (UTM zone of its centre). Pass --crs to choose, e.g. EPSG:4547 "
                            "for Guangzhou"});
    return geo::Crs::fromUserString(code);
}

}  // namespace

Result<DemPlan> planPyramid(const std::string& dem, const std::string& given,
                            const std::string& demCrs) {
    std::string error;
    DatasetPtr ds = detail::openDemRaster(dem, error);
    if (!ds)
        return demError(dem, error);
    DemPlan plan;
    plan.width = GDALGetRasterXSize(ds.get());
    plan.height = GDALGetRasterYSize(ds.get());
    if (GDALGetRasterCount(ds.get()) < 1)
        return demError(dem, "the file has no raster band");
    if (plan.width < 2 || plan.height < 2) {
        return demError(dem, "raster is " + std::to_string(plan.width) + "x" +
                                 std::to_string(plan.height) +
                                 "; a DEM needs at least 2x2 samples");
    }
    auto srcWkt = sourceWkt(ds.get(), dem, demCrs);
    if (!srcWkt)
        return Result<DemPlan>::failure(srcWkt.errors());
    plan.sourceWkt = srcWkt.value();
    auto source = geo::Crs::fromWkt(plan.sourceWkt);
    if (!source)
        return demError(dem, "the DEM's CRS cannot be read");
    auto working = workingCrs(ds.get(), source.value(), given, dem, plan.warnings);
    if (!working)
        return Result<DemPlan>::failure(working.errors());
    plan.workingWkt = working->wkt();
    plan.workingName = working->shortName();

    double gt[6];
    const bool hasGt = GDALGetGeoTransform(ds.get(), gt) == CE_None;
    if (hasGt && working->sameAs(source.value()) && gt[2] == 0 && gt[4] == 0 && gt[1] > 0 &&
        gt[5] < 0) {
        plan.aligned = true;
        plan.grid = {
            gt[0] + 0.5 * gt[1], gt[3] + (plan.height - 0.5) * gt[5], gt[1], -gt[5], plan.width,
            plan.height};
        return plan;
    }
    GdalErrorCapture capture;
    const std::string dstOption = "DST_SRS=" + plan.workingWkt;
    const std::string srcOption = "SRC_SRS=" + plan.sourceWkt;
    const char* options[] = {srcOption.c_str(), dstOption.c_str(), nullptr};
    void* t = GDALCreateGenImgProjTransformer2(ds.get(), nullptr, const_cast<char**>(options));
    if (!t)
        return demError(dem, "cannot transform the DEM into " + plan.workingName);
    double out[6], extent[4];
    int cols = 0, rows = 0;
    const CPLErr err = GDALSuggestedWarpOutput2(ds.get(), GDALGenImgProjTransform, t, out, &cols,
                                                &rows, extent, 0);
    GDALDestroyGenImgProjTransformer(t);
    if (err != CE_None || cols < 1 || rows < 1) {
        return demError(dem, "the DEM does not map into " + plan.workingName +
                                 "; is its CRS right and does it cover the area?");
    }
    const double res = std::max(out[1], -out[5]);
    const double xmin = extent[0], ymin = extent[1];
    plan.grid = {
        xmin + 0.5 * res,
        ymin + 0.5 * res,
        res,
        res,
        std::max<std::int64_t>(2, std::int64_t(std::ceil((extent[2] - xmin) / res - 1e-6))),
        std::max<std::int64_t>(2, std::int64_t(std::ceil((extent[3] - ymin) / res - 1e-6)))};
    return plan;
}

struct DemWindowReader::Impl {
    std::string path;
    DemPlan plan;
    DatasetPtr ds;
    GDALRasterBandH band = nullptr;
    bool hasNoData = false;
    double noData = 0;
    void* transformer = nullptr;  ///< approximate, working CRS -> DEM pixel/line
    void* exact = nullptr;

    ~Impl() {
        if (transformer)
            GDALDestroyApproxTransformer(transformer);
        if (exact)
            GDALDestroyGenImgProjTransformer(exact);
    }

    bool isVoid(float v) const {
        return !std::isfinite(v) || (hasNoData && double(v) == noData) || v < -1.0e5f || v > 1.0e5f;
    }

    /// Reads DEM pixels into `out` (w x h floats), voids as NaN. flip: south row first.
    Status readPixels(int x, int y, int w, int h, std::vector<float>& out, bool flip = false) {
        if (double(w) * double(h) > kMaxWindowPixels)
            return demError(path, "a window of " + std::to_string(w) + "x" + std::to_string(h) +
                                      " pixels is too large to read; is the CRS right?");
        out.resize(std::size_t(w) * std::size_t(h));
        GdalErrorCapture capture;
        // A negative line step writes the DEM's north-first lines south first.
        float* first = flip ? out.data() + std::size_t(h - 1) * std::size_t(w) : out.data();
        const GSpacing line = GSpacing(flip ? -1 : 1) * GSpacing(w) * GSpacing(sizeof(float));
        if (GDALRasterIOEx(band, GF_Read, x, y, w, h, first, w, h, GDT_Float32, sizeof(float), line,
                           nullptr) != CE_None) {
            return demError(path, "cannot read the DEM at pixel " + std::to_string(x) + "," +
                                      std::to_string(y) + ": " + capture.lastError("read failed") +
                                      " (is the file truncated?)");
        }
        // Each window is read once: keep GDAL's block cache from holding the whole DEM.
        GDALFlushRasterCache(band);
        for (float& v : out) {
            if (isVoid(v))
                v = kNaN;
        }
        return Done{};
    }
};

DemWindowReader::DemWindowReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DemWindowReader::~DemWindowReader() = default;

Result<std::unique_ptr<DemWindowReader>> DemWindowReader::open(const std::string& dem,
                                                               const DemPlan& plan) {
    auto impl = std::make_unique<Impl>();
    impl->path = dem;
    impl->plan = plan;
    std::string error;
    impl->ds = detail::openDemRaster(dem, error);
    if (!impl->ds)
        return demError(dem, error);
    impl->band = GDALGetRasterBand(impl->ds.get(), 1);
    int has = 0;
    impl->noData = GDALGetRasterNoDataValue(impl->band, &has);
    impl->hasNoData = has != 0;
    if (!plan.aligned) {
        GdalErrorCapture capture;
        const std::string dstOption = "DST_SRS=" + plan.workingWkt;
        const std::string srcOption = "SRC_SRS=" + plan.sourceWkt;
        const char* options[] = {srcOption.c_str(), dstOption.c_str(), nullptr};
        impl->exact =
            GDALCreateGenImgProjTransformer2(impl->ds.get(), nullptr, const_cast<char**>(options));
        if (!impl->exact)
            return demError(dem, "cannot transform the DEM into " + plan.workingName);
        // An eighth of a pixel, as gdalwarp: far below the DEM's own accuracy.
        impl->transformer =
            GDALCreateApproxTransformer(GDALGenImgProjTransform, impl->exact, 0.125);
    }
    return std::unique_ptr<DemWindowReader>(new DemWindowReader(std::move(impl)));
}

namespace {

/// Fills each void from the nearest data along eight directions within kFillRadius, weighted
/// by inverse distance; reads only the unfilled values, so the result of one sample does not
/// depend on the order or on the window around it (given kFillRadius of margin).
void fillVoids(SampleWindow& w) {
    if (std::all_of(w.h.begin(), w.h.end(), [](float v) { return v == v; }))
        return;  // the usual case: no voids
    const std::vector<float> raw = w.h;
    // Voids with no data within kFillRadius (Chebyshev) stay voids: find them first with two
    // sliding counts, so a large hole costs one pass, not 8 x kFillRadius reads per sample.
    const std::size_t cols = std::size_t(w.cols), rows = std::size_t(w.rows);
    std::vector<std::uint16_t> rowNear(raw.size()), near(raw.size());
    for (std::size_t r = 0; r < rows; ++r) {
        const float* in = &raw[r * cols];
        int count = 0;
        for (std::size_t c = 0; c < cols + kFillRadius; ++c) {
            if (c < cols && in[c] == in[c])
                ++count;
            if (c >= 2 * std::size_t(kFillRadius) + 1 &&
                in[c - 2 * kFillRadius - 1] == in[c - 2 * kFillRadius - 1])
                --count;
            if (c >= std::size_t(kFillRadius))
                rowNear[r * cols + c - kFillRadius] = std::uint16_t(count);
        }
    }
    // The same down the columns, a row at a time (row-major: cache friendly).
    std::vector<int> count(cols, 0);
    for (std::size_t r = 0; r < rows + kFillRadius; ++r) {
        if (r < rows) {
            for (std::size_t c = 0; c < cols; ++c)
                count[c] += rowNear[r * cols + c] > 0;
        }
        if (r >= 2 * std::size_t(kFillRadius) + 1) {
            const std::size_t gone = r - 2 * kFillRadius - 1;
            for (std::size_t c = 0; c < cols; ++c)
                count[c] -= rowNear[gone * cols + c] > 0;
        }
        if (r >= std::size_t(kFillRadius)) {
            const std::size_t at = r - kFillRadius;
            for (std::size_t c = 0; c < cols; ++c)
                near[at * cols + c] = std::uint16_t(count[c]);
        }
    }
    static const int dirs[8][2] = {{1, 0}, {-1, 0}, {0, 1},  {0, -1},
                                   {1, 1}, {1, -1}, {-1, 1}, {-1, -1}};
    for (int r = 0; r < w.rows; ++r) {
        for (int c = 0; c < w.cols; ++c) {
            if (std::isfinite(raw[std::size_t(r) * w.cols + c]) ||
                !near[std::size_t(r) * cols + std::size_t(c)])
                continue;
            double sum = 0, weights = 0;
            for (const auto& d : dirs) {
                for (int k = 1; k <= kFillRadius; ++k) {
                    const int cc = c + d[0] * k, rr = r + d[1] * k;
                    if (cc < 0 || rr < 0 || cc >= w.cols || rr >= w.rows)
                        break;
                    const float v = raw[std::size_t(rr) * w.cols + cc];
                    if (std::isfinite(v)) {
                        const double wt = 1.0 / (k * ((d[0] && d[1]) ? 1.41421356 : 1.0));
                        sum += wt * v;
                        weights += wt;
                        break;
                    }
                }
            }
            if (weights > 0)
                w.h[std::size_t(r) * w.cols + c] = float(sum / weights);
        }
    }
}

}  // namespace

Result<SampleWindow> DemWindowReader::read(std::int64_t c0, std::int64_t r0, std::int64_t c1,
                                           std::int64_t r1) {
    Impl& d = *impl_;
    SampleWindow w;
    w.c0 = c0;
    w.r0 = r0;
    w.cols = int(c1 - c0 + 1);
    w.rows = int(r1 - r0 + 1);
    if (d.plan.aligned) {
        // Our row 0 is the south edge; the DEM's line 0 is the north edge.
        Status read = d.readPixels(int(c0), int(d.plan.height - 1 - r1), w.cols, w.rows, w.h, true);
        if (!read)
            return Result<SampleWindow>::failure(read.errors());
    } else {
        // Where window samples fall in the DEM (pixel/line, corner convention), one row at a
        // time through GDAL's approximate transformer: first every 8th row for the DEM
        // pixels to read (map projections are smooth between them; 4 pixels of margin),
        // then every row to sample.
        const SampleGrid& g = d.plan.grid;
        std::vector<double> u(std::size_t(w.cols)), v(u.size()), z(u.size());
        std::vector<int> ok(u.size());
        const auto transformRow = [&](int r) {
            for (int c = 0; c < w.cols; ++c) {
                u[std::size_t(c)] = g.x(c0 + c);
                v[std::size_t(c)] = g.y(r0 + r);
                z[std::size_t(c)] = 0;
            }
            GDALApproxTransform(d.transformer, TRUE, w.cols, u.data(), v.data(), z.data(),
                                ok.data());
            for (int c = 0; c < w.cols; ++c) {
                if (!ok[std::size_t(c)] || !std::isfinite(u[std::size_t(c)]) ||
                    !std::isfinite(v[std::size_t(c)]))
                    u[std::size_t(c)] = v[std::size_t(c)] = std::nan("");
            }
        };
        double umin = 1e300, umax = -1e300, vmin = 1e300, vmax = -1e300;
        for (int r = 0;; r = std::min(r + 8, w.rows - 1)) {
            transformRow(r);
            for (int c = 0; c < w.cols; ++c) {
                if (!std::isfinite(u[std::size_t(c)]))
                    continue;
                umin = std::min(umin, u[std::size_t(c)]), umax = std::max(umax, u[std::size_t(c)]);
                vmin = std::min(vmin, v[std::size_t(c)]), vmax = std::max(vmax, v[std::size_t(c)]);
            }
            if (r == w.rows - 1)
                break;
        }
        w.h.assign(std::size_t(w.cols) * std::size_t(w.rows), kNaN);
        const int x0 = std::max(0, int(std::floor(std::max(umin, -8.0) - 4.5)));
        const int y0 = std::max(0, int(std::floor(std::max(vmin, -8.0) - 4.5)));
        const int x1 = std::min(d.plan.width - 1, int(std::ceil(std::min(umax, 1e9) + 4.5)));
        const int y1 = std::min(d.plan.height - 1, int(std::ceil(std::min(vmax, 1e9) + 4.5)));
        if (umin <= umax && x0 <= x1 && y0 <= y1) {
            const int pw = x1 - x0 + 1, ph = y1 - y0 + 1;
            std::vector<float> px;
            Status read = d.readPixels(x0, y0, pw, ph, px);
            if (!read)
                return Result<SampleWindow>::failure(read.errors());
            const auto pixel = [&](int x, int y) {
                return x < x0 || y < y0 || x > x1 || y > y1
                           ? kNaN
                           : px[std::size_t(y - y0) * std::size_t(pw) + std::size_t(x - x0)];
            };
            for (int r = 0; r < w.rows; ++r) {
                transformRow(r);
                float* out = &w.h[std::size_t(r) * std::size_t(w.cols)];
                for (int c = 0; c < w.cols; ++c) {
                    if (!std::isfinite(u[std::size_t(c)]))
                        continue;
                    const double fu = u[std::size_t(c)] - 0.5, fv = v[std::size_t(c)] - 0.5;
                    const int i0 = int(std::floor(fu)), j0 = int(std::floor(fv));
                    const double tu = fu - i0, tv = fv - j0;
                    float p[4];
                    if (i0 >= x0 && j0 >= y0 && i0 + 1 <= x1 && j0 + 1 <= y1) {
                        const float* q =
                            &px[std::size_t(j0 - y0) * std::size_t(pw) + std::size_t(i0 - x0)];
                        p[0] = q[0], p[1] = q[1], p[2] = q[pw], p[3] = q[pw + 1];
                    } else {
                        p[0] = pixel(i0, j0), p[1] = pixel(i0 + 1, j0);
                        p[2] = pixel(i0, j0 + 1), p[3] = pixel(i0 + 1, j0 + 1);
                    }
                    if (p[0] == p[0] && p[1] == p[1] && p[2] == p[2] && p[3] == p[3]) {
                        // All four have data (nearly always): plain bilinear.
                        const double south = p[0] + tu * (p[1] - p[0]);
                        const double north = p[2] + tu * (p[3] - p[2]);
                        out[c] = float(south + tv * (north - south));
                        continue;
                    }
                    const double wt[4] = {(1 - tu) * (1 - tv), tu * (1 - tv), (1 - tu) * tv,
                                          tu * tv};
                    double sum = 0, weight = 0;
                    for (int k = 0; k < 4; ++k) {
                        if (p[k] == p[k])
                            sum += wt[k] * p[k], weight += wt[k];
                    }
                    // Half the bilinear weight must be data, so voids keep their outline.
                    if (weight >= 0.5)
                        out[c] = float(sum / weight);
                }
            }
        }
    }
    fillVoids(w);
    return w;
}

}  // namespace cunjing::terrain::pyramid
