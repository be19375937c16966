#include "Inspector.h"
#include "Picking.h"

#include <gtest/gtest.h>

#include <osg/Camera>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/MatrixTransform>

#include <sstream>

using namespace cunjing;
using namespace cunjing::viewer;

TEST(ModelIndexFromNodeName, ModelNodesCarryTheirIndex) {
    EXPECT_EQ(modelIndexFromNodeName("model:0"), 0);
    EXPECT_EQ(modelIndexFromNodeName("model:17"), 17);
}

TEST(ModelIndexFromNodeName, AnythingElseIsNoModel) {
    EXPECT_FALSE(modelIndexFromNodeName("model:"));
    EXPECT_FALSE(modelIndexFromNodeName("model:-1"));
    EXPECT_FALSE(modelIndexFromNodeName("model:3a"));
    EXPECT_FALSE(modelIndexFromNodeName("model:99999999999")) << "too long for an index";
    EXPECT_FALSE(modelIndexFromNodeName("models"));
    EXPECT_FALSE(modelIndexFromNodeName("village:model:1"));
    EXPECT_FALSE(modelIndexFromNodeName("terrain"));
}

namespace {

/// A horizontal 20 x 20 quad centred on the origin at height z, named `name`.
osg::ref_ptr<osg::Geode> quad(double z, const std::string& name) {
    osg::ref_ptr<osg::Geometry> g = new osg::Geometry;
    osg::ref_ptr<osg::Vec3Array> v = new osg::Vec3Array;
    for (const auto& [x, y] : {std::pair{-10, -10}, {10, -10}, {10, 10}, {-10, 10}})
        v->push_back(osg::Vec3(float(x), float(y), float(z)));
    g->setVertexArray(v);
    g->addPrimitiveSet(new osg::DrawArrays(GL_QUADS, 0, 4));
    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    geode->addDrawable(g);
    geode->setName(name);
    return geode;
}

/// A 200 x 200 pixel camera looking straight down at the origin from 100 m.
osg::ref_ptr<osg::Camera> topDownCamera() {
    osg::ref_ptr<osg::Camera> camera = new osg::Camera;
    camera->setViewport(0, 0, 200, 200);
    camera->setViewMatrixAsLookAt({0, 0, 100}, {0, 0, 0}, {0, 1, 0});
    camera->setProjectionMatrixAsPerspective(40, 1, 1, 1000);
    return camera;
}

}  // namespace

TEST(PickSurface, FindsTheModelAndThePointInItsFileFrame) {
    osg::ref_ptr<osg::Camera> camera = topDownCamera();
    camera->addChild(quad(0, "terrain"));
    // A model in centimetres: its transform scales it to metres and lifts it 5 m.
    osg::ref_ptr<osg::MatrixTransform> model = new osg::MatrixTransform;
    model->setName("model:2");
    model->setMatrix(osg::Matrixd::scale(0.01, 0.01, 0.01) * osg::Matrixd::translate(0, 0, 5));
    model->addChild(quad(300, "part"));  // 3 m above its origin: local z = 8
    camera->addChild(model);
    const auto hit = pickSurface(*camera, 100, 100, {});
    ASSERT_TRUE(hit);
    ASSERT_TRUE(hit->model);
    EXPECT_EQ(*hit->model, 2);
    EXPECT_NEAR(hit->point.z(), 8.0, 1e-6);
    EXPECT_NEAR(hit->modelPoint.z(), 300.0, 1e-3) << "the hit in the model's own units";
}

TEST(PickSurface, SkipsTheSkyAndOverlaysButNotTheGround) {
    osg::ref_ptr<osg::Camera> camera = topDownCamera();
    camera->addChild(quad(0, "terrain"));
    camera->addChild(quad(50, "sky"));
    camera->addChild(quad(40, "inspector-measure"));
    const auto hit = pickSurface(*camera, 100, 100, {"inspector-measure"});
    ASSERT_TRUE(hit);
    EXPECT_FALSE(hit->model);
    EXPECT_NEAR(hit->point.z(), 0.0, 1e-6) << "the ground under the sky and the measure line";
    EXPECT_FALSE(pickSurface(*camera, 2, 2, {})) << "a corner ray misses the 20 m quads";
}

TEST(StatRows, FlagMissingTexturesAndBrokenGeometryOnly) {
    models::ModelStats stats;
    stats.format = "obj";
    stats.triangles = 1000;
    stats.textures = {{"roof.png", 512, 256, "RGBA8", ""},
                      {"wall.png", 0, 0, "", "file not found"}};
    stats.degenerateTriangles = 3;
    stats.boundaryEdges = 40;
    stats.boundsMin = {-1, -2, 0};
    stats.boundsMax = {3, 2, 5.5f};
    const auto rows = statRows(stats, Language::English);
    auto find = [&](StringId id, const std::string& part) {
        return std::find_if(rows.begin(), rows.end(), [&](const StatRow& r) {
            return r.label == id && r.value.find(part) != std::string::npos;
        });
    };
    ASSERT_NE(find(StringId::StatTexture, "512×256"), rows.end());
    EXPECT_FALSE(find(StringId::StatTexture, "512×256")->problem);
    ASSERT_NE(find(StringId::StatTexture, "file not found"), rows.end());
    EXPECT_TRUE(find(StringId::StatTexture, "wall.png")->problem);
    EXPECT_TRUE(find(StringId::StatDegenerate, "3")->problem);
    EXPECT_FALSE(find(StringId::StatDuplicate, "0")->problem);
    EXPECT_FALSE(find(StringId::StatBoundary, "40")->problem) << "open shells are common";
    EXPECT_NE(find(StringId::StatSize, "4.00 × 4.00 × 5.50"), rows.end());
}

TEST(PrintStats, OneLabelledLinePerRow) {
    models::ModelStats stats;
    stats.format = "gltf";
    stats.vertices = 24;
    stats.triangles = 12;
    stats.unitsGuess = "metres (stated by the file)";
    std::ostringstream out;
    printStats("box.glb", stats, out);
    EXPECT_NE(out.str().find("model: box.glb\n"), std::string::npos) << out.str();
    EXPECT_NE(out.str().find("  triangles: 12\n"), std::string::npos) << out.str();
    EXPECT_NE(out.str().find("  units guess: metres (stated by the file)\n"), std::string::npos);
}

TEST(ApplyStartOptions, CommandLineSettingsBecomeThePanelsChoices) {
    ViewerOptions options;
    options.modelModes.wireframe = options.modelModes.xray = true;
    options.clip = std::pair(1, 2.5);
    options.tool = "area";
    options.compareOverlay = true;
    InspectorState state;
    applyStartOptions(options, state);
    EXPECT_EQ(state.modes, (ModelDisplayModes{true, false, false, true}));
    EXPECT_TRUE(state.clip.enabled);
    EXPECT_EQ(state.clip.axis, 1);
    EXPECT_DOUBLE_EQ(state.clip.offsetM, 2.5);
    EXPECT_EQ(state.tool, InspectorTool::Area);
    EXPECT_EQ(state.compareMode, CompareMode::Overlay);
}

TEST(NoteKey, IsTheFileName) {
    scene::ModelDescription d;
    d.path = "/data/survey/2024/citang.glb";
    EXPECT_EQ(noteKey(d), "citang.glb");
}
