#include <cunjing/viewer/Gestures.h>

#include <algorithm>
#include <cmath>

namespace cunjing::viewer {

namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr double kMinSpread = 1e-6;
}  // namespace

OrbitDelta orbitFromDrag(double dx, double dy) {
    return {-dx * kOrbitDegreesPerWidth, -dy * kOrbitDegreesPerHeight};
}

double pinchZoomFactor(double before, double after) {
    if (!(before > kMinSpread) || !(after > kMinSpread))
        return 1.0;
    if (!std::isfinite(before) || !std::isfinite(after))
        return 1.0;
    return before / after;
}

double wheelZoomFactor(double notches) {
    return std::pow(kWheelZoomPerNotch, notches);
}

PanDelta panFromDrag(double dx, double dy, double distanceM, double fovDeg, double aspect) {
    const double visibleHeight = 2.0 * distanceM * std::tan(fovDeg * kPi / 360.0);
    // Moving the pointer right drags the ground right, so the camera goes left.
    return {-dx * visibleHeight * aspect, dy * visibleHeight};
}

double flySpeed(double distanceM, bool fast) {
    const double speed = std::clamp(0.5 * distanceM, 5.0, 500.0);
    return fast ? 4.0 * speed : speed;
}

FlyStep flyStep(const FlyKeys& keys, double dtSeconds, double distanceM) {
    const double step = flySpeed(distanceM, keys.fast) * std::max(dtSeconds, 0.0);
    auto axis = [step](bool plus, bool minus) { return step * (double(plus) - double(minus)); };
    return {axis(keys.forward, keys.back), axis(keys.right, keys.left), axis(keys.up, keys.down)};
}

void TapDetector::press(double x, double y) {
    startX_ = x;
    startY_ = y;
    pressed_ = true;
    strayed_ = false;
}

void TapDetector::track(double x, double y) {
    if (pressed_ && std::hypot(x - startX_, y - startY_) > kTapSlopPixels)
        strayed_ = true;
}

void TapDetector::move(double x, double y) {
    track(x, y);
}

bool TapDetector::release(double x, double y) {
    track(x, y);
    const bool tap = pressed_ && !strayed_;
    pressed_ = false;
    return tap;
}

void TouchTracker::setWindowSize(double width, double height) {
    width_ = std::max(width, 1.0);
    height_ = std::max(height, 1.0);
}

double TouchTracker::spread(const Point& a, const Point& b) const {
    return std::hypot((a.first - b.first) * width_, (a.second - b.second) * height_);
}

void TouchTracker::fingerDown(std::int64_t id, double x, double y) {
    fingers_[id] = {x, y};
    if (fingers_.size() >= 2)
        multiTouch_ = true;
}

void TouchTracker::fingerUp(std::int64_t id) {
    fingers_.erase(id);
    if (fingers_.empty())
        multiTouch_ = false;
}

void TouchTracker::clear() {
    fingers_.clear();
    multiTouch_ = false;
}

TouchMove TouchTracker::fingerMotion(std::int64_t id, double x, double y) {
    TouchMove move;
    auto it = fingers_.find(id);
    if (it == fingers_.end())
        return move;  // a finger that started on the UI
    const Point before = it->second;
    it->second = {x, y};
    if (fingers_.size() == 1) {
        if (!multiTouch_)
            move.orbit = orbitFromDrag(x - before.first, y - before.second);
        return move;
    }
    if (fingers_.size() != 2)
        return move;  // three or more fingers: no gesture of ours
    const Point other =
        (fingers_.begin()->first == id ? std::next(fingers_.begin()) : fingers_.begin())->second;
    move.zoomFactor = pinchZoomFactor(spread(before, other), spread({x, y}, other));
    // The centroid of two fingers moves by half of one finger's movement.
    move.panDx = 0.5 * (x - before.first);
    move.panDy = 0.5 * (y - before.second);
    return move;
}

}  // namespace cunjing::viewer
