// Touch gestures (issue 8) in the real viewer window under Xvfb: scripted SDL touch events
// (--inject) go through the same event queue as a real touch screen's, with a fixed frame time
// (--fixed-dt) so that flights and coasting repeat exactly; the camera printed after chosen
// frames says what each gesture did. The demo scene opens at its overview.

#include "GestureScript.h"
#include "TestPaths.h"
#include "ViewerRun.h"

#include <osg/Matrixd>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

using namespace cunjing::test;

namespace {

constexpr int kWidth = 1280, kHeight = 720;

std::filesystem::path demoDir() {
    return std::filesystem::absolute(sourceDir() / "assets" / "demo");
}

/// Runs the viewer on the demo for `frames` frames with `script`; the cameras it printed.
std::vector<PrintedCamera> run(const std::string& name, const GestureScript& script, int frames) {
    const auto file = outputDir("render") / ("gesture_" + name + ".txt");
    std::ofstream(file) << script.text();
    std::string args = "--fixed-dt 0.0166 --inject " + quoted(file);
    if (std::filesystem::exists(demoDir() / "heritage_demo.gpkg"))
        args += " --registry " + quoted(demoStoreCopy("gesture_" + name));
    const ViewerRun viewer =
        runViewer("gesture_" + name, demoDir() / "demo.json", frames, kWidth, kHeight, args);
    EXPECT_EQ(viewer.command.exitCode, 0) << viewer.command.out;
    EXPECT_TRUE(viewer.image) << "no frame was saved";
    const std::vector<PrintedCamera> cameras = parseCameras(viewer.command.out);
    EXPECT_EQ(cameras.size(), script.prints()) << viewer.command.out;
    return cameras;
}

/// Heading change from a to b, the short way round.
double turn(double a, double b) {
    double d = std::fmod(b - a + 540.0, 360.0) - 180.0;
    return d;
}

/// Where a point shows in the window (pixels, y down) seen by a printed camera.
osg::Vec3d project(const PrintedCamera& c, const osg::Vec3d& point) {
    const osg::Matrixd m = osg::Matrixd::lookAt(c.eye, c.target, {0, 0, 1}) *
                           osg::Matrixd::perspective(c.fov, double(kWidth) / kHeight, 1.0, 1e5);
    const osg::Vec3d ndc = point * m;
    return {(ndc.x() + 1) * 0.5 * kWidth, (1 - ndc.y()) * 0.5 * kHeight, ndc.z()};
}

#define SKIP_WITHOUT_DISPLAY() \
    if (!haveDisplay())        \
    GTEST_SKIP() << "DISPLAY is not set; test.sh runs this under Xvfb"

}  // namespace

TEST(ViewerGesture, OneFingerDragOrbitsThenCoastsAndStops) {
    SKIP_WITHOUT_DISPLAY();
    GestureScript s;
    s.print(5);
    // A fifth of the width to the right in ten frames: 36 degrees, at 216 degrees a second.
    s.drag(6, {0.6, 0.6}, {0.8, 0.6}, 10, /*lift=*/false);
    s.print(16);
    s.up(17, 1, {0.8, 0.6});
    s.print(17);
    s.print(22);
    s.print(120);  // the coast is down to 2 % of its speed some 94 frames after the lift
    s.print(125);
    const auto c = run("orbit", s, 125);
    ASSERT_EQ(c.size(), 6u);
    EXPECT_NEAR(turn(c[0].heading, c[1].heading), -36.0, 0.5);
    EXPECT_NEAR(c[1].pitch, c[0].pitch, 0.5) << "a sideways drag does not tilt";
    EXPECT_LT(turn(c[2].heading, c[3].heading), -5.0) << "no coast after the finger lifted";
    EXPECT_DOUBLE_EQ(c[4].heading, c[5].heading) << "the coast never stopped";
    // The coast carries the release speed about its time constant (0.4 s): some 86 degrees.
    const double coasted = -turn(c[2].heading, c[4].heading);
    EXPECT_GT(coasted, 40.0);
    EXPECT_LT(coasted, 120.0);
}

TEST(ViewerGesture, PinchOutZoomsInAndPinchInZoomsOut) {
    SKIP_WITHOUT_DISPLAY();
    GestureScript s;
    s.print(5);
    s.pinch(6, {0.6, 0.6}, 0.05, 0.2, 8);  // spread to four times as far
    s.print(16);
    s.pinch(20, {0.6, 0.6}, 0.2, 0.05, 8);
    s.print(30);
    const auto c = run("pinch", s, 30);
    ASSERT_EQ(c.size(), 3u);
    EXPECT_NEAR(c[1].distance / c[0].distance, 0.25, 0.02);
    EXPECT_NEAR(c[2].distance / c[1].distance, 4.0, 0.3);
    EXPECT_NEAR(turn(c[0].heading, c[1].heading), 0.0, 0.5) << "a pinch does not turn";
}

TEST(ViewerGesture, TwistTurnsTheHeadingByTheTwistAngle) {
    SKIP_WITHOUT_DISPLAY();
    GestureScript s;
    s.print(5);
    s.twist(6, {0.6, 0.6}, 128.0, 30.0, 10, kWidth, kHeight);
    s.print(17);
    const auto c = run("twist", s, 18);
    ASSERT_EQ(c.size(), 2u);
    // Clockwise on screen: the scene turns with the fingers, the heading the other way.
    EXPECT_NEAR(turn(c[0].heading, c[1].heading), -30.0, 1.5);
    EXPECT_NEAR(c[1].distance / c[0].distance, 1.0, 0.02);
}

TEST(ViewerGesture, TwoFingersUpTiltTowardsTheHorizon) {
    SKIP_WITHOUT_DISPLAY();
    GestureScript s;
    s.print(5);
    s.twoFingerDrag(6, {0.5, 0.7}, {0.65, 0.7}, 0.0, -0.15, 10);
    s.print(17);
    const auto c = run("tilt", s, 18);
    ASSERT_EQ(c.size(), 2u);
    EXPECT_NEAR(c[1].pitch - c[0].pitch, 0.15 * 90.0, 1.0);
    EXPECT_NEAR(turn(c[0].heading, c[1].heading), 0.0, 0.5);
    EXPECT_NEAR(c[1].distance / c[0].distance, 1.0, 0.01);
}

TEST(ViewerGesture, TwoFingersSidewaysPanTheTarget) {
    SKIP_WITHOUT_DISPLAY();
    GestureScript s;
    s.print(5);
    s.twoFingerDrag(6, {0.45, 0.6}, {0.6, 0.6}, 0.1, 0.0, 10, /*lift=*/false);
    s.print(16);
    const auto c = run("pan", s, 17);
    ASSERT_EQ(c.size(), 2u);
    const osg::Vec3d moved = c[1].target - c[0].target;
    // The overview looks north: dragging the ground right moves the camera west.
    EXPECT_LT(moved.x(), -20.0);
    EXPECT_LT(std::abs(moved.y()), 0.2 * std::abs(moved.x()));
    EXPECT_NEAR(turn(c[0].heading, c[1].heading), 0.0, 0.5);
    EXPECT_NEAR(c[1].distance / c[0].distance, 1.0, 0.01);
}

TEST(ViewerGesture, TapOnATreeSelectsIt) {
    SKIP_WITHOUT_DISPLAY();
    // (622, 355): a lone lychee left of the village in the overview (ViewerSmokeTest's click).
    GestureScript s;
    s.print(4);
    s.tap(5, {622.0 / kWidth, 355.0 / kHeight});
    s.print(8);
    const auto c = run("tap", s, 8);
    ASSERT_EQ(c.size(), 2u);
    EXPECT_EQ(c[0].selected, "none");
    EXPECT_EQ(c[1].selected.rfind("tree:", 0), 0u) << c[1].selected;
}

namespace {

/// A double tap or click flies to the surface under it at half the distance: the new target is
/// the ground point under the taps, as the camera then saw it.
void expectFlewTowards(const std::vector<PrintedCamera>& c, const osg::Vec3d& pointed) {
    ASSERT_EQ(c.size(), 2u);
    EXPECT_NEAR(c[1].distance / c[0].distance, 0.5, 0.05);
    const osg::Vec3d seen = project(c[0], c[1].target);
    EXPECT_NEAR(seen.x(), pointed.x(), 12.0);
    EXPECT_NEAR(seen.y(), pointed.y(), 12.0);
}

}  // namespace

TEST(ViewerGesture, DoubleTapFliesTowardsTheTappedPoint) {
    SKIP_WITHOUT_DISPLAY();
    GestureScript s;
    s.print(4);
    s.tap(5, {0.62, 0.72});
    s.tap(9, {0.62, 0.72});
    s.print(90);  // the flight takes a second
    expectFlewTowards(run("double_tap", s, 90), {0.62 * kWidth, 0.72 * kHeight, 0});
}

TEST(ViewerGesture, DoubleClickFliesLikeADoubleTap) {
    SKIP_WITHOUT_DISPLAY();
    const osg::Vec3d clicked(0.62 * kWidth, 0.72 * kHeight, 0);
    GestureScript s;
    s.print(4);
    s.click(5, clicked.x(), clicked.y(), 1);
    s.click(6, clicked.x(), clicked.y(), 2);
    s.print(90);
    expectFlewTowards(run("double_click", s, 90), clicked);
}

TEST(ViewerGesture, LongPinchInAndTiltDownKeepTheEyeAboveTheTerrain) {
    SKIP_WITHOUT_DISPLAY();
    GestureScript s;
    int frame = 5;
    for (int i = 0; i < 5; ++i, frame += 12)
        s.pinch(frame, {0.55, 0.55}, 0.04, 0.2, 8);  // five times a fifth: 1/3125
    for (int i = 0; i < 3; ++i, frame += 14)
        s.twoFingerDrag(frame, {0.5, 0.75}, {0.65, 0.75}, 0.0, -0.3, 10);
    s.print(frame);
    const auto c = run("limit_ground", s, frame);
    ASSERT_EQ(c.size(), 1u);
    const DemoGround ground = DemoGround::read(demoDir() / "terrain_synthetic.asc");
    ASSERT_TRUE(ground.valid());
    const double clearance = c[0].eye.z() - ground.at(c[0].eye.x(), c[0].eye.y());
    std::cerr << "eye clearance " << clearance << " m at distance " << c[0].distance << "\n";
    // 3 m are kept; houses' platforms flatten the ground a little away from the DEM.
    EXPECT_GT(clearance, 1.5);
    EXPECT_LT(c[0].distance, 5.0) << "the pinches did not zoom in";
}

TEST(ViewerGesture, LongPanAndPinchOutKeepTheCameraOverTheScene) {
    SKIP_WITHOUT_DISPLAY();
    GestureScript s;
    int frame = 5;
    for (int i = 0; i < 8; ++i, frame += 10)
        s.twoFingerDrag(frame, {0.35, 0.6}, {0.5, 0.6}, 0.3, 0.0, 6);
    s.print(frame + 100);  // after the last coast
    frame += 101;
    for (int i = 0; i < 6; ++i, frame += 12)
        s.pinch(frame, {0.55, 0.55}, 0.2, 0.04, 8);
    s.print(frame);
    const auto c = run("limit_pan", s, frame);
    ASSERT_EQ(c.size(), 2u);
    // The demo terrain spans ±600 m about the origin: the pans stop at its western edge.
    EXPECT_GE(c[0].target.x(), -600.5);
    EXPECT_LT(c[0].target.x(), -590.0) << "the pans never reached the edge";
    EXPECT_LE(std::abs(c[0].target.y()), 600.5);
    // At most two diagonals of the 1.2 km square.
    EXPECT_LE(c[1].distance, 2.0 * std::hypot(1200.0, 1200.0) + 1.0);
}
