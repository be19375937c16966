#pragma once
/// Sizes for the kiosk's large-screen UI (issue 8): touch targets at least 15 mm across at the
/// screen's DPI and text at least 24 px, so visitors of every age can hit and read them.
/// Pure arithmetic, unit-tested; the app takes the DPI from SDL (or --dpi).

namespace cunjing::viewer {

/// Smallest touch target edge: a fingertip is 10-14 mm across; 15 mm leaves room for a miss.
inline constexpr double kKioskTargetMm = 15.0;
/// Smallest text height read at arm's length on an exhibition screen.
inline constexpr float kKioskMinFontPixels = 24.0f;
/// What SDL_GetDisplayDPI failing (or reporting nonsense) is taken to mean: a plain monitor.
inline constexpr float kFallbackDpi = 96.0f;

struct KioskMetrics {
    float dpi = kFallbackDpi;  ///< the DPI the sizes were made for (the fallback when unusable)
    float targetPixels = 0;    ///< a touch target's edge in window pixels, >= 15 mm
    float fontPixels = 0;      ///< the UI font's height in pixels, >= 24
    /// Widget sizes (padding, spacing) relative to the desktop UI's 20 px font.
    float styleScale() const { return fontPixels / 20.0f; }
};

/// The kiosk's sizes at `dpi`; a DPI that is not finite or outside 20..2000 falls back to 96.
KioskMetrics kioskMetrics(float dpi);

}  // namespace cunjing::viewer
