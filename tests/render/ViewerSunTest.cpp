// The viewer's sun (issue 9): --date and --time place it over the scene (NOAA's algorithm,
// geo/Sun.h), the scene is lit by it, and a wrong date or time is refused at start with the
// reason.

#include "ViewerRun.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>

using namespace cunjing::test;

namespace {

constexpr int kWidth = 800, kHeight = 450;

/// Mean luminance of the 3D view right of the help overlay, between the scene panel and the
/// language bar: gables, a hill and grass at this viewpoint.
double sceneLuminance(const osg::Image& image) {
    double sum = 0;
    int n = 0;
    for (int y = 240; y < 380; y += 2) {
        for (int x = 545; x < 795; x += 2, ++n)
            sum += luminanceAt(image, x, y);
    }
    return sum / n;
}

ViewerRun litAt(const std::string& name, const std::string& when) {
    return runViewer("sun_" + name, sourceDir() / "assets" / "demo" / "demo.json", 4, kWidth,
                     kHeight, "--viewpoint gables --lang en " + when);
}

double printedElevation(const std::string& out) {
    std::smatch m;
    const std::regex line(R"(sun: \S+ \S+ elevation (-?[0-9.]+) azimuth)");
    return std::regex_search(out, m, line) ? std::stod(m[1]) : -999;
}

}  // namespace

TEST(ViewerSun, DateAndTimePlaceTheSunAndLightTheScene) {
    if (!haveDisplay())
        GTEST_SKIP() << "DISPLAY is not set; test.sh runs this under Xvfb";
    const ViewerRun noon = litAt("noon", "--date 2026-10-15 --time 12:30");
    const ViewerRun night = litAt("night", "--date 2026-10-15 --time 19:30");
    ASSERT_EQ(noon.command.exitCode, 0) << noon.command.out;
    ASSERT_EQ(night.command.exitCode, 0) << night.command.out;
    ASSERT_TRUE(noon.image && night.image);
    EXPECT_GT(printedElevation(noon.command.out), 50);
    EXPECT_LT(printedElevation(night.command.out), -15);
    const double day = sceneLuminance(*noon.image), dark = sceneLuminance(*night.image);
    std::cerr << "mean luminance: noon " << day << ", night " << dark << "\n";
    EXPECT_GT(day, 2.5 * dark);
}

TEST(ViewerSun, BadDateOrTimeExitsTwoAndSaysWhy) {
    if (!haveDisplay())
        GTEST_SKIP() << "DISPLAY is not set; test.sh runs this under Xvfb";
    const ViewerRun date = litAt("bad_date", "--date 2026-02-30");
    EXPECT_EQ(date.command.exitCode, 2);
    EXPECT_NE(date.command.out.find("--date: \"2026-02-30\" is not a day"), std::string::npos)
        << date.command.out;
    const ViewerRun time = litAt("bad_time", "--time 9pm");
    EXPECT_EQ(time.command.exitCode, 2);
    EXPECT_NE(time.command.out.find("--time: \"9pm\" is not a time of day"), std::string::npos)
        << time.command.out;
}

// The look: llvmpipe picks the low preset; --quality and --no-shadows win over it, and the
// colour check turns the sun off, so noon and night look alike.
TEST(ViewerSun, QualityShadowsAndColourCheckFromTheCommandLine) {
    if (!haveDisplay())
        GTEST_SKIP() << "DISPLAY is not set; test.sh runs this under Xvfb";
    const ViewerRun automatic = litAt("look_auto", "--time 12:30");
    ASSERT_EQ(automatic.command.exitCode, 0) << automatic.command.out;
    EXPECT_NE(automatic.command.out.find("look: quality low, shadows off"), std::string::npos)
        << automatic.command.out;
    const ViewerRun high = litAt("look_high", "--time 12:30 --quality high --no-shadows");
    ASSERT_EQ(high.command.exitCode, 0) << high.command.out;
    EXPECT_NE(high.command.out.find("look: quality high, shadows off"), std::string::npos)
        << high.command.out;
    const ViewerRun noon = litAt("check_noon", "--time 12:30 --colour-check");
    const ViewerRun night = litAt("check_night", "--time 19:30 --colour-check");
    ASSERT_TRUE(noon.image && night.image) << noon.command.out << night.command.out;
    EXPECT_NE(noon.command.out.find(", colour check"), std::string::npos) << noon.command.out;
    EXPECT_NEAR(sceneLuminance(*noon.image), sceneLuminance(*night.image), 1.0);
    const ViewerRun bad = litAt("look_bad", "--quality ultra");
    EXPECT_EQ(bad.command.exitCode, 2) << bad.command.out;
}
