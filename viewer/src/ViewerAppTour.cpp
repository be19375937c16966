// The tour in the viewer (issue 8): the attract tour a kiosk plays when idle (the scene's
// "tour", else its viewpoints), the tour editor's panel and previews, and --tour-edit. The
// camera follows the TourPlayer through CameraRig::lookAt every frame, so when the tour stops
// the rig already holds the pose on screen and a touch carries on from there.

#include "ScriptText.h"
#include "ViewerAppImpl.h"

#include <SDL.h>

#include <iostream>

namespace cunjing::viewer::app {

TourStop ViewerApp::stopFor(const scene::TourStep& step) const {
    const scene::SceneData& data = scene_.data;
    return {{vec(data.resolveEye(step.view)), vec(data.resolveTarget(step.view)), step.view.fovDeg},
            step.seconds,
            step.shownCaption()};
}

std::vector<TourStop> ViewerApp::attractStops() const {
    std::vector<TourStop> stops;
    for (const scene::TourStep& step : scene_.data.description.tour.steps)
        stops.push_back(stopFor(step));
    if (!stops.empty())
        return stops;
    // No authored tour: the viewpoints, each with its title.
    for (const ViewpointEntry& vp : ui_.viewpoints)
        stops.push_back({{vp.eye, vp.target, vp.fovDeg}, kTourHoldSeconds, vp.title});
    return stops;
}

void ViewerApp::playTour(std::vector<TourStop> stops, int first, bool preview) {
    if (stops.empty())
        return;
    TourPlayer::GroundQuery ground;
    if (scene_.data.terrain) {
        const scene::SceneData& data = scene_.data;
        ground = [&data](double x, double y) { return data.groundHeight(x, y); };
    }
    tour_.emplace(std::move(stops), std::move(ground));
    tourPreview_ = preview;
    tour_->start({rig_.eye(), rig_.target(), fovDeg_}, first);
    announceStep();
}

void ViewerApp::announceStep() {
    const TourStop& stop = tour_->stop();
    ui_.tourCaption = tour_->step();
    ui_.tourCaptionText = stop.caption;
    const std::string& caption = stop.caption.in(ui_.language);
    std::cout << "tour: step " << tour_->step() + 1 << "/" << tour_->stepCount()
              << (caption.empty() ? "" : " ") << caption << std::endl;
}

void ViewerApp::startTour() {
    playTour(attractStops(), 0, false);
}

void ViewerApp::stopTour() {
    if (tour_) {
        // The rig already holds the pose on screen (lookAt each frame); the field of view stays
        // where the tour left it instead of easing back to the last viewpoint's.
        rig_.lookAt(rig_.eye(), rig_.target());
        targetFovDeg_ = fovDeg_;
    }
    tour_.reset();
    tourPreview_ = false;
    ui_.tourCaption = -1;
}

void ViewerApp::updateTour(double dt) {
    if (!tour_)
        return;
    const bool began = tour_->update(dt);
    const TourPose& pose = tour_->pose();
    rig_.lookAt(pose.eye, pose.target);
    fovDeg_ = targetFovDeg_ = pose.fovDeg;
    if (began)
        announceStep();
}

void ViewerApp::tourInput(const SDL_Event& event) {
    // The kiosk stops its attract tour itself (KioskAction::StopAttract); a preview is the
    // editor's, so any press ends it here.
    if (!tour_ || !tourPreview_)
        return;
    if (event.type == SDL_FINGERDOWN || event.type == SDL_MOUSEBUTTONDOWN ||
        event.type == SDL_MOUSEWHEEL || event.type == SDL_KEYDOWN)
        stopTour();
}

void ViewerApp::setUpTourEditor() {
    const scene::SceneDescription& description = scene_.data.description;
    // Captions typed into the scene file by hand: the font atlas needs their characters.
    for (const scene::TourStep& step : description.tour.steps)
        imgui_->requestGlyphs(step.caption.zh + step.caption.en);
    tourPanelOpen_ = options_.tourPanel;
    if (!scene_.loaded || description.file.empty())
        return;
    TourEditorCamera camera{
        [this] {
            scene::Viewpoint view;
            view.eye = {rig_.eye().x(), rig_.eye().y(), rig_.eye().z()};
            view.target = {rig_.target().x(), rig_.target().y(), rig_.target().z()};
            view.fovDeg = targetFovDeg_;
            return view;
        },
        [this](const std::string& name) -> Status {
            std::string known;
            for (int i = 0; i < int(ui_.viewpoints.size()); ++i) {
                const ViewpointEntry& vp = ui_.viewpoints[std::size_t(i)];
                if (vp.name == name) {
                    stopTour();
                    rig_.lookAt(vp.eye, vp.target);
                    fovDeg_ = targetFovDeg_ = vp.fovDeg;
                    ui_.activeViewpoint = i;
                    return Done{};
                }
                known += (known.empty() ? "" : ", ") + vp.name;
            }
            return Error{
                {}, {}, "the scene has no viewpoint '" + name + "' (known: " + known + ")"};
        }};
    tourEditor_ = std::make_unique<TourEditor>(description.file, description.tour, camera);
}

void ViewerApp::runTourEdit() {
    if (options_.tourEdit.empty())
        return;
    if (!tourEditor_) {
        std::cerr << "error: --tour-edit: no scene file to edit the tour of\n";
        tourEditFailed_ = true;
        return;
    }
    // A plain "save" goes to --tour-save when given.
    const std::string script = redirectSaves(options_.tourEdit, options_.tourSave);
    imgui_->requestGlyphs(script);
    const Status s = tourEditor_->runScript(script);
    if (!s) {
        printAll(s.errors(), "error: --tour-edit: ");
        tourPanel_.lastError = s.errors().front().message;
        tourEditFailed_ = true;
    }
    if (s && tourEditor_->dirty() == false)
        scene_.data.description.tour = tourEditor_->tour();  // saved: attract plays it now
}

void ViewerApp::drawTourUi() {
    // A kiosk's tour caption is one of its panels; the full viewer shows it for previews.
    if (!options_.kiosk)
        tourCaption_.draw(ui_);
    if (!tourEditor_)
        return;
    const bool open = options_.kiosk ? ui_.adminUnlocked && ui_.showTourEditor : tourPanelOpen_;
    if (open) {
        ui_.showHelp = false;  // both live in the left column
        const bool wasDirty = tourEditor_->dirty();
        const TourEditorRequests r =
            drawTourEditorPanel(*tourEditor_, tourPanel_, ui_.language, ui_);
        if (wasDirty && !tourEditor_->dirty())
            scene_.data.description.tour = tourEditor_->tour();  // saved: attract plays it
        if (r.close)
            tourPanelOpen_ = ui_.showTourEditor = false;
    }
    // From the panel's button or a --tour-edit "preview" step.
    if (const auto from = tourEditor_->takePreviewRequest()) {
        std::vector<TourStop> stops;
        for (const scene::TourStep& step : tourEditor_->steps())
            stops.push_back(stopFor(step));
        playTour(std::move(stops), *from, true);
    }
}

}  // namespace cunjing::viewer::app
