// The on-disk tile pyramid: what it holds, that it is deterministic and resumable, and that
// bad input gives clear errors.

#include <cunjing/terrain/Dem.h>
#include <cunjing/terrain/Pyramid.h>

#include "TestPaths.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

using namespace cunjing;
using namespace cunjing::terrain;
namespace fs = std::filesystem;

namespace {

const std::string kDemo = "assets/demo/terrain_synthetic.asc";  // 241 x 241, EPSG:4547, 5 m

std::string fujiPath() {
    return (test::sharedData() / "dem/osgearth/mt_fuji_90m.tif").string();
}

fs::path freshDir(const std::string& name) {
    const fs::path dir = test::outputDir("pyramid") / name;
    fs::remove_all(dir);
    return dir;
}

PyramidBuildOptions options(const std::string& dem, const fs::path& out, int threads = 1,
                            int tileSamples = 65) {
    PyramidBuildOptions o;
    o.dem = dem;
    o.outDir = out;
    o.threads = threads;
    o.tileSamples = tileSamples;
    return o;
}

/// Every file under a folder with its bytes.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (!e.is_regular_file())
            continue;
        std::ifstream in(e.path(), std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        out[fs::relative(e.path(), dir).string()] = text.str();
    }
    return out;
}

std::map<std::string, fs::file_time_type> times(const fs::path& dir) {
    std::map<std::string, fs::file_time_type> out;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (e.is_regular_file())
            out[fs::relative(e.path(), dir).string()] = e.last_write_time();
    }
    return out;
}

const std::map<std::string, std::string>& fujiOneThread() {
    static const auto snap = [] {
        const fs::path dir = freshDir("fuji_1");
        auto r = buildPyramid(options(fujiPath(), dir, 1, 129));
        EXPECT_TRUE(r.ok()) << r.firstError();
        return snapshot(dir);
    }();
    return snap;
}

}  // namespace

TEST(Pyramid, DeepestTilesHoldTheDemSamplesToTheCentimetre) {
    const fs::path dir = freshDir("demo");
    auto report = buildPyramid(options(kDemo, dir));
    ASSERT_TRUE(report.ok()) << report.firstError();
    EXPECT_EQ(report->filesWritten, report->filesTotal);
    auto pyramid = PyramidTileSource::open(dir);
    ASSERT_TRUE(pyramid.ok()) << pyramid.firstError();
    auto field = loadDem(kDemo, geo::Crs::fromUserString("EPSG:4547").value());
    ASSERT_TRUE(field.ok());
    const TileScheme& s = pyramid.value()->scheme();
    const SampleGrid& g = s.grid();
    EXPECT_EQ(g.cols, field->cols);
    EXPECT_EQ(g.rows, field->rows);
    EXPECT_DOUBLE_EQ(g.x0, field->x0);
    EXPECT_DOUBLE_EQ(g.y0, field->y0);
    const int deepest = s.maxLevel();
    double worst = 0;
    for (std::int64_t x = 0; x < s.tilesAcross(deepest); ++x) {
        for (std::int64_t y = 0; y < s.tilesUp(deepest); ++y) {
            const TileKey k{deepest, x, y};
            auto t = pyramid.value()->loadTile(k);
            ASSERT_TRUE(t.ok()) << t.firstError();
            const auto cs = s.vertexColumns(k), rs = s.vertexRows(k);
            for (int j = 0; j < t->rows; ++j) {
                for (int i = 0; i < t->cols; ++i)
                    worst = std::max(worst, std::abs(double(t->height(i, j)) -
                                                     field->at(int(cs[i]), int(rs[j]))));
            }
        }
    }
    EXPECT_LT(worst, 0.005) << "heights are stored to the centimetre or better";
}

TEST(Pyramid, TileErrorsBoundTheTrueDeviationFromTheData) {
    // The pyramid's errors come from the DEM window (exact) or from the children (bounds): never
    // less than the truth, computed here from the whole DEM in memory.
    const fs::path dir = freshDir("demo_errors");
    ASSERT_TRUE(buildPyramid(options(kDemo, dir)).ok());
    auto pyramid = PyramidTileSource::open(dir).value();
    auto field = std::make_shared<Heightfield>(
        loadDem(kDemo, geo::Crs::fromUserString("EPSG:4547").value()).value());
    const TileScheme& s = pyramid->scheme();
    int tiles = 0;
    for (int level = 0; level <= s.maxLevel(); ++level) {
        for (std::int64_t x = 0; x < s.tilesAcross(level); ++x) {
            for (std::int64_t y = 0; y < s.tilesUp(level); ++y) {
                const TileKey k{level, x, y};
                const TileData stored = pyramid->loadTile(k).value();
                // The truth for the stored heights, against every DEM sample under the tile.
                TileData truth = tileFromHeightfield(s, *field, k);
                truth.heights = stored.heights;
                double err = 0;
                const auto cs = s.vertexColumns(k), rs = s.vertexRows(k);
                for (auto r = rs.front(); r <= rs.back(); ++r) {
                    for (auto c = cs.front(); c <= cs.back(); ++c) {
                        err = std::max(err, std::abs(tileSurfaceAt(s, truth, double(c), double(r)) -
                                                     field->at(int(c), int(r))));
                    }
                }
                EXPECT_GE(stored.geometricError + 1e-3, err) << k.toString();
                EXPECT_NEAR(stored.minHeight, truth.minHeight, 1e-3) << k.toString();
                EXPECT_NEAR(stored.maxHeight, truth.maxHeight, 1e-3) << k.toString();
                ++tiles;
            }
        }
    }
    EXPECT_GT(tiles, 50);
}

TEST(Pyramid, SameInputGivesTheSameBytesWithOneOrTwoThreads) {
    const fs::path dir = freshDir("fuji_2");
    auto r = buildPyramid(options(fujiPath(), dir, 2, 129));
    ASSERT_TRUE(r.ok()) << r.firstError();
    const auto two = snapshot(dir);
    const auto& one = fujiOneThread();
    ASSERT_GT(one.size(), 100u);
    EXPECT_EQ(one.size(), two.size());
    for (const auto& [name, bytes] : one) {
        auto it = two.find(name);
        ASSERT_NE(it, two.end()) << name;
        EXPECT_TRUE(it->second == bytes) << name << " differs";
    }
}

TEST(Pyramid, ASecondRunWritesNothing) {
    const fs::path dir = freshDir("demo_twice");
    ASSERT_TRUE(buildPyramid(options(kDemo, dir)).ok());
    const auto before = times(dir);
    auto again = buildPyramid(options(kDemo, dir, 2));
    ASSERT_TRUE(again.ok()) << again.firstError();
    EXPECT_EQ(again->filesWritten, 0);
    EXPECT_EQ(again->filesSkipped, again->filesTotal);
    EXPECT_EQ(times(dir), before) << "no file, index.json included, was touched";
}

TEST(Pyramid, ARunKilledHalfWayIsCompletedByTheNextWithTheSameBytes) {
    // A killed build leaves whole files only (temporary names are renamed into place), so a
    // killed run looks like a build with some files missing: delete a deep, a middle and the
    // top file, and the next run writes exactly those, byte for byte.
    const auto& full = fujiOneThread();
    const fs::path dir = freshDir("fuji_resume");
    ASSERT_TRUE(buildPyramid(options(fujiPath(), dir, 2, 129)).ok());
    auto pyramid = PyramidTileSource::open(dir).value();
    const int deepestFile = pyramid->deepestFileLevel();  // 4: files at levels 0, 2 and 4
    const std::vector<TileKey> gone = {{deepestFile, 3, 4}, {deepestFile - 2, 1, 1}, {0, 0, 0}};
    for (const TileKey& k : gone)
        ASSERT_TRUE(fs::remove(pyramid->tilePath(k))) << k.toString();
    auto again = buildPyramid(options(fujiPath(), dir, 1, 129));
    ASSERT_TRUE(again.ok()) << again.firstError();
    EXPECT_EQ(again->filesWritten, 3);
    EXPECT_TRUE(snapshot(dir) == full);
}

TEST(Pyramid, ShardsTogetherMakeTheSamePyramidAsOneRun) {
    // Small blocks, so that the three shards get several each.
    const fs::path dir = freshDir("fuji_shards"), whole = freshDir("fuji_shards_whole");
    auto one = options(fujiPath(), whole, 2, 129);
    one.blockSamples = 256;
    ASSERT_TRUE(buildPyramid(one).ok());
    std::int64_t written = 0;
    for (int i = 0; i < 3; ++i) {
        auto o = options(fujiPath(), dir, 1, 129);
        o.blockSamples = 256;
        o.shard = PyramidShard{i, 3};
        auto r = buildPyramid(o);
        ASSERT_TRUE(r.ok()) << r.firstError();
        written += r->filesWritten;
    }
    // The last, unsharded run only adds the few files above the blocks.
    one.outDir = dir;
    auto last = buildPyramid(one);
    ASSERT_TRUE(last.ok()) << last.firstError();
    EXPECT_GT(last->filesWritten, 0);
    EXPECT_LT(last->filesWritten, written / 4);
    EXPECT_TRUE(snapshot(dir) == snapshot(whole));
}

TEST(Pyramid, ProgressCountsUpToTheTotal) {
    const fs::path dir = freshDir("demo_progress");
    auto o = options(kDemo, dir);
    std::vector<PyramidBuildProgress> seen;
    o.progress = [&](const PyramidBuildProgress& p) { seen.push_back(p); };
    auto r = buildPyramid(o);
    ASSERT_TRUE(r.ok());
    ASSERT_GE(seen.size(), 2u);
    for (std::size_t i = 1; i < seen.size(); ++i)
        EXPECT_GE(seen[i].filesDone, seen[i - 1].filesDone);
    EXPECT_EQ(seen.back().filesDone, seen.back().filesTotal);
    EXPECT_EQ(seen.back().filesTotal, r->filesTotal);
}

TEST(Pyramid, GeographicDemIsBuiltInItsUtmZoneWithAWarning) {
    const auto& files = fujiOneThread();
    const std::string& index = files.at("index.json");
    EXPECT_NE(index.find("\"crs\": \"EPSG:32654\""), std::string::npos) << index;
    auto r = buildPyramid(options(fujiPath(), freshDir("fuji_warning"), 2, 129));
    ASSERT_TRUE(r.ok());
    ASSERT_FALSE(r->warnings.empty());
    EXPECT_NE(r->warnings[0].message.find("--crs"), std::string::npos);
}

TEST(Pyramid, OverviewIsACoarseHeightfieldOfTheWholeDem) {
    const fs::path dir = freshDir("demo_overview");
    ASSERT_TRUE(buildPyramid(options(kDemo, dir)).ok());
    auto pyramid = PyramidTileSource::open(dir).value();
    auto coarse = pyramid->overview(64);
    ASSERT_TRUE(coarse.ok()) << coarse.firstError();
    EXPECT_LE(std::max(coarse->cols, coarse->rows), 64);
    auto field = loadDem(kDemo, geo::Crs::fromUserString("EPSG:4547").value()).value();
    EXPECT_NEAR(coarse->x0, field.x0, 1e-9);
    EXPECT_NEAR(coarse->xMax(), field.xMax(), 1e-9);
    EXPECT_NEAR(coarse->at(0, 0), field.at(0, 0), 0.005);
    EXPECT_GT(coarse->maxHeight(), field.maxHeight() - 20);
    // Ground heights come from the deepest tiles, to the centimetre.
    const double x = field.x0 + 100 * field.dx, y = field.y0 + 77 * field.dy;
    EXPECT_NEAR(*pyramid->heightAt(x, y), field.at(100, 77), 0.01);
}

TEST(Pyramid, ImageryIsCutPerTileAndHalvedUpTheLevels) {
    const fs::path dir = freshDir("guangdong_imagery");
    auto o = options((test::sharedData() / "dem/etopo/etopo5_guangdong_clip.tif").string(), dir);
    o.imagery = (test::sharedData() / "imagery/osgearth/world.tif").string();
    o.imageSize = 64;
    o.crs = "EPSG:4547";
    auto r = buildPyramid(o);
    ASSERT_TRUE(r.ok()) << r.firstError();
    auto pyramid = PyramidTileSource::open(dir).value();
    EXPECT_EQ(pyramid->index().imageSize, 64);
    const TileScheme& s = pyramid->scheme();
    for (int level = 0; level <= s.maxLevel(); ++level) {
        auto ref = pyramid->imageryFor({level, 0, 0});
        ASSERT_TRUE(ref.has_value());
        EXPECT_TRUE(fs::exists(ref->path)) << ref->path;
        EXPECT_NEAR(ref->x0, s.grid().x0, 1e-6);
    }
    auto again = buildPyramid(o);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->filesWritten, 0);
}

TEST(PyramidErrors, MissingDemNamesTheFile) {
    auto r = buildPyramid(options("no/such/dem.tif", freshDir("missing")));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.errors()[0].file, "no/such/dem.tif");
    EXPECT_NE(r.firstError().find("not found"), std::string::npos);
}

TEST(PyramidErrors, VrtIsRefused) {
    const fs::path dir = test::outputDir("pyramid");
    const fs::path vrt = dir / "points_elsewhere.vrt";
    std::ofstream(vrt) << "<VRTDataset rasterXSize=\"10\" rasterYSize=\"10\"><VRTRasterBand "
                          "dataType=\"Float32\" band=\"1\"><SimpleSource><SourceFilename>"
                          "/etc/passwd</SourceFilename></SimpleSource></VRTRasterBand>"
                          "</VRTDataset>";
    auto r = buildPyramid(options(vrt.string(), freshDir("vrt")));
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.firstError().find("not a readable DEM"), std::string::npos) << r.firstError();
}

TEST(PyramidErrors, TruncatedDemFailsCleanlyAndLeavesOnlyWholeFiles) {
    const fs::path dir = test::outputDir("pyramid");
    const fs::path cut = dir / "fuji_truncated.tif";
    {
        std::ifstream in(fujiPath(), std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), {});
        std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 3);
    }
    const fs::path out = freshDir("truncated");
    auto r = buildPyramid(options(cut.string(), out, 2));
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.firstError().find(cut.string()), std::string::npos) << r.firstError();
    if (fs::exists(out)) {
        for (const auto& e : fs::recursive_directory_iterator(out))
            EXPECT_EQ(e.path().string().find(".tmp"), std::string::npos) << e.path();
    }
}

TEST(PyramidErrors, BadTileSizeAndThreadsAreUsageErrors) {
    auto o = options(kDemo, freshDir("bad_size"));
    o.tileSamples = 64;
    EXPECT_EQ(buildPyramid(o).errors()[0].where, "--tile-samples");
    o.tileSamples = 33;  // a file must hold at least one level below its own
    EXPECT_EQ(buildPyramid(o).errors()[0].where, "--tile-samples");
    o.tileSamples = 129;
    o.threads = 0;
    EXPECT_EQ(buildPyramid(o).errors()[0].where, "--threads");
    o.threads = 1;
    o.shard = PyramidShard{3, 3};
    EXPECT_EQ(buildPyramid(o).errors()[0].where, "--shard");
}

TEST(PyramidErrors, AFolderWithAnotherPyramidIsNotMixedIn) {
    const fs::path dir = freshDir("other");
    ASSERT_TRUE(buildPyramid(options(kDemo, dir)).ok());
    auto r = buildPyramid(options(kDemo, dir, 1, 129));
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.firstError().find("other input or settings"), std::string::npos);
}

TEST(PyramidErrors, DamagedTileIsReportedNotDrawn) {
    const fs::path dir = freshDir("damaged");
    ASSERT_TRUE(buildPyramid(options(kDemo, dir)).ok());
    auto pyramid = PyramidTileSource::open(dir).value();
    const fs::path file = pyramid->tilePath({1, 1, 0});
    {
        std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(300);
        f.put('\x5a');
    }
    auto t = pyramid->loadTile({2, 2, 1});
    ASSERT_FALSE(t.ok());
    EXPECT_NE(t.firstError().find("checksum"), std::string::npos) << t.firstError();
    EXPECT_NE(t.firstError().find(file.string()), std::string::npos);
}

TEST(PyramidErrors, OpeningSomethingElseSaysWhatIsWrong) {
    EXPECT_NE(PyramidTileSource::open("no/such/folder").firstError().find("not a folder"),
              std::string::npos);
    const fs::path dir = freshDir("bad_index");
    fs::create_directories(dir);
    std::ofstream(dir / "index.json") << "{\"format\": \"something\"}";
    EXPECT_NE(PyramidTileSource::open(dir).firstError().find("not a Cunjing terrain pyramid"),
              std::string::npos);
    std::ofstream(dir / "index.json") << "{ not json";
    EXPECT_FALSE(PyramidTileSource::open(dir).ok());
}
