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
    /// A double tap on the 3D view (window coordinates, y down): fly towards the point under it.
    std::function<void(double, double)> flyToPoint;
};

class InputController {
public:
    InputController(scene::CameraRig& rig, UiState& state, InputActions actions);

    /// Window size in window coordinates (those of mouse events and ImGui).
    void setWindowSize(int width, int height);
    void setFieldOfView(double fovDeg) { fovDeg_ = fovDeg; }

    /// uiWantsMouse / uiWantsKeyboard: ImGui's capture flags, so clicks on panels stay there.
    void handle(const SDL_Event& event, bool uiWantsMouse, bool uiWantsKeyboard);
    /// Advances the input clock (double taps, release speeds, stale fingers), lets a released
    /// drag coast on, and moves the camera for keys held down in fly mode. dtSeconds is the
    /// app's frame time (fixed with --fixed-dt), the only clock input reads.
    void update(double dtSeconds, bool uiWantsKeyboard);
    /// Whether a released drag is still coasting (inertia).
    bool coasting() const { return inertia_.active(); }
    int fingerCount() const { return touch_.fingerCount(); }

private:
    /// What a drag's release velocity is measured in, and what a coast moves.
    enum class Motion { None, Orbit, Pan };

    void onWindow(const SDL_Event& event);
    void onMouseButton(const SDL_Event& event, bool uiWantsMouse);
    void onMouseMotion(const SDL_Event& event);
    void onWheel(const SDL_Event& event, bool uiWantsMouse);
    void onKeyDown(const SDL_Event& event);
    void onFinger(const SDL_Event& event);
    void fingerDown(const SDL_Event& event);
    void fingerUp(const SDL_Event& event);
    void fingerMotion(const SDL_Event& event);
    /// Forgets every finger: the touch device or the window went away mid-gesture.
    void clearTouches();
    void pan(double dx, double dy);
    /// Starts measuring a drag of kind `motion` (and stops any coast); true if one was coasting.
    bool beginMotion(Motion motion);
    /// The drag ended: coast on with its release velocity, if fast enough.
    void releaseMotion();
    void coast(double dtSeconds);
    void flyKeys(double dtSeconds, bool uiWantsKeyboard);

    scene::CameraRig& rig_;
    UiState& state_;
    InputActions actions_;
    TouchTracker touch_;
    TapDetector mouseTap_, fingerTap_;
    DoubleTapDetector doubleTap_;
    std::int64_t tapFinger_ = -1;
    double clock_ = 0;  ///< seconds of frame time since start, summed from update()'s dt
    VelocityTracker velocity_;
    Motion measuring_ = Motion::None;  ///< the drag being measured for its release velocity
    Inertia inertia_;
    Motion coastMotion_ = Motion::None;
    int width_ = 1, height_ = 1;
    double fovDeg_ = 40;
    bool orbiting_ = false, panning_ = false;
    bool dragging_ = false;         ///< the app took the left button's drag (dragBegin)
    std::int64_t dragFinger_ = -1;  ///< the finger that drags, when a touch took it
    double dragFingerX_ = 0, dragFingerY_ = 0, dragFingerTime_ = 0;  ///< its last event
};

}  // namespace cunjing::viewer
