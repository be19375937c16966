#include <cunjing/viewer/KioskPasscode.h>
#include "KioskState.h"

#include <gtest/gtest.h>

#include <limits>

using namespace cunjing::viewer;

namespace {
/// A kiosk with the default 60 s / 180 s settings that last saw input at t = 0.
KioskState freshKiosk() {
    auto kiosk = KioskState::create(KioskSettings{}, 0.0);
    EXPECT_TRUE(kiosk.ok()) << kiosk.firstError();
    return kiosk.value();
}
}  // namespace

TEST(KioskState, IdleStartsAttractAtIdleSeconds) {
    KioskState kiosk = freshKiosk();
    EXPECT_EQ(kiosk.tick(30.0), KioskAction::None);
    EXPECT_EQ(kiosk.tick(59.9), KioskAction::None);
    EXPECT_EQ(kiosk.mode(), KioskMode::Interactive);
    EXPECT_EQ(kiosk.tick(60.0), KioskAction::StartAttract);
    EXPECT_EQ(kiosk.mode(), KioskMode::Attract);
    EXPECT_EQ(kiosk.tick(61.0), KioskAction::None) << "the tour is started once, not every frame";
}

TEST(KioskState, TouchDuringAttractStopsItAndHandsBackControl) {
    KioskState kiosk = freshKiosk();
    ASSERT_EQ(kiosk.tick(60.0), KioskAction::StartAttract);
    kiosk.input(70.0);
    EXPECT_EQ(kiosk.mode(), KioskMode::Interactive);
    EXPECT_EQ(kiosk.tick(70.0), KioskAction::StopAttract);
    EXPECT_EQ(kiosk.tick(71.0), KioskAction::None);
    EXPECT_EQ(kiosk.tick(129.9), KioskAction::None) << "idle counts from the touch";
    EXPECT_EQ(kiosk.tick(130.0), KioskAction::StartAttract);
}

TEST(KioskState, LongIdleResetsHomeOnceThenAttractsAgain) {
    KioskState kiosk = freshKiosk();
    ASSERT_EQ(kiosk.tick(60.0), KioskAction::StartAttract);
    EXPECT_EQ(kiosk.tick(179.0), KioskAction::None);
    EXPECT_EQ(kiosk.tick(180.0), KioskAction::ResetHome);
    EXPECT_EQ(kiosk.tick(180.1), KioskAction::StartAttract);
    EXPECT_EQ(kiosk.mode(), KioskMode::Attract);
    for (double t = 181.0; t < 2000.0; t += 10.0) {
        EXPECT_EQ(kiosk.tick(t), KioskAction::None) << "at t = " << t;
    }
}

TEST(KioskState, StalledFrameResetsHomeBeforeStartingAttract) {
    KioskState kiosk = freshKiosk();
    EXPECT_EQ(kiosk.tick(500.0), KioskAction::ResetHome);
    EXPECT_EQ(kiosk.tick(500.0), KioskAction::StartAttract);
}

TEST(KioskState, HomeResetIsArmedAgainByInput) {
    KioskState kiosk = freshKiosk();
    ASSERT_EQ(kiosk.tick(60.0), KioskAction::StartAttract);
    ASSERT_EQ(kiosk.tick(180.0), KioskAction::ResetHome);
    ASSERT_EQ(kiosk.tick(181.0), KioskAction::StartAttract);
    kiosk.input(200.0);
    EXPECT_EQ(kiosk.tick(200.0), KioskAction::StopAttract);
    EXPECT_EQ(kiosk.tick(260.0), KioskAction::StartAttract);
    EXPECT_EQ(kiosk.tick(380.0), KioskAction::ResetHome);
}

TEST(KioskState, InputKeepsItInteractive) {
    KioskState kiosk = freshKiosk();
    for (double t = 0.0; t < 1000.0; t += 50.0) {
        kiosk.input(t);
        EXPECT_EQ(kiosk.tick(t + 49.0), KioskAction::None) << "at t = " << t;
        EXPECT_EQ(kiosk.mode(), KioskMode::Interactive);
    }
}

TEST(KioskState, TimeGoingBackwardsIsIgnored) {
    KioskState kiosk = freshKiosk();
    EXPECT_EQ(kiosk.tick(50.0), KioskAction::None);
    kiosk.input(10.0);  // earlier than a tick already seen: counts as t = 50
    EXPECT_EQ(kiosk.tick(-1000.0), KioskAction::None);
    EXPECT_EQ(kiosk.tick(std::numeric_limits<double>::quiet_NaN()), KioskAction::None);
    EXPECT_EQ(kiosk.tick(109.9), KioskAction::None);
    EXPECT_EQ(kiosk.tick(110.0), KioskAction::StartAttract);
}

TEST(KioskSettings, DefaultsAreValid) {
    EXPECT_TRUE(validateKioskSettings(KioskSettings{}).ok());
    EXPECT_EQ(KioskSettings{}.idleSeconds, 60.0);
    EXPECT_EQ(KioskSettings{}.homeSeconds, 180.0);
}

TEST(KioskSettings, HomeNotLongerThanIdleIsRejected) {
    for (double home : {60.0, 30.0, std::numeric_limits<double>::infinity()}) {
        auto kiosk = KioskState::create(KioskSettings{60.0, home}, 0.0);
        ASSERT_FALSE(kiosk.ok()) << "homeSeconds " << home;
        EXPECT_EQ(kiosk.errors()[0].where, "homeSeconds");
        EXPECT_NE(kiosk.firstError().find("longer than idleSeconds"), std::string::npos)
            << kiosk.firstError();
    }
}

TEST(KioskSettings, NonPositiveIdleIsRejected) {
    for (double idle : {0.0, -5.0, std::numeric_limits<double>::quiet_NaN()}) {
        const cunjing::Status valid = validateKioskSettings(KioskSettings{idle, 180.0});
        ASSERT_FALSE(valid.ok()) << "idleSeconds " << idle;
        EXPECT_EQ(valid.errors()[0].where, "idleSeconds");
    }
}

TEST(KioskPasscode, HashRoundTrips) {
    auto hashed = hashPasscode("2468");
    ASSERT_TRUE(hashed.ok()) << hashed.firstError();
    EXPECT_TRUE(hashed.value().starts_with("$y$")) << hashed.value();
    EXPECT_EQ(hashed.value().find("2468"), std::string::npos) << "the digits are not stored";
    const cunjing::Status check = checkPasscode("2468", hashed.value());
    EXPECT_TRUE(check.ok()) << check.firstError();
}

TEST(KioskPasscode, WrongCodeIsRefused) {
    auto hashed = hashPasscode("123456");
    ASSERT_TRUE(hashed.ok()) << hashed.firstError();
    for (const char* wrong : {"123457", "1234567", "654321", "0123456"}) {
        const cunjing::Status check = checkPasscode(wrong, hashed.value());
        ASSERT_FALSE(check.ok()) << wrong;
        EXPECT_NE(check.firstError().find("wrong passcode"), std::string::npos)
            << check.firstError();
    }
}

TEST(KioskPasscode, SameCodeHashesDifferentlyEachTime) {
    auto first = hashPasscode("0000");
    auto second = hashPasscode("0000");
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_NE(first.value(), second.value()) << "each hash gets its own salt";
    EXPECT_TRUE(checkPasscode("0000", first.value()).ok());
    EXPECT_TRUE(checkPasscode("0000", second.value()).ok());
}

TEST(KioskPasscode, BadLengthsAndNonDigitsAreRefused) {
    for (const std::string_view bad :
         {std::string_view(""), std::string_view("123"), std::string_view("1234567890123"),
          std::string_view("12a4"), std::string_view("12 34"), std::string_view("-1234"),
          std::string_view("12\0"
                           "34",
                           5),
          std::string_view("１２３４")}) {
        auto hashed = hashPasscode(bad);
        EXPECT_FALSE(hashed.ok()) << "'" << bad << "'";
        EXPECT_EQ(hashed.errors()[0].where, "passcode");
        EXPECT_FALSE(checkPasscode(bad, "$y$j9T$abc$def").ok()) << "'" << bad << "'";
    }
    EXPECT_TRUE(hashPasscode("123456789012").ok()) << "twelve digits is the longest allowed";
}

TEST(KioskPasscode, GarbageStoredHashIsRefusedWithoutCrash) {
    auto real = hashPasscode("4321");
    ASSERT_TRUE(real.ok());
    const std::string truncated = real.value().substr(0, real.value().size() - 10);
    for (const std::string& garbage :
         {std::string(""), std::string("4321"), std::string("$y$"), std::string("$y$$$$"),
          std::string("$1$abcdefgh$"), std::string("$6$salt$hash"), std::string("*0"),
          std::string("$y$j9T$\xff\xfe$x"), std::string(5000, 'A'), "$y$" + std::string(400, 'z'),
          truncated}) {
        const cunjing::Status check = checkPasscode("4321", garbage);
        EXPECT_FALSE(check.ok()) << garbage.substr(0, 40);
        EXPECT_EQ(check.errors()[0].where, "passcode hash") << garbage.substr(0, 40);
    }
}
