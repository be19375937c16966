// The scene file's "tour" key: reading it (steps, defaults, errors with their JSON path) and
// writing it back into a scene file without touching anything else.

#include <cunjing/scene/SceneFile.h>
#include <cunjing/scene/SceneTourFile.h>

#include "TestPaths.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace cunjing;
using namespace cunjing::scene;

namespace {

const std::string kViewpoints =
    R"("viewpoints": [{"name": "entrance", "title": {"zh": "村口", "en": "Entrance"},
                       "eye": [-95, -150, 14], "target": [-10, -50, 4], "above_ground": true},
                      {"name": "street", "eye": [10, 20, 30], "target": [0, 0, 0]}])";

Result<SceneDescription> parseWithTour(const std::string& tour) {
    return parseSceneText(
        R"({"version": 1, "crs": "EPSG:4547", )" + kViewpoints + R"(, "tour": )" + tour + "}",
        "assets/demo/test.json");
}

Error onlyError(const Result<SceneDescription>& r) {
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.errors().size(), 1u);
    for (const auto& e : r.errors())
        std::cerr << e.toString() << "\n";
    return r.errors().empty() ? Error{} : r.errors()[0];
}

std::string readText(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST(SceneTour, StepsNameViewpointsOrGiveTheirOwnView) {
    auto scene = parseWithTour(R"({"steps": [
        {"viewpoint": "entrance", "seconds": 5},
        {"eye": [1, 2, 3], "target": [4, 5, 6], "above_ground": true, "fov": 30, "seconds": 2.5,
         "caption": {"zh": "古榕", "en": "The banyan"}},
        {"viewpoint": "street", "caption": "Street"}]})");
    ASSERT_TRUE(scene.ok()) << scene.firstError();
    const auto& steps = scene->tour.steps;
    ASSERT_EQ(steps.size(), 3u);
    EXPECT_EQ(steps[0].viewpoint, "entrance");
    EXPECT_EQ(steps[0].view.eye, (std::array<double, 3>{-95, -150, 14}));
    EXPECT_TRUE(steps[0].view.aboveGround);
    EXPECT_EQ(steps[0].seconds, 5);
    // No caption: the viewpoint's title shows.
    EXPECT_EQ(steps[0].shownCaption().in(Language::Chinese), "村口");
    EXPECT_EQ(steps[1].viewpoint, "");
    EXPECT_EQ(steps[1].view.target, (std::array<double, 3>{4, 5, 6}));
    EXPECT_TRUE(steps[1].view.aboveGround);
    EXPECT_EQ(steps[1].view.fovDeg, 30);
    EXPECT_EQ(steps[1].shownCaption().in(Language::English), "The banyan");
    EXPECT_EQ(steps[2].seconds, 6) << "default rest";
    EXPECT_EQ(steps[2].shownCaption().in(Language::Chinese), "Street");
}

TEST(SceneTour, NoTourKeyLeavesNoSteps) {
    auto scene = parseSceneText(R"({"version": 1, "crs": "EPSG:4547"})", "x.json");
    ASSERT_TRUE(scene.ok()) << scene.firstError();
    EXPECT_TRUE(scene->tour.steps.empty());
}

TEST(SceneTour, UnknownViewpointListsTheKnownOnes) {
    const Error e = onlyError(parseWithTour(R"({"steps": [{"viewpoint": "entrence"}]})"));
    EXPECT_EQ(e.file, "assets/demo/test.json");
    EXPECT_EQ(e.where, "$.tour.steps[0].viewpoint");
    EXPECT_NE(e.message.find("unknown viewpoint \"entrence\""), std::string::npos) << e.message;
    EXPECT_NE(e.message.find("known: entrance, street"), std::string::npos) << e.message;
}

TEST(SceneTour, BadStepsNameTheirPath) {
    EXPECT_EQ(
        onlyError(parseWithTour(R"({"steps": [{"viewpoint": "street", "seconds": 0}]})")).where,
        "$.tour.steps[0].seconds");
    EXPECT_EQ(
        onlyError(parseWithTour(R"({"steps": [{"viewpoint": "street", "seconds": 9000}]})")).where,
        "$.tour.steps[0].seconds");
    EXPECT_EQ(
        onlyError(parseWithTour(R"({"steps": [{"viewpoint": "street"}, {"seconds": 3}]})")).where,
        "$.tour.steps[1]");
    EXPECT_EQ(
        onlyError(parseWithTour(R"({"steps": [{"viewpoint": "street", "eye": [0, 0, 0]}]})")).where,
        "$.tour.steps[0]");
    EXPECT_EQ(
        onlyError(parseWithTour(R"({"steps": [{"eye": [0, 0, 1], "target": [0, 0, 1]}]})")).where,
        "$.tour.steps[0].eye");
    EXPECT_EQ(onlyError(parseWithTour(R"({"steps": [{"eye": [0, 0, 1]}]})")).message,
              "missing required key \"target\"");
    EXPECT_EQ(onlyError(parseWithTour(R"({"steps": [{"viewpoint": "street", "secs": 3}]})")).where,
              "$.tour.steps[0].secs");
    EXPECT_EQ(
        onlyError(parseWithTour(R"({"steps": [{"viewpoint": "street", "caption": {"fr": "x"}}]})"))
            .where,
        "$.tour.steps[0].caption.fr");
    EXPECT_EQ(onlyError(parseWithTour(R"({"steps": []})")).where, "$.tour.steps");
    EXPECT_EQ(onlyError(parseWithTour(R"({})")).where, "$.tour");
    EXPECT_EQ(onlyError(parseWithTour(R"([{"viewpoint": "street"}])")).where, "$.tour");
    EXPECT_EQ(onlyError(parseWithTour(R"({"steps": "street"})")).where, "$.tour.steps");
}

TEST(SceneTour, WrittenTourReadsBackAndKeepsEveryOtherKey) {
    const auto dir = test::outputDir("unit") / "scene_tour";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string original = R"({
  "version": 1,
  "name": {"zh": "村落", "en": "Village"},
  "crs": "EPSG:4547",
  )" + kViewpoints + R"(,
  "kiosk": {"idle_seconds": 30, "home_seconds": 90}
}
)";
    std::ofstream(dir / "scene.json") << original;
    TourDescription tour;
    TourStep named;
    named.viewpoint = "entrance";
    named.seconds = 5;
    named.caption = {"村口古榕", "The old banyan"};
    TourStep own;
    own.view.eye = {1.25, -2.5, 30};
    own.view.target = {0, 0, 2};
    own.view.fovDeg = 35;
    own.seconds = 4.5;
    tour.steps = {named, own};
    const Status saved = saveSceneTour(dir / "scene.json", tour);
    ASSERT_TRUE(saved.ok()) << saved.firstError();

    const std::string text = readText(dir / "scene.json");
    EXPECT_NE(text.find("村口古榕"), std::string::npos) << "Chinese must stay unescaped UTF-8";
    EXPECT_NE(text.find("\n  \"crs\": \"EPSG:4547\",\n"), std::string::npos) << "2-space indent";
    EXPECT_NE(text.find("\"eye\": [1.25, -2.5, 30]"), std::string::npos) << text;
    auto back = loadSceneFile(dir / "scene.json");
    ASSERT_TRUE(back.ok()) << back.firstError();
    ASSERT_EQ(back->tour.steps.size(), 2u);
    EXPECT_EQ(back->tour.steps[0].viewpoint, "entrance");
    EXPECT_EQ(back->tour.steps[0].caption.zh, "村口古榕");
    EXPECT_EQ(back->tour.steps[0].caption.en, "The old banyan");
    EXPECT_EQ(back->tour.steps[0].seconds, 5);
    EXPECT_EQ(back->tour.steps[1].view.eye, own.view.eye);
    EXPECT_EQ(back->tour.steps[1].view.target, own.view.target);
    EXPECT_EQ(back->tour.steps[1].view.fovDeg, 35);
    EXPECT_EQ(back->tour.steps[1].seconds, 4.5);
    EXPECT_TRUE(back->tour.steps[1].caption.zh.empty());

    // Every other key: the same values in the same order, the tour right after the viewpoints.
    const auto before = nlohmann::ordered_json::parse(original);
    auto after = nlohmann::ordered_json::parse(text);
    std::vector<std::string> keys;
    for (const auto& [key, value] : after.items())
        keys.push_back(key);
    EXPECT_EQ(keys,
              (std::vector<std::string>{"version", "name", "crs", "viewpoints", "tour", "kiosk"}));
    after.erase("tour");
    EXPECT_EQ(after, before);

    // Saved again with one step: replaced in place, not added twice.
    tour.steps.pop_back();
    ASSERT_TRUE(saveSceneTour(dir / "scene.json", tour).ok());
    auto again = loadSceneFile(dir / "scene.json");
    ASSERT_TRUE(again.ok()) << again.firstError();
    EXPECT_EQ(again->tour.steps.size(), 1u);
    // No steps: the key goes, and the file is what it was.
    tour.steps.clear();
    ASSERT_TRUE(saveSceneTour(dir / "scene.json", tour).ok());
    EXPECT_EQ(nlohmann::ordered_json::parse(readText(dir / "scene.json")), before);
}

TEST(SceneTour, BrokenOrRefusedSceneFileIsNotOverwritten) {
    const auto dir = test::outputDir("unit") / "scene_tour_broken";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string broken = R"({"version": 1, "crs": "EPSG:4547", )";
    std::ofstream(dir / "scene.json") << broken;
    TourDescription tour;
    tour.steps.resize(1);
    tour.steps[0].viewpoint = "street";
    const Status s = saveSceneTour(dir / "scene.json", tour);
    EXPECT_FALSE(s.ok());
    EXPECT_NE(s.firstError().find("no longer parses"), std::string::npos) << s.firstError();
    EXPECT_EQ(readText(dir / "scene.json"), broken);

    // Parses, but the step names a viewpoint the scene lacks: refused, file untouched.
    const std::string plain = R"({"version": 1, "crs": "EPSG:4547"})";
    std::ofstream(dir / "scene.json") << plain;
    const Status refused = saveSceneTour(dir / "scene.json", tour);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.errors().back().message.find("unknown viewpoint \"street\""),
              std::string::npos);
    EXPECT_EQ(readText(dir / "scene.json"), plain);
    // Nothing half-written left beside it.
    int files = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir))
        ++files;
    EXPECT_EQ(files, 1);
}

TEST(SceneTour, SavingElsewhereLeavesTheSceneAlone) {
    const auto dir = test::outputDir("unit") / "scene_tour_elsewhere";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string original = R"({"version": 1, "crs": "EPSG:4547", )" + kViewpoints + "}";
    std::ofstream(dir / "scene.json") << original;
    TourDescription tour;
    tour.steps.resize(1);
    tour.steps[0].viewpoint = "street";
    ASSERT_TRUE(saveSceneTour(dir / "scene.json", tour, dir / "copy.json").ok());
    EXPECT_EQ(readText(dir / "scene.json"), original);
    auto copy = loadSceneFile(dir / "copy.json");
    ASSERT_TRUE(copy.ok()) << copy.firstError();
    EXPECT_EQ(copy->tour.steps.size(), 1u);
}
