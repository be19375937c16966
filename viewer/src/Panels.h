#pragma once
/// The viewer's ImGui panels, each a small class with draw() (after osgEarth's ImGuiPanel).

#include "PhotoTexture.h"
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
/// The date and time the sun stands at (key L): a time-of-day slider, month and day, and the
/// sun's elevation and azimuth; moving one sets UiState::sunTimeChanged.
class LightPanel : public Panel {
public:
    void draw(UiState& state) override;
};

class LanguagePanel : public Panel {
public:
    void draw(UiState& state) override;
};

/// The controls, for mouse, keyboard and touch.
class HelpOverlay : public Panel {
public:
    void draw(UiState& state) override;
};

/// The picked tree, village or building: its fields, its register photos, and buttons to fly
/// there and to close it.
class InfoCardPanel : public Panel {
public:
    void draw(UiState& state) override;

private:
    void drawPhotos(UiState& state, float touchHeight);

    PhotoTexture photo_;                 ///< the photo shown; freed when the card closes or changes
    std::optional<RecordRef> photosOf_;  ///< the record photoIndex_ steps through
    int photoIndex_ = 0;
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

/// The tour playing (attract or preview): the step's caption, at the bottom centre.
class TourCaption : public Panel {
public:
    void draw(UiState& state) override;
};

/// Every panel, in drawing order; the register panel only with a model. A kiosk has only the
/// exhibition panels (places, cards, help, language/home/tour, the tour caption, messages).
std::vector<std::unique_ptr<Panel>> makePanels(RegisterModel* registerModel, bool kiosk = false);

}  // namespace cunjing::viewer
