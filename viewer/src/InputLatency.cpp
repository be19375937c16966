#include "InputLatency.h"

#include <SDL.h>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace cunjing::viewer {

void LatencyMeter::eventPolled(std::uint32_t timestampMs) {
    pending_.push_back(timestampMs);
}

void LatencyMeter::frameEnded(std::uint32_t nowMs) {
    for (const std::uint32_t t : pending_)
        latencies_.push_back(double(std::uint32_t(nowMs - t)));
    pending_.clear();
    if (anyFrame_)
        frameTimes_.push_back(double(std::uint32_t(nowMs - lastFrameEnd_)));
    lastFrameEnd_ = nowMs;
    anyFrame_ = true;
}

double percentile(std::vector<double> values, double p) {
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = std::size_t(std::ceil(p / 100.0 * double(values.size())));
    return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

LatencySummary LatencyMeter::summary() const {
    LatencySummary s;
    s.events = latencies_.size();
    s.frames = frameTimes_.size();
    s.p50Ms = percentile(latencies_, 50);
    s.p95Ms = percentile(latencies_, 95);
    s.maxMs = percentile(latencies_, 100);
    s.frameMedianMs = percentile(frameTimes_, 50);
    return s;
}

TouchFeeder::TouchFeeder(SDL_Window* window, double hz) {
    thread_ = std::thread(&TouchFeeder::run, this, SDL_GetWindowID(window), hz);
}

TouchFeeder::~TouchFeeder() {
    stop_ = true;
    thread_.join();
}

void TouchFeeder::run(std::uint32_t windowId, double hz) {
    // Touch down once, then a slow circle: the camera orbits the whole time, so every event
    // has a visible effect.
    SDL_Event event{};
    event.type = SDL_FINGERDOWN;
    event.tfinger.touchId = 0x7C0B;
    event.tfinger.fingerId = 1;
    event.tfinger.windowID = windowId;
    event.tfinger.x = 0.6f;
    event.tfinger.y = 0.5f;
    event.tfinger.pressure = 1;
    SDL_PushEvent(&event);
    event.type = SDL_FINGERMOTION;
    const auto period = std::chrono::duration<double>(1.0 / hz);
    auto next = std::chrono::steady_clock::now();
    for (int i = 1; !stop_; ++i) {
        next += std::chrono::duration_cast<std::chrono::steady_clock::duration>(period);
        std::this_thread::sleep_until(next);
        const double angle = i * 0.02;
        const float x = float(0.5 + 0.1 * std::cos(angle)), y = float(0.5 + 0.1 * std::sin(angle));
        event.tfinger.dx = x - event.tfinger.x;
        event.tfinger.dy = y - event.tfinger.y;
        event.tfinger.x = x;
        event.tfinger.y = y;
        SDL_PushEvent(&event);
    }
    event.type = SDL_FINGERUP;
    event.tfinger.pressure = 0;
    SDL_PushEvent(&event);
}

}  // namespace cunjing::viewer
