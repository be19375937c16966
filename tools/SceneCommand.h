#pragma once
// `cunjing scene stress`: writes the deterministic county-scale scene the frame benchmark
// measures (issue 10): terrain from a real DEM resampled, villages of every layout, register
// trees of every species.

#include <CLI/CLI.hpp>

#include <functional>

namespace cunjing::tools {

/// Adds `scene` with its `stress` subcommand; `run` is set to the chosen action, which returns
/// the process exit code.
void addSceneCommand(CLI::App& app, std::function<int()>& run);

}  // namespace cunjing::tools
