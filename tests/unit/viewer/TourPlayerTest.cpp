// The tour player: flights land exactly on each step, rest its seconds, climb over long hops,
// stay above the ground, and loop.

#include "TourPlayer.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace cunjing::viewer;

namespace {

constexpr double kDt = 0.05;

TourStop stopAt(osg::Vec3d eye, osg::Vec3d target, double seconds, const char* caption = "") {
    return {{eye, target, 40}, seconds, {caption, caption}};
}

void expectNear(const osg::Vec3d& a, const osg::Vec3d& b, double tolerance = 1e-6) {
    EXPECT_NEAR((a - b).length(), 0.0, tolerance)
        << a.x() << "," << a.y() << "," << a.z() << " vs " << b.x() << "," << b.y() << "," << b.z();
}

}  // namespace

TEST(TourPlayer, FlightLandsOnTheStepThenRestsItsSecondsThenMovesOn) {
    const TourStop a = stopAt({0, -100, 30}, {0, 0, 0}, 3, "a");
    const TourStop b = stopAt({400, -100, 30}, {400, 0, 0}, 2, "b");
    TourPlayer player({a, b});
    const TourPose start{{-300, -300, 80}, {0, 0, 0}, 50};
    player.start(start);
    EXPECT_EQ(player.step(), 0);
    const double flight = tourFlightSeconds(start, a.pose);
    ASSERT_GE(flight, kMinTourFlightSeconds);
    int frames = 0;
    // Fly: no new step begins, and the camera lands on step 1's pose exactly.
    for (; frames * kDt < flight - 1e-9; ++frames)
        EXPECT_FALSE(player.update(kDt)) << "at frame " << frames;
    EXPECT_TRUE(player.resting());
    expectNear(player.pose().eye, a.pose.eye);
    expectNear(player.pose().target, a.pose.target);
    EXPECT_DOUBLE_EQ(player.pose().fovDeg, 40);
    // Rest its 3 seconds on the spot.
    for (int i = 0; i + 1 < int(std::round(3 / kDt)); ++i) {
        EXPECT_FALSE(player.update(kDt));
        expectNear(player.pose().eye, a.pose.eye);
    }
    EXPECT_TRUE(player.update(kDt)) << "step 2 begins after the rest";
    EXPECT_EQ(player.step(), 1);
    EXPECT_EQ(player.stop().caption.en, "b");
}

TEST(TourPlayer, LoopsBackToTheFirstStepAfterTheLast) {
    TourPlayer player({stopAt({0, -100, 30}, {0, 0, 0}, 1), stopAt({50, -100, 30}, {50, 0, 0}, 1)});
    player.start({{0, -100, 30}, {0, 0, 0}, 40});
    std::vector<int> begun;
    for (int i = 0; i < int(30 / kDt); ++i) {
        if (player.update(kDt))
            begun.push_back(player.step());
    }
    ASSERT_GE(begun.size(), 4u);
    for (std::size_t i = 0; i < begun.size(); ++i)
        EXPECT_EQ(begun[i], int((i + 1) % 2));
}

TEST(TourPlayer, FlightTimeGrowsWithTheHopWithinLimits) {
    const TourPose here{{0, -100, 30}, {0, 0, 0}, 40};
    auto movedBy = [&](double metres) {
        TourPose p = here;
        p.eye.x() += metres;
        p.target.x() += metres;
        return p;
    };
    EXPECT_EQ(tourFlightSeconds(here, here), 0) << "no flight to where the camera is";
    TourPose turned = here;
    turned.target = {1, 0, 0};  // a small turn on the spot still flies, for the minimum time
    EXPECT_NEAR(tourFlightSeconds(here, turned), kMinTourFlightSeconds, 0.05);
    const double short_ = tourFlightSeconds(here, movedBy(50));
    const double long_ = tourFlightSeconds(here, movedBy(300));
    EXPECT_GE(short_, kMinTourFlightSeconds);
    EXPECT_GT(long_, short_);
    EXPECT_EQ(tourFlightSeconds(here, movedBy(100000)), kMaxTourFlightSeconds);
}

TEST(TourPlayer, LongHopRisesMidFlightAndComesDown) {
    const TourPose a{{0, -60, 15}, {0, 0, 5}, 40};
    const TourPose b{{1000, -60, 15}, {1000, 0, 5}, 40};
    double highest = 0;
    double previous = a.eye.z();
    bool rising = true;
    int turns = 0;
    for (double t = 0; t <= 1.0001; t += 0.01) {
        const double z = tourFlightPose(a, b, t).eye.z();
        highest = std::max(highest, z);
        if ((z < previous - 1e-9) == rising) {
            rising = !rising;
            ++turns;
        }
        previous = z;
    }
    // Up once, down once: well above both ends, in proportion to the 1 km hop.
    EXPECT_GT(highest, 15 + 0.1 * 1000) << "a long hop must rise over the land";
    EXPECT_EQ(turns, 1);
    EXPECT_NEAR(tourFlightPose(a, b, 1).eye.z(), 15, 1e-9);
    // A short hop barely swells.
    const TourPose c{{10, -60, 15}, {10, 0, 5}, 40};
    EXPECT_LT(tourFlightPose(a, c, 0.5).eye.z(), 15 + 5);
}

TEST(TourPlayer, FlightIsEasedAtBothEnds) {
    const TourPose a{{0, -60, 15}, {0, 0, 5}, 40};
    const TourPose b{{100, -60, 15}, {100, 0, 5}, 40};
    const double first = (tourFlightPose(a, b, 0.01).target - a.target).length();
    const double middle =
        (tourFlightPose(a, b, 0.51).target - tourFlightPose(a, b, 0.5).target).length();
    const double last = (b.target - tourFlightPose(a, b, 0.99).target).length();
    EXPECT_LT(first, middle * 0.05);
    EXPECT_LT(last, middle * 0.05);
}

TEST(TourPlayer, FlightStaysAboveAHillBetweenSteps) {
    // A 150 m hill between two low views.
    const auto hill = [](double x, double) {
        return 150.0 * std::exp(-std::pow((x - 150) / 60, 2));
    };
    const TourPose a{{0, -50, 3}, {0, 0, 2}, 40};
    const TourPose b{{300, -50, 3}, {300, 0, 2}, 40};
    for (double t = 0.0; t <= 1.0; t += 0.01) {
        const osg::Vec3d eye = tourFlightPose(a, b, t, hill).eye;
        EXPECT_GE(eye.z(), hill(eye.x(), eye.y()) + (t > 0 && t < 1 ? kTourClearance : 0) - 1e-9)
            << "t " << t;
    }
}

TEST(TourPlayer, TurnsTheShortWayRound) {
    // Heading 170 to -170 degrees: 20 degrees through south, not 340 through north.
    const TourPose a{
        {-std::sin(170 * M_PI / 180) * 100, -std::cos(170 * M_PI / 180) * 100, 0}, {0, 0, 0}, 40};
    const TourPose b{
        {-std::sin(-170 * M_PI / 180) * 100, -std::cos(-170 * M_PI / 180) * 100, 0}, {0, 0, 0}, 40};
    const osg::Vec3d mid = tourFlightPose(a, b, 0.5).eye;
    EXPECT_GT(mid.y(), 90) << "the eye passes north of the target, looking south";
}
