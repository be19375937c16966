#include <cunjing/scene/SceneData.h>
#include <cunjing/scene/SceneGraph.h>

#include <gtest/gtest.h>

using namespace cunjing;
using namespace cunjing::scene;

TEST(SceneData, DemoLoadsTerrainBuildingsAndTrees) {
    auto desc = loadSceneFile("assets/demo/demo.json");
    ASSERT_TRUE(desc.ok()) << desc.firstError();
    auto data = loadScene(desc.value());
    ASSERT_TRUE(data.ok()) << data.firstError();
    ASSERT_TRUE(data->terrain.has_value());
    EXPECT_GT(data->buildingCount, 10);
    EXPECT_TRUE(data->buildings.isValid());
    EXPECT_GE(data->trees.size(), 7u);
    // The origin is the terrain centre, so the terrain spans about +-600 m around it.
    EXPECT_NEAR(data->originX, data->terrain->centreX(), 1e-9);
    EXPECT_NEAR(data->bounds().min.x, -600, 5);
}

TEST(SceneData, HousesSitOnTheGround) {
    auto desc = loadSceneFile("assets/demo/demo.json");
    auto data = loadScene(desc.value());
    ASSERT_TRUE(data.ok()) << data.firstError();
    // Every building vertex is within the house heights of the ground below it, and the
    // mesh reaches down into the ground (its foundation) under every house.
    const auto& m = data->buildings;
    for (size_t i = 0; i < m.positions.size(); i += 97) {
        const auto& p = m.positions[i];
        const double ground = data->groundHeight(p.x, p.y);
        EXPECT_GT(p.z, ground - 4.0);
        EXPECT_LT(p.z, ground + 12.0);
    }
}

TEST(SceneData, AboveGroundViewpointAddsTerrainHeight) {
    auto desc = loadSceneFile("assets/demo/demo.json");
    auto data = loadScene(desc.value());
    ASSERT_TRUE(data.ok());
    const Viewpoint* lane = data->description.findViewpoint("lane");
    ASSERT_NE(lane, nullptr);
    const auto eye = data->resolveEye(*lane);
    EXPECT_NEAR(eye[2], data->groundHeight(eye[0], eye[1]) + lane->eye[2], 1e-9);
}

TEST(TreeMesh, BanyanCrownIsWiderThanTall) {
    heritage::AncientTree banyan;
    banyan.speciesCn = "榕树";
    banyan.heightM = 15;
    banyan.crownM = 24;
    const auto mesh = treeMesh(banyan, {0, 0, 10});
    ASSERT_TRUE(mesh.isValid());
    const auto b = geo::boundsOf(mesh);
    EXPECT_NEAR(b.max.z, 25, 2.5);
    EXPECT_GT(b.max.x - b.min.x, 20);
}
