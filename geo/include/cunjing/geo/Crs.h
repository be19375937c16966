#pragma once
/// Coordinate reference systems and transforms (PROJ through OGR, kept out of this header).
///
/// Axis order is always "traditional GIS": x = easting or longitude, y = northing or latitude,
/// whatever the CRS's formal axis order says. CGCS2000 Gauss-Kruger (EPSG:4547 and kin) is
/// formally northing-first; users and our data are easting-first.

#include <cunjing/geo/Result.h>

#include <memory>
#include <string>

namespace cunjing::geo {

struct Vec3d {
    double x = 0, y = 0, z = 0;
};

class Crs {
public:
    /// Accepts "EPSG:n", WKT, or a PROJ string. Errors name what was given.
    static Result<Crs> fromUserString(const std::string& text);
    /// From a dataset's WKT (as GDAL reports it); empty text is an error.
    static Result<Crs> fromWkt(const std::string& wkt);

    Crs(const Crs& other);
    Crs& operator=(const Crs& other);
    Crs(Crs&&) noexcept;
    Crs& operator=(Crs&&) noexcept;
    ~Crs();

    std::string name() const;
    std::string wkt() const;
    /// "EPSG:4547" when the CRS has an EPSG code, otherwise its name.
    std::string shortName() const;
    bool isGeographic() const;
    bool isProjected() const;
    bool sameAs(const Crs& other) const;

    struct Impl;
    const Impl& impl() const { return *impl_; }

private:
    explicit Crs(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

/// A transform between two CRSs; reusable, not thread-safe (make one per thread).
class Transform {
public:
    static Result<Transform> create(const Crs& from, const Crs& to);
    Transform(Transform&&) noexcept;
    Transform& operator=(Transform&&) noexcept;
    ~Transform();

    /// Transforms in place; false when PROJ cannot (point outside the CRS's area of use).
    bool apply(double& x, double& y) const;
    bool apply(double* xs, double* ys, int count) const;

private:
    struct Impl;
    explicit Transform(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

/// The 3-degree Gauss-Kruger zone number for a longitude: floor((lon + 1.5) / 3).
int gaussKrugerZone3(double longitudeDeg);

}  // namespace cunjing::geo
