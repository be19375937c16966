#include "EventScript.h"

#include <SDL.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>

namespace cunjing::viewer {

namespace {

/// The injected touch screen's device id: not one SDL hands out for a real device.
constexpr SDL_TouchID kInjectedTouch = 0x7C0A;

struct Form {
    const char* word;
    ScriptEvent::Kind kind;
    const char* usage;
};

constexpr Form kForms[] = {
    {"down", ScriptEvent::Kind::Down, "FRAME down FINGER X Y (X, Y from 0 to 1)"},
    {"move", ScriptEvent::Kind::Move, "FRAME move FINGER X Y (X, Y from 0 to 1)"},
    {"up", ScriptEvent::Kind::Up, "FRAME up FINGER X Y (X, Y from 0 to 1)"},
    {"key", ScriptEvent::Kind::Key, "FRAME key NAME (an SDL key name: Escape, F12, H)"},
    {"text", ScriptEvent::Kind::Text, "FRAME text TEXT"},
    {"click", ScriptEvent::Kind::Click,
     "FRAME click X Y [COUNT] (window pixels; COUNT 2: a double click's second)"},
    {"resize", ScriptEvent::Kind::Resize, "FRAME resize WIDTH HEIGHT"},
    {"quit", ScriptEvent::Kind::Quit, "FRAME quit"},
    {"print", ScriptEvent::Kind::Print, "FRAME print"},
    {"memory", ScriptEvent::Kind::Memory, "FRAME memory"},
};

/// Reads the arguments of one line after its frame and word; "" or what is wrong.
std::string readArguments(std::istringstream& in, ScriptEvent& e) {
    using Kind = ScriptEvent::Kind;
    switch (e.kind) {
        case Kind::Down:
        case Kind::Move:
        case Kind::Up:
            if (!(in >> e.finger >> e.x >> e.y))
                return "expected a finger number and two coordinates";
            if (e.x < 0 || e.x > 1 || e.y < 0 || e.y > 1)
                return "touch coordinates are fractions of the window, from 0 to 1";
            break;
        case Kind::Key:
            if (!(in >> e.text) || SDL_GetKeyFromName(e.text.c_str()) == SDLK_UNKNOWN)
                return "not an SDL key name";
            break;
        case Kind::Text:
            std::getline(in >> std::ws, e.text);
            if (e.text.empty() || e.text.size() >= sizeof(SDL_TextInputEvent::text))
                return "expected 1 to 31 bytes of text";
            break;
        case Kind::Click:
            if (!(in >> e.x >> e.y) || e.x < 0 || e.y < 0)
                return "expected two window pixel coordinates";
            if (!(in >> std::ws).eof() && (!(in >> e.clicks) || e.clicks < 1 || e.clicks > 3))
                return "the click count is 1, 2 or 3";
            break;
        case Kind::Resize:
            if (!(in >> e.width >> e.height) || e.width < 64 || e.height < 64)
                return "expected a width and a height of at least 64 pixels";
            break;
        case Kind::Quit:
        case Kind::Print:
        case Kind::Memory:
            break;
    }
    std::string rest;
    if (e.kind != Kind::Text && in >> rest)
        return "unexpected \"" + rest + "\" at the end";
    return {};
}

}  // namespace

Result<std::vector<ScriptEvent>> parseEventScript(const std::string& text,
                                                  const std::filesystem::path& file) {
    std::vector<ScriptEvent> events;
    std::vector<Error> errors;
    std::istringstream lines(text);
    std::string line;
    for (int number = 1; std::getline(lines, line); ++number) {
        if (const auto hash = line.find('#'); hash != std::string::npos)
            line.erase(hash);
        std::istringstream in(line);
        std::string word;
        ScriptEvent e;
        e.line = number;
        if (!(in >> word))
            continue;  // blank or a comment
        auto fail = [&](const std::string& why) {
            errors.push_back(
                Error{file.string(), "line " + std::to_string(number), why + ": \"" + line + "\""});
        };
        try {
            std::size_t used = 0;
            e.frame = std::stoi(word, &used);
            if (used != word.size() || e.frame < 1)
                throw std::invalid_argument(word);
        } catch (const std::exception&) {
            fail("a line starts with its frame number (1 or more)");
            continue;
        }
        in >> word;
        const Form* form = std::find_if(std::begin(kForms), std::end(kForms),
                                        [&](const Form& f) { return word == f.word; });
        if (form == std::end(kForms)) {
            fail("unknown event \"" + word +
                 "\" (known: down, move, up, key, text, click, resize, quit, print, memory)");
            continue;
        }
        e.kind = form->kind;
        if (const std::string why = readArguments(in, e); !why.empty()) {
            fail(why + "; write " + form->usage);
            continue;
        }
        events.push_back(std::move(e));
    }
    if (!errors.empty())
        return Result<std::vector<ScriptEvent>>::failure(std::move(errors));
    // Stable: events of one frame keep their order in the file.
    std::stable_sort(events.begin(), events.end(),
                     [](const ScriptEvent& a, const ScriptEvent& b) { return a.frame < b.frame; });
    return events;
}

Result<std::vector<ScriptEvent>> readEventScript(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return Error{file.string(), "", "cannot read the event script; check the path"};
    std::stringstream text;
    text << in.rdbuf();
    return parseEventScript(text.str(), file);
}

EventInjector::EventInjector(std::vector<ScriptEvent> events) : events_(std::move(events)) {}

bool EventInjector::asks(int frame, ScriptEvent::Kind kind) const {
    return std::any_of(events_.begin(), events_.end(),
                       [&](const ScriptEvent& e) { return e.frame == frame && e.kind == kind; });
}

void EventInjector::pushTouch(const ScriptEvent& e, SDL_Window* window) {
    int width = 1, height = 1;
    SDL_GetWindowSize(window, &width, &height);
    const Uint32 windowId = SDL_GetWindowID(window);
    const int px = int(e.x * width), py = int(e.y * height);
    // SDL emulates the mouse with the first finger down, before it sends the finger's event.
    const bool down = e.kind == ScriptEvent::Kind::Down;
    if (down && mouseFinger_ < 0)
        mouseFinger_ = e.finger;
    if (e.finger == mouseFinger_) {
        SDL_Event motion{};
        motion.type = SDL_MOUSEMOTION;
        motion.motion.windowID = windowId;
        motion.motion.which = SDL_TOUCH_MOUSEID;
        motion.motion.x = px;
        motion.motion.y = py;
        motion.motion.state = down ? 0 : SDL_BUTTON_LMASK;
        SDL_PushEvent(&motion);
        if (e.kind != ScriptEvent::Kind::Move) {
            SDL_Event button{};
            button.type = down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
            button.button.windowID = windowId;
            button.button.which = SDL_TOUCH_MOUSEID;
            button.button.button = SDL_BUTTON_LEFT;
            button.button.state = down ? SDL_PRESSED : SDL_RELEASED;
            button.button.clicks = 1;
            button.button.x = px;
            button.button.y = py;
            SDL_PushEvent(&button);
        }
        if (e.kind == ScriptEvent::Kind::Up)
            mouseFinger_ = -1;
    }
    SDL_Event finger{};
    finger.type = down                              ? SDL_FINGERDOWN
                  : e.kind == ScriptEvent::Kind::Up ? SDL_FINGERUP
                                                    : SDL_FINGERMOTION;
    finger.tfinger.touchId = kInjectedTouch;
    finger.tfinger.fingerId = e.finger;
    finger.tfinger.x = float(e.x);
    finger.tfinger.y = float(e.y);
    finger.tfinger.pressure = e.kind == ScriptEvent::Kind::Up ? 0.0f : 1.0f;
    finger.tfinger.windowID = windowId;
    SDL_PushEvent(&finger);
}

void EventInjector::push(int frame, SDL_Window* window) {
    for (const ScriptEvent& e : events_) {
        if (e.frame != frame)
            continue;
        SDL_Event event{};
        switch (e.kind) {
            case ScriptEvent::Kind::Down:
            case ScriptEvent::Kind::Move:
            case ScriptEvent::Kind::Up:
                pushTouch(e, window);
                break;
            case ScriptEvent::Kind::Key: {
                event.type = SDL_KEYDOWN;
                event.key.windowID = SDL_GetWindowID(window);
                event.key.state = SDL_PRESSED;
                event.key.keysym.sym = SDL_GetKeyFromName(e.text.c_str());
                event.key.keysym.scancode = SDL_GetScancodeFromKey(event.key.keysym.sym);
                SDL_PushEvent(&event);
                event.type = SDL_KEYUP;
                event.key.state = SDL_RELEASED;
                SDL_PushEvent(&event);
                break;
            }
            case ScriptEvent::Kind::Text:
                event.type = SDL_TEXTINPUT;
                event.text.windowID = SDL_GetWindowID(window);
                std::memcpy(event.text.text, e.text.data(), e.text.size());
                SDL_PushEvent(&event);
                break;
            case ScriptEvent::Kind::Click:
                event.type = SDL_MOUSEMOTION;
                event.motion.windowID = SDL_GetWindowID(window);
                event.motion.x = int(e.x);
                event.motion.y = int(e.y);
                SDL_PushEvent(&event);
                event = {};
                event.button.windowID = SDL_GetWindowID(window);
                event.button.button = SDL_BUTTON_LEFT;
                event.button.clicks = std::uint8_t(e.clicks);
                event.button.x = int(e.x);
                event.button.y = int(e.y);
                event.type = SDL_MOUSEBUTTONDOWN;
                event.button.state = SDL_PRESSED;
                SDL_PushEvent(&event);
                event.type = SDL_MOUSEBUTTONUP;
                event.button.state = SDL_RELEASED;
                SDL_PushEvent(&event);
                break;
            case ScriptEvent::Kind::Resize:
                // A real resize: X sends the size-changed events the app handles.
                SDL_SetWindowSize(window, e.width, e.height);
                break;
            case ScriptEvent::Kind::Quit:
                event.type = SDL_QUIT;
                SDL_PushEvent(&event);
                break;
            case ScriptEvent::Kind::Print:
            case ScriptEvent::Kind::Memory:
                break;
        }
    }
}

}  // namespace cunjing::viewer
