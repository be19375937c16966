// Generated greenery (issue 9): planned around the demo's villages (grove behind, fields in
// front, nothing on buildings, ponds or registered trees, the same every run), drawn instanced
// where it was planned, thinned by the low preset, and never in the way of picking.

#include <cunjing/scene/Greenery.h>
#include <cunjing/scene/Look.h>
#include <cunjing/scene/Offscreen.h>
#include <cunjing/scene/SceneData.h>
#include <cunjing/scene/SceneGraph.h>
#include <cunjing/scene/Shaders.h>

#include <osg/Geode>
#include <osg/Geometry>
#include <osg/NodeVisitor>
#include <osgUtil/IntersectionVisitor>
#include <osgUtil/LineSegmentIntersector>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using namespace cunjing;
using namespace cunjing::scene;

namespace {

const SceneData& demo() {
    static const SceneData data = [] {
        auto desc = loadSceneFile("assets/demo/demo.json");
        if (!desc)
            throw std::runtime_error(desc.firstError());
        auto loaded = loadScene(desc.value());
        if (!loaded)
            throw std::runtime_error(loaded.firstError());
        return std::move(loaded.value());
    }();
    return data;
}

bool inside(const std::vector<architecture::Point2>& ring, double x, double y) {
    bool in = false;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const auto &a = ring[i], &b = ring[j];
        if ((a.y > y) != (b.y > y) && x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x)
            in = !in;
    }
    return in;
}

/// The extent of a group's footprints.
geo::Bounds groupBounds(const SceneData& data, const std::string& group) {
    geo::Bounds b;
    for (const PlacedBuilding& p : data.placed) {
        if (p.group == group)
            for (const auto& q : p.footprint.outline)
                b.expand({float(q.x), float(q.y), 0});
    }
    return b;
}

std::string combGroup(const SceneData& data) {
    for (const BuildingDescription& b : data.description.buildings)
        if (b.layout == "comb")
            return b.id;
    return {};
}

bool isGroveTree(heritage::TreeSpecies s) {
    using heritage::TreeSpecies;
    return s == TreeSpecies::Camphor || s == TreeSpecies::Banyan || s == TreeSpecies::Broadleaf ||
           s == TreeSpecies::Kapok;
}

}  // namespace

TEST(Greenery, IsPlannedAroundEachVillageButNotTheMarketStreet) {
    const Greenery g = planGreenery(demo());
    EXPECT_EQ(g.villages.size(), 3u);  // comb, 围龙屋, 驷马拖车; the street is a town's
    for (const std::string& v : g.villages)
        EXPECT_EQ(v.find("street"), std::string::npos) << v;
    EXPECT_GT(g.plants.size(), 200u);
    EXPECT_GT(g.plots.size(), 20u);
    using heritage::TreeSpecies;
    for (TreeSpecies s : {TreeSpecies::Camphor, TreeSpecies::Bamboo, TreeSpecies::Banana,
                          TreeSpecies::Shrub, TreeSpecies::Lychee}) {
        const bool lycheeOrLongan = s == TreeSpecies::Lychee;
        const auto n = std::count_if(g.plants.begin(), g.plants.end(), [&](const Plant& p) {
            return p.species == s || (lycheeOrLongan && p.species == TreeSpecies::Longan);
        });
        EXPECT_GT(n, 5) << heritage::speciesId(s);
    }
    const bool anyVegetables = std::any_of(g.plots.begin(), g.plots.end(), [](const FieldPlot& p) {
        return p.kind == PlotKind::Vegetables;
    });
    EXPECT_TRUE(anyVegetables);
}

TEST(Greenery, GroveStandsBehindTheCombVillageAndFieldsLieInFront) {
    const SceneData& data = demo();
    const Greenery g = planGreenery(data);
    // The comb village faces south (its "facing": 180): behind is north.
    const geo::Bounds v = groupBounds(data, combGroup(data));
    ASSERT_TRUE(v.valid());
    int behind = 0, inFrontOrBeside = 0;
    for (const Plant& p : g.plants) {
        if (!isGroveTree(p.species) || p.x < v.min.x - 30 || p.x > v.max.x + 30 ||
            std::abs(p.y - 0.5 * (v.min.y + v.max.y)) > 120)
            continue;
        (p.y > v.max.y ? behind : inFrontOrBeside) += 1;
    }
    EXPECT_GT(behind, 25);
    EXPECT_GT(behind, 3 * inFrontOrBeside);
    int fieldsInFront = 0;
    for (const FieldPlot& plot : g.plots) {
        double cx = 0, cy = 0;
        for (const auto& c : plot.corners)
            cx += 0.25 * c[0], cy += 0.25 * c[1];
        if (cx > v.min.x - 40 && cx < v.max.x + 40 && cy < v.min.y && cy > v.min.y - 160)
            ++fieldsInFront;
    }
    EXPECT_GT(fieldsInFront, 8);
}

TEST(Greenery, NothingGrowsInHousesPondsOrRegisteredTreeCrowns) {
    const SceneData& data = demo();
    const Greenery g = planGreenery(data);
    for (const Plant& p : g.plants) {
        for (const PlacedBuilding& b : data.placed)
            ASSERT_FALSE(inside(b.footprint.outline, p.x, p.y)) << b.sceneId;
        for (const auto& t : data.trees)
            ASSERT_GT(std::hypot(p.x - t.x, p.y - t.y), 0.5 * t.crownM) << t.id;
        // Not under water: the demo's low ground (water_level) and its ponds.
        ASSERT_GT(data.groundHeight(p.x, p.y), data.description.terrain->waterLevel);
    }
    // Not on the buildings' mesh either (forecourts, ponds): no plot corner or plant lies in
    // a triangle of it, seen from above.
    const auto& m = data.buildings;
    auto onMesh = [&](double x, double y) {
        for (std::size_t i = 0; i + 2 < m.indices.size(); i += 3) {
            const auto &a = m.positions[m.indices[i]], &b = m.positions[m.indices[i + 1]],
                       &c = m.positions[m.indices[i + 2]];
            const double d1 = (x - b.x) * (a.y - b.y) - (a.x - b.x) * (y - b.y);
            const double d2 = (x - c.x) * (b.y - c.y) - (b.x - c.x) * (y - c.y);
            const double d3 = (x - a.x) * (c.y - a.y) - (c.x - a.x) * (y - a.y);
            const bool neg = d1 < 0 || d2 < 0 || d3<0, pos = d1> 0 || d2 > 0 || d3 > 0;
            if (!(neg && pos))
                return true;
        }
        return false;
    };
    for (const FieldPlot& plot : g.plots)
        for (const auto& c : plot.corners)
            EXPECT_FALSE(onMesh(c[0], c[1]));
    for (std::size_t i = 0; i < g.plants.size(); i += 7)
        EXPECT_FALSE(onMesh(g.plants[i].x, g.plants[i].y));
}

TEST(Greenery, IsTheSameEveryRunAndFollowsTheDensity) {
    const SceneData& data = demo();
    const Greenery a = planGreenery(data), b = planGreenery(data);
    ASSERT_EQ(a.plants.size(), b.plants.size());
    for (std::size_t i = 0; i < a.plants.size(); ++i) {
        EXPECT_EQ(a.plants[i].x, b.plants[i].x);
        EXPECT_EQ(a.plants[i].seed, b.plants[i].seed);
    }
    GreeneryParams none;
    none.density = 0;
    EXPECT_TRUE(planGreenery(data, none).plants.empty());
    GreeneryParams dense;
    dense.density = 2;
    EXPECT_GT(planGreenery(data, dense).plants.size(), a.plants.size() * 5 / 4);
}

namespace {

struct InstancedDraws : osg::NodeVisitor {
    InstancedDraws() : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN) { setNodeMaskOverride(~0u); }
    void apply(osg::Drawable& d) override {
        const osg::Geometry* g = d.asGeometry();
        if (!g || !g->getStateSet() || !g->getStateSet()->getDefinePair(kInstancedDefine))
            return;
        ++drawables;
        if (d.getNodeMask() == 0)
            return;
        for (unsigned i = 0; i < g->getNumPrimitiveSets(); ++i)
            drawn += unsigned(g->getPrimitiveSet(i)->getNumInstances());
    }
    unsigned drawables = 0, drawn = 0;
};

}  // namespace

TEST(GreeneryRender, PlantsAreInstancedPerTileAndThinnedByTheLowPreset) {
    const SceneData& data = demo();
    const Greenery g = planGreenery(data);
    osg::ref_ptr<osg::Group> layer = greeneryLayer(data, g);
    InstancedDraws all;
    layer->accept(all);
    // Three details (full, simple, far blob) per tile and template: fewer draws than plants
    // would need at any one distance.
    EXPECT_LT(all.drawables, 3 * g.plants.size() / 2);
    EXPECT_EQ(all.drawn, 3 * g.plants.size()) << "every plant once in each detail";
    // The naive layer: a node a plant, no instancing.
    osg::ref_ptr<osg::Group> naive = greeneryLayer(data, g, true);
    InstancedDraws none;
    naive->accept(none);
    EXPECT_EQ(none.drawables, 0u);
    setGreeneryShare(*layer, presetFor(Quality::Low).greenery);
    InstancedDraws low;
    layer->accept(low);
    EXPECT_LT(low.drawn, all.drawn * 6 / 10);
    EXPECT_GT(low.drawn, all.drawn * 4 / 10);
}

TEST(GreeneryRender, PlantsAreDrawnWherePlannedAndNeverPicked) {
    const SceneData& data = demo();
    const Greenery g = planGreenery(data);
    osg::ref_ptr<osg::Group> graph = buildSceneGraph(data);
    Look look;
    look.quality = Quality::Medium;
    look.shadows = false;
    applyLook(*graph, look);
    osg::Node* greenery = nullptr;
    for (unsigned i = 0; i < graph->getNumChildren(); ++i)
        if (graph->getChild(i)->getName() == "greenery")
            greenery = graph->getChild(i);
    ASSERT_NE(greenery, nullptr);

    auto renderer = OffscreenRenderer::create(320, 240);
    ASSERT_TRUE(renderer) << renderer.firstError();
    // Look down at a few grove trees from 40 m off: each covers the image's centre with its
    // greenery drawn and not without (so instances are placed, not all at the origin).
    int checked = 0, hits = 0;
    for (std::size_t i = 0; i < g.plants.size() && checked < 6; i += 17) {
        const Plant& p = g.plants[i];
        if (!isGroveTree(p.species) || p.heightM < 10)
            continue;
        ++checked;
        const double z = data.groundHeight(p.x, p.y);
        const osg::Vec3d target(p.x, p.y, z + 0.7 * p.heightM);
        const osg::Vec3d eye = target + osg::Vec3d(-25, -25, 20);
        greenery->setNodeMask(~0u);
        auto with = renderer.value()->render(graph.get(), eye, target, 30);
        greenery->setNodeMask(0);
        auto without = renderer.value()->render(graph.get(), eye, target, 30);
        ASSERT_TRUE(with && without);
        const unsigned char* a = with.value()->data(160, 120);
        const unsigned char* b = without.value()->data(160, 120);
        const int diff = std::abs(a[0] - b[0]) + std::abs(a[1] - b[1]) + std::abs(a[2] - b[2]);
        // Foliage: green over red and blue.
        if (diff > 30 && a[1] > a[2] && a[1] >= a[0])
            ++hits;
    }
    greenery->setNodeMask(~0u);
    EXPECT_EQ(checked, 6);
    EXPECT_GE(hits, 5);

    // A ray down through a plant's crown hits the ground below it, not a template left at the
    // origin or the plant itself: greenery is no record.
    const Plant& p = *std::find_if(g.plants.begin(), g.plants.end(),
                                   [](const Plant& q) { return isGroveTree(q.species); });
    osg::ref_ptr<osgUtil::LineSegmentIntersector> ray =
        new osgUtil::LineSegmentIntersector(osg::Vec3d(p.x, p.y, 500), osg::Vec3d(p.x, p.y, -500));
    osgUtil::IntersectionVisitor visitor(ray.get());
    greenery->accept(visitor);
    for (const auto& hit : ray->getIntersections())
        for (const osg::Node* n : hit.nodePath)
            EXPECT_NE(n->getName(), "plants") << "hit at " << hit.getWorldIntersectPoint().z();
    osg::ref_ptr<osgUtil::LineSegmentIntersector> atOrigin =
        new osgUtil::LineSegmentIntersector(osg::Vec3d(0.5, 0.5, 500), osg::Vec3d(0.5, 0.5, -500));
    osgUtil::IntersectionVisitor originVisitor(atOrigin.get());
    greenery->accept(originVisitor);
    for (const auto& hit : atOrigin->getIntersections())
        for (const osg::Node* n : hit.nodePath)
            EXPECT_NE(n->getName(), "plants");
}
