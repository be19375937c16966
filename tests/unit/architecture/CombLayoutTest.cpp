#include <cunjing/architecture/CombLayout.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <vector>

using namespace cunjing;
using namespace cunjing::architecture;

namespace {

std::vector<PlacedHouse> layoutOrFail(const CombLayoutParams& p) {
    auto r = layoutComb(p);
    EXPECT_TRUE(r.ok()) << r.firstError();
    return r.ok() ? r.value() : std::vector<PlacedHouse>{};
}

/// Rows each column ended up with.
std::map<int, int> columnLengths(const std::vector<PlacedHouse>& houses) {
    std::map<int, int> rows;
    for (const PlacedHouse& h : houses)
        rows[h.column] = std::max(rows[h.column], h.row + 1);
    return rows;
}

}  // namespace

TEST(CombLayout, LanesBetweenColumnsHaveTheGivenWidth) {
    CombLayoutParams p;
    p.columns = 4;
    p.laneWidth = 1.3;
    std::map<int, geo::Bounds> columns;  // measured on the meshes: nothing may stick out
    for (const PlacedHouse& h : layoutOrFail(p)) {
        const geo::Bounds b = geo::boundsOf(generatePlacedHouse(h));
        columns[h.column].expand(b.min);
        columns[h.column].expand(b.max);
    }
    ASSERT_EQ(columns.size(), 4u);
    for (int c = 0; c + 1 < 4; ++c) {
        EXPECT_NEAR(columns[c + 1].min.x - columns[c].max.x, 1.3, 1e-3) << "after column " << c;
    }
}

TEST(CombLayout, HousesInARowStandSideBySideSharingAPartyWall) {
    CombLayoutParams p;
    p.housesPerRow = 3;
    const double width = footprintOf(p.house).width;
    std::map<std::pair<int, int>, std::vector<double>> rows;
    for (const PlacedHouse& h : layoutOrFail(p))
        rows[{h.column, h.row}].push_back(h.x);
    for (auto& [key, xs] : rows) {
        ASSERT_EQ(xs.size(), 3u);
        std::sort(xs.begin(), xs.end());
        EXPECT_NEAR(xs[1] - xs[0], width, 1e-9);
        EXPECT_NEAR(xs[2] - xs[1], width, 1e-9);
    }
}

TEST(CombLayout, FrontEdgeAlignedBackEdgeRagged) {
    CombLayoutParams p;
    p.columns = 8;
    p.housesPerColumn = 6;
    p.backRaggedness = 0.5;
    const auto houses = layoutOrFail(p);
    for (const PlacedHouse& h : houses) {
        if (h.row == 0) {
            EXPECT_DOUBLE_EQ(h.y, 0.0);
        }
    }
    std::set<int> lengths;
    for (const auto& [column, rows] : columnLengths(houses)) {
        EXPECT_GE(rows, 4);
        EXPECT_LE(rows, 6);
        lengths.insert(rows);
    }
    EXPECT_GT(lengths.size(), 1u);  // seed 1 shortens some columns and not others
}

TEST(CombLayout, NoRaggednessGivesAStraightBackEdge) {
    CombLayoutParams p;
    p.columns = 6;
    p.backRaggedness = 0;
    for (const auto& [column, rows] : columnLengths(layoutOrFail(p)))
        EXPECT_EQ(rows, 5);
}

TEST(CombLayout, CrossLaneRunsMidwayThroughTheDepth) {
    CombLayoutParams p;
    p.housesPerColumn = 6;
    p.backRaggedness = 0;
    p.crossLaneWidth = 3.0;
    const double depth = footprintOf(p.house).depth;
    std::map<int, double> rowY;
    for (const PlacedHouse& h : layoutOrFail(p))
        rowY[h.row] = h.y;
    ASSERT_EQ(rowY.size(), 6u);
    for (int r = 0; r + 1 < 6; ++r) {
        const double gap = rowY[r + 1] - (rowY[r] + depth);
        EXPECT_NEAR(gap, r == 2 ? 3.0 : 0.0, 1e-9) << "behind row " << r;
    }
}

TEST(CombLayout, SameSeedSameLayout) {
    CombLayoutParams p;
    p.columns = 5;
    const auto a = layoutOrFail(p), b = layoutOrFail(p);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].x, b[i].x);
        EXPECT_EQ(a[i].y, b[i].y);
        EXPECT_EQ(a[i].params.eaveHeight, b[i].params.eaveHeight);
        EXPECT_EQ(a[i].params.ridgeHeight, b[i].params.ridgeHeight);
    }
}

TEST(CombLayout, DifferentSeedVariesTheHouses) {
    CombLayoutParams p;
    const auto a = layoutOrFail(p);
    p.seed = 2;
    const auto b = layoutOrFail(p);
    bool differs = a.size() != b.size();
    for (std::size_t i = 0; !differs && i < a.size(); ++i) {
        differs = a[i].params.ridgeHeight != b[i].params.ridgeHeight;
    }
    EXPECT_TRUE(differs);
}

TEST(CombLayout, HeightsVaryWithinTheDomainRanges) {
    CombLayoutParams p;
    p.columns = 6;
    p.heightVariation = 1.0;  // large, so clamping is exercised
    std::set<double> ridges;
    for (const PlacedHouse& h : layoutOrFail(p)) {
        EXPECT_GE(h.params.eaveHeight, 3.3);
        EXPECT_LE(h.params.eaveHeight, 4.5);
        EXPECT_GE(h.params.ridgeHeight, 5.5);
        EXPECT_LE(h.params.ridgeHeight, 7.5);
        EXPECT_GE(h.params.wokEarRise, 1.0);
        EXPECT_LE(h.params.wokEarRise, 1.8);
        EXPECT_TRUE(validate(h.params).ok()) << validate(h.params).firstError();
        ridges.insert(h.params.ridgeHeight);
    }
    EXPECT_GT(ridges.size(), 10u);
}

TEST(CombLayout, IdsRunFromZeroToCount) {
    const auto houses = layoutOrFail(CombLayoutParams{});
    for (std::size_t i = 0; i < houses.size(); ++i)
        EXPECT_EQ(houses[i].id, i);
    const geo::Mesh m = generatePlacedHouse(houses.back());
    for (std::uint32_t id : m.partIds)
        ASSERT_EQ(id, houses.back().id);
}

TEST(CombLayout, DoorsOpenSidewaysOntoTheLanes) {
    for (const PlacedHouse& h : layoutOrFail(CombLayoutParams{})) {
        // Two per row: the western house's lane is to its west, the eastern house's to its east.
        const int k = (h.id % 2 == 0) ? 0 : 1;
        EXPECT_EQ(h.params.entrance, k == 0 ? EntranceSide::West : EntranceSide::East);
    }
}

TEST(CombLayout, HousesNeverOverlap) {
    CombLayoutParams p;
    p.columns = 3;
    const auto houses = layoutOrFail(p);
    const Footprint f = footprintOf(p.house);
    for (std::size_t i = 0; i < houses.size(); ++i) {
        for (std::size_t j = i + 1; j < houses.size(); ++j) {
            const double dx = std::abs(houses[i].x - houses[j].x);
            const double dy = std::abs(houses[i].y - houses[j].y);
            EXPECT_TRUE(dx >= f.width - 1e-9 || dy >= f.depth - 1e-9) << i << " and " << j;
        }
    }
}

TEST(CombLayout, HeadingTurnsTheWholeLayoutAboutTheOrigin) {
    CombLayoutParams p;
    const auto south = layoutOrFail(p);
    p.headingDeg = 90;
    const auto east = layoutOrFail(p);
    ASSERT_EQ(south.size(), east.size());
    for (std::size_t i = 0; i < south.size(); ++i) {
        EXPECT_NEAR(east[i].x, -south[i].y, 1e-9);
        EXPECT_NEAR(east[i].y, south[i].x, 1e-9);
        EXPECT_EQ(east[i].headingDeg, 90);
    }
    // Turned to face east, the house's plot lies west of its front edge.
    const Footprint f = footprintOf(p.house);
    const geo::Bounds b = geo::boundsOf(generatePlacedHouse(east[0]));
    EXPECT_NEAR(b.max.x, east[0].x, 1e-3);
    EXPECT_NEAR(b.min.x, east[0].x - f.depth, 1e-3);
    EXPECT_NEAR(b.max.y - b.min.y, f.width, 1e-3);
}

TEST(CombLayout, RejectsLaneWidthOutOfRange) {
    CombLayoutParams p;
    p.laneWidth = 0.2;
    const auto r = layoutComb(p);
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.errors().size(), 1u);
    EXPECT_EQ(r.errors()[0].where, "laneWidth");
    EXPECT_NE(r.errors()[0].message.find("laneWidth"), std::string::npos);
    EXPECT_NE(r.errors()[0].message.find("0.5..10"), std::string::npos);
}

TEST(CombLayout, RejectsEveryBadCountByName) {
    CombLayoutParams p;
    p.columns = 0;
    p.housesPerColumn = 25;
    p.backRaggedness = 1.5;
    const auto r = layoutComb(p);
    ASSERT_FALSE(r.ok());
    std::set<std::string> named;
    for (const Error& e : r.errors())
        named.insert(e.where);
    EXPECT_EQ(named, (std::set<std::string>{"columns", "housesPerColumn", "backRaggedness"}));
}

TEST(CombLayout, RejectsBadHouseParametersWithTheirPath) {
    CombLayoutParams p;
    p.house.wallThickness = 0;
    const auto r = layoutComb(p);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.errors()[0].where, "house.wallThickness");
}

TEST(CombLayout, DefaultsKeepLanesAndColumnsWithinTheSurveyedRanges) {
    // 陆元鼎、魏彦钧《广东民居》: lanes 1.2-2.0 m, columns 4-5 to 7-8 houses deep.
    const CombLayoutParams defaults;
    EXPECT_GE(defaults.laneWidth, 1.2);
    EXPECT_LE(defaults.laneWidth, 2.0);
    for (std::uint32_t seed = 1; seed <= 20; ++seed) {
        CombLayoutParams p;
        p.seed = seed;
        p.columns = 6;
        p.housesPerColumn = 8;
        for (const auto& [column, rows] : columnLengths(layoutOrFail(p))) {
            EXPECT_GE(rows, 4) << "seed " << seed;
            EXPECT_LE(rows, 8) << "seed " << seed;
        }
    }
}
