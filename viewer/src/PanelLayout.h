#pragma once
/// Layout helpers shared by the panels: fixed window flags, stable window ids, pinning to the
/// viewport's edges, and recording where a panel was drawn (so touches there stay in the UI).

#include "UiState.h"

#include <cunjing/viewer/Strings.h>

#include <imgui.h>

#include <algorithm>
#include <string>

namespace cunjing::viewer {

inline constexpr ImGuiWindowFlags kPanelFlags =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_AlwaysAutoResize |
    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse |
    ImGuiWindowFlags_NoFocusOnAppearing;
inline constexpr ImGuiWindowFlags kOverlayFlags = kPanelFlags | ImGuiWindowFlags_NoTitleBar;

/// "visible title###stable id": the title follows the language, the window stays the same.
inline std::string label(StringId title, Language lang, const char* id) {
    return std::string(tr(title, lang)) + "###" + id;
}

/// The gap between a pinned panel and the viewport's edge.
inline float panelMargin() {
    return 0.6f * ImGui::GetFontSize();
}

/// Pins the next window to a corner or edge midpoint; pivot (0,0) top-left ... (1,1) bottom-right.
inline void pinNextWindow(float pivotX, float pivotY) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float margin = panelMargin();
    const float x = vp->WorkPos.x + margin + pivotX * (vp->WorkSize.x - 2 * margin);
    const float y = vp->WorkPos.y + margin + pivotY * (vp->WorkSize.y - 2 * margin);
    ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_Always, ImVec2(pivotX, pivotY));
}

/// Places the next window in the left column below the viewpoint list, `widthEm` font heights
/// wide (at most 45 % of the screen) and down to the bottom margin; returns the flags to open
/// it with (fixed, not auto-sized: its content scrolls).
inline ImGuiWindowFlags placeLeftColumnPanel(const UiState& state, float widthEm) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float em = ImGui::GetFontSize(), margin = panelMargin();
    const float top = std::max(state.viewpointsBottom, vp->WorkPos.y) + margin;
    const float width = std::min(widthEm * em, vp->WorkSize.x * 0.45f);
    const float height = std::max(vp->WorkPos.y + vp->WorkSize.y - top - margin, 12 * em);
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + margin, top), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(width, height), ImGuiCond_Always);
    return kPanelFlags & ~ImGuiWindowFlags_AlwaysAutoResize;
}

/// Remembers where the current window is, so touches there go to the UI, not the camera.
inline void recordRect(UiState& state) {
    const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    state.panelRects.push_back({pos.x, pos.y, size.x, size.y});
}

/// A button drawn as pressed when `on`.
inline bool toggleButton(const char* text, bool on) {
    if (on)
        ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    const bool clicked = ImGui::Button(text);
    if (on)
        ImGui::PopStyleColor();
    return clicked;
}

}  // namespace cunjing::viewer
