#pragma once
// `cunjing terrain info|height|build`: DEM inspection, height queries and tile pyramids.

#include <CLI/CLI.hpp>

#include <functional>

namespace cunjing::tools {

/// Adds `terrain` with its subcommands; `run` is set to the chosen subcommand's action, which
/// returns the process exit code.
void addTerrainCommand(CLI::App& app, std::function<int()>& run);

/// Each subcommand lives in its own file and registers itself on the `terrain` command.
void addTerrainInfoCommand(CLI::App& terrain, std::function<int()>& run);
void addTerrainHeightCommand(CLI::App& terrain, std::function<int()>& run);
void addTerrainBuildCommand(CLI::App& terrain, std::function<int()>& run);

}  // namespace cunjing::tools
