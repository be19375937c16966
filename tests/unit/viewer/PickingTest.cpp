#include "Picking.h"

#include <cunjing/scene/SceneData.h>

#include <gtest/gtest.h>

#include <osg/Matrixd>

using namespace cunjing::viewer;

namespace {
const std::unordered_set<std::string> kTreeIds = {"DEMO-001", "44010000001"};

RecordRef tree(const std::string& id) {
    return {RecordKind::Tree, id};
}
RecordRef village(const std::string& id) {
    return {RecordKind::Village, id};
}
}  // namespace

TEST(RecordFromNodeName, VillageMarkerNamesCarryTheId) {
    EXPECT_EQ(recordFromNodeName("village:440111-01", kTreeIds), village("440111-01"));
}

TEST(RecordFromNodeName, TreeNodesAreNamedByTheirRecordId) {
    EXPECT_EQ(recordFromNodeName("DEMO-001", kTreeIds), tree("DEMO-001"));
}

TEST(RecordFromNodeName, OtherNodesAreNoRecord) {
    EXPECT_FALSE(recordFromNodeName("terrain", kTreeIds));
    EXPECT_FALSE(recordFromNodeName("trees", kTreeIds));
    EXPECT_FALSE(recordFromNodeName("", kTreeIds));
    EXPECT_FALSE(recordFromNodeName("village:", kTreeIds)) << "a marker without an id";
}

TEST(NearestOnScreen, PicksTheClosestWithinTheRadius) {
    const std::vector<ScreenPoint> points = {
        {tree("a"), 100, 100, 50}, {tree("b"), 108, 100, 50}, {village("v"), 300, 300, 50}};
    EXPECT_EQ(nearestOnScreen(points, 106, 101, 12), tree("b"));
    EXPECT_EQ(nearestOnScreen(points, 101, 99, 12), tree("a"));
}

TEST(NearestOnScreen, NothingBeyondTheRadius) {
    const std::vector<ScreenPoint> points = {{tree("a"), 100, 100, 50}};
    EXPECT_FALSE(nearestOnScreen(points, 120, 100, 12));
    EXPECT_FALSE(nearestOnScreen({}, 0, 0, 12));
}

TEST(NearestOnScreen, OnTheSameSpotTheNearerToTheEyeWins) {
    const std::vector<ScreenPoint> points = {{tree("far"), 100, 100, 400},
                                             {tree("near"), 100.5, 100, 40}};
    EXPECT_EQ(nearestOnScreen(points, 100, 100, 12), tree("near"));
}

TEST(ProjectToWindow, TheTargetLandsInTheMiddle) {
    const osg::Matrixd view =
        osg::Matrixd::lookAt(osg::Vec3d(0, -100, 50), osg::Vec3d(), osg::Vec3d(0, 0, 1));
    const osg::Matrixd projection = osg::Matrixd::perspective(40, 800.0 / 600.0, 1, 1e5);
    const auto p = projectToWindow({0, 0, 0}, view, projection, 800, 600);
    ASSERT_TRUE(p);
    EXPECT_NEAR(p->x(), 400, 1e-6);
    EXPECT_NEAR(p->y(), 300, 1e-6);
    // East is to the right, up is towards the top of the window (smaller y).
    const auto east = projectToWindow({10, 0, 0}, view, projection, 800, 600);
    const auto up = projectToWindow({0, 0, 10}, view, projection, 800, 600);
    ASSERT_TRUE(east && up);
    EXPECT_GT(east->x(), 400);
    EXPECT_LT(up->y(), 300);
}

TEST(ProjectToWindow, BehindTheEyeIsNotOnScreen) {
    const osg::Matrixd view =
        osg::Matrixd::lookAt(osg::Vec3d(0, -100, 0), osg::Vec3d(), osg::Vec3d(0, 0, 1));
    const osg::Matrixd projection = osg::Matrixd::perspective(40, 1.0, 1, 1e5);
    EXPECT_FALSE(projectToWindow({0, -200, 0}, view, projection, 600, 600));
}

TEST(RecordAnchors, TreesAreAimedAtTheCrownVillagesAtTheGround) {
    cunjing::scene::SceneData data;
    cunjing::heritage::AncientTree banyan;
    banyan.id = "DEMO-001";
    banyan.x = 10;
    banyan.y = 20;
    banyan.heightM = 20;
    data.trees.push_back(banyan);
    cunjing::scene::SceneVillage v;
    v.record.id = "V1";
    v.x = -5;
    v.y = 7;
    data.villages.push_back(v);
    const ScenePicker picker(data);
    const RecordAnchor* t = picker.anchor(tree("DEMO-001"));
    ASSERT_NE(t, nullptr);
    EXPECT_DOUBLE_EQ(t->focus.x(), 10);
    EXPECT_GT(t->focus.z(), t->base.z() + 5) << "the crown, not the foot of the trunk";
    const RecordAnchor* vil = picker.anchor(village("V1"));
    ASSERT_NE(vil, nullptr);
    EXPECT_DOUBLE_EQ(vil->focus.y(), 7);
    EXPECT_EQ(picker.anchor(tree("missing")), nullptr);
}
