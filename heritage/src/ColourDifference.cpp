#include <cunjing/heritage/ColourDifference.h>

#include <cmath>
#include <numbers>

namespace cunjing::heritage {

namespace {

constexpr double kPi = std::numbers::pi;

double degrees(double radians) {
    return radians * 180.0 / kPi;
}
double radians(double degrees) {
    return degrees * kPi / 180.0;
}

int hexDigit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/// The sRGB transfer function undone: an 8-bit channel to linear light in 0..1.
double linearChannel(std::uint8_t value) {
    const double c = value / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double labF(double t) {
    constexpr double delta = 6.0 / 29.0;
    return t > delta * delta * delta ? std::cbrt(t) : t / (3 * delta * delta) + 4.0 / 29.0;
}

/// Hue angle in degrees, 0..360; 0 for a neutral colour (a' = b = 0), as Sharma et al. define.
double hueDegrees(double b, double aPrime) {
    if (b == 0 && aPrime == 0)
        return 0;
    const double h = degrees(std::atan2(b, aPrime));
    return h < 0 ? h + 360 : h;
}

}  // namespace

std::optional<Srgb8> parseSrgbHex(std::string_view text) {
    if (text.size() != 7 || text[0] != '#')
        return std::nullopt;
    Srgb8 out{};
    for (int i = 0; i < 3; ++i) {
        const int hi = hexDigit(text[1 + 2 * i]);
        const int lo = hexDigit(text[2 + 2 * i]);
        if (hi < 0 || lo < 0)
            return std::nullopt;
        out[i] = static_cast<std::uint8_t>(hi * 16 + lo);
    }
    return out;
}

Lab srgbToLab(const Srgb8& rgb) {
    const double r = linearChannel(rgb[0]);
    const double g = linearChannel(rgb[1]);
    const double b = linearChannel(rgb[2]);
    // The sRGB to XYZ matrix at full precision (Lindbloom); each row is divided by its own sum,
    // the D65 white (0.95047, 1, 1.08883) the matrix maps #FFFFFF to, so white is neutral.
    constexpr double m[3][3] = {{0.4124564, 0.3575761, 0.1804375},
                                {0.2126729, 0.7151522, 0.0721750},
                                {0.0193339, 0.1191920, 0.9503041}};
    double f[3];
    for (int i = 0; i < 3; ++i)
        f[i] = labF((m[i][0] * r + m[i][1] * g + m[i][2] * b) / (m[i][0] + m[i][1] + m[i][2]));
    const double fx = f[0], fy = f[1], fz = f[2];
    return {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
}

double ciede2000(const Lab& c1, const Lab& c2, double kL, double kC, double kH) {
    // Step 1: a' from the mean chroma, then C' and h'.
    const double cStar = 0.5 * (std::hypot(c1.a, c1.b) + std::hypot(c2.a, c2.b));
    const double c7 = std::pow(cStar, 7);
    const double g = 0.5 * (1 - std::sqrt(c7 / (c7 + std::pow(25.0, 7))));
    const double a1 = (1 + g) * c1.a;
    const double a2 = (1 + g) * c2.a;
    const double cp1 = std::hypot(a1, c1.b);
    const double cp2 = std::hypot(a2, c2.b);
    const double h1 = hueDegrees(c1.b, a1);
    const double h2 = hueDegrees(c2.b, a2);

    // Step 2: differences. The hue difference takes the short way round the circle.
    const double dL = c2.l - c1.l;
    const double dC = cp2 - cp1;
    double dh = 0;
    if (cp1 * cp2 != 0) {
        dh = h2 - h1;
        if (dh > 180)
            dh -= 360;
        else if (dh < -180)
            dh += 360;
    }
    const double dH = 2 * std::sqrt(cp1 * cp2) * std::sin(radians(dh / 2));

    // Step 3: weights from the means.
    const double lMean = 0.5 * (c1.l + c2.l);
    const double cMean = 0.5 * (cp1 + cp2);
    double hMean = h1 + h2;
    if (cp1 * cp2 != 0) {
        if (std::abs(h1 - h2) <= 180)
            hMean = 0.5 * (h1 + h2);
        else
            hMean = h1 + h2 < 360 ? 0.5 * (h1 + h2 + 360) : 0.5 * (h1 + h2 - 360);
    }
    const double t = 1 - 0.17 * std::cos(radians(hMean - 30)) +
                     0.24 * std::cos(radians(2 * hMean)) + 0.32 * std::cos(radians(3 * hMean + 6)) -
                     0.20 * std::cos(radians(4 * hMean - 63));
    const double dTheta = 30 * std::exp(-std::pow((hMean - 275) / 25, 2));
    const double cMean7 = std::pow(cMean, 7);
    const double rC = 2 * std::sqrt(cMean7 / (cMean7 + std::pow(25.0, 7)));
    const double l50 = (lMean - 50) * (lMean - 50);
    const double sL = 1 + 0.015 * l50 / std::sqrt(20 + l50);
    const double sC = 1 + 0.045 * cMean;
    const double sH = 1 + 0.015 * cMean * t;
    const double rT = -std::sin(radians(2 * dTheta)) * rC;

    const double tl = dL / (kL * sL);
    const double tc = dC / (kC * sC);
    const double th = dH / (kH * sH);
    return std::sqrt(tl * tl + tc * tc + th * th + rT * tc * th);
}

}  // namespace cunjing::heritage
