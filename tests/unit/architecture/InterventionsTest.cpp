// Plan intervention params (wall_colour, roof_cap, windows, ...): each is checked like any
// override, each draws something measurable, none changes a building it is not given to;
// roofFormOf and buildingFacts read what the plan rules check.
#include <cunjing/architecture/Building.h>
#include <cunjing/architecture/TownPlan.h>

#include "StyleFixtures.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

using namespace cunjing;
using namespace cunjing::architecture;
using namespace cunjing::architecture::test;

namespace {

Result<BuildingMesh> generate(const std::string& typology, const ParamOverrides& o,
                              const std::string& style = "guangfu", std::uint32_t seed = 3) {
    return generateBuilding(bundledStyle(style), typology, o, seed, 0);
}

BuildingMesh build(const std::string& typology, const ParamOverrides& o = {},
                   const std::string& style = "guangfu", std::uint32_t seed = 3) {
    auto r = generate(typology, o, style, seed);
    EXPECT_TRUE(r.ok()) << typology << ": " << r.firstError();
    return r.ok() ? std::move(r.value()) : BuildingMesh{};
}

MaterialId material(const std::string& id, const std::string& style = "guangfu") {
    const Style& s = bundledStyle(style);
    for (std::size_t i = 0; i < s.materials.size(); ++i) {
        if (s.materials[i].id == id)
            return static_cast<MaterialId>(i);
    }
    ADD_FAILURE() << "no material " << id;
    return kNoMaterial;
}

std::size_t trianglesOf(const BuildingMesh& b, const std::string& materialId,
                        const std::string& style = "guangfu") {
    const MaterialId m = material(materialId, style);
    std::size_t n = 0;
    for (const PartRange& p : b.parts) {
        if (p.material == m)
            n += p.indexCount / 3;
    }
    return n;
}

/// Bounds of the triangles of one material.
geo::Bounds boundsOf(const BuildingMesh& b, const std::string& materialId) {
    const MaterialId m = material(materialId);
    geo::Bounds out;
    for (const PartRange& p : b.parts) {
        if (p.material != m)
            continue;
        for (std::uint32_t i = p.firstIndex; i < p.firstIndex + p.indexCount; ++i)
            out.expand(b.mesh.positions[b.mesh.indices[i]]);
    }
    return out;
}

bool identical(const BuildingMesh& a, const BuildingMesh& b) {
    if (a.mesh.indices != b.mesh.indices || a.mesh.positions.size() != b.mesh.positions.size() ||
        a.parts.size() != b.parts.size())
        return false;
    for (std::size_t i = 0; i < a.mesh.positions.size(); ++i) {
        const auto &p = a.mesh.positions[i], &q = b.mesh.positions[i];
        const auto &c = a.mesh.colors[i], &d = b.mesh.colors[i];
        if (p.x != q.x || p.y != q.y || p.z != q.z || c.r != d.r || c.g != d.g || c.b != d.b ||
            a.mesh.surfaces[i] != b.mesh.surfaces[i])
            return false;
    }
    return true;
}

geo::Rgba hex(const char* h) {
    geo::Rgba c;
    EXPECT_TRUE(geo::parseHexColor(h, c)) << h;
    return c;
}

BuildingFootprint footprint(const std::string& style, const std::string& typology,
                            ParamOverrides params = {}) {
    BuildingFootprint f;
    f.id = typology;
    f.style = style;
    f.typology = typology;
    f.seed = 3;
    f.overrides = std::move(params);
    return f;
}

BuildingFacts factsOf(const BuildingFootprint& f) {
    auto mesh = generateBuilding(bundledStyle(f.style), f.typology, f.overrides, f.seed, 0);
    EXPECT_TRUE(mesh.ok()) << mesh.firstError();
    if (!mesh.ok())
        return {};
    auto facts = buildingFacts(bundledStyles(), f, mesh.value());
    EXPECT_TRUE(facts.ok()) << facts.firstError();
    return facts.ok() ? facts.value() : BuildingFacts{};
}

std::string colourOf(const BuildingFacts& f, const std::string& role) {
    for (const auto& [r, hex] : f.colours) {
        if (r == role)
            return hex;
    }
    return "";
}

}  // namespace

TEST(Interventions, OffOrOriginalBuildsExactlyTheExistingMesh) {
    for (const char* t : {"qilou", "nongfang", "sanjian-lianglang", "dianxian"}) {
        const BuildingMesh plain = build(t);
        const BuildingMesh off = build(t, {{"roof_cap", "none"},
                                           {"windows", "original"},
                                           {"doors", "original"},
                                           {"ac_screens", "false"},
                                           {"sign_band", "false"},
                                           {"greening", "false"}});
        EXPECT_TRUE(identical(plain, off)) << t;
    }
}

TEST(Interventions, EveryTypologyOfEveryStyleTakesEveryParam) {
    const ParamOverrides all{{"wall_colour", "#E6D8BC"}, {"roof_cap", "pitched"},
                             {"roof_colour", "#4F5358"}, {"windows", "timber-lattice"},
                             {"doors", "timber"},        {"ac_screens", "true"},
                             {"sign_band", "true"},      {"greening", "true"}};
    for (const Style& s : bundledStyles()) {
        for (const TypologySpec& t : s.typologies) {
            auto r = generateBuilding(s, t.id, all, 5, 0);
            ASSERT_TRUE(r.ok()) << s.id << "/" << t.id << ": " << r.firstError();
            EXPECT_TRUE(r->mesh.isValid()) << s.id << "/" << t.id;
            EXPECT_EQ(r->mesh.surfaces.size(), r->mesh.positions.size()) << s.id << "/" << t.id;
        }
    }
}

TEST(Interventions, BadValuesNameTheAllowedOnes) {
    const struct {
        const char* key;
        const char* value;
        const char* allowed;
    } cases[] = {{"wall_colour", "#E6D8B", "#RRGGBB"},
                 {"wall_colour", "E6D8BC", "#RRGGBB"},
                 {"roof_colour", "#GG0000", "#RRGGBB"},
                 {"roof_cap", "hipped", "none, pitched"},
                 {"roof_cap_pitch", "60", "15..35"},
                 {"windows", "upvc", "original, timber-lattice, aluminium"},
                 {"doors", "steel", "original, timber, glass"},
                 {"ac_screens", "yes", "true, false"},
                 {"sign_band", "2", "true, false"},
                 {"greening", "", "true, false"}};
    for (const auto& c : cases) {
        auto r = generate("nongfang", {{c.key, c.value}});
        ASSERT_FALSE(r.ok()) << c.key << "=" << c.value;
        EXPECT_NE(r.firstError().find(c.allowed), std::string::npos) << r.firstError();
        EXPECT_NE(r.firstError().find(c.key), std::string::npos) << r.firstError();
    }
    for (const auto& [key, value] : ParamOverrides{{"wall_colour", "#e6d8bc"},
                                                   {"roof_colour", "#4F5358"},
                                                   {"roof_cap", "pitched"},
                                                   {"roof_cap_pitch", "22"},
                                                   {"windows", "aluminium"},
                                                   {"doors", "glass"},
                                                   {"ac_screens", "1"},
                                                   {"sign_band", "true"},
                                                   {"greening", "0"}}) {
        EXPECT_TRUE(generate("qilou", {{key, value}}).ok()) << key << "=" << value;
    }
    // An unknown key's message lists the plan keys with the others.
    auto unknown = generate("qilou", {{"wall_color", "#E6D8BC"}});
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.firstError().find("wall_colour"), std::string::npos);
}

TEST(Interventions, WallColourRepaintsTheWallsOnly) {
    const geo::Rgba want = hex("#E6D8BC");
    for (const char* t : {"qilou", "nongfang", "sanjian-lianglang"}) {
        const BuildingMesh plain = build(t);
        const BuildingMesh painted = build(t, {{"wall_colour", "#E6D8BC"}});
        ASSERT_EQ(plain.mesh.positions.size(), painted.mesh.positions.size()) << t;
        std::size_t walls = 0, others = 0, changedOthers = 0;
        for (const PartRange& p : painted.parts) {
            for (std::uint32_t i = p.firstIndex; i < p.firstIndex + p.indexCount; ++i) {
                const std::uint32_t v = painted.mesh.indices[i];
                const geo::Rgba& c = painted.mesh.colors[v];
                const bool isWall = c.r == want.r && c.g == want.g && c.b == want.b;
                if (p.kind == PartKind::Walls && isWall)
                    ++walls;
                if (p.kind != PartKind::Walls && p.kind != PartKind::Gables) {
                    ++others;
                    const geo::Rgba& before = plain.mesh.colors[v];
                    changedOthers += before.r != c.r || before.g != c.g || before.b != c.b;
                }
            }
        }
        EXPECT_GT(walls, 30u) << t;
        EXPECT_GT(others, 0u) << t;
        EXPECT_EQ(changedOthers, 0u) << t << ": roof, doors and windows keep their colours";
    }
    // With a façade finish the finish's material is what gets repainted; its surface stays.
    const BuildingMesh brick =
        build("qilou", {{"facade_finish", "bare-brick"}, {"wall_colour", "#E6D8BC"}});
    const MaterialId hong = material("hongzhuan");
    for (const PartRange& p : brick.parts) {
        if (p.material != hong || p.kind != PartKind::Walls)
            continue;
        const std::uint32_t v = brick.mesh.indices[p.firstIndex];
        EXPECT_EQ(brick.mesh.colors[v].g, want.g);
        EXPECT_EQ(brick.mesh.surfaces[v], geo::Surface::Brick);
    }
}

TEST(Interventions, RoofCapPutsATiledPitchedRoofOnAFlatRoof) {
    for (const char* t : {"nongfang", "qilou"}) {
        const BuildingMesh flat = build(t);
        const BuildingMesh capped = build(t, {{"roof_cap", "pitched"}});
        const double flatTop = geo::boundsOf(flat.mesh).max.z;
        EXPECT_EQ(trianglesOf(flat, "grey-tile"), 0u) << t;
        EXPECT_GT(trianglesOf(capped, "grey-tile"), 100u) << t << ": slab and 筒瓦 rows";
        EXPECT_GT(capped.triangleCount(PartKind::Ridge), 0u) << t;
        EXPECT_GT(capped.triangleCount(PartKind::Gables), flat.triangleCount(PartKind::Gables))
            << t << ": 人字 gable ends";
        // The tiles stand above the flat roof's parapet line, inside the footprint's eaves.
        const geo::Bounds tiles = boundsOf(capped, "grey-tile");
        const Mass& m = flat.masses.front();
        EXPECT_GT(tiles.max.z, m.eave + 1.5) << t;
        EXPECT_GE(tiles.min.z, m.eave + 0.5) << t;
        const geo::Bounds all = geo::boundsOf(flat.mesh);
        EXPECT_GT(tiles.min.x, all.min.x - 0.6) << t;
        EXPECT_LT(tiles.max.x, all.max.x + 0.6) << t;
        EXPECT_GT(capped.masses.front().top, m.eave + 1.5) << t;
        EXPECT_GT(geo::boundsOf(capped.mesh).max.z, flatTop - 1.0) << t;
    }
    // The 自建房's stair head (top 2.82 m over the roof) goes under the cap: nothing of the
    // old mesh stands higher than the cap's ridge.
    const BuildingMesh nf = build("nongfang", {{"roof_cap", "pitched"}});
    const double ridge = boundsOf(nf, "ridge-black").max.z;
    EXPECT_LE(geo::boundsOf(nf.mesh).max.z, ridge + 0.05);
}

TEST(Interventions, RoofCapPitchSetsTheSlope) {
    const BuildingMesh low = build("nongfang", {{"roof_cap", "pitched"}, {"roof_cap_pitch", "18"}});
    const BuildingMesh steep =
        build("nongfang", {{"roof_cap", "pitched"}, {"roof_cap_pitch", "30"}});
    const double a = boundsOf(low, "grey-tile").max.z, b = boundsOf(steep, "grey-tile").max.z;
    // Ridge along the 11 m depth, 8 m span: rise = 4 m × tan(pitch), within the sag's reach.
    EXPECT_NEAR(b - a, 4 * (std::tan(30 * M_PI / 180) - std::tan(18 * M_PI / 180)), 0.1);
}

TEST(Interventions, RoofCapLeavesAPitchedRoofAlone) {
    const BuildingMesh plain = build("sanjian-lianglang");
    const BuildingMesh capped = build("sanjian-lianglang", {{"roof_cap", "pitched"}});
    EXPECT_TRUE(identical(plain, capped));
}

TEST(Interventions, RoofCapReplacesTheTinShed) {
    const BuildingMesh shed = build("nongfang", {{"rooftop_shed", "true"}});
    const BuildingMesh capped =
        build("nongfang", {{"rooftop_shed", "true"}, {"roof_cap", "pitched"}});
    EXPECT_GT(trianglesOf(shed, "tin-sheet"), 0u);
    EXPECT_EQ(trianglesOf(capped, "tin-sheet"), 0u);
}

TEST(Interventions, RoofColourColoursTheTiles) {
    const geo::Rgba want = hex("#4F5358");
    const BuildingMesh capped =
        build("qilou", {{"roof_cap", "pitched"}, {"roof_colour", "#4F5358"}});
    const BuildingMesh pitched = build("sanjian-lianglang", {{"roof_colour", "#4F5358"}});
    for (const BuildingMesh* b : {&capped, &pitched}) {
        const MaterialId tile = material("grey-tile");
        std::size_t n = 0;
        for (const PartRange& p : b->parts) {
            if (p.material != tile || p.kind != PartKind::Roof)
                continue;
            for (std::uint32_t i = p.firstIndex; i < p.firstIndex + p.indexCount; ++i, ++n)
                ASSERT_EQ(b->mesh.colors[b->mesh.indices[i]].b, want.b);
        }
        EXPECT_GT(n, 100u);
    }
}

TEST(Interventions, TimberLatticeAddsBarsOnTheStreetWindowsAndRecoloursFrames) {
    const BuildingMesh plain = build("qilou");
    const BuildingMesh lattice = build("qilou", {{"windows", "timber-lattice"}});
    EXPECT_EQ(trianglesOf(plain, "window-timber"), 0u);
    EXPECT_GT(lattice.triangleCount(PartKind::Windows),
              plain.triangleCount(PartKind::Windows) + 200);
    // The old frames (qilou-trim in the Windows runs) are timber now.
    const MaterialId trim = material("qilou-trim");
    for (const PartRange& p : lattice.parts)
        EXPECT_FALSE(p.kind == PartKind::Windows && p.material == trim);
    // Bars stand on the street side only: behind the front, the Windows runs keep their
    // triangle count (frames recoloured, nothing added).
    const auto windowsBehindFront = [](const BuildingMesh& b) {
        std::size_t n = 0;
        for (const PartRange& p : b.parts) {
            if (p.kind != PartKind::Windows)
                continue;
            for (std::uint32_t i = p.firstIndex; i < p.firstIndex + p.indexCount; i += 3)
                n += b.mesh.positions[b.mesh.indices[i]].y > 1.0;
        }
        return n;
    };
    EXPECT_GT(windowsBehindFront(plain), 0u);
    EXPECT_EQ(windowsBehindFront(lattice), windowsBehindFront(plain));
    const BuildingMesh alu = build("qilou", {{"windows", "aluminium"}});
    EXPECT_GT(trianglesOf(alu, "window-aluminium"), 0u);
    EXPECT_LT(trianglesOf(alu, "window-aluminium"), trianglesOf(lattice, "window-timber"));
}

TEST(Interventions, DoorsTakeTheirNewMaterial) {
    const BuildingMesh plain = build("nongfang");
    const BuildingMesh timber = build("nongfang", {{"doors", "timber"}});
    const BuildingMesh glass = build("nongfang", {{"doors", "glass"}});
    EXPECT_EQ(trianglesOf(plain, "door-hardwood"), 0u);
    EXPECT_GT(trianglesOf(timber, "door-hardwood"), 0u);
    EXPECT_GT(trianglesOf(glass, "door-glass"), 0u);
    EXPECT_EQ(timber.mesh.triangleCount(), plain.mesh.triangleCount());
}

TEST(Interventions, AcScreensBoxInEveryUnit) {
    const BuildingMesh units = build("nongfang", {{"ac_units", "3"}});
    const BuildingMesh screened = build("nongfang", {{"ac_units", "3"}, {"ac_screens", "true"}});
    EXPECT_EQ(trianglesOf(screened, "ac-unit"), trianglesOf(units, "ac-unit"));
    EXPECT_GT(trianglesOf(screened, "ac-screen"), 3 * 100u);
    // Every unit's box lies inside the screens' reach: in front of the wall, within a screen.
    const geo::Bounds unit = boundsOf(screened, "ac-unit");
    const geo::Bounds screen = boundsOf(screened, "ac-screen");
    EXPECT_LE(screen.min.y, unit.min.y);
    EXPECT_LE(screen.min.x, unit.min.x);
    EXPECT_GE(screen.max.x, unit.max.x - 0.05);
    EXPECT_LT(screen.max.y, 0.01);
    // No units, no screens.
    EXPECT_EQ(trianglesOf(build("nongfang", {{"ac_screens", "true"}}), "ac-screen"), 0u);
}

TEST(Interventions, SignBandReplacesTheSignboards) {
    const BuildingMesh signs = build("qilou", {{"signboards", "4"}});
    const BuildingMesh band = build("qilou", {{"signboards", "4"}, {"sign_band", "true"}});
    std::size_t before = 0, after = 0;
    for (const char* id : {"sign-red", "sign-yellow", "sign-blue", "sign-white"}) {
        before += trianglesOf(signs, id);
        after += trianglesOf(band, id);
    }
    EXPECT_GT(before, 0u);
    EXPECT_EQ(after, 0u);
    const geo::Bounds b = boundsOf(band, "sign-band");
    const geo::Bounds all = geo::boundsOf(signs.mesh);
    EXPECT_GT(trianglesOf(band, "sign-band-gold"), 0u);
    // One board along the whole front, at the top of the 4.6 m ground storey, in front.
    EXPECT_NEAR(b.max.x - b.min.x, all.max.x - all.min.x, 0.2);
    EXPECT_GT(b.min.z, 3.0);
    EXPECT_LT(b.max.z, 5.0);
    EXPECT_LT(b.max.y, 0.0);
}

TEST(Interventions, AcUnitsMoveAboveTheSignBand) {
    // Twelve units fill every storey line, the one at the top of the arcade included.
    const ParamOverrides units{{"ac_units", "12"}, {"ac_screens", "true"}};
    ParamOverrides banded = units;
    banded.emplace_back("sign_band", "true");
    const geo::Bounds band = boundsOf(build("qilou", banded), "sign-band");
    EXPECT_LT(boundsOf(build("qilou", units), "ac-unit").min.z, band.max.z);
    const BuildingMesh after = build("qilou", banded);
    EXPECT_GE(boundsOf(after, "ac-unit").min.z, band.max.z);
    EXPECT_GE(boundsOf(after, "ac-screen").min.z, band.max.z);
}

TEST(Interventions, GreeningPutsPlantersAlongTheFrontLeavingTheDoorClear) {
    const BuildingMesh plain = build("nongfang");
    const BuildingMesh green = build("nongfang", {{"greening", "true"}});
    const geo::Bounds planters = boundsOf(green, "planter");
    const geo::Bounds all = geo::boundsOf(plain.mesh);
    EXPECT_GT(trianglesOf(green, "planter"), 0u);
    EXPECT_GT(trianglesOf(green, "shrub-green") + trianglesOf(green, "shrub-dark") +
                  trianglesOf(green, "shrub-light"),
              0u);
    EXPECT_LT(planters.max.y, 0.0);           // in front of the façade
    EXPECT_GT(planters.min.y, -1.0);          // about 0.8 m deep
    EXPECT_NEAR(planters.max.z, 0.54, 0.05);  // 0.5 m and its rim
    EXPECT_GE(planters.min.x, all.min.x - 0.01);
    EXPECT_LE(planters.max.x, all.max.x + 0.01);
    // The shop door (a Doors run facing the street at the ground) has no planter before it.
    const MaterialId planter = material("planter");
    geo::Bounds door;
    for (const PartRange& p : green.parts) {
        if (p.kind != PartKind::Doors)
            continue;
        for (std::uint32_t i = p.firstIndex; i < p.firstIndex + p.indexCount; ++i) {
            const geo::Vec3f& v = green.mesh.positions[green.mesh.indices[i]];
            if (v.z < 1.0 && v.y < 0.5)
                door.expand(v);
        }
    }
    ASSERT_LT(door.min.x, door.max.x);
    for (const PartRange& p : green.parts) {
        if (p.material != planter)
            continue;
        for (std::uint32_t i = p.firstIndex; i < p.firstIndex + p.indexCount; ++i) {
            const double x = green.mesh.positions[green.mesh.indices[i]].x;
            EXPECT_FALSE(x > door.min.x + 0.01 && x < door.max.x - 0.01) << x;
        }
    }
}

TEST(Interventions, MissingMaterialsAreNamed) {
    auto j = styleJson("hakka");
    j["materials"].erase("sign-band");
    auto style = parseEdited(j, "hakka");
    ASSERT_TRUE(style.ok()) << style.firstError();
    auto r = generateBuilding(style.value(), "tanghengwu", {{"sign_band", "true"}}, 1, 0);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.firstError().find("sign-band"), std::string::npos) << r.firstError();
}

TEST(RoofFormOf, FromTheTypologyAndTheCap) {
    const auto& styles = bundledStyles();
    EXPECT_EQ(roofFormOf(styles, footprint("guangfu", "qilou")), "flat");
    EXPECT_EQ(roofFormOf(styles, footprint("guangfu", "nongfang")), "flat");
    EXPECT_EQ(roofFormOf(styles, footprint("guangfu", "nongfang", {{"roof_cap", "pitched"}})),
              "flat-to-pitched");
    EXPECT_EQ(roofFormOf(styles, footprint("guangfu", "qilou", {{"roof_cap", "none"}})), "flat");
    EXPECT_EQ(roofFormOf(styles, footprint("guangfu", "sanjian-lianglang")), "pitched");
    EXPECT_EQ(
        roofFormOf(styles, footprint("guangfu", "sanjian-lianglang", {{"roof_cap", "pitched"}})),
        "pitched");
    EXPECT_EQ(roofFormOf(styles, footprint("guangfu", "dianxian")), "none");
    EXPECT_EQ(roofFormOf(styles, footprint("guangfu", "citang", {{"mainRoof", "xieshan"}})), "hip");
    EXPECT_EQ(roofFormOf(styles, footprint("guangfu", "citang", {{"mainRoof", "yingshan"}})),
              "pitched");
    EXPECT_EQ(roofFormOf(styles, footprint("guangfu", "no-such")), "");
    EXPECT_EQ(roofFormOf(styles, footprint("nowhere", "qilou")), "");
}

TEST(BuildingFacts, NongfangEaveIsItsParapetNotItsStairHead) {
    auto f = footprint("guangfu", "nongfang",
                       {{"storeys", "3"},
                        {"storeyHeight", "3.1"},
                        {"plinthHeight", "0.2"},
                        {"parapetHeight", "1.0"}});
    const BuildingFacts facts = factsOf(f);
    EXPECT_NEAR(facts.eaveHeightM, 0.2 + 3 * 3.1 + 1.0, 0.01);
    EXPECT_EQ(facts.storeys, 3);
    EXPECT_EQ(facts.roofForm, "flat");
    EXPECT_EQ(colourOf(facts, "wall"), "#E4E1D8");  // facade-tile, the front wall
    EXPECT_EQ(colourOf(facts, "roof"), "");         // a screed roof shows no tiles
    EXPECT_EQ(colourOf(facts, "trim"), "#EDEBE4");  // lime-white band
    // The storeys field reaches the typology as the scene passes it.
    BuildingFootprint two = footprint("guangfu", "nongfang");
    two.storeys = 2;
    EXPECT_EQ(factsOf(two).storeys, 2);
}

TEST(BuildingFacts, AfterStateTakesThePlansColoursAndCap) {
    auto f = footprint("guangfu", "nongfang",
                       {{"storeys", "3"}, {"wall_colour", "#e6d8bc"}, {"roof_cap", "pitched"}});
    const BuildingFacts facts = factsOf(f);
    EXPECT_EQ(facts.roofForm, "flat-to-pitched");
    EXPECT_EQ(colourOf(facts, "wall"), "#E6D8BC");
    EXPECT_EQ(colourOf(facts, "roof"), "#5A5E63");  // the cap's grey tile
    // The cap is roof, not wall: the eave stays at the parapet.
    EXPECT_NEAR(facts.eaveHeightM,
                factsOf(footprint("guangfu", "nongfang", {{"storeys", "3"}})).eaveHeightM, 0.01);
    f.overrides.emplace_back("roof_colour", "#40454A");
    EXPECT_EQ(colourOf(factsOf(f), "roof"), "#40454A");
}

TEST(BuildingFacts, QilouSanjianAndWires) {
    const BuildingFacts qilou = factsOf(footprint("guangfu", "qilou",
                                                  {{"storeys", "3"},
                                                   {"groundStoreyHeight", "4.6"},
                                                   {"upperStoreyHeight", "3.5"},
                                                   {"parapetHeight", "1.0"}}));
    EXPECT_NEAR(qilou.eaveHeightM, 4.6 + 2 * 3.5 + 1.0, 0.01);
    EXPECT_EQ(qilou.storeys, 3);
    EXPECT_EQ(qilou.roofForm, "flat");
    EXPECT_EQ(colourOf(qilou, "wall"), "#D8CCB2");
    EXPECT_EQ(colourOf(qilou, "trim"), "#EEE6D4");

    const BuildingFacts house = factsOf(
        footprint("guangfu", "sanjian-lianglang", {{"eaveHeight", "3.8"}, {"ridgeHeight", "6.5"}}));
    EXPECT_NEAR(house.eaveHeightM, 3.8, 0.3);  // the tiles at the wall face, not the ridge
    EXPECT_LT(house.eaveHeightM, 6.0);
    EXPECT_EQ(house.storeys, 1);
    EXPECT_EQ(house.roofForm, "pitched");
    EXPECT_EQ(colourOf(house, "wall"), "#7A7F84");
    EXPECT_EQ(colourOf(house, "roof"), "#5A5E63");

    const BuildingFacts wires = factsOf(footprint("guangfu", "dianxian"));
    EXPECT_EQ(wires.roofForm, "none");
    EXPECT_EQ(wires.eaveHeightM, 0);
    EXPECT_TRUE(wires.colours.empty());
}

TEST(BuildingFacts, UnknownStyleOrTypologyIsAnError) {
    BuildingMesh none;
    EXPECT_FALSE(buildingFacts(bundledStyles(), footprint("nowhere", "qilou"), none).ok());
    auto r = buildingFacts(bundledStyles(), footprint("guangfu", "no-such"), none);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.firstError().find("qilou"), std::string::npos);  // names the allowed ones
}

TEST(Interventions, XiashanhuDoorsOptionAndThePlansDoorsShareTheKey) {
    // 下山虎's own "doors" option says which doors it has; the plan's says what they are made of.
    EXPECT_TRUE(generate("xiashanhu", {{"doors", "both"}}, "chaoshan").ok());
    EXPECT_TRUE(generate("xiashanhu", {{"doors", "timber"}}, "chaoshan").ok());
    auto bad = generate("xiashanhu", {{"doors", "steel"}}, "chaoshan");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.firstError().find("original, timber, glass"), std::string::npos);
    EXPECT_NE(bad.firstError().find("central"), std::string::npos) << bad.firstError();
}
