// Town plan files (美丽圩镇): reading with every problem named by file and JSON path, the
// hand-editable writer and its round trip, and one alternative applied to the generated
// market street (selection rules, the set vocabulary as params, removals, additions).

#include <cunjing/architecture/TownPlan.h>
#include <cunjing/architecture/VillageLayouts.h>

#include "StyleFixtures.h"

#include <TestPaths.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

using namespace cunjing;
using namespace cunjing::architecture;
using cunjing::architecture::test::bundledStyle;
using cunjing::architecture::test::bundledStyles;

namespace {

namespace fs = std::filesystem;

// ---- helpers -----------------------------------------------------------------------------

const char* const kFullPlan = R"({
  "format": "cunjing-plan 1", "id": "street-2027",
  "title": {"zh": "圩镇街道整治", "en": "Market street works"},
  "alternatives": [
    {"id": "lingnan", "title": {"zh": "岭南骑楼风貌", "en": "Lingnan arcade street"},
     "interventions": [
       {"select": {"group": "street", "typology": ["nongfang"]},
        "set": {"facade_finish": "plaster", "wall_colour": "#E6D8BC", "roof": "pitched",
                "ac_screens": true, "remove_additions": true},
        "note": "自建房：平改坡"},
       {"select": {"ids": ["street/street-a-03"]}, "set": {"sign_band": true}},
       {"select": {"zone": "core", "within": [[0, 0], [10, 0], [10, 10.5]]},
        "set": {"greening": false, "repaint": true}},
       {"select": {"typology": ["dianxian"]}, "set": {"bury_wires": true}}],
     "add": [{"id": "kiosk", "style": "guangfu", "typology": "nongfang", "at": [-150, -180],
              "facing": 180, "storeys": 2, "seed": 1, "set": {"wall_colour": "#E6D8BC"}}],
     "remove": ["street/street-b-04"]},
    {"id": "modern"}]})";

Result<TownPlan> parse(const std::string& text) {
    return parseTownPlan(text, "plan.json");
}

/// A plan with one alternative whose body (the members inside its braces) is `body`.
Result<TownPlan> parseAlternative(const std::string& body) {
    return parse(R"({"alternatives": [{"id": "a", )" + body + "}]}");
}

bool hasError(const std::vector<Error>& errors, const std::string& where, const std::string& text) {
    return std::any_of(errors.begin(), errors.end(), [&](const Error& e) {
        return e.file == "plan.json" && e.where == where &&
               e.message.find(text) != std::string::npos;
    });
}

std::string all(const std::vector<Error>& errors) {
    std::string out;
    for (const Error& e : errors)
        out += e.toString() + "\n";
    return out;
}

bool samePoints(const std::vector<Point2>& a, const std::vector<Point2>& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](auto p, auto q) {
               return p.x == q.x && p.y == q.y;
           });
}

/// Field by field: the structs carry no operator== (Point2 has none).
void expectEqual(const TownPlan& a, const TownPlan& b) {
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.titleZh, b.titleZh);
    EXPECT_EQ(a.titleEn, b.titleEn);
    ASSERT_EQ(a.alternatives.size(), b.alternatives.size());
    for (std::size_t i = 0; i < a.alternatives.size(); ++i) {
        const PlanAlternative &x = a.alternatives[i], &y = b.alternatives[i];
        EXPECT_EQ(x.id, y.id);
        EXPECT_EQ(x.titleZh, y.titleZh);
        EXPECT_EQ(x.titleEn, y.titleEn);
        EXPECT_EQ(x.remove, y.remove);
        ASSERT_EQ(x.interventions.size(), y.interventions.size());
        for (std::size_t k = 0; k < x.interventions.size(); ++k) {
            const PlanIntervention &p = x.interventions[k], &q = y.interventions[k];
            EXPECT_EQ(p.select.ids, q.select.ids);
            EXPECT_EQ(p.select.groups, q.select.groups);
            EXPECT_EQ(p.select.styles, q.select.styles);
            EXPECT_EQ(p.select.typologies, q.select.typologies);
            EXPECT_EQ(p.select.roofs, q.select.roofs);
            EXPECT_EQ(p.select.zones, q.select.zones);
            EXPECT_TRUE(samePoints(p.select.within, q.select.within));
            EXPECT_EQ(p.set, q.set);
            EXPECT_EQ(p.note, q.note);
        }
        ASSERT_EQ(x.add.size(), y.add.size());
        for (std::size_t k = 0; k < x.add.size(); ++k) {
            const PlanAddition &p = x.add[k], &q = y.add[k];
            EXPECT_EQ(p.id, q.id);
            EXPECT_EQ(p.style, q.style);
            EXPECT_EQ(p.typology, q.typology);
            EXPECT_EQ(p.at.x, q.at.x);
            EXPECT_EQ(p.at.y, q.at.y);
            EXPECT_EQ(p.facingDeg, q.facingDeg);
            EXPECT_EQ(p.storeys, q.storeys);
            EXPECT_EQ(p.seed, q.seed);
            EXPECT_EQ(p.set, q.set);
        }
    }
}

fs::path caseDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const fs::path dir =
        cunjing::test::outputDir("architecture") / (std::string(info->test_suite_name()) + "-" +
                                                    info->name() + "-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

/// The generated market street as the scene names its buildings ("street/street-a-03"); the
/// north row (street-a-*) lies in zone "core".
const std::vector<PlanBuilding>& street() {
    static const std::vector<PlanBuilding> buildings = [] {
        VillageLayoutOptions o;
        o.layout = VillageLayout::Street;
        o.seed = 4;
        o.streetLength = 80;
        o.streetWidth = 9;
        o.facingDeg = 180;
        auto r = generateVillage(o, bundledStyles());
        EXPECT_TRUE(r.ok()) << r.firstError();
        std::vector<PlanBuilding> out;
        if (!r.ok())
            return out;
        for (const BuildingFootprint& fp : r.value().plan.buildings) {
            PlanBuilding b{"street/" + fp.id, "street", fp, {}};
            if (fp.id.rfind("street-a-", 0) == 0)
                b.zones = {"core"};
            out.push_back(std::move(b));
        }
        return out;
    }();
    return buildings;
}

const PlanBuilding* building(const std::vector<PlanBuilding>& list, const std::string& id) {
    for (const PlanBuilding& b : list) {
        if (b.id == id)
            return &b;
    }
    return nullptr;
}

const PlanChange* change(const AppliedPlan& applied, const std::string& id) {
    for (const PlanChange& c : applied.changes) {
        if (c.buildingId == id)
            return &c;
    }
    return nullptr;
}

/// The value the building's params end with for a key ("" when absent).
std::string param(const PlanBuilding& b, const std::string& key) {
    std::string value;
    for (const auto& [k, v] : b.footprint.overrides) {
        if (k == key)
            value = v;
    }
    return value;
}

/// One alternative "a" with the given interventions (JSON array body) and more members.
Result<AppliedPlan> apply(const std::string& interventions, const std::string& more = "",
                          const std::vector<PlanBuilding>& existing = street(),
                          const std::vector<Style>& styles = bundledStyles()) {
    auto plan = parseAlternative(R"("interventions": [)" + interventions + "]" +
                                 (more.empty() ? "" : ", " + more));
    EXPECT_TRUE(plan.ok()) << all(plan.errors());
    if (!plan.ok())
        return Error{"", "", "the test's plan did not parse"};
    return applyPlan(plan.value(), plan->alternatives[0], existing, styles);
}

std::vector<std::string> changedIds(const AppliedPlan& applied, PlanChange::Kind kind) {
    std::vector<std::string> ids;
    for (const PlanChange& c : applied.changes) {
        if (c.kind == kind)
            ids.push_back(c.buildingId);
    }
    return ids;
}

}  // namespace

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
