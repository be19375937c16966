// The viewer's town plan, interactively: picking a building (and selecting it in the plan
// editor), the swipe divider and the selection box dragged over the view, the editor's panel
// and its scripted steps (--plan-edit).

#include "ScriptText.h"
#include "ViewerAppImpl.h"

#include "PlanPanels.h"

#include <SDL.h>
#include <imgui.h>

#include <cmath>
#include <iostream>
#include <map>
#include <utility>

namespace cunjing::viewer::app {

namespace {

/// A box drag shorter than this (window pixels) was a shift-click.
constexpr double kMinBoxPixels = 4.0;

/// Bounds of each building's vertices (by partId) in a state's mesh.
std::map<std::uint32_t, osg::BoundingBox> partBounds(const geo::Mesh& mesh) {
    std::map<std::uint32_t, osg::BoundingBox> bounds;
    for (std::size_t i = 0; i < mesh.positions.size() && i < mesh.partIds.size(); ++i) {
        const geo::Vec3f& p = mesh.positions[i];
        bounds[mesh.partIds[i]].expandBy(p.x, p.y, p.z);
    }
    return bounds;
}

}  // namespace

bool ViewerApp::pickBuilding(double drawableX, double drawableY, bool additive) {
    if (!compare_)
        return false;
    const auto part = compare_->pickBuilding(drawableX, drawableY);
    if (!part)
        return false;
    // Without a plan the compare view draws the scene's own buildings (showStates).
    const std::vector<scene::PlacedBuilding>& placed =
        !ui_.plan.active ? scene_.data.placed
                         : (compare_->stateAt(drawableX) == 0 ? stateA_ : stateB_).placed;
    const auto it = std::find_if(placed.begin(), placed.end(),
                                 [&](const scene::PlacedBuilding& p) { return p.id == *part; });
    if (it == placed.end())
        return false;
    const std::string& id = it->sceneId;
    // The building's info card, unless the plan's editor or lists hold the right side (they
    // show the pick themselves).
    if (!editorOpen_ && !ui_.plan.showChanges && !ui_.plan.showRules)
        selectRecord({RecordKind::Building, id});
    if (!ui_.plan.active)
        return true;
    if (editor_ && editorOpen_) {
        const Status s = additive ? editor_->toggle(id) : editor_->select(id);
        editorPanel_.lastError = s ? "" : s.firstError();
    }
    CompareState& ui = ui_.plan;
    ui.highlighted = id;
    ui.pickedChange = -1;
    for (int i = 0; i < int(ui.changes.size()); ++i) {
        if (ui.changes[std::size_t(i)].buildingId == id)
            ui.pickedChange = i;
    }
    updateHighlight();
    return true;
}

bool ViewerApp::dragBegin(double x, double y, bool shift) {
    const CompareState& ui = ui_.plan;
    if (!ui.active || ui_.overUi(float(x), float(y)))
        return false;
    int width = 0, height = 0;
    SDL_GetWindowSize(window_.sdl(), &width, &height);
    if (ui.mode == PlanViewMode::Swipe &&
        std::abs(x - ui.divider * width) <= kDividerGrabPixels * window_.uiScale()) {
        drag_ = Drag::Divider;
        return true;
    }
    if (editor_ && editorOpen_ && (shift || boxTool_)) {
        drag_ = Drag::Box;
        box_ = {x, y, x, y};
        return true;
    }
    return false;
}

void ViewerApp::dragMove(double x, double y) {
    if (drag_ == Drag::Divider) {
        int width = 0, height = 0;
        SDL_GetWindowSize(window_.sdl(), &width, &height);
        ui_.plan.divider = float(std::clamp(x / std::max(width, 1), 0.0, 1.0));
        if (compare_)
            compare_->setDivider(ui_.plan.divider);
    } else if (drag_ == Drag::Box) {
        box_[2] = x;
        box_[3] = y;
    }
}

void ViewerApp::dragEnd(double x, double y) {
    dragMove(x, y);
    const Drag drag = std::exchange(drag_, Drag::None);
    if (drag != Drag::Box)
        return;
    if (std::hypot(box_[2] - box_[0], box_[3] - box_[1]) < kMinBoxPixels) {
        // A shift-click: add the building under it to the selection.
        int width = 0, height = 0;
        SDL_GetWindowSize(window_.sdl(), &width, &height);
        const double sx = double(drawableWidth_) / std::max(width, 1);
        const double sy = double(drawableHeight_) / std::max(height, 1);
        pickBuilding(x * sx, y * sy, true);
        return;
    }
    boxSelect(box_[0], box_[1], box_[2], box_[3]);
}

void ViewerApp::boxSelect(double x0, double y0, double x1, double y1) {
    int width = 0, height = 0;
    SDL_GetWindowSize(window_.sdl(), &width, &height);
    const double sx = double(drawableWidth_) / std::max(width, 1);
    const double sy = double(drawableHeight_) / std::max(height, 1);
    const double left = std::min(x0, x1) * sx, right = std::max(x0, x1) * sx;
    const double top = std::min(y0, y1) * sy, bottom = std::max(y0, y1) * sy;
    // The camera that draws the box's middle projects the footprints (split: one half).
    osg::Camera& camera = compare_->cameraAt((left + right) / 2);
    const osg::Viewport* vp = camera.getViewport();
    const scene::BuildingState& state =
        compare_->stateAt((left + right) / 2) == 0 ? stateA_ : stateB_;
    std::vector<std::string> ids;
    const auto bounds = partBounds(state.buildings);
    for (const scene::PlacedBuilding& p : state.placed) {
        const auto b = bounds.find(p.id);
        if (b == bounds.end())
            continue;
        const osg::Vec3d centre(b->second.center().x(), b->second.center().y(), p.base);
        const auto at = projectToWindow(centre, camera.getViewMatrix(),
                                        camera.getProjectionMatrix(), vp->width(), vp->height());
        if (!at)
            continue;
        const double px = at->x() + vp->x(), py = at->y();
        if (px >= left && px <= right && py >= top && py <= bottom)
            ids.push_back(p.sceneId);
    }
    const Status s = editor_->selectIds(ids);
    editorPanel_.lastError = s ? "" : s.firstError();
    updateHighlight();
}

void ViewerApp::runPlanEdit() {
    if (options_.planEdit.empty())
        return;
    if (!editor_) {
        std::cerr << "error: --plan-edit: no plan to edit (see the errors above)\n";
        return;
    }
    // A plain "save" goes to --plan-save when given.
    const std::string script = redirectSaves(options_.planEdit, options_.planSave);
    const Status s = editor_->runScript(script);
    if (!s) {
        printAll(s.errors(), "error: --plan-edit: ");
        editorPanel_.lastError = s.firstError();
    }
    updateHighlight();
}

void ViewerApp::drawPlanUi() {
    if (editor_ && editorOpen_) {
        editorPanel_.boxSelectOn = boxTool_;
        const PlanEditorRequests r = drawPlanEditorPanel(*editor_, editorPanel_, ui_.language, ui_);
        if (r.boxSelect)
            boxTool_ = *r.boxSelect;
        if (r.close)
            editorOpen_ = ui_.plan.editorOpen = false;
        if (r.flyToSelection && !editor_->selection().empty())
            frameBuilding(editor_->selection().front());
    }
    if (drag_ == Drag::Box) {
        ImDrawList& list = *ImGui::GetForegroundDrawList();
        const ImVec2 a(float(std::min(box_[0], box_[2])), float(std::min(box_[1], box_[3])));
        const ImVec2 b(float(std::max(box_[0], box_[2])), float(std::max(box_[1], box_[3])));
        list.AddRectFilled(a, b, IM_COL32(60, 220, 255, 40));
        list.AddRect(a, b, IM_COL32(60, 220, 255, 220), 0, 0, 2);
    }
}

}  // namespace cunjing::viewer::app
