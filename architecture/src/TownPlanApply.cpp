// Applying one alternative of a town plan (TownPlan.h) to the existing buildings: selection,
// the "set" vocabulary turned into building params, removals, additions, and the check of
// every changed building against its typology, errors naming the plan file and JSON path.

#include <cunjing/architecture/StyleLibrary.h>
#include <cunjing/architecture/TownPlan.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>

namespace cunjing::architecture {

namespace {

// ---- params ------------------------------------------------------------------------------

/// What a building shows for a param it has no override of (Conditions.h and the plan params
/// of Building.h); "" where it depends on the style (colours).
std::string defaultOf(const std::string& param) {
    static const std::map<std::string, std::string> kDefaults{
        {"facade_finish", "original"}, {"paint_fade", "0"},
        {"rooftop_shed", "false"},     {"ac_units", "0"},
        {"window_cages", "false"},     {"signboards", "0"},
        {"additions", "none"},         {"roof_cap", "none"},
        {"windows", "original"},       {"doors", "original"},
        {"ac_screens", "false"},       {"sign_band", "false"},
        {"greening", "false"}};
    const auto it = kDefaults.find(param);
    return it == kDefaults.end() ? std::string() : it->second;
}

/// One spelling per value, so "0.0" and "0", "1" and "true", "#e6d8bc" and "#E6D8BC" compare
/// equal (the layouts write counts and fades as numbers, the plan writes booleans).
std::string normalised(const std::string& param, const std::string& value) {
    if (param == "paint_fade" || param == "ac_units" || param == "signboards") {
        char* end = nullptr;
        const double v = std::strtod(value.c_str(), &end);
        if (end == value.c_str() || *end != '\0')
            return value;
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", v);
        return buf;
    }
    if (value == "1")
        return "true";
    if (value == "0" && defaultOf(param) == "false")
        return "false";
    if (!value.empty() && value[0] == '#') {
        std::string upper = value;
        for (char& c : upper)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return upper;
    }
    return value;
}

/// The value in effect: the last override of the key (overrides apply in order), else the
/// default.
std::string effective(const ParamOverrides& params, const std::string& param) {
    for (auto it = params.rbegin(); it != params.rend(); ++it) {
        if (it->first == param)
            return normalised(param, it->second);
    }
    return normalised(param, defaultOf(param));
}

/// Replaces the key's override where it stands (later duplicates dropped), else appends: the
/// other overrides keep their order, so a saved scene diffs cleanly.
void setParam(ParamOverrides& params, const std::string& key, const std::string& value) {
    const auto first =
        std::find_if(params.begin(), params.end(), [&](const auto& kv) { return kv.first == key; });
    if (first == params.end()) {
        params.emplace_back(key, value);
        return;
    }
    first->second = value;
    params.erase(
        std::remove_if(first + 1, params.end(), [&](const auto& kv) { return kv.first == key; }),
        params.end());
}

/// The building params one action sets (TownPlan.h's table); empty for the removals.
ParamOverrides paramsOf(const PlanAction& action) {
    const auto& [key, value] = action;
    if (key == "roof")
        return {{"roof_cap", value == "pitched" ? "pitched" : "none"}};
    if (key == "sign_band")
        return value == "true" ? ParamOverrides{{"sign_band", "true"}, {"signboards", "0"}}
                               : ParamOverrides{{"sign_band", "false"}};
    if (key == "remove_additions")
        return {{"additions", "none"}, {"rooftop_shed", "false"}, {"window_cages", "false"}};
    if (key == "repaint")
        return {{"paint_fade", "0"}};
    if (key == "bury_wires" || key == "remove")
        return {};
    return {{key, value}};  // facade_finish, wall_colour, roof_colour, windows, doors, ...
}

/// Whether an action changes anything on a building with these params.
bool takesEffect(const PlanAction& action, const ParamOverrides& before) {
    for (const auto& [param, value] : paramsOf(action)) {
        if (normalised(param, value) != effective(before, param))
            return true;
    }
    return false;
}

/// A cap (平改坡) only goes on a flat roof, and only a capped one can be taken back to flat.
bool roofTakes(const std::string& roofForm) {
    return roofForm == "flat" || roofForm == "flat-to-pitched";
}

/// With the storeys a footprint asks for, as the scene generates it.
ParamOverrides withStoreys(const Style& style, const BuildingFootprint& fp, ParamOverrides params) {
    const TypologySpec* t = style.findTypology(fp.typology);
    if (fp.storeys > 0 && t && t->dimensions.count("storeys"))
        params.emplace_back("storeys", std::to_string(fp.storeys));
    return params;
}

// ---- selection ---------------------------------------------------------------------------

/// Even-odd rule: a ray from p to +x crosses the polygon's edges an odd number of times when
/// p is inside. The polygon need not be closed or counter-clockwise (people draw it by hand).
bool inside(const Point2& p, const std::vector<Point2>& polygon) {
    bool in = false;
    for (std::size_t i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
        const Point2& a = polygon[i];
        const Point2& b = polygon[j];
        if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x)
            in = !in;
    }
    return in;
}

bool listed(const std::vector<std::string>& values, const std::string& v) {
    return values.empty() || std::find(values.begin(), values.end(), v) != values.end();
}

std::size_t editDistance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = up;
        }
    }
    return row[b.size()];
}

// ---- the alternative applied --------------------------------------------------------------

/// What the alternative does to one existing building so far.
struct Fate {
    std::vector<PlanAction> actions;   ///< by key in first-set order; later values replace
    std::vector<std::string> sources;  ///< parallel to actions: the intervention that set it
    bool removed = false;
    PlanAction removal;
    std::string removalSource;
};

class Applier {
public:
    Applier(const TownPlan& plan, const PlanAlternative& alternative,
            const std::vector<PlanBuilding>& existing, const std::vector<Style>& styles)
        : plan_(plan),
          alt_(alternative),
          existing_(existing),
          styles_(styles),
          fates_(existing.size()),
          roofs_(existing.size()) {
        for (std::size_t i = 0; i < existing.size(); ++i)
            index_.emplace(existing[i].id, i);
        prefix_ = "$.alternatives[" + alternativeIndex() + "]";
    }

    Result<AppliedPlan> run();

private:
    std::string alternativeIndex() const {
        for (std::size_t i = 0; i < plan_.alternatives.size(); ++i) {
            if (&plan_.alternatives[i] == &alt_ || plan_.alternatives[i].id == alt_.id)
                return std::to_string(i);
        }
        return "?";  // an alternative not (yet) in the plan, as the editor may pass one
    }

    void fail(const std::string& where, const std::string& message) {
        errors_.push_back({plan_.file, where, message});
    }

    const std::string& roofOf(std::size_t i) {
        if (!roofs_[i])
            roofs_[i] = roofFormOf(styles_, existing_[i].footprint);
        return *roofs_[i];
    }

    /// The index of an existing building, or an error at `where` with the nearest id.
    std::optional<std::size_t> find(const std::string& id, const std::string& where);
    bool matches(const PlanSelection& s, std::size_t i);
    void intervene(const PlanIntervention& in, const std::string& where);
    void act(std::size_t i, const PlanAction& action, const std::string& where);
    void removals();
    void check(std::size_t i, const ParamOverrides& params, const std::vector<PlanAction>& done,
               const std::vector<std::string>& sources);
    void addition(const PlanAddition& a, const std::string& where, std::set<std::string>& ids,
                  AppliedPlan& out);

    const TownPlan& plan_;
    const PlanAlternative& alt_;
    const std::vector<PlanBuilding>& existing_;
    const std::vector<Style>& styles_;
    std::vector<Fate> fates_;
    std::vector<std::optional<std::string>> roofs_;  ///< roofFormOf, existing state, on demand
    std::map<std::string, std::size_t> index_;
    std::string prefix_;
    std::vector<Error> errors_, warnings_;
};

std::optional<std::size_t> Applier::find(const std::string& id, const std::string& where) {
    if (const auto it = index_.find(id); it != index_.end())
        return it->second;
    std::string message = "no building '" + id + "' in the scene";
    std::string nearest;
    std::size_t best = id.size() / 3 + 2;  // close: a typo or two, not another building
    for (const PlanBuilding& b : existing_) {
        const bool groupLeftOut =
            b.id.size() > id.size() && b.id.ends_with("/" + id);  // "street-a-03"
        const std::size_t d = groupLeftOut ? 0 : editDistance(id, b.id);
        if (d < best) {
            best = d;
            nearest = b.id;
        }
    }
    if (!existing_.empty())
        message += "; ids look like '" + existing_.front().id + "'";
    if (!nearest.empty())
        message += "; did you mean '" + nearest + "'?";
    fail(where, message);
    return std::nullopt;
}

bool Applier::matches(const PlanSelection& s, std::size_t i) {
    return !fates_[i].removed && selects(s, existing_[i], s.roofs.empty() ? "" : roofOf(i));
}

void Applier::act(std::size_t i, const PlanAction& action, const std::string& where) {
    Fate& f = fates_[i];
    // Named references, not a structured binding: clang before 16 cannot capture one in a
    // lambda (the fuzz build, fuzz/, is clang's).
    const std::string& key = action.first;
    const std::string& value = action.second;
    if (key == "remove" || (key == "bury_wires" && existing_[i].footprint.typology == "dianxian")) {
        f.removed = true;
        f.removal = action;
        f.removalSource = where;
        return;
    }
    if (key == "bury_wires" || (key == "roof" && !roofTakes(roofOf(i))))
        return;  // not for this building: the rule selects more than the action changes
    const auto same = std::find_if(f.actions.begin(), f.actions.end(),
                                   [&](const PlanAction& a) { return a.first == key; });
    if (same == f.actions.end()) {
        f.actions.push_back(action);
        f.sources.push_back(where);
    } else {
        same->second = value;
        f.sources[same - f.actions.begin()] = where;
    }
}

void Applier::intervene(const PlanIntervention& in, const std::string& where) {
    bool named = true;
    for (std::size_t k = 0; k < in.select.ids.size(); ++k)
        named = find(in.select.ids[k], where + ".select.ids[" + std::to_string(k) + "]") && named;
    std::size_t selected = 0;
    for (std::size_t i = 0; i < existing_.size(); ++i) {
        if (!matches(in.select, i))
            continue;
        ++selected;
        for (const PlanAction& action : in.set) {
            if (!fates_[i].removed)
                act(i, action, where);
        }
    }
    if (selected == 0 && named)
        warnings_.push_back({plan_.file, where + ".select",
                             "selects no building of the scene; the intervention does nothing"});
}

void Applier::removals() {
    for (std::size_t k = 0; k < alt_.remove.size(); ++k) {
        const std::string where = prefix_ + ".remove[" + std::to_string(k) + "]";
        if (const auto i = find(alt_.remove[k], where)) {
            fates_[*i].removed = true;
            fates_[*i].removal = {"remove", "true"};
            fates_[*i].removalSource = where;
        }
    }
}

/// Refusals of the typology, each put on the action that asks for it where one alone does.
void Applier::check(std::size_t i, const ParamOverrides& params,
                    const std::vector<PlanAction>& done, const std::vector<std::string>& sources) {
    const PlanBuilding& b = existing_[i];
    const std::string who =
        "building '" + b.id + "' (" + b.footprint.style + " " + b.footprint.typology + ")";
    const Style* style = findStyle(styles_, b.footprint.style);
    if (!style) {
        fail(sources.front(),
             who + ": unknown style '" + b.footprint.style + "'; known: " + styleList(styles_));
        return;
    }
    const auto refusals = [&](const ParamOverrides& p) {
        auto r = resolveTypology(*style, b.footprint.typology, withStoreys(*style, b.footprint, p),
                                 b.footprint.seed);
        return r.ok() ? std::vector<Error>{} : r.errors();
    };
    const std::vector<Error> all = refusals(params);
    if (all.empty())
        return;
    const auto report = [&](const std::string& where, const Error& e) {
        // The style file's place too: a refusal may be the style's to fix, not the plan's.
        std::string origin = e.file;
        if (!e.where.empty())
            origin += (origin.empty() ? "" : ": ") + e.where;
        fail(where, who + ": " + e.message + (origin.empty() ? "" : " (" + origin + ")"));
    };
    bool placed = false;
    for (std::size_t k = 0; k < done.size(); ++k) {
        ParamOverrides one = b.footprint.overrides;
        for (const auto& [param, value] : paramsOf(done[k]))
            setParam(one, param, value);
        for (const Error& e : refusals(one)) {
            report(sources[k] + ".set." + done[k].first, e);
            placed = true;
        }
    }
    if (!placed) {
        for (const Error& e : all)
            report(sources.front() + ".set", e);
    }
}

void Applier::addition(const PlanAddition& a, const std::string& where, std::set<std::string>& ids,
                       AppliedPlan& out) {
    const std::string id = "plan/" + a.id;
    bool ok = true;
    if (index_.count(id) || !ids.insert(id).second) {
        fail(where + ".id", "the id '" + id + "' is already taken; choose another id");
        ok = false;
    }
    const Style* style = findStyle(styles_, a.style);
    if (!style) {
        fail(where + ".style", "unknown style '" + a.style + "'; known: " + styleList(styles_));
        return;
    }
    const TypologySpec* spec = style->findTypology(a.typology);
    if (!spec) {
        fail(where + ".typology", "unknown typology '" + a.typology + "' in style '" + a.style +
                                      "'; known: " + style->typologyList());
        return;
    }
    if (a.storeys > 0 && !spec->dimensions.count("storeys")) {
        fail(where + ".storeys",
             "typology '" + a.typology + "' has no storeys to choose; leave \"storeys\" out");
        ok = false;
    }
    PlanBuilding b;
    b.id = id;
    b.group = "plan";
    b.footprint.id = a.id;
    b.footprint.style = a.style;
    b.footprint.typology = a.typology;
    b.footprint.storeys = a.storeys;
    b.footprint.facingDeg = a.facingDeg;
    b.footprint.seed = a.seed;
    PlanChange change{PlanChange::Kind::Added, id, {}, {where}};
    const std::string roof = roofFormOf(styles_, b.footprint);
    for (const PlanAction& action : a.set) {
        if (action.first == "roof" && !roofTakes(roof)) {
            warnings_.push_back({plan_.file, where + ".set.roof",
                                 "'" + a.typology + "' has no flat roof to change; ignored"});
            continue;
        }
        for (const auto& [param, value] : paramsOf(action))
            setParam(b.footprint.overrides, param, value);
        change.actions.push_back(action);
    }
    if (!ok)
        return;
    auto mesh = generateBuilding(
        *style, a.typology, withStoreys(*style, b.footprint, b.footprint.overrides), a.seed, 0);
    if (!mesh.ok()) {
        for (const Error& e : mesh.errors())
            fail(where, "added building '" + id + "': " + e.toString());
        return;
    }
    b.footprint.outline =
        footprintOutline(mesh.value(), Placement{a.at.x, a.at.y, headingForFacing(a.facingDeg)});
    out.buildings.push_back(std::move(b));
    out.changes.push_back(std::move(change));
}

Result<AppliedPlan> Applier::run() {
    for (std::size_t k = 0; k < alt_.interventions.size(); ++k)
        intervene(alt_.interventions[k], prefix_ + ".interventions[" + std::to_string(k) + "]");
    removals();
    AppliedPlan out;
    std::vector<PlanChange> removed;
    for (std::size_t i = 0; i < existing_.size(); ++i) {
        const PlanBuilding& b = existing_[i];
        const Fate& f = fates_[i];
        if (f.removed) {
            removed.push_back({PlanChange::Kind::Removed, b.id, {f.removal}, {f.removalSource}});
            continue;
        }
        out.buildings.push_back(b);
        // Only what changes the building is listed; an action that leaves every param as it
        // was (a repaint of unfaded walls) is no change.
        PlanChange change{PlanChange::Kind::Modified, b.id, {}, {}};
        std::vector<std::string> actionSources;
        ParamOverrides params = b.footprint.overrides;
        for (std::size_t k = 0; k < f.actions.size(); ++k) {
            if (!takesEffect(f.actions[k], b.footprint.overrides))
                continue;
            for (const auto& [param, value] : paramsOf(f.actions[k])) {
                if (normalised(param, value) != effective(b.footprint.overrides, param))
                    setParam(params, param, value);
            }
            change.actions.push_back(f.actions[k]);
            actionSources.push_back(f.sources[k]);
            if (std::find(change.sources.begin(), change.sources.end(), f.sources[k]) ==
                change.sources.end())
                change.sources.push_back(f.sources[k]);
        }
        if (change.actions.empty())
            continue;
        check(i, params, change.actions, actionSources);
        out.buildings.back().footprint.overrides = std::move(params);
        out.changes.push_back(std::move(change));
    }
    std::set<std::string> added;
    for (std::size_t k = 0; k < alt_.add.size(); ++k)
        addition(alt_.add[k], prefix_ + ".add[" + std::to_string(k) + "]", added, out);
    out.changes.insert(out.changes.end(), removed.begin(), removed.end());
    if (!errors_.empty()) {
        auto failed = Result<AppliedPlan>::failure(std::move(errors_));
        failed.addWarnings(warnings_);
        return failed;
    }
    Result<AppliedPlan> result(std::move(out));
    result.addWarnings(warnings_);
    return result;
}

}  // namespace

bool selects(const PlanSelection& s, const PlanBuilding& b, std::string_view roofForm) {
    if (s.empty())
        return false;
    if (!listed(s.ids, b.id) || !listed(s.groups, b.group) ||
        !listed(s.styles, b.footprint.style) || !listed(s.typologies, b.footprint.typology))
        return false;
    if (!s.zones.empty() && std::none_of(b.zones.begin(), b.zones.end(),
                                         [&](const auto& z) { return listed(s.zones, z); }))
        return false;
    if (!s.within.empty() &&
        (s.within.size() < 3 || !inside(ringCentroid(b.footprint.outline), s.within)))
        return false;
    return s.roofs.empty() || listed(s.roofs, std::string(roofForm));
}

Result<AppliedPlan> applyPlan(const TownPlan& plan, const PlanAlternative& alternative,
                              const std::vector<PlanBuilding>& existing,
                              const std::vector<Style>& styles) {
    return Applier(plan, alternative, existing, styles).run();
}

}  // namespace cunjing::architecture
