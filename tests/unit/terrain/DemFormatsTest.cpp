// Every DEM format issue 3 names, made at test time from real DEMs in ../shared/data with
// gdal_translate when the shared data has no file of that format.

#include <cunjing/terrain/Dem.h>
#include <cunjing/terrain/HeightQuery.h>

#include "TestPaths.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace cunjing;
using namespace cunjing::terrain;

namespace {

std::string shared(const std::string& rel) {
    return (test::sharedData() / rel).string();
}

geo::Crs crs(const char* code) {
    return geo::Crs::fromUserString(code).value();
}

/// Runs a GDAL command line making `out` (in the test's output folder) and returns its path.
std::string make(const std::string& command, const std::string& out) {
    const auto path = (test::outputDir("dem_formats") / out).string();
    const auto r = test::runCommand(command + " '" + path + "'");
    EXPECT_EQ(r.exitCode, 0) << command << "\n" << r.out;
    return path;
}

/// Loads a DEM and checks the grid is sane and its heights lie within the source's range.
Heightfield loadAndCheck(const std::string& path, const char* working, double lowest,
                         double highest, DemLoadOptions options = {}) {
    options.maxGridSize = std::min(options.maxGridSize, 256);
    auto field = loadDem(path, crs(working), options);
    EXPECT_TRUE(field.ok()) << field.firstError();
    if (!field)
        return {};
    EXPECT_GE(field->cols, 2);
    EXPECT_LE(std::max(field->cols, field->rows), 256);
    for (float h : field->heights)
        EXPECT_TRUE(std::isfinite(h));
    EXPECT_GE(field->minHeight(), lowest - 0.01);
    EXPECT_LE(field->maxHeight(), highest + 0.01);
    EXPECT_GT(field->maxHeight() - field->minHeight(), 0.1 * (highest - lowest))
        << "the relief should survive loading";
    return field.value();
}

const std::string kFuji = "dem/osgearth/mt_fuji_90m.tif";
const std::string kLuxembourg = "dem/debian/terra_elev_luxembourg.tif";
const std::string kGuangdong = "dem/etopo/etopo5_guangdong_clip.tif";

}  // namespace

TEST(DemFormats, GeoTiffInt16GeographicIntoUtm) {
    loadAndCheck(shared(kFuji), "EPSG:32654", -16, 3742);
}

TEST(DemFormats, GeoTiffFloat32GeographicIntoGaussKruger) {
    loadAndCheck(shared(kGuangdong), "EPSG:4547", -2088, 1280);
}

TEST(DemFormats, CloudOptimisedGeoTiff) {
    const auto cog = make("gdal_translate -q -of COG " + shared(kLuxembourg), "lux_cog.tif");
    EXPECT_EQ(inspectDem(cog).value().driver, "GTiff");
    loadAndCheck(cog, "EPSG:32632", 141, 547);
}

TEST(DemFormats, NodataOutsideLuxembourgIsFilledFromTheCountry) {
    // terra's sample is nodata outside the national border; the fill stays within the
    // heights of the country (pull-push averages only what is known).
    const auto field = loadAndCheck(shared(kLuxembourg), "EPSG:32632", 141, 547);
    EXPECT_GT(field.heights.size(), 1000u);
}

TEST(DemFormats, SrtmHgtTile) {
    // Fuji's tile is a whole 1 x 1 degree SRTM 3" tile (N35E138), so it converts exactly.
    const auto hgt = make("gdal_translate -q -of SRTMHGT " + shared(kFuji), "N35E138.hgt");
    EXPECT_EQ(inspectDem(hgt).value().driver, "SRTMHGT");
    loadAndCheck(hgt, "EPSG:32654", -16, 3742);
    // Same heights as the GeoTIFF it came from, at the summit.
    auto a = HeightQuery::open(hgt).value().heightAt(138.7275, 35.3606);
    auto b = HeightQuery::open(shared(kFuji)).value().heightAt(138.7275, 35.3606);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_NEAR(a->height, b->height, 0.01);
}

TEST(DemFormats, ArcInfoAsciiGrid) {
    const auto asc = make("gdal_translate -q -of AAIGrid " + shared(kLuxembourg), "lux.asc");
    EXPECT_EQ(inspectDem(asc).value().driver, "AAIGrid");
    loadAndCheck(asc, "EPSG:32632", 141, 547);
}

TEST(DemFormats, GeoPackageRaster) {
    const auto gpkg = make("gdal_translate -q -of GPKG " + shared(kGuangdong), "guangdong.gpkg");
    EXPECT_EQ(inspectDem(gpkg).value().driver, "GPKG");
    loadAndCheck(gpkg, "EPSG:4547", -2088, 1280);
}

TEST(DemFormats, NetCdfWithACrs) {
    const auto nc = make("gdal_translate -q -of netCDF " + shared(kGuangdong), "guangdong.nc");
    EXPECT_EQ(inspectDem(nc).value().driver, "netCDF");
    loadAndCheck(nc, "EPSG:4547", -2088, 1280);
}

TEST(DemFormats, NetCdfGlobalReliefWithoutCrsIsTakenAsLonLat) {
    // ETOPO20 names no CRS, only degrees_east / degrees_north axes, and runs 20..380E.
    const auto path = shared("dem/etopo/etopo20_global.cdf");
    const auto info = inspectDem(path).value();
    EXPECT_EQ(info.crsOrigin, "inferred");
    EXPECT_TRUE(info.geographic);
    DemLoadOptions guangdong;
    guangdong.extent = {{200000, 2200000, 900000, 2860000}};
    loadAndCheck(path, "EPSG:4547", -9027, 6229, guangdong);
}

TEST(DemFormats, GlobalReliefWrapsLongitudesWestOfItsSeam) {
    // Luxembourg (6E) lies in ETOPO20's 366E columns; the crop must find it there.
    DemLoadOptions luxembourg;
    luxembourg.extent = {{250000, 5450000, 350000, 5600000}};
    // Land between 50 and 900 m: not the sea, not the missing-data fill, not the Alps.
    const auto field =
        loadAndCheck(shared("dem/etopo/etopo20_global.cdf"), "EPSG:32632", 50, 900, luxembourg);
}

TEST(DemFormats, TerragenWithAGivenCrsAndItsScaleApplied) {
    // Terragen stores Int16 with scale 0.0151 and offset 390: raw -31046..32075.
    DemLoadOptions options;
    options.sourceCrs = "EPSG:4547";
    const auto field =
        loadAndCheck(shared("models/assimp/TER/RealisticTerrain.ter"), "EPSG:4547",
                     -31046 * 0.015106201171875 + 390, 32075 * 0.015106201171875 + 390, options);
    EXPECT_LT(field.maxHeight(), 1000) << "metres, not raw counts";
}

TEST(DemFormats, ProjectedDemIntoAnotherProjectedCrs) {
    // Gauss-Kruger CM 114E without zone prefix into the same zone with prefix (EPSG:4526):
    // eastings move by exactly 38,000 km and heights stay.
    const auto gk =
        make("gdalwarp -q -t_srs EPSG:4547 -r bilinear " + shared(kGuangdong), "guangdong_gk.tif");
    const auto field = loadAndCheck(gk, "EPSG:4526", -2088, 1280);
    EXPECT_GT(field.x0, 38000000);
}

TEST(DemInfo, ReportsWhatTerrainInfoPrints) {
    DemInspectOptions options;
    options.statistics = true;
    auto info = inspectDem(shared(kGuangdong), options);
    ASSERT_TRUE(info.ok()) << info.firstError();
    EXPECT_EQ(info->driver, "GTiff");
    EXPECT_EQ(info->width, 96);
    EXPECT_EQ(info->height, 69);
    EXPECT_EQ(info->dataType, "Float32");
    EXPECT_EQ(info->crs, "EPSG:4326");
    ASSERT_TRUE(info->minHeight && info->maxHeight);
    EXPECT_DOUBLE_EQ(*info->minHeight, -2088);
    EXPECT_DOUBLE_EQ(*info->maxHeight, 1280);
    ASSERT_TRUE(info->lonLatExtent);
    EXPECT_NEAR((*info->lonLatExtent)[0], 109.459, 0.001);
    ASSERT_TRUE(info->suggestedCrs);
    EXPECT_EQ(info->suggestedCrs->code, "EPSG:4547");  // centre 113.46E: zone 38, CM 114E
}

TEST(DemInfo, SuggestsGaussKrugerInChinaAndUtmElsewhere) {
    EXPECT_EQ(suggestWorkingCrs(113.3, 23.1).code, "EPSG:4547");   // Guangzhou, CM 114E
    EXPECT_EQ(suggestWorkingCrs(116.7, 23.4).code, "EPSG:4548");   // Shantou, CM 117E
    EXPECT_EQ(suggestWorkingCrs(104.1, 30.7).code, "EPSG:4544");   // Chengdu, CM 105E
    EXPECT_EQ(suggestWorkingCrs(138.5, 35.5).code, "EPSG:32654");  // Fuji: UTM 54N
    EXPECT_EQ(suggestWorkingCrs(6.1, 49.8).code, "EPSG:32632");    // Luxembourg
    EXPECT_EQ(suggestWorkingCrs(366.1, 49.8).code, "EPSG:32632");  // the same, 0..360 style
}

TEST(DemFill, HolesTakeSmoothValuesBetweenTheirEdges) {
    // A 9-wide hole in a plane sloping east is filled between the edge heights.
    std::vector<float> h(21 * 5);
    for (int r = 0; r < 5; ++r) {
        for (int c = 0; c < 21; ++c)
            h[size_t(r) * 21 + c] = (c >= 6 && c <= 14) ? NAN : float(c);
    }
    ASSERT_TRUE(fillHoles(h, 21, 5));
    for (int c = 6; c <= 14; ++c) {
        EXPECT_GT(h[size_t(2) * 21 + c], 4.5f);
        EXPECT_LT(h[size_t(2) * 21 + c], 15.5f);
    }
    EXPECT_LT(h[size_t(2) * 21 + 7], h[size_t(2) * 21 + 13]) << "the fill follows the slope";
}

TEST(DemFill, AllHolesIsFalse) {
    std::vector<float> h(16, NAN);
    EXPECT_FALSE(fillHoles(h, 4, 4));
}
