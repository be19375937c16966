#pragma once
/// SDL2 input (mouse, keyboard, touch) turned into CameraRig moves and app actions.

#include "UiState.h"

#include <cunjing/scene/CameraRig.h>
#include <cunjing/viewer/Gestures.h>

#include <functional>

typedef union SDL_Event SDL_Event;

namespace cunjing::viewer {

/// What keys can ask of the app beyond moving the camera.
struct InputActions {
    std::function<void(int)> flyToViewpoint;  ///< index into UiState::viewpoints
    std::function<void()> screenshot;
    std::function<void()> quit;
    /// A click or tap on the 3D view (not a drag), in window coordinates (y down).
    std::function<void(double, double)> pick;
    /// A left press or one-finger touch on the 3D view (window coordinates; shift held): true
    /// takes the drag (the swipe divider, a selection box), so it neither orbits nor picks;
    /// then dragMove follows the pointer and dragEnd ends it. Absent: every drag orbits.
    std::function<bool(double, double, bool)> dragBegin;
    std::function<void(double, double)> dragMove;
    std::function<void(double, double)> dragEnd;
    /// T: before / after.
    std::function<void()> toggleState;
};

class InputController {
public:
    InputController(scene::CameraRig& rig, UiState& state, InputActions actions);

    /// Window size in window coordinates (those of mouse events and ImGui).
    void setWindowSize(int width, int height);
    void setFieldOfView(double fovDeg) { fovDeg_ = fovDeg; }

    /// uiWantsMouse / uiWantsKeyboard: ImGui's capture flags, so clicks on panels stay there.
    void handle(const SDL_Event& event, bool uiWantsMouse, bool uiWantsKeyboard);
    /// Keys held down in fly mode move the camera every frame.
    void update(double dtSeconds, bool uiWantsKeyboard);

private:
    void onMouseButton(const SDL_Event& event, bool uiWantsMouse);
    void onMouseMotion(const SDL_Event& event);
    void onWheel(const SDL_Event& event, bool uiWantsMouse);
    void onKeyDown(const SDL_Event& event);
    void onFinger(const SDL_Event& event);
    void pan(double dx, double dy);

    scene::CameraRig& rig_;
    UiState& state_;
    InputActions actions_;
    TouchTracker touch_;
    TapDetector mouseTap_, fingerTap_;
    std::int64_t tapFinger_ = -1;
    int width_ = 1, height_ = 1;
    double fovDeg_ = 40;
    bool orbiting_ = false, panning_ = false;
    bool dragging_ = false;         ///< the app took the left button's drag (dragBegin)
    std::int64_t dragFinger_ = -1;  ///< the finger that drags, when a touch took it
};

}  // namespace cunjing::viewer
