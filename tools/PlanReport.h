#pragma once
// The HTML of `cunjing plan report`: before and after images of every viewpoint, the change
// list, counts and rule results of each alternative, bilingual (中文 first), printable.

#include <cunjing/architecture/TownPlan.h>
#include <cunjing/heritage/PlanRules.h>
#include <cunjing/scene/ScenePlan.h>

#include <filesystem>
#include <string>
#include <vector>

namespace cunjing::tools {

/// One alternative as the report shows it.
struct ReportAlternative {
    const architecture::PlanAlternative* alternative = nullptr;
    scene::BuildingState state;
    scene::PlanCheck check;
};

/// One viewpoint: its images, as paths relative to the HTML file.
struct ReportView {
    std::string name;
    scene::LocalText title;
    std::string before;
    std::vector<std::string> after;  ///< one per alternative, in the report's order
};

struct PlanReport {
    const scene::SceneData* scene = nullptr;  ///< the existing state (names of removed ones)
    const architecture::TownPlan* plan = nullptr;
    const heritage::PlanRuleSet* rules = nullptr;  ///< 中文 rule titles
    std::vector<ReportAlternative> alternatives;
    std::vector<ReportView> views;
    int width = 0, height = 0;  ///< image size
};

/// The whole page, UTF-8. Its inline script sets data-images-loaded (images whose
/// naturalWidth > 0) and data-images-total on <body> once the window has loaded, so a
/// headless browser can tell that every image showed.
std::string planReportHtml(const PlanReport& report);

/// Counts of one alternative's changes: buildings modified, added, removed, and how many
/// buildings each action key touched ("wall_colour": 12).
struct ChangeCounts {
    int modified = 0, added = 0, removed = 0;
    std::vector<std::pair<std::string, int>> perAction;  ///< in planActionKeys() order
};
ChangeCounts countChanges(const std::vector<architecture::PlanChange>& changes);

}  // namespace cunjing::tools
