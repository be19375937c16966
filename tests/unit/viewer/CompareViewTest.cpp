#include "CompareView.h"
#include "PlanPanels.h"

#include <gtest/gtest.h>

using namespace cunjing::viewer;

namespace {

/// Where a local point lands in NDC x through view * projection.
double ndcX(const osg::Vec3d& p, const osg::Matrixd& projection) {
    const osg::Vec4d clip = osg::Vec4d(p, 1.0) * projection;
    return clip.x() / clip.w();
}

}  // namespace

TEST(CompareView, SwipeHalvesCutOneFrustum) {
    const double width = 1000;
    const osg::Matrixd full = osg::Matrixd::perspective(40, width / 500, 1, 1000);
    const osg::Matrixd left = subProjection(full, 0, 300, width);
    const osg::Matrixd right = subProjection(full, 300, width, width);
    // A point 30 % from the left of the full picture is the left part's right edge and the
    // right part's left edge: the two viewports meet without a seam or a jump.
    const double x = 2 * 0.3 - 1;  // its NDC x in the full picture
    const osg::Vec3d p(x * 10 / full(0, 0), 0, -10);
    ASSERT_NEAR(ndcX(p, full), x, 1e-9);
    EXPECT_NEAR(ndcX(p, left), 1.0, 1e-9);
    EXPECT_NEAR(ndcX(p, right), -1.0, 1e-9);
    // The full picture's edges stay the outer edges.
    const osg::Vec3d leftEdge(-10 / full(0, 0), 0, -10);
    EXPECT_NEAR(ndcX(leftEdge, left), -1.0, 1e-9);
}

TEST(CompareView, ViewportsFollowTheMode) {
    const auto swipe = compareViewports(PlanViewMode::Swipe, 0.25, 800, 600);
    EXPECT_DOUBLE_EQ(swipe[0].width, 200);
    EXPECT_DOUBLE_EQ(swipe[1].x, 200);
    EXPECT_DOUBLE_EQ(swipe[1].width, 600);
    const auto split = compareViewports(PlanViewMode::Split, 0.25, 801, 600);
    EXPECT_DOUBLE_EQ(split[0].width, 400);  // the divider does not move a split
    EXPECT_DOUBLE_EQ(split[1].x + split[1].width, 801);
    const auto after = compareViewports(PlanViewMode::After, 0.25, 800, 600);
    EXPECT_DOUBLE_EQ(after[0].width, 800);
    EXPECT_DOUBLE_EQ(after[1].width, 0);
    const auto ghost = compareViewports(PlanViewMode::Ghost, 0.25, 800, 600);
    EXPECT_DOUBLE_EQ(ghost[1].width, 800);  // B over all of A
    const auto clamped = compareViewports(PlanViewMode::Swipe, 1.5, 800, 600);
    EXPECT_DOUBLE_EQ(clamped[0].width, 800);
}

TEST(CompareView, ModeTokensRoundTrip) {
    for (const auto mode : {PlanViewMode::Before, PlanViewMode::After, PlanViewMode::Swipe,
                            PlanViewMode::Split, PlanViewMode::Ghost})
        EXPECT_EQ(parseCompareMode(token(mode)), mode);
    EXPECT_FALSE(parseCompareMode("toggle"));
}

TEST(PlanPanels, ActionsReadInEitherLanguage) {
    EXPECT_EQ(actionText("wall_colour", "#E6D8BC", Language::Chinese), "立面颜色：#E6D8BC");
    EXPECT_EQ(actionText("wall_colour", "#E6D8BC", Language::English), "Wall colour: #E6D8BC");
    EXPECT_EQ(actionText("roof", "pitched", Language::Chinese), "平改坡");
    EXPECT_EQ(actionText("ac_screens", "true", Language::English), "AC screens");
    EXPECT_EQ(actionText("greening", "false", Language::English), "Greening: off");
    EXPECT_EQ(actionText("windows", "timber-lattice", Language::English),
              "Windows: timber lattice");
    // A key this build does not know is shown as written, not dropped.
    EXPECT_EQ(actionText("future_key", "x", Language::English), "future_key: x");
}
