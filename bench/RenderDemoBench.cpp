// Frame time of the demo scene rendered offscreen, against a baseline measured in the same
// run (the same renderer drawing only the sky), reported as median, p95 and their ratio; then
// the scene at each quality preset, and what each effect costs: the preset's frame time with
// the effect on less the same with it off (shadows, procedural materials), and each layer's
// share at the low preset.
// Wall-clock times vary about 20 % run to run on llvmpipe: read the ratios, not the ms.
//
//   build/bin/bench_render_demo [scene.json] [frames] [WxH]

#include <cunjing/scene/Look.h>
#include <cunjing/scene/Offscreen.h>
#include <cunjing/scene/SceneData.h>
#include <cunjing/scene/SceneGraph.h>

#include <osg/Geode>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace cunjing::scene;

namespace {

struct Figures {
    double median, p95;
};

Figures timeFrames(OffscreenRenderer& r, osg::Node* node, const SceneData& data, int frames) {
    const Viewpoint vp = data.description.viewpoints.empty() ? data.overviewViewpoint()
                                                             : data.description.viewpoints.front();
    const auto e = data.resolveEye(vp), t = data.resolveTarget(vp);
    std::vector<double> ms;
    for (int i = 0; i < frames + 5; ++i) {
        const auto start = std::chrono::steady_clock::now();
        // render() reads the frame back, which waits for the GPU (or llvmpipe) to finish.
        auto image = r.render(node, {e[0], e[1], e[2]}, {t[0], t[1], t[2]}, vp.fovDeg);
        const auto end = std::chrono::steady_clock::now();
        if (i >= 5)
            ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    }
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 95 / 100)]};
}

}  // namespace

int main(int argc, char** argv) {
    quietenOsgNotices();
    const std::string scene = argc > 1 ? argv[1] : "assets/demo/demo.json";
    const int frames = argc > 2 ? std::max(10, std::atoi(argv[2])) : 300;
    int w = 1280, h = 720;
    if (argc > 3)
        std::sscanf(argv[3], "%dx%d", &w, &h);
    auto desc = loadSceneFile(scene);
    if (!desc)
        return std::fprintf(stderr, "error: %s\n", desc.firstError().c_str()), 2;
    auto data = loadScene(desc.value());
    if (!data)
        return std::fprintf(stderr, "error: %s\n", data.firstError().c_str()), 2;
    auto graph = buildSceneGraph(data.value());
    auto renderer = OffscreenRenderer::create(w, h);
    if (!renderer)
        return std::fprintf(stderr, "error: %s\n", renderer.firstError().c_str()), 3;
    // The low preset draws without multisampling, which is the pbuffer's: a second one.
    auto single = OffscreenRenderer::create(w, h, 0);
    if (!single)
        return std::fprintf(stderr, "error: %s\n", single.firstError().c_str()), 3;
    auto rendererFor = [&](Quality q) -> OffscreenRenderer& {
        return presetFor(q).samples == 0 ? *single.value() : *renderer.value();
    };

    // Baseline: the same pipeline drawing only the sky (first child of the scene root).
    osg::ref_ptr<osg::Group> skyOnly = new osg::Group;
    skyOnly->setStateSet(graph->getStateSet());
    skyOnly->addChild(graph->getChild(0));
    const Figures base = timeFrames(*renderer.value(), skyOnly.get(), data.value(), frames);
    const Figures full = timeFrames(*renderer.value(), graph.get(), data.value(), frames);
    std::printf("renderer: %s, %dx%d, %d frames each\n", renderer.value()->glRenderer().c_str(), w,
                h, frames);
    std::printf("scene: %d buildings (%zu triangles), %zu trees\n", data->buildingCount,
                data->buildings.triangleCount(), data->trees.size());
    std::printf("baseline (sky only): median %.2f ms, p95 %.2f ms\n", base.median, base.p95);
    std::printf("demo scene:          median %.2f ms, p95 %.2f ms\n", full.median, full.p95);
    std::printf("ratio scene/baseline: median %.2fx, p95 %.2fx\n", full.median / base.median,
                full.p95 / base.p95);

    // Presets, and effects one at a time (each against the same preset without it).
    const Quality autoQuality = qualityForRenderer(renderer.value()->glRenderer());
    std::printf("quality presets (auto here: %s):\n", qualityName(autoQuality));
    for (Quality q : {Quality::Low, Quality::Medium, Quality::High}) {
        Look look;
        look.quality = q;
        applyLook(*graph, look);
        const Figures f = timeFrames(rendererFor(q), graph.get(), data.value(), frames);
        std::printf("  %-6s median %7.2f ms (%5.1f fps), p95 %7.2f ms\n", qualityName(q), f.median,
                    1000.0 / f.median, f.p95);
        if (presetFor(q).shadows) {
            look.shadows = false;
            applyLook(*graph, look);
            const Figures off = timeFrames(rendererFor(q), graph.get(), data.value(), frames);
            std::printf("         shadows cost %6.2f ms a frame (%.2fx)\n", f.median - off.median,
                        f.median / off.median);
            // The procedural materials: the same frame (no shadows) with flat colours.
            graph->getOrCreateStateSet()->removeDefine(kMaterialsDefine);
            const Figures flat = timeFrames(rendererFor(q), graph.get(), data.value(), frames);
            std::printf("         materials cost %6.2f ms a frame (%.2fx)\n",
                        off.median - flat.median, off.median / flat.median);
        }
    }

    // What each layer costs at the low preset: the frame less the same frame without it.
    Look low;
    low.quality = Quality::Low;
    applyLook(*graph, low);
    OffscreenRenderer& lowRenderer = rendererFor(Quality::Low);
    const Figures lowAll = timeFrames(lowRenderer, graph.get(), data.value(), frames);
    std::printf("layers at low (median %.2f ms with all):\n", lowAll.median);
    for (unsigned i = 0; i < graph->getNumChildren(); ++i) {
        osg::Node* layer = graph->getChild(i);
        const unsigned mask = layer->getNodeMask();
        layer->setNodeMask(0);
        const Figures without = timeFrames(lowRenderer, graph.get(), data.value(), frames);
        layer->setNodeMask(mask);
        std::printf("  %-16s %7.2f ms\n", layer->getName().c_str(), lowAll.median - without.median);
    }
    return 0;
}
