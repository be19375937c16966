#pragma once
// Shared by the town plan tests (TownPlanTest.cpp: reading and writing; TownPlanApplyTest.cpp:
// applying): a full plan, error lookups, plan comparison and the generated market street as a
// scene names its buildings.

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

namespace cunjing::architecture::plantest {

using namespace cunjing::architecture;
using cunjing::architecture::test::bundledStyle;
using cunjing::architecture::test::bundledStyles;

// ---- helpers -----------------------------------------------------------------------------

inline const char* const kFullPlan = R"({
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

inline Result<TownPlan> parse(const std::string& text) {
    return parseTownPlan(text, "plan.json");
}

/// A plan with one alternative whose body (the members inside its braces) is `body`.
inline Result<TownPlan> parseAlternative(const std::string& body) {
    return parse(R"({"alternatives": [{"id": "a", )" + body + "}]}");
}

inline bool hasError(const std::vector<Error>& errors, const std::string& where,
                     const std::string& text) {
    return std::any_of(errors.begin(), errors.end(), [&](const Error& e) {
        return e.file == "plan.json" && e.where == where &&
               e.message.find(text) != std::string::npos;
    });
}

inline std::string all(const std::vector<Error>& errors) {
    std::string out;
    for (const Error& e : errors)
        out += e.toString() + "\n";
    return out;
}

inline bool samePoints(const std::vector<Point2>& a, const std::vector<Point2>& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](auto p, auto q) {
               return p.x == q.x && p.y == q.y;
           });
}

/// Field by field: the structs carry no operator== (Point2 has none).
inline void expectEqual(const TownPlan& a, const TownPlan& b) {
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

inline std::filesystem::path caseDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::filesystem::path dir =
        cunjing::test::outputDir("architecture") / (std::string(info->test_suite_name()) + "-" +
                                                    info->name() + "-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

/// The generated market street as the scene names its buildings ("street/street-a-03"); the
/// north row (street-a-*) lies in zone "core".
inline const std::vector<PlanBuilding>& street() {
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

inline const PlanBuilding* building(const std::vector<PlanBuilding>& list, const std::string& id) {
    for (const PlanBuilding& b : list) {
        if (b.id == id)
            return &b;
    }
    return nullptr;
}

inline const PlanChange* change(const AppliedPlan& applied, const std::string& id) {
    for (const PlanChange& c : applied.changes) {
        if (c.buildingId == id)
            return &c;
    }
    return nullptr;
}

/// The value the building's params end with for a key ("" when absent).
inline std::string param(const PlanBuilding& b, const std::string& key) {
    std::string value;
    for (const auto& [k, v] : b.footprint.overrides) {
        if (k == key)
            value = v;
    }
    return value;
}

/// One alternative "a" with the given interventions (JSON array body) and more members.
inline Result<AppliedPlan> apply(const std::string& interventions, const std::string& more = "",
                                 const std::vector<PlanBuilding>& existing = street(),
                                 const std::vector<Style>& styles = bundledStyles()) {
    auto plan = parseAlternative(R"("interventions": [)" + interventions + "]" +
                                 (more.empty() ? "" : ", " + more));
    EXPECT_TRUE(plan.ok()) << all(plan.errors());
    if (!plan.ok())
        return Error{"", "", "the test's plan did not parse"};
    return applyPlan(plan.value(), plan->alternatives[0], existing, styles);
}

inline std::vector<std::string> changedIds(const AppliedPlan& applied, PlanChange::Kind kind) {
    std::vector<std::string> ids;
    for (const PlanChange& c : applied.changes) {
        if (c.kind == kind)
            ids.push_back(c.buildingId);
    }
    return ids;
}

}  // namespace cunjing::architecture::plantest
