#include "InputController.h"

#include <SDL.h>

#include <algorithm>

namespace cunjing::viewer {

InputController::InputController(scene::CameraRig& rig, UiState& state, InputActions actions)
    : rig_(rig), state_(state), actions_(std::move(actions)) {}

void InputController::setWindowSize(int width, int height) {
    width_ = std::max(width, 1);
    height_ = std::max(height, 1);
    touch_.setWindowSize(width_, height_);
}

void InputController::handle(const SDL_Event& event, bool uiWantsMouse, bool uiWantsKeyboard) {
    switch (event.type) {
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
            onMouseButton(event, uiWantsMouse);
            break;
        case SDL_MOUSEMOTION:
            onMouseMotion(event);
            break;
        case SDL_MOUSEWHEEL:
            onWheel(event, uiWantsMouse);
            break;
        case SDL_KEYDOWN:
            if (!uiWantsKeyboard)
                onKeyDown(event);
            break;
        case SDL_FINGERDOWN:
        case SDL_FINGERMOTION:
        case SDL_FINGERUP:
            onFinger(event);
            break;
        case SDL_WINDOWEVENT:
            onWindow(event);
            break;
        // SDL_MULTIGESTURE carries what the finger events already tell us; the tracker measures
        // the pinch from finger positions, which gives an exact spread ratio.
        default:
            break;
    }
}

void InputController::onMouseButton(const SDL_Event& event, bool uiWantsMouse) {
    // Touches also arrive as synthetic mouse events; the finger events handle those.
    if (event.button.which == SDL_TOUCH_MOUSEID)
        return;
    const bool down = event.type == SDL_MOUSEBUTTONDOWN;
    if (down && uiWantsMouse)
        return;
    if (event.button.button == SDL_BUTTON_LEFT && (dragging_ || down)) {
        if (down && actions_.dragBegin &&
            actions_.dragBegin(event.button.x, event.button.y,
                               (SDL_GetModState() & KMOD_SHIFT) != 0)) {
            dragging_ = true;
            return;
        }
        if (!down && dragging_) {
            dragging_ = false;
            if (actions_.dragEnd)
                actions_.dragEnd(event.button.x, event.button.y);
            return;
        }
    }
    if (event.button.button == SDL_BUTTON_LEFT) {
        // A press that started on a panel never orbited, so its release is no click either.
        const bool wasOrbiting = orbiting_;
        orbiting_ = down;
        if (down) {
            beginMotion(Motion::Orbit);
            mouseTap_.press(event.button.x, event.button.y);
        } else if (wasOrbiting) {
            releaseMotion();
            if (mouseTap_.release(event.button.x, event.button.y)) {
                if (actions_.pick)
                    actions_.pick(event.button.x, event.button.y);
                // A double click flies there, as a double tap does (SDL counts the clicks).
                if (event.button.clicks >= 2 && actions_.flyToPoint)
                    actions_.flyToPoint(event.button.x, event.button.y);
            }
        }
    }
    if (event.button.button == SDL_BUTTON_RIGHT || event.button.button == SDL_BUTTON_MIDDLE) {
        panning_ = down;
        if (down)
            beginMotion(Motion::None);  // a click stops a coast; a mouse pan does not coast
    }
}

void InputController::onMouseMotion(const SDL_Event& event) {
    if (event.motion.which == SDL_TOUCH_MOUSEID)
        return;
    const double dx = double(event.motion.xrel) / width_, dy = double(event.motion.yrel) / height_;
    if (dragging_) {
        if (actions_.dragMove)
            actions_.dragMove(event.motion.x, event.motion.y);
    } else if (orbiting_) {
        mouseTap_.move(event.motion.x, event.motion.y);
        const OrbitDelta o = orbitFromDrag(dx, dy);
        rig_.orbit(o.headingDeg, o.pitchDeg);
        velocity_.add(o.headingDeg, o.pitchDeg);
    } else if (panning_) {
        pan(dx, dy);
    }
}

void InputController::onWheel(const SDL_Event& event, bool uiWantsMouse) {
    if (event.wheel.which == SDL_TOUCH_MOUSEID || uiWantsMouse)
        return;
    double notches = event.wheel.y;
    if (event.wheel.direction == SDL_MOUSEWHEEL_FLIPPED)
        notches = -notches;
    rig_.zoom(wheelZoomFactor(notches));
}

void InputController::pan(double dx, double dy) {
    const PanDelta p = panFromDrag(dx, dy, rig_.distance(), fovDeg_, double(width_) / height_);
    rig_.pan(p.rightM, p.forwardM);
}

namespace {
/// 1..9 on the main row or the keypad: the viewpoint index, else -1.
int viewpointKey(SDL_Keycode key) {
    if (key >= SDLK_1 && key <= SDLK_9)
        return int(key - SDLK_1);
    if (key >= SDLK_KP_1 && key <= SDLK_KP_9)
        return int(key - SDLK_KP_1);
    return -1;
}
}  // namespace

void InputController::onKeyDown(const SDL_Event& event) {
    if (event.key.repeat)
        return;
    const SDL_Keycode key = event.key.keysym.sym;
    if (const int index = viewpointKey(key); index >= 0) {
        actions_.flyToViewpoint(index);
        return;
    }
    switch (key) {
        case SDLK_f:
            state_.flyMode = !state_.flyMode;
            break;
        case SDLK_HOME:
            actions_.flyToViewpoint(0);
            break;
        case SDLK_F12:
        case SDLK_p:
            actions_.screenshot();
            break;
        case SDLK_h:
        case SDLK_F1:
            state_.showHelp = !state_.showHelp;
            break;
        case SDLK_l:
            if (!state_.kiosk)
                state_.showLight = !state_.showLight;
            break;
        case SDLK_ESCAPE:
            actions_.quit();
            break;
        case SDLK_t:
            if (actions_.toggleState)
                actions_.toggleState();
            break;
        default:
            break;
    }
}

void InputController::update(double dtSeconds, bool uiWantsKeyboard) {
    const double dt = std::max(dtSeconds, 0.0);
    clock_ += dt;
    if (measuring_ != Motion::None)
        velocity_.endFrame(dt);
    coast(dt);
    flyKeys(dt, uiWantsKeyboard);
}

bool InputController::beginMotion(Motion motion) {
    const bool wasCoasting = inertia_.active();
    inertia_.stop();
    measuring_ = motion;
    velocity_.reset();
    return wasCoasting;
}

void InputController::releaseMotion() {
    if (measuring_ == Motion::Orbit)
        inertia_.start(velocity_.velocity(), kOrbitCoastMinSpeed);
    else if (measuring_ == Motion::Pan)
        inertia_.start(velocity_.velocity(), kPanCoastMinSpeed);
    coastMotion_ = measuring_;
    measuring_ = Motion::None;
    velocity_.reset();
}

void InputController::coast(double dtSeconds) {
    if (!inertia_.active())
        return;
    // A flight (a viewpoint, a double tap, the attract tour) takes the camera over.
    if (rig_.animating()) {
        inertia_.stop();
        return;
    }
    const auto [x, y] = inertia_.step(dtSeconds);
    if (coastMotion_ == Motion::Orbit)
        rig_.orbit(x, y);
    else if (coastMotion_ == Motion::Pan)
        pan(x, y);
}

void InputController::flyKeys(double dtSeconds, bool uiWantsKeyboard) {
    if (!state_.flyMode || uiWantsKeyboard)
        return;
    // Scancodes: WASD keep their place on AZERTY and other layouts.
    const Uint8* k = SDL_GetKeyboardState(nullptr);
    FlyKeys keys;
    keys.forward = k[SDL_SCANCODE_W] || k[SDL_SCANCODE_UP];
    keys.back = k[SDL_SCANCODE_S] || k[SDL_SCANCODE_DOWN];
    keys.left = k[SDL_SCANCODE_A] || k[SDL_SCANCODE_LEFT];
    keys.right = k[SDL_SCANCODE_D] || k[SDL_SCANCODE_RIGHT];
    keys.up = k[SDL_SCANCODE_E];
    keys.down = k[SDL_SCANCODE_Q];
    keys.fast = k[SDL_SCANCODE_LSHIFT] || k[SDL_SCANCODE_RSHIFT];
    const FlyStep step = flyStep(keys, dtSeconds, rig_.distance());
    if (step.forwardM != 0 || step.rightM != 0 || step.upM != 0) {
        rig_.fly(step.forwardM, step.rightM, step.upM);
    }
}

}  // namespace cunjing::viewer
