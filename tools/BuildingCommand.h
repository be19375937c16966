#pragma once
// `cunjing building generate`: one building of a style's typology, exported as glTF or OBJ
// for other tools.

#include <CLI/CLI.hpp>

#include <functional>

namespace cunjing::tools {

/// Adds `building` with its `generate` subcommand; `run` is set to the chosen action, which
/// returns the process exit code.
void addBuildingCommand(CLI::App& app, std::function<int()>& run);

}  // namespace cunjing::tools
