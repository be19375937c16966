#include "KioskState.h"

#include <cmath>
#include <string>

namespace cunjing::viewer {

Status validateKioskSettings(const KioskSettings& settings) {
    if (!std::isfinite(settings.idleSeconds) || settings.idleSeconds <= 0) {
        return Error{
            {},
            "idleSeconds",
            "must be a positive number of seconds, got " + std::to_string(settings.idleSeconds)};
    }
    if (!std::isfinite(settings.homeSeconds) || settings.homeSeconds <= settings.idleSeconds) {
        return Error{{},
                     "homeSeconds",
                     "must be longer than idleSeconds (" + std::to_string(settings.idleSeconds) +
                         "), got " + std::to_string(settings.homeSeconds)};
    }
    return Done{};
}

Result<KioskState> KioskState::create(const KioskSettings& settings, double now) {
    if (Status valid = validateKioskSettings(settings); !valid) {
        return Result<KioskState>::failure(valid.errors());
    }
    return KioskState(settings, std::isfinite(now) ? now : 0.0);
}

KioskState::KioskState(const KioskSettings& settings, double now)
    : settings_(settings), latest_(now), lastInput_(now) {}

double KioskState::clamp(double now) {
    if (std::isfinite(now) && now > latest_) {
        latest_ = now;
    }
    return latest_;
}

void KioskState::input(double now) {
    lastInput_ = clamp(now);
    homeDone_ = false;
    if (mode_ == KioskMode::Attract) {
        mode_ = KioskMode::Interactive;
        stopPending_ = true;
    }
}

bool KioskState::startAttract(double now) {
    clamp(now);
    if (mode_ == KioskMode::Attract)
        return false;
    mode_ = KioskMode::Attract;
    stopPending_ = false;
    return true;
}

KioskAction KioskState::tick(double now) {
    if (stopPending_) {
        stopPending_ = false;
        return KioskAction::StopAttract;
    }
    const double idle = clamp(now) - lastInput_;
    // Home comes before the tour: a tick that finds the kiosk long idle (a stalled frame)
    // resets first, so the tour then starts from the home view.
    if (idle >= settings_.homeSeconds && !homeDone_) {
        homeDone_ = true;
        mode_ = KioskMode::Interactive;
        return KioskAction::ResetHome;
    }
    if (idle >= settings_.idleSeconds && mode_ == KioskMode::Interactive) {
        mode_ = KioskMode::Attract;
        return KioskAction::StartAttract;
    }
    return KioskAction::None;
}

}  // namespace cunjing::viewer
