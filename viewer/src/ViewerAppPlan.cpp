// The viewer's town plan: loading it (--plan), applying an alternative as the after state,
// the compare view's two states, the change list and rule results, highlighting and framing
// a building. Picking, dragging and the editor are in ViewerAppPlanEdit.cpp.

#include "ViewerAppImpl.h"

#include <cunjing/architecture/StyleLibrary.h>
#include <cunjing/scene/SceneGraph.h>

#include <osg/Geode>
#include <osg/Geometry>
#include <osg/LineWidth>
#include <osg/Program>

#include <cmath>
#include <iostream>

namespace cunjing::viewer::app {

namespace {

namespace arch = architecture;

const osg::Vec4 kPickedColour(1.0f, 0.85f, 0.1f, 1.0f);
const osg::Vec4 kSelectedColour(0.2f, 0.95f, 1.0f, 1.0f);
/// Framing a building: looking down this much at its front.
constexpr double kFacadePitchDeg = 20.0;

std::optional<osg::BoundingBox> boundsOf(const scene::BuildingState& state,
                                         const std::string& sceneId) {
    const scene::PlacedBuilding* placed = state.find(sceneId);
    if (!placed)
        return std::nullopt;
    osg::BoundingBox box;
    for (std::size_t i = 0;
         i < state.buildings.positions.size() && i < state.buildings.partIds.size(); ++i) {
        if (state.buildings.partIds[i] == placed->id) {
            const geo::Vec3f& p = state.buildings.positions[i];
            box.expandBy(p.x, p.y, p.z);
        }
    }
    if (!box.valid())
        return std::nullopt;
    return box;
}

/// The building's outline as placed, from its floor to its top, as lines: the footprint when
/// it has one inside the generated bounds, else the bounds' rectangle.
void addOutlineBox(osg::Vec3Array& lines, const scene::PlacedBuilding& placed,
                   const osg::BoundingBox& box) {
    std::vector<osg::Vec2d> ring;
    for (const arch::Point2& p : placed.footprint.outline) {
        // A footprint far from what was generated would mark the wrong place: fall back.
        if (p.x < box.xMin() - 2 || p.x > box.xMax() + 2 || p.y < box.yMin() - 2 ||
            p.y > box.yMax() + 2) {
            ring.clear();
            break;
        }
        ring.emplace_back(p.x, p.y);
    }
    if (ring.size() < 3) {
        ring = {{box.xMin(), box.yMin()},
                {box.xMax(), box.yMin()},
                {box.xMax(), box.yMax()},
                {box.xMin(), box.yMax()}};
    }
    const double bottom = std::min(double(box.zMin()), placed.base), top = box.zMax();
    for (std::size_t i = 0; i < ring.size(); ++i) {
        const osg::Vec2d& a = ring[i];
        const osg::Vec2d& b = ring[(i + 1) % ring.size()];
        for (double z : {bottom, top}) {
            lines.push_back(osg::Vec3(float(a.x()), float(a.y()), float(z)));
            lines.push_back(osg::Vec3(float(b.x()), float(b.y()), float(z)));
        }
        lines.push_back(osg::Vec3(float(a.x()), float(a.y()), float(bottom)));
        lines.push_back(osg::Vec3(float(a.x()), float(a.y()), float(top)));
    }
}

osg::ref_ptr<osg::Geometry> lineGeometry(osg::ref_ptr<osg::Vec3Array> lines,
                                         const osg::Vec4& colour) {
    osg::ref_ptr<osg::Geometry> g = new osg::Geometry;
    osg::ref_ptr<osg::Vec4Array> c = new osg::Vec4Array;
    c->push_back(colour);
    g->setVertexArray(lines);
    g->setColorArray(c, osg::Array::BIND_OVERALL);
    g->addPrimitiveSet(new osg::DrawArrays(GL_LINES, 0, GLsizei(lines->size())));
    return g;
}

ChangeEntry::Kind kindOf(arch::PlanChange::Kind kind) {
    switch (kind) {
        case arch::PlanChange::Kind::Added:
            return ChangeEntry::Kind::Added;
        case arch::PlanChange::Kind::Removed:
            return ChangeEntry::Kind::Removed;
        case arch::PlanChange::Kind::Modified:
            break;
    }
    return ChangeEntry::Kind::Modified;
}

int alternativeIndex(const arch::TownPlan& plan, const std::string& id) {
    for (std::size_t i = 0; i < plan.alternatives.size(); ++i) {
        if (plan.alternatives[i].id == id)
            return int(i);
    }
    return -1;
}

/// --plan: a file when one exists at that path (or it looks like one), else a plan id of the
/// scene's "plans".
Result<arch::TownPlan> findPlan(const scene::SceneData& data, const std::string& idOrFile) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(idOrFile, ec) || idOrFile.ends_with(".json"))
        return arch::readTownPlan(idOrFile);
    auto plans = scene::loadScenePlans(data);
    if (!plans)
        return Result<arch::TownPlan>::failure(plans.errors());
    std::string known;
    for (arch::TownPlan& plan : plans.value()) {
        if (plan.id == idOrFile)
            return std::move(plan);
        known += (known.empty() ? "" : ", ") + plan.id;
    }
    return Error{"", "--plan",
                 "no plan '" + idOrFile + "' in the scene's \"plans\" (" +
                     (known.empty() ? std::string("it names none") : "known: " + known) +
                     "), and no such file"};
}

}  // namespace

void ViewerApp::loadPlan() {
    // Without a plan the scene's own buildings are drawn as they are: no copies of them.
    if (options_.plan.empty())
        return;
    existing_ = scene::existingState(scene_.data);
    stateA_ = stateB_ = existing_;
    CompareState& ui = ui_.plan;
    ui.active = true;
    ui.divider = float(options_.divider);
    ui.ghost = float(options_.ghostOpacity);
    ui.mode = parseCompareMode(options_.view).value_or(PlanViewMode::After);
    ui.showChanges = options_.planPanel == "changes" || !options_.pickChange.empty();
    ui.showRules = options_.planPanel == "rules" || options_.pickRule >= 0;
    ui_.showHelp = false;  // the plan bar and lists take the screen's edges
    auto plan = findPlan(scene_.data, options_.plan);
    if (!plan) {
        printAll(plan.errors(), "error: ");
        for (const Error& e : plan.errors())
            ui.errors.push_back(e.toString());
        ui.planId = options_.plan;
        ui.mode = PlanViewMode::Before;
        return;
    }
    printAll(plan.warnings(), "warning: ");
    plan_ = std::move(plan).value();
    ui.planId = plan_->id;
    ui.titleZh = plan_->titleZh;
    ui.titleEn = plan_->titleEn;
    ui.file = plan_->file;
    if (!options_.alternative.empty()) {
        ui.alternative = alternativeIndex(*plan_, options_.alternative);
        if (ui.alternative < 0) {
            ui.errors.push_back(plan_->file + ": --alternative: no alternative '" +
                                options_.alternative + "' (known: " + plan_->alternativeIds() +
                                ")");
            std::cerr << "error: " << ui.errors.back() << "\n";
            ui.mode = PlanViewMode::Before;
            ui.alternative = 0;
        }
    }
    if (options_.compareWith != "before") {
        ui.compareWith = alternativeIndex(*plan_, options_.compareWith);
        if (ui.compareWith < 0)
            std::cerr << "error: " << plan_->file << ": --compare-with: no alternative '"
                      << options_.compareWith << "' (known: before, " << plan_->alternativeIds()
                      << "); comparing with the existing state\n";
    }
    auto rules = heritage::PlanRuleSet::forJurisdiction(kJurisdiction);
    if (rules)
        planRules_ = std::move(rules).value();
    else
        ui.rulesProblem = rules.firstError();
    cache_ = std::make_unique<scene::BuildingCache>();
    setUpEditor();
    if (ui.errors.empty())
        applyPlan();
}

void ViewerApp::setUpEditor() {
    auto styles = arch::loadStyleLibrary(scene_.data.description.styles);
    if (!styles) {
        printAll(styles.errors(), "error: ");
        return;
    }
    const int index = std::max(ui_.plan.alternative, 0);
    const std::string alternative =
        index < int(plan_->alternatives.size()) ? plan_->alternatives[std::size_t(index)].id : "";
    editor_ = std::make_unique<PlanEditor>(*plan_, alternative, scene::planBuildings(scene_.data),
                                           std::move(styles).value(),
                                           planRules_.value_or(heritage::PlanRuleSet{}));
    editorRevision_ = editor_->revision();
    editorOpen_ = options_.planPanel == "plan";
    ui_.plan.editorAvailable = true;
    ui_.plan.editorOpen = editorOpen_;
    editorPanel_.savePath = options_.planSave.string();
}

void ViewerApp::applyPlan() {
    CompareState& ui = ui_.plan;
    const arch::TownPlan& plan = editor_ ? editor_->plan() : *plan_;
    ui.alternatives.clear();
    for (const arch::PlanAlternative& a : plan.alternatives)
        ui.alternatives.push_back({a.id, a.titleZh, a.titleEn});
    if (editor_)
        ui.alternative = std::max(alternativeIndex(plan, editor_->alternativeId()), 0);
    ui.errors.clear();
    ui.warnings.clear();
    ui.changes.clear();
    ui.rules.clear();
    ui.rulesChecked = false;
    stateA_ = stateB_ = existing_;
    if (plan.alternatives.empty()) {
        ui.errors.push_back(plan.file + ": $.alternatives: the plan has no alternative");
    } else {
        const auto apply = [&](int index, scene::BuildingState& into) {
            const std::string& id = plan.alternatives[std::size_t(index)].id;
            auto state = scene::applyScenePlan(scene_.data, plan, id, cache_.get());
            if (!state) {
                for (const Error& e : state.errors())
                    ui.errors.push_back(e.toString());
                return;
            }
            into = std::move(state).value();
        };
        apply(ui.alternative, stateB_);
        if (ui.compareWith >= 0 && ui.compareWith < int(plan.alternatives.size()) &&
            ui.compareWith != ui.alternative)
            apply(ui.compareWith, stateA_);
    }
    for (const std::string& e : ui.errors)
        std::cerr << "error: " << e << "\n";
    if (!ui.errors.empty()) {
        // Nothing half-applied: both sides show the scene as it is.
        stateA_ = stateB_ = existing_;
        ui.mode = PlanViewMode::Before;
    }
    for (const Error& w : stateB_.warnings)
        ui.warnings.push_back(w.toString());
    for (const arch::PlanChange& c : stateB_.changes) {
        const scene::PlacedBuilding* p = stateB_.find(c.buildingId);
        if (!p)
            p = existing_.find(c.buildingId);
        ChangeEntry entry{c.buildingId, p ? p->name : "", p ? p->typology : "", kindOf(c.kind), {}};
        for (const arch::PlanAction& a : c.actions)
            entry.actions.emplace_back(a.first, a.second);
        ui.changes.push_back(std::move(entry));
    }
    if (ui.errors.empty())
        applyCheck();
    showStates();
}

void ViewerApp::applyCheck() {
    CompareState& ui = ui_.plan;
    auto check = scene::checkScenePlan(scene_.data, stateB_, {});
    if (!check) {
        ui.rulesProblem = check.firstError();
        std::cerr << "warning: rule checks: " << ui.rulesProblem << "\n";
        return;
    }
    ui.rulesChecked = true;
    ui.rulesProblem.clear();
    ui.ruleErrors = check.value().errors;
    ui.ruleWarnings = check.value().warnings;
    for (const heritage::RuleResult& r : check.value().results) {
        const heritage::PlanRuleSpec* spec = planRules_ ? planRules_->rule(r.rule) : nullptr;
        ui.rules.push_back({r.rule, spec ? spec->titleZh : "", r.buildingId, r.message,
                            r.severity == heritage::Severity::Error, r.x, r.y});
    }
}

void ViewerApp::showStates() {
    if (!compare_)
        return;
    // Without a plan only state B (the scene as it is) is drawn; A stays empty.
    compare_->setState(0, ui_.plan.active ? stateA_.buildings : geo::Mesh{});
    if (ui_.plan.active || !scene_.data.pagedBuildings)
        compare_->setState(1, ui_.plan.active ? stateB_.buildings : scene_.data.buildings);
    else {
        // Built once: its tiles page in and out as the eye moves.
        if (!pagedState_)
            pagedState_ = scene::sceneBuildingsNode(scene_.data);
        compare_->setState(1, pagedState_);
    }
    compare_->setMode(ui_.plan.active ? ui_.plan.mode : PlanViewMode::After);
    compare_->setDivider(ui_.plan.divider);
    compare_->setGhostOpacity(ui_.plan.ghost);
    picker_ = std::make_unique<ScenePicker>(scene_.data);
    updateHighlight();
}

void ViewerApp::setMode(PlanViewMode mode) {
    // With a plan that failed there is only the existing state to show.
    if (!ui_.plan.errors.empty())
        mode = PlanViewMode::Before;
    ui_.plan.mode = mode;
    if (compare_)
        compare_->setMode(mode);
}

void ViewerApp::toggleState() {
    if (ui_.plan.active)
        setMode(ui_.plan.mode == PlanViewMode::After ? PlanViewMode::Before : PlanViewMode::After);
}

void ViewerApp::handlePlanRequests() {
    CompareState& ui = ui_.plan;
    if (ui.requestedMode)
        setMode(*ui.requestedMode);
    if (ui.ghostChanged && compare_)
        compare_->setGhostOpacity(ui.ghost);
    if (ui.requestedEditorToggle && editor_)
        editorOpen_ = !editorOpen_;
    ui.requestedEditorToggle = false;
    ui.editorAvailable = editor_ != nullptr;
    ui.editorOpen = editorOpen_;
    if (ui.requestedCompareWith) {
        ui.compareWith = *ui.requestedCompareWith;
        applyPlan();
    }
    if (ui.requestedAlternative && editor_) {
        const int index = *ui.requestedAlternative;
        if (index >= 0 && index < int(ui.alternatives.size()))
            editor_->setAlternative(ui.alternatives[std::size_t(index)].id);
    }
    if (editor_ && editor_->revision() != editorRevision_) {
        editorRevision_ = editor_->revision();
        applyPlan();
    }
    if (ui.requestedChange)
        pickChange(*ui.requestedChange);
    if (ui.requestedRule)
        pickRule(*ui.requestedRule);
    ui.requestedMode.reset();
    ui.requestedCompareWith.reset();
    ui.requestedAlternative.reset();
    ui.requestedChange.reset();
    ui.requestedRule.reset();
    ui.ghostChanged = false;
}

void ViewerApp::pickChange(int index) {
    CompareState& ui = ui_.plan;
    if (index < 0 || index >= int(ui.changes.size()))
        return;
    ui.pickedChange = index;
    ui.pickedRule = -1;
    ui.highlighted = ui.changes[std::size_t(index)].buildingId;
    updateHighlight();
    frameBuilding(*ui.highlighted);
}

void ViewerApp::pickRule(int index) {
    CompareState& ui = ui_.plan;
    if (index < 0 || index >= int(ui.rules.size()))
        return;
    ui.pickedRule = index;
    ui.pickedChange = -1;
    const RuleEntry& rule = ui.rules[std::size_t(index)];
    ui.highlighted = rule.buildingId;
    updateHighlight();
    // The finding's own place (a tree, an overlap), seen from where the view looks now.
    const osg::Vec3d focus(rule.x, rule.y, scene_.data.groundHeight(rule.x, rule.y) + 4);
    const double h = rig_.headingDeg() * kPi / 180.0, p = kRecordPitchDeg * kPi / 180.0;
    const osg::Vec3d look(std::sin(h) * std::cos(p), std::cos(h) * std::cos(p), std::sin(p));
    moveCamera(focus - look * 60.0, focus);
}

void ViewerApp::frameBuilding(const std::string& sceneId) {
    const scene::BuildingState* state = &stateB_;
    auto box = boundsOf(stateB_, sceneId);
    for (const scene::BuildingState* other : {&stateA_, &existing_}) {
        if (!box) {
            state = other;
            box = boundsOf(*other, sceneId);
        }
    }
    if (!box)
        return;
    // From in front of its façade (what a plan changes most), a little above eye level, far
    // enough to see the whole building with a neighbour on each side.
    const double distance = std::clamp(box->radius() * 3.0, 25.0, 400.0);
    const double pitch = kFacadePitchDeg * kPi / 180.0;
    osg::Vec3d front(0, -1, 0);  // a building faces south at heading 0 (SceneData.h)
    if (const scene::PlacedBuilding* placed = state->find(sceneId)) {
        const double h = placed->headingDeg * kPi / 180.0;
        front = osg::Vec3d(std::sin(h), -std::cos(h), 0);
    }
    const osg::Vec3d focus = box->center();
    const osg::Vec3d eye =
        focus + front * (distance * std::cos(pitch)) + osg::Vec3d(0, 0, distance * std::sin(pitch));
    moveCamera(eye, focus);
}

void ViewerApp::moveCamera(const osg::Vec3d& eye, const osg::Vec3d& target) {
    // Scripted runs jump, so that every frame they render shows the place.
    if (options_.frames > 0)
        rig_.lookAt(eye, target);
    else
        rig_.flyTo(eye, target, kFlightSeconds);
    ui_.activeViewpoint = -1;
}

void ViewerApp::updateHighlight() {
    if (!compare_)
        return;
    osg::ref_ptr<osg::Vec3Array> picked = new osg::Vec3Array, selected = new osg::Vec3Array;
    auto outline = [&](const std::string& id, osg::Vec3Array& lines) {
        // Drawn around the building in whichever state has it (both, when kept).
        for (const scene::BuildingState* state : {&stateB_, &stateA_}) {
            const scene::PlacedBuilding* placed = state->find(id);
            if (!placed)
                continue;
            if (const auto box = boundsOf(*state, id)) {
                addOutlineBox(lines, *placed, *box);
                return;
            }
        }
    };
    if (ui_.plan.highlighted)
        outline(*ui_.plan.highlighted, *picked);
    if (editor_) {
        for (const std::string& id : editor_->selection()) {
            if (id != ui_.plan.highlighted)
                outline(id, *selected);
        }
    }
    if (picked->empty() && selected->empty()) {
        compare_->setOverlay(nullptr);
        return;
    }
    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    geode->setName("plan-highlight");
    if (!picked->empty())
        geode->addDrawable(lineGeometry(picked, kPickedColour));
    if (!selected->empty())
        geode->addDrawable(lineGeometry(selected, kSelectedColour));
    osg::StateSet* ss = geode->getOrCreateStateSet();
    // Fixed function, over everything: a highlighted building behind another still shows.
    ss->setAttributeAndModes(new osg::Program,
                             osg::StateAttribute::ON | osg::StateAttribute::OVERRIDE);
    ss->setMode(GL_LIGHTING, osg::StateAttribute::OFF | osg::StateAttribute::OVERRIDE);
    ss->setMode(GL_DEPTH_TEST, osg::StateAttribute::OFF);
    ss->setAttributeAndModes(new osg::LineWidth(3.0f));
    ss->setRenderBinDetails(22, "RenderBin");
    compare_->setOverlay(geode);
}

std::vector<std::string> ViewerApp::planTexts() const {
    const CompareState& ui = ui_.plan;
    std::vector<std::string> texts = {ui.titleZh, ui.titleEn, ui.planId};
    for (const PlanAlternativeEntry& a : ui.alternatives)
        texts.insert(texts.end(), {a.titleZh, a.titleEn});
    for (const ChangeEntry& c : ui.changes)
        texts.insert(texts.end(), {c.buildingId, c.name});
    for (const RuleEntry& r : ui.rules)
        texts.insert(texts.end(), {r.titleZh, r.message});
    for (const std::string& e : ui.errors)
        texts.push_back(e);
    if (planRules_) {
        for (const auto& [id, spec] : planRules_->rules)
            texts.push_back(spec.titleZh);
    }
    for (const scene::PlacedBuilding& p : scene_.data.placed)
        texts.push_back(p.name);
    // The editor's own table: built once, so an alternative added later reuses its glyphs.
    for (std::string& text : planEditorTexts(editor_ ? &editor_->plan() : nullptr))
        texts.push_back(std::move(text));
    return texts;
}

}  // namespace cunjing::viewer::app
