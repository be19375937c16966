#include "PlanCommand.h"

#include "PlanReport.h"
#include "RenderCommand.h"

#include <cunjing/scene/Offscreen.h>
#include <cunjing/scene/SceneGraph.h>
#include <cunjing/scene/ScenePlan.h>

#include <nlohmann/json.hpp>

#include <unistd.h>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace cunjing::tools {

namespace {

using architecture::PlanAlternative;
using architecture::TownPlan;
using json = nlohmann::ordered_json;

constexpr int kRuleFailed = 1;
constexpr int kBadInput = 2;
constexpr int kInternal = 3;

int fail(const std::vector<Error>& errors, int code = kBadInput) {
    for (const Error& e : errors)
        std::cerr << "error: " << e.toString() << "\n";
    return code;
}

void warn(const std::vector<Error>& warnings) {
    for (const Error& w : warnings)
        std::cerr << "warning: " << w.toString() << "\n";
}

struct Options {
    std::string scene;
    std::string plan;
    std::string alternative;
    std::vector<std::string> controlLines;
    std::string rules = "guangdong";
    bool json = false;
    std::string out;
    std::string size = "1280x720";
    std::string viewpoints;
};

std::string both(const std::string& zh, const std::string& en) {
    if (zh.empty() || en.empty() || zh == en)
        return zh.empty() ? en : zh;
    return zh + " / " + en;
}

// ---- list ----------------------------------------------------------------------------------

int runList(const Options& o) {
    auto description = scene::loadSceneFile(o.scene);
    if (!description)
        return fail(description.errors());
    std::vector<Error> errors;
    json plans = json::array();
    for (const auto& path : description->plans) {
        auto plan = architecture::readTownPlan(path.string());
        if (!plan) {
            errors.insert(errors.end(), plan.errors().begin(), plan.errors().end());
            continue;
        }
        json alternatives = json::array();
        for (const PlanAlternative& a : plan->alternatives) {
            alternatives.push_back({{"id", a.id},
                                    {"title_zh", a.titleZh},
                                    {"title_en", a.titleEn},
                                    {"interventions", a.interventions.size()},
                                    {"add", a.add.size()},
                                    {"remove", a.remove.size()}});
        }
        plans.push_back({{"id", plan->id},
                         {"file", path.string()},
                         {"title_zh", plan->titleZh},
                         {"title_en", plan->titleEn},
                         {"alternatives", alternatives}});
    }
    if (o.json) {
        std::cout << json{{"scene", o.scene}, {"plans", plans}}.dump(2) << "\n";
    } else if (plans.empty() && errors.empty()) {
        std::cout << o.scene << ": no plans (add \"plans\": [\"plan.json\"] to the scene file)\n";
    } else {
        for (const json& p : plans) {
            std::cout << p["id"].get<std::string>() << "  "
                      << both(p["title_zh"].get<std::string>(), p["title_en"].get<std::string>())
                      << "  (" << p["file"].get<std::string>() << ")\n";
            for (const json& a : p["alternatives"]) {
                std::cout << "  " << a["id"].get<std::string>() << "  "
                          << both(a["title_zh"].get<std::string>(),
                                  a["title_en"].get<std::string>())
                          << ": " << a["interventions"].get<std::size_t>() << " interventions, "
                          << a["add"].get<std::size_t>() << " added, "
                          << a["remove"].get<std::size_t>() << " removed\n";
            }
        }
    }
    return errors.empty() ? 0 : fail(errors);
}

// ---- the scene with a plan applied ---------------------------------------------------------

struct Applied {
    const PlanAlternative* alternative = nullptr;
    scene::BuildingState state;
    scene::PlanCheck check;
};

struct Loaded {
    scene::SceneData data;
    TownPlan plan;
    std::vector<Applied> alternatives;
};

/// Loads the scene and the plan, applies and checks each alternative asked for. Any problem
/// (the scene, the plan file, a building the plan names that the scene lacks, a control-line
/// file) is printed and gives the exit code.
int loadAndCheck(const Options& o, Loaded& out) {
    auto description = scene::loadSceneFile(o.scene);
    if (!description)
        return fail(description.errors());
    auto plan = findPlan(description.value(), o.plan);
    if (!plan)
        return fail(plan.errors());
    auto picked = pickAlternatives(plan.value(), o.alternative);
    if (!picked)
        return fail(picked.errors());
    auto data = scene::loadScene(description.value());
    if (!data)
        return fail(data.errors());
    warn(data.warnings());
    out.data = std::move(data.value());
    out.plan = std::move(plan.value());
    scene::BuildingCache cache;
    scene::PlanCheckSetup setup;
    setup.jurisdiction = o.rules;
    setup.extraControlLines = o.controlLines;
    for (const PlanAlternative* alt : picked.value()) {
        // Re-found in out.plan: `picked` points into the moved-from plan.
        const PlanAlternative* a = out.plan.findAlternative(alt->id);
        auto state = scene::applyScenePlan(out.data, out.plan, a->id, &cache);
        if (!state)
            return fail(state.errors());
        warn(state.warnings());
        auto check = scene::checkScenePlan(out.data, state.value(), setup);
        if (!check)
            return fail(check.errors());
        out.alternatives.push_back({a, std::move(state.value()), std::move(check.value())});
    }
    return 0;
}

// ---- check ---------------------------------------------------------------------------------

json resultsJson(const scene::PlanCheck& check) {
    json results = json::array();
    for (const heritage::RuleResult& r : check.results) {
        results.push_back({{"rule", r.rule},
                           {"severity", heritage::token(r.severity)},
                           {"building", r.buildingId},
                           {"message", r.message},
                           {"x", r.x},
                           {"y", r.y},
                           {"measured", r.measured},
                           {"limit", r.limit}});
    }
    return results;
}

int runCheck(const Options& o) {
    Loaded loaded;
    if (int code = loadAndCheck(o, loaded))
        return code;
    int errors = 0, warnings = 0, failing = 0;
    json alternatives = json::array();
    for (const Applied& a : loaded.alternatives) {
        const ChangeCounts counts = countChanges(a.state.changes);
        errors += a.check.errors;
        warnings += a.check.warnings;
        failing += a.check.errors > 0 ? 1 : 0;
        if (o.json) {
            alternatives.push_back({{"id", a.alternative->id},
                                    {"modified", counts.modified},
                                    {"added", counts.added},
                                    {"removed", counts.removed},
                                    {"errors", a.check.errors},
                                    {"warnings", a.check.warnings},
                                    {"passed", a.check.errors == 0},
                                    {"results", resultsJson(a.check)}});
            continue;
        }
        std::cout << "alternative " << a.alternative->id << "  "
                  << both(a.alternative->titleZh, a.alternative->titleEn) << "\n"
                  << "  buildings: " << counts.modified << " modified, " << counts.added
                  << " added, " << counts.removed << " removed\n";
        for (const heritage::RuleResult& r : a.check.results) {
            char at[64];
            std::snprintf(at, sizeof at, "at %.1f %.1f", r.x, r.y);
            std::cout << "  " << heritage::token(r.severity) << "  " << r.rule << "  "
                      << r.buildingId << "  " << r.message << "  " << at << "\n";
        }
        std::cout << "  " << a.check.errors << " error(s), " << a.check.warnings
                  << " warning(s): " << (a.check.errors ? "FAIL 不通过" : "pass 通过") << "\n";
    }
    if (o.json) {
        std::cout << json{{"plan", loaded.plan.id},
                          {"file", loaded.plan.file},
                          {"rules", o.rules},
                          {"passed", errors == 0},
                          {"alternatives", alternatives}}
                         .dump(2)
                  << "\n";
    } else {
        std::cout << "summary: plan " << loaded.plan.id << ", " << loaded.alternatives.size()
                  << " alternative(s), " << failing << " failing; " << errors << " error(s), "
                  << warnings << " warning(s)\n";
    }
    return errors > 0 ? kRuleFailed : 0;
}

// ---- report --------------------------------------------------------------------------------

/// The viewpoints to render: those named (comma-separated), else every one of the scene, else
/// an overview.
Result<std::vector<scene::Viewpoint>> reportViews(const Options& o, const scene::SceneData& data) {
    const scene::SceneDescription& d = data.description;
    std::vector<scene::Viewpoint> views;
    if (o.viewpoints.empty()) {
        views = d.viewpoints;
        if (views.empty())
            views.push_back(data.overviewViewpoint());
        return views;
    }
    std::stringstream names(o.viewpoints);
    for (std::string name; std::getline(names, name, ',');) {
        if (name.empty())
            continue;
        const scene::Viewpoint* vp = d.findViewpoint(name);
        if (!vp) {
            std::string known;
            for (const auto& v : d.viewpoints)
                known += (known.empty() ? "" : ", ") + v.name;
            return Error{o.scene, "--viewpoints",
                         "no viewpoint named \"" + name +
                             "\" (the scene has: " + (known.empty() ? "none" : known) + ")"};
        }
        views.push_back(*vp);
    }
    return views;
}

/// Writes text to path through a temporary file beside it, renamed into place.
Status writeAtomically(const std::filesystem::path& path, const std::string& text) {
    const std::filesystem::path tmp =
        path.string() + ".tmp-" + std::to_string(static_cast<long>(::getpid()));
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) {
            std::error_code ec;
            std::filesystem::remove(tmp, ec);
            return Error{path.string(), "", "cannot be written (folder missing or no permission?)"};
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        return Error{path.string(), "", "cannot be written: " + ec.message()};
    }
    return Done{};
}

std::string fileSafe(const std::string& name) {
    std::string out;
    for (unsigned char c : name)
        out += (c >= 0x80 || std::isalnum(c) || c == '-' || c == '_') ? char(c) : '_';
    return out.empty() ? "view" : out;
}

int runReport(const Options& o) {
    auto size = parseImageSize(o.size);
    if (!size)
        return fail(size.errors());
    Loaded loaded;
    if (int code = loadAndCheck(o, loaded))
        return code;
    auto views = reportViews(o, loaded.data);
    if (!views)
        return fail(views.errors());
    auto rules = heritage::PlanRuleSet::forJurisdiction(o.rules);
    if (!rules)
        return fail(rules.errors());
    auto renderer = scene::OffscreenRenderer::create(size->first, size->second);
    if (!renderer)
        return fail(renderer.errors(), kInternal);

    // Images go into <stem>_files beside the HTML, which is written last: a report that fails
    // half way leaves no page pointing at missing images.
    const std::filesystem::path html(o.out);
    const std::string folderName = html.stem().string() + "_files";
    const std::filesystem::path folder = html.parent_path() / folderName;
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec)
        return fail({{folder.string(), "", "cannot create the image folder: " + ec.message()}});

    PlanReport report;
    report.scene = &loaded.data;
    report.plan = &loaded.plan;
    report.rules = &rules.value();
    report.width = size->first;
    report.height = size->second;
    std::vector<osg::ref_ptr<osg::Group>> graphs{scene::buildSceneGraph(loaded.data)};
    for (Applied& a : loaded.alternatives) {
        graphs.push_back(
            scene::buildSceneGraph(loaded.data, {}, scene::buildingsNode(a.state.buildings)));
        report.alternatives.push_back({a.alternative, std::move(a.state), std::move(a.check)});
    }
    for (const scene::Viewpoint& vp : views.value()) {
        ReportView view{vp.name, vp.title, {}, {}};
        const auto eye = loaded.data.resolveEye(vp), target = loaded.data.resolveTarget(vp);
        for (std::size_t g = 0; g < graphs.size(); ++g) {
            auto image = renderer.value()->render(graphs[g].get(), {eye[0], eye[1], eye[2]},
                                                  {target[0], target[1], target[2]}, vp.fovDeg);
            if (!image)
                return fail(image.errors(), kInternal);
            const std::string name =
                fileSafe(vp.name) +
                (g == 0 ? "_before" : "_" + fileSafe(loaded.alternatives[g - 1].alternative->id)) +
                ".png";
            if (auto written = scene::writePngAtomically(*image.value(), folder / name); !written)
                return fail(written.errors());
            if (g == 0)
                view.before = folderName + "/" + name;
            else
                view.after.push_back(folderName + "/" + name);
        }
        report.views.push_back(std::move(view));
    }
    if (auto written = writeAtomically(html, planReportHtml(report)); !written)
        return fail(written.errors());
    std::cout << html.string() << "\n";
    int errors = 0;
    for (const ReportAlternative& a : report.alternatives)
        errors += a.check.errors;
    std::cerr << "report of plan " << loaded.plan.id << ": " << views->size() << " view(s), "
              << loaded.alternatives.size() << " alternative(s), " << errors
              << " rule error(s); images in " << folder.string() << "\n";
    return 0;
}

}  // namespace

Result<TownPlan> findPlan(const scene::SceneDescription& scene, const std::string& idOrPath) {
    std::vector<Error> unreadable;
    std::string known;
    for (const auto& path : scene.plans) {
        auto plan = architecture::readTownPlan(path.string());
        if (!plan) {
            unreadable.insert(unreadable.end(), plan.errors().begin(), plan.errors().end());
            continue;
        }
        if (plan->id == idOrPath)
            return plan;
        known += (known.empty() ? "" : ", ") + plan->id;
    }
    std::error_code ec;
    if (std::filesystem::is_regular_file(idOrPath, ec))
        return architecture::readTownPlan(idOrPath);
    // A plan of the scene that does not read may be the one asked for: show why it does not.
    if (!unreadable.empty())
        return Result<TownPlan>::failure(unreadable);
    return Error{scene.file.string(), "--plan",
                 "no plan \"" + idOrPath + "\" in the scene's \"plans\" (" +
                     (known.empty() ? "it lists none" : "it has: " + known) +
                     ") and no such plan file"};
}

Result<std::vector<const PlanAlternative*>> pickAlternatives(const TownPlan& plan,
                                                             const std::string& alternative) {
    std::vector<const PlanAlternative*> out;
    if (alternative.empty()) {
        for (const PlanAlternative& a : plan.alternatives)
            out.push_back(&a);
        return out;
    }
    if (const PlanAlternative* a = plan.findAlternative(alternative)) {
        out.push_back(a);
        return out;
    }
    return Error{plan.file, "--alternative",
                 "plan \"" + plan.id + "\" has no alternative \"" + alternative +
                     "\" (it has: " + plan.alternativeIds() + ")"};
}

void addPlanCommand(CLI::App& app, std::function<int()>& run) {
    auto o = std::make_shared<Options>();
    CLI::App* plan = app.add_subcommand(
        "plan", "Town beautification plans (美丽圩镇): list, rule checks, before/after report");
    plan->require_subcommand(1);

    auto addPlanOptions = [o](CLI::App* cmd) {
        cmd->add_option("scene", o->scene, "Scene file (JSON)")->required();
        cmd->add_option("--plan", o->plan, "Plan id among the scene's \"plans\", or a plan file")
            ->required();
        cmd->add_option("--alternative", o->alternative,
                        "One alternative (default: every alternative)");
        cmd->add_option("--control-lines", o->controlLines,
                        "Extra control lines FILE[:KIND] (KIND: permanent_farmland, "
                        "ecological_red_line, urban_development_boundary)");
        cmd->add_option("--rules", o->rules, "Jurisdiction of assets/rules/plan_<name>.json")
            ->capture_default_str();
    };

    CLI::App* list = plan->add_subcommand("list", "The scene's plans and their alternatives");
    list->add_option("scene", o->scene, "Scene file (JSON)")->required();
    list->add_flag("--json", o->json, "Print JSON");
    list->callback([&run, o] { run = [o] { return runList(*o); }; });

    CLI::App* check = plan->add_subcommand(
        "check", "Check a plan against the rules; exit 1 when an error-severity rule fails");
    addPlanOptions(check);
    check->add_flag("--json", o->json, "Print JSON");
    check->callback([&run, o] { run = [o] { return runCheck(*o); }; });

    CLI::App* report =
        plan->add_subcommand("report", "An HTML report: before/after renders, changes, rules");
    addPlanOptions(report);
    report->add_option("--out", o->out, "The HTML file (images go to <stem>_files/ beside it)")
        ->required();
    report->add_option("--size", o->size, "Image size WxH (3840x2160 for print)")
        ->capture_default_str();
    report->add_option("--viewpoints", o->viewpoints,
                       "Comma-separated viewpoint names (default: every viewpoint)");
    report->callback([&run, o] { run = [o] { return runReport(*o); }; });
}

}  // namespace cunjing::tools
