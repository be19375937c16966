#include "TourPlayer.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace cunjing::viewer {

namespace {

constexpr double kPi = 3.14159265358979323846;

/// The camera as an orbit around its target, the parameters flights blend (as CameraRig's).
struct Orbit {
    osg::Vec3d target;
    double distance, heading, pitch;  ///< metres; degrees, heading 0 = north, pitch < 0 down
};

Orbit orbitOf(const TourPose& p) {
    osg::Vec3d d = p.target - p.eye;
    const double length = std::max(d.length(), 1e-6);
    d /= length;
    return {p.target, length, std::atan2(d.x(), d.y()) * 180 / kPi,
            std::asin(std::clamp(d.z(), -1.0, 1.0)) * 180 / kPi};
}

osg::Vec3d eyeOf(const Orbit& o) {
    const double h = o.heading * kPi / 180, p = o.pitch * kPi / 180;
    const osg::Vec3d back(-std::sin(h) * std::cos(p), -std::cos(h) * std::cos(p), -std::sin(p));
    return o.target + back * o.distance;
}

/// Smootherstep: no jolt at take-off or landing (zero speed and acceleration at both ends).
double ease(double t) {
    return t * t * t * (t * (t * 6 - 15) + 10);
}

double hopLength(const TourPose& a, const TourPose& b) {
    return std::max((b.eye - a.eye).length(), (b.target - a.target).length());
}

}  // namespace

double tourFlightSeconds(const TourPose& a, const TourPose& b) {
    const double hop = hopLength(a, b);
    const Orbit oa = orbitOf(a), ob = orbitOf(b);
    const double turn = std::abs(std::remainder(ob.heading - oa.heading, 360.0)) +
                        std::abs(ob.pitch - oa.pitch) + std::abs(b.fovDeg - a.fovDeg);
    if (hop < 0.05 && turn < 0.5)
        return 0;
    return std::clamp(kMinTourFlightSeconds + hop / kTourCruiseSpeed, kMinTourFlightSeconds,
                      kMaxTourFlightSeconds);
}

TourPose tourFlightPose(const TourPose& a, const TourPose& b, double t,
                        const std::function<double(double, double)>& ground) {
    if (t <= 0)
        return a;
    if (t >= 1)
        return b;
    const double e = ease(t);
    const Orbit oa = orbitOf(a), ob = orbitOf(b);
    Orbit o;
    o.target = oa.target * (1 - e) + ob.target * e;
    // The short way round, and distance in log space so a far view does not crawl in.
    o.heading = oa.heading + std::remainder(ob.heading - oa.heading, 360.0) * e;
    o.pitch = oa.pitch * (1 - e) + ob.pitch * e;
    o.distance = std::exp(std::log(oa.distance) * (1 - e) + std::log(ob.distance) * e);
    // The swell: zero at both ends, largest mid-flight, in proportion to the hop.
    const double hop = hopLength(a, b);
    const double bump = std::sin(kPi * e);
    o.distance += kTourSwell * hop * bump;
    const double weight = bump * std::min(1.0, hop / kTourLongHop);
    o.pitch += (std::min(o.pitch, kTourOverviewPitch) - o.pitch) * weight;
    TourPose p{eyeOf(o), o.target, a.fovDeg * (1 - e) + b.fovDeg * e};
    if (ground) {
        const double floor = ground(p.eye.x(), p.eye.y()) + kTourClearance;
        p.eye.z() = std::max(p.eye.z(), floor);
    }
    return p;
}

TourPlayer::TourPlayer(std::vector<TourStop> stops, GroundQuery ground)
    : stops_(std::move(stops)), ground_(std::move(ground)) {
    assert(!stops_.empty());
}

void TourPlayer::start(const TourPose& from, int first) {
    beginStep(std::clamp(first, 0, stepCount() - 1), from);
}

void TourPlayer::beginStep(int index, const TourPose& from) {
    step_ = index;
    from_ = from;
    pose_ = from;
    time_ = 0;
    flight_ = tourFlightSeconds(from, stops_[std::size_t(index)].pose);
}

bool TourPlayer::update(double dt) {
    time_ += std::max(dt, 0.0);
    bool began = false;
    // At most one step change a frame: a long stall must not skip steps unseen.
    if (time_ >= flight_ + stop().seconds) {
        const double over = time_ - flight_ - stop().seconds;
        beginStep((step_ + 1) % stepCount(), stop().pose);
        time_ = std::min(over, flight_);
        began = true;
    }
    pose_ =
        flight_ > 0 ? tourFlightPose(from_, stop().pose, time_ / flight_, ground_) : stop().pose;
    return began;
}

}  // namespace cunjing::viewer
