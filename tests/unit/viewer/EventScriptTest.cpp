// The --inject event script: its parsing (every bad line reported with file:line) and the
// events it pushes, in the order SDL delivers a real touch.

#include "EventScript.h"
#include "ScriptText.h"

#include <SDL.h>
#include <gtest/gtest.h>

#include <vector>

using namespace cunjing::viewer;

TEST(EventScript, ParsesEveryKindSortedByFrame) {
    const auto events = parseEventScript(
        "# a pinch\n"
        "5 down 1 0.25 0.5\n"
        "5 down 2 0.75 0.5   # both fingers in one frame\n"
        "3 key Escape\n"
        "7 text 村口\n"
        "8 click 640 360\n"
        "9 resize 800 600\n"
        "\n"
        "10 quit\n"
        "11 print\n",
        "pinch.txt");
    ASSERT_TRUE(events.ok()) << events.firstError();
    const auto& e = events.value();
    ASSERT_EQ(e.size(), 8u);
    EXPECT_EQ(e[0].kind, ScriptEvent::Kind::Key);
    EXPECT_EQ(e[0].text, "Escape");
    EXPECT_EQ(e[1].kind, ScriptEvent::Kind::Down);
    EXPECT_EQ(e[1].finger, 1);
    EXPECT_EQ(e[2].finger, 2) << "events of one frame keep their order";
    EXPECT_DOUBLE_EQ(e[2].x, 0.75);
    EXPECT_EQ(e[3].text, "村口");
    EXPECT_EQ(e[5].width, 800);
    EXPECT_EQ(e[7].kind, ScriptEvent::Kind::Print);
    EXPECT_EQ(e[7].line, 10);
}

TEST(EventScript, ReportsEveryBadLineWithFileAndLine) {
    const auto events = parseEventScript(
        "x down 1 0.5 0.5\n"
        "2 swipe 1\n"
        "3 down 1 1.5 0.5\n"
        "4 key NoSuchKey\n"
        "5 resize 10 10\n"
        "6 quit now\n"
        "7 print\n",
        "bad.txt");
    ASSERT_FALSE(events.ok());
    const auto& errors = events.errors();
    ASSERT_EQ(errors.size(), 6u);
    for (std::size_t i = 0; i < errors.size(); ++i) {
        EXPECT_EQ(errors[i].file, "bad.txt");
        EXPECT_EQ(errors[i].where, "line " + std::to_string(i + 1));
    }
    EXPECT_NE(errors[1].message.find("unknown event \"swipe\""), std::string::npos);
    EXPECT_NE(errors[2].message.find("from 0 to 1"), std::string::npos);
    EXPECT_NE(errors[3].message.find("SDL key name"), std::string::npos);
    EXPECT_NE(errors[5].message.find("\"now\""), std::string::npos);
}

TEST(EventScript, ClickTakesAnOptionalCountForDoubleClicks) {
    const auto events = parseEventScript("4 click 10 20\n5 click 10 20 2\n", "double.txt");
    ASSERT_TRUE(events.ok()) << events.firstError();
    EXPECT_EQ(events.value()[0].clicks, 1);
    EXPECT_EQ(events.value()[1].clicks, 2);
    const auto bad = parseEventScript("4 click 10 20 9\n5 click 10 20 two\n", "bad.txt");
    ASSERT_FALSE(bad.ok());
    ASSERT_EQ(bad.errors().size(), 2u);
    EXPECT_NE(bad.errors()[0].message.find("1, 2 or 3"), std::string::npos);
}

TEST(EventScript, MissingFileIsAnError) {
    const auto events = readEventScript("/nonexistent/script.txt");
    ASSERT_FALSE(events.ok());
    EXPECT_NE(events.firstError().find("cannot read"), std::string::npos);
}

namespace {
std::vector<SDL_Event> drain() {
    std::vector<SDL_Event> events;
    SDL_Event e;
    while (SDL_PollEvent(&e))
        events.push_back(e);
    return events;
}
}  // namespace

TEST(EventScript, FirstFingerAlsoDrivesTheEmulatedMouseLikeSdl) {
    ASSERT_EQ(SDL_Init(SDL_INIT_EVENTS), 0) << SDL_GetError();
    drain();
    auto script = parseEventScript(
        "1 down 1 0.5 0.5\n"
        "1 down 2 0.6 0.5\n"
        "2 move 1 0.4 0.5\n"
        "2 up 2 0.6 0.5\n"
        "3 up 1 0.4 0.5\n"
        "3 print\n",
        "t.txt");
    ASSERT_TRUE(script.ok()) << script.firstError();
    EventInjector injector(std::move(script).value());
    // No window: sizes read as 1x1, which is enough to see the order and the ids.
    injector.push(1, nullptr);
    auto frame1 = drain();
    ASSERT_EQ(frame1.size(), 4u);
    EXPECT_EQ(frame1[0].type, SDL_MOUSEMOTION);
    EXPECT_EQ(frame1[0].motion.which, SDL_TOUCH_MOUSEID);
    EXPECT_EQ(frame1[1].type, SDL_MOUSEBUTTONDOWN);
    EXPECT_EQ(frame1[2].type, SDL_FINGERDOWN);
    EXPECT_EQ(frame1[2].tfinger.fingerId, 1);
    EXPECT_EQ(frame1[3].type, SDL_FINGERDOWN) << "a second finger moves no mouse";
    EXPECT_EQ(frame1[3].tfinger.fingerId, 2);
    injector.push(2, nullptr);
    auto frame2 = drain();
    ASSERT_EQ(frame2.size(), 3u);
    EXPECT_EQ(frame2[0].type, SDL_MOUSEMOTION);
    EXPECT_EQ(frame2[1].type, SDL_FINGERMOTION);
    EXPECT_EQ(frame2[2].type, SDL_FINGERUP);
    injector.push(3, nullptr);
    auto frame3 = drain();
    ASSERT_EQ(frame3.size(), 3u);
    EXPECT_EQ(frame3[1].type, SDL_MOUSEBUTTONUP);
    EXPECT_EQ(frame3[2].type, SDL_FINGERUP);
    EXPECT_TRUE(injector.printAfter(3));
    EXPECT_FALSE(injector.printAfter(2));
    SDL_Quit();
}

TEST(ScriptText, PlainSavesGoWhereTheSaveOptionSays) {
    EXPECT_EQ(redirectSaves("add; save ;seconds 3\nsave x.json", "out.json"),
              "add;save out.json;seconds 3;save x.json");
    EXPECT_EQ(redirectSaves("add;save", ""), "add;save") << "no --*-save: unchanged";
    EXPECT_EQ(trimBlanks(" \t save\r\n"), "save");
    EXPECT_EQ(trimBlanks("   "), "");
}
