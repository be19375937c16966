// Smoke test of the interactive viewer: the real window, embedded osgViewer and ImGui, run for a
// few frames under the X server test.sh provides (Xvfb), with the final frame read back.

#include "GoldenImage.h"
#include "TestPaths.h"
#include "ViewerRun.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

using namespace cunjing::test;

namespace {

constexpr int kWidth = 1280, kHeight = 720;

// Inside the viewpoint list, pinned to the top-left corner: its title bar and the first
// entries at the 20 px UI font, in either language.
constexpr ScreenRect kViewpointPanel{16, 16, 180, 170};
// Open ground below the pond in the demo's first viewpoint, with no panel over it.
constexpr ScreenRect kOpenScene{520, 600, 200, 100};

// With --panel register and --select: the register panel down the left below the viewpoints,
// the info card at the right below the scene panel (text in both at the 20 px UI font).
constexpr ScreenRect kRegisterPanel{24, 300, 420, 300};
constexpr ScreenRect kInfoCard{820, 280, 400, 200};

/// A fresh copy of the demo store for one run, named after it.
std::filesystem::path storeCopy(const std::string& name) {
    return demoStoreCopy("viewer_" + name);
}

ViewerRun runViewer(const std::string& name, std::string extraArgs) {
    if (std::filesystem::exists(demoStore()) && extraArgs.find("--registry") == std::string::npos)
        extraArgs += " --registry " + quoted(storeCopy(name));
    return cunjing::test::runViewer("viewer_" + name, sourceDir() / "assets" / "demo" / "demo.json",
                                    30, kWidth, kHeight, extraArgs);
}

/// The checks every frame of the viewer must pass, language aside.
void expectSceneUnderPanels(const ViewerRun& run) {
    ASSERT_EQ(run.command.exitCode, 0) << run.command.out;
    ASSERT_TRUE(run.image) << "no readable PNG was written";
    EXPECT_EQ(run.image->s(), kWidth);
    EXPECT_EQ(run.image->t(), kHeight);
    const ImageStats stats = imageStats(*run.image);
    // A black, cleared-only or sky-only frame has a spread of a few levels and a handful of
    // colours; terrain, roofs, trees and panels give a spread of 30+ and hundreds of colours.
    EXPECT_GT(stats.luminanceStdDev, 15.0) << "frame looks blank";
    EXPECT_GT(stats.distinctColours, 200) << "frame looks blank";
    EXPECT_GT(stats.meanLuminance, 30.0) << "frame is nearly black";
    // Text in the viewpoint list gives 5-10 % edge pairs; the open scene stays under 1 %.
    const double panel = edgeDensity(*run.image, kViewpointPanel);
    const double scene = edgeDensity(*run.image, kOpenScene);
    std::cerr << "luminance std dev " << stats.luminanceStdDev << ", colours "
              << stats.distinctColours << ", edge density panel " << panel << " scene " << scene
              << "\n";
    EXPECT_GT(panel, 0.03) << "no text-like detail where the viewpoint list should be";
    EXPECT_LT(scene, 0.02) << "the open scene is unexpectedly busy (UI drawn over it?)";
}

}  // namespace

TEST(ViewerSmoke, ChineseFrameShowsSceneUnderPanels) {
    if (!haveDisplay())
        GTEST_SKIP() << "DISPLAY is not set; test.sh runs this under Xvfb";
    expectSceneUnderPanels(runViewer("zh", ""));
}

TEST(ViewerSmoke, EnglishSwitchChangesThePanelText) {
    if (!haveDisplay())
        GTEST_SKIP() << "DISPLAY is not set; test.sh runs this under Xvfb";
    const ViewerRun english = runViewer("en", "--lang en");
    expectSceneUnderPanels(english);
    const ViewerRun chinese = runViewer("zh_for_en", "--lang zh");
    ASSERT_TRUE(english.image && chinese.image);
    // Same camera and frame count: only the text differs. Different glyphs in the panel change
    // its pixels by 10+ levels on average; the 3D scene beside it changes by under 1.
    EXPECT_GT(meanDifference(*english.image, *chinese.image, kViewpointPanel), 5.0)
        << "--lang en left the viewpoint list unchanged";
    EXPECT_LT(meanDifference(*english.image, *chinese.image, kOpenScene), 2.0)
        << "the 3D scene differs between languages";
}

TEST(ViewerSmoke, RegisterPanelAndInfoCardRenderFromAStoreCopy) {
    if (!haveDisplay())
        GTEST_SKIP() << "DISPLAY is not set; test.sh runs this under Xvfb";
    if (!std::filesystem::exists(demoStore()))
        GTEST_SKIP() << "the demo scene names no register store";
    const auto store = storeCopy("register");
    const ViewerRun withPanels = runViewer(
        "register", "--registry " + quoted(store) + " --panel register --select tree:DEMO-001");
    ASSERT_TRUE(withPanels.image) << withPanels.command.out;
    ASSERT_EQ(withPanels.command.exitCode, 0) << withPanels.command.out;
    ASSERT_TRUE(withPanels.image) << "no readable PNG was written";
    const ImageStats stats = imageStats(*withPanels.image);
    EXPECT_GT(stats.luminanceStdDev, 15.0) << "frame looks blank";
    EXPECT_GT(stats.distinctColours, 200) << "frame looks blank";
    const double panel = edgeDensity(*withPanels.image, kRegisterPanel);
    const double card = edgeDensity(*withPanels.image, kInfoCard);
    std::cerr << "edge density register panel " << panel << " info card " << card << "\n";
    // Labels among wide input boxes and blank table cells give ~2 % edge pairs (less than the
    // dense viewpoint list); open terrain there gives under 0.5 %.
    EXPECT_GT(panel, 0.01) << "no text-like detail where the register panel should be";
    EXPECT_GT(card, 0.01) << "no text-like detail where the info card should be";
    // Without the flags the card's place shows the 3D scene: the card must have changed it.
    const ViewerRun plain = runViewer("register_plain", "");
    ASSERT_TRUE(plain.image);
    EXPECT_GT(meanDifference(*withPanels.image, *plain.image, kInfoCard), 5.0)
        << "--select left the scene where the info card should be";
    EXPECT_EQ(withPanels.command.out.find("error: "), std::string::npos) << withPanels.command.out;
}

TEST(ViewerSmoke, ClickOnATreeOpensItsInfoCard) {
    if (!haveDisplay())
        GTEST_SKIP() << "DISPLAY is not set; test.sh runs this under Xvfb";
    // (622, 355): a lone lychee with its grade ring, left of the village, in the first viewpoint.
    const ViewerRun clicked = runViewer("click_tree", "--click 622,355");
    expectSceneUnderPanels(clicked);
    const ViewerRun plain = runViewer("click_plain", "");
    ASSERT_TRUE(clicked.image && plain.image);
    EXPECT_GT(edgeDensity(*clicked.image, kInfoCard), 0.01) << "no card after the click";
    EXPECT_GT(meanDifference(*clicked.image, *plain.image, kInfoCard), 5.0)
        << "the click on a tree opened no info card";
}

TEST(ViewerSmoke, BrokenSceneFileExitsTwoWithErrors) {
    const auto bad = outputDir("render") / "viewer_bad_scene.json";
    {
        std::FILE* f = std::fopen(bad.c_str(), "w");
        ASSERT_NE(f, nullptr);
        std::fputs(R"({"version": 1, "crs": "EPSG:4547", "viewpoints": [{"eye": [0, 0, 1]}]})", f);
        std::fclose(f);
    }
    // Scene errors are reported before any window opens, so no display is needed.
    const CommandResult r =
        runCommand(quoted(executable("cunjing-viewer")) + " " + quoted(bad) + " --frames 1");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("error: "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("viewpoints[0]"), std::string::npos) << r.out;
}
