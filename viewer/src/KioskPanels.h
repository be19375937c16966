#pragma once
/// The exhibition kiosk's own panels (issue 8), drawn large for a touchscreen: every button at
/// least the 15 mm touch target of KioskMetrics. Like every panel they only write requests into
/// UiState; the app acts on them after the frame.

#include "KioskKeypad.h"
#include "Panels.h"

namespace cunjing::viewer {

/// The scene's viewpoints as big buttons, top left: a tap flies there.
class KioskPlacesPanel : public Panel {
public:
    void draw(UiState& state) override;
};

/// Bottom right: 中文, English, help, home (flies home) and tour (starts the tour).
class KioskBarPanel : public Panel {
public:
    void draw(UiState& state) override;
};

/// The admin entry in the top right corner (opens the keypad after a 2 s hold), the keypad
/// over a dimmed screen, and once unlocked the admin menu: quit, tour editor, full interface,
/// lock. Only made when the scene has a passcode hash.
class KioskAdminPanel : public Panel {
public:
    explicit KioskAdminPanel(KioskKeypad& keypad) : keypad_(keypad) {}
    void draw(UiState& state) override;

private:
    void drawEntry(UiState& state);
    void drawKeypad(UiState& state);
    void drawMenu(UiState& state);

    KioskKeypad& keypad_;
};

/// Locks the kiosk again: the admin menu, the tour editor and the full interface close.
void lockAdmin(UiState& state);

}  // namespace cunjing::viewer
