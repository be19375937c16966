#include <cunjing/scene/CameraRig.h>

#include <gtest/gtest.h>

using cunjing::scene::CameraRig;

namespace {
void expectNear(const osg::Vec3d& a, const osg::Vec3d& b, double tol = 1e-6) {
    EXPECT_NEAR(a.x(), b.x(), tol);
    EXPECT_NEAR(a.y(), b.y(), tol);
    EXPECT_NEAR(a.z(), b.z(), tol);
}
}  // namespace

TEST(CameraRig, LookAtRoundTripsEyeAndTarget) {
    CameraRig rig;
    rig.lookAt({-30, -40, 50}, {10, 20, 5});
    expectNear(rig.eye(), {-30, -40, 50});
    expectNear(rig.target(), {10, 20, 5});
}

TEST(CameraRig, HeadingZeroLooksNorth) {
    CameraRig rig;
    rig.lookAt({0, -100, 0.0001}, {0, 0, 0});
    EXPECT_NEAR(rig.headingDeg(), 0, 1e-6);
    rig.orbit(90, 0);  // now looking east: the eye moves to the west
    EXPECT_NEAR(rig.eye().x(), -100, 1e-3);
}

TEST(CameraRig, ZoomScalesDistanceOnly) {
    CameraRig rig;
    rig.lookAt({0, -100, 100}, {0, 0, 0});
    rig.zoom(0.5);
    EXPECT_NEAR(rig.distance(), std::sqrt(2.0) * 50, 1e-9);
    expectNear(rig.target(), {0, 0, 0});
}

TEST(CameraRig, PitchStaysAboveTheHorizonLimit) {
    CameraRig rig;
    rig.lookAt({0, -100, 10}, {0, 0, 0});
    rig.orbit(0, -200);
    EXPECT_GE(rig.pitchDeg(), -89.0);
}

TEST(CameraRig, EyeStaysAboveTheGround) {
    CameraRig rig;
    rig.setGroundQuery([](double, double) { return 20.0; });
    rig.lookAt({0, -100, 30}, {0, 0, 20});
    rig.orbit(0, 30);  // would swing the eye underground
    EXPECT_GE(rig.eye().z(), 21.0 - 1e-6);
}

TEST(CameraRig, FlyToArrivesAfterItsDuration) {
    CameraRig rig;
    rig.lookAt({0, -100, 50}, {0, 0, 0});
    rig.flyTo({200, 0, 80}, {100, 0, 0}, 2.0);
    EXPECT_TRUE(rig.update(1.0));
    const osg::Vec3d halfway = rig.target();
    EXPECT_GT(halfway.x(), 10);
    EXPECT_LT(halfway.x(), 90);
    EXPECT_FALSE(rig.update(1.5));
    expectNear(rig.eye(), {200, 0, 80}, 1e-6);
    expectNear(rig.target(), {100, 0, 0}, 1e-6);
}

TEST(CameraRig, PanMovesAlongTheGroundInViewDirection) {
    CameraRig rig;
    rig.lookAt({0, -100, 100}, {0, 0, 0});  // looking north
    rig.pan(0, 10);
    expectNear(rig.target(), {0, 10, 0});
    rig.pan(5, 0);
    expectNear(rig.target(), {5, 10, 0});
}
