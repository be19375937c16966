#include <cunjing/scene/SceneFile.h>

#include <gtest/gtest.h>

using namespace cunjing;
using namespace cunjing::scene;

namespace {
/// Parses text as if it were assets/demo/test.json, so demo data files resolve.
Result<SceneDescription> parse(const std::string& text) {
    return parseSceneText(text, "assets/demo/test.json");
}

/// The single error of a result, failing the test when there is not exactly one.
Error onlyError(const Result<SceneDescription>& r) {
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.errors().size(), 1u);
    for (const auto& e : r.errors())
        std::cerr << e.toString() << "\n";
    return r.errors().empty() ? Error{} : r.errors()[0];
}
}  // namespace

TEST(SceneFile, DemoSceneLoads) {
    auto scene = loadSceneFile("assets/demo/demo.json");
    ASSERT_TRUE(scene.ok()) << scene.firstError();
    EXPECT_EQ(scene->crs, "EPSG:4547");
    ASSERT_TRUE(scene->terrain.has_value());
    EXPECT_TRUE(std::filesystem::exists(scene->terrain->dem));
    EXPECT_GE(scene->viewpoints.size(), 3u);
    EXPECT_EQ(scene->name.in(Language::English), "Lingnan villages demo (synthetic data)");
}

TEST(SceneFile, SyntaxErrorNamesLineAndColumn) {
    const Error e =
        onlyError(parse("{\n  \"version\": 1,\n  \"crs\": \"EPSG:4547\"\n  \"name\": \"x\"\n}"));
    EXPECT_EQ(e.file, "assets/demo/test.json");
    EXPECT_EQ(e.where.rfind("line 4", 0), 0u) << e.where;
    EXPECT_NE(e.message.find("JSON syntax error"), std::string::npos);
}

// Like the town plan's (fuzz_town_plan's finding): nlohmann throws out_of_range, not a
// parse_error, for a number too large for a double.
TEST(SceneFile, ANumberTooLargeIsAnErrorNotAnAbort) {
    const Error e = onlyError(parse(R"({"version": 1, "crs": "EPSG:4547", "origin": [1e999, 0]})"));
    EXPECT_EQ(e.file, "assets/demo/test.json");
    EXPECT_NE(e.message.find("number overflow"), std::string::npos) << e.message;
}

TEST(SceneFile, UnknownKeyNamesItsPath) {
    const Error e = onlyError(parse(
        R"({"version": 1, "crs": "EPSG:4547", "terrain": {"dem": "terrain_synthetic.asc", "exageration": 2}})"));
    EXPECT_EQ(e.where, "$.terrain.exageration");
    EXPECT_NE(e.message.find("unknown key"), std::string::npos);
}

TEST(SceneFile, WrongTypeNamesExpectedAndActual) {
    const Error e = onlyError(parse(
        R"({"version": 1, "crs": "EPSG:4547", "viewpoints": [{"name": "a", "eye": [0, 0, "high"], "target": [0, 1, 0]}]})"));
    EXPECT_EQ(e.where, "$.viewpoints[0].eye[2]");
    EXPECT_EQ(e.message, "expected a number, got a string");
}

TEST(SceneFile, MissingDemIsReportedWithItsPath) {
    const Error e = onlyError(
        parse(R"({"version": 1, "crs": "EPSG:4547", "terrain": {"dem": "nowhere.tif"}})"));
    EXPECT_EQ(e.where, "$.terrain.dem");
    EXPECT_NE(e.message.find("file not found: nowhere.tif"), std::string::npos);
}

TEST(SceneFile, UnknownCrsIsReported) {
    const Error e = onlyError(parse(R"({"version": 1, "crs": "EPSG:123456789"})"));
    EXPECT_EQ(e.where, "$.crs");
    EXPECT_NE(e.message.find("unknown CRS"), std::string::npos);
}

TEST(SceneFile, GeographicWorkingCrsIsRefused) {
    const Error e = onlyError(parse(R"({"version": 1, "crs": "EPSG:4490"})"));
    EXPECT_EQ(e.where, "$.crs");
    EXPECT_NE(e.message.find("not a projected CRS"), std::string::npos);
}

TEST(SceneFile, EmptyFileIsAnError) {
    const Error e = onlyError(parse("  \n"));
    EXPECT_NE(e.message.find("empty"), std::string::npos);
}

TEST(SceneFile, EmptyObjectListsMissingKeys) {
    auto r = parse("{}");
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.errors().size(), 2u);
    EXPECT_EQ(r.errors()[0].message, "missing required key \"version\"");
    EXPECT_EQ(r.errors()[1].message, "missing required key \"crs\"");
}

TEST(SceneFile, TopLevelArrayIsAnError) {
    const Error e = onlyError(parse("[1, 2]"));
    EXPECT_EQ(e.where, "$");
    EXPECT_EQ(e.message, "expected an object, got an array");
}

TEST(SceneFile, DuplicateViewpointNamesAreReported) {
    const Error e = onlyError(parse(R"({"version": 1, "crs": "EPSG:4547", "viewpoints": [
        {"name": "a", "eye": [0, -1, 1], "target": [0, 0, 0]},
        {"name": "a", "eye": [0, -2, 1], "target": [0, 0, 0]}]})"));
    EXPECT_EQ(e.where, "$.viewpoints[1].name");
}

TEST(SceneFile, OutOfRangeNumberIsReported) {
    const Error e = onlyError(parse(
        R"({"version": 1, "crs": "EPSG:4547", "buildings": [{"generate": {"lane_width": 40}}]})"));
    EXPECT_EQ(e.where, "$.buildings[0].generate.lane_width");
}

TEST(SceneFile, UnsupportedVersionIsReported) {
    const Error e = onlyError(parse(R"({"version": 2, "crs": "EPSG:4547"})"));
    EXPECT_EQ(e.where, "$.version");
}

TEST(SceneFile, PlainStringTitleFillsBothLanguages) {
    auto r = parse(
        R"({"version": 1, "crs": "EPSG:4547", "viewpoints": [{"name": "a", "title": "村口", "eye": [0, -1, 1], "target": [0, 0, 0]}]})");
    ASSERT_TRUE(r.ok()) << r.firstError();
    EXPECT_EQ(r->viewpoints[0].title.in(Language::English), "村口");
}

TEST(SceneFile, MissingSceneFileIsAnError) {
    auto r = loadSceneFile("no/such/scene.json");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.errors()[0].toString(), "no/such/scene.json: file not found");
}

TEST(SceneFile, BuildingEntriesOfEachKind) {
    auto scene = parse(R"({"version": 1, "crs": "EPSG:4547", "buildings": [
        {"generate": {"layout": "weilongwu", "at": [-200, 70], "seed": 3}},
        {"generate": {"style": "chaoshan", "typology": "sidianjin", "at": [5, 6], "facing": 135,
                      "set": {"hallBay": 4.5, "gable": "jin", "ridge": "qianci"}}},
        {"source": "trees_synthetic.geojson", "flatten": false}]})");
    ASSERT_TRUE(scene.ok()) << scene.firstError();
    ASSERT_EQ(scene->buildings.size(), 3u);
    const auto& layout = scene->buildings[0];
    EXPECT_EQ(layout.kind, BuildingDescription::Kind::Layout);
    EXPECT_EQ(layout.layout, "weilongwu");
    EXPECT_EQ(layout.seed, 3u);
    EXPECT_FALSE(layout.facingDeg.has_value());  // chosen from the ground when the scene loads
    const auto& single = scene->buildings[1];
    EXPECT_EQ(single.kind, BuildingDescription::Kind::Single);
    EXPECT_EQ(single.style, "chaoshan");
    EXPECT_EQ(single.typology, "sidianjin");
    EXPECT_EQ(single.facingDeg, 135.0);
    EXPECT_EQ(single.jsonPath, "$.buildings[1].generate");
    ASSERT_EQ(single.set.size(), 3u);
    EXPECT_EQ(single.set[0], (std::pair<std::string, std::string>{"gable", "jin"}));
    EXPECT_EQ(single.set[1], (std::pair<std::string, std::string>{"hallBay", "4.5"}));
    const auto& source = scene->buildings[2];
    EXPECT_EQ(source.kind, BuildingDescription::Kind::Source);
    EXPECT_FALSE(source.flatten);
    EXPECT_EQ(source.source.filename(), "trees_synthetic.geojson");
}

TEST(SceneFile, BadBuildingEntriesNameTheirPath) {
    EXPECT_EQ(onlyError(parse(R"({"version": 1, "crs": "EPSG:4547",
        "buildings": [{"generate": {"layout": "spiral"}}]})"))
                  .where,
              "$.buildings[0].generate.layout");
    EXPECT_EQ(onlyError(parse(R"({"version": 1, "crs": "EPSG:4547",
        "buildings": [{"generate": {"typology": "sidianjin"}}]})"))
                  .where,
              "$.buildings[0].generate.style");
    EXPECT_EQ(onlyError(parse(R"({"version": 1, "crs": "EPSG:4547",
        "buildings": [{"generate": {"style": "hakka", "typology": "weilongwu",
                                    "set": {"halls": [3]}}}]})"))
                  .where,
              "$.buildings[0].generate.set.halls");
    EXPECT_EQ(onlyError(parse(R"({"version": 1, "crs": "EPSG:4547",
        "buildings": [{"generate": {"facing": 400}}]})"))
                  .where,
              "$.buildings[0].generate.facing");
    const Error missing = onlyError(parse(R"({"version": 1, "crs": "EPSG:4547",
        "buildings": [{"source": "no_such_plan.gpkg"}]})"));
    EXPECT_EQ(missing.where, "$.buildings[0].source");
    EXPECT_NE(missing.message.find("file not found"), std::string::npos);
    EXPECT_EQ(onlyError(parse(R"({"version": 1, "crs": "EPSG:4547", "buildings": [{}]})")).where,
              "$.buildings[0]");
    EXPECT_EQ(
        onlyError(parse(R"({"version": 1, "crs": "EPSG:4547", "styles": "no_such_folder"})")).where,
        "$.styles");
}

TEST(SceneFile, RegistersNameVillagesAndARegistry) {
    auto scene = parse(R"({"version": 1, "crs": "EPSG:4547", "registers": {
        "villages": "../../../shared/data/villages/cn_traditional_villages_guangdong.csv",
        "registry": "heritage_demo.gpkg"}})");
    ASSERT_TRUE(scene.ok()) << scene.firstError();
    ASSERT_EQ(scene->villageLayers.size(), 1u);
    EXPECT_TRUE(std::filesystem::exists(scene->villageLayers[0]));
    // Resolved against the scene file's folder, so the viewer can open it from anywhere.
    EXPECT_EQ(scene->registry, "assets/demo/heritage_demo.gpkg");
    EXPECT_TRUE(scene->treeLayers.empty());
}

TEST(SceneFile, MissingRegistryIsAnErrorAndIsNotCreated) {
    const Error e = onlyError(
        parse(R"({"version": 1, "crs": "EPSG:4547", "registers": {"registry": "nowhere.gpkg"}})"));
    EXPECT_EQ(e.where, "$.registers.registry");
    EXPECT_NE(e.message.find("nowhere.gpkg"), std::string::npos) << e.message;
    EXPECT_FALSE(std::filesystem::exists("assets/demo/nowhere.gpkg"));
}

TEST(SceneFile, PostgresRegistryIsKeptAsWritten) {
    auto scene = parse(
        R"({"version": 1, "crs": "EPSG:4547", "registers": {"registry": "PG:dbname=heritage"}})");
    ASSERT_TRUE(scene.ok()) << scene.firstError();
    EXPECT_EQ(scene->registry, "PG:dbname=heritage");
}

TEST(SceneFile, BadRegisterEntriesNameTheirPath) {
    const Error missing = onlyError(
        parse(R"({"version": 1, "crs": "EPSG:4547", "registers": {"villages": "villages.csv"}})"));
    EXPECT_EQ(missing.where, "$.registers.villages");
    EXPECT_NE(missing.message.find("file not found: villages.csv"), std::string::npos);
    const Error type =
        onlyError(parse(R"({"version": 1, "crs": "EPSG:4547", "registers": {"registry": 5}})"));
    EXPECT_EQ(type.where, "$.registers.registry");
    EXPECT_EQ(type.message, "expected a string, got a number");
    const Error key = onlyError(
        parse(R"({"version": 1, "crs": "EPSG:4547", "registers": {"village": "x.csv"}})"));
    EXPECT_EQ(key.where, "$.registers.village");
}

TEST(SceneFile, BuildingIdsDefaultToWhatTheEntryGeneratesAndStayUnique) {
    auto scene = parse(R"({"version": 1, "crs": "EPSG:4547", "buildings": [
        {"generate": {"layout": "street", "at": [0, 0]}},
        {"id": "market", "generate": {"layout": "street", "at": [0, 100]}},
        {"generate": {"layout": "street", "at": [0, 200]}},
        {"generate": {"style": "chaoshan", "typology": "sidianjin"}},
        {"source": "trees_synthetic.geojson"}]})");
    ASSERT_TRUE(scene.ok()) << scene.firstError();
    ASSERT_EQ(scene->buildings.size(), 5u);
    EXPECT_EQ(scene->buildings[0].id, "street");
    EXPECT_EQ(scene->buildings[1].id, "market");
    EXPECT_EQ(scene->buildings[2].id, "street-2");
    EXPECT_EQ(scene->buildings[3].id, "sidianjin");
    EXPECT_EQ(scene->buildings[4].id, "trees_synthetic");
}

TEST(SceneFile, ExplicitIdWinsOverAnEarlierDefault) {
    auto scene = parse(R"({"version": 1, "crs": "EPSG:4547", "buildings": [
        {"generate": {"layout": "street"}},
        {"id": "street", "generate": {"layout": "comb"}}]})");
    ASSERT_TRUE(scene.ok()) << scene.firstError();
    EXPECT_EQ(scene->buildings[0].id, "street-2");
    EXPECT_EQ(scene->buildings[1].id, "street");
}

TEST(SceneFile, DuplicateBuildingIdNamesBothEntries) {
    const Error e = onlyError(parse(R"({"version": 1, "crs": "EPSG:4547", "buildings": [
        {"id": "row", "generate": {"layout": "street"}},
        {"id": "row", "generate": {"layout": "comb"}}]})"));
    EXPECT_EQ(e.where, "$.buildings[1].id");
    EXPECT_NE(e.message.find("$.buildings[0].id"), std::string::npos) << e.message;
    EXPECT_EQ(onlyError(parse(R"({"version": 1, "crs": "EPSG:4547", "buildings": [
        {"id": "a/b", "generate": {"layout": "street"}}]})"))
                  .where,
              "$.buildings[0].id");
    EXPECT_EQ(onlyError(parse(R"({"version": 1, "crs": "EPSG:4547", "buildings": [
        {"id": "plan", "generate": {"layout": "street"}}]})"))
                  .where,
              "$.buildings[0].id");
}

TEST(SceneFile, PlansAndControlLinesResolveAgainstTheSceneFolder) {
    auto scene = parse(R"({"version": 1, "crs": "EPSG:4547",
        "plans": ["street_plan.json"],
        "control_lines": [{"path": "trees_synthetic.geojson", "kind": "permanent_farmland"},
                          {"path": "trees_synthetic.geojson"}]})");
    ASSERT_TRUE(scene.ok()) << scene.firstError();
    ASSERT_EQ(scene->plans.size(), 1u);
    EXPECT_EQ(scene->plans[0], std::filesystem::path("assets/demo/street_plan.json"));
    ASSERT_EQ(scene->controlLines.size(), 2u);
    EXPECT_EQ(scene->controlLines[0].path,
              std::filesystem::path("assets/demo/trees_synthetic.geojson"));
    EXPECT_EQ(scene->controlLines[0].kind, "permanent_farmland");
    EXPECT_EQ(scene->controlLines[0].jsonPath, "$.control_lines[0]");
    EXPECT_TRUE(scene->controlLines[1].kind.empty());  // per feature
}

TEST(SceneFile, MissingPlanOrControlLineFileNamesItsPath) {
    const Error plan = onlyError(
        parse(R"({"version": 1, "crs": "EPSG:4547", "plans": ["street_plan.json", "gone.json"]})"));
    EXPECT_EQ(plan.where, "$.plans[1]");
    EXPECT_NE(plan.message.find("plan file not found: gone.json"), std::string::npos);
    EXPECT_EQ(onlyError(parse(R"({"version": 1, "crs": "EPSG:4547", "plans": "a.json"})")).where,
              "$.plans");
    const Error lines = onlyError(
        parse(R"({"version": 1, "crs": "EPSG:4547", "control_lines": [{"path": "lines.gpkg"}]})"));
    EXPECT_EQ(lines.where, "$.control_lines[0].path");
    EXPECT_EQ(onlyError(parse(R"({"version": 1, "crs": "EPSG:4547", "control_lines": [
        {"path": "trees_synthetic.geojson", "colour": "red"}]})"))
                  .where,
              "$.control_lines[0].colour");
}

TEST(SceneFile, KioskTimesAreReadWithDefaults) {
    auto absent = parse(R"({"version": 1, "crs": "EPSG:4547"})");
    ASSERT_TRUE(absent.ok()) << absent.firstError();
    EXPECT_EQ(absent->kiosk.idleSeconds, 60);
    EXPECT_EQ(absent->kiosk.homeSeconds, 180);
    auto given = parse(
        R"({"version": 1, "crs": "EPSG:4547", "kiosk": {"idle_seconds": 0.5, "home_seconds": 5}})");
    ASSERT_TRUE(given.ok()) << given.firstError();
    EXPECT_EQ(given->kiosk.idleSeconds, 0.5);
    EXPECT_EQ(given->kiosk.homeSeconds, 5);
    auto idleOnly = parse(R"({"version": 1, "crs": "EPSG:4547", "kiosk": {"idle_seconds": 30}})");
    ASSERT_TRUE(idleOnly.ok()) << idleOnly.firstError();
    EXPECT_EQ(idleOnly->kiosk.homeSeconds, 180);
}

TEST(SceneFile, BadKioskTimesNameTheirPath) {
    EXPECT_EQ(
        onlyError(parse(R"({"version": 1, "crs": "EPSG:4547", "kiosk": {"idle_seconds": 0}})"))
            .where,
        "$.kiosk.idle_seconds");
    EXPECT_EQ(
        onlyError(parse(R"({"version": 1, "crs": "EPSG:4547", "kiosk": {"idle_seconds": -3}})"))
            .where,
        "$.kiosk.idle_seconds");
    EXPECT_EQ(onlyError(parse(R"({"version": 1, "crs": "EPSG:4547",
        "kiosk": {"idle_seconds": 60, "home_seconds": 30}})"))
                  .where,
              "$.kiosk.home_seconds");
    EXPECT_EQ(
        onlyError(parse(R"({"version": 1, "crs": "EPSG:4547", "kiosk": {"idle": 60}})")).where,
        "$.kiosk.idle");
    EXPECT_EQ(
        onlyError(parse(R"({"version": 1, "crs": "EPSG:4547", "kiosk": {"idle_seconds": "1"}})"))
            .where,
        "$.kiosk.idle_seconds");
    EXPECT_EQ(onlyError(parse(R"({"version": 1, "crs": "EPSG:4547", "kiosk": 60})")).where,
              "$.kiosk");
}

TEST(SceneFile, SunDateTimeAndPlaceAreRead) {
    auto absent = parse(R"({"version": 1, "crs": "EPSG:4547"})");
    ASSERT_TRUE(absent.ok()) << absent.firstError();
    EXPECT_FALSE(absent->sun.given);
    auto given = parse(R"({"version": 1, "crs": "EPSG:4547", "sun": {"date": "2026-12-22",
        "time": "16:30", "utc_offset": 8, "location": [116.12, 24.29]}})");
    ASSERT_TRUE(given.ok()) << given.firstError();
    EXPECT_TRUE(given->sun.given);
    EXPECT_EQ(cunjing::geo::formatDate(given->sun.when), "2026-12-22");
    EXPECT_EQ(cunjing::geo::formatTime(given->sun.when), "16:30");
    ASSERT_TRUE(given->sun.location);
    EXPECT_DOUBLE_EQ((*given->sun.location)[1], 24.29);
    auto timeOnly = parse(R"({"version": 1, "crs": "EPSG:4547", "sun": {"time": "07:00"}})");
    ASSERT_TRUE(timeOnly.ok()) << timeOnly.firstError();
    EXPECT_EQ(timeOnly->sun.when.hour, 7);
    EXPECT_EQ(timeOnly->sun.when.month, absent->sun.when.month) << "the default date is kept";
}

TEST(SceneFile, BadSunNamesItsPath) {
    const Error date =
        onlyError(parse(R"({"version": 1, "crs": "EPSG:4547", "sun": {"date": "2026-02-30"}})"));
    EXPECT_EQ(date.where, "$.sun.date");
    EXPECT_NE(date.message.find("2026-02-30"), std::string::npos) << date.message;
    EXPECT_EQ(
        onlyError(parse(R"({"version": 1, "crs": "EPSG:4547", "sun": {"time": "25:00"}})")).where,
        "$.sun.time");
    EXPECT_EQ(
        onlyError(parse(R"({"version": 1, "crs": "EPSG:4547", "sun": {"utc_offset": 20}})")).where,
        "$.sun.utc_offset");
    EXPECT_EQ(
        onlyError(parse(R"({"version": 1, "crs": "EPSG:4547", "sun": {"location": [23, 200]}})"))
            .where,
        "$.sun.location");
    EXPECT_EQ(onlyError(parse(R"({"version": 1, "crs": "EPSG:4547", "sun": {"hour": 9}})")).where,
              "$.sun.hour");
}

TEST(SceneFile, LookQualityAndShadowsAreRead) {
    auto absent = parse(R"({"version": 1, "crs": "EPSG:4547"})");
    ASSERT_TRUE(absent.ok()) << absent.firstError();
    EXPECT_FALSE(absent->look.quality) << "auto";
    EXPECT_FALSE(absent->look.shadows);
    auto given = parse(
        R"({"version": 1, "crs": "EPSG:4547", "look": {"quality": "low", "shadows": false}})");
    ASSERT_TRUE(given.ok()) << given.firstError();
    ASSERT_TRUE(given->look.quality);
    EXPECT_EQ(*given->look.quality, Quality::Low);
    EXPECT_EQ(given->look.shadows, std::optional<bool>(false));
    auto autoQuality = parse(R"({"version": 1, "crs": "EPSG:4547", "look": {"quality": "auto"}})");
    ASSERT_TRUE(autoQuality.ok()) << autoQuality.firstError();
    EXPECT_FALSE(autoQuality->look.quality);
}

TEST(SceneFile, GreeneryDensityIsReadAndCheckedByPath) {
    auto absent = parse(R"({"version": 1, "crs": "EPSG:4547"})");
    ASSERT_TRUE(absent.ok()) << absent.firstError();
    EXPECT_EQ(absent->greenery.density, 1.0);
    auto given = parse(R"({"version": 1, "crs": "EPSG:4547", "greenery": {"density": 0.5}})");
    ASSERT_TRUE(given.ok()) << given.firstError();
    EXPECT_EQ(given->greenery.density, 0.5);
    EXPECT_EQ(onlyError(parse(R"({"version": 1, "crs": "EPSG:4547", "greenery": {"density": -1}})"))
                  .where,
              "$.greenery.density");
    EXPECT_EQ(
        onlyError(parse(R"({"version": 1, "crs": "EPSG:4547", "greenery": {"trees": 3}})")).where,
        "$.greenery.trees");
}

TEST(SceneFile, BadLookNamesItsPath) {
    const Error quality =
        onlyError(parse(R"({"version": 1, "crs": "EPSG:4547", "look": {"quality": "ultra"}})"));
    EXPECT_EQ(quality.where, "$.look.quality");
    EXPECT_NE(quality.message.find("auto, low, medium or high"), std::string::npos)
        << quality.message;
    EXPECT_EQ(
        onlyError(parse(R"({"version": 1, "crs": "EPSG:4547", "look": {"shadows": "yes"}})")).where,
        "$.look.shadows");
    EXPECT_EQ(onlyError(parse(R"({"version": 1, "crs": "EPSG:4547", "look": {"fog": 1}})")).where,
              "$.look.fog");
}

TEST(SceneFile, QualityNamesRoundTrip) {
    for (Quality q : {Quality::Low, Quality::Medium, Quality::High})
        EXPECT_EQ(parseQuality(qualityName(q)), q);
    EXPECT_FALSE(parseQuality("auto"));
    EXPECT_FALSE(parseQuality("High")) << "names are lower case, as the scene file writes them";
}
