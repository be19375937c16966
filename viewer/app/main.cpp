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
    std::string size = "1280x720", language = "zh";
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
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? kExitOk : kExitBadInput;
    }
    if (!parseSize(size, options.width, options.height))
        return kExitBadInput;
    options.language =
        language == "en" ? cunjing::scene::Language::English : cunjing::scene::Language::Chinese;
    if (!options.screenshot.empty() && options.frames == 0)
        options.frames = 30;
    return runViewer(options);
}
