#include "KioskMetrics.h"

#include <algorithm>
#include <cmath>

namespace cunjing::viewer {

namespace {
constexpr double kMillimetresPerInch = 25.4;
/// Button text about 45 % of the button's height leaves the padding a finger sees as the button.
constexpr float kFontShareOfTarget = 0.45f;
}  // namespace

KioskMetrics kioskMetrics(float dpi) {
    KioskMetrics m;
    // Xvfb and some drivers report 0 or absurd values; a plain monitor's DPI is the safe guess.
    m.dpi = std::isfinite(dpi) && dpi >= 20.0f && dpi <= 2000.0f ? dpi : kFallbackDpi;
    m.targetPixels = float(std::ceil(kKioskTargetMm / kMillimetresPerInch * m.dpi));
    m.fontPixels = std::max(kKioskMinFontPixels, std::round(m.targetPixels * kFontShareOfTarget));
    return m;
}

}  // namespace cunjing::viewer
