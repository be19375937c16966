// Terrain from real DEMs, headless: the procedural surface on Mt Fuji's SRTM tile and the
// osgEarth world basemap draped over the ETOPO5 relief of Guangdong, each against a golden
// PNG; plus the scene-level effects of imagery and ground flattening (no GL needed there).

#include <cunjing/architecture/VillagePlan.h>
#include <cunjing/scene/Offscreen.h>
#include <cunjing/scene/SceneData.h>
#include <cunjing/scene/SceneGraph.h>

#include "GoldenImage.h"
#include "TestPaths.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <map>

using namespace cunjing;
using namespace cunjing::scene;

namespace {

std::string shared(const std::string& rel) {
    return std::filesystem::absolute(test::sharedData() / rel).string();
}

SceneData load(const std::string& name, const std::string& text) {
    auto desc = parseSceneText(text, test::outputDir("render") / (name + ".json"));
    if (!desc)
        throw std::runtime_error(desc.firstError());
    auto data = loadScene(desc.value());
    if (!data)
        throw std::runtime_error(data.firstError());
    return std::move(data.value());
}

/// Mt Fuji (SRTM 3", geographic) in UTM 54N, seen from the south-west over the foothills.
const SceneData& fuji() {
    static const SceneData d = load("fuji", R"({"version": 1, "crs": "EPSG:32654",
        "terrain": {"dem": ")" + shared("dem/osgearth/mt_fuji_90m.tif") +
                                                R"(", "max_grid": 600},
        "viewpoints": [{"name": "fuji", "eye": [2000, -36000, 4200],
                        "target": [20300, -16000, 2000], "fov": 40}]})");
    return d;
}

/// ETOPO5 relief of Guangdong (20x exaggerated) with the world basemap draped, in CGCS2000
/// Gauss-Kruger CM 114E, seen from high above the South China Sea.
const SceneData& guangdong() {
    static const SceneData d = load("guangdong", R"({"version": 1, "crs": "EPSG:4547",
        "terrain": {"dem": ")" + shared("dem/etopo/etopo5_guangdong_clip.tif") +
                                                     R"(", "imagery": ")" +
                                                     shared("imagery/osgearth/world.tif") +
                                                     R"(", "exaggeration": 20},
        "viewpoints": [{"name": "south", "eye": [0, -420000, 750000], "target": [0, -30000, 0],
                        "fov": 45}]})");
    return d;
}

OffscreenRenderer& renderer() {
    static auto r = OffscreenRenderer::create(480, 270);
    if (!r)
        throw std::runtime_error(r.firstError());
    return *r.value();
}

osg::ref_ptr<osg::Image> render(const SceneData& data) {
    const Viewpoint& vp = data.description.viewpoints.front();
    osg::ref_ptr<osg::Group> graph = buildSceneGraph(data);
    const auto e = data.resolveEye(vp), t = data.resolveTarget(vp);
    auto image = renderer().render(graph.get(), {e[0], e[1], e[2]}, {t[0], t[1], t[2]}, vp.fovDeg);
    if (!image)
        throw std::runtime_error(image.firstError());
    return image.value();
}

/// Mean RGB of a box of the image in fractions of its size (y from the bottom).
osg::Vec3d meanColour(const osg::Image& image, double x0, double y0, double x1, double y1) {
    osg::Vec3d sum;
    int n = 0;
    for (int y = int(y0 * image.t()); y < int(y1 * image.t()); ++y) {
        for (int x = int(x0 * image.s()); x < int(x1 * image.s()); ++x) {
            const unsigned char* p = image.data(x, y);
            sum += osg::Vec3d(p[0], p[1], p[2]);
            ++n;
        }
    }
    return sum / std::max(n, 1);
}

// As the demo's goldens (SceneRenderTest.cpp): llvmpipe is bit-exact on one Mesa version;
// 24/255 per channel absorbs shader rounding across versions, 2 % of pixels lets edges move
// by about a pixel (these frames have long ridgelines and a coastline), and a mean of 3 catches
// any change of colour, lighting, imagery placement or relief.
const test::GoldenThresholds kTerrainThresholds{24, 0.02, 3.0};

}  // namespace

TEST(TerrainRender, FujiProceduralSurfaceMatchesGolden) {
    auto image = render(fuji());
    std::cerr << "GL renderer: " << renderer().glRenderer() << "\n";
    const auto cmp = test::compareWithGolden(*image, "terrain_fuji_procedural", kTerrainThresholds);
    EXPECT_TRUE(cmp.passed) << cmp.message;
}

TEST(TerrainRender, FujiIsGreenHillsUnderABlueSkyNotGrey) {
    auto image = render(fuji());
    const osg::Vec3d sky = meanColour(*image, 0, 0.9, 1, 1),
                     ground = meanColour(*image, 0, 0, 1, 0.3);
    EXPECT_GT(sky.z(), sky.x() + 30) << "the top should be blue sky";
    EXPECT_GT(ground.y(), ground.x() + 25) << "the foothills should be green, not grey";
    EXPECT_GT(ground.y(), ground.z() + 25);
    EXPECT_GT(test::imageStats(*image).luminanceStdDev, 12) << "relief should show";
}

TEST(TerrainRender, GuangdongWorldImageryMatchesGolden) {
    auto image = render(guangdong());
    const auto cmp =
        test::compareWithGolden(*image, "terrain_guangdong_world_imagery", kTerrainThresholds);
    EXPECT_TRUE(cmp.passed) << cmp.message;
}

TEST(TerrainRender, GuangdongCoastSeparatesBlueSeaFromGreenLand) {
    // From the south the South China Sea fills the lower right, the land the upper left.
    auto image = render(guangdong());
    const osg::Vec3d sea = meanColour(*image, 0.55, 0.1, 0.8, 0.3);
    const osg::Vec3d land = meanColour(*image, 0.3, 0.7, 0.55, 0.8);
    EXPECT_GT(sea.z(), sea.y() + 20) << "sea: " << sea.x() << " " << sea.y() << " " << sea.z();
    EXPECT_GT(land.y(), land.z() + 10)
        << "land: " << land.x() << " " << land.y() << " " << land.z();
}

TEST(TerrainScene, ImageryCoversTheTerrainExtent) {
    const SceneData& d = guangdong();
    ASSERT_TRUE(d.imagery);
    const auto& t = *d.terrain;
    EXPECT_EQ(d.imagery->extent, (std::array<double, 4>{t.x0, t.y0, t.xMax(), t.yMax()}));
    EXPECT_LE(std::max(d.imagery->width, d.imagery->height), 4096);
    EXPECT_EQ(d.imagery->transparentFraction, 0.0);
}

namespace {

/// For each house of a scene, the ground heights at nine points inside its walls.
std::map<std::uint32_t, std::vector<double>> groundUnderHouses(const SceneData& d) {
    std::map<std::uint32_t, geo::Bounds> boxes;
    for (std::size_t i = 0; i < d.buildings.positions.size(); ++i) {
        if (d.buildings.partIds[i] < std::uint32_t(d.buildingCount))  // not the plan's ground
            boxes[d.buildings.partIds[i]].expand(d.buildings.positions[i]);
    }
    std::map<std::uint32_t, std::vector<double>> out;
    for (const auto& [id, b] : boxes) {
        for (double fx : {0.3, 0.5, 0.7}) {
            for (double fy : {0.3, 0.5, 0.7}) {
                out[id].push_back(d.groundHeight(b.min.x + fx * (b.max.x - b.min.x),
                                                 b.min.y + fy * (b.max.y - b.min.y)));
            }
        }
    }
    return out;
}

SceneData demo(bool flatten) {
    std::string text = R"({"version": 1, "crs": "EPSG:4547",
        "terrain": {"dem": ")" +
                       std::filesystem::absolute("assets/demo/terrain_synthetic.asc").string() +
                       R"(", "water_level": 4.6},
        "buildings": [{"generate": {"layout": "comb", "at": [0, -70], "columns": 4,
                       "houses_per_column": 6, "seed": 7, "flatten": )" +
                       (flatten ? "true" : "false") + "}}]}";
    return load(flatten ? "demo_flat" : "demo_unflattened", text);
}

}  // namespace

TEST(TerrainScene, DemoHousesStandOnLevelledGround) {
    // The largest height difference of the ground at nine points inside any house.
    auto worstTilt = [](const SceneData& d) {
        double worst = 0;
        for (const auto& [id, heights] : groundUnderHouses(d)) {
            const auto [lo, hi] = std::minmax_element(heights.begin(), heights.end());
            worst = std::max(worst, *hi - *lo);
        }
        return worst;
    };
    const SceneData flat = demo(true), sloping = demo(false);
    ASSERT_GT(flat.buildingCount, 10);
    ASSERT_EQ(flat.buildingCount, sloping.buildingCount);
    // Houses in a comb village touch (party walls, and front to back in a column), and the
    // demo's DEM has 5 m cells: where two platforms meet, the grid cell across the party wall
    // ramps between them, so the ground inside a house is level to a few centimetres (the
    // generator's foundation reaches below it), not exactly. Without levelling the village
    // platform's slope (3 cm a metre) tilts it nearly twice as much.
    const double levelled = worstTilt(flat), unlevelled = worstTilt(sloping);
    EXPECT_LT(levelled, 0.10);
    EXPECT_LT(levelled, 0.6 * unlevelled) << "levelled " << levelled << " m, not " << unlevelled;
}

TEST(TerrainScene, FootprintFileStandsOnLevelledGroundWithItsPondDug) {
    // A plan written as a GeoPackage (as `cunjing village generate` writes one): a 三间两廊
    // on the village slope and a pond in front with its water at 5.0 m.
    const double cx = 384350, cy = 2571565;  // the demo DEM's centre
    architecture::VillagePlan plan;
    plan.crs = "EPSG:4547";
    architecture::BuildingFootprint house;
    house.id = "h1";
    house.style = "guangfu";
    house.typology = "sanjian-lianglang";
    house.outline = {{cx - 6, cy - 30}, {cx + 6, cy - 30}, {cx + 6, cy - 18}, {cx - 6, cy - 18}};
    plan.buildings.push_back(house);
    architecture::GroundArea pond;
    pond.kind = architecture::GroundKind::Pond;
    pond.z = 5.0;
    pond.outline = {{cx - 10, cy - 70}, {cx + 10, cy - 70}, {cx + 10, cy - 50}, {cx - 10, cy - 50}};
    plan.ground.push_back(pond);
    const auto dir = test::outputDir("render") / ("footprints-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    ASSERT_TRUE(architecture::writeVillagePlan(plan, (dir / "plan.gpkg").string()).ok());
    const SceneData d = load(
        "footprints", R"({"version": 1, "crs": "EPSG:4547",
        "terrain": {"dem": ")" +
                          std::filesystem::absolute("assets/demo/terrain_synthetic.asc").string() +
                          R"("},
        "buildings": [{"source": ")" +
                          (dir / "plan.gpkg").string() + R"("}]})");
    ASSERT_EQ(d.placed.size(), 1u);
    EXPECT_EQ(d.placed[0].typology, "sanjian-lianglang");
    // The house's centre lands on the footprint's centre (local frame: minus the origin).
    const geo::Bounds b = [&] {
        geo::Bounds out;
        for (std::size_t i = 0; i < d.buildings.positions.size(); ++i) {
            if (d.buildings.partIds[i] == 0)
                out.expand(d.buildings.positions[i]);
        }
        return out;
    }();
    EXPECT_NEAR(0.5 * (b.min.x + b.max.x), 0.0, 0.3);
    EXPECT_NEAR(0.5 * (b.min.y + b.max.y), -24.0, 0.3);
    // Its floor is the levelled ground under it.
    for (auto [x, y] : {std::pair{-3.0, -27.0}, {3.0, -21.0}, {0.0, -24.0}})
        EXPECT_NEAR(d.groundHeight(x, y), d.placed[0].z, 0.02) << x << ", " << y;
    // The pond's bed is dug below its water.
    for (auto [x, y] : {std::pair{0.0, -60.0}, {-7.0, -67.0}, {7.0, -53.0}})
        EXPECT_LT(d.groundHeight(x, y), 5.0 - 0.3) << x << ", " << y;
}

TEST(TerrainScene, BadPlatformOutlineNamesItsJsonPath) {
    auto desc =
        parseSceneText(R"({"version": 1, "crs": "EPSG:4547", "terrain": {"dem": ")" +
                           std::filesystem::absolute("assets/demo/terrain_synthetic.asc").string() +
                           R"(", "platforms": [{"outline": [[0, 0], [10, 0], [10]],
                                   "height": 3}, {"outline": [[0, 0], [1, 1]]}]}})",
                       test::outputDir("render") / "bad_platform.json");
    ASSERT_FALSE(desc.ok());
    ASSERT_EQ(desc.errors().size(), 2u) << desc.firstError();
    EXPECT_EQ(desc.errors()[0].where, "$.terrain.platforms[0].outline[2]");
    EXPECT_EQ(desc.errors()[1].where, "$.terrain.platforms[1].outline");
}

TEST(TerrainScene, FlattenMustBeABoolean) {
    auto desc = parseSceneText(
        R"({"version": 1, "crs": "EPSG:4547", "buildings": [{"generate": {"flatten": "yes"}}]})",
        test::outputDir("render") / "bad_flatten.json");
    ASSERT_FALSE(desc.ok());
    EXPECT_EQ(desc.errors()[0].where, "$.buildings[0].generate.flatten");
}
