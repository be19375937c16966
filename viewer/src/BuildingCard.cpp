#include "BuildingCard.h"

#include "PlanPanels.h"
#include "RecordCard.h"

#include <cunjing/scene/SceneData.h>

#include <array>
#include <cmath>

namespace cunjing::viewer {

namespace {

struct NameEntry {
    const char* id;
    const char* zh;
    const char* en;
};

/// The bundled styles' typologies (assets/styles/*.json): their "name" fields mix languages
/// and notes for style authors, so the card keeps its own short names for visitors.
constexpr std::array kTypologies = {
    NameEntry{"sanjian-lianglang", "三间两廊", "Three-bay two-corridor house"},
    NameEntry{"sanjian-lianglang-haoke", "三间两廊（蚝壳墙）",
              "Three-bay two-corridor house, oyster-shell walls"},
    NameEntry{"zhutongwu", "竹筒屋", "Bamboo-tube house"},
    NameEntry{"qilou", "骑楼", "Arcade shophouse (qilou)"},
    NameEntry{"nongfang", "自建房", "Self-built concrete house"},
    NameEntry{"dianxian", "三线", "Overhead wires and poles"},
    NameEntry{"citang", "祠堂", "Ancestral hall"},
    NameEntry{"tanghengwu", "堂横屋", "Hall-and-wing house"},
    NameEntry{"weilongwu", "围龙屋", "Hakka enclosed dragon house"},
    NameEntry{"weilongwu-santang-sihen", "三堂四横二围龙",
              "Enclosed dragon house, three halls, four wings, two rings"},
    NameEntry{"sijiaolou", "四角楼", "Four-corner-tower enclosure"},
    NameEntry{"tulou-round", "圆土楼", "Round earth building (tulou)"},
    NameEntry{"tulou-round-huaelou", "花萼楼", "Hua'e Lou round earth building"},
    NameEntry{"tulou-square", "方土楼", "Square earth building (tulou)"},
    NameEntry{"xiashanhu", "下山虎", "\"Tiger down the hill\" house"},
    NameEntry{"sidianjin", "四点金", "\"Four golden points\" courtyard house"},
    NameEntry{"sima-tuoche", "驷马拖车", "\"Four horses pulling a cart\" compound"},
};

constexpr std::array kStyles = {
    NameEntry{"guangfu", "广府", "Guangfu (Cantonese)"},
    NameEntry{"hakka", "客家", "Hakka"},
    NameEntry{"chaoshan", "潮汕", "Chaoshan (Teochew)"},
};

/// roofFormOf's forms; "pitched" is the 硬山 every hall has unless its roof says otherwise.
constexpr std::array kRoofs = {
    NameEntry{"pitched", "硬山坡屋顶", "Pitched, flush gables"},
    NameEntry{"hip", "歇山屋顶", "Hip-and-gable"},
    NameEntry{"flat", "平屋顶", "Flat"},
    NameEntry{"flat-to-pitched", "平改坡", "Flat roof with a pitched cap"},
};

template <std::size_t N>
BilingualName lookup(const std::array<NameEntry, N>& table, const std::string& id) {
    for (const NameEntry& e : table) {
        if (id == e.id)
            return {e.zh, e.en};
    }
    return {id, id};
}

void addRow(std::vector<CardRow>& rows, StringId label, std::string value) {
    if (!value.empty())
        rows.push_back({label, std::move(value)});
}

std::string metres(double value) {
    return std::isfinite(value) && value > 0 ? formatNumber(value) + " m" : std::string();
}

StringId changeWord(ChangeEntry::Kind kind) {
    switch (kind) {
        case ChangeEntry::Kind::Added:
            return StringId::ChangeAdded;
        case ChangeEntry::Kind::Removed:
            return StringId::ChangeRemoved;
        case ChangeEntry::Kind::Modified:
            break;
    }
    return StringId::ChangeModified;
}

std::string planChangeText(const BuildingInfo& b, Language language) {
    // "改造 · 立面颜色：#E6D8BC；平改坡": the action words carry their own colons.
    std::string text = tr(changeWord(*b.change), language);
    for (std::size_t i = 0; i < b.actions.size(); ++i) {
        text += i == 0 ? " · " : (language == Language::Chinese ? "；" : "; ");
        text += actionText(b.actions[i].first, b.actions[i].second, language);
    }
    return text;
}

}  // namespace

BuildingInfo buildingInfo(const scene::PlacedBuilding& building, double heightM) {
    BuildingInfo info;
    info.sceneId = building.sceneId;
    info.name = building.footprint.name;
    info.group = building.group;
    info.style = building.style;
    info.typology = building.typology;
    info.storeys = building.facts.storeys;
    info.roofForm = building.facts.roofForm;
    info.eaveHeightM = building.facts.eaveHeightM;
    info.heightM = heightM;
    info.year = building.footprint.year;
    info.condition = building.footprint.condition;
    return info;
}

BilingualName typologyName(const std::string& typology) {
    return lookup(kTypologies, typology);
}

BilingualName styleName(const std::string& style) {
    return lookup(kStyles, style);
}

BilingualName roofName(const std::string& roofForm) {
    const BilingualName name = lookup(kRoofs, roofForm);
    return name.zh == roofForm ? BilingualName{} : name;
}

std::string bilingualText(const BilingualName& name, Language language) {
    if (name.zh == name.en)
        return name.zh;
    return language == Language::Chinese ? name.zh + " " + name.en : name.en + " (" + name.zh + ")";
}

std::vector<CardRow> buildingCardRows(const BuildingInfo& b, Language language) {
    std::vector<CardRow> rows;
    addRow(rows, StringId::CardId, b.sceneId);
    addRow(rows, StringId::CardTypology, bilingualText(typologyName(b.typology), language));
    addRow(rows, StringId::CardStyle, bilingualText(styleName(b.style), language));
    if (b.storeys > 0)
        addRow(rows, StringId::CardStoreys, std::to_string(b.storeys));
    const BilingualName roof = roofName(b.roofForm);
    addRow(rows, StringId::CardRoof, language == Language::Chinese ? roof.zh : roof.en);
    addRow(rows, StringId::CardEaveHeight, metres(b.eaveHeightM));
    addRow(rows, StringId::CardBuildingHeight, metres(b.heightM));
    addRow(rows, StringId::CardGroup, b.group);
    if (b.change)
        addRow(rows, StringId::CardPlanChange, planChangeText(b, language));
    return rows;
}

std::string buildingHeading(const BuildingInfo& b, Language language) {
    if (!b.name.empty())
        return b.name;
    const BilingualName typology = typologyName(b.typology);
    return language == Language::Chinese ? typology.zh : typology.en;
}

std::vector<std::string> buildingVocabulary() {
    std::vector<std::string> words;
    for (const NameEntry& e : kTypologies)
        words.push_back(e.zh);
    for (const NameEntry& e : kStyles)
        words.push_back(e.zh);
    for (const NameEntry& e : kRoofs)
        words.push_back(e.zh);
    words.push_back("：；·");
    return words;
}

}  // namespace cunjing::viewer
