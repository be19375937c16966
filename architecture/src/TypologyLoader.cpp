// The typology section of a style file: "extends" chains, dimension ranges checked against
// the generator's limits, options against their domains, palette overrides.
#include "Generators.h"
#include "StyleJson.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

namespace cunjing::architecture::detail {

namespace {

/// The typology's JSON with its "extends" chain applied (dimensions merge field by field).
bool flattenTypology(Checker& c, const json& all, const std::string& id,
                     std::set<std::string>& visiting, json& out) {
    const std::string path = "$.typologies." + id;
    const json& own = all[id];
    if (!own.is_object()) {
        c.fail(path, "expected an object");
        return false;
    }
    std::string base;
    if (!c.text(own, "extends", path, base, false)) {
        out = own;
        return true;
    }
    if (!all.contains(base)) {
        c.fail(path + ".extends",
               "unknown typology '" + base + "'; allowed: " + joined(keysOf(all)));
        return false;
    }
    if (!visiting.insert(id).second) {
        c.fail(path + ".extends", "typologies extend each other in a circle");
        return false;
    }
    json parent;
    if (!flattenTypology(c, all, base, visiting, parent))
        return false;
    parent.erase("extends");
    out = merged(parent, own, 3);
    out.erase("extends");
    return true;
}

void parseDimension(Checker& c, const json& v, const std::string& path, const DimensionSchema& d,
                    DimensionRange& r) {
    if (!v.is_object()) {
        c.fail(path, "expected {\"min\": .., \"max\": .., \"default\": ..}");
        return;
    }
    const std::size_t before = c.errors.size();
    c.num(v, "min", path, r.min);
    c.num(v, "max", path, r.max);
    c.num(v, "default", path, r.def);
    r.integer = d.integer;
    r.varies = !d.integer;
    if (const json* vary = c.member(v, "vary", path, false, "true or false")) {
        if (vary->is_boolean())
            r.varies = vary->get<bool>();
        else
            c.fail(path + ".vary", "expected true or false");
    }
    if (c.errors.size() != before)
        return;
    const std::string allowed = "allowed range is " + number(d.lo) + ".." + number(d.hi);
    for (const auto& [key, value] : {std::pair{"min", r.min}, {"max", r.max}, {"default", r.def}}) {
        if (!(value >= d.lo && value <= d.hi)) {
            c.fail(path + "." + key, "is " + number(value) + "; " + allowed);
        } else if (d.integer && value != std::floor(value)) {
            c.fail(path + "." + key, "is " + number(value) + "; must be a whole number");
        }
    }
    if (c.errors.size() != before)
        return;
    if (r.min > r.max) {
        c.fail(path + ".min", "is " + number(r.min) + ", above max " + number(r.max));
    } else if (r.def < r.min || r.def > r.max) {
        c.fail(path + ".default", "is " + number(r.def) + ", outside its range " + number(r.min) +
                                      ".." + number(r.max));
    }
}

void parseOption(Checker& c, const Style& s, const json& v, const std::string& path,
                 const OptionSchema& o, OptionSpec& out) {
    const std::vector<std::string> domain = optionDomainValues(s, o);
    if (!v.is_object()) {
        c.fail(path, "expected {\"default\": .., \"allowed\": [..]}");
        return;
    }
    if (const json* allowed = c.member(v, "allowed", path, false, "a list")) {
        if (!allowed->is_array() || allowed->empty()) {
            c.fail(path + ".allowed", "expected a non-empty list; allowed: " + joined(domain));
        } else {
            for (std::size_t i = 0; i < allowed->size(); ++i) {
                const json& e = (*allowed)[i];
                const std::string id = e.is_string() ? e.get<std::string>() : e.dump();
                if (std::find(domain.begin(), domain.end(), id) == domain.end()) {
                    c.fail(path + ".allowed[" + std::to_string(i) + "]",
                           "'" + id + "' is not allowed; allowed: " + joined(domain));
                } else {
                    out.allowed.push_back(id);
                }
            }
        }
    } else {
        out.allowed = domain;
    }
    c.choice(v, "default", path, out.allowed, out.def);
    if (const json* w = c.member(v, "weights", path, false, "a list of numbers")) {
        double sum = 0;
        const bool numbers = w->is_array() && std::all_of(w->begin(), w->end(), [](const json& e) {
                                 return e.is_number() && e.get<double>() >= 0;
                             });
        if (!numbers || w->size() != out.allowed.size()) {
            c.fail(path + ".weights", "expected " + std::to_string(out.allowed.size()) +
                                          " numbers >= 0, one per allowed value");
        } else {
            for (const json& e : *w) {
                out.weights.push_back(e.get<double>());
                sum += e.get<double>();
            }
            if (sum <= 0)
                c.fail(path + ".weights", "at least one weight must be above 0");
        }
    }
}

void parseTypology(Checker& c, const Style& s, const json& shared, const std::string& id,
                   const json& t, double styleVariation, TypologySpec& out) {
    const std::string path = "$.typologies." + id;
    out.id = id;
    out.variation = styleVariation;
    c.text(t, "name", path, out.name);
    std::vector<std::string> ids;
    for (const GeneratorInfo& g : generators())
        ids.push_back(g.id);
    if (!c.choice(t, "generator", path, ids, out.generator))
        return;
    const GeneratorInfo& gen = *findGenerator(out.generator);
    if (c.num(t, "variation", path, out.variation, false) &&
        !(out.variation >= 0 && out.variation <= 1)) {
        c.fail(path + ".variation", "is " + number(out.variation) + "; allowed range is 0..1");
    }
    const json empty = json::object();
    const json* dims = c.object(t, "dimensions", path, false);
    const json& own = dims ? *dims : empty;
    std::vector<std::string> known;
    for (const DimensionSchema& d : gen.dimensions)
        known.push_back(d.name);
    for (auto it = own.begin(); it != own.end(); ++it) {
        if (std::find(known.begin(), known.end(), it.key()) == known.end()) {
            c.fail(path + ".dimensions." + it.key(),
                   "unknown dimension for generator '" + gen.id + "'; allowed: " + joined(known));
        }
    }
    for (const DimensionSchema& d : gen.dimensions) {
        const std::string dp = path + ".dimensions." + d.name;
        json v;
        if (shared.contains(d.name))
            v = shared[d.name];
        if (own.contains(d.name))
            v = merged(v.is_null() ? json::object() : v, own[d.name], 1);
        DimensionRange r;
        if (v.is_null()) {
            if (d.required) {
                c.fail(dp, "missing; generator '" + gen.id + "' needs it (allowed range " +
                               number(d.lo) + ".." + number(d.hi) + ")");
                continue;
            }
            r = {d.fallback, d.fallback, d.fallback, d.integer, false};
        } else {
            parseDimension(c, v, dp, d, r);
        }
        out.dimensions[d.name] = r;
    }
    const json* opts = c.object(t, "options", path, false);
    const json& ownOpts = opts ? *opts : empty;
    std::vector<std::string> optionNames;
    for (const OptionSchema& o : gen.options)
        optionNames.push_back(o.name);
    for (auto it = ownOpts.begin(); it != ownOpts.end(); ++it) {
        if (std::find(optionNames.begin(), optionNames.end(), it.key()) == optionNames.end()) {
            c.fail(path + ".options." + it.key(), "unknown option for generator '" + gen.id +
                                                      "'; allowed: " + joined(optionNames));
        }
    }
    for (const OptionSchema& o : gen.options) {
        const std::string op = path + ".options." + o.name;
        if (!ownOpts.contains(o.name)) {
            c.fail(op, "missing; expected {\"default\": ..} with one of: " +
                           joined(optionDomainValues(s, o)));
            continue;
        }
        parseOption(c, s, ownOpts[o.name], op, o, out.options[o.name]);
    }
    if (const json* pal = c.object(t, "palette", path, false))
        parsePalette(c, s, *pal, path + ".palette", false, out.palette);
}

}  // namespace

void parseTypologies(Checker& c, Style& s, const json& typologies, const json& shared,
                     const std::map<std::string, std::vector<MaterialId>>& basePalette,
                     double variation) {
    if (typologies.empty())
        c.fail("$.typologies", "expected at least one typology");
    // Bases first; a variant of a broken base is skipped, its base's errors explain it.
    std::map<std::string, bool> done;  // id -> parsed cleanly
    std::function<bool(const std::string&, int)> parseOne = [&](const std::string& id, int depth) {
        if (const auto it = done.find(id); it != done.end())
            return it->second;
        const json& own = typologies[id];
        std::string base;
        if (depth < 32 && own.is_object() && own.contains("extends") &&
            own["extends"].is_string()) {
            base = own["extends"].get<std::string>();
            if (typologies.contains(base) && base != id && !parseOne(base, depth + 1)) {
                done[id] = false;
                return false;
            }
        }
        const std::size_t before = c.errors.size();
        json flat;
        std::set<std::string> visiting;
        if (flattenTypology(c, typologies, id, visiting, flat)) {
            TypologySpec t;
            parseTypology(c, s, shared, id, flat, variation, t);
            std::map<std::string, std::vector<MaterialId>> palette = basePalette;
            for (const auto& [role, ids] : t.palette)
                palette[role] = ids;
            t.palette = palette;
            s.typologies.push_back(std::move(t));
        }
        done[id] = c.errors.size() == before;
        return done[id];
    };
    for (auto it = typologies.begin(); it != typologies.end(); ++it)
        parseOne(it.key(), 0);
    std::sort(s.typologies.begin(), s.typologies.end(),
              [](const TypologySpec& a, const TypologySpec& b) { return a.id < b.id; });
}

}  // namespace cunjing::architecture::detail
