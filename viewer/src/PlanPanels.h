#pragma once
/// The panels of a town plan (issue 7 items 4 and 5): the plan bar (title, alternatives, view
/// modes, ghost opacity, rule counts, the plan's errors), the change list and the rule results
/// on the right, and the compare overlay (the swipe divider with its handle, the split's
/// labels).

#include "Panels.h"

#include <string>

namespace cunjing::viewer {

/// One plan action in words: "立面颜色 #E6D8BC", "平改坡", "Windows: timber lattice".
std::string actionText(const std::string& key, const std::string& value, Language lang);

/// The title of alternative `index` in `lang` (its id when untitled).
std::string alternativeTitle(const CompareState& plan, int index, Language lang);

/// Plan title, alternative and comparison choice, view mode buttons, ghost slider, counts.
class PlanBarPanel : public Panel {
public:
    void draw(UiState& state) override;

private:
    void drawChoices(CompareState& plan, Language lang);
    void drawModes(CompareState& plan, Language lang);
};

/// The change list or the rule results, on the right below the info panel.
class PlanListPanel : public Panel {
public:
    void draw(UiState& state) override;

private:
    void drawChanges(CompareState& plan, Language lang);
    void drawRules(CompareState& plan, Language lang);
};

/// Drawn over the 3D view, under the panels: the swipe divider and the split labels.
class CompareOverlay : public Panel {
public:
    void draw(UiState& state) override;
};

/// Where the swipe divider's handle sits (window pixels): the middle of the line.
inline constexpr float kDividerHandleRadius = 14.0f;
/// A press this close to the divider line (window pixels, scaled by the UI) grabs it.
inline constexpr float kDividerGrabPixels = 12.0f;

}  // namespace cunjing::viewer
