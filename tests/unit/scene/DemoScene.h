#pragma once
// The demo scene loaded once per test suite, for tests of the layers built from it.

#include <cunjing/scene/SceneData.h>

#include <gtest/gtest.h>
#include <osgUtil/IntersectionVisitor>
#include <osgUtil/LineSegmentIntersector>

#include <optional>

namespace cunjing::scene::test {

class DemoScene : public ::testing::Test {
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
    static inline SceneData* data_ = nullptr;
};

/// What a vertical ray at (x, y) meets first under `node`, with LODs chosen as seen from `eye`.
inline std::optional<osgUtil::LineSegmentIntersector::Intersection> hitFromAbove(
    osg::Node& node, double x, double y, const osg::Vec3d& eye) {
    osg::ref_ptr<osgUtil::LineSegmentIntersector> ray =
        new osgUtil::LineSegmentIntersector(osg::Vec3d(x, y, 500), osg::Vec3d(x, y, -500));
    osgUtil::IntersectionVisitor visitor(ray.get());
    visitor.setLODSelectionMode(
        osgUtil::IntersectionVisitor::USE_EYE_POINT_FOR_LOD_LEVEL_SELECTION);
    visitor.setReferenceEyePoint(eye);
    node.accept(visitor);
    if (!ray->containsIntersections())
        return std::nullopt;
    return ray->getFirstIntersection();
}

}  // namespace cunjing::scene::test
