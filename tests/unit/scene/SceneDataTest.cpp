#include <cunjing/geo/Crs.h>
#include <cunjing/heritage/Registry.h>
#include <cunjing/scene/SceneData.h>
#include <cunjing/scene/SceneGraph.h>
#include <cunjing/scene/Sunlight.h>

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

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
    // Every building vertex is within the house heights of the ground below it (the market
    // street's 骑楼 and electricity poles are the tallest, 4 storeys and about 16 m), and the
    // mesh reaches down into the ground (its foundation) under every house.
    const auto& m = data->buildings;
    for (size_t i = 0; i < m.positions.size(); i += 97) {
        const auto& p = m.positions[i];
        const double ground = data->groundHeight(p.x, p.y);
        EXPECT_GT(p.z, ground - 4.0);
        EXPECT_LT(p.z, ground + 17.0);
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

namespace {
Result<SceneData> loadText(const std::string& text) {
    auto desc = parseSceneText(text, "assets/demo/test.json");
    if (!desc)
        return Result<SceneData>::failure(desc.errors());
    return loadScene(desc.value());
}
}  // namespace

TEST(SceneBuildings, DemoHasTheThreeCompounds) {
    auto data = loadScene(loadSceneFile("assets/demo/demo.json").value());
    ASSERT_TRUE(data.ok()) << data.firstError();
    std::map<std::string, int> byTypology;
    for (const auto& p : data->placed)
        ++byTypology[p.style + "/" + p.typology];
    EXPECT_GE(byTypology["guangfu/sanjian-lianglang"], 24);
    EXPECT_EQ(byTypology["guangfu/citang"], 1);
    EXPECT_EQ(byTypology["hakka/weilongwu"], 1);
    EXPECT_EQ(byTypology["chaoshan/sima-tuoche"], 1);
    EXPECT_EQ(int(data->placed.size()), data->buildingCount);
}

TEST(SceneBuildings, OneTypologyStandsWhereAndHowItIsAsked) {
    auto data = loadText(R"({"version": 1, "crs": "EPSG:4547",
        "terrain": {"dem": "terrain_synthetic.asc"},
        "buildings": [{"generate": {"style": "guangfu", "typology": "sanjian-lianglang",
                                    "at": [100, -150], "facing": 90, "seed": 4,
                                    "set": {"hallBay": 4.6}}}]})");
    ASSERT_TRUE(data.ok()) << data.firstError();
    ASSERT_EQ(data->placed.size(), 1u);
    const PlacedBuilding& p = data->placed[0];
    EXPECT_EQ(p.x, 100);
    EXPECT_EQ(p.y, -150);
    EXPECT_NEAR(p.headingDeg, 90, 1e-9);  // facing east
    // The floor is the levelled ground under it.
    EXPECT_NEAR(data->groundHeight(100, -150), p.z, 0.05);
    // Same seed and overrides: the same mesh.
    auto again = loadText(R"({"version": 1, "crs": "EPSG:4547",
        "terrain": {"dem": "terrain_synthetic.asc"},
        "buildings": [{"generate": {"style": "guangfu", "typology": "sanjian-lianglang",
                                    "at": [100, -150], "facing": 90, "seed": 4,
                                    "set": {"hallBay": 4.6}}}]})");
    ASSERT_TRUE(again.ok());
    ASSERT_EQ(again->buildings.positions.size(), data->buildings.positions.size());
    for (std::size_t i = 0; i < data->buildings.positions.size(); i += 31)
        EXPECT_EQ(again->buildings.positions[i].x, data->buildings.positions[i].x);
}

TEST(SceneBuildings, UnknownStyleAndTypologyAndBadOverrideAreReportedWithTheirPath) {
    auto style = loadText(R"({"version": 1, "crs": "EPSG:4547",
        "buildings": [{"generate": {"style": "minnan", "typology": "tulou-round"}}]})");
    ASSERT_FALSE(style.ok());
    EXPECT_EQ(style.errors()[0].where, "$.buildings[0].generate.style");
    EXPECT_NE(style.errors()[0].message.find("chaoshan, guangfu, hakka"), std::string::npos)
        << style.firstError();

    auto typology = loadText(R"({"version": 1, "crs": "EPSG:4547",
        "buildings": [{"generate": {"style": "hakka", "typology": "tulou"}}]})");
    ASSERT_FALSE(typology.ok());
    EXPECT_EQ(typology.errors()[0].where, "$.buildings[0].generate");
    EXPECT_NE(typology.firstError().find("tulou-round"), std::string::npos)
        << typology.firstError();

    auto range = loadText(R"({"version": 1, "crs": "EPSG:4547",
        "buildings": [{"generate": {"style": "guangfu", "typology": "sanjian-lianglang",
                                    "set": {"hallBay": 9}}}]})");
    ASSERT_FALSE(range.ok());
    EXPECT_NE(range.firstError().find("hallBay"), std::string::npos) << range.firstError();
    EXPECT_NE(range.firstError().find("3.6..4.8"), std::string::npos) << range.firstError();
}

TEST(SceneBuildings, AFootprintFileWithABadRowIsReportedByFeature) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("cunjing-scene-footprints-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    {
        std::ofstream out(dir / "plan.geojson");
        out << R"({"type": "FeatureCollection",
            "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4547"}},
            "features": [
             {"type": "Feature", "properties": {"id": "a", "style": "hakka", "typology": "tulou-round"},
              "geometry": {"type": "Polygon", "coordinates": [[[384300, 2571500], [384340, 2571500],
                           [384340, 2571540], [384300, 2571540], [384300, 2571500]]]}},
             {"type": "Feature", "properties": {"id": "b", "style": "hakka", "typology": "round"},
              "geometry": {"type": "Polygon", "coordinates": [[[384400, 2571500], [384440, 2571500],
                           [384440, 2571540], [384400, 2571540], [384400, 2571500]]]}}]})";
    }
    auto bad = loadText(R"({"version": 1, "crs": "EPSG:4547", "buildings": [{"source": ")" +
                        (dir / "plan.geojson").string() + R"("}]})");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.firstError().find("plan.geojson"), std::string::npos) << bad.firstError();
    EXPECT_NE(bad.firstError().find("tulou-round"), std::string::npos) << bad.firstError();
    std::filesystem::remove_all(dir);
}

namespace {

std::string fileBytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// A folder of this test process's own (ctest runs cases in parallel).
std::filesystem::path ownFolder(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("cunjing-scene-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return dir;
}

Result<SceneData> loadTextAt(const std::string& text, const std::filesystem::path& file) {
    auto desc = parseSceneText(text, file);
    if (!desc)
        return Result<SceneData>::failure(desc.errors());
    return loadScene(desc.value());
}

}  // namespace

TEST(SceneRegisters, DemoRegistryDrawsItsTreesAndVillagesWithoutWritingTheFile) {
    const std::filesystem::path store = "assets/demo/heritage_demo.gpkg";
    const std::string before = fileBytes(store);
    auto data = loadScene(loadSceneFile("assets/demo/demo.json").value());
    ASSERT_TRUE(data.ok()) << data.firstError();
    // The register's 67 trees (DEMO-, GROVE-), besides the trees the generated compounds plant.
    EXPECT_EQ(std::count_if(data->trees.begin(), data->trees.end(),
                            [](const heritage::AncientTree& t) {
                                return t.id.rfind("DEMO-", 0) == 0 || t.id.rfind("GROVE-", 0) == 0;
                            }),
              67);
    EXPECT_EQ(data->villages.size(), 292u);
    EXPECT_EQ(data->registry, "assets/demo/heritage_demo.gpkg");
    // The store is committed: drawing it must leave it byte for byte, with no -wal beside it.
    EXPECT_TRUE(fileBytes(store) == before);
    EXPECT_FALSE(std::filesystem::exists("assets/demo/heritage_demo.gpkg-wal"));
    EXPECT_FALSE(std::filesystem::exists("assets/demo/heritage_demo.gpkg-shm"));
}

TEST(SceneRegisters, RegistryTreesStandWhereTheGeoJsonPutsThem) {
    // The demo's register was imported from trees_synthetic.geojson (make_register.sh): the
    // store's lon/lat must bring every tree back to its place, size and age.
    const std::string head = R"({"version": 1, "crs": "EPSG:4547", "origin": [384350, 2571566],
                                 "registers": )";
    auto fromFile =
        loadTextAt(head + R"({"trees": "trees_synthetic.geojson"}})", "assets/demo/a.json");
    auto fromStore =
        loadTextAt(head + R"({"registry": "heritage_demo.gpkg"}})", "assets/demo/b.json");
    ASSERT_TRUE(fromFile.ok()) << fromFile.firstError();
    ASSERT_TRUE(fromStore.ok()) << fromStore.firstError();
    std::map<std::string, heritage::AncientTree> stored;
    for (const auto& t : fromStore->trees)
        stored[t.id] = t;
    ASSERT_EQ(stored.size(), fromFile->trees.size());
    for (const auto& t : fromFile->trees) {
        ASSERT_TRUE(stored.count(t.id)) << t.id;
        const auto& s = stored[t.id];
        EXPECT_NEAR(s.x, t.x, 1e-3) << t.id;
        EXPECT_NEAR(s.y, t.y, 1e-3) << t.id;
        EXPECT_EQ(s.speciesCn, t.speciesCn);
        EXPECT_DOUBLE_EQ(s.heightM, t.heightM);
        EXPECT_DOUBLE_EQ(s.crownM, t.crownM);
        EXPECT_EQ(s.ageYears, t.ageYears);
    }
}

TEST(SceneRegisters, VillageFileIsPlacedInTheLocalFrame) {
    auto data = loadTextAt(R"({"version": 1, "crs": "EPSG:4547", "origin": [500000, 2530000],
        "registers": {"villages": "cn_traditional_villages_guangdong.csv"}})",
                           "../shared/data/villages/scene.json");
    ASSERT_TRUE(data.ok()) << data.firstError();
    ASSERT_EQ(data->villages.size(), 292u);
    // 侯南村, Dapu (116.767E 24.302N): 780958.07 E, 2691576.12 N in CM 114E (gdaltransform).
    const auto it = std::find_if(data->villages.begin(), data->villages.end(),
                                 [](const SceneVillage& v) { return v.record.name == "侯南村"; });
    ASSERT_NE(it, data->villages.end());
    EXPECT_NEAR(it->x, 780958.07 - 500000, 1);
    EXPECT_NEAR(it->y, 2691576.12 - 2530000, 1);
    EXPECT_EQ(it->record.batch, 2);
}

TEST(SceneRegisters, ABadVillageRowNamesTheFileAndRow) {
    const auto dir = ownFolder("villages");
    {
        std::ofstream out(dir / "villages.csv");
        out << "Province,City,County,Town,Village,Title,Batch,lng_wgs84,lat_wgs84\n"
               "广东省,梅州市,大埔县,百侯镇,侯南村,广东省梅州市大埔县百侯镇侯南村,二,116.767,24."
               "302\n"
               "广东省,梅州市,大埔县,西河镇,车龙村,广东省梅州市大埔县西河镇车龙村,二,东经,24.46\n";
    }
    auto bad = loadTextAt(R"({"version": 1, "crs": "EPSG:4547",
                            "registers": {"villages": "villages.csv"}})",
                          dir / "scene.json");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.firstError().find("villages.csv"), std::string::npos) << bad.firstError();
    EXPECT_NE(bad.firstError().find("row 3"), std::string::npos) << bad.firstError();
    std::filesystem::remove_all(dir);
}

TEST(SceneRegisters, AFileThatIsNotARegistryIsReportedByName) {
    const auto dir = ownFolder("registry");
    std::ofstream(dir / "heritage.gpkg") << "not a GeoPackage";
    auto bad = loadTextAt(R"({"version": 1, "crs": "EPSG:4547",
                            "registers": {"registry": "heritage.gpkg"}})",
                          dir / "scene.json");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.firstError().find("heritage.gpkg"), std::string::npos) << bad.firstError();
    EXPECT_EQ(fileBytes(dir / "heritage.gpkg"), "not a GeoPackage");
    std::filesystem::remove_all(dir);
}

TEST(SceneRegisters, ZoneVerticesArePlacedLikeTheirVillage) {
    // A village with a core zone and a hole in it, in a store of this test's own: every zone
    // vertex must land where the working CRS puts its lon/lat, less the scene's origin.
    const auto dir = ownFolder("zones");
    heritage::VillageRecord v;
    v.id = "ZONE-1";
    v.name = "测试村";
    v.province = "广东省";
    v.lon = 112.87;
    v.lat = 23.24;
    v.batch = 3;
    v.synthetic = true;
    v.zones = {{heritage::ZoneKind::Core,
                {{{112.868, 23.238}, {112.872, 23.238}, {112.872, 23.242}, {112.868, 23.242}},
                 {{112.869, 23.239}, {112.870, 23.239}, {112.870, 23.240}}}}};
    {
        auto registry = heritage::Registry::open((dir / "heritage.gpkg").string());
        ASSERT_TRUE(registry.ok()) << registry.firstError();
        ASSERT_TRUE(registry->insert(v).ok());
    }
    auto data = loadTextAt(R"({"version": 1, "crs": "EPSG:4547", "origin": [384000, 2571000],
                               "registers": {"registry": "heritage.gpkg"}})",
                           dir / "scene.json");
    ASSERT_TRUE(data.ok()) << data.firstError();
    ASSERT_EQ(data->villages.size(), 1u);
    const SceneVillage& placed = data->villages[0];
    ASSERT_EQ(placed.zones.size(), 1u);
    EXPECT_EQ(placed.zones[0].kind, heritage::ZoneKind::Core);
    ASSERT_EQ(placed.zones[0].rings.size(), 2u);
    auto transform = geo::Transform::create(geo::Crs::fromUserString("EPSG:4490").value(),
                                            geo::Crs::fromUserString("EPSG:4547").value());
    ASSERT_TRUE(transform.ok()) << transform.firstError();
    for (std::size_t r = 0; r < 2; ++r) {
        ASSERT_EQ(placed.zones[0].rings[r].size(), v.zones[0].rings[r].size());
        for (std::size_t i = 0; i < v.zones[0].rings[r].size(); ++i) {
            double x = v.zones[0].rings[r][i][0], y = v.zones[0].rings[r][i][1];
            ASSERT_TRUE(transform->apply(x, y));
            EXPECT_NEAR(placed.zones[0].rings[r][i][0], x - 384000, 1e-6);
            EXPECT_NEAR(placed.zones[0].rings[r][i][1], y - 2571000, 1e-6);
        }
    }
    // The zone lies about the village marker, as drawn on the ground: within a few hundred m.
    EXPECT_LT(std::abs(placed.zones[0].rings[0][0][0] - placed.x), 400);
    EXPECT_LT(std::abs(placed.zones[0].rings[0][0][1] - placed.y), 400);
    std::filesystem::remove_all(dir);
}

TEST(SceneRegisters, TreesAreReadAgainAfterAnEditThroughTheStore) {
    // The viewer's register panel edits the store, then asks the scene for the trees again.
    const auto dir =
        std::filesystem::temp_directory_path() / ("cunjing-reload-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::filesystem::copy_file("assets/demo/heritage_demo.gpkg", dir / "store.gpkg",
                               std::filesystem::copy_options::overwrite_existing);
    auto data = loadText(R"({"version": 1, "crs": "EPSG:4547",
        "terrain": {"dem": "terrain_synthetic.asc"},
        "registers": {"registry": ")" +
                         (dir / "store.gpkg").string() + R"("}})");
    ASSERT_TRUE(data.ok()) << data.firstError();
    ASSERT_FALSE(data->trees.empty());
    const std::string id = data->trees.front().id;
    {
        auto store = heritage::Registry::open((dir / "store.gpkg").string());
        ASSERT_TRUE(store.ok()) << store.firstError();
        auto tree = store->tree(id);
        ASSERT_TRUE(tree.ok() && tree->has_value());
        heritage::TreeRecord edited = *tree.value();
        edited.heightM = 31.5;
        ASSERT_TRUE(store->update(edited).ok());
    }
    const std::size_t count = data->trees.size();
    ASSERT_TRUE(reloadRegistryTrees(data.value()).ok());
    EXPECT_EQ(data->trees.size(), count);
    const auto it = std::find_if(data->trees.begin(), data->trees.end(),
                                 [&](const auto& t) { return t.id == id; });
    ASSERT_NE(it, data->trees.end());
    EXPECT_DOUBLE_EQ(it->heightM, 31.5);
    std::filesystem::remove_all(dir);
}

TEST(Sunlight, DemoIsPlacedInGuangdongAndLitByTheHourOfDay) {
    auto desc = loadSceneFile("assets/demo/demo.json");
    ASSERT_TRUE(desc.ok()) << desc.firstError();
    auto data = loadScene(desc.value());
    ASSERT_TRUE(data.ok()) << data.firstError();
    auto place = scenePlace(data.value());
    ASSERT_TRUE(place.ok()) << place.firstError();
    // EPSG:4547 is CGCS2000 3-degree zone 38 (central meridian 114 E): somewhere in Guangdong.
    EXPECT_NEAR(place.value()[0], 114.0, 1.5);
    EXPECT_NEAR(place.value()[1], 23.0, 2.0);

    cunjing::geo::LocalDateTime t{2026, 6, 21, 12, 30};
    auto noon = sceneLighting(data.value(), t);
    t.hour = 18;
    t.minute = 50;
    auto dusk = sceneLighting(data.value(), t);
    t.hour = 23;
    auto night = sceneLighting(data.value(), t);
    ASSERT_TRUE(noon.ok() && dusk.ok() && night.ok());
    EXPECT_GT(noon->sunElevationDeg, 80);
    EXPECT_LT(dusk->sunElevationDeg, 10);
    EXPECT_GT(dusk->sunAzimuthDeg, 270) << "a June sunset in the north-west";
    // Noon: a clear day's light; dusk: a warmer, dimmer sun; night: no sun, a dark sky.
    const Lighting day;
    EXPECT_EQ(noon->sunColor, day.sunColor);
    EXPECT_LT(dusk->sunColor.z() / dusk->sunColor.x(), 0.6 * day.sunColor.z() / day.sunColor.x());
    EXPECT_LT(dusk->sunColor.length(), day.sunColor.length());
    EXPECT_EQ(night->sunColor.length(), 0.0f);
    EXPECT_LT(night->zenithColor.length(), 0.2f * day.zenithColor.length());
}

TEST(Sunlight, SceneLocationOverridesTheOrigin) {
    auto desc = loadSceneFile("assets/demo/demo.json");
    ASSERT_TRUE(desc.ok()) << desc.firstError();
    auto data = loadScene(desc.value());
    ASSERT_TRUE(data.ok()) << data.firstError();
    data->description.sun.location = std::array<double, 2>{116.1226, 24.2886};  // Meizhou
    auto place = scenePlace(data.value());
    ASSERT_TRUE(place.ok());
    EXPECT_DOUBLE_EQ(place.value()[0], 116.1226);
    // The same instant as the NOAA reference of geo's SunTest.
    auto l = sceneLighting(data.value(), {2026, 12, 22, 9, 0});
    ASSERT_TRUE(l.ok());
    EXPECT_NEAR(l->sunAzimuthDeg, 131.74, 0.02);
    EXPECT_NEAR(l->sunElevationDeg, 23.05, 0.02);
}
