// Frame time of the demo scene rendered offscreen, against a baseline measured in the same
// run (the same renderer drawing only the sky), reported as median, p95 and their ratio.
// Wall-clock times vary about 20 % run to run on llvmpipe: read the ratio, not the ms.
//
//   build/bin/bench_render_demo [scene.json] [frames] [WxH]

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
    return 0;
}
