#pragma once
/// What the model inspector's panels show and ask for (a part of UiState). As with the rest of
/// the UI, panels only read this and write requests; the ModelInspector acts on them after the
/// frame, so no panel touches the scene graph or the register store.

#include "MeasureTool.h"

#include <cunjing/models/ModelCheck.h>
#include <cunjing/scene/SceneFile.h>
#include <cunjing/viewer/Strings.h>

#include <osg/Vec3d>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace cunjing::viewer {

/// How the selected model is drawn; any combination.
struct ModelDisplayModes {
    bool wireframe = false;
    bool normals = false;
    bool untextured = false;
    bool xray = false;
    bool operator==(const ModelDisplayModes&) const = default;
};

/// A movable section plane along a local axis; what lies beyond `offsetM` is cut away.
struct ClipSettings {
    bool enabled = false;
    int axis = 2;        ///< 0 x (east), 1 y (north), 2 z (up)
    double offsetM = 0;  ///< from the selected model's lower bound along the axis
    bool flip = false;   ///< keep the upper side instead of the lower
    bool operator==(const ClipSettings&) const = default;
};

/// What a click on the 3D view does while the inspector is open.
enum class InspectorTool { Select, Distance, Height, Area, Note };

enum class CompareMode { SideBySide, Overlay };

/// A model open in the viewer, as the panels see it.
struct InspectedModel {
    int index = -1;  ///< SceneData::models index ("model:<index>" node)
    scene::LocalText name;
    std::string path;
    models::ModelStats stats;
    std::array<double, 3> sizeM{0, 0, 0};  ///< placed bounds, local metres
    std::optional<int> versionB;           ///< the model compared with this one
    std::optional<int> versionOf;          ///< the model this one is version B of
};

/// A note as the inspector lists it.
struct NoteEntry {
    std::string id;
    std::string text, author, created;
    osg::Vec3d modelPoint;  ///< file coordinates of the model it is pinned to
};

struct InspectorState {
    bool showPanel = false;
    std::string openPath;     ///< the path field of 打开模型
    std::string comparePath;  ///< the path field of version B
    /// A model being read by the worker in the background (the path, for the panel).
    std::optional<std::string> loadingPath;
    /// Why the last model could not be opened: the error panel shows it until closed.
    std::optional<std::string> openError;

    std::vector<InspectedModel> models;
    std::optional<int> selected;  ///< index into models (== SceneData::models index)

    ModelDisplayModes modes;
    ClipSettings clip;
    /// The selected model's extent along each axis (local metres), the clip slider's range.
    std::array<double, 3> clipLow{0, 0, 0}, clipHigh{1, 1, 1};
    CompareMode compareMode = CompareMode::SideBySide;

    InspectorTool tool = InspectorTool::Select;
    Measurement measurement;
    std::optional<double> measuredValue;  ///< m, m or m² as the measurement's kind says
    double measuredPerimeterM = 0;        ///< area tool: the outline's length

    /// Notes of the selected model; notesAvailable is false without a writable register.
    std::vector<NoteEntry> notes;
    bool notesAvailable = false;
    std::optional<osg::Vec3d> noteDraftAt;  ///< model point of a note being written
    std::string noteDraft;
    /// A hint or failure of the last note action: tr(notesMessage) + notesDetail.
    std::optional<StringId> notesMessage;
    std::string notesDetail;

    /// Requests, handled and cleared by the inspector after each frame.
    std::optional<std::string> requestedOpen;
    std::optional<std::string> requestedCompare;
    std::optional<int> requestedSelection;
    bool requestedErrorClose = false;
    bool requestedMeasureClear = false;
    bool requestedNoteSave = false;
    std::optional<std::string> requestedNoteDelete;
    bool requestedFrame = false;  ///< fly to the selected model
};

}  // namespace cunjing::viewer
