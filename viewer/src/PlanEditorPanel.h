#pragma once
/// The plan editor's panel (issue 7 item 3): alternatives, the selection (by hand or by a rule),
/// the palette's colour swatches and the component library (finish, roof, windows, doors,
/// toggles), undo / redo / save. It lays out a PlanEditor and calls it; what the app must do
/// (fly to the selection, switch the box-select tool) comes back as requests. Its strings are
/// kept in a table of its own (中文 first), selected by scene::Language.

#include "PlanEditor.h"

#include <cunjing/scene/SceneFile.h>

#include <optional>
#include <string>
#include <vector>

namespace cunjing::viewer {

struct UiState;

/// What the panel keeps between frames; the app owns one beside the editor.
struct PlanEditorPanelState {
    bool visible = true;
    /// Whether the app's box-select tool is on (the app sets it; the panel draws the toggle).
    bool boxSelectOn = false;
    /// The last error of an editor call, in red until the next success; and the last success
    /// worth saying ("saved to ..."), in green.
    std::string lastError, lastInfo;
    /// The rule row: index into the editor's groups / typologies / roof forms, -1 = any.
    int ruleGroup = -1, ruleTypology = -1, ruleRoof = -1;
    /// A colour typed by hand for the wall and roof ("#RRGGBB").
    std::string wallHex, roofHex;
    /// The "new alternative" fields; open while newOpen.
    bool newOpen = false;
    std::string newId, newTitleZh, newTitleEn;
    bool newCopy = true;
    /// Where to save a plan that has no file yet.
    std::string savePath;
};

/// What the app does after the frame.
struct PlanEditorRequests {
    bool flyToSelection = false;
    /// Set when the box-select toggle was pressed: the tool's new state.
    std::optional<bool> boxSelect;
    bool close = false;
};

/// Draws the editor in the right column, below the info panel and above the language bar;
/// records its rectangle in `ui` so touches on it stay in the UI.
PlanEditorRequests drawPlanEditorPanel(PlanEditor& editor, PlanEditorPanelState& state,
                                       scene::Language lang, UiState& ui);

/// Every string the panel can show in both languages, and the titles of `plan` when given: the
/// UI font atlas is built from the string table (GlyphRanges.h), which does not hold these, so
/// the app adds them to it (uiTexts, or ImGuiLayer::requestGlyphs when a plan is loaded).
std::vector<std::string> planEditorTexts(const architecture::TownPlan* plan = nullptr);

/// The label of a "set" key or of one of its values in `lang` ("facade_finish" ->
/// "外墙饰面"); the key or value itself when the table has none.
const char* planKeyLabel(const std::string& key, scene::Language lang);
const char* planValueLabel(const std::string& key, const std::string& value, scene::Language lang);

}  // namespace cunjing::viewer
