#include <cunjing/terrain/Heightfield.h>

#include <gtest/gtest.h>

using namespace cunjing::terrain;

namespace {
/// 3x3 grid with h = x + 10 y at 10 m spacing from (100, 200).
Heightfield plane() {
    Heightfield f;
    f.cols = f.rows = 3;
    f.x0 = 100;
    f.y0 = 200;
    f.dx = f.dy = 10;
    for (int r = 0; r < 3; ++r) {
        for (int c = 0; c < 3; ++c)
            f.heights.push_back(float(c + 10 * r));
    }
    return f;
}
}  // namespace

TEST(Heightfield, SampleAtGridPointReturnsTheSample) {
    EXPECT_DOUBLE_EQ(*plane().sample(110, 210), 11.0);
}

TEST(Heightfield, SampleBetweenGridPointsIsBilinear) {
    EXPECT_NEAR(*plane().sample(105, 215), 0.5 + 15.0, 1e-9);
}

TEST(Heightfield, SampleOutsideIsEmpty) {
    EXPECT_FALSE(plane().sample(99, 200).has_value());
    EXPECT_FALSE(plane().sample(100, 221).has_value());
}

TEST(HeightfieldMesh, PlaneNormalsTiltAgainstTheSlope) {
    auto mesh = heightfieldMesh(plane(), 100, 200);
    ASSERT_EQ(mesh.vertexCount(), 9u);
    ASSERT_EQ(mesh.triangleCount(), 8u);
    EXPECT_TRUE(mesh.isValid());
    // Rises 0.1 per metre east and 1 per metre north: the normal leans west and south.
    EXPECT_LT(mesh.normals[4].x, 0);
    EXPECT_LT(mesh.normals[4].y, mesh.normals[4].x);
    EXPECT_FLOAT_EQ(mesh.positions[4].x, 10);
    EXPECT_FLOAT_EQ(mesh.positions[4].z, 11);
}

TEST(HeightfieldMesh, ExaggerationScalesHeights) {
    auto mesh = heightfieldMesh(plane(), 0, 0, 2.0);
    EXPECT_FLOAT_EQ(mesh.positions[8].z, 44);
}

TEST(HeightfieldMesh, TrianglesFaceUp) {
    auto mesh = heightfieldMesh(plane(), 0, 0);
    for (size_t t = 0; t < mesh.indices.size(); t += 3) {
        const auto& a = mesh.positions[mesh.indices[t]];
        const auto& b = mesh.positions[mesh.indices[t + 1]];
        const auto& c = mesh.positions[mesh.indices[t + 2]];
        const float nz = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
        EXPECT_GT(nz, 0) << "triangle " << t / 3 << " is wound clockwise seen from above";
    }
}
