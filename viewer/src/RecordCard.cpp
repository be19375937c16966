#include "RecordCard.h"

#include <cmath>
#include <cstdio>

namespace cunjing::viewer {

namespace {

bool chinese(Language language) {
    return language == Language::Chinese;
}

/// Non-empty parts joined by `separator`.
std::string joined(const std::vector<std::string>& parts, const char* separator) {
    std::string out;
    for (const std::string& part : parts) {
        if (part.empty())
            continue;
        if (!out.empty())
            out += separator;
        out += part;
    }
    return out;
}

void addRow(std::vector<CardRow>& rows, StringId label, std::string value) {
    if (!value.empty())
        rows.push_back({label, std::move(value)});
}

std::string metres(const std::optional<double>& value) {
    return value && std::isfinite(*value) ? formatNumber(*value) + " m" : std::string();
}

std::string ageText(const heritage::TreeRecord& tree, Language language) {
    if (!tree.ageYears)
        return {};
    std::string text = std::to_string(*tree.ageYears) + (chinese(language) ? "" : " ") +
                       tr(StringId::CardYears, language);
    if (tree.ageMethod != heritage::AgeMethod::Unknown) {
        text += " (" +
                (chinese(language) ? heritage::chineseName(tree.ageMethod)
                                   : heritage::token(tree.ageMethod)) +
                ")";
    }
    return text;
}

std::string vigourText(heritage::Vigour vigour, Language language) {
    if (vigour == heritage::Vigour::Unknown)
        return {};
    return chinese(language) ? heritage::chineseName(vigour) : heritage::token(vigour);
}

std::string degrees(double lon, double lat) {
    char text[64];
    std::snprintf(text, sizeof text, "%.4f°%c, %.4f°%c", std::fabs(lon), lon < 0 ? 'W' : 'E',
                  std::fabs(lat), lat < 0 ? 'S' : 'N');
    return text;
}

std::string count(const std::optional<int>& value) {
    return value ? std::to_string(*value) : std::string();
}

}  // namespace

std::string formatNumber(double value, int maxDecimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", maxDecimals, value);
    std::string s = text;
    if (s.find('.') != std::string::npos) {
        s.erase(s.find_last_not_of('0') + 1);
        if (s.back() == '.')
            s.pop_back();
    }
    return s == "-0" ? "0" : s;
}

std::vector<std::string> cardVocabulary() {
    using namespace heritage;
    std::vector<std::string> words;
    for (TreeGrade g :
         {TreeGrade::None, TreeGrade::One, TreeGrade::Two, TreeGrade::Three, TreeGrade::Famous}) {
        words.push_back(gradeName(g, true));
        words.push_back(gradeName(g, false));
    }
    for (Vigour v : {Vigour::Normal, Vigour::Weak, Vigour::Endangered, Vigour::Dead})
        words.push_back(chineseName(v));
    for (AgeMethod m :
         {AgeMethod::Documents, AgeMethod::Legend, AgeMethod::Estimate, AgeMethod::RingCount})
        words.push_back(chineseName(m));
    for (std::string& word : buildingVocabulary())
        words.push_back(std::move(word));
    return words;
}

heritage::TreeRecord treeRecordFrom(const heritage::AncientTree& tree) {
    heritage::TreeRecord record;
    record.id = tree.id;
    record.speciesCn = tree.speciesCn;
    if (tree.ageYears > 0)
        record.ageYears = tree.ageYears;
    record.famous = tree.famous;
    if (std::isfinite(tree.heightM) && tree.heightM > 0)
        record.heightM = tree.heightM;
    if (std::isfinite(tree.crownM) && tree.crownM > 0)
        record.crownAvgM = tree.crownM;
    return record;
}

std::vector<CardRow> treeCardRows(const heritage::TreeRecord& tree, const heritage::Rules& rules,
                                  Language language) {
    std::vector<CardRow> rows;
    addRow(rows, StringId::CardId, tree.id);
    addRow(rows, StringId::CardSpecies, joined({tree.speciesCn, tree.latinName}, " · "));
    // The grade is computed by the jurisdiction's rules, never taken from the record, so a
    // changed age shows its consequence at once.
    const heritage::TreeGrade grade = rules.grade(tree);
    addRow(rows, StringId::CardGrade, heritage::gradeName(grade, chinese(language)));
    addRow(rows, StringId::CardAge, ageText(tree, language));
    addRow(rows, StringId::CardHeight, metres(tree.heightM));
    addRow(rows, StringId::CardCrown, metres(tree.crown()));
    if (tree.dbhCm && std::isfinite(*tree.dbhCm))
        addRow(rows, StringId::CardDbh, formatNumber(*tree.dbhCm) + " cm");
    addRow(rows, StringId::CardProtectionRadius, metres(rules.protectionRadiusM(tree)));
    addRow(rows, StringId::CardPlace,
           joined({tree.province, tree.city, tree.county, tree.town, tree.village, tree.placeName},
                  " "));
    addRow(rows, StringId::CardVigour, vigourText(tree.vigour, language));
    addRow(rows, StringId::CardCustodian,
           joined({tree.custodianUnit, tree.custodianPerson}, " · "));
    addRow(rows, StringId::CardStory, tree.story);
    return rows;
}

std::vector<CardRow> villageCardRows(const heritage::VillageRecord& village, Language language) {
    (void)language;  // every village value is a name or a number: the same in both languages
    std::vector<CardRow> rows;
    addRow(rows, StringId::CardId, village.id);
    addRow(rows, StringId::CardRegion,
           joined({village.province, village.city, village.county, village.town}, " "));
    if (village.batch > 0) {
        const int year = village.year > 0 ? village.year : heritage::batchYear(village.batch);
        addRow(rows, StringId::CardBatch,
               std::to_string(village.batch) + (year > 0 ? " · " + std::to_string(year) : ""));
    }
    if (std::isfinite(village.lon) && std::isfinite(village.lat) &&
        (village.lon != 0 || village.lat != 0)) {
        addRow(rows, StringId::CardCoordinates, degrees(village.lon, village.lat));
    }
    addRow(rows, StringId::CardPopulation, count(village.population));
    addRow(rows, StringId::CardHouseholds, count(village.households));
    if (village.areaHa && std::isfinite(*village.areaHa))
        addRow(rows, StringId::CardArea, formatNumber(*village.areaHa, 2) + " ha");
    addRow(rows, StringId::CardSitePattern, village.sitePattern);
    addRow(rows, StringId::CardTraditionalBuildings, count(village.traditionalBuildings));
    addRow(rows, StringId::CardProtectedUnits, joined(village.protectedUnits, "; "));
    addRow(rows, StringId::CardIntangible, joined(village.intangibleHeritage, "; "));
    return rows;
}

std::vector<CardRow> cardRows(const CardRecord& card, const heritage::Rules& rules,
                              Language language) {
    if (const auto* tree = std::get_if<heritage::TreeRecord>(&card.record))
        return treeCardRows(*tree, rules, language);
    if (const auto* building = std::get_if<BuildingInfo>(&card.record))
        return buildingCardRows(*building, language);
    return villageCardRows(std::get<heritage::VillageRecord>(card.record), language);
}

std::string cardHeading(const CardRecord& card, Language language) {
    if (const auto* village = std::get_if<heritage::VillageRecord>(&card.record))
        return village->name.empty() ? village->id : village->name;
    if (const auto* building = std::get_if<BuildingInfo>(&card.record))
        return buildingHeading(*building, language);
    const auto& tree = std::get<heritage::TreeRecord>(card.record);
    const std::string species = tree.speciesCn.empty() ? tree.id : tree.speciesCn;
    return card.localName.empty() ? species : species + " · " + card.localName;
}

const std::vector<std::string>& cardPhotos(const CardRecord& card) {
    static const std::vector<std::string> none;
    // The village register has no photos column (heritage::VillageRecord), buildings no
    // register at all: only trees carry photos today.
    if (const auto* tree = std::get_if<heritage::TreeRecord>(&card.record))
        return tree->photos;
    return none;
}

StringId cardKind(const CardRecord& card) {
    if (std::holds_alternative<heritage::TreeRecord>(card.record))
        return StringId::CardTree;
    if (std::holds_alternative<heritage::VillageRecord>(card.record))
        return StringId::CardVillage;
    return StringId::CardBuilding;
}

}  // namespace cunjing::viewer
