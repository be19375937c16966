#pragma once
/// The info card's content for a picked tree, village or building, as (label, value) rows.
/// Plain data built from register records (buildings: BuildingCard.h) so it can be tested
/// without ImGui; the panel only lays it out.

#include "BuildingCard.h"

#include <cunjing/heritage/Records.h>
#include <cunjing/heritage/Rules.h>
#include <cunjing/viewer/Strings.h>

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

namespace cunjing::viewer {

struct CardRow {
    StringId label;
    std::string value;
};

/// What the card shows: the full register record when the scene has a register, else the
/// scene's own fields of the tree (or village) in the same record type.
struct CardRecord {
    std::variant<heritage::TreeRecord, heritage::VillageRecord, BuildingInfo> record;
    bool fromRegister = false;
    /// A tree's local name (村口古榕) from the scene layer; registers have no such column.
    std::string localName;
    /// The folder the record's relative photo paths are relative to (PhotoSource.h).
    std::filesystem::path photoBase = {};
};

/// The few fields a scene's tree layer carries, as a register record.
heritage::TreeRecord treeRecordFrom(const heritage::AncientTree& tree);

/// Rows with a value only: an unmeasured field is left out rather than shown as 0.
std::vector<CardRow> treeCardRows(const heritage::TreeRecord& tree, const heritage::Rules& rules,
                                  Language language);
std::vector<CardRow> villageCardRows(const heritage::VillageRecord& village, Language language);
std::vector<CardRow> cardRows(const CardRecord& card, const heritage::Rules& rules,
                              Language language);

/// The card's heading: the village name; a tree's species, and its local name when it has
/// one; a building's name, else its typology in `language`.
std::string cardHeading(const CardRecord& card, Language language = Language::Chinese);

/// The record's photos as the register lists them (paths or URLs): trees have them; the
/// village register has no photos column and buildings no register.
const std::vector<std::string>& cardPhotos(const CardRecord& card);

/// The card's kind, for its title: 古树名木, 传统村落 or 建筑.
StringId cardKind(const CardRecord& card);

/// Every fixed word a card can show besides the string table (grade, vigour and age-method
/// names in both languages), for the font's glyph set.
std::vector<std::string> cardVocabulary();

/// "12.5" without trailing zeros: register values are typed by people, not computed.
std::string formatNumber(double value, int maxDecimals = 1);

}  // namespace cunjing::viewer
