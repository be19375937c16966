#pragma once
// `cunjing render`: a scene's viewpoints to PNG files, without a window.

#include <cunjing/geo/Result.h>

#include <CLI/CLI.hpp>

#include <string>
#include <utility>

namespace cunjing::tools {

struct RenderOptions {
    std::string scene;
    std::string view;
    bool all = false;
    std::string size = "1280x720";
    std::string out;
    /// A town plan (an id of the scene's "plans" or a plan file) and its alternative: the
    /// views show the after state (the golden renders of the demo street use it).
    std::string plan;
    std::string alternative;
    /// The date and time of day the scene is lit at (`--date`, `--time`) over its "sun".
    std::string date, time;
    /// `--quality` auto|low|medium|high (auto: the scene's "look", else from the renderer),
    /// `--no-shadows`, `--colour-check` (even light, palette colours exactly).
    std::string quality = "auto";
    bool noShadows = false;
    bool colourCheck = false;
};

/// "1280x720" -> {1280, 720}; an error naming --size otherwise.
Result<std::pair<int, int>> parseImageSize(const std::string& text);

void addRenderCommand(CLI::App& app, RenderOptions& options);
/// Returns the process exit code (0 ok, 2 bad input, 3 internal error).
int runRender(const RenderOptions& options);

}  // namespace cunjing::tools
