// checkModel on small hand-made meshes: counts, topology problems, units and Z-up bounds.

#include <cunjing/models/ModelCheck.h>

#include <gtest/gtest.h>

using namespace cunjing::models;

namespace {

ImportedModel withTriangles(std::vector<Vec3> positions, std::vector<std::uint32_t> indices) {
    ImportedModel m;
    m.format = "obj";
    MeshPart part;
    part.positions = std::move(positions);
    part.indices = std::move(indices);
    m.meshes.push_back(part);
    return m;
}

/// A closed tetrahedron, each face with its own three vertices (as files split them for
/// normals): welding by position must still find it closed.
ImportedModel tetrahedron() {
    const Vec3 a{0, 0, 0}, b{1, 0, 0}, c{0, 1, 0}, d{0, 0, 1};
    return withTriangles({a, c, b, a, b, d, a, d, c, b, c, d},
                         {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
}

}  // namespace

TEST(ModelCheck, ClosedShellHasNoOpenOrNonManifoldEdges) {
    const ModelStats s = checkModel(tetrahedron());
    EXPECT_EQ(s.vertices, 12u);
    EXPECT_EQ(s.triangles, 4u);
    EXPECT_EQ(s.boundaryEdges, 0u);
    EXPECT_EQ(s.nonManifoldEdges, 0u);
    EXPECT_EQ(s.degenerateTriangles, 0u);
    EXPECT_EQ(s.duplicateTriangles, 0u);
}

TEST(ModelCheck, SingleTriangleHasThreeBoundaryEdges) {
    EXPECT_EQ(checkModel(withTriangles({{0, 0, 0}, {1, 0, 0}, {0, 1, 0}}, {0, 1, 2})).boundaryEdges,
              3u);
}

TEST(ModelCheck, ThreeTrianglesOnOneEdgeAreNonManifold) {
    const ModelStats s = checkModel(withTriangles(
        {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}}, {0, 1, 2, 1, 0, 3, 0, 1, 4}));
    EXPECT_EQ(s.nonManifoldEdges, 1u);
}

TEST(ModelCheck, DegenerateAndDuplicateTrianglesAreCounted) {
    const ModelStats s = checkModel(withTriangles(
        {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {2, 0, 0}},
        {0, 1, 2, 2, 0, 1, 0, 0, 1, 0, 1, 3}));  // a copy (rotated), repeated index, collinear
    EXPECT_EQ(s.duplicateTriangles, 1u);
    EXPECT_EQ(s.degenerateTriangles, 2u);
}

TEST(ModelCheck, BoundsAreInMetresZUp) {
    ImportedModel m = withTriangles({{0, 0, 0}, {200, 0, 0}, {0, 300, -100}}, {0, 1, 2});
    m.unitScale = 0.01;  // centimetres, Y up
    const ModelStats s = checkModel(m);
    EXPECT_EQ(s.unitsGuess, "centimetres (stated by the file)");
    EXPECT_FLOAT_EQ(s.boundsMax[0], 2);  // x stays x
    EXPECT_FLOAT_EQ(s.boundsMax[1], 1);  // -z becomes y
    EXPECT_FLOAT_EQ(s.boundsMax[2], 3);  // y becomes up
}

TEST(ModelCheck, UnitsAreGuessedFromTheExtentWhenTheFileIsSilent) {
    EXPECT_EQ(checkModel(withTriangles({{0, 0, 0}, {12, 0, 0}, {0, 8, 0}}, {0, 1, 2})).unitsGuess,
              "metres (guessed from a 12-unit extent)");
    EXPECT_EQ(checkModel(withTriangles({{0, 0, 0}, {1250, 0, 0}, {0, 8, 0}}, {0, 1, 2})).unitsGuess,
              "centimetres (guessed from a 1,250-unit extent)");
    const ModelStats mm =
        checkModel(withTriangles({{0, 0, 0}, {12000, 0, 0}, {0, 8, 0}}, {0, 1, 2}));
    EXPECT_EQ(mm.unitScale, 0.001);
    EXPECT_FLOAT_EQ(mm.boundsMax[0], 12);
}
