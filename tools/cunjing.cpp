// cunjing: the command-line tool. Subcommands live in their own files; this main only wires
// them up and turns every failure into an exit code (0 ok, 1 check found problems,
// 2 bad usage or input, 3 internal error).

#include "BuildingCommand.h"
#include "KioskCommand.h"
#include "ModelCommand.h"
#include "NotesCommand.h"
#include "PlanCommand.h"
#include "RegisterCommand.h"
#include "RenderCommand.h"
#include "SceneCommand.h"
#include "StyleCommand.h"
#include "TerrainCommand.h"
#include "VillageCommand.h"

#include <cunjing/scene/Offscreen.h>

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
    cunjing::scene::quietenOsgNotices();
    CLI::App app{"Cunjing 村景: villages of southern China in 3D"};
    app.set_version_flag("--version", "cunjing 0.1.0");
    app.require_subcommand(1);
    cunjing::tools::RenderOptions render;
    cunjing::tools::addRenderCommand(app, render);
    std::function<int()> terrain;  // set by the chosen `terrain` subcommand while parsing
    cunjing::tools::addTerrainCommand(app, terrain);
    std::function<int()> style;  // set by `style list`
    cunjing::tools::addStyleCommand(app, style);
    std::function<int()> building;  // set by `building generate`
    cunjing::tools::addBuildingCommand(app, building);
    std::function<int()> village;  // set by `village generate`
    cunjing::tools::addVillageCommand(app, village);
    std::function<int()> registers;  // set by `trees ...` or `villages ...`
    cunjing::tools::addRegisterCommands(app, registers);
    std::function<int()> model;  // set by `model check`
    cunjing::tools::addModelCommand(app, model);
    std::function<int()> notes;  // set by `notes ...`
    cunjing::tools::addNotesCommand(app, notes);
    std::function<int()> plan;  // set by `plan list|check|report`
    cunjing::tools::addPlanCommand(app, plan);
    std::function<int()> kiosk;  // set by `kiosk passcode`
    cunjing::tools::addKioskCommand(app, kiosk);
    std::function<int()> scene;  // set by `scene stress`
    cunjing::tools::addSceneCommand(app, scene);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "error: " << e.what() << "\n"
                  << "run 'cunjing --help' for usage\n";
        return 2;
    }
    try {
        if (app.got_subcommand("render"))
            return cunjing::tools::runRender(render);
        if (app.got_subcommand("terrain") && terrain)
            return terrain();
        if (app.got_subcommand("style") && style)
            return style();
        if (app.got_subcommand("building") && building)
            return building();
        if ((app.got_subcommand("trees") || app.got_subcommand("villages")) && registers)
            return registers();
        if (app.got_subcommand("village") && village)
            return village();
        if (app.got_subcommand("model") && model)
            return model();
        if (app.got_subcommand("notes") && notes)
            return notes();
        if (app.got_subcommand("plan") && plan)
            return plan();
        if (app.got_subcommand("kiosk") && kiosk)
            return kiosk();
        if (app.got_subcommand("scene") && scene)
            return scene();
    } catch (const std::exception& e) {
        std::cerr << "internal error: " << e.what() << "\n";
        return 3;
    }
    return 2;
}
