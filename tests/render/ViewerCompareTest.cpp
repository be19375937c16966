// The viewer's town-plan comparison (issue 7 item 4) in the real viewer under Xvfb, as
// ViewerInspectorTest runs it: the demo's market street at its "street" viewpoint with the
// demo plan ("street-works", alternative "lingnan"), in every view mode, against goldens; the
// swipe's halves checked against the plain before and after renders; a plan naming a missing
// building leaves the existing state on screen with the error named; and the plan editor's
// script (select, set, undo, save) writes the plan file and changes the picture; a rule
// result picked from the rules panel is outlined and flown to.

#include "GoldenImage.h"
#include "TestPaths.h"
#include "ViewerRun.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

using namespace cunjing::test;

namespace {

// Large enough that the panels leave most of the street in view.
constexpr int kWidth = 960, kHeight = 540;

// Parts of the 3D view no panel covers at this size (the viewpoint list is top left, the scene
// panel top right, the plan bar bottom middle): the street's left side and its right side.
constexpr ScreenRect kLeftOfDivider{230, 40, 220, 150};
constexpr ScreenRect kRightOfDivider{500, 40, 240, 150};

ViewerRun runViewer(const std::string& name, const std::string& args) {
    return cunjing::test::runViewer("compare_" + name,
                                    sourceDir() / "assets" / "demo" / "demo.json", 8, kWidth,
                                    kHeight, "--viewpoint street " + args);
}

/// The demo plan, through the scene's "plans".
ViewerRun runPlan(const std::string& name, const std::string& args) {
    return runViewer(name, "--plan street-works " + args);
}

void expectFrame(const ViewerRun& run) {
    ASSERT_EQ(run.command.exitCode, 0) << run.command.out;
    ASSERT_TRUE(run.image) << "no readable PNG was written";
    ASSERT_EQ(run.image->s(), kWidth);
    ASSERT_EQ(run.image->t(), kHeight);
}

// llvmpipe renders the same frame the same way on one machine; the margin covers another
// Mesa build's rounding of the procedural wall textures and of the UI's anti-aliased text.
constexpr GoldenThresholds kThresholds{24, 0.01, 1.5};

void expectGolden(const ViewerRun& run, const std::string& name) {
    const GoldenComparison c = compareWithGolden(*run.image, name, kThresholds);
    EXPECT_TRUE(c.passed) << c.message;
}

/// Pixels in r of the picked outline's yellow.
int yellowIn(const osg::Image& image, const ScreenRect& r) {
    int count = 0;
    for (int y = r.y; y < r.y + r.height; ++y) {
        for (int x = r.x; x < r.x + r.width; ++x) {
            const unsigned char* p = image.data(x, image.t() - 1 - y);
            count += p[0] > 200 && p[1] > 170 && p[2] < 90;
        }
    }
    return count;
}

#define REQUIRE_DISPLAY() \
    if (!haveDisplay())   \
    GTEST_SKIP() << "DISPLAY is not set; test.sh runs this under Xvfb"

// The plain before and after renders, shared by the tests that compare against them.
const ViewerRun& beforeRun() {
    static const ViewerRun run = runPlan("before", "--view before");
    return run;
}
const ViewerRun& afterRun() {
    static const ViewerRun run = runPlan("after", "--view after");
    return run;
}

}  // namespace

TEST(ViewerCompare, BeforeAndAfterDifferAndMatchTheirGoldens) {
    REQUIRE_DISPLAY();
    expectFrame(beforeRun());
    expectFrame(afterRun());
    // The plan repaints the arcades and buries the wires: the street must look different.
    EXPECT_GT(meanDifference(*beforeRun().image, *afterRun().image, kRightOfDivider), 8.0);
    expectGolden(beforeRun(), "compare_before");
    expectGolden(afterRun(), "compare_after");
}

// With the sun's shadows on (osgShadow draws only what carries its traversal bits) both
// states are still drawn, and a swipe still shows each where it should.
TEST(ViewerCompare, StatesAreDrawnWithShadowsOn) {
    REQUIRE_DISPLAY();
    const ViewerRun before = runPlan("before_shadows", "--view before --quality medium");
    const ViewerRun after = runPlan("after_shadows", "--view after --quality medium");
    const ViewerRun swipe = runPlan("swipe_shadows", "--view swipe --divider 0.5 --quality medium");
    expectFrame(before);
    expectFrame(after);
    expectFrame(swipe);
    EXPECT_NE(before.command.out.find("shadows on"), std::string::npos) << before.command.out;
    EXPECT_GT(meanDifference(*before.image, *after.image, kRightOfDivider), 8.0);
    EXPECT_LT(meanDifference(*swipe.image, *before.image, kLeftOfDivider), 1.0);
    EXPECT_LT(meanDifference(*swipe.image, *after.image, kRightOfDivider), 1.0);
}

TEST(ViewerCompare, SwipeShowsBeforeLeftOfTheDividerAndAfterRightOfIt) {
    REQUIRE_DISPLAY();
    const ViewerRun swipe = runPlan("swipe", "--view swipe --divider 0.5");
    expectFrame(swipe);
    expectFrame(beforeRun());
    expectFrame(afterRun());
    // One frustum cut in two: each side is exactly that state's picture there.
    EXPECT_LT(meanDifference(*swipe.image, *beforeRun().image, kLeftOfDivider), 1.0);
    EXPECT_GT(meanDifference(*swipe.image, *afterRun().image, kLeftOfDivider), 5.0);
    EXPECT_LT(meanDifference(*swipe.image, *afterRun().image, kRightOfDivider), 1.0);
    EXPECT_GT(meanDifference(*swipe.image, *beforeRun().image, kRightOfDivider), 5.0);
    // The divider: a bright line down the middle column, above and below the handle.
    for (int y : {20, 120}) {
        EXPECT_GT(luminanceAt(*swipe.image, kWidth / 2, y), 200) << "no divider at y " << y;
    }
    expectGolden(swipe, "compare_swipe");
}

TEST(ViewerCompare, SplitShowsBothStatesSideBySide) {
    REQUIRE_DISPLAY();
    const ViewerRun split = runPlan("split", "--view split");
    expectFrame(split);
    expectGolden(split, "compare_split");
}

TEST(ViewerCompare, GhostBlendsAfterOverBefore) {
    REQUIRE_DISPLAY();
    const ViewerRun ghost = runPlan("ghost", "--view ghost --ghost 0.5");
    expectFrame(ghost);
    expectFrame(beforeRun());
    expectFrame(afterRun());
    // Each pixel blended once at 0.5: halfway between the two pictures (within rounding and
    // the haze), not the after state drawn over itself.
    const ScreenRect r = kRightOfDivider;
    double offMidpoint = 0;
    for (int y = r.y; y < r.y + r.height; ++y) {
        for (int x = r.x; x < r.x + r.width; ++x) {
            const double mid = 0.5 * (luminanceAt(*beforeRun().image, x, y) +
                                      luminanceAt(*afterRun().image, x, y));
            offMidpoint += std::abs(luminanceAt(*ghost.image, x, y) - mid);
        }
    }
    EXPECT_LT(offMidpoint / (double(r.width) * r.height), 3.0);
    expectGolden(ghost, "compare_ghost");
}

TEST(ViewerCompare, PlanWithAMissingBuildingShowsTheExistingStateAndTheError) {
    REQUIRE_DISPLAY();
    const auto plan = outputDir("render") / "compare_missing_plan.json";
    std::ofstream(plan) << R"({"format": "cunjing-plan 1", "id": "broken",
  "alternatives": [{"id": "a", "interventions": [
    {"select": {"group": "street"}, "set": {"wall_colour": "#E6D8BC"}}],
    "remove": ["street/no-such-building"]}]})";
    const ViewerRun run = runViewer("missing", "--plan " + quoted(plan) + " --view after");
    expectFrame(run);
    EXPECT_NE(run.command.out.find("error: " + plan.string()), std::string::npos)
        << run.command.out;
    EXPECT_NE(run.command.out.find("$.alternatives[0].remove[0]"), std::string::npos)
        << run.command.out;
    EXPECT_NE(run.command.out.find("street/no-such-building"), std::string::npos);
    expectFrame(beforeRun());
    // The street as it is, not a half-applied plan.
    EXPECT_LT(meanDifference(*run.image, *beforeRun().image, kRightOfDivider), 1.0);
    EXPECT_LT(meanDifference(*run.image, *beforeRun().image, kLeftOfDivider), 1.0);
}

TEST(ViewerCompare, EditorScriptSavesThePlanAndChangesTheAfterState) {
    REQUIRE_DISPLAY();
    const auto saved = outputDir("render") / "compare_edited_plan.json";
    std::filesystem::remove(saved);
    // Framed from in front (--pick-change), so the façade the edit repaints fills the middle.
    const std::string framed = "--view after --pick-change street/street-a-03";
    const ViewerRun edited =
        runPlan("edited", framed + " --plan-save " + quoted(saved) +
                              " --plan-edit 'select street/street-a-03; set wall_colour=#C8A27A; "
                              "set roof=pitched; undo; save'");
    expectFrame(edited);
    ASSERT_TRUE(std::filesystem::exists(saved)) << edited.command.out;
    const nlohmann::json plan = nlohmann::json::parse(std::ifstream(saved));
    bool found = false;
    for (const auto& alternative : plan.at("alternatives")) {
        if (alternative.at("id") != "lingnan")
            continue;
        for (const auto& intervention : alternative.at("interventions")) {
            const auto& select = intervention.at("select");
            if (!select.contains("ids") || select.at("ids") != nlohmann::json{"street/street-a-03"})
                continue;
            if (!intervention.at("set").contains("wall_colour") ||
                intervention.at("set").at("wall_colour") != "#C8A27A")
                continue;
            found = true;
            // Undo took the roof back.
            EXPECT_FALSE(intervention.at("set").contains("roof")) << intervention.dump();
        }
    }
    EXPECT_TRUE(found) << "no intervention sets wall_colour #C8A27A on street/street-a-03:\n"
                       << plan.dump(2);
    // The same view of the plan as read: the edit's colour shows at once on the façade.
    const ViewerRun unedited = runPlan("unedited", framed);
    expectFrame(unedited);
    constexpr ScreenRect kFacade{300, 150, 260, 160};
    EXPECT_GT(meanDifference(*edited.image, *unedited.image, kFacade), 4.0);
}

TEST(ViewerCompare, ClickInSplitHighlightsTheBuildingInBothHalves) {
    REQUIRE_DISPLAY();
    // A click on the proposed half's arcade picks through that half's camera and state.
    const ViewerRun run = runPlan("split_pick", "--view split --click 800,150");
    expectFrame(run);
    // The outline is drawn around the building in both states, so in both halves.
    EXPECT_GT(yellowIn(*run.image, {0, 0, kWidth / 2, kHeight}), 100);
    EXPECT_GT(yellowIn(*run.image, {kWidth / 2, 0, kWidth / 2, kHeight}), 100);
}

TEST(ViewerCompare, PickedRuleResultIsListedOutlinedAndFlownTo) {
    REQUIRE_DISPLAY();
    // The demo's "modern" alternative paints street/street-b-06 off the Guangfu palette: one
    // facade.palette error, rule result 0.
    const std::string modern = "--alternative modern ";
    const ViewerRun plain = runPlan("modern", modern + "--view after");
    const ViewerRun listed = runPlan("modern_rules", modern + "--panel rules");
    const ViewerRun picked = runPlan("modern_rule_picked", modern + "--pick-rule 0");
    expectFrame(plain);
    expectFrame(listed);
    expectFrame(picked);
    EXPECT_EQ(picked.command.out.find("error:"), std::string::npos) << picked.command.out;
    // The rules panel (right, under the scene panel) lists the error in the error colour,
    // which the street there does not have.
    constexpr ScreenRect kRulesPanel{570, 250, 375, 220};
    const auto errorText = [&](const osg::Image& image) {
        int count = 0;
        for (int y = kRulesPanel.y; y < kRulesPanel.y + kRulesPanel.height; ++y) {
            for (int x = kRulesPanel.x; x < kRulesPanel.x + kRulesPanel.width; ++x) {
                const unsigned char* p = image.data(x, image.t() - 1 - y);
                count += p[0] > 220 && p[1] > 110 && p[1] < 170 && p[2] > 80 && p[2] < 150;
            }
        }
        return count;
    };
    EXPECT_GT(errorText(*listed.image), errorText(*plain.image) + 20);
    EXPECT_GT(errorText(*picked.image), errorText(*plain.image) + 20);
    // Picked: the building is outlined, and the view has moved to it.
    const ScreenRect view{0, 0, kWidth, kHeight};
    EXPECT_LT(yellowIn(*listed.image, view), 20);
    EXPECT_GT(yellowIn(*picked.image, view), 100);
    EXPECT_GT(meanDifference(*picked.image, *listed.image, kLeftOfDivider), 8.0);
}

TEST(ViewerCompare, PickRuleBeyondTheResultsIsAnError) {
    REQUIRE_DISPLAY();
    const ViewerRun run = runPlan("modern_rule_missing", "--alternative modern --pick-rule 5");
    expectFrame(run);
    EXPECT_NE(run.command.out.find("error: --pick-rule"), std::string::npos) << run.command.out;
}

TEST(ViewerCompare, PlanWithAMalformedColourShowsTheExistingStateAndTheError) {
    REQUIRE_DISPLAY();
    // Refused when the file is read, before anything is applied.
    const auto plan = outputDir("render") / "compare_bad_colour_plan.json";
    std::ofstream(plan) << R"({"format": "cunjing-plan 1", "id": "bad-colour",
  "alternatives": [{"id": "a", "interventions": [
    {"select": {"group": "street"}, "set": {"wall_colour": "#E6D8B"}}]}]})";
    const ViewerRun run = runViewer("bad_colour", "--plan " + quoted(plan) + " --view swipe");
    expectFrame(run);
    EXPECT_NE(run.command.out.find("error: " + plan.string()), std::string::npos)
        << run.command.out;
    EXPECT_NE(run.command.out.find("$.alternatives[0].interventions[0].set.wall_colour"),
              std::string::npos)
        << run.command.out;
    expectFrame(beforeRun());
    // No swipe: the whole view is the street as it is.
    EXPECT_LT(meanDifference(*run.image, *beforeRun().image, kRightOfDivider), 1.0);
    EXPECT_LT(meanDifference(*run.image, *beforeRun().image, kLeftOfDivider), 1.0);
}
