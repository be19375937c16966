// Register trees instanced by tile and template (issue 10): a handful of draw calls a tile
// and level instead of a node a tree, every level still pickable back to the tree's record,
// and the grade rings made by tile on demand.
#include <cunjing/heritage/TreeModels.h>
#include <cunjing/scene/SceneData.h>
#include <cunjing/scene/TreeLayer.h>

#include "DemoScene.h"

#include <gtest/gtest.h>
#include <osg/Geometry>
#include <osg/LOD>
#include <osg/NodeVisitor>
#include <osg/PagedLOD>
#include <osgDB/Callbacks>
#include <osgDB/Options>
#include <osgUtil/IntersectionVisitor>
#include <osgUtil/LineSegmentIntersector>

#include <cmath>
#include <set>

using namespace cunjing;
using namespace cunjing::scene;

namespace {

class DemoTrees : public test::DemoScene {};

/// The tree a vertical ray at (x, y) meets first, with LODs chosen as seen from `eye`.
std::optional<std::size_t> treeFromAbove(osg::Node& node, double x, double y,
                                         const osg::Vec3d& eye) {
    const auto hit = test::hitFromAbove(node, x, y, eye);
    return hit ? treeAt(hit->drawable.get(), hit->primitiveIndex) : std::nullopt;
}

struct Drawables : osg::NodeVisitor {
    Drawables() : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN) {}
    void apply(osg::Drawable& d) override { found.push_back(&d); }
    std::vector<osg::Drawable*> found;
};

}  // namespace

TEST_F(DemoTrees, EveryLevelOfATreeNamesItsRecord) {
    osg::ref_ptr<osg::Group> layer = treeLayer(*data_);
    int named = 0, checks = 0;
    for (std::size_t i = 0; i < data_->trees.size(); ++i) {
        const heritage::AncientTree& tree = data_->trees[i];
        // Through the crown, a little off the trunk; as seen from near (full detail), the
        // middle distance (simple), far (the tile's blobs) and very far (the group's blobs).
        const double x = tree.x + 0.15 * tree.crownM, y = tree.y;
        for (double distance : {30.0, 600.0, 1200.0, 3500.0}) {
            ++checks;
            const auto picked = treeFromAbove(*layer, x, y, osg::Vec3d(x, y - distance, distance));
            if (!picked)
                continue;
            ASSERT_LT(*picked, data_->trees.size());
            if (*picked == i) {
                ++named;
                continue;
            }
            // Another tree may stand over this one (a banyan's crown): then it is the one hit,
            // and its crown must reach (x, y).
            const heritage::AncientTree& other = data_->trees[*picked];
            EXPECT_LE(std::hypot(other.x - x, other.y - y), 0.75 * other.crownM + 1.0)
                << tree.id << " at " << distance << " m picked " << other.id;
        }
    }
    EXPECT_GT(named, checks * 7 / 10) << named << " of " << checks;
}

TEST_F(DemoTrees, DrawCallsGoByTileAndTemplateNotByTree) {
    osg::ref_ptr<osg::Group> layer = treeLayer(*data_);
    osg::ref_ptr<osg::Group> naive = treeLayer(*data_, TreeLayerOptions{.naive = true});
    Drawables batched, perTree;
    layer->getChild(0)->accept(batched);
    naive->getChild(0)->accept(perTree);
    EXPECT_EQ(perTree.found.size(), data_->trees.size()) << "naive: a drawable a tree";
    // Each level draws fewer drawables than there are trees: a template a tile near, a species
    // a tile farther, a species a group beyond; and each instanced drawable names a tree for
    // each of its instances.
    struct Levels : osg::NodeVisitor {
        Levels() : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN) {}
        void apply(osg::LOD& lod) override {
            auto count = [](osg::Node* n) {
                Drawables d;
                n->accept(d);
                return d.found.size();
            };
            if (lod.getName() == "tree-tile") {
                ASSERT_EQ(lod.getNumChildren(), 3u);
                for (unsigned i = 0; i < 3; ++i)
                    perLevel[i] += count(lod.getChild(i));
            } else if (lod.getName() == "tree-group") {
                ASSERT_EQ(lod.getNumChildren(), 2u);
                perLevel[3] += count(lod.getChild(1));
                ++groups;
            }
            traverse(lod);
        }
        std::size_t perLevel[4] = {0, 0, 0, 0};
        std::size_t groups = 0;
    } levels;
    layer->accept(levels);
    for (std::size_t n : levels.perLevel) {
        EXPECT_GT(n, 0u);
        EXPECT_LT(n, data_->trees.size());
    }
    EXPECT_LE(levels.perLevel[3], levels.groups * 9) << "a blob draw call a species a group";
    std::set<std::size_t> seen;
    for (osg::Drawable* d : batched.found) {
        const auto first = treeAt(d, 0);
        ASSERT_TRUE(first) << "an instanced drawable that names no tree";
        seen.insert(*first);
    }
    EXPECT_GT(seen.size(), data_->trees.size() / 4);
}

TEST_F(DemoTrees, GradeRingsAreMadeByTileOnDemand) {
    osg::ref_ptr<osg::Group> layer = treeLayer(*data_);
    osg::Group* rings = nullptr;
    for (unsigned i = 0; i < layer->getNumChildren(); ++i)
        if (layer->getChild(i)->getName() == "tree-grade-rings")
            rings = layer->getChild(i)->asGroup();
    ASSERT_TRUE(rings);
    ASSERT_GT(rings->getNumChildren(), 0u);
    std::size_t triangles = 0;
    for (unsigned i = 0; i < rings->getNumChildren(); ++i) {
        auto* lod = dynamic_cast<osg::PagedLOD*>(rings->getChild(i));
        ASSERT_TRUE(lod);
        EXPECT_EQ(lod->getNumChildren(), 0u) << "nothing made before the eye comes near";
        const auto* options = dynamic_cast<const osgDB::Options*>(lod->getDatabaseOptions());
        ASSERT_TRUE(options && options->getReadFileCallback());
        auto made = options->getReadFileCallback()->readNode(lod->getFileName(0), options);
        ASSERT_TRUE(made.validNode());
        Drawables d;
        made.getNode()->accept(d);
        for (osg::Drawable* drawable : d.found)
            if (const osg::Geometry* g = drawable->asGeometry())
                for (unsigned k = 0; k < g->getNumPrimitiveSets(); ++k)
                    triangles += g->getPrimitiveSet(k)->getNumIndices() / 3;
    }
    // The same rings the whole layer had: gradeRing for each graded tree.
    std::size_t expected = 0;
    for (const heritage::AncientTree& tree : data_->trees)
        expected += gradeRing(*data_, tree).triangleCount();
    EXPECT_GT(expected, 0u);
    EXPECT_EQ(triangles, expected);
}
