// Every vertex of a generated building carries the surface of its part's material, so the
// shaders texture 青砖 walls as brick and 蚝壳 walls as oyster shell.

#include <cunjing/architecture/Building.h>
#include <cunjing/architecture/StyleLibrary.h>

#include <gtest/gtest.h>

#include <map>

using namespace cunjing;
using namespace cunjing::architecture;

namespace {

/// Triangles of a part kind, counted by the surface of their first vertex.
std::map<geo::Surface, int> surfacesOf(const BuildingMesh& b, PartKind kind) {
    std::map<geo::Surface, int> out;
    for (const PartRange& part : b.parts) {
        if (part.kind != kind)
            continue;
        for (std::uint32_t i = part.firstIndex; i < part.firstIndex + part.indexCount; i += 3)
            ++out[b.mesh.surfaces[b.mesh.indices[i]]];
    }
    return out;
}

const Style& style(const char* id) {
    static const std::vector<Style> styles = loadStyleLibrary().value();
    return *findStyle(styles, id);
}

}  // namespace

TEST(Surfaces, NamesFromStyleFilesMapToSurfaces) {
    EXPECT_EQ(geo::surfaceFromName("brick"), geo::Surface::Brick);
    EXPECT_EQ(geo::surfaceFromName("oyster-shell"), geo::Surface::OysterShell);
    EXPECT_EQ(geo::surfaceFromName("rammed-earth"), geo::Surface::RammedEarth);
    EXPECT_EQ(geo::surfaceFromName("stone"), geo::Surface::Granite);
    EXPECT_EQ(geo::surfaceFromName("glass"), geo::Surface::Plain);
}

TEST(Surfaces, BrickWallsAndOysterShellWallsAreTexturedAsSuch) {
    auto brick = generateBuilding(style("guangfu"), "sanjian-lianglang", {}, 1, 0);
    ASSERT_TRUE(brick.ok()) << brick.firstError();
    ASSERT_TRUE(brick->mesh.isValid());
    EXPECT_GT(surfacesOf(brick.value(), PartKind::Walls)[geo::Surface::Brick], 0);
    EXPECT_GT(surfacesOf(brick.value(), PartKind::Plinth)[geo::Surface::Granite], 0);
    EXPECT_GT(surfacesOf(brick.value(), PartKind::Roof)[geo::Surface::Tile], 0);

    auto oyster = generateBuilding(style("guangfu"), "sanjian-lianglang-haoke", {}, 1, 0);
    ASSERT_TRUE(oyster.ok()) << oyster.firstError();
    EXPECT_GT(surfacesOf(oyster.value(), PartKind::Walls)[geo::Surface::OysterShell], 0);

    auto tulou = generateBuilding(style("hakka"), "tulou-round", {}, 1, 0);
    ASSERT_TRUE(tulou.ok()) << tulou.firstError();
    EXPECT_GT(surfacesOf(tulou.value(), PartKind::Walls)[geo::Surface::RammedEarth], 0);
}

TEST(Surfaces, PondsAreWaterAndForecourtsArePaving) {
    auto house = generateBuilding(style("hakka"), "weilongwu", {}, 1, 0);
    ASSERT_TRUE(house.ok()) << house.firstError();
    for (const GroundFeature& g : house->ground) {
        ASSERT_EQ(g.mesh.surfaces.size(), g.mesh.positions.size());
        const geo::Surface expected = g.kind == GroundKind::Pond     ? geo::Surface::Water
                                      : g.kind == GroundKind::Huatai ? geo::Surface::Turf
                                                                     : geo::Surface::Paving;
        EXPECT_EQ(g.mesh.surfaces.front(), expected);
    }
}

TEST(Surfaces, AppendKeepsSurfacesAlignedWithVertices) {
    geo::Mesh plain;
    plain.positions = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}};
    plain.normals.assign(3, {0, 0, 1});
    plain.colors.assign(3, {});
    plain.indices = {0, 1, 2};
    geo::Mesh brick = plain;
    brick.surfaces.assign(3, geo::Surface::Brick);
    geo::Mesh m = plain;
    m.append(brick);
    m.append(plain);
    ASSERT_TRUE(m.isValid());
    ASSERT_EQ(m.surfaces.size(), 9u);
    EXPECT_EQ(m.surfaces[0], geo::Surface::Plain);
    EXPECT_EQ(m.surfaces[4], geo::Surface::Brick);
    EXPECT_EQ(m.surfaces[8], geo::Surface::Plain);
}
