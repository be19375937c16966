// Village layout generators: the comb village's rules (domain.md §1.1), the Hakka and
// Chaoshan compounds, facing from a DEM, and the footprint round trip through a GeoPackage.

#include <cunjing/architecture/VillageLayouts.h>

#include "StyleFixtures.h"

#include <TestPaths.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <numbers>

using namespace cunjing;
using namespace cunjing::architecture;
using cunjing::architecture::test::bundledStyle;
using cunjing::architecture::test::bundledStyles;

namespace {

namespace fs = std::filesystem;
constexpr double kDegree = std::numbers::pi / 180;
constexpr double kSiteX = 384350, kSiteY = 2571565;  // middle of the synthetic demo DEM

fs::path caseDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const fs::path dir =
        cunjing::test::outputDir("architecture") / (std::string(info->test_suite_name()) + "-" +
                                                    info->name() + "-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string demoDem() {
    return (cunjing::test::sourceDir() / "assets" / "demo" / "terrain_synthetic.asc").string();
}

geo::Crs gk() {
    return geo::Crs::fromUserString("EPSG:4547").value();
}

VillageLayoutResult generate(const VillageLayoutOptions& o) {
    auto r = generateVillage(o, bundledStyles());
    EXPECT_TRUE(r.ok()) << r.firstError();
    return r.ok() ? r.value() : VillageLayoutResult{};
}

/// Plan coordinates in the comb's layout frame: turned back so the houses face -y.
Point2 toLayout(Point2 p, double facing) {
    const double h = -headingForFacing(facing) * kDegree;
    return {p.x * std::cos(h) - p.y * std::sin(h), p.x * std::sin(h) + p.y * std::cos(h)};
}

struct Extent {
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    void add(Point2 p) {
        x0 = std::min(x0, p.x);
        y0 = std::min(y0, p.y);
        x1 = std::max(x1, p.x);
        y1 = std::max(y1, p.y);
    }
};

Extent extentOf(const std::vector<Point2>& ring, double facing) {
    Extent e;
    for (const Point2& p : ring)
        e.add(toLayout(p, facing));
    return e;
}

const GroundArea* groundOf(const VillagePlan& plan, GroundKind kind) {
    for (const GroundArea& g : plan.ground) {
        if (g.kind == kind)
            return &g;
    }
    return nullptr;
}

/// Columns of houses (from their ids, "house-<column>-<row>-<w|e>") and the 祠堂's slot.
struct CombShape {
    std::map<int, Extent> columns;
    std::map<int, int> housesPerColumn;
    Extent citang;
    double front = 1e300;  // the houses' common front edge (layout y)
};

CombShape combShape(const VillagePlan& plan, double facing) {
    CombShape s;
    for (const BuildingFootprint& b : plan.buildings) {
        const Extent e = extentOf(b.outline, facing);
        if (b.typology == "citang") {
            s.citang = e;
            continue;
        }
        EXPECT_EQ(b.typology, "sanjian-lianglang");
        const int column = std::stoi(b.id.substr(6, b.id.find('-', 6) - 6));
        Extent& c = s.columns[column];
        c.add({e.x0, e.y0});
        c.add({e.x1, e.y1});
        ++s.housesPerColumn[column];
        s.front = std::min(s.front, e.y0);
    }
    return s;
}

/// Each footprint of a plan re-read from a GeoPackage puts its building back where the
/// generator placed it: regenerating and placing gives the very same outline.
void expectFootprintsRoundTrip(const VillageLayoutResult& generated, const std::string& file) {
    VillagePlan plan = generated.plan;
    translatePlan(plan, kSiteX, kSiteY);
    plan.crs = "EPSG:4547";
    ASSERT_TRUE(writeVillagePlan(plan, file).ok());
    auto read = readVillagePlan(file, gk(), bundledStyles());
    ASSERT_TRUE(read.ok()) << read.firstError();
    ASSERT_EQ(read->buildings.size(), plan.buildings.size());
    for (std::size_t i = 0; i < plan.buildings.size(); ++i) {
        const BuildingFootprint& f = read->buildings[i];
        auto mesh = generateBuilding(bundledStyle(f.style), f.typology, f.overrides, f.seed, 0);
        ASSERT_TRUE(mesh.ok()) << mesh.firstError();
        const Placement at = placeOnFootprint(mesh.value(), f);
        const std::vector<Point2> again = footprintOutline(mesh.value(), at);
        ASSERT_EQ(again.size(), plan.buildings[i].outline.size());
        for (std::size_t k = 0; k < again.size(); ++k) {
            EXPECT_NEAR(again[k].x, plan.buildings[i].outline[k].x, 0.01) << f.id;
            EXPECT_NEAR(again[k].y, plan.buildings[i].outline[k].y, 0.01) << f.id;
        }
    }
}

}  // namespace

TEST(CombVillage, FollowsTheCombRules) {
    struct Case {
        int columns, depth;
        double lane;
        std::uint32_t seed;
    };
    for (const Case c :
         {Case{2, 4, 1.2, 1}, Case{4, 6, 1.6, 2}, Case{5, 8, 2.0, 3}, Case{6, 7, 1.35, 99}}) {
        SCOPED_TRACE(::testing::Message() << c.columns << " columns, " << c.depth << " deep, lane "
                                          << c.lane << ", seed " << c.seed);
        VillageLayoutOptions o;
        o.columns = c.columns;
        o.depth = c.depth;
        o.laneWidth = c.lane;
        o.seed = c.seed;
        const VillageLayoutResult r = generate(o);
        const double facing = r.facing.facingDeg;
        EXPECT_GE(facing, 135);
        EXPECT_LE(facing, 180);
        const CombShape s = combShape(r.plan, facing);
        ASSERT_EQ(static_cast<int>(s.columns.size()), c.columns);
        for (const auto& [column, n] : s.housesPerColumn) {
            EXPECT_EQ(n % 2, 0) << "two houses a row";
            EXPECT_GE(n / 2, 4) << "column " << column;
            EXPECT_LE(n / 2, 8) << "column " << column;
        }
        // Lanes measured between the footprints of neighbouring columns (the 祠堂 included).
        std::vector<Extent> slots;
        for (const auto& [column, e] : s.columns)
            slots.push_back(e);
        slots.push_back(s.citang);
        std::sort(slots.begin(), slots.end(),
                  [](const Extent& a, const Extent& b) { return a.x0 < b.x0; });
        for (std::size_t i = 1; i < slots.size(); ++i) {
            const double lane = slots[i].x0 - slots[i - 1].x1;
            EXPECT_GE(lane, 1.2 - 1e-6);
            EXPECT_LE(lane, 2.0 + 1e-6);
            EXPECT_NEAR(lane, c.lane, 1e-6);
        }
        // The 祠堂 stands in the front row, its front on the houses' front edge.
        EXPECT_NEAR(s.citang.y0, s.front, 0.01);
        // 禾坪 and 风水塘 in front of the houses, the pond beyond the forecourt.
        const GroundArea* yard = groundOf(r.plan, GroundKind::Forecourt);
        const GroundArea* pond = groundOf(r.plan, GroundKind::Pond);
        ASSERT_TRUE(yard && pond);
        const Extent ye = extentOf(yard->outline, facing), pe = extentOf(pond->outline, facing);
        EXPECT_LE(ye.y1, s.front + 1e-6);
        EXPECT_LT(pe.y1, ye.y0);
        // The banyan at the entrance: in front of the houses, at the end of the 禾坪.
        ASSERT_EQ(r.plan.trees.size(), 1u);
        EXPECT_NE(r.plan.trees[0].species.find("榕"), std::string::npos);
        const Point2 t = toLayout(r.plan.trees[0].at, facing);
        EXPECT_LT(t.y, s.front);
        EXPECT_GE(t.y, ye.y0);
        EXPECT_LE(std::min(std::abs(t.x - ye.x0), std::abs(t.x - ye.x1)), 10);
    }
}

TEST(CombVillage, FootprintsRoundTripThroughTheFileToOneCentimetre) {
    VillageLayoutOptions o;
    o.columns = 3;
    o.depth = 5;
    o.facingDeg = 150;
    expectFootprintsRoundTrip(generate(o), (caseDir() / "comb.gpkg").string());
}

TEST(CombVillage, OnTheDemoDemFacesSouthToSouthEastWithTheGroundRisingBehind) {
    auto ground = demGroundSampler(demoDem(), gk(), kSiteX, kSiteY);
    ASSERT_TRUE(ground.ok()) << ground.firstError();
    VillageLayoutOptions o;
    o.ground = ground.value();
    const VillageLayoutResult r = generate(o);
    EXPECT_TRUE(r.facing.fromGround) << r.facing.reason;
    EXPECT_GE(r.facing.facingDeg, 135);
    EXPECT_LE(r.facing.facingDeg, 180);
    EXPECT_GT(r.facing.rise, 1.0) << r.facing.reason;
    // The ground behind the village (the hills are to the north) is higher than in front.
    const double f = r.facing.facingDeg * kDegree;
    const auto behind = o.ground(-40 * std::sin(f), -40 * std::cos(f));
    const auto front = o.ground(40 * std::sin(f), 40 * std::cos(f));
    ASSERT_TRUE(behind && front);
    EXPECT_GT(*behind, *front);
    const GroundArea* yard = groundOf(r.plan, GroundKind::Forecourt);
    const GroundArea* pond = groundOf(r.plan, GroundKind::Pond);
    ASSERT_TRUE(yard && pond && yard->z && pond->z);
    EXPECT_LT(*pond->z, *yard->z);
    EXPECT_GT(*yard->z - *pond->z, 0.2);
    EXPECT_LT(*yard->z - *pond->z, 3);
}

TEST(CombVillage, SameSeedSameVillageOtherSeedAnother) {
    VillageLayoutOptions o;
    o.seed = 42;
    const VillagePlan a = generate(o).plan, b = generate(o).plan;
    ASSERT_EQ(a.buildings.size(), b.buildings.size());
    for (std::size_t i = 0; i < a.buildings.size(); ++i) {
        EXPECT_EQ(a.buildings[i].id, b.buildings[i].id);
        EXPECT_EQ(a.buildings[i].seed, b.buildings[i].seed);
        EXPECT_EQ(a.buildings[i].overrides, b.buildings[i].overrides);
        for (std::size_t k = 0; k < a.buildings[i].outline.size(); ++k)
            EXPECT_EQ(a.buildings[i].outline[k].x, b.buildings[i].outline[k].x);
    }
    o.seed = 43;
    const VillagePlan c = generate(o).plan;
    bool differs = c.buildings.size() != a.buildings.size();
    for (std::size_t i = 0; !differs && i < a.buildings.size(); ++i)
        differs = c.buildings[i].seed != a.buildings[i].seed;
    EXPECT_TRUE(differs);
}

TEST(ChooseFacing, PicksTheFacingWithTheGroundRisingBehind) {
    // Ground rising towards the north-west: a south-east facing puts the slope behind.
    const GroundSampler northWest = [](double dx, double dy) -> std::optional<double> {
        return 0.1 * (dy - dx);
    };
    const FacingChoice c = chooseFacing(northWest, facingRange(VillageLayout::Comb), 60);
    EXPECT_DOUBLE_EQ(c.facingDeg, 135);
    EXPECT_TRUE(c.fromGround);
    EXPECT_NE(c.reason.find("rises"), std::string::npos);
    const FacingChoice any = chooseFacing(northWest, facingRange(VillageLayout::Weilongwu), 60);
    EXPECT_DOUBLE_EQ(any.facingDeg, 135);
    const GroundSampler flat = [](double, double) -> std::optional<double> { return 5.0; };
    const FacingChoice level = chooseFacing(flat, facingRange(VillageLayout::Comb), 60);
    EXPECT_DOUBLE_EQ(level.facingDeg, 180);
    EXPECT_FALSE(level.fromGround);
    EXPECT_NE(level.reason.find("less than 0.5 m"), std::string::npos);
    const FacingChoice none = chooseFacing({}, facingRange(VillageLayout::SimaTuoche), 60);
    EXPECT_DOUBLE_EQ(none.facingDeg, 180);
    EXPECT_NE(none.reason.find("no DEM"), std::string::npos);
}

TEST(Weilongwu, StandsWithTheHillBehindAndFengshuiWoodOnTheSlope) {
    auto ground = demGroundSampler(demoDem(), gk(), kSiteX, kSiteY + 150);
    ASSERT_TRUE(ground.ok()) << ground.firstError();
    VillageLayoutOptions o;
    o.layout = VillageLayout::Weilongwu;
    o.ground = ground.value();
    const VillageLayoutResult r = generate(o);
    ASSERT_EQ(r.plan.buildings.size(), 1u);
    const BuildingFootprint& b = r.plan.buildings[0];
    EXPECT_EQ(b.style, "hakka");
    EXPECT_EQ(b.typology, "weilongwu");
    EXPECT_TRUE(r.facing.fromGround) << r.facing.reason;
    EXPECT_GT(r.facing.rise, 1.0);
    // The hills of the demo are to the north: the house looks southwards.
    EXPECT_GE(r.facing.facingDeg, 120);
    EXPECT_LE(r.facing.facingDeg, 240);
    // Its own 禾坪, 半月池 and 化胎 are the generator's: the plan adds no ground of its own.
    EXPECT_TRUE(r.plan.ground.empty());
    auto mesh = generateBuilding(bundledStyle("hakka"), "weilongwu", b.overrides, b.seed, 0);
    ASSERT_TRUE(mesh.ok());
    for (GroundKind k : {GroundKind::Forecourt, GroundKind::Pond, GroundKind::Huatai})
        EXPECT_TRUE(std::any_of(mesh->ground.begin(), mesh->ground.end(),
                                [k](const GroundFeature& g) { return g.kind == k; }));
    // Every tree stands behind the house's footprint.
    ASSERT_GE(r.plan.trees.size(), 6u);
    const Extent house = extentOf(b.outline, b.facingDeg);
    for (const PlannedTree& t : r.plan.trees)
        EXPECT_GT(toLayout(t.at, b.facingDeg).y, house.y1) << t.species;
}

TEST(SimaTuoche, HasItsForecourtAndPondInFront) {
    VillageLayoutOptions o;
    o.layout = VillageLayout::SimaTuoche;
    const VillageLayoutResult r = generate(o);
    ASSERT_EQ(r.plan.buildings.size(), 1u);
    const BuildingFootprint& b = r.plan.buildings[0];
    EXPECT_EQ(b.typology, "sima-tuoche");
    EXPECT_DOUBLE_EQ(b.facingDeg, 180);
    auto mesh = generateBuilding(bundledStyle("chaoshan"), b.typology, b.overrides, b.seed, 0);
    ASSERT_TRUE(mesh.ok());
    const Placement at = placeOnFootprint(mesh.value(), b);
    const Extent house = extentOf(b.outline, b.facingDeg);
    // In plan coordinates, from the generator's own ground or the plan's.
    for (GroundKind kind : {GroundKind::Forecourt, GroundKind::Pond}) {
        std::vector<Point2> outline;
        for (const GroundFeature& g : mesh->ground) {
            if (g.kind == kind)
                outline = footprintOutline(BuildingMesh{{}, {}, {Mass{"", g.outline}}, {}}, at);
        }
        if (const GroundArea* g = groundOf(r.plan, kind))
            outline = g->outline;
        ASSERT_FALSE(outline.empty()) << static_cast<int>(kind);
        EXPECT_LE(extentOf(outline, b.facingDeg).y1, house.y0 + 0.01);
    }
}

TEST(VillageLayouts, CompoundFootprintsRoundTripToOneCentimetre) {
    for (VillageLayout l : {VillageLayout::Weilongwu, VillageLayout::SimaTuoche}) {
        VillageLayoutOptions o;
        o.layout = l;
        o.seed = 5;
        o.facingDeg = 165;
        expectFootprintsRoundTrip(generate(o),
                                  (caseDir() / (std::string(layoutName(l)) + ".gpkg")).string());
    }
}

TEST(VillageLayouts, OutOfRangeOptionsNameTheOptionAndItsRange) {
    VillageLayoutOptions o;
    o.columns = 1;
    o.depth = 9;
    o.laneWidth = 2.5;
    const Status s = validate(o);
    ASSERT_FALSE(s.ok());
    ASSERT_EQ(s.errors().size(), 3u);
    EXPECT_EQ(s.errors()[0].toString(), "columns: is 1; allowed: 2..12");
    EXPECT_NE(s.errors()[1].toString().find("4..8"), std::string::npos);
    EXPECT_NE(s.errors()[2].toString().find("1.2..2"), std::string::npos);
    EXPECT_FALSE(generateVillage(o, bundledStyles()).ok());
    EXPECT_EQ(parseLayout("duolianbi"), std::nullopt);
    EXPECT_EQ(parseLayout("sima-tuoche"), VillageLayout::SimaTuoche);
}

TEST(VillageLayouts, SiteOutsideTheDemGivesTheDemsExtent) {
    auto ground = demGroundSampler(demoDem(), gk(), 500000, 2500000);
    ASSERT_FALSE(ground.ok());
    const std::string e = ground.firstError();
    EXPECT_NE(e.find("terrain_synthetic.asc"), std::string::npos) << e;
    EXPECT_NE(e.find("500000.000,2500000.000"), std::string::npos) << e;
    EXPECT_NE(e.find("383747.5..384952.5"), std::string::npos) << e;
}

TEST(VillageLayouts, MissingStyleIsNamed) {
    std::vector<Style> onlyHakka;
    for (const Style& s : bundledStyles()) {
        if (s.id == "hakka")
            onlyHakka.push_back(s);
    }
    VillageLayoutOptions o;
    auto r = generateVillage(o, onlyHakka);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.firstError().find("guangfu"), std::string::npos) << r.firstError();
}
