// The model inspector in the real viewer (window, osgViewer, ImGui, the import worker), run
// for a few frames under Xvfb as ViewerSmokeTest does: a crashing file leaves the viewer up
// with the reason on screen, a good one is inspected, drawn in each display mode, cut by the
// section plane, measured, and given a note that comes back from the register next time.

#include "GoldenImage.h"
#include "TestPaths.h"
#include "ViewerRun.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <regex>
#include <string>

using namespace cunjing::test;

namespace {

constexpr int kWidth = 1280, kHeight = 720;

// The model status panel: centred at 30 % of the height, 20-34 font heights wide.
constexpr ScreenRect kStatusPanel{380, 150, 520, 110};
// The inspector down the left, below the viewpoint list: its open-model row and first lines.
constexpr ScreenRect kInspectorPanel{24, 330, 480, 300};
// The opened model fills the middle of the view once framed (right of the inspector).
constexpr ScreenRect kModelArea{560, 200, 320, 340};

std::filesystem::path hanHouse() {
    return sharedData() / "models" / "chinese_architecture_0ad_han" / "han_house_a.obj";
}

std::filesystem::path crashPly() {
    return sharedData() / "models" / "assimp" / "invalid" /
           "crash-30d6d0f7c529b3b66b4131700b7a4580cd7082df.ply";
}

/// A fresh copy of the demo's register store: notes are written into it.
std::filesystem::path storeCopy(const std::string& name) {
    return demoStoreCopy("inspector_" + name);
}

/// `store`: the register the run uses; none gives it a fresh copy of the demo's.
ViewerRun runViewer(const std::string& name, const std::string& args,
                    std::filesystem::path store = {}) {
    if (store.empty())
        store = storeCopy(name);
    return cunjing::test::runViewer("inspector_" + name,
                                    sourceDir() / "assets" / "demo" / "demo.json", 12, kWidth,
                                    kHeight, "--registry " + quoted(store) + " " + args);
}

void expectFrame(const ViewerRun& run) {
    ASSERT_EQ(run.command.exitCode, 0) << run.command.out;
    ASSERT_TRUE(run.image) << "no readable PNG was written";
    ASSERT_EQ(run.image->s(), kWidth);
    ASSERT_EQ(run.image->t(), kHeight);
}

#define REQUIRE_DISPLAY_AND_DATA()                                                    \
    if (!haveDisplay())                                                               \
        GTEST_SKIP() << "DISPLAY is not set; test.sh runs this under Xvfb";           \
    if (!std::filesystem::exists(hanHouse()) || !std::filesystem::exists(crashPly())) \
    GTEST_SKIP() << "../shared/data/models is not there"

}  // namespace

TEST(ViewerInspector, CrashingModelLeavesTheViewerUpAndShowsWhy) {
    REQUIRE_DISPLAY_AND_DATA();
    const ViewerRun crashed = runViewer("crash", "--open-model " + quoted(crashPly()));
    expectFrame(crashed);
    EXPECT_TRUE(std::regex_search(crashed.command.out,
                                  std::regex(R"(error: .*crash-30d6d0f7.*\.ply: .*crashed)")))
        << crashed.command.out;
    const ViewerRun plain = runViewer("crash_plain", "--panel inspector");
    expectFrame(plain);
    // The panel's dark background and text against the terrain and trees: 20+ levels apart
    // on average; the same frame without the error panel differs there by under 1.
    EXPECT_GT(meanDifference(*crashed.image, *plain.image, kStatusPanel), 10.0)
        << "no error panel where it should be";
    EXPECT_GT(edgeDensity(*crashed.image, kStatusPanel), 0.01) << "the error panel has no text";
}

TEST(ViewerInspector, OpenedModelIsInspectedAndFramed) {
    REQUIRE_DISPLAY_AND_DATA();
    const ViewerRun run = runViewer("han", "--open-model " + quoted(hanHouse()) + " --inspect");
    expectFrame(run);
    const std::string& out = run.command.out;
    EXPECT_NE(out.find("model: han_house_a.obj"), std::string::npos) << out;
    std::smatch triangles;
    ASSERT_TRUE(std::regex_search(out, triangles, std::regex(R"(triangles: (\d+))"))) << out;
    EXPECT_GT(std::stoi(triangles[1]), 100);
    EXPECT_TRUE(std::regex_search(out, std::regex(R"(texture: \S+ +\d+×\d+)"))) << out;
    EXPECT_NE(out.find("units guess: "), std::string::npos) << out;
    EXPECT_EQ(out.find("error: "), std::string::npos) << out;
    EXPECT_GT(edgeDensity(*run.image, kInspectorPanel), 0.02) << "no text in the inspector";
    const ViewerRun plain = runViewer("han_plain", "--panel inspector");
    expectFrame(plain);
    // Framed, the house covers the middle of the view, which shows the village without it.
    EXPECT_GT(meanDifference(*run.image, *plain.image, kModelArea), 10.0);
}

TEST(ViewerInspector, DisplayModesAndSectionPlaneChangeTheModel) {
    REQUIRE_DISPLAY_AND_DATA();
    const std::string open = "--open-model " + quoted(hanHouse());
    const ViewerRun textured = runViewer("mode_plain", open);
    expectFrame(textured);
    // Each mode redraws the house; the camera and the rest of the frame stay the same. Walls
    // turned to lines, ghosted, cut or bristling with normals move the mean by 3+ levels; two
    // runs of the same mode differ by well under 1.
    for (const std::string mode :
         {"--mode wireframe", "--mode xray", "--mode normals", "--mode untextured", "--clip z,4"}) {
        const ViewerRun run =
            runViewer("mode_" + mode.substr(mode.find(' ') + 1, 5), open + " " + mode);
        expectFrame(run);
        EXPECT_GT(meanDifference(*run.image, *textured.image, kModelArea), 1.0)
            << mode << " left the model unchanged";
    }
}

TEST(ViewerInspector, MeasuresDistanceBetweenTwoClicks) {
    REQUIRE_DISPLAY_AND_DATA();
    // Two points on the framed house's front wall, 200 px apart at ~40 m: a few metres.
    const ViewerRun run =
        runViewer("distance", "--open-model " + quoted(hanHouse()) +
                                  " --inspect --tool distance --click 600,450 --click 800,450");
    expectFrame(run);
    std::smatch m;
    ASSERT_TRUE(
        std::regex_search(run.command.out, m, std::regex(R"(measured distance: ([0-9.]+) m)")))
        << run.command.out;
    EXPECT_GT(std::stod(m[1]), 2.0);
    EXPECT_LT(std::stod(m[1]), 30.0) << "longer than the 18 m house";
}

TEST(ViewerInspector, NotePinnedToTheModelComesBackFromTheRegister) {
    REQUIRE_DISPLAY_AND_DATA();
    const auto store = storeCopy("notes");
    const std::string text = "左山墙灰塑开裂";
    const std::string open = "--open-model " + quoted(hanHouse()) + " --inspect";
    // Both runs share one store: the second is a restart of the viewer on it.
    const ViewerRun pinned =
        runViewer("note_pin", open + " --tool note --click 700,420 --note " + quoted(text), store);
    expectFrame(pinned);
    EXPECT_EQ(pinned.command.out.find("error: "), std::string::npos) << pinned.command.out;
    const ViewerRun reopened = runViewer("note_back", open, store);
    expectFrame(reopened);
    EXPECT_TRUE(std::regex_search(reopened.command.out, std::regex("note N-\\S+: " + text)))
        << reopened.command.out;
}

TEST(ViewerInspector, VersionBStandsBesideOrInsideVersionA) {
    REQUIRE_DISPLAY_AND_DATA();
    const std::string open =
        "--open-model " + quoted(hanHouse()) + " --compare " + quoted(hanHouse()) + " --inspect";
    const ViewerRun side = runViewer("compare_side", open);
    expectFrame(side);
    const std::string& out = side.command.out;
    const auto first = out.find("model: han_house_a.obj");
    ASSERT_NE(first, std::string::npos) << out;
    EXPECT_NE(out.find("model: han_house_a.obj", first + 1), std::string::npos)
        << "version B was not opened";
    const ViewerRun overlay = runViewer("compare_overlay", open + " --compare-mode overlay");
    expectFrame(overlay);
    // Side by side the view widens to two houses; overlaid it shows one house with an orange
    // ghost: the middle of the two frames differs by many levels.
    EXPECT_GT(meanDifference(*side.image, *overlay.image, kModelArea), 5.0);
    // B is the same file here, so the ghost lies exactly on A: it must still show (tinted),
    // not lose the depth test to A everywhere.
    const ViewerRun single = runViewer("compare_single", "--open-model " + quoted(hanHouse()));
    expectFrame(single);
    EXPECT_GT(meanDifference(*single.image, *overlay.image, kModelArea), 5.0);
}
