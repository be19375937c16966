#include <cunjing/heritage/PlanRules.h>

#include "TestPaths.h"

#include <gtest/gtest.h>

#include <fstream>

using namespace cunjing;
using namespace cunjing::heritage;

namespace {

constexpr double kX = 400000, kY = 2500000;  // EPSG:4547, near 112.9°E 22.6°N

PlanRuleSet guangdongPlanRules() {
    auto rules = PlanRuleSet::load("assets/rules/plan_guangdong.json");
    EXPECT_TRUE(rules.ok()) << rules.firstError();
    return rules.ok() ? rules.value() : PlanRuleSet{};
}

geo::Crs crs(const std::string& text) {
    return geo::Crs::fromUserString(text).value();
}

geo::Ring squareRing(double x, double y, double size) {
    return {{x, y}, {x + size, y}, {x + size, y + size}, {x, y + size}};
}

/// A new two-storey Guangfu house of size x size metres at (kX + dx, kY + dy), in palette.
CheckedBuilding house(const std::string& id, double dx, double dy, double size = 10) {
    CheckedBuilding b;
    b.id = id;
    b.style = "guangfu";
    for (const auto& p : squareRing(kX + dx, kY + dy, size))
        b.footprint.push_back({p.x, p.y});
    b.heightM = 6;
    b.storeys = 2;
    b.roofForm = "pitched";
    b.colours = {{"wall", "#7C8186"}, {"roof", "#5A5E63"}};
    b.newConstruction = true;
    return b;
}

CheckedZone zone(ZoneKind kind, double dx, double dy, double size,
                 std::vector<geo::Ring> holes = {}) {
    return {kind, {squareRing(kX + dx, kY + dy, size), std::move(holes)}, "test village"};
}

std::vector<RuleResult> check(const std::vector<CheckedBuilding>& buildings,
                              const PlanRuleInputs& inputs) {
    auto results = checkPlanRules(buildings, inputs, guangdongPlanRules());
    EXPECT_TRUE(results.ok()) << results.firstError();
    return results.ok() ? results.value() : std::vector<RuleResult>{};
}

std::vector<RuleResult> only(const std::vector<RuleResult>& results, const std::string& rule) {
    std::vector<RuleResult> out;
    for (const auto& r : results)
        if (r.rule == rule)
            out.push_back(r);
    return out;
}

/// A GeoPackage of square polygons (dx, dy, size around kX, kY), written in `crsText`, with
/// an optional "kind" field per feature.
std::string controlLineFile(const std::string& name,
                            const std::vector<std::array<double, 3>>& squares,
                            const std::string& crsText = "EPSG:4547",
                            const std::vector<std::string>& kinds = {}) {
    const auto working = crs("EPSG:4547");
    const auto target = crs(crsText);
    auto transform = geo::Transform::create(working, target);
    EXPECT_TRUE(transform.ok());
    geo::VectorLayerToWrite layer;
    layer.name = "lines";
    if (!kinds.empty())
        layer.fields = {{"kind", geo::FieldType::String}};
    for (std::size_t i = 0; i < squares.size(); ++i) {
        geo::VectorFeature f;
        geo::Polygon polygon;
        // Densified edges, so a square in EPSG:4547 stays that square after a round trip.
        const auto corners = squareRing(kX + squares[i][0], kY + squares[i][1], squares[i][2]);
        for (std::size_t c = 0; c < corners.size(); ++c) {
            const auto& a = corners[c];
            const auto& b = corners[(c + 1) % corners.size()];
            for (int s = 0; s < 10; ++s) {
                double x = a.x + (b.x - a.x) * s / 10, y = a.y + (b.y - a.y) * s / 10;
                EXPECT_TRUE(transform->apply(x, y));
                polygon.outer.push_back({x, y});
            }
        }
        f.polygons.push_back(polygon);
        if (!kinds.empty())
            f.fields = {{"kind", kinds[i]}};
        layer.features.push_back(f);
    }
    const auto path = (test::outputDir("plan_rules") / name).string();
    const Status written = geo::writeGeoPackage(path, {layer}, target);
    EXPECT_TRUE(written.ok()) << written.firstError();
    return path;
}

std::vector<ControlLine> load(const std::string& path, std::optional<ControlLineKind> kind) {
    auto lines = loadControlLines(path, crs("EPSG:4547"), kind);
    EXPECT_TRUE(lines.ok()) << lines.firstError();
    return lines.ok() ? lines.value() : std::vector<ControlLine>{};
}

}  // namespace

TEST(PlanRuleSet, LoadsTheGuangdongFile) {
    const PlanRuleSet rules = guangdongPlanRules();
    EXPECT_EQ(rules.rules.size(), 7u);
    EXPECT_DOUBLE_EQ(rules.maxDeltaE00, 10);
    ASSERT_TRUE(rules.zones.count(ZoneKind::Core));
    EXPECT_DOUBLE_EQ(*rules.zones.at(ZoneKind::Core).maxHeightM, 7);
    EXPECT_EQ(*rules.zones.at(ZoneKind::ConstructionControl).maxStoreys, 3);
    EXPECT_EQ(rules.rule("controlline.development_boundary")->severity, Severity::Warning);
    EXPECT_EQ(rules.palettes.at("chaoshan").at("ornament").size(), 4u);
    EXPECT_TRUE(PlanRuleSet::forJurisdiction("guangdong").ok());
}

TEST(PlanRuleSet, BadFileNamesEachProblemByJsonPath) {
    const auto path = test::outputDir("plan_rules") / "bad_rules.json";
    std::ofstream(path) << R"({"rules": {"facade.colour": {}, "roof.zone": {"severity": "fatal"}},
        "palettes": {"guangfu": {"wall": ["#12345"]}},
        "zones": {"core": {"max_height_m": -1}, "downtown": {}}})";
    const auto rules = PlanRuleSet::load(path.string());
    ASSERT_FALSE(rules.ok());
    std::string all;
    for (const auto& e : rules.errors())
        all += e.toString() + "\n";
    for (const char* expected :
         {"$.rules.facade.colour: unknown rule", "$.rules.roof.zone.severity",
          "$.palettes.guangfu.wall: '#12345'", "$.zones.core.max_height_m",
          "$.zones.downtown: unknown zone kind"})
        EXPECT_NE(all.find(expected), std::string::npos) << expected << " not in\n" << all;
}

TEST(FacadePalette, FiresForAColourFarFromThePalette) {
    CheckedBuilding b = house("B1", 0, 0);
    b.colours = {{"wall", "#FF00FF"}, {"roof", "#5A5E63"}};
    const auto results = check({b}, {});
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].rule, "facade.palette");
    EXPECT_EQ(results[0].severity, Severity::Error);
    EXPECT_EQ(results[0].buildingId, "B1");
    EXPECT_GT(results[0].measured, 10);
    EXPECT_DOUBLE_EQ(results[0].limit, 10);
    EXPECT_NEAR(results[0].x, kX + 5, 1e-6);  // the footprint's centroid
    EXPECT_NEAR(results[0].y, kY + 5, 1e-6);
    EXPECT_NE(results[0].message.find("#FF00FF"), std::string::npos);
}

TEST(FacadePalette, QuietForAColourCloseToAPaletteColour) {
    CheckedBuilding b = house("B1", 0, 0);
    b.colours = {{"wall", "#72777C"}, {"trim", "#A02D27"}, {"roof", "#5A5E63"}};
    EXPECT_TRUE(check({b}, {}).empty());
}

TEST(FacadePalette, ARoofColourIsJudgedAgainstTheRoofRoleOnly) {
    CheckedBuilding b = house("B1", 0, 0);
    b.colours = {{"roof", "#EDEBE4"}};  // lime white is a wall colour, not a roof tile
    const auto results = check({b}, {});
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].rule, "facade.palette");
}

TEST(FacadePalette, MalformedColourIsAnErrorNamingBuildingAndRole) {
    CheckedBuilding b = house("B7", 0, 0);
    b.colours = {{"trim", "#GG0000"}};
    const auto results = checkPlanRules({b}, {}, guangdongPlanRules());
    ASSERT_FALSE(results.ok());
    EXPECT_NE(results.firstError().find("building 'B7', colour role 'trim'"), std::string::npos)
        << results.firstError();
    EXPECT_NE(results.firstError().find("#GG0000"), std::string::npos);
}

TEST(FacadePalette, UnknownStyleOrRoleIsAnError) {
    CheckedBuilding b = house("B1", 0, 0);
    b.style = "bauhaus";
    EXPECT_NE(checkPlanRules({b}, {}, guangdongPlanRules()).firstError().find("style 'bauhaus'"),
              std::string::npos);
    b = house("B1", 0, 0);
    b.colours = {{"ornament", "#1F4E9C"}};  // 嵌瓷 colours belong to Chaoshan only
    EXPECT_NE(checkPlanRules({b}, {}, guangdongPlanRules()).firstError().find("no such role"),
              std::string::npos);
}

TEST(FacadePalette, ABuildingWithoutColoursIsNotJudgedByItsStyle) {
    CheckedBuilding b = house("B1", 0, 0);
    b.style = "modern";
    b.colours.clear();
    EXPECT_TRUE(check({b}, {}).empty());
}

TEST(RoofZone, FlatRoofInTheCoreFires) {
    CheckedBuilding b = house("B1", 10, 10);
    b.roofForm = "flat";
    PlanRuleInputs inputs;
    inputs.zones = {zone(ZoneKind::Core, 0, 0, 50)};
    const auto results = check({b}, inputs);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].rule, "roof.zone");
    EXPECT_EQ(results[0].severity, Severity::Error);
    EXPECT_NE(results[0].message.find("'flat'"), std::string::npos);
}

TEST(RoofZone, PitchedInTheCoreAndFlatInTheEnvironmentZoneAreQuiet) {
    PlanRuleInputs inputs;
    inputs.zones = {zone(ZoneKind::Core, 0, 0, 50), zone(ZoneKind::Environment, 100, 0, 50)};
    CheckedBuilding flat = house("B2", 110, 10);
    flat.roofForm = "flat";
    EXPECT_TRUE(check({house("B1", 10, 10), flat}, inputs).empty());
}

TEST(RoofZone, AnExistingBuildingOnlyWarns) {
    CheckedBuilding b = house("B1", 10, 10);
    b.roofForm = "flat";
    b.newConstruction = false;
    PlanRuleInputs inputs;
    inputs.zones = {zone(ZoneKind::ConstructionControl, 0, 0, 50)};
    const auto results = check({b}, inputs);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].severity, Severity::Warning);
}

TEST(HeightZone, TooHighOrTooManyStoreysFires) {
    CheckedBuilding high = house("B1", 10, 10);
    high.heightM = 9;
    CheckedBuilding storeys = house("B2", 110, 10);
    storeys.storeys = 4;
    PlanRuleInputs inputs;
    inputs.zones = {zone(ZoneKind::Core, 0, 0, 50),
                    zone(ZoneKind::ConstructionControl, 100, 0, 50)};
    const auto results = check({high, storeys}, inputs);
    ASSERT_EQ(results.size(), 2u);
    EXPECT_EQ(results[0].rule, "height.zone");
    EXPECT_EQ(results[0].buildingId, "B1");
    EXPECT_DOUBLE_EQ(results[0].measured, 9);
    EXPECT_DOUBLE_EQ(results[0].limit, 7);
    EXPECT_EQ(results[1].buildingId, "B2");
    EXPECT_DOUBLE_EQ(results[1].measured, 4);
    EXPECT_DOUBLE_EQ(results[1].limit, 3);
}

TEST(HeightZone, NineMetresIsAllowedInTheControlZoneAndOutsideAnyZone) {
    CheckedBuilding control = house("B1", 10, 10);
    control.heightM = 9;
    control.storeys = 3;
    CheckedBuilding outside = house("B2", 500, 500);
    outside.heightM = 30;
    PlanRuleInputs inputs;
    inputs.zones = {zone(ZoneKind::ConstructionControl, 0, 0, 50)};
    EXPECT_TRUE(check({control, outside}, inputs).empty());
}

TEST(HeightZone, TouchingTheCoreOrStandingInItsHoleDoesNotCount) {
    CheckedBuilding touching = house("B1", 50, 0);  // shares the core's east edge
    touching.heightM = 9;
    CheckedBuilding inHole = house("B2", 20, 20);
    inHole.heightM = 9;
    PlanRuleInputs inputs;
    inputs.zones = {zone(ZoneKind::Core, 0, 0, 50, {squareRing(kX + 15, kY + 15, 20)})};
    EXPECT_TRUE(check({touching, inHole}, inputs).empty());
}

TEST(HeightZone, AStraddlingBuildingMeetsTheStricterZone) {
    CheckedBuilding b = house("B1", 45, 10);  // 5 m in the core, 5 m in the control zone
    b.heightM = 9;
    PlanRuleInputs inputs;
    inputs.zones = {zone(ZoneKind::ConstructionControl, 50, 0, 50), zone(ZoneKind::Core, 0, 0, 50)};
    const auto results = check({b}, inputs);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_DOUBLE_EQ(results[0].limit, 7);
    EXPECT_NE(results[0].message.find("核心保护范围"), std::string::npos);
}

TEST(TreeProtection, NewConstructionInsideTheRangeFires) {
    PlanRuleInputs inputs;
    inputs.trees = {{"T1", kX + 13, kY + 5, 10}};  // 3 m east of the footprint
    const auto results = check({house("B1", 0, 0)}, inputs);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].rule, "tree.protection");
    EXPECT_NEAR(results[0].measured, 3, 1e-9);
    EXPECT_DOUBLE_EQ(results[0].limit, 10);
    EXPECT_DOUBLE_EQ(results[0].x, kX + 13);  // located at the tree
}

TEST(TreeProtection, AtOrBeyondTheRadiusOrExistingIsQuiet) {
    PlanRuleInputs inputs;
    inputs.trees = {{"T1", kX + 20, kY + 5, 10}, {"T2", kX + 5, kY - 12, 10}};
    CheckedBuilding existing = house("B2", 100, 0);
    existing.newConstruction = false;
    inputs.trees.push_back({"T3", kX + 105, kY + 5, 10});  // inside B2's footprint
    EXPECT_TRUE(check({house("B1", 0, 0), existing}, inputs).empty());
}

TEST(TreeProtection, RadiusComesFromTheJurisdictionAndUngradedTreesAreNotProtected) {
    auto rules = Rules::load("assets/rules/guangdong.json");
    ASSERT_TRUE(rules.ok());
    AncientTree old{"T1", "榕树", "", kX, kY, 18, 10, 320, false};
    AncientTree young{"T2", "榕树", "", kX, kY, 12, 10, 60, false};
    const auto trees = protectedTrees({old, young}, rules.value());
    ASSERT_EQ(trees.size(), 1u);
    EXPECT_EQ(trees[0].id, "T1");
    EXPECT_DOUBLE_EQ(trees[0].radiusM, 10);  // crown 10 m: radius 5 + 5 m margin
}

TEST(ControlLines, NewConstructionOnPermanentFarmlandFiresWithTheOverlapArea) {
    const auto file = controlLineFile("farmland.gpkg", {{8, -50, 100}});
    PlanRuleInputs inputs;
    inputs.controlLines = load(file, ControlLineKind::PermanentFarmland);
    const auto results = check({house("B1", 0, 0)}, inputs);  // x 8..10 overlaps: 20 m²
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].rule, "controlline.farmland");
    EXPECT_NEAR(results[0].measured, 20, 1e-6);
    EXPECT_NEAR(results[0].x, kX + 9, 1e-6);  // the overlap's centroid
    EXPECT_NE(results[0].message.find("farmland.gpkg"), std::string::npos);
}

TEST(ControlLines, TouchingFarmlandOrAnExistingBuildingOnItIsQuiet) {
    const auto file = controlLineFile("farmland_touch.gpkg", {{10, -50, 100}});
    PlanRuleInputs inputs;
    inputs.controlLines = load(file, ControlLineKind::PermanentFarmland);
    CheckedBuilding existing = house("B2", 30, 0);
    existing.newConstruction = false;
    EXPECT_TRUE(check({house("B1", 0, 0), existing}, inputs).empty());
}

TEST(ControlLines, KindFromAFieldAndEcologicalRedLineFires) {
    const auto file = controlLineFile("mixed.gpkg", {{-200, -200, 100}, {5, 5, 100}}, "EPSG:4547",
                                      {"permanent_farmland", "生态保护红线"});
    PlanRuleInputs inputs;
    inputs.controlLines = load(file, std::nullopt);
    ASSERT_EQ(inputs.controlLines.size(), 2u);
    EXPECT_EQ(inputs.controlLines[1].kind, ControlLineKind::EcologicalRedLine);
    const auto results = check({house("B1", 0, 0)}, inputs);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].rule, "controlline.ecological");
    EXPECT_NEAR(results[0].measured, 25, 1e-6);
}

TEST(ControlLines, AFileInEpsg4490IsCheckedInTheWorkingCrs) {
    const auto file = controlLineFile("farmland_4490.gpkg", {{5, -50, 100}}, "EPSG:4490");
    PlanRuleInputs inputs;
    inputs.controlLines = load(file, ControlLineKind::PermanentFarmland);
    const auto results = check({house("B1", 0, 0)}, inputs);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_NEAR(results[0].measured, 50, 0.05);  // 5 m x 10 m after two transforms
}

TEST(ControlLines, OutsideTheDevelopmentBoundaryIsAWarning) {
    const auto file = controlLineFile("boundary.gpkg", {{-100, -100, 105}});
    PlanRuleInputs inputs;
    inputs.controlLines = load(file, ControlLineKind::UrbanDevelopmentBoundary);
    const auto results = check({house("B1", 0, 0), house("B2", -50, -50)}, inputs);
    ASSERT_EQ(only(results, "controlline.development_boundary").size(), 1u);
    EXPECT_EQ(results[0].buildingId, "B1");
    EXPECT_EQ(results[0].severity, Severity::Warning);
    EXPECT_NEAR(results[0].measured, 75, 1e-6);  // 100 m² less the 5 m x 5 m inside
}

TEST(ControlLines, UnreadableFileIsAnErrorNamingIt) {
    const auto path = test::outputDir("plan_rules") / "not_a_layer.gpkg";
    std::ofstream(path) << "this is not a GeoPackage";
    const auto lines = loadControlLines(path.string(), crs("EPSG:4547"), std::nullopt);
    ASSERT_FALSE(lines.ok());
    EXPECT_NE(lines.firstError().find("not_a_layer.gpkg"), std::string::npos) << lines.firstError();
    const auto missing = loadControlLines("no/such/file.shp", crs("EPSG:4547"), std::nullopt);
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.firstError().find("no/such/file.shp"), std::string::npos);
}

TEST(ControlLines, AFeatureWithoutAKindIsAnErrorNamingTheFeature) {
    const auto file = controlLineFile("unknown_kind.gpkg", {{0, 0, 10}}, "EPSG:4547", {"orchard"});
    const auto lines = loadControlLines(file, crs("EPSG:4547"), std::nullopt);
    ASSERT_FALSE(lines.ok());
    EXPECT_NE(lines.firstError().find("'orchard'"), std::string::npos) << lines.firstError();
    EXPECT_NE(lines.firstError().find("layer 'lines'"), std::string::npos);
}

TEST(CheckPlanRules, ResultsComeInBuildingThenRuleOrder) {
    CheckedBuilding a = house("A", 10, 10);
    a.heightM = 9;
    a.colours = {{"wall", "#00FF00"}};
    CheckedBuilding b = house("B", 20, 20);
    b.roofForm = "flat";
    PlanRuleInputs inputs;
    inputs.zones = {zone(ZoneKind::Core, 0, 0, 50)};
    inputs.trees = {{"T1", kX + 28, kY + 28, 5}};
    const auto results = check({a, b}, inputs);
    ASSERT_EQ(results.size(), 4u);
    EXPECT_EQ(results[0].rule + results[0].buildingId, "facade.paletteA");
    EXPECT_EQ(results[1].rule + results[1].buildingId, "height.zoneA");
    EXPECT_EQ(results[2].rule + results[2].buildingId, "roof.zoneB");
    EXPECT_EQ(results[3].rule + results[3].buildingId, "tree.protectionB");
}

TEST(CheckPlanRules, ASelfCrossingFootprintIsAnErrorNamingTheBuilding) {
    CheckedBuilding b = house("B9", 0, 0);
    b.footprint = {{kX, kY}, {kX + 10, kY + 10}, {kX + 10, kY}, {kX, kY + 10}};
    const auto results = checkPlanRules({b}, {}, guangdongPlanRules());
    ASSERT_FALSE(results.ok());
    EXPECT_NE(results.firstError().find("building 'B9'"), std::string::npos);
}
