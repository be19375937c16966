#pragma once
// `cunjing village generate`: a village layout (comb, weilongwu, sima-tuoche) written as an
// editable footprint GeoPackage.

#include <CLI/CLI.hpp>

#include <functional>

namespace cunjing::tools {

/// Adds `village` with its `generate` subcommand; `run` is set to the chosen subcommand's
/// action, which returns the process exit code.
void addVillageCommand(CLI::App& app, std::function<int()>& run);

}  // namespace cunjing::tools
