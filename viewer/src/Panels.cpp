#include "Panels.h"

#include "InspectorPanels.h"
#include "KioskPanels.h"
#include "PanelLayout.h"
#include "PlanPanels.h"

#include <cunjing/viewer/Strings.h>

#include <imgui.h>

#include <string>
#include <utility>

namespace cunjing::viewer {

namespace {

/// The help overlay's rows: what to do, and what it does.
constexpr std::pair<StringId, StringId> kHelpRows[] = {
    {StringId::HelpOrbitInput, StringId::HelpOrbitAction},
    {StringId::HelpPanInput, StringId::HelpPanAction},
    {StringId::HelpZoomInput, StringId::HelpZoomAction},
    {StringId::HelpTiltInput, StringId::HelpTiltAction},
    {StringId::HelpTwistInput, StringId::HelpTwistAction},
    {StringId::HelpFlyToggleInput, StringId::HelpFlyToggleAction},
    {StringId::HelpFlyMoveInput, StringId::HelpFlyMoveAction},
    {StringId::HelpFlyUpDownInput, StringId::HelpFlyUpDownAction},
    {StringId::HelpFastInput, StringId::HelpFastAction},
    {StringId::HelpHomeInput, StringId::HelpHomeAction},
    {StringId::HelpNumbersInput, StringId::HelpNumbersAction},
    {StringId::HelpPickInput, StringId::HelpPickAction},
    {StringId::HelpDoubleTapInput, StringId::HelpDoubleTapAction},
    {StringId::HelpLightInput, StringId::HelpLightAction},
    {StringId::HelpToggleInput, StringId::HelpToggleAction},
    {StringId::HelpScreenshotInput, StringId::HelpScreenshotAction},
    {StringId::HelpHelpInput, StringId::HelpHelpAction},
    {StringId::HelpQuitInput, StringId::HelpQuitAction},
};

const std::string& titleOf(const ViewpointEntry& vp, Language lang) {
    const std::string& t = vp.title.in(lang);
    return t.empty() ? vp.name : t;
}

}  // namespace

void ViewpointPanel::draw(UiState& state) {
    const Language lang = state.language;
    pinNextWindow(0, 0);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowSizeConstraints(ImVec2(10 * ImGui::GetFontSize(), 0),
                                        ImVec2(vp->WorkSize.x * 0.4f, vp->WorkSize.y * 0.6f));
    if (ImGui::Begin(label(StringId::ViewpointsTitle, lang, "viewpoints").c_str(), nullptr,
                     kPanelFlags)) {
        for (int i = 0; i < static_cast<int>(state.viewpoints.size()); ++i) {
            ImGui::PushID(i);
            const std::string text = (i < 9 ? std::to_string(i + 1) + "   " : "    ") +
                                     titleOf(state.viewpoints[i], lang);
            if (ImGui::Selectable(text.c_str(), state.activeViewpoint == i)) {
                state.requestedViewpoint = i;
            }
            ImGui::PopID();
        }
    }
    recordRect(state);
    state.viewpointsBottom = ImGui::GetWindowPos().y + ImGui::GetWindowSize().y;
    ImGui::End();
}

void InfoPanel::draw(UiState& state) {
    const Language lang = state.language;
    pinNextWindow(1, 0);
    if (ImGui::Begin(label(StringId::InfoTitle, lang, "info").c_str(), nullptr, kPanelFlags)) {
        const std::string& name = state.sceneName.in(lang);
        ImGui::TextUnformatted(name.empty() ? tr(StringId::UntitledScene, lang) : name.c_str());
        ImGui::Separator();
        ImGui::Text("%s  %d", tr(StringId::BuildingsLabel, lang), state.buildingCount);
        ImGui::Text("%s  %d", tr(StringId::TreesLabel, lang), state.treeCount);
        const osg::Vec3d& e = state.cameraEye;
        ImGui::Text("%s  %.0f, %.0f, %.0f m", tr(StringId::CameraLabel, lang), e.x(), e.y(), e.z());
        ImGui::Text("%s  %.0f", tr(StringId::FpsLabel, lang), state.fps);
        ImGui::Text("%s  %s", tr(StringId::ModeLabel, lang),
                    tr(state.flyMode ? StringId::ModeFly : StringId::ModeOrbit, lang));
    }
    recordRect(state);
    state.infoBottom = ImGui::GetWindowPos().y + ImGui::GetWindowSize().y;
    ImGui::End();
}

void LightPanel::draw(UiState& state) {
    if (!state.showLight)
        return;
    const Language lang = state.language;
    // Right, under the scene panel.
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - panelMargin(),
                                   std::max(state.infoBottom, vp->WorkPos.y) + panelMargin()),
                            ImGuiCond_Always, ImVec2(1, 0));
    if (ImGui::Begin(label(StringId::LightTitle, lang, "light").c_str(), &state.showLight,
                     kPanelFlags)) {
        geo::LocalDateTime& t = state.sunTime;
        int minutes = t.hour * 60 + t.minute;
        const std::string clock = geo::formatTime(t);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
        if (ImGui::SliderInt(tr(StringId::LightTime, lang), &minutes, 0, 24 * 60 - 5,
                             clock.c_str())) {
            minutes -= minutes % 5;
            t.hour = minutes / 60;
            t.minute = minutes % 60;
            t.second = 0;
            state.sunTimeChanged = true;
        }
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
        if (ImGui::SliderInt(tr(StringId::LightMonth, lang), &t.month, 1, 12)) {
            t.day = std::min(t.day, geo::daysInMonth(t.year, t.month));
            state.sunTimeChanged = true;
        }
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
        if (ImGui::SliderInt(tr(StringId::LightDay, lang), &t.day, 1,
                             geo::daysInMonth(t.year, t.month)))
            state.sunTimeChanged = true;
        ImGui::TextUnformatted(geo::formatDate(t).c_str());
        ImGui::Text(tr(StringId::LightSun, lang), state.sunElevationDeg, state.sunAzimuthDeg);
        ImGui::Separator();
        const char* qualities[] = {tr(StringId::LightQualityLow, lang),
                                   tr(StringId::LightQualityMedium, lang),
                                   tr(StringId::LightQualityHigh, lang)};
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
        state.lookChanged |=
            ImGui::Combo(tr(StringId::LightQuality, lang), &state.quality, qualities, 3);
        state.lookChanged |= ImGui::Checkbox(tr(StringId::LightShadows, lang), &state.shadows);
        state.lookChanged |=
            ImGui::Checkbox(tr(StringId::LightColourCheck, lang), &state.colourCheck);
    }
    recordRect(state);
    ImGui::End();
}

void LanguagePanel::draw(UiState& state) {
    const Language lang = state.language;
    pinNextWindow(1, 1);
    if (ImGui::Begin("###language", nullptr, kOverlayFlags)) {
        if (toggleButton(tr(StringId::LanguageChinese, lang), lang == Language::Chinese)) {
            state.language = Language::Chinese;
        }
        ImGui::SameLine();
        if (toggleButton(tr(StringId::LanguageEnglish, lang), lang == Language::English)) {
            state.language = Language::English;
        }
        ImGui::SameLine();
        if (toggleButton(tr(StringId::HelpButton, lang), state.showHelp)) {
            state.showHelp = !state.showHelp;
            if (state.showHelp)
                state.inspector.showPanel = false;
        }
        if (state.hasRegister && !state.kiosk) {
            ImGui::SameLine();
            if (toggleButton(tr(StringId::RegisterButton, lang), state.showRegister)) {
                state.showRegister = !state.showRegister;
                // The register panel takes the left side, where the help sits.
                if (state.showRegister)
                    state.showHelp = state.inspector.showPanel = false;
            }
        }
        if (!state.kiosk) {
            ImGui::SameLine();
            if (toggleButton(tr(StringId::ModelsButton, lang), state.inspector.showPanel)) {
                state.inspector.showPanel = !state.inspector.showPanel;
                if (state.inspector.showPanel)
                    state.showHelp = state.showRegister = false;  // the left side again
            }
        }
    }
    recordRect(state);
    ImGui::End();
}

void HelpOverlay::draw(UiState& state) {
    if (!state.showHelp)
        return;
    const Language lang = state.language;
    pinNextWindow(0, 1);
    if (ImGui::Begin(label(StringId::HelpTitle, lang, "help").c_str(), nullptr, kPanelFlags)) {
        if (ImGui::BeginTable("controls", 2)) {
            for (const auto& [input, action] : kHelpRows) {
                if (state.kiosk && input == StringId::HelpQuitInput)
                    continue;  // a kiosk is locked: Esc does not quit
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(tr(input, lang));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(tr(action, lang));
            }
            ImGui::EndTable();
        }
        if (ImGui::Button(tr(StringId::HelpClose, lang)))
            state.showHelp = false;
    }
    recordRect(state);
    ImGui::End();
}

void MessageOverlay::draw(UiState& state) {
    const bool transient = state.messageSeconds > 0 && state.messageId.has_value();
    if (!transient && state.sceneLoaded)
        return;
    pinNextWindow(0.5f, transient ? 0.0f : 0.5f);
    if (ImGui::Begin("###message", nullptr, kOverlayFlags | ImGuiWindowFlags_NoInputs)) {
        if (transient) {
            const ImVec4 colour =
                state.messageIsError ? ImVec4(1, 0.55f, 0.45f, 1) : ImVec4(0.7f, 1, 0.7f, 1);
            ImGui::TextColored(colour, "%s%s", tr(*state.messageId, state.language),
                               state.messageDetail.c_str());
        }
        if (!state.sceneLoaded)
            ImGui::TextUnformatted(tr(StringId::NoScene, state.language));
    }
    ImGui::End();
}

void TourCaption::draw(UiState& state) {
    if (state.tourCaption < 0)
        return;
    const std::string& title = state.tourCaptionText.in(state.language);
    if (title.empty())
        return;
    pinNextWindow(0.5f, 1.0f);
    if (ImGui::Begin("###tourcaption", nullptr, kOverlayFlags | ImGuiWindowFlags_NoInputs)) {
        // Read from across the room: twice the panel text.
        ImGui::SetWindowFontScale(2.0f);
        ImGui::TextUnformatted(title.c_str());
    }
    ImGui::End();
}

std::vector<std::unique_ptr<Panel>> makePanels(RegisterModel* registerModel, bool kiosk) {
    std::vector<std::unique_ptr<Panel>> panels;
    if (kiosk) {
        // Exhibition panels only, drawn large; no file dialogs, register, inspector or plans.
        // The admin keypad joins last when the kiosk has a passcode (ViewerAppKiosk.cpp).
        panels.push_back(std::make_unique<KioskPlacesPanel>());
        panels.push_back(std::make_unique<InfoCardPanel>());
        panels.push_back(std::make_unique<HelpOverlay>());
        panels.push_back(std::make_unique<KioskBarPanel>());
        panels.push_back(std::make_unique<TourCaption>());
        panels.push_back(std::make_unique<MessageOverlay>());
        return panels;
    }
    // Under every window: the swipe divider and the split labels lie on the 3D view.
    panels.push_back(std::make_unique<CompareOverlay>());
    panels.push_back(std::make_unique<ViewpointPanel>());
    panels.push_back(std::make_unique<InfoPanel>());
    panels.push_back(std::make_unique<InfoCardPanel>());
    if (registerModel)
        panels.push_back(std::make_unique<RegisterPanel>(*registerModel));
    panels.push_back(std::make_unique<ModelInspectorPanel>());
    panels.push_back(std::make_unique<PlanBarPanel>());
    panels.push_back(std::make_unique<PlanListPanel>());
    panels.push_back(std::make_unique<HelpOverlay>());
    panels.push_back(std::make_unique<LightPanel>());
    panels.push_back(std::make_unique<LanguagePanel>());
    panels.push_back(std::make_unique<MessageOverlay>());
    panels.push_back(std::make_unique<ModelStatusPanel>());
    return panels;
}

}  // namespace cunjing::viewer
