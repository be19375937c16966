// The building info card's rows: typology and style named in both languages, the facts a
// visitor asks for, and a town plan's change worded like the change list.

#include "BuildingCard.h"
#include "Picking.h"
#include "RecordCard.h"

#include <cunjing/scene/SceneData.h>

#include <gtest/gtest.h>

#include <algorithm>

using namespace cunjing::viewer;

namespace {

std::string valueOf(const std::vector<CardRow>& rows, StringId label) {
    const auto it = std::find_if(rows.begin(), rows.end(),
                                 [label](const CardRow& r) { return r.label == label; });
    return it == rows.end() ? "<none>" : it->value;
}

BuildingInfo lingnanHouse() {
    BuildingInfo b;
    b.sceneId = "comb/comb-12";
    b.group = "comb";
    b.style = "guangfu";
    b.typology = "sanjian-lianglang";
    b.storeys = 1;
    b.roofForm = "pitched";
    b.eaveHeightM = 3.8;
    b.heightM = 6.62;
    return b;
}

}  // namespace

TEST(BuildingCard, ChineseRowsNameTypologyStyleAndFacts) {
    const auto rows = buildingCardRows(lingnanHouse(), Language::Chinese);
    EXPECT_EQ(valueOf(rows, StringId::CardId), "comb/comb-12");
    EXPECT_EQ(valueOf(rows, StringId::CardTypology), "三间两廊 Three-bay two-corridor house");
    EXPECT_EQ(valueOf(rows, StringId::CardStyle), "广府 Guangfu (Cantonese)");
    EXPECT_EQ(valueOf(rows, StringId::CardStoreys), "1");
    EXPECT_EQ(valueOf(rows, StringId::CardRoof), "硬山坡屋顶");
    EXPECT_EQ(valueOf(rows, StringId::CardEaveHeight), "3.8 m");
    EXPECT_EQ(valueOf(rows, StringId::CardBuildingHeight), "6.6 m");
    EXPECT_EQ(valueOf(rows, StringId::CardGroup), "comb");
    EXPECT_EQ(valueOf(rows, StringId::CardPlanChange), "<none>") << "no plan, no change row";
    EXPECT_STREQ(tr(StringId::CardTypology, Language::Chinese), "类型");
}

TEST(BuildingCard, EnglishRowsPutTheEnglishNameFirstAndKeepTheChineseTerm) {
    BuildingInfo b = lingnanHouse();
    b.style = "hakka";
    b.typology = "weilongwu";
    b.roofForm = "hip";
    const auto rows = buildingCardRows(b, Language::English);
    EXPECT_EQ(valueOf(rows, StringId::CardTypology), "Hakka enclosed dragon house (围龙屋)");
    EXPECT_EQ(valueOf(rows, StringId::CardStyle), "Hakka (客家)");
    EXPECT_EQ(valueOf(rows, StringId::CardRoof), "Hip-and-gable");
    EXPECT_STREQ(tr(StringId::CardTypology, Language::English), "Typology");
    EXPECT_STREQ(tr(StringId::CardBuilding, Language::English), "Building");
}

TEST(BuildingCard, EveryBundledTypologyHasNamesInBothLanguages) {
    for (const char* id :
         {"sanjian-lianglang", "sanjian-lianglang-haoke", "zhutongwu", "qilou", "nongfang",
          "dianxian", "citang", "tanghengwu", "weilongwu", "weilongwu-santang-sihen", "sijiaolou",
          "tulou-round", "tulou-round-huaelou", "tulou-square", "xiashanhu", "sidianjin",
          "sima-tuoche"}) {
        const BilingualName name = typologyName(id);
        EXPECT_NE(name.zh, id) << id;
        EXPECT_NE(name.en, id) << id;
    }
    EXPECT_EQ(styleName("chaoshan").zh, "潮汕");
}

TEST(BuildingCard, UnknownTypologyShowsItsIdAndWiresLeaveOutStoreysAndRoof) {
    BuildingInfo b = lingnanHouse();
    b.typology = "my-own-house";
    EXPECT_EQ(valueOf(buildingCardRows(b, Language::English), StringId::CardTypology),
              "my-own-house");
    b.typology = "dianxian";
    b.storeys = 0;
    b.roofForm = "none";
    b.eaveHeightM = 0;
    const auto rows = buildingCardRows(b, Language::Chinese);
    EXPECT_EQ(valueOf(rows, StringId::CardStoreys), "<none>");
    EXPECT_EQ(valueOf(rows, StringId::CardRoof), "<none>");
    EXPECT_EQ(valueOf(rows, StringId::CardEaveHeight), "<none>");
    EXPECT_EQ(valueOf(rows, StringId::CardTypology), "三线 Overhead wires and poles");
}

TEST(BuildingCard, PlanChangeIsWordedLikeTheChangeListInBothLanguages) {
    BuildingInfo b = lingnanHouse();
    b.change = ChangeEntry::Kind::Modified;
    b.actions = {{"wall_colour", "#E6D8BC"}, {"roof", "pitched"}};
    const std::string zh =
        valueOf(buildingCardRows(b, Language::Chinese), StringId::CardPlanChange);
    const std::string en =
        valueOf(buildingCardRows(b, Language::English), StringId::CardPlanChange);
    EXPECT_EQ(zh.rfind("改造 · ", 0), 0u) << zh;
    EXPECT_NE(zh.find("#E6D8BC"), std::string::npos) << zh;
    EXPECT_NE(zh.find("；平改坡"), std::string::npos) << zh;
    EXPECT_EQ(en.rfind("Modified · ", 0), 0u) << en;
    EXPECT_NE(en.find("; Pitched roof"), std::string::npos) << en;
    b.change = ChangeEntry::Kind::Removed;
    b.actions = {};
    EXPECT_EQ(valueOf(buildingCardRows(b, Language::Chinese), StringId::CardPlanChange), "拆除");
}

TEST(BuildingCard, InfoCopiesThePlacedBuildingAndTheCardDispatchesToIt) {
    cunjing::scene::PlacedBuilding placed;
    placed.sceneId = "street/street-a-03";
    placed.group = "street";
    placed.style = "guangfu";
    placed.typology = "qilou";
    placed.footprint.name = "新华书店";
    placed.facts.storeys = 3;
    placed.facts.roofForm = "flat";
    placed.facts.eaveHeightM = 11.2;
    const BuildingInfo info = buildingInfo(placed, 12.5);
    EXPECT_EQ(info.sceneId, "street/street-a-03");
    EXPECT_EQ(info.storeys, 3);
    EXPECT_DOUBLE_EQ(info.heightM, 12.5);
    const CardRecord card{info, false, {}, {}};
    EXPECT_EQ(cardKind(card), StringId::CardBuilding);
    EXPECT_EQ(cardHeading(card, Language::English), "新华书店");
    EXPECT_TRUE(cardPhotos(card).empty());
    EXPECT_EQ(valueOf(cardRows(card, {}, Language::English), StringId::CardRoof), "Flat");
    BuildingInfo unnamed = info;
    unnamed.name.clear();
    EXPECT_EQ(cardHeading(CardRecord{unnamed, false, {}, {}}, Language::English),
              "Arcade shophouse (qilou)");
    EXPECT_EQ(cardHeading(CardRecord{unnamed, false, {}, {}}, Language::Chinese), "骑楼");
}

TEST(BuildingCard, RecordReferenceTextRoundTrips) {
    const RecordRef building{RecordKind::Building, "street/street-a-03"};
    EXPECT_EQ(recordRefText(building), "building:street/street-a-03");
    EXPECT_EQ(parseRecordRefText("building:street/street-a-03"), building);
    EXPECT_EQ(parseRecordRefText("tree:DEMO-001"), (RecordRef{RecordKind::Tree, "DEMO-001"}));
    EXPECT_FALSE(parseRecordRefText("building:"));
    EXPECT_FALSE(parseRecordRefText("house:x"));
}
