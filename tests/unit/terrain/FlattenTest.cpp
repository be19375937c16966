#include <cunjing/terrain/Flatten.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace cunjing::terrain;

namespace {

/// A 1 m grid, 201 x 201 samples from (0, 0), sloping 10 % to the north with a ripple.
Heightfield slope() {
    Heightfield f;
    f.cols = f.rows = 201;
    f.dx = f.dy = 1.0;
    for (int r = 0; r < f.rows; ++r) {
        for (int c = 0; c < f.cols; ++c)
            f.heights.push_back(float(20.0 + 0.1 * r + 0.5 * std::sin(c * 0.2)));
    }
    return f;
}

Footprint rectangle(double x0, double y0, double x1, double y1) {
    return Footprint{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}, std::nullopt, 0.0};
}

/// Largest height change between neighbouring samples in a box (the steepest step).
double largestStep(const Heightfield& f, int c0, int r0, int c1, int r1) {
    double step = 0;
    for (int r = r0; r < r1; ++r) {
        for (int c = c0; c < c1; ++c) {
            step = std::max({step, double(std::abs(f.at(c + 1, r) - f.at(c, r))),
                             double(std::abs(f.at(c, r + 1) - f.at(c, r)))});
        }
    }
    return step;
}

}  // namespace

TEST(Flatten, GroundUnderAFootprintIsFlatAtTheMeanHeight) {
    Heightfield f = slope();
    const Heightfield before = f;
    const auto heights = flattenUnder(f, {rectangle(80, 80, 112, 96)}, 8.0);
    ASSERT_EQ(heights.size(), 1u);
    double mean = 0;
    int n = 0;
    for (int r = 80; r <= 96; ++r) {
        for (int c = 80; c <= 112; ++c)
            mean += before.at(c, r), ++n;
    }
    EXPECT_NEAR(heights[0], mean / n, 1e-3);
    for (int r = 80; r <= 96; ++r) {
        for (int c = 80; c <= 112; ++c)
            ASSERT_FLOAT_EQ(f.at(c, r), float(heights[0])) << c << ", " << r;
    }
}

TEST(Flatten, GivenHeightIsUsedForAPond) {
    Heightfield f = slope();
    Footprint pond = rectangle(20, 20, 40, 40);
    pond.height = 15.0;  // below the ground: a pond bed
    flattenUnder(f, {pond}, 5.0);
    EXPECT_FLOAT_EQ(f.at(30, 30), 15.0f);
    EXPECT_FLOAT_EQ(f.at(20, 40), 15.0f);
}

TEST(Flatten, GroundBeyondTheBlendDistanceIsUntouched) {
    Heightfield f = slope();
    const Heightfield before = f;
    flattenUnder(f, {rectangle(80, 80, 112, 96)}, 8.0);
    for (int r = 0; r < f.rows; ++r) {
        for (int c = 0; c < f.cols; ++c) {
            const double dx = std::max({80.0 - c, c - 112.0, 0.0});
            const double dy = std::max({80.0 - r, r - 96.0, 0.0});
            if (std::hypot(dx, dy) >= 8.0) {
                ASSERT_EQ(f.at(c, r), before.at(c, r)) << c << ", " << r;
            }
        }
    }
}

TEST(Flatten, BlendIsContinuousAtBothEdges) {
    Heightfield f = slope();
    const Heightfield before = f;
    flattenUnder(f, {rectangle(80, 80, 112, 96)}, 8.0);
    // Walking south out of the footprint, across the blend and past its outer edge, no step
    // between neighbouring samples is steeper than the original slope plus the smoothstep's
    // own steepest part (1.5 x the height difference / blend distance).
    const double platform = f.at(96, 80);
    double worst = 0;  // the largest height difference the blend has to bridge
    for (int r = 72; r <= 104; ++r) {
        for (int c = 72; c <= 120; ++c)
            worst = std::max(worst, std::abs(platform - before.at(c, r)));
    }
    const double allowed = 0.1 + 1.5 * worst / 8.0 + 1e-3;
    EXPECT_LE(largestStep(f, 70, 60, 122, 106), allowed);
    // And right at the outer edge the ground has come back: the sample at the edge differs
    // from the original by less than the smoothstep allows one metre in (3 t^2 at t = 1/8).
    EXPECT_LE(std::abs(f.at(96, 73) - before.at(96, 73)), worst * 3.0 / 64.0 + 1e-3);
}

TEST(Flatten, NeighbouringFootprintsEachStayFlat) {
    // Two houses 2 m apart on the slope: the blend between them must not tilt either.
    Heightfield f = slope();
    const auto heights =
        flattenUnder(f, {rectangle(50, 50, 60, 70), rectangle(62, 50, 72, 90)}, 6.0);
    ASSERT_NE(heights[0], heights[1]);
    for (int r = 50; r <= 70; ++r) {
        for (int c = 50; c <= 60; ++c)
            ASSERT_FLOAT_EQ(f.at(c, r), float(heights[0]));
    }
    for (int r = 50; r <= 90; ++r) {
        for (int c = 62; c <= 72; ++c)
            ASSERT_FLOAT_EQ(f.at(c, r), float(heights[1]));
    }
    // The lane between them lies between the two platforms.
    const float lane = f.at(61, 60);
    EXPECT_GE(lane, std::min(heights[0], heights[1]) - 1e-3);
    EXPECT_LE(lane, std::max(heights[0], heights[1]) + 1e-3);
}

TEST(Flatten, MarginLevelsSamplesAroundASmallFootprintOnACoarseGrid) {
    // A 12 x 14 m house on a 30 m grid has no sample inside: the margin gives it some.
    Heightfield f;
    f.cols = f.rows = 10;
    f.dx = f.dy = 30.0;
    for (int i = 0; i < 100; ++i)
        f.heights.push_back(float(i % 10) * 3.0f);
    Footprint house = rectangle(130, 130, 142, 144);
    house.margin = std::hypot(30.0, 30.0);
    const auto heights = flattenUnder(f, {house}, 30.0);
    for (int r = 4; r <= 5; ++r) {
        for (int c = 4; c <= 5; ++c)
            EXPECT_FLOAT_EQ(f.at(c, r), float(heights[0]));
    }
}

TEST(Flatten, DegenerateFootprintIsIgnored) {
    Heightfield f = slope();
    const Heightfield before = f;
    const auto heights = flattenUnder(f, {Footprint{{{1, 1}, {2, 2}}, std::nullopt, 0}}, 5.0);
    EXPECT_TRUE(std::isnan(heights[0]));
    EXPECT_EQ(f.heights, before.heights);
}

TEST(Flatten, DistanceToPolygonIsZeroInsideAndEuclideanOutside) {
    const auto square = rectangle(0, 0, 10, 10).outline;
    EXPECT_EQ(distanceToPolygon(square, 5, 5), 0.0);
    EXPECT_DOUBLE_EQ(distanceToPolygon(square, 13, 5), 3.0);
    EXPECT_DOUBLE_EQ(distanceToPolygon(square, 13, 14), 5.0);
}
