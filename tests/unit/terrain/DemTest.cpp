#include <cunjing/terrain/Dem.h>

#include "TestPaths.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

using namespace cunjing;
using namespace cunjing::terrain;

namespace {
geo::Crs crs(const char* code) {
    return geo::Crs::fromUserString(code).value();
}
std::string shared(const std::string& rel) {
    return (test::sharedData() / rel).string();
}
DemLoadOptions options(int maxGrid, const std::string& sourceCrs) {
    DemLoadOptions o;
    o.maxGridSize = maxGrid;
    o.sourceCrs = sourceCrs;
    return o;
}
}  // namespace

TEST(Dem, FujiLoadsIntoGaussKrugerWithinItsRange) {
    auto field =
        loadDem(shared("dem/osgearth/mt_fuji_90m.tif"), crs("EPSG:32654"), options(256, ""));
    ASSERT_TRUE(field.ok()) << field.firstError();
    EXPECT_LE(std::max(field->cols, field->rows), 256);
    EXPECT_GT(field->maxHeight(), 3500);  // the summit survives resampling
    EXPECT_LT(field->maxHeight(), 3800);
}

TEST(Dem, DemoTerrainLoadsInItsOwnCrsAtFullResolution) {
    auto field = loadDem("assets/demo/terrain_synthetic.asc", crs("EPSG:4547"));
    ASSERT_TRUE(field.ok()) << field.firstError();
    EXPECT_EQ(field->cols, 241);
    EXPECT_NEAR(field->dx, 5.0, 1e-9);
    // Grid point values survive the identity warp: the south-west sample is the first value
    // of the last row of the ASCII grid.
    std::ifstream asc("assets/demo/terrain_synthetic.asc");
    std::string line, last;
    while (std::getline(asc, line))
        last = line;
    EXPECT_NEAR(field->at(0, 0), std::stod(last), 0.006);
    EXPECT_NEAR(field->x0, 383750.0, 1e-6);
}

TEST(Dem, MissingFileSaysNotFound) {
    auto field = loadDem("no/such/dem.tif", crs("EPSG:4547"));
    ASSERT_FALSE(field.ok());
    EXPECT_EQ(field.errors()[0].file, "no/such/dem.tif");
    EXPECT_NE(field.firstError().find("not found"), std::string::npos);
}

TEST(Dem, VrtIsRefused) {
    const auto dir = test::outputDir("dem");
    const auto vrt = dir / "points_elsewhere.vrt";
    std::ofstream(vrt) << "<VRTDataset rasterXSize=\"10\" rasterYSize=\"10\"><VRTRasterBand "
                          "dataType=\"Float32\" band=\"1\"/></VRTDataset>";
    auto field = loadDem(vrt.string(), crs("EPSG:4547"));
    EXPECT_FALSE(field.ok());
}

TEST(Dem, NotARasterIsAClearError) {
    const auto path = shared("models/invalid_in_the_wild/DamagedHelmet_is_html_page.glb");
    auto field = loadDem(path, crs("EPSG:4547"));
    ASSERT_FALSE(field.ok());
    EXPECT_NE(field.firstError().find("not a readable DEM"), std::string::npos);
}

TEST(Dem, HugeClaimedSizeIsRefusedBeforeAllocation) {
    const auto dir = test::outputDir("dem");
    const auto asc = dir / "huge_header.asc";
    std::ofstream(asc)
        << "ncols 1000000\nnrows 1000000\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 2 3\n";
    auto field = loadDem(asc.string(), crs("EPSG:4547"), options(1024, "EPSG:4547"));
    ASSERT_FALSE(field.ok());
    EXPECT_NE(field.firstError().find("1000000x1000000"), std::string::npos) << field.firstError();
}

TEST(Dem, GridWithoutCrsNeedsOne) {
    const auto dir = test::outputDir("dem");
    const auto asc = dir / "no_crs.asc";
    std::ofstream(asc) << "ncols 2\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize 1\n1 2\n3 4\n";
    auto without = loadDem(asc.string(), crs("EPSG:4547"));
    ASSERT_FALSE(without.ok());
    EXPECT_NE(without.firstError().find("terrain.crs"), std::string::npos);
    auto with = loadDem(asc.string(), crs("EPSG:4547"), options(1024, "EPSG:4547"));
    EXPECT_TRUE(with.ok()) << with.firstError();
}
