#pragma once
// `cunjing plan list|check|report`: town beautification plans (architecture/TownPlan.h) on a
// scene: what they change, whether they keep the rules (heritage/PlanRules.h), and a report
// with before and after images for the town.

#include <cunjing/architecture/TownPlan.h>
#include <cunjing/scene/SceneFile.h>

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace cunjing::tools {

/// Adds `plan` with its subcommands; `run` is set to the chosen action, which returns the
/// process exit code (0 ok, 1 a rule failed, 2 bad input or a plan error).
void addPlanCommand(CLI::App& app, std::function<int()>& run);

/// The plan `--plan` names: the id of one of the scene's "plans", else a plan file's path.
/// Errors name the plan file and JSON path, or list the scene's plan ids.
Result<architecture::TownPlan> findPlan(const scene::SceneDescription& scene,
                                        const std::string& idOrPath);

/// The alternatives to use: the one named, or every one when `alternative` is empty.
Result<std::vector<const architecture::PlanAlternative*>> pickAlternatives(
    const architecture::TownPlan& plan, const std::string& alternative);

}  // namespace cunjing::tools
