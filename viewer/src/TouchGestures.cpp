// The touch side of Gestures.h: following fingers, and telling a two-finger tilt from a
// pan, pinch and twist.

#include <cunjing/viewer/Gestures.h>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace cunjing::viewer {

namespace {

using Point = std::pair<double, double>;

Point minus(const Point& a, const Point& b) {
    return {a.first - b.first, a.second - b.second};
}

double length(const Point& p) {
    return std::hypot(p.first, p.second);
}

/// Mostly vertical: the vertical movement at least twice the horizontal.
bool vertical(const Point& d) {
    return std::abs(d.second) >= 2.0 * std::abs(d.first);
}

}  // namespace

TwoFingerMode classifyTwoFingers(Point a0, Point b0, Point a1, Point b1) {
    const Point da = minus(a1, a0), db = minus(b1, b0);
    const double travel = std::max(length(da), length(db));
    // Touch events come one finger at a time: wait for the second finger's share of the
    // movement, unless it plainly stays put (a pinch or twist about a resting finger).
    const double other = std::min(length(da), length(db));
    if (travel < kGestureLockPixels ||
        (other < 0.5 * kGestureLockPixels && travel < 3.0 * kGestureLockPixels))
        return TwoFingerMode::Undecided;
    const bool sameWay = da.second * db.second > 0;
    const double spreadChange = std::abs(length(minus(b1, a1)) - length(minus(b0, a0)));
    const Point line0 = minus(b0, a0), line1 = minus(b1, a1);
    const double turn =
        std::abs(twistHeadingDelta(line0.first, line0.second, line1.first, line1.second));
    if (sameWay && vertical(da) && vertical(db) && spreadChange < 0.5 * travel &&
        turn < kTiltMaxTurnDeg)
        return TwoFingerMode::Tilt;
    return TwoFingerMode::PanZoomTwist;
}

void TouchTracker::setWindowSize(double width, double height) {
    width_ = std::max(width, 1.0);
    height_ = std::max(height, 1.0);
}

void TouchTracker::fingerDown(std::int64_t id, double x, double y, double time) {
    // A finger silent for seconds while another lands is a ghost: its device went away without
    // lifting it. Kept, it would turn the newcomer's drag into a pinch.
    std::erase_if(fingers_, [time](const auto& entry) {
        return time - entry.second.lastEvent > kStaleFingerSeconds;
    });
    if (fingers_.empty())
        multiTouch_ = false;
    fingers_[id] = {{x, y}, time};
    if (fingers_.size() == 2)
        startTwoFingers();
    if (fingers_.size() >= 2)
        multiTouch_ = true;
}

void TouchTracker::startTwoFingers() {
    startA_ = appliedA_ = pixels(fingers_.begin()->second.at);
    startB_ = appliedB_ = pixels(std::next(fingers_.begin())->second.at);
    mode_ = TwoFingerMode::Undecided;
    pendingTwistDeg_ = 0;
    twisting_ = false;
}

void TouchTracker::fingerUp(std::int64_t id) {
    fingers_.erase(id);
    // A third finger lifting leaves a fresh pair: read it afresh.
    if (fingers_.size() == 2)
        startTwoFingers();
    else
        mode_ = TwoFingerMode::Undecided;
    if (fingers_.empty())
        multiTouch_ = false;
}

void TouchTracker::clear() {
    fingers_.clear();
    multiTouch_ = false;
    mode_ = TwoFingerMode::Undecided;
}

TouchMove TouchTracker::fingerMotion(std::int64_t id, double x, double y, double time) {
    TouchMove move;
    auto it = fingers_.find(id);
    if (it == fingers_.end())
        return move;  // a finger that started on the UI
    const Point before = it->second.at;
    it->second = {{x, y}, time};
    if (fingers_.size() == 1) {
        if (!multiTouch_)
            move.orbit = orbitFromDrag(x - before.first, y - before.second);
        return move;
    }
    if (fingers_.size() != 2)
        return move;  // three or more fingers: no gesture of ours
    return twoFingerMove();
}

TouchMove TouchTracker::twoFingerMove() {
    TouchMove move;
    const Point a = pixels(fingers_.begin()->second.at);
    const Point b = pixels(std::next(fingers_.begin())->second.at);
    if (mode_ == TwoFingerMode::Undecided) {
        mode_ = classifyTwoFingers(startA_, startB_, a, b);
        if (mode_ == TwoFingerMode::Undecided)
            return move;  // nothing applied yet: the lock below hands out all of it
    }
    // The centroid moves by the mean of the two fingers' movements.
    const Point centroid{
        0.5 * (a.first - appliedA_.first + b.first - appliedB_.first) / width_,
        0.5 * (a.second - appliedA_.second + b.second - appliedB_.second) / height_};
    if (mode_ == TwoFingerMode::Tilt) {
        move.orbit.pitchDeg = orbitFromDrag(0, centroid.second).pitchDeg;
    } else {
        const Point line0 = minus(appliedB_, appliedA_), line1 = minus(b, a);
        move.zoomFactor = pinchZoomFactor(length(line0), length(line1));
        move.panDx = centroid.first;
        move.panDy = centroid.second;
        const double turn = twistHeadingDelta(line0.first, line0.second, line1.first, line1.second);
        if (twisting_) {
            move.orbit.headingDeg = turn;
        } else {
            pendingTwistDeg_ += turn;
            twisting_ = std::abs(pendingTwistDeg_) >= kTwistStartDeg;
            if (twisting_)
                move.orbit.headingDeg = pendingTwistDeg_;
        }
    }
    appliedA_ = a;
    appliedB_ = b;
    return move;
}

}  // namespace cunjing::viewer
