#pragma once
/// The model inspector: opens model files through the import worker on a background thread
/// (the UI keeps drawing while it runs, up to its 30 s limit), adds them to the scene, and
/// acts on the inspector panel's requests: display modes, section plane, measuring, comparing
/// two versions and notes pinned to a model, kept in the register store.

#include "InspectorState.h"
#include "Picking.h"

#include <cunjing/scene/ModelLayer.h>
#include <cunjing/viewer/Strings.h>
#include <cunjing/viewer/ViewerApp.h>

#include <osg/Group>
#include <osg/observer_ptr>

#include <future>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cunjing::heritage {
class Registry;
}

namespace cunjing::viewer {

class RegisterModel;
class SectionPlane;

/// One line of the inspector's statistics: a label, the value, and whether it is a problem
/// worth the officer's eye (missing textures, degenerate or non-manifold geometry).
struct StatRow {
    StringId label;
    std::string value;
    bool problem = false;
};

/// The statistics of a model as the inspector shows them, in order.
std::vector<StatRow> statRows(const models::ModelStats& stats, Language lang);

/// The stats as plain English lines ("triangles: 1234"), for `--inspect` and logs.
void printStats(const std::string& name, const models::ModelStats& stats, std::ostream& out);

/// The command line's inspector settings (--mode, --clip, --tool, --compare-mode) as the
/// panel would set them, once the model they are for is open.
void applyStartOptions(const ViewerOptions& options, InspectorState& state);

/// The key a model's notes are stored under: its file name (ModelNotes.h).
std::string noteKey(const scene::ModelDescription& description);

class ModelInspector {
public:
    /// root: the scene graph's root (models, overlays and the section plane go there);
    /// notesStore: the viewer's register, or null when the scene has none.
    ModelInspector(scene::SceneData& data, osg::Group& root, RegisterModel* notesStore);
    ~ModelInspector();
    ModelInspector(const ModelInspector&) = delete;
    ModelInspector& operator=(const ModelInspector&) = delete;

    /// Starts reading `path` in the background, to stand on the ground at local (x, y) of `at`.
    void open(const std::string& path, const osg::Vec3d& at, InspectorState& state);
    /// Starts reading `path` as version B of the selected model.
    void openVersionB(const std::string& path, InspectorState& state);
    bool loading() const { return pending_ != nullptr; }
    /// Blocks until the model being read is in (or has failed): scripted runs.
    void waitForLoad();

    /// Takes in a finished load and acts on the panel's requests; once per frame. Returns the
    /// index of a model that has just come in, for the app to fly to.
    std::optional<int> update(InspectorState& state);
    /// Brings the scene in line with the display modes, section plane and comparison of
    /// `state` (update does it too); reads nothing in.
    void refresh(InspectorState& state);
    /// A click on the 3D view while a tool is active; false when the inspector left it alone.
    bool click(const std::optional<SurfaceHit>& hit, InspectorState& state);
    void select(int index, InspectorState& state);

    /// Placed bounds of a model (local metres), as loaded; null for no such model.
    const geo::Bounds* bounds(int index) const;
    /// Eye and target that show a model whole (with its version B), looking along
    /// `headingDeg` and down `pitchDeg`, for a view `fovDeg` high; none for no such model.
    std::optional<std::pair<osg::Vec3d, osg::Vec3d>> framing(int index, double headingDeg,
                                                             double pitchDeg, double fovDeg) const;
    /// Every note text in the store, for the font's glyph set.
    std::vector<std::string> noteTexts();

private:
    struct PendingLoad;

    std::optional<int> finishLoad(InspectorState& state);
    void syncModels(InspectorState& state) const;
    osg::MatrixTransform* nodeOf(int index) const;
    void findSceneModelNodes();
    void placeVersionB(const InspectedModel& a, InspectorState& state);
    void applyModes(InspectorState& state);
    void applyClip(InspectorState& state);
    void updateMeasurement(InspectorState& state);
    void loadNotes(InspectorState& state);
    void saveNote(InspectorState& state);
    void deleteNote(const std::string& id, InspectorState& state);
    heritage::Registry* store(bool forWriting, InspectorState& state);

    scene::SceneData& data_;
    osg::ref_ptr<osg::Group> root_;
    RegisterModel* notesStore_;
    std::unique_ptr<SectionPlane> section_;
    std::unique_ptr<PendingLoad> pending_;
    std::map<int, osg::observer_ptr<osg::MatrixTransform>> nodes_;
    std::map<int, ModelDisplayModes> modes_;  ///< what each model shows now
    std::map<int, int> versionB_;             ///< model -> its version B
    std::map<int, CompareMode> placedB_;
    std::map<int, double> offsetB_;  ///< how far east of its placement each version B stands  ///<
                                     ///< how each model's version B stands now
    InspectorTool appliedTool_ = InspectorTool::Select;
    std::optional<int> noteModel_;  ///< the model the note being written is pinned to
    int notesRevision_ = -1;        ///< the register revision the notes were read at
};

}  // namespace cunjing::viewer
