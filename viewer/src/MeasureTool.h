#pragma once
/// Measuring on the 3D view: the distance between two clicked points, the height of a point
/// above the terrain under it, and the horizontal area of a polygon of clicked points. Plain
/// arithmetic on local scene metres (x east, y north, z up), so it is tested without a window.

#include <osg/Vec3d>

#include <functional>
#include <optional>
#include <vector>

namespace cunjing::viewer {

/// Straight-line distance in metres.
double distanceM(const osg::Vec3d& a, const osg::Vec3d& b);

/// Area in square metres of the polygon's outline projected on the ground (x, y; z ignored),
/// closed implicitly; concave outlines too (shoelace). 0 for fewer than three points. A
/// self-crossing outline gives the net area of its loops, as surveyors' software does.
double horizontalAreaM2(const std::vector<osg::Vec3d>& outline);

/// Length of the closed outline on the ground (x, y), metres.
double horizontalPerimeterM(const std::vector<osg::Vec3d>& outline);

/// Ground height at a local x, y (SceneData::groundHeight).
using GroundHeight = std::function<double(double, double)>;

/// How far the point stands above the ground under it (negative below it).
double heightAboveGroundM(const osg::Vec3d& point, const GroundHeight& ground);

enum class MeasureKind { Distance, Height, Area };

/// The points clicked for one measurement and what they measure. Distance takes two points
/// (a third starts a new pair), height one (each click replaces it), area any number.
class Measurement {
public:
    explicit Measurement(MeasureKind kind = MeasureKind::Distance) : kind_(kind) {}

    MeasureKind kind() const { return kind_; }
    /// Switches the kind and forgets the points.
    void setKind(MeasureKind kind);
    void add(const osg::Vec3d& point);
    void clear() { points_.clear(); }
    const std::vector<osg::Vec3d>& points() const { return points_; }

    /// The measured value (m, m or m²) once enough points are in; none before.
    std::optional<double> value(const GroundHeight& ground) const;
    /// The ground point under the height measurement's point, for drawing the plumb line.
    std::optional<osg::Vec3d> groundPoint(const GroundHeight& ground) const;

private:
    MeasureKind kind_;
    std::vector<osg::Vec3d> points_;
};

}  // namespace cunjing::viewer
