#pragma once
/// Touch gestures written as the viewer's `--inject` event script (viewer/src/EventScript.h),
/// and the cameras the viewer prints for its `print` lines: what ViewerGestureTest drives the
/// real window with and reads back.

#include <osg/Vec3d>

#include <cstddef>
#include <filesystem>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace cunjing::test {

/// A point in window fractions (0..1, y down), as touch events carry them.
using TouchPoint = std::pair<double, double>;

class GestureScript {
public:
    void down(int frame, int finger, TouchPoint p) { event(frame, "down", finger, p); }
    void move(int frame, int finger, TouchPoint p) { event(frame, "move", finger, p); }
    void up(int frame, int finger, TouchPoint p) { event(frame, "up", finger, p); }
    /// Prints the camera (and the selection) after `frame` is drawn.
    void print(int frame);
    /// One finger: down at `frame`, `steps` moves on the frames after, up on the next unless
    /// `lift` is false (it then stays down as finger 1).
    void drag(int frame, TouchPoint from, TouchPoint to, int steps, bool lift = true);
    /// Two fingers side by side about `centre`, `from` then `to` window widths apart; down at
    /// `frame`, moving over `steps` frames, up on the next.
    void pinch(int frame, TouchPoint centre, double from, double to, int steps);
    /// Two fingers `radiusPixels` either side of `centre`, turned `degrees` clockwise on screen
    /// over `steps` frames (a width x height window: the turn is measured in pixels).
    void twist(int frame, TouchPoint centre, double radiusPixels, double degrees, int steps,
               int width, int height);
    /// Two fingers at a and b both moved by (dx, dy) window fractions over `steps` frames.
    void twoFingerDrag(int frame, TouchPoint a, TouchPoint b, double dx, double dy, int steps,
                       bool lift = true);
    /// Down at `frame`, up on the next, in place.
    void tap(int frame, TouchPoint p);
    /// A mouse click at window pixels; `count` 2 is a double click's second click.
    void click(int frame, double x, double y, int count = 1);

    std::string text() const { return text_.str(); }
    std::size_t prints() const { return prints_; }

private:
    void event(int frame, const char* what, int finger, TouchPoint p);

    std::ostringstream text_;
    std::size_t prints_ = 0;
    int nextFinger_ = 1;  ///< every gesture's fingers get fresh ids, as a touch screen gives
};

struct PrintedCamera {
    osg::Vec3d eye, target;
    double heading = 0, pitch = 0, distance = 0, fov = 0;
    std::string selected;  ///< "none", "tree:<id>" or "village:<id>"
};

/// Every `camera:` line of the viewer's stdout, with the `selected:` line after it.
std::vector<PrintedCamera> parseCameras(const std::string& out);

/// The demo's DEM (an ASCII grid, exaggeration 1) in the scene's local frame, whose origin
/// is the grid's centre: ground heights to check the eye against.
class DemoGround {
public:
    static DemoGround read(const std::filesystem::path& ascFile);
    bool valid() const { return cols_ > 1 && rows_ > 1; }
    /// Bilinear height at a local position, clamped to the grid's edge.
    double at(double x, double y) const;

private:
    int cols_ = 0, rows_ = 0;
    double cell_ = 1;
    std::vector<double> heights_;  ///< row 0 the southern edge
};

}  // namespace cunjing::test
