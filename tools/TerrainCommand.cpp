#include "TerrainCommand.h"

namespace cunjing::tools {

void addTerrainCommand(CLI::App& app, std::function<int()>& run) {
    CLI::App* terrain =
        app.add_subcommand("terrain", "DEM tools: info, height queries, tile pyramids");
    terrain->require_subcommand(1);
    addTerrainInfoCommand(*terrain, run);
    addTerrainHeightCommand(*terrain, run);
    addTerrainBuildCommand(*terrain, run);
}

}  // namespace cunjing::tools
