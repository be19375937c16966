// Village plans: the footprint placement contract and the GeoPackage/GeoJSON/Shapefile
// round trip with its validation messages.

#include <cunjing/architecture/VillagePlan.h>

#include "StyleFixtures.h"

#include <TestPaths.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace cunjing;
using namespace cunjing::architecture;
using cunjing::architecture::test::bundledStyle;
using cunjing::architecture::test::bundledStyles;

namespace {

namespace fs = std::filesystem;

fs::path caseDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const fs::path dir =
        cunjing::test::outputDir("architecture") / (std::string(info->test_suite_name()) + "-" +
                                                    info->name() + "-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

geo::Crs gk() {
    return geo::Crs::fromUserString("EPSG:4547").value();
}

BuildingMesh house() {
    auto b = generateBuilding(bundledStyle("guangfu"), "sanjian-lianglang", {}, 3, 0);
    EXPECT_TRUE(b.ok()) << b.firstError();
    return b.value();
}

VillagePlan samplePlan() {
    VillagePlan plan;
    plan.crs = "EPSG:4547";
    BuildingFootprint a;
    a.id = "h-1";
    a.name = "陈家";
    a.outline = {{384000, 2571000}, {384011, 2571000}, {384011, 2571010}, {384000, 2571010}};
    a.style = "guangfu";
    a.typology = "sanjian-lianglang";
    a.storeys = 0;
    a.facingDeg = 157.5;
    a.year = 1862;
    a.condition = "fair";
    a.seed = 4000000000u;
    a.overrides = {{"hallBay", "4.50"}, {"gable", "cat-ear"}};
    BuildingFootprint b = a;
    b.id = "q-2";
    b.name = "";
    b.typology = "qilou";
    b.storeys = 3;
    b.year.reset();
    b.condition = "";
    b.overrides = {};
    b.outline = {{384020, 2571000}, {384030, 2571000}, {384030, 2571020}};
    plan.buildings = {a, b};
    plan.ground = {{GroundKind::Forecourt, {{0, 0}, {10, 0}, {10, 5}, {0, 5}}, 7.25},
                   {GroundKind::Pond, {{0, -9}, {10, -9}, {5, -4}}, std::nullopt},
                   {GroundKind::Huatai, {{0, 20}, {10, 20}, {5, 25}}, std::nullopt},
                   {GroundKind::Lane, {{12, 0}, {13.5, 0}, {13.5, 30}, {12, 30}}, std::nullopt}};
    for (GroundArea& g : plan.ground) {
        for (Point2& p : g.outline) {
            p.x += 384000;
            p.y += 2571000;
        }
    }
    plan.trees = {{{384050, 2571001}, "榕树 Ficus microcarpa", 16, 20}};
    return plan;
}

void writeText(const fs::path& p, const std::string& text) {
    std::ofstream(p) << text;
}

std::string feature(const std::string& properties, const std::string& geometry) {
    return R"({"type": "Feature", "properties": {)" + properties + R"(}, "geometry": )" + geometry +
           "}";
}

/// A 10 m square in WGS 84 near 三水, as a GeoJSON polygon.
std::string square(double dx = 0) {
    const double x = 112.87 + dx, y = 23.24, d = 0.0001;
    char buf[256];
    std::snprintf(
        buf, sizeof buf,
        R"({"type": "Polygon", "coordinates": [[[%.6f, %.6f], [%.6f, %.6f], [%.6f, %.6f], [%.6f, %.6f], [%.6f, %.6f]]]})",
        x, y, x + d, y, x + d, y + d, x, y + d, x, y);
    return buf;
}

bool anyErrorHas(const std::vector<Error>& errors, const std::vector<std::string>& parts) {
    for (const Error& e : errors) {
        const std::string text = e.toString();
        bool all = true;
        for (const std::string& p : parts)
            all = all && text.find(p) != std::string::npos;
        if (all)
            return true;
    }
    return false;
}

std::string joined(const std::vector<Error>& errors) {
    std::string out;
    for (const Error& e : errors)
        out += e.toString() + "\n";
    return out;
}

}  // namespace

TEST(HeadingForFacing, SouthIsTheLocalFrameAndAnglesTurnCounterClockwise) {
    EXPECT_DOUBLE_EQ(headingForFacing(180), 0);
    EXPECT_DOUBLE_EQ(headingForFacing(135), 45);  // south-east: turned 45° counter-clockwise
    EXPECT_DOUBLE_EQ(headingForFacing(90), 90);
    EXPECT_DOUBLE_EQ(headingForFacing(270), -90);
    EXPECT_DOUBLE_EQ(std::abs(headingForFacing(0)), 180);
    EXPECT_DOUBLE_EQ(std::abs(headingForFacing(360)), 180);
}

TEST(PlaceOnFootprint, PutsTheMassBoxCentreOnTheFootprintCentroid) {
    const BuildingMesh b = house();
    const LocalBox box = massBounds(b);
    for (const double facing : {180.0, 135.0, 90.0, 7.0}) {
        BuildingFootprint f;
        f.facingDeg = facing;
        const Placement at{384321.5, 2571234.25, headingForFacing(facing)};
        f.outline = footprintOutline(b, at);
        EXPECT_GT(ringArea(f.outline), 0) << "counter-clockwise";
        EXPECT_NEAR(std::abs(ringArea(f.outline)), (box.x1 - box.x0) * (box.y1 - box.y0), 1e-4);
        const Placement back = placeOnFootprint(b, f);
        EXPECT_NEAR(back.x, at.x, 1e-6) << facing;
        EXPECT_NEAR(back.y, at.y, 1e-6) << facing;
        EXPECT_DOUBLE_EQ(back.headingDeg, at.headingDeg);
    }
    // A footprint drawn by hand: the house's box centre lands on the polygon's centroid.
    BuildingFootprint f;
    f.outline = {{0, 0}, {20, 0}, {20, 10}, {0, 10}};
    const Placement p = placeOnFootprint(b, f);
    EXPECT_NEAR(p.x + 0.5 * (box.x0 + box.x1), 10, 1e-9);
    EXPECT_NEAR(p.y + 0.5 * (box.y0 + box.y1), 5, 1e-9);
}

TEST(VillagePlanFile, WriteThenReadKeepsEveryField) {
    const fs::path file = caseDir() / "plan.gpkg";
    const VillagePlan plan = samplePlan();
    ASSERT_TRUE(writeVillagePlan(plan, file.string()).ok());
    auto read = readVillagePlan(file.string(), gk(), bundledStyles());
    ASSERT_TRUE(read.ok()) << joined(read.errors());
    const VillagePlan& r = read.value();
    EXPECT_EQ(r.crs, "EPSG:4547");
    ASSERT_EQ(r.buildings.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        const BuildingFootprint &a = plan.buildings[i], &b = r.buildings[i];
        EXPECT_EQ(b.id, a.id);
        EXPECT_EQ(b.name, a.name);
        EXPECT_EQ(b.style, a.style);
        EXPECT_EQ(b.typology, a.typology);
        EXPECT_EQ(b.storeys, a.storeys);
        EXPECT_DOUBLE_EQ(b.facingDeg, a.facingDeg);
        EXPECT_EQ(b.year, a.year);
        EXPECT_EQ(b.condition, a.condition);
        EXPECT_EQ(b.seed, a.seed);
        EXPECT_EQ(b.overrides, a.overrides);
        ASSERT_EQ(b.outline.size(), a.outline.size());
        for (std::size_t k = 0; k < a.outline.size(); ++k) {
            EXPECT_NEAR(b.outline[k].x, a.outline[k].x, 1e-6);
            EXPECT_NEAR(b.outline[k].y, a.outline[k].y, 1e-6);
        }
    }
    ASSERT_EQ(r.ground.size(), 4u);
    for (std::size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(r.ground[i].kind, plan.ground[i].kind);
        EXPECT_EQ(r.ground[i].z, plan.ground[i].z);
        EXPECT_EQ(r.ground[i].outline.size(), plan.ground[i].outline.size());
    }
    ASSERT_EQ(r.trees.size(), 1u);
    EXPECT_EQ(r.trees[0].species, "榕树 Ficus microcarpa");
    EXPECT_DOUBLE_EQ(r.trees[0].heightM, 16);
    EXPECT_DOUBLE_EQ(r.trees[0].crownM, 20);
    EXPECT_NEAR(r.trees[0].at.x, 384050, 1e-6);
}

TEST(VillagePlanFile, PlainGeoJsonOfBuildingsIsTransformedAndDefaulted) {
    const fs::path file = caseDir() / "survey.geojson";
    writeText(file,
              R"({"type": "FeatureCollection", "name": "whatever", "features": [)" +
                  feature(R"("style": "guangfu", "typology": "citang", "storeys": "1")", square()) +
                  "]}");
    auto read = readVillagePlan(file.string(), gk(), bundledStyles());
    ASSERT_TRUE(read.ok()) << joined(read.errors());
    ASSERT_EQ(read->buildings.size(), 1u);
    const BuildingFootprint& b = read->buildings[0];
    EXPECT_EQ(b.id, "1");  // the row number when the file has no id
    EXPECT_EQ(b.storeys, 1);
    EXPECT_DOUBLE_EQ(b.facingDeg, 180);
    EXPECT_EQ(b.seed, 1u);
    EXPECT_GT(b.outline[0].x, 300000);   // in EPSG:4547 metres
    EXPECT_GT(ringArea(b.outline), 50);  // ~10 x 11 m, counter-clockwise
    EXPECT_TRUE(read->ground.empty());
}

TEST(VillagePlanFile, ShapefileBuildingsAreRead) {
    const fs::path dir = caseDir();
    writeText(dir / "in.geojson",
              R"({"type": "FeatureCollection", "features": [)" +
                  feature(R"("id": "s1", "style": "hakka", "typology": "weilongwu", "facing": 170,
                             "seed": 7, "params": "rings=2")",
                          square()) +
                  "]}");
    const fs::path shp = dir / "footprints.shp";
    const auto cmd = cunjing::test::runCommand("ogr2ogr -f 'ESRI Shapefile' '" + shp.string() +
                                               "' '" + (dir / "in.geojson").string() + "'");
    ASSERT_EQ(cmd.exitCode, 0) << cmd.out;
    auto read = readVillagePlan(shp.string(), gk(), bundledStyles());
    ASSERT_TRUE(read.ok()) << joined(read.errors());
    ASSERT_EQ(read->buildings.size(), 1u);
    const BuildingFootprint& b = read->buildings[0];
    EXPECT_EQ(b.id, "s1");
    EXPECT_EQ(b.typology, "weilongwu");
    EXPECT_DOUBLE_EQ(b.facingDeg, 170);
    EXPECT_EQ(b.seed, 7u);
    ASSERT_EQ(b.overrides.size(), 1u);
    EXPECT_EQ(b.overrides[0].first, "rings");
}

TEST(VillagePlanFile, EveryBadFeatureIsReportedWithFileLayerFeatureAndField) {
    const fs::path file = caseDir() / "bad.geojson";
    const std::string line =
        R"({"type": "LineString", "coordinates": [[112.87, 23.24], [112.871, 23.24]]})";
    const std::string twoPoints =
        R"({"type": "Polygon", "coordinates": [[[112.87, 23.24], [112.871, 23.24], [112.87, 23.24]]]})";
    const std::vector<std::string> features = {
        feature(R"("typology": "citang")", square()),                                           // 1
        feature(R"("style": "minnan", "typology": "citang")", square()),                        // 2
        feature(R"("style": "guangfu", "typology": "tulou-round")", square()),                  // 3
        feature(R"("style": "guangfu", "typology": "citang")", line),                           // 4
        feature(R"("style": "guangfu", "typology": "citang")", twoPoints),                      // 5
        feature(R"("style": "guangfu", "typology": "citang", "facing": 400)", square()),        // 6
        feature(R"("style": "guangfu", "typology": "qilou", "storeys": 12)", square()),         // 7
        feature(R"("style": "guangfu", "typology": "citang", "params": "hallBay")", square()),  // 8
        feature(R"("style": "guangfu", "typology": "citang", "params": "hallBay=99")",
                square()),                                                                    // 9
        feature(R"("style": "guangfu", "typology": "citang", "facing": "south")", square()),  // 10
    };
    std::string text = R"({"type": "FeatureCollection", "name": "survey", "features": [)";
    for (std::size_t i = 0; i < features.size(); ++i)
        text += (i ? "," : "") + features[i];
    writeText(file, text + "]}");
    auto read = readVillagePlan(file.string(), gk(), bundledStyles());
    ASSERT_FALSE(read.ok());
    const auto& e = read.errors();
    const std::string all = joined(e);
    EXPECT_GE(e.size(), features.size()) << all;
    const std::string f = file.string();
    const std::string layer = "layer 'survey'";
    EXPECT_TRUE(anyErrorHas(e, {f, layer, "feature 1", "field 'style'", "missing", "guangfu"}))
        << all;
    EXPECT_TRUE(anyErrorHas(
        e, {f, layer, "feature 2", "field 'style'", "'minnan'", "chaoshan, guangfu, hakka"}))
        << all;
    EXPECT_TRUE(anyErrorHas(
        e, {f, layer, "feature 3", "field 'typology'", "'tulou-round'", "sanjian-lianglang"}))
        << all;
    EXPECT_TRUE(anyErrorHas(e, {f, layer, "feature 4", "LINESTRING", "polygon"})) << all;
    EXPECT_TRUE(anyErrorHas(e, {f, layer, "feature 5", "2 distinct points", "3 or more"})) << all;
    EXPECT_TRUE(anyErrorHas(e, {f, layer, "feature 6", "field 'facing'", "400", "0..360"})) << all;
    EXPECT_TRUE(anyErrorHas(e, {f, layer, "feature 7", "field 'storeys'", "12", "qilou"})) << all;
    EXPECT_TRUE(anyErrorHas(e, {f, layer, "feature 8", "field 'params'", "key=value"})) << all;
    EXPECT_TRUE(anyErrorHas(e, {f, layer, "feature 9", "field 'params'", "hallBay"})) << all;
    EXPECT_TRUE(anyErrorHas(e, {f, layer, "feature 10", "field 'facing'", "not a number"})) << all;
}

TEST(VillagePlanFile, BadGroundAndTreesAndDuplicateIdsAreReported) {
    const fs::path file = caseDir() / "plan.gpkg";
    VillagePlan plan = samplePlan();
    plan.buildings[1].id = plan.buildings[0].id;
    ASSERT_TRUE(writeVillagePlan(plan, file.string()).ok());
    // Break the ground kind and a tree's height with GDAL's own tool, as a user's edit would.
    auto r = cunjing::test::runCommand(
        "ogrinfo -q '" + file.string() +
        "' -dialect SQLite -sql \"UPDATE ground SET kind = 'moat' WHERE kind = 'pond'\" && "
        "ogrinfo -q '" +
        file.string() + "' -sql \"UPDATE trees SET height_m = -3\"");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    auto read = readVillagePlan(file.string(), gk(), bundledStyles());
    ASSERT_FALSE(read.ok());
    const std::string all = joined(read.errors());
    EXPECT_TRUE(
        anyErrorHas(read.errors(), {"plan.gpkg", "layer 'ground'", "feature 2", "field 'kind'",
                                    "'moat'", "forecourt, pond, huatai, lane"}))
        << all;
    EXPECT_TRUE(
        anyErrorHas(read.errors(), {"layer 'trees'", "feature 1", "field 'height_m'", "-3"}))
        << all;
    EXPECT_TRUE(anyErrorHas(read.errors(), {"layer 'buildings'", "'h-1'", "twice"})) << all;
}

TEST(VillagePlanFile, UnwritableTargetIsAnErrorAndWritesNothing) {
    const fs::path dir = caseDir();
    const Status s = writeVillagePlan(samplePlan(), (dir / "no" / "plan.gpkg").string());
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.firstError().find("does not exist"), std::string::npos);
    EXPECT_TRUE(fs::is_empty(dir));
}

TEST(ParamsField, SplitsOnSemicolonsAndFormatsBack) {
    auto p = parseParamsField(" hallBay = 4.5 ;gable=wok-ear;; ");
    ASSERT_TRUE(p.ok()) << p.firstError();
    ASSERT_EQ(p->size(), 2u);
    EXPECT_EQ(p->at(0).first, "hallBay");
    EXPECT_EQ(p->at(0).second, "4.5");
    EXPECT_EQ(formatParamsField(p.value()), "hallBay=4.5;gable=wok-ear");
    EXPECT_FALSE(parseParamsField("hallBay=4.5;=3").ok());
    EXPECT_FALSE(parseParamsField("gable").ok());
    EXPECT_TRUE(parseParamsField("").ok());
}
