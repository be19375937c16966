#include "GestureScript.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>

namespace cunjing::test {

void GestureScript::event(int frame, const char* what, int finger, TouchPoint p) {
    text_ << frame << ' ' << what << ' ' << finger << ' ' << p.first << ' ' << p.second << '\n';
}

void GestureScript::print(int frame) {
    text_ << frame << " print\n";
    ++prints_;
}

void GestureScript::drag(int frame, TouchPoint from, TouchPoint to, int steps, bool lift) {
    const int id = nextFinger_++;
    down(frame, id, from);
    for (int i = 1; i <= steps; ++i) {
        const double f = double(i) / steps;
        move(frame + i, id,
             {from.first + (to.first - from.first) * f,
              from.second + (to.second - from.second) * f});
    }
    if (lift)
        up(frame + steps + 1, id, to);
}

void GestureScript::pinch(int frame, TouchPoint centre, double from, double to, int steps) {
    const int a = nextFinger_++, b = nextFinger_++;
    auto at = [&](int finger, double spread) {
        const double side = finger == a ? -0.5 : 0.5;
        return TouchPoint{centre.first + side * spread, centre.second};
    };
    down(frame, a, at(a, from));
    down(frame, b, at(b, from));
    for (int i = 1; i <= steps; ++i) {
        const double spread = from + (to - from) * double(i) / steps;
        move(frame + i, a, at(a, spread));
        move(frame + i, b, at(b, spread));
    }
    up(frame + steps + 1, a, at(a, to));
    up(frame + steps + 1, b, at(b, to));
}

void GestureScript::twist(int frame, TouchPoint centre, double radiusPixels, double degrees,
                          int steps, int width, int height) {
    const int a = nextFinger_++, b = nextFinger_++;
    auto at = [&](int finger, double deg) {
        const double r = (finger == a ? -radiusPixels : radiusPixels);
        const double t = deg * 3.14159265358979323846 / 180.0;
        // Clockwise on screen: y grows downwards, so the angle's sine adds to y.
        return TouchPoint{centre.first + r * std::cos(t) / width,
                          centre.second + r * std::sin(t) / height};
    };
    down(frame, a, at(a, 0));
    down(frame, b, at(b, 0));
    for (int i = 1; i <= steps; ++i) {
        const double deg = degrees * double(i) / steps;
        move(frame + i, a, at(a, deg));
        move(frame + i, b, at(b, deg));
    }
    up(frame + steps + 1, a, at(a, degrees));
    up(frame + steps + 1, b, at(b, degrees));
}

void GestureScript::twoFingerDrag(int frame, TouchPoint a, TouchPoint b, double dx, double dy,
                                  int steps, bool lift) {
    const int ia = nextFinger_++, ib = nextFinger_++;
    auto moved = [&](TouchPoint p, double f) {
        return TouchPoint{p.first + dx * f, p.second + dy * f};
    };
    down(frame, ia, a);
    down(frame, ib, b);
    for (int i = 1; i <= steps; ++i) {
        const double f = double(i) / steps;
        move(frame + i, ia, moved(a, f));
        move(frame + i, ib, moved(b, f));
    }
    if (lift) {
        up(frame + steps + 1, ia, moved(a, 1));
        up(frame + steps + 1, ib, moved(b, 1));
    }
}

void GestureScript::tap(int frame, TouchPoint p) {
    const int id = nextFinger_++;
    down(frame, id, p);
    up(frame + 1, id, p);
}

void GestureScript::click(int frame, double x, double y, int count) {
    text_ << frame << " click " << x << ' ' << y << ' ' << count << "\n";
}

std::vector<PrintedCamera> parseCameras(const std::string& out) {
    std::vector<PrintedCamera> cameras;
    std::istringstream lines(out);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream in(line);
        std::string head, word;
        in >> head;
        if (head == "camera:") {
            PrintedCamera c;
            double ex, ey, ez, tx, ty, tz;
            in >> word >> ex >> ey >> ez >> word >> tx >> ty >> tz >> word >> c.heading >> word >>
                c.pitch >> word >> c.distance >> word >> c.fov;
            if (!in)
                continue;  // not the agreed format: the count check in the test reports it
            c.eye.set(ex, ey, ez);
            c.target.set(tx, ty, tz);
            cameras.push_back(c);
        } else if (head == "selected:" && !cameras.empty()) {
            in >> cameras.back().selected;
        }
    }
    return cameras;
}

DemoGround DemoGround::read(const std::filesystem::path& ascFile) {
    DemoGround g;
    std::ifstream in(ascFile);
    std::string key;
    double value = 0, noData = -9999;
    // Header: ncols, nrows, xllcorner, yllcorner, cellsize, NODATA_value, in any order.
    for (int i = 0; i < 6 && in >> key >> value; ++i) {
        std::transform(key.begin(), key.end(), key.begin(), ::tolower);
        if (key == "ncols")
            g.cols_ = int(value);
        else if (key == "nrows")
            g.rows_ = int(value);
        else if (key == "cellsize")
            g.cell_ = value;
        else if (key == "nodata_value")
            noData = value;
    }
    std::vector<double> northFirst;
    double h = 0;
    while (in >> h)
        northFirst.push_back(h == noData ? 0.0 : h);
    if (!g.valid() || northFirst.size() != std::size_t(g.cols_) * std::size_t(g.rows_))
        return {};
    g.heights_.resize(northFirst.size());
    for (int r = 0; r < g.rows_; ++r) {
        std::copy_n(northFirst.begin() + std::ptrdiff_t(r) * g.cols_, g.cols_,
                    g.heights_.begin() + std::ptrdiff_t(g.rows_ - 1 - r) * g.cols_);
    }
    return g;
}

double DemoGround::at(double x, double y) const {
    // Local (0, 0) is the middle sample: the scene's origin is the grid's centre.
    const double c = std::clamp(x / cell_ + 0.5 * (cols_ - 1), 0.0, cols_ - 1.000001);
    const double r = std::clamp(y / cell_ + 0.5 * (rows_ - 1), 0.0, rows_ - 1.000001);
    const int c0 = int(c), r0 = int(r);
    const double fc = c - c0, fr = r - r0;
    auto h = [this](int col, int row) { return heights_[std::size_t(row) * cols_ + col]; };
    return (h(c0, r0) * (1 - fc) + h(c0 + 1, r0) * fc) * (1 - fr) +
           (h(c0, r0 + 1) * (1 - fc) + h(c0 + 1, r0 + 1) * fc) * fr;
}

}  // namespace cunjing::test
