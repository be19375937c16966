#include "RecordCard.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace cunjing::viewer;
using namespace cunjing::heritage;

namespace {
/// The value of a labelled row, or "<none>" when the card leaves it out.
std::string valueOf(const std::vector<CardRow>& rows, StringId label) {
    const auto it = std::find_if(rows.begin(), rows.end(),
                                 [label](const CardRow& r) { return r.label == label; });
    return it == rows.end() ? "<none>" : it->value;
}

TreeRecord banyan() {
    TreeRecord t;
    t.id = "44011300001";
    t.speciesCn = "榕树";
    t.latinName = "Ficus microcarpa";
    t.ageYears = 320;
    t.heightM = 16;
    t.crownEwM = 22;
    t.crownNsM = 26;
    t.dbhCm = 180;
    t.town = "石楼镇";
    t.placeName = "村口";
    t.vigour = Vigour::Normal;
    t.custodianUnit = "村委会";
    t.story = "建村时所植";
    return t;
}
}  // namespace

TEST(TreeCard, GradeAndProtectionRadiusComeFromTheRules) {
    Rules rules;  // national: crown radius + 5 m
    const auto rows = treeCardRows(banyan(), rules, Language::Chinese);
    EXPECT_EQ(valueOf(rows, StringId::CardGrade), gradeName(TreeGrade::Two, true));
    EXPECT_EQ(valueOf(rows, StringId::CardCrown), "24 m");
    EXPECT_EQ(valueOf(rows, StringId::CardProtectionRadius), "17 m");
    rules.protectionMarginM = 10;
    EXPECT_EQ(
        valueOf(treeCardRows(banyan(), rules, Language::Chinese), StringId::CardProtectionRadius),
        "22 m");
}

TEST(TreeCard, ShowsTheRegisterFields) {
    const auto rows = treeCardRows(banyan(), Rules{}, Language::Chinese);
    EXPECT_EQ(valueOf(rows, StringId::CardSpecies), "榕树 · Ficus microcarpa");
    EXPECT_EQ(valueOf(rows, StringId::CardAge), "320年");
    EXPECT_EQ(valueOf(rows, StringId::CardHeight), "16 m");
    EXPECT_EQ(valueOf(rows, StringId::CardDbh), "180 cm");
    EXPECT_EQ(valueOf(rows, StringId::CardPlace), "石楼镇 村口");
    EXPECT_EQ(valueOf(rows, StringId::CardVigour), chineseName(Vigour::Normal));
    EXPECT_EQ(valueOf(rows, StringId::CardCustodian), "村委会");
    EXPECT_EQ(valueOf(rows, StringId::CardStory), "建村时所植");
}

TEST(TreeCard, EnglishUsesEnglishWordsForCodedFields) {
    const auto rows = treeCardRows(banyan(), Rules{}, Language::English);
    EXPECT_EQ(valueOf(rows, StringId::CardAge), "320 years");
    EXPECT_EQ(valueOf(rows, StringId::CardVigour), token(Vigour::Normal));
    EXPECT_EQ(valueOf(rows, StringId::CardGrade), gradeName(TreeGrade::Two, false));
}

TEST(TreeCard, UnmeasuredFieldsAreLeftOutNotShownAsZero) {
    TreeRecord t;
    t.id = "X";
    t.speciesCn = "樟树";
    const auto rows = treeCardRows(t, Rules{}, Language::Chinese);
    EXPECT_EQ(valueOf(rows, StringId::CardAge), "<none>");
    EXPECT_EQ(valueOf(rows, StringId::CardHeight), "<none>");
    EXPECT_EQ(valueOf(rows, StringId::CardProtectionRadius), "<none>");
    EXPECT_EQ(valueOf(rows, StringId::CardDbh), "<none>");
}

TEST(TreeCard, SceneTreesBecomeRecordsWithTheirMeasures) {
    AncientTree tree;
    tree.id = "DEMO-001";
    tree.speciesCn = "榕树";
    tree.name = "村口古榕";
    tree.heightM = 16;
    tree.crownM = 24;
    tree.ageYears = 320;
    const CardRecord card{treeRecordFrom(tree), false, tree.name};
    EXPECT_EQ(cardHeading(card), "榕树 · 村口古榕");
    const auto rows = cardRows(card, Rules{}, Language::Chinese);
    EXPECT_EQ(valueOf(rows, StringId::CardCrown), "24 m");
    EXPECT_EQ(valueOf(rows, StringId::CardProtectionRadius), "17 m");
}

TEST(VillageCard, ShowsPlaceBatchCoordinatesAndPopulation) {
    VillageRecord v;
    v.id = "GD-0001";
    v.name = "大旗头村";
    v.province = "广东省";
    v.city = "佛山市";
    v.county = "三水区";
    v.town = "乐平镇";
    v.batch = 1;
    v.lon = 112.9126;
    v.lat = 23.3051;
    v.population = 1200;
    v.areaHa = 5.25;
    const CardRecord card{v, true, {}};
    EXPECT_EQ(cardHeading(card), "大旗头村");
    const auto rows = cardRows(card, Rules{}, Language::English);
    EXPECT_EQ(valueOf(rows, StringId::CardRegion), "广东省 佛山市 三水区 乐平镇");
    EXPECT_EQ(valueOf(rows, StringId::CardBatch), "1 · 2012") << "the year follows the batch";
    EXPECT_EQ(valueOf(rows, StringId::CardCoordinates), "112.9126°E, 23.3051°N");
    EXPECT_EQ(valueOf(rows, StringId::CardPopulation), "1200");
    EXPECT_EQ(valueOf(rows, StringId::CardArea), "5.25 ha");
    EXPECT_EQ(valueOf(rows, StringId::CardHouseholds), "<none>");
}

TEST(FormatNumber, DropsTrailingZeros) {
    EXPECT_EQ(formatNumber(16.0), "16");
    EXPECT_EQ(formatNumber(12.25, 2), "12.25");
    EXPECT_EQ(formatNumber(12.5), "12.5");
    EXPECT_EQ(formatNumber(-0.01), "0");
}

TEST(CardVocabulary, HoldsEveryGradeNameInBothLanguages) {
    const auto words = cardVocabulary();
    for (TreeGrade g : {TreeGrade::One, TreeGrade::Famous, TreeGrade::None}) {
        EXPECT_NE(std::find(words.begin(), words.end(), gradeName(g, true)), words.end());
        EXPECT_NE(std::find(words.begin(), words.end(), gradeName(g, false)), words.end());
    }
}
