#pragma once
// `cunjing trees ...` and `cunjing villages ...`: the heritage registers from the command
// line: import, validate, list, show, edit, undo, redo, export, report.

#include <CLI/CLI.hpp>

#include <functional>

namespace cunjing::heritage {
class Registry;
}

namespace cunjing::tools {

/// Adds `trees` and `villages` with their subcommands; `run` is set to the chosen action.
void addRegisterCommands(CLI::App& app, std::function<int()>& run);

/// `undo` / `redo` of any register command: takes back or re-applies the store's latest step
/// (a tree, village or note edit, or an import) and prints what it was. An exit code.
int stepRegisterHistory(heritage::Registry& registry, bool undo);

}  // namespace cunjing::tools
