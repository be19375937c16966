#pragma once
// `cunjing trees ...` and `cunjing villages ...`: the heritage registers from the command
// line: import, validate, list, show, edit, undo, redo, export, report.

#include <CLI/CLI.hpp>

#include <functional>

namespace cunjing::tools {

/// Adds `trees` and `villages` with their subcommands; `run` is set to the chosen action.
void addRegisterCommands(CLI::App& app, std::function<int()>& run);

}  // namespace cunjing::tools
