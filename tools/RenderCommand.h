#pragma once
// `cunjing render`: a scene's viewpoints to PNG files, without a window.

#include <CLI/CLI.hpp>

#include <string>

namespace cunjing::tools {

struct RenderOptions {
    std::string scene;
    std::string view;
    bool all = false;
    std::string size = "1280x720";
    std::string out;
};

void addRenderCommand(CLI::App& app, RenderOptions& options);
/// Returns the process exit code (0 ok, 2 bad input, 3 internal error).
int runRender(const RenderOptions& options);

}  // namespace cunjing::tools
