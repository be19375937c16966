#include "InputController.h"

#include <SDL.h>
#include <gtest/gtest.h>

#include <cmath>
#include <utility>
#include <vector>

using namespace cunjing::viewer;
using cunjing::scene::CameraRig;

namespace {

class InputControllerTest : public ::testing::Test {
protected:
    void SetUp() override {
        rig.lookAt({0, -100, 0}, {0, 0, 0});
        input.setWindowSize(800, 600);
    }

    void mouseButton(Uint32 type, Uint8 button, Uint32 which, bool uiWantsMouse = false) {
        SDL_Event e{};
        e.type = type;
        e.button.button = button;
        e.button.which = which;
        e.button.x = mouseX;
        e.button.y = mouseY;
        input.handle(e, uiWantsMouse, false);
    }
    void mouseMove(int xrel, int yrel, Uint32 which) {
        mouseX += xrel;
        mouseY += yrel;
        SDL_Event e{};
        e.type = SDL_MOUSEMOTION;
        e.motion.xrel = xrel;
        e.motion.yrel = yrel;
        e.motion.x = mouseX;
        e.motion.y = mouseY;
        e.motion.which = which;
        input.handle(e, false, false);
    }
    void finger(Uint32 type, SDL_FingerID id, float x, float y) {
        SDL_Event e{};
        e.type = type;
        e.tfinger.fingerId = id;
        e.tfinger.x = x;
        e.tfinger.y = y;
        input.handle(e, false, false);
    }
    void windowEvent(Uint8 what) {
        SDL_Event e{};
        e.type = SDL_WINDOWEVENT;
        e.window.event = what;
        input.handle(e, false, false);
    }
    /// Frames of the app's clock.
    void frames(int count) {
        for (int i = 0; i < count; ++i)
            input.update(kFrame, false);
    }
    /// A one-finger flick to the right: `steps` frames of `perFrame` window widths each.
    void flick(SDL_FingerID id, int steps, float perFrame) {
        float x = 0.3f;
        finger(SDL_FINGERDOWN, id, x, 0.5f);
        for (int i = 0; i < steps; ++i) {
            x += perFrame;
            finger(SDL_FINGERMOTION, id, x, 0.5f);
            frames(1);
        }
    }
    void tap(SDL_FingerID id, float x, float y) {
        finger(SDL_FINGERDOWN, id, x, y);
        frames(1);
        finger(SDL_FINGERUP, id, x, y);
    }

    static constexpr double kFrame = 1.0 / 60.0;

    void key(SDL_Keycode sym, bool uiWantsKeyboard = false) {
        SDL_Event e{};
        e.type = SDL_KEYDOWN;
        e.key.keysym.sym = sym;
        input.handle(e, false, uiWantsKeyboard);
    }

    CameraRig rig;
    UiState state;
    int flewTo = -1;
    bool screenshot = false, quit = false;
    int mouseX = 400, mouseY = 300;
    std::vector<std::pair<double, double>> picks;
    std::vector<std::pair<double, double>> flights;  ///< double taps
    /// A swipe divider at x = 600 (window pixels) that takes presses within 10 pixels of it.
    std::vector<double> dragXs;
    bool dragEnded = false;
    int toggles = 0;
    InputController input{
        rig,
        state,
        {[this](int i) { flewTo = i; }, [this] { screenshot = true; }, [this] { quit = true; },
         [this](double x, double y) { picks.emplace_back(x, y); },
         [](double x, double, bool) { return std::abs(x - 600) < 10; },
         [this](double x, double) { dragXs.push_back(x); },
         [this](double, double) { dragEnded = true; }, [this] { ++toggles; },
         [this](double x, double y) { flights.emplace_back(x, y); }}};
};

}  // namespace

TEST_F(InputControllerTest, LeftDragOrbits) {
    const double before = rig.headingDeg();
    mouseButton(SDL_MOUSEBUTTONDOWN, SDL_BUTTON_LEFT, 0);
    mouseMove(200, 0, 0);  // a quarter of the width
    EXPECT_NEAR(rig.headingDeg(), before - 45.0, 1e-9);
}

TEST_F(InputControllerTest, SyntheticMouseEventsFromTouchAreIgnored) {
    const double before = rig.headingDeg();
    mouseButton(SDL_MOUSEBUTTONDOWN, SDL_BUTTON_LEFT, SDL_TOUCH_MOUSEID);
    mouseMove(200, 0, SDL_TOUCH_MOUSEID);
    EXPECT_DOUBLE_EQ(rig.headingDeg(), before);
}

TEST_F(InputControllerTest, ClickOnTheUiDoesNotStartADrag) {
    const double before = rig.headingDeg();
    mouseButton(SDL_MOUSEBUTTONDOWN, SDL_BUTTON_LEFT, 0, /*uiWantsMouse=*/true);
    mouseMove(200, 0, 0);
    EXPECT_DOUBLE_EQ(rig.headingDeg(), before);
}

TEST_F(InputControllerTest, RightDragPansAndReleaseStops) {
    mouseButton(SDL_MOUSEBUTTONDOWN, SDL_BUTTON_RIGHT, 0);
    mouseMove(0, 60, 0);
    const osg::Vec3d moved = rig.target();
    EXPECT_GT(moved.y(), 0.0);  // dragging the ground down moves the camera forward (north)
    mouseButton(SDL_MOUSEBUTTONUP, SDL_BUTTON_RIGHT, 0);
    mouseMove(0, 60, 0);
    EXPECT_EQ(rig.target(), moved);
}

TEST_F(InputControllerTest, PinchSpreadHalvesTheDistance) {
    finger(SDL_FINGERDOWN, 1, 0.45f, 0.5f);
    finger(SDL_FINGERDOWN, 2, 0.55f, 0.5f);
    finger(SDL_FINGERMOTION, 1, 0.40f, 0.5f);
    finger(SDL_FINGERMOTION, 2, 0.60f, 0.5f);
    EXPECT_NEAR(rig.distance(), 50.0, 1e-4);
}

TEST_F(InputControllerTest, OneFingerDragOrbits) {
    const double before = rig.headingDeg();
    finger(SDL_FINGERDOWN, 1, 0.5f, 0.5f);
    finger(SDL_FINGERMOTION, 1, 0.75f, 0.5f);
    EXPECT_NEAR(rig.headingDeg(), before - 45.0, 1e-4);
}

TEST_F(InputControllerTest, FingerThatLandsOnAPanelLeavesTheCamera) {
    state.panelRects.push_back({0, 0, 200, 300});
    const double before = rig.headingDeg();
    finger(SDL_FINGERDOWN, 1, 0.1f, 0.1f);  // (80, 60) px: inside the panel
    finger(SDL_FINGERMOTION, 1, 0.6f, 0.1f);
    EXPECT_DOUBLE_EQ(rig.headingDeg(), before);
}

TEST_F(InputControllerTest, KeysFlyToViewpointsAndRequestActions) {
    key(SDLK_3);
    EXPECT_EQ(flewTo, 2);
    key(SDLK_HOME);
    EXPECT_EQ(flewTo, 0);
    key(SDLK_F12);
    EXPECT_TRUE(screenshot);
    key(SDLK_f);
    EXPECT_TRUE(state.flyMode);
    key(SDLK_ESCAPE);
    EXPECT_TRUE(quit);
}

TEST_F(InputControllerTest, KeysTypedIntoTheUiAreIgnored) {
    key(SDLK_2, /*uiWantsKeyboard=*/true);
    EXPECT_EQ(flewTo, -1);
}

TEST_F(InputControllerTest, ClickWithoutDragPicksAtThePointer) {
    mouseButton(SDL_MOUSEBUTTONDOWN, SDL_BUTTON_LEFT, 0);
    mouseButton(SDL_MOUSEBUTTONUP, SDL_BUTTON_LEFT, 0);
    ASSERT_EQ(picks.size(), 1u);
    EXPECT_EQ(picks[0], std::make_pair(400.0, 300.0));
}

TEST_F(InputControllerTest, DragDoesNotPick) {
    mouseButton(SDL_MOUSEBUTTONDOWN, SDL_BUTTON_LEFT, 0);
    mouseMove(40, 0, 0);
    mouseButton(SDL_MOUSEBUTTONUP, SDL_BUTTON_LEFT, 0);
    EXPECT_TRUE(picks.empty());
}

TEST_F(InputControllerTest, ClickOnTheUiDoesNotPick) {
    mouseButton(SDL_MOUSEBUTTONDOWN, SDL_BUTTON_LEFT, 0, /*uiWantsMouse=*/true);
    mouseButton(SDL_MOUSEBUTTONUP, SDL_BUTTON_LEFT, 0);
    EXPECT_TRUE(picks.empty());
}

TEST_F(InputControllerTest, TapPicksInWindowPixels) {
    finger(SDL_FINGERDOWN, 1, 0.25f, 0.5f);
    finger(SDL_FINGERUP, 1, 0.25f, 0.5f);
    ASSERT_EQ(picks.size(), 1u);
    EXPECT_NEAR(picks[0].first, 200.0, 1e-3);
    EXPECT_NEAR(picks[0].second, 300.0, 1e-3);
}

TEST_F(InputControllerTest, PinchDoesNotPick) {
    finger(SDL_FINGERDOWN, 1, 0.45f, 0.5f);
    finger(SDL_FINGERDOWN, 2, 0.55f, 0.5f);
    finger(SDL_FINGERUP, 2, 0.55f, 0.5f);
    finger(SDL_FINGERUP, 1, 0.45f, 0.5f);
    EXPECT_TRUE(picks.empty());
}

TEST_F(InputControllerTest, PressOnTheDividerDragsItInsteadOfOrbiting) {
    const double before = rig.headingDeg();
    mouseX = 604;
    mouseButton(SDL_MOUSEBUTTONDOWN, SDL_BUTTON_LEFT, 0);
    mouseMove(-100, 0, 0);
    EXPECT_DOUBLE_EQ(rig.headingDeg(), before);
    ASSERT_FALSE(dragXs.empty());
    EXPECT_DOUBLE_EQ(dragXs.back(), 504);
    mouseButton(SDL_MOUSEBUTTONUP, SDL_BUTTON_LEFT, 0);
    EXPECT_TRUE(dragEnded);
    EXPECT_TRUE(picks.empty()) << "a drag of the divider is no click";
    // Released: the next drag elsewhere orbits again.
    mouseX = 200;
    mouseButton(SDL_MOUSEBUTTONDOWN, SDL_BUTTON_LEFT, 0);
    mouseMove(200, 0, 0);
    EXPECT_NEAR(rig.headingDeg(), before - 45.0, 1e-9);
}

TEST_F(InputControllerTest, OneFingerOnTheDividerDragsIt) {
    const double before = rig.headingDeg();
    finger(SDL_FINGERDOWN, 1, 0.75f, 0.5f);  // x = 600
    finger(SDL_FINGERMOTION, 1, 0.5f, 0.5f);
    EXPECT_DOUBLE_EQ(rig.headingDeg(), before);
    ASSERT_FALSE(dragXs.empty());
    EXPECT_NEAR(dragXs.back(), 400, 1e-3);
    finger(SDL_FINGERUP, 1, 0.5f, 0.5f);
    EXPECT_TRUE(dragEnded);
}

TEST_F(InputControllerTest, TKeySwitchesBeforeAndAfter) {
    key(SDLK_t);
    key(SDLK_t, /*uiWantsKeyboard=*/true);  // typing a T into a field is no switch
    EXPECT_EQ(toggles, 1);
}

TEST_F(InputControllerTest, FlickedOrbitCoastsAfterTheFingerLiftsThenStops) {
    flick(1, 10, 0.01f);
    finger(SDL_FINGERUP, 1, 0.4f, 0.5f);
    const double lifted = rig.headingDeg();
    frames(1);
    EXPECT_LT(rig.headingDeg(), lifted) << "the view keeps turning the way it was flicked";
    EXPECT_TRUE(input.coasting());
    frames(300);  // five seconds
    EXPECT_FALSE(input.coasting());
    const double stopped = rig.headingDeg();
    frames(10);
    EXPECT_DOUBLE_EQ(rig.headingDeg(), stopped);
    // 0.6 widths a second is 108 degrees a second, coasting about 0.4 s of it.
    EXPECT_NEAR(lifted - stopped, 108.0 * 0.4, 5.0);
}

TEST_F(InputControllerTest, FingerHeldStillBeforeLiftingDoesNotCoast) {
    flick(1, 10, 0.01f);
    frames(12);  // a fifth of a second without moving
    finger(SDL_FINGERUP, 1, 0.4f, 0.5f);
    EXPECT_FALSE(input.coasting());
}

TEST_F(InputControllerTest, ATouchStopsACoastAndIsNoTap) {
    flick(1, 10, 0.01f);
    finger(SDL_FINGERUP, 1, 0.4f, 0.5f);
    frames(3);
    ASSERT_TRUE(input.coasting());
    tap(2, 0.5f, 0.5f);
    EXPECT_FALSE(input.coasting());
    EXPECT_TRUE(picks.empty()) << "the touch was meant to stop the view, not to select";
}

TEST_F(InputControllerTest, MouseOrbitCoastsToo) {
    mouseButton(SDL_MOUSEBUTTONDOWN, SDL_BUTTON_LEFT, 0);
    for (int i = 0; i < 10; ++i) {
        mouseMove(8, 0, 0);
        frames(1);
    }
    mouseButton(SDL_MOUSEBUTTONUP, SDL_BUTTON_LEFT, 0);
    const double released = rig.headingDeg();
    frames(5);
    EXPECT_LT(rig.headingDeg(), released);
}

TEST_F(InputControllerTest, AFlightStopsTheCoast) {
    flick(1, 10, 0.01f);
    finger(SDL_FINGERUP, 1, 0.4f, 0.5f);
    rig.flyTo({0, -200, 50}, {0, 0, 0}, 2.0);
    frames(1);
    EXPECT_FALSE(input.coasting());
    EXPECT_TRUE(rig.animating()) << "the coast must not cut the flight short";
}

TEST_F(InputControllerTest, TwoFingerPanCoastsAfterBothLift) {
    finger(SDL_FINGERDOWN, 1, 0.4f, 0.5f);
    finger(SDL_FINGERDOWN, 2, 0.6f, 0.5f);
    for (int i = 1; i <= 10; ++i) {
        finger(SDL_FINGERMOTION, 1, 0.4f + 0.01f * i, 0.5f);
        finger(SDL_FINGERMOTION, 2, 0.6f + 0.01f * i, 0.5f);
        frames(1);
    }
    finger(SDL_FINGERUP, 1, 0.5f, 0.5f);
    finger(SDL_FINGERUP, 2, 0.7f, 0.5f);
    const osg::Vec3d released = rig.target();
    EXPECT_LT(released.x(), 0.0) << "dragging the ground right moves the camera west";
    frames(10);
    EXPECT_LT(rig.target().x(), released.x()) << "and on after the fingers lift";
}

TEST_F(InputControllerTest, DoubleTapSelectsOnceThenFlies) {
    tap(1, 0.25f, 0.5f);
    frames(5);
    tap(2, 0.26f, 0.5f);
    ASSERT_EQ(picks.size(), 1u) << "the first tap selects, the second does not again";
    ASSERT_EQ(flights.size(), 1u);
    EXPECT_NEAR(flights[0].first, 0.26 * 800, 1e-3);
    EXPECT_NEAR(flights[0].second, 300.0, 1e-3);
}

TEST_F(InputControllerTest, SlowTapsAreTwoSelections) {
    tap(1, 0.25f, 0.5f);
    frames(30);  // half a second
    tap(2, 0.25f, 0.5f);
    EXPECT_EQ(picks.size(), 2u);
    EXPECT_TRUE(flights.empty());
}

TEST_F(InputControllerTest, LosingFocusForgetsFingersSoTheNextDragOrbits) {
    finger(SDL_FINGERDOWN, 1, 0.2f, 0.2f);
    windowEvent(SDL_WINDOWEVENT_FOCUS_LOST);  // finger 1 never lifts
    EXPECT_EQ(input.fingerCount(), 0);
    const double before = rig.headingDeg();
    finger(SDL_FINGERDOWN, 2, 0.5f, 0.5f);
    finger(SDL_FINGERMOTION, 2, 0.75f, 0.5f);
    EXPECT_NEAR(rig.headingDeg(), before - 45.0, 1e-4) << "taken for a pinch with a ghost";
}

TEST_F(InputControllerTest, AGhostFingerOfAVanishedDeviceIsDroppedAfterSeconds) {
    finger(SDL_FINGERDOWN, 1, 0.2f, 0.2f);  // the device goes away: no finger-up
    frames(int((cunjing::viewer::kStaleFingerSeconds + 1.0) / kFrame));
    const double before = rig.headingDeg(), distance = rig.distance();
    finger(SDL_FINGERDOWN, 2, 0.5f, 0.5f);
    finger(SDL_FINGERMOTION, 2, 0.75f, 0.5f);
    EXPECT_NEAR(rig.headingDeg(), before - 45.0, 1e-4);
    EXPECT_DOUBLE_EQ(rig.distance(), distance);
}

TEST_F(InputControllerTest, TwistAndTwoFingerTiltMoveTheCamera) {
    const double heading = rig.headingDeg();
    finger(SDL_FINGERDOWN, 1, 0.45f, 0.5f);
    finger(SDL_FINGERDOWN, 2, 0.55f, 0.5f);
    // Finger 2 swings round finger 1 by 90 degrees clockwise on screen: 80 px right to 80 px
    // down.
    finger(SDL_FINGERMOTION, 2, 0.45f, 0.5f + 80.0f / 600.0f);
    EXPECT_NEAR(rig.headingDeg(), heading - 90.0, 1e-3);
    finger(SDL_FINGERUP, 1, 0.45f, 0.5f);
    finger(SDL_FINGERUP, 2, 0.45f, 0.6f);
    rig.lookAt({0, -100, 50}, {0, 0, 0});
    const double pitch = rig.pitchDeg();
    finger(SDL_FINGERDOWN, 3, 0.4f, 0.6f);
    finger(SDL_FINGERDOWN, 4, 0.6f, 0.6f);
    for (int i = 1; i <= 6; ++i) {
        finger(SDL_FINGERMOTION, 3, 0.4f, 0.6f - 0.01f * i);
        finger(SDL_FINGERMOTION, 4, 0.6f, 0.6f - 0.01f * i);
    }
    EXPECT_NEAR(rig.pitchDeg(), pitch + 0.06 * 90.0, 1e-3) << "two fingers up tilt to level";
}
