// Headless GL render tests: fixed camera, fixed size, compared with golden PNGs.

#include <cunjing/scene/Offscreen.h>
#include <cunjing/scene/SceneData.h>
#include <cunjing/scene/SceneGraph.h>

#include "GoldenImage.h"
#include "TestPaths.h"

#include <gtest/gtest.h>

using namespace cunjing;
using namespace cunjing::scene;

namespace {

struct Demo {
    SceneData data;
    osg::ref_ptr<osg::Group> graph;
};

const Demo& demo() {
    static const Demo d = [] {
        auto loaded = loadScene(loadSceneFile("assets/demo/demo.json").value());
        // A model the worker refuses is a warning, not a failure: say it, or a golden made
        // without the model passes silently.
        for (const Error& w : loaded.warnings())
            std::cerr << "warning: " << w.toString() << "\n";
        Demo out{std::move(loaded).value(), nullptr};
        out.graph = buildSceneGraph(out.data);
        return out;
    }();
    return d;
}

OffscreenRenderer& renderer() {
    static auto r = OffscreenRenderer::create(480, 270);
    if (!r)
        throw std::runtime_error(r.firstError());
    return *r.value();
}

osg::ref_ptr<osg::Image> renderView(const std::string& name) {
    const Demo& d = demo();
    const Viewpoint* vp = d.data.description.findViewpoint(name);
    if (!vp)
        throw std::runtime_error("no viewpoint " + name);
    const auto e = d.data.resolveEye(*vp), t = d.data.resolveTarget(*vp);
    auto image =
        renderer().render(d.graph.get(), {e[0], e[1], e[2]}, {t[0], t[1], t[2]}, vp->fovDeg);
    if (!image)
        throw std::runtime_error(image.firstError());
    return image.value();
}

// llvmpipe renders the same frame bit for bit on one Mesa version; across versions edges and
// shader rounding move. 24/255 per channel ignores rounding, 2 % of pixels allows edges to
// shift by about a pixel, and a mean of 3 catches any change of colour or lighting.
const test::GoldenThresholds kSceneThresholds{24, 0.02, 3.0};

}  // namespace

TEST(SceneRender, DemoOverviewMatchesGolden) {
    auto image = renderView("overview");
    std::cerr << "GL renderer: " << renderer().glRenderer() << "\n";
    const auto cmp = test::compareWithGolden(*image, "demo_overview", kSceneThresholds);
    EXPECT_TRUE(cmp.passed) << cmp.message;
}

TEST(SceneRender, DemoGablesMatchesGolden) {
    auto image = renderView("gables");
    const auto cmp = test::compareWithGolden(*image, "demo_gables", kSceneThresholds);
    EXPECT_TRUE(cmp.passed) << cmp.message;
}

// The three demo compounds: the comb village (DemoGables above), the Hakka 围龙屋 at the
// western hill foot and the Chaoshan 驷马拖车 on the eastern plain.
TEST(SceneRender, DemoWeilongwuMatchesGolden) {
    auto image = renderView("weilongwu");
    const auto cmp = test::compareWithGolden(*image, "demo_weilongwu", kSceneThresholds);
    EXPECT_TRUE(cmp.passed) << cmp.message;
}

TEST(SceneRender, DemoSimaTuocheMatchesGolden) {
    auto image = renderView("sima-tuoche");
    const auto cmp = test::compareWithGolden(*image, "demo_sima_tuoche", kSceneThresholds);
    EXPECT_TRUE(cmp.passed) << cmp.message;
}

// The market street in its current state (issue 7's "before"): 骑楼 arcades, mixed houses,
// signboards, AC units and overhead wires.
TEST(SceneRender, DemoStreetMatchesGolden) {
    auto image = renderView("street");
    const auto cmp = test::compareWithGolden(*image, "demo_street", kSceneThresholds);
    EXPECT_TRUE(cmp.passed) << cmp.message;
}

// The imported Han house standing on its levelled ground.
TEST(SceneRender, DemoHanHouseMatchesGolden) {
    auto image = renderView("han-house");
    const auto cmp = test::compareWithGolden(*image, "demo_han_house", kSceneThresholds);
    EXPECT_TRUE(cmp.passed) << cmp.message;
}

TEST(SceneRender, SkyIsAboveAndGreenGroundBelowFromTheHills) {
    auto image = renderView("from-hills");
    // Mean colour of a row; osg::Image row 0 is the bottom of the picture. A dark, empty or
    // upside-down frame fails here.
    auto rowMean = [&](int y) {
        osg::Vec3d sum;
        for (int x = 0; x < image->s(); ++x) {
            const unsigned char* p = image->data(x, y);
            sum += osg::Vec3d(p[0], p[1], p[2]);
        }
        return sum / image->s();
    };
    const osg::Vec3d sky = rowMean(image->t() - 2), ground = rowMean(image->t() / 3);
    EXPECT_GT(sky.z(), sky.x() + 30) << "the top row should be blue sky";
    EXPECT_GT(ground.y(), ground.z() + 30) << "the lower third should be green ground";
    EXPECT_GT(ground.y(), 90) << "ground is too dark";
}

TEST(SceneRender, GoldenHelperReportsADifferentImage) {
    auto image = renderView("overview");
    osg::ref_ptr<osg::Image> altered = new osg::Image(*image, osg::CopyOp::DEEP_COPY_ALL);
    for (int y = 0; y < altered->t() / 2; ++y) {
        for (int x = 0; x < altered->s(); ++x)
            altered->data(x, y)[0] ^= 0xFF;
    }
    if (std::getenv("CUNJING_UPDATE_GOLDENS"))
        GTEST_SKIP() << "updating goldens";
    const auto cmp = test::compareWithGolden(*altered, "demo_overview", kSceneThresholds);
    EXPECT_FALSE(cmp.passed);
    EXPECT_TRUE(std::filesystem::exists(test::outputDir("render") / "demo_overview.diff.png"));
}
