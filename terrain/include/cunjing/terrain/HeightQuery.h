#pragma once
/// Heights straight from a DEM file at its full resolution, at points in any CRS: for
/// clamping models, trees and overlays, and for `cunjing terrain height`.

#include <cunjing/geo/Crs.h>
#include <cunjing/geo/Result.h>

#include <memory>
#include <optional>
#include <string>

namespace cunjing::terrain {

struct HeightSample {
    double height = 0;          ///< metres (the band's scale and offset applied)
    double demX = 0, demY = 0;  ///< the point in the DEM's CRS (longitudes wrapped into it)
    /// Fractional pixel position with pixel centres at whole numbers: (0, 0) is the centre of
    /// the first pixel (GDAL's geotransform gives pixel corners; "pixel is area").
    double column = 0, row = 0;
    /// Some of the four neighbours were nodata: the height interpolates the others.
    bool partial = false;
};

struct HeightQueryOptions {
    /// CRS of the DEM when the file has none; "EPSG:n" or WKT.
    std::string sourceCrs;
};

/// Samples band 1 of a DEM bilinearly between the centres of the four nearest pixels, so a
/// query at a pixel centre returns that pixel's value (as `gdallocationinfo`). Points in the
/// outer half pixel take the edge pixels' values. Reads only the 2x2 pixels it needs; the
/// header is checked first (allowed drivers, block size). Not thread-safe: one per thread.
class HeightQuery {
public:
    static Result<HeightQuery> open(const std::string& path,
                                    const HeightQueryOptions& options = {});

    HeightQuery(HeightQuery&&) noexcept;
    HeightQuery& operator=(HeightQuery&&) noexcept;
    ~HeightQuery();

    /// Height at (x, y) in the DEM's own CRS. Errors: outside the DEM, or nodata there.
    Result<HeightSample> heightAt(double x, double y) const;
    /// Height at (x, y) given in `crs` (transformed into the DEM's CRS first).
    Result<HeightSample> heightAt(double x, double y, const geo::Crs& crs) const;

    const std::string& path() const;
    /// The DEM's CRS (its own, the given one, or WGS 84 for netCDF lon/lat axes).
    const geo::Crs& crs() const;
    int width() const;
    int height() const;

    struct Impl;

private:
    explicit HeightQuery(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace cunjing::terrain
