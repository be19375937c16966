#include "KioskPanels.h"

#include "PanelLayout.h"

#include <cunjing/viewer/Strings.h>

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace cunjing::viewer {

namespace {

/// The keypad and the admin menu serve staff whatever language the visitors left on screen:
/// both languages, Chinese first.
std::string bilingual(StringId id, const char* separator = "\n") {
    return std::string(tr(id, Language::Chinese)) + separator + tr(id, Language::English);
}

/// A button at least the touch target in both directions, wider when its text needs it.
ImVec2 targetSize(const UiState& state, const char* text, float minWidth = 0) {
    const float target = state.kioskUi.metrics.targetPixels;
    const float textWidth = ImGui::CalcTextSize(text).x + 2 * ImGui::GetStyle().FramePadding.x;
    return {std::max({target, textWidth, minWidth}), target};
}

bool bigButton(const UiState& state, const char* text, bool on = false, float minWidth = 0) {
    if (on)
        ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    const bool clicked = ImGui::Button(text, targetSize(state, text, minWidth));
    if (on)
        ImGui::PopStyleColor();
    return clicked;
}

/// A button exactly at `r` (window pixels), for the keypad's computed layout.
bool buttonAt(const UiRect& r, const char* text) {
    ImGui::SetCursorScreenPos(ImVec2(r.x, r.y));
    return ImGui::Button(text, ImVec2(r.width, r.height));
}

/// Lines of text centred in `r`, in `colour`.
void centredText(const UiRect& r, const std::string& text, const ImVec4& colour) {
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    ImGui::SetCursorScreenPos(
        ImVec2(r.x + std::max(0.0f, (r.width - size.x) / 2), r.y + (r.height - size.y) / 2));
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    // Centre each line on its own: TextUnformatted would left-align the second one.
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        const std::string line = text.substr(start, end - start);
        const float width = ImGui::CalcTextSize(line.c_str()).x;
        ImGui::SetCursorScreenPos(
            ImVec2(r.x + std::max(0.0f, (r.width - width) / 2), ImGui::GetCursorScreenPos().y));
        ImGui::TextUnformatted(line.c_str());
        start = end + 1;
    }
    ImGui::PopStyleColor();
}

const std::string& titleOf(const ViewpointEntry& vp, Language lang) {
    const std::string& t = vp.title.in(lang);
    return t.empty() ? vp.name : t;
}

}  // namespace

void lockAdmin(UiState& state) {
    state.adminUnlocked = false;
    state.showTourEditor = false;
    state.kioskUi.fullInterface = false;
    state.kioskUi.keypadOpen = false;
}

void KioskPlacesPanel::draw(UiState& state) {
    if (state.viewpoints.empty())
        return;
    const Language lang = state.language;
    // One width for every button: a column of ragged buttons reads as clutter.
    float width = 0;
    for (const ViewpointEntry& vp : state.viewpoints)
        width = std::max(width, targetSize(state, titleOf(vp, lang).c_str()).x);
    pinNextWindow(0, 0);
    if (ImGui::Begin(label(StringId::KioskPlaces, lang, "kioskplaces").c_str(), nullptr,
                     kPanelFlags)) {
        for (int i = 0; i < int(state.viewpoints.size()); ++i) {
            ImGui::PushID(i);
            const std::string& title = titleOf(state.viewpoints[std::size_t(i)], lang);
            if (bigButton(state, title.c_str(), state.activeViewpoint == i, width))
                state.requestedViewpoint = i;
            ImGui::PopID();
        }
    }
    recordRect(state);
    state.viewpointsBottom = ImGui::GetWindowPos().y + ImGui::GetWindowSize().y;
    ImGui::End();
}

void KioskBarPanel::draw(UiState& state) {
    const Language lang = state.language;
    pinNextWindow(1, 1);
    if (ImGui::Begin("###kioskbar", nullptr, kOverlayFlags)) {
        if (bigButton(state, tr(StringId::LanguageChinese, lang), lang == Language::Chinese))
            state.language = Language::Chinese;
        ImGui::SameLine();
        if (bigButton(state, tr(StringId::LanguageEnglish, lang), lang == Language::English))
            state.language = Language::English;
        ImGui::SameLine();
        if (bigButton(state, tr(StringId::HelpButton, lang), state.showHelp))
            state.showHelp = !state.showHelp;
        ImGui::SameLine();
        if (bigButton(state, tr(StringId::KioskHome, lang)))
            state.kioskUi.requestedHome = true;
        ImGui::SameLine();
        if (bigButton(state, tr(StringId::KioskTour, lang), state.tourCaption >= 0))
            state.kioskUi.requestedTour = true;
    }
    recordRect(state);
    ImGui::End();
}

void KioskAdminPanel::draw(UiState& state) {
    KioskUiState& k = state.kioskUi;
    keypad_.update(k.frameSeconds);
    if (state.adminUnlocked)
        drawMenu(state);
    else if (k.keypadOpen)
        drawKeypad(state);
    else
        drawEntry(state);
}

void KioskAdminPanel::drawEntry(UiState& state) {
    KioskUiState& k = state.kioskUi;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const UiRect r = adminEntryRect(vp->Size.x, vp->Size.y, k.metrics.targetPixels);
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + r.x, vp->Pos.y + r.y));
    ImGui::SetNextWindowSize(ImVec2(r.width, r.height));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    if (ImGui::Begin(
            "###kioskadmin", nullptr,
            (kOverlayFlags & ~ImGuiWindowFlags_AlwaysAutoResize) | ImGuiWindowFlags_NoBackground)) {
        // Faint and wordless to a passer-by, a padlock to staff, who know to hold it.
        ImGui::InvisibleButton("lock", ImVec2(r.width, r.height));
        const bool held = ImGui::IsItemActive();
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
        draw->AddRectFilled(lo, hi, IM_COL32(40, 45, 52, 90), 6.0f);
        if (held) {
            k.holdSeconds += k.frameSeconds;
            // The square fills from the bottom while held, so staff see the hold counting.
            const float share = float(std::min(1.0, k.holdSeconds / kAdminHoldSeconds));
            draw->AddRectFilled(ImVec2(lo.x, hi.y - share * (hi.y - lo.y)), hi,
                                IM_COL32(240, 200, 90, 170), 6.0f);
            if (k.holdSeconds >= kAdminHoldSeconds && !k.holdFired) {
                k.holdFired = true;
                k.keypadOpen = true;
                keypad_.clear();
            }
        } else {
            k.holdSeconds = 0;
            k.holdFired = false;
        }
        const float w = hi.x - lo.x, cx = (lo.x + hi.x) / 2, cy = (lo.y + hi.y) / 2;
        const ImU32 ink = IM_COL32(255, 255, 255, 150);
        // Padlock: a body and a shackle above it.
        draw->AddRectFilled(ImVec2(cx - 0.22f * w, cy - 0.02f * w),
                            ImVec2(cx + 0.22f * w, cy + 0.26f * w), ink, 3.0f);
        draw->PathArcTo(ImVec2(cx, cy - 0.04f * w), 0.14f * w, 3.14159f, 2 * 3.14159f, 16);
        draw->PathStroke(ink, 0, 0.06f * w);
        draw->AddLine(ImVec2(cx - 0.14f * w, cy - 0.04f * w), ImVec2(cx - 0.14f * w, cy), ink,
                      0.06f * w);
        draw->AddLine(ImVec2(cx + 0.14f * w, cy - 0.04f * w), ImVec2(cx + 0.14f * w, cy), ink,
                      0.06f * w);
    }
    recordRect(state);
    ImGui::End();
    ImGui::PopStyleVar(2);
}

void KioskAdminPanel::drawKeypad(UiState& state) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    // A dimmed screen behind the keypad: touches beside it neither move the camera nor reach
    // the panels under it.
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0.55f));
    ImGui::Begin("###keypadbackdrop", nullptr, kOverlayFlags & ~ImGuiWindowFlags_AlwaysAutoResize);
    recordRect(state);
    ImGui::End();
    ImGui::PopStyleColor();

    const KeypadLayout l = layoutKeypad(vp->Size.x, vp->Size.y, state.kioskUi.metrics.targetPixels);
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + l.panel.x, vp->Pos.y + l.panel.y));
    ImGui::SetNextWindowSize(ImVec2(l.panel.width, l.panel.height));
    ImGui::SetNextWindowFocus();
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.13f, 0.15f, 0.18f, 0.97f));
    if (ImGui::Begin("###keypad", nullptr, kOverlayFlags & ~ImGuiWindowFlags_AlwaysAutoResize)) {
        const ImVec4 white(1, 1, 1, 1), error(1, 0.55f, 0.45f, 1);
        centredText(l.title, bilingual(StringId::KeypadTitle), white);
        ImGui::GetWindowDrawList()->AddRectFilled(
            ImVec2(l.entry.x, l.entry.y),
            ImVec2(l.entry.x + l.entry.width, l.entry.y + l.entry.height),
            IM_COL32(10, 12, 14, 255), 6.0f);
        centredText(l.entry, keypad_.masked(), white);
        std::string message;
        switch (keypad_.lastOutcome()) {
            case KeypadOutcome::Wrong:
                message = bilingual(StringId::KeypadWrong);
                break;
            case KeypadOutcome::TooShort:
                message = bilingual(StringId::KeypadTooShort);
                break;
            case KeypadOutcome::LockedOut: {
                const std::string seconds =
                    " " + std::to_string(int(std::ceil(keypad_.lockoutSecondsLeft())));
                message = tr(StringId::KeypadLockedOut, Language::Chinese) + seconds + "\n" +
                          tr(StringId::KeypadLockedOut, Language::English) + seconds;
                break;
            }
            default:
                break;
        }
        centredText(l.message, message, error);
        for (int d = 0; d <= 9; ++d) {
            const std::string digit = std::to_string(d);
            if (buttonAt(l.key(digitKey(d)), digit.c_str()))
                keypad_.press(digitKey(d));
        }
        if (buttonAt(l.key(KeypadKey::Delete), bilingual(StringId::KeypadDelete).c_str()))
            keypad_.press(KeypadKey::Delete);
        if (buttonAt(l.key(KeypadKey::Ok), bilingual(StringId::KeypadOk).c_str()) &&
            keypad_.press(KeypadKey::Ok) == KeypadOutcome::Unlocked) {
            state.adminUnlocked = true;
            state.kioskUi.keypadOpen = false;
        }
        if (buttonAt(l.key(KeypadKey::Cancel), bilingual(StringId::KeypadCancel, "  ").c_str())) {
            keypad_.press(KeypadKey::Cancel);
            state.kioskUi.keypadOpen = false;
        }
    }
    recordRect(state);
    ImGui::End();
    ImGui::PopStyleColor();
}

void KioskAdminPanel::drawMenu(UiState& state) {
    KioskUiState& k = state.kioskUi;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const AdminMenuLayout l = layoutAdminMenu(vp->Size.x, vp->Size.y, k.metrics.targetPixels);
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + l.panel.x, vp->Pos.y + l.panel.y));
    ImGui::SetNextWindowSize(ImVec2(l.panel.width, l.panel.height));
    if (ImGui::Begin("###kioskadmin", nullptr,
                     kOverlayFlags & ~ImGuiWindowFlags_AlwaysAutoResize)) {
        const auto toggle = [](const UiRect& r, StringId id, bool on) {
            if (on)
                ImGui::PushStyleColor(ImGuiCol_Button,
                                      ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
            const bool clicked = buttonAt(r, bilingual(id, "  ").c_str());
            if (on)
                ImGui::PopStyleColor();
            return clicked;
        };
        if (toggle(l.tourEditor, StringId::AdminTourEditor, state.showTourEditor))
            state.showTourEditor = !state.showTourEditor;
        if (toggle(l.fullInterface, StringId::AdminFullInterface, k.fullInterface))
            k.fullInterface = !k.fullInterface;
        if (toggle(l.lock, StringId::AdminLock, false))
            lockAdmin(state);
        if (toggle(l.quit, StringId::AdminQuit, false))
            k.requestedQuit = true;
    }
    recordRect(state);
    ImGui::End();
}

}  // namespace cunjing::viewer
