// Broken and hostile DEMs: every reader (load, info, height query, imagery) answers with a
// clear error, quickly, without crashing or allocating what the header claims.

#include <cunjing/terrain/Dem.h>
#include <cunjing/terrain/HeightQuery.h>
#include <cunjing/terrain/Imagery.h>

#include "TestPaths.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <chrono>
#include <cstring>
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

std::filesystem::path out(const std::string& name) {
    return test::outputDir("broken_dem") / name;
}

/// A tiled, uncompressed Int16 TIFF header of any claimed size whose tiles are all missing:
/// a 2 KB file that asks for a terabyte (the shape of GDAL issue #14400).
void writeClaimingTiff(const std::filesystem::path& path, std::uint32_t width, std::uint32_t height,
                       std::uint16_t tile) {
    const std::uint32_t across = (width + tile - 1) / tile, down = (height + tile - 1) / tile;
    const std::uint32_t tiles = across * down;
    struct Entry {
        std::uint16_t tag, type;
        std::uint32_t count, value;
    };
    const std::uint32_t ifdAt = 8, entries = 11;
    const std::uint32_t offsetsAt = ifdAt + 2 + entries * 12 + 4, countsAt = offsetsAt + 4 * tiles;
    const Entry e[] = {{256, 4, 1, width},
                       {257, 4, 1, height},
                       {258, 3, 1, 16},
                       {259, 3, 1, 1},
                       {262, 3, 1, 1},
                       {277, 3, 1, 1},
                       {322, 3, 1, tile},
                       {323, 3, 1, tile},
                       {324, 4, tiles, offsetsAt},
                       {325, 4, tiles, countsAt},
                       {339, 3, 1, 2}};
    std::vector<std::uint8_t> bytes = {'I', 'I', 42, 0, 8, 0, 0, 0};
    auto put = [&](std::uint32_t v, int n) {
        for (int i = 0; i < n; ++i)
            bytes.push_back(std::uint8_t(v >> (8 * i)));
    };
    put(entries, 2);
    for (const auto& x : e) {
        put(x.tag, 2);
        put(x.type, 2);
        put(x.count, 4);
        // SHORT values sit left-justified in the 4-byte field (little-endian: low bytes first).
        put(x.value, 4);
    }
    put(0, 4);
    bytes.resize(bytes.size() + 8 * size_t(tiles), 0);
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

long peakMemoryMiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

/// Every reader refuses the file with a message containing `expected`, within a second
/// each, and the process never grows past a few hundred MiB.
void expectEveryReaderRefuses(const std::string& path, const std::string& expected) {
    const auto started = std::chrono::steady_clock::now();
    auto field = loadDem(path, crs("EPSG:4547"));
    ASSERT_FALSE(field.ok());
    EXPECT_EQ(field.errors()[0].file, path);
    EXPECT_NE(field.firstError().find(expected), std::string::npos) << field.firstError();
    auto query = HeightQuery::open(path);
    ASSERT_FALSE(query.ok());
    EXPECT_NE(query.firstError().find(expected), std::string::npos) << query.firstError();
    auto image = loadImagery(path, crs("EPSG:4547"), {0, 0, 1000, 1000});
    EXPECT_FALSE(image.ok());
    DemInspectOptions withStatistics;
    withStatistics.statistics = true;
    auto info = inspectDem(path, withStatistics);
    if (info) {  // the header is worth reporting; the pixels are not read
        EXPECT_FALSE(info->minHeight.has_value());
        ASSERT_FALSE(info->notes.empty());
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    EXPECT_LT(seconds, 5.0);
    EXPECT_LT(peakMemoryMiB(), 1024) << "something allocated what the header claims";
}

}  // namespace

TEST(BrokenDem, GeoTiffHeaderClaimingAMillionByAMillionPixelsIsRefused) {
    const auto path = out("million.tif");
    writeClaimingTiff(path, 1000000, 1000000, 65520);
    ASSERT_LT(std::filesystem::file_size(path), 4096u);
    auto info = inspectDem(path.string());
    ASSERT_TRUE(info.ok()) << "GDAL reads the header: " << info.firstError();
    EXPECT_EQ(info->width, 1000000);
    expectEveryReaderRefuses(path.string(), "1000000x1000000");
}

TEST(BrokenDem, SmallRasterWithGiganticTilesIsRefused) {
    // 1000 x 1000 pixels in one 65520 x 65520 tile: reading it would allocate 8 GiB.
    const auto path = out("giant_tile.tif");
    writeClaimingTiff(path, 1000, 1000, 65520);
    expectEveryReaderRefuses(path.string(), "65520x65520");
}

TEST(BrokenDem, AsciiGridHeaderClaimingAMillionByAMillionIsRefused) {
    const auto path = out("million.asc");
    std::ofstream(path) << "ncols 1000000\nnrows 1000000\nxllcorner 0\nyllcorner 0\ncellsize 1\n"
                           "1 2 3\n";
    DemLoadOptions options;
    options.sourceCrs = "EPSG:4547";
    auto field = loadDem(path.string(), crs("EPSG:4547"), options);
    ASSERT_FALSE(field.ok());
    EXPECT_NE(field.firstError().find("1000000x1000000"), std::string::npos) << field.firstError();
}

TEST(BrokenDem, TruncatedGeoTiffWithoutItsDirectoryIsNotReadable) {
    // GDAL writes this tiled file's directory at the end: cut off, nothing opens.
    const auto path = out("truncated_directory.tif");
    std::ifstream in(shared("dem/osgearth/mt_fuji_90m.tif"), std::ios::binary);
    std::vector<char> bytes(1300000);
    in.read(bytes.data(), std::streamsize(bytes.size()));
    std::ofstream(path, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
    auto field = loadDem(path.string(), crs("EPSG:32654"));
    ASSERT_FALSE(field.ok());
    EXPECT_NE(field.firstError().find("not a readable DEM"), std::string::npos)
        << field.firstError();
}

TEST(BrokenDem, TruncatedGeoTiffPixelsAreAReadError) {
    // An uncompressed striped copy keeps its directory first: it opens, the pixels are cut.
    const auto whole = out("striped.tif"), cut = out("truncated_pixels.tif");
    const auto r =
        test::runCommand("gdal_translate -q -co TILED=NO " +
                         shared("dem/osgearth/mt_fuji_90m.tif") + " '" + whole.string() + "'");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    std::ifstream in(whole, std::ios::binary);
    std::vector<char> bytes(1000000);
    in.read(bytes.data(), std::streamsize(bytes.size()));
    std::ofstream(cut, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
    auto field = loadDem(cut.string(), crs("EPSG:32654"));
    ASSERT_FALSE(field.ok());
    EXPECT_NE(field.firstError().find("truncated"), std::string::npos) << field.firstError();
    // A query in the part that is there still works; one in the missing part says why not.
    auto q = HeightQuery::open(cut.string());
    ASSERT_TRUE(q.ok()) << q.firstError();
    EXPECT_TRUE(q->heightAt(138.5, 35.99).ok());
    auto missing = q->heightAt(138.5, 35.01);
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.firstError().find("truncated"), std::string::npos) << missing.firstError();
}

TEST(BrokenDem, VrtIsRefusedByEveryReader) {
    const auto path = out("points_elsewhere.vrt");
    std::ofstream(path) << "<VRTDataset rasterXSize=\"10\" rasterYSize=\"10\"><VRTRasterBand "
                           "dataType=\"Float32\" band=\"1\"><SimpleSource><SourceFilename>"
                           "/etc/passwd</SourceFilename></SimpleSource></VRTRasterBand>"
                           "</VRTDataset>";
    EXPECT_FALSE(loadDem(path.string(), crs("EPSG:4547")).ok());
    EXPECT_FALSE(inspectDem(path.string()).ok());
    EXPECT_FALSE(HeightQuery::open(path.string()).ok());
    EXPECT_FALSE(loadImagery(path.string(), crs("EPSG:4547"), {0, 0, 1, 1}).ok());
}

TEST(BrokenDem, OneByOneRasterCannotBeATerrain) {
    const auto path = out("one_pixel.tif");
    const auto r = test::runCommand(
        "gdal_create -q -of GTiff -ot Float32 -outsize 1 1 -burn 12 -a_srs EPSG:4547 "
        "-a_ullr 400000 2500001 400001 2500000 '" +
        path.string() + "'");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    auto field = loadDem(path.string(), crs("EPSG:4547"));
    ASSERT_FALSE(field.ok());
    EXPECT_NE(field.firstError().find("1x1"), std::string::npos) << field.firstError();
    // Its one height can still be asked for.
    auto h = HeightQuery::open(path.string()).value().heightAt(400000.5, 2500000.5);
    ASSERT_TRUE(h.ok()) << h.firstError();
    EXPECT_EQ(h->height, 12.0);
}

TEST(BrokenDem, AllNodataRasterIsAClearError) {
    const auto path = out("all_nodata.tif");
    const auto r = test::runCommand(
        "gdal_create -q -of GTiff -ot Int16 -outsize 20 20 -burn -32768 -a_nodata -32768 "
        "-a_srs EPSG:4326 -a_ullr 113 24 113.2 23.8 '" +
        path.string() + "'");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    auto field = loadDem(path.string(), crs("EPSG:4547"));
    ASSERT_FALSE(field.ok());
    EXPECT_NE(field.firstError().find("every sample is nodata"), std::string::npos)
        << field.firstError();
    auto h = HeightQuery::open(path.string()).value().heightAt(113.1, 23.9);
    ASSERT_FALSE(h.ok());
    EXPECT_NE(h.firstError().find("no data"), std::string::npos);
    DemInspectOptions withStatistics;
    withStatistics.statistics = true;
    auto info = inspectDem(path.string(), withStatistics);
    ASSERT_TRUE(info.ok()) << info.firstError();
    EXPECT_FALSE(info->minHeight.has_value());
}

TEST(BrokenDem, RasterWithoutGeoreferencingIsAClearError) {
    const auto path = out("no_georef.tif");
    const auto r = test::runCommand("gdal_create -q -of GTiff -ot Int16 -outsize 8 8 -burn 5 '" +
                                    path.string() + "'");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    DemLoadOptions options;
    options.sourceCrs = "EPSG:4547";
    auto field = loadDem(path.string(), crs("EPSG:4547"), options);
    ASSERT_FALSE(field.ok());
    EXPECT_NE(field.firstError().find("georeferencing"), std::string::npos) << field.firstError();
}
