// The scene file's "kiosk", "sun" and "look" keys (SceneSettings.h), the kiosk config file and the
// passcode hash's form.

#include "SceneSettings.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace cunjing::scene {

using nlohmann::json;

namespace detail {

namespace {

/// "passcode_hash": a yescrypt hash made by `cunjing kiosk passcode`. Only its form is checked
/// here; whether a typed passcode matches is the viewer's business (libxcrypt).
void readPasscodeHash(JsonReader& r, std::string& out, bool required) {
    if (r.string("passcode_hash", out, required) && !isYescryptHash(out)) {
        r.error(r.childPath("passcode_hash"),
                "not a yescrypt passcode hash (\"$y$...\"); make one with `cunjing kiosk "
                "passcode` and paste its output here");
        out.clear();
    }
}

}  // namespace

/// "kiosk": {"idle_seconds": 60, "home_seconds": 180, "passcode_hash": "$y$..."}; home must
/// come after idle.
void readKiosk(JsonReader& parent, SceneDescription& scene) {
    const json* v = parent.take("kiosk");
    if (!v || v->is_null())
        return;
    JsonReader r(*v, parent.childPath("kiosk"), parent.file(), parent.errors());
    if (!r.isObject())
        return;
    KioskDescription& k = scene.kiosk;
    const bool idleRead = r.number("idle_seconds", k.idleSeconds, false, 0, 1e7);
    const bool homeRead = r.number("home_seconds", k.homeSeconds, false, 0, 1e7);
    readPasscodeHash(r, k.passcodeHash, false);
    r.finish();
    if (idleRead && k.idleSeconds <= 0)
        r.error(r.childPath("idle_seconds"), "must be more than 0 seconds");
    else if (k.homeSeconds <= k.idleSeconds && (idleRead || homeRead))
        r.error(r.childPath("home_seconds"), "must be longer than idle_seconds (" +
                                                 std::to_string(k.idleSeconds) + "), got " +
                                                 std::to_string(k.homeSeconds));
}

/// "sun": {"date": "YYYY-MM-DD", "time": "HH:MM", "utc_offset": 8, "location": [lon, lat]}.
void readSun(JsonReader& parent, SceneDescription& scene) {
    const json* v = parent.take("sun");
    if (!v || v->is_null())
        return;
    JsonReader r(*v, parent.childPath("sun"), parent.file(), parent.errors());
    if (!r.isObject())
        return;
    SunDescription& sun = scene.sun;
    sun.given = true;
    std::string text;
    if (r.string("date", text)) {
        if (auto d = geo::parseDate(text, sun.when))
            sun.when = d.value();
        else
            r.error(r.childPath("date"), d.firstError());
    }
    if (r.string("time", text)) {
        if (auto t = geo::parseTime(text, sun.when))
            sun.when = t.value();
        else
            r.error(r.childPath("time"), t.firstError());
    }
    r.number("utc_offset", sun.when.utcOffsetHours, false, -12, 14);
    std::array<double, 2> lonLat{};
    if (r.numbers("location", lonLat)) {
        if (lonLat[0] < -180 || lonLat[0] > 180 || lonLat[1] < -90 || lonLat[1] > 90)
            r.error(r.childPath("location"),
                    "expected [longitude, latitude] in degrees (lon -180..180, lat -90..90)");
        else
            sun.location = lonLat;
    }
    r.finish();
}

/// "look": {"quality": "auto" | "low" | "medium" | "high", "shadows": true}.
void readLook(JsonReader& parent, SceneDescription& scene) {
    const json* v = parent.take("look");
    if (!v || v->is_null())
        return;
    JsonReader r(*v, parent.childPath("look"), parent.file(), parent.errors());
    if (!r.isObject())
        return;
    std::string quality;
    if (r.string("quality", quality) && quality != "auto") {
        scene.look.quality = parseQuality(quality);
        if (!scene.look.quality)
            r.error(r.childPath("quality"),
                    "unknown quality \"" + quality + "\"; expected auto, low, medium or high");
    }
    bool shadows = true;
    if (r.boolean("shadows", shadows))
        scene.look.shadows = shadows;
    r.finish();
}

void readGreenery(JsonReader& parent, SceneDescription& scene) {
    const json* v = parent.take("greenery");
    if (!v || v->is_null())
        return;
    JsonReader r(*v, parent.childPath("greenery"), parent.file(), parent.errors());
    if (!r.isObject())
        return;
    r.number("density", scene.greenery.density, false, 0.0, 4.0);
    r.finish();
}

}  // namespace detail

std::optional<Quality> parseQuality(const std::string& name) {
    if (name == "low")
        return Quality::Low;
    if (name == "medium")
        return Quality::Medium;
    if (name == "high")
        return Quality::High;
    return std::nullopt;
}

const char* qualityName(Quality quality) {
    switch (quality) {
        case Quality::Low:
            return "low";
        case Quality::Medium:
            return "medium";
        case Quality::High:
            return "high";
    }
    return "medium";
}

bool isYescryptHash(std::string_view text) {
    // "$y$" params "$" salt "$" hash, in crypt(3)'s alphabet; libxcrypt's longest is 128.
    if (!text.starts_with("$y$") || text.size() > 128 || text.back() == '$' ||
        std::count(text.begin(), text.end(), '$') != 4)
        return false;
    return std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '/' || c == '$';
    });
}

Result<std::string> loadKioskConfig(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return Error{file.string(), "", "cannot be read (missing, or permissions?)"};
    std::ostringstream text;
    text << in.rdbuf();
    auto parsed = detail::parseJson(text.str(), file.string());
    if (!parsed)
        return Result<std::string>::failure(parsed.errors());
    const json root = std::move(parsed.value());
    std::vector<Error> errors;
    detail::JsonReader r(root, "$", file.string(), errors);
    std::string hash;
    if (r.isObject()) {
        detail::readPasscodeHash(r, hash, true);
        r.finish();
    }
    if (!errors.empty())
        return Result<std::string>::failure(errors);
    return hash;
}

}  // namespace cunjing::scene
