// Plan intervention params: checked as overrides like the current-condition params, kept in
// the same map, read back by interventionsOf.
#include "Interventions.h"

#include "ParamChoices.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace cunjing::architecture {

namespace {

using params::Choice;
using params::kBooleans;
using params::numberOf;
using params::pick;

constexpr Choice kRoofCaps[] = {{"none", 0}, {"pitched", 1}};
constexpr Choice kWindows[] = {{"original", static_cast<int>(WindowType::Original)},
                               {"timber-lattice", static_cast<int>(WindowType::TimberLattice)},
                               {"aluminium", static_cast<int>(WindowType::Aluminium)}};
constexpr Choice kDoors[] = {{"original", static_cast<int>(DoorType::Original)},
                             {"timber", static_cast<int>(DoorType::Timber)},
                             {"glass", static_cast<int>(DoorType::Glass)}};

/// The 平改坡 slopes a plan may ask for: steep enough to read as a tiled roof from the street,
/// low enough not to tower over the parapet (domain.md §4's façade rules [E]: 25-30°).
constexpr double kPitchMin = 15, kPitchMax = 35;

/// Exactly "#RRGGBB" (either case), as the style files and plan files write colours.
std::optional<geo::Rgba> colourOf(const std::string& value) {
    geo::Rgba c;
    if (!geo::parseHexColor(value, c))
        return std::nullopt;
    return c;
}

}  // namespace

const std::vector<std::string>& interventionKeys() {
    static const std::vector<std::string> kKeys{"wall_colour", "roof_cap",  "roof_cap_pitch",
                                                "roof_colour", "windows",   "doors",
                                                "ac_screens",  "sign_band", "greening"};
    return kKeys;
}

bool isInterventionKey(std::string_view key) {
    const auto& keys = interventionKeys();
    return params::contains(keys, key);
}

std::optional<Error> applyIntervention(const Style& style, const TypologySpec& t,
                                       const std::string& key, const std::string& value,
                                       ResolvedTypology& out) {
    const auto bad = [&](const std::string& allowed) {
        return params::refused(style, t, key, value, allowed);
    };
    if (key == "wall_colour" || key == "roof_colour") {
        if (!colourOf(value))
            return bad("a colour \"#RRGGBB\" (six hex digits, e.g. #E6D8BC)");
    } else if (key == "roof_cap") {
        if (!pick(kRoofCaps, value))
            return bad(params::allowedOf(kRoofCaps));
    } else if (key == "roof_cap_pitch") {
        const auto v = numberOf(value);
        if (!v || *v < kPitchMin || *v > kPitchMax) {
            char range[64];
            std::snprintf(range, sizeof range, "a slope in degrees %g..%g", kPitchMin, kPitchMax);
            return bad(range);
        }
    } else if (key == "windows") {
        if (!pick(kWindows, value))
            return bad(params::allowedOf(kWindows));
    } else if (key == "doors") {
        if (!pick(kDoors, value))
            return bad(params::allowedOf(kDoors));
    } else if (!pick(kBooleans, value)) {  // ac_screens, sign_band, greening
        return bad("true, false");
    }
    out.conditions[key] = value;
    return std::nullopt;
}

Interventions interventionsOf(const ResolvedTypology& r) {
    Interventions iv;
    for (const auto& [key, value] : r.conditions) {
        if (key == "wall_colour") {
            iv.wallColour = colourOf(value);
            iv.wallHex = value;
        } else if (key == "roof_colour") {
            iv.roofColour = colourOf(value);
            iv.roofHex = value;
        } else if (key == "roof_cap") {
            iv.roofCap = pick(kRoofCaps, value).value_or(0) != 0;
        } else if (key == "roof_cap_pitch") {
            iv.roofCapPitchDeg = numberOf(value).value_or(iv.roofCapPitchDeg);
        } else if (key == "windows") {
            iv.windows = static_cast<WindowType>(pick(kWindows, value).value_or(0));
        } else if (key == "doors") {
            iv.doors = static_cast<DoorType>(pick(kDoors, value).value_or(0));
        } else if (key == "ac_screens") {
            iv.acScreens = pick(kBooleans, value).value_or(0) != 0;
        } else if (key == "sign_band") {
            iv.signBand = pick(kBooleans, value).value_or(0) != 0;
        } else if (key == "greening") {
            iv.greening = pick(kBooleans, value).value_or(0) != 0;
        }
    }
    return iv;
}

bool capsFlatRoof(const Interventions& iv, const std::vector<Mass>& masses) {
    return iv.roofCap &&
           std::any_of(masses.begin(), masses.end(), [](const Mass& m) { return m.flatRoof; });
}

std::string hexOf(const geo::Rgba& c) {
    const auto byte = [](float v) {
        return static_cast<unsigned>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f));
    };
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02X%02X%02X", byte(c.r), byte(c.g), byte(c.b));
    return buf;
}

}  // namespace cunjing::architecture
