// Tour authoring end to end (issue 8, "a test records a two-step tour through the authoring
// panel, saves it, reloads the scene and plays it"): the editor's steps recorded in the real
// viewer with --panel tour --tour-edit, the scene file checked, then the kiosk plays the saved
// tour and the camera lands on each recorded view.

#include "TestPaths.h"
#include "ViewerRun.h"

#include <cunjing/scene/SceneFile.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace cunjing::test;

namespace {

constexpr int kWidth = 1280, kHeight = 720;

std::filesystem::path demoDir() {
    return std::filesystem::absolute(sourceDir() / "assets" / "demo");
}

std::string readText(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/// The demo scene in a folder of links to its files, with a short idle time so --attract
/// (or, without it, the idle clock) starts the tour at once.
std::filesystem::path sceneCopy() {
    return demoSceneWith("tour_scene", R"("kiosk": {"idle_seconds": 0.5, "home_seconds": 600},)");
}

/// The eyes of the script's `camera:` lines, in order.
std::vector<std::array<double, 3>> cameraEyes(const std::string& out) {
    std::vector<std::array<double, 3>> eyes;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
        std::array<double, 3> e{};
        if (std::sscanf(line.c_str(), "camera: eye %lf %lf %lf", &e[0], &e[1], &e[2]) == 3)
            eyes.push_back(e);
    }
    return eyes;
}

double distance(const std::array<double, 3>& a, const std::array<double, 3>& b) {
    return std::hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

ViewerRun run(const std::string& name, const std::filesystem::path& scene, int frames,
              std::string args) {
    if (std::filesystem::exists(demoDir() / "heritage_demo.gpkg"))
        args += " --registry " + quoted(demoStoreCopy("tour_" + name));
    return runViewer("tour_" + name, scene, frames, kWidth, kHeight, args);
}

}  // namespace

TEST(ViewerTour, RecordedTourIsSavedReloadedAndPlayed) {
    if (!haveDisplay())
        GTEST_SKIP() << "DISPLAY is not set; test.sh runs this under Xvfb";
    const auto scene = sceneCopy();
    const auto before = nlohmann::ordered_json::parse(readText(scene));
    // Step 1 where the demo opens (its first viewpoint), step 2 at the street; then "up 1"
    // puts the street first.
    const ViewerRun edit =
        run("edit", scene, 5,
            "--panel tour --tour-edit " +
                quoted(std::string(
                    "add; seconds 5; caption zh 村口古榕; caption en The old banyan; view "
                    "street; add; seconds 4; caption zh 圩镇街道; caption en The market street; "
                    "up 1; save")));
    ASSERT_EQ(edit.command.exitCode, 0) << edit.command.out;
    ASSERT_TRUE(edit.image);

    // The saved file: two steps with both captions, every other key as it was, and it loads.
    auto saved = nlohmann::ordered_json::parse(readText(scene));
    ASSERT_TRUE(saved.contains("tour")) << readText(scene);
    const auto& steps = saved["tour"]["steps"];
    ASSERT_EQ(steps.size(), 2u);
    EXPECT_EQ(steps[0]["caption"]["zh"], "圩镇街道");
    EXPECT_EQ(steps[0]["caption"]["en"], "The market street");
    EXPECT_EQ(steps[0]["seconds"], 4);
    EXPECT_EQ(steps[1]["caption"]["zh"], "村口古榕");
    EXPECT_EQ(steps[1]["caption"]["en"], "The old banyan");
    saved.erase("tour");
    EXPECT_EQ(saved, before);
    auto loaded = cunjing::scene::loadSceneFile(scene);
    ASSERT_TRUE(loaded.ok()) << loaded.firstError();
    const auto street = loaded->tour.steps[0].view.eye;
    const auto banyan = loaded->tour.steps[1].view.eye;

    // Played: frame 1 prints the start pose; the street step (longest flight 8 s = 160 frames
    // at 0.05 s) has landed by frame 170; step 2 begins after 4 s of rest and has landed by
    // frame 420.
    const auto script = outputDir("render") / "tour_inject.txt";
    std::ofstream(script) << "1 print\n170 print\n420 print\n";
    const ViewerRun play =
        run("play", scene, 430,
            "--kiosk --attract --fixed-dt 0.05 --inject " + quoted(script.string()));
    ASSERT_EQ(play.command.exitCode, 0) << play.command.out;
    const std::string& out = play.command.out;
    EXPECT_NE(out.find("tour: step 1/2 圩镇街道"), std::string::npos) << out;
    EXPECT_NE(out.find("tour: step 2/2 村口古榕"), std::string::npos) << out;
    const auto eyes = cameraEyes(out);
    ASSERT_EQ(eyes.size(), 3u) << out;
    EXPECT_LT(distance(eyes[1], street), 0.05) << "the camera did not land on step 1's view";
    EXPECT_LT(distance(eyes[2], banyan), 0.05) << "the camera did not land on step 2's view";
}
