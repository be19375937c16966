// Buildings batched by tile with LOD: what each level keeps of the buildings, how many draw calls
// a tile costs, that a pick on any level still names its building, and that a paged scene
// makes its buildings again, tile by tile, as the resident scene has them.
#include <cunjing/scene/BuildingBatches.h>
#include <cunjing/scene/SceneData.h>
#include <cunjing/scene/SceneGraph.h>
#include <cunjing/scene/Shaders.h>

#include "DemoScene.h"

#include <gtest/gtest.h>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/LOD>
#include <osg/NodeVisitor>
#include <osg/PagedLOD>
#include <osgDB/Callbacks>
#include <osgDB/Options>
#include <osgUtil/IntersectionVisitor>
#include <osgUtil/LineSegmentIntersector>

#include <cmath>
#include <map>
#include <set>

using namespace cunjing;
using namespace cunjing::scene;

namespace {

class DemoBuildings : public test::DemoScene {};

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
    const auto hit = test::hitFromAbove(node, x, y, eye);
    if (!hit || hit->indexList.empty())
        return std::nullopt;
    return partAt(hit->drawable.get(), hit->indexList.front());
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

/// Whether the drawable is drawn with lit.frag's shine (kGlossyDefine on its state set).
bool glossy(const osg::Geometry& g) {
    const osg::StateSet* ss = g.getStateSet();
    return ss && ss->getDefinePair(kGlossyDefine) != nullptr;
}

/// The geodes under a node: a building level each.
std::vector<const osg::Geode*> geodesUnder(osg::Node& node) {
    struct Collect : osg::NodeVisitor {
        Collect() : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN) {}
        void apply(osg::Geode& geode) override { found.push_back(&geode); }
        std::vector<const osg::Geode*> found;
    } collect;
    node.accept(collect);
    return collect.found;
}

TEST_F(DemoBuildings, TilesCostOneDrawCallALevelTwoWhereFacesShine) {
    BuildingLodOptions options;
    osg::ref_ptr<osg::Node> batched = batchedBuildings(data_->buildings, options);
    osg::ref_ptr<osg::Node> naive = naiveBuildings(data_->buildings);
    const auto levels = geometriesUnder(*batched);
    const auto perBuilding = geometriesUnder(*naive);
    // The naive graph: one drawable a building (and one for the ground areas).
    EXPECT_GE(perBuilding.size(), std::size_t(data_->buildingCount));
    // The batched one: four levels a tile at most, far fewer drawables than buildings.
    EXPECT_LT(geodesUnder(*batched).size() * 2, perBuilding.size());
    // A level is one drawable of matte faces, and one of the faces that shine (water's tops and
    // kerbs, glaze) where it has any: only those pay for lit.frag's shine.
    int shining = 0;
    for (const osg::Geode* level : geodesUnder(*batched)) {
        ASSERT_GE(level->getNumDrawables(), 1u);
        ASSERT_LE(level->getNumDrawables(), 2u);
        for (unsigned i = 0; i < level->getNumDrawables(); ++i) {
            const osg::Geometry* g = level->getDrawable(i)->asGeometry();
            ASSERT_TRUE(g);
            const auto* surfaces =
                dynamic_cast<const osg::FloatArray*>(g->getVertexAttribArray(kSurfaceAttribute));
            ASSERT_TRUE(surfaces);
            const bool shines = glossy(*g);
            if (level->getNumDrawables() == 2) {  // a level of ponds alone: one, glossy
                EXPECT_EQ(shines, i == 1);
            }
            for (float s : *surfaces) {
                const bool water = s == float(geo::Surface::Water);
                const bool glaze = s == float(geo::Surface::Ceramic);
                if (shines)
                    EXPECT_TRUE(water || glaze) << "surface " << s;
                else
                    EXPECT_FALSE(water || glaze) << "surface " << s;
            }
        }
        shining += glossy(*level->getDrawable(level->getNumDrawables() - 1)->asGeometry()) ? 1 : 0;
    }
    // The demo has ponds and 嵌瓷 ridges: some levels shine.
    EXPECT_GT(shining, 0);
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

namespace {

/// The demo loaded as a county-sized scene would be: every building paged.
SceneData loadPaged() {
    auto desc = loadSceneFile("assets/demo/demo.json");
    EXPECT_TRUE(desc.ok()) << desc.firstError();
    SceneDescription d = desc.value();
    d.pageBuildingsAbove = 0;
    d.plans.clear();  // a scene with a town plan keeps its buildings whole
    auto loaded = loadScene(d);
    EXPECT_TRUE(loaded.ok()) << loaded.firstError();
    return std::move(loaded.value());
}

/// The near level the pager would make for each building tile under `node`, made here through
/// the tile's own database options (the pager's thread calls the same).
std::vector<osg::ref_ptr<osg::Node>> pagedNearLevels(osg::Node& node) {
    struct Find : osg::NodeVisitor {
        Find() : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN) {}
        void apply(osg::PagedLOD& lod) override {
            if (lod.getName() == "building-tile")
                found.push_back(&lod);
            traverse(lod);
        }
        std::vector<osg::PagedLOD*> found;
    } find;
    node.accept(find);
    std::vector<osg::ref_ptr<osg::Node>> made;
    for (osg::PagedLOD* lod : find.found) {
        EXPECT_EQ(lod->getNumChildren(), 1u) << "only the coarse massing stays in memory";
        EXPECT_EQ(lod->getNumFileNames(), 2u);
        const auto* options = dynamic_cast<const osgDB::Options*>(lod->getDatabaseOptions());
        if (!options || !options->getReadFileCallback()) {
            ADD_FAILURE() << "a paged tile without its maker";
            continue;
        }
        auto result = options->getReadFileCallback()->readNode(lod->getFileName(1), options);
        EXPECT_TRUE(result.validNode()) << lod->getFileName(1);
        if (result.validNode())
            made.push_back(result.getNode());
    }
    return made;
}

}  // namespace

TEST_F(DemoBuildings, PagedSceneMakesEveryBuildingAgainOnDemand) {
    const SceneData paged = loadPaged();
    ASSERT_TRUE(paged.pagedBuildings);
    // The same buildings, records and all; their meshes are not kept.
    ASSERT_EQ(paged.buildingCount, data_->buildingCount);
    for (std::size_t i = 0; i < paged.placed.size(); ++i) {
        EXPECT_EQ(paged.placed[i].sceneId, data_->placed[i].sceneId);
        EXPECT_DOUBLE_EQ(paged.placed[i].base, data_->placed[i].base);
    }
    for (std::uint32_t part : paged.buildings.partIds)
        ASSERT_GE(part, std::uint32_t(paged.buildingCount)) << "a building's mesh kept whole";
    std::size_t ids = 0;
    for (const auto& [key, tile] : paged.pagedBuildings->tiles)
        ids += tile.ids.size();
    EXPECT_EQ(ids, std::size_t(paged.buildingCount));

    // Made again on demand, the tiles hold exactly the resident scene's building triangles.
    osg::ref_ptr<osg::Node> node = sceneBuildingsNode(paged);
    const auto near = pagedNearLevels(*node);
    ASSERT_EQ(near.size(), paged.pagedBuildings->tiles.size());
    std::size_t pagedFull = 0;
    for (const auto& n : near) {
        auto* lod = dynamic_cast<osg::LOD*>(n.get());
        ASSERT_TRUE(lod);
        ASSERT_EQ(lod->getNumChildren(), 2u) << "full detail and the fine massing";
        for (const osg::Geometry* g : geometriesUnder(*lod->getChild(0)))
            pagedFull += trianglesOf(*g);
    }
    std::size_t residentFull = 0;
    const geo::Mesh& m = data_->buildings;
    for (std::size_t t = 0; t < m.indices.size(); t += 3)
        residentFull += m.partIds[m.indices[t]] < std::uint32_t(data_->buildingCount);
    EXPECT_EQ(pagedFull, residentFull);

    // A pick on a made tile names its house.
    int named = 0;
    for (const PlacedBuilding& b : paged.placed) {
        double x = 0, y = 0;
        for (const auto& p : b.footprint.outline)
            x += p.x / double(b.footprint.outline.size()),
                y += p.y / double(b.footprint.outline.size());
        for (const auto& n : near) {
            const auto part = pickFromAbove(*n, x, y, osg::Vec3d(x, y - 20, 10));
            if (part && *part == b.id)
                ++named;
            else if (part && *part < paged.placed.size())
                ADD_FAILURE() << b.sceneId << " picked " << paged.placed[*part].sceneId;
        }
    }
    EXPECT_GT(named, paged.buildingCount / 2);
}
