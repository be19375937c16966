// The touch screen side of InputController: fingers on the 3D view orbit, pinch, twist, tilt
// and pan (TouchTracker), taps select and double taps fly, a flick coasts on; a touch device or
// window that goes away mid-gesture leaves no ghost finger behind.

#include "InputController.h"

#include <SDL.h>

namespace cunjing::viewer {

void InputController::onWindow(const SDL_Event& event) {
    // Fingers down when the window loses focus or hides never send their finger-up here.
    switch (event.window.event) {
        case SDL_WINDOWEVENT_FOCUS_LOST:
        case SDL_WINDOWEVENT_HIDDEN:
        case SDL_WINDOWEVENT_MINIMIZED:
            clearTouches();
            break;
        default:
            break;
    }
}

void InputController::clearTouches() {
    touch_.clear();
    fingerTap_.cancel();
    doubleTap_.reset();
    tapFinger_ = -1;
    if (measuring_ != Motion::None && !orbiting_)
        beginMotion(Motion::None);  // a gesture cut off is no flick
    if (dragFinger_ >= 0) {
        dragFinger_ = -1;
        if (actions_.dragEnd)
            actions_.dragEnd(dragFingerX_, dragFingerY_);
    }
}

void InputController::onFinger(const SDL_Event& event) {
    const SDL_TouchFingerEvent& f = event.tfinger;
    // SDL2 has no touch-device-removed event: a finger id that lands again, or a dragging
    // finger silent for kStaleFingerSeconds when another lands, ended without telling us.
    if (dragFinger_ >= 0 && event.type == SDL_FINGERDOWN &&
        (f.fingerId == dragFinger_ || clock_ - dragFingerTime_ > kStaleFingerSeconds)) {
        dragFinger_ = -1;
        if (actions_.dragEnd)
            actions_.dragEnd(dragFingerX_, dragFingerY_);
    }
    if (event.type == SDL_FINGERDOWN) {
        fingerDown(event);
        return;
    }
    if (f.fingerId == dragFinger_) {
        dragFingerX_ = f.x * width_;
        dragFingerY_ = f.y * height_;
        dragFingerTime_ = clock_;
        if (event.type == SDL_FINGERUP) {
            dragFinger_ = -1;
            if (actions_.dragEnd)
                actions_.dragEnd(dragFingerX_, dragFingerY_);
        } else if (actions_.dragMove) {
            actions_.dragMove(dragFingerX_, dragFingerY_);
        }
        return;
    }
    if (event.type == SDL_FINGERUP)
        fingerUp(event);
    else
        fingerMotion(event);
}

void InputController::fingerDown(const SDL_Event& event) {
    const SDL_TouchFingerEvent& f = event.tfinger;
    const double x = f.x * width_, y = f.y * height_;
    // A finger that lands on a panel belongs to ImGui (through the synthetic mouse events).
    if (state_.overUi(float(x), float(y)))
        return;
    // A lone finger on the divider moves it instead of orbiting.
    if (touch_.fingerCount() == 0 && actions_.dragBegin && actions_.dragBegin(x, y, false)) {
        dragFinger_ = f.fingerId;
        dragFingerX_ = x;
        dragFingerY_ = y;
        dragFingerTime_ = clock_;
        return;
    }
    touch_.fingerDown(f.fingerId, f.x, f.y, clock_);
    // Only a lone finger can tap; a second one makes the touch a gesture. A touch that stops
    // a coasting view is no tap either: it was meant to stop it, not to select.
    if (touch_.fingerCount() == 1) {
        if (!beginMotion(Motion::Orbit)) {
            fingerTap_.press(x, y);
            tapFinger_ = f.fingerId;
        }
    } else {
        fingerTap_.cancel();
        doubleTap_.reset();
        if (touch_.fingerCount() == 2)
            beginMotion(Motion::Pan);
        else
            beginMotion(Motion::None);  // three fingers: no gesture of ours, and no flick
    }
}

void InputController::fingerUp(const SDL_Event& event) {
    const SDL_TouchFingerEvent& f = event.tfinger;
    const double x = f.x * width_, y = f.y * height_;
    const bool known = touch_.fingerCount() > 0;
    touch_.fingerUp(f.fingerId);
    if (known && touch_.fingerCount() == 0)
        releaseMotion();
    if (f.fingerId != tapFinger_)
        return;
    tapFinger_ = -1;
    if (!fingerTap_.release(x, y)) {
        doubleTap_.reset();  // a drag between two taps makes them no pair
        return;
    }
    // The first tap selects at once; the second of a pair flies there instead.
    if (doubleTap_.tap(clock_, x, y) && actions_.flyToPoint)
        actions_.flyToPoint(x, y);
    else if (actions_.pick)
        actions_.pick(x, y);
}

void InputController::fingerMotion(const SDL_Event& event) {
    const SDL_TouchFingerEvent& f = event.tfinger;
    if (f.fingerId == tapFinger_)
        fingerTap_.move(f.x * width_, f.y * height_);
    const TouchMove move = touch_.fingerMotion(f.fingerId, f.x, f.y, clock_);
    if (move.orbit.headingDeg != 0 || move.orbit.pitchDeg != 0) {
        rig_.orbit(move.orbit.headingDeg, move.orbit.pitchDeg);
    }
    if (move.zoomFactor != 1)
        rig_.zoom(move.zoomFactor);
    if (move.panDx != 0 || move.panDy != 0)
        pan(move.panDx, move.panDy);
    // Only a one-finger orbit and a two-finger pan coast on; a tilt, pinch or twist stops
    // where the fingers leave it.
    if (measuring_ == Motion::Orbit && touch_.fingerCount() == 1 && !touch_.multiTouch())
        velocity_.add(move.orbit.headingDeg, move.orbit.pitchDeg);
    else if (measuring_ == Motion::Pan && touch_.twoFingerMode() == TwoFingerMode::PanZoomTwist)
        velocity_.add(move.panDx, move.panDy);
}

}  // namespace cunjing::viewer
