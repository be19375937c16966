// The kiosk's admin keypad (entry, masking, wrong codes, lockout on frame time, unlock), its
// layout (keys at least the touch target, inside the window, not overlapping) and the
// large-screen sizes (15 mm targets, 24 px text at any DPI).

#include "KioskKeypad.h"
#include "KioskMetrics.h"
#include "KioskState.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <tuple>

using namespace cunjing::viewer;

namespace {

constexpr const char* kCode = "2468";

/// A keypad whose passcode is kCode, counting how often it was asked.
struct CountingKeypad {
    int checks = 0;
    KioskKeypad keypad{[this](std::string_view digits) {
        ++checks;
        return digits == kCode;
    }};
};

void type(KioskKeypad& keypad, const std::string& digits) {
    for (char c : digits)
        keypad.press(digitKey(c - '0'));
}

KeypadOutcome enter(KioskKeypad& keypad, const std::string& digits) {
    type(keypad, digits);
    return keypad.press(KeypadKey::Ok);
}

}  // namespace

TEST(KioskKeypad, EntryIsMaskedOneDotPerDigit) {
    CountingKeypad k;
    type(k.keypad, "135");
    EXPECT_EQ(k.keypad.length(), 3u);
    EXPECT_EQ(k.keypad.masked(), "\u25CF\u25CF\u25CF");
    EXPECT_EQ(k.keypad.masked().find('1'), std::string::npos) << "a digit shows on screen";
    k.keypad.press(KeypadKey::Delete);
    EXPECT_EQ(k.keypad.length(), 2u);
    EXPECT_EQ(k.checks, 0) << "typing must not check anything";
}

TEST(KioskKeypad, EntryStopsAtTwelveDigits) {
    CountingKeypad k;
    type(k.keypad, "12345678901234");
    EXPECT_EQ(k.keypad.length(), kKeypadMaxDigits);
}

TEST(KioskKeypad, RightCodeUnlocksAndClearsTheEntry) {
    CountingKeypad k;
    EXPECT_EQ(enter(k.keypad, kCode), KeypadOutcome::Unlocked);
    EXPECT_EQ(k.keypad.length(), 0u) << "the digits stay in memory after the check";
    EXPECT_EQ(k.checks, 1);
}

TEST(KioskKeypad, WrongCodeIsReportedAndCounted) {
    CountingKeypad k;
    EXPECT_EQ(enter(k.keypad, "1111"), KeypadOutcome::Wrong);
    EXPECT_EQ(k.keypad.lastOutcome(), KeypadOutcome::Wrong);
    EXPECT_EQ(k.keypad.wrongCodes(), 1);
    EXPECT_EQ(k.keypad.length(), 0u);
    EXPECT_FALSE(k.keypad.lockedOut());
}

TEST(KioskKeypad, TooShortIsNotCheckedNorCounted) {
    CountingKeypad k;
    EXPECT_EQ(enter(k.keypad, "12"), KeypadOutcome::TooShort);
    EXPECT_EQ(k.checks, 0);
    EXPECT_EQ(k.keypad.wrongCodes(), 0);
}

TEST(KioskKeypad, FiveWrongCodesLockOutEvenTheRightOne) {
    CountingKeypad k;
    for (int i = 0; i < kKeypadMaxWrongCodes - 1; ++i)
        EXPECT_EQ(enter(k.keypad, "0000"), KeypadOutcome::Wrong);
    EXPECT_EQ(enter(k.keypad, "0000"), KeypadOutcome::LockedOut);
    EXPECT_TRUE(k.keypad.lockedOut());
    EXPECT_DOUBLE_EQ(k.keypad.lockoutSecondsLeft(), kKeypadLockoutSeconds);
    const int checksBefore = k.checks;
    EXPECT_EQ(enter(k.keypad, kCode), KeypadOutcome::LockedOut);
    EXPECT_EQ(k.checks, checksBefore) << "a locked keypad must not even check a code";
    EXPECT_EQ(k.keypad.length(), 0u) << "digits typed during the lockout were kept";
}

TEST(KioskKeypad, LockoutRunsOnFrameTimeAndExpires) {
    CountingKeypad k;
    for (int i = 0; i < kKeypadMaxWrongCodes; ++i)
        enter(k.keypad, "0000");
    // 59.9 s of 1/60 s frames: still locked.
    for (int frame = 0; frame < 3594; ++frame)
        k.keypad.update(1.0 / 60.0);
    EXPECT_TRUE(k.keypad.lockedOut());
    EXPECT_EQ(enter(k.keypad, kCode), KeypadOutcome::LockedOut);
    for (int frame = 0; frame < 12; ++frame)
        k.keypad.update(1.0 / 60.0);
    EXPECT_FALSE(k.keypad.lockedOut());
    EXPECT_EQ(k.keypad.wrongCodes(), 0) << "the count starts over after a lockout";
    EXPECT_EQ(enter(k.keypad, kCode), KeypadOutcome::Unlocked);
}

TEST(KioskKeypad, BadFrameTimesDoNotShortenTheLockout) {
    CountingKeypad k;
    for (int i = 0; i < kKeypadMaxWrongCodes; ++i)
        enter(k.keypad, "0000");
    k.keypad.update(-100);
    k.keypad.update(std::numeric_limits<double>::quiet_NaN());
    EXPECT_DOUBLE_EQ(k.keypad.lockoutSecondsLeft(), kKeypadLockoutSeconds);
}

TEST(KioskKeypad, CancelClearsTheEntry) {
    CountingKeypad k;
    type(k.keypad, "24");
    EXPECT_EQ(k.keypad.press(KeypadKey::Cancel), KeypadOutcome::Cancelled);
    EXPECT_EQ(k.keypad.length(), 0u);
    EXPECT_EQ(enter(k.keypad, kCode), KeypadOutcome::Unlocked) << "old digits leaked in";
}

TEST(KioskKeypadLayout, KeysAreAtLeastTheTargetInsideThePanelAndApart) {
    for (const auto& [w, h, target] :
         {std::tuple{1280.f, 720.f, 57.f}, {3840.f, 2160.f, 90.f}, {800.f, 480.f, 57.f}}) {
        const KeypadLayout l = layoutKeypad(w, h, target);
        for (std::size_t i = 0; i < kKeypadKeyCount; ++i) {
            const UiRect& r = l.keys[i];
            EXPECT_GE(r.width, target) << "key " << i;
            EXPECT_GE(r.height, target) << "key " << i;
            EXPECT_GE(r.x, l.panel.x);
            EXPECT_LE(r.x + r.width, l.panel.x + l.panel.width + 0.01f);
            EXPECT_LE(r.y + r.height, l.panel.y + l.panel.height + 0.01f);
            for (std::size_t j = i + 1; j < kKeypadKeyCount; ++j) {
                const UiRect& o = l.keys[j];
                const bool apart = r.x + r.width <= o.x || o.x + o.width <= r.x ||
                                   r.y + r.height <= o.y || o.y + o.height <= r.y;
                EXPECT_TRUE(apart) << "keys " << i << " and " << j << " overlap";
            }
        }
        if (h >= 720) {
            EXPECT_LE(l.panel.y + l.panel.height, h)
                << "the keypad runs off a " << h << " px screen";
        }
    }
}

TEST(KioskKeypadLayout, PhonePadOrderAndCentred) {
    const KeypadLayout l = layoutKeypad(1280, 720, 57);
    EXPECT_LT(l.key(digitKey(1)).x, l.key(digitKey(2)).x);
    EXPECT_LT(l.key(digitKey(1)).y, l.key(digitKey(4)).y);
    EXPECT_FLOAT_EQ(l.key(digitKey(0)).x, l.key(digitKey(8)).x);
    EXPECT_GT(l.key(digitKey(0)).y, l.key(digitKey(8)).y);
    EXPECT_GT(l.key(KeypadKey::Cancel).y, l.key(digitKey(0)).y);
    EXPECT_NEAR(l.panel.x + l.panel.width / 2, 640, 1);
    EXPECT_NEAR(l.panel.y + l.panel.height / 2, 360, 1);
}

TEST(KioskMetrics, TargetsAreFifteenMillimetresAtAnyDpi) {
    for (float dpi : {72.f, 96.f, 160.f, 300.f}) {
        const KioskMetrics m = kioskMetrics(dpi);
        EXPECT_GE(m.targetPixels / dpi * 25.4f, 15.0f) << dpi << " dpi";
        EXPECT_LT(m.targetPixels / dpi * 25.4f, 15.0f + 25.4f / dpi) << "more than a pixel over";
        EXPECT_GE(m.fontPixels, 24.0f) << dpi << " dpi";
    }
    EXPECT_FLOAT_EQ(kioskMetrics(96).targetPixels, 57.0f);  // 15 / 25.4 * 96 = 56.7
}

TEST(KioskMetrics, TextGrowsWithTheTargetOnDenseScreens) {
    EXPECT_FLOAT_EQ(kioskMetrics(96).fontPixels, 26.0f);
    EXPECT_GT(kioskMetrics(300).fontPixels, 2 * kioskMetrics(96).fontPixels);
}

TEST(KioskMetrics, UnusableDpiFallsBackTo96) {
    for (float dpi : {0.f, -5.f, 5.f, 1e6f, std::numeric_limits<float>::quiet_NaN()}) {
        const KioskMetrics m = kioskMetrics(dpi);
        EXPECT_FLOAT_EQ(m.dpi, kFallbackDpi) << dpi;
        EXPECT_FLOAT_EQ(m.targetPixels, kioskMetrics(96).targetPixels) << dpi;
    }
}

TEST(KioskState, VisitorStartedTourStopsOnTheNextTouch) {
    auto kiosk = KioskState::create(KioskSettings{}, 0.0);
    ASSERT_TRUE(kiosk.ok());
    KioskState& k = kiosk.value();
    EXPECT_TRUE(k.startAttract(5.0));
    EXPECT_EQ(k.mode(), KioskMode::Attract);
    EXPECT_FALSE(k.startAttract(6.0)) << "a second press must not restart the tour";
    EXPECT_EQ(k.tick(7.0), KioskAction::None);
    k.input(8.0);
    EXPECT_EQ(k.tick(8.0), KioskAction::StopAttract);
}
