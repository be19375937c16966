#pragma once
// Square tiles and their levels of detail, shared by the building batches and the tree layer
// (internal to the scene module).

#include <osg/Geode>
#include <osg/Geometry>
#include <osg/LOD>

#include <cmath>

namespace cunjing::scene::detail {

/// a / b rounded towards minus infinity (the group a tile index belongs to).
inline long floorDiv(long a, long b) {
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/// Half a square's diagonal: what a range measured from a tile's edge adds when the LOD
/// measures from its centre.
inline float halfDiagonal(double side) {
    return float(side * std::sqrt(0.5));
}

/// An LOD switching on the distance from the eye to a square's centre; its ranges are to be
/// measured from the square's edge (halfDiagonal added), so a tall near building does not
/// drop detail because its tile's centre is far. No radius is set: the LOD's bound stays its
/// children's, so culling and picking see what reaches past the square's corner.
inline osg::ref_ptr<osg::LOD> squareLod(double x0, double y0, double side, double z) {
    osg::ref_ptr<osg::LOD> lod = new osg::LOD;
    lod->setCenterMode(osg::LOD::USER_DEFINED_CENTER);
    lod->setCenter(osg::Vec3(float(x0 + side / 2), float(y0 + side / 2), float(z)));
    return lod;
}

inline osg::ref_ptr<osg::Geode> geodeOf(osg::Geometry* geometry) {
    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    geode->addDrawable(geometry);
    return geode;
}

}  // namespace cunjing::scene::detail
