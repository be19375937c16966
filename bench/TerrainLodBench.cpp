// LOD terrain against the full-resolution mesh on Mt Fuji (SRTM 90 m in UTM 54N, 1108 x 1342
// samples, 3.0 M triangles), at three camera distances: triangles and draw calls per frame,
// frame time, and (with --callgrind) instructions per frame counted by callgrind (issue 3,
// benchmark b; target: at most a tenth of the triangles at the overview, 2 px maximum error).
//
//   build/bin/bench_terrain_lod [--callgrind] [--frames N] [WxH]
//
// Offscreen on whatever GL the machine has (llvmpipe here), 1280x720 unless told. The
// overview is the scene's own overview viewpoint (the whole DEM in view); mid and close look
// at the summit from 25 km and 4 km. Instructions are counted with
//   MESA_SHADER_CACHE_DISABLE=true LP_NUM_THREADS=0 valgrind --tool=callgrind --instr-atstart=no
// around the measured frames only (loading and warm-up frames excluded), in a child process
// this program starts on itself.

#include <cunjing/geo/Crs.h>
#include <cunjing/scene/LodTerrain.h>
#include <cunjing/scene/Offscreen.h>
#include <cunjing/scene/SceneData.h>
#include <cunjing/scene/SceneGraph.h>

#include <valgrind/callgrind.h>
#include <osg/Group>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace cunjing;
using namespace cunjing::scene;
namespace fs = std::filesystem;

namespace {

struct Bench {
    SceneData data;
    osg::ref_ptr<osg::Group> lod;   ///< the scene graph as the viewer builds it
    osg::ref_ptr<osg::Group> full;  ///< the same with one full-resolution terrain mesh
    LodTerrain* terrain = nullptr;
    std::size_t fullTriangles = 0;
};

struct View {
    std::string name;
    osg::Vec3d eye, target;
    double fov = 40;
};

Result<Bench> load(const fs::path& shared) {
    const fs::path scene = fs::temp_directory_path() / "cunjing_bench_fuji.json";
    std::ofstream(scene)
        << R"({"version": 1, "name": "Fuji", "crs": "EPSG:32654", "terrain": {"dem": ")"
        << fs::absolute(shared / "dem/osgearth/mt_fuji_90m.tif").string()
        << R"(", "max_grid": 2048, "max_pixel_error": 2}})";
    auto desc = loadSceneFile(scene);
    if (!desc)
        return Result<Bench>::failure(desc.errors());
    auto data = loadScene(desc.value());
    if (!data)
        return Result<Bench>::failure(data.errors());
    Bench b;
    b.data = std::move(data.value());
    b.lod = buildSceneGraph(b.data);
    for (unsigned i = 0; i < b.lod->getNumChildren(); ++i) {
        if (auto* t = dynamic_cast<LodTerrain*>(b.lod->getChild(i)))
            b.terrain = t;
    }
    if (!b.terrain)
        return Error{"", "", "the scene graph has no LOD terrain"};
    const geo::Mesh mesh = terrain::heightfieldMesh(*b.data.terrain, b.data.originX, b.data.originY,
                                                    b.data.exaggeration());
    b.fullTriangles = mesh.triangleCount();
    osg::ref_ptr<osg::Node> fullTerrain = meshNode(mesh);
    fullTerrain->setStateSet(b.terrain->getStateSet());
    b.full = new osg::Group;
    b.full->setStateSet(b.lod->getStateSet());
    for (unsigned i = 0; i < b.lod->getNumChildren(); ++i)
        b.full->addChild(b.lod->getChild(i) == b.terrain ? fullTerrain.get() : b.lod->getChild(i));
    return b;
}

std::vector<View> views(const Bench& b) {
    auto t = geo::Transform::create(geo::Crs::fromUserString("EPSG:4326").value(),
                                    geo::Crs::fromUserString("EPSG:32654").value());
    double x = 138.7274, y = 35.3606;  // the summit
    t->apply(x, y);
    x -= b.data.originX;
    y -= b.data.originY;
    const osg::Vec3d summit(x, y, b.data.groundHeight(x, y));
    const Viewpoint o = b.data.overviewViewpoint();
    const auto from = [&](double d) { return summit + osg::Vec3d(-0.5 * d, -0.85 * d, 0.35 * d); };
    return {{"overview", {o.eye[0], o.eye[1], o.eye[2]}, {o.target[0], o.target[1], o.target[2]}},
            {"mid (25 km)", from(25000), summit},
            {"close (4 km)", from(4000), summit}};
}

/// One measured frame, kept out of line so callgrind sees it apart from the warm-up.
__attribute__((noinline)) void measuredFrame(OffscreenRenderer& r, osg::Node* node, const View& v) {
    (void)r.render(node, v.eye, v.target, v.fov);
}

double medianMs(OffscreenRenderer& r, osg::Node* node, const View& v, int frames) {
    std::vector<double> ms;
    for (int i = 0; i < frames; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        measuredFrame(r, node, v);
        ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

/// Child mode: render one view with one variant, counting instructions of the measured
/// frames only.
int callgrindChild(Bench& b, int viewIndex, bool full, int frames, int w, int h) {
    auto renderer = OffscreenRenderer::create(w, h);
    if (!renderer)
        return 3;
    const View v = views(b)[std::size_t(viewIndex)];
    osg::Node* node = full ? b.full.get() : b.lod.get();
    for (int i = 0; i < 2; ++i)
        measuredFrame(*renderer.value(), node, v);  // loads tiles, compiles shaders
    CALLGRIND_START_INSTRUMENTATION;
    for (int i = 0; i < frames; ++i)
        measuredFrame(*renderer.value(), node, v);
    CALLGRIND_STOP_INSTRUMENTATION;
    return 0;
}

/// Instructions per frame from a callgrind run of this program in child mode.
double countInstructions(const std::string& self, int viewIndex, bool full, int frames, int w,
                         int h) {
    const fs::path out =
        fs::temp_directory_path() /
        ("cunjing_bench_callgrind_" + std::to_string(viewIndex) + (full ? "f" : "l"));
    const std::string cmd =
        "MESA_SHADER_CACHE_DISABLE=true LP_NUM_THREADS=0 valgrind -q "
        "--tool=callgrind --instr-atstart=no --callgrind-out-file='" +
        out.string() + "' '" + self + "' --callgrind-child " + std::to_string(viewIndex) + " " +
        (full ? "full" : "lod") + " " + std::to_string(frames) + " " + std::to_string(w) + "x" +
        std::to_string(h) + " > /dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0)
        return -1;
    std::ifstream in(out);
    std::string line;
    double total = -1;
    while (std::getline(in, line)) {
        if (line.rfind("summary:", 0) == 0 || line.rfind("totals:", 0) == 0)
            total = std::stod(line.substr(line.find(':') + 1));
    }
    fs::remove(out);
    return total / frames;
}

}  // namespace

int main(int argc, char** argv) {
    quietenOsgNotices();
    bool callgrind = false;
    int frames = 30, w = 1280, h = 720;
    std::vector<std::string> args(argv + 1, argv + argc);
    const char* sharedEnv = std::getenv("CUNJING_SHARED_DATA");
    const fs::path shared = sharedEnv ? sharedEnv : "../shared/data";
    auto bench = load(shared);
    if (!bench) {
        std::fprintf(stderr, "error: %s (run from the repository root)\n",
                     bench.firstError().c_str());
        return 2;
    }
    if (args.size() >= 5 && args[0] == "--callgrind-child") {
        std::sscanf(args[4].c_str(), "%dx%d", &w, &h);
        return callgrindChild(bench.value(), std::stoi(args[1]), args[2] == "full",
                              std::stoi(args[3]), w, h);
    }
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--callgrind")
            callgrind = true;
        else if (args[i] == "--frames" && i + 1 < args.size())
            frames = std::max(3, std::stoi(args[++i]));
        else
            std::sscanf(args[i].c_str(), "%dx%d", &w, &h);
    }
    auto renderer = OffscreenRenderer::create(w, h);  // also starts Xvfb for the children
    if (!renderer) {
        std::fprintf(stderr, "error: %s\n", renderer.firstError().c_str());
        return 3;
    }
    Bench& b = bench.value();
    const auto& f = *b.data.terrain;
    std::printf(
        "Mt Fuji, %d x %d samples (%.1f m), full mesh %zu triangles; %dx%d, max %.0f px "
        "error\n",
        f.cols, f.rows, f.dx, b.fullTriangles, w, h, b.terrain->options().maxPixelError);
    std::printf("renderer: ");
    measuredFrame(*renderer.value(), b.lod.get(), views(b)[0]);
    std::printf("%s; frame times are medians of %d frames\n\n",
                renderer.value()->glRenderer().c_str(), frames);
    std::printf("%-14s %12s %12s %8s %10s %10s %14s %14s\n", "view", "LOD tris", "full tris",
                "ratio", "LOD calls", "full calls", "LOD ms/frame", "full ms/frame");
    int index = 0;
    for (const View& v : views(b)) {
        measuredFrame(*renderer.value(), b.lod.get(), v);
        const LodTerrain::FrameStats s = b.terrain->lastFrame();
        const double lodMs = medianMs(*renderer.value(), b.lod.get(), v, frames);
        const double fullMs = medianMs(*renderer.value(), b.full.get(), v, frames);
        // Draw calls: the terrain's, plus one for the sky in both.
        std::printf("%-14s %12zu %12zu %7.1f%% %10zu %10d %14.1f %14.1f\n", v.name.c_str(),
                    s.triangles, b.fullTriangles,
                    100.0 * double(s.triangles) / double(b.fullTriangles), s.tiles + 1, 2, lodMs,
                    fullMs);
        if (callgrind) {
            const double li = countInstructions(argv[0], index, false, 2, w, h);
            const double fi = countInstructions(argv[0], index, true, 1, w, h);
            std::printf("%-14s callgrind instructions per frame: LOD %.3g, full %.3g, ratio %.3f\n",
                        "", li, fi, li / fi);
        }
        std::fflush(stdout);
        ++index;
    }
    return 0;
}
