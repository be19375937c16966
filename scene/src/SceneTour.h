#pragma once
// The scene file's "tour" key, read beside the other keys (SceneFile.cpp calls it once the
// viewpoints are read, since steps name them).

#include "JsonReader.h"

#include <cunjing/scene/SceneFile.h>

namespace cunjing::scene::detail {

/// Reads "tour" from the scene's top level into scene.tour; problems go to the reader.
void readTour(JsonReader& parent, SceneDescription& scene);

}  // namespace cunjing::scene::detail
