#pragma once
/// A script of input events for the viewer (`--inject FILE`), pushed into the real SDL event
/// queue at given frames: how tests and benchmarks touch, tap, type and resize a real window
/// under Xvfb, where there is no touch screen. Touches are pushed the way SDL delivers a real
/// one: the first finger also moves and presses the emulated mouse (SDL_TOUCH_MOUSEID), which is
/// what ImGui's panels react to, and every finger sends its SDL_FINGER* event.
///
/// One event a line, `FRAME WHAT ARGS`; `#` starts a comment:
///   12 down 1 0.50 0.40     finger 1 touches at x, y (0..1 of the window, y down)
///   13 move 1 0.55 0.40     finger 1 moves there
///   14 up 1 0.55 0.40       finger 1 lifts there
///   20 key Escape           a key press and release (SDL key names: Escape, F12, H, Return)
///   21 text 村口            typed text (an SDL_TEXTINPUT)
///   22 click 640 360        a left mouse click at window pixels
///   23 click 640 360 2      the second click of a double click there
///   30 resize 1024 600      the window is resized
///   31 quit                 a quit request (the window's close button)
///   40 print                after frame 40 is drawn, print the camera (and what is selected)
///   50 memory               after frame 50, print the process's resident memory

#include <cunjing/geo/Result.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

struct SDL_Window;

namespace cunjing::viewer {

struct ScriptEvent {
    enum class Kind { Down, Move, Up, Key, Text, Click, Resize, Quit, Print, Memory };
    int frame = 0;
    Kind kind = Kind::Print;
    std::int64_t finger = 0;
    double x = 0, y = 0;  ///< touch: 0..1 of the window; click: window pixels
    int width = 0, height = 0;
    int clicks = 1;    ///< click: SDL's count (2 for the second click of a double click)
    std::string text;  ///< key name or typed text
    int line = 0;
};

/// Every problem at once, each with file:line and what the line should look like.
Result<std::vector<ScriptEvent>> parseEventScript(const std::string& text,
                                                  const std::filesystem::path& file);
Result<std::vector<ScriptEvent>> readEventScript(const std::filesystem::path& file);

/// Feeds a parsed script to the window frame by frame.
class EventInjector {
public:
    explicit EventInjector(std::vector<ScriptEvent> events);

    /// Pushes every input event of `frame` onto SDL's queue, in script order; resizes the
    /// window for `resize`. Call before the frame polls its events.
    void push(int frame, SDL_Window* window);
    /// Whether the script asks for the camera to be printed after `frame`.
    bool printAfter(int frame) const { return asks(frame, ScriptEvent::Kind::Print); }
    /// Whether it asks for the resident memory after `frame`.
    bool memoryAfter(int frame) const { return asks(frame, ScriptEvent::Kind::Memory); }

private:
    void pushTouch(const ScriptEvent& e, SDL_Window* window);
    bool asks(int frame, ScriptEvent::Kind kind) const;

    std::vector<ScriptEvent> events_;
    /// The finger SDL would emulate the mouse with (the first one down), or -1.
    std::int64_t mouseFinger_ = -1;
};

}  // namespace cunjing::viewer
