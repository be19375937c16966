// The viewer's trees, villages and buildings: picking, info cards, fly-to and the register
// panel's requests.

#include "ViewerAppImpl.h"

#include "PhotoSource.h"

#include <cunjing/heritage/Registry.h>
#include <cunjing/scene/TreeLayer.h>

#include <SDL.h>

#include <algorithm>
#include <cmath>
#include <iostream>

namespace cunjing::viewer::app {

void ViewerApp::handleRecordRequests() {
    if (ui_.requestedCardClose) {
        ui_.selected.reset();
        ui_.card.reset();
    }
    if (ui_.requestedSelection)
        selectRecord(*ui_.requestedSelection);
    if (ui_.requestedFlight)
        flyToRecord(*ui_.requestedFlight);
    ui_.requestedCardClose = false;
    ui_.requestedSelection.reset();
    ui_.requestedFlight.reset();
    // An edit, undo or redo in the register panel may have changed the trees and the card.
    if (register_ && register_->revision() != treesRevision_)
        refreshTrees();
    if (register_ && register_->revision() != cardRevision_)
        refreshCard();
}

void ViewerApp::pick(double windowX, double windowY) {
    // Events come in window coordinates; the camera's viewport is in drawable pixels, which
    // differ on high-DPI screens.
    int width = 0, height = 0;
    SDL_GetWindowSize(window_.sdl(), &width, &height);
    const double sx = double(drawableWidth_) / std::max(width, 1);
    const double sy = double(drawableHeight_) / std::max(height, 1);
    if (inspectorClick(windowX * sx, windowY * sy))
        return;
    // Swipe and split: the camera under the click, in its own viewport's pixels.
    osg::Camera& camera = compare_->cameraAt(windowX * sx);
    const double left = camera.getViewport() ? camera.getViewport()->x() : 0.0;
    // What the ray meets first wins: a tree in front of a house, else the house; only then
    // the tree or marker nearest on screen (a distant tree is a few pixels wide).
    auto hit = picker_->pickExact(camera, windowX * sx - left, windowY * sy);
    if (!hit && pickBuilding(windowX * sx, windowY * sy,
                             (SDL_GetModState() & (KMOD_SHIFT | KMOD_CTRL)) != 0))
        return;
    if (!hit)
        hit = picker_->pick(camera, windowX * sx - left, windowY * sy,
                            kPickRadiusPixels * window_.uiScale() * sx);
    if (!hit)
        return;
    selectRecord(*hit);
    // A village is picked from afar (the province view): going there is the point of it.
    if (hit->kind == RecordKind::Village)
        flyToRecord(*hit);
}

void ViewerApp::selectRecord(const RecordRef& record) {
    ui_.selected = record;
    refreshCard();
    if (!ui_.card) {
        ui_.selected.reset();
        showMessage(StringId::RegisterRecordGone, record.id, true);
        return;
    }
    // The register panel's editor follows the pick, when the store has the record.
    if (register_ && ui_.card->fromRegister) {
        register_->setKind(record.kind);
        register_->select(record);
    }
}

void ViewerApp::refreshTrees() {
    treesRevision_ = register_->revision();
    if (const Status s = scene::reloadRegistryTrees(scene_.data); !s) {
        printAll(s.errors(), "error: ");
        return;
    }
    auto* root = viewer_ ? dynamic_cast<osg::Group*>(viewer_->getSceneData()) : nullptr;
    if (!root)
        return;
    for (unsigned i = 0; i < root->getNumChildren(); ++i) {
        if (root->getChild(i)->getName() == "tree-layer") {
            root->removeChild(i);
            break;
        }
    }
    if (!scene_.data.trees.empty())
        root->addChild(scene::treeLayer(scene_.data));
    ui_.treeCount = static_cast<int>(scene_.data.trees.size());
    picker_ = std::make_unique<ScenePicker>(scene_.data);
}

void ViewerApp::refreshCard() {
    ui_.card.reset();
    ui_.cardInScene = false;
    if (register_)
        cardRevision_ = register_->revision();
    if (!ui_.selected)
        return;
    if (ui_.selected->kind == RecordKind::Building) {
        ui_.card = buildingCard(ui_.selected->id);
        // Framing a building uses the plan's states; without a plan it is already in view.
        ui_.cardInScene = ui_.card && ui_.plan.active;
        return;
    }
    if (register_)
        ui_.card = register_->lookup(*ui_.selected);
    const auto fromScene = sceneCard(scene_.data, *ui_.selected);
    if (!ui_.card)
        ui_.card = fromScene;
    else if (fromScene)
        ui_.card->localName = fromScene->localName;
    if (ui_.card) {
        const std::string& registry =
            options_.registry.empty() ? scene_.data.registry : options_.registry;
        ui_.card->photoBase = photoBase(ui_.card->fromRegister ? registry : std::string(),
                                        scene_.data.description.file);
    }
    ui_.cardInScene = picker_->anchor(*ui_.selected) != nullptr;
}

std::optional<CardRecord> ViewerApp::buildingCard(const std::string& sceneId) const {
    // With a plan, the proposed state first (the card then says what the plan does), else
    // the state it was picked in; without one, the scene's own buildings.
    const scene::PlacedBuilding* placed = nullptr;
    const geo::Mesh* mesh = nullptr;
    if (ui_.plan.active) {
        for (const scene::BuildingState* state : {&stateB_, &stateA_, &existing_}) {
            if ((placed = state->find(sceneId))) {
                mesh = &state->buildings;
                break;
            }
        }
    } else {
        const auto it =
            std::find_if(scene_.data.placed.begin(), scene_.data.placed.end(),
                         [&](const scene::PlacedBuilding& p) { return p.sceneId == sceneId; });
        if (it != scene_.data.placed.end()) {
            placed = &*it;
            mesh = &scene_.data.buildings;
        }
    }
    if (!placed)
        return std::nullopt;
    double top = -1e30;
    for (std::size_t i = 0; i < mesh->positions.size() && i < mesh->partIds.size(); ++i) {
        if (mesh->partIds[i] == placed->id)
            top = std::max(top, double(mesh->positions[i].z));
    }
    // A paged scene keeps no building's mesh: its eave height stands in for the top.
    if (top <= placed->base && placed->facts.eaveHeightM > 0)
        top = placed->base + placed->facts.eaveHeightM;
    BuildingInfo info = buildingInfo(*placed, top > placed->base ? top - placed->base : 0.0);
    for (const ChangeEntry& change : ui_.plan.changes) {
        if (change.buildingId == sceneId) {
            info.change = change.kind;
            info.actions = change.actions;
        }
    }
    return CardRecord{std::move(info), false, {}, {}};
}

void ViewerApp::flyToRecord(const RecordRef& record) {
    if (record.kind == RecordKind::Building) {
        frameBuilding(record.id);
        return;
    }
    const RecordAnchor* anchor = picker_->anchor(record);
    if (!anchor) {
        showMessage(StringId::NotInScene, record.id, true);
        return;
    }
    const double distance = record.kind == RecordKind::Tree
                                ? std::clamp(anchor->sizeM * 4.0, 40.0, 300.0)
                                : kVillageViewDistanceM;
    // Keep the current heading so the flight does not spin the view round.
    const double h = rig_.headingDeg() * kPi / 180.0, p = kRecordPitchDeg * kPi / 180.0;
    const osg::Vec3d look(std::sin(h) * std::cos(p), std::cos(h) * std::cos(p), std::sin(p));
    rig_.flyTo(anchor->focus - look * distance, anchor->focus, kFlightSeconds);
    ui_.activeViewpoint = -1;
}

}  // namespace cunjing::viewer::app
