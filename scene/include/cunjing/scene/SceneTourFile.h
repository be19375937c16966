#pragma once
/// Writing the exhibition tour back into a scene file (the viewer's tour editor saves through
/// this). Only the "tour" key changes: every other key keeps its value and its place, Chinese
/// stays readable UTF-8, and the file is replaced atomically, so a failed save leaves the old
/// file whole.

#include <cunjing/geo/Result.h>
#include <cunjing/scene/SceneFile.h>

#include <filesystem>
#include <string>

namespace cunjing::scene {

/// The scene text `text` (of the scene file `file`, for messages and to check the result
/// against) with its "tour" key replaced by `tour`, or added after "viewpoints" (else at the
/// end); no steps removes the key. 2-space indent, short arrays on one line. An error when
/// `text` is not a JSON object, or when the result would not load (a step naming a viewpoint
/// the scene lacks, seconds out of range, or problems the file already had).
Result<std::string> sceneTextWithTour(const std::string& text, const std::filesystem::path& file,
                                      const TourDescription& tour);

/// Reads the scene file `scene`, puts `tour` into it and writes the result to `target` (empty:
/// over `scene` itself) through a temporary file renamed into place. The scene file is never
/// written when it no longer parses or the result would not load.
Status saveSceneTour(const std::filesystem::path& scene, const TourDescription& tour,
                     const std::filesystem::path& target = {});

}  // namespace cunjing::scene
