#include <cunjing/viewer/Gestures.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace cunjing::viewer;

TEST(PinchZoom, SpreadingFingersTwiceAsFarZoomsInTwice) {
    EXPECT_DOUBLE_EQ(pinchZoomFactor(100, 200), 0.5);
}

TEST(PinchZoom, PinchingFingersTogetherZoomsOut) {
    EXPECT_DOUBLE_EQ(pinchZoomFactor(200, 100), 2.0);
}

TEST(PinchZoom, DegenerateSpreadDoesNotZoom) {
    EXPECT_DOUBLE_EQ(pinchZoomFactor(0, 100), 1.0);
    EXPECT_DOUBLE_EQ(pinchZoomFactor(100, 0), 1.0);
    EXPECT_DOUBLE_EQ(pinchZoomFactor(NAN, 100), 1.0);
}

TEST(OrbitDrag, QuarterWidthDragTurnsFortyFiveDegrees) {
    const OrbitDelta o = orbitFromDrag(0.25, 0);
    EXPECT_DOUBLE_EQ(o.headingDeg, -45.0);  // the scene follows the pointer: camera turns left
    EXPECT_DOUBLE_EQ(o.pitchDeg, 0.0);
}

TEST(OrbitDrag, HalfHeightDragDownLooksFortyFiveDegreesMoreDown) {
    const OrbitDelta o = orbitFromDrag(0, 0.5);
    EXPECT_DOUBLE_EQ(o.headingDeg, 0.0);
    EXPECT_DOUBLE_EQ(o.pitchDeg, -45.0);
}

TEST(WheelZoom, OneNotchAwayMovesCloserAndBackUndoesIt) {
    EXPECT_LT(wheelZoomFactor(1), 1.0);
    EXPECT_NEAR(wheelZoomFactor(1) * wheelZoomFactor(-1), 1.0, 1e-12);
}

TEST(PanDrag, FullHeightDragMovesTheVisibleHeight) {
    // 90 degrees fov at 50 m: the visible height at the target is 100 m.
    const PanDelta p = panFromDrag(0, 1.0, 50, 90, 1.0);
    EXPECT_NEAR(p.forwardM, 100.0, 1e-9);
    const PanDelta q = panFromDrag(0.5, 0, 50, 90, 2.0);
    EXPECT_NEAR(q.rightM, -100.0, 1e-9);  // half of a 200 m wide view, against the drag
}

TEST(FlyKeys, ForwardForOneSecondMovesHalfTheDistance) {
    FlyKeys keys;
    keys.forward = true;
    const FlyStep step = flyStep(keys, 1.0, 100);
    EXPECT_DOUBLE_EQ(step.forwardM, 50.0);
    EXPECT_DOUBLE_EQ(step.rightM, 0.0);
    keys.fast = true;
    EXPECT_DOUBLE_EQ(flyStep(keys, 1.0, 100).forwardM, 200.0);
}

TEST(FlyKeys, OppositeKeysCancelAndQEMoveDownUp) {
    FlyKeys keys;
    keys.left = keys.right = true;
    keys.up = true;
    const FlyStep step = flyStep(keys, 0.5, 100);
    EXPECT_DOUBLE_EQ(step.rightM, 0.0);
    EXPECT_DOUBLE_EQ(step.upM, 25.0);
}

TEST(TouchTracker, OneFingerDragOrbitsByTheDragDistance) {
    TouchTracker t;
    t.setWindowSize(1000, 500);
    t.fingerDown(1, 0.5, 0.5);
    const TouchMove m = t.fingerMotion(1, 0.75, 0.5);
    EXPECT_DOUBLE_EQ(m.orbit.headingDeg, -45.0);
    EXPECT_DOUBLE_EQ(m.zoomFactor, 1.0);
}

TEST(TouchTracker, TwoFingerSpreadToTwiceTheDistanceZoomsInTwice) {
    TouchTracker t;
    t.setWindowSize(1000, 1000);
    t.fingerDown(1, 0.4, 0.5);
    t.fingerDown(2, 0.6, 0.5);
    // Move both fingers outwards: spread 0.2 -> 0.3 -> 0.4, twice in all.
    double total = t.fingerMotion(1, 0.3, 0.5).zoomFactor;
    total *= t.fingerMotion(2, 0.7, 0.5).zoomFactor;
    EXPECT_NEAR(total, 0.5, 1e-12);
}

TEST(TouchTracker, PinchSpreadIsMeasuredInPixelsNotWindowFractions) {
    // In a 2:1 window a vertical spread of 0.2 is as many pixels as a horizontal one of 0.1.
    TouchTracker t;
    t.setWindowSize(2000, 1000);
    t.fingerDown(1, 0.5, 0.4);
    t.fingerDown(2, 0.5, 0.6);                                        // 200 px apart
    EXPECT_NEAR(t.fingerMotion(2, 0.6, 0.4).zoomFactor, 1.0, 1e-12);  // now 200 px apart sideways
}

TEST(TouchTracker, TwoFingerDragPansByTheCentroid) {
    TouchTracker t;
    t.setWindowSize(1000, 1000);
    t.fingerDown(1, 0.4, 0.5);
    t.fingerDown(2, 0.6, 0.5);
    // One finger moving alone is no tilt (the other does not go the same way): a pan.
    const TouchMove m = t.fingerMotion(1, 0.4, 0.7);
    EXPECT_EQ(t.twoFingerMode(), TwoFingerMode::PanZoomTwist);
    EXPECT_DOUBLE_EQ(m.panDy, 0.1);
}

TEST(TouchTracker, LastFingerOfAPinchDoesNotOrbitUntilAllAreLifted) {
    TouchTracker t;
    t.fingerDown(1, 0.4, 0.5);
    t.fingerDown(2, 0.6, 0.5);
    t.fingerUp(2);
    EXPECT_DOUBLE_EQ(t.fingerMotion(1, 0.9, 0.5).orbit.headingDeg, 0.0);
    t.fingerUp(1);
    t.fingerDown(3, 0.5, 0.5);
    EXPECT_DOUBLE_EQ(t.fingerMotion(3, 0.75, 0.5).orbit.headingDeg, -45.0);
}

TEST(TouchTracker, UnknownFingerIsIgnored) {
    TouchTracker t;
    const TouchMove m = t.fingerMotion(7, 0.9, 0.9);
    EXPECT_DOUBLE_EQ(m.orbit.headingDeg, 0.0);
    EXPECT_DOUBLE_EQ(m.zoomFactor, 1.0);
}

TEST(TapDetector, PressAndReleaseInPlaceIsATap) {
    TapDetector tap;
    tap.press(100, 100);
    tap.move(103, 102);
    EXPECT_TRUE(tap.release(104, 101));
}

TEST(TapDetector, MovingPastTheSlopMakesItADragEvenIfItComesBack) {
    TapDetector tap;
    tap.press(100, 100);
    tap.move(100 + kTapSlopPixels + 1, 100);
    EXPECT_FALSE(tap.release(100, 100));
}

TEST(TapDetector, ReleaseWithoutPressOrAfterCancelIsNoTap) {
    TapDetector tap;
    EXPECT_FALSE(tap.release(0, 0));
    tap.press(10, 10);
    tap.cancel();
    EXPECT_FALSE(tap.release(10, 10));
}
