#pragma once
/// Private: a row of rooms swept along a plan centreline, straight, curved or closed: the
/// 围龙 horseshoe behind a Hakka hall, the rings of a 土楼, the sides of a square one.
/// The inner side is to the left of the centreline's direction (a counter-clockwise ring
/// has its courtyard inside).

#include "Components.h"
#include "MeshBuilder.h"

#include <optional>
#include <vector>

namespace cunjing::architecture {

struct RowSpec {
    std::vector<V2> centre;  ///< plan points (u = x, v = y)
    bool closed = false;
    std::vector<double> base;  ///< floor height at each point (empty: 0 everywhere)
    double depth = 5;          ///< outer wall face to inner wall face, at the foot
    double eave = 3.5;         ///< tile top where the roof crosses the wall faces
    double top = 5;            ///< tile top at the ridge
    double ridgeShare = 0.5;   ///< where the ridge lies across: 0 outer face, 1 inner face
    double overhangOuter = 0.5, overhangInner = 0.8;
    double thickness = 0.15, sag = 0.1;
    double plinth = 0.3, foundation = 2.0;
    double wallBase = 0.4,
           wallTop = 0.4;  ///< outer wall: the outer face leans in by the difference
    bool closeStart = false, closeEnd = false;  ///< end walls of an open row
    /// Open rows: the centreline's true direction at its ends (the end faces are square to
    /// it), when the first and last segments only approximate a curve.
    std::optional<V2> startDirection, endDirection;

    int rooms = 0;            ///< openings repeat per room; 0: no openings
    int segmentsPerRoom = 1;  ///< centre has rooms * segmentsPerRoom segments
    int storeys = 1;
    double storeyHeight = 3;
    double doorWidth = 1.0, doorHeight = 2.1;
    double windowWidth = 0.8, windowHeight = 1.1;
    int firstOuterWindowStorey = 2;  ///< 1-based; above storeys: no outer windows at all
    double slitWidth = 0.35, slitHeight = 0.7;
    bool galleries = false;      ///< 走马廊 bands along the inner face at every floor
    std::vector<int> gateRooms;  ///< rooms whose outer wall has a gate through it
    double gateWidth = 1.8, gateHeight = 2.8;

    double tileSpacing = 0;  ///< > 0: a 筒瓦 rib down each slope at every segment
    RidgeStyle ridge;
    HallPaints paints;
    Paint outerWall, innerWall, gallery;
};

void addRow(MeshBuilder& b, const RowSpec& r);

/// Points on an ellipse arc, centre (cx, cy), radii (rx, ry), angles a0..a1 (radians).
std::vector<V2> arcPoints(double cx, double cy, double rx, double ry, double a0, double a1,
                          int segments);

/// Outer outline of the row at its foot (closed rows: the outer ring only).
std::vector<V2> rowOutline(const RowSpec& r);

}  // namespace cunjing::architecture
