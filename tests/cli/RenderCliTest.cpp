// End-to-end: the `cunjing render` command on good, broken and real files.

#include "GoldenImage.h"
#include "TestPaths.h"

#include <gtest/gtest.h>
#include <osgDB/ReadFile>

#include <fstream>
#include <map>
#include <sstream>

using namespace cunjing::test;

namespace {

std::filesystem::path writeScene(const std::string& name, const std::string& text) {
    // Written beside the demo data in a copy folder so relative paths resolve.
    const auto dir = outputDir("cli") / "scenes";
    std::filesystem::create_directories(dir);
    std::filesystem::copy_file("assets/demo/terrain_synthetic.asc", dir / "terrain_synthetic.asc",
                               std::filesystem::copy_options::overwrite_existing);
    std::filesystem::copy_file("assets/demo/terrain_synthetic.prj", dir / "terrain_synthetic.prj",
                               std::filesystem::copy_options::overwrite_existing);
    const auto path = dir / name;
    std::ofstream(path) << text;
    return path;
}

std::string cunjingExe() {
    return executable("cunjing").string();
}

/// Runs `cunjing render` on a scene and expects exit 2 with exactly one "error:" line that
/// names the file and contains `where`.
void expectOneError(const std::filesystem::path& scene, const std::string& where) {
    const auto out = outputDir("cli") / "should_not_exist.png";
    const CommandResult r =
        runCommand(cunjingExe() + " render '" + scene.string() + "' --out '" + out.string() + "'");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_FALSE(std::filesystem::exists(out)) << "no output is written for bad input";
    size_t lines = 0;
    std::istringstream text(r.out);
    for (std::string line; std::getline(text, line);)
        lines += line.rfind("error: ", 0) == 0;
    EXPECT_EQ(lines, 1u) << r.out;
    EXPECT_NE(r.out.find(scene.string()), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(where), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("terminate"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("ERROR"), std::string::npos) << "library chatter leaked: " << r.out;
}

}  // namespace

TEST(RenderCli, SyntaxErrorExitsTwoWithLine) {
    expectOneError(writeScene("syntax.json", "{\"version\": 1,\n \"crs\": \"EPSG:4547\",,\n}"),
                   "line 2");
}

TEST(RenderCli, UnknownKeyExitsTwoWithPath) {
    expectOneError(
        writeScene("unknown_key.json", R"({"version": 1, "crs": "EPSG:4547", "terain": {}})"),
        "$.terain");
}

TEST(RenderCli, MissingDemExitsTwoWithPath) {
    expectOneError(
        writeScene("missing_dem.json",
                   R"({"version": 1, "crs": "EPSG:4547", "terrain": {"dem": "gone.tif"}})"),
        "$.terrain.dem");
}

TEST(RenderCli, UnknownCrsExitsTwoWithPath) {
    expectOneError(writeScene("bad_crs.json", R"({"version": 1, "crs": "EPSG:0"})"), "$.crs");
}

TEST(RenderCli, EmptyFileExitsTwo) {
    expectOneError(writeScene("empty.json", ""), "empty");
}

TEST(RenderCli, EmptyObjectExitsTwoNamingMissingKeys) {
    const auto scene = writeScene("empty_object.json", "{}");
    const CommandResult r = runCommand(cunjingExe() + " render '" + scene.string() + "'");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("missing required key \"crs\""), std::string::npos) << r.out;
}

TEST(RenderCli, HtmlPageAsDemIsABadInputNotACrash) {
    const auto html = sharedData() / "models/invalid_in_the_wild/DamagedHelmet_is_html_page.glb";
    const auto scene =
        writeScene("html_dem.json", R"({"version": 1, "crs": "EPSG:4547", "terrain": {"dem": ")" +
                                        std::filesystem::absolute(html).string() + "\"}}");
    const CommandResult r = runCommand(cunjingExe() + " render '" + scene.string() + "'");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("not a readable DEM"), std::string::npos) << r.out;
}

TEST(RenderCli, UnknownViewIsBadUsage) {
    const CommandResult r =
        runCommand(cunjingExe() + " render assets/demo/demo.json --view nowhere");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("overview"), std::string::npos) << "lists the views there are: " << r.out;
}

TEST(RenderCli, BadSizeIsBadUsage) {
    const CommandResult r = runCommand(cunjingExe() + " render assets/demo/demo.json --size big");
    EXPECT_EQ(r.exitCode, 2) << r.out;
}

TEST(RenderCli, BadDateOrTimeIsBadInputAndWritesNothing) {
    const auto out = outputDir("cli") / "sun_should_not_exist.png";
    std::filesystem::remove(out);
    for (const char* arg : {"--date 2026-13-01", "--time 25:10"}) {
        const CommandResult r = runCommand(cunjingExe() + " render assets/demo/demo.json " + arg +
                                           " --out '" + out.string() + "'");
        EXPECT_EQ(r.exitCode, 2) << r.out;
        EXPECT_NE(r.out.find(std::string(arg).substr(0, 6) + ": \""), std::string::npos) << r.out;
        EXPECT_FALSE(std::filesystem::exists(out));
    }
}

TEST(RenderCli, BadQualityIsBadUsageAndWritesNothing) {
    const auto out = outputDir("cli") / "quality_should_not_exist.png";
    std::filesystem::remove(out);
    const CommandResult r = runCommand(cunjingExe() + " render assets/demo/demo.json --quality " +
                                       "ultra --out '" + out.string() + "'");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("--quality"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(out));
}

// The preset follows the renderer unless asked (CI renders on llvmpipe: low, no shadows); the
// switches say what they did on stderr.
TEST(RenderCli, QualityShadowsAndColourCheckAreReported) {
    const auto png = outputDir("cli") / "look.png";
    const std::string base = cunjingExe() +
                             " render assets/demo/demo.json --view gables --size 160x90 --out '" +
                             png.string() + "' ";
    const CommandResult automatic = runCommand(base);
    ASSERT_EQ(automatic.exitCode, 0) << automatic.out;
    EXPECT_NE(automatic.out.find("look: quality low, shadows off"), std::string::npos)
        << "llvmpipe gets the low preset: " << automatic.out;
    const CommandResult high = runCommand(base + "--quality high");
    ASSERT_EQ(high.exitCode, 0) << high.out;
    EXPECT_NE(high.out.find("look: quality high, shadows on"), std::string::npos) << high.out;
    const CommandResult off = runCommand(base + "--quality high --no-shadows");
    EXPECT_NE(off.out.find("look: quality high, shadows off"), std::string::npos) << off.out;
    const CommandResult check = runCommand(base + "--colour-check");
    EXPECT_NE(check.out.find(", colour check"), std::string::npos) << check.out;
}

TEST(RenderCli, DateAndTimeLightTheRenderEveningDarkerThanNoon) {
    std::map<std::string, ImageStats> stats;
    for (const auto& [name, time] : {std::pair{"noon", "12:30"}, std::pair{"evening", "17:15"}}) {
        const auto png = outputDir("cli") / (std::string("sun_") + name + ".png");
        const CommandResult r = runCommand(
            cunjingExe() + " render assets/demo/demo.json --view gables --size 320x180 " +
            "--date 2026-10-15 --time " + time + " --out '" + png.string() + "'");
        ASSERT_EQ(r.exitCode, 0) << r.out;
        EXPECT_NE(r.out.find("sun: 2026-10-15 " + std::string(time)), std::string::npos) << r.out;
        osg::ref_ptr<osg::Image> image = osgDB::readRefImageFile(png.string());
        ASSERT_TRUE(image) << png;
        stats[name] = imageStats(*image);
    }
    EXPECT_LT(stats["evening"].meanLuminance, stats["noon"].meanLuminance);
}

TEST(RenderCli, AllViewsOfTheDemoAreWrittenAndNotBlank) {
    const auto dir = outputDir("cli") / "demo_all";
    std::filesystem::remove_all(dir);
    const CommandResult r =
        runCommand(cunjingExe() + " render assets/demo/demo.json --all --size 320x180 --out '" +
                   dir.string() + "'");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    int count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        ++count;
        osg::ref_ptr<osg::Image> image = osgDB::readRefImageFile(entry.path().string());
        ASSERT_TRUE(image) << entry.path();
        EXPECT_EQ(image->s(), 320);
        EXPECT_EQ(image->t(), 180);
        const ImageStats stats = imageStats(*image);
        EXPECT_GT(stats.luminanceStdDev, 12) << entry.path() << " looks flat";
        EXPECT_GT(stats.distinctColours, 50) << entry.path() << " has too few colours";
        EXPECT_NE(r.out.find(entry.path().string()), std::string::npos) << "path printed";
    }
    EXPECT_EQ(count, 10);  // the demo's viewpoints
}

TEST(RenderCli, RealDemFromSharedDataRenders) {
    // Mt Fuji SRTM tile (geographic) shown in UTM 54N: reprojection on load.
    const auto dem = std::filesystem::absolute(sharedData() / "dem/osgearth/mt_fuji_90m.tif");
    const auto scene =
        writeScene("fuji.json", R"({"version": 1, "crs": "EPSG:32654", "terrain": {"dem": ")" +
                                    dem.string() + R"(", "max_grid": 300}})");
    const auto png = outputDir("cli") / "fuji.png";
    const CommandResult r = runCommand(cunjingExe() + " render '" + scene.string() +
                                       "' --size 320x200 --out '" + png.string() + "'");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    osg::ref_ptr<osg::Image> image = osgDB::readRefImageFile(png.string());
    ASSERT_TRUE(image);
    EXPECT_GT(imageStats(*image).luminanceStdDev, 10);
}

TEST(RenderCli, StartsItsOwnXvfbWithoutADisplay) {
    const auto png = outputDir("cli") / "no_display.png";
    std::filesystem::remove(png);
    const CommandResult r = runCommand(
        "env -u DISPLAY " + cunjingExe() +
        " render assets/demo/demo.json --view gables --size 160x90 --out '" + png.string() + "'");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_TRUE(std::filesystem::exists(png));
    EXPECT_EQ(r.out.find("X11ErrorHandling"), std::string::npos)
        << "OSG notices stay quiet: " << r.out;
}

// The demo street after the plan's Lingnan alternative (issue 7's "after"; SceneRender's
// demo_street is its "before" at the same size): rendered through the CLI, as a designer
// would make the picture for the town.
TEST(RenderCli, DemoStreetAfterLingnanPlanMatchesGolden) {
    const auto png = outputDir("cli") / "demo_street_after.png";
    std::filesystem::remove(png);
    const CommandResult r =
        runCommand(cunjingExe() +
                   " render assets/demo/demo.json --view street --size 480x270 --plan street-works "
                   "--alternative lingnan --quality medium --out '" +
                   png.string() + "'");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    osg::ref_ptr<osg::Image> image = osgDB::readRefImageFile(png.string());
    ASSERT_TRUE(image);
    // As SceneRender's scene goldens: 24/255 per channel ignores llvmpipe rounding, 2 % of
    // pixels lets edges move by about a pixel, a mean of 3 catches any change of colour.
    const auto cmp = compareWithGolden(*image, "demo_street_after", {24, 0.02, 3.0});
    EXPECT_TRUE(cmp.passed) << cmp.message;
}
