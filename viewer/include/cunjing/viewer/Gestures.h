#pragma once
/// Input arithmetic with no window behind it: how far a drag turns the camera, how much a pinch
/// zooms, how far keys fly. Mouse, keyboard and touch all go through these, then the CameraRig.

#include <cstdint>
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

/// What the fingers on a touch screen asked of the camera since the last event.
struct TouchMove {
    OrbitDelta orbit;
    double zoomFactor = 1;
    double panDx = 0, panDy = 0;  ///< centroid movement, window fractions
};

/// Follows fingers (positions in window fractions 0..1, as SDL reports them). One finger orbits;
/// two fingers pinch to zoom and drag to pan. After a two-finger gesture the remaining finger does
/// not orbit until all fingers are lifted, so lifting fingers one by one does not spin the view.
class TouchTracker {
public:
    /// Window size in pixels, so a pinch's spread is measured the same in x and y.
    void setWindowSize(double width, double height);
    void fingerDown(std::int64_t id, double x, double y);
    TouchMove fingerMotion(std::int64_t id, double x, double y);
    void fingerUp(std::int64_t id);
    void clear();
    int fingerCount() const { return static_cast<int>(fingers_.size()); }

private:
    using Point = std::pair<double, double>;
    double spread(const Point& a, const Point& b) const;

    std::map<std::int64_t, Point> fingers_;
    double width_ = 1, height_ = 1;
    bool multiTouch_ = false;
};

}  // namespace cunjing::viewer
