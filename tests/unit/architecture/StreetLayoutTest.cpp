// The street layout (圩镇街道): two rows facing across the street, the 骑楼 row's arcades on
// one line, conditions drawn from the seed, the same plan for the same seed.
#include <cunjing/architecture/VillageLayouts.h>

#include "StyleFixtures.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

using namespace cunjing;
using namespace cunjing::architecture;
using namespace cunjing::architecture::test;

namespace {

VillageLayoutResult street(std::uint32_t seed, double facing = 180) {
    VillageLayoutOptions o;
    o.layout = VillageLayout::Street;
    o.seed = seed;
    o.streetLength = 80;
    o.streetWidth = 9;
    o.facingDeg = facing;
    auto r = generateVillage(o, bundledStyles());
    EXPECT_TRUE(r.ok()) << r.firstError();
    return r.ok() ? std::move(r.value()) : VillageLayoutResult{};
}

double minY(const BuildingFootprint& b) {
    double y = 1e30;
    for (const Point2& p : b.outline)
        y = std::min(y, p.y);
    return y;
}

double maxY(const BuildingFootprint& b) {
    double y = -1e30;
    for (const Point2& p : b.outline)
        y = std::max(y, p.y);
    return y;
}

bool has(const BuildingFootprint& b, const std::string& key) {
    return std::any_of(b.overrides.begin(), b.overrides.end(),
                       [&](const auto& kv) { return kv.first == key; });
}

}  // namespace

TEST(StreetLayout, RowsFaceEachOtherAcrossTheStreet) {
    const VillageLayoutResult r = street(4);
    int north = 0, south = 0;
    for (const BuildingFootprint& b : r.plan.buildings) {
        if (b.typology == "dianxian")
            continue;
        if (b.id.rfind("street-a-", 0) == 0) {
            ++north;
            EXPECT_EQ(b.facingDeg, 180) << b.id;
            EXPECT_NEAR(minY(b), 4.5, 0.05) << b.id << " front on the façade line";
        } else {
            ++south;
            EXPECT_EQ(b.facingDeg, 0) << b.id;
            EXPECT_NEAR(maxY(b), -4.5, 0.05) << b.id;
        }
    }
    EXPECT_GE(north, 4);
    EXPECT_GE(south, 4);
    ASSERT_EQ(r.plan.ground.size(), 1u);
    EXPECT_EQ(r.plan.ground[0].kind, GroundKind::Lane);
}

TEST(StreetLayout, ArcadeRowIsMostlyQilouSideBySideWithinTheLength) {
    const VillageLayoutResult r = street(4);
    std::vector<const BuildingFootprint*> row;
    for (const BuildingFootprint& b : r.plan.buildings) {
        if (b.id.rfind("street-a-", 0) == 0)
            row.push_back(&b);
    }
    const auto qilou =
        std::count_if(row.begin(), row.end(), [](const auto* b) { return b->typology == "qilou"; });
    EXPECT_GE(2 * qilou, static_cast<long>(row.size()));
    double lastX = -1e30;
    for (const BuildingFootprint* b : row) {
        double x0 = 1e30, x1 = -1e30;
        for (const Point2& p : b->outline)
            x0 = std::min(x0, p.x), x1 = std::max(x1, p.x);
        EXPECT_GE(x0, lastX - 0.01) << b->id << " overlaps its neighbour";
        EXPECT_GE(x0, -40.01);
        EXPECT_LE(x1, 42.01);
        lastX = x1;
    }
}

TEST(StreetLayout, ConditionsAreMessyAndWiresRunAlongTheKerb) {
    const VillageLayoutResult r = street(4);
    int withConditions = 0, wires = 0;
    for (const BuildingFootprint& b : r.plan.buildings) {
        if (b.typology == "dianxian") {
            ++wires;
            EXPECT_NEAR(0.5 * (minY(b) + maxY(b)), -4.5 + 1.6, 0.05);
            continue;
        }
        withConditions += has(b, "ac_units") || has(b, "window_cages") || has(b, "paint_fade");
        auto mesh = generateBuilding(bundledStyle("guangfu"), b.typology, b.overrides, b.seed, 0);
        EXPECT_TRUE(mesh.ok()) << b.id << ": " << mesh.firstError();
    }
    EXPECT_EQ(wires, 1);
    EXPECT_GE(withConditions, 6);
}

TEST(StreetLayout, SameSeedSamePlanOtherSeedOtherStreet) {
    const VillageLayoutResult a = street(11), b = street(11), c = street(12);
    ASSERT_EQ(a.plan.buildings.size(), b.plan.buildings.size());
    for (std::size_t i = 0; i < a.plan.buildings.size(); ++i) {
        EXPECT_EQ(a.plan.buildings[i].typology, b.plan.buildings[i].typology);
        EXPECT_EQ(a.plan.buildings[i].overrides, b.plan.buildings[i].overrides);
        EXPECT_EQ(a.plan.buildings[i].outline[0].x, b.plan.buildings[i].outline[0].x);
    }
    bool differs = a.plan.buildings.size() != c.plan.buildings.size();
    for (std::size_t i = 0; !differs && i < a.plan.buildings.size(); ++i)
        differs = a.plan.buildings[i].overrides != c.plan.buildings[i].overrides;
    EXPECT_TRUE(differs);
}

TEST(StreetLayout, TurnsWithItsFacingAndChecksItsSize) {
    const VillageLayoutResult r = street(4, 90);
    for (const BuildingFootprint& b : r.plan.buildings) {
        if (b.id.rfind("street-a-", 0) == 0) {
            EXPECT_EQ(b.facingDeg, 90) << b.id;  // fronts look east: the street runs north-south
        }
    }
    VillageLayoutOptions o;
    o.layout = VillageLayout::Street;
    o.streetWidth = 30;
    o.streetLength = 10;
    const Status s = validate(o);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.errors().size(), 2u);
    EXPECT_EQ(parseLayout("street"), VillageLayout::Street);
}
