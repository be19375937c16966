#pragma once
/// What the kiosk's own panels (KioskPanels.h) show and ask for: the large-screen sizes, the
/// admin entry and keypad, and the requests the app acts on after the frame. Part of UiState.

#include "KioskMetrics.h"

namespace cunjing::viewer {

/// Holding the admin entry this long opens the keypad: long enough that a visitor's tap or
/// brush does not, short enough that staff do not doubt it.
inline constexpr double kAdminHoldSeconds = 2.0;

struct KioskUiState {
    /// Touch target and font sizes at the screen's DPI.
    KioskMetrics metrics = kioskMetrics(kFallbackDpi);
    /// The scene has an admin passcode hash: the admin entry is drawn. Without one the kiosk
    /// can only be stopped from outside.
    bool adminOffered = false;
    bool keypadOpen = false;
    /// Unlocked staff asked for the normal viewer's panels and editing.
    bool fullInterface = false;
    /// The frame's seconds from the app's clock (--fixed-dt in tests): the hold and the
    /// keypad's lockout run on it, not on the wall clock.
    double frameSeconds = 0;
    /// How long the admin entry has been held; armed again once it is let go.
    double holdSeconds = 0;
    bool holdFired = false;

    /// Requests, handled and cleared by the app after each frame.
    bool requestedHome = false;
    bool requestedTour = false;
    bool requestedQuit = false;
};

}  // namespace cunjing::viewer
