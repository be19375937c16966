// The viewer's test and benchmark hooks: the --inject event script, --attract, the camera and
// memory printed for the script's `print` and `memory` lines, and --latency-bench.

#include "ViewerAppImpl.h"

#include <SDL.h>
#include <unistd.h>
#include <osg/GL>

#include <cstdio>
#include <fstream>
#include <iostream>

namespace cunjing::viewer::app {

void ViewerApp::setUpInjection() {
    // As if a visitor pressed the tour button: the first frame's requests start it.
    if (options_.attract && kiosk_)
        ui_.kioskUi.requestedTour = true;
    if (options_.latencyBenchSeconds > 0)
        latency_ = std::make_unique<LatencyMeter>();
    if (options_.injectScript.empty())
        return;
    auto events = readEventScript(options_.injectScript);
    if (!events) {
        printAll(events.errors(), "error: --inject: ");
        startCode_ = kExitBadInput;
        return;
    }
    injector_.emplace(std::move(events).value());
}

void ViewerApp::printCamera() const {
    const osg::Vec3d eye = rig_.eye(), target = rig_.target();
    char line[320];
    std::snprintf(line, sizeof line,
                  "camera: eye %.3f %.3f %.3f target %.3f %.3f %.3f heading %.3f pitch %.3f "
                  "distance %.3f fov %.3f",
                  eye.x(), eye.y(), eye.z(), target.x(), target.y(), target.z(), rig_.headingDeg(),
                  rig_.pitchDeg(), rig_.distance(), fovDeg_);
    std::cout << line << "\n";
    std::cout << "selected: " << (ui_.selected ? recordRefText(*ui_.selected) : "none")
              << std::endl;
}

namespace {
/// Resident set size of this process in KiB (/proc/self/statm), 0 when it cannot be read.
long residentKiB() {
    std::ifstream statm("/proc/self/statm");
    long total = 0, resident = 0;
    if (!(statm >> total >> resident))
        return 0;
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

bool isInput(const SDL_Event& event) {
    switch (event.type) {
        case SDL_FINGERDOWN:
        case SDL_FINGERMOTION:
        case SDL_FINGERUP:
        case SDL_MOUSEMOTION:
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
        case SDL_MOUSEWHEEL:
        case SDL_KEYDOWN:
            return true;
        default:
            return false;
    }
}
}  // namespace

void ViewerApp::measureInput(const SDL_Event& event) {
    if (latency_ && isInput(event))
        latency_->eventPolled(event.common.timestamp);
}

void ViewerApp::afterFrame(int frame) {
    if (injector_ && injector_->printAfter(frame))
        printCamera();
    if (injector_ && injector_->memoryAfter(frame))
        std::cout << "memory: frame " << frame << " rss_kib " << residentKiB() << std::endl;
    if (!latency_)
        return;
    // The frame has ended when the GPU has finished it, not when the swap was queued.
    glFinish();
    latency_->frameEnded(SDL_GetTicks());
    if (frame == 1) {
        // Start feeding once the window is up and the first frame is drawn.
        feeder_ = std::make_unique<TouchFeeder>(window_.sdl(), kTouchReportHz);
        latencyStartMs_ = SDL_GetTicks();
        return;
    }
    if (SDL_GetTicks() - latencyStartMs_ < std::uint32_t(options_.latencyBenchSeconds * 1000))
        return;
    feeder_.reset();
    const LatencySummary s = latency_->summary();
    char line[256];
    std::snprintf(line, sizeof line,
                  "latency: events %zu frames %zu p50 %.1f ms p95 %.1f ms max %.1f ms "
                  "frame_median %.1f ms target %.1f ms",
                  s.events, s.frames, s.p50Ms, s.p95Ms, s.maxMs, s.frameMedianMs,
                  s.frameMedianMs + 5.0);
    std::cout << line << std::endl;
    quit_ = true;
}

}  // namespace cunjing::viewer::app
