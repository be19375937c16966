// The tour editor's script runner (`cunjing-viewer --tour-edit`): the panel's buttons as text,
// for scripted authoring and tests. Every step calls the same TourEditor function a button does.
#include "ScriptText.h"
#include "TourEditor.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

namespace cunjing::viewer {

namespace {

/// The first word and the rest of the step, trimmed.
std::pair<std::string, std::string> splitWord(std::string_view text) {
    const std::size_t space = text.find_first_of(" \t");
    if (space == std::string_view::npos)
        return {std::string(text), {}};
    return {std::string(text.substr(0, space)), std::string(trimBlanks(text.substr(space)))};
}

std::optional<double> parseNumber(const std::string& text) {
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size())
        return std::nullopt;
    return value;
}

/// A whole count of places or a 1-based step number.
std::optional<int> parseCount(const std::string& text) {
    const auto n = parseNumber(text);
    if (!n || *n != double(int(*n)))
        return std::nullopt;
    return int(*n);
}

Status failure(std::string message) {
    return Error{{}, {}, std::move(message)};
}

}  // namespace

Status TourEditor::runScript(std::string_view script) {
    int number = 0;
    std::size_t start = 0;
    while (start <= script.size()) {
        const std::size_t end = std::min(script.find_first_of(";\n", start), script.size());
        const std::string_view step = trimBlanks(script.substr(start, end - start));
        start = end + 1;
        if (step.empty())
            continue;
        ++number;
        if (const Status done = runStep(step); !done)
            return Error{{},
                         "step " + std::to_string(number) + " '" + std::string(step) + "'",
                         done.errors().front().message};
    }
    return Done{};
}

Status TourEditor::runStep(std::string_view step) {
    const auto [command, rest] = splitWord(trimBlanks(step));
    if (command == "add" && rest.empty())
        return addCurrentView();
    if (command == "seconds") {
        const auto seconds = parseNumber(rest);
        if (!seconds)
            return failure("write seconds N, e.g. seconds 5");
        return setSeconds(*seconds);
    }
    if (command == "caption") {
        const auto [language, text] = splitWord(rest);
        if (language != "zh" && language != "en")
            return failure("write caption zh TEXT or caption en TEXT");
        return setCaption(language == "zh" ? scene::Language::Chinese : scene::Language::English,
                          text);
    }
    if (command == "up" || command == "down") {
        const auto places = rest.empty() ? std::optional<int>(1) : parseCount(rest);
        if (!places || *places < 1)
            return failure("write " + command + " [N], N a whole number of places");
        return move(command == "up" ? -*places : *places);
    }
    if (command == "delete" && rest.empty())
        return removeSelected();
    if (command == "select") {
        const auto index = parseCount(rest);
        if (!index)
            return failure("write select N, N the step's number from 1");
        return select(*index - 1);
    }
    if (command == "view" && !rest.empty())
        return goToViewpoint(rest);
    if (command == "preview" && rest.empty())
        return preview();
    if (command == "save")
        return save(rest);
    return failure("unknown step '" + std::string(trimBlanks(step)) +
                   "' (known: add, seconds N, caption zh|en TEXT, up [N], down [N], delete, "
                   "select N, view NAME, preview, save [PATH])");
}

}  // namespace cunjing::viewer
