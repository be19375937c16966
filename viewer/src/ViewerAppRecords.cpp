// The viewer's trees and villages: picking, info cards, fly-to and the register panel's
// requests.

#include "ViewerAppImpl.h"

#include <cunjing/heritage/Registry.h>
#include <cunjing/scene/TreeLayer.h>

#include <SDL.h>

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
    if (pickBuilding(windowX * sx, windowY * sy,
                     (SDL_GetModState() & (KMOD_SHIFT | KMOD_CTRL)) != 0))
        return;
    // Swipe and split: the camera under the click, in its own viewport's pixels.
    osg::Camera& camera = compare_->cameraAt(windowX * sx);
    const double left = camera.getViewport() ? camera.getViewport()->x() : 0.0;
    const auto hit = picker_->pick(camera, windowX * sx - left, windowY * sy,
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
    if (register_)
        ui_.card = register_->lookup(*ui_.selected);
    const auto fromScene = sceneCard(scene_.data, *ui_.selected);
    if (!ui_.card)
        ui_.card = fromScene;
    else if (fromScene)
        ui_.card->localName = fromScene->localName;
    ui_.cardInScene = picker_->anchor(*ui_.selected) != nullptr;
}

void ViewerApp::flyToRecord(const RecordRef& record) {
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
