#pragma once
/// Input latency as a visitor feels it (issue 8): from an input event's timestamp to the end of
/// the frame that shows its effect. Every event polled in a frame is shown by that frame (the
/// camera moves before the scene is drawn), so its latency is the frame's end minus its
/// timestamp. `cunjing-viewer --latency-bench SECONDS` feeds a one-finger drag at a touch
/// panel's report rate from another thread, as a real panel does, and prints the figures.

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

struct SDL_Window;

namespace cunjing::viewer {

struct LatencySummary {
    std::size_t events = 0, frames = 0;
    double p50Ms = 0, p95Ms = 0, maxMs = 0;
    double frameMedianMs = 0;  ///< the median frame time over the same run, the baseline
};

/// Collects event and frame times in milliseconds on SDL's clock (SDL_GetTicks, which stamps
/// every event; 32 bits, so differences are taken modulo 2^32 and survive its wrap after 49
/// days of kiosk uptime).
class LatencyMeter {
public:
    /// An input event with this timestamp was polled in the current frame.
    void eventPolled(std::uint32_t timestampMs);
    /// The current frame ended (swapped and finished) at `nowMs`.
    void frameEnded(std::uint32_t nowMs);
    LatencySummary summary() const;

private:
    std::vector<std::uint32_t> pending_;
    std::vector<double> latencies_, frameTimes_;
    std::uint32_t lastFrameEnd_ = 0;
    bool anyFrame_ = false;
};

/// The p-th percentile (0..100) by the nearest-rank method; 0 for no values.
double percentile(std::vector<double> values, double p);

/// A thread that pushes SDL_FINGERMOTION events of one finger circling the window centre at
/// `hz` until stopped (SDL_PushEvent is thread-safe and stamps each event with the time).
class TouchFeeder {
public:
    TouchFeeder(SDL_Window* window, double hz);
    ~TouchFeeder();
    TouchFeeder(const TouchFeeder&) = delete;
    TouchFeeder& operator=(const TouchFeeder&) = delete;

private:
    void run(std::uint32_t windowId, double hz);
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

}  // namespace cunjing::viewer
