// Two-finger readings, double taps, release speeds and coasting (Gestures.h), without a window.

#include <cunjing/viewer/Gestures.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace cunjing::viewer;

namespace {

constexpr double kFrame = 1.0 / 60.0;
constexpr double kPi = 3.14159265358979323846;

/// Two fingers 200 px apart across the middle of a 1000 x 1000 window.
TouchTracker twoFingers() {
    TouchTracker t;
    t.setWindowSize(1000, 1000);
    t.fingerDown(1, 0.4, 0.5);
    t.fingerDown(2, 0.6, 0.5);
    return t;
}

/// Moves both fingers in `steps` equal steps and sums what the tracker asked for.
TouchMove moveBoth(TouchTracker& t, double ax, double ay, double bx, double by, int steps,
                   double a0x = 0.4, double a0y = 0.5, double b0x = 0.6, double b0y = 0.5) {
    TouchMove total;
    for (int i = 1; i <= steps; ++i) {
        const double f = double(i) / steps;
        for (const TouchMove& m : {t.fingerMotion(1, a0x + (ax - a0x) * f, a0y + (ay - a0y) * f),
                                   t.fingerMotion(2, b0x + (bx - b0x) * f, b0y + (by - b0y) * f)}) {
            total.orbit.headingDeg += m.orbit.headingDeg;
            total.orbit.pitchDeg += m.orbit.pitchDeg;
            total.zoomFactor *= m.zoomFactor;
            total.panDx += m.panDx;
            total.panDy += m.panDy;
        }
    }
    return total;
}

}  // namespace

TEST(TwoFingerReading, SmallMovementsAreUndecided) {
    EXPECT_EQ(classifyTwoFingers({400, 500}, {600, 500}, {400, 495}, {600, 495}),
              TwoFingerMode::Undecided);
}

TEST(TwoFingerReading, WaitsForTheSecondFingersShareUnlessItRests) {
    // Finger a's event came first; b's movement of the same frame is still on its way.
    EXPECT_EQ(classifyTwoFingers({400, 500}, {600, 500}, {400, 480}, {600, 500}),
              TwoFingerMode::Undecided);
    // Far enough with b still: b rests, a pinches about it.
    EXPECT_EQ(classifyTwoFingers({400, 500}, {600, 500}, {360, 500}, {600, 500}),
              TwoFingerMode::PanZoomTwist);
}

TEST(TwoFingerReading, BothFingersUpTogetherIsATilt) {
    EXPECT_EQ(classifyTwoFingers({400, 500}, {600, 500}, {402, 470}, {599, 472}),
              TwoFingerMode::Tilt);
}

TEST(TwoFingerReading, SpreadSidewaysTurnAndOppositeVerticalAreNoTilt) {
    // A pinch, a sideways drag, a twist and a vertical pinch (fingers one above the other).
    EXPECT_EQ(classifyTwoFingers({400, 500}, {600, 500}, {380, 500}, {620, 500}),
              TwoFingerMode::PanZoomTwist);
    EXPECT_EQ(classifyTwoFingers({400, 500}, {600, 500}, {430, 500}, {630, 500}),
              TwoFingerMode::PanZoomTwist);
    EXPECT_EQ(classifyTwoFingers({400, 500}, {600, 500}, {400, 530}, {600, 470}),
              TwoFingerMode::PanZoomTwist);
    EXPECT_EQ(classifyTwoFingers({500, 400}, {500, 600}, {500, 380}, {500, 620}),
              TwoFingerMode::PanZoomTwist);
}

TEST(TouchTracker, TwoFingersUpTiltTowardsTheHorizonWithoutZoomOrPan) {
    TouchTracker t = twoFingers();
    // A tenth of the height up: as a one-finger drag up, 9 degrees towards level.
    const TouchMove m = moveBoth(t, 0.4, 0.4, 0.6, 0.4, 10);
    EXPECT_EQ(t.twoFingerMode(), TwoFingerMode::Tilt);
    EXPECT_NEAR(m.orbit.pitchDeg, 9.0, 1e-9) << "the movement before the lock counts too";
    EXPECT_DOUBLE_EQ(m.orbit.headingDeg, 0.0);
    EXPECT_DOUBLE_EQ(m.zoomFactor, 1.0);
    EXPECT_DOUBLE_EQ(m.panDy, 0.0);
}

TEST(TouchTracker, ATiltStaysATiltWhenTheFingersThenSpread) {
    TouchTracker t = twoFingers();
    moveBoth(t, 0.4, 0.4, 0.6, 0.4, 5);
    const TouchMove m = moveBoth(t, 0.3, 0.4, 0.7, 0.4, 5, 0.4, 0.4, 0.6, 0.4);
    EXPECT_EQ(t.twoFingerMode(), TwoFingerMode::Tilt);
    EXPECT_DOUBLE_EQ(m.zoomFactor, 1.0);
}

TEST(TouchTracker, TwistTurnsTheHeadingByTheTwistAngle) {
    TouchTracker t = twoFingers();
    // Turn the pair 30 degrees clockwise on screen about their midpoint.
    const double a = 30.0 * kPi / 180.0, r = 0.1;
    const TouchMove m = moveBoth(t, 0.5 - r * std::cos(a), 0.5 - r * std::sin(a),
                                 0.5 + r * std::cos(a), 0.5 + r * std::sin(a), 1);
    // Twisting one step turns both fingers, each turning the line by part of it.
    EXPECT_NEAR(m.orbit.headingDeg, -30.0, 1e-6) << "the scene turns with the fingers";
    EXPECT_NEAR(m.zoomFactor, 1.0, 1e-9);
    EXPECT_NEAR(m.panDx, 0.0, 1e-9);
}

TEST(TouchTracker, SmallTurnsOfAPinchDoNotRotate) {
    TouchTracker t = twoFingers();
    const double a = 5.0 * kPi / 180.0, r = 0.15;
    const TouchMove m = moveBoth(t, 0.5 - r * std::cos(a), 0.5 - r * std::sin(a),
                                 0.5 + r * std::cos(a), 0.5 + r * std::sin(a), 4);
    EXPECT_DOUBLE_EQ(m.orbit.headingDeg, 0.0);
    EXPECT_NEAR(m.zoomFactor, 100.0 / 150.0, 1e-9);
}

TEST(TouchTracker, TwoFingersSidewaysPanByTheCentroid) {
    TouchTracker t = twoFingers();
    const TouchMove m = moveBoth(t, 0.5, 0.5, 0.7, 0.5, 4);
    EXPECT_EQ(t.twoFingerMode(), TwoFingerMode::PanZoomTwist);
    EXPECT_NEAR(m.panDx, 0.1, 1e-12);
    EXPECT_NEAR(m.zoomFactor, 1.0, 1e-12);
    EXPECT_NEAR(m.orbit.pitchDeg, 0.0, 1e-12);
}

TEST(TouchTracker, AFingerSilentForSecondsIsDroppedWhenAnotherLands) {
    TouchTracker t;
    t.setWindowSize(1000, 500);
    t.fingerDown(1, 0.2, 0.2, 0.0);  // its device goes away: no finger-up ever comes
    t.fingerDown(2, 0.5, 0.5, kStaleFingerSeconds + 1.0);
    EXPECT_EQ(t.fingerCount(), 1);
    EXPECT_FALSE(t.multiTouch());
    EXPECT_DOUBLE_EQ(t.fingerMotion(2, 0.75, 0.5, 6.0).orbit.headingDeg, -45.0);
}

TEST(TouchTracker, AFingerThatKeepsMovingIsNoGhost) {
    TouchTracker t;
    t.fingerDown(1, 0.2, 0.2, 0.0);
    t.fingerMotion(1, 0.25, 0.2, 3.0);
    t.fingerDown(2, 0.5, 0.5, 5.0);
    EXPECT_EQ(t.fingerCount(), 2);
}

TEST(DoubleTap, TwoQuickTapsInPlaceAreADoubleTap) {
    DoubleTapDetector d;
    EXPECT_FALSE(d.tap(1.0, 100, 100));
    EXPECT_TRUE(d.tap(1.2, 110, 105));
    EXPECT_FALSE(d.tap(1.3, 110, 105)) << "a third tap starts a new pair";
}

TEST(DoubleTap, SlowOrDistantTapsAreSingle) {
    DoubleTapDetector d;
    EXPECT_FALSE(d.tap(1.0, 100, 100));
    EXPECT_FALSE(d.tap(1.0 + kDoubleTapSeconds + 0.05, 100, 100));
    EXPECT_FALSE(d.tap(5.0, 100, 100));
    EXPECT_FALSE(d.tap(5.1, 100 + kDoubleTapPixels + 5, 100));
}

TEST(VelocityTracker, SteadyDragHasItsSpeed) {
    VelocityTracker v;
    for (int i = 0; i < 20; ++i) {
        v.add(0.01, -0.02);
        v.endFrame(kFrame);
    }
    EXPECT_NEAR(v.velocity().first, 0.6, 1e-9);
    EXPECT_NEAR(v.velocity().second, -1.2, 1e-9);
}

TEST(VelocityTracker, AFingerThatStoppedBeforeLiftingHasNoSpeed) {
    VelocityTracker v;
    for (int i = 0; i < 20; ++i) {
        v.add(0.01, 0);
        v.endFrame(kFrame);
    }
    for (int i = 0; i < 10; ++i)  // held still for a sixth of a second
        v.endFrame(kFrame);
    EXPECT_DOUBLE_EQ(v.velocity().first, 0.0);
}

TEST(VelocityTracker, MovementInTheReleaseFrameCounts) {
    VelocityTracker v;
    for (int i = 0; i < 10; ++i)
        v.endFrame(kFrame);
    v.add(0.05, 0);  // one fast move just before the finger lifts, in the same frame
    EXPECT_GT(v.velocity().first, 0.5);
}

TEST(Inertia, CoastsTheReleaseSpeedTimesTheTimeConstantThenStops) {
    Inertia coast;
    coast.start({100.0, 0.0}, 1.0);
    ASSERT_TRUE(coast.active());
    double travelled = 0;
    int frames = 0;
    for (; coast.active() && frames < 1000; ++frames)
        travelled += coast.step(kFrame).first;
    EXPECT_NEAR(travelled, 100.0 * kInertiaTimeConstant, 100.0 * kInertiaTimeConstant * 0.03);
    EXPECT_LT(frames * kFrame, 3.0) << "a coast ends within seconds";
}

TEST(Inertia, DistanceDoesNotDependOnTheFrameRate) {
    Inertia fast, slow;
    fast.start({50.0, 20.0}, 1.0);
    slow.start({50.0, 20.0}, 1.0);
    double a = 0, b = 0;
    for (int i = 0; i < 30; ++i)
        a += fast.step(kFrame).first;
    for (int i = 0; i < 15; ++i)
        b += slow.step(2 * kFrame).first;
    EXPECT_NEAR(a, b, 1e-9);
}

TEST(Inertia, ASlowReleaseDoesNotCoast) {
    Inertia coast;
    coast.start({0.5, 0.0}, 1.0);
    EXPECT_FALSE(coast.active());
    EXPECT_DOUBLE_EQ(coast.step(kFrame).first, 0.0);
}
