// The plan editor's script runner (`cunjing-viewer --plan-edit`): the same steps the panel's
// buttons take, written as text, for scripted checks and tests.
#include "PlanEditor.h"
#include "ScriptText.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cunjing::viewer {

namespace arch = architecture;

namespace {

std::vector<std::string> splitList(std::string_view text, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(separator, start), text.size());
        const std::string_view part = trimBlanks(text.substr(start, end - start));
        if (!part.empty())
            parts.emplace_back(part);
        start = end + 1;
    }
    return parts;
}

/// Words separated by blanks.
std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t'))
            ++i;
        std::size_t j = i;
        while (j < text.size() && text[j] != ' ' && text[j] != '\t')
            ++j;
        if (j > i)
            out.emplace_back(text.substr(i, j - i));
        i = j;
    }
    return out;
}

std::optional<double> parseNumber(const std::string& text) {
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size())
        return std::nullopt;
    return value;
}

Status failure(std::string message) {
    return Error{{}, {}, std::move(message)};
}

}  // namespace

Status PlanEditor::runScript(std::string_view script) {
    std::vector<std::string> steps;
    std::string current;
    for (const char c : script) {
        if (c == ';' || c == '\n') {
            steps.push_back(current);
            current.clear();
        } else {
            current += c;
        }
    }
    steps.push_back(current);
    int number = 0;
    for (const std::string& raw : steps) {
        const std::string_view step = trimBlanks(raw);
        if (step.empty())
            continue;
        ++number;
        const Status done = runStep(step);
        if (!done)
            return Error{{},
                         "step " + std::to_string(number) + " '" + std::string(step) + "'",
                         done.errors().front().toString()};
    }
    return Done{};
}

Status PlanEditor::runStep(std::string_view step) {
    const std::size_t space = step.find_first_of(" \t");
    const std::string command(step.substr(0, space));
    const std::string rest(space == std::string_view::npos ? "" : trimBlanks(step.substr(space)));
    if (command == "select" || command == "add") {
        const std::vector<std::string> ids = splitList(rest, ',');
        if (ids.empty())
            return failure("'" + command + "' needs building ids, e.g. select street/street-a-03");
        if (command == "select")
            return selectIds(ids);
        for (const std::string& id : ids) {
            if (isSelected(id)) {
                rule_.reset();  // a rule's building named by hand: the selection becomes ids
                continue;
            }
            if (const Status added = toggle(id); !added)
                return added;
        }
        return Done{};
    }
    if (command == "clear" && rest.empty()) {
        clear();
        return Done{};
    }
    if (command == "rule") {
        arch::PlanSelection rule;
        for (const std::string& term : words(rest)) {
            const std::size_t eq = term.find('=');
            const std::string key = term.substr(0, eq);
            const std::vector<std::string> values =
                eq == std::string::npos ? std::vector<std::string>{}
                                        : splitList(std::string_view(term).substr(eq + 1), ',');
            std::vector<std::string>* field = key == "group"      ? &rule.groups
                                              : key == "typology" ? &rule.typologies
                                              : key == "roof"     ? &rule.roofs
                                              : key == "style"    ? &rule.styles
                                              : key == "zone"     ? &rule.zones
                                              : key == "id"       ? &rule.ids
                                                                  : nullptr;
            if (field == nullptr || values.empty())
                return failure("'" + term +
                               "': write KEY=VALUE[,VALUE] with KEY one of group, typology, "
                               "roof, style, zone, id");
            field->insert(field->end(), values.begin(), values.end());
        }
        return selectByRule(rule);
    }
    if (command == "set") {
        const std::size_t eq = rest.find('=');
        if (eq == std::string::npos)
            return failure("write set KEY=VALUE, e.g. set wall_colour=#E6D8BC");
        return apply({std::string(trimBlanks(std::string_view(rest).substr(0, eq))),
                      std::string(trimBlanks(std::string_view(rest).substr(eq + 1)))});
    }
    if (command == "remove" && rest.empty())
        return removeSelected();
    if (command == "undo" && rest.empty())
        return undo() ? Status(Done{}) : failure("nothing to undo");
    if (command == "redo" && rest.empty())
        return redo() ? Status(Done{}) : failure("nothing to redo");
    if (command == "alternative" && !rest.empty())
        return setAlternative(rest);
    if (command == "new") {
        const std::vector<std::string> args = words(rest);
        if (args.empty() || args.size() > 2)
            return failure("write new ID [COPY_FROM]");
        return newAlternative(args[0], {}, {}, args.size() == 2 ? args[1] : std::string());
    }
    if (command == "building") {
        const std::vector<std::string> args = words(rest);
        const std::vector<std::string> xy =
            args.size() >= 3 ? splitList(args[2], ',') : std::vector<std::string>{};
        const auto x = xy.size() == 2 ? parseNumber(xy[0]) : std::nullopt;
        const auto y = xy.size() == 2 ? parseNumber(xy[1]) : std::nullopt;
        const auto facing = args.size() == 4 ? parseNumber(args[3]) : std::optional<double>(180);
        if (args.size() < 3 || args.size() > 4 || !x || !y || !facing)
            return failure(
                "write building STYLE TYPOLOGY X,Y [FACING], e.g. building guangfu "
                "nongfang -150,-180 180");
        return addBuilding(args[0], args[1], {*x, *y}, *facing);
    }
    if (command == "save")
        return save(rest);
    return failure("unknown step '" + command +
                   "' (known: select, add, clear, rule, set, remove, undo, redo, alternative, "
                   "new, building, save)");
}

}  // namespace cunjing::viewer
