#include "RenderCommand.h"

#include "PlanCommand.h"

#include <cunjing/scene/Look.h>
#include <cunjing/scene/Offscreen.h>
#include <cunjing/scene/SceneData.h>
#include <cunjing/scene/SceneGraph.h>
#include <cunjing/scene/ScenePlan.h>
#include <cunjing/scene/Sunlight.h>

#include <chrono>
#include <iostream>
#include <regex>

namespace cunjing::tools {

namespace {

constexpr int kBadInput = 2;
constexpr int kInternal = 3;

int report(const std::vector<Error>& errors, int code) {
    for (const auto& e : errors)
        std::cerr << "error: " << e.toString() << "\n";
    return code;
}

/// A file name from a viewpoint name: keeps letters of any script, replaces the rest.
std::string fileSafe(const std::string& name) {
    std::string out;
    for (unsigned char c : name) {
        out += (c >= 0x80 || std::isalnum(c) || c == '-' || c == '_') ? char(c) : '_';
    }
    return out.empty() ? "view" : out;
}

/// The scene graph to render: the scene as it is, or with a plan's after state.
Result<osg::ref_ptr<osg::Group>> graphOf(const RenderOptions& o, const scene::SceneData& data) {
    if (o.plan.empty())
        return scene::buildSceneGraph(data);
    auto plan = findPlan(data.description, o.plan);
    if (!plan)
        return Result<osg::ref_ptr<osg::Group>>::failure(plan.errors());
    std::string alternative = o.alternative;
    if (alternative.empty() && plan->alternatives.size() == 1)
        alternative = plan->alternatives.front().id;
    auto picked = pickAlternatives(plan.value(), alternative);
    if (!picked)
        return Result<osg::ref_ptr<osg::Group>>::failure(picked.errors());
    if (picked->size() != 1) {
        std::string known;
        for (const auto* a : picked.value())
            known += (known.empty() ? "" : ", ") + a->id;
        return Error{
            plan->file, "--alternative",
            "plan \"" + plan->id + "\" has several alternatives; name one (" + known + ")"};
    }
    auto state = scene::applyScenePlan(data, plan.value(), alternative);
    if (!state)
        return Result<osg::ref_ptr<osg::Group>>::failure(state.errors());
    for (const Error& w : state.warnings())
        std::cerr << "warning: " << w.toString() << "\n";
    return scene::buildSceneGraph(data, {}, scene::buildingsNode(state->buildings));
}

}  // namespace

Result<std::pair<int, int>> parseImageSize(const std::string& text) {
    std::smatch m;
    if (!std::regex_match(text, m, std::regex(R"((\d{1,5})x(\d{1,5}))")) || std::stoi(m[1]) == 0 ||
        std::stoi(m[2]) == 0) {
        return Error{"", "--size", "expected WxH such as 1280x720, got \"" + text + "\""};
    }
    return std::pair<int, int>{std::stoi(m[1]), std::stoi(m[2])};
}

void addRenderCommand(CLI::App& app, RenderOptions& o) {
    CLI::App* cmd =
        app.add_subcommand("render", "Render a scene's viewpoints to PNG without a window");
    cmd->add_option("scene", o.scene, "Scene file (JSON)")->required();
    auto* view = cmd->add_option("--view", o.view, "Viewpoint name (default: the first)");
    cmd->add_flag("--all", o.all, "Render every viewpoint")->excludes(view);
    cmd->add_option("--size", o.size, "Image size WxH")->capture_default_str();
    cmd->add_option("--out", o.out,
                    "Output PNG (one view) or folder (--all); default: beside the current folder");
    auto* plan = cmd->add_option("--plan", o.plan,
                                 "Render a town plan's after state: a plan id of the scene's "
                                 "\"plans\", or a plan file");
    cmd->add_option("--alternative", o.alternative,
                    "The plan's alternative (needed when it has several)")
        ->needs(plan);
    cmd->add_option("--date", o.date,
                    "Light the scene as on this date, YYYY-MM-DD (default: the scene's \"sun\")");
    cmd->add_option("--time", o.time,
                    "Light the scene at this local time, HH:MM (default: the scene's \"sun\")");
    cmd->add_option("--quality", o.quality,
                    "Quality preset: auto (the scene's \"look\", else low on a software renderer "
                    "and high on a GPU), low, medium or high")
        ->check(CLI::IsMember({"auto", "low", "medium", "high"}))
        ->capture_default_str();
    cmd->add_flag("--no-shadows", o.noShadows, "Draw without the sun's shadows");
    cmd->add_flag("--colour-check,--color-check", o.colourCheck,
                  "Light every surface evenly: palette colours exactly as specified");
}

int runRender(const RenderOptions& o) {
    auto size = parseImageSize(o.size);
    if (!size)
        return report(size.errors(), kBadInput);
    const auto [width, height] = size.value();

    auto description = scene::loadSceneFile(o.scene);
    if (!description)
        return report(description.errors(), kBadInput);
    const auto& desc = description.value();
    if (!o.view.empty() && !desc.findViewpoint(o.view)) {
        std::string names;
        for (const auto& vp : desc.viewpoints)
            names += (names.empty() ? "" : ", ") + vp.name;
        return report({{o.scene, "--view",
                        "no viewpoint named \"" + o.view +
                            "\" (the scene has: " + (names.empty() ? "none" : names) + ")"}},
                      kBadInput);
    }
    auto when = scene::sunTimeFor(desc, o.date, o.time);
    if (!when)
        return report(when.errors(), kBadInput);
    const auto started = std::chrono::steady_clock::now();
    auto data = scene::loadScene(desc);
    if (!data)
        return report(data.errors(), kBadInput);
    auto built = graphOf(o, data.value());
    if (!built)
        return report(built.errors(), kBadInput);
    osg::ref_ptr<osg::Group> graph = built.value();
    if (when.value()) {
        auto lighting = scene::sceneLighting(data.value(), *when.value());
        if (!lighting)
            return report(lighting.errors(), kBadInput);
        scene::applyLighting(*graph->getOrCreateStateSet(), lighting.value());
        std::cerr << "sun: " << geo::formatDate(*when.value()) << " "
                  << geo::formatTime(*when.value()) << ", elevation " << lighting->sunElevationDeg
                  << ", azimuth " << lighting->sunAzimuthDeg << "\n";
    }

    std::vector<scene::Viewpoint> views;
    if (o.all)
        views = desc.viewpoints;
    else if (!o.view.empty())
        views.push_back(*desc.findViewpoint(o.view));
    else if (!desc.viewpoints.empty())
        views.push_back(desc.viewpoints.front());
    if (views.empty())
        views.push_back(data->overviewViewpoint());

    auto renderer = scene::OffscreenRenderer::create(width, height);
    if (!renderer)
        return report(renderer.errors(), kInternal);
    scene::Look look =
        scene::lookFor(desc.look, renderer.value()->glRenderer(), scene::parseQuality(o.quality),
                       o.noShadows ? std::optional<bool>(false) : std::nullopt);
    look.colourCheck = o.colourCheck;
    // Multisampling is the pbuffer's: made again without it when the preset draws none.
    if (const int samples = scene::presetFor(look.quality).samples;
        samples < renderer.value()->samples()) {
        renderer = scene::OffscreenRenderer::create(width, height, samples);
        if (!renderer)
            return report(renderer.errors(), kInternal);
    }
    scene::applyLook(*graph, look);
    std::cerr << scene::describeLook(look) << "\n";
    const std::string stem = std::filesystem::path(o.scene).stem().string();
    for (std::size_t i = 0; i < views.size(); ++i) {
        const auto& vp = views[i];
        const auto eye = data->resolveEye(vp), target = data->resolveTarget(vp);
        auto image = renderer.value()->render(graph.get(), {eye[0], eye[1], eye[2]},
                                              {target[0], target[1], target[2]}, vp.fovDeg);
        if (!image)
            return report(image.errors(), kInternal);
        std::filesystem::path path;
        if (o.all) {
            const std::filesystem::path dir =
                o.out.empty() ? stem + "-renders" : std::string(o.out);
            char prefix[32];
            std::snprintf(prefix, sizeof prefix, "%02zu_", i + 1);
            path = dir / (prefix + fileSafe(vp.name) + ".png");
        } else {
            path = o.out.empty() ? std::filesystem::path(stem + "-" + fileSafe(vp.name) + ".png")
                                 : std::filesystem::path(o.out);
        }
        auto written = scene::writePngAtomically(*image.value(), path);
        if (!written)
            return report(written.errors(), kBadInput);
        std::cout << path.string() << "\n";
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cerr << "rendered " << views.size() << " view(s) of " << o.scene << " at " << width << "x"
              << height << " in " << seconds << " s on " << renderer.value()->glRenderer() << "\n";
    return 0;
}

}  // namespace cunjing::tools
