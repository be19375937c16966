#pragma once
/// Layout helpers shared by the panels: fixed window flags, stable window ids, pinning to the
/// viewport's edges, and recording where a panel was drawn (so touches there stay in the UI).

#include "UiState.h"

#include <cunjing/viewer/Strings.h>

#include <imgui.h>

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
