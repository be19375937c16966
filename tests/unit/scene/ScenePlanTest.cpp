#include <cunjing/scene/ScenePlan.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <memory>

using namespace cunjing;
using namespace cunjing::scene;
using architecture::PlanChange;

namespace {

const std::string kPlanFile = "tests/unit/scene/test_plan.json";

/// A short street (no terrain, no registers): a few shophouses, self-built houses and the wires.
const SceneData& streetScene() {
    static const std::unique_ptr<SceneData> data = [] {
        SceneDescription d;
        d.file = "assets/demo/test.json";
        d.crs = "EPSG:4547";
        d.origin = std::array<double, 2>{384000, 2571000};
        BuildingDescription street;
        street.kind = BuildingDescription::Kind::Layout;
        street.layout = "street";
        street.id = "street";
        street.streetLength = 50;
        street.facingDeg = 180;
        street.seed = 4;
        street.jsonPath = "$.buildings[0].generate";
        d.buildings.push_back(street);
        auto loaded = loadScene(d);
        EXPECT_TRUE(loaded.ok()) << loaded.firstError();
        return loaded ? std::make_unique<SceneData>(std::move(loaded.value()))
                      : std::make_unique<SceneData>();
    }();
    return *data;
}

architecture::TownPlan plan(const std::string& alternativeBody) {
    const std::string text = R"({"format": "cunjing-plan 1", "id": "test",
        "alternatives": [{"id": "a", )" +
                             alternativeBody + "}]}";
    auto parsed = architecture::parseTownPlan(text, kPlanFile);
    EXPECT_TRUE(parsed.ok()) << parsed.firstError();
    return parsed ? parsed.value() : architecture::TownPlan{};
}

/// The positions of one building's vertices, in mesh order.
std::vector<geo::Vec3f> verticesOf(const geo::Mesh& mesh, std::uint32_t partId) {
    std::vector<geo::Vec3f> out;
    for (std::size_t i = 0; i < mesh.positions.size(); ++i) {
        if (mesh.partIds[i] == partId)
            out.push_back(mesh.positions[i]);
    }
    return out;
}

bool same(const std::vector<geo::Vec3f>& a, const std::vector<geo::Vec3f>& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](auto& p, auto& q) {
               return p.x == q.x && p.y == q.y && p.z == q.z;
           });
}

/// A building of the given typology in the existing street.
const PlacedBuilding& firstOf(const std::string& typology) {
    for (const PlacedBuilding& p : streetScene().placed) {
        if (p.typology == typology)
            return p;
    }
    ADD_FAILURE() << "the test street has no " << typology;
    return streetScene().placed.front();
}

std::vector<heritage::RuleResult> resultsFor(const PlanCheck& check, const std::string& rule,
                                             const std::string& building) {
    std::vector<heritage::RuleResult> out;
    for (const auto& r : check.results) {
        if (r.rule == rule && r.buildingId == building)
            out.push_back(r);
    }
    return out;
}

}  // namespace

TEST(ScenePlan, PlacedBuildingsCarryIdsFootprintsAndFacts) {
    const SceneData& data = streetScene();
    ASSERT_GT(data.placed.size(), 4u);
    for (const PlacedBuilding& p : data.placed) {
        EXPECT_EQ(p.group, "street");
        EXPECT_EQ(p.sceneId.rfind("street/street-", 0), 0u) << p.sceneId;
        EXPECT_EQ(p.footprint.style, "guangfu");
        EXPECT_EQ(p.footprint.typology, p.typology);
        EXPECT_EQ(p.footprint.outline.size(), 4u);
        EXPECT_EQ(p.base, p.z);
        if (p.typology != "dianxian") {
            EXPECT_GT(p.facts.eaveHeightM, 2.0) << p.sceneId;
            EXPECT_GE(p.facts.storeys, 1) << p.sceneId;
        }
    }
    // The outline is where the masses stand: its centroid is the building's mass centre, near
    // the origin the layout placed it at (within a plot's depth).
    const PlacedBuilding& shop = firstOf("qilou");
    const auto c = architecture::ringCentroid(shop.footprint.outline);
    EXPECT_LT(std::hypot(c.x - shop.x, c.y - shop.y), 20.0);
}

TEST(ScenePlan, ExistingStateIsTheSceneBuildings) {
    const BuildingState state = existingState(streetScene());
    EXPECT_EQ(state.placed.size(), streetScene().placed.size());
    EXPECT_EQ(state.buildings.positions.size(), streetScene().buildings.positions.size());
    EXPECT_TRUE(state.changes.empty());
    ASSERT_NE(state.find(firstOf("qilou").sceneId), nullptr);
    EXPECT_EQ(state.find("street/nope"), nullptr);
}

TEST(ScenePlan, PlanBuildingsLieInTheZonesAroundTheirCentroids) {
    SceneData data;
    const auto square = [](double x, double y, double half) {
        return std::vector<architecture::Point2>{
            {x - half, y - half}, {x + half, y - half}, {x + half, y + half}, {x - half, y + half}};
    };
    const auto ring = [&](double x, double y, double half) {
        std::vector<std::array<double, 2>> out;
        for (const auto& p : square(x, y, half))
            out.push_back({p.x, p.y});
        return out;
    };
    for (const auto& [id, x] :
         {std::pair{"in-core", 0.0}, std::pair{"around", 40.0}, std::pair{"outside", 200.0}}) {
        PlacedBuilding p;
        p.sceneId = std::string("street/") + id;
        p.group = "street";
        p.footprint.outline = square(x, 0, 4);
        data.placed.push_back(p);
    }
    // The core around the first; the construction-control zone around both, with the core cut
    // out of it as a hole.
    SceneVillage village;
    village.zones.push_back({heritage::ZoneKind::Core, {ring(0, 0, 10)}});
    village.zones.push_back(
        {heritage::ZoneKind::ConstructionControl, {ring(20, 0, 40), ring(0, 0, 10)}});
    data.villages.push_back(village);

    const std::vector<architecture::PlanBuilding> buildings = planBuildings(data);
    ASSERT_EQ(buildings.size(), 3u);
    EXPECT_EQ(buildings[0].id, "street/in-core");
    EXPECT_EQ(buildings[0].group, "street");
    EXPECT_EQ(buildings[0].footprint.outline.size(), 4u);
    EXPECT_EQ(buildings[0].zones, std::vector<std::string>{"core"});
    EXPECT_EQ(buildings[1].zones, std::vector<std::string>{"construction_control"});
    EXPECT_TRUE(buildings[2].zones.empty());
}

TEST(ScenePlan, ChangedBuildingIsRegeneratedAndTheRestKeepTheirVertices) {
    const SceneData& data = streetScene();
    const PlacedBuilding& house = firstOf("nongfang");
    auto after =
        applyScenePlan(data,
                       plan(R"("interventions": [{"select": {"ids": [")" + house.sceneId +
                            R"("]}, "set": {"wall_colour": "#E6D8BC", "roof": "pitched"}}])"),
                       "a");
    ASSERT_TRUE(after.ok()) << after.firstError();
    ASSERT_EQ(after->placed.size(), data.placed.size());
    ASSERT_EQ(after->changes.size(), 1u);
    EXPECT_EQ(after->changes[0].buildingId, house.sceneId);
    EXPECT_TRUE(after->buildings.isValid());
    for (const PlacedBuilding& p : data.placed) {
        const PlacedBuilding* q = after->find(p.sceneId);
        ASSERT_NE(q, nullptr) << p.sceneId;
        const bool changed = p.sceneId == house.sceneId;
        EXPECT_EQ(same(verticesOf(data.buildings, p.id), verticesOf(after->buildings, q->id)),
                  !changed)
            << p.sceneId;
    }
    const PlacedBuilding* changed = after->find(house.sceneId);
    EXPECT_EQ(changed->x, house.x);  // the front stays on the street line
    EXPECT_EQ(changed->headingDeg, house.headingDeg);
    EXPECT_EQ(changed->facts.roofForm, "flat-to-pitched");
    // Ground areas (the street's paving) come through as they are.
    EXPECT_EQ(verticesOf(data.buildings, UINT32_MAX).size(),
              verticesOf(after->buildings, UINT32_MAX).size());
}

TEST(ScenePlan, RuleSelectsEveryBuildingOfATypology) {
    const SceneData& data = streetScene();
    auto after = applyScenePlan(
        data,
        plan(
            R"("interventions": [{"select": {"typology": ["qilou"]}, "set": {"sign_band": true}}])"),
        "a");
    ASSERT_TRUE(after.ok()) << after.firstError();
    const auto shops = std::count_if(data.placed.begin(), data.placed.end(),
                                     [](const PlacedBuilding& p) { return p.typology == "qilou"; });
    ASSERT_GT(shops, 0);
    EXPECT_EQ(
        std::count_if(after->changes.begin(), after->changes.end(),
                      [](const PlanChange& c) { return c.kind == PlanChange::Kind::Modified; }),
        shops);
}

TEST(ScenePlan, RemovedBuildingsAreGoneAndAddedOnesStand) {
    const SceneData& data = streetScene();
    const PlacedBuilding& gone = firstOf("zhutongwu");
    auto after = applyScenePlan(
        data,
        plan(R"("add": [{"id": "kiosk", "style": "guangfu", "typology": "nongfang", "at": [0, -40],
                         "facing": 180, "storeys": 2, "seed": 1}],
                "remove": [")" +
             gone.sceneId + R"("])"),
        "a");
    ASSERT_TRUE(after.ok()) << after.firstError();
    EXPECT_EQ(after->find(gone.sceneId), nullptr);
    EXPECT_EQ(after->placed.size(), data.placed.size());  // one out, one in
    const PlacedBuilding* kiosk = after->find("plan/kiosk");
    ASSERT_NE(kiosk, nullptr);
    EXPECT_EQ(kiosk->group, "plan");
    EXPECT_FALSE(verticesOf(after->buildings, kiosk->id).empty());
    // "at" is where the building's origin (its front centre) goes.
    EXPECT_NEAR(kiosk->x, 0, 0.01);
    EXPECT_NEAR(kiosk->y, -40, 0.01);
    EXPECT_EQ(kiosk->z, 0.0);  // no terrain: the ground is at 0
    // partIds index `placed`: every building's vertices carry its own index.
    for (std::size_t i = 0; i < after->placed.size(); ++i)
        EXPECT_EQ(after->placed[i].id, i);
    EXPECT_TRUE(after->buildings.isValid());
}

TEST(ScenePlan, CacheServesTheSecondApplication) {
    const SceneData& data = streetScene();
    const auto p = plan(R"("interventions": [{"select": {"typology": ["nongfang"]},
        "set": {"wall_colour": "#D8CCB2"}}])");
    BuildingCache cache;
    auto first = applyScenePlan(data, p, "a", &cache);
    ASSERT_TRUE(first.ok()) << first.firstError();
    const std::size_t generated = cache.size();
    EXPECT_GT(generated, 0u);
    auto second = applyScenePlan(data, p, "a", &cache);
    ASSERT_TRUE(second.ok()) << second.firstError();
    EXPECT_EQ(cache.size(), generated);
    EXPECT_EQ(first->buildings.positions.size(), second->buildings.positions.size());
    EXPECT_TRUE(same(first->buildings.positions, second->buildings.positions));
}

TEST(ScenePlan, MissingBuildingNamesThePlanFileAndJsonPath) {
    auto after = applyScenePlan(streetScene(), plan(R"("remove": ["street/street-z-99"])"), "a");
    ASSERT_FALSE(after.ok());
    const Error& e = after.errors()[0];
    EXPECT_EQ(e.file, kPlanFile);
    EXPECT_NE(e.where.find("$.alternatives[0].remove[0]"), std::string::npos) << e.toString();
    EXPECT_NE(e.toString().find("street/street-z-99"), std::string::npos) << e.toString();
}

TEST(ScenePlan, UnknownAlternativeIsAnError) {
    auto after = applyScenePlan(streetScene(), plan(R"("remove": [])"), "b");
    ASSERT_FALSE(after.ok());
    EXPECT_EQ(after.errors()[0].file, kPlanFile);
    EXPECT_NE(after.errors()[0].message.find("known: a"), std::string::npos);
}

TEST(ScenePlan, WallColourOffThePaletteFailsAtThatBuilding) {
    const SceneData& data = streetScene();
    const PlacedBuilding& shop = firstOf("qilou");
    auto check = [&](const std::string& colour) {
        auto after =
            applyScenePlan(data,
                           plan(R"("interventions": [{"select": {"ids": [")" + shop.sceneId +
                                R"("]}, "set": {"wall_colour": ")" + colour + R"("}}])"),
                           "a");
        EXPECT_TRUE(after.ok()) << after.firstError();
        auto result = checkScenePlan(data, after.value(), {});
        EXPECT_TRUE(result.ok()) << result.firstError();
        return result ? result.value() : PlanCheck{};
    };
    const PlanCheck magenta = check("#FF00FF");
    const auto fired = resultsFor(magenta, "facade.palette", shop.sceneId);
    ASSERT_FALSE(fired.empty());
    EXPECT_EQ(fired[0].severity, heritage::Severity::Error);
    EXPECT_GE(magenta.errors, 1);
    // The result sits on the building, in the local frame.
    const auto c = architecture::ringCentroid(shop.footprint.outline);
    EXPECT_LT(std::hypot(fired[0].x - c.x, fired[0].y - c.y), 10.0);
    const PlanCheck cream = check("#E6D8BC");
    EXPECT_TRUE(resultsFor(cream, "facade.palette", shop.sceneId).empty());
    EXPECT_FALSE(cream.rulesChecked.empty());
}

TEST(ScenePlan, BuildingAddedInATreesRangeFailsAndOneOutsideDoesNot) {
    SceneData data = streetScene();
    heritage::AncientTree banyan;
    banyan.id = "44010000001";
    banyan.x = 0, banyan.y = -40;
    banyan.ageYears = 320;  // 二级: protected, crown / 2 + 5 m
    banyan.crownM = 16;
    data.trees.push_back(banyan);
    auto checkAt = [&](double x) {
        auto after = applyScenePlan(
            data,
            plan(R"("add": [{"id": "kiosk", "style": "guangfu", "typology": "nongfang", "at": [)" +
                 std::to_string(x) + R"(, -40], "facing": 180, "seed": 1}])"),
            "a");
        EXPECT_TRUE(after.ok()) << after.firstError();
        auto result = checkScenePlan(data, after.value(), {});
        EXPECT_TRUE(result.ok()) << result.firstError();
        return result ? result.value() : PlanCheck{};
    };
    const auto under = resultsFor(checkAt(0), "tree.protection", "plan/kiosk");
    ASSERT_EQ(under.size(), 1u);
    EXPECT_EQ(under[0].severity, heritage::Severity::Error);
    EXPECT_TRUE(resultsFor(checkAt(60), "tree.protection", "plan/kiosk").empty());
    // Existing buildings are not new construction: the tree never fires for them.
    for (const auto& r : checkAt(60).results)
        EXPECT_NE(r.rule, "tree.protection") << r.buildingId;
}

TEST(ScenePlan, ExtraControlLinesNeedAReadableFile) {
    const SceneData& data = streetScene();
    PlanCheckSetup setup;
    setup.extraControlLines = {"tests/unit/scene/no_such_lines.geojson:permanent_farmland"};
    auto result = checkScenePlan(data, existingState(data), setup);
    ASSERT_FALSE(result.ok());
    // The kind suffix was split off: the error names the file alone.
    EXPECT_NE(result.errors()[0].toString().find("no_such_lines.geojson"), std::string::npos);
    EXPECT_EQ(result.errors()[0].toString().find(":permanent_farmland"), std::string::npos)
        << result.errors()[0].toString();
}

namespace {

/// A permanent-farmland polygon over local x -20..20, y -60..-20 of the test street, in the
/// working CRS (GeoJSON with a named CRS, as GDAL reads it).
std::filesystem::path farmland() {
    const auto path =
        std::filesystem::temp_directory_path() / "cunjing_scene_plan_farmland.geojson";
    std::ofstream(path) << R"({"type": "FeatureCollection",
      "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4547"}},
      "features": [{"type": "Feature", "properties": {"kind": "永久基本农田"},
        "geometry": {"type": "Polygon", "coordinates": [[[383980, 2570940], [384020, 2570940],
          [384020, 2570980], [383980, 2570980], [383980, 2570940]]]}}]})";
    return path;
}

PlanCheck checkWithKiosk(const SceneData& data, const PlanCheckSetup& setup, double x) {
    auto after = applyScenePlan(
        data,
        plan(R"("add": [{"id": "kiosk", "style": "guangfu", "typology": "nongfang", "at": [)" +
             std::to_string(x) + R"(, -40], "facing": 180, "seed": 1}])"),
        "a");
    EXPECT_TRUE(after.ok()) << after.firstError();
    auto result = checkScenePlan(data, after.value(), setup);
    EXPECT_TRUE(result.ok()) << result.firstError();
    return result ? result.value() : PlanCheck{};
}

}  // namespace

TEST(ScenePlan, SceneControlLinesAreMovedIntoTheLocalFrame) {
    SceneData data = streetScene();
    // Per-feature kind (the "kind" field, in Chinese), as the scene file allows.
    data.description.controlLines.push_back({"$.control_lines[0]", farmland(), ""});
    const auto fired =
        resultsFor(checkWithKiosk(data, {}, 0), "controlline.farmland", "plan/kiosk");
    ASSERT_EQ(fired.size(), 1u);
    EXPECT_EQ(fired[0].severity, heritage::Severity::Error);
    EXPECT_LT(std::abs(fired[0].x), 25.0);  // local metres, not the working CRS
    EXPECT_TRUE(
        resultsFor(checkWithKiosk(data, {}, 80), "controlline.farmland", "plan/kiosk").empty());
}

TEST(ScenePlan, ExtraControlLinesTakeAKindAfterTheLastColon) {
    PlanCheckSetup setup;
    setup.extraControlLines = {farmland().string() + ":ecological_red_line"};
    const PlanCheck check = checkWithKiosk(streetScene(), setup, 0);
    EXPECT_EQ(resultsFor(check, "controlline.ecological", "plan/kiosk").size(), 1u);
    EXPECT_TRUE(resultsFor(check, "controlline.farmland", "plan/kiosk").empty());
}

TEST(ScenePlan, UnknownControlLineKindInTheSceneNamesItsPath) {
    SceneDescription d = streetScene().description;
    d.controlLines.push_back({"$.control_lines[0]", farmland(), "rice_paddies"});
    auto loaded = loadScene(d);
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.errors()[0].where, "$.control_lines[0].kind");
    EXPECT_NE(loaded.errors()[0].message.find("permanent_farmland"), std::string::npos);
}
