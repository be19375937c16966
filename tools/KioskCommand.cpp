#include "KioskCommand.h"

#include <cunjing/viewer/KioskPasscode.h>

#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <string>

namespace cunjing::tools {

namespace {

constexpr int kOk = 0;
constexpr int kBadInput = 2;

/// Turns the terminal's echo off while it lives, so the digits never show on screen.
class NoEcho {
public:
    NoEcho() : active_(isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved_) == 0) {
        if (!active_)
            return;
        termios quiet = saved_;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    ~NoEcho() {
        if (active_) {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
            std::cerr << "\n";  // the Enter that was typed did not echo either
        }
    }
    NoEcho(const NoEcho&) = delete;
    NoEcho& operator=(const NoEcho&) = delete;

private:
    termios saved_{};
    bool active_;
};

/// One line of stdin without its line ending (and without the echo on a terminal).
std::string readSecretLine(const char* prompt) {
    if (isatty(STDIN_FILENO))
        std::cerr << prompt << std::flush;
    NoEcho noEcho;
    std::string line;
    std::getline(std::cin, line);
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return line;
}

/// Overwrites the passcode before the string lets go of it.
void wipe(std::string& s) {
    std::fill(s.begin(), s.end(), '\0');
    s.clear();
}

int runPasscode() {
    std::string digits = readSecretLine("kiosk admin passcode (4-12 digits): ");
    if (Status valid = viewer::validatePasscode(digits); !valid) {
        wipe(digits);
        std::cerr << "error: " << valid.firstError() << "\n";
        return kBadInput;
    }
    if (isatty(STDIN_FILENO)) {
        // A typo nobody saw would lock the staff out: ask twice when a person is typing.
        std::string again = readSecretLine("the same passcode again: ");
        const bool same = again == digits;
        wipe(again);
        if (!same) {
            wipe(digits);
            std::cerr << "error: passcode: the two entries differ; nothing was made\n";
            return kBadInput;
        }
    }
    auto hash = viewer::hashPasscode(digits);
    wipe(digits);
    if (!hash) {
        std::cerr << "error: " << hash.firstError() << "\n";
        return kBadInput;
    }
    std::cerr << "put this line in the scene's \"kiosk\" object, or in a file given to "
                 "cunjing-viewer --kiosk-config as {\"passcode_hash\": ...}:\n";
    std::cout << "\"passcode_hash\": \"" << hash.value() << "\"\n";
    return kOk;
}

}  // namespace

void addKioskCommand(CLI::App& app, std::function<int()>& run) {
    CLI::App* kiosk = app.add_subcommand("kiosk", "The exhibition kiosk (cunjing-viewer --kiosk)");
    kiosk->require_subcommand(1);
    CLI::App* passcode = kiosk->add_subcommand(
        "passcode",
        "Read the admin passcode (4-12 digits) from stdin, without echo on a terminal, and print "
        "its yescrypt hash as the \"passcode_hash\" line for the scene's \"kiosk\" key");
    passcode->callback([&run] { run = [] { return runPasscode(); }; });
}

}  // namespace cunjing::tools
