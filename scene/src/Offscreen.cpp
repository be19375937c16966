#include <cunjing/scene/Offscreen.h>

#include <cunjing/scene/LodTerrain.h>

#include <osg/Camera>
#include <osg/Geometry>
#include <osg/GraphicsContext>
#include <osg/Notify>
#include <osg/Stats>
#include <osgDB/DatabasePager>
#include <osgDB/WriteFile>
#include <osgUtil/CullVisitor>
#include <osgUtil/RenderStage>
#include <osgViewer/Viewer>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <thread>

extern char** environ;

namespace cunjing::scene {

namespace {

/// Looks for an executable in PATH (and the usual place, for environments with a bare PATH).
std::string findExecutable(const std::string& name) {
    std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
    path += ":/usr/bin:/usr/local/bin";
    size_t start = 0;
    while (start <= path.size()) {
        const size_t end = std::min(path.find(':', start), path.size());
        const std::string candidate = path.substr(start, end - start) + "/" + name;
        if (end > start && ::access(candidate.c_str(), X_OK) == 0)
            return candidate;
        start = end + 1;
    }
    return {};
}

}  // namespace

Result<std::shared_ptr<HeadlessDisplay>> HeadlessDisplay::ensure() {
    static std::mutex mutex;
    static std::weak_ptr<HeadlessDisplay> current;
    std::lock_guard<std::mutex> lock(mutex);
    if (auto existing = current.lock())
        return existing;
    std::shared_ptr<HeadlessDisplay> display(new HeadlessDisplay);
    if (const char* d = std::getenv("DISPLAY"); d && *d) {
        display->display_ = d;
        current = display;
        return display;
    }
    const std::string xvfb = findExecutable("Xvfb");
    if (xvfb.empty()) {
        return Error{"", "",
                     "no DISPLAY is set and Xvfb is not installed; install the xvfb "
                     "package (./run.sh does) or run under an X server"};
    }
    int fds[2];
    if (::pipe(fds) != 0)
        return Error{"", "", "cannot create a pipe to start Xvfb"};
    const std::string fdText = std::to_string(fds[1]);
    // -displayfd makes Xvfb pick a free display number and write it to the pipe when ready.
    const char* argv[] = {xvfb.c_str(),   "-displayfd", fdText.c_str(), "-screen",  "0",
                          "1920x1080x24", "-nolisten",  "tcp",          "-noreset", nullptr};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int rc =
        posix_spawn(&pid, xvfb.c_str(), &actions, nullptr, const_cast<char**>(argv), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (rc != 0) {
        ::close(fds[0]);
        return Error{"", "", "cannot start " + xvfb};
    }
    display->pid_ = pid;
    std::string number;
    pollfd p{fds[0], POLLIN, 0};
    while (::poll(&p, 1, 15000) > 0) {
        char c;
        if (::read(fds[0], &c, 1) != 1 || c == '\n')
            break;
        number += c;
    }
    ::close(fds[0]);
    if (number.empty())
        return Error{"", "", "Xvfb did not start within 15 s"};
    display->display_ = ":" + number;
    ::setenv("DISPLAY", display->display_.c_str(), 1);
    current = display;
    return display;
}

HeadlessDisplay::~HeadlessDisplay() {
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);
        ::waitpid(pid_, nullptr, 0);
        ::unsetenv("DISPLAY");
    }
}

namespace {

/// Triangles that `count` vertices of a primitive mode make (0 for points and lines).
long long trianglesOf(GLenum mode, long long count) {
    switch (mode) {
        case GL_TRIANGLES:
            return count / 3;
        case GL_TRIANGLE_STRIP:
        case GL_TRIANGLE_FAN:
        case GL_POLYGON:
            return count >= 3 ? count - 2 : 0;
        case GL_QUADS:
            return count / 4 * 2;
        case GL_QUAD_STRIP:
            return count >= 4 ? (count / 2 - 1) * 2 : 0;
        default:
            return 0;
    }
}

/// Adds what one drawable submits: a draw call a primitive set (as osg::Geometry draws them;
/// a DrawArrayLengths is one glDrawArrays a length) and its triangles times its instances.
void countDrawable(const osg::Drawable* drawable, FrameStats& stats) {
    if (!drawable)
        return;
    const osg::Geometry* geometry = drawable->asGeometry();
    if (!geometry) {
        // A drawable with its own drawImplementation: taken as one call, its triangles unknown.
        ++stats.drawCalls;
        return;
    }
    for (unsigned i = 0; i < geometry->getNumPrimitiveSets(); ++i) {
        const osg::PrimitiveSet* set = geometry->getPrimitiveSet(i);
        const long long instances = std::max(1, set->getNumInstances());
        if (const auto* lengths = dynamic_cast<const osg::DrawArrayLengths*>(set)) {
            stats.drawCalls += int(lengths->size());
            for (const GLsizei length : *lengths)
                stats.triangles += instances * trianglesOf(set->getMode(), length);
        } else {
            ++stats.drawCalls;
            stats.triangles += instances * trianglesOf(set->getMode(), set->getNumIndices());
        }
    }
}

/// A bin's leaves and its child bins'. Culling puts a leaf in a state graph of the bin's list;
/// RenderBin::sort by depth or traversal order moves it to the render leaf list, so each leaf
/// is in exactly one of the two.
void countBin(const osgUtil::RenderBin& bin, FrameStats& stats) {
    for (const osgUtil::StateGraph* graph : bin.getStateGraphList()) {
        for (const auto& leaf : graph->_leaves)
            countDrawable(leaf->getDrawable(), stats);
    }
    for (const osgUtil::RenderLeaf* leaf : bin.getRenderLeafList())
        countDrawable(leaf->getDrawable(), stats);
    for (const auto& [order, child] : bin.getRenderBinList())
        countBin(*child, stats);
}

/// A render stage with the stages drawn before and after it: render-to-texture cameras, such
/// as osgShadow's shadow map passes, cull into stages of their own.
void countStage(const osgUtil::RenderStage& stage, FrameStats& stats) {
    for (const auto& [order, pre] : stage.getPreRenderList())
        countStage(*pre, stats);
    countBin(stage, stats);
    for (const auto& [order, post] : stage.getPostRenderList())
        countStage(*post, stats);
}

/// Counts what the master camera's cull traversal put in its render stage, when asked. It
/// counts at the end of the cull, not after the frame: by then the shadow map stage's state
/// graphs have lost their leaves (the main stage's keep theirs until the next cull), which is
/// also why osgViewer gathers its own scene statistics between cull and draw.
struct CountDrawn : public osg::NodeCallback {
    bool counting = false;
    FrameStats counted;
    double countMs = 0;  ///< the count's own time, inside OSG's cull time
    void operator()(osg::Node* node, osg::NodeVisitor* nv) override {
        traverse(node, nv);
        osgUtil::CullVisitor* cv = nv ? nv->asCullVisitor() : nullptr;
        if (!counting || !cv || !cv->getCurrentRenderStage())
            return;
        const auto start = std::chrono::steady_clock::now();
        counted = {};
        countStage(*cv->getCurrentRenderStage(), counted);
        countMs =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
    }
};

}  // namespace

struct OffscreenRenderer::Impl {
    std::shared_ptr<HeadlessDisplay> display;
    osg::ref_ptr<osgViewer::Viewer> viewer;
    osg::ref_ptr<osg::GraphicsContext> context;
    int width = 0, height = 0;
    int samples = 0;
    std::string renderer;

    /// Ends the frame while the context is still current: reads it back (render) or only waits
    /// for the GL to finish it (drawFrame), and times that wait. It runs inside OSG's draw
    /// traversal, so drawFrame takes the wait out of the traversal's time.
    struct Capture : public osg::Camera::DrawCallback {
        mutable bool readBack = true;
        mutable bool ran = false;
        mutable double waitMs = 0;
        mutable osg::ref_ptr<osg::Image> image;
        mutable std::string renderer;
        void operator()(osg::RenderInfo& info) const override {
            const auto start = std::chrono::steady_clock::now();
            if (readBack) {
                const osg::Viewport* vp = info.getCurrentCamera()->getViewport();
                image = new osg::Image;
                image->readPixels(int(vp->x()), int(vp->y()), int(vp->width()), int(vp->height()),
                                  GL_RGB, GL_UNSIGNED_BYTE);
            } else {
                glFinish();
            }
            waitMs =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                    .count();
            ran = true;
            if (renderer.empty()) {
                const auto* s = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
                renderer = s ? s : "unknown";
            }
        }
    };
    osg::ref_ptr<Capture> capture = new Capture;
    osg::ref_ptr<CountDrawn> counter = new CountDrawn;

    /// Draws `scene` from eye to target, then again while the database pager has requests in
    /// flight. Returns the wall-clock ms of the last frame.
    double drawSettled(osg::Node* scene, const osg::Vec3d& eye, const osg::Vec3d& target,
                       double fovDeg);
};

OffscreenRenderer::OffscreenRenderer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
OffscreenRenderer::~OffscreenRenderer() {
    if (impl_ && impl_->viewer)
        impl_->viewer->setSceneData(nullptr);
}

namespace {
osg::ref_ptr<osg::GraphicsContext> createPbuffer(int width, int height, int samples) {
    osg::ref_ptr<osg::GraphicsContext::Traits> traits = new osg::GraphicsContext::Traits;
    traits->readDISPLAY();
    traits->setUndefinedScreenDetailsToDefaultScreen();
    traits->x = 0;
    traits->y = 0;
    traits->width = width;
    traits->height = height;
    traits->red = traits->green = traits->blue = traits->alpha = 8;
    traits->depth = 24;
    traits->windowDecoration = false;
    traits->doubleBuffer = false;
    traits->pbuffer = true;
    traits->sampleBuffers = samples > 0 ? 1 : 0;
    traits->samples = samples;
    return osg::GraphicsContext::createGraphicsContext(traits.get());
}
}  // namespace

Result<std::unique_ptr<OffscreenRenderer>> OffscreenRenderer::create(int width, int height,
                                                                     int samples) {
    if (width < 16 || height < 16 || width > 8192 || height > 8192) {
        return Error{"", "--size", "image size must be between 16x16 and 8192x8192"};
    }
    auto display = HeadlessDisplay::ensure();
    if (!display)
        return Result<std::unique_ptr<OffscreenRenderer>>::failure(display.errors());
    auto impl = std::make_unique<Impl>();
    impl->display = display.value();
    impl->width = width;
    impl->height = height;
    // Multisampling smooths roof lines; fall back to none where the driver refuses it.
    impl->samples = std::clamp(samples, 0, 16);
    impl->context = createPbuffer(width, height, impl->samples);
    if (!impl->context && impl->samples > 0) {
        impl->samples = 0;
        impl->context = createPbuffer(width, height, 0);
    }
    if (!impl->context) {
        return Error{"", "",
                     "cannot create an OpenGL pbuffer on display " + impl->display->display() +
                         " (is Mesa's libgl1-mesa-dri installed? does the X server have GLX?)"};
    }
    impl->viewer = new osgViewer::Viewer;
    impl->viewer->setThreadingModel(osgViewer::Viewer::SingleThreaded);
    impl->viewer->setKeyEventSetsDone(0);
    osg::Camera* camera = impl->viewer->getCamera();
    camera->setGraphicsContext(impl->context.get());
    camera->setViewport(new osg::Viewport(0, 0, width, height));
    camera->setDrawBuffer(GL_FRONT);
    camera->setReadBuffer(GL_FRONT);
    camera->setClearColor(osg::Vec4(0.78f, 0.84f, 0.88f, 1.0f));
    camera->setFinalDrawCallback(impl->capture.get());
    camera->setCullCallback(impl->counter.get());
    impl->viewer->realize();
    if (!impl->viewer->isRealized())
        return Error{"", "", "the OpenGL context could not be realised"};
    // The renderer's name is wanted before the first frame (quality presets follow from it).
    if (impl->context->makeCurrent()) {
        const auto* name = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
        impl->renderer = name ? name : "unknown";
        impl->context->releaseContext();
    }
    return std::unique_ptr<OffscreenRenderer>(new OffscreenRenderer(std::move(impl)));
}

double OffscreenRenderer::Impl::drawSettled(osg::Node* scene, const osg::Vec3d& eye,
                                            const osg::Vec3d& target, double fovDeg) {
    if (viewer->getSceneData() != scene) {
        // An image is one frame: terrain tiles load before it is drawn, not over later frames.
        setTerrainBlocking(scene, true);
        viewer->setSceneData(scene);
    }
    osg::Camera* camera = viewer->getCamera();
    camera->setViewMatrixAsLookAt(eye, target, osg::Vec3d(0, 0, 1));
    camera->setProjectionMatrixAsPerspective(fovDeg, double(width) / height, 1.0, 1.0e5);
    auto frame = [this] {
        capture->image = nullptr;
        capture->ran = false;
        const auto start = std::chrono::steady_clock::now();
        viewer->frame();
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count();
    };
    double ms = frame();
    // Paged layers (oblique-photography PagedLODs) ask the database pager for finer tiles while
    // a frame is culled; an image is one finished view, so frames are drawn until every request
    // is served (bounded: 20 s, then the image shows what has loaded).
    if (osgDB::DatabasePager* pager = viewer->getDatabasePager()) {
        for (int i = 0; i < 2000 && pager->getRequestsInProgress(); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            ms = frame();
        }
    }
    return ms;
}

Result<osg::ref_ptr<osg::Image>> OffscreenRenderer::render(osg::Node* scene, const osg::Vec3d& eye,
                                                           const osg::Vec3d& target,
                                                           double fovDeg) {
    Impl& d = *impl_;
    d.capture->readBack = true;
    d.drawSettled(scene, eye, target, fovDeg);
    if (!d.capture->image || !d.capture->image->data()) {
        return Error{"", "", "the frame could not be read back from the GL context"};
    }
    d.renderer = d.capture->renderer;
    return d.capture->image;
}

Result<FrameStats> OffscreenRenderer::drawFrame(osg::Node* scene, const osg::Vec3d& eye,
                                                const osg::Vec3d& target, double fovDeg) {
    Impl& d = *impl_;
    osg::Camera* camera = d.viewer->getCamera();
    if (!camera->getStats())
        camera->setStats(new osg::Stats("Camera"));
    // osgViewer's Renderer records the cull and draw traversal times only when asked.
    camera->getStats()->collectStats("rendering", true);
    d.capture->readBack = false;
    d.counter->counting = true;
    FrameStats stats;
    stats.frameMs = d.drawSettled(scene, eye, target, fovDeg);
    d.counter->counting = false;
    if (!d.capture->ran)
        return Error{"", "", "the frame was not drawn"};
    d.renderer = d.capture->renderer;
    stats.drawCalls = d.counter->counted.drawCalls;
    stats.triangles = d.counter->counted.triangles;

    // The traversal times are osgViewer's own (its Renderer times SceneView::cull and ::draw
    // around the calls). The cull's includes the count above and the draw's the final draw
    // callback; both are taken out, so drawMs is what submitting the frame cost the CPU.
    const unsigned frame = d.viewer->getFrameStamp()->getFrameNumber();
    double cullS = 0, drawS = 0;
    if (!camera->getStats()->getAttribute(frame, "Cull traversal time taken", cullS) ||
        !camera->getStats()->getAttribute(frame, "Draw traversal time taken", drawS)) {
        return Error{"", "", "OSG recorded no cull and draw times for the frame"};
    }
    stats.cullMs = std::max(0.0, cullS * 1000.0 - d.counter->countMs);
    stats.drawMs = std::max(0.0, drawS * 1000.0 - d.capture->waitMs);
    return stats;
}

std::string OffscreenRenderer::glRenderer() const {
    return impl_->renderer;
}

int OffscreenRenderer::samples() const {
    return impl_->samples;
}

void quietenOsgNotices() {
    const char* level = std::getenv("OSG_NOTIFY_LEVEL");
    if (!level || !*level)
        osg::setNotifyLevel(osg::WARN);
}

Status writePngAtomically(const osg::Image& image, const std::filesystem::path& path) {
    std::error_code ec;
    const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    std::filesystem::create_directories(dir, ec);
    // Built with append: GCC 12 warns falsely (-Wrestrict) on a chain of string '+'.
    std::string tmpName = ".";
    tmpName.append(path.stem().string()).append(".tmp").append(std::to_string(::getpid()));
    tmpName.append(".png");
    const auto tmp = dir / tmpName;
    if (!osgDB::writeImageFile(image, tmp.string())) {
        std::filesystem::remove(tmp, ec);
        return Error{path.string(), "",
                     "cannot write the PNG (is the folder writable? is "
                     "OpenSceneGraph's png plugin installed?)"};
    }
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        return Error{path.string(), "", "cannot move the finished PNG into place: " + ec.message()};
    }
    return Done{};
}

}  // namespace cunjing::scene
