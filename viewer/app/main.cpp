/// cunjing-viewer: the interactive 3D village viewer. A thin main over cunjing::viewer.

#include <cunjing/scene/Offscreen.h>
#include <cunjing/viewer/ViewerApp.h>

#include <CLI/CLI.hpp>

#include <iostream>
#include <regex>

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

}  // namespace

int main(int argc, char** argv) {
    using namespace cunjing::viewer;
    cunjing::scene::quietenOsgNotices();
    ViewerOptions options;
    std::string size = "1280x720", language = "zh", panel, click;
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
    app.add_option("--panel", panel, "Open a panel at start")->check(CLI::IsMember({"register"}));
    app.add_option("--select", options.select,
                   "Open the info card of a record at start: tree:ID or village:ID");
    app.add_option("--click", click,
                   "Click at X,Y (window pixels) after the first frame, as a mouse would");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? kExitOk : kExitBadInput;
    }
    if (!parseSize(size, options.width, options.height))
        return kExitBadInput;
    options.registerPanel = panel == "register";
    if (!click.empty()) {
        std::smatch m;
        if (!std::regex_match(click, m, std::regex(R"((\d{1,5}),(\d{1,5}))"))) {
            std::cerr << "error: --click: expected X,Y in window pixels, such as 640,360, got \""
                      << click << "\"\n";
            return kExitBadInput;
        }
        options.click = std::array<double, 2>{std::stod(m[1]), std::stod(m[2])};
    }
    if (!options.select.empty() && !options.select.starts_with("tree:") &&
        !options.select.starts_with("village:")) {
        std::cerr << "error: --select: expected tree:ID or village:ID, got \"" << options.select
                  << "\"\n";
        return kExitBadInput;
    }
    options.language =
        language == "en" ? cunjing::scene::Language::English : cunjing::scene::Language::Chinese;
    if (!options.screenshot.empty() && options.frames == 0)
        options.frames = 30;
    return runViewer(options);
}
