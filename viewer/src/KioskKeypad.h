#pragma once
/// The kiosk's on-screen number pad for the admin passcode (issue 8): what was typed (shown
/// masked), the check, and a lockout after repeated wrong codes so a visitor cannot try codes
/// all day. Time comes in as frame seconds (update(dt)), never from the wall clock, so the
/// lockout follows --fixed-dt in tests. The layout is a pure function of the window and the
/// touch target size, so tests can tap the keys where they are drawn.

#include "UiState.h"

#include <array>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace cunjing::viewer {

/// Wrong codes in a row that lock the keypad, and for how long.
inline constexpr int kKeypadMaxWrongCodes = 5;
inline constexpr double kKeypadLockoutSeconds = 60.0;
/// Digits a passcode may have (KioskPasscode's rule).
inline constexpr std::size_t kKeypadMinDigits = 4;
inline constexpr std::size_t kKeypadMaxDigits = 12;

enum class KeypadKey { D0, D1, D2, D3, D4, D5, D6, D7, D8, D9, Delete, Ok, Cancel };
inline constexpr std::size_t kKeypadKeyCount = 13;

/// The key of a digit 0-9.
constexpr KeypadKey digitKey(int digit) {
    return static_cast<KeypadKey>(digit);
}

/// What the last key press led to; the panel shows a message for Wrong, TooShort, LockedOut.
enum class KeypadOutcome {
    None,       ///< typing, or nothing yet
    Unlocked,   ///< OK with the right passcode
    Wrong,      ///< OK with a wrong passcode; counts towards the lockout
    TooShort,   ///< OK with fewer than 4 digits: not a passcode, not counted
    LockedOut,  ///< too many wrong codes; keys are ignored until the lockout ends
    Cancelled,  ///< Cancel: the entry is cleared and the keypad should close
};

class KioskKeypad {
public:
    /// `verify` says whether digits are the passcode (checkPasscode against the stored hash).
    explicit KioskKeypad(std::function<bool(std::string_view)> verify);
    ~KioskKeypad();
    KioskKeypad(const KioskKeypad&) = delete;
    KioskKeypad& operator=(const KioskKeypad&) = delete;

    KeypadOutcome press(KeypadKey key);
    /// Advances the lockout by a frame's seconds; at its end the wrong-code count starts over.
    void update(double dt);
    /// Clears the typed digits (opening or closing the keypad); the lockout stays.
    void clear();

    /// One "●" per digit typed: the digits are never drawn.
    std::string masked() const;
    std::size_t length() const { return entry_.size(); }
    int wrongCodes() const { return wrong_; }
    bool lockedOut() const { return lockoutLeft_ > 0; }
    double lockoutSecondsLeft() const { return lockoutLeft_; }
    KeypadOutcome lastOutcome() const { return last_; }

private:
    std::function<bool(std::string_view)> verify_;
    std::string entry_;
    int wrong_ = 0;
    double lockoutLeft_ = 0;
    KeypadOutcome last_ = KeypadOutcome::None;
};

/// Where the keypad is drawn, in window pixels: a phone pad (1 2 3 / 4 5 6 / 7 8 9 /
/// Delete 0 OK) with Cancel across the bottom, under the title, the masked entry and the
/// message line, centred in the window.
struct KeypadLayout {
    UiRect panel;    ///< the whole keypad window
    UiRect title;    ///< "enter the admin passcode"
    UiRect entry;    ///< the masked digits
    UiRect message;  ///< wrong code, lockout
    std::array<UiRect, kKeypadKeyCount> keys;
    const UiRect& key(KeypadKey k) const { return keys[static_cast<std::size_t>(k)]; }
};

/// The admin entry: a square touch target in the top right corner, a quarter target from the
/// edges, in window pixels.
UiRect adminEntryRect(float windowWidth, float windowHeight, float targetPixels);

/// The unlocked admin menu, a column in the top right corner: tour editor, full interface,
/// lock, and quit set apart below them. Buttons are a touch target high and six wide (room
/// for both languages' labels).
struct AdminMenuLayout {
    UiRect panel, tourEditor, fullInterface, lock, quit;
};
AdminMenuLayout layoutAdminMenu(float windowWidth, float windowHeight, float targetPixels);

/// Keys are at least `targetPixels` high (never less, even when the window is too small to
/// hold them), up to 1.6 times that when the window's height allows, and 1.5 times as wide.
KeypadLayout layoutKeypad(float windowWidth, float windowHeight, float targetPixels);

}  // namespace cunjing::viewer
