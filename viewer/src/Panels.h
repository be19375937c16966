#pragma once
/// The viewer's ImGui panels, each a small class with draw() (after osgEarth's ImGuiPanel).

#include "RegisterModel.h"
#include "UiState.h"

#include <memory>
#include <vector>

namespace cunjing::viewer {

class Panel {
public:
    virtual ~Panel() = default;
    /// Called between ImGui::NewFrame and ImGui::Render.
    virtual void draw(UiState& state) = 0;
};

/// The scene's viewpoints; a click starts a flight there.
class ViewpointPanel : public Panel {
public:
    void draw(UiState& state) override;
};

/// Scene name, building and tree counts, camera position, frame rate, navigation mode.
class InfoPanel : public Panel {
public:
    void draw(UiState& state) override;
};

/// 中文 / English, and the help button.
class LanguagePanel : public Panel {
public:
    void draw(UiState& state) override;
};

/// The controls, for mouse, keyboard and touch.
class HelpOverlay : public Panel {
public:
    void draw(UiState& state) override;
};

/// The picked tree or village: its register fields, and a button to fly there.
class InfoCardPanel : public Panel {
public:
    void draw(UiState& state) override;
};

/// Search, filter and edit the register, with undo and redo (shown when the scene has one).
class RegisterPanel : public Panel {
public:
    explicit RegisterPanel(RegisterModel& model) : model_(model) {}
    void draw(UiState& state) override;

private:
    void drawFilters(Language lang);
    void drawResults(UiState& state);
    void drawEditor(Language lang);
    void drawActions(Language lang);

    RegisterModel& model_;
};

/// Transient messages and the "no scene" notice.
class MessageOverlay : public Panel {
public:
    void draw(UiState& state) override;
};

/// The kiosk's attract tour: the title of the viewpoint shown, at the bottom centre.
class TourCaption : public Panel {
public:
    void draw(UiState& state) override;
};

/// Every panel, in drawing order; the register panel only with a model. A kiosk has only the
/// exhibition panels (viewpoints, info, cards, language, help, messages, the tour caption).
std::vector<std::unique_ptr<Panel>> makePanels(RegisterModel* registerModel, bool kiosk = false);

}  // namespace cunjing::viewer
