#include <cunjing/terrain/Imagery.h>

#include "TestPaths.h"

#include <gtest/gtest.h>

#include <fstream>

using namespace cunjing;
using namespace cunjing::terrain;

namespace {

std::string shared(const std::string& rel) {
    return (test::sharedData() / rel).string();
}

geo::Crs crs(const char* code) {
    return geo::Crs::fromUserString(code).value();
}

/// Guangdong in CGCS2000 / 3-degree GK CM 114E, about 109.5..118E, 20..25.8N.
const std::array<double, 4> kGuangdong{150000, 2200000, 900000, 2860000};

/// The RGBA pixel of an image at a working-CRS position.
std::array<int, 4> pixelAt(const Imagery& im, double x, double y) {
    const int c = int((x - im.extent[0]) / (im.extent[2] - im.extent[0]) * im.width);
    const int r = int((y - im.extent[1]) / (im.extent[3] - im.extent[1]) * im.height);
    const std::uint8_t* p = im.rgba.data() + (size_t(r) * im.width + c) * 4;
    return {p[0], p[1], p[2], p[3]};
}

/// A lon/lat (WGS 84) position in EPSG:4547.
std::array<double, 2> gk(double lon, double lat) {
    geo::Transform::create(crs("EPSG:4326"), crs("EPSG:4547")).value().apply(lon, lat);
    return {lon, lat};
}

}  // namespace

TEST(Imagery, WorldBasemapIsReprojectedOntoGuangdong) {
    auto im = loadImagery(shared("imagery/osgearth/world.tif"), crs("EPSG:4547"), kGuangdong);
    ASSERT_TRUE(im.ok()) << im.firstError();
    EXPECT_GE(std::max(im->width, im->height), 512);
    EXPECT_LE(std::max(im->width, im->height), 4096);
    EXPECT_EQ(im->rgba.size(), size_t(im->width) * im->height * 4);
    EXPECT_EQ(im->transparentFraction, 0.0);
    EXPECT_EQ(im->extent, kGuangdong);
    // The South China Sea south of Hainan's latitude is blue; the Nanling hills are not.
    const auto sea = gk(114.5, 20.6), land = gk(113.0, 24.8);
    const auto s = pixelAt(im.value(), sea[0], sea[1]);
    const auto l = pixelAt(im.value(), land[0], land[1]);
    EXPECT_GT(s[2], s[0] + 20) << "sea should be blue: " << s[0] << "," << s[1] << "," << s[2];
    EXPECT_GT(l[1], l[2]) << "land should be greener than blue: " << l[0] << "," << l[1] << ","
                          << l[2];
    EXPECT_EQ(s[3], 255);
}

TEST(Imagery, RowZeroIsTheSouthernEdge) {
    auto im = loadImagery(shared("imagery/osgearth/world.tif"), crs("EPSG:4547"), kGuangdong);
    ASSERT_TRUE(im.ok()) << im.firstError();
    // The southern rows are open sea (blue); the northern rows are land.
    auto rowBlueness = [&](int r) {
        long sum = 0;
        for (int c = 0; c < im->width; ++c) {
            const std::uint8_t* p = im->rgba.data() + (size_t(r) * im->width + c) * 4;
            sum += int(p[2]) - int(p[0]);
        }
        return double(sum) / im->width;
    };
    EXPECT_GT(rowBlueness(2), rowBlueness(im->height - 3) + 20);
}

TEST(Imagery, NodataBecomesTransparent) {
    // osgEarth's nodata.tif: RGBA with NoData = 0, covering 10..20E 0..10N.
    const auto utm = crs("EPSG:32633");
    auto im =
        loadImagery(shared("imagery/osgearth/nodata.tif"), utm, {200000, 200000, 800000, 1100000});
    ASSERT_TRUE(im.ok()) << im.firstError();
    EXPECT_GT(im->transparentFraction, 0.0);
    EXPECT_LT(im->transparentFraction, 1.0);
}

TEST(Imagery, UncoveredPartIsTransparent) {
    // Boston's inset does not reach half of this box.
    const auto utm = crs("EPSG:32619");
    auto im = loadImagery(shared("imagery/osgearth/boston-inset-wgs84.tif"), utm,
                          {290000, 4680000, 370000, 4740000});
    ASSERT_TRUE(im.ok()) << im.firstError();
    EXPECT_GT(im->transparentFraction, 0.2);
    EXPECT_LT(im->transparentFraction, 0.9);
}

TEST(Imagery, PalettedImageIsExpandedThroughItsColourTable) {
    const auto dir = test::outputDir("imagery");
    const auto index = dir / "index.tif", vrt = dir / "paletted.vrt", tif = dir / "paletted.tif";
    auto r = test::runCommand(
        "gdal_create -of GTiff -ot Byte -outsize 32 32 -bands 1 -burn 2 "
        "-a_srs EPSG:4326 -a_ullr 113 24 114 23 '" +
        index.string() + "'");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    std::ofstream(vrt) << "<VRTDataset rasterXSize=\"32\" rasterYSize=\"32\"><SRS>EPSG:4326</SRS>"
                          "<GeoTransform>113, 0.03125, 0, 24, 0, -0.03125</GeoTransform>"
                          "<VRTRasterBand dataType=\"Byte\" band=\"1\">"
                          "<ColorInterp>Palette</ColorInterp><ColorTable>"
                          "<Entry c1=\"0\" c2=\"0\" c3=\"0\" c4=\"255\"/>"
                          "<Entry c1=\"0\" c2=\"0\" c3=\"255\" c4=\"255\"/>"
                          "<Entry c1=\"200\" c2=\"30\" c3=\"30\" c4=\"255\"/></ColorTable>"
                          "<SimpleSource><SourceFilename relativeToVRT=\"1\">index.tif"
                          "</SourceFilename><SourceBand>1</SourceBand></SimpleSource>"
                          "</VRTRasterBand></VRTDataset>";
    r = test::runCommand("gdal_translate -q '" + vrt.string() + "' '" + tif.string() + "'");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    const auto centre = gk(113.5, 23.5);
    auto im =
        loadImagery(tif.string(), crs("EPSG:4547"),
                    {centre[0] - 20000, centre[1] - 20000, centre[0] + 20000, centre[1] + 20000});
    ASSERT_TRUE(im.ok()) << im.firstError();
    const auto p = pixelAt(im.value(), centre[0], centre[1]);
    EXPECT_EQ(p[0], 200);
    EXPECT_EQ(p[1], 30);
    EXPECT_EQ(p[2], 30);
    EXPECT_EQ(p[3], 255);
}

TEST(Imagery, SixteenBitGreyIsStretchedToItsRange) {
    // A DEM is a 16-bit grey image: the summit is bright, the coast dark, and R = G = B.
    auto im = loadImagery(shared("dem/osgearth/mt_fuji_90m.tif"), crs("EPSG:32654"),
                          {250000, 3880000, 330000, 3960000});
    ASSERT_TRUE(im.ok()) << im.firstError();
    int brightest = 0;
    for (size_t i = 0; i < im->rgba.size(); i += 4) {
        ASSERT_EQ(im->rgba[i], im->rgba[i + 1]);
        ASSERT_EQ(im->rgba[i], im->rgba[i + 2]);
        brightest = std::max(brightest, int(im->rgba[i]));
    }
    EXPECT_GT(brightest, 240);
}

TEST(Imagery, VrtIsRefused) {
    const auto vrt = test::outputDir("imagery") / "elsewhere.vrt";
    std::ofstream(vrt) << "<VRTDataset rasterXSize=\"10\" rasterYSize=\"10\"><VRTRasterBand "
                          "dataType=\"Byte\" band=\"1\"/></VRTDataset>";
    auto im = loadImagery(vrt.string(), crs("EPSG:4547"), kGuangdong);
    ASSERT_FALSE(im.ok());
    EXPECT_NE(im.firstError().find("not a readable image"), std::string::npos) << im.firstError();
}

TEST(Imagery, ImageOutsideTheTerrainIsAnError) {
    auto im = loadImagery(shared("imagery/osgearth/boston-inset-wgs84.tif"), crs("EPSG:4547"),
                          kGuangdong);
    ASSERT_FALSE(im.ok());
    EXPECT_NE(im.firstError().find("does not cover"), std::string::npos) << im.firstError();
}
