// The frame benchmark of issue 10 ("County scale"): each scene drawn offscreen along a fixed
// camera path (the first viewpoint, then every viewpoint in order) and at its overview, once as
// the scene graph is built and once naive (GraphOptions::naive: one node per object, no
// batching, instancing or LOD), in the same run. Per frame: wall-clock time with glFinish,
// OSG's cull and draw CPU time, draw calls and triangles (every render stage, the shadow map
// passes too); printed as medians and p95, then the ratios naive/batched. Each mode warms up
// (5 frames, then one flight along the path) before its counted frames.
// Wall-clock times vary about 20 % run to run on llvmpipe: read the ratios, not the ms. For
// numbers that repeat exactly, bench/frame_instructions.sh runs it under callgrind
// (--callgrind: a few frames, each mode's counted frames in a dump of its own).
//
//   build/bin/bench_frame [--frames N] [--size WxH] [--quality auto|low|medium|high]
//                         [--callgrind] [--layers | --layers-at VIEWPOINT] [--batched-only]
//                         [--overview-only | --only VIEWPOINT] [--overdraw] SCENE.json...
// --overview-only counts the overview alone (after two warm-up frames of it): the stress
// scene's naive frame takes seconds natively, its camera path under callgrind hours. --only
// counts another viewpoint alone. --overdraw prints, for each viewpoint, how many fragments a
// pixel pass the depth test (each is shaded) and how many are drawn at all, then stops.
// The naive graph is built after the batched one is measured and released, so --layers' peak
// resident memory is the batched scene's.

#include <cunjing/scene/Look.h>
#include <cunjing/scene/Offscreen.h>
#include <cunjing/scene/SceneData.h>
#include <cunjing/scene/SceneGraph.h>
#include <cunjing/scene/Shaders.h>

#include <osg/BlendFunc>
#include <osg/Geometry>
#include <osg/Image>
#include <osg/NodeVisitor>
#include <osg/Program>

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define CUNJING_HAVE_CALLGRIND 1
#else
#define CUNJING_HAVE_CALLGRIND 0
#endif

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

using namespace cunjing::scene;
namespace geo = cunjing::geo;

namespace {

constexpr int kWarmUpFrames = 5;

struct Options {
    int frames = 120;
    bool framesGiven = false;
    int width = 1280, height = 720;
    std::optional<Quality> quality;  ///< nullopt: auto
    bool callgrind = false;
    bool layers = false;       ///< also each layer's share of the batched overview, each viewpoint
    bool batchedOnly = false;  ///< skip the naive baseline (quick looks while tuning)
    /// Only this view ("overview", or a viewpoint's name), after two warm-up frames of it; under
    /// callgrind its frames are the dump. For scenes whose naive frame takes seconds natively
    /// (the stress scene: its camera path under callgrind would take hours), and for counting
    /// one view's instructions while tuning.
    std::string only;
    std::string layersAt;   ///< --layers at this viewpoint, not the overview
    bool overdraw = false;  ///< fragments drawn a pixel at each viewpoint, then stop
    std::vector<std::string> scenes;
};

void usage() {
    std::fprintf(stderr,
                 "usage: bench_frame [--frames N] [--size WxH] [--quality auto|low|medium|high] "
                 "[--callgrind] [--layers | --layers-at VIEWPOINT] [--batched-only] "
                 "[--overview-only | --only VIEW] "
                 "[--overdraw] "
                 "SCENE.json...\n");
}

std::optional<Options> parseOptions(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool hasValue = i + 1 < argc;
        if (arg == "--frames" && hasValue) {
            o.frames = std::atoi(argv[++i]);
            o.framesGiven = true;
            if (o.frames < 1)
                return std::nullopt;
        } else if (arg == "--size" && hasValue) {
            if (std::sscanf(argv[++i], "%dx%d", &o.width, &o.height) != 2)
                return std::nullopt;
        } else if (arg == "--quality" && hasValue) {
            const std::string name = argv[++i];
            if (name != "auto") {
                o.quality = parseQuality(name);
                if (!o.quality)
                    return std::nullopt;
            }
        } else if (arg == "--callgrind") {
            o.callgrind = true;
        } else if (arg == "--batched-only") {
            o.batchedOnly = true;
        } else if (arg == "--layers-at" && hasValue) {
            o.layers = true;
            o.layersAt = argv[++i];
        } else if (arg == "--overdraw") {
            o.overdraw = true;
        } else if (arg == "--overview-only") {
            o.only = "overview";
        } else if (arg == "--only" && hasValue) {
            o.only = argv[++i];
        } else if (arg == "--layers") {
            o.layers = true;
        } else if (!arg.empty() && arg[0] == '-') {
            return std::nullopt;
        } else {
            o.scenes.push_back(arg);
        }
    }
    if (o.scenes.empty())
        return std::nullopt;
    // Under callgrind a frame takes seconds: a few are enough, the counts repeat exactly.
    if (o.callgrind && !o.framesGiven)
        o.frames = !o.only.empty() ? 1 : 3;
    return o;
}

double peakResidentMb() {
    struct rusage usage {};
    ::getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;  // kilobytes on Linux
}

/// Resident memory now (VmRSS), MB.
double residentMb() {
    std::FILE* f = std::fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0;
    if (f) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        std::fclose(f);
    }
    return double(resident) * double(::sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

struct Pose {
    osg::Vec3d eye, target;
    double fovDeg = 40;
};

Pose poseOf(const SceneData& data, const Viewpoint& vp) {
    const auto e = data.resolveEye(vp), t = data.resolveTarget(vp);
    return {{e[0], e[1], e[2]}, {t[0], t[1], t[2]}, vp.fovDeg};
}

/// `frames` poses from the first viewpoint through every other in order, the same share of
/// frames to each leg, eased in and out of each viewpoint (smoothstep) as a flight would be.
/// The same every run: the path is the scene's, not the clock's.
std::vector<Pose> cameraPath(const SceneData& data, int frames) {
    std::vector<Pose> stops;
    for (const Viewpoint& vp : data.description.viewpoints)
        stops.push_back(poseOf(data, vp));
    if (stops.empty())
        stops.push_back(poseOf(data, data.overviewViewpoint()));
    std::vector<Pose> path;
    const int legs = int(stops.size()) - 1;
    for (int i = 0; i < frames; ++i) {
        if (legs == 0 || frames == 1) {
            path.push_back(stops.front());
            continue;
        }
        const double u = double(i) * legs / (frames - 1);
        const int leg = std::min(int(u), legs - 1);
        const double s = u - leg, t = s * s * (3 - 2 * s);
        const Pose& a = stops[leg];
        const Pose& b = stops[leg + 1];
        path.push_back({a.eye * (1 - t) + b.eye * t, a.target * (1 - t) + b.target * t,
                        a.fovDeg * (1 - t) + b.fovDeg * t});
    }
    return path;
}

/// The issue's draw-call target is at the overview: the scene's viewpoint of that name, else
/// the computed view of the whole scene.
Viewpoint overviewOf(const SceneData& data) {
    if (const Viewpoint* vp = data.description.findViewpoint("overview"))
        return *vp;
    return data.overviewViewpoint();
}

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    const auto i = std::size_t(std::lround(p * double(values.size() - 1)));
    return values[std::min(i, values.size() - 1)];
}

/// Medians (and the frame's p95) over a run of frames.
struct Summary {
    double frameMs = 0, frameP95 = 0, cullMs = 0, drawMs = 0, drawCalls = 0, triangles = 0;
};

Summary summarise(const std::vector<FrameStats>& frames) {
    auto column = [&](auto field) {
        std::vector<double> v;
        for (const FrameStats& f : frames)
            v.push_back(double(field(f)));
        return v;
    };
    const auto ms = column([](const FrameStats& f) { return f.frameMs; });
    Summary s;
    s.frameMs = percentile(ms, 0.5);
    s.frameP95 = percentile(ms, 0.95);
    s.cullMs = percentile(column([](const FrameStats& f) { return f.cullMs; }), 0.5);
    s.drawMs = percentile(column([](const FrameStats& f) { return f.drawMs; }), 0.5);
    s.drawCalls = percentile(column([](const FrameStats& f) { return f.drawCalls; }), 0.5);
    s.triangles = percentile(column([](const FrameStats& f) { return f.triangles; }), 0.5);
    return s;
}

/// Draws `poses` in order; nullopt (with the error printed) when a frame fails.
std::optional<std::vector<FrameStats>> drawPoses(OffscreenRenderer& renderer, osg::Node* graph,
                                                 const std::vector<Pose>& poses) {
    std::vector<FrameStats> frames;
    for (const Pose& p : poses) {
        auto f = renderer.drawFrame(graph, p.eye, p.target, p.fovDeg);
        if (!f) {
            std::fprintf(stderr, "error: %s\n", f.firstError().c_str());
            return std::nullopt;
        }
        frames.push_back(f.value());
    }
    return frames;
}

struct ModeResult {
    Summary path, overview;
};

/// Callgrind's counter over `frames`: collects while they draw, then dumps them under `label`.
template <typename Draw>
auto countedFrames(const Options& o, const std::string& label, const char* what, Draw draw) {
#if CUNJING_HAVE_CALLGRIND
    if (o.callgrind)
        CALLGRIND_TOGGLE_COLLECT;
#endif
    auto frames = draw();
#if CUNJING_HAVE_CALLGRIND
    if (o.callgrind) {
        CALLGRIND_TOGGLE_COLLECT;
        CALLGRIND_DUMP_STATS_AT(label.c_str());
        std::printf("callgrind: dump \"%s\" holds %zu frames of %s\n", label.c_str(),
                    frames ? frames->size() : 0, what);
    }
#endif
    return frames;
}

/// --overview-only or --only: two warm-up frames (shaders, uploads, paging), then the counted
/// frames of that view (`overview`).
std::optional<ModeResult> measureOverview(OffscreenRenderer& renderer, osg::Node* graph,
                                          const Pose& overview, const Options& o,
                                          const std::string& label) {
    if (!drawPoses(renderer, graph, std::vector<Pose>(2, overview)))
        return std::nullopt;
    const std::string what = "the view " + o.only;
    auto frames = countedFrames(o, label, what.c_str(), [&] {
        return drawPoses(renderer, graph, std::vector<Pose>(std::size_t(o.frames), overview));
    });
    if (!frames)
        return std::nullopt;
    const Summary s = summarise(*frames);
    return ModeResult{s, s};
}

/// One mode of one scene: warm-up, the path (alone in its callgrind dump), the overview.
std::optional<ModeResult> measure(OffscreenRenderer& renderer, osg::Node* graph,
                                  const std::vector<Pose>& path, const Pose& overview,
                                  const Options& o, const std::string& label) {
    if (!o.only.empty())
        return measureOverview(renderer, graph, overview, o, label);
    // The first frames compile shaders and upload buffers. Then one flight along the path, not
    // counted either: offscreen, terrain tiles load inside the cull (blocking, so each frame
    // shows its finished view), and the counted frames are to measure drawing, as the viewer
    // sees it, loading tiles in the background.
    std::vector<Pose> warmUp(kWarmUpFrames, path.front());
    warmUp.insert(warmUp.end(), path.begin(), path.end());
    if (!drawPoses(renderer, graph, warmUp))
        return std::nullopt;
    auto pathFrames = countedFrames(o, label, "the camera path",
                                    [&] { return drawPoses(renderer, graph, path); });
    if (!pathFrames)
        return std::nullopt;
    // Under callgrind the overview is for its draw calls and triangles, which one frame gives.
    const int overviewFrames = o.callgrind ? 1 : o.frames;
    auto overviewStats = drawPoses(renderer, graph, std::vector<Pose>(overviewFrames, overview));
    if (!overviewStats)
        return std::nullopt;
    return ModeResult{summarise(*pathFrames), summarise(*overviewStats)};
}

void printRow(const char* mode, const char* where, const Summary& s) {
    std::printf("  %-8s %-9s %9.2f %8.2f %7.1f %10.0f %10.0f %8.2f %8.2f\n", mode, where, s.frameMs,
                s.frameP95, 1000.0 / s.frameMs, s.drawCalls, s.triangles, s.cullMs, s.drawMs);
}

void printRatios(const char* where, const Summary& naive, const Summary& batched) {
    auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
    std::printf("  naive/batched %-9s frame ms %.2fx, draw calls %.2fx, triangles %.2fx\n", where,
                ratio(naive.frameMs, batched.frameMs), ratio(naive.drawCalls, batched.drawCalls),
                ratio(naive.triangles, batched.triangles));
}

/// What each layer (a child of the scene root: terrain, buildings, trees ...) costs at a view
/// (`where`, the overview unless --layers-at): the frame with every layer less the same frame
/// without it.
void printLayers(OffscreenRenderer& renderer, osg::Group& graph, const Pose& overview,
                 const std::string& where, int frames) {
    const auto all = drawPoses(renderer, &graph, std::vector<Pose>(std::size_t(frames), overview));
    if (!all)
        return;
    const Summary with = summarise(*all);
    std::printf(
        "  layers at the %s (batched; all: %.2f ms, %.0f draw calls, %.0f "
        "triangles):\n",
        where.c_str(), with.frameMs, with.drawCalls, with.triangles);
    for (unsigned i = 0; i < graph.getNumChildren(); ++i) {
        osg::Node* layer = graph.getChild(i);
        const unsigned mask = layer->getNodeMask();
        layer->setNodeMask(0);
        const auto without =
            drawPoses(renderer, &graph, std::vector<Pose>(std::size_t(frames), overview));
        layer->setNodeMask(mask);
        if (!without)
            return;
        const Summary s = summarise(*without);
        std::printf("    %-16s %7.2f ms %6.0f draw calls %9.0f triangles\n",
                    layer->getName().c_str(), with.frameMs - s.frameMs,
                    with.drawCalls - s.drawCalls, with.triangles - s.triangles);
    }
    // The floor under every layer: clearing, the root's state, glFinish.
    std::vector<unsigned> masks;
    for (unsigned i = 0; i < graph.getNumChildren(); ++i) {
        masks.push_back(graph.getChild(i)->getNodeMask());
        graph.getChild(i)->setNodeMask(0);
    }
    const auto none = drawPoses(renderer, &graph, std::vector<Pose>(std::size_t(frames), overview));
    for (unsigned i = 0; i < graph.getNumChildren(); ++i)
        graph.getChild(i)->setNodeMask(masks[i]);
    if (none)
        std::printf("    %-16s %7.2f ms (the frame with no layer)\n", "(none)",
                    summarise(*none).frameMs);
}

/// Each viewpoint's frame, draw calls and triangles (batched), to see which views the path's
/// median and p95 come from.
void printViews(OffscreenRenderer& renderer, osg::Group& graph, const SceneData& data, int frames) {
    std::printf("  viewpoints (batched):\n");
    for (const Viewpoint& vp : data.description.viewpoints) {
        const auto stats =
            drawPoses(renderer, &graph, std::vector<Pose>(std::size_t(frames), poseOf(data, vp)));
        if (!stats)
            return;
        const Summary s = summarise(*stats);
        std::printf("    %-16s %7.2f ms %5.1f fps %6.0f draw calls %9.0f triangles\n",
                    vp.name.c_str(), s.frameMs, 1000.0 / s.frameMs, s.drawCalls, s.triangles);
    }
}

/// Bytes of GL arrays (vertices, normals, colours, attributes, indices) under a node, every
/// LOD child included; an array shared by several drawables (tree templates and the instanced
/// drawables that draw them) counted once.
std::size_t arrayBytes(osg::Node& node) {
    struct Sum : osg::NodeVisitor {
        Sum() : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN) { setNodeMaskOverride(~0u); }
        void add(const osg::BufferData* data) {
            if (data && seen.insert(data).second)
                bytes += data->getTotalDataSize();
        }
        void apply(osg::Drawable& d) override {
            const osg::Geometry* g = d.asGeometry();
            if (!g)
                return;
            add(g->getVertexArray());
            add(g->getNormalArray());
            add(g->getColorArray());
            for (unsigned i = 0; i < g->getNumVertexAttribArrays(); ++i)
                add(g->getVertexAttribArray(i));
            for (unsigned i = 0; i < g->getNumPrimitiveSets(); ++i)
                if (const auto* e = dynamic_cast<const osg::DrawElements*>(g->getPrimitiveSet(i)))
                    add(e);
        }
        std::set<const osg::BufferData*> seen;
        std::size_t bytes = 0;
    } sum;
    node.accept(sum);
    return sum.bytes;
}

/// The layer of the scene root with this name, if there is one.
osg::Node* layerNamed(osg::Group& graph, const std::string& name) {
    for (unsigned i = 0; i < graph.getNumChildren(); ++i) {
        if (graph.getChild(i)->getName() == name)
            return graph.getChild(i);
    }
    return nullptr;
}

/// The mean of an image's red channel less the clear colour's (the darkest pixel's: the sky is
/// not drawn here), in counts of 1/255.
double meanCountOver(const osg::Image& image) {
    double sum = 0;
    int least = 255;
    for (int y = 0; y < image.t(); ++y) {
        for (int x = 0; x < image.s(); ++x) {
            const int v = image.data(x, y)[0];
            sum += v;
            least = std::min(least, v);
        }
    }
    return sum / double(image.s() * image.t()) - least;
}

/// --overdraw: every layer but the sky drawn with a program that adds 1/255 to red at each
/// fragment (blending one to one), at each viewpoint, with the depth test (the fragments that
/// are shaded: llvmpipe tests depth before shading) and without it (every fragment drawn).
/// The scene's own state (its bins' order, LODs, culling) stays.
int printOverdraw(OffscreenRenderer& renderer, osg::Group& graph, const SceneData& data) {
    osg::ref_ptr<osg::Program> count = new osg::Program;
    count->addShader(new osg::Shader(osg::Shader::VERTEX, R"(#version 120
vec4 placedVertex(vec4 v);
void main() { gl_Position = gl_ModelViewProjectionMatrix * placedVertex(gl_Vertex); })"));
    count->addShader(new osg::Shader(osg::Shader::VERTEX, shaderSource("common.vert")));
    count->addShader(new osg::Shader(osg::Shader::FRAGMENT, R"(#version 120
void main() { gl_FragColor = vec4(1.0 / 255.0, 0.0, 0.0, 1.0); })"));
    count->addBindAttribLocation("instancePlace", kInstancePlaceAttribute);
    count->addBindAttribLocation("instanceSize", kInstanceSizeAttribute);
    constexpr auto kForced =
        osg::StateAttribute::ON | osg::StateAttribute::OVERRIDE | osg::StateAttribute::PROTECTED;
    osg::StateSet* ss = graph.getOrCreateStateSet();
    ss->setAttributeAndModes(count, kForced);
    ss->setAttributeAndModes(new osg::BlendFunc(GL_ONE, GL_ONE), kForced);
    if (osg::Node* sky = layerNamed(graph, "sky"))
        sky->setNodeMask(0);
    std::printf("  fragments a pixel (every layer but the sky):\n");
    std::printf("    %-16s %8s %8s\n", "viewpoint", "shaded", "drawn");
    for (const Viewpoint& vp : data.description.viewpoints) {
        const Pose p = poseOf(data, vp);
        ss->removeMode(GL_DEPTH_TEST);
        auto shaded = renderer.render(&graph, p.eye, p.target, p.fovDeg);
        ss->setMode(GL_DEPTH_TEST, osg::StateAttribute::OFF | osg::StateAttribute::OVERRIDE |
                                       osg::StateAttribute::PROTECTED);
        auto drawn = renderer.render(&graph, p.eye, p.target, p.fovDeg);
        if (!shaded || !drawn)
            return std::fprintf(stderr, "error: %s\n",
                                (shaded ? drawn : shaded).firstError().c_str()),
                   3;
        std::printf("    %-16s %8.2f %8.2f\n", vp.name.c_str(), meanCountOver(*shaded.value()),
                    meanCountOver(*drawn.value()));
    }
    return 0;
}

/// Memory: GL array bytes a building (all its levels, over the buildings layer) and a tree
/// (its share of the shared templates and rings), the CPU mesh a building keeps in SceneData,
/// and the process's peak resident memory so far.
void printMemory(osg::Group& graph, const SceneData& data) {
    const int buildings = std::max(1, data.buildingCount);
    const std::size_t trees = std::max<std::size_t>(1, data.trees.size());
    const auto bytesOf = [](const geo::Mesh& m) {
        return m.positions.size() *
                   (sizeof(geo::Vec3f) * 2 + sizeof(geo::Rgba) + sizeof(std::uint32_t)) +
               m.surfaces.size() * sizeof(geo::Surface) + m.indices.size() * sizeof(std::uint32_t);
    };
    // A paged scene keeps each building's coarse massing, not its full mesh.
    std::size_t meshBytes = bytesOf(data.buildings);
    if (data.pagedBuildings) {
        for (const auto& [key, tile] : data.pagedBuildings->tiles)
            meshBytes += bytesOf(tile.coarse);
    }
    osg::Node* buildingLayer = layerNamed(graph, "buildings");
    osg::Node* treeLayer = layerNamed(graph, "tree-layer");
    std::printf(
        "  memory: %.0f bytes of GL arrays a building (every level), %.0f of CPU mesh a "
        "building, %.0f of GL arrays a tree; peak resident %.0f MB\n",
        buildingLayer ? double(arrayBytes(*buildingLayer)) / buildings : 0.0,
        double(meshBytes) / buildings,
        treeLayer ? double(arrayBytes(*treeLayer)) / double(trees) : 0.0, peakResidentMb());
}

/// Renderers by samples a pixel: multisampling is the pbuffer's, so a scene whose look draws
/// with fewer samples than the first renderer has gets one of its own (made once).
class Renderers {
public:
    Renderers(int width, int height) : width_(width), height_(height) {}
    /// One with `samples` a pixel, or fewer where the driver offers fewer.
    OffscreenRenderer* get(int samples) {
        for (const auto& r : made_) {
            if (r->samples() == samples || (r->samples() < samples && r == made_.front()))
                return r.get();
        }
        auto made = OffscreenRenderer::create(width_, height_, samples);
        if (!made) {
            std::fprintf(stderr, "error: %s\n", made.firstError().c_str());
            return nullptr;
        }
        made_.push_back(std::move(made).value());
        return made_.back().get();
    }

private:
    int width_, height_;
    std::vector<std::unique_ptr<OffscreenRenderer>> made_;
};

}  // namespace

int main(int argc, char** argv) {
    quietenOsgNotices();
    const auto parsed = parseOptions(argc, argv);
    if (!parsed)
        return usage(), 2;
    const Options& o = *parsed;
#if CUNJING_HAVE_CALLGRIND
    if (o.callgrind && !RUNNING_ON_VALGRIND) {
        std::fprintf(stderr,
                     "warning: --callgrind outside valgrind: the dumps go nowhere (run "
                     "bench/frame_instructions.sh)\n");
    }
#else
    if (o.callgrind) {
        std::fprintf(stderr, "error: built without valgrind/callgrind.h: --callgrind is off\n");
        return 2;
    }
#endif

    Renderers renderers(o.width, o.height);
    // The default renderer (4 samples, or none where the driver has none) names the GL
    // renderer, from which the auto quality follows.
    OffscreenRenderer* first = renderers.get(4);
    if (!first)
        return 3;
    const std::string glRenderer = first->glRenderer();
    std::printf("renderer: %s, %dx%d, quality %s\n", glRenderer.c_str(), o.width, o.height,
                o.quality ? qualityName(*o.quality) : "auto");

    for (const std::string& file : o.scenes) {
        auto desc = loadSceneFile(file);
        if (!desc)
            return std::fprintf(stderr, "error: %s\n", desc.firstError().c_str()), 2;
        const double residentBefore = residentMb();
        auto data = loadScene(desc.value());
        if (!data)
            return std::fprintf(stderr, "error: %s\n", data.firstError().c_str()), 2;
        const double residentLoaded = residentMb();
        const Look look = lookFor(desc->look, glRenderer, o.quality);
        OffscreenRenderer* renderer = renderers.get(presetFor(look.quality).samples);
        if (!renderer)
            return 3;
        osg::ref_ptr<osg::Group> batched =
            buildSceneGraph(data.value(), Lighting{}, GraphOptions{});
        applyLook(*batched, look);
        const double residentGraph = residentMb();

        const std::vector<Pose> path = cameraPath(data.value(), o.frames);
        const Viewpoint overviewVp = overviewOf(data.value());
        Pose overview = poseOf(data.value(), overviewVp);
        if (!o.only.empty() && o.only != "overview") {
            const Viewpoint* vp = data->description.findViewpoint(o.only);
            if (!vp)
                return std::fprintf(stderr, "error: %s has no viewpoint %s\n", file.c_str(),
                                    o.only.c_str()),
                       2;
            overview = poseOf(data.value(), *vp);
        }
        const std::string stem = std::filesystem::path(file).stem().string();
        std::printf("\nscene %s: %d buildings%s, %zu trees; %s, %d samples a pixel\n", file.c_str(),
                    data->buildingCount, data->pagedBuildings ? " (paged)" : "", data->trees.size(),
                    describeLook(look).c_str(), renderer->samples());
        const char* overviewName = overviewVp.name.empty() ? "(computed)" : overviewVp.name.c_str();
        if (!o.only.empty())
            std::printf("only the view %s: %d frames after 2 warm-up\n",
                        o.only == "overview" ? overviewName : o.only.c_str(), o.frames);
        else
            std::printf(
                "path: %zu viewpoints in order, %d frames after %d warm-up and one uncounted "
                "flight; overview: %s\n",
                std::max<std::size_t>(1, data->description.viewpoints.size()), o.frames,
                kWarmUpFrames, overviewName);
        if (o.callgrind)
            std::printf("(under callgrind: the times are valgrind's, only the counts mean much)\n");

        if (o.overdraw) {
            if (const int failed = printOverdraw(*renderer, *batched, data.value()))
                return failed;
            continue;
        }
        const auto b = measure(*renderer, batched.get(), path, overview, o, stem + " batched");
        if (!b)
            return 3;
        if (o.layers && !o.callgrind) {
            const Viewpoint* at = data->description.findViewpoint(o.layersAt);
            if (!o.layersAt.empty() && !at)
                return std::fprintf(stderr, "error: the scene has no viewpoint %s\n",
                                    o.layersAt.c_str()),
                       2;
            printLayers(*renderer, *batched, at ? poseOf(data.value(), *at) : overview,
                        at ? at->name : "overview", o.frames);
            printViews(*renderer, *batched, data.value(), o.frames);
            // Before the naive graph exists: its memory is what batching, LOD and paging save.
            printMemory(*batched, data.value());
            std::printf(
                "  resident: %.0f MB the scene's data, %.0f MB its graph (before drawing)\n",
                residentLoaded - residentBefore, residentGraph - residentLoaded);
        }
        std::printf("  %-8s %-9s %9s %8s %7s %10s %10s %8s %8s\n", "mode", "where", "median ms",
                    "p95 ms", "fps", "draw calls", "triangles", "cull ms", "draw ms");
        if (o.only.empty())
            printRow("batched", "path", b->path);
        const char* where = o.only.empty() ? "overview" : o.only.c_str();
        printRow("batched", where, b->overview);
        std::fflush(stdout);
        if (o.batchedOnly)
            continue;
        batched = nullptr;
        osg::ref_ptr<osg::Group> naive =
            buildSceneGraph(data.value(), Lighting{}, GraphOptions{.naive = true});
        applyLook(*naive, look);
        const auto n = measure(*renderer, naive.get(), path, overview, o, stem + " naive");
        if (!n)
            return 3;
        if (o.only.empty()) {
            printRow("naive", "path", n->path);
            printRatios("path", n->path, b->path);
        }
        printRow("naive", where, n->overview);
        printRatios(where, n->overview, b->overview);
        std::printf("  peak resident with the naive graph: %.0f MB\n", peakResidentMb());
        std::fflush(stdout);
    }
    return 0;
}
