// Protection zones draped on the terrain: one synthetic village on the demo DEM with its three
// nested zones (核心保护范围 / 建设控制地带 / 环境协调区) in a register store of the test's own,
// seen obliquely from the south, against a golden PNG; plus what the layer must hold.

#include <cunjing/geo/Crs.h>
#include <cunjing/heritage/Registry.h>
#include <cunjing/scene/Offscreen.h>
#include <cunjing/scene/SceneData.h>
#include <cunjing/scene/SceneGraph.h>
#include <cunjing/scene/ZoneLayer.h>

#include "GoldenImage.h"
#include "TestPaths.h"

#include <gtest/gtest.h>

#include <osg/Group>

#include <unistd.h>

#include <cmath>
#include <filesystem>

using namespace cunjing;
using namespace cunjing::scene;
namespace fs = std::filesystem;

namespace {

using Ring = std::vector<std::array<double, 2>>;

// The demo DEM's centre in EPSG:4547, which the scene takes as its local origin.
constexpr double kCentreX = 384350, kCentreY = 2571565;

/// Local offsets (metres from the DEM's centre) to lon/lat, as a register would hold them.
Ring toLonLat(const Ring& local) {
    auto working = geo::Crs::fromUserString("EPSG:4547");
    auto lonLat = geo::Crs::fromUserString("EPSG:4490");
    if (!working || !lonLat)
        throw std::runtime_error("no CRS");
    auto back = geo::Transform::create(working.value(), lonLat.value());
    if (!back)
        throw std::runtime_error(back.firstError());
    Ring out;
    for (const auto& p : local) {
        double x = kCentreX + p[0], y = kCentreY + p[1];
        if (!back->apply(x, y))
            throw std::runtime_error("cannot transform a zone vertex");
        out.push_back({x, y});
    }
    return out;
}

/// An irregular village plan, as drawn by a planner: the core around the old lanes, the
/// control belt out to the fields, the environment zone up the hill behind, with a hole
/// (a pond left out of it) in the environment zone.
heritage::VillageRecord zonedVillage() {
    heritage::VillageRecord v;
    v.id = "ZONE-TEST-1";
    v.name = "测试村";
    v.province = "广东省";
    v.city = "云浮市";
    v.county = "郁南县";
    v.town = "测试镇";
    v.adminCode = "445322100201";
    const Ring centre = toLonLat({{0, 0}});
    v.lon = centre[0][0];
    v.lat = centre[0][1];
    v.batch = 3;
    v.year = 2014;
    v.synthetic = true;
    v.zones = {
        {
            heritage::ZoneKind::Core,
            {toLonLat({{-110, -140}, {90, -150}, {130, -40}, {80, 60}, {-60, 70}, {-130, -30}})},
        },
        {heritage::ZoneKind::ConstructionControl,
         {toLonLat({{-250, -260}, {240, -270}, {280, 0}, {190, 170}, {-170, 190}, {-280, 20}})}},
        {heritage::ZoneKind::Environment,
         {toLonLat({{-420, -380}, {400, -390}, {450, 120}, {300, 400}, {-320, 420}, {-460, 100}}),
          toLonLat({{-380, -330}, {-300, -330}, {-300, -290}, {-380, -290}})}},
    };
    return v;
}

/// A register store of this test process's own holding the zoned village (ctest runs cases
/// in parallel, so the folder carries the pid).
fs::path zonedRegistry() {
    const fs::path dir = test::outputDir("render") / ("zones-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path store = dir / "heritage.gpkg";
    auto registry = heritage::Registry::open(store.string());
    if (!registry)
        throw std::runtime_error(registry.firstError());
    if (auto inserted = registry->insert(zonedVillage()); !inserted)
        throw std::runtime_error(inserted.firstError());
    return store;
}

struct ZoneScene {
    SceneData data;
    osg::ref_ptr<osg::Group> graph;
};

const ZoneScene& zoneScene() {
    static const ZoneScene s = [] {
        const fs::path store = zonedRegistry();
        const fs::path dem = fs::absolute("assets/demo/terrain_synthetic.asc");
        const std::string text = R"({"version": 1, "crs": "EPSG:4547", "terrain": {"dem": ")" +
                                 dem.string() + R"("}, "registers": {"registry": ")" +
                                 store.string() + R"("}, "viewpoints": [
            {"name": "south", "eye": [-60, -900, 520], "target": [0, -20, 0],
             "above_ground": true, "fov": 45}]})";
        auto description = parseSceneText(text, store.parent_path() / "zones.json");
        if (!description)
            throw std::runtime_error(description.firstError());
        auto data = loadScene(description.value());
        if (!data)
            throw std::runtime_error(data.firstError());
        ZoneScene out{std::move(data.value()), nullptr};
        out.graph = buildSceneGraph(out.data);
        return out;
    }();
    return s;
}

OffscreenRenderer& renderer() {
    static auto r = OffscreenRenderer::create(640, 480);
    if (!r)
        throw std::runtime_error(r.firstError());
    return *r.value();
}

osg::ref_ptr<osg::Image> renderSouth() {
    const ZoneScene& s = zoneScene();
    const Viewpoint* vp = s.data.description.findViewpoint("south");
    if (!vp)
        throw std::runtime_error("no viewpoint south");
    const auto e = s.data.resolveEye(*vp), t = s.data.resolveTarget(*vp);
    auto image =
        renderer().render(s.graph.get(), {e[0], e[1], e[2]}, {t[0], t[1], t[2]}, vp->fovDeg);
    if (!image)
        throw std::runtime_error(image.firstError());
    return image.value();
}

osg::Node* child(osg::Group& parent, const std::string& name) {
    for (unsigned i = 0; i < parent.getNumChildren(); ++i)
        if (parent.getChild(i)->getName() == name)
            return parent.getChild(i);
    return nullptr;
}

// As the demo scene's goldens (SceneRenderTest.cpp): rounding and edges that move by a pixel
// between Mesa versions pass; a lost band, a zone in the wrong colour or a band sunk under
// the terrain moves the mean past 3.
const test::GoldenThresholds kThresholds{24, 0.02, 3.0};

}  // namespace

TEST(ZoneLayer, EveryRingOfEveryZoneIsDrawn) {
    const ZoneScene& s = zoneScene();
    ASSERT_EQ(s.data.villages.size(), 1u);
    ASSERT_EQ(s.data.villages[0].zones.size(), 3u);
    osg::Node* zones = child(*s.graph, "protection-zones");
    ASSERT_NE(zones, nullptr);
    ASSERT_NE(zones->asGroup(), nullptr);
    EXPECT_NE(child(*zones->asGroup(), "zone-bands"), nullptr);
    EXPECT_NE(child(*zones->asGroup(), "zone-curtains"), nullptr);
    // Four rings (the environment zone's hole included), each a closed band of quads.
    std::size_t rings = 0;
    for (const SceneZone& z : s.data.villages[0].zones) {
        const geo::Mesh band = zoneBand(s.data, z);
        EXPECT_TRUE(band.isValid());
        EXPECT_EQ(band.triangleCount(), band.vertexCount());  // two triangles per vertex pair
        rings += z.rings.size();
    }
    EXPECT_EQ(rings, 4u);
}

TEST(ZoneLayer, BandsFollowTheGroundJustAboveIt) {
    const ZoneScene& s = zoneScene();
    const ZoneLayerOptions options;
    for (const SceneZone& z : s.data.villages[0].zones) {
        const geo::Mesh band = zoneBand(s.data, z, options);
        ASSERT_FALSE(band.empty());
        for (const geo::Vec3f& p : band.positions)
            EXPECT_NEAR(p.z, s.data.groundHeight(p.x, p.y) + options.liftM, 0.01);
    }
    // Sampled at the DEM's 5 m: the environment ring (about 3.1 km round) has hundreds of
    // points, not its six vertices.
    const auto& outer = s.data.villages[0].zones[2].rings[0];
    EXPECT_GT(sampleRing(outer, zoneSampleStep(s.data)).size(), 500u);
}

TEST(ZoneLayer, ZonesShowInTheirColoursFromTheSouth) {
    const ZoneScene& s = zoneScene();
    osg::ref_ptr<osg::Image> with = renderSouth();
    const auto stats = test::imageStats(*with);
    EXPECT_GT(stats.luminanceStdDev, 10) << "an empty or flat frame";

    // The same frame without the layer: what changed is the zones, in their three hues.
    osg::Node* zones = child(*s.graph, "protection-zones");
    ASSERT_NE(zones, nullptr);
    zones->setNodeMask(0);
    osg::ref_ptr<osg::Image> without = renderSouth();
    zones->setNodeMask(~0u);
    int red = 0, orange = 0, greenYellow = 0;
    for (int y = 0; y < with->t(); ++y)
        for (int x = 0; x < with->s(); ++x) {
            const unsigned char *p = with->data(x, y), *q = without->data(x, y);
            if (std::abs(p[0] - q[0]) + std::abs(p[1] - q[1]) + std::abs(p[2] - q[2]) < 60)
                continue;
            const int r = p[0], g = p[1], b = p[2];
            red += r > 2 * g && r > 2 * b;
            orange += r > g + 40 && g > b + 40 && 2 * g >= r;
            greenYellow += g > r && g > b + 60;
        }
    EXPECT_GT(red, 200) << "core 核心保护范围";
    EXPECT_GT(orange, 200) << "construction control 建设控制地带";
    EXPECT_GT(greenYellow, 200) << "environment 环境协调区";

    const auto cmp = test::compareWithGolden(*with, "zones_demo", kThresholds);
    EXPECT_TRUE(cmp.passed) << cmp.message;
}
