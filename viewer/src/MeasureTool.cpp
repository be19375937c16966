#include "MeasureTool.h"

#include <cmath>

namespace cunjing::viewer {

double distanceM(const osg::Vec3d& a, const osg::Vec3d& b) {
    return (b - a).length();
}

double horizontalAreaM2(const std::vector<osg::Vec3d>& outline) {
    if (outline.size() < 3)
        return 0;
    // Relative to the first point: local coordinates can be kilometres from the origin, and
    // the products of large numbers would eat the precision of a small roof.
    const osg::Vec3d& o = outline.front();
    double twice = 0;
    for (std::size_t i = 0; i < outline.size(); ++i) {
        const osg::Vec3d a = outline[i] - o, b = outline[(i + 1) % outline.size()] - o;
        twice += a.x() * b.y() - b.x() * a.y();
    }
    return std::abs(twice) * 0.5;
}

double horizontalPerimeterM(const std::vector<osg::Vec3d>& outline) {
    if (outline.size() < 2)
        return 0;
    double length = 0;
    for (std::size_t i = 0; i < outline.size(); ++i) {
        const osg::Vec3d& a = outline[i];
        const osg::Vec3d& b = outline[(i + 1) % outline.size()];
        length += std::hypot(b.x() - a.x(), b.y() - a.y());
    }
    return length;
}

double heightAboveGroundM(const osg::Vec3d& point, const GroundHeight& ground) {
    return point.z() - (ground ? ground(point.x(), point.y()) : 0.0);
}

void Measurement::setKind(MeasureKind kind) {
    kind_ = kind;
    points_.clear();
}

void Measurement::add(const osg::Vec3d& point) {
    if ((kind_ == MeasureKind::Distance && points_.size() >= 2) ||
        (kind_ == MeasureKind::Height && !points_.empty()))
        points_.clear();
    points_.push_back(point);
}

std::optional<double> Measurement::value(const GroundHeight& ground) const {
    switch (kind_) {
        case MeasureKind::Distance:
            if (points_.size() == 2)
                return distanceM(points_[0], points_[1]);
            return std::nullopt;
        case MeasureKind::Height:
            if (points_.size() == 1)
                return heightAboveGroundM(points_[0], ground);
            return std::nullopt;
        case MeasureKind::Area:
            if (points_.size() >= 3)
                return horizontalAreaM2(points_);
            return std::nullopt;
    }
    return std::nullopt;
}

std::optional<osg::Vec3d> Measurement::groundPoint(const GroundHeight& ground) const {
    if (kind_ != MeasureKind::Height || points_.size() != 1)
        return std::nullopt;
    const osg::Vec3d& p = points_.front();
    return osg::Vec3d(p.x(), p.y(), ground ? ground(p.x(), p.y()) : 0.0);
}

}  // namespace cunjing::viewer
