// One alternative of a town plan applied to the generated market street: selection rules, the
// set vocabulary as params, removals, additions, and the errors that name the plan's JSON path.

#include "TownPlanFixtures.h"

using namespace cunjing;
using namespace cunjing::architecture;
using namespace cunjing::architecture::plantest;
namespace fs = std::filesystem;

// ---- applying ----------------------------------------------------------------------------

TEST(TownPlanApply, ById) {
    ASSERT_NE(building(street(), "street/street-a-03"), nullptr);
    const auto r = apply(R"({"select": {"ids": ["street/street-a-03"]},
                            "set": {"wall_colour": "#EEE6D4", "doors": "timber"}})");
    ASSERT_TRUE(r.ok()) << all(r.errors());
    ASSERT_EQ(r->changes.size(), 1u);
    const PlanChange& c = r->changes[0];
    EXPECT_EQ(c.kind, PlanChange::Kind::Modified);
    EXPECT_EQ(c.buildingId, "street/street-a-03");
    EXPECT_EQ(c.actions,
              (std::vector<PlanAction>{{"wall_colour", "#EEE6D4"}, {"doors", "timber"}}));
    EXPECT_EQ(c.sources, std::vector<std::string>{"$.alternatives[0].interventions[0]"});
    ASSERT_EQ(r->buildings.size(), street().size()) << "nothing removed or added";
    for (std::size_t i = 0; i < street().size(); ++i)
        EXPECT_EQ(r->buildings[i].id, street()[i].id) << "existing order kept";
    const PlanBuilding& after = *building(r->buildings, "street/street-a-03");
    const PlanBuilding& before = *building(street(), "street/street-a-03");
    EXPECT_EQ(param(after, "wall_colour"), "#EEE6D4");
    EXPECT_EQ(param(after, "doors"), "timber");
    // The existing params stay, in their order, with the new ones after them.
    ASSERT_EQ(after.footprint.overrides.size(), before.footprint.overrides.size() + 2);
    EXPECT_TRUE(std::equal(before.footprint.overrides.begin(), before.footprint.overrides.end(),
                           after.footprint.overrides.begin()));
    EXPECT_TRUE(samePoints(after.footprint.outline, before.footprint.outline));
}

TEST(TownPlanApply, ByGroupAndTypology) {
    const auto r = apply(R"({"select": {"group": "street", "typology": "nongfang"},
                            "set": {"windows": "aluminium"}})");
    ASSERT_TRUE(r.ok()) << all(r.errors());
    int nongfang = 0;
    for (const PlanBuilding& b : street()) {
        const bool is = b.footprint.typology == "nongfang";
        nongfang += is;
        EXPECT_EQ(change(r.value(), b.id) != nullptr, is) << b.id;
    }
    EXPECT_GT(nongfang, 0) << "the street has 自建房";
    EXPECT_TRUE(apply(R"({"select": {"group": "village", "typology": "nongfang"},
                         "set": {"windows": "aluminium"}})")
                    ->changes.empty())
        << "both conditions must hold";
}

TEST(TownPlanApply, ByRoofSelectsOnlyFlatRoofsAndCapsThem) {
    const auto r = apply(R"({"select": {"roof": "flat"}, "set": {"roof": "pitched"}})");
    ASSERT_TRUE(r.ok()) << all(r.errors());
    int flat = 0;
    for (const PlanBuilding& b : street()) {
        const bool isFlat = roofFormOf(bundledStyles(), b.footprint) == "flat";
        flat += isFlat;
        const PlanChange* c = change(r.value(), b.id);
        EXPECT_EQ(c != nullptr, isFlat) << b.id;
        if (c) {
            EXPECT_EQ(c->actions, (std::vector<PlanAction>{{"roof", "pitched"}}));
            EXPECT_EQ(param(*building(r->buildings, b.id), "roof_cap"), "pitched");
        }
    }
    EXPECT_GT(flat, 0);
    EXPECT_LT(flat, static_cast<int>(street().size())) << "the street mixes roof forms";
}

TEST(TownPlanApply, PitchedRoofActionLeavesPitchedRoofsAlone) {
    const auto r = apply(R"({"select": {"group": "street"}, "set": {"roof": "pitched"}})");
    ASSERT_TRUE(r.ok()) << all(r.errors());
    for (const PlanBuilding& b : street()) {
        const bool isFlat = roofFormOf(bundledStyles(), b.footprint) == "flat";
        EXPECT_EQ(change(r.value(), b.id) != nullptr, isFlat) << b.id;
    }
}

TEST(TownPlanApply, WithinPolygonUsesTheFootprintCentroid) {
    // The north row stands north of the street (y > 4.5), the south row south of it.
    const auto r = apply(R"({"select": {"within": [[-100, 2], [100, 2], [100, 60], [-100, 60]]},
                            "set": {"greening": true}})");
    ASSERT_TRUE(r.ok()) << all(r.errors());
    int north = 0;
    for (const PlanBuilding& b : street()) {
        const bool inside = ringCentroid(b.footprint.outline).y > 2;
        north += inside;
        EXPECT_EQ(change(r.value(), b.id) != nullptr, inside) << b.id;
    }
    EXPECT_GE(north, 4);
}

TEST(TownPlanApply, ByZones) {
    const auto r = apply(R"({"select": {"zone": ["core", "control"]}, "set": {"greening": true}})");
    ASSERT_TRUE(r.ok()) << all(r.errors());
    for (const PlanBuilding& b : street())
        EXPECT_EQ(change(r.value(), b.id) != nullptr, !b.zones.empty()) << b.id;
    EXPECT_FALSE(changedIds(r.value(), PlanChange::Kind::Modified).empty());
}

TEST(TownPlanApply, LaterInterventionWins) {
    const auto r = apply(R"({"select": {"group": "street"}, "set": {"wall_colour": "#E6D8BC"}},
                           {"select": {"ids": ["street/street-a-03"]},
                            "set": {"wall_colour": "#EEE6D4"}})");
    ASSERT_TRUE(r.ok()) << all(r.errors());
    const PlanChange* c = change(r.value(), "street/street-a-03");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->actions, (std::vector<PlanAction>{{"wall_colour", "#EEE6D4"}}));
    EXPECT_EQ(c->sources, std::vector<std::string>{"$.alternatives[0].interventions[1]"});
    EXPECT_EQ(param(*building(r->buildings, "street/street-a-03"), "wall_colour"), "#EEE6D4");
    EXPECT_EQ(param(*building(r->buildings, "street/street-a-02"), "wall_colour"), "#E6D8BC");
}

TEST(TownPlanApply, RemoveTakesTheBuildingOutAndListsItLast) {
    const auto r = apply(R"({"select": {"ids": ["street/street-a-03"]},
                            "set": {"wall_colour": "#EEE6D4"}})",
                         R"("remove": ["street/street-b-02"])");
    ASSERT_TRUE(r.ok()) << all(r.errors());
    EXPECT_EQ(building(r->buildings, "street/street-b-02"), nullptr);
    EXPECT_EQ(r->buildings.size(), street().size() - 1);
    ASSERT_EQ(r->changes.size(), 2u);
    EXPECT_EQ(r->changes.back().kind, PlanChange::Kind::Removed);
    EXPECT_EQ(r->changes.back().buildingId, "street/street-b-02");
    EXPECT_EQ(r->changes.back().actions, (std::vector<PlanAction>{{"remove", "true"}}));
    EXPECT_EQ(r->changes.back().sources, std::vector<std::string>{"$.alternatives[0].remove[0]"});
}

TEST(TownPlanApply, BuryWiresRemovesOnlyTheWires) {
    const auto r = apply(R"({"select": {"group": "street"}, "set": {"bury_wires": true}})");
    ASSERT_TRUE(r.ok()) << all(r.errors());
    EXPECT_EQ(changedIds(r.value(), PlanChange::Kind::Removed),
              std::vector<std::string>{"street/street-wires"});
    EXPECT_EQ(r->changes.size(), 1u) << "the other buildings are untouched";
    EXPECT_EQ(r->changes[0].actions, (std::vector<PlanAction>{{"bury_wires", "true"}}));
    EXPECT_EQ(r->buildings.size(), street().size() - 1);
}

TEST(TownPlanApply, SetVocabularyBecomesBuildingParams) {
    const auto r = apply(R"({"select": {"group": "street", "typology": "qilou"},
        "set": {"sign_band": true, "remove_additions": true, "repaint": true}})");
    ASSERT_TRUE(r.ok()) << all(r.errors());
    int changed = 0;
    for (const PlanBuilding& b : r->buildings) {
        if (b.footprint.typology != "qilou")
            continue;
        ++changed;
        EXPECT_EQ(param(b, "sign_band"), "true") << b.id;
        const std::string signs = param(b, "signboards");
        EXPECT_TRUE(signs.empty() || signs == "0") << b.id << ": signboards=" << signs;
        const std::string additions = param(b, "additions");
        EXPECT_TRUE(additions.empty() || additions == "none") << b.id;
        for (const char* key : {"rooftop_shed", "window_cages"}) {
            const std::string v = param(b, key);
            EXPECT_TRUE(v.empty() || v == "false") << b.id << " " << key << "=" << v;
        }
        const std::string fade = param(b, "paint_fade");
        EXPECT_TRUE(fade.empty() || std::stod(fade) == 0) << b.id;
    }
    EXPECT_GT(changed, 0);
}

TEST(TownPlanApply, ActionsThatChangeNothingAreNotListed) {
    // Every street building gets the finish it already shows: no change to list.
    std::string interventions;
    for (const PlanBuilding& b : street()) {
        std::string finish = "original";
        for (const auto& [k, v] : b.footprint.overrides)
            finish = k == "facade_finish" ? v : finish;
        interventions += std::string(interventions.empty() ? "" : ",") +
                         R"({"select": {"ids": [")" + b.id + R"("]}, "set": {"facade_finish": ")" +
                         finish + R"("}})";
    }
    const auto r = apply(interventions);
    ASSERT_TRUE(r.ok()) << all(r.errors());
    EXPECT_TRUE(r->changes.empty());
    for (std::size_t i = 0; i < street().size(); ++i)
        EXPECT_EQ(r->buildings[i].footprint.overrides, street()[i].footprint.overrides);
}

TEST(TownPlanApply, AddedBuildingStandsWhereThePlanPutsIt) {
    const auto r = apply("", R"("add": [{"id": "kiosk", "style": "guangfu",
        "typology": "nongfang", "at": [-150, -180], "facing": 90, "storeys": 2, "seed": 3,
        "set": {"wall_colour": "#E6D8BC"}}])");
    ASSERT_TRUE(r.ok()) << all(r.errors());
    ASSERT_EQ(r->buildings.size(), street().size() + 1);
    const PlanBuilding& k = r->buildings.back();
    EXPECT_EQ(k.id, "plan/kiosk");
    EXPECT_EQ(k.group, "plan");
    EXPECT_EQ(k.footprint.storeys, 2);
    EXPECT_EQ(k.footprint.facingDeg, 90);
    EXPECT_EQ(param(k, "wall_colour"), "#E6D8BC");
    ASSERT_GE(k.footprint.outline.size(), 4u);
    EXPECT_GT(ringArea(k.footprint.outline), 20) << "a house's footprint, counter-clockwise";
    // "at" is where the building's own origin goes: the scene, placing the generated
    // building on this outline (placeOnFootprint), puts it back there.
    auto mesh = generateBuilding(bundledStyle("guangfu"), "nongfang",
                                 {{"wall_colour", "#E6D8BC"}, {"storeys", "2"}}, 3, 0);
    ASSERT_TRUE(mesh.ok()) << mesh.firstError();
    const Placement placed = placeOnFootprint(mesh.value(), k.footprint);
    EXPECT_NEAR(placed.x, -150, 1e-6);
    EXPECT_NEAR(placed.y, -180, 1e-6);
    EXPECT_NEAR(placed.headingDeg, headingForFacing(90), 1e-9);
    ASSERT_EQ(r->changes.size(), 1u);
    EXPECT_EQ(r->changes[0].kind, PlanChange::Kind::Added);
    EXPECT_EQ(r->changes[0].buildingId, "plan/kiosk");
    EXPECT_EQ(r->changes[0].sources, std::vector<std::string>{"$.alternatives[0].add[0]"});
}

TEST(TownPlanApply, AdditionErrorsNameTheirPath) {
    const auto r = apply("", R"("add": [
        {"id": "a", "style": "baroque", "typology": "nongfang", "at": [0, 0]},
        {"id": "b", "style": "guangfu", "typology": "palazzo", "at": [0, 0]}])");
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(hasError(r.errors(), "$.alternatives[0].add[0].style", "unknown style 'baroque'"))
        << all(r.errors());
    EXPECT_TRUE(
        hasError(r.errors(), "$.alternatives[0].add[1].typology", "unknown typology 'palazzo'"));
    // Two additions of one id can only come from code (the reader refuses them): the editor.
    TownPlan plan;
    plan.file = "plan.json";
    PlanAlternative& a = plan.alternatives.emplace_back();
    a.id = "a";
    a.add.push_back({"k", "guangfu", "nongfang", {0, 0}, 180, 0, 1, {}});
    a.add.push_back({"k", "guangfu", "nongfang", {30, 0}, 180, 0, 1, {}});
    const auto twice = applyPlan(plan, a, street(), bundledStyles());
    ASSERT_FALSE(twice.ok());
    EXPECT_TRUE(hasError(twice.errors(), "$.alternatives[0].add[1].id", "already taken"))
        << all(twice.errors());
}

TEST(TownPlanApply, MissingIdIsAnErrorWithPathAndSuggestion) {
    const auto r = apply(R"({"select": {"ids": ["street/street-a-03", "street-a-02"]},
                            "set": {"repaint": true}})",
                         R"("remove": ["street/street-b-02", "street/nowhere-at-all-99"])");
    ASSERT_FALSE(r.ok());
    const auto& e = r.errors();
    EXPECT_TRUE(hasError(e, "$.alternatives[0].interventions[0].select.ids[1]",
                         "no building 'street-a-02' in the scene; ids look like '" +
                             street().front().id + "'; did you mean 'street/street-a-02'?"))
        << all(e);
    EXPECT_TRUE(hasError(e, "$.alternatives[0].remove[1]",
                         "no building 'street/nowhere-at-all-99' in the scene; ids look like '" +
                             street().front().id + "'"));
    EXPECT_EQ(e.size(), 2u) << all(e);
}

TEST(TownPlanApply, SelectionOfNoBuildingIsAWarning) {
    const auto r = apply(R"({"select": {"typology": "citang"}, "set": {"greening": true}})");
    ASSERT_TRUE(r.ok()) << all(r.errors());
    EXPECT_TRUE(r->changes.empty());
    ASSERT_EQ(r.warnings().size(), 1u);
    EXPECT_EQ(r.warnings()[0].file, "plan.json");
    EXPECT_EQ(r.warnings()[0].where, "$.alternatives[0].interventions[0].select");
}

TEST(TownPlanApply, ParamsTheTypologyRefusesNameTheIntervention) {
    // A guangfu library whose cement render is gone: facade_finish=plaster has no material.
    std::vector<Style> styles = bundledStyles();
    for (Style& s : styles) {
        for (Material& m : s.materials) {
            if (m.id == "cement-plaster")
                m.id = "cement-plaster-withdrawn";
        }
    }
    const auto r = apply(R"({"select": {"ids": ["street/street-a-03"]},
                            "set": {"doors": "timber"}},
                           {"select": {"ids": ["street/street-a-03"]},
                            "set": {"facade_finish": "plaster"}})",
                         "", street(), styles);
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.errors().size(), 1u) << all(r.errors());
    const Error& e = r.errors()[0];
    EXPECT_EQ(e.file, "plan.json");
    EXPECT_EQ(e.where, "$.alternatives[0].interventions[1].set.facade_finish");
    EXPECT_NE(e.message.find("building 'street/street-a-03'"), std::string::npos) << e.message;
    EXPECT_NE(e.message.find("cement-plaster"), std::string::npos) << e.message;
}

TEST(TownPlanApply, DemoPlanAppliesToTheDemoStreet) {
    // The demo scene's street entry: seed 4, 90 m long, 8 m wide (assets/demo/demo.json).
    VillageLayoutOptions o;
    o.layout = VillageLayout::Street;
    o.seed = 4;
    o.streetLength = 90;
    o.streetWidth = 8;
    auto layout = generateVillage(o, bundledStyles());
    ASSERT_TRUE(layout.ok()) << layout.firstError();
    std::vector<PlanBuilding> existing;
    for (const BuildingFootprint& fp : layout->plan.buildings)
        existing.push_back({"street/" + fp.id, "street", fp, {}});
    const auto plan = readTownPlan(
        (cunjing::test::sourceDir() / "assets" / "demo" / "street_plan.json").string());
    ASSERT_TRUE(plan.ok()) << all(plan.errors());
    for (const PlanAlternative& alternative : plan->alternatives) {
        const auto r = applyPlan(plan.value(), alternative, existing, bundledStyles());
        ASSERT_TRUE(r.ok()) << alternative.id << ":\n" << all(r.errors());
        EXPECT_TRUE(r.warnings().empty()) << alternative.id << ":\n" << all(r.warnings());
        EXPECT_GE(changedIds(r.value(), PlanChange::Kind::Modified).size(), existing.size() / 2)
            << alternative.id << ": most of the street changes";
        const auto removed = changedIds(r.value(), PlanChange::Kind::Removed);
        EXPECT_NE(std::find(removed.begin(), removed.end(), "street/street-wires"), removed.end())
            << alternative.id << ": the wires are buried";
    }
}
