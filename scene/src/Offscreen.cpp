#include <cunjing/scene/Offscreen.h>

#include <cunjing/scene/LodTerrain.h>

#include <osg/Camera>
#include <osg/GraphicsContext>
#include <osg/Notify>
#include <osgDB/DatabasePager>
#include <osgDB/WriteFile>
#include <osgViewer/Viewer>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

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

struct OffscreenRenderer::Impl {
    std::shared_ptr<HeadlessDisplay> display;
    osg::ref_ptr<osgViewer::Viewer> viewer;
    osg::ref_ptr<osg::GraphicsContext> context;
    int width = 0, height = 0;
    std::string renderer;

    /// Reads the finished frame back while the context is still current.
    struct Capture : public osg::Camera::DrawCallback {
        mutable osg::ref_ptr<osg::Image> image;
        mutable std::string renderer;
        void operator()(osg::RenderInfo& info) const override {
            const osg::Viewport* vp = info.getCurrentCamera()->getViewport();
            image = new osg::Image;
            image->readPixels(int(vp->x()), int(vp->y()), int(vp->width()), int(vp->height()),
                              GL_RGB, GL_UNSIGNED_BYTE);
            if (renderer.empty()) {
                const auto* s = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
                renderer = s ? s : "unknown";
            }
        }
    };
    osg::ref_ptr<Capture> capture = new Capture;
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

Result<std::unique_ptr<OffscreenRenderer>> OffscreenRenderer::create(int width, int height) {
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
    impl->context = createPbuffer(width, height, 4);
    if (!impl->context)
        impl->context = createPbuffer(width, height, 0);
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

Result<osg::ref_ptr<osg::Image>> OffscreenRenderer::render(osg::Node* scene, const osg::Vec3d& eye,
                                                           const osg::Vec3d& target,
                                                           double fovDeg) {
    Impl& d = *impl_;
    if (d.viewer->getSceneData() != scene) {
        // An image is one frame: terrain tiles load before it is drawn, not over later frames.
        setTerrainBlocking(scene, true);
        d.viewer->setSceneData(scene);
    }
    osg::Camera* camera = d.viewer->getCamera();
    camera->setViewMatrixAsLookAt(eye, target, osg::Vec3d(0, 0, 1));
    camera->setProjectionMatrixAsPerspective(fovDeg, double(d.width) / d.height, 1.0, 1.0e5);
    d.capture->image = nullptr;
    d.viewer->frame();
    // Paged layers (oblique-photography PagedLODs) ask the database pager for finer tiles while
    // a frame is culled; an image is one finished view, so frames are drawn until every request
    // is served (bounded: 20 s, then the image shows what has loaded).
    if (osgDB::DatabasePager* pager = d.viewer->getDatabasePager()) {
        for (int i = 0; i < 2000 && pager->getRequestsInProgress(); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            d.capture->image = nullptr;
            d.viewer->frame();
        }
    }
    if (!d.capture->image || !d.capture->image->data()) {
        return Error{"", "", "the frame could not be read back from the GL context"};
    }
    d.renderer = d.capture->renderer;
    return d.capture->image;
}

std::string OffscreenRenderer::glRenderer() const {
    return impl_->renderer;
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
