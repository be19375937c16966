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
