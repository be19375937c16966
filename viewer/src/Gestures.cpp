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

double twistHeadingDelta(double bx, double by, double ax, double ay) {
    if (std::hypot(bx, by) < kMinSpread || std::hypot(ax, ay) < kMinSpread)
        return 0.0;
    // Screen angles grow clockwise (y is down); the heading turns the other way.
    double turn = (std::atan2(ay, ax) - std::atan2(by, bx)) * 180.0 / kPi;
    if (turn > 180.0)
        turn -= 360.0;
    else if (turn < -180.0)
        turn += 360.0;
    return -turn;
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

bool DoubleTapDetector::tap(double time, double x, double y) {
    const bool pair = hasFirst_ && time - time_ <= kDoubleTapSeconds &&
                      std::hypot(x - x_, y - y_) <= kDoubleTapPixels;
    hasFirst_ = !pair;
    time_ = time;
    x_ = x;
    y_ = y;
    return pair;
}

void VelocityTracker::add(double dx, double dy) {
    pendingX_ += dx;
    pendingY_ += dy;
}

void VelocityTracker::endFrame(double dtSeconds) {
    if (!(dtSeconds > 0))
        return;  // a frame that took no time cannot carry a speed; its movement waits
    samples_.push_back({dtSeconds, pendingX_, pendingY_});
    pendingX_ = pendingY_ = 0;
    lastDt_ = dtSeconds;
    // Keep just enough frames to cover the window, counting from the newest.
    double covered = 0;
    std::size_t keep = 0;
    for (auto it = samples_.rbegin(); it != samples_.rend() && covered < kVelocityWindowSeconds;
         ++it, ++keep)
        covered += it->dt;
    samples_.erase(samples_.begin(), samples_.end() - std::ptrdiff_t(keep));
}

std::pair<double, double> VelocityTracker::velocity() const {
    // The movement not yet closed by endFrame happened in the frame now running, which is
    // about as long as the last one: it is the newest sample.
    double time = 0, x = 0, y = 0;
    if (pendingX_ != 0 || pendingY_ != 0) {
        time = lastDt_;
        x = pendingX_;
        y = pendingY_;
    }
    for (auto it = samples_.rbegin(); it != samples_.rend() && time < kVelocityWindowSeconds;
         ++it) {
        time += it->dt;
        x += it->dx;
        y += it->dy;
    }
    if (!(time > 0))
        return {0.0, 0.0};
    return {x / time, y / time};
}

void VelocityTracker::reset() {
    samples_.clear();
    pendingX_ = pendingY_ = 0;
}

void Inertia::start(std::pair<double, double> velocity, double minStartSpeed) {
    vx_ = velocity.first;
    vy_ = velocity.second;
    const double speed = std::hypot(vx_, vy_);
    active_ = std::isfinite(speed) && speed >= minStartSpeed;
    stopSpeed_ = kInertiaStopFraction * speed;
}

std::pair<double, double> Inertia::step(double dtSeconds) {
    if (!active_ || !(dtSeconds > 0))
        return {0.0, 0.0};
    // The integral of v * exp(-t / tau) over the step: v * tau * (1 - exp(-dt / tau)).
    const double decay = std::exp(-dtSeconds / kInertiaTimeConstant);
    const double travel = kInertiaTimeConstant * (1.0 - decay);
    const std::pair<double, double> move{vx_ * travel, vy_ * travel};
    vx_ *= decay;
    vy_ *= decay;
    if (std::hypot(vx_, vy_) < stopSpeed_)
        active_ = false;
    return move;
}

}  // namespace cunjing::viewer
