#include "MeasureTool.h"

#include <gtest/gtest.h>

using namespace cunjing::viewer;

namespace {
/// A hill: the ground rises 0.1 m per metre east of x = 0.
double slope(double x, double) {
    return 0.1 * x;
}
}  // namespace

TEST(DistanceM, IsTheStraightLineIn3d) {
    EXPECT_DOUBLE_EQ(distanceM({0, 0, 0}, {3, 4, 12}), 13.0);
    EXPECT_DOUBLE_EQ(distanceM({5, 5, 5}, {5, 5, 5}), 0.0);
}

TEST(HorizontalAreaM2, RectangleIgnoresHeightsAndWinding) {
    const std::vector<osg::Vec3d> ccw = {{0, 0, 0}, {10, 0, 3}, {10, 4, 9}, {0, 4, 1}};
    EXPECT_DOUBLE_EQ(horizontalAreaM2(ccw), 40.0);
    const std::vector<osg::Vec3d> cw(ccw.rbegin(), ccw.rend());
    EXPECT_DOUBLE_EQ(horizontalAreaM2(cw), 40.0) << "clockwise clicks give the same area";
}

TEST(HorizontalAreaM2, ConcaveLShapeCountsOnlyItsOwnGround) {
    // A 10 x 10 square with the 5 x 5 north-east quarter cut out: 75 m², not the hull's 100.
    const std::vector<osg::Vec3d> l = {{0, 0, 0}, {10, 0, 0}, {10, 5, 0},
                                       {5, 5, 0}, {5, 10, 0}, {0, 10, 0}};
    EXPECT_DOUBLE_EQ(horizontalAreaM2(l), 75.0);
}

TEST(HorizontalAreaM2, FarFromTheOriginKeepsCentimetrePrecision) {
    // A 0.3 x 0.2 m tile 400 km from the origin: products of the raw coordinates would lose it.
    const double x = 400000, y = 2500000;
    const std::vector<osg::Vec3d> tile = {
        {x, y, 0}, {x + 0.3, y, 0}, {x + 0.3, y + 0.2, 0}, {x, y + 0.2, 0}};
    EXPECT_NEAR(horizontalAreaM2(tile), 0.06, 1e-6);
}

TEST(HorizontalAreaM2, FewerThanThreePointsHaveNoArea) {
    EXPECT_EQ(horizontalAreaM2({}), 0.0);
    EXPECT_EQ(horizontalAreaM2({{0, 0, 0}, {5, 5, 0}}), 0.0);
}

TEST(HorizontalPerimeterM, ClosesTheOutline) {
    EXPECT_DOUBLE_EQ(horizontalPerimeterM({{0, 0, 0}, {10, 0, 5}, {10, 4, 0}, {0, 4, 0}}), 28.0);
}

TEST(HeightAboveGroundM, SubtractsTheGroundUnderThePoint) {
    EXPECT_DOUBLE_EQ(heightAboveGroundM({20, 7, 12}, slope), 10.0);
    EXPECT_DOUBLE_EQ(heightAboveGroundM({-10, 0, -3}, slope), -2.0) << "below the ground";
    EXPECT_DOUBLE_EQ(heightAboveGroundM({3, 3, 8}, {}), 8.0) << "no terrain: ground at 0";
}

TEST(Measurement, DistanceTakesTwoPointsThenStartsAgain) {
    Measurement m(MeasureKind::Distance);
    m.add({0, 0, 0});
    EXPECT_FALSE(m.value(slope));
    m.add({6, 8, 0});
    EXPECT_DOUBLE_EQ(*m.value(slope), 10.0);
    m.add({1, 1, 1});
    EXPECT_EQ(m.points().size(), 1u) << "a third click starts a new pair";
    EXPECT_FALSE(m.value(slope));
}

TEST(Measurement, HeightKeepsTheLastPointAndItsFoot) {
    Measurement m(MeasureKind::Height);
    m.add({10, 0, 50});
    m.add({30, 0, 5});
    ASSERT_EQ(m.points().size(), 1u);
    EXPECT_DOUBLE_EQ(*m.value(slope), 2.0);
    const auto foot = m.groundPoint(slope);
    ASSERT_TRUE(foot);
    EXPECT_DOUBLE_EQ(foot->z(), 3.0);
}

TEST(Measurement, AreaGrowsWithEachCornerAndKindChangeForgetsPoints) {
    Measurement m(MeasureKind::Area);
    m.add({0, 0, 0});
    m.add({4, 0, 0});
    EXPECT_FALSE(m.value(slope));
    m.add({4, 3, 0});
    EXPECT_DOUBLE_EQ(*m.value(slope), 6.0);
    m.add({0, 3, 0});
    EXPECT_DOUBLE_EQ(*m.value(slope), 12.0);
    EXPECT_FALSE(m.groundPoint(slope)) << "only a height has a plumb line";
    m.setKind(MeasureKind::Distance);
    EXPECT_TRUE(m.points().empty());
}
