// The look (issue 9): colour check shows palette colours exactly, a building's shadowed side
// and the ground in its cast shadow are darker than what the sun reaches, the shadow switch
// takes the cast shadow away, and the demo at morning, noon and evening matches its goldens.

#include <cunjing/geo/Mesh.h>
#include <cunjing/scene/Look.h>
#include <cunjing/scene/Offscreen.h>
#include <cunjing/scene/SceneData.h>
#include <cunjing/scene/SceneGraph.h>
#include <cunjing/scene/Sunlight.h>

#include "GoldenImage.h"
#include "TestPaths.h"

#include <nlohmann/json.hpp>
#include <osg/Matrixd>

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

using namespace cunjing;
using namespace cunjing::scene;

namespace {

constexpr int kWidth = 480, kHeight = 270;

OffscreenRenderer& renderer() {
    static auto r = OffscreenRenderer::create(kWidth, kHeight);
    if (!r)
        throw std::runtime_error(r.firstError());
    return *r.value();
}

struct Camera {
    osg::Vec3d eye, target;
    double fovDeg = 40;
};

osg::ref_ptr<osg::Image> render(osg::Node* graph, const Camera& c) {
    auto image = renderer().render(graph, c.eye, c.target, c.fovDeg);
    if (!image)
        throw std::runtime_error(image.firstError());
    return image.value();
}

/// Where a world point lands in the image (pixels, origin bottom left as glReadPixels gives
/// rows), with the matrices OffscreenRenderer::render uses.
osg::Vec2d project(const Camera& c, const osg::Vec3d& p) {
    const osg::Matrixd view = osg::Matrixd::lookAt(c.eye, c.target, osg::Vec3d(0, 0, 1));
    const osg::Matrixd proj =
        osg::Matrixd::perspective(c.fovDeg, double(kWidth) / kHeight, 1.0, 1.0e5);
    const osg::Vec3d ndc = p * view * proj;
    return {(ndc.x() + 1) * 0.5 * kWidth, (ndc.y() + 1) * 0.5 * kHeight};
}

std::array<int, 3> pixel(const osg::Image& image, const osg::Vec2d& at) {
    const unsigned char* p = image.data(int(at.x()), int(at.y()));
    return {p[0], p[1], p[2]};
}

/// Mean luminance (0..255) of a 5x5 patch around `at`.
double luminance(const osg::Image& image, const osg::Vec2d& at) {
    double sum = 0;
    for (int dy = -2; dy <= 2; ++dy) {
        for (int dx = -2; dx <= 2; ++dx) {
            const unsigned char* p = image.data(int(at.x()) + dx, int(at.y()) + dy);
            sum += 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
        }
    }
    return sum / 25;
}

/// A quad of one colour: corner o, edges u and v (counter-clockwise seen from the front).
void addQuad(geo::Mesh& m, const geo::Vec3f& o, const geo::Vec3f& u, const geo::Vec3f& v,
             const geo::Rgba& colour) {
    const geo::Vec3f n{u.y * v.z - u.z * v.y, u.z * v.x - u.x * v.z, u.x * v.y - u.y * v.x};
    const float len = std::sqrt(n.x * n.x + n.y * n.y + n.z * n.z);
    const auto base = std::uint32_t(m.positions.size());
    const geo::Vec3f corners[4] = {o,
                                   {o.x + u.x, o.y + u.y, o.z + u.z},
                                   {o.x + u.x + v.x, o.y + u.y + v.y, o.z + u.z + v.z},
                                   {o.x + v.x, o.y + v.y, o.z + v.z}};
    for (const geo::Vec3f& c : corners) {
        m.positions.push_back(c);
        m.normals.push_back({n.x / len, n.y / len, n.z / len});
        m.colors.push_back(colour);
        m.surfaces.push_back(geo::Surface::Plain);
    }
    for (std::uint32_t i : {0u, 1u, 2u, 0u, 2u, 3u})
        m.indices.push_back(base + i);
}

/// A 10 x 10 x 12 m block standing at the origin on a 200 m square of ground.
geo::Mesh blockOnGround() {
    geo::Mesh m;
    const geo::Rgba ground{0.55f, 0.6f, 0.45f, 1}, wall{0.85f, 0.84f, 0.8f, 1};
    addQuad(m, {-100, -100, 0}, {200, 0, 0}, {0, 200, 0}, ground);
    const float h = 12;
    addQuad(m, {-5, -5, 0}, {10, 0, 0}, {0, 0, h}, wall);   // south
    addQuad(m, {5, -5, 0}, {0, 10, 0}, {0, 0, h}, wall);    // east
    addQuad(m, {5, 5, 0}, {-10, 0, 0}, {0, 0, h}, wall);    // north
    addQuad(m, {-5, 5, 0}, {0, -10, 0}, {0, 0, h}, wall);   // west
    addQuad(m, {-5, -5, h}, {10, 0, 0}, {0, 10, 0}, wall);  // roof
    return m;
}

/// The block's graph lit by the sun over Guangzhou at `hhmm` on 2026-10-15 (sun south of
/// the zenith at noon: 64 degrees up).
osg::ref_ptr<osg::Group> blockScene(int hour, int minute) {
    static const SceneData empty;
    osg::ref_ptr<osg::Group> graph = buildSceneGraph(empty, {}, buildingsNode(blockOnGround()));
    const geo::LocalDateTime when{2026, 10, 15, hour, minute, 0, 8};
    applyLighting(*graph->getOrCreateStateSet(), lightingAt({113.2644, 23.1291}, when));
    return graph;
}

Look highQuality(bool shadows) {
    Look look;
    look.quality = Quality::High;
    look.shadows = shadows;
    return look;
}

}  // namespace

TEST(LookRender, ColourCheckShowsEveryPaletteColourWithinTwoPerChannel) {
    std::ifstream in(test::sourceDir() / "assets/rules/plan_guangdong.json");
    ASSERT_TRUE(in) << "assets/rules/plan_guangdong.json";
    const auto rules = nlohmann::json::parse(in);
    std::vector<std::string> colours;
    for (const auto& [style, roles] : rules.at("palettes").items())
        for (const auto& [role, list] : roles.items())
            for (const auto& hex : list)
                colours.push_back(hex.get<std::string>());
    ASSERT_GE(colours.size(), 20u);

    // One wall per colour, side by side, facing the camera (south), in rows of eight.
    geo::Mesh walls;
    for (std::size_t i = 0; i < colours.size(); ++i) {
        geo::Rgba c;
        ASSERT_TRUE(geo::parseHexColor(colours[i], c)) << colours[i];
        const float x = float(i % 8) * 6 - 24, z = float(i / 8) * 6;
        addQuad(walls, {x, 0, z}, {5, 0, 0}, {0, 0, 5}, c);
    }
    static const SceneData empty;
    osg::ref_ptr<osg::Group> graph = buildSceneGraph(empty, {}, buildingsNode(walls));
    const Camera cam{{-0.5, -60, 9}, {-0.5, 0, 9}, 40};
    Look look = highQuality(true);
    look.colourCheck = true;
    applyLook(*graph, look);
    auto checked = render(graph.get(), cam);
    look.colourCheck = false;
    applyLook(*graph, look);
    auto lit = render(graph.get(), cam);

    int litDiffers = 0;
    for (std::size_t i = 0; i < colours.size(); ++i) {
        const float x = float(i % 8) * 6 - 24, z = float(i / 8) * 6;
        const osg::Vec2d at = project(cam, {x + 2.5, 0, z + 2.5});
        geo::Rgba want;
        geo::parseHexColor(colours[i], want);
        const int expected[3] = {int(std::lround(want.r * 255)), int(std::lround(want.g * 255)),
                                 int(std::lround(want.b * 255))};
        const auto got = pixel(*checked, at);
        for (int ch = 0; ch < 3; ++ch) {
            EXPECT_LE(std::abs(got[ch] - expected[ch]), 2)
                << colours[i] << " channel " << ch << " rendered " << got[ch] << " at " << at.x()
                << ", " << at.y();
        }
        const auto shaded = pixel(*lit, at);
        for (int ch = 0; ch < 3; ++ch)
            litDiffers += std::abs(shaded[ch] - expected[ch]) > 2;
    }
    // The check must be able to fail: in the sun's light the same walls are not their palette
    // colours (lit, tone mapped, hazed).
    EXPECT_GT(litDiffers, int(colours.size()));
}

TEST(LookRender, ABuildingsShadowedSideIsDarkerThanItsLitSideAtNoon) {
    osg::ref_ptr<osg::Group> graph = blockScene(12, 20);
    applyLook(*graph, highQuality(true));
    // From the south-west: the south face takes the noon sun, the west face only the sky.
    const Camera cam{{-28, -34, 14}, {0, 0, 6}, 40};
    auto image = render(graph.get(), cam);
    const double south = luminance(*image, project(cam, {0, -5, 6}));
    const double west = luminance(*image, project(cam, {-5, 0, 6}));
    std::cerr << "south (lit) " << south << ", west (shadowed) " << west << "\n";
    EXPECT_GT(south, west + 25);
}

TEST(LookRender, TheBlockCastsAShadowOnTheGroundThatTheSwitchTakesAway) {
    osg::ref_ptr<osg::Group> graph = blockScene(12, 20);
    // From the north-east, looking at the ground north of the block (in its noon shadow) and
    // at open ground further east.
    const Camera cam{{30, 40, 25}, {0, 8, 0}, 45};
    const osg::Vec3d inShadow{0, 8, 0}, open{18, 8, 0};
    applyLook(*graph, highQuality(true));
    auto shadowed = render(graph.get(), cam);
    applyLook(*graph, highQuality(false));
    auto unshadowed = render(graph.get(), cam);
    const double s = luminance(*shadowed, project(cam, inShadow));
    const double o = luminance(*shadowed, project(cam, open));
    const double sOff = luminance(*unshadowed, project(cam, inShadow));
    const double oOff = luminance(*unshadowed, project(cam, open));
    std::cerr << "shadows on: behind the block " << s << ", open ground " << o << "; off: " << sOff
              << ", " << oOff << "\n";
    EXPECT_LT(s, o - 25);        // the cast shadow
    EXPECT_NEAR(sOff, oOff, 3);  // no shadow with the switch off
    EXPECT_NEAR(o, oOff, 3);     // and sunlit ground is the same either way (no acne)
}

TEST(LookRender, DemoAtMorningNoonAndEveningMatchesGoldens) {
    auto desc = loadSceneFile("assets/demo/demo.json");
    ASSERT_TRUE(desc) << desc.firstError();
    auto data = loadScene(desc.value());
    ASSERT_TRUE(data) << data.firstError();
    osg::ref_ptr<osg::Group> graph = buildSceneGraph(data.value());
    Look look;
    look.quality = Quality::Medium;
    applyLook(*graph, look);
    const Viewpoint* vp = desc->findViewpoint("entrance");
    ASSERT_NE(vp, nullptr);
    const auto e = data->resolveEye(*vp), t = data->resolveTarget(*vp);
    const Camera cam{{e[0], e[1], e[2]}, {t[0], t[1], t[2]}, vp->fovDeg};
    // Shadows move with the sun, so a shifted shadow edge may move a little more than a
    // surface's edge does: the thresholds are SceneRenderTest's, with 3 % of pixels.
    const test::GoldenThresholds thresholds{24, 0.03, 3.0};
    for (const auto& [hour, minute, name] :
         {std::tuple{7, 30, "demo_entrance_morning"}, std::tuple{12, 30, "demo_entrance_noon"},
          std::tuple{17, 15, "demo_entrance_evening"}}) {
        auto lighting = sceneLighting(data.value(), {2026, 10, 15, hour, minute, 0, 8});
        ASSERT_TRUE(lighting) << lighting.firstError();
        applyLighting(*graph->getOrCreateStateSet(), lighting.value());
        auto image = render(graph.get(), cam);
        const auto cmp = test::compareWithGolden(*image, name, thresholds);
        EXPECT_TRUE(cmp.passed) << cmp.message;
    }
}
