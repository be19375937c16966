#pragma once
/// Colour difference for façade control (风貌管控, domain.md §4): sRGB hex colours to CIELAB
/// (D65) and the CIEDE2000 difference ΔE00 between two of them.
///
/// Implemented here because no Debian 12 C++ package provides CIEDE2000 (colour-science and
/// the like are Python); the formulas follow Sharma, Wu & Dalal, "The CIEDE2000 color-difference
/// formula: implementation notes, supplementary test data, and mathematical observations",
/// Color Research & Application 30(1), 2005, and are tested against its 34 reference pairs.

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace cunjing::heritage {

/// CIE 1976 L*a*b*, D65 white.
struct Lab {
    double l = 0, a = 0, b = 0;
};

/// An 8-bit sRGB colour.
using Srgb8 = std::array<std::uint8_t, 3>;

/// "#RRGGBB" (hex digits in either case) to its three bytes; nothing for anything else
/// (no "#RGB" short form, no names, no alpha): a palette check must not guess.
std::optional<Srgb8> parseSrgbHex(std::string_view text);

/// sRGB (IEC 61966-2-1) -> linear -> XYZ (D65) -> CIELAB.
Lab srgbToLab(const Srgb8& rgb);

/// CIEDE2000 ΔE00 with the parametric factors kL = kC = kH = 1 unless given.
double ciede2000(const Lab& first, const Lab& second, double kL = 1, double kC = 1, double kH = 1);

}  // namespace cunjing::heritage
