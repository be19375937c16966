#pragma once
// `cunjing model check <file> [--json] [--timeout S] [--memory-mb N]`: reads an untrusted
// model through the import worker and reports what a heritage officer checks before
// accepting it. Exit 0 for a readable model, 2 with one "error: <file>: <reason>" line for
// one that is not (or for bad usage).

#include <CLI/CLI.hpp>

#include <functional>

namespace cunjing::tools {

/// Adds `model` with its `check` subcommand; `run` is set to the chosen action, which returns
/// the process exit code.
void addModelCommand(CLI::App& app, std::function<int()>& run);

}  // namespace cunjing::tools
