#pragma once
/// The viewer's ImGui panels, each a small class with draw() (after osgEarth's ImGuiPanel).

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

/// Transient messages and the "no scene" notice.
class MessageOverlay : public Panel {
public:
    void draw(UiState& state) override;
};

/// Every panel, in drawing order.
std::vector<std::unique_ptr<Panel>> makePanels();

}  // namespace cunjing::viewer
