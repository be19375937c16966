// An oblique-photography (倾斜摄影) OSGB tile set, made by the test, drawn in place on a flat
// scene: the layer is paged in through the viewer's database pager (root tiles, then each
// root's fine level), its marker post stands at SRSOrigin, and the frame matches a golden.

#include <cunjing/geo/Crs.h>
#include <cunjing/scene/ObliqueLayer.h>
#include <cunjing/scene/Offscreen.h>
#include <cunjing/scene/SceneData.h>
#include <cunjing/scene/SceneGraph.h>

#include "GoldenImage.h"
#include "ObliqueFixture.h"
#include "TestPaths.h"

#include <gtest/gtest.h>

#include <osg/MatrixTransform>
#include <osg/NodeVisitor>
#include <osg/PagedLOD>

#include <unistd.h>

#include <chrono>
#include <iostream>
#include <thread>

using namespace cunjing;
using namespace cunjing::scene;
namespace fs = std::filesystem;

namespace {

// The flat test ground (TestPaths.h: 8 m high around 400000, 2500000 in EPSG:4547), with the
// scene's local (0, 0) put there; the tile set's SRSOrigin 30.5 m east, 20.25 m north, on it.
constexpr double kOriginX = 400000, kOriginY = 2500000;
const std::array<double, 3> kSrsOrigin{400030.5, 2500020.25, 8.0};
const osg::Vec3d kEye(-10, -120, 95), kTarget(30.5, 20.25, 8);
constexpr double kFov = 45;
constexpr int kWidth = 640, kHeight = 480;

struct ObliqueScene {
    SceneData data;
    ObliqueTileSet tiles;
    test::ObliqueFixture fixture;
    osg::ref_ptr<osg::Group> graph;
    osg::ref_ptr<osg::MatrixTransform> layer;
};

ObliqueScene& obliqueScene() {
    static ObliqueScene s = [] {
        ObliqueScene out;
        const fs::path dir = test::outputDir("render") / ("oblique-" + std::to_string(::getpid()));
        out.fixture = test::writeObliqueFixture(dir / "tiles", {"EPSG:4547", kSrsOrigin, 60});
        const std::string text = R"({"version": 1, "crs": "EPSG:4547", "origin": [400000, 2500000],
            "terrain": {"dem": ")" +
                                 fs::absolute(test::flatDem("render")).string() +
                                 R"(", "crs": "EPSG:4547"}, "oblique": [{"path": "tiles"}]})";
        auto description = parseSceneText(text, dir / "scene.json");
        if (!description)
            throw std::runtime_error(description.firstError());
        auto data = loadScene(description.value());
        if (!data)
            throw std::runtime_error(data.firstError());
        out.data = std::move(data.value());
        // What SceneData/SceneGraph will do for each "oblique" entry of a scene.
        auto tiles =
            openObliqueTileSet(out.data.description.oblique.at(0), out.data.description.crs,
                               out.data.originX, out.data.originY);
        if (!tiles)
            throw std::runtime_error(tiles.firstError());
        out.tiles = tiles.value();
        out.graph = buildSceneGraph(out.data);
        out.layer = obliqueNode(out.tiles);
        out.graph->addChild(out.layer);
        return out;
    }();
    return s;
}

OffscreenRenderer& renderer() {
    static auto r = OffscreenRenderer::create(kWidth, kHeight);
    if (!r)
        throw std::runtime_error(r.firstError());
    return *r.value();
}

/// PagedLODs under `node` whose every level is loaded, and all of them.
std::pair<int, int> pagedLevels(osg::Node& node) {
    struct Counter : osg::NodeVisitor {
        Counter() : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN) {}
        void apply(osg::PagedLOD& lod) override {
            ++all;
            loaded += lod.getNumChildren() == lod.getNumFileNames();
            traverse(lod);
        }
        int loaded = 0, all = 0;
    } counter;
    node.accept(counter);
    return {counter.loaded, counter.all};
}

osg::ref_ptr<osg::Image> renderOnce(osg::Node* graph) {
    auto image = renderer().render(graph, kEye, kTarget, kFov);
    if (!image)
        throw std::runtime_error(image.firstError());
    return image.value();
}

/// The offscreen renderer draws one frame per call, and paged files arrive over frames:
/// each frame's cull asks osgViewer's DatabasePager for the levels in view, its threads read
/// them, and the next frame's update merges them. So frames are drawn (with a short wait)
/// until the two roots and both fine levels (four PagedLODs, all levels) are in, for at most
/// 20 s; then one more frame is the picture.
osg::ref_ptr<osg::Image> renderPagedIn(osg::Node* graph, osg::Node& layer) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    int frames = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        renderOnce(graph);
        ++frames;
        const auto [loaded, all] = pagedLevels(layer);
        if (all == 4 && loaded == all)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    std::cerr << "paged in after " << frames << " frames\n";
    return renderOnce(graph);
}

/// Where a local point lands in the image (pixels, y up as read back).
osg::Vec2d toPixel(const osg::Vec3d& local) {
    const osg::Matrixd view = osg::Matrixd::lookAt(kEye, kTarget, {0, 0, 1});
    const osg::Matrixd projection =
        osg::Matrixd::perspective(kFov, double(kWidth) / kHeight, 1.0, 1.0e5);
    const osg::Vec3d ndc = local * view * projection;
    return {(ndc.x() + 1) / 2 * kWidth, (ndc.y() + 1) / 2 * kHeight};
}

std::array<int, 3> pixel(const osg::Image& image, const osg::Vec2d& at) {
    const unsigned char* p = image.data(int(at.x()), int(at.y()));
    return {p[0], p[1], p[2]};
}

/// The marker post's red (220, 20, 20), unlit, a tenth hazed; not the terracotta checks.
bool postRed(const std::array<int, 3>& c) {
    return c[0] > 180 && c[1] < 70 && c[2] < 70;
}

// As the other scene goldens (SceneRenderTest.cpp): 24/255 ignores shader rounding, 2 % of
// pixels lets edges move by a pixel between Mesa versions; a tile in the wrong place, a fine
// level not paged in (plain colour instead of checks) or lit instead of unlit moves far more.
const test::GoldenThresholds kThresholds{24, 0.02, 3.0};

}  // namespace

TEST(ObliqueRender, TilesPageInAndStandAtSrsOrigin) {
    ObliqueScene& s = obliqueScene();
    osg::ref_ptr<osg::Image> image = renderPagedIn(s.graph.get(), *s.layer);
    const auto [loaded, all] = pagedLevels(*s.layer);
    ASSERT_EQ(all, 4) << "two roots paged in, each with its own PagedLOD";
    ASSERT_EQ(loaded, 4) << "every fine level paged in by the database pager";

    // The red marker post stands on tile (0, 0, 0), that is SRSOrigin: 30.5 m east and
    // 20.25 m north of the scene's origin, 8 m up.
    const osg::Vec3d origin(kSrsOrigin[0] - kOriginX, kSrsOrigin[1] - kOriginY, kSrsOrigin[2]);
    EXPECT_TRUE(postRed(pixel(*image, toPixel(origin + osg::Vec3d(0, 0, 10)))));
    EXPECT_FALSE(postRed(pixel(*image, toPixel(origin + osg::Vec3d(-5, 0, 10)))));
    // The two tiles' ground south of the houses: terracotta west of the post, green east
    // (either check colour).
    const auto west = pixel(*image, toPixel(origin + osg::Vec3d(-20, -15, 0.5)));
    const auto east = pixel(*image, toPixel(origin + osg::Vec3d(20, -15, 0.5)));
    EXPECT_GT(west[0], west[1] + 40) << "terracotta tile 0";
    EXPECT_GT(east[1], east[0] + 30) << "green tile 1";

    const fs::path png = test::outputDir("render") / "oblique_flat.png";
    ASSERT_TRUE(writePngAtomically(*image, png).ok());
    const auto cmp = test::compareWithGolden(*image, "oblique_flat", kThresholds);
    EXPECT_TRUE(cmp.passed) << cmp.message;
}

TEST(ObliqueRender, EnuTileSetStandsAtItsLatLon) {
    // The same mesh exported in ENU at SRSOrigin's latitude and longitude (8 m up): the post
    // stands on the same spot, the tiles turned by the grid convergence (-0.4 degrees here).
    ObliqueScene& s = obliqueScene();
    auto working = geo::Crs::fromUserString("EPSG:4547");
    auto wgs84 = geo::Crs::fromUserString("EPSG:4326");
    ASSERT_TRUE(working.ok() && wgs84.ok());
    auto toLonLat = geo::Transform::create(working.value(), wgs84.value());
    ASSERT_TRUE(toLonLat.ok()) << toLonLat.firstError();
    double lon = kSrsOrigin[0], lat = kSrsOrigin[1];
    ASSERT_TRUE(toLonLat->apply(lon, lat));
    const fs::path dir = s.fixture.folder.parent_path() / "enu";
    const auto fixture = test::writeObliqueFixture(dir, {test::enuSrs(lat, lon), {0, 0, 8}, 60});
    ObliqueDescription description;
    description.path = fixture.folder;
    auto tiles = openObliqueTileSet(description, "EPSG:4547", kOriginX, kOriginY);
    ASSERT_TRUE(tiles.ok()) << tiles.firstError();
    osg::ref_ptr<osg::Group> graph = buildSceneGraph(s.data);
    osg::ref_ptr<osg::MatrixTransform> layer = obliqueNode(tiles.value());
    graph->addChild(layer);

    osg::ref_ptr<osg::Image> image = renderPagedIn(graph.get(), *layer);
    EXPECT_EQ(pagedLevels(*layer), std::make_pair(4, 4));
    const osg::Vec3d origin(kSrsOrigin[0] - kOriginX, kSrsOrigin[1] - kOriginY, kSrsOrigin[2]);
    EXPECT_TRUE(postRed(pixel(*image, toPixel(origin + osg::Vec3d(0, 0, 10)))));
    EXPECT_FALSE(postRed(pixel(*image, toPixel(origin + osg::Vec3d(-5, 0, 10)))))
        << "only the post is red, not what is around it";
    EXPECT_TRUE(writePngAtomically(*image, test::outputDir("render") / "oblique_enu.png").ok());
}
