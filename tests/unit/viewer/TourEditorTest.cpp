// The tour editor's model: adding the camera's view, seconds, captions, reordering, deleting,
// previews, saving into a scene file, and the --tour-edit script that calls the same functions.

#include "TourEditor.h"

#include "TestPaths.h"

#include <cunjing/scene/SceneFile.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace cunjing;
using namespace cunjing::viewer;

namespace {

/// A camera the editor drives: two named places, and wherever it was put.
class FakeCamera {
public:
    TourEditorCamera camera() {
        return {[this] { return view_; },
                [this](const std::string& name) -> Status {
                    if (name == "street") {
                        view_.eye = {-118, -191.5, 3.2};
                        view_.target = {-175, -189.5, 5.5};
                        return Done{};
                    }
                    return Error{{}, {}, "no viewpoint '" + name + "' (known: street)"};
                }};
    }
    scene::Viewpoint view_{.name = {},
                           .title = {},
                           .eye = {0, -100, 50},
                           .target = {0, 0, 0},
                           .aboveGround = false,
                           .fovDeg = 35};
};

const std::string kScene = R"({
  "version": 1,
  "crs": "EPSG:4547",
  "viewpoints": [{"name": "street", "eye": [10, 20, 30], "target": [0, 0, 0]}],
  "kiosk": {"idle_seconds": 30, "home_seconds": 90}
}
)";

std::filesystem::path sceneCopy(const std::string& name) {
    const auto dir = test::outputDir("unit") / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "scene.json") << kScene;
    return dir / "scene.json";
}

}  // namespace

TEST(TourEditor, AddTakesTheCameraViewAfterTheSelectedStep) {
    FakeCamera cam;
    TourEditor editor("scene.json", {}, cam.camera());
    EXPECT_EQ(editor.selected(), -1);
    ASSERT_TRUE(editor.addCurrentView().ok());
    cam.view_.eye = {5, 5, 5};
    ASSERT_TRUE(editor.addCurrentView().ok());
    ASSERT_TRUE(editor.select(0).ok());
    cam.view_.eye = {7, 7, 7};
    ASSERT_TRUE(editor.addCurrentView().ok());
    ASSERT_EQ(editor.steps().size(), 3u);
    EXPECT_EQ(editor.selected(), 1) << "inserted after the selected step, and selected";
    EXPECT_EQ(editor.steps()[0].view.eye, (std::array<double, 3>{0, -100, 50}));
    EXPECT_EQ(editor.steps()[1].view.eye, (std::array<double, 3>{7, 7, 7}));
    EXPECT_EQ(editor.steps()[2].view.eye, (std::array<double, 3>{5, 5, 5}));
    EXPECT_EQ(editor.steps()[1].view.fovDeg, 35);
    EXPECT_TRUE(editor.steps()[1].viewpoint.empty());
    EXPECT_EQ(editor.steps()[1].seconds, 6);
    EXPECT_TRUE(editor.dirty());
}

TEST(TourEditor, SecondsAndCaptionsGoToTheSelectedStepAndAreChecked) {
    FakeCamera cam;
    TourEditor editor("scene.json", {}, cam.camera());
    EXPECT_FALSE(editor.setSeconds(5).ok()) << "no step yet";
    EXPECT_FALSE(editor.setCaption(scene::Language::Chinese, "x").ok());
    ASSERT_TRUE(editor.addCurrentView().ok());
    ASSERT_TRUE(editor.setSeconds(4.5).ok());
    EXPECT_FALSE(editor.setSeconds(0).ok());
    EXPECT_FALSE(editor.setSeconds(-1).ok());
    EXPECT_FALSE(editor.setSeconds(601).ok());
    EXPECT_EQ(editor.steps()[0].seconds, 4.5) << "a refused value changes nothing";
    ASSERT_TRUE(editor.setCaption(scene::Language::Chinese, "村口古榕").ok());
    ASSERT_TRUE(editor.setCaption(scene::Language::English, "The old banyan").ok());
    EXPECT_EQ(editor.steps()[0].caption.zh, "村口古榕");
    EXPECT_EQ(editor.steps()[0].caption.en, "The old banyan");
    EXPECT_EQ(tourStepSummary(editor.steps()[0], scene::Language::English),
              "4.5 s  The old banyan");
}

TEST(TourEditor, MoveAndDeleteKeepTheStepSelected) {
    FakeCamera cam;
    TourEditor editor("scene.json", {}, cam.camera());
    for (const char* caption : {"a", "b", "c"}) {
        ASSERT_TRUE(editor.addCurrentView().ok());
        ASSERT_TRUE(editor.setCaption(scene::Language::English, caption).ok());
    }
    auto order = [&] {
        std::string s;
        for (const auto& step : editor.steps())
            s += step.caption.en;
        return s;
    };
    ASSERT_EQ(order(), "abc");
    ASSERT_TRUE(editor.move(-2).ok());
    EXPECT_EQ(order(), "cab");
    EXPECT_EQ(editor.selected(), 0);
    EXPECT_FALSE(editor.move(-1).ok()) << "the first step cannot move up";
    EXPECT_EQ(order(), "cab");
    ASSERT_TRUE(editor.move(1).ok());
    EXPECT_EQ(order(), "acb");
    EXPECT_FALSE(editor.move(2).ok());
    ASSERT_TRUE(editor.select(2).ok());
    ASSERT_TRUE(editor.removeSelected().ok());
    EXPECT_EQ(order(), "ac");
    EXPECT_EQ(editor.selected(), 1) << "the last step deleted: the new last is selected";
    ASSERT_TRUE(editor.removeSelected().ok());
    ASSERT_TRUE(editor.removeSelected().ok());
    EXPECT_EQ(editor.selected(), -1);
    EXPECT_FALSE(editor.removeSelected().ok());
}

TEST(TourEditor, PreviewAsksForTheSelectedStepOnce) {
    FakeCamera cam;
    TourEditor editor("scene.json", {}, cam.camera());
    EXPECT_FALSE(editor.preview().ok());
    ASSERT_TRUE(editor.addCurrentView().ok());
    ASSERT_TRUE(editor.addCurrentView().ok());
    ASSERT_TRUE(editor.preview().ok());
    EXPECT_EQ(editor.takePreviewRequest(), std::optional<int>(1));
    EXPECT_EQ(editor.takePreviewRequest(), std::nullopt);
}

TEST(TourEditor, ScriptRecordsATourAndSavesItIntoTheScene) {
    const auto file = sceneCopy("tour_editor_script");
    FakeCamera cam;
    TourEditor editor(file, {}, cam.camera());
    const Status done = editor.runScript(
        "add; seconds 5; caption zh 村口古榕; caption en The old banyan; view street; add; "
        "seconds 4; up 1; save");
    ASSERT_TRUE(done.ok()) << done.firstError();
    EXPECT_FALSE(editor.dirty());
    auto saved = scene::loadSceneFile(file);
    ASSERT_TRUE(saved.ok()) << saved.firstError();
    const auto& steps = saved->tour.steps;
    ASSERT_EQ(steps.size(), 2u);
    // "up 1" moved the street view first.
    EXPECT_EQ(steps[0].view.eye, (std::array<double, 3>{-118, -191.5, 3.2}));
    EXPECT_EQ(steps[0].seconds, 4);
    EXPECT_EQ(steps[1].view.eye, (std::array<double, 3>{0, -100, 50}));
    EXPECT_EQ(steps[1].seconds, 5);
    EXPECT_EQ(steps[1].caption.zh, "村口古榕");
    EXPECT_EQ(steps[1].caption.en, "The old banyan");
    EXPECT_EQ(saved->kiosk.idleSeconds, 30) << "the rest of the scene is kept";
}

TEST(TourEditor, ScriptNamesTheStepThatFails) {
    FakeCamera cam;
    TourEditor editor("scene.json", {}, cam.camera());
    Status s = editor.runScript("add; seconds 0");
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.errors()[0].where, "step 2 'seconds 0'");
    EXPECT_NE(s.firstError().find("more than 0"), std::string::npos) << s.firstError();
    s = editor.runScript("view lane");
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.firstError().find("known: street"), std::string::npos) << s.firstError();
    for (const char* bad : {"fly", "seconds five", "caption fr x", "up two", "select 9", "add 2"})
        EXPECT_FALSE(editor.runScript(bad).ok()) << bad;
    EXPECT_EQ(editor.steps().size(), 1u) << "failing steps change nothing";
}

TEST(TourEditor, SaveRefusedForAStepTheSceneCannotLoad) {
    const auto file = sceneCopy("tour_editor_refused");
    scene::TourDescription tour;
    tour.steps.resize(1);
    tour.steps[0].viewpoint = "lane";  // the scene has no viewpoint "lane"
    FakeCamera cam;
    TourEditor editor(file, tour, cam.camera());
    EXPECT_FALSE(editor.save().ok());
    auto still = scene::loadSceneFile(file);
    ASSERT_TRUE(still.ok()) << still.firstError();
    EXPECT_TRUE(still->tour.steps.empty());
}
