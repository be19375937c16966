// End to end: `cunjing terrain build` writes a pyramid from a shared DEM, a re-run resumes,
// and `cunjing render` draws the pyramid through a scene file like the DEM itself.

#include "GoldenImage.h"
#include "TestPaths.h"

#include <gtest/gtest.h>
#include <osgDB/ReadFile>

#include <unistd.h>
#include <fstream>
#include <sstream>

using namespace cunjing::test;
namespace fs = std::filesystem;

namespace {

std::string cunjingExe() {
    return executable("cunjing").string();
}

std::string luxembourg() {
    return fs::absolute(sharedData() / "dem/debian/terra_elev_luxembourg.tif")
        .lexically_normal()
        .string();
}

fs::path workDir() {
    // One folder per process: ctest runs each test in its own process, in parallel, and each
    // builds the shared pyramid; they must not remove one another's.
    const fs::path dir = outputDir("cli") / "terrain_build" / std::to_string(::getpid());
    fs::create_directories(dir);
    return dir;
}

/// Builds the Luxembourg pyramid (95 x 90 samples, WGS 84) in UTM 32N once for the suite.
const fs::path& pyramid() {
    static const fs::path dir = [] {
        const fs::path d = workDir() / "luxembourg";
        fs::remove_all(d);
        const auto r =
            runCommand(cunjingExe() + " terrain build '" + luxembourg() + "' --out '" + d.string() +
                       "' --crs EPSG:32632 --tile-samples 65 --block-samples 64 --threads 2");
        EXPECT_EQ(r.exitCode, 0) << r.out;
        return d;
    }();
    return dir;
}

fs::path writeScene(const std::string& name, const std::string& terrain) {
    const fs::path path = workDir() / name;
    std::ofstream(path) << R"({"version": 1, "crs": "EPSG:32632", "terrain": )" << terrain
                        << R"(, "viewpoints": [{"name": "v", "eye": [-9000, -14000, 9000],
                              "target": [0, 0, 200]}]})";
    return path;
}

/// Mean absolute difference of 8 x 8 pixel block averages over the middle of two frames:
/// the shader's fine noise (a function of position) averages out, shapes and shading do not.
/// The top rows are left out: there the far edge of a reprojected DEM differs (the pyramid
/// keeps the DEM's footprint, a "dem" scene fills the corners of its grid).
double blockDifference(const osg::Image& a, const osg::Image& b) {
    if (a.s() != b.s() || a.t() != b.t())
        return 255;
    const int block = 8;
    double sum = 0;
    int n = 0;
    for (int by = 0; by + block <= a.t() * 2 / 3; by += block) {  // row 0 is the bottom
        for (int bx = a.s() / 10; bx + block <= a.s() * 9 / 10; bx += block) {
            for (int c = 0; c < 3; ++c) {
                double ma = 0, mb = 0;
                for (int y = by; y < by + block; ++y) {
                    for (int x = bx; x < bx + block; ++x)
                        ma += a.data(x, y)[c], mb += b.data(x, y)[c];
                }
                sum += std::abs(ma - mb) / (block * block);
                ++n;
            }
        }
    }
    return sum / n;
}

}  // namespace

TEST(TerrainBuildCli, WritesAPyramidWithProgressAndAnIndex) {
    const fs::path& dir = pyramid();
    EXPECT_TRUE(fs::exists(dir / "index.json"));
    EXPECT_TRUE(fs::exists(dir / "tiles" / "0" / "0" / "0.cjt"));
    std::ifstream in(dir / "index.json");
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_NE(text.str().find("\"crs\": \"EPSG:32632\""), std::string::npos) << text.str();
}

TEST(TerrainBuildCli, ARerunWritesNothingAndSaysSo) {
    const fs::path& dir = pyramid();
    const auto r =
        runCommand(cunjingExe() + " terrain build '" + luxembourg() + "' --out '" + dir.string() +
                   "' --crs EPSG:32632 --tile-samples 65 --block-samples 64");
    EXPECT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("(0 written"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("100%"), std::string::npos) << "progress on stderr: " << r.out;
}

TEST(TerrainBuildCli, PyramidRendersLikeTheDemItWasBuiltFrom) {
    const fs::path& dir = pyramid();
    const fs::path viaPyramid = writeScene("lux_pyramid.json", R"({"pyramid": "luxembourg"})");
    const fs::path viaDem =
        writeScene("lux_dem.json", R"({"dem": ")" + luxembourg() + R"(", "max_grid": 4096})");
    const fs::path a = workDir() / "lux_pyramid.png", b = workDir() / "lux_dem.png";
    fs::remove(a);
    fs::remove(b);
    // Lit per pixel (medium): the low preset lights the ground per vertex, where the pyramid's
    // tiles and the DEM's own LOD tiles have their vertices in other places.
    auto r = runCommand(cunjingExe() + " render '" + viaPyramid.string() +
                        "' --quality medium --size 480x270 --out '" + a.string() + "'");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    r = runCommand(cunjingExe() + " render '" + viaDem.string() +
                   "' --quality medium --size 480x270 --out '" + b.string() + "'");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    osg::ref_ptr<osg::Image> pa = osgDB::readImageFile(a.string());
    osg::ref_ptr<osg::Image> pb = osgDB::readImageFile(b.string());
    ASSERT_TRUE(pa && pb);
    const ImageStats stats = imageStats(*pa);
    EXPECT_GT(stats.meanLuminance, 60) << "not a dark frame";
    EXPECT_GT(stats.luminanceStdDev, 10) << "not an empty frame";
    // Same grid, same heights to the centimetre, normals quantised to 8 bits: the frames
    // differ by shading rounding and by which LOD tiles were chosen, both well under 2/255.
    EXPECT_LT(blockDifference(*pa, *pb), 2.0);
    (void)dir;
}

TEST(TerrainBuildCli, SceneInAnotherCrsThanThePyramidIsAnError) {
    pyramid();
    const fs::path scene = workDir() / "lux_wrong_crs.json";
    std::ofstream(scene)
        << R"({"version": 1, "crs": "EPSG:4547", "terrain": {"pyramid": "luxembourg"}})";
    const auto r = runCommand(cunjingExe() + " render '" + scene.string() + "' --out '" +
                              (workDir() / "never.png").string() + "'");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("--crs EPSG:4547"), std::string::npos) << r.out;
}

TEST(TerrainBuildCli, SceneNamingAFolderThatIsNoPyramidIsAnError) {
    const fs::path scene = workDir() / "not_a_pyramid.json";
    std::ofstream(scene) << R"({"version": 1, "crs": "EPSG:32632", "terrain": {"pyramid": "."}})";
    const auto r = runCommand(cunjingExe() + " render '" + scene.string() + "'");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("$.terrain.pyramid"), std::string::npos) << r.out;
}

TEST(TerrainBuildCli, MissingDemExitsTwoNamingIt) {
    const auto r = runCommand(cunjingExe() + " terrain build no_such_dem.tif --out '" +
                              (workDir() / "none").string() + "'");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("error: no_such_dem.tif"), std::string::npos) << r.out;
}

TEST(TerrainBuildCli, BadOptionsAreUsageErrors) {
    const std::string base = cunjingExe() + " terrain build '" + luxembourg() + "' --out '" +
                             (workDir() / "bad").string() + "'";
    auto r = runCommand(base + " --shard 2");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("--shard"), std::string::npos) << r.out;
    r = runCommand(base + " --tile-samples 100");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("--tile-samples"), std::string::npos) << r.out;
    r = runCommand(cunjingExe() + " terrain build '" + luxembourg() + "'");
    EXPECT_EQ(r.exitCode, 2) << "--out is required: " << r.out;
}

TEST(TerrainBuildCli, ShardsThenAFinalRunGiveTheSamePyramid) {
    const fs::path dir = workDir() / "luxembourg_shards";
    fs::remove_all(dir);
    const std::string base = cunjingExe() + " terrain build '" + luxembourg() + "' --out '" +
                             dir.string() +
                             "' --crs EPSG:32632 --tile-samples 65 --block-samples 64 --quiet";
    for (const char* shard : {"0/2", "1/2"}) {
        const auto r = runCommand(base + " --shard " + shard);
        ASSERT_EQ(r.exitCode, 0) << r.out;
    }
    ASSERT_EQ(runCommand(base).exitCode, 0);
    for (const auto& e : fs::recursive_directory_iterator(pyramid())) {
        if (!e.is_regular_file())
            continue;
        const fs::path other = dir / fs::relative(e.path(), pyramid());
        ASSERT_TRUE(fs::exists(other)) << other;
        std::ifstream x(e.path(), std::ios::binary), y(other, std::ios::binary);
        std::stringstream sx, sy;
        sx << x.rdbuf();
        sy << y.rdbuf();
        EXPECT_TRUE(sx.str() == sy.str()) << other;
    }
}

TEST(TerrainBuildCli, RenderingAPyramidTwiceGivesTheSameImage) {
    // Offscreen renders wait for every tile the view needs: no frame shows half-loaded ground.
    pyramid();
    const fs::path scene = writeScene("lux_twice.json", R"({"pyramid": "luxembourg"})");
    std::string bytes[2];
    for (int i = 0; i < 2; ++i) {
        const fs::path out = workDir() / ("lux_twice" + std::to_string(i) + ".png");
        const auto r = runCommand(cunjingExe() + " render '" + scene.string() +
                                  "' --size 320x180 --out '" + out.string() + "'");
        ASSERT_EQ(r.exitCode, 0) << r.out;
        std::ifstream in(out, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        bytes[i] = text.str();
    }
    EXPECT_FALSE(bytes[0].empty());
    EXPECT_TRUE(bytes[0] == bytes[1]);
}

TEST(TerrainBuildCli, SceneNamingBothDemAndPyramidIsAnError) {
    pyramid();
    const fs::path scene = workDir() / "both.json";
    std::ofstream(scene)
        << R"({"version": 1, "crs": "EPSG:32632", "terrain": {"pyramid": "luxembourg", "dem": "x.tif"}})";
    const auto r = runCommand(cunjingExe() + " render '" + scene.string() + "'");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("either \"dem\" or \"pyramid\""), std::string::npos) << r.out;
}
