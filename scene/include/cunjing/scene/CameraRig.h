#pragma once
/// The camera as users drive it: orbit around a target, pan, zoom, fly, and animated fly-to
/// between viewpoints. Input devices (mouse, keyboard, touch) all end up here, so the limits
/// that keep a visitor from getting lost hold here for every one of them, flights included:
/// - the eye stays above the ground (kEyeClearance, or as close as it already was: an authored
///   street-level view keeps its height, but no move brings the eye lower than that);
/// - a user move cannot tilt the view past level (kMaxUserPitch): looking up at the scene from
///   below the target is for authored viewpoints only;
/// - with bounds set, the target stays inside the scene's extent and the distance within a few
///   scene sizes, so nobody can pan or zoom the village out of sight.
/// lookAt places the camera exactly where it is told (authored viewpoints, tests).

#include <osg/Matrixd>
#include <osg/Vec3d>

#include <functional>

namespace cunjing::scene {

/// Metres the eye keeps above the ground after a move (a few: over a roof ridge or a tree the
/// ground query does not see, the eye must still not sit inside it), and the least it keeps
/// even where a viewpoint put it lower.
inline constexpr double kEyeClearance = 3.0;
inline constexpr double kMinEyeClearance = 1.0;
/// Degrees: poses may look from -89 (straight down) to +10 (a street-level view up at a roof);
/// a user move stops at level.
inline constexpr double kMinPitch = -89.0, kMaxPitch = 10.0, kMaxUserPitch = 0.0;
inline constexpr double kMinDistance = 1.0, kMaxDistance = 2.0e6;
/// With bounds: the farthest distance is this many scene diagonals, and at least this far.
inline constexpr double kMaxDistancePerSceneSize = 2.0;
inline constexpr double kMinMaxDistance = 500.0;

class CameraRig {
public:
    /// Ground height at a local x, y; the eye is kept above it.
    using GroundQuery = std::function<double(double, double)>;

    void setGroundQuery(GroundQuery query) { ground_ = std::move(query); }
    /// The scene's horizontal extent (local metres): the target stays inside it and the
    /// distance at most kMaxDistancePerSceneSize diagonals (at least kMinMaxDistance).
    void setBounds(const osg::Vec2d& min, const osg::Vec2d& max);
    double maxDistance() const { return maxDistance_; }
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
    /// How high the eye of a pose is above the ground (infinite without a ground query).
    double clearance(const Pose& p) const;
    /// The clearance a move must keep, given the one before it.
    static double clearanceFloor(double before);
    void keepInBounds();
    /// Lifts the eye to `floor` above the ground by looking further down (then, at the pitch
    /// limit, by raising the target).
    void keepAboveGround(double floor);

    osg::Vec3d target_{0, 0, 0};
    double distance_ = 100;
    double heading_ = 0;  ///< degrees, 0 = looking north
    double pitch_ = -30;  ///< degrees, negative looks down
    GroundQuery ground_;
    Pose from_{}, to_{};
    double fromFloor_ = 0, toFloor_ = 0;  ///< clearance floors at a flight's ends
    double animTime_ = 0, animDuration_ = 0;
    bool bounded_ = false;
    osg::Vec2d boundsMin_, boundsMax_;
    double maxDistance_ = kMaxDistance;
};

}  // namespace cunjing::scene
