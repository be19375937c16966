#pragma once
// The "buildings" of a scene: village layouts, single buildings and footprint files become
// one list of footprints, each generated from the style library, stood on the ground (levelled
// under it, its forecourt and its pond) and merged into SceneData::buildings.

#include <cunjing/scene/SceneData.h>

namespace cunjing::scene::detail {

/// Needs data.terrain (when the scene has one) and the origin already set. Appends to
/// data.buildings, data.placed and data.trees (a plan's landmark trees) and levels
/// data.terrain. Every problem found is returned, naming the JSON path or the footprint.
Status placeBuildings(SceneData& data);

}  // namespace cunjing::scene::detail
