// The exhibition kiosk (`cunjing-viewer --kiosk`, issue 8) in the real window under Xvfb: a
// locked kiosk outlives Esc and a quit request, and an idle kiosk starts its attract tour with
// the viewpoint's caption at the bottom.

#include "GoldenImage.h"
#include "TestPaths.h"
#include "ViewerRun.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

using namespace cunjing::test;

namespace {

constexpr int kWidth = 1280, kHeight = 720;

/// Where the tour caption sits: the bottom centre, over open ground in the first viewpoint.
constexpr ScreenRect kCaption{600, 660, 80, 40};

std::filesystem::path demoDir() {
    // Absolute: the scene copy links to these files from another folder.
    return std::filesystem::absolute(sourceDir() / "assets" / "demo");
}

/// The demo scene with a "kiosk" key.
std::filesystem::path kioskScene(const std::string& kioskJson) {
    return demoSceneWith("kiosk_scene", "\"kiosk\": " + kioskJson + ",");
}

ViewerRun runViewer(const std::string& name, const std::filesystem::path& scene, int frames,
                    const std::string& extraArgs) {
    std::string args = extraArgs;
    if (std::filesystem::exists(demoDir() / "heritage_demo.gpkg"))
        args += " --registry " + quoted(demoStoreCopy("kiosk_" + name));
    return cunjing::test::runViewer("kiosk_" + name, scene, frames, kWidth, kHeight, args);
}

}  // namespace

TEST(ViewerKiosk, LockedKioskIgnoresEscAndQuit) {
    if (!haveDisplay())
        GTEST_SKIP() << "DISPLAY is not set; test.sh runs this under Xvfb";
    const auto scene = demoDir() / "demo.json";
    // Esc and a quit request (what the window's close button sends) after the first frame.
    const ViewerRun locked = runViewer("locked", scene, 10, "--kiosk --inject-quit");
    EXPECT_EQ(locked.command.exitCode, 0) << locked.command.out;
    EXPECT_TRUE(locked.image) << "the kiosk quit before its last frame";
    if (locked.image) {
        EXPECT_EQ(locked.image->s(), kWidth);
        EXPECT_EQ(locked.image->t(), kHeight);
    }
    const ViewerRun unlocked = runViewer("unlocked", scene, 10, "--inject-quit");
    EXPECT_EQ(unlocked.command.exitCode, 0) << unlocked.command.out;
    EXPECT_FALSE(unlocked.image) << "without --kiosk the injected quit should end the run early";
}

TEST(ViewerKiosk, IdleKioskStartsTheTourWithACaption) {
    if (!haveDisplay())
        GTEST_SKIP() << "DISPLAY is not set; test.sh runs this under Xvfb";
    // Home well after the run's end, so the tour is what the last frame shows.
    const auto scene = kioskScene(R"({"idle_seconds": 0.5, "home_seconds": 30})");
    // Frames run on real time (the flights' clock): 40 frames take well over 0.5 s here
    // (software GL under Xvfb draws the demo at a few to 20 frames a second, 60 at most).
    const ViewerRun kiosk = runViewer("attract", scene, 40, "--kiosk");
    ASSERT_EQ(kiosk.command.exitCode, 0) << kiosk.command.out;
    ASSERT_TRUE(kiosk.image) << "no readable PNG was written";
    EXPECT_NE(kiosk.command.out.find("kiosk: attract"), std::string::npos)
        << "the attract tour did not start";
    const ViewerRun plain = runViewer("plain", scene, 10, "");
    ASSERT_TRUE(plain.image) << plain.command.out;
    // The tour's first stop is the first viewpoint: the caption's dark box and large title
    // cover ground that the plain viewer shows open.
    const double difference = meanDifference(*kiosk.image, *plain.image, kCaption);
    std::cerr << "caption area difference " << difference << "\n";
    EXPECT_GT(difference, 15.0) << "no caption at the bottom centre";
}
