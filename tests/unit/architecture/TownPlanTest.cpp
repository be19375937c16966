// Town plan files (美丽圩镇): reading with every problem named by file and JSON path, and the
// hand-editable writer with its round trip.

#include "TownPlanFixtures.h"

using namespace cunjing;
using namespace cunjing::architecture;
using namespace cunjing::architecture::plantest;
namespace fs = std::filesystem;

// ---- reading -----------------------------------------------------------------------------

TEST(TownPlanRead, ParsesEveryPartOfAFullPlan) {
    const auto r = parse(kFullPlan);
    ASSERT_TRUE(r.ok()) << all(r.errors());
    const TownPlan& p = r.value();
    EXPECT_EQ(p.file, "plan.json");
    EXPECT_EQ(p.id, "street-2027");
    EXPECT_EQ(p.titleZh, "圩镇街道整治");
    EXPECT_EQ(p.titleEn, "Market street works");
    ASSERT_EQ(p.alternatives.size(), 2u);
    const PlanAlternative& a = p.alternatives[0];
    EXPECT_EQ(a.titleZh, "岭南骑楼风貌");
    ASSERT_EQ(a.interventions.size(), 4u);
    EXPECT_EQ(a.interventions[0].select.groups, std::vector<std::string>{"street"});
    EXPECT_EQ(a.interventions[0].select.typologies, std::vector<std::string>{"nongfang"});
    const std::vector<PlanAction> set{{"facade_finish", "plaster"},
                                      {"wall_colour", "#E6D8BC"},
                                      {"roof", "pitched"},
                                      {"ac_screens", "true"},
                                      {"remove_additions", "true"}};
    EXPECT_EQ(a.interventions[0].set, set) << "file order kept, booleans as text";
    EXPECT_EQ(a.interventions[0].note, "自建房：平改坡");
    EXPECT_EQ(a.interventions[1].select.ids, std::vector<std::string>{"street/street-a-03"});
    EXPECT_EQ(a.interventions[2].select.zones, std::vector<std::string>{"core"});
    ASSERT_EQ(a.interventions[2].select.within.size(), 3u);
    EXPECT_EQ(a.interventions[2].select.within[2].y, 10.5);
    EXPECT_EQ(a.interventions[2].set[0], (PlanAction{"greening", "false"}));
    ASSERT_EQ(a.add.size(), 1u);
    EXPECT_EQ(a.add[0].id, "kiosk");
    EXPECT_EQ(a.add[0].at.x, -150);
    EXPECT_EQ(a.add[0].at.y, -180);
    EXPECT_EQ(a.add[0].storeys, 2);
    EXPECT_EQ(a.add[0].set, (std::vector<PlanAction>{{"wall_colour", "#E6D8BC"}}));
    EXPECT_EQ(a.remove, std::vector<std::string>{"street/street-b-04"});
    EXPECT_TRUE(p.alternatives[1].interventions.empty());
    EXPECT_EQ(p.findAlternative("modern"), &p.alternatives[1]);
    EXPECT_EQ(p.findAlternative("baroque"), nullptr);
}

TEST(TownPlanRead, ReadsTheDemoStreetPlan) {
    const auto r = readTownPlan(
        (cunjing::test::sourceDir() / "assets" / "demo" / "street_plan.json").string());
    ASSERT_TRUE(r.ok()) << all(r.errors());
    EXPECT_NE(r->findAlternative("lingnan"), nullptr);
    EXPECT_NE(r->findAlternative("modern"), nullptr);
}

TEST(TownPlanRead, MissingFormatIsAllowedAWrongOneIsNot) {
    EXPECT_TRUE(parse(R"({"alternatives": [{"id": "a"}]})").ok());
    const auto r = parse(R"({"format": "cunjing-plan 2", "alternatives": [{"id": "a"}]})");
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(hasError(r.errors(), "$.format", "write \"cunjing-plan 1\"")) << all(r.errors());
}

TEST(TownPlanRead, SyntaxErrorNamesFileLineAndColumn) {
    const auto r = parse("{\n  \"alternatives\": [\n    {\"id\": \"a\",}\n  ]\n}");
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.errors().size(), 1u);
    EXPECT_EQ(r.errors()[0].file, "plan.json");
    EXPECT_EQ(r.errors()[0].where, "line 3, column 16");
}

// Found by bench/fuzz.sh (fuzz_town_plan): a number too large for a double threw nlohmann's
// out_of_range, which is not a parse_error, and the process aborted.
TEST(TownPlanRead, ANumberTooLargeIsAnErrorNotAnAbort) {
    for (const std::string& text :
         {std::string("88e44454444444000014078953120434720312\xb4"),
          std::string(R"({"alternatives": [{"id": "a", "x": 1e999}]})")}) {
        const auto r = parse(text);
        ASSERT_FALSE(r.ok());
        ASSERT_EQ(r.errors().size(), 1u);
        EXPECT_EQ(r.errors()[0].file, "plan.json");
        EXPECT_NE(r.errors()[0].message.find("number overflow"), std::string::npos)
            << r.errors()[0].message;
    }
}

TEST(TownPlanRead, UnknownKeysAtEveryLevelListWhatIsAllowed) {
    const auto r = parse(R"({"colour": 1, "alternatives": [{"id": "a", "name": "x",
        "interventions": [{"select": {"ids": ["street/x"], "street": "main"},
                           "set": {"repaint": true}, "selection": {}}],
        "add": [{"id": "k", "style": "guangfu", "typology": "nongfang", "at": [0, 0],
                 "height": 9}]}]})");
    ASSERT_FALSE(r.ok());
    const auto& e = r.errors();
    EXPECT_TRUE(hasError(e, "$.colour", "allowed here: format, id, title, alternatives")) << all(e);
    EXPECT_TRUE(hasError(e, "$.alternatives[0].name", "id, title, interventions, add, remove"));
    EXPECT_TRUE(hasError(e, "$.alternatives[0].interventions[0].selection", "select, set, note"));
    EXPECT_TRUE(hasError(e, "$.alternatives[0].interventions[0].select.street",
                         "ids, group, style, typology, roof, zone, within"));
    EXPECT_TRUE(hasError(e, "$.alternatives[0].add[0].height", "facing, storeys, seed, set"));
    EXPECT_EQ(e.size(), 5u) << "every problem at once, nothing else: " << all(e);
}

TEST(TownPlanRead, UnknownInterventionListsTheKnownOnes) {
    const auto r = parseAlternative(R"("interventions": [{"select": {"group": "street"},
                             "set": {"paint_it": "red"}}])");
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(hasError(r.errors(), "$.alternatives[0].interventions[0].set.paint_it",
                         "unknown intervention 'paint_it'; known: facade_finish, wall_colour, "
                         "roof, roof_colour"))
        << all(r.errors());
}

TEST(TownPlanRead, MalformedColoursAndBadValuesAreErrorsAtTheirPath) {
    const auto r = parseAlternative(R"("interventions": [{"select": {"group": "street"},
        "set": {"wall_colour": "#E6D8B", "roof_colour": "beige", "roof": "dome",
                "ac_screens": "true", "repaint": false, "windows": 3}}])");
    ASSERT_FALSE(r.ok());
    const std::string set = "$.alternatives[0].interventions[0].set.";
    const auto& e = r.errors();
    EXPECT_TRUE(hasError(e, set + "wall_colour", "not a colour: write #RRGGBB")) << all(e);
    EXPECT_TRUE(hasError(e, set + "roof_colour", "'beige' is not a colour: write #RRGGBB"));
    EXPECT_TRUE(hasError(e, set + "roof", "allowed: pitched, flat"));
    EXPECT_TRUE(hasError(e, set + "ac_screens", "a JSON boolean"));
    EXPECT_TRUE(hasError(e, set + "repaint", "only true"));
    EXPECT_TRUE(hasError(e, set + "windows", "expected a string"));
    EXPECT_EQ(e.size(), 6u) << all(e);
}

TEST(TownPlanRead, CheckPlanActionNamesAllowedValues) {
    EXPECT_FALSE(checkPlanAction({"wall_colour", "#e6d8bc"}));
    EXPECT_FALSE(checkPlanAction({"facade_finish", "bare-brick"}));
    EXPECT_FALSE(checkPlanAction({"sign_band", "false"}));
    const auto finish = checkPlanAction({"facade_finish", "marble"});
    ASSERT_TRUE(finish);
    EXPECT_NE(finish->find("original, paint, plaster, tile, bare-brick"), std::string::npos);
    ASSERT_TRUE(checkPlanAction({"doors", "steel"}));
    ASSERT_TRUE(checkPlanAction({"wall_colour", "#GGGGGG"}));
    ASSERT_TRUE(checkPlanAction({"storeys", "3"}));
    EXPECT_EQ(planActionKeys().front(), "facade_finish");
    EXPECT_EQ(planActionKeys().back(), "remove");
    EXPECT_EQ(planActionKeys().size(), 13u);
}

TEST(TownPlanRead, MissingAndDuplicateAlternativeIds) {
    const auto r = parse(R"({"alternatives": [{"id": "a"}, {"title": {"en": "x"}},
                                              {"id": "a"}]})");
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(hasError(r.errors(), "$.alternatives[1].id", "missing")) << all(r.errors());
    EXPECT_TRUE(hasError(r.errors(), "$.alternatives[2].id",
                         "duplicate alternative id 'a' (also $.alternatives[0])"));
    const auto none = parse(R"({"alternatives": []})");
    ASSERT_FALSE(none.ok());
    EXPECT_TRUE(hasError(none.errors(), "$.alternatives", "non-empty"));
}

TEST(TownPlanRead, EmptySelectionAndShortPolygonAreErrors) {
    const auto r = parseAlternative(R"("interventions": [
        {"select": {}, "set": {"repaint": true}},
        {"select": {"within": [[0, 0], [5, 5]]}, "set": {"repaint": true}},
        {"select": {"typology": []}, "set": {"repaint": true}},
        {"set": {"repaint": true}}])");
    ASSERT_FALSE(r.ok());
    const auto& e = r.errors();
    EXPECT_TRUE(hasError(e, "$.alternatives[0].interventions[0].select", "selects nothing"))
        << all(e);
    EXPECT_TRUE(hasError(e, "$.alternatives[0].interventions[1].select.within", "3 or more"));
    EXPECT_TRUE(hasError(e, "$.alternatives[0].interventions[2].select.typology", "empty list"));
    EXPECT_TRUE(hasError(e, "$.alternatives[0].interventions[3].select", "missing"));
}

TEST(TownPlanRead, AdditionNeedsStyleTypologyAndPlace) {
    const auto r = parseAlternative(R"("add": [{"id": "kiosk"},
        {"id": "k2", "style": "guangfu", "typology": "nongfang", "at": [1, 2], "seed": -1,
         "set": {"remove": true}}])");
    ASSERT_FALSE(r.ok());
    const auto& e = r.errors();
    EXPECT_TRUE(hasError(e, "$.alternatives[0].add[0].style", "missing")) << all(e);
    EXPECT_TRUE(hasError(e, "$.alternatives[0].add[0].typology", "missing"));
    EXPECT_TRUE(hasError(e, "$.alternatives[0].add[0].at", "missing"));
    EXPECT_TRUE(hasError(e, "$.alternatives[0].add[1].seed", "whole number"));
    EXPECT_TRUE(hasError(e, "$.alternatives[0].add[1].set.remove", "added building"));
    EXPECT_EQ(e.size(), 5u) << all(e);
}

TEST(TownPlanRead, ReadingAMissingFileNamesIt) {
    const auto r = readTownPlan("/nonexistent/plan.json");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.errors()[0].file, "/nonexistent/plan.json");
}

// ---- writing -----------------------------------------------------------------------------

TEST(TownPlanWrite, FormattedPlanReadsBackEqual) {
    const auto original = parse(kFullPlan);
    ASSERT_TRUE(original.ok());
    const std::string text = formatTownPlan(original.value());
    const auto back = parse(text);
    ASSERT_TRUE(back.ok()) << all(back.errors()) << text;
    expectEqual(original.value(), back.value());
    EXPECT_EQ(formatTownPlan(back.value()), text) << "formatting is stable";
}

TEST(TownPlanWrite, DemoPlanReadsBackEqual) {
    const auto demo = readTownPlan(
        (cunjing::test::sourceDir() / "assets" / "demo" / "street_plan.json").string());
    ASSERT_TRUE(demo.ok()) << all(demo.errors());
    const auto back = parseTownPlan(formatTownPlan(demo.value()), demo->file);
    ASSERT_TRUE(back.ok()) << all(back.errors());
    expectEqual(demo.value(), back.value());
}

TEST(TownPlanWrite, LongListsWrapAndStillReadBack) {
    TownPlan plan;
    plan.id = "long";
    PlanAlternative& a = plan.alternatives.emplace_back();
    a.id = "box";
    PlanIntervention in;
    for (int i = 1; i <= 14; ++i)
        in.select.ids.push_back("street/street-b-" + std::string(i < 10 ? "0" : "") +
                                std::to_string(i));
    in.select.within = {{-40.25, 3}, {40, 3}, {40, 30}, {-40.25, 30}, {-41.125, 16.5}};
    in.set = {{"facade_finish", "plaster"},  {"wall_colour", "#E6D8BC"}, {"roof", "pitched"},
              {"windows", "timber-lattice"}, {"doors", "timber"},        {"greening", "true"}};
    in.note = "框选 / box selection";
    a.interventions.push_back(in);
    for (int i = 0; i < 12; ++i)
        a.remove.push_back("street/street-a-" + std::to_string(10 + i));
    const std::string text = formatTownPlan(plan);
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        EXPECT_LE(end - start, 100u) << "line too long: " << text.substr(start, end - start);
        start = end + 1;
    }
    const auto back = parse(text);
    ASSERT_TRUE(back.ok()) << all(back.errors()) << text;
    expectEqual(plan, back.value());
}

TEST(TownPlanWrite, LayoutIsTheHandWrittenOne) {
    const auto plan = parse(kFullPlan);
    ASSERT_TRUE(plan.ok());
    const std::string text = formatTownPlan(plan.value());
    // Two-space indent, keys in the documented order, Chinese kept as UTF-8, an intervention's
    // select, set and note one to a line, whole numbers without ".0".
    EXPECT_TRUE(
        text.starts_with("{\n  \"format\": \"cunjing-plan 1\",\n  \"id\": \"street-2027\",\n"
                         "  \"title\": {\"zh\": \"圩镇街道整治\", \"en\": \"Market street "
                         "works\"},\n  \"alternatives\": [\n    {\n      \"id\": \"lingnan\",\n"))
        << text;
    const std::string intervention =
        "        {\"select\": {\"group\": \"street\", \"typology\": \"nongfang\"},\n"
        "         \"set\": {\"facade_finish\": \"plaster\", \"wall_colour\": \"#E6D8BC\", "
        "\"roof\": \"pitched\",\n"
        "                 \"ac_screens\": true, \"remove_additions\": true},\n"
        "         \"note\": \"自建房：平改坡\"},\n";
    EXPECT_NE(text.find(intervention), std::string::npos) << text;
    EXPECT_NE(
        text.find("\"at\": [-150, -180],\n         \"facing\": 180, \"storeys\": 2, \"seed\": 1"),
        std::string::npos)
        << text;
    EXPECT_NE(text.find("\n        {\"select\": {\"ids\": [\"street/street-a-03\"]}, "
                        "\"set\": {\"sign_band\": true}},\n"),
              std::string::npos)
        << "a short selection and set share a line";
    EXPECT_NE(text.find("\"within\": [[0, 0], [10, 0], [10, 10.5]]"), std::string::npos);
    EXPECT_NE(text.find("      \"remove\": [\"street/street-b-04\"]\n"), std::string::npos);
    EXPECT_EQ(text.find("\\u"), std::string::npos) << "no \\u escapes";
}

TEST(TownPlanWrite, WritesThroughATemporaryFileAndReadsBack) {
    const auto plan = parse(kFullPlan);
    ASSERT_TRUE(plan.ok());
    const fs::path dir = caseDir();
    const std::string path = (dir / "street_plan.json").string();
    const Status written = writeTownPlan(plan.value(), path);
    ASSERT_TRUE(written.ok()) << written.firstError();
    EXPECT_FALSE(fs::exists(path + ".tmp"));
    const auto back = readTownPlan(path);
    ASSERT_TRUE(back.ok()) << all(back.errors());
    EXPECT_EQ(back->file, path);
    expectEqual(plan.value(), back.value());
}

TEST(TownPlanWrite, RefusesAMissingFolder) {
    const auto plan = parse(kFullPlan);
    ASSERT_TRUE(plan.ok());
    const std::string path = (caseDir() / "no-such-folder" / "plan.json").string();
    const Status written = writeTownPlan(plan.value(), path);
    ASSERT_FALSE(written.ok());
    EXPECT_EQ(written.errors()[0].file, path);
    EXPECT_NE(written.errors()[0].message.find("does not exist"), std::string::npos);
    EXPECT_FALSE(fs::exists(path));
}
