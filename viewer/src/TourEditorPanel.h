#pragma once
/// The tour editor's panel (issue 8 item 4) for exhibition staff: the step list, add the current
/// view, seconds, captions in both languages, reorder, delete, preview, save. Large buttons for
/// a touchscreen (the kiosk scales the whole UI on top). It lays out a TourEditor and calls it;
/// what the app must do comes back as requests.

#include "TourEditor.h"

#include <cunjing/scene/SceneFile.h>

#include <array>
#include <cstdint>
#include <string>

namespace cunjing::viewer {

struct UiState;

/// What the panel keeps between frames; the app owns one beside the editor.
struct TourEditorPanelState {
    /// The last error of an editor call, until the next success; the last save, in green.
    std::string lastError, lastInfo;
    /// The caption fields being typed, for the selected step; refilled when the editor's
    /// revision moves on without them (another step selected, a script step).
    std::array<char, 512> captionZh{}, captionEn{};
    std::uint64_t filledAt = ~std::uint64_t(0);
    double seconds = 6;
};

struct TourEditorRequests {
    bool close = false;
};

/// Draws the editor in the left column below the viewpoint list; records its rectangle in `ui`
/// so touches on it stay in the UI.
TourEditorRequests drawTourEditorPanel(TourEditor& editor, TourEditorPanelState& state,
                                       scene::Language lang, UiState& ui);

}  // namespace cunjing::viewer
