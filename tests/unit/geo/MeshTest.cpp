#include <cunjing/geo/Mesh.h>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace cunjing::geo;

namespace {
Mesh triangle() {
    Mesh m;
    m.positions = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}};
    m.normals = {{0, 0, 1}, {0, 0, 1}, {0, 0, 1}};
    m.colors = {{1, 1, 1, 1}, {1, 1, 1, 1}, {1, 1, 1, 1}};
    m.indices = {0, 1, 2};
    return m;
}
}  // namespace

TEST(Mesh, AppendOffsetsIndices) {
    Mesh a = triangle();
    a.append(triangle());
    ASSERT_EQ(a.indices.size(), 6u);
    EXPECT_EQ(a.indices[3], 3u);
    EXPECT_EQ(a.indices[5], 5u);
    EXPECT_TRUE(a.isValid());
}

TEST(Mesh, IndexOutOfRangeIsInvalid) {
    Mesh m = triangle();
    m.indices[2] = 3;
    EXPECT_FALSE(m.isValid());
}

TEST(Mesh, NanPositionIsInvalid) {
    Mesh m = triangle();
    m.positions[1].y = std::numeric_limits<float>::quiet_NaN();
    EXPECT_FALSE(m.isValid());
}

TEST(HexColor, ParsesAndRejects) {
    Rgba c;
    ASSERT_TRUE(parseHexColor("#6E7378", c));
    EXPECT_NEAR(c.r, 0x6E / 255.0, 1e-6);
    EXPECT_NEAR(c.b, 0x78 / 255.0, 1e-6);
    EXPECT_FALSE(parseHexColor("6E7378", c));
    EXPECT_FALSE(parseHexColor("#6E73ZZ", c));
}
