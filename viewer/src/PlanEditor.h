#pragma once
/// The designers' plan editor (issue 7 item 3) as plain data and operations, testable without a
/// window: a selection of buildings (by id, or by a rule that is remembered as a rule), "set"
/// actions written into one alternative of a TownPlan, undo and redo, saving the file. The
/// panel (PlanEditorPanel.h) lays it out; the app re-applies the plan when revision() moves.
///
/// Writing follows how a designer works: "this building: colour, then roof" becomes one
/// intervention with two keys, because an action merges into the alternative's last
/// intervention when that one has the same selection; any other selection appends a new one.
/// So the saved file reads as the list of steps the designer took, and stays hand-editable.

#include <cunjing/architecture/Style.h>
#include <cunjing/architecture/TownPlan.h>
#include <cunjing/geo/Result.h>
#include <cunjing/heritage/PlanRules.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cunjing::viewer {

/// How the panel offers a "set" key (architecture::planActionKeys()).
enum class PlanKeyKind {
    Colour,  ///< "#RRGGBB": swatches and a hex field
    Choice,  ///< one of `values`: a combo
    Toggle,  ///< true|false: a checkbox
    Action,  ///< only "true" (remove_additions, repaint, bury_wires, remove): a button
};

struct PlanKeyInfo {
    std::string key;
    PlanKeyKind kind = PlanKeyKind::Toggle;
    std::vector<std::string> values;  ///< Choice: the values checkPlanAction accepts, in order
};

/// The "set" keys as the panel offers them, in planActionKeys() order. Each key's kind is found
/// by asking checkPlanAction, so a value the plan reader refuses is never offered.
const std::vector<PlanKeyInfo>& planKeyInfos();
/// The info of one key, or nullptr for a key planActionKeys() does not have.
const PlanKeyInfo* findPlanKeyInfo(std::string_view key);

/// The colours the rules allow for a style (PlanRuleSet::palettes), for the swatches.
struct PlanPalette {
    std::string style;                          ///< "guangfu"
    std::vector<std::string> wall, trim, roof;  ///< "#RRGGBB"
    double maxDeltaE00 = 10;                    ///< the palette rule's threshold
};

/// ΔE00 from `hex` to the nearest colour of `allowed`; nothing when `hex` is not "#RRGGBB" or
/// `allowed` is empty. The panel shows it beside a typed colour (the rule fires above the
/// threshold).
std::optional<double> nearestDeltaE00(const std::string& hex,
                                      const std::vector<std::string>& allowed);

class PlanEditor {
public:
    /// Edits `alternative` of `plan` (the first one when empty or not found; a plan with no
    /// alternative gets one of that id, "a" when empty). `existing`: the scene's buildings, ids
    /// "<group>/<footprint id>", for id checks and rule selection; `styles` for the roof forms;
    /// `rules` for the palettes.
    PlanEditor(architecture::TownPlan plan, const std::string& alternative,
               std::vector<architecture::PlanBuilding> existing,
               std::vector<architecture::Style> styles, heritage::PlanRuleSet rules);

    const architecture::TownPlan& plan() const { return plan_; }
    const std::string& alternativeId() const { return alternative_; }
    const architecture::PlanAlternative& alternative() const;
    const std::vector<architecture::PlanBuilding>& existing() const { return existing_; }

    // --- selection (not part of the plan: no undo step, no revision) ---

    /// Replaces the selection with one building: an existing one, or "plan/<id>" added by the
    /// current alternative. Unknown ids are an error and leave the selection as it was.
    Status select(const std::string& id);
    /// Adds the building, or takes it out when selected (shift/ctrl-click).
    Status toggle(const std::string& id);
    /// Replaces the selection (a box selection); every id must be known.
    Status selectIds(const std::vector<std::string>& ids);
    /// Selects what the rule matches in the existing state and remembers the rule: actions
    /// then write an intervention whose "select" is the rule. An empty rule is an error.
    Status selectByRule(const architecture::PlanSelection& rule);
    void clear();
    const std::vector<std::string>& selection() const { return selection_; }
    const std::optional<architecture::PlanSelection>& rule() const { return rule_; }
    bool isSelected(const std::string& id) const;
    /// The ids a rule selects now (existing buildings, in scene order).
    std::vector<std::string> matching(const architecture::PlanSelection& rule) const;

    // --- editing (each success is one undo step and bumps revision()) ---

    /// Sets one key on the selection (checked with checkPlanAction; a refused value changes
    /// nothing). Added buildings take it in their own "set"; "remove" goes to removeSelected.
    Status apply(const architecture::PlanAction& action);
    /// Demolishes the selection: existing ids go to the alternative's "remove", added buildings
    /// leave its "add", a rule selection gets an intervention with remove=true.
    Status removeSelected();
    /// Adds a building of `typology` at `at` (local metres) facing `facingDeg`; it is selected.
    Status addBuilding(const std::string& style, const std::string& typology,
                       architecture::Point2 at, double facingDeg);
    /// Switches the alternative edited (what the after state shows): bumps revision(), no undo
    /// step, since the plan does not change.
    Status setAlternative(const std::string& id);
    /// A new alternative, empty or a copy of `copyFrom`, and edits it from now on.
    Status newAlternative(const std::string& id, const std::string& titleZh,
                          const std::string& titleEn, const std::string& copyFrom = {});

    bool canUndo() const { return !undo_.empty(); }
    bool canRedo() const { return !redo_.empty(); }
    bool undo();
    bool redo();

    /// Moves on every change of the plan or of the alternative edited.
    std::uint64_t revision() const { return revision_; }
    /// The plan differs from the file last saved or read.
    bool dirty() const { return state_ != savedState_; }

    /// Writes the plan (writeTownPlan) to `path`, or to the file it came from when empty; the
    /// plan remembers the new path.
    Status save(const std::string& path = {});

    // --- what the panel offers ---

    /// The palette of the selection's style (the first selected building's; guangfu when
    /// nothing is selected or the rules lack the style).
    PlanPalette palette() const;
    /// The value the current alternative gives `key` on every selected building (the last
    /// matching intervention wins); nothing when none is set or the selected ones differ.
    std::optional<std::string> effectiveValue(const std::string& key) const;
    /// Distinct groups, typologies and roof forms of the existing buildings, for the rule row.
    std::vector<std::string> groups() const;
    std::vector<std::string> typologies() const;
    std::vector<std::string> roofForms() const;

    /// Runs editor steps separated by ';' or new lines, stopping at the first that fails:
    ///   select ID[,ID...] | add ID[,ID...] | clear
    ///   rule group=G typology=T[,T2] roof=R style=S zone=Z id=ID[,ID]
    ///   set KEY=VALUE | remove | undo | redo
    ///   alternative ID | new ID [COPY_FROM] | building STYLE TYPOLOGY X,Y [FACING]
    ///   save [PATH]
    /// The error names the step: "step 3 'set wal_colour=#1': unknown ...".
    Status runScript(std::string_view script);

private:
    struct Snapshot {
        architecture::TownPlan plan;
        std::string alternative;
        std::uint64_t state = 0;
    };

    const architecture::PlanBuilding* findExisting(const std::string& id) const;
    const architecture::PlanAddition* findAdded(const std::string& id) const;
    bool known(const std::string& id) const;
    bool matches(const architecture::PlanSelection& rule,
                 const architecture::PlanBuilding& building) const;
    std::string styleOf(const std::string& id) const;
    /// Before a change: pushes the undo snapshot. After it: commit() numbers the new state.
    void checkpoint();
    void commit();
    void dropSelectionNotIn();
    /// Runs `edit` on a copy of the alternative edited; when it reports a change, the copy
    /// becomes the plan as one undo step. Returns whether it changed anything.
    bool editAlternative(const std::function<bool(architecture::PlanAlternative&)>& edit);
    /// Undo or redo: restores the last snapshot of `from`, pushing the current state on `to`.
    bool restoreFrom(std::vector<Snapshot>& from, std::vector<Snapshot>& to);
    Status runStep(std::string_view step);

    architecture::TownPlan plan_;
    std::string alternative_;
    std::vector<architecture::PlanBuilding> existing_;
    std::vector<std::string> existingRoofs_;  ///< roofFormOf per existing building
    std::vector<architecture::Style> styles_;
    heritage::PlanRuleSet rules_;

    std::vector<std::string> selection_;
    std::optional<architecture::PlanSelection> rule_;

    std::vector<Snapshot> undo_, redo_;
    std::uint64_t revision_ = 0;
    /// Each plan state gets a number; saving records it, so undoing back to it is clean again.
    std::uint64_t state_ = 0, savedState_ = 0, nextState_ = 1;
};

}  // namespace cunjing::viewer
