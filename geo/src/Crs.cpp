#include <cunjing/geo/Crs.h>

#include <cpl_error.h>
#include <ogr_spatialref.h>
#include <cmath>
#include <vector>

namespace cunjing::geo {

struct Crs::Impl {
    OGRSpatialReference srs;
};

namespace {

/// GDAL/PROJ print failures to stderr by default; we report them ourselves as one Error.
class QuietGdalErrors {
public:
    QuietGdalErrors() { CPLPushErrorHandler(CPLQuietErrorHandler); }
    ~QuietGdalErrors() { CPLPopErrorHandler(); }
    QuietGdalErrors(const QuietGdalErrors&) = delete;
    QuietGdalErrors& operator=(const QuietGdalErrors&) = delete;
};

std::unique_ptr<Crs::Impl> makeImpl() {
    auto impl = std::make_unique<Crs::Impl>();
    impl->srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return impl;
}

}  // namespace

Crs::Crs(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Crs::Crs(const Crs& other) : impl_(makeImpl()) {
    impl_->srs = other.impl_->srs;
}
Crs& Crs::operator=(const Crs& other) {
    if (this != &other)
        impl_->srs = other.impl_->srs;
    return *this;
}
Crs::Crs(Crs&&) noexcept = default;
Crs& Crs::operator=(Crs&&) noexcept = default;
Crs::~Crs() = default;

Result<Crs> Crs::fromUserString(const std::string& text) {
    if (text.empty())
        return Error{"", "", "empty CRS; give one such as EPSG:4547"};
    QuietGdalErrors quiet;
    auto impl = makeImpl();
    // SetFromUserInput also accepts file names and URLs; refuse those: a CRS in a scene
    // file must not make us read other files or reach the network.
    const char* const options[] = {"ALLOW_NETWORK_ACCESS=NO", "ALLOW_FILE_ACCESS=NO", nullptr};
    if (impl->srs.SetFromUserInput(text.c_str(), options) != OGRERR_NONE) {
        return Error{"", "",
                     "unknown CRS '" + text +
                         "'; use an EPSG code such as EPSG:4547 "
                         "(CGCS2000 / 3-degree Gauss-Kruger CM 114E) or EPSG:4490"};
    }
    impl->srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return Crs(std::move(impl));
}

Result<Crs> Crs::fromWkt(const std::string& wkt) {
    if (wkt.empty())
        return Error{"", "", "no CRS"};
    QuietGdalErrors quiet;
    auto impl = makeImpl();
    if (impl->srs.importFromWkt(wkt.c_str()) != OGRERR_NONE) {
        return Error{"", "", "unreadable CRS definition"};
    }
    impl->srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return Crs(std::move(impl));
}

std::string Crs::name() const {
    const char* n = impl_->srs.GetName();
    return n ? n : "unnamed CRS";
}

std::string Crs::wkt() const {
    char* text = nullptr;
    const char* const options[] = {"FORMAT=WKT2_2018", nullptr};
    impl_->srs.exportToWkt(&text, options);
    std::string out = text ? text : "";
    CPLFree(text);
    return out;
}

std::string Crs::shortName() const {
    const char* authority = impl_->srs.GetAuthorityName(nullptr);
    const char* code = impl_->srs.GetAuthorityCode(nullptr);
    if (authority && code)
        return std::string(authority) + ":" + code;
    return name();
}

bool Crs::isGeographic() const {
    return impl_->srs.IsGeographic();
}
bool Crs::isProjected() const {
    return impl_->srs.IsProjected();
}
bool Crs::sameAs(const Crs& other) const {
    return impl_->srs.IsSame(&other.impl_->srs);
}

struct Transform::Impl {
    std::unique_ptr<OGRCoordinateTransformation, void (*)(OGRCoordinateTransformation*)> ct{
        nullptr, OGRCoordinateTransformation::DestroyCT};
};

Transform::Transform(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Transform::Transform(Transform&&) noexcept = default;
Transform& Transform::operator=(Transform&&) noexcept = default;
Transform::~Transform() = default;

Result<Transform> Transform::create(const Crs& from, const Crs& to) {
    QuietGdalErrors quiet;
    auto impl = std::make_unique<Impl>();
    impl->ct.reset(OGRCreateCoordinateTransformation(&from.impl().srs, &to.impl().srs));
    if (!impl->ct) {
        return Error{"", "",
                     "no transformation from " + from.shortName() + " to " + to.shortName()};
    }
    return Transform(std::move(impl));
}

bool Transform::apply(double& x, double& y) const {
    return apply(&x, &y, 1);
}

bool Transform::apply(double* xs, double* ys, int count) const {
    if (count <= 0)
        return true;
    std::vector<int> success(static_cast<size_t>(count), 0);
    if (!impl_->ct->Transform(count, xs, ys, nullptr, success.data()))
        return false;
    for (int i = 0; i < count; ++i) {
        if (!success[static_cast<size_t>(i)] || !std::isfinite(xs[i]) || !std::isfinite(ys[i])) {
            return false;
        }
    }
    return true;
}

int gaussKrugerZone3(double longitudeDeg) {
    return static_cast<int>(std::floor((longitudeDeg + 1.5) / 3.0));
}

}  // namespace cunjing::geo
