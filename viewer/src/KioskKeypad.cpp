#include "KioskKeypad.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace cunjing::viewer {

namespace {

/// Overwrites the typed digits before the string lets go of them.
void wipe(std::string& s) {
    std::fill(s.begin(), s.end(), '\0');
    s.clear();
}

}  // namespace

KioskKeypad::KioskKeypad(std::function<bool(std::string_view)> verify)
    : verify_(std::move(verify)) {}

KioskKeypad::~KioskKeypad() {
    wipe(entry_);
}

KeypadOutcome KioskKeypad::press(KeypadKey key) {
    if (key == KeypadKey::Cancel) {
        wipe(entry_);
        return last_ = lockedOut() ? KeypadOutcome::LockedOut : KeypadOutcome::Cancelled;
    }
    if (lockedOut())
        return last_ = KeypadOutcome::LockedOut;
    if (key == KeypadKey::Delete) {
        if (!entry_.empty())
            entry_.pop_back();
        return last_ = KeypadOutcome::None;
    }
    if (key != KeypadKey::Ok) {
        if (entry_.size() < kKeypadMaxDigits)
            entry_.push_back(char('0' + static_cast<int>(key)));
        return last_ = KeypadOutcome::None;
    }
    if (entry_.size() < kKeypadMinDigits)
        return last_ = KeypadOutcome::TooShort;
    const bool right = verify_(entry_);
    wipe(entry_);
    if (right) {
        wrong_ = 0;
        return last_ = KeypadOutcome::Unlocked;
    }
    if (++wrong_ >= kKeypadMaxWrongCodes) {
        lockoutLeft_ = kKeypadLockoutSeconds;
        return last_ = KeypadOutcome::LockedOut;
    }
    return last_ = KeypadOutcome::Wrong;
}

void KioskKeypad::update(double dt) {
    if (lockoutLeft_ <= 0 || !(dt > 0))
        return;
    lockoutLeft_ -= dt;
    if (lockoutLeft_ <= 0) {
        lockoutLeft_ = 0;
        wrong_ = 0;
        last_ = KeypadOutcome::None;
    }
}

void KioskKeypad::clear() {
    wipe(entry_);
    if (!lockedOut())
        last_ = KeypadOutcome::None;
}

std::string KioskKeypad::masked() const {
    std::string dots;
    for (std::size_t i = 0; i < entry_.size(); ++i)
        dots += "\u25CF";  // ● BLACK CIRCLE, in the CJK font
    return dots;
}

UiRect adminEntryRect(float windowWidth, float /*windowHeight*/, float targetPixels) {
    const float margin = 0.25f * targetPixels;
    return {windowWidth - margin - targetPixels, margin, targetPixels, targetPixels};
}

AdminMenuLayout layoutAdminMenu(float windowWidth, float /*windowHeight*/, float targetPixels) {
    const float t = targetPixels, margin = 0.25f * t, pad = 0.2f * t, gap = 0.15f * t;
    const float width = 6 * t;
    AdminMenuLayout l;
    // Quit sits a whole target below Lock, so a slip from Lock does not end the exhibition.
    const float height = 2 * pad + 4 * t + 2 * gap + t;
    l.panel = {windowWidth - margin - width - 2 * pad, margin, width + 2 * pad, height};
    const float x = l.panel.x + pad;
    float y = l.panel.y + pad;
    for (UiRect* r : {&l.tourEditor, &l.fullInterface, &l.lock}) {
        *r = {x, y, width, t};
        y += t + gap;
    }
    l.quit = {x, y - gap + t, width, t};
    return l;
}

KeypadLayout layoutKeypad(float windowWidth, float windowHeight, float targetPixels) {
    // Rows, top to bottom, in key heights: the two-line title 1, the entry 0.8, the two-line
    // message 1, four rows of keys and Cancel; gaps of 0.15 between rows, 0.3 of padding.
    // Keys are half again as wide as high, so "Delete" fits at the kiosk's font size.
    constexpr float kGap = 0.15f, kPad = 0.3f, kTitle = 1.0f, kEntry = 0.8f, kMessage = 1.0f;
    constexpr float kWide = 1.5f;
    constexpr float kRowsInKeys = kTitle + kEntry + kMessage + 5 + 7 * kGap + 2 * kPad;
    const float fit = windowHeight / kRowsInKeys;
    const float key = std::max(targetPixels, std::min(fit, 1.6f * targetPixels));
    const float keyWidth = kWide * key, gap = kGap * key, pad = kPad * key;
    const float inner = 3 * keyWidth + 2 * gap;
    const float width = inner + 2 * pad, height = kRowsInKeys * key;
    KeypadLayout l;
    l.panel = {std::max(0.0f, (windowWidth - width) / 2),
               std::max(0.0f, (windowHeight - height) / 2), width, height};
    const float left = l.panel.x + pad;
    float y = l.panel.y + pad;
    l.title = {left, y, inner, kTitle * key};
    y += l.title.height + gap;
    l.entry = {left, y, inner, kEntry * key};
    y += l.entry.height + gap;
    l.message = {left, y, inner, kMessage * key};
    y += l.message.height + gap;
    constexpr KeypadKey kGrid[4][3] = {
        {KeypadKey::D1, KeypadKey::D2, KeypadKey::D3},
        {KeypadKey::D4, KeypadKey::D5, KeypadKey::D6},
        {KeypadKey::D7, KeypadKey::D8, KeypadKey::D9},
        {KeypadKey::Delete, KeypadKey::D0, KeypadKey::Ok},
    };
    for (const auto& row : kGrid) {
        for (int c = 0; c < 3; ++c)
            l.keys[std::size_t(row[c])] = {left + float(c) * (keyWidth + gap), y, keyWidth, key};
        y += key + gap;
    }
    l.keys[std::size_t(KeypadKey::Cancel)] = {left, y, inner, key};
    return l;
}

}  // namespace cunjing::viewer
