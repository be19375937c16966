// Reading town plan files (TownPlan.h): every problem of a file is reported at once, each with
// the file and its JSON path, so a designer fixes a hand-edited plan in one go.

#include <cunjing/architecture/TownPlan.h>

#include "StyleJson.h"
#include "TownPlanVocabulary.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

namespace cunjing::architecture {

namespace {

// ordered_json keeps a "set" object's keys in file order: later actions win over earlier
// ones, and the writer gives them back where the designer put them.
using Json = nlohmann::ordered_json;

const char* const kFormat = "cunjing-plan 1";

using detail::joined;
using detail::parseJsonText;

/// Collects the problems of one file; every read goes on after a problem.
class PlanReader {
public:
    explicit PlanReader(std::string file) { check_.file = std::move(file); }

    std::vector<Error>& errors() { return check_.errors; }
    std::vector<Error>& warnings() { return warnings_; }

    void fail(const std::string& where, const std::string& message) { check_.fail(where, message); }

    /// Members not in `allowed` are errors that list what is allowed there.
    void onlyKeys(const Json& obj, const std::string& path,
                  const std::vector<std::string>& allowed) {
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end())
                fail(path + "." + it.key(),
                     "unknown key '" + it.key() + "'; allowed here: " + joined(allowed));
        }
    }

    const Json* member(const Json& obj, const std::string& key) {
        const auto it = obj.find(key);
        return it == obj.end() ? nullptr : &*it;
    }

    bool text(const Json& obj, const std::string& key, const std::string& path, std::string& out,
              bool required) {
        return check_.text(obj, key, path, out, required);
    }

    /// {"zh": "...", "en": "..."}, both optional.
    void title(const Json& obj, const std::string& path, std::string& zh, std::string& en) {
        const Json* t = member(obj, "title");
        if (!t)
            return;
        const std::string where = path + ".title";
        if (!t->is_object()) {
            fail(where, "expected an object {\"zh\": \"...\", \"en\": \"...\"}");
            return;
        }
        onlyKeys(*t, where, {"zh", "en"});
        text(*t, "zh", where, zh, false);
        text(*t, "en", where, en, false);
    }

    /// A finite number.
    bool number(const Json& v, const std::string& where, double& out) {
        if (!v.is_number() || !std::isfinite(v.get<double>())) {
            fail(where, "expected a number");
            return false;
        }
        out = v.get<double>();
        return true;
    }

    /// A whole number in [lo, hi].
    bool integer(const Json& v, const std::string& where, double lo, double hi, double& out) {
        if (!number(v, where, out))
            return false;
        if (out != std::floor(out) || out < lo || out > hi) {
            std::ostringstream range;
            range << std::fixed;
            range.precision(0);
            range << lo << ".." << hi;
            fail(where, "expected a whole number in " + range.str());
            return false;
        }
        return true;
    }

    /// [x, y] in local metres.
    bool point(const Json& v, const std::string& where, Point2& out) {
        if (!v.is_array() || v.size() != 2) {
            fail(where, "expected a point [x, y] (local metres, east and north)");
            return false;
        }
        return number(v[0], where + "[0]", out.x) && number(v[1], where + "[1]", out.y);
    }

    /// A string, or an array of strings: the values a selection key matches.
    void names(const Json& v, const std::string& where, std::vector<std::string>& out) {
        if (v.is_string()) {
            out.push_back(v.get<std::string>());
            return;
        }
        if (!v.is_array()) {
            fail(where, "expected a string or an array of strings");
            return;
        }
        if (v.empty())
            fail(where, "empty list: name at least one value, or leave the key out");
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (v[i].is_string())
                out.push_back(v[i].get<std::string>());
            else
                fail(where + "[" + std::to_string(i) + "]", "expected a string");
        }
    }

    void selection(const Json& v, const std::string& where, PlanSelection& s);
    void actions(const Json& v, const std::string& where, bool forAddition,
                 std::vector<PlanAction>& out);
    void intervention(const Json& v, const std::string& where, PlanIntervention& out);
    void addition(const Json& v, const std::string& where, PlanAddition& out);
    void alternative(const Json& v, const std::string& where, PlanAlternative& out);
    void plan(const Json& root, TownPlan& out);

private:
    detail::BasicChecker<Json> check_;
    std::vector<Error> warnings_;
};

void PlanReader::selection(const Json& v, const std::string& where, PlanSelection& s) {
    if (!v.is_object()) {
        fail(where, "expected an object; keys: " + joined(detail::selectionKeys()));
        return;
    }
    onlyKeys(v, where, detail::selectionKeys());
    const std::pair<const char*, std::vector<std::string>*> lists[] = {
        {"ids", &s.ids},    {"group", &s.groups}, {"style", &s.styles}, {"typology", &s.typologies},
        {"roof", &s.roofs}, {"zone", &s.zones}};
    for (const auto& [key, list] : lists) {
        if (const Json* m = member(v, key))
            names(*m, where + "." + key, *list);
    }
    if (const Json* w = member(v, "within")) {
        const std::string at = where + ".within";
        if (!w->is_array() || w->size() < 3) {
            fail(at, "expected a polygon of 3 or more points [[x, y], [x, y], [x, y], ...]");
        } else {
            for (std::size_t i = 0; i < w->size(); ++i) {
                Point2 p;
                if (point((*w)[i], at + "[" + std::to_string(i) + "]", p))
                    s.within.push_back(p);
            }
        }
    }
    if (v.empty())
        fail(where,
             "empty selection selects nothing; give one of: " + joined(detail::selectionKeys()));
}

void PlanReader::actions(const Json& v, const std::string& where, bool forAddition,
                         std::vector<PlanAction>& out) {
    if (!v.is_object()) {
        fail(where, "expected an object of interventions, e.g. {\"wall_colour\": \"#E6D8BC\"}");
        return;
    }
    for (auto it = v.begin(); it != v.end(); ++it) {
        const std::string& key = it.key();
        const std::string at = where + "." + key;
        const auto& keys = planActionKeys();
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
            fail(at, "unknown intervention '" + key + "'; known: " + joined(keys));
            continue;
        }
        if (forAddition && (key == "remove" || key == "bury_wires")) {
            fail(at, "'" + key + "' does not apply to an added building; leave it out");
            continue;
        }
        std::string value;
        if (detail::isBooleanAction(key)) {
            if (!it->is_boolean()) {
                fail(at, "expected true or false (a JSON boolean, without quotes)");
                continue;
            }
            value = it->get<bool>() ? "true" : "false";
        } else {
            if (!it->is_string()) {
                fail(at, "expected a string");
                continue;
            }
            value = it->get<std::string>();
        }
        PlanAction action{key, value};
        if (auto problem = checkPlanAction(action)) {
            fail(at, *problem);
            continue;
        }
        out.push_back(std::move(action));
    }
    if (v.empty())
        warnings_.push_back({check_.file, where, "sets nothing; the intervention has no effect"});
}

void PlanReader::intervention(const Json& v, const std::string& where, PlanIntervention& out) {
    if (!v.is_object()) {
        fail(where, "expected an object {\"select\": {...}, \"set\": {...}, \"note\": \"...\"}");
        return;
    }
    onlyKeys(v, where, {"select", "set", "note"});
    if (const Json* s = member(v, "select"))
        selection(*s, where + ".select", out.select);
    else
        fail(where + ".select",
             "missing; expected the buildings it applies to, e.g. "
             "{\"ids\": [\"street/street-a-03\"]} or {\"typology\": \"qilou\"}");
    if (const Json* s = member(v, "set"))
        actions(*s, where + ".set", false, out.set);
    else
        fail(where + ".set", "missing; expected the interventions, e.g. {\"repaint\": true}");
    text(v, "note", where, out.note, false);
}

void PlanReader::addition(const Json& v, const std::string& where, PlanAddition& out) {
    if (!v.is_object()) {
        fail(where, "expected an object with id, style, typology and at");
        return;
    }
    onlyKeys(v, where, {"id", "style", "typology", "at", "facing", "storeys", "seed", "set"});
    if (text(v, "id", where, out.id, true) &&
        (out.id.empty() || out.id.find('/') != std::string::npos))
        fail(where + ".id", "'" + out.id + "' is not an id: a non-empty name without '/'");
    text(v, "style", where, out.style, true);
    text(v, "typology", where, out.typology, true);
    if (const Json* at = member(v, "at"))
        point(*at, where + ".at", out.at);
    else
        fail(where + ".at", "missing; expected a point [x, y] (local metres, east and north)");
    if (const Json* f = member(v, "facing")) {
        if (number(*f, where + ".facing", out.facingDeg) &&
            (out.facingDeg < 0 || out.facingDeg > 360))
            fail(where + ".facing", "expected a compass bearing in 0..360 (180 = south)");
    }
    double n = 0;
    if (const Json* s = member(v, "storeys"); s && integer(*s, where + ".storeys", 0, 99, n))
        out.storeys = static_cast<int>(n);
    if (const Json* s = member(v, "seed");
        s && integer(*s, where + ".seed", 0, std::numeric_limits<std::uint32_t>::max(), n))
        out.seed = static_cast<std::uint32_t>(n);
    if (const Json* s = member(v, "set"))
        actions(*s, where + ".set", true, out.set);
}

void PlanReader::alternative(const Json& v, const std::string& where, PlanAlternative& out) {
    if (!v.is_object()) {
        fail(where, "expected an object with an id and interventions");
        return;
    }
    onlyKeys(v, where, {"id", "title", "interventions", "add", "remove"});
    text(v, "id", where, out.id, true);
    title(v, where, out.titleZh, out.titleEn);
    if (const Json* list = member(v, "interventions")) {
        if (!list->is_array())
            fail(where + ".interventions", "expected an array");
        else
            for (std::size_t i = 0; i < list->size(); ++i)
                intervention((*list)[i], where + ".interventions[" + std::to_string(i) + "]",
                             out.interventions.emplace_back());
    }
    if (const Json* list = member(v, "add")) {
        if (!list->is_array()) {
            fail(where + ".add", "expected an array");
        } else {
            for (std::size_t i = 0; i < list->size(); ++i) {
                const std::string at = where + ".add[" + std::to_string(i) + "]";
                addition((*list)[i], at, out.add.emplace_back());
                for (std::size_t j = 0; j + 1 < out.add.size(); ++j) {
                    if (!out.add.back().id.empty() && out.add[j].id == out.add.back().id)
                        fail(at + ".id", "duplicate added id '" + out.add.back().id + "' (also " +
                                             where + ".add[" + std::to_string(j) + "])");
                }
            }
        }
    }
    if (const Json* list = member(v, "remove")) {
        if (!list->is_array()) {
            fail(where + ".remove", "expected an array of building ids");
        } else {
            for (std::size_t i = 0; i < list->size(); ++i) {
                if ((*list)[i].is_string())
                    out.remove.push_back((*list)[i].get<std::string>());
                else
                    fail(where + ".remove[" + std::to_string(i) + "]",
                         "expected a building id such as \"street/street-a-03\"");
            }
        }
    }
}

void PlanReader::plan(const Json& root, TownPlan& out) {
    onlyKeys(root, "$", {"format", "id", "title", "alternatives"});
    std::string format;
    if (text(root, "format", "$", format, false) && format != kFormat)
        fail("$.format",
             "'" + format + "' is not a plan format this version reads; write \"" + kFormat + "\"");
    text(root, "id", "$", out.id, false);
    title(root, "$", out.titleZh, out.titleEn);
    const Json* list = member(root, "alternatives");
    if (!list) {
        fail("$.alternatives", "missing; expected an array of alternatives");
        return;
    }
    if (!list->is_array() || list->empty()) {
        fail("$.alternatives", "expected a non-empty array of alternatives");
        return;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string where = "$.alternatives[" + std::to_string(i) + "]";
        PlanAlternative& a = out.alternatives.emplace_back();
        alternative((*list)[i], where, a);
        for (std::size_t j = 0; j + 1 < out.alternatives.size(); ++j) {
            if (!a.id.empty() && out.alternatives[j].id == a.id)
                fail(where + ".id", "duplicate alternative id '" + a.id +
                                        "' (also $.alternatives[" + std::to_string(j) + "])");
        }
    }
}

bool isColour(const std::string& v) {
    return v.size() == 7 && v[0] == '#' && std::all_of(v.begin() + 1, v.end(), [](char c) {
               return std::isxdigit(static_cast<unsigned char>(c));
           });
}

}  // namespace

namespace detail {

const std::vector<std::string>& selectionKeys() {
    static const std::vector<std::string> kKeys{"ids",  "group", "style", "typology",
                                                "roof", "zone",  "within"};
    return kKeys;
}

bool isBooleanAction(std::string_view key) {
    return key == "ac_screens" || key == "sign_band" || key == "remove_additions" ||
           key == "repaint" || key == "greening" || key == "bury_wires" || key == "remove";
}

}  // namespace detail

const std::vector<std::string>& planActionKeys() {
    static const std::vector<std::string> kKeys{
        "facade_finish", "wall_colour", "roof",      "roof_colour",      "windows",
        "doors",         "ac_screens",  "sign_band", "remove_additions", "repaint",
        "greening",      "bury_wires",  "remove"};
    return kKeys;
}

std::optional<std::string> checkPlanAction(const PlanAction& action) {
    // Named references, not a structured binding: clang before 16 cannot capture one in a
    // lambda (the fuzz build, fuzz/, is clang's).
    const std::string& key = action.first;
    const std::string& value = action.second;
    const auto oneOf = [&](const std::vector<std::string>& allowed) -> std::optional<std::string> {
        if (std::find(allowed.begin(), allowed.end(), value) != allowed.end())
            return std::nullopt;
        return key + ": '" + value + "' is not allowed; allowed: " + joined(allowed);
    };
    if (key == "facade_finish")
        return oneOf({"original", "paint", "plaster", "tile", "bare-brick"});
    if (key == "wall_colour" || key == "roof_colour") {
        if (isColour(value))
            return std::nullopt;
        return key + ": '" + value + "' is not a colour: write #RRGGBB, e.g. #E6D8BC";
    }
    if (key == "roof")
        return oneOf({"pitched", "flat"});
    if (key == "windows")
        return oneOf({"original", "timber-lattice", "aluminium"});
    if (key == "doors")
        return oneOf({"original", "timber", "glass"});
    if (key == "ac_screens" || key == "sign_band" || key == "greening")
        return oneOf({"true", "false"});
    // A "false" would read as an undo of something no plan did: leave the key out instead.
    if (key == "remove_additions" || key == "repaint" || key == "bury_wires" || key == "remove") {
        if (value == "true")
            return std::nullopt;
        return key + ": only true is allowed; to keep things as they are, leave the key out";
    }
    return "unknown intervention '" + key + "'; known: " + joined(planActionKeys());
}

const PlanAlternative* TownPlan::findAlternative(std::string_view key) const {
    for (const PlanAlternative& a : alternatives) {
        if (a.id == key)
            return &a;
    }
    return nullptr;
}

PlanAlternative* TownPlan::findAlternative(std::string_view key) {
    for (PlanAlternative& a : alternatives) {
        if (a.id == key)
            return &a;
    }
    return nullptr;
}

std::string TownPlan::alternativeIds() const {
    std::vector<std::string> ids;
    for (const PlanAlternative& a : alternatives)
        ids.push_back(a.id);
    return joined(ids);
}

Result<TownPlan> parseTownPlan(const std::string& text, const std::string& file) {
    auto parsed = parseJsonText<Json>(text, file);
    if (!parsed)
        return Result<TownPlan>::failure(parsed.errors());
    const Json root = std::move(parsed.value());
    if (!root.is_object())
        return Error{file, "$", "expected a JSON object with \"alternatives\""};
    PlanReader reader(file);
    TownPlan plan;
    plan.file = file;
    reader.plan(root, plan);
    if (!reader.errors().empty()) {
        auto failed = Result<TownPlan>::failure(std::move(reader.errors()));
        failed.addWarnings(reader.warnings());
        return failed;
    }
    Result<TownPlan> result(std::move(plan));
    result.addWarnings(reader.warnings());
    return result;
}

Result<TownPlan> readTownPlan(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error{path, "", "cannot open the plan file (does it exist, can it be read?)"};
    std::ostringstream text;
    text << in.rdbuf();
    return parseTownPlan(text.str(), path);
}

}  // namespace cunjing::architecture
