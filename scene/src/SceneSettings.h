#pragma once
// The scene file's settings for how a scene is shown: "kiosk" (and its admin passcode hash,
// also read from a kiosk config file) and "sun". Read beside the other keys (SceneFile.cpp).

#include "JsonReader.h"

#include <cunjing/scene/SceneFile.h>

namespace cunjing::scene::detail {

/// Reads "kiosk" from the scene's top level into scene.kiosk; problems go to the reader.
void readKiosk(JsonReader& parent, SceneDescription& scene);
/// Reads "sun" from the scene's top level into scene.sun; problems go to the reader.
void readSun(JsonReader& parent, SceneDescription& scene);
/// "look" into scene.look (errors name $.look.quality ...).
void readLook(JsonReader& parent, SceneDescription& scene);
/// "greenery" into scene.greenery (errors name $.greenery.density).
void readGreenery(JsonReader& parent, SceneDescription& scene);

}  // namespace cunjing::scene::detail
