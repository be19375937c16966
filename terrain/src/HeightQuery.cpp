#include <cunjing/terrain/HeightQuery.h>

#include "GdalSupport.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <sstream>

namespace cunjing::terrain {

using detail::DatasetPtr;

struct HeightQuery::Impl {
    Impl(std::string p, DatasetPtr d, geo::Crs c)
        : path(std::move(p)), ds(std::move(d)), crs(std::move(c)) {}
    std::string path;
    DatasetPtr ds;
    GDALRasterBandH band = nullptr;
    geo::Crs crs;
    bool geographic = false;
    std::array<double, 6> gt{};
    int width = 0, height = 0;
    detail::BandScaling scaling;
    std::optional<double> noData;
    // The last CRS a point came in, with its transform: queries usually come in runs.
    mutable std::optional<geo::Crs> lastCrs;
    mutable std::optional<geo::Transform> lastTransform;
};

namespace {

std::string pointText(double x, double y) {
    std::ostringstream s;
    s.precision(12);
    s << "(" << x << ", " << y << ")";
    return s.str();
}

}  // namespace

HeightQuery::HeightQuery(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HeightQuery::HeightQuery(HeightQuery&&) noexcept = default;
HeightQuery& HeightQuery::operator=(HeightQuery&&) noexcept = default;
HeightQuery::~HeightQuery() = default;

Result<HeightQuery> HeightQuery::open(const std::string& path, const HeightQueryOptions& options) {
    std::string error;
    DatasetPtr ds = detail::openDemRaster(path, error);
    if (!ds)
        return Error{path, "", error};
    // Only 2x2 pixels are read per query, so any pixel count is fine; the block size is not.
    auto size = detail::checkRasterSize(ds.get(), path, std::numeric_limits<double>::infinity(), 1);
    if (!size)
        return Result<HeightQuery>::failure(size.errors());
    auto gt = detail::northUpGeoTransform(ds.get(), path);
    if (!gt)
        return Result<HeightQuery>::failure(gt.errors());
    auto demCrs = detail::resolveDemCrs(ds.get(), path, options.sourceCrs);
    if (!demCrs)
        return Result<HeightQuery>::failure(demCrs.errors());
    auto crs = geo::Crs::fromWkt(demCrs->wkt);
    if (!crs)
        return Error{path, "", "its CRS cannot be read: " + crs.errors()[0].message};
    auto impl = std::make_unique<Impl>(path, std::move(ds), crs.value());
    impl->band = GDALGetRasterBand(impl->ds.get(), 1);
    impl->geographic = demCrs->geographic;
    impl->gt = gt.value();
    impl->width = GDALGetRasterXSize(impl->ds.get());
    impl->height = GDALGetRasterYSize(impl->ds.get());
    impl->scaling = detail::bandScaling(impl->band);
    impl->noData = detail::bandNoData(impl->band);
    return HeightQuery(std::move(impl));
}

Result<HeightSample> HeightQuery::heightAt(double x, double y) const {
    const Impl& d = *impl_;
    const auto& gt = d.gt;
    HeightSample s;
    s.demX = x;
    s.demY = y;
    if (d.geographic) {
        const double xa = gt[0], xb = gt[0] + d.width * gt[1];
        s.demX = detail::wrapLongitudeInto(x, std::min(xa, xb), std::max(xa, xb));
    }
    // Pixel-corner coordinates (GDAL's convention), then centre-based.
    const double px = (s.demX - gt[0]) / gt[1], py = (s.demY - gt[3]) / gt[5];
    if (!(px >= 0 && px <= d.width && py >= 0 && py <= d.height)) {
        return Error{d.path, "",
                     pointText(x, y) + " is outside the DEM (it covers " + std::to_string(d.width) +
                         "x" + std::to_string(d.height) + " pixels from " +
                         pointText(gt[0], gt[3]) + " in " + d.crs.shortName() + ")"};
    }
    s.column = px - 0.5;
    s.row = py - 0.5;
    const double fx = std::clamp(s.column, 0.0, double(d.width - 1));
    const double fy = std::clamp(s.row, 0.0, double(d.height - 1));
    const int c0 = std::min(int(fx), std::max(d.width - 2, 0));
    const int r0 = std::min(int(fy), std::max(d.height - 2, 0));
    const int nc = std::min(2, d.width - c0), nr = std::min(2, d.height - r0);
    double v[4] = {0, 0, 0, 0};
    detail::GdalErrorCapture capture;
    if (GDALRasterIO(d.band, GF_Read, c0, r0, nc, nr, v, nc, nr, GDT_Float64, 0,
                     int(2 * sizeof(double))) != CE_None) {
        return Error{d.path, "",
                     "cannot read the DEM at " + pointText(x, y) + ": " +
                         capture.lastError("read failed") + " (is the file truncated?)"};
    }
    const double tx = nc > 1 ? fx - c0 : 0.0, ty = nr > 1 ? fy - r0 : 0.0;
    const double w[4] = {(1 - tx) * (1 - ty), tx * (1 - ty), (1 - tx) * ty, tx * ty};
    double sum = 0, wsum = 0;
    for (int k = 0; k < 4; ++k) {
        if (w[k] <= 0)
            continue;
        if (detail::isNoData(v[k], d.noData)) {
            s.partial = true;
            continue;
        }
        sum += w[k] * d.scaling.apply(v[k]);
        wsum += w[k];
    }
    if (wsum <= 0) {
        return Error{d.path, "", "no data at " + pointText(x, y) + " (the DEM has a hole there)"};
    }
    s.height = sum / wsum;
    return s;
}

Result<HeightSample> HeightQuery::heightAt(double x, double y, const geo::Crs& crs) const {
    const Impl& d = *impl_;
    if (crs.sameAs(d.crs))
        return heightAt(x, y);
    if (!d.lastCrs || !d.lastCrs->sameAs(crs)) {
        auto t = geo::Transform::create(crs, d.crs);
        if (!t)
            return Error{d.path, "", t.errors()[0].message};
        d.lastTransform = std::move(t.value());
        d.lastCrs = crs;
    }
    double dx = x, dy = y;
    if (!d.lastTransform->apply(dx, dy)) {
        return Error{d.path, "",
                     pointText(x, y) + " in " + crs.shortName() + " cannot be transformed into " +
                         d.crs.shortName()};
    }
    auto s = heightAt(dx, dy);
    if (!s) {
        // Name the point as the user gave it.
        return Error{d.path, "",
                     pointText(x, y) + " in " + crs.shortName() + " is " + pointText(dx, dy) +
                         " in the DEM's CRS: " + s.errors()[0].message};
    }
    return s;
}

const std::string& HeightQuery::path() const {
    return impl_->path;
}
const geo::Crs& HeightQuery::crs() const {
    return impl_->crs;
}
int HeightQuery::width() const {
    return impl_->width;
}
int HeightQuery::height() const {
    return impl_->height;
}

}  // namespace cunjing::terrain
