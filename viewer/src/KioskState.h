#pragma once
/// The exhibition kiosk's idle state machine (issue 8): a visitor using the screen keeps it
/// interactive; after `idleSeconds` without input the scene's tour plays as an attract loop;
/// after `homeSeconds` without input the language and view go back home and the tour starts
/// again. Times come in from the caller (seconds on any monotonic clock), so it is tested
/// without a window or a clock.

#include <cunjing/geo/Result.h>

namespace cunjing::viewer {

struct KioskSettings {
    double idleSeconds = 60;   ///< no input this long starts the attract tour
    double homeSeconds = 180;  ///< no input this long resets language and view; > idleSeconds
};

/// Ok, or an error naming the setting that is wrong: both finite, idleSeconds > 0,
/// homeSeconds > idleSeconds (a home reset before the tour would never show the tour).
Status validateKioskSettings(const KioskSettings& settings);

enum class KioskMode {
    Interactive,  ///< a visitor is using it (or has not been gone long enough)
    Attract,      ///< the tour is playing to draw visitors in
};

/// What the app must do this frame; at most one per tick.
enum class KioskAction {
    None,
    StartAttract,  ///< start the scene's tour from its beginning
    StopAttract,   ///< a touch stopped the tour: stop it and hand the camera to the visitor
    ResetHome,     ///< stop any tour, home language and home view; the next tick restarts it
};

class KioskState {
public:
    /// A kiosk that has just seen input at `now`; an error when the settings are invalid.
    static Result<KioskState> create(const KioskSettings& settings, double now);

    /// Any touch, mouse or key at `now`.
    void input(double now);
    /// A visitor asked for the tour (the tour button) at `now`: attract mode without waiting
    /// for the idle time, so the next touch stops it like any attract tour. False when the
    /// tour is already playing.
    bool startAttract(double now);
    /// Called once a frame; says what to do.
    KioskAction tick(double now);

    KioskMode mode() const { return mode_; }
    const KioskSettings& settings() const { return settings_; }

private:
    KioskState(const KioskSettings& settings, double now);
    /// `now`, or the latest time seen when the clock went backwards or is not finite.
    double clamp(double now);

    KioskSettings settings_;
    KioskMode mode_ = KioskMode::Interactive;
    double latest_;             ///< latest time seen; earlier ones are treated as this
    double lastInput_;          ///< when a visitor last touched it
    bool stopPending_ = false;  ///< input stopped the tour; the next tick reports it
    bool homeDone_ = false;     ///< this idle spell's home reset has happened
};

}  // namespace cunjing::viewer
