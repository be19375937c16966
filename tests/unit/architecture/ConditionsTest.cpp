// Current-condition params (facade_finish, ac_units, ...): each changes the mesh when on and
// nothing when off; the 自建房 and wires typologies' sizes come from the style.
#include <cunjing/architecture/Building.h>

#include "StyleFixtures.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

using namespace cunjing;
using namespace cunjing::architecture;
using namespace cunjing::architecture::test;

namespace {

BuildingMesh build(const std::string& typology, const ParamOverrides& o = {},
                   std::uint32_t seed = 3) {
    auto r = generateBuilding(bundledStyle("guangfu"), typology, o, seed, 0);
    EXPECT_TRUE(r.ok()) << typology << ": " << r.firstError();
    return r.ok() ? std::move(r.value()) : BuildingMesh{};
}

MaterialId material(const std::string& id) {
    const Style& g = bundledStyle("guangfu");
    for (std::size_t i = 0; i < g.materials.size(); ++i) {
        if (g.materials[i].id == id)
            return static_cast<MaterialId>(i);
    }
    ADD_FAILURE() << "no material " << id;
    return kNoMaterial;
}

std::size_t trianglesOf(const BuildingMesh& b, const std::string& materialId) {
    const MaterialId m = material(materialId);
    std::size_t n = 0;
    for (const PartRange& p : b.parts) {
        if (p.material == m)
            n += p.indexCount / 3;
    }
    return n;
}

bool sameMesh(const BuildingMesh& a, const BuildingMesh& b) {
    if (a.mesh.indices != b.mesh.indices || a.mesh.positions.size() != b.mesh.positions.size())
        return false;
    for (std::size_t i = 0; i < a.mesh.positions.size(); ++i) {
        if (a.mesh.positions[i].x != b.mesh.positions[i].x ||
            a.mesh.colors[i].r != b.mesh.colors[i].r)
            return false;
    }
    return true;
}

}  // namespace

TEST(Conditions, AllOffBuildsExactlyTheOriginal) {
    for (const char* t : {"qilou", "sanjian-lianglang", "nongfang"}) {
        const BuildingMesh plain = build(t);
        const BuildingMesh off = build(t, {{"facade_finish", "original"},
                                           {"paint_fade", "0"},
                                           {"ac_units", "0"},
                                           {"window_cages", "false"},
                                           {"signboards", "0"},
                                           {"rooftop_shed", "false"},
                                           {"additions", "none"}});
        EXPECT_TRUE(sameMesh(plain, off)) << t;
    }
}

TEST(Conditions, BareBrickRecladsTheWallsInRedBrick) {
    const BuildingMesh plain = build("qilou");
    const BuildingMesh brick = build("qilou", {{"facade_finish", "bare-brick"}});
    EXPECT_EQ(trianglesOf(plain, "hongzhuan"), 0u);
    EXPECT_GT(trianglesOf(brick, "hongzhuan"), 20u);
    EXPECT_EQ(trianglesOf(brick, "qilou-plaster"), 0u);
    EXPECT_EQ(plain.mesh.triangleCount(), brick.mesh.triangleCount());
    const BuildingMesh tile = build("qilou", {{"facade_finish", "tile"}});
    EXPECT_GT(trianglesOf(tile, "facade-tile"), 20u);
}

TEST(Conditions, FadedPaintGreysTheWallsOnly) {
    const BuildingMesh plain = build("qilou");
    const BuildingMesh faded = build("qilou", {{"paint_fade", "0.8"}});
    ASSERT_EQ(plain.mesh.colors.size(), faded.mesh.colors.size());
    std::size_t changed = 0;
    for (std::size_t i = 0; i < plain.mesh.colors.size(); ++i)
        changed += plain.mesh.colors[i].r != faded.mesh.colors[i].r;
    EXPECT_GT(changed, 50u);
    EXPECT_EQ(plain.mesh.positions.size(), faded.mesh.positions.size());
}

TEST(Conditions, EachPartAddsItsOwnMaterialInFrontOrOnTop) {
    const BuildingMesh plain = build("qilou", {{"storeys", "3"}});
    const auto front = [](const BuildingMesh& b, const char* id) { return trianglesOf(b, id); };
    const BuildingMesh ac = build("qilou", {{"storeys", "3"}, {"ac_units", "3"}});
    EXPECT_EQ(front(plain, "ac-unit"), 0u);
    EXPECT_EQ(front(ac, "ac-unit"),
              3 * front(build("qilou", {{"storeys", "3"}, {"ac_units", "1"}}), "ac-unit"));
    const BuildingMesh cages = build("qilou", {{"storeys", "3"}, {"window_cages", "true"}});
    EXPECT_GT(front(cages, "steel-cage"), 100u);
    EXPECT_GT(cages.triangleCount(PartKind::Windows), plain.triangleCount(PartKind::Windows));
    const BuildingMesh signs = build("qilou", {{"storeys", "3"}, {"signboards", "2"}});
    std::size_t signTriangles = 0;
    for (const char* id : {"sign-red", "sign-yellow", "sign-blue", "sign-white"})
        signTriangles += front(signs, id);
    EXPECT_GT(signTriangles, 0u);
    // The signs hang on the street front (y <= 0 in the building's frame).
    const geo::Bounds all = geo::boundsOf(signs.mesh);
    EXPECT_LT(all.min.y, -0.05);
    const BuildingMesh shed = build("qilou", {{"storeys", "3"}, {"rooftop_shed", "true"}});
    EXPECT_GT(front(shed, "tin-sheet"), 10u);
    EXPECT_GT(geo::boundsOf(shed.mesh).max.z, geo::boundsOf(plain.mesh).max.z - 0.5);
}

TEST(Conditions, MeshesWithConditionsStayValidWithASurfacePerVertex) {
    const BuildingMesh messy = build("qilou", {{"storeys", "3"},
                                               {"facade_finish", "bare-brick"},
                                               {"ac_units", "2"},
                                               {"window_cages", "true"},
                                               {"signboards", "2"},
                                               {"rooftop_shed", "true"},
                                               {"additions", "lean-to"}});
    EXPECT_TRUE(messy.mesh.isValid());
    EXPECT_EQ(messy.mesh.surfaces.size(), messy.mesh.positions.size());
}

TEST(Conditions, AdditionsAddALeanToMassOrAnExtraStorey) {
    const BuildingMesh plain = build("sanjian-lianglang");
    const BuildingMesh lean = build("sanjian-lianglang", {{"additions", "lean-to"}});
    ASSERT_EQ(lean.masses.size(), plain.masses.size() + 1);
    EXPECT_EQ(lean.masses.back().role, "addition");
    EXPECT_GT(trianglesOf(lean, "hongzhuan"), 0u);
    const BuildingMesh flat = build("nongfang");
    const BuildingMesh storey = build("nongfang", {{"additions", "extra-storey"}});
    EXPECT_EQ(storey.masses.size(), flat.masses.size());
    EXPECT_GT(storey.masses[0].top, flat.masses[0].eave + 2.5);
    EXPECT_GT(trianglesOf(storey, "hongzhuan"), trianglesOf(flat, "hongzhuan"));
}

TEST(Conditions, BadValuesNameTheAllowedOnes) {
    const Style& g = bundledStyle("guangfu");
    for (const auto& [key, value, allowed] :
         {std::tuple{"facade_finish", "marble", "bare-brick"},
          std::tuple{"ac_units", "40", "0..12"}, std::tuple{"paint_fade", "2", "0..1"},
          std::tuple{"additions", "tower", "lean-to"},
          std::tuple{"window_cages", "maybe", "true"}}) {
        const auto r = generateBuilding(g, "qilou", {{key, value}}, 1, 0);
        ASSERT_FALSE(r.ok()) << key;
        EXPECT_NE(r.errors()[0].message.find(allowed), std::string::npos) << r.errors()[0].message;
    }
    // Hakka has no 红砖 material: the finish cannot be drawn there, and says why.
    const auto h = generateBuilding(bundledStyle("hakka"), "tanghengwu",
                                    {{"facade_finish", "bare-brick"}}, 1, 0);
    ASSERT_FALSE(h.ok());
    EXPECT_NE(h.errors()[0].message.find("hongzhuan"), std::string::npos);
}

TEST(Nongfang, IsAFlatRoofedBoxOfTwoToFourStoreysFromTheStyle) {
    for (std::uint32_t seed = 1; seed < 12; ++seed) {
        const BuildingMesh b = build("nongfang", {}, seed);
        ASSERT_EQ(b.masses.size(), 1u);
        const Mass& m = b.masses[0];
        EXPECT_TRUE(m.flatRoof);
        EXPECT_GE(m.storeys, 2);
        EXPECT_LE(m.storeys, 4);
        const double w = m.footprint[1].x - m.footprint[0].x;
        EXPECT_GE(w, 6.0);
        EXPECT_LE(w, 10.0);
        EXPECT_NEAR(m.eave, 0.2 + m.storeys * 3.1, 0.2 + m.storeys * 0.2);
    }
    // Balconies cantilever over the street, in front of the footprint.
    EXPECT_LT(geo::boundsOf(build("nongfang").mesh).min.y, -0.9);
}

TEST(Dianxian, PolesEveryThirtyMetresAndCablesSagBetweenThem) {
    const BuildingMesh b = build("dianxian", {{"length", "90"}, {"crossReach", "8"}});
    const geo::Bounds box = geo::boundsOf(b.mesh);
    // Poles at both ends; service drops may lean up to 4 m past the end poles.
    EXPECT_GE(box.max.x - box.min.x, 90);
    EXPECT_LE(box.max.x - box.min.x, 98.5);
    EXPECT_LT(box.min.y, -7.5);  // drops reach across the street
    EXPECT_GT(trianglesOf(b, "pole-concrete"), 0u);
    EXPECT_GT(trianglesOf(b, "wire-black"), 200u);
    const BuildingMesh noDrops = build("dianxian", {{"length", "90"}});
    EXPECT_GT(geo::boundsOf(noDrops.mesh).min.y, -1.0);
}
