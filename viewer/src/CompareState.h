#pragma once
/// What the plan panels show of a town plan (the plan bar, the change list, the rule results)
/// and what they ask for; the app fills it from scene::applyScenePlan and checkScenePlan and
/// acts on the requests after the frame (UiState's pattern).

#include "CompareView.h"

#include <optional>
#include <string>
#include <vector>

namespace cunjing::viewer {

struct PlanAlternativeEntry {
    std::string id, titleZh, titleEn;
};

/// One building of the change list: what the alternative did to it.
struct ChangeEntry {
    std::string buildingId, name, typology;
    enum class Kind { Modified, Added, Removed } kind = Kind::Modified;
    /// The actions as "key=value" pairs (architecture::PlanAction); the panel words them.
    std::vector<std::pair<std::string, std::string>> actions;
};

/// One rule finding (heritage::RuleResult) with its rule's Chinese title.
struct RuleEntry {
    std::string rule, titleZh, buildingId, message;
    bool error = true;
    double x = 0, y = 0;  ///< local frame
};

struct CompareState {
    /// A plan is loaded and the after state applied (or failed: then `error`).
    bool active = false;
    std::string planId, titleZh, titleEn, file;
    std::vector<PlanAlternativeEntry> alternatives;
    int alternative = 0;   ///< index into alternatives: state B
    int compareWith = -1;  ///< state A: -1 the existing state, else an alternative
    PlanViewMode mode = PlanViewMode::After;
    float divider = 0.5f;  ///< swipe divider, 0..1 of the width
    float ghost = 0.5f;    ///< ghost opacity of B over A
    /// The plan could not be applied: every line names the plan file and JSON path; the
    /// existing state is shown instead.
    std::vector<std::string> errors;
    std::vector<std::string> warnings;

    std::vector<ChangeEntry> changes;
    std::vector<RuleEntry> rules;
    int ruleErrors = 0, ruleWarnings = 0;
    bool rulesChecked = false;
    std::string rulesProblem;  ///< the check could not run (no rules file ...)

    /// Which list the right panel shows; both off hides it.
    bool showChanges = false, showRules = false;
    /// The building picked in a list (or by a click), highlighted in both states.
    std::optional<std::string> highlighted;
    int pickedChange = -1, pickedRule = -1;

    /// The plan editor exists (the plan was read) and whether its panel is open; the lists
    /// give way to it on the right.
    bool editorAvailable = false, editorOpen = false;

    /// Requests from the panels.
    std::optional<int> requestedAlternative, requestedCompareWith;
    std::optional<PlanViewMode> requestedMode;
    std::optional<int> requestedChange, requestedRule;
    bool ghostChanged = false;
    bool requestedEditorToggle = false;
};

}  // namespace cunjing::viewer
