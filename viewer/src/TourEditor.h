#pragma once
/// The tour editor (issue 8 item 4): what exhibition staff do to author the attract tour, as
/// plain calls that the panel's buttons and the --tour-edit script share. Add the current view
/// as a step, set its seconds and captions, reorder, delete, preview from a step, save into the
/// scene file (only its "tour" key changes: SceneTourFile.h).

#include <cunjing/geo/Result.h>
#include <cunjing/scene/SceneFile.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cunjing::viewer {

/// The camera as the editor sees it, supplied by the app (or a test).
struct TourEditorCamera {
    /// The view on screen, as a step's own view: eye and target in local metres, fov.
    std::function<scene::Viewpoint()> current;
    /// Moves the camera to a scene viewpoint at once, as staff would navigate there; an
    /// error naming the known viewpoints when there is none of that name.
    std::function<Status(const std::string&)> goToViewpoint;
};

class TourEditor {
public:
    /// Edits the tour of the scene file `sceneFile`, starting from `tour` (what it holds).
    TourEditor(std::filesystem::path sceneFile, scene::TourDescription tour,
               TourEditorCamera camera);

    const std::vector<scene::TourStep>& steps() const { return tour_.steps; }
    const scene::TourDescription& tour() const { return tour_; }
    const std::filesystem::path& sceneFile() const { return sceneFile_; }
    /// The step the next change applies to, 0-based; -1 when there are no steps.
    int selected() const { return selected_; }
    /// Counts every change, so the panel knows when to refill its text fields.
    std::uint64_t revision() const { return revision_; }
    bool dirty() const { return dirty_; }

    Status select(int index);
    /// Adds the camera's view as a new step after the selected one (at the end when none is
    /// selected) and selects it: 6 seconds, no caption yet.
    Status addCurrentView();
    Status setSeconds(double seconds);
    Status setCaption(scene::Language language, std::string text);
    /// Moves the selected step `by` places (negative: up, towards the start); it stays selected.
    Status move(int by);
    Status removeSelected();
    Status goToViewpoint(const std::string& name);
    /// Asks the app to play the tour from the selected step (takePreviewRequest).
    Status preview();
    std::optional<int> takePreviewRequest() { return std::exchange(previewRequest_, {}); }
    /// Writes the tour into the scene file, or into `target` (a copy of the scene with this
    /// tour) when given.
    Status save(const std::filesystem::path& target = {});

    /// Steps separated by ';' or new lines, run in order until one fails (TourEditorScript.cpp):
    /// add; seconds N; caption zh|en TEXT; up [N]; down [N]; delete; select N (1-based);
    /// view NAME; preview; save [PATH]. The error names the step and what is wrong.
    Status runScript(std::string_view script);
    Status runStep(std::string_view step);

private:
    Status needSelection(const char* what) const;
    void changed();

    std::filesystem::path sceneFile_;
    scene::TourDescription tour_;
    TourEditorCamera camera_;
    int selected_ = -1;
    std::uint64_t revision_ = 0;
    bool dirty_ = false;
    std::optional<int> previewRequest_;
};

/// One line of the step list: "6 s  [viewpoint] caption" in `language`.
std::string tourStepSummary(const scene::TourStep& step, scene::Language language);

}  // namespace cunjing::viewer
