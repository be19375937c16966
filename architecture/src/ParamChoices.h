#pragma once
// Private: what the current-condition params (Conditions.cpp) and the plan's intervention params
// (Interventions.cpp) share to check a key=value: named choices, numbers, key lists and the
// error that names the allowed values.

#include <cunjing/architecture/Building.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cunjing::architecture::params {

/// One allowed value of a param and the enum value it stands for.
struct Choice {
    const char* id;
    int value;
};

inline constexpr Choice kBooleans[] = {{"false", 0}, {"true", 1}, {"0", 0}, {"1", 1}};

template <std::size_t N>
std::optional<int> pick(const Choice (&choices)[N], const std::string& value) {
    for (const Choice& c : choices) {
        if (value == c.id)
            return c.value;
    }
    return std::nullopt;
}

/// "a, b, c": the first `count` choices, for messages (booleans list only true, false).
template <std::size_t N>
std::string allowedOf(const Choice (&choices)[N], std::size_t count = N) {
    std::string out;
    for (std::size_t i = 0; i < count; ++i)
        out += (i ? ", " : "") + std::string(choices[i].id);
    return out;
}

/// A finite number written as the whole value ("0.5"; not "0.5m" or "nan").
inline std::optional<double> numberOf(const std::string& value) {
    char* end = nullptr;
    const double v = std::strtod(value.c_str(), &end);
    if (value.empty() || end != value.c_str() + value.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

inline bool contains(const std::vector<std::string>& keys, std::string_view key) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

/// A value the param does not take: names the style file, the typology's params and what is
/// allowed.
inline Error refused(const Style& style, const TypologySpec& t, const std::string& key,
                     const std::string& value, const std::string& allowed) {
    return Error{style.file, "$.typologies." + t.id + " params." + key,
                 key + "=" + value + " is not allowed; allowed: " + allowed};
}

}  // namespace cunjing::architecture::params
