#include "PlanPanels.h"

#include "ImGuiText.h"
#include "PanelLayout.h"

#include <cunjing/viewer/Strings.h>

#include <imgui.h>

#include <string>
#include <utility>

namespace cunjing::viewer {

namespace {

using enum StringId;

struct KeyWord {
    const char* key;
    StringId id;
};

constexpr KeyWord kActionWords[] = {
    {"facade_finish", ActionFacadeFinish},
    {"wall_colour", ActionWallColour},
    {"roof_colour", ActionRoofColour},
    {"windows", ActionWindows},
    {"doors", ActionDoors},
    {"ac_screens", ActionAcScreens},
    {"sign_band", ActionSignBand},
    {"remove_additions", ActionRemoveAdditions},
    {"repaint", ActionRepaint},
    {"greening", ActionGreening},
    {"bury_wires", ActionBuryWires},
    {"remove", ActionRemove},
    {"add", ActionAdd},
};

constexpr KeyWord kValueWords[] = {
    {"original", ValueOriginal},    {"paint", ValuePaint},
    {"plaster", ValuePlaster},      {"tile", ValueTile},
    {"bare-brick", ValueBareBrick}, {"timber-lattice", ValueTimberLattice},
    {"aluminium", ValueAluminium},  {"timber", ValueTimber},
    {"glass", ValueGlass},
};

template <std::size_t N>
const StringId* find(const KeyWord (&words)[N], const std::string& key) {
    for (const KeyWord& w : words) {
        if (key == w.key)
            return &w.id;
    }
    return nullptr;
}

const ImVec4 kWarningColour(1.0f, 0.85f, 0.35f, 1);
const ImU32 kDividerColour = IM_COL32(255, 255, 255, 235);
const ImU32 kDividerShadow = IM_COL32(20, 20, 20, 160);

constexpr std::pair<PlanViewMode, StringId> kModeButtons[] = {
    {PlanViewMode::Before, ViewBefore}, {PlanViewMode::After, ViewAfter},
    {PlanViewMode::Swipe, ViewSwipe},   {PlanViewMode::Split, ViewSplit},
    {PlanViewMode::Ghost, ViewGhost},
};

/// A label in a dark rounded box centred on (x, y): readable over sky and walls alike.
void boxedLabel(ImDrawList& list, float x, float y, const std::string& text) {
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const float pad = 0.4f * ImGui::GetFontSize();
    const ImVec2 min(x - size.x / 2 - pad, y - size.y / 2 - pad / 2);
    const ImVec2 max(x + size.x / 2 + pad, y + size.y / 2 + pad / 2);
    list.AddRectFilled(min, max, IM_COL32(25, 30, 35, 200), pad);
    list.AddText(ImVec2(min.x + pad, min.y + pad / 2), IM_COL32(255, 255, 255, 255), text.c_str());
}

const char* kindWord(ChangeEntry::Kind kind, Language lang) {
    switch (kind) {
        case ChangeEntry::Kind::Added:
            return tr(ChangeAdded, lang);
        case ChangeEntry::Kind::Removed:
            return tr(ChangeRemoved, lang);
        case ChangeEntry::Kind::Modified:
            break;
    }
    return tr(ChangeModified, lang);
}

}  // namespace

std::string actionText(const std::string& key, const std::string& value, Language lang) {
    if (key == "roof")
        return tr(value == "pitched" ? ActionRoofPitched : ActionRoofFlat, lang);
    const StringId* word = find(kActionWords, key);
    std::string text = word ? tr(*word, lang) : key;
    if (value == "true" || value.empty())
        return text;
    text += lang == Language::Chinese ? "：" : ": ";
    if (value == "false")
        return text + tr(ActionOff, lang);
    const StringId* valueWord = find(kValueWords, value);
    return text + (valueWord ? tr(*valueWord, lang) : value);
}

std::string alternativeTitle(const CompareState& plan, int index, Language lang) {
    if (index < 0 || index >= int(plan.alternatives.size()))
        return tr(PlanExisting, lang);
    const PlanAlternativeEntry& a = plan.alternatives[std::size_t(index)];
    const std::string& title = lang == Language::Chinese ? a.titleZh : a.titleEn;
    return title.empty() ? a.id : title;
}

void PlanBarPanel::draw(UiState& state) {
    CompareState& plan = state.plan;
    if (!plan.active)
        return;
    const Language lang = state.language;
    // Bottom left, where the help sits without a plan: the right column is the lists'.
    pinNextWindow(0.0f, 1.0f);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(vp->WorkSize.x * 0.55f, FLT_MAX));
    if (ImGui::Begin("###plan-bar", nullptr, kOverlayFlags)) {
        const std::string& title = lang == Language::Chinese ? plan.titleZh : plan.titleEn;
        ImGui::TextUnformatted((title.empty() ? plan.planId : title).c_str());
        if (plan.rulesChecked) {
            ImGui::SameLine();
            ImGui::TextColored(plan.ruleErrors ? kErrorColour : kOkColour, "  %s%d%s",
                               tr(RuleCounts, lang), plan.ruleErrors, tr(RuleErrorsWord, lang));
            ImGui::SameLine(0, 0);
            ImGui::TextColored(plan.ruleWarnings ? kWarningColour : kDimColour, "%d%s",
                               plan.ruleWarnings, tr(RuleWarningsWord, lang));
        }
        for (const std::string& error : plan.errors) {
            ImGui::PushTextWrapPos(vp->WorkSize.x * 0.53f);
            ImGui::TextColored(kErrorColour, "%s%s", tr(PlanFailed, lang), error.c_str());
            ImGui::PopTextWrapPos();
        }
        // The plan's warnings (a selection rule that selects nothing): worth a look, not fatal.
        for (const std::string& warning : plan.warnings) {
            ImGui::PushTextWrapPos(vp->WorkSize.x * 0.53f);
            ImGui::TextColored(kWarningColour, "%s: %s", tr(PlanWarningsLabel, lang),
                               warning.c_str());
            ImGui::PopTextWrapPos();
        }
        drawChoices(plan, lang);
        drawModes(plan, lang);
    }
    recordRect(state);
    ImGui::End();
}

void PlanBarPanel::drawChoices(CompareState& plan, Language lang) {
    if (plan.alternatives.empty())
        return;
    const float width = 14 * ImGui::GetFontSize();
    ImGui::SetNextItemWidth(width);
    const std::string current = alternativeTitle(plan, plan.alternative, lang);
    if (ImGui::BeginCombo(tr(PlanAlternative, lang), current.c_str())) {
        for (int i = 0; i < int(plan.alternatives.size()); ++i) {
            if (ImGui::Selectable(alternativeTitle(plan, i, lang).c_str(), i == plan.alternative))
                plan.requestedAlternative = i;
        }
        ImGui::EndCombo();
    }
    ImGui::SetNextItemWidth(width);
    const std::string other = alternativeTitle(plan, plan.compareWith, lang);
    if (ImGui::BeginCombo(tr(PlanCompareWith, lang), other.c_str())) {
        for (int i = -1; i < int(plan.alternatives.size()); ++i) {
            if (i == plan.alternative)
                continue;
            if (ImGui::Selectable(alternativeTitle(plan, i, lang).c_str(), i == plan.compareWith))
                plan.requestedCompareWith = i;
        }
        ImGui::EndCombo();
    }
}

void PlanBarPanel::drawModes(CompareState& plan, Language lang) {
    for (const auto& [mode, text] : kModeButtons) {
        if (mode != PlanViewMode::Before)
            ImGui::SameLine();
        else if (plan.alternatives.empty())
            ImGui::NewLine();
        if (toggleButton(tr(text, lang), plan.mode == mode))
            plan.requestedMode = mode;
    }
    ImGui::SameLine();
    ImGui::TextColored(kDimColour, "%s", tr(ToggleHint, lang));
    if (plan.mode == PlanViewMode::Ghost) {
        ImGui::SetNextItemWidth(12 * ImGui::GetFontSize());
        if (ImGui::SliderFloat(tr(GhostOpacity, lang), &plan.ghost, 0.0f, 1.0f, "%.2f"))
            plan.ghostChanged = true;
    }
    if (toggleButton(tr(ChangesTab, lang), plan.showChanges)) {
        plan.showChanges = !plan.showChanges;
        plan.showRules = false;
    }
    ImGui::SameLine();
    if (toggleButton(tr(RulesTab, lang), plan.showRules)) {
        plan.showRules = !plan.showRules;
        plan.showChanges = false;
    }
    if (plan.editorAvailable) {
        ImGui::SameLine();
        if (toggleButton(tr(PlanEdit, lang), plan.editorOpen))
            plan.requestedEditorToggle = true;
    }
}

void PlanListPanel::draw(UiState& state) {
    CompareState& plan = state.plan;
    if (!plan.active || plan.editorOpen || (!plan.showChanges && !plan.showRules))
        return;
    const Language lang = state.language;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float em = ImGui::GetFontSize(), margin = panelMargin();
    const float top = std::max(state.infoBottom, vp->WorkPos.y) + margin;
    const float width = std::min(24 * em, vp->WorkSize.x * 0.4f);
    // Down to just above the language bar (one row of buttons) in the bottom right corner.
    const float height = std::max(vp->WorkPos.y + vp->WorkSize.y - top - 3.4f * em, 6 * em);
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - margin - width, top),
                            ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(width, height), ImGuiCond_Always);
    const StringId title = plan.showChanges ? ChangesTab : RulesTab;
    if (ImGui::Begin(label(title, lang, "plan-list").c_str(), nullptr,
                     kPanelFlags & ~ImGuiWindowFlags_AlwaysAutoResize)) {
        if (plan.showChanges)
            drawChanges(plan, lang);
        else
            drawRules(plan, lang);
    }
    recordRect(state);
    ImGui::End();
}

void PlanListPanel::drawChanges(CompareState& plan, Language lang) {
    if (plan.changes.empty()) {
        ImGui::TextColored(kDimColour, "%s", tr(NoChanges, lang));
        return;
    }
    for (int i = 0; i < int(plan.changes.size()); ++i) {
        const ChangeEntry& c = plan.changes[std::size_t(i)];
        ImGui::PushID(i);
        std::string head = c.buildingId + "  " + kindWord(c.kind, lang);
        if (!c.name.empty() || !c.typology.empty())
            head += "  (" + (c.name.empty() ? c.typology : c.name + ", " + c.typology) + ")";
        if (ImGui::Selectable(head.c_str(), plan.pickedChange == i))
            plan.requestedChange = i;
        ImGui::Indent();
        ImGui::PushTextWrapPos(0);
        std::string list;
        for (const auto& [key, value] : c.actions)
            list += (list.empty()                ? ""
                     : lang == Language::Chinese ? "，"
                                                 : ", ") +
                    actionText(key, value, lang);
        ImGui::TextColored(kDimColour, "%s", list.c_str());
        ImGui::PopTextWrapPos();
        ImGui::Unindent();
        ImGui::PopID();
    }
}

void PlanListPanel::drawRules(CompareState& plan, Language lang) {
    if (!plan.rulesProblem.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(kErrorColour, "%s%s", tr(RulesNotChecked, lang),
                           plan.rulesProblem.c_str());
        ImGui::PopTextWrapPos();
        return;
    }
    if (plan.rules.empty()) {
        ImGui::TextColored(kOkColour, "%s", tr(RulesAllPass, lang));
        return;
    }
    for (int i = 0; i < int(plan.rules.size()); ++i) {
        const RuleEntry& r = plan.rules[std::size_t(i)];
        ImGui::PushID(i);
        ImGui::TextColored(r.error ? kErrorColour : kWarningColour, "%s",
                           tr(r.error ? RuleError : RuleWarning, lang));
        ImGui::SameLine();
        const std::string head =
            (lang == Language::Chinese && !r.titleZh.empty() ? r.titleZh : r.rule) + "  " +
            r.buildingId;
        if (ImGui::Selectable(head.c_str(), plan.pickedRule == i))
            plan.requestedRule = i;
        ImGui::Indent();
        ImGui::PushTextWrapPos(0);
        // Where it is, in the scene's local metres: the list item flies there.
        ImGui::TextColored(kDimColour, "%s  (%.0f, %.0f m)", r.message.c_str(), r.x, r.y);
        ImGui::PopTextWrapPos();
        ImGui::Unindent();
        ImGui::PopID();
    }
}

void CompareOverlay::draw(UiState& state) {
    const CompareState& plan = state.plan;
    if (!plan.active || !plan.errors.empty())
        return;
    const Language lang = state.language;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImDrawList& list = *ImGui::GetBackgroundDrawList();
    const float w = vp->Size.x, h = vp->Size.y, em = ImGui::GetFontSize();
    // Chinese titles already say 方案 ("方案一：..."); English ones get "Proposed: ".
    const auto proposed = [&](int index) {
        const std::string title = alternativeTitle(plan, index, lang);
        return lang == Language::Chinese ? title : tr(PlanProposed, lang) + title;
    };
    const std::string left =
        plan.compareWith < 0 ? std::string(tr(PlanExisting, lang)) : proposed(plan.compareWith);
    const std::string right = proposed(plan.alternative);
    if (plan.mode == PlanViewMode::Swipe) {
        const float x = vp->Pos.x + plan.divider * w;
        list.AddLine(ImVec2(x + 1, vp->Pos.y), ImVec2(x + 1, vp->Pos.y + h), kDividerShadow, 3);
        list.AddLine(ImVec2(x, vp->Pos.y), ImVec2(x, vp->Pos.y + h), kDividerColour, 2);
        const ImVec2 handle(x, vp->Pos.y + h / 2);
        list.AddCircleFilled(handle, kDividerHandleRadius, kDividerColour);
        list.AddCircle(handle, kDividerHandleRadius, kDividerShadow, 0, 2);
        // Arrows on the handle say it moves sideways.
        const float a = kDividerHandleRadius * 0.5f;
        list.AddTriangleFilled(ImVec2(handle.x - 2 * a + 2, handle.y),
                               ImVec2(handle.x - a + 1, handle.y - a),
                               ImVec2(handle.x - a + 1, handle.y + a), kDividerShadow);
        list.AddTriangleFilled(ImVec2(handle.x + 2 * a - 2, handle.y),
                               ImVec2(handle.x + a - 1, handle.y - a),
                               ImVec2(handle.x + a - 1, handle.y + a), kDividerShadow);
        // Each label in the middle of its side, as long as that side is wide enough for it.
        if (plan.divider * w > 4 * em)
            boxedLabel(list, vp->Pos.x + plan.divider * w / 2, vp->Pos.y + h * 0.5f, left);
        if ((1 - plan.divider) * w > 4 * em)
            boxedLabel(list, (x + vp->Pos.x + w) / 2, vp->Pos.y + h * 0.5f, right);
    } else if (plan.mode == PlanViewMode::Split) {
        const float mid = vp->Pos.x + std::floor(w / 2);
        list.AddLine(ImVec2(mid, vp->Pos.y), ImVec2(mid, vp->Pos.y + h), kDividerShadow, 2);
        boxedLabel(list, vp->Pos.x + w * 0.25f, vp->Pos.y + h * 0.5f, left);
        boxedLabel(list, vp->Pos.x + w * 0.75f, vp->Pos.y + h * 0.5f, right);
    }
}

}  // namespace cunjing::viewer
