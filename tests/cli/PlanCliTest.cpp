// End-to-end: `cunjing plan list|check|report` on a small street scene (no terrain, one
// viewpoint), good and broken plans, and the report opened in headless Chromium.

#include "GoldenImage.h"
#include "TestPaths.h"

#include <gtest/gtest.h>
#include <osgDB/ReadFile>

#include <fstream>
#include <regex>
#include <sstream>

using namespace cunjing::test;

namespace {

std::filesystem::path dir() {
    static const std::filesystem::path d = [] {
        auto p = std::filesystem::absolute(outputDir("cli") / "plan");
        std::filesystem::create_directories(p);
        return p;
    }();
    return d;
}

std::filesystem::path write(const std::string& name, const std::string& text) {
    const auto path = dir() / name;
    std::ofstream(path) << text;
    return path;
}

/// Every building of the street repainted in palette colours under pitched tile: what the
/// Guangdong rules ask of a market street outside any protection zone.
const char* const kGoodPlan = R"({"format": "cunjing-plan 1", "id": "works",
  "title": {"zh": "街道整治", "en": "Street works"},
  "alternatives": [
    {"id": "tidy", "title": {"zh": "整洁", "en": "Tidy"},
     "interventions": [
       {"select": {"group": "street"},
        "set": {"remove_additions": true, "repaint": true, "ac_screens": true,
                "facade_finish": "plaster", "wall_colour": "#E6D8BC"}},
       {"select": {"typology": "dianxian"}, "set": {"bury_wires": true}}]},
    {"id": "light", "title": {"zh": "浅色", "en": "Light"},
     "interventions": [
       {"select": {"group": "street"},
        "set": {"remove_additions": true, "repaint": true, "facade_finish": "plaster",
                "wall_colour": "#EEE6D4"}}]}]})";

/// A street scene (40 m, no terrain) with the good plan and one viewpoint down the street.
std::filesystem::path streetScene() {
    static const std::filesystem::path scene = [] {
        write("works.json", kGoodPlan);
        return write("street.json", R"({"version": 1, "crs": "EPSG:4547",
          "origin": [384000, 2571000],
          "name": {"zh": "测试街", "en": "Test street"},
          "buildings": [{"id": "street", "generate": {"layout": "street", "at": [0, 0],
                         "street_length": 40, "facing": 180, "seed": 4}}],
          "plans": ["works.json"],
          "viewpoints": [{"name": "street", "title": {"zh": "街景", "en": "Street"},
                          "eye": [-30, -25, 12], "target": [0, 0, 4]}]})");
    }();
    return scene;
}

std::string cunjingExe() {
    return executable("cunjing").string();
}

CommandResult plan(const std::string& args) {
    return runCommand(cunjingExe() + " plan " + args);
}

/// A plan file whose one alternative has `body` (JSON members).
std::filesystem::path planWith(const std::string& name, const std::string& body) {
    return write(name, R"({"format": "cunjing-plan 1", "id": ")" + name +
                           R"(", "alternatives": [{"id": "a", )" + body + "}]}");
}

/// Exit 2 and one "error: <file>: <json path>: ..." line naming the plan file and the path.
void expectPlanError(const std::filesystem::path& file, const std::string& jsonPath) {
    const CommandResult r =
        plan("check '" + streetScene().string() + "' --plan '" + file.string() + "'");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("error: " + file.string() + ": " + jsonPath), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("terminate"), std::string::npos) << r.out;
}

int attribute(const std::string& dom, const std::string& name) {
    std::smatch m;
    if (!std::regex_search(dom, m, std::regex(name + "=\"(\\d+)\"")))
        return -1;
    return std::stoi(m[1]);
}

}  // namespace

TEST(PlanCli, ListShowsPlansAlternativesAndCounts) {
    const CommandResult r = plan("list '" + streetScene().string() + "'");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("works  街道整治 / Street works"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("tidy  整洁 / Tidy: 2 interventions, 0 added, 0 removed"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("light  浅色 / Light: 1 interventions"), std::string::npos) << r.out;
}

TEST(PlanCli, ConformingPlanPasses) {
    const CommandResult r =
        plan("check '" + streetScene().string() + "' --plan works --alternative tidy");
    EXPECT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("alternative tidy"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("0 error(s)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("summary: plan works, 1 alternative(s), 0 failing"), std::string::npos)
        << r.out;
}

TEST(PlanCli, OffPaletteColourFailsWithExitOne) {
    const auto file = planWith("magenta.json", R"("interventions": [
        {"select": {"group": "street"}, "set": {"facade_finish": "plaster", "repaint": true,
                                                "wall_colour": "#E6D8BC"}},
        {"select": {"ids": ["street/street-a-01"]}, "set": {"wall_colour": "#FF00FF"}}])");
    const CommandResult r =
        plan("check '" + streetScene().string() + "' --plan '" + file.string() + "' --json");
    EXPECT_EQ(r.exitCode, 1) << r.out;
    EXPECT_NE(r.out.find("\"passed\": false"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"rule\": \"facade.palette\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"building\": \"street/street-a-01\""), std::string::npos) << r.out;
}

TEST(PlanCli, MissingBuildingExitsTwoWithFileAndPath) {
    expectPlanError(planWith("missing.json", R"("remove": ["street/street-z-99"])"),
                    "$.alternatives[0].remove[0]");
}

TEST(PlanCli, UnknownInterventionExitsTwoWithFileAndPath) {
    expectPlanError(planWith("unknown.json", R"("interventions": [
        {"select": {"group": "street"}, "set": {"paint_it_pink": true}}])"),
                    "$.alternatives[0].interventions[0].set.paint_it_pink");
}

TEST(PlanCli, MalformedColourExitsTwoWithFileAndPath) {
    expectPlanError(planWith("colour.json", R"("interventions": [
        {"select": {"group": "street"}, "set": {"wall_colour": "#E6D8B"}}])"),
                    "$.alternatives[0].interventions[0].set.wall_colour");
}

TEST(PlanCli, UnknownPlanIdListsTheScenesPlans) {
    const CommandResult r = plan("check '" + streetScene().string() + "' --plan nope");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("it has: works"), std::string::npos) << r.out;
}

TEST(PlanCli, ReportWritesHtmlAndImagesThatChromiumShows) {
    const auto html = dir() / "report.html";
    std::filesystem::remove(html);
    std::filesystem::remove_all(dir() / "report_files");
    const CommandResult r = plan("report '" + streetScene().string() +
                                 "' --plan works --size 320x180 --out '" + html.string() + "'");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    ASSERT_TRUE(std::filesystem::exists(html));
    // One before and one after per alternative, for the one viewpoint.
    for (const char* name : {"street_before.png", "street_tidy.png", "street_light.png"}) {
        const auto png = dir() / "report_files" / name;
        osg::ref_ptr<osg::Image> image = osgDB::readRefImageFile(png.string());
        ASSERT_TRUE(image) << png;
        EXPECT_EQ(image->s(), 320);
        EXPECT_GT(imageStats(*image).luminanceStdDev, 10) << png << " looks flat";
    }
    std::ifstream in(html);
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    EXPECT_NE(text.find("变更清单 / Change list"), std::string::npos);
    EXPECT_NE(text.find("规则检查 / Rule checks"), std::string::npos);
    EXPECT_NE(text.find("street/street-a-01"), std::string::npos);

    // The page as a browser shows it: every <img> decoded. Chromium is a test dependency
    // (scripts/packages.txt); its absence fails here rather than skipping the check.
    const auto profile = dir() / "chromium-profile";
    const std::string chromium =
        "chromium --headless --disable-gpu --no-sandbox --allow-file-access-from-files "
        "--user-data-dir='" +
        profile.string() + "' --virtual-time-budget=10000 ";
    const CommandResult dom = runCommand(chromium + "--dump-dom 'file://" + html.string() + "'");
    ASSERT_EQ(dom.exitCode, 0) << dom.out;
    const int loaded = attribute(dom.out, "data-images-loaded");
    const int total = attribute(dom.out, "data-images-total");
    EXPECT_EQ(total, 4) << "before and after for each of 2 alternatives: "
                        << dom.out.substr(0, 2000);
    EXPECT_EQ(loaded, total) << dom.out.substr(0, 2000);

    const auto shot = dir() / "report_screenshot.png";
    std::filesystem::remove(shot);
    const CommandResult s = runCommand(chromium + "--window-size=1200,1600 --screenshot='" +
                                       shot.string() + "' 'file://" + html.string() + "'");
    ASSERT_EQ(s.exitCode, 0) << s.out;
    osg::ref_ptr<osg::Image> page = osgDB::readRefImageFile(shot.string());
    ASSERT_TRUE(page) << s.out;
    EXPECT_GT(imageStats(*page).distinctColours, 50) << "the page shows its images and tables";
}

TEST(PlanCli, RenderDrawsTheAfterState) {
    const auto before = dir() / "render_before.png", after = dir() / "render_after.png";
    const std::string base =
        cunjingExe() + " render '" + streetScene().string() + "' --view street --size 320x180 ";
    ASSERT_EQ(runCommand(base + "--out '" + before.string() + "'").exitCode, 0);
    const CommandResult r =
        runCommand(base + "--plan works --alternative tidy --out '" + after.string() + "'");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    osg::ref_ptr<osg::Image> a = osgDB::readRefImageFile(before.string());
    osg::ref_ptr<osg::Image> b = osgDB::readRefImageFile(after.string());
    ASSERT_TRUE(a && b);
    int differing = 0;
    for (int y = 0; y < a->t(); ++y)
        for (int x = 0; x < a->s(); ++x)
            differing += a->getColor(x, y) != b->getColor(x, y);
    EXPECT_GT(differing, a->s() * a->t() / 50) << "the plan changes the street visibly";
    // Several alternatives and none named: the command says which there are.
    const CommandResult ambiguous =
        runCommand(base + "--plan works --out '" + after.string() + "'");
    EXPECT_EQ(ambiguous.exitCode, 2) << ambiguous.out;
    EXPECT_NE(ambiguous.out.find("tidy, light"), std::string::npos) << ambiguous.out;
}
