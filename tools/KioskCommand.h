#pragma once
// `cunjing kiosk passcode`: the exhibition kiosk's admin passcode, hashed for the scene file.

#include <CLI/CLI.hpp>

#include <functional>

namespace cunjing::tools {

/// Adds `kiosk` with its `passcode` subcommand; `run` is set to the chosen action, which
/// returns the process exit code.
void addKioskCommand(CLI::App& app, std::function<int()>& run);

}  // namespace cunjing::tools
