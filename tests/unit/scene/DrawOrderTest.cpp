// The order the demo's graph is drawn in, as the cull leaves it: what stands nearest first, the
// ground after it, the sky after that (SceneGraph.cpp: each pixel shaded about once).

#include <cunjing/scene/SceneGraph.h>

#include "DemoScene.h"

#include <gtest/gtest.h>
#include <osg/Viewport>
#include <osgUtil/CullVisitor>
#include <osgUtil/RenderStage>
#include <osgUtil/StateGraph>

#include <string>
#include <vector>

namespace cunjing::scene::test {
namespace {

using DemoDrawOrder = DemoScene;

struct Leaf {
    std::string bin;      ///< the bins it is nested in, by number: "0", "0/1" ...
    std::string program;  ///< the name of the program it is drawn with
    double depth;
};

/// The name of the program the leaf's state (its state graph's chain of state sets) draws with.
std::string programOf(const osgUtil::RenderLeaf& leaf) {
    for (const osgUtil::StateGraph* g = leaf._parent; g; g = g->_parent) {
        const osg::StateSet* ss = g->getStateSet();
        if (const osg::StateAttribute* p =
                ss ? ss->getAttribute(osg::StateAttribute::PROGRAM) : nullptr)
            return p->getName();
    }
    return {};
}

/// Every render leaf of a bin and the bins nested in it, in the order they are drawn (nested
/// bins numbered below zero, the bin's own leaves, then those numbered from zero up), as
/// osgUtil::RenderBin::drawImplementation draws them.
void drawOrder(osgUtil::RenderBin& bin, const std::string& path, std::vector<Leaf>& out) {
    bin.sort();
    const auto& nested = bin.getRenderBinList();
    const auto into = [&](int number) {
        return path.empty() ? std::to_string(number) : path + "/" + std::to_string(number);
    };
    for (const auto& [number, child] : nested) {
        if (number < 0)
            drawOrder(*child, into(number), out);
    }
    for (const osgUtil::RenderLeaf* leaf : bin.getRenderLeafList())
        out.push_back({path, programOf(*leaf), leaf->_depth});
    for (const auto& [number, child] : nested) {
        if (number >= 0)
            drawOrder(*child, into(number), out);
    }
}

TEST_F(DemoDrawOrder, NearestFirstThenTheGroundThenTheSky) {
    osg::ref_ptr<osg::Group> root = buildSceneGraph(*data_, Lighting{});
    const Viewpoint* vp = data_->description.findViewpoint("entrance");
    ASSERT_TRUE(vp);
    const auto e = data_->resolveEye(*vp), t = data_->resolveTarget(*vp);

    osg::ref_ptr<osgUtil::CullVisitor> cv = new osgUtil::CullVisitor;
    osg::ref_ptr<osgUtil::StateGraph> graph = new osgUtil::StateGraph;
    osg::ref_ptr<osgUtil::RenderStage> stage = new osgUtil::RenderStage;
    osg::ref_ptr<osg::Viewport> viewport = new osg::Viewport(0, 0, 1280, 720);
    stage->setViewport(viewport);
    cv->setStateGraph(graph);
    cv->setRenderStage(stage);
    cv->pushViewport(viewport);
    cv->pushProjectionMatrix(
        new osg::RefMatrix(osg::Matrix::perspective(vp->fovDeg, 1280.0 / 720.0, 1.0, 20000.0)));
    cv->pushModelViewMatrix(
        new osg::RefMatrix(osg::Matrix::lookAt(osg::Vec3d(e[0], e[1], e[2]),
                                               osg::Vec3d(t[0], t[1], t[2]), osg::Vec3d(0, 0, 1))),
        osg::Transform::ABSOLUTE_RF);
    root->accept(*cv);
    cv->popModelViewMatrix();
    cv->popProjectionMatrix();
    cv->popViewport();

    std::vector<Leaf> leaves;
    drawOrder(*stage, "", leaves);
    ASSERT_FALSE(leaves.empty());
    // In runs: what stands (buildings, trees, greenery, the model) nearest first in the scene's
    // bin, then the ground's tiles in a bin nested after it, then the sky, if any.
    std::size_t i = 0;
    double last = -1e30;
    int standing = 0;
    for (; i < leaves.size() && leaves[i].bin == "0"; ++i, ++standing) {
        EXPECT_NE(leaves[i].program, "terrain");
        EXPECT_NE(leaves[i].program, "sky");
        EXPECT_GE(leaves[i].depth, last) << leaves[i].program << " drawn after a farther one";
        last = leaves[i].depth;
    }
    int ground = 0;
    for (; i < leaves.size() && leaves[i].program == "terrain"; ++i, ++ground)
        EXPECT_EQ(leaves[i].bin, "0/1");
    int sky = 0;
    for (; i < leaves.size() && leaves[i].program == "sky"; ++i, ++sky)
        EXPECT_EQ(leaves[i].bin, "0/5");
    EXPECT_EQ(i, leaves.size()) << leaves[i].program << " (bin " << leaves[i].bin
                                << ") drawn after the sky";
    EXPECT_GT(standing, 20);
    EXPECT_GT(ground, 0);
    EXPECT_LE(sky, 1);  // this bare cull visitor may leave the clip-space sky out
}

}  // namespace
}  // namespace cunjing::scene::test
