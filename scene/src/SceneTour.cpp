// The scene file's "tour" key: read with the rest of the scene (SceneTour.h) and written back
// into the file by the tour editor (SceneTourFile.h), changing nothing else in it.

#include "SceneTour.h"

#include <cunjing/geo/AtomicFile.h>
#include <cunjing/scene/SceneTourFile.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>

namespace cunjing::scene {

using nlohmann::json;
using nlohmann::ordered_json;

namespace detail {

namespace {

std::string knownViewpoints(const SceneDescription& scene) {
    std::string known;
    for (const Viewpoint& vp : scene.viewpoints)
        known += (known.empty() ? "" : ", ") + vp.name;
    return known.empty() ? "the scene has no viewpoints; give \"eye\" and \"target\" instead"
                         : "known: " + known;
}

/// "caption": a plain string (both languages) or {"zh": ..., "en": ...}.
void readCaption(JsonReader& r, LocalText& out) {
    const json* v = r.take("caption");
    if (!v || v->is_null())
        return;
    if (v->is_string()) {
        out.zh = out.en = v->get<std::string>();
        return;
    }
    JsonReader c(*v, r.childPath("caption"), r.file(), r.errors());
    c.string("zh", out.zh);
    c.string("en", out.en);
    c.finish();
}

/// The step's own view, read as a viewpoint is (eye, target, above_ground, fov).
void readOwnView(JsonReader& r, TourStep& step) {
    r.numbers("eye", step.view.eye, true);
    r.numbers("target", step.view.target, true);
    r.boolean("above_ground", step.view.aboveGround);
    r.number("fov", step.view.fovDeg, false, 5, 120);
    if (step.view.eye == step.view.target)
        r.error(r.childPath("eye"), "eye and target are the same point");
}

TourStep readStep(JsonReader& r, const SceneDescription& scene) {
    TourStep step;
    const bool named = r.has("viewpoint");
    if (named && (r.has("eye") || r.has("target"))) {
        r.error(r.path(), "give either \"viewpoint\" or \"eye\" and \"target\", not both");
        for (const char* key : {"eye", "target", "above_ground", "fov"})
            r.take(key);  // reported once, above, not again as unknown keys
    }
    if (named && r.string("viewpoint", step.viewpoint)) {
        if (const Viewpoint* vp = scene.findViewpoint(step.viewpoint))
            step.view = *vp;
        else
            r.error(r.childPath("viewpoint"), "unknown viewpoint \"" + step.viewpoint + "\" (" +
                                                  knownViewpoints(scene) + ")");
    } else if (!named && !r.has("eye") && !r.has("target")) {
        r.error(r.path(), "a step needs \"viewpoint\" (a name from \"viewpoints\"; " +
                              knownViewpoints(scene) + ") or its own \"eye\" and \"target\"");
    } else if (!named) {
        readOwnView(r, step);
    }
    if (r.number("seconds", step.seconds, false, 0, kMaxTourStepSeconds) && step.seconds <= 0)
        r.error(r.childPath("seconds"), "must be more than 0 seconds (the rest at the step)");
    readCaption(r, step.caption);
    r.finish();
    return step;
}

}  // namespace

void readTour(JsonReader& parent, SceneDescription& scene) {
    const json* v = parent.take("tour");
    if (!v || v->is_null())
        return;
    JsonReader r(*v, parent.childPath("tour"), parent.file(), parent.errors());
    if (!r.isObject())
        return;
    const json* steps = r.has("steps") ? &(*v)["steps"] : nullptr;
    if (!steps) {
        r.error(r.path(),
                "missing required key \"steps\" (a list of steps; remove \"tour\" "
                "to tour the viewpoints)");
    } else if (steps->is_array() && steps->empty()) {
        r.error(r.childPath("steps"),
                "a tour needs at least one step; remove \"tour\" to tour the viewpoints");
    } else if (steps->is_array() && steps->size() > kMaxTourSteps) {
        r.error(r.childPath("steps"), std::to_string(steps->size()) + " steps, more than " +
                                          std::to_string(kMaxTourSteps) +
                                          "; split the tour or drop steps");
    }
    r.objects("steps", [&](JsonReader& s) { scene.tour.steps.push_back(readStep(s, scene)); });
    r.finish();
}

}  // namespace detail

namespace {

constexpr std::uintmax_t kMaxSceneFileBytes = 64u << 20;
/// Arrays and small objects of plain values up to this width stay on one line, as people
/// write eye, target and captions by hand.
constexpr std::size_t kInlineWidth = 96;

/// Whole numbers as integers ("fov": 40, not 40.0); others to the centimetre, which is as
/// close as anyone places a camera.
ordered_json tidyNumber(double x) {
    const double cm = std::round(x * 100.0) / 100.0;
    if (cm == std::round(cm) && std::abs(cm) < 1e15)
        return static_cast<long long>(cm);
    return cm;
}

ordered_json captionJson(const LocalText& caption) {
    ordered_json c = ordered_json::object();
    if (!caption.zh.empty())
        c["zh"] = caption.zh;
    if (!caption.en.empty())
        c["en"] = caption.en;
    return c;
}

ordered_json stepJson(const TourStep& step) {
    ordered_json s = ordered_json::object();
    if (!step.viewpoint.empty()) {
        s["viewpoint"] = step.viewpoint;
    } else {
        const auto point = [](const std::array<double, 3>& p) {
            return ordered_json{tidyNumber(p[0]), tidyNumber(p[1]), tidyNumber(p[2])};
        };
        s["eye"] = point(step.view.eye);
        s["target"] = point(step.view.target);
        if (step.view.aboveGround)
            s["above_ground"] = true;
        s["fov"] = tidyNumber(step.view.fovDeg);
    }
    s["seconds"] = tidyNumber(step.seconds);
    if (!step.caption.zh.empty() || !step.caption.en.empty())
        s["caption"] = captionJson(step.caption);
    return s;
}

ordered_json tourJson(const TourDescription& tour) {
    ordered_json steps = ordered_json::array();
    for (const TourStep& step : tour.steps)
        steps.push_back(stepJson(step));
    return ordered_json{{"steps", steps}};
}

std::string scalarText(const ordered_json& v) {
    // Replace, not throw, on invalid UTF-8: a save must never fail on a stray byte it read.
    return v.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

/// One line for an array or object of plain values (arrays of such arrays too: outlines),
/// when it is short enough; nothing otherwise.
std::optional<std::string> inlineText(const ordered_json& v, int depth = 0) {
    if (v.is_primitive())
        return scalarText(v);
    if (depth > 1 || (v.is_object() && depth > 0))
        return std::nullopt;
    std::string text = v.is_array() ? "[" : "{";
    bool first = true;
    for (const auto& [key, item] : v.items()) {
        if (item.is_object())
            return std::nullopt;
        const auto inner = inlineText(item, depth + 1);
        if (!inner)
            return std::nullopt;
        text += (first ? "" : ", ") + (v.is_object() ? scalarText(key) + ": " : "") + *inner;
        first = false;
        if (text.size() > kInlineWidth)
            return std::nullopt;
    }
    return text + (v.is_array() ? "]" : "}");
}

void writeJson(const ordered_json& v, int indent, std::string& out) {
    if (v.empty() || v.is_primitive()) {
        out += v.is_primitive() ? scalarText(v) : v.is_array() ? "[]" : "{}";
        return;
    }
    if (indent > 0) {
        if (const auto line = inlineText(v)) {
            out += *line;
            return;
        }
    }
    const std::string pad(std::size_t(indent + 2), ' ');
    out += v.is_array() ? "[\n" : "{\n";
    bool first = true;
    for (const auto& [key, item] : v.items()) {
        out += (first ? "" : ",\n") + pad;
        if (v.is_object())
            out += scalarText(key) + ": ";
        writeJson(item, indent + 2, out);
        first = false;
    }
    out += "\n" + std::string(std::size_t(indent), ' ') + (v.is_array() ? "]" : "}");
}

/// The same object with "tour" replaced in place, or added after "viewpoints" (else last).
ordered_json withTour(const ordered_json& root, const TourDescription& tour) {
    const bool keep = !tour.steps.empty();
    const bool hadTour = root.contains("tour");
    ordered_json out = ordered_json::object();
    for (const auto& [key, value] : root.items()) {
        if (key == "tour") {
            if (keep)
                out["tour"] = tourJson(tour);
            continue;
        }
        out[key] = value;
        if (key == "viewpoints" && !hadTour && keep)
            out["tour"] = tourJson(tour);
    }
    if (keep && !out.contains("tour"))
        out["tour"] = tourJson(tour);
    return out;
}

}  // namespace

Result<std::string> sceneTextWithTour(const std::string& text, const std::filesystem::path& file,
                                      const TourDescription& tour) {
    ordered_json root;
    try {
        root = ordered_json::parse(text);
    } catch (const ordered_json::exception& e) {  // parse_error, or a number out of range
        return Error{file.string(), "",
                     "the scene file no longer parses as JSON (" + std::string(e.what()) +
                         "), so the tour was not saved into it; fix the file by hand first"};
    }
    if (!root.is_object())
        return Error{file.string(), "$", "a scene file is a JSON object; the tour was not saved"};
    std::string out;
    writeJson(withTour(root, tour), 0, out);
    out += "\n";
    // What is written must load: a tour naming a viewpoint the scene lacks, or a file that
    // already had problems, is refused before anything is written.
    auto check = parseSceneText(out, file);
    if (!check) {
        std::vector<Error> errors{
            {file.string(), "", "not saved: with this tour the scene file would not load"}};
        errors.insert(errors.end(), check.errors().begin(), check.errors().end());
        return Result<std::string>::failure(errors);
    }
    return out;
}

Status saveSceneTour(const std::filesystem::path& scene, const TourDescription& tour,
                     const std::filesystem::path& target) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(scene, ec))
        return Error{scene.string(), "", "scene file not found; the tour was not saved"};
    if (std::filesystem::file_size(scene, ec) > kMaxSceneFileBytes)
        return Error{scene.string(), "", "larger than 64 MiB: not a scene file"};
    std::ifstream in(scene, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in)
        return Error{scene.string(), "", "cannot be read (permissions?); the tour was not saved"};
    auto updated = sceneTextWithTour(text.str(), scene, tour);
    if (!updated)
        return Result<Done>::failure(updated.errors());
    const std::filesystem::path out = target.empty() ? scene : target;
    return geo::writeAtomically(out.string(), [&](const std::string& tmp) -> Status {
        std::ofstream file(tmp, std::ios::binary | std::ios::trunc);
        file << updated.value();
        file.close();
        if (!file)
            return Error{out.string(), "", "cannot write the scene file (disk full? permissions?)"};
        return Done{};
    });
}

}  // namespace cunjing::scene
