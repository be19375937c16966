#include <cunjing/scene/CameraRig.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

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

namespace {
using cunjing::scene::kEyeClearance;
using cunjing::scene::kMaxUserPitch;

/// A 1 km square scene around the origin with flat ground at z 0.
CameraRig boundedRig() {
    CameraRig rig;
    rig.setGroundQuery([](double, double) { return 0.0; });
    rig.setBounds({-500, -500}, {500, 500});
    rig.lookAt({0, -100, 100}, {0, 0, 0});
    return rig;
}

double clearance(const CameraRig& rig, const CameraRig::GroundQuery& ground) {
    return rig.eye().z() - ground(rig.eye().x(), rig.eye().y());
}
}  // namespace

TEST(CameraLimits, APanStopsAtTheEdgeOfTheScene) {
    CameraRig rig = boundedRig();
    for (int i = 0; i < 100; ++i)
        rig.pan(40, 60);
    EXPECT_DOUBLE_EQ(rig.target().x(), 500.0);
    EXPECT_DOUBLE_EQ(rig.target().y(), 500.0);
}

TEST(CameraLimits, ZoomingOutStopsAtAFewSceneSizes) {
    CameraRig rig = boundedRig();
    rig.zoom(1e6);
    EXPECT_NEAR(rig.distance(), 2.0 * std::hypot(1000.0, 1000.0), 1e-6);
    EXPECT_DOUBLE_EQ(rig.maxDistance(), rig.distance());
}

TEST(CameraLimits, FlyModeAndFlightsStayInsideTheScene) {
    CameraRig rig = boundedRig();
    rig.fly(0, 5000, 0);
    EXPECT_DOUBLE_EQ(rig.target().x(), 500.0);
    rig.flyTo({3000, 0, 100}, {2900, 0, 0}, 1.0);
    rig.update(2.0);
    EXPECT_DOUBLE_EQ(rig.target().x(), 500.0);
}

TEST(CameraLimits, WithoutBoundsTheTargetGoesAnywhere) {
    CameraRig rig;
    rig.lookAt({0, -100, 100}, {0, 0, 0});
    rig.pan(5000, 0);
    EXPECT_DOUBLE_EQ(rig.target().x(), 5000.0);
}

TEST(CameraLimits, TiltingUpStopsAtLevel) {
    CameraRig rig;  // no ground: only the pitch limit holds the eye up
    rig.lookAt({0, -100, 100}, {0, 0, 0});
    rig.orbit(0, 80);
    EXPECT_DOUBLE_EQ(rig.pitchDeg(), kMaxUserPitch);
}

TEST(CameraLimits, OverGroundALevelViewStaysAboveIt) {
    CameraRig rig = boundedRig();
    rig.orbit(0, 80);
    EXPECT_LT(rig.pitchDeg(), kMaxUserPitch);
    EXPECT_NEAR(rig.eye().z(), kEyeClearance, 1e-6);
}

TEST(CameraLimits, AnAuthoredUpwardViewKeepsItsPitchAndHeightWhenTurned) {
    // A street-level viewpoint: eye 1.7 m up, looking up at a roof.
    CameraRig rig;
    rig.setGroundQuery([](double, double) { return 0.0; });
    rig.lookAt({0, -60, 1.7}, {0, 0, 4});
    const double pitch = rig.pitchDeg();
    ASSERT_GT(pitch, 0.0);
    rig.orbit(20, 0);
    EXPECT_NEAR(rig.pitchDeg(), pitch, 1e-9);
    EXPECT_NEAR(rig.eye().z(), 1.7, 1e-6) << "no jump up to the usual clearance";
    rig.orbit(0, 5);
    EXPECT_NEAR(rig.pitchDeg(), pitch, 1e-9) << "but no further up";
}

TEST(CameraLimits, PinchingInAndTiltingDownKeepTheEyeAboveAHill) {
    // A hill rising 1 m per 2 m northwards, so the eye's ground changes as it moves.
    const CameraRig::GroundQuery ground = [](double, double y) { return 0.5 * y; };
    CameraRig rig;
    rig.setGroundQuery(ground);
    rig.setBounds({-500, -500}, {500, 500});
    rig.lookAt({0, -100, 60}, {0, 0, 0});
    for (int i = 0; i < 40; ++i) {
        rig.zoom(0.8);
        rig.orbit(5, 6);  // a visitor tilting towards the ground
        ASSERT_GE(clearance(rig, ground), kEyeClearance - 1e-6) << "step " << i;
    }
    for (int i = 0; i < 40; ++i) {
        rig.pan(0, -20);  // down the hill, towards the viewer
        rig.zoom(1.2);
        rig.orbit(-7, 3);
        ASSERT_GE(clearance(rig, ground), kEyeClearance - 1e-6) << "step " << i;
    }
}

TEST(CameraLimits, FlyingDownStopsAboveTheGround) {
    CameraRig rig = boundedRig();
    rig.fly(0, 0, -1000);
    EXPECT_NEAR(clearance(rig, [](double, double) { return 0.0; }), kEyeClearance, 1e-6);
}

TEST(CameraLimits, AFlightOverAHillPassesAboveIt) {
    // A 60 m ridge along x = 0, between two low viewpoints.
    const CameraRig::GroundQuery ground = [](double x, double) {
        return std::max(0.0, 60.0 - std::abs(x));
    };
    CameraRig rig;
    rig.setGroundQuery(ground);
    rig.lookAt({-200, 0, 20}, {-150, 0, 0});
    rig.flyTo({150, 0, 20}, {200, 0, 0}, 2.0);
    for (int i = 0; i < 60 && rig.update(1.0 / 30.0); ++i)
        ASSERT_GE(clearance(rig, ground), kEyeClearance - 1e-6) << "frame " << i;
    expectNear(rig.eye(), {150, 0, 20}, 1e-6);
}
