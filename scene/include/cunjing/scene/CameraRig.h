#pragma once
/// The camera as users drive it: orbit around a target, pan, zoom, fly, and animated fly-to
/// between viewpoints. Input devices (mouse, keyboard, touch) all end up here.

#include <osg/Matrixd>
#include <osg/Vec3d>

#include <functional>

namespace cunjing::scene {

class CameraRig {
public:
    /// Ground height at a local x, y; the eye is kept above it.
    using GroundQuery = std::function<double(double, double)>;

    void setGroundQuery(GroundQuery query) { ground_ = std::move(query); }
    void lookAt(const osg::Vec3d& eye, const osg::Vec3d& target);

    /// Turns around the target: heading clockwise seen from above, pitch up/down (degrees).
    void orbit(double headingDeg, double pitchDeg);
    /// Moves eye and target together, in metres along the screen's right and up directions
    /// projected on the ground.
    void pan(double rightM, double forwardM);
    /// factor < 1 moves closer, > 1 further (distance to target is scaled).
    void zoom(double factor);
    /// Fly mode: moves along the view direction, right and world up, in metres.
    void fly(double forwardM, double rightM, double upM);
    /// Starts an eased flight to a new eye/target lasting `seconds`.
    void flyTo(const osg::Vec3d& eye, const osg::Vec3d& target, double seconds);
    /// Advances an animation; returns true while one is running.
    bool update(double dtSeconds);
    bool animating() const { return animTime_ < animDuration_; }

    osg::Vec3d eye() const;
    osg::Vec3d target() const { return target_; }
    double distance() const { return distance_; }
    double headingDeg() const { return heading_; }
    double pitchDeg() const { return pitch_; }
    osg::Matrixd viewMatrix() const;

private:
    struct Pose {
        osg::Vec3d target;
        double distance, heading, pitch;
    };
    Pose pose() const { return {target_, distance_, heading_, pitch_}; }
    void setPose(const Pose& p);
    static Pose poseFrom(const osg::Vec3d& eye, const osg::Vec3d& target);
    void keepAboveGround();

    osg::Vec3d target_{0, 0, 0};
    double distance_ = 100;
    double heading_ = 0;  ///< degrees, 0 = looking north
    double pitch_ = -30;  ///< degrees, negative looks down
    GroundQuery ground_;
    Pose from_{}, to_{};
    double animTime_ = 0, animDuration_ = 0;
};

}  // namespace cunjing::scene
