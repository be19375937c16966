#include <cunjing/scene/CameraRig.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cunjing::scene {

namespace {
constexpr double kPi = 3.14159265358979323846;

double radians(double deg) {
    return deg * kPi / 180.0;
}

/// Unit vector from the target to the eye for a heading (0 = looking north) and pitch.
osg::Vec3d backDirection(double headingDeg, double pitchDeg) {
    const double h = radians(headingDeg), p = radians(pitchDeg);
    return osg::Vec3d(-std::sin(h) * std::cos(p), -std::cos(h) * std::cos(p), -std::sin(p));
}

/// Smooth start and stop for flights.
double ease(double t) {
    return t * t * (3.0 - 2.0 * t);
}
}  // namespace

CameraRig::Pose CameraRig::poseFrom(const osg::Vec3d& eye, const osg::Vec3d& target) {
    osg::Vec3d d = target - eye;
    Pose p{target, std::max(d.length(), kMinDistance), 0, 0};
    d.normalize();
    p.heading = std::atan2(d.x(), d.y()) * 180.0 / kPi;
    p.pitch = std::asin(std::clamp(d.z(), -1.0, 1.0)) * 180.0 / kPi;
    return p;
}

void CameraRig::setPose(const Pose& p) {
    target_ = p.target;
    distance_ = std::clamp(p.distance, kMinDistance, maxDistance_);
    heading_ = std::fmod(p.heading + 540.0, 360.0) - 180.0;
    pitch_ = std::clamp(p.pitch, kMinPitch, kMaxPitch);
}

void CameraRig::setBounds(const osg::Vec2d& min, const osg::Vec2d& max) {
    if (!(min.x() <= max.x()) || !(min.y() <= max.y()))
        return;  // an empty scene has no extent to keep to
    bounded_ = true;
    boundsMin_ = min;
    boundsMax_ = max;
    maxDistance_ =
        std::clamp(kMaxDistancePerSceneSize * (max - min).length(), kMinMaxDistance, kMaxDistance);
    distance_ = std::min(distance_, maxDistance_);
}

double CameraRig::clearance(const Pose& p) const {
    if (!ground_)
        return std::numeric_limits<double>::infinity();
    const osg::Vec3d e = p.target + backDirection(p.heading, p.pitch) * p.distance;
    return e.z() - ground_(e.x(), e.y());
}

double CameraRig::clearanceFloor(double before) {
    return std::clamp(before, kMinEyeClearance, kEyeClearance);
}

void CameraRig::keepInBounds() {
    if (!bounded_)
        return;
    target_.x() = std::clamp(target_.x(), boundsMin_.x(), boundsMax_.x());
    target_.y() = std::clamp(target_.y(), boundsMin_.y(), boundsMax_.y());
}

void CameraRig::lookAt(const osg::Vec3d& eye, const osg::Vec3d& target) {
    animDuration_ = animTime_ = 0;
    setPose(poseFrom(eye, target));
}

void CameraRig::orbit(double headingDeg, double pitchDeg) {
    animDuration_ = animTime_ = 0;
    const double floor = clearanceFloor(clearance(pose()));
    // Tilting up stops at level, or where an authored view already was.
    const double pitch = std::clamp(pitch_ + pitchDeg, kMinPitch,
                                    std::max(kMaxUserPitch, std::min(pitch_, kMaxPitch)));
    setPose({target_, distance_, heading_ + headingDeg, pitch});
    keepAboveGround(floor);
}

void CameraRig::pan(double rightM, double forwardM) {
    animDuration_ = animTime_ = 0;
    const double floor = clearanceFloor(clearance(pose()));
    const double h = radians(heading_);
    const osg::Vec3d forward(std::sin(h), std::cos(h), 0), right(std::cos(h), -std::sin(h), 0);
    target_ += right * rightM + forward * forwardM;
    keepInBounds();
    if (ground_)
        target_.z() = ground_(target_.x(), target_.y());
    keepAboveGround(floor);
}

void CameraRig::zoom(double factor) {
    animDuration_ = animTime_ = 0;
    if (!(factor > 0) || !std::isfinite(factor))
        return;
    const double floor = clearanceFloor(clearance(pose()));
    distance_ = std::clamp(distance_ * factor, kMinDistance, maxDistance_);
    keepAboveGround(floor);
}

void CameraRig::fly(double forwardM, double rightM, double upM) {
    animDuration_ = animTime_ = 0;
    const osg::Vec3d look = -backDirection(heading_, pitch_);
    const double h = radians(heading_);
    const osg::Vec3d right(std::cos(h), -std::sin(h), 0);
    const osg::Vec3d move = look * forwardM + right * rightM + osg::Vec3d(0, 0, upM);
    const double floor = clearanceFloor(clearance(pose()));
    target_ += move;
    keepInBounds();
    // Flying into a hill or down through the ground stops on it: the whole camera rises,
    // instead of the view swinging round as an orbit's would.
    if (const double below = floor - clearance(pose()); below > 0)
        target_.z() += below;
}

void CameraRig::flyTo(const osg::Vec3d& eye, const osg::Vec3d& target, double seconds) {
    from_ = pose();
    to_ = poseFrom(eye, target);
    // Turn the short way round.
    while (to_.heading - from_.heading > 180.0)
        to_.heading -= 360.0;
    while (to_.heading - from_.heading < -180.0)
        to_.heading += 360.0;
    fromFloor_ = clearanceFloor(clearance(from_));
    toFloor_ = clearanceFloor(clearance(to_));
    animTime_ = 0;
    animDuration_ = std::max(seconds, 1e-3);
    if (seconds <= 0)
        update(1.0);
}

bool CameraRig::update(double dt) {
    if (!animating())
        return false;
    animTime_ = std::min(animTime_ + std::max(dt, 0.0), animDuration_);
    const double t = ease(animTime_ / animDuration_);
    // Distance interpolates in log space so long flights do not crawl at the end.
    const double dist = std::exp(std::log(from_.distance) * (1 - t) + std::log(to_.distance) * t);
    setPose({from_.target * (1 - t) + to_.target * t, dist,
             from_.heading * (1 - t) + to_.heading * t, from_.pitch * (1 - t) + to_.pitch * t});
    // Between two viewpoints the straight path may cut through a hill.
    keepInBounds();
    keepAboveGround(fromFloor_ * (1 - t) + toFloor_ * t);
    return animating();
}

osg::Vec3d CameraRig::eye() const {
    return target_ + backDirection(heading_, pitch_) * distance_;
}

osg::Matrixd CameraRig::viewMatrix() const {
    return osg::Matrixd::lookAt(eye(), target_, osg::Vec3d(0, 0, 1));
}

void CameraRig::keepAboveGround(double floor) {
    if (!ground_)
        return;
    // Raise the pitch just enough to lift the eye over the ground. The eye moves as the pitch
    // changes, and the ground under it with it: a few rounds settle on a slope.
    for (int round = 0; round < 4 && clearance(pose()) < floor; ++round) {
        const osg::Vec3d e = eye();
        const double minZ = ground_(e.x(), e.y()) + floor;
        const double needed = (minZ - target_.z()) / distance_;
        const double pitch = -std::asin(std::clamp(needed, -1.0, 1.0)) * 180.0 / kPi;
        pitch_ = std::clamp(std::min(pitch, pitch_), kMinPitch, kMaxPitch);
    }
    // Straight down and still too low (zoomed onto a roof the ground query does not see, or a
    // target under the ground): lift the target.
    if (const double below = floor - clearance(pose()); below > 0)
        target_.z() += below;
}

}  // namespace cunjing::scene
