/// cunjing-viewer: the interactive 3D village viewer. A thin main over cunjing::viewer.

#include <cunjing/scene/Offscreen.h>
#include <cunjing/viewer/ViewerApp.h>

#include <CLI/CLI.hpp>

#include <iostream>
#include <regex>
#include <sstream>

namespace {

/// "1280x720" -> width, height; false (after printing why) when malformed or out of range.
bool parseSize(const std::string& text, int& width, int& height) {
    std::smatch m;
    if (std::regex_match(text, m, std::regex(R"((\d{1,5})x(\d{1,5}))"))) {
        width = std::stoi(m[1]);
        height = std::stoi(m[2]);
        if (width >= 64 && height >= 64 && width <= 8192 && height <= 8192)
            return true;
    }
    std::cerr << "error: --size: expected WxH between 64x64 and 8192x8192, such as 1280x720, got \""
              << text << "\"\n";
    return false;
}

/// "wireframe,xray" -> the modes; false (after printing why) for an unknown one.
bool parseModes(const std::string& text, cunjing::viewer::ViewerOptions::ModelModes& modes) {
    std::stringstream list(text);
    for (std::string mode; std::getline(list, mode, ',');) {
        if (mode == "wireframe")
            modes.wireframe = true;
        else if (mode == "normals")
            modes.normals = true;
        else if (mode == "untextured")
            modes.untextured = true;
        else if (mode == "xray")
            modes.xray = true;
        else {
            std::cerr << "error: --mode: unknown mode \"" << mode
                      << "\"; known: wireframe, normals, untextured, xray\n";
            return false;
        }
    }
    return true;
}

/// "z,2.5" -> axis 2, 2.5 m; false (after printing why) when malformed.
bool parseClip(const std::string& text, std::optional<std::pair<int, double>>& clip) {
    if (text.empty())
        return true;
    std::smatch m;
    if (!std::regex_match(text, m, std::regex(R"(([xyzXYZ]),(-?\d+(\.\d+)?))"))) {
        std::cerr << "error: --clip: expected AXIS,OFFSET such as z,2.5 (x, y or z, metres), got \""
                  << text << "\"\n";
        return false;
    }
    clip = std::pair(std::tolower(m[1].str()[0]) - 'x', std::stod(m[2]));
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace cunjing::viewer;
    cunjing::scene::quietenOsgNotices();
    ViewerOptions options;
    std::string size = "1280x720", language = "zh", panel, modes, clip, compareMode = "side";
    std::vector<std::string> clicks;
    CLI::App app{"村景 Cunjing: explore a village scene in 3D (mouse, keyboard or touch)"};
    app.add_option("scene", options.scene,
                   "Scene file (JSON); default: assets/demo/demo.json when it can be found");
    app.add_option("--frames", options.frames, "Render N frames, then exit")
        ->check(CLI::NonNegativeNumber);
    app.add_option(
        "--screenshot", options.screenshot,
        "After the last frame (--frames, default 30) write it, UI included, to this PNG");
    app.add_option("--size", size, "Window size WxH")->capture_default_str();
    app.add_option("--lang", language, "UI language")
        ->check(CLI::IsMember({"zh", "en"}))
        ->capture_default_str();
    app.add_option("--registry", options.registry,
                   "Register store for the register panel: FILE.gpkg or PG:...; default: the "
                   "scene's registers.registry");
    app.add_option("--panel", panel, "Open a panel at start")
        ->check(
            CLI::IsMember({"register", "inspector", "plan", "changes", "rules", "tour", "light"}));
    app.add_option("--quality", options.quality,
                   "Quality preset: auto (the scene's \"look\", else low on a software renderer "
                   "and high on a GPU), low, medium or high")
        ->check(CLI::IsMember({"auto", "low", "medium", "high"}))
        ->capture_default_str();
    app.add_flag("--no-shadows", options.noShadows, "Draw without the sun's shadows");
    app.add_flag("--colour-check,--color-check", options.colourCheck,
                 "Light every surface evenly: palette colours exactly as specified");
    app.add_option("--date", options.sunDate,
                   "Light the scene as on this date, YYYY-MM-DD (default: the scene's \"sun\")");
    app.add_option("--time", options.sunTime,
                   "Light the scene at this local time, HH:MM (default: the scene's \"sun\")");
    app.add_option("--select", options.select,
                   "Open the info card of a record at start: tree:ID, village:ID or "
                   "building:SCENE-ID");
    app.add_option("--click", clicks,
                   "Click at X,Y (window pixels) after the first frame, as a mouse would; "
                   "repeat for more clicks, one a frame")
        ->allow_extra_args(false);
    app.add_option("--open-model", options.openModel,
                   "Open a model file (glb, gltf, obj, fbx, dae, ply, stl, ifc ...) in the "
                   "model inspector, on the ground where the view looks");
    app.add_option("--compare", options.compareModel,
                   "Open a second file as version B of --open-model's model");
    app.add_option("--compare-mode", compareMode, "Version B beside A, or overlaid on it")
        ->check(CLI::IsMember({"side", "overlay"}))
        ->capture_default_str();
    app.add_flag("--inspect", options.printModelStats,
                 "Print each opened model's statistics to stdout");
    app.add_option("--mode", modes,
                   "Draw the opened model as: wireframe, normals, untextured, xray "
                   "(comma-separated)");
    app.add_option("--clip", clip,
                   "Section plane AXIS,OFFSET: x, y or z, and metres from the model's lower "
                   "bound; what lies beyond is cut away");
    app.add_option("--tool", options.tool, "Inspector tool the clicks use")
        ->check(CLI::IsMember({"distance", "height", "area", "note"}));
    app.add_option("--note", options.noteText,
                   "With --tool note: the text of the note the click pins (saved to the register)");
    app.add_option("--viewpoint", options.viewpoint, "Start at this viewpoint (by name)");
    app.add_option("--plan", options.plan,
                   "Show a town plan: the id of one of the scene's \"plans\", or a plan file");
    app.add_option("--alternative", options.alternative,
                   "The plan's alternative shown as proposed; default: its first");
    app.add_option("--view", options.view,
                   "How the existing and proposed states are shown; default: after")
        ->check(CLI::IsMember({"before", "after", "swipe", "split", "ghost"}));
    app.add_option("--divider", options.divider,
                   "Swipe divider position, 0..1 of the width from the left")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    app.add_option("--ghost", options.ghostOpacity,
                   "Ghost view: opacity of the proposed state over the existing one, 0..1")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    app.add_option("--compare-with", options.compareWith,
                   "The other side of swipe, split and ghost: before, or another alternative's "
                   "id")
        ->capture_default_str();
    app.add_option("--pick-change", options.pickChange,
                   "Select this building (scene id) in the change list at start: highlight "
                   "and frame it");
    app.add_option("--pick-rule", options.pickRule,
                   "Select the Nth rule result (0-based) at start: open the rules panel, "
                   "highlight its building and fly to the finding")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--plan-edit", options.planEdit,
                   "Plan editor steps run after the first frame, separated by ';' (select ID; "
                   "set KEY=VALUE; undo; save ...)");
    app.add_option("--plan-save", options.planSave,
                   "Where the plan editor saves; default: the plan's own file");
    app.add_flag("--kiosk", options.kiosk,
                 "Exhibition kiosk: fullscreen and locked (Esc and closing are ignored), "
                 "exhibition panels only, the viewpoint tour plays when idle (scene key "
                 "\"kiosk\")");
    app.add_option("--kiosk-config", options.kioskConfig,
                   "With --kiosk: a JSON file {\"passcode_hash\": ...} (from `cunjing kiosk "
                   "passcode`) used instead of the scene's kiosk.passcode_hash")
        ->check(CLI::ExistingFile);
    app.add_option("--dpi", options.dpi,
                   "With --kiosk: the screen's dots per inch for the 15 mm touch targets; "
                   "default: what the display reports, else 96")
        ->check(CLI::Range(20.0, 2000.0));
    // Test only, so not listed in --help.
    app.add_flag("--inject-quit", options.injectQuit,
                 "After the first frame, send Esc and a quit request (tests the kiosk lock)")
        ->group("");
    app.add_option("--inject", options.injectScript,
                   "Input events pushed at given frames (tests and benchmarks; see "
                   "viewer/src/EventScript.h)")
        ->check(CLI::ExistingFile)
        ->group("");
    app.add_option("--fixed-dt", options.fixedDt,
                   "Advance every clock by this many seconds a frame instead of the measured "
                   "frame time (deterministic tests)")
        ->check(CLI::Range(0.0, 1.0))
        ->group("");
    app.add_option("--latency-bench", options.latencyBenchSeconds,
                   "Feed a one-finger drag for SECONDS, print the input-to-frame-end latency "
                   "(p50, p95, max) and the median frame time, and exit")
        ->check(CLI::Range(1.0, 600.0));
    app.add_flag("--attract", options.attract,
                 "With --kiosk: start the attract tour on the first frame");
    app.add_option("--tour-edit", options.tourEdit,
                   "Tour editor steps run after the first frame, separated by ';' (add; seconds "
                   "N; caption zh|en TEXT; up [N]; down [N]; delete; select N; view NAME; "
                   "preview; save [PATH])");
    app.add_option("--tour-save", options.tourSave,
                   "Where the tour editor's save writes the scene with its tour; default: the "
                   "scene file itself");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? kExitOk : kExitBadInput;
    }
    if (!parseSize(size, options.width, options.height))
        return kExitBadInput;
    options.registerPanel = panel == "register";
    options.inspectorPanel = panel == "inspector";
    options.tourPanel = panel == "tour";
    options.lightPanel = panel == "light";
    if (panel == "plan" || panel == "changes" || panel == "rules")
        options.planPanel = panel;
    const bool needsPlan = !options.view.empty() || !options.planPanel.empty() ||
                           !options.pickChange.empty() || options.pickRule >= 0 ||
                           !options.planEdit.empty() || !options.alternative.empty();
    if (needsPlan && options.plan.empty()) {
        std::cerr << "error: --view, --alternative, --panel plan|changes|rules, --pick-change, "
                     "--pick-rule and --plan-edit need --plan ID|FILE\n";
        return kExitBadInput;
    }
    if (!options.kioskConfig.empty() && !options.kiosk) {
        std::cerr << "error: --kiosk-config sets the kiosk's admin passcode; it needs --kiosk\n";
        return kExitBadInput;
    }
    if (options.attract && !options.kiosk) {
        std::cerr << "error: --attract starts the kiosk's attract tour; it needs --kiosk\n";
        return kExitBadInput;
    }
    options.compareOverlay = compareMode == "overlay";
    for (const std::string& click : clicks) {
        std::smatch m;
        if (!std::regex_match(click, m, std::regex(R"((\d{1,5}),(\d{1,5}))"))) {
            std::cerr << "error: --click: expected X,Y in window pixels, such as 640,360, got \""
                      << click << "\"\n";
            return kExitBadInput;
        }
        options.clicks.push_back({std::stod(m[1]), std::stod(m[2])});
    }
    if (!parseModes(modes, options.modelModes) || !parseClip(clip, options.clip))
        return kExitBadInput;
    if (!options.select.empty() && !options.select.starts_with("tree:") &&
        !options.select.starts_with("village:") && !options.select.starts_with("building:")) {
        std::cerr << "error: --select: expected tree:ID, village:ID or building:SCENE-ID, got \""
                  << options.select << "\"\n";
        return kExitBadInput;
    }
    options.language =
        language == "en" ? cunjing::scene::Language::English : cunjing::scene::Language::Chinese;
    if (!options.screenshot.empty() && options.frames == 0)
        options.frames = 30;
    return runViewer(options);
}
