// Height queries against GDAL's own reading of the same pixels (gdallocationinfo).

#include <cunjing/terrain/Dem.h>
#include <cunjing/terrain/HeightQuery.h>

#include "TestPaths.h"

#include <gtest/gtest.h>

#include <string>

using namespace cunjing;
using namespace cunjing::terrain;

namespace {

std::string shared(const std::string& rel) {
    return (test::sharedData() / rel).string();
}

/// The value GDAL reads at pixel (column, row), as `gdallocationinfo -valonly` prints it.
double gdalPixel(const std::string& path, int column, int row) {
    const auto r = test::runCommand("gdallocationinfo -valonly '" + path + "' " +
                                    std::to_string(column) + " " + std::to_string(row));
    EXPECT_EQ(r.exitCode, 0) << r.out;
    return std::stod(r.out);
}

/// The geographic position of a fractional centre-based pixel position.
std::array<double, 2> at(const DemInfo& info, double column, double row) {
    const auto& gt = info.geoTransform;
    return {gt[0] + (column + 0.5) * gt[1], gt[3] + (row + 0.5) * gt[5]};
}

const std::string kFuji = "dem/osgearth/mt_fuji_90m.tif";

}  // namespace

TEST(HeightQuery, AtPixelCentresEqualsGdallocationinfo) {
    const auto path = shared(kFuji);
    auto q = HeightQuery::open(path);
    ASSERT_TRUE(q.ok()) << q.firstError();
    const auto info = inspectDem(path).value();
    for (auto [c, r] : {std::pair{0, 0}, {600, 600}, {1200, 1200}, {537, 611}, {17, 1100}}) {
        const auto p = at(info, c, r);
        auto h = q->heightAt(p[0], p[1]);
        ASSERT_TRUE(h.ok()) << h.firstError();
        EXPECT_NEAR(h->height, gdalPixel(path, c, r), 0.01) << "pixel " << c << ", " << r;
        EXPECT_NEAR(h->column, c, 1e-6);
        EXPECT_NEAR(h->row, r, 1e-6);
    }
}

TEST(HeightQuery, BetweenPixelCentresIsBilinearInterpolationOfTheFourNeighbours) {
    const auto path = shared(kFuji);
    auto q = HeightQuery::open(path).value();
    const auto info = inspectDem(path).value();
    const int c = 612, r = 587;  // on the slopes, where neighbours differ
    const double tx = 0.3, ty = 0.8;
    const double v00 = gdalPixel(path, c, r), v10 = gdalPixel(path, c + 1, r);
    const double v01 = gdalPixel(path, c, r + 1), v11 = gdalPixel(path, c + 1, r + 1);
    const double expected =
        (v00 * (1 - tx) + v10 * tx) * (1 - ty) + (v01 * (1 - tx) + v11 * tx) * ty;
    const auto p = at(info, c + tx, r + ty);
    auto h = q.heightAt(p[0], p[1]);
    ASSERT_TRUE(h.ok()) << h.firstError();
    EXPECT_NEAR(h->height, expected, 0.01);
    EXPECT_NE(v00, v11) << "the test point should sit on a slope";
}

TEST(HeightQuery, PointGivenInAnotherCrsIsTransformedFirst) {
    const auto path = shared(kFuji);
    auto q = HeightQuery::open(path).value();
    const auto info = inspectDem(path).value();
    const auto lonLat = at(info, 700, 420);
    const auto utm = geo::Crs::fromUserString("EPSG:32654").value();
    double x = lonLat[0], y = lonLat[1];
    ASSERT_TRUE(geo::Transform::create(q.crs(), utm).value().apply(x, y));
    auto h = q.heightAt(x, y, utm);
    ASSERT_TRUE(h.ok()) << h.firstError();
    EXPECT_NEAR(h->height, gdalPixel(path, 700, 420), 0.01);
}

TEST(HeightQuery, OutsideTheDemIsAnErrorNamingThePoint) {
    auto q = HeightQuery::open(shared(kFuji)).value();
    auto h = q.heightAt(137.5, 35.5);
    ASSERT_FALSE(h.ok());
    EXPECT_NE(h.firstError().find("outside the DEM"), std::string::npos) << h.firstError();
    EXPECT_NE(h.firstError().find("137.5"), std::string::npos) << h.firstError();
}

TEST(HeightQuery, OuterHalfPixelTakesTheEdgeValue) {
    const auto path = shared(kFuji);
    auto q = HeightQuery::open(path).value();
    const auto info = inspectDem(path).value();
    const auto p = at(info, -0.4, 300);  // inside the raster, west of the first centre
    auto h = q.heightAt(p[0], p[1]);
    ASSERT_TRUE(h.ok()) << h.firstError();
    EXPECT_NEAR(h->height, gdalPixel(path, 0, 300), 0.01);
}

TEST(HeightQuery, NodataIsAnError) {
    // terra's Luxembourg DEM is nodata outside the country; its north-west corner is outside.
    const auto path = shared("dem/debian/terra_elev_luxembourg.tif");
    auto q = HeightQuery::open(path).value();
    const auto info = inspectDem(path).value();
    const auto p = at(info, 0, 0);
    auto h = q.heightAt(p[0], p[1]);
    ASSERT_FALSE(h.ok());
    EXPECT_NE(h.firstError().find("no data"), std::string::npos) << h.firstError();
}

TEST(HeightQuery, LongitudesPast180WrapIntoTheGlobalRelief) {
    // ETOPO20 runs 20..380E: 6E is its 366E.
    auto q = HeightQuery::open(shared("dem/etopo/etopo20_global.cdf"));
    ASSERT_TRUE(q.ok()) << q.firstError();
    auto west = q->heightAt(6.0, 49.8), east = q->heightAt(366.0, 49.8);
    ASSERT_TRUE(west.ok()) << west.firstError();
    ASSERT_TRUE(east.ok()) << east.firstError();
    EXPECT_DOUBLE_EQ(west->height, east->height);
    EXPECT_GT(west->height, 100);  // the Ardennes, not the sea
}

TEST(HeightQuery, TerragenScaleAndOffsetGiveMetres) {
    const auto path = shared("models/assimp/TER/RealisticTerrain.ter");
    // Terragen's "world space" is not on the earth; any projected CRS places it.
    HeightQueryOptions options;
    options.sourceCrs = "EPSG:4547";
    auto q = HeightQuery::open(path, options);
    ASSERT_TRUE(q.ok()) << q.firstError();
    const auto info = inspectDem(path).value();
    const auto p = at(info, 10, 10);
    auto h = q->heightAt(p[0], p[1]);
    ASSERT_TRUE(h.ok()) << h.firstError();
    EXPECT_NEAR(h->height, gdalPixel(path, 10, 10) * info.scale + info.offset, 0.01);
    EXPECT_NEAR(h->height, 69.537, 0.01);  // gdallocationinfo's "Descaled Value"
}

TEST(HeightQuery, LocalEngineeringCrsNeedsARealOne) {
    auto q = HeightQuery::open(shared("models/assimp/TER/RealisticTerrain.ter"));
    ASSERT_FALSE(q.ok());
    EXPECT_NE(q.firstError().find("--dem-crs"), std::string::npos) << q.firstError();
}
