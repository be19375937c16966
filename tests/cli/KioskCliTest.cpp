// End to end: `cunjing kiosk passcode` reads the digits from stdin and prints the
// "passcode_hash" line for the scene; the hash checks against the digits and no others, and
// pasted into a scene's "kiosk" key it loads. A passcode that is not 4-12 digits exits 2 with
// a line saying what is wrong, and prints no hash.

#include "TestPaths.h"

#include <cunjing/scene/SceneFile.h>
#include <cunjing/viewer/KioskPasscode.h>

#include <gtest/gtest.h>

#include <regex>
#include <string>

using namespace cunjing::test;

namespace {

CommandResult passcode(const std::string& stdinText) {
    return runCommand("printf '" + stdinText + "' | '" + executable("cunjing").string() +
                      "' kiosk passcode");
}

/// The hash in `"passcode_hash": "$y$..."`, or empty.
std::string printedHash(const std::string& out) {
    std::smatch m;
    return std::regex_search(out, m, std::regex(R"re("passcode_hash": "(\$y\$[^"]+)")re"))
               ? m[1].str()
               : std::string();
}

}  // namespace

TEST(KioskCli, PrintsAHashThatChecksAgainstTheDigitsOnly) {
    const CommandResult r = passcode("24681357\\n");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    const std::string hash = printedHash(r.out);
    ASSERT_FALSE(hash.empty()) << "no \"passcode_hash\" line in:\n" << r.out;
    EXPECT_EQ(r.out.find("24681357"), std::string::npos) << "the digits were printed";
    EXPECT_TRUE(cunjing::viewer::checkPasscode("24681357", hash).ok());
    EXPECT_FALSE(cunjing::viewer::checkPasscode("24681358", hash).ok());
    EXPECT_TRUE(cunjing::scene::isYescryptHash(hash));
}

TEST(KioskCli, HashPastedIntoASceneLoads) {
    const std::string hash = printedHash(passcode("9753\\n").out);
    ASSERT_FALSE(hash.empty());
    const std::string scene = R"({"version": 1, "crs": "EPSG:4547", "kiosk": {"idle_seconds": 30, )"
                              R"("home_seconds": 90, "passcode_hash": ")" +
                              hash + "\"}}";
    auto loaded = cunjing::scene::parseSceneText(scene, "kiosk.json");
    ASSERT_TRUE(loaded.ok()) << loaded.firstError();
    EXPECT_EQ(loaded.value().kiosk.passcodeHash, hash);
}

TEST(KioskCli, SceneWithAPlainPasscodeIsRefusedWithItsPath) {
    auto loaded = cunjing::scene::parseSceneText(
        R"({"version": 1, "crs": "EPSG:4547", "kiosk": {"passcode_hash": "1234"}})", "k.json");
    ASSERT_FALSE(loaded.ok());
    const std::string error = loaded.firstError();
    EXPECT_NE(error.find("k.json"), std::string::npos) << error;
    EXPECT_NE(error.find("$.kiosk.passcode_hash"), std::string::npos) << error;
    EXPECT_NE(error.find("cunjing kiosk passcode"), std::string::npos) << error;
}

TEST(KioskCli, TooShortPasscodeExitsTwoWithoutAHash) {
    const CommandResult r = passcode("123\\n");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("error: passcode: must be 4 to 12 digits"), std::string::npos) << r.out;
    EXPECT_TRUE(printedHash(r.out).empty()) << r.out;
}

TEST(KioskCli, NonDigitsExitTwo) {
    const CommandResult r = passcode("12ab56\\n");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("only the digits 0-9"), std::string::npos) << r.out;
}

TEST(KioskCli, EmptyInputExitsTwo) {
    const CommandResult r = passcode("");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("error: passcode"), std::string::npos) << r.out;
}
