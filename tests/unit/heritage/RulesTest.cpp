#include <cunjing/heritage/Rules.h>

#include "TestPaths.h"

#include <gtest/gtest.h>

#include <fstream>

using namespace cunjing;
using namespace cunjing::heritage;

namespace {

Rules guangdong() {
    auto rules = Rules::load("assets/rules/guangdong.json");
    EXPECT_TRUE(rules.ok()) << rules.firstError();
    return rules.ok() ? rules.value() : Rules{};
}

TreeRecord validTree() {
    TreeRecord t;
    t.id = "44060400001";
    t.speciesCn = "榕树";
    t.lon = 113.02;
    t.lat = 23.14;
    t.ageYears = 320;
    t.heightM = 18;
    t.crownEwM = 24;
    t.crownNsM = 20;
    t.crownAvgM = 22;
    return t;
}

bool hasField(const std::vector<Error>& list, const std::string& field) {
    for (const auto& e : list)
        if (e.where.find("field '" + field + "'") != std::string::npos)
            return true;
    return false;
}

}  // namespace

TEST(RulesGrade, GuangdongBoundariesFollowTheNationalStandard) {
    const Rules r = guangdong();
    EXPECT_EQ(r.grade(99, false), TreeGrade::None);
    EXPECT_EQ(r.grade(100, false), TreeGrade::Three);
    EXPECT_EQ(r.grade(299, false), TreeGrade::Three);
    EXPECT_EQ(r.grade(300, false), TreeGrade::Two);
    EXPECT_EQ(r.grade(499, false), TreeGrade::Two);
    EXPECT_EQ(r.grade(500, false), TreeGrade::One);
}

TEST(RulesGrade, FamousTreeIsUngradedWhateverItsAge) {
    const Rules r = guangdong();
    EXPECT_EQ(r.grade(800, true), TreeGrade::Famous);
    EXPECT_EQ(r.grade(std::nullopt, true), TreeGrade::Famous);
    EXPECT_EQ(r.grade(std::nullopt, false), TreeGrade::None);
}

TEST(RulesGrade, NationalFileMatchesTheBuiltInDefaults) {
    auto national = Rules::forJurisdiction("national");
    ASSERT_TRUE(national.ok()) << national.firstError();
    const Rules defaults;
    EXPECT_EQ(national->gradeOneMinAge, defaults.gradeOneMinAge);
    EXPECT_EQ(national->gradeTwoMinAge, defaults.gradeTwoMinAge);
    EXPECT_EQ(national->gradeThreeMinAge, defaults.gradeThreeMinAge);
    EXPECT_EQ(national->jurisdiction, "national");
}

TEST(RulesProtection, GuangdongIsCrownRadiusPlusFiveMetres) {
    const Rules r = guangdong();
    TreeRecord t = validTree();
    ASSERT_TRUE(r.protectionRadiusM(t).has_value());
    EXPECT_DOUBLE_EQ(*r.protectionRadiusM(t), 22.0 / 2 + 5);
    t.crownAvgM.reset();  // falls back to the mean of E-W and N-S
    EXPECT_DOUBLE_EQ(*r.protectionRadiusM(t), 11.0 + 5);
    t.crownEwM.reset();
    t.crownNsM.reset();
    EXPECT_FALSE(r.protectionRadiusM(t).has_value());
}

TEST(RulesProtection, MarginAndMinimumAreParameters) {
    const auto path = test::outputDir("rules") / "wide.json";
    std::ofstream(path) << R"({"jurisdiction": "wide",
        "protection": {"crown_margin_m": 10, "min_radius_m": 30}})";
    auto r = Rules::load(path.string());
    ASSERT_TRUE(r.ok()) << r.firstError();
    TreeRecord t = validTree();
    EXPECT_DOUBLE_EQ(*r->protectionRadiusM(t), 30);  // 11 + 10 is under the minimum
    t.crownAvgM = 60;
    EXPECT_DOUBLE_EQ(*r->protectionRadiusM(t), 40);
    EXPECT_EQ(r->gradeOneMinAge, 500);  // keys left out keep the national defaults
}

TEST(RulesLoad, BadValuesAreReportedWithTheirKey) {
    const auto path = test::outputDir("rules") / "bad.json";
    std::ofstream(path) << R"({"grading": {"grade_one_min_age": "old"}})";
    auto r = Rules::load(path.string());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.errors()[0].where, "grading/grade_one_min_age");
    EXPECT_FALSE(Rules::load("assets/rules/no_such_province.json").ok());
}

TEST(RulesValidate, ValidTreeHasNoProblems) {
    const Validation v = guangdong().validate(validTree(), "trees.csv", "row 2");
    EXPECT_TRUE(v.errors.empty()) << v.errors[0].toString();
    EXPECT_TRUE(v.warnings.empty()) << v.warnings[0].toString();
}

TEST(RulesValidate, IdFormatIsOnlyAWarning) {
    TreeRecord t = validTree();
    t.id = "GZ-0001";
    const Validation v = guangdong().validate(t, "trees.csv", "row 12");
    EXPECT_TRUE(v.ok());
    ASSERT_EQ(v.warnings.size(), 1u);
    EXPECT_EQ(v.warnings[0].file, "trees.csv");
    EXPECT_EQ(v.warnings[0].where, "row 12, field 'id'");
}

TEST(RulesValidate, CoordinatesOutOfRangeAreErrorsOutsideChinaAWarning) {
    TreeRecord t = validTree();
    t.lon = 213;
    Validation v = guangdong().validate(t, "f.csv", "row 3");
    EXPECT_TRUE(hasField(v.errors, "lon"));
    t.lon = 23.14;  // lon and lat swapped: in range, but far from China
    t.lat = 113.02;
    v = guangdong().validate(t, "f.csv", "row 3");
    EXPECT_TRUE(hasField(v.errors, "lat"));
    t.lat = 40;
    t.lon = 10;
    v = guangdong().validate(t, "f.csv", "row 3");
    EXPECT_TRUE(v.ok());
    EXPECT_TRUE(hasField(v.warnings, "lon"));
}

TEST(RulesValidate, NegativeMeasurementsAreErrorsNamingTheField) {
    TreeRecord t = validTree();
    t.ageYears = -5;
    t.heightM = -1;
    t.dbhCm = -3;
    const Validation v = guangdong().validate(t, "f.csv", "row 12");
    EXPECT_TRUE(hasField(v.errors, "age_years"));
    EXPECT_TRUE(hasField(v.errors, "height_m"));
    EXPECT_TRUE(hasField(v.errors, "dbh_cm"));
    EXPECT_EQ(v.errors[0].where, "row 12, field 'age_years'");
}

TEST(RulesValidate, CrownAverageMustMatchItsSpreads) {
    TreeRecord t = validTree();
    t.crownAvgM = 30;  // (24 + 20) / 2 = 22
    const Validation v = guangdong().validate(t, "f.csv", "row 4");
    EXPECT_TRUE(hasField(v.warnings, "crown_avg_m"));
}

TEST(RulesValidate, StatedGradeDisagreeingWithAgeIsFlagged) {
    TreeRecord t = validTree();
    t.statedGrade = TreeGrade::One;  // 320 years is grade II
    EXPECT_TRUE(hasField(guangdong().validate(t, "f.csv", "row 5").warnings, "stated_grade"));
}

TEST(RulesValidate, VillageBatchAndNameAreChecked) {
    VillageRecord v;
    v.id = "GD-1";
    v.lon = 113.0;
    v.lat = 23.0;
    v.batch = 9;
    Validation result = guangdong().validate(v, "villages.csv", "row 7");
    EXPECT_TRUE(hasField(result.errors, "name"));
    EXPECT_TRUE(hasField(result.errors, "batch"));
    v.name = "大旗头村";
    v.batch = 1;
    v.year = 2014;
    result = guangdong().validate(v, "villages.csv", "row 7");
    EXPECT_TRUE(result.ok());
    EXPECT_TRUE(hasField(result.warnings, "year"));
}

TEST(RecordCodes, ParseChineseTraditionalAndTokens) {
    EXPECT_EQ(parseGrade("一級"), TreeGrade::One);
    EXPECT_EQ(parseGrade("三级"), TreeGrade::Three);
    EXPECT_EQ(parseGrade("II"), TreeGrade::Two);
    EXPECT_EQ(parseGrade("名木"), TreeGrade::Famous);
    EXPECT_FALSE(parseGrade("四级").has_value());
    EXPECT_EQ(parseVigour("瀕危"), Vigour::Endangered);
    EXPECT_EQ(parseOwnership(token(Ownership::Collective)), Ownership::Collective);
    EXPECT_EQ(chineseName(ZoneKind::ConstructionControl), "建设控制地带");
    EXPECT_EQ(parseZoneKind("环境协调区"), ZoneKind::Environment);
}

TEST(VillageScores, RarityFollowsTheEvaluationTable) {
    using cunjing::heritage::rarityScore;
    EXPECT_FALSE(rarityScore({}).has_value());
    EXPECT_FALSE(rarityScore({"光禄大夫祠"}).has_value()) << "no level: cannot be scored";
    EXPECT_EQ(rarityScore({"国家级 大旗头村古建筑群"}), 5.0);
    EXPECT_EQ(rarityScore({"国家级 A", "国家级 B"}), 7.0);
    EXPECT_EQ(rarityScore({"省级 A", "省级 B", "县级 C"}), 3.0 + 1.5 + 2.0);
    EXPECT_EQ(rarityScore({"登记 A"}), 1.0);
    EXPECT_EQ(rarityScore({"国家级 A", "国家级 B", "国家级 C", "省级 D"}), 10.0) << "capped";
}
