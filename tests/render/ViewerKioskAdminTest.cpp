// The kiosk's admin passcode in the real window under Xvfb (issue 8): a 2 s hold on the corner
// lock opens the keypad, the right digits unlock it and the admin menu's Quit ends the kiosk
// before its last frame; wrong digits keep it locked with the wrong-code message on screen;
// the keypad's keys measure at least 15 mm at the --dpi given. Taps land where the panels'
// own layout functions put the keys.

#include "GoldenImage.h"
#include "KioskKeypad.h"
#include "KioskMetrics.h"
#include "TestPaths.h"
#include "ViewerRun.h"

#include <cunjing/viewer/KioskPasscode.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace cunjing::test;
using namespace cunjing::viewer;

namespace {

constexpr int kWidth = 1280, kHeight = 720;
constexpr float kDpi = 120;  // 15 mm = 71 px
constexpr const char* kCode = "2468";
/// Frames the lock is held: 2.2 s at the test's fixed 0.0166 s frames, over the 2 s needed.
constexpr int kHoldFrames = 133;

std::filesystem::path demoDir() {
    return std::filesystem::absolute(sourceDir() / "assets" / "demo");
}

/// The demo scene with a kiosk passcode hash, in a folder of links to the demo's files. Idle
/// and home times far beyond the run, so no tour moves the view.
std::filesystem::path adminScene() {
    auto hash = hashPasscode(kCode);
    EXPECT_TRUE(hash.ok()) << hash.firstError();
    return demoSceneWith("kiosk_admin_scene",
                         R"("kiosk": {"idle_seconds": 600, "home_seconds": 1200, )"
                         R"("passcode_hash": ")" +
                             (hash.ok() ? hash.value() : std::string()) + "\"},");
}

/// "FRAME down 1 X Y" then "FRAME+2 up 1 X Y" at the centre of `r`, X and Y as 0..1.
std::string tap(int frame, const UiRect& r) {
    const double x = (r.x + r.width / 2) / kWidth, y = (r.y + r.height / 2) / kHeight;
    std::ostringstream s;
    s << frame << " down 1 " << x << " " << y << "\n"
      << frame + 2 << " up 1 " << x << " " << y << "\n";
    return s.str();
}

/// Holds the lock, types `digits`, OK, then taps where the admin menu's Quit is. Returns the
/// script's last frame.
int writeScript(const std::filesystem::path& file, const std::string& digits) {
    const float target = kioskMetrics(kDpi).targetPixels;
    const UiRect entry = adminEntryRect(kWidth, kHeight, target);
    const KeypadLayout keypad = layoutKeypad(kWidth, kHeight, target);
    const AdminMenuLayout menu = layoutAdminMenu(kWidth, kHeight, target);
    std::ostringstream s;
    const double x = (entry.x + entry.width / 2) / kWidth,
                 y = (entry.y + entry.height / 2) / kHeight;
    s << "# hold the corner lock for 2.2 s\n5 down 1 " << x << " " << y << "\n"
      << 5 + kHoldFrames << " up 1 " << x << " " << y << "\n";
    int frame = 5 + kHoldFrames + 4;
    for (char c : digits) {
        s << tap(frame, keypad.key(digitKey(c - '0')));
        frame += 4;
    }
    s << tap(frame, keypad.key(KeypadKey::Ok));
    frame += 6;
    s << "# the admin menu's quit\n" << tap(frame, menu.quit);
    std::ofstream(file) << s.str();
    return frame + 2;
}

ViewerRun runAdmin(const std::string& name, const std::string& digits) {
    const auto script = outputDir("render") / ("kiosk_admin_" + name + ".txt");
    const int last = writeScript(script, digits);
    std::ostringstream args;
    args << "--kiosk --dpi " << kDpi << " --fixed-dt 0.0166 --inject " << quoted(script);
    if (std::filesystem::exists(demoDir() / "heritage_demo.gpkg"))
        args << " --registry " << quoted(demoStoreCopy("kiosk_admin_" + name));
    // Twenty frames past the quit tap: a kiosk that quits never reaches the last one.
    return runViewer("kiosk_admin_" + name, adminScene(), last + 20, kWidth, kHeight, args.str());
}

/// The extent of the button under (x, y) along a row or column: pixels brighter than the
/// keypad's dark background (a button's fill, or its white label) from there outwards.
int extent(const osg::Image& image, int x, int y, bool horizontal, double threshold) {
    int lo = 0, hi = 0;
    const auto bright = [&](int d) {
        const int px = horizontal ? x + d : x, py = horizontal ? y : y + d;
        if (px < 0 || py < 0 || px >= image.s() || py >= image.t())
            return false;
        return luminanceAt(image, px, py) > threshold;
    };
    while (bright(lo - 1))
        --lo;
    while (bright(hi + 1))
        ++hi;
    return hi - lo + 1;
}

}  // namespace

TEST(ViewerKioskAdmin, RightPasscodeUnlocksAndQuitEndsTheKiosk) {
    if (!haveDisplay())
        GTEST_SKIP() << "DISPLAY is not set; test.sh runs this under Xvfb";
    const ViewerRun run = runAdmin("right", kCode);
    EXPECT_EQ(run.command.exitCode, 0) << run.command.out;
    EXPECT_NE(run.command.out.find("kiosk: quit"), std::string::npos) << run.command.out;
    EXPECT_FALSE(run.image) << "the unlocked kiosk's Quit did not end it before its last frame";
}

TEST(ViewerKioskAdmin, WrongPasscodeStaysLockedAndSaysSo) {
    if (!haveDisplay())
        GTEST_SKIP() << "DISPLAY is not set; test.sh runs this under Xvfb";
    const ViewerRun run = runAdmin("wrong", "1357");
    ASSERT_EQ(run.command.exitCode, 0) << run.command.out;
    EXPECT_EQ(run.command.out.find("kiosk: quit"), std::string::npos) << run.command.out;
    ASSERT_TRUE(run.image) << "a locked kiosk quit, or wrote no frame:\n" << run.command.out;
    const float target = kioskMetrics(kDpi).targetPixels;
    const KeypadLayout keypad = layoutKeypad(kWidth, kHeight, target);
    // The keypad is still up, with the wrong-code message in its message row.
    const ScreenRect message{int(keypad.message.x), int(keypad.message.y),
                             int(keypad.message.width), int(keypad.message.height)};
    const double glyphs = edgeDensity(*run.image, message);
    std::cerr << "message row edge density " << glyphs << "\n";
    EXPECT_GT(glyphs, 0.02) << "no wrong-code message under the entry";
    // Each key as drawn is at least the 15 mm target across and high (a pixel of
    // anti-aliasing either way allowed). Measured from a point left of the label.
    for (int d : {1, 5, 9, 0}) {
        const UiRect& key = keypad.key(digitKey(d));
        const int x = int(key.x + 0.15f * key.width), y = int(key.y + key.height / 2);
        const double background = luminanceAt(*run.image, int(key.x - 3), y);
        const double threshold = background + 0.5 * (luminanceAt(*run.image, x, y) - background);
        const int width = extent(*run.image, x, y, true, threshold);
        const int height = extent(*run.image, x, y, false, threshold);
        std::cerr << "key " << d << ": " << width << " x " << height << " px, target " << target
                  << "\n";
        EXPECT_GE(width, target - 1) << "key " << d;
        EXPECT_GE(height, target - 1) << "key " << d;
        EXPECT_LE(height, key.height + 2) << "key " << d << " runs into its neighbours";
    }
}
