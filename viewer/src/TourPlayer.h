#pragma once
/// Playing a tour (issue 8, attract mode and the editor's preview): the steps as camera poses,
/// eased flights between them that rise over long hops instead of skimming through hills, a
/// rest of each step's seconds, and round again. Plain arithmetic on a clock the caller
/// advances (frame time, so --fixed-dt runs are exact): tested without a window.

#include <cunjing/scene/SceneFile.h>

#include <osg/Vec3d>

#include <functional>
#include <vector>

namespace cunjing::viewer {

struct TourPose {
    osg::Vec3d eye, target;
    double fovDeg = 40;
};

/// A step resolved for playing: the pose (heights above ground already added), its rest and
/// caption.
struct TourStop {
    TourPose pose;
    double seconds = 6;
    scene::LocalText caption;
};

/// Flights take this long at least (a turn on the spot still reads as a move) and at most (a
/// hop across the county must not bore anyone); in between they grow with the hop's length.
inline constexpr double kMinTourFlightSeconds = 2.0;
inline constexpr double kMaxTourFlightSeconds = 8.0;
/// Metres a second of a flight's length beyond the minimum time.
inline constexpr double kTourCruiseSpeed = 80.0;
/// Mid-flight the view pulls back by this share of the hop's length ...
inline constexpr double kTourSwell = 0.3;
/// ... and tilts down to at least this pitch, fully so for hops of kTourLongHop metres or more,
/// so a long hop climbs, looks over the land and comes down.
inline constexpr double kTourOverviewPitch = -40.0;
inline constexpr double kTourLongHop = 200.0;
/// The eye keeps this far above the ground during a flight.
inline constexpr double kTourClearance = 2.0;

/// Seconds a flight from `a` to `b` takes: 0 when they are the same view.
double tourFlightSeconds(const TourPose& a, const TourPose& b);

/// The pose at `t` (0..1 of the flight's time) from `a` to `b`: eased, turning the short way,
/// swelling mid-flight with the hop length, and above `ground` (when given) in between.
TourPose tourFlightPose(const TourPose& a, const TourPose& b, double t,
                        const std::function<double(double, double)>& ground = {});

class TourPlayer {
public:
    using GroundQuery = std::function<double(double, double)>;

    /// `stops` must not be empty.
    explicit TourPlayer(std::vector<TourStop> stops, GroundQuery ground = {});

    /// Starts the flight from the camera's pose `from` to stop `first`: that step has begun.
    void start(const TourPose& from, int first = 0);
    /// Advances the clock by dt seconds; true when another step began (its flight started).
    bool update(double dt);

    /// The pose to show now.
    const TourPose& pose() const { return pose_; }
    /// The step flown to or rested at, 0-based.
    int step() const { return step_; }
    int stepCount() const { return int(stops_.size()); }
    const TourStop& stop() const { return stops_[std::size_t(step_)]; }
    bool resting() const { return time_ >= flight_; }

private:
    void beginStep(int index, const TourPose& from);

    std::vector<TourStop> stops_;
    GroundQuery ground_;
    TourPose from_, pose_;
    int step_ = 0;
    double time_ = 0;    ///< seconds since the step began (its flight, then its rest)
    double flight_ = 0;  ///< the step's flight seconds
};

}  // namespace cunjing::viewer
