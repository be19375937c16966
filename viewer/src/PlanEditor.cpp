#include "PlanEditor.h"

#include <cunjing/architecture/StyleLibrary.h>
#include <cunjing/architecture/VillagePlan.h>
#include <cunjing/heritage/ColourDifference.h>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <set>
#include <utility>

namespace cunjing::viewer {

namespace arch = architecture;

namespace {

/// More undo steps than a session of edits needs; each is a copy of a plan of a few kB.
constexpr std::size_t kUndoDepth = 200;

/// The values a Choice key may take, in the order TownPlan.h documents them: the only list
/// kept here, and planKeyInfos() drops any value checkPlanAction refuses.
const std::vector<std::pair<std::string, std::vector<std::string>>>& choiceCandidates() {
    static const std::vector<std::pair<std::string, std::vector<std::string>>> table = {
        {"facade_finish", {"original", "paint", "plaster", "tile", "bare-brick"}},
        {"roof", {"pitched", "flat"}},
        {"windows", {"original", "timber-lattice", "aluminium"}},
        {"doors", {"original", "timber", "glass"}},
    };
    return table;
}

bool accepted(const std::string& key, const std::string& value) {
    return !arch::checkPlanAction({key, value}).has_value();
}

PlanKeyInfo classify(const std::string& key) {
    PlanKeyInfo info{key, PlanKeyKind::Choice, {}};
    if (accepted(key, "#808080")) {
        info.kind = PlanKeyKind::Colour;
    } else if (accepted(key, "true")) {
        info.kind = accepted(key, "false") ? PlanKeyKind::Toggle : PlanKeyKind::Action;
    } else {
        for (const auto& [candidateKey, values] : choiceCandidates()) {
            if (candidateKey != key)
                continue;
            for (const std::string& value : values) {
                if (accepted(key, value))
                    info.values.push_back(value);
            }
        }
    }
    return info;
}

std::vector<std::string> sorted(std::vector<std::string> values) {
    std::sort(values.begin(), values.end());
    return values;
}

/// The same selection as a designer means it: lists compared as sets (ids picked in another
/// order are the same buildings).
bool sameSelection(const arch::PlanSelection& a, const arch::PlanSelection& b) {
    const auto samePoints = [](const std::vector<arch::Point2>& p,
                               const std::vector<arch::Point2>& q) {
        return std::equal(
            p.begin(), p.end(), q.begin(), q.end(),
            [](const arch::Point2& u, const arch::Point2& v) { return u.x == v.x && u.y == v.y; });
    };
    return sorted(a.ids) == sorted(b.ids) && sorted(a.groups) == sorted(b.groups) &&
           sorted(a.styles) == sorted(b.styles) && sorted(a.typologies) == sorted(b.typologies) &&
           sorted(a.roofs) == sorted(b.roofs) && sorted(a.zones) == sorted(b.zones) &&
           samePoints(a.within, b.within);
}

/// Sets `action` in a "set" list: a key set again replaces its value in place. False when it
/// already had that value.
bool setKey(std::vector<arch::PlanAction>& set, const arch::PlanAction& action) {
    const auto it = std::find_if(
        set.begin(), set.end(), [&](const arch::PlanAction& a) { return a.first == action.first; });
    if (it == set.end()) {
        set.push_back(action);
        return true;
    }
    if (it->second == action.second)
        return false;
    it->second = action.second;
    return true;
}

/// Writes `action` for `select`: into the last intervention when it selects the same, else a
/// new one at the end (later interventions win, so the newest edit shows).
bool setFor(arch::PlanAlternative& alt, const arch::PlanSelection& select,
            const arch::PlanAction& action) {
    if (!alt.interventions.empty() && sameSelection(alt.interventions.back().select, select))
        return setKey(alt.interventions.back().set, action);
    alt.interventions.push_back({select, {action}, {}});
    return true;
}

constexpr std::string_view kAddedPrefix = "plan/";

Status failure(std::string message) {
    return Error{{}, {}, std::move(message)};
}

}  // namespace

const std::vector<PlanKeyInfo>& planKeyInfos() {
    static const std::vector<PlanKeyInfo> infos = [] {
        std::vector<PlanKeyInfo> out;
        for (const std::string& key : arch::planActionKeys())
            out.push_back(classify(key));
        return out;
    }();
    return infos;
}

const PlanKeyInfo* findPlanKeyInfo(std::string_view key) {
    for (const PlanKeyInfo& info : planKeyInfos()) {
        if (info.key == key)
            return &info;
    }
    return nullptr;
}

std::optional<double> nearestDeltaE00(const std::string& hex,
                                      const std::vector<std::string>& allowed) {
    const auto rgb = heritage::parseSrgbHex(hex);
    if (!rgb)
        return std::nullopt;
    const heritage::Lab lab = heritage::srgbToLab(*rgb);
    std::optional<double> best;
    for (const std::string& candidate : allowed) {
        if (const auto other = heritage::parseSrgbHex(candidate)) {
            const double d = heritage::ciede2000(lab, heritage::srgbToLab(*other));
            if (!best || d < *best)
                best = d;
        }
    }
    return best;
}

PlanEditor::PlanEditor(arch::TownPlan plan, const std::string& alternative,
                       std::vector<arch::PlanBuilding> existing, std::vector<arch::Style> styles,
                       heritage::PlanRuleSet rules)
    : plan_(std::move(plan)),
      existing_(std::move(existing)),
      styles_(std::move(styles)),
      rules_(std::move(rules)) {
    if (plan_.alternatives.empty()) {
        // A plan started in the viewer: it has to be saved before it exists as a file.
        arch::PlanAlternative first;
        first.id = alternative.empty() ? "a" : alternative;
        plan_.alternatives.push_back(std::move(first));
        state_ = nextState_++;
    }
    alternative_ = plan_.findAlternative(alternative) ? alternative : plan_.alternatives.front().id;
    existingRoofs_.reserve(existing_.size());
    for (const arch::PlanBuilding& b : existing_)
        existingRoofs_.push_back(arch::roofFormOf(styles_, b.footprint));
}

const arch::PlanAlternative& PlanEditor::alternative() const {
    return *plan_.findAlternative(alternative_);
}

const arch::PlanBuilding* PlanEditor::findExisting(const std::string& id) const {
    const auto it = std::find_if(existing_.begin(), existing_.end(),
                                 [&](const arch::PlanBuilding& b) { return b.id == id; });
    return it == existing_.end() ? nullptr : &*it;
}

const arch::PlanAddition* PlanEditor::findAdded(const std::string& id) const {
    if (!std::string_view(id).starts_with(kAddedPrefix))
        return nullptr;
    const std::string_view local = std::string_view(id).substr(kAddedPrefix.size());
    for (const arch::PlanAddition& a : alternative().add) {
        if (a.id == local)
            return &a;
    }
    return nullptr;
}

bool PlanEditor::known(const std::string& id) const {
    return findExisting(id) != nullptr || findAdded(id) != nullptr;
}

bool PlanEditor::isSelected(const std::string& id) const {
    return std::find(selection_.begin(), selection_.end(), id) != selection_.end();
}

Status PlanEditor::select(const std::string& id) {
    return selectIds({id});
}

Status PlanEditor::toggle(const std::string& id) {
    if (!known(id))
        return failure("no building '" + id + "' in the scene or added by alternative '" +
                       alternative_ + "'");
    // Adding to a rule's buildings by hand makes the selection a list of ids.
    rule_.reset();
    const auto it = std::find(selection_.begin(), selection_.end(), id);
    if (it == selection_.end())
        selection_.push_back(id);
    else
        selection_.erase(it);
    return Done{};
}

Status PlanEditor::selectIds(const std::vector<std::string>& ids) {
    for (const std::string& id : ids) {
        if (!known(id))
            return failure(
                "no building '" + id + "' in the scene or added by alternative '" + alternative_ +
                "' (scene ids look like '" +
                (existing_.empty() ? std::string("street/street-a-01") : existing_.front().id) +
                "')");
    }
    rule_.reset();
    selection_.clear();
    for (const std::string& id : ids) {
        if (!isSelected(id))
            selection_.push_back(id);
    }
    return Done{};
}

Status PlanEditor::selectByRule(const arch::PlanSelection& rule) {
    if (rule.empty())
        return failure(
            "an empty rule selects nothing: give a group, typology, roof, style or zone");
    if (!rule.within.empty() && rule.within.size() < 3)
        return failure("a 'within' polygon needs at least 3 points");
    rule_ = rule;
    selection_ = matching(rule);
    Status status = Done{};
    if (selection_.empty())
        status.addWarning({{}, {}, "the rule selects no building of the scene"});
    return status;
}

void PlanEditor::clear() {
    selection_.clear();
    rule_.reset();
}

bool PlanEditor::matches(const arch::PlanSelection& rule, const arch::PlanBuilding& b) const {
    const std::size_t index = std::size_t(&b - existing_.data());
    const std::string& roof = index < existingRoofs_.size() ? existingRoofs_[index] : b.id;
    return arch::selects(rule, b, roof);
}

std::vector<std::string> PlanEditor::matching(const arch::PlanSelection& rule) const {
    std::vector<std::string> ids;
    for (const arch::PlanBuilding& b : existing_) {
        if (matches(rule, b))
            ids.push_back(b.id);
    }
    return ids;
}

void PlanEditor::checkpoint() {
    undo_.push_back({plan_, alternative_, state_});
    if (undo_.size() > kUndoDepth)
        undo_.erase(undo_.begin());
    redo_.clear();
}

void PlanEditor::commit() {
    state_ = nextState_++;
    ++revision_;
    dropSelectionNotIn();
}

void PlanEditor::dropSelectionNotIn() {
    if (rule_) {
        selection_ = matching(*rule_);
        return;
    }
    std::erase_if(selection_, [&](const std::string& id) { return !known(id); });
}

Status PlanEditor::apply(const arch::PlanAction& action) {
    if (const auto problem = arch::checkPlanAction(action))
        return failure(*problem);
    if (action.first == "remove" && action.second == "true")
        return removeSelected();
    if (selection_.empty() && !rule_)
        return failure("nothing selected: pick a building (click, box) or select by a rule first");
    editAlternative([&](arch::PlanAlternative& alt) {
        if (rule_)
            return setFor(alt, *rule_, action);
        bool changed = false;
        arch::PlanSelection ids;
        for (const std::string& id : selection_) {
            if (findAdded(id) == nullptr) {
                ids.ids.push_back(id);
                continue;
            }
            const std::string local = id.substr(kAddedPrefix.size());
            for (arch::PlanAddition& a : alt.add) {
                if (a.id == local)
                    changed = setKey(a.set, action) || changed;
            }
        }
        if (!ids.ids.empty())
            changed = setFor(alt, ids, action) || changed;
        return changed;
    });
    return Done{};
}

Status PlanEditor::removeSelected() {
    if (selection_.empty() && !rule_)
        return failure("nothing selected: pick the buildings to remove first");
    editAlternative([&](arch::PlanAlternative& alt) {
        if (rule_)
            return setFor(alt, *rule_, {"remove", "true"});
        bool changed = false;
        for (const std::string& id : selection_) {
            if (findAdded(id) != nullptr) {
                const std::string local = id.substr(kAddedPrefix.size());
                changed =
                    std::erase_if(alt.add, [&](const auto& a) { return a.id == local; }) > 0 ||
                    changed;
            } else if (std::find(alt.remove.begin(), alt.remove.end(), id) == alt.remove.end()) {
                alt.remove.push_back(id);
                changed = true;
            }
        }
        return changed;
    });
    return Done{};
}

bool PlanEditor::editAlternative(const std::function<bool(arch::PlanAlternative&)>& edit) {
    arch::TownPlan next = plan_;
    // Setting what is already set is no step to undo.
    if (!edit(*next.findAlternative(alternative_)))
        return false;
    checkpoint();
    plan_ = std::move(next);
    commit();
    return true;
}

Status PlanEditor::addBuilding(const std::string& style, const std::string& typology,
                               arch::Point2 at, double facingDeg) {
    const arch::Style* s = arch::findStyle(styles_, style);
    if (s == nullptr)
        return failure("unknown style '" + style + "' (known: " + arch::styleList(styles_) + ")");
    if (s->findTypology(typology) == nullptr)
        return failure("style '" + style + "' has no typology '" + typology +
                       "' (known: " + s->typologyList() + ")");
    std::string id;
    for (int n = 1; id.empty() || known(std::string(kAddedPrefix) + id); ++n)
        id = typology + "-" + std::to_string(n);
    arch::PlanAddition addition;
    addition.id = id;
    addition.style = style;
    addition.typology = typology;
    addition.at = at;
    addition.facingDeg = facingDeg;
    editAlternative([&](arch::PlanAlternative& alt) {
        alt.add.push_back(std::move(addition));
        return true;
    });
    rule_.reset();
    selection_ = {std::string(kAddedPrefix) + id};
    return Done{};
}

Status PlanEditor::setAlternative(const std::string& id) {
    if (plan_.findAlternative(id) == nullptr)
        return failure("plan '" + plan_.id + "' has no alternative '" + id +
                       "' (it has: " + plan_.alternativeIds() + ")");
    if (id == alternative_)
        return Done{};
    alternative_ = id;
    ++revision_;
    dropSelectionNotIn();
    return Done{};
}

Status PlanEditor::newAlternative(const std::string& id, const std::string& titleZh,
                                  const std::string& titleEn, const std::string& copyFrom) {
    if (id.empty() || id.find_first_of(" \t\r\n\"/;") != std::string::npos)
        return failure(
            "an alternative id must be one word without '/', ';' or quotes, e.g. "
            "\"lingnan-b\"");
    if (plan_.findAlternative(id) != nullptr)
        return failure("plan '" + plan_.id + "' already has an alternative '" + id + "'");
    arch::PlanAlternative alt;
    if (!copyFrom.empty()) {
        const arch::PlanAlternative* from = plan_.findAlternative(copyFrom);
        if (from == nullptr)
            return failure("no alternative '" + copyFrom + "' to copy from");
        alt = *from;
    }
    alt.id = id;
    alt.titleZh = titleZh;
    alt.titleEn = titleEn;
    checkpoint();
    plan_.alternatives.push_back(std::move(alt));
    alternative_ = id;
    commit();
    return Done{};
}

bool PlanEditor::undo() {
    return restoreFrom(undo_, redo_);
}

bool PlanEditor::redo() {
    return restoreFrom(redo_, undo_);
}

bool PlanEditor::restoreFrom(std::vector<Snapshot>& from, std::vector<Snapshot>& to) {
    if (from.empty())
        return false;
    // The file path is where the plan lives, not an edit: undo and redo keep it.
    const std::string file = plan_.file;
    to.push_back({std::move(plan_), alternative_, state_});
    Snapshot& s = from.back();
    plan_ = std::move(s.plan);
    plan_.file = file;
    alternative_ = std::move(s.alternative);
    state_ = s.state;
    from.pop_back();
    ++revision_;
    dropSelectionNotIn();
    return true;
}

Status PlanEditor::save(const std::string& path) {
    const std::string target = path.empty() ? plan_.file : path;
    if (target.empty())
        return failure("the plan has no file yet: give a path to save it to");
    Status written = arch::writeTownPlan(plan_, target);
    if (!written)
        return written;
    plan_.file = target;
    savedState_ = state_;
    return written;
}

std::string PlanEditor::styleOf(const std::string& id) const {
    if (const arch::PlanBuilding* b = findExisting(id))
        return b->footprint.style;
    if (const arch::PlanAddition* a = findAdded(id))
        return a->style;
    return {};
}

PlanPalette PlanEditor::palette() const {
    PlanPalette p;
    p.maxDeltaE00 = rules_.maxDeltaE00;
    p.style = selection_.empty() ? std::string("guangfu") : styleOf(selection_.front());
    auto style = rules_.palettes.find(p.style);
    if (style == rules_.palettes.end()) {
        p.style = "guangfu";
        style = rules_.palettes.find(p.style);
    }
    if (style == rules_.palettes.end())
        return p;
    const auto role = [&](const char* name) {
        const auto it = style->second.find(name);
        return it == style->second.end() ? std::vector<std::string>{} : it->second;
    };
    p.wall = role("wall");
    p.trim = role("trim");
    p.roof = role("roof");
    return p;
}

std::optional<std::string> PlanEditor::effectiveValue(const std::string& key) const {
    if (selection_.empty())
        return std::nullopt;
    const arch::PlanAlternative& alt = alternative();
    std::optional<std::optional<std::string>> common;
    for (const std::string& id : selection_) {
        std::optional<std::string> value;
        if (const arch::PlanAddition* a = findAdded(id)) {
            for (const auto& [k, v] : a->set) {
                if (k == key)
                    value = v;
            }
        } else if (const arch::PlanBuilding* b = findExisting(id)) {
            for (const arch::PlanIntervention& in : alt.interventions) {
                if (!matches(in.select, *b))
                    continue;
                for (const auto& [k, v] : in.set) {
                    if (k == key)
                        value = v;
                }
            }
            if (key == "remove" &&
                std::find(alt.remove.begin(), alt.remove.end(), id) != alt.remove.end())
                value = "true";
        }
        if (common && *common != value)
            return std::nullopt;
        common = value;
    }
    return common ? *common : std::nullopt;
}

std::vector<std::string> PlanEditor::groups() const {
    std::set<std::string> out;
    for (const arch::PlanBuilding& b : existing_)
        out.insert(b.group);
    return {out.begin(), out.end()};
}

std::vector<std::string> PlanEditor::typologies() const {
    std::set<std::string> out;
    for (const arch::PlanBuilding& b : existing_)
        out.insert(b.footprint.typology);
    return {out.begin(), out.end()};
}

std::vector<std::string> PlanEditor::roofForms() const {
    std::set<std::string> out;
    for (const std::string& roof : existingRoofs_) {
        if (!roof.empty())
            out.insert(roof);
    }
    return {out.begin(), out.end()};
}

}  // namespace cunjing::viewer
