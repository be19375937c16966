#include "PyramidImagery.h"

#include "GdalSupport.h"

#include <cunjing/geo/Gdal.h>

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal_alg.h>
#include <gdalwarper.h>

#include <unistd.h>

#include <atomic>
#include <cstring>

namespace cunjing::terrain::pyramid {

using detail::DatasetPtr;
using detail::GdalErrorCapture;

namespace {

Error imageError(const std::string& path, const std::string& message) {
    return Error{path, "", message};
}

DatasetPtr openRaster(const std::string& path, const char* const* allowed, std::string& error) {
    geo::ensureGdalRegistered();
    GdalErrorCapture capture;
    GDALDatasetH ds =
        GDALOpenEx(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, allowed, nullptr, nullptr);
    if (!ds)
        error = "not a readable image (" + capture.lastError("format not recognised") + ")";
    return DatasetPtr(ds);
}

/// Keeps GDAL from writing .aux.xml side files next to our PNGs, on this thread.
struct NoSideFiles {
    NoSideFiles() { CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", "NO"); }
    ~NoSideFiles() { CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", nullptr); }
};

}  // namespace

struct ImageryReader::Impl {
    std::string path;
    std::string workingWkt;
    DatasetPtr ds;
    int bands = 0;
    bool alpha = false;
};

ImageryReader::ImageryReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ImageryReader::~ImageryReader() = default;

Result<std::unique_ptr<ImageryReader>> ImageryReader::open(const std::string& path,
                                                           const std::string& workingWkt) {
    static const char* const kAllowed[] = {"GTiff", "PNG", "JPEG", "GPKG", "HFA", "WEBP", nullptr};
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->workingWkt = workingWkt;
    std::string error;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return imageError(path, "file not found");
    impl->ds = openRaster(path, kAllowed, error);
    if (!impl->ds)
        return imageError(path, error + "; use GeoTIFF, PNG, JPEG or GeoPackage");
    impl->bands = GDALGetRasterCount(impl->ds.get());
    if (impl->bands != 1 && impl->bands != 3 && impl->bands != 4)
        return imageError(path, "imagery needs 1 (grey), 3 (RGB) or 4 (RGBA) bands, not " +
                                    std::to_string(impl->bands));
    GDALRasterBandH first = GDALGetRasterBand(impl->ds.get(), 1);
    if (GDALGetRasterDataType(first) != GDT_Byte) {
        return imageError(path,
                          "imagery must be 8-bit; convert it with gdal_translate -ot Byte "
                          "-scale");
    }
    if (GDALGetRasterColorTable(first))
        return imageError(path, "paletted imagery: expand it with gdal_translate -expand rgba");
    const char* wkt = GDALGetProjectionRef(impl->ds.get());
    if (!wkt || !*wkt)
        return imageError(path, "the imagery has no CRS");
    impl->alpha = impl->bands == 4;
    return std::unique_ptr<ImageryReader>(new ImageryReader(std::move(impl)));
}

Result<std::vector<ImageTile>> ImageryReader::readBlock(const TileScheme& lod, const TileKey& b,
                                                        int level, int size) {
    Impl& d = *impl_;
    const SampleGrid& g = lod.grid();
    const int up = level - b.level;
    const int n = 1 << up;
    const int w = n * size;
    const double xs = g.x(lod.firstColumn(b)), ys = g.y(lod.firstRow(b));
    const double side = double(lod.span(b.level));
    GDALDriverH mem = GDALGetDriverByName("MEM");
    DatasetPtr dst(GDALCreate(mem, "", w, w, 4, GDT_Byte, nullptr));
    if (!dst)
        return imageError(d.path, "out of memory for a " + std::to_string(w) + " px image block");
    double gt[6] = {xs, side * g.dx / w, 0, ys + side * g.dy, 0, -side * g.dy / w};
    GDALSetGeoTransform(dst.get(), gt);
    GDALSetProjection(dst.get(), d.workingWkt.c_str());

    GdalErrorCapture capture;
    GDALWarpOptions* wo = GDALCreateWarpOptions();
    wo->hSrcDS = d.ds.get();
    wo->hDstDS = dst.get();
    wo->nBandCount = d.bands == 1 ? 1 : 3;
    wo->panSrcBands = static_cast<int*>(CPLMalloc(sizeof(int) * 3));
    wo->panDstBands = static_cast<int*>(CPLMalloc(sizeof(int) * 3));
    for (int i = 0; i < 3; ++i)
        wo->panSrcBands[i] = wo->panDstBands[i] = i + 1;
    if (d.alpha)
        wo->nSrcAlphaBand = 4;
    wo->nDstAlphaBand = 4;
    wo->eResampleAlg = GRA_Bilinear;
    wo->papszWarpOptions = CSLSetNameValue(wo->papszWarpOptions, "INIT_DEST", "0");
    wo->pTransformerArg = GDALCreateGenImgProjTransformer2(d.ds.get(), dst.get(), nullptr);
    wo->pfnTransformer = GDALGenImgProjTransform;
    CPLErr err = CE_Failure;
    if (wo->pTransformerArg) {
        GDALWarpOperation op;
        if (op.Initialize(wo) == CE_None)
            err = op.ChunkAndWarpImage(0, 0, w, w);
        GDALDestroyGenImgProjTransformer(wo->pTransformerArg);
    }
    wo->hSrcDS = nullptr;
    wo->hDstDS = nullptr;
    GDALDestroyWarpOptions(wo);
    if (err != CE_None)
        return imageError(d.path, "cannot warp the imagery: " + capture.lastError("warp failed"));
    std::vector<std::uint8_t> rgba(std::size_t(w) * w * 4);
    int bandMap[4] = {1, 2, 3, 4};
    if (d.bands == 1)
        bandMap[1] = bandMap[2] = 1;
    if (GDALDatasetRasterIO(dst.get(), GF_Read, 0, 0, w, w, rgba.data(), w, w, GDT_Byte, 4, bandMap,
                            4, 4 * w, 1) != CE_None)
        return imageError(d.path, "cannot read the warped imagery");
    std::vector<ImageTile> out;
    for (int j = 0; j < n; ++j) {
        for (int i = 0; i < n; ++i) {
            const TileKey k{level, (b.x << up) + i, (b.y << up) + j};
            if (!lod.exists(k))
                continue;
            ImageTile t{k, size, std::vector<std::uint8_t>(std::size_t(size) * size * 4)};
            const int top = (n - 1 - j) * size;  // image rows run north to south
            for (int r = 0; r < size; ++r) {
                std::memcpy(&t.rgba[std::size_t(r) * size * 4],
                            &rgba[(std::size_t(top + r) * w + std::size_t(i) * size) * 4],
                            std::size_t(size) * 4);
            }
            out.push_back(std::move(t));
        }
    }
    return out;
}

ImageTile mergeImages(const TileKey& parent, const std::vector<ImageTile>& images, int size) {
    if (images.size() == 1 && images[0].key == parent)
        return images[0];
    ImageTile out{parent, size, std::vector<std::uint8_t>(std::size_t(size) * size * 4, 0)};
    for (const ImageTile& c : images) {
        const int d = c.key.level - parent.level;
        if (d < 1 || d > 8 || (c.key.x >> d) != parent.x || (c.key.y >> d) != parent.y ||
            c.size != size)
            continue;
        const int f = 1 << d, sub = size / f;
        const int qx = int(c.key.x - (parent.x << d)), qy = int(c.key.y - (parent.y << d));
        const int left = qx * sub, top = (f - 1 - qy) * sub;  // image rows run north to south
        for (int r = 0; r < sub; ++r) {
            for (int col = 0; col < sub; ++col) {
                // Alpha-weighted box average, so uncovered pixels do not darken the edges.
                double rgb[3] = {0, 0, 0}, a = 0;
                for (int y = 0; y < f; ++y) {
                    const std::uint8_t* p = &c.rgba[(std::size_t(r * f + y) * std::size_t(size) +
                                                     std::size_t(col * f)) *
                                                    4];
                    for (int x = 0; x < f; ++x, p += 4) {
                        for (int ch = 0; ch < 3; ++ch)
                            rgb[ch] += double(p[ch]) * p[3];
                        a += p[3];
                    }
                }
                std::uint8_t* q =
                    &out.rgba[(std::size_t(top + r) * size + std::size_t(left + col)) * 4];
                for (int ch = 0; ch < 3; ++ch)
                    q[ch] = a > 0 ? std::uint8_t(std::lround(rgb[ch] / a)) : 0;
                q[3] = std::uint8_t(std::lround(a / (f * f)));
            }
        }
    }
    return out;
}

Status writePng(const ImageTile& image, const std::filesystem::path& path) {
    static std::atomic<unsigned> counter{0};
    NoSideFiles quiet;
    GdalErrorCapture capture;
    GDALDriverH mem = GDALGetDriverByName("MEM"), png = GDALGetDriverByName("PNG");
    if (!mem || !png)
        return imageError(path.string(), "GDAL's PNG driver is not available");
    DatasetPtr src(GDALCreate(mem, "", image.size, image.size, 4, GDT_Byte, nullptr));
    if (!src)
        return imageError(path.string(), "out of memory");
    int bandMap[4] = {1, 2, 3, 4};
    if (GDALDatasetRasterIO(src.get(), GF_Write, 0, 0, image.size, image.size,
                            const_cast<std::uint8_t*>(image.rgba.data()), image.size, image.size,
                            GDT_Byte, 4, bandMap, 4, 4 * image.size, 1) != CE_None)
        return imageError(path.string(), "cannot fill the image");
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    const std::string tmp = path.string() + ".tmp" + std::to_string(::getpid()) + "-" +
                            std::to_string(counter.fetch_add(1));
    const char* options[] = {"ZLEVEL=6", nullptr};
    DatasetPtr out(GDALCreateCopy(png, tmp.c_str(), src.get(), FALSE, const_cast<char**>(options),
                                  nullptr, nullptr));
    if (!out) {
        ::unlink(tmp.c_str());
        return imageError(path.string(), "cannot write: " + capture.lastError("PNG failed"));
    }
    out.reset();
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        ::unlink(tmp.c_str());
        return imageError(path.string(), "cannot move into place");
    }
    return Done{};
}

Result<ImageTile> readPng(const std::filesystem::path& path, const TileKey& key, int size) {
    static const char* const kAllowed[] = {"PNG", nullptr};
    NoSideFiles quiet;
    std::string error;
    DatasetPtr ds = openRaster(path.string(), kAllowed, error);
    if (!ds)
        return imageError(path.string(), error);
    if (GDALGetRasterXSize(ds.get()) != size || GDALGetRasterYSize(ds.get()) != size ||
        GDALGetRasterCount(ds.get()) != 4)
        return imageError(path.string(), "unexpected image size; rebuild the pyramid");
    ImageTile t{key, size, std::vector<std::uint8_t>(std::size_t(size) * size * 4)};
    int bandMap[4] = {1, 2, 3, 4};
    if (GDALDatasetRasterIO(ds.get(), GF_Read, 0, 0, size, size, t.rgba.data(), size, size,
                            GDT_Byte, 4, bandMap, 4, 4 * size, 1) != CE_None)
        return imageError(path.string(), "cannot read the image");
    return t;
}

}  // namespace cunjing::terrain::pyramid
