#pragma once
// `cunjing style list`: what the style library holds, for people and for scripts.

#include <CLI/CLI.hpp>

#include <functional>

namespace cunjing::tools {

/// Adds `style` with its `list` subcommand; `run` is set to the chosen action, which returns
/// the process exit code.
void addStyleCommand(CLI::App& app, std::function<int()>& run);

}  // namespace cunjing::tools
