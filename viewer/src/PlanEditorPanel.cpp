// The plan editor's panel (PlanEditorPanel.h). Every change goes through PlanEditor, so the
// panel holds no plan state of its own beyond what is typed and not yet applied.

#include "PlanEditorPanel.h"

#include "ImGuiText.h"
#include "PanelLayout.h"
#include "UiState.h"

#include <cunjing/heritage/ColourDifference.h>

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace cunjing::viewer {

namespace arch = architecture;
using scene::Language;

namespace {

/// A bilingual string of this panel.
struct Text {
    const char* zh;
    const char* en;
    const char* in(Language lang) const { return lang == Language::Chinese ? zh : en; }
};

constexpr Text kTitle{"规划编辑", "Plan editor"};
constexpr Text kAlternative{"方案", "Alternative"};
constexpr Text kNewAlternative{"新方案", "New alternative"};
constexpr Text kNewId{"方案编号", "Id"};
constexpr Text kNewTitleZh{"中文名称", "Title (中文)"};
constexpr Text kNewTitleEn{"英文名称", "Title (English)"};
constexpr Text kCopyCurrent{"复制当前方案", "Copy the current one"};
constexpr Text kCreate{"创建", "Create"};
constexpr Text kCancel{"取消", "Cancel"};
constexpr Text kSelection{"选择", "Selection"};
constexpr Text kNothingSelected{"未选择建筑：点击或框选建筑，或按规则选择",
                                "Nothing selected: click or box-select buildings, or use a rule"};
constexpr Text kSelectedCount{"已选 %d 栋", "%d selected"};
constexpr Text kRuleActive{"按规则：", "By rule: "};
constexpr Text kFlyTo{"飞往", "Fly to"};
constexpr Text kClear{"清除", "Clear"};
constexpr Text kBoxSelect{"框选", "Box select"};
constexpr Text kRule{"规则", "Rule"};
constexpr Text kRuleGroup{"组", "Group"};
constexpr Text kRuleTypology{"类型", "Type"};
constexpr Text kRuleRoof{"屋顶", "Roof"};
constexpr Text kAny{"任意", "any"};
constexpr Text kSelectByRule{"按规则选择", "Select by rule"};
constexpr Text kInterventions{"整治措施", "Interventions"};
constexpr Text kPaletteNote{"%s 色谱 · ΔE00 ≤ %.0f 为合规", "%s palette · ΔE00 ≤ %.0f passes"};
constexpr Text kDeltaE{"与色谱最近 ΔE00 %.1f", "ΔE00 %.1f to the nearest palette colour"};
constexpr Text kApply{"应用", "Apply"};
constexpr Text kUndo{"撤销", "Undo"};
constexpr Text kRedo{"重做", "Redo"};
constexpr Text kSave{"保存", "Save"};
constexpr Text kSavePath{"保存到（路径）", "Save to (path)"};
constexpr Text kSaved{"已保存：", "Saved: "};
constexpr Text kUnsaved{"（未保存）", " (unsaved)"};
constexpr Text kError{"错误：", "Error: "};
constexpr Text kClose{"关闭", "Close"};

struct KeyText {
    const char* key;
    Text text;
};
constexpr KeyText kKeyLabels[] = {
    {"facade_finish", {"外墙饰面", "Facade finish"}},
    {"wall_colour", {"墙面颜色", "Wall colour"}},
    {"roof", {"屋顶形式", "Roof form"}},
    {"roof_colour", {"屋面颜色", "Roof colour"}},
    {"windows", {"窗", "Windows"}},
    {"doors", {"门", "Doors"}},
    {"ac_screens", {"空调格栅", "AC screens"}},
    {"sign_band", {"统一招牌带", "Sign band"}},
    {"remove_additions", {"拆除乱搭乱建", "Remove additions"}},
    {"repaint", {"翻新粉刷", "Repaint"}},
    {"greening", {"四小园绿化", "Greening"}},
    {"bury_wires", {"三线下地", "Bury wires"}},
    {"remove", {"拆除建筑", "Demolish"}},
};

struct ValueText {
    const char* key;  ///< nullptr: any key
    const char* value;
    Text text;
};
constexpr ValueText kValueLabels[] = {
    {"facade_finish", "original", {"保持原状", "As it is"}},
    {"facade_finish", "paint", {"涂料", "Paint"}},
    {"facade_finish", "plaster", {"抹灰", "Plaster"}},
    {"facade_finish", "tile", {"面砖", "Tile"}},
    {"facade_finish", "bare-brick", {"清水砖", "Bare brick"}},
    {"roof", "pitched", {"坡屋顶（平改坡）", "Pitched (flat-to-pitched)"}},
    {"roof", "flat", {"平屋顶", "Flat"}},
    {"windows", "original", {"原窗", "As they are"}},
    {"windows", "timber-lattice", {"木格窗", "Timber lattice"}},
    {"windows", "aluminium", {"铝合金窗", "Aluminium"}},
    {"doors", "original", {"原门", "As they are"}},
    {"doors", "timber", {"木门", "Timber"}},
    {"doors", "glass", {"玻璃门", "Glass"}},
    {nullptr, "original", {"原状", "Original"}},
};

/// The panel's width in font heights: the swatch rows and the rule combos fit on a line.
constexpr float kWidthEm = 24.0f;

/// Fingers need targets of about 40 px; the font is 20 px at scale 1 (ImGuiLayer), so 2 em.
float touchHeight() {
    return std::max(ImGui::GetFrameHeight(), 2.0f * ImGui::GetFontSize());
}

bool touchButton(const char* text, bool on = false) {
    if (on)
        ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    const bool clicked = ImGui::Button(text, ImVec2(0, touchHeight()));
    if (on)
        ImGui::PopStyleColor();
    return clicked;
}

/// Keeps the outcome of an editor call for the error and info lines.
void note(PlanEditorPanelState& state, const Status& status) {
    if (status) {
        state.lastError.clear();
        // A success can still warn (a rule that selects nothing): say so, not in red.
        state.lastInfo = status.warnings().empty() ? "" : status.warnings().front().toString();
    } else {
        state.lastError = status.firstError();
    }
}

ImVec4 colourOf(const std::string& hex) {
    const auto rgb = heritage::parseSrgbHex(hex);
    if (!rgb)
        return ImVec4(0, 0, 0, 0);
    return ImVec4((*rgb)[0] / 255.0f, (*rgb)[1] / 255.0f, (*rgb)[2] / 255.0f, 1);
}

/// A rule and a dim heading (ImGui 1.86 has no SeparatorText).
void sectionHeading(const Text& text, Language lang) {
    ImGui::Separator();
    ImGui::TextColored(kDimColour, "%s", text.in(lang));
}

/// Continues a row of fixed-width items while they fit, else starts a new line.
void flowNext(float itemWidth) {
    const float right = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + itemWidth;
    if (right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
        ImGui::SameLine();
}

void drawAlternatives(PlanEditor& editor, PlanEditorPanelState& state, Language lang) {
    const arch::TownPlan& plan = editor.plan();
    const std::string& heading = lang == Language::Chinese
                                     ? (plan.titleZh.empty() ? plan.titleEn : plan.titleZh)
                                     : (plan.titleEn.empty() ? plan.titleZh : plan.titleEn);
    ImGui::TextWrapped("%s%s", heading.empty() ? plan.id.c_str() : heading.c_str(),
                       editor.dirty() ? kUnsaved.in(lang) : "");
    const auto titleOf = [&](const arch::PlanAlternative& a) {
        const std::string& t = lang == Language::Chinese
                                   ? (a.titleZh.empty() ? a.titleEn : a.titleZh)
                                   : (a.titleEn.empty() ? a.titleZh : a.titleEn);
        return t.empty() ? a.id : t + "  (" + a.id + ")";
    };
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(kAlternative.in(lang));
    ImGui::SameLine();
    const float plus = touchHeight();
    ImGui::SetNextItemWidth(-(plus + ImGui::GetStyle().ItemSpacing.x));
    if (ImGui::BeginCombo("##alternative", titleOf(editor.alternative()).c_str())) {
        for (const arch::PlanAlternative& a : plan.alternatives) {
            if (ImGui::Selectable(titleOf(a).c_str(), a.id == editor.alternativeId()))
                note(state, editor.setAlternative(a.id));
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    if (state.newOpen)
        ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button("+", ImVec2(plus, plus)))
        state.newOpen = !state.newOpen;
    if (state.newOpen)
        ImGui::PopStyleColor();
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", kNewAlternative.in(lang));
    if (!state.newOpen)
        return;
    ImGui::TextColored(kDimColour, "%s", kNewAlternative.in(lang));
    ImGui::SetNextItemWidth(-FLT_MIN);
    inputWithHint("##new-id", kNewId.in(lang), state.newId);
    ImGui::SetNextItemWidth(-FLT_MIN);
    inputWithHint("##new-zh", kNewTitleZh.in(lang), state.newTitleZh);
    ImGui::SetNextItemWidth(-FLT_MIN);
    inputWithHint("##new-en", kNewTitleEn.in(lang), state.newTitleEn);
    ImGui::Checkbox(kCopyCurrent.in(lang), &state.newCopy);
    if (touchButton(kCreate.in(lang))) {
        const Status made =
            editor.newAlternative(state.newId, state.newTitleZh, state.newTitleEn,
                                  state.newCopy ? editor.alternativeId() : std::string());
        note(state, made);
        if (made) {
            state.newOpen = false;
            state.newId.clear();
            state.newTitleZh.clear();
            state.newTitleEn.clear();
        }
    }
    ImGui::SameLine();
    if (touchButton(kCancel.in(lang)))
        state.newOpen = false;
}

/// A combo over `values` with "any" first; `index` -1 is any, shown as the combo's title so
/// three of them fit on one row.
void ruleCombo(const char* id, const Text& title, const std::vector<std::string>& values,
               int& index, float width, Language lang) {
    if (index >= int(values.size()))
        index = -1;
    ImGui::SetNextItemWidth(width);
    const std::string shown =
        index < 0 ? std::string(title.in(lang)) + ": " + kAny.in(lang) : values[std::size_t(index)];
    if (ImGui::BeginCombo(id, shown.c_str())) {
        if (ImGui::Selectable(kAny.in(lang), index < 0))
            index = -1;
        for (int i = 0; i < int(values.size()); ++i) {
            if (ImGui::Selectable(values[std::size_t(i)].c_str(), index == i))
                index = i;
        }
        ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", title.in(lang));
}

std::string describeRule(const arch::PlanSelection& rule) {
    std::string out;
    const auto add = [&](const char* key, const std::vector<std::string>& values) {
        if (values.empty())
            return;
        out += (out.empty() ? "" : " ") + std::string(key) + "=";
        for (std::size_t i = 0; i < values.size(); ++i)
            out += (i ? "," : "") + values[i];
    };
    add("group", rule.groups);
    add("style", rule.styles);
    add("typology", rule.typologies);
    add("roof", rule.roofs);
    add("zone", rule.zones);
    add("id", rule.ids);
    if (!rule.within.empty())
        out += (out.empty() ? "" : " ") + std::string("within=polygon");
    return out;
}

void drawSelection(PlanEditor& editor, PlanEditorPanelState& state, Language lang,
                   PlanEditorRequests& requests) {
    sectionHeading(kSelection, lang);
    const std::vector<std::string>& selected = editor.selection();
    if (selected.empty() && !editor.rule()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(kDimColour, "%s", kNothingSelected.in(lang));
        ImGui::PopTextWrapPos();
    } else {
        ImGui::Text(kSelectedCount.in(lang), int(selected.size()));
        if (editor.rule())
            ImGui::TextWrapped("%s%s", kRuleActive.in(lang), describeRule(*editor.rule()).c_str());
        // A short scrolling list: a rule over a whole street selects dozens.
        const float rows = float(std::min<std::size_t>(selected.size(), 4));
        if (rows > 0 && ImGui::BeginChild("##selected",
                                          ImVec2(0, rows * ImGui::GetTextLineHeightWithSpacing() +
                                                        2 * ImGui::GetStyle().WindowPadding.y),
                                          true)) {
            for (const std::string& id : selected)
                ImGui::TextUnformatted(id.c_str());
        }
        if (rows > 0)
            ImGui::EndChild();
    }
    ImGui::BeginDisabled(selected.empty());
    if (touchButton(kFlyTo.in(lang)))
        requests.flyToSelection = true;
    ImGui::SameLine();
    if (touchButton(kClear.in(lang)))
        editor.clear();
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (touchButton(kBoxSelect.in(lang), state.boxSelectOn))
        requests.boxSelect = !state.boxSelectOn;

    const std::vector<std::string> groups = editor.groups(), typologies = editor.typologies(),
                                   roofs = editor.roofForms();
    ImGui::TextColored(kDimColour, "%s", kRule.in(lang));
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float third = (ImGui::GetContentRegionAvail().x - 2 * spacing) / 3;
    ruleCombo("##rule-group", kRuleGroup, groups, state.ruleGroup, third, lang);
    ImGui::SameLine();
    ruleCombo("##rule-typology", kRuleTypology, typologies, state.ruleTypology, third, lang);
    ImGui::SameLine();
    ruleCombo("##rule-roof", kRuleRoof, roofs, state.ruleRoof, third, lang);
    arch::PlanSelection rule;
    if (state.ruleGroup >= 0)
        rule.groups = {groups[std::size_t(state.ruleGroup)]};
    if (state.ruleTypology >= 0)
        rule.typologies = {typologies[std::size_t(state.ruleTypology)]};
    if (state.ruleRoof >= 0)
        rule.roofs = {roofs[std::size_t(state.ruleRoof)]};
    ImGui::BeginDisabled(rule.empty());
    if (touchButton(kSelectByRule.in(lang)))
        note(state, editor.selectByRule(rule));
    ImGui::EndDisabled();
}

/// Swatches of the palette for a colour key, the current one outlined, and a hex field with
/// the distance to the palette (the facade.palette rule fires past maxDeltaE00).
void drawColourKey(PlanEditor& editor, PlanEditorPanelState& state, const std::string& key,
                   const std::vector<std::string>& swatches, double maxDeltaE00, std::string& typed,
                   Language lang) {
    ImGui::TextUnformatted(planKeyLabel(key, lang));
    const std::optional<std::string> current = editor.effectiveValue(key);
    const float size = touchHeight();
    for (std::size_t i = 0; i < swatches.size(); ++i) {
        if (i > 0)
            flowNext(size);
        ImGui::PushID(int(i));
        if (ImGui::ColorButton(swatches[i].c_str(), colourOf(swatches[i]), 0, ImVec2(size, size)))
            note(state, editor.apply({key, swatches[i]}));
        if (current && *current == swatches[i])
            ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(),
                                                IM_COL32(255, 255, 255, 255), 0, 0, 3);
        ImGui::PopID();
    }
    const std::string applyText = kApply.in(lang);
    const float applyWidth =
        ImGui::CalcTextSize(applyText.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x;
    ImGui::PushID(key.c_str());
    ImGui::SetNextItemWidth(-(applyWidth + ImGui::GetStyle().ItemSpacing.x));
    inputWithHint("##hex", "#RRGGBB", typed);
    ImGui::SameLine();
    if (touchButton(applyText.c_str()))
        note(state, editor.apply({key, typed}));
    ImGui::PopID();
    if (const auto d = nearestDeltaE00(typed, swatches)) {
        char text[96];
        std::snprintf(text, sizeof text, kDeltaE.in(lang), *d);
        ImGui::TextColored(*d <= maxDeltaE00 ? kOkColour : kErrorColour, "%s", text);
    }
}

void drawChoiceKey(PlanEditor& editor, PlanEditorPanelState& state, const PlanKeyInfo& info,
                   Language lang) {
    if (info.values.empty())
        return;
    const std::optional<std::string> current = editor.effectiveValue(info.key);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(planKeyLabel(info.key, lang));
    ImGui::SameLine(7 * ImGui::GetFontSize());
    ImGui::SetNextItemWidth(-FLT_MIN);
    const std::string combo = "##" + info.key;
    if (ImGui::BeginCombo(combo.c_str(),
                          current ? planValueLabel(info.key, *current, lang) : "—")) {
        for (const std::string& value : info.values) {
            if (ImGui::Selectable(planValueLabel(info.key, value, lang), current == value))
                note(state, editor.apply({info.key, value}));
        }
        ImGui::EndCombo();
    }
}

void drawInterventions(PlanEditor& editor, PlanEditorPanelState& state, Language lang) {
    sectionHeading(kInterventions, lang);
    ImGui::BeginDisabled(editor.selection().empty() && !editor.rule());
    const PlanPalette palette = editor.palette();
    char note_[128];
    std::snprintf(note_, sizeof note_, kPaletteNote.in(lang), palette.style.c_str(),
                  palette.maxDeltaE00);
    ImGui::TextColored(kDimColour, "%s", note_);
    for (const PlanKeyInfo& info : planKeyInfos()) {
        if (info.kind == PlanKeyKind::Colour) {
            const bool roof = info.key.find("roof") != std::string::npos;
            drawColourKey(editor, state, info.key, roof ? palette.roof : palette.wall,
                          palette.maxDeltaE00, roof ? state.roofHex : state.wallHex, lang);
        } else if (info.kind == PlanKeyKind::Choice) {
            drawChoiceKey(editor, state, info, lang);
        }
    }
    // Toggles as checkboxes two a row, then the one-way actions as buttons.
    int column = 0;
    for (const PlanKeyInfo& info : planKeyInfos()) {
        if (info.kind != PlanKeyKind::Toggle)
            continue;
        if (column++ % 2 == 1)
            ImGui::SameLine(ImGui::GetContentRegionAvail().x * 0.5f +
                            ImGui::GetStyle().WindowPadding.x);
        bool on = editor.effectiveValue(info.key) == "true";
        if (ImGui::Checkbox(planKeyLabel(info.key, lang), &on))
            note(state, editor.apply({info.key, on ? "true" : "false"}));
    }
    bool first = true;
    for (const PlanKeyInfo& info : planKeyInfos()) {
        if (info.kind != PlanKeyKind::Action)
            continue;
        const char* text = planKeyLabel(info.key, lang);
        if (!first)
            flowNext(ImGui::CalcTextSize(text).x + 2 * ImGui::GetStyle().FramePadding.x);
        first = false;
        if (touchButton(text, editor.effectiveValue(info.key) == "true"))
            note(state, editor.apply({info.key, "true"}));
    }
    ImGui::EndDisabled();
}

void drawHistory(PlanEditor& editor, PlanEditorPanelState& state, Language lang,
                 PlanEditorRequests& requests) {
    ImGui::Separator();
    ImGui::BeginDisabled(!editor.canUndo());
    if (touchButton(kUndo.in(lang)))
        editor.undo();
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!editor.canRedo());
    if (touchButton(kRedo.in(lang)))
        editor.redo();
    ImGui::EndDisabled();
    ImGui::SameLine();
    const std::string save = std::string(kSave.in(lang)) + (editor.dirty() ? " *" : "");
    const bool needsPath = editor.plan().file.empty();
    ImGui::BeginDisabled(needsPath && state.savePath.empty());
    if (touchButton(save.c_str())) {
        const Status saved = editor.save(needsPath ? state.savePath : std::string());
        note(state, saved);
        if (saved)
            state.lastInfo = std::string(kSaved.in(lang)) + editor.plan().file;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (touchButton(kClose.in(lang)))
        requests.close = true;
    if (needsPath)
        inputWithHint("##save-path", kSavePath.in(lang), state.savePath);
    if (!state.lastError.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kErrorColour);
        ImGui::TextWrapped("%s%s", kError.in(lang), state.lastError.c_str());
        ImGui::PopStyleColor();
    } else if (!state.lastInfo.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kOkColour);
        ImGui::TextWrapped("%s", state.lastInfo.c_str());
        ImGui::PopStyleColor();
    }
}

}  // namespace

std::vector<std::string> planEditorTexts(const arch::TownPlan* plan) {
    std::vector<std::string> out;
    if (plan != nullptr) {
        out.push_back(plan->titleZh);
        for (const arch::PlanAlternative& a : plan->alternatives)
            out.push_back(a.titleZh);
    }
    for (const Text& t : {kTitle,
                          kAlternative,
                          kNewAlternative,
                          kNewId,
                          kNewTitleZh,
                          kNewTitleEn,
                          kCopyCurrent,
                          kCreate,
                          kCancel,
                          kSelection,
                          kNothingSelected,
                          kSelectedCount,
                          kRuleActive,
                          kFlyTo,
                          kClear,
                          kBoxSelect,
                          kRule,
                          kRuleGroup,
                          kRuleTypology,
                          kRuleRoof,
                          kAny,
                          kSelectByRule,
                          kInterventions,
                          kPaletteNote,
                          kDeltaE,
                          kApply,
                          kUndo,
                          kRedo,
                          kSave,
                          kSavePath,
                          kSaved,
                          kUnsaved,
                          kError,
                          kClose}) {
        out.push_back(t.zh);
        out.push_back(t.en);
    }
    for (const KeyText& k : kKeyLabels) {
        out.push_back(k.text.zh);
        out.push_back(k.text.en);
    }
    for (const ValueText& v : kValueLabels) {
        out.push_back(v.text.zh);
        out.push_back(v.text.en);
    }
    return out;
}

const char* planKeyLabel(const std::string& key, Language lang) {
    for (const KeyText& k : kKeyLabels) {
        if (key == k.key)
            return k.text.in(lang);
    }
    return key.c_str();
}

const char* planValueLabel(const std::string& key, const std::string& value, Language lang) {
    for (const ValueText& v : kValueLabels) {
        if ((v.key == nullptr || key == v.key) && value == v.value)
            return v.text.in(lang);
    }
    return value.c_str();
}

PlanEditorRequests drawPlanEditorPanel(PlanEditor& editor, PlanEditorPanelState& state,
                                       Language lang, UiState& ui) {
    PlanEditorRequests requests;
    if (!state.visible)
        return requests;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float em = ImGui::GetFontSize(), margin = panelMargin();
    // The right column under the info panel, as the info card; the language bar stays free.
    const float top = std::max(ui.infoBottom, vp->WorkPos.y) + margin;
    const float width = std::min(kWidthEm * em, vp->WorkSize.x * 0.4f);
    const float height = std::max(vp->WorkPos.y + vp->WorkSize.y - top - 3.5f * em, 10 * em);
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - margin, top), ImGuiCond_Always,
                            ImVec2(1, 0));
    ImGui::SetNextWindowSize(ImVec2(width, height), ImGuiCond_Always);
    const std::string title = std::string(kTitle.in(lang)) + "###plan-editor";
    // Taller frames make every combo, field and checkbox a finger's target, not only buttons.
    const ImVec2 pad = ImGui::GetStyle().FramePadding;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                        ImVec2(pad.x, std::max(pad.y, 0.5f * (2.0f * em - em))));
    if (ImGui::Begin(title.c_str(), nullptr, kPanelFlags & ~ImGuiWindowFlags_AlwaysAutoResize)) {
        // Undo, save and the last error stay at the top, in reach without scrolling.
        drawAlternatives(editor, state, lang);
        drawHistory(editor, state, lang, requests);
        drawSelection(editor, state, lang, requests);
        drawInterventions(editor, state, lang);
    }
    recordRect(ui);
    ImGui::End();
    ImGui::PopStyleVar();
    return requests;
}

}  // namespace cunjing::viewer
