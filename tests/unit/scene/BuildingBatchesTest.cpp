// Buildings batched by tile with LOD: what each level keeps of the buildings, how many draw calls
// a tile costs, and that a pick on any level still names its building.
#include <cunjing/scene/BuildingBatches.h>
#include <cunjing/scene/SceneData.h>
#include <cunjing/scene/SceneGraph.h>

#include <gtest/gtest.h>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/LOD>
#include <osg/NodeVisitor>
#include <osgUtil/IntersectionVisitor>
#include <osgUtil/LineSegmentIntersector>

#include <cmath>
#include <map>
#include <set>

using namespace cunjing;
using namespace cunjing::scene;

namespace {

class DemoBuildings : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        auto desc = loadSceneFile("assets/demo/demo.json");
        ASSERT_TRUE(desc.ok()) << desc.firstError();
        auto loaded = loadScene(desc.value());
        ASSERT_TRUE(loaded.ok()) << loaded.firstError();
        data_ = new SceneData(std::move(loaded.value()));
    }
    static void TearDownTestSuite() {
        delete data_;
        data_ = nullptr;
    }
    static SceneData* data_;
};
SceneData* DemoBuildings::data_ = nullptr;

/// Every geometry under a node, LOD children included (a visitor that sees all children).
std::vector<const osg::Geometry*> geometriesUnder(osg::Node& node) {
    struct Collect : osg::NodeVisitor {
        Collect() : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN) {}
        void apply(osg::Drawable& d) override {
            if (const auto* g = d.asGeometry())
                found.push_back(g);
        }
        std::vector<const osg::Geometry*> found;
    } collect;
    node.accept(collect);
    return collect.found;
}

std::size_t trianglesOf(const osg::Geometry& g) {
    std::size_t n = 0;
    for (unsigned i = 0; i < g.getNumPrimitiveSets(); ++i)
        n += g.getPrimitiveSet(i)->getNumIndices() / 3;
    return n;
}

/// The building a vertical ray at (x, y) meets first, with LODs chosen as seen from `eye`.
std::optional<std::uint32_t> pickFromAbove(osg::Node& node, double x, double y,
                                           const osg::Vec3d& eye) {
    osg::ref_ptr<osgUtil::LineSegmentIntersector> ray =
        new osgUtil::LineSegmentIntersector(osg::Vec3d(x, y, 500), osg::Vec3d(x, y, -500));
    osgUtil::IntersectionVisitor visitor(ray.get());
    visitor.setLODSelectionMode(
        osgUtil::IntersectionVisitor::USE_EYE_POINT_FOR_LOD_LEVEL_SELECTION);
    visitor.setReferenceEyePoint(eye);
    node.accept(visitor);
    if (!ray->containsIntersections())
        return std::nullopt;
    const auto& hit = ray->getFirstIntersection();
    if (hit.indexList.empty())
        return std::nullopt;
    return partAt(hit.drawable.get(), hit.indexList.front());
}

}  // namespace

TEST_F(DemoBuildings, ClusteringKeepsBuildingsColoursAndShape) {
    const geo::Mesh& full = data_->buildings;
    const geo::Mesh massing = clusterMesh(full, 1.0);
    const geo::Mesh far = clusterMesh(full, 3.0);
    ASSERT_TRUE(massing.isValid());
    ASSERT_TRUE(far.isValid());
    // Fewer triangles at each level, but not so few that houses vanish.
    EXPECT_LT(massing.triangleCount(), full.triangleCount() * 6 / 10);
    EXPECT_LT(far.triangleCount(), massing.triangleCount() * 6 / 10);
    EXPECT_GT(far.triangleCount(), std::size_t(data_->buildingCount) * 8);
    // Every building is still there at both levels, and no triangle joins two of them.
    std::set<std::uint32_t> fullParts(full.partIds.begin(), full.partIds.end());
    for (const geo::Mesh* m : {&massing, &far}) {
        std::set<std::uint32_t> parts;
        for (std::size_t t = 0; t < m->indices.size(); t += 3) {
            const std::uint32_t p = m->partIds[m->indices[t]];
            EXPECT_EQ(m->partIds[m->indices[t + 1]], p);
            EXPECT_EQ(m->partIds[m->indices[t + 2]], p);
            parts.insert(p);
        }
        EXPECT_EQ(parts, fullParts);
    }
    // Colours are the buildings' own (a vertex keeps its colour, never a neighbour's blend).
    auto key = [](const geo::Rgba& c) {
        return std::lround(c.r * 255) << 16 | std::lround(c.g * 255) << 8 | std::lround(c.b * 255);
    };
    std::set<long> colours;
    for (const geo::Rgba& c : full.colors)
        colours.insert(key(c));
    for (const geo::Rgba& c : far.colors)
        EXPECT_TRUE(colours.count(key(c)));
    // The shape stays within a cell of the original.
    const geo::Bounds a = geo::boundsOf(full), b = geo::boundsOf(far);
    EXPECT_NEAR(a.min.x, b.min.x, 3.0);
    EXPECT_NEAR(a.max.z, b.max.z, 3.0);
    EXPECT_NEAR(a.max.y, b.max.y, 3.0);
}

TEST_F(DemoBuildings, TilesCostOneDrawCallALevel) {
    BuildingLodOptions options;
    osg::ref_ptr<osg::Node> batched = batchedBuildings(data_->buildings, options);
    osg::ref_ptr<osg::Node> naive = naiveBuildings(data_->buildings);
    const auto levels = geometriesUnder(*batched);
    const auto perBuilding = geometriesUnder(*naive);
    // The naive graph: one drawable a building (and one for the ground areas).
    EXPECT_GE(perBuilding.size(), std::size_t(data_->buildingCount));
    // The batched one: four levels a tile at most, far fewer drawables than buildings.
    EXPECT_LT(levels.size() * 2, perBuilding.size());
    std::size_t fullTriangles = 0;
    for (const osg::Geometry* g : levels) {
        EXPECT_EQ(g->getNumPrimitiveSets(), 1u);
        // Every vertex of every level knows its building.
        const auto* v = g->getVertexArray();
        ASSERT_TRUE(v);
        EXPECT_TRUE(partAt(g, v->getNumElements() - 1).has_value());
        EXPECT_FALSE(partAt(g, v->getNumElements()).has_value());
    }
    for (const osg::Geometry* g : perBuilding)
        fullTriangles += trianglesOf(*g);
    // Every LOD's bound holds all its levels' vertices (a building may reach past its tile's
    // square), or culling and picking would miss what sticks out.
    struct Lods : osg::NodeVisitor {
        Lods() : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN) {}
        void apply(osg::LOD& lod) override {
            found.push_back(&lod);
            traverse(lod);
        }
        std::vector<osg::LOD*> found;
    } lods;
    batched->accept(lods);
    ASSERT_FALSE(lods.found.empty());
    for (osg::LOD* lod : lods.found) {
        const osg::BoundingSphere sphere = lod->getBound();
        for (const osg::Geometry* g : geometriesUnder(*lod)) {
            const auto* v = dynamic_cast<const osg::Vec3Array*>(g->getVertexArray());
            ASSERT_TRUE(v);
            for (const osg::Vec3& p : *v)
                ASSERT_LE((p - sphere.center()).length(), sphere.radius() * 1.0001f);
        }
    }
    EXPECT_EQ(fullTriangles, data_->buildings.triangleCount());
}

TEST_F(DemoBuildings, PickingOnEveryLevelNamesTheBuilding) {
    osg::ref_ptr<osg::Node> batched = buildingsNode(data_->buildings);
    // A ray down through the middle of each house's outline, with the LODs as seen from near
    // (full detail), middle distance (massing) and far (the group's far massing).
    int checked = 0;
    for (const PlacedBuilding& b : data_->placed) {
        if (b.footprint.outline.size() < 3)
            continue;
        double x = 0, y = 0;
        for (const auto& p : b.footprint.outline)
            x += p.x, y += p.y;
        x /= double(b.footprint.outline.size());
        y /= double(b.footprint.outline.size());
        for (double distance : {20.0, 500.0, 3000.0}) {
            const osg::Vec3d eye(x, y - distance, distance * 0.5);
            const auto part = pickFromAbove(*batched, x, y, eye);
            // A courtyard house's middle may be its open court (the forecourt then).
            if (part && *part == b.id)
                ++checked;
            else if (part && *part < data_->placed.size())
                ADD_FAILURE() << b.sceneId << " at " << distance << " m picked "
                              << data_->placed[*part].sceneId;
        }
    }
    EXPECT_GT(checked, data_->buildingCount * 3 / 2);
}
