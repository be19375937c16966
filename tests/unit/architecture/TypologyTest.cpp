// What makes each typology itself: the 镬耳's rise, 花萼楼's numbers, the 五行 silhouettes,
// the 围龙 horseshoe behind the halls with the 半月池 in front, the 骑楼's arcade...
#include <cunjing/architecture/Building.h>

#include "MeshProbe.h"
#include "StyleFixtures.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <set>
#include <string>
#include <vector>

using namespace cunjing;
using namespace cunjing::architecture;
using namespace cunjing::architecture::test;

namespace {

BuildingMesh build(const std::string& style, const std::string& typology,
                   const ParamOverrides& o = {}, std::uint32_t seed = 1) {
    auto r = generateBuilding(bundledStyle(style), typology, o, seed, 0);
    EXPECT_TRUE(r.ok()) << typology << ": " << r.firstError();
    return r.ok() ? std::move(r.value()) : BuildingMesh{};
}

ResolvedTypology resolved(const std::string& style, const std::string& typology,
                          const ParamOverrides& o = {}, std::uint32_t seed = 1) {
    auto r = resolveTypology(bundledStyle(style), typology, o, seed);
    EXPECT_TRUE(r.ok()) << r.firstError();
    return r.ok() ? r.value() : ResolvedTypology{};
}

/// Visits the triangles of one part kind.
void forEachPartTriangle(const BuildingMesh& b, PartKind kind,
                         const std::function<void(const Triangle&, MaterialId)>& f) {
    for (const PartRange& p : b.parts) {
        if (p.kind != kind)
            continue;
        for (std::uint32_t t = p.firstIndex / 3; t < (p.firstIndex + p.indexCount) / 3; ++t)
            f(triangleAt(b.mesh, t), p.material);
    }
}

std::vector<const Mass*> massesWithRole(const BuildingMesh& b, const std::string& role) {
    std::vector<const Mass*> out;
    for (const Mass& m : b.masses) {
        if (m.role == role)
            out.push_back(&m);
    }
    return out;
}

struct Extent {
    double minX = 1e9, maxX = -1e9, minY = 1e9, maxY = -1e9;
    void add(const std::vector<Point2>& pts) {
        for (const Point2& p : pts) {
            minX = std::min(minX, p.x);
            maxX = std::max(maxX, p.x);
            minY = std::min(minY, p.y);
            maxY = std::max(maxY, p.y);
        }
    }
};

const GroundFeature* groundOf(const BuildingMesh& b, GroundKind kind) {
    for (const GroundFeature& g : b.ground) {
        if (g.kind == kind)
            return &g;
    }
    return nullptr;
}

double radius(const D3& p) {
    return std::hypot(p.x, p.y);
}

/// Heights of a coping line at n evenly spaced positions from its first to its last point.
std::vector<double> sampled(const std::vector<GablePoint>& line, int n) {
    std::vector<double> out;
    const double y0 = line.front().y, y1 = line.back().y;
    for (int i = 0; i < n; ++i) {
        const double y = y0 + (y1 - y0) * i / (n - 1);
        std::size_t k = 0;
        while (k + 2 < line.size() && line[k + 1].y < y)
            ++k;
        const GablePoint a = line[k], b = line[k + 1];
        const double t = b.y > a.y ? std::clamp((y - a.y) / (b.y - a.y), 0.0, 1.0) : 0.0;
        out.push_back(a.z + (b.z - a.z) * t);
    }
    return out;
}

int localMaxima(const std::vector<double>& z) {
    int n = 0;
    for (std::size_t i = 1; i + 1 < z.size(); ++i) {
        if (z[i] > z[i - 1] + 1e-3 && z[i] >= z[i + 1])
            ++n;
    }
    return n;
}

double saturation(const geo::Rgba& c) {
    const float hi = std::max({c.r, c.g, c.b}), lo = std::min({c.r, c.g, c.b});
    return hi > 0 ? (hi - lo) / hi : 0;
}

}  // namespace

// ---- 广府 ------------------------------------------------------------------------------

TEST(WokEar, RisesOneToOnePointEightMetresAboveTheRidge) {
    for (std::uint32_t seed = 1; seed <= 12; ++seed) {
        const ParamOverrides o{{"gable", "wok-ear"}};
        const ResolvedTypology r = resolved("guangfu", "sanjian-lianglang", o, seed);
        const BuildingMesh b = build("guangfu", "sanjian-lianglang", o, seed);
        double top = -1e9;
        forEachPartTriangle(b, PartKind::Gables, [&](const Triangle& t, MaterialId) {
            for (const D3& p : t.p)
                top = std::max(top, p.z);
        });
        const double rise = top - r.dimensions.at("ridgeHeight");
        EXPECT_GE(rise, 1.0 - 1e-3) << "seed " << seed;
        EXPECT_LE(rise, 1.8 + 1e-3) << "seed " << seed;
        EXPECT_NEAR(rise, r.dimensions.at("wokEarRise"), 0.02) << "seed " << seed;
    }
    for (const char* rise : {"1.0", "1.8"}) {
        const BuildingMesh b = build("guangfu", "sanjian-lianglang",
                                     {{"gable", "wok-ear"},
                                      {"wokEarRise", rise},
                                      {"ridgeHeight", "6.5"},
                                      {"ridgeCapHeight", "0.25"}});
        EXPECT_NEAR(geo::boundsOf(b.mesh).max.z, 6.5 + std::stod(rise), 0.02);
    }
}

TEST(SanjianLianglang, EachGableProfileGivesItsOwnOutline) {
    std::map<std::string, double> tops;
    for (const char* gable : {"renzi", "wok-ear", "cat-ear"}) {
        const BuildingMesh b =
            build("guangfu", "sanjian-lianglang", {{"gable", gable}, {"ridgeHeight", "6.5"}});
        double top = -1e9;
        forEachPartTriangle(b, PartKind::Gables, [&](const Triangle& t, MaterialId) {
            for (const D3& p : t.p)
                top = std::max(top, p.z);
        });
        tops[gable] = top - 6.5;
    }
    EXPECT_LT(tops["renzi"], 0.6);
    EXPECT_GT(tops["wok-ear"], 1.0);
    EXPECT_GT(tops["cat-ear"], 0.6);
    EXPECT_LT(tops["cat-ear"], tops["wok-ear"]);
}

TEST(SanjianLianglang, DimensionsComeFromTheStyle) {
    const ResolvedTypology r = resolved("guangfu", "sanjian-lianglang", {}, 5);
    const BuildingMesh b = build("guangfu", "sanjian-lianglang", {}, 5);
    const double width = r.dimensions.at("hallBay") + 2 * r.dimensions.at("sideBay");
    const geo::Bounds box = geo::boundsOf(b.mesh);
    EXPECT_NEAR(box.max.x - box.min.x, width, 1e-3);
    EXPECT_NEAR(box.max.y,
                r.dimensions.at("courtyardDepth") + r.dimensions.at("mainDepth") +
                    r.dimensions.at("roofOverhang"),
                1e-3);
    EXPECT_GE(width, 3.6 + 2 * 3.0);
    EXPECT_LE(width, 4.8 + 2 * 3.6);
}

TEST(SanjianLianglang, OysterShellVariantIsTheSameHouseInOtherWalls) {
    const Style& g = bundledStyle("guangfu");
    const BuildingMesh b = build("guangfu", "sanjian-lianglang-haoke");
    std::set<std::string> wallSurfaces;
    for (const PartRange& p : b.parts) {
        if (p.kind == PartKind::Walls)
            wallSurfaces.insert(g.materials[p.material].surface);
    }
    EXPECT_TRUE(wallSurfaces.count("oyster-shell"));
    EXPECT_FALSE(wallSurfaces.count("brick"));
}

TEST(Zhutongwu, IsNarrowDeepAndBrokenByCourtyards) {
    const ResolvedTypology r = resolved("guangfu", "zhutongwu");
    const BuildingMesh b = build("guangfu", "zhutongwu");
    const geo::Bounds box = geo::boundsOf(b.mesh);
    EXPECT_NEAR(box.max.x - box.min.x, r.dimensions.at("frontage"), 1e-3);
    EXPECT_GT(box.max.y - box.min.y, 2.5 * r.dimensions.at("frontage"));
    EXPECT_GE(massesWithRole(b, "block").size(), 2u);  // a 天井 between blocks
}

TEST(Qilou, ArcadeIsAtLeastEightChiDeep) {
    for (std::uint32_t seed = 1; seed <= 6; ++seed) {
        const ResolvedTypology r = resolved("guangfu", "qilou", {}, seed);
        const BuildingMesh b = build("guangfu", "qilou", {}, seed);
        const double bay = r.dimensions.at("bayWidth");
        const int bays = static_cast<int>(r.dimensions.at("bays"));
        for (int i = 0; i < bays; ++i) {
            const double x = -0.5 * bays * bay + (i + 0.5) * bay + 0.013;
            const auto hit = castRay(b.mesh, {x, -30, 1.5}, {0, 1, 0});
            ASSERT_TRUE(hit);
            EXPECT_GE(hit->point.y, 2.4 - 1e-3);  // 1912 rules: 8 尺 of one's own lot
            EXPECT_NEAR(hit->point.y, r.dimensions.at("arcadeDepth"), 0.25);
        }
        for (const Mass* m : massesWithRole(b, "shophouse")) {
            EXPECT_GE(m->storeys, 2);
            EXPECT_LE(m->storeys, 4);
        }
    }
}

TEST(Qilou, PedimentsRiseAboveTheParapet) {
    const ResolvedTypology r = resolved("guangfu", "qilou");
    const BuildingMesh b = build("guangfu", "qilou", {{"pediment", "arched"}});
    const double roof = r.dimensions.at("groundStoreyHeight") +
                        (r.dimensions.at("storeys") - 1) * r.dimensions.at("upperStoreyHeight");
    const double bay = r.dimensions.at("bayWidth"), bays = r.dimensions.at("bays");
    const double x = -0.5 * bays * bay + 0.5 * bay + 0.01;
    const auto hit = castRay(b.mesh, {x, -0.02, 50}, {0, 0, -1});
    ASSERT_TRUE(hit);
    EXPECT_NEAR(hit->point.z,
                roof + r.dimensions.at("parapetHeight") + r.dimensions.at("pedimentRise"), 0.02);
}

TEST(Citang, HasTwoOrThreeJinUnderRedBeamsAndBlackRafters) {
    const Style& g = bundledStyle("guangfu");
    for (const char* jin : {"2", "3"}) {
        const BuildingMesh b = build("guangfu", "citang", {{"jin", jin}});
        EXPECT_EQ(massesWithRole(b, "gate-hall").size() + massesWithRole(b, "hall").size(),
                  static_cast<std::size_t>(std::stoi(jin)));
        std::set<std::string> ornaments, roofs;
        for (const PartRange& p : b.parts) {
            if (p.kind == PartKind::Ornaments)
                ornaments.insert(g.materials[p.material].id);
            if (p.kind == PartKind::Roof)
                roofs.insert(g.materials[p.material].id);
        }
        EXPECT_TRUE(ornaments.count("red-beam")) << "红栋";
        EXPECT_TRUE(roofs.count("rafter-black")) << "黑桷";
    }
}

TEST(Citang, HipAndGableMainHallHasEavesOnAllFourSides) {
    const ResolvedTypology r = resolved("guangfu", "citang");
    const double w = r.dimensions.at("hallBay") + 2 * r.dimensions.at("sideBay");
    const double y = r.dimensions.at("gateDepth") + r.dimensions.at("courtyardDepth") +
                     0.5 * r.dimensions.at("hallDepth");
    const double x = 0.5 * w + 0.5 * r.dimensions.at("roofOverhang");
    const auto eaveAt = [&](const char* roof) {
        const BuildingMesh b = build("guangfu", "citang", {{"mainRoof", roof}});
        const auto hit = castRay(b.mesh, {x, y, 50}, {0, 0, -1});
        return hit ? hit->point.z : -1.0;
    };
    EXPECT_GT(eaveAt("xieshan"), r.dimensions.at("eaveHeight") - 0.5);  // 歇山 side eave
    EXPECT_LT(eaveAt("yingshan"), 1.0);  // 硬山: the gable wall is flush, nothing overhangs
}

// ---- 客家 ------------------------------------------------------------------------------

TEST(Weilongwu, GrammarBuildsTheHallsWingsAndRingsItNames) {
    const struct {
        const char* halls;
        const char* wings;
        const char* rings;
    } cases[] = {{"2", "2", "1"}, {"3", "2", "1"}, {"2", "4", "2"}, {"3", "4", "2"}};
    for (const auto& c : cases) {
        const BuildingMesh b = build("hakka", "weilongwu",
                                     {{"halls", c.halls}, {"wings", c.wings}, {"rings", c.rings}});
        EXPECT_EQ(massesWithRole(b, "entrance-hall").size() + massesWithRole(b, "hall").size(),
                  static_cast<std::size_t>(std::stoi(c.halls)));
        EXPECT_EQ(massesWithRole(b, "wing").size(), static_cast<std::size_t>(std::stoi(c.wings)));
        EXPECT_EQ(massesWithRole(b, "weilong").size(),
                  static_cast<std::size_t>(std::stoi(c.rings)));
    }
}

TEST(Weilongwu, HorseshoeOfRoomsStandsBehindTheHallsAcrossTheWholeWidth) {
    for (const char* typology : {"weilongwu", "weilongwu-santang-sihen"}) {
        const BuildingMesh b = build("hakka", typology);
        Extent halls, wings;
        for (const Mass& m : b.masses) {
            if (m.role == "hall" || m.role == "entrance-hall")
                halls.add(m.footprint);
            if (m.role == "wing")
                wings.add(m.footprint);
        }
        const auto rings = massesWithRole(b, "weilong");
        ASSERT_FALSE(rings.empty());
        for (const Mass* ring : rings) {
            Extent e;
            e.add(ring->footprint);
            EXPECT_GT(e.minY, halls.maxY) << typology;       // behind the halls
            EXPECT_NEAR(e.minX, -e.maxX, 1e-6) << typology;  // symmetric about the axis
            EXPECT_GT(e.maxX, halls.maxX) << typology;       // wider than the halls
            // A horseshoe, not a straight back row: deep in the middle, meeting the wings.
            EXPECT_GT(e.maxY - e.minY, 0.6 * e.maxX) << typology;
            EXPECT_GE(ring->rooms, 7);
            EXPECT_EQ(ring->rooms % 2, 1);  // a middle room on the axis: the 龙厅
        }
        Extent outer;
        outer.add(rings.back()->footprint);
        EXPECT_NEAR(outer.maxX, wings.maxX, 1e-3)
            << typology;  // the outer ring joins the outer 横屋
    }
}

TEST(Weilongwu, HalfMoonPondAndThreshingYardInFrontHuataiBehind) {
    const ResolvedTypology r = resolved("hakka", "weilongwu");
    const BuildingMesh b = build("hakka", "weilongwu");
    const GroundFeature* pond = groundOf(b, GroundKind::Pond);
    const GroundFeature* yard = groundOf(b, GroundKind::Forecourt);
    const GroundFeature* huatai = groundOf(b, GroundKind::Huatai);
    ASSERT_TRUE(pond && yard && huatai);
    Extent p, y, h, halls, ring;
    p.add(pond->outline);
    y.add(yard->outline);
    h.add(huatai->outline);
    for (const Mass& m : b.masses) {
        if (m.role == "hall")
            halls.add(m.footprint);
    }
    ring.add(massesWithRole(b, "weilong").front()->footprint);
    EXPECT_LE(y.maxY, 1e-6);           // 禾坪 before the façade
    EXPECT_LT(p.maxY, y.minY + 1e-6);  // 半月池 before the 禾坪
    EXPECT_LT(pond->z, 0);             // water below the ground
    const double facade = y.maxX - y.minX, radius = 0.5 * (p.maxX - p.minX);
    EXPECT_NEAR(radius / facade, r.dimensions.at("pondRadiusRatio"), 0.02);
    EXPECT_NEAR(p.maxY - p.minY, radius, 0.05 * radius);  // half a disc, straight side to the house
    EXPECT_GT(h.minY, halls.maxY);                        // 化胎 between the halls and the ring
    EXPECT_LT(h.maxY, ring.maxY);
    EXPECT_NEAR(geo::boundsOf(huatai->mesh).max.z, r.dimensions.at("huataiRise"), 0.05);
}

TEST(Weilongwu, RejectsMoreRingsThanPairsOfWings) {
    const auto r = generateBuilding(bundledStyle("hakka"), "weilongwu",
                                    {{"wings", "2"}, {"rings", "2"}}, 1, 0);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.errors()[0].where, "$.typologies.weilongwu.dimensions.rings");
    EXPECT_NE(r.errors()[0].message.find("wings / 2 = 1"), std::string::npos);
}

TEST(Tanghengwu, HasWingsButNoRing) {
    const BuildingMesh b = build("hakka", "tanghengwu", {{"wings", "4"}});
    EXPECT_EQ(massesWithRole(b, "wing").size(), 4u);
    EXPECT_TRUE(massesWithRole(b, "weilong").empty());
    EXPECT_EQ(groundOf(b, GroundKind::Huatai), nullptr);
    EXPECT_NE(groundOf(b, GroundKind::Pond), nullptr);
}

TEST(Sijiaolou, CornerTowersStandOneStoreyAboveTheHalls) {
    const ResolvedTypology r = resolved("hakka", "sijiaolou");
    const BuildingMesh b = build("hakka", "sijiaolou");
    double highest = 0;
    for (const Mass& m : b.masses) {
        if (m.role != "tower")
            highest = std::max(highest, m.top);
    }
    const auto towers = massesWithRole(b, "tower");
    ASSERT_EQ(towers.size(), 4u);
    for (const Mass* t : towers)
        EXPECT_NEAR(t->eave - highest, r.dimensions.at("storeyHeight"), 1e-6);
}

TEST(Tulou, HuaelouPresetReproducesItsNumbers) {
    const BuildingMesh b = build("hakka", "tulou-round-huaelou");
    const auto rings = massesWithRole(b, "ring");
    ASSERT_EQ(rings.size(), 3u);
    const int rooms[] = {120, 60, 30}, storeys[] = {3, 2, 1};
    for (int k = 0; k < 3; ++k) {
        EXPECT_EQ(rings[k]->rooms, rooms[k]);
        EXPECT_EQ(rings[k]->storeys, storeys[k]);
    }
    const Mass& outer = *rings[0];
    EXPECT_NEAR(outer.eave, 11.9, 1e-9);
    EXPECT_NEAR(outer.wallBase, 2.0, 1e-9);
    EXPECT_NEAR(outer.wallTop, 1.3, 1e-9);
    for (int k = 1; k < 3; ++k)
        EXPECT_LT(rings[k]->eave, outer.eave);  // inner rings lower, one storey less each
}

TEST(Tulou, HuaelouWallTapersFromTwoMetresToOnePointThree) {
    const BuildingMesh b = build("hakka", "tulou-round-huaelou");
    const Mass& outer = *massesWithRole(b, "ring")[0];
    // Rays in towards the axis, between rooms' slits: the outer face's radius by height.
    const auto faceRadius = [&](double z) {
        const double a = 0.37;
        const auto hit = castRay(b.mesh, {100 * std::cos(a), 100 * std::sin(a), z},
                                 {-std::cos(a), -std::sin(a), 0});
        return hit ? radius(hit->point) : 0.0;
    };
    const double plinth = 0.4, zLow = 0.6, zHigh = 11.0;
    const double lean = (faceRadius(zLow) - faceRadius(zHigh)) / (zHigh - zLow);
    const double taper = lean * (outer.eave - plinth);
    EXPECT_NEAR(outer.wallBase - taper, 1.3, 0.02);
    EXPECT_NEAR(taper, 0.7, 0.02);
}

TEST(Tulou, HuaelouHasOneGateNoGroundFloorWindowsAndADoorPerRoom) {
    const ResolvedTypology r = resolved("hakka", "tulou-round-huaelou");
    const BuildingMesh b = build("hakka", "tulou-round-huaelou");
    const Mass& outer = *massesWithRole(b, "ring")[0];
    double rOut = 0;
    for (const Point2& p : outer.footprint)
        rOut = std::max(rOut, std::hypot(p.x, p.y));
    const double storeyH = 11.9 / 3;
    double gateArea = 0;
    std::map<int, int> inwardLeaves;  // by radius, metres
    forEachPartTriangle(b, PartKind::Doors, [&](const Triangle& t, MaterialId) {
        const D3 c = t.centroid();
        const double rc = radius(c);
        const double radial = (t.normal.x * c.x + t.normal.y * c.y) / rc;
        if (radial > 0.95 && rc > rOut - outer.wallBase - 0.3)
            gateArea += t.area();  // facing out of the outer wall: only the gate
        if (radial < -0.95 && c.z < storeyH)
            inwardLeaves[static_cast<int>(rc)] += 1;
    });
    EXPECT_NEAR(gateArea, r.dimensions.at("gateWidth") * r.dimensions.at("gateHeight"), 0.05);
    int outerFaceWindows = 0, groundFloor = 0;
    forEachPartTriangle(b, PartKind::Windows, [&](const Triangle& t, MaterialId) {
        const D3 c = t.centroid();
        if (radius(c) > rOut - outer.wallBase) {
            ++outerFaceWindows;
            if (c.z < storeyH)
                ++groundFloor;
        }
    });
    EXPECT_GT(outerFaceWindows, 100);  // gun slits on the upper floors
    EXPECT_EQ(groundFloor, 0);
    // Door leaves facing the courtyard, two triangles each, grouped by ring.
    std::vector<int> perRing;
    int run = 0, last = -10;
    for (const auto& [rc, n] : inwardLeaves) {
        if (rc > last + 1 && run > 0) {
            perRing.push_back(run);
            run = 0;
        }
        run += n;
        last = rc;
    }
    perRing.push_back(run);
    EXPECT_EQ(perRing, (std::vector<int>{2 * 30, 2 * 60, 2 * 120}));
}

TEST(Tulou, SquareTulouHasFourSidesOfRoomsAndOneGate) {
    const ResolvedTypology r = resolved("hakka", "tulou-square");
    const BuildingMesh b = build("hakka", "tulou-square");
    const auto rings = massesWithRole(b, "ring");
    ASSERT_EQ(rings.size(), 1u);
    EXPECT_EQ(rings[0]->rooms, 4 * static_cast<int>(r.dimensions.at("roomsPerSide")));
    const geo::Bounds box = geo::boundsOf(b.mesh);
    const double side = r.dimensions.at("side");
    // The eaves overhang the outer face where it has leaned in to its top.
    const double lean = r.dimensions.at("wallBase") - r.dimensions.at("wallTop");
    EXPECT_NEAR(box.max.x - box.min.x, side + 2 * (r.dimensions.at("roofOverhang") - lean), 0.05);
}

// ---- 潮汕 ------------------------------------------------------------------------------

TEST(Wuxing, FiveGableProfilesHaveDistinctSilhouettes) {
    const Style& c = bundledStyle("chaoshan");
    GableSection section;  // a 潮汕 main row
    section.depth = 8.0;
    section.eave = 4.3;
    section.ridge = 6.9;
    section.sag = 0.18;
    std::map<std::string, std::vector<double>> z;
    for (const char* g : {"jin", "mu", "shui", "huo", "tu"}) {
        const auto line = gableCoping(c, g, section);
        ASSERT_TRUE(line.ok()) << line.firstError();
        z[g] = sampled(line.value(), 81);
    }
    for (auto a = z.begin(); a != z.end(); ++a) {
        for (auto b = std::next(a); b != z.end(); ++b) {
            double most = 0;
            for (std::size_t i = 0; i < a->second.size(); ++i)
                most = std::max(most, std::abs(a->second[i] - b->second[i]));
            EXPECT_GT(most, 0.3) << a->first << " and " << b->first << " look alike";
        }
    }
    const double ridge = section.ridge;
    const auto top = [&](const char* g) { return *std::max_element(z[g].begin(), z[g].end()); };
    // 火: the highest, a point; 木: tall on straight flanks; 土: flat-topped; 水: three
    // waves; 金: one smooth dome.
    for (const char* g : {"jin", "mu", "shui", "tu"})
        EXPECT_GT(top("huo"), top(g)) << g;
    EXPECT_GT(top("mu"), ridge + 1.2);
    double steepest = 0;
    for (std::size_t i = 0; i + 1 < z["mu"].size(); ++i)
        steepest = std::max(steepest, std::abs(z["mu"][i + 1] - z["mu"][i]));
    EXPECT_GT(steepest, 0.8);  // 0.1 m along, nearly a metre up: a straight body
    const std::vector<double>& tu = z["tu"];
    const auto [lo, hi] = std::minmax_element(tu.begin() + 30, tu.begin() + 51);
    EXPECT_LT(*hi - *lo, 0.12);  // the middle fifth of the 土 gable is level
    EXPECT_EQ(localMaxima(z["shui"]), 3);
    EXPECT_EQ(localMaxima(z["jin"]), 1);
    double jinJump = 0;
    for (std::size_t i = 0; i + 1 < z["jin"].size(); ++i)
        jinJump = std::max(jinJump, std::abs(z["jin"][i + 1] - z["jin"][i]));
    EXPECT_LT(jinJump, 0.25);  // no corners
}

TEST(Wuxing, EveryProfileBuildsOnTheHouses) {
    for (const char* g : {"jin", "mu", "shui", "tu"}) {
        for (const char* t : {"xiashanhu", "sidianjin"}) {
            const BuildingMesh b = build("chaoshan", t, {{"gable", g}});
            EXPECT_GT(b.triangleCount(PartKind::Gables), 50u) << t << " " << g;
        }
    }
    const BuildingMesh hall = build("chaoshan", "sima-tuoche", {{"hallGable", "huo"}});
    EXPECT_GT(hall.triangleCount(PartKind::Gables), 50u);
}

TEST(Chaoshan, ColourIsOnTheRidgesGablesAndGateOverShellLimeWalls) {
    const Style& c = bundledStyle("chaoshan");
    const BuildingMesh b = build("chaoshan", "xiashanhu");
    std::set<std::string> vivid;
    forEachPartTriangle(b, PartKind::Ornaments, [&](const Triangle& t, MaterialId m) {
        if (saturation(t.color) > 0.6)
            vivid.insert(c.materials[m].id);
    });
    EXPECT_GE(vivid.size(), 3u);  // 嵌瓷: cobalt, emerald, vermilion, ochre
    std::set<std::string> walls;
    for (const PartRange& p : b.parts) {
        if (p.kind == PartKind::Walls)
            walls.insert(c.materials[p.material].id);
    }
    EXPECT_TRUE(walls.count("beihui"));      // 贝灰
    EXPECT_TRUE(walls.count("eave-black"));  // the black eave line
    // No vivid colour on the wall faces themselves.
    forEachPartTriangle(b, PartKind::Walls, [&](const Triangle& t, MaterialId) {
        EXPECT_LT(saturation(t.color), 0.3);
    });
}

TEST(SimaTuoche, FourSidianjinFlankTheAxialHallAcrossFireLanes) {
    const ResolvedTypology r = resolved("chaoshan", "sima-tuoche");
    const BuildingMesh b = build("chaoshan", "sima-tuoche");
    EXPECT_EQ(massesWithRole(b, "front-row").size(), 4u);  // the four horses
    EXPECT_EQ(massesWithRole(b, "back-row").size(), 5u);   // their back rows and the 后包
    const auto halls = massesWithRole(b, "ancestral-hall");
    EXPECT_EQ(halls.size() + 1, static_cast<std::size_t>(r.dimensions.at("hallJin")));
    Extent cart;
    for (const Mass& m : b.masses) {
        if (m.role == "gate-hall" || m.role == "ancestral-hall")
            cart.add(m.footprint);
    }
    double nearest = 1e9;
    for (const Mass* m : massesWithRole(b, "front-row")) {
        Extent e;
        e.add(m->footprint);
        if (e.minX > 0)
            nearest = std::min(nearest, e.minX);
    }
    EXPECT_NEAR(nearest - cart.maxX, r.dimensions.at("laneWidth"), 1e-6);  // 火巷
}
