#pragma once
/// The model inspector's panels (declared apart from Panels.h, drawn through makePanels): the
/// inspector itself down the left side, and the status of a model being opened (reading, or
/// why it could not be opened) in the middle of the screen.

#include "InspectorState.h"
#include "Panels.h"

namespace cunjing::viewer {

/// Open a model, its statistics, display modes, section plane, measuring, comparing two
/// versions and notes (shown with the 模型 / Models button, or --panel inspector).
class ModelInspectorPanel : public Panel {
public:
    void draw(UiState& state) override;

private:
    void drawOpen(InspectorState& s, Language lang);
    void drawStats(InspectorState& s, Language lang);
    void drawDisplay(InspectorState& s, Language lang);
    void drawSection(InspectorState& s, Language lang);
    void drawTools(InspectorState& s, Language lang);
    void drawCompare(InspectorState& s, Language lang);
    void drawNotes(InspectorState& s, Language lang);
};

/// "Reading the model ..." while the worker runs, and the reason a model could not be opened
/// until it is dismissed: the viewer stays up and says why.
class ModelStatusPanel : public Panel {
public:
    void draw(UiState& state) override;
};

}  // namespace cunjing::viewer
