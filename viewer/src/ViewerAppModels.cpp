// The viewer's model inspector: the start options, the panel's requests and clicks while a
// tool is on.

#include "ViewerAppImpl.h"

#include "InspectorOverlay.h"

#include <cmath>
#include <iostream>

namespace cunjing::viewer::app {

void ViewerApp::openStartModel() {
    InspectorState& s = ui_.inspector;
    if (options_.inspectorPanel || !options_.openModel.empty()) {
        s.showPanel = true;
        ui_.showHelp = ui_.showRegister = false;
    }
    if (options_.openModel.empty())
        return;
    s.openPath = options_.openModel.string();
    s.comparePath = options_.compareModel.string();
    startModelPending_ = true;
    inspector_->open(s.openPath, rig_.target(), s);
    if (options_.frames == 0)
        return;
    // A scripted run shows the outcome in every frame: the model (and B) read before the first.
    inspector_->waitForLoad();
    handleInspectorRequests();
    inspector_->waitForLoad();
    handleInspectorRequests();
}

void ViewerApp::handleInspectorRequests() {
    InspectorState& s = ui_.inspector;
    if (s.requestedOpen)
        inspector_->open(*s.requestedOpen, rig_.target(), s);
    s.requestedOpen.reset();
    if (const auto opened = inspector_->update(s))
        modelOpened(*opened);
    if (s.requestedFrame && s.selected)
        frameModel(*s.selected);
    s.requestedFrame = false;
}

void ViewerApp::modelOpened(int index) {
    const InspectedModel& model = ui_.inspector.models[std::size_t(index)];
    if (options_.printModelStats) {
        printStats(model.name.en, model.stats, std::cout);
        if (ui_.inspector.selected == index) {
            for (const NoteEntry& note : ui_.inspector.notes)
                std::cout << "  note " << note.id << ": " << note.text << "\n";
        }
    }
    const int shown = model.versionOf.value_or(index);
    if (startModelPending_ && !model.versionOf) {
        startModelPending_ = false;
        applyStartOptions(options_, ui_.inspector);
        if (!options_.compareModel.empty())
            inspector_->openVersionB(options_.compareModel.string(), ui_.inspector);
    }
    // Settings and version B take effect in the update; the framing needs B where it stands.
    inspector_->refresh(ui_.inspector);
    frameModel(shown);
}

void ViewerApp::frameModel(int index) {
    const auto view = inspector_->framing(index, rig_.headingDeg(), kRecordPitchDeg, fovDeg_);
    if (!view)
        return;
    // Scripted runs jump, so that every frame they render shows the model.
    if (options_.frames > 0)
        rig_.lookAt(view->first, view->second);
    else
        rig_.flyTo(view->first, view->second, kFlightSeconds);
    ui_.activeViewpoint = -1;
}

bool ViewerApp::inspectorClick(double x, double y) {
    InspectorState& s = ui_.inspector;
    const auto surface = pickSurface(*viewer_->getCamera(), x, y, overlayNodeNames());
    if (s.showPanel && s.tool != InspectorTool::Select) {
        inspector_->click(surface, s);
        if (options_.printModelStats && s.measuredValue) {
            static constexpr const char* kNames[] = {"distance", "height above ground", "area"};
            std::cout << "measured " << kNames[int(s.measurement.kind())] << ": "
                      << *s.measuredValue
                      << (s.measurement.kind() == MeasureKind::Area ? " m2\n" : " m\n");
        }
        if (s.noteDraftAt && !options_.noteText.empty()) {
            // Scripted (--note): the text is typed and saved as a user would.
            s.noteDraft = options_.noteText;
            s.requestedNoteSave = true;
        }
        return true;
    }
    if (!surface || !surface->model)
        return false;
    s.requestedSelection = *surface->model;
    s.showPanel = true;
    ui_.showHelp = ui_.showRegister = false;
    return true;
}

}  // namespace cunjing::viewer::app
