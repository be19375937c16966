// The tour editor's panel (TourEditorPanel.h). Every change goes through TourEditor; the panel
// holds only what is being typed.

#include "TourEditorPanel.h"

#include "PanelLayout.h"
#include "UiState.h"

#include <cunjing/viewer/Strings.h>

#include <imgui.h>

#include <algorithm>
#include <cstring>

namespace cunjing::viewer {

namespace {

/// Touch targets: buttons two and a half lines high (K's kiosk scale makes that >= 15 mm).
float buttonHeight() {
    return 2.5f * ImGui::GetFontSize();
}

bool bigButton(const char* text, float width = 0) {
    return ImGui::Button(text, ImVec2(width, buttonHeight()));
}

/// Remembers the outcome of an editor call for the panel's status line.
void note(TourEditorPanelState& state, const Status& s) {
    state.lastError = s ? "" : s.errors().front().message;
    if (!s)
        state.lastInfo.clear();
}

void fill(std::array<char, 512>& field, const std::string& text) {
    const std::size_t n = std::min(text.size(), field.size() - 1);
    std::memcpy(field.data(), text.data(), n);
    field[n] = '\0';
}

void refill(const TourEditor& editor, TourEditorPanelState& state) {
    if (state.filledAt == editor.revision())
        return;
    state.filledAt = editor.revision();
    const int i = editor.selected();
    const scene::TourStep* step = i >= 0 ? &editor.steps()[std::size_t(i)] : nullptr;
    fill(state.captionZh, step ? step->caption.zh : std::string());
    fill(state.captionEn, step ? step->caption.en : std::string());
    state.seconds = step ? step->seconds : 6;
}

void drawStepList(TourEditor& editor, TourEditorPanelState& state, Language lang) {
    const float listHeight = std::min(8.0f, float(editor.steps().size()) + 0.5f) * buttonHeight();
    if (editor.steps().empty()) {
        ImGui::TextWrapped("%s", tr(StringId::TourNoSteps, lang));
        return;
    }
    ImGui::BeginChild("steps", ImVec2(0, listHeight), true);
    for (int i = 0; i < int(editor.steps().size()); ++i) {
        ImGui::PushID(i);
        const std::string text =
            std::to_string(i + 1) + ".  " + tourStepSummary(editor.steps()[std::size_t(i)], lang);
        if (ImGui::Selectable(text.c_str(), editor.selected() == i, 0,
                              ImVec2(0, buttonHeight() * 0.8f)))
            note(state, editor.select(i));
        ImGui::PopID();
    }
    ImGui::EndChild();
}

void drawStepFields(TourEditor& editor, TourEditorPanelState& state, Language lang) {
    if (editor.selected() < 0)
        return;
    ImGui::TextUnformatted(tr(StringId::TourSecondsLabel, lang));
    ImGui::SetNextItemWidth(-1);
    // Steps of one second from the +/- buttons, finer when typed.
    if (ImGui::InputDouble("##seconds", &state.seconds, 1.0, 5.0, "%.1f"))
        note(state, editor.setSeconds(state.seconds));
    ImGui::TextUnformatted(tr(StringId::TourCaptionZh, lang));
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputText("##zh", state.captionZh.data(), state.captionZh.size()))
        note(state, editor.setCaption(Language::Chinese, state.captionZh.data()));
    ImGui::TextUnformatted(tr(StringId::TourCaptionEn, lang));
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputText("##en", state.captionEn.data(), state.captionEn.size()))
        note(state, editor.setCaption(Language::English, state.captionEn.data()));
    // Typing changes the revision; the fields already hold what was typed.
    state.filledAt = editor.revision();
}

void drawActions(TourEditor& editor, TourEditorPanelState& state, Language lang,
                 TourEditorRequests& requests) {
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
    if (bigButton(tr(StringId::TourAddView, lang), -1))
        note(state, editor.addCurrentView());
    if (editor.selected() >= 0) {
        if (bigButton(tr(StringId::TourMoveUp, lang), half))
            note(state, editor.move(-1));
        ImGui::SameLine();
        if (bigButton(tr(StringId::TourMoveDown, lang), half))
            note(state, editor.move(1));
        if (bigButton(tr(StringId::TourPreview, lang), half))
            note(state, editor.preview());
        ImGui::SameLine();
        if (bigButton(tr(StringId::TourDelete, lang), half))
            note(state, editor.removeSelected());
    }
    ImGui::Separator();
    if (bigButton(tr(StringId::TourSave, lang), -1)) {
        const Status saved = editor.save();
        note(state, saved);
        if (saved)
            state.lastInfo =
                std::string(tr(StringId::TourSaved, lang)) + editor.sceneFile().filename().string();
    }
    if (bigButton(tr(StringId::TourClose, lang), -1))
        requests.close = true;
}

}  // namespace

TourEditorRequests drawTourEditorPanel(TourEditor& editor, TourEditorPanelState& state,
                                       Language lang, UiState& ui) {
    TourEditorRequests requests;
    const ImGuiWindowFlags flags = placeLeftColumnPanel(ui, 24);
    if (ImGui::Begin(label(StringId::TourEditorTitle, lang, "tour_editor").c_str(), nullptr,
                     flags)) {
        refill(editor, state);
        drawStepList(editor, state, lang);
        drawStepFields(editor, state, lang);
        drawActions(editor, state, lang, requests);
        if (!state.lastError.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 0.55f, 0.45f, 1));
            ImGui::TextWrapped("%s%s", tr(StringId::TourErrorLabel, lang), state.lastError.c_str());
            ImGui::PopStyleColor();
        } else if (editor.dirty()) {
            ImGui::TextUnformatted(tr(StringId::TourUnsaved, lang));
        } else if (!state.lastInfo.empty()) {
            ImGui::TextColored(ImVec4(0.7f, 1, 0.7f, 1), "%s", state.lastInfo.c_str());
        }
    }
    recordRect(ui);
    ImGui::End();
    return requests;
}

}  // namespace cunjing::viewer
