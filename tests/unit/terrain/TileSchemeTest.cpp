#include <cunjing/terrain/TileScheme.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

using namespace cunjing::terrain;

namespace {
SampleGrid grid(std::int64_t cols, std::int64_t rows, double spacing = 10) {
    return {1000, 2000, spacing, spacing, cols, rows};
}
}  // namespace

TEST(TileScheme, DeepestLevelHasTheSourceSpacing) {
    auto s = TileScheme::create(grid(1025, 600), 65);
    ASSERT_TRUE(s.ok()) << s.firstError();
    EXPECT_EQ(s->maxLevel(), 4);  // 64 * 2^4 = 1024 intervals
    EXPECT_EQ(s->stride(s->maxLevel()), 1);
    EXPECT_DOUBLE_EQ(s->spacing(s->maxLevel()), 10.0);
    EXPECT_DOUBLE_EQ(s->spacing(0), 160.0);
    EXPECT_EQ(s->tileCount(0), 1);
}

TEST(TileScheme, OneMoreSampleThanFitsAddsALevel) {
    EXPECT_EQ(TileScheme::create(grid(65, 65), 65)->maxLevel(), 0);
    EXPECT_EQ(TileScheme::create(grid(66, 10), 65)->maxLevel(), 1);
    EXPECT_EQ(TileScheme::create(grid(2, 2), 65)->maxLevel(), 0);
}

TEST(TileScheme, RectangularDataHasFewerTilesUpThanAcross) {
    auto s = TileScheme::create(grid(1025, 300), 65).value();
    EXPECT_EQ(s.tilesAcross(4), 16);
    EXPECT_EQ(s.tilesUp(4), 5);  // 299 intervals need 5 tiles of 64
    EXPECT_TRUE(s.exists({4, 15, 4}));
    EXPECT_FALSE(s.exists({4, 15, 5}));
    EXPECT_FALSE(s.exists({4, 16, 0}));
    EXPECT_EQ(s.tilesUp(1), 1);
}

TEST(TileScheme, ParentVerticesAreASubsetOfTheChildrens) {
    auto s = TileScheme::create(grid(1000, 777), 33).value();
    for (int level = 0; level < s.maxLevel(); ++level) {
        for (std::int64_t x = 0; x < s.tilesAcross(level); ++x) {
            for (std::int64_t y = 0; y < s.tilesUp(level); ++y) {
                const TileKey k{level, x, y};
                std::set<std::int64_t> childCols;
                for (const TileKey& c : s.children(k)) {
                    for (auto i : s.vertexColumns(c))
                        childCols.insert(i);
                }
                for (auto i : s.vertexColumns(k))
                    EXPECT_TRUE(childCols.count(i)) << k.toString() << " column " << i;
            }
        }
    }
}

TEST(TileScheme, TilesAtTheDataEdgeEndOnTheLastSample) {
    auto s = TileScheme::create(grid(100, 70), 33).value();  // maxLevel 2
    const TileKey east{1, 1, 0};                             // stride 2
    ASSERT_TRUE(s.exists(east));
    const auto cols = s.vertexColumns(east);
    EXPECT_EQ(cols.front(), 64);
    ASSERT_EQ(cols.size(), 19u);  // 64, 66, ... 98, then the last sample, 99
    EXPECT_EQ(cols[17], 98);
    EXPECT_EQ(cols.back(), 99);
    EXPECT_TRUE(s.onDataEdge(east, TileEdge::East));
    EXPECT_TRUE(s.onDataEdge(east, TileEdge::South));
    EXPECT_FALSE(s.onDataEdge(east, TileEdge::West));
    EXPECT_FALSE(s.onDataEdge(east, TileEdge::North));
    const Extent e = s.extent(east);
    EXPECT_DOUBLE_EQ(e.xmax, 1000 + 99 * 10.0);
}

TEST(TileScheme, TileAtFindsTheTileHoldingAPoint) {
    auto s = TileScheme::create(grid(257, 257), 65).value();
    EXPECT_EQ(*s.tileAt(2, 1000 + 70 * 10, 2000 + 130 * 10), (TileKey{2, 1, 2}));
    EXPECT_EQ(*s.tileAt(2, 1000 + 256 * 10, 2000), (TileKey{2, 3, 0}));  // the last column
    EXPECT_FALSE(s.tileAt(2, 999, 2000).has_value());
    EXPECT_FALSE(s.tileAt(2, 1000, 2000 + 257 * 10).has_value());
}

TEST(TileScheme, MortonOrderKeepsSiblingsTogether) {
    auto s = TileScheme::create(grid(257, 257), 65).value();
    const auto tiles = tilesInMortonOrder(s, 2);
    ASSERT_EQ(tiles.size(), 16u);
    for (std::size_t i = 0; i < tiles.size(); i += 4) {
        for (std::size_t j = 1; j < 4; ++j)
            EXPECT_EQ(tiles[i + j].parent(), tiles[i].parent());
    }
}

TEST(TileScheme, RejectsTileSizesThatDoNotHalve) {
    EXPECT_FALSE(TileScheme::create(grid(100, 100), 64).ok());
    EXPECT_FALSE(TileScheme::create(grid(100, 100), 3).ok());
    EXPECT_NE(TileScheme::create(grid(100, 100), 60).firstError().find("2^k + 1"),
              std::string::npos);
}

TEST(TileScheme, RejectsDegenerateGrids) {
    EXPECT_FALSE(TileScheme::create(grid(1, 100)).ok());
    EXPECT_FALSE(TileScheme::create(grid(100, 100, 0)).ok());
    SampleGrid nan = grid(10, 10);
    nan.x0 = std::numeric_limits<double>::quiet_NaN();
    EXPECT_FALSE(TileScheme::create(nan).ok());
}

TEST(TileKey, ChildrenAndParentRoundTrip) {
    const TileKey k{3, 5, 6};
    for (const TileKey& c : k.children()) {
        EXPECT_EQ(c.level, 4);
        EXPECT_EQ(c.parent(), k);
    }
    EXPECT_EQ(k.toString(), "3/5/6");
}
