// Placement of imported models: units, up axis, scale, heading and position in one matrix,
// the ground under the footprint (clamp, flatten), and models in a loaded scene.

#include <cunjing/geo/Crs.h>
#include <cunjing/scene/ModelLayer.h>
#include <cunjing/scene/SceneData.h>
#include <cunjing/terrain/Flatten.h>

#include "TestPaths.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

using namespace cunjing;
using namespace cunjing::scene;

namespace {

constexpr double kOriginX = 400000, kOriginY = 2500000;

/// A Y-up box as glTF would have it: 2 wide (x), 3 tall (y), 4 deep (z, its front at +z).
models::ImportedModel box(char up = 'y') {
    models::ImportedModel m;
    m.format = "gltf";
    m.upAxis = up;
    models::MeshPart part;
    for (int i = 0; i < 8; ++i)
        part.positions.push_back({i & 1 ? 1.0f : -1.0f, i & 2 ? 3.0f : 0.0f, i & 4 ? 2.0f : -2.0f});
    part.indices = {0, 1, 3, 0, 3, 2, 4, 6, 7, 4, 7, 5, 0, 4, 5, 0, 5, 1,
                    2, 3, 7, 2, 7, 6, 0, 2, 6, 0, 6, 4, 1, 5, 7, 1, 7, 3};
    m.meshes.push_back(part);
    return m;
}

/// Where file point p ends up under the model's matrix (column-major).
std::array<double, 3> placed(const SceneModel& m, std::array<double, 3> p) {
    const auto& a = m.toLocal;
    return {a[0] * p[0] + a[4] * p[1] + a[8] * p[2] + a[12],
            a[1] * p[0] + a[5] * p[1] + a[9] * p[2] + a[13],
            a[2] * p[0] + a[6] * p[1] + a[10] * p[2] + a[14]};
}

/// A scene frame in EPSG:4547 around (400000, 2500000), with a 200 m square of ground whose
/// height is slope * (x - 399900) + 10 (rising to the east), 2 m cells.
SceneData frame(double slope = 0.0) {
    SceneData data;
    data.description.file = "scene.json";
    data.description.crs = "EPSG:4547";
    data.originX = kOriginX, data.originY = kOriginY;
    terrain::Heightfield f;
    f.cols = f.rows = 101;
    f.x0 = kOriginX - 100, f.y0 = kOriginY - 100;
    f.dx = f.dy = 2;
    for (int r = 0; r < f.rows; ++r)
        for (int c = 0; c < f.cols; ++c)
            f.heights.push_back(float(10 + slope * c * f.dx));
    data.terrain = f;
    return data;
}

ModelDescription at(double x, double y, double z = 0) {
    ModelDescription d;
    d.jsonPath = "$.models[0]";
    d.path = "box.glb";
    d.position = std::array<double, 3>{x, y, z};
    d.flatten = false;
    return d;
}

}  // namespace

TEST(ModelPlacement, YUpModelStandsUprightWithItsFrontToTheSouth) {
    auto m = placeSceneModel(at(kOriginX + 10, kOriginY + 20), box(), frame());
    ASSERT_TRUE(m.ok()) << m.firstError();
    // 3 m tall (file y), 2 m east-west (file x), 4 m north-south (file z).
    EXPECT_NEAR(m->localBounds.max.z - m->localBounds.min.z, 3.0, 1e-5);
    EXPECT_NEAR(m->localBounds.max.x - m->localBounds.min.x, 2.0, 1e-5);
    EXPECT_NEAR(m->localBounds.max.y - m->localBounds.min.y, 4.0, 1e-5);
    // The file's top is above its bottom, and its front (+z) is south of its back.
    EXPECT_GT(placed(m.value(), {0, 3, 0})[2], placed(m.value(), {0, 0, 0})[2] + 2.9);
    const auto front = placed(m.value(), {0, 0, 2});
    EXPECT_NEAR(front[0], 10.0, 1e-9);
    EXPECT_NEAR(front[1], 20.0 - 2.0, 1e-9);
}

TEST(ModelPlacement, HeadingTurnsClockwiseFromNorth) {
    ModelDescription d = at(kOriginX, kOriginY);
    d.headingDeg = 90;  // the front, south at heading 0, turns clockwise to the west
    auto m = placeSceneModel(d, box(), frame());
    ASSERT_TRUE(m.ok()) << m.firstError();
    const auto front = placed(m.value(), {0, 0, 2});
    EXPECT_NEAR(front[0], -2.0, 1e-9);
    EXPECT_NEAR(front[1], 0.0, 1e-9);
    // The file's north axis (-z of a Y-up file) points east, at bearing 90.
    const auto back = placed(m.value(), {0, 0, -2});
    EXPECT_NEAR(back[0], 2.0, 1e-9);
    EXPECT_NEAR(back[1], 0.0, 1e-9);
}

TEST(ModelPlacement, ZUpModelKeepsItsAxes) {
    ModelDescription d = at(kOriginX, kOriginY);
    auto m = placeSceneModel(d, box('z'), frame());
    ASSERT_TRUE(m.ok()) << m.firstError();
    // Z up: file z (4 m) is the height, file y (3 m) points north.
    EXPECT_NEAR(m->localBounds.max.z - m->localBounds.min.z, 4.0, 1e-5);
    const auto north = placed(m.value(), {0, 3, 0});
    EXPECT_NEAR(north[1], 3.0, 1e-9);
    // The description's "up" overrides the file's.
    d.upAxis = 'y';
    auto y = placeSceneModel(d, box('z'), frame());
    ASSERT_TRUE(y.ok());
    EXPECT_NEAR(y->localBounds.max.z - y->localBounds.min.z, 3.0, 1e-5);
}

TEST(ModelPlacement, UnitsAndScaleMultiplyAndTheDescriptionWins) {
    models::ImportedModel inCm = box();
    inCm.unitScale = 0.01;
    auto m = placeSceneModel(at(kOriginX, kOriginY), inCm, frame());
    ASSERT_TRUE(m.ok());
    EXPECT_NEAR(m->localBounds.max.z - m->localBounds.min.z, 0.03, 1e-6);
    ModelDescription d = at(kOriginX, kOriginY);
    d.unitScale = 0.3048;  // "units": "ft" fixes a file that states the wrong unit
    d.scale = 2;
    auto ft = placeSceneModel(d, inCm, frame());
    ASSERT_TRUE(ft.ok());
    EXPECT_NEAR(ft->localBounds.max.z - ft->localBounds.min.z, 3 * 0.3048 * 2, 1e-5);
    // A file stating nothing is in metres.
    auto plain = placeSceneModel(at(kOriginX, kOriginY), box(), frame());
    EXPECT_NEAR(plain->localBounds.max.z - plain->localBounds.min.z, 3.0, 1e-5);
}

TEST(ModelPlacement, GeographicPositionIsProjectedIntoTheSceneCrs) {
    ModelDescription d = at(113.0, 22.6, 0);
    d.crs = "EPSG:4490";
    auto m = placeSceneModel(d, box(), frame());
    ASSERT_TRUE(m.ok()) << m.firstError();
    double x = 113.0, y = 22.6;
    auto t = geo::Transform::create(geo::Crs::fromUserString("EPSG:4490").value(),
                                    geo::Crs::fromUserString("EPSG:4547").value());
    ASSERT_TRUE(t.ok() && t->apply(x, y));
    EXPECT_NEAR(m->toLocal[12], x - kOriginX, 1e-6);
    EXPECT_NEAR(m->toLocal[13], y - kOriginY, 1e-6);
    // 113E is 1 degree west of the zone's central meridian: about 103 km west.
    EXPECT_NEAR(x, 500000 - 102800, 1500);
}

TEST(ModelPlacement, GeoreferencePlacesAndTurnsByTrueNorth) {
    models::ImportedModel ifc = box('z');
    ifc.georeference = models::Georeference{22.6, 113.0, 250.0, 90.0};
    ModelDescription d;
    d.jsonPath = "$.models[2]";
    d.path = "site.ifc";
    d.clamp = ModelDescription::Clamp::Absolute;
    auto m = placeSceneModel(d, ifc, frame());
    ASSERT_TRUE(m.ok()) << m.firstError();
    double x = 113.0, y = 22.6;
    auto t = geo::Transform::create(geo::Crs::fromUserString("EPSG:4490").value(),
                                    geo::Crs::fromUserString("EPSG:4547").value());
    ASSERT_TRUE(t.ok() && t->apply(x, y));
    EXPECT_NEAR(m->toLocal[12], x - kOriginX, 1e-6);
    EXPECT_NEAR(m->toLocal[14], 250.0, 1e-9);  // absolute: the file's elevation
    // The file's +Y is 90 degrees clockwise from true north: it points east.
    const auto north = placed(m.value(), {0, 1, 0});
    EXPECT_NEAR(north[0] - m->toLocal[12], 1.0, 1e-9);
    EXPECT_NEAR(north[1] - m->toLocal[13], 0.0, 1e-9);
}

TEST(ModelPlacement, NoPositionAndNoGeoreferenceNamesTheEntryAndWhatToAdd) {
    ModelDescription d;
    d.jsonPath = "$.models[3]";
    d.path = "hall.glb";
    auto m = placeSceneModel(d, box(), frame());
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.errors()[0].file, "scene.json");
    EXPECT_EQ(m.errors()[0].where, "$.models[3]");
    EXPECT_NE(m.errors()[0].message.find("hall.glb"), std::string::npos);
    EXPECT_NE(m.errors()[0].message.find("\"position\""), std::string::npos);
}

TEST(ModelPlacement, TerrainClampPutsTheLowestPointOnTheLowestGroundOfASlope) {
    SceneData data = frame(0.5);  // rises 1 m every 2 m to the east
    ModelDescription d = at(kOriginX + 5, kOriginY, 0.25);
    auto m = placeSceneModel(d, box(), data);
    ASSERT_TRUE(m.ok()) << m.firstError();
    EXPECT_FALSE(m->platform.has_value());
    // The box spans x 4..6: the ground under it runs 112..113 m; the bottom sits 0.25 m above
    // the lowest of it, so no corner floats.
    const double lowGround = data.groundHeight(4, 0);
    EXPECT_NEAR(lowGround, 10 + 0.5 * 104, 1e-6);
    EXPECT_NEAR(m->localBounds.min.z, lowGround + 0.25, 1e-3);
    for (const auto& p : m->footprint)
        EXPECT_LE(m->localBounds.min.z - 0.25, data.groundHeight(p[0], p[1]) + 1e-3);
}

TEST(ModelPlacement, FlattenLevelsTheGroundUnderTheFootprintAndTheModelStandsOnIt) {
    SceneData data = frame(0.5);
    ModelDescription d = at(kOriginX + 5, kOriginY);
    d.flatten = true;
    auto m = placeSceneModel(d, box(), data);
    ASSERT_TRUE(m.ok()) << m.firstError();
    ASSERT_TRUE(m->platform.has_value());
    EXPECT_NEAR(*m->platform, 10 + 0.5 * 105, 0.6);  // the mean of the slope under it
    data.models.push_back(m.value());
    levelGroundUnderModels(data);
    for (double x = 4; x <= 6; x += 0.5) {
        for (double y = -2; y <= 2; y += 0.5)
            EXPECT_NEAR(data.groundHeight(x, y), *m->platform, 1e-3) << x << ", " << y;
    }
    EXPECT_NEAR(m->localBounds.min.z, *m->platform, 1e-3);
    // Far from it, the slope is untouched.
    EXPECT_NEAR(data.groundHeight(60, 0), 10 + 0.5 * 160, 1e-3);
}

TEST(ModelPlacement, AbsoluteClampPutsTheOriginAtZTimesTheExaggeration) {
    SceneData data = frame(0.5);
    TerrainDescription t;
    t.exaggeration = 2;
    data.description.terrain = t;
    ModelDescription d = at(kOriginX, kOriginY, 30);
    d.clamp = ModelDescription::Clamp::Absolute;
    auto m = placeSceneModel(d, box(), data);
    ASSERT_TRUE(m.ok());
    EXPECT_NEAR(m->toLocal[14], 60.0, 1e-9);
    EXPECT_NEAR(m->localBounds.max.z - m->localBounds.min.z, 3.0, 1e-5);  // not stretched
}

TEST(ModelPlacement, MatrixAndBoundsAgree) {
    ModelDescription d = at(kOriginX + 7, kOriginY - 3, 1);
    d.headingDeg = 33;
    d.scale = 1.5;
    auto m = placeSceneModel(d, box(), frame(0.2));
    ASSERT_TRUE(m.ok());
    geo::Bounds b;
    for (const auto& p : m->model.meshes[0].positions) {
        const auto q = placed(m.value(), {p[0], p[1], p[2]});
        b.expand({float(q[0]), float(q[1]), float(q[2])});
    }
    EXPECT_NEAR(b.min.x, m->localBounds.min.x, 1e-4);
    EXPECT_NEAR(b.max.y, m->localBounds.max.y, 1e-4);
    EXPECT_NEAR(b.min.z, m->localBounds.min.z, 1e-4);
    EXPECT_EQ(m->footprint.size(), 4u);  // the turned rectangle
}

// Scenes read their models through the worker (build/bin/cunjing-import-worker).

namespace {

void useBuiltWorker() {
    ::setenv("CUNJING_IMPORT_WORKER", test::executable("cunjing-import-worker").c_str(), 0);
}

Result<SceneData> sceneWithModels(const std::string& models) {
    useBuiltWorker();
    const auto dem = test::flatDem("model-placement");
    const std::string text = R"({"version": 1, "crs": "EPSG:4547", "terrain": {"dem": ")" +
                             dem.string() + R"(", "crs": "EPSG:4547"}, "models": [)" + models +
                             "]}";
    auto description = parseSceneText(text, test::sourceDir() / "models.json");
    if (!description)
        return Result<SceneData>::failure(description.errors());
    return loadScene(description.value());
}

}  // namespace

TEST(ModelScene, AModelTheWorkerRejectsIsAWarningAndTheSceneLoads) {
    auto data = sceneWithModels(
        R"({"path": "../shared/data/models/invalid_in_the_wild/DamagedHelmet_is_html_page.glb",
            "position": [400000, 2500000, 0]},
           {"path": "../shared/data/models/chinese_architecture_0ad_han/han_house_a.obj",
            "position": [400020, 2500000, 0], "heading": 180})");
    ASSERT_TRUE(data.ok()) << data.firstError();
    ASSERT_EQ(data->models.size(), 1u);
    EXPECT_EQ(data->models[0].description.jsonPath, "$.models[1]");
    bool named = false;
    for (const Error& w : data.warnings()) {
        if (w.where == "$.models[0]" &&
            w.message.find("DamagedHelmet_is_html_page.glb") != std::string::npos)
            named = true;
    }
    EXPECT_TRUE(named) << "no warning naming $.models[0] and the file";
    // The house stands on the flat ground at 8 m, its lowest point on it, and is in bounds.
    EXPECT_NEAR(data->models[0].localBounds.min.z, 8.0, 1e-3);
    EXPECT_GT(data->bounds().max.z, data->models[0].localBounds.max.z - 1e-3);
}

TEST(ModelScene, AMissingModelFileIsAWarningAndTheSceneLoads) {
    auto data =
        sceneWithModels(R"({"path": "no_such_model.glb", "position": [400000, 2500000, 0]})");
    ASSERT_TRUE(data.ok()) << data.firstError();
    EXPECT_TRUE(data->models.empty());
    ASSERT_FALSE(data.warnings().empty());
    EXPECT_EQ(data.warnings()[0].where, "$.models[0]");
    EXPECT_NE(data.warnings()[0].message.find("no_such_model.glb"), std::string::npos)
        << data.warnings()[0].message;
}

TEST(ModelScene, ModelWithoutPositionOrGeoreferenceIsAWarningNamingTheEntry) {
    auto data = sceneWithModels(R"({"path": "../shared/data/models/khronos_samples/Duck.glb"})");
    ASSERT_TRUE(data.ok()) << data.firstError();
    EXPECT_TRUE(data->models.empty());
    ASSERT_FALSE(data.warnings().empty());
    EXPECT_EQ(data.warnings()[0].where, "$.models[0]");
    EXPECT_NE(data.warnings()[0].message.find("position"), std::string::npos);
}

TEST(ModelScene, BadModelEntriesAreSceneFileErrors) {
    const std::string text = R"({"version": 1, "crs": "EPSG:4547", "models": [
        {"path": "../shared/data/models/khronos_samples/Duck.glb", "up": "x", "clamp": "ground",
         "units": "furlong"},
        {"name": "no path"}]})";
    auto description = parseSceneText(text, test::sourceDir() / "models.json");
    ASSERT_FALSE(description.ok());
    std::string all;
    for (const Error& e : description.errors())
        all += e.where + " " + e.message + "\n";
    EXPECT_NE(all.find("$.models[0].up"), std::string::npos) << all;
    EXPECT_NE(all.find("$.models[0].clamp"), std::string::npos) << all;
    EXPECT_NE(all.find("$.models[0].units"), std::string::npos) << all;
    EXPECT_NE(all.find("$.models[1] missing required key \"path\""), std::string::npos) << all;
}
