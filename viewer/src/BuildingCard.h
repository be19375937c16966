#pragma once
/// The info card's content for a picked building: what a visitor or a heritage officer asks of
/// it (typology and style in both languages, storeys, roof, heights, its group) and, with a
/// town plan shown, what the plan does to it. Plain data, so it is tested without ImGui.

#include "CompareState.h"

#include <cunjing/viewer/Strings.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cunjing::scene {
struct PlacedBuilding;
}

namespace cunjing::viewer {

struct CardRow;

/// A generated building as the card shows it, copied from scene::PlacedBuilding (the state
/// on screen: with a plan, the proposed one) so the card outlives a regenerated scene.
struct BuildingInfo {
    std::string sceneId;  ///< "street/street-a-03"
    std::string name;     ///< the footprint's own name, when it has one
    std::string group;    ///< the scene "buildings" entry it belongs to
    std::string style, typology;
    int storeys = 0;
    std::string roofForm;    ///< architecture::roofFormOf: pitched, hip, flat, ...
    double eaveHeightM = 0;  ///< 檐口 above the floor
    double heightM = 0;      ///< floor to the highest point (ridge, parapet, tower)
    std::optional<int> year;
    std::string condition;
    /// With a plan shown: what it does to this building, as the change list words it.
    std::optional<ChangeEntry::Kind> change;
    std::vector<std::pair<std::string, std::string>> actions;
};

/// The card's copy of `building`; `heightM` measured from its mesh by the caller.
BuildingInfo buildingInfo(const scene::PlacedBuilding& building, double heightM);

/// A typology or style id in words: {"三间两廊", "Three-bay two-corridor house"}. Unknown
/// ids come back as themselves in both (a style folder of one's own may add typologies).
struct BilingualName {
    std::string zh, en;
};
BilingualName typologyName(const std::string& typology);
BilingualName styleName(const std::string& style);
/// A roof form of roofFormOf in words; empty for "none" (wires) and unknown forms.
BilingualName roofName(const std::string& roofForm);

/// "三间两廊 Three-bay two-corridor house" in Chinese (the term a visitor reads on signs) and
/// "Three-bay two-corridor house (三间两廊)" in English.
std::string bilingualText(const BilingualName& name, Language language);

/// Rows with a value only, in the order a visitor reads them.
std::vector<CardRow> buildingCardRows(const BuildingInfo& building, Language language);

/// The card's heading: the building's name, else its typology in the card's language.
std::string buildingHeading(const BuildingInfo& building, Language language);

/// Every fixed word a building card can show, for the font's glyph set.
std::vector<std::string> buildingVocabulary();

}  // namespace cunjing::viewer
