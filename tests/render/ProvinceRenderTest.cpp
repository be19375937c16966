// The province village view, headless: all 292 Guangdong villages of the national list
// (中国传统村落名录) as named markers over the ETOPO5 relief of Guangdong, seen whole and over
// the Hakka heartland of 梅州, each against a golden PNG; plus what the layer must hold.

#include <cunjing/scene/Offscreen.h>
#include <cunjing/scene/SceneData.h>
#include <cunjing/scene/SceneGraph.h>
#include <cunjing/scene/VillageLayer.h>

#include "GoldenImage.h"

#include <gtest/gtest.h>

#include <osg/Group>

#include <set>

using namespace cunjing;
using namespace cunjing::scene;

namespace {

struct Province {
    SceneData data;
    osg::ref_ptr<osg::Group> graph;
};

/// assets/province/guangdong.json reads the shared data at ../shared/data (tests run in the
/// repository root, so its ../../../shared/data paths find it).
const Province& province() {
    static const Province p = [] {
        auto desc = loadSceneFile("assets/province/guangdong.json");
        if (!desc)
            throw std::runtime_error(desc.firstError());
        auto data = loadScene(desc.value());
        if (!data)
            throw std::runtime_error(data.firstError());
        Province out{std::move(data.value()), nullptr};
        out.graph = buildSceneGraph(out.data);
        return out;
    }();
    return p;
}

// Larger than the other render tests: 15-pixel names need room to be read at all.
OffscreenRenderer& renderer() {
    static auto r = OffscreenRenderer::create(960, 540);
    if (!r)
        throw std::runtime_error(r.firstError());
    return *r.value();
}

osg::ref_ptr<osg::Image> renderView(const std::string& name) {
    const Province& p = province();
    const Viewpoint* vp = p.data.description.findViewpoint(name);
    if (!vp)
        throw std::runtime_error("no viewpoint " + name);
    const auto e = p.data.resolveEye(*vp), t = p.data.resolveTarget(*vp);
    auto image =
        renderer().render(p.graph.get(), {e[0], e[1], e[2]}, {t[0], t[1], t[2]}, vp->fovDeg);
    if (!image)
        throw std::runtime_error(image.firstError());
    return image.value();
}

const osg::Group* child(const osg::Group& parent, const std::string& name) {
    for (unsigned i = 0; i < parent.getNumChildren(); ++i)
        if (parent.getChild(i)->getName() == name)
            return parent.getChild(i)->asGroup();
    return nullptr;
}

/// Pixels within tolerance of one of the batch colours: the markers' heads.
int markerPixels(const osg::Image& image) {
    int n = 0;
    for (int y = 0; y < image.t(); ++y) {
        for (int x = 0; x < image.s(); ++x) {
            const unsigned char* p = image.data(x, y);
            for (int batch = 1; batch <= 6; ++batch) {
                const osg::Vec4 c = batchColor(batch) * 255.0f;
                if (std::abs(p[0] - c.r()) < 20 && std::abs(p[1] - c.g()) < 20 &&
                    std::abs(p[2] - c.b()) < 20) {
                    ++n;
                    break;
                }
            }
        }
    }
    return n;
}

/// Pixels where two frames differ by more than 40 in any channel.
int changedPixels(const osg::Image& a, const osg::Image& b) {
    int n = 0;
    for (int y = 0; y < a.t(); ++y)
        for (int x = 0; x < a.s(); ++x) {
            const unsigned char *p = a.data(x, y), *q = b.data(x, y);
            n += std::abs(p[0] - q[0]) > 40 || std::abs(p[1] - q[1]) > 40 ||
                 std::abs(p[2] - q[2]) > 40;
        }
    return n;
}

// As the terrain goldens (TerrainRenderTest.cpp): llvmpipe is bit-exact on one Mesa version;
// 24/255 per channel absorbs rounding across versions, 2 % of pixels lets glyph and marker
// edges move by about a pixel, and a mean of 3 catches a lost layer, a moved marker or a
// changed label choice.
const test::GoldenThresholds kProvinceThresholds{24, 0.02, 3.0};

}  // namespace

TEST(ProvinceScene, EveryGuangdongVillageHasANamedMarker) {
    const Province& p = province();
    ASSERT_EQ(p.data.villages.size(), 292u);
    const osg::Group* villages = child(*p.graph, "villages");
    ASSERT_NE(villages, nullptr);
    const osg::Group* markers = child(*villages, "village-markers");
    const osg::Group* labels = child(*villages, "village-labels");
    ASSERT_NE(markers, nullptr);
    ASSERT_NE(labels, nullptr);
    // The DEM covers the province, so no village is left off the terrain.
    EXPECT_EQ(markers->getNumChildren(), 292u);
    EXPECT_EQ(labels->getNumChildren(), 292u);
    std::set<std::string> names;
    for (unsigned i = 0; i < markers->getNumChildren(); ++i)
        names.insert(markers->getChild(i)->getName());
    std::set<std::string> ids;
    for (const auto& v : p.data.villages)
        ids.insert("village:" + v.record.id);
    EXPECT_EQ(names, ids);
}

TEST(ProvinceRender, ProvinceViewMatchesGolden) {
    auto image = renderView("province");
    std::cerr << "GL renderer: " << renderer().glRenderer() << "\n";
    const auto cmp = test::compareWithGolden(*image, "province_guangdong", kProvinceThresholds);
    EXPECT_TRUE(cmp.passed) << cmp.message;
}

TEST(ProvinceRender, MeizhouViewMatchesGolden) {
    auto image = renderView("meizhou");
    const auto cmp = test::compareWithGolden(*image, "province_meizhou", kProvinceThresholds);
    EXPECT_TRUE(cmp.passed) << cmp.message;
}

TEST(ProvinceRender, MarkersStayVisibleFromAcrossTheProvince) {
    // From 800 km up the 292 heads must still cover pixels of their own colours: markers
    // scaled with the world would be sub-pixel here.
    auto image = renderView("province");
    EXPECT_GT(markerPixels(*image), 292 * 20);
}

TEST(ProvinceRender, NamesAreShownButDecluttered) {
    // What the names add to the Meizhou view: enough to read a few dozen, far less than 78
    // overlapping names would pile up (one name covers about 400 pixels here).
    const Province& p = province();
    const Viewpoint& vp = *p.data.description.findViewpoint("meizhou");
    const auto e = p.data.resolveEye(vp), t = p.data.resolveTarget(vp);
    auto frame = [&](bool names) {
        osg::ref_ptr<osg::Group> graph = buildSceneGraph(p.data);
        auto* villages = const_cast<osg::Group*>(child(*graph, "villages"));
        const_cast<osg::Group*>(child(*villages, "village-labels"))->setNodeMask(names ? ~0u : 0u);
        return renderer()
            .render(graph.get(), {e[0], e[1], e[2]}, {t[0], t[1], t[2]}, vp.fovDeg)
            .value();
    };
    const int namePixels = changedPixels(*frame(true), *frame(false));
    EXPECT_GT(namePixels, 20 * 150) << "too few names drawn";
    EXPECT_LT(namePixels, 60 * 400) << "names piled on each other";
    std::cerr << "pixels changed by the names: " << namePixels << "\n";
}
