#include <cunjing/terrain/Imagery.h>

#include "GdalSupport.h"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal_alg.h>
#include <gdal_utils.h>
#include <gdalwarper.h>

#include <algorithm>
#include <cmath>

namespace cunjing::terrain {

using detail::DatasetPtr;
using detail::GdalErrorCapture;

namespace {

Error imageError(const std::string& path, const std::string& message) {
    return Error{path, "", message};
}

/// Which source bands make red, green, blue (the same band three times for grey) and alpha.
struct BandPlan {
    std::array<int, 3> colour{1, 1, 1};
    int alpha = 0;  ///< 0: none
};

BandPlan planBands(GDALDatasetH ds) {
    BandPlan plan;
    const int n = GDALGetRasterCount(ds);
    int red = 0, green = 0, blue = 0, gray = 0;
    for (int b = 1; b <= n; ++b) {
        switch (GDALGetRasterColorInterpretation(GDALGetRasterBand(ds, b))) {
            case GCI_RedBand:
                red = red ? red : b;
                break;
            case GCI_GreenBand:
                green = green ? green : b;
                break;
            case GCI_BlueBand:
                blue = blue ? blue : b;
                break;
            case GCI_AlphaBand:
                plan.alpha = plan.alpha ? plan.alpha : b;
                break;
            case GCI_GrayIndex:
                gray = gray ? gray : b;
                break;
            default:
                break;
        }
    }
    if (red && green && blue) {
        plan.colour = {red, green, blue};
    } else if (n >= 3) {
        plan.colour = {1, 2, 3};  // undeclared colour bands: take the first three as RGB
        if (n >= 4 && !plan.alpha && n == 4)
            plan.alpha = 4;
    } else {
        const int g = gray ? gray : 1;
        plan.colour = {g, g, g};
        if (n == 2 && !plan.alpha)
            plan.alpha = g == 1 ? 2 : 1;
    }
    return plan;
}

/// The image's CRS: the given one, else the file's; an image that cannot be placed is an error.
Result<std::string> imageCrsWkt(GDALDatasetH ds, const std::string& path,
                                const std::string& overrideCrs) {
    auto crs = detail::resolveDemCrs(ds, path, overrideCrs);
    if (crs)
        return crs->wkt;
    const std::string& message = crs.errors()[0].message;
    if (message.find("has no CRS") != std::string::npos) {
        return imageError(path,
                          "the image has no CRS; give it one (a .prj or .aux.xml beside it, or "
                          "gdal_translate -a_srs) or write it as GeoTIFF");
    }
    return crs.errors()[0];
}

/// About the source's own pixel size, in working-CRS metres, at the middle of the extent.
std::optional<double> nativeResolution(const geo::Crs& src, const geo::Crs& working,
                                       const std::array<double, 6>& gt,
                                       const std::array<double, 4>& extent) {
    auto toSrc = geo::Transform::create(working, src);
    auto toWorking = geo::Transform::create(src, working);
    if (!toSrc || !toWorking)
        return std::nullopt;
    double cx = 0.5 * (extent[0] + extent[2]), cy = 0.5 * (extent[1] + extent[3]);
    if (!toSrc->apply(cx, cy))
        return std::nullopt;
    double xs[3] = {cx, cx + gt[1], cx}, ys[3] = {cy, cy, cy + gt[5]};
    if (!toWorking->apply(xs, ys, 3))
        return std::nullopt;
    const double ex = std::hypot(xs[1] - xs[0], ys[1] - ys[0]);
    const double ey = std::hypot(xs[2] - xs[0], ys[2] - ys[0]);
    const double res = std::min(ex, ey);
    return res > 0 && std::isfinite(res) ? std::optional(res) : std::nullopt;
}

/// Paletted images become RGBA through an in-memory VRT of our own making (it refers to the
/// dataset already opened, never to a file named inside untrusted input).
DatasetPtr expandPalette(GDALDatasetH ds) {
    const char* args[] = {"-of", "VRT", "-expand", "rgba", nullptr};
    GDALTranslateOptions* options = GDALTranslateOptionsNew(const_cast<char**>(args), nullptr);
    DatasetPtr out(GDALTranslate("", ds, options, nullptr));
    GDALTranslateOptionsFree(options);
    return out;
}

/// Linear stretch of a band to 0..255: identity for bytes, the band's range otherwise.
std::array<double, 2> stretchOf(GDALRasterBandH band) {
    if (GDALGetRasterDataType(band) == GDT_Byte)
        return {0.0, 1.0};
    double minmax[2] = {0, 255};
    GdalErrorCapture quiet;
    if (GDALComputeRasterMinMax(band, TRUE, minmax) != CE_None || !(minmax[1] > minmax[0]))
        return {0.0, 1.0};
    return {minmax[0], 255.0 / (minmax[1] - minmax[0])};
}

struct Grid {
    int width = 0, height = 0;
    double geo[6]{};
};

Grid planImageGrid(const std::array<double, 4>& extent, std::optional<double> nativeRes,
                   const ImageryOptions& options) {
    const double w = extent[2] - extent[0], h = extent[3] - extent[1];
    const double longest = std::max(w, h);
    double res = nativeRes.value_or(longest / options.maxSize);
    res = std::clamp(res, longest / std::max(1, options.maxSize),
                     longest / std::max(1, std::min(options.minSize, options.maxSize)));
    Grid g;
    g.width = std::clamp(int(std::lround(w / res)), 1, options.maxSize);
    g.height = std::clamp(int(std::lround(h / res)), 1, options.maxSize);
    // Pixel edges exactly on the extent (the texture spans the terrain from edge to edge).
    const double geo[6] = {extent[0], w / g.width, 0, extent[3], 0, -h / g.height};
    std::copy(geo, geo + 6, g.geo);
    return g;
}

Status warpImage(GDALDatasetH src, const std::string& srcWkt, const BandPlan& plan,
                 GDALDatasetH dst, const std::string& dstWkt, const Grid& g, bool downsampling,
                 const std::string& path) {
    GdalErrorCapture capture;
    GDALWarpOptions* wo = GDALCreateWarpOptions();
    wo->hSrcDS = src;
    wo->hDstDS = dst;
    wo->nBandCount = 3;
    wo->panSrcBands = static_cast<int*>(CPLMalloc(3 * sizeof(int)));
    wo->panDstBands = static_cast<int*>(CPLMalloc(3 * sizeof(int)));
    bool anyNoData = false;
    wo->padfSrcNoDataReal = static_cast<double*>(CPLMalloc(3 * sizeof(double)));
    for (int i = 0; i < 3; ++i) {
        wo->panSrcBands[i] = plan.colour[size_t(i)];
        wo->panDstBands[i] = i + 1;
        const auto nd = detail::bandNoData(GDALGetRasterBand(src, plan.colour[size_t(i)]));
        wo->padfSrcNoDataReal[i] = nd.value_or(-1e300);
        anyNoData = anyNoData || nd.has_value();
    }
    if (!anyNoData) {
        CPLFree(wo->padfSrcNoDataReal);
        wo->padfSrcNoDataReal = nullptr;
    }
    wo->nSrcAlphaBand = plan.alpha;
    wo->nDstAlphaBand = 4;
    wo->papszWarpOptions = CSLSetNameValue(wo->papszWarpOptions, "INIT_DEST", "0");
    // A pixel is missing only when every band holds the nodata value: (255, 0, 0) is red.
    wo->papszWarpOptions = CSLSetNameValue(wo->papszWarpOptions, "UNIFIED_SRC_NODATA", "YES");
    wo->eResampleAlg = downsampling ? GRA_Average : GRA_Bilinear;
    wo->pTransformerArg =
        GDALCreateGenImgProjTransformer(src, srcWkt.c_str(), dst, dstWkt.c_str(), FALSE, 0, 1);
    wo->pfnTransformer = GDALGenImgProjTransform;
    CPLErr err = CE_Failure;
    if (wo->pTransformerArg) {
        GDALWarpOperation op;
        if (op.Initialize(wo) == CE_None)
            err = op.ChunkAndWarpImage(0, 0, g.width, g.height);
        GDALDestroyGenImgProjTransformer(wo->pTransformerArg);
    }
    wo->hSrcDS = nullptr;
    wo->hDstDS = nullptr;
    GDALDestroyWarpOptions(wo);
    if (err != CE_None) {
        return imageError(path, "cannot read the image: " + capture.lastError("warp failed") +
                                    " (is the file truncated?)");
    }
    return Done{};
}

}  // namespace

Result<Imagery> loadImagery(const std::string& path, const geo::Crs& working,
                            const std::array<double, 4>& extent, const ImageryOptions& options) {
    if (!(extent[2] > extent[0] && extent[3] > extent[1]))
        return imageError(path, "the terrain's extent is empty; nothing to drape the image on");
    std::string error;
    DatasetPtr opened = detail::openImageryRaster(path, error);
    if (!opened)
        return imageError(path, error);
    if (auto size = detail::checkRasterSize(opened.get(), path, options.maxSourcePixels, 1); !size)
        return Result<Imagery>::failure(size.errors());
    auto gt = detail::northUpGeoTransform(opened.get(), path);
    if (!gt)
        return Result<Imagery>::failure(gt.errors());
    auto srcWkt = imageCrsWkt(opened.get(), path, options.sourceCrs);
    if (!srcWkt)
        return Result<Imagery>::failure(srcWkt.errors());
    auto srcCrs = geo::Crs::fromWkt(srcWkt.value());
    if (!srcCrs)
        return imageError(path, "its CRS cannot be read");

    GDALDatasetH src = opened.get();
    DatasetPtr expanded;
    GDALRasterBandH first = GDALGetRasterBand(src, 1);
    if (GDALGetRasterCount(src) == 1 && GDALGetRasterColorTable(first)) {
        GdalErrorCapture capture;
        expanded = expandPalette(src);
        if (!expanded)
            return imageError(path, "cannot expand its palette: " + capture.lastError("?"));
        src = expanded.get();
    }
    const BandPlan plan = planBands(src);

    const auto nativeRes = nativeResolution(srcCrs.value(), working, gt.value(), extent);
    const Grid g = planImageGrid(extent, nativeRes, options);
    GDALDriverH mem = GDALGetDriverByName("MEM");
    DatasetPtr dst(GDALCreate(mem, "", g.width, g.height, 4, GDT_Float32, nullptr));
    if (!dst)
        return imageError(path, "out of memory for a " + std::to_string(g.width) + "x" +
                                    std::to_string(g.height) + " image");
    GDALSetGeoTransform(dst.get(), const_cast<double*>(g.geo));
    const std::string dstWkt = working.wkt();
    GDALSetProjection(dst.get(), dstWkt.c_str());
    const bool downsampling = nativeRes && *nativeRes < 0.5 * g.geo[1];
    if (auto warped =
            warpImage(src, srcWkt.value(), plan, dst.get(), dstWkt, g, downsampling, path);
        !warped) {
        return Result<Imagery>::failure(warped.errors());
    }

    Imagery out;
    out.width = g.width;
    out.height = g.height;
    out.extent = extent;
    out.rgba.assign(size_t(g.width) * g.height * 4, 0);
    std::vector<float> row(size_t(g.width));
    size_t transparent = 0;
    for (int b = 0; b < 4; ++b) {
        const auto stretch = b < 3 ? stretchOf(GDALGetRasterBand(src, plan.colour[size_t(b)]))
                                   : std::array{0.0, 1.0};
        GDALRasterBandH band = GDALGetRasterBand(dst.get(), b + 1);
        for (int r = 0; r < g.height; ++r) {
            if (GDALRasterIO(band, GF_Read, 0, r, g.width, 1, row.data(), g.width, 1, GDT_Float32,
                             0, 0) != CE_None) {
                return imageError(path, "cannot read the warped image");
            }
            // GDAL's row 0 is the northern edge; ours is the southern edge.
            std::uint8_t* outRow = out.rgba.data() + size_t(g.height - 1 - r) * g.width * 4;
            for (int c = 0; c < g.width; ++c) {
                const double v = (row[size_t(c)] - stretch[0]) * stretch[1];
                outRow[size_t(c) * 4 + b] = std::uint8_t(std::clamp(std::lround(v), 0L, 255L));
                if (b == 3 && outRow[size_t(c) * 4 + 3] == 0)
                    ++transparent;
            }
        }
    }
    out.transparentFraction = double(transparent) / (double(g.width) * g.height);
    if (out.transparentFraction >= 1.0) {
        return imageError(path,
                          "the image does not cover the terrain (or is all nodata there); "
                          "is its CRS right?");
    }
    return out;
}

}  // namespace cunjing::terrain
