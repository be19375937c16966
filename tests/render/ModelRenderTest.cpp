// Imported models through the worker, each placed on flat ground by a scene file and framed
// from its bounds (from the south-west, the front and west side in sight), compared with a
// golden PNG. Beside the golden, checks that fail on their own: the model is drawn where its
// placement says, its file's up axis points up on screen, and its texture shows.

#include <cunjing/scene/ModelLayer.h>
#include <cunjing/scene/Offscreen.h>
#include <cunjing/scene/SceneData.h>
#include <cunjing/scene/SceneGraph.h>

#include "GoldenImage.h"
#include "TestPaths.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <vector>

using namespace cunjing;
using namespace cunjing::scene;
namespace fs = std::filesystem;

namespace {

struct Case {
    const char* golden;  ///< tests/render/golden/<golden>.png
    const char* path;    ///< under ../shared/data/models
    /// What the model's pixels must show: Duck's yellow texture, the Cesium logo's green,
    /// the Han house's textured brick, plaster and tiles; the IFC house has no texture, only
    /// its materials' colours (orange roof, white walls), which must differ.
    enum class Look { Yellow, Green, Varied, Materials } look;
};

const Case kCases[] = {
    {"model_duck", "khronos_samples/Duck.glb", Case::Look::Yellow},
    {"model_box_textured_draco", "khronos_samples/BoxTextured_draco.glb", Case::Look::Green},
    {"model_han_house_a", "chinese_architecture_0ad_han/han_house_a.obj", Case::Look::Varied},
    {"model_fzk_haus", "assimp/IFC/AC14-FZK-Haus.ifc", Case::Look::Materials},
};

Result<SceneData> sceneWith(const Case& c) {
    ::setenv("CUNJING_IMPORT_WORKER", test::executable("cunjing-import-worker").c_str(), 0);
    const fs::path dem = test::flatDem("render");
    const fs::path model = fs::absolute(test::sharedData() / "models" / c.path);
    const std::string text = R"({"version": 1, "crs": "EPSG:4547", "terrain": {"dem": ")" +
                             dem.string() + R"(", "crs": "EPSG:4547"}, "models": [{"path": ")" +
                             model.string() +
                             R"(", "position": [400000, 2500000, 0], "heading": 0}]})";
    auto description = parseSceneText(text, dem.parent_path() / "model.json");
    if (!description)
        return Result<SceneData>::failure(description.errors());
    return loadScene(description.value());
}

OffscreenRenderer& renderer() {
    static auto r = OffscreenRenderer::create(480, 360);
    if (!r)
        throw std::runtime_error(r.firstError());
    return *r.value();
}

struct View {
    osg::Vec3d eye, target;
    double fov = 40;
    /// Local point -> image pixel (x right, y up from the bottom row, as osg::Image rows).
    osg::Vec2d project(const osg::Vec3d& p) const {
        const osg::Matrixd m = osg::Matrixd::lookAt(eye, target, {0, 0, 1}) *
                               osg::Matrixd::perspective(fov, 480.0 / 360.0, 1.0, 1e5);
        const osg::Vec3d ndc = p * m;
        return {(ndc.x() + 1) * 240.0, (ndc.y() + 1) * 180.0};
    }
};

View frameOf(const geo::Bounds& b) {
    const osg::Vec3d c(0.5 * (b.min.x + b.max.x), 0.5 * (b.min.y + b.max.y),
                       0.5 * (b.min.z + b.max.z));
    const double size = std::max(
        {double(b.max.x - b.min.x), double(b.max.y - b.min.y), 1.6 * double(b.max.z - b.min.z)});
    const double d = 1.6 * size;
    return {c + osg::Vec3d(-0.5 * d, -0.87 * d, 0.55 * d), c, 40};
}

osg::ref_ptr<osg::Image> render(osg::Node* graph, const View& v) {
    auto image = renderer().render(graph, v.eye, v.target, v.fov);
    if (!image)
        throw std::runtime_error(image.firstError());
    return image.value();
}

/// Pixels that differ from the frame without the model: where the model is drawn.
struct Mask {
    int minX = 1 << 30, maxX = -1, minY = 1 << 30, maxY = -1, count = 0;
    osg::Vec3d mean, spread;  ///< mean RGB of the model's pixels and its standard deviation
    double brightest = 0;     ///< 90th percentile of their luminance: its sunlit faces
};

Mask maskOf(const osg::Image& with, const osg::Image& without) {
    Mask m;
    osg::Vec3d sum, sum2;
    std::vector<double> luminance;
    for (int y = 0; y < with.t(); ++y) {
        for (int x = 0; x < with.s(); ++x) {
            const unsigned char *a = with.data(x, y), *b = without.data(x, y);
            if (std::abs(a[0] - b[0]) + std::abs(a[1] - b[1]) + std::abs(a[2] - b[2]) < 24)
                continue;
            m.minX = std::min(m.minX, x), m.maxX = std::max(m.maxX, x);
            m.minY = std::min(m.minY, y), m.maxY = std::max(m.maxY, y);
            ++m.count;
            const osg::Vec3d c(a[0], a[1], a[2]);
            sum += c;
            luminance.push_back(0.3 * c.x() + 0.59 * c.y() + 0.11 * c.z());
            sum2 += osg::Vec3d(c.x() * c.x(), c.y() * c.y(), c.z() * c.z());
        }
    }
    if (m.count > 0) {
        auto p90 = luminance.begin() + std::ptrdiff_t(0.9 * double(luminance.size() - 1));
        std::nth_element(luminance.begin(), p90, luminance.end());
        m.brightest = *p90;
        m.mean = sum / m.count;
        const osg::Vec3d sq = sum2 / m.count;
        m.spread = {std::sqrt(std::max(0.0, sq.x() - m.mean.x() * m.mean.x())),
                    std::sqrt(std::max(0.0, sq.y() - m.mean.y() * m.mean.y())),
                    std::sqrt(std::max(0.0, sq.z() - m.mean.z() * m.mean.z()))};
    }
    return m;
}

/// The model's file-space bottom and top (along its own up axis) through the placement.
std::pair<osg::Vec3d, osg::Vec3d> fileUpEnds(const SceneModel& m) {
    const int up = m.description.upAxis.value_or(m.model.upAxis) == 'z' ? 2 : 1;
    models::Vec3 lo{0, 0, 0}, hi{0, 0, 0};
    float low = 1e30f, high = -1e30f;
    for (const auto& part : m.model.meshes) {
        for (const auto& p : part.positions) {
            if (p[up] < low)
                low = p[up], lo = p;
            if (p[up] > high)
                high = p[up], hi = p;
        }
    }
    const osg::Matrixd toLocal(m.toLocal.data());
    return {osg::Vec3d(lo[0], lo[1], lo[2]) * toLocal, osg::Vec3d(hi[0], hi[1], hi[2]) * toLocal};
}

// The same tolerances as the other golden tests (TypologyRenderTest.cpp): Mesa rounding and
// edges moving by a pixel pass, a turned, untextured or differently lit model does not.
const test::GoldenThresholds kThresholds{24, 0.02, 3.0};

class ModelRender : public testing::TestWithParam<Case> {};

}  // namespace

TEST_P(ModelRender, UprightTexturedAndMatchesGolden) {
    const Case c = GetParam();
    auto data = sceneWith(c);
    ASSERT_TRUE(data.ok()) << data.firstError();
    ASSERT_EQ(data->models.size(), 1u)
        << (data.warnings().empty() ? std::string("no model") : data.warnings().front().toString());
    const SceneModel& model = data->models[0];
    EXPECT_NEAR(model.localBounds.min.z, 8.0, 1e-3) << "the flat ground is at 8 m";

    const View view = frameOf(model.localBounds);
    osg::ref_ptr<osg::Group> graph = buildSceneGraph(data.value());
    osg::ref_ptr<osg::Image> image = render(graph.get(), view);

    // Where the model is: against the same frame without it.
    osg::ref_ptr<osg::Node> node;
    for (unsigned i = 0; i < graph->getNumChildren(); ++i)
        if (graph->getChild(i)->getName() == "model:0")
            node = graph->getChild(i);
    ASSERT_TRUE(node.valid());
    graph->removeChild(node);
    osg::ref_ptr<osg::Image> empty = render(graph.get(), view);
    graph->addChild(node);
    const Mask mask = maskOf(*image, *empty);
    ASSERT_GT(mask.count, 480 * 360 / 20) << "the model covers too little of the frame";

    // Upright: the file's up axis points up on screen, and the drawn model fills the height
    // its placed bounds project to (a model lying down or turned over would not).
    const auto [bottom, top] = fileUpEnds(model);
    EXPECT_GT(view.project(top).y(), view.project(bottom).y() + 20);
    double low = 1e9, high = -1e9;
    for (int i = 0; i < 8; ++i) {
        const auto& b = model.localBounds;
        const osg::Vec3d corner(i & 1 ? b.max.x : b.min.x, i & 2 ? b.max.y : b.min.y,
                                i & 4 ? b.max.z : b.min.z);
        low = std::min(low, view.project(corner).y());
        high = std::max(high, view.project(corner).y());
    }
    EXPECT_GE(mask.maxY, high - 0.25 * (high - low)) << "nothing drawn near the model's top";
    EXPECT_LE(mask.minY, low + 0.25 * (high - low)) << "nothing drawn near the model's bottom";

    // Textured: the texture's colours, and a different picture with base colours only.
    setModelUntextured(*node, true);
    const Mask plain = maskOf(*render(graph.get(), view), *empty);
    setModelUntextured(*node, false);
    if (c.look != Case::Look::Materials) {
        EXPECT_GT((mask.mean - plain.mean).length(), 12.0) << "the texture changes nothing";
    }
    const osg::Vec3d m = mask.mean;
    switch (c.look) {
        case Case::Look::Yellow:
            EXPECT_GT(m.x(), m.z() + 50) << "the duck is not yellow";
            EXPECT_GT(m.y(), m.z() + 25) << "the duck is not yellow";
            break;
        case Case::Look::Green:
            EXPECT_GT(m.y(), m.x() + 10) << "no Cesium logo green";
            break;
        case Case::Look::Varied:
        case Case::Look::Materials:
            EXPECT_GT(mask.spread.length(), 30.0) << "a flat single colour";
            break;
    }
    // Sunlit faces: a model drawn black, or with its normals turned inwards, has none.
    EXPECT_GT(mask.brightest, 110.0) << "the model is dark";
    std::cerr << c.golden << ": mean " << m.x() << " " << m.y() << " " << m.z() << ", spread "
              << mask.spread.length() << ", brightest " << mask.brightest << ", untextured mean "
              << plain.mean.x() << " " << plain.mean.y() << " " << plain.mean.z() << "\n";

    const auto cmp = test::compareWithGolden(*image, c.golden, kThresholds);
    EXPECT_TRUE(cmp.passed) << cmp.message;
}

INSTANTIATE_TEST_SUITE_P(Models, ModelRender, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<Case>& p) {
                             return std::string(p.param.golden).substr(6);
                         });
