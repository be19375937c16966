#pragma once
// `cunjing notes ...`: notes pinned to a point on a model, kept in the register store
// (heritage::Registry, GeoPackage or PostGIS): list, add, edit, remove, undo, redo.

#include <CLI/CLI.hpp>

#include <functional>

namespace cunjing::tools {

/// Adds `notes` with its subcommands; `run` is set to the chosen action, which returns the
/// process exit code.
void addNotesCommand(CLI::App& app, std::function<int()>& run);

}  // namespace cunjing::tools
