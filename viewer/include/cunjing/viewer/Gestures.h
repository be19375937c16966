#pragma once
/// Input arithmetic with no window behind it: how far a drag turns the camera, how much a pinch
/// zooms, how far keys fly, which way two fingers are going, how a flicked view coasts. Mouse,
/// keyboard and touch all go through these, then the CameraRig. Time is always seconds of the
/// app's frame clock (the dt it passes), never the wall clock, so `--fixed-dt` runs repeat.

#include <cstdint>
#include <deque>
#include <map>
#include <utility>

namespace cunjing::viewer {

/// A drag across the whole window width turns half way round; across its height, 90 degrees.
inline constexpr double kOrbitDegreesPerWidth = 180.0;
inline constexpr double kOrbitDegreesPerHeight = 90.0;
/// One mouse wheel notch moves the camera this much closer.
inline constexpr double kWheelZoomPerNotch = 0.85;

struct OrbitDelta {
    double headingDeg = 0;
    double pitchDeg = 0;
};

/// A drag of (dx, dy) in fractions of the window (y grows downwards, as on screen). The scene
/// follows the pointer: dragging right turns the camera left, dragging down looks more down.
OrbitDelta orbitFromDrag(double dx, double dy);

/// Distance factor for a pinch whose finger spread went from `before` to `after`: fingers spread
/// twice as far bring the camera twice as close (factor 0.5). Degenerate spreads give 1.
double pinchZoomFactor(double before, double after);

/// Heading change for two fingers whose connecting line (pixels, y down) turned from
/// (bx, by) to (ax, ay): the scene turns with the fingers, so turning them clockwise on screen
/// turns the camera anticlockwise seen from above (heading decreases). Wrapped to ±180.
double twistHeadingDelta(double bx, double by, double ax, double ay);

/// Distance factor for `notches` of mouse wheel (positive: wheel away from the user, closer).
double wheelZoomFactor(double notches);

struct PanDelta {
    double rightM = 0;
    double forwardM = 0;
};

/// Ground movement for a drag of (dx, dy) window fractions, so the ground roughly follows the
/// pointer: the visible height at the target is 2 * distance * tan(fov / 2).
PanDelta panFromDrag(double dx, double dy, double distanceM, double fovDeg, double aspect);

/// Keys held in fly mode.
struct FlyKeys {
    bool forward = false, back = false, left = false, right = false;
    bool up = false, down = false, fast = false;
};

struct FlyStep {
    double forwardM = 0, rightM = 0, upM = 0;
};

/// Fly speed scales with the distance to the target (slow near a roof, fast over a valley):
/// half the distance per second, 5..500 m/s, four times that with Shift.
double flySpeed(double distanceM, bool fast);
FlyStep flyStep(const FlyKeys& keys, double dtSeconds, double distanceM);

/// A press that moves less than this (window pixels, either axis summed as a distance) before
/// release is a click or tap, not a drag: hands shake a few pixels on a touch screen.
inline constexpr double kTapSlopPixels = 8.0;

/// Tells a click or tap from a drag: press, move, release. Positions in window pixels.
class TapDetector {
public:
    void press(double x, double y);
    void move(double x, double y);
    /// True when the press that ends here never strayed past kTapSlopPixels.
    bool release(double x, double y);
    /// Forgets the press (a second finger landed: that is a gesture, not a tap).
    void cancel() { pressed_ = false; }
    bool pressed() const { return pressed_; }

private:
    void track(double x, double y);

    double startX_ = 0, startY_ = 0;
    bool pressed_ = false, strayed_ = false;
};

/// Two taps this close in time and place are a double tap (fly there), as phones count them.
inline constexpr double kDoubleTapSeconds = 0.3;
inline constexpr double kDoubleTapPixels = 30.0;

/// Pairs taps into double taps. The first tap still selects at once (waiting to see whether a
/// second follows would make every selection lag); the second flies instead of selecting again.
class DoubleTapDetector {
public:
    /// A tap at `time` (frame clock seconds), window pixels: true when it completes a double
    /// tap. A completed double tap is forgotten, so a third tap starts a new pair.
    bool tap(double time, double x, double y);
    void reset() { hasFirst_ = false; }

private:
    double time_ = 0, x_ = 0, y_ = 0;
    bool hasFirst_ = false;
};

/// Release velocity: the movement of the last kVelocityWindowSeconds of a drag over that time,
/// so a finger that stopped before lifting has none, and one flicked has the flick's speed.
inline constexpr double kVelocityWindowSeconds = 0.08;

/// Collects a drag's movement (any 2D unit: degrees, window fractions) frame by frame.
class VelocityTracker {
public:
    /// Movement since the last frame.
    void add(double dx, double dy);
    /// Closes the frame that lasted dtSeconds, with the movement added during it.
    void endFrame(double dtSeconds);
    /// Units per second over the latest frames, including movement added since the last
    /// endFrame (counted over the last frame's length: the release came within this frame).
    std::pair<double, double> velocity() const;
    void reset();

private:
    struct Sample {
        double dt, dx, dy;
    };
    std::deque<Sample> samples_;
    double pendingX_ = 0, pendingY_ = 0;
    double lastDt_ = 1.0 / 60.0;
};

/// A released drag coasts on, slowing with this time constant (e-fold), until its speed falls
/// below kInertiaStopFraction of where it started (or kInertiaMinSpeed, units per second).
inline constexpr double kInertiaTimeConstant = 0.4;
inline constexpr double kInertiaStopFraction = 0.02;
/// Releases slower than these do not coast (a finger lifted in place, a slow careful drag):
/// orbit in degrees per second, pan in window fractions per second.
inline constexpr double kOrbitCoastMinSpeed = 10.0;
inline constexpr double kPanCoastMinSpeed = 0.05;

/// Coasting after release: exponential decay of the release velocity.
class Inertia {
public:
    /// `minStartSpeed` in the velocity's units (degrees/s for orbit, fractions/s for pan).
    void start(std::pair<double, double> velocity, double minStartSpeed);
    void stop() { active_ = false; }
    bool active() const { return active_; }
    /// The movement during the next dtSeconds (exactly the integral of the decaying velocity,
    /// so the distance coasted does not depend on the frame rate).
    std::pair<double, double> step(double dtSeconds);

private:
    double vx_ = 0, vy_ = 0, stopSpeed_ = 0;
    bool active_ = false;
};

/// What the fingers on a touch screen asked of the camera since the last event.
struct TouchMove {
    OrbitDelta orbit;  ///< one finger: orbit; two: twist (heading) or tilt (pitch)
    double zoomFactor = 1;
    double panDx = 0, panDy = 0;  ///< centroid movement, window fractions
};

/// How two fingers on the view are read. Until one finger has moved kGestureLockPixels and the
/// other half that (or the one three times that, the other resting) the gesture is Undecided
/// and moves nothing; then it locks until a finger lifts, so it cannot flicker between
/// readings, and hands out all the movement so far at once:
/// - Tilt: both fingers move the same way, mostly vertically (|dy| at least twice |dx| for each),
///   with little spread change (under half the travel) and little turn (under kTiltMaxTurnDeg).
///   The centroid's vertical movement tilts the view as one finger's would (up: towards the
///   horizon).
/// - PanZoomTwist: anything else. The centroid pans, the spread zooms, and once the line between
///   the fingers has turned kTwistStartDeg, its turns rotate the heading (the first degrees
///   included, so a full twist turns the view by its full angle); small turns of a pinch do not.
enum class TwoFingerMode { Undecided, Tilt, PanZoomTwist };
inline constexpr double kGestureLockPixels = 12.0;
inline constexpr double kTiltMaxTurnDeg = 10.0;
inline constexpr double kTwistStartDeg = 8.0;

/// Reads two fingers' movement from where they were (a0, b0) to where they are (a1, b1),
/// pixels.
TwoFingerMode classifyTwoFingers(std::pair<double, double> a0, std::pair<double, double> b0,
                                 std::pair<double, double> a1, std::pair<double, double> b1);

/// A finger with no event for this long is taken to be gone (a touch device that went away
/// never sends its finger-up); it is dropped when another finger lands.
inline constexpr double kStaleFingerSeconds = 4.0;

/// Follows fingers (positions in window fractions 0..1, as SDL reports them). One finger orbits;
/// two fingers tilt, or pan, pinch and twist (TwoFingerMode). After a two-finger gesture the
/// remaining finger does not orbit until all fingers are lifted, so lifting fingers one by one
/// does not spin the view.
class TouchTracker {
public:
    /// Window size in pixels, so a pinch's spread is measured the same in x and y.
    void setWindowSize(double width, double height);
    /// `time`: the frame clock, to find fingers that stopped reporting (kStaleFingerSeconds).
    void fingerDown(std::int64_t id, double x, double y, double time = 0);
    TouchMove fingerMotion(std::int64_t id, double x, double y, double time = 0);
    void fingerUp(std::int64_t id);
    void clear();
    int fingerCount() const { return static_cast<int>(fingers_.size()); }
    TwoFingerMode twoFingerMode() const { return mode_; }
    /// Whether the fingers down are a two-finger gesture, now or earlier in this touch.
    bool multiTouch() const { return multiTouch_; }

private:
    using Point = std::pair<double, double>;
    struct Finger {
        Point at;
        double lastEvent = 0;
    };
    Point pixels(const Point& p) const { return {p.first * width_, p.second * height_}; }
    void startTwoFingers();
    TouchMove twoFingerMove();

    std::map<std::int64_t, Finger> fingers_;
    double width_ = 1, height_ = 1;
    bool multiTouch_ = false;
    TwoFingerMode mode_ = TwoFingerMode::Undecided;
    Point startA_, startB_;      ///< where the two fingers were when the second landed
    Point appliedA_, appliedB_;  ///< where they were at the last move handed out
    double pendingTwistDeg_ = 0;
    bool twisting_ = false;
};

}  // namespace cunjing::viewer
