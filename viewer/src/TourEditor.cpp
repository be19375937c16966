#include "TourEditor.h"

#include <cunjing/scene/SceneTourFile.h>

#include <cmath>
#include <cstdio>
#include <utility>

namespace cunjing::viewer {

namespace {

Status failure(std::string message) {
    return Error{{}, {}, std::move(message)};
}

}  // namespace

TourEditor::TourEditor(std::filesystem::path sceneFile, scene::TourDescription tour,
                       TourEditorCamera camera)
    : sceneFile_(std::move(sceneFile)), tour_(std::move(tour)), camera_(std::move(camera)) {
    selected_ = tour_.steps.empty() ? -1 : 0;
}

void TourEditor::changed() {
    ++revision_;
    dirty_ = true;
}

Status TourEditor::needSelection(const char* what) const {
    if (selected_ >= 0 && selected_ < int(tour_.steps.size()))
        return Done{};
    return failure(std::string("no step to ") + what + ": add a step first");
}

Status TourEditor::select(int index) {
    if (index < 0 || index >= int(tour_.steps.size()))
        return failure("no step " + std::to_string(index + 1) + ": the tour has " +
                       std::to_string(tour_.steps.size()) + " steps");
    selected_ = index;
    ++revision_;
    return Done{};
}

Status TourEditor::addCurrentView() {
    if (tour_.steps.size() >= scene::kMaxTourSteps)
        return failure("a tour holds at most " + std::to_string(scene::kMaxTourSteps) + " steps");
    if (!camera_.current)
        return failure("no camera to take the view from");
    scene::TourStep step;
    step.view = camera_.current();
    // The step's own view: absolute heights, no name, no title (its caption is its own).
    step.view.name.clear();
    step.view.title = {};
    step.view.aboveGround = false;
    const int at = selected_ < 0 ? int(tour_.steps.size()) : selected_ + 1;
    tour_.steps.insert(tour_.steps.begin() + at, std::move(step));
    selected_ = at;
    changed();
    return Done{};
}

Status TourEditor::setSeconds(double seconds) {
    if (Status s = needSelection("set the seconds of"); !s)
        return s;
    if (!std::isfinite(seconds) || seconds <= 0 || seconds > scene::kMaxTourStepSeconds)
        return failure("seconds must be more than 0 and at most " +
                       std::to_string(int(scene::kMaxTourStepSeconds)));
    tour_.steps[std::size_t(selected_)].seconds = seconds;
    changed();
    return Done{};
}

Status TourEditor::setCaption(scene::Language language, std::string text) {
    if (Status s = needSelection("caption"); !s)
        return s;
    scene::LocalText& caption = tour_.steps[std::size_t(selected_)].caption;
    (language == scene::Language::Chinese ? caption.zh : caption.en) = std::move(text);
    changed();
    return Done{};
}

Status TourEditor::move(int by) {
    if (Status s = needSelection("move"); !s)
        return s;
    const int to = selected_ + by;
    if (to < 0 || to >= int(tour_.steps.size()))
        return failure("step " + std::to_string(selected_ + 1) + " cannot move " +
                       (by < 0 ? "up " : "down ") + std::to_string(std::abs(by)) +
                       (std::abs(by) == 1 ? " place" : " places") + " in a tour of " +
                       std::to_string(tour_.steps.size()));
    scene::TourStep step = std::move(tour_.steps[std::size_t(selected_)]);
    tour_.steps.erase(tour_.steps.begin() + selected_);
    tour_.steps.insert(tour_.steps.begin() + to, std::move(step));
    selected_ = to;
    changed();
    return Done{};
}

Status TourEditor::removeSelected() {
    if (Status s = needSelection("delete"); !s)
        return s;
    tour_.steps.erase(tour_.steps.begin() + selected_);
    selected_ = std::min(selected_, int(tour_.steps.size()) - 1);
    changed();
    return Done{};
}

Status TourEditor::goToViewpoint(const std::string& name) {
    if (!camera_.goToViewpoint)
        return failure("no camera to move");
    return camera_.goToViewpoint(name);
}

Status TourEditor::preview() {
    if (Status s = needSelection("preview from"); !s)
        return s;
    previewRequest_ = selected_;
    return Done{};
}

Status TourEditor::save(const std::filesystem::path& target) {
    if (sceneFile_.empty())
        return failure("the scene was not opened from a file, so there is nowhere to save");
    Status saved = scene::saveSceneTour(sceneFile_, tour_, target);
    if (saved && (target.empty() || target == sceneFile_))
        dirty_ = false;
    return saved;
}

std::string tourStepSummary(const scene::TourStep& step, scene::Language language) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%g s", step.seconds);
    const std::string& caption = step.shownCaption().in(language);
    const std::string where = step.viewpoint.empty() ? std::string() : "[" + step.viewpoint + "] ";
    return std::string(seconds) + "  " + where + caption;
}

}  // namespace cunjing::viewer
