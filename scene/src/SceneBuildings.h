#pragma once
// The "buildings" of a scene: village layouts, single buildings and footprint files become
// one list of footprints, each generated from the style library, stood on the ground (levelled
// under it, its forecourt and its pond) and merged into SceneData::buildings.

#include <cunjing/architecture/BuildingMesh.h>
#include <cunjing/architecture/VillagePlan.h>
#include <cunjing/scene/SceneData.h>

namespace cunjing::scene::detail {

/// Needs data.terrain (when the scene has one) and the origin already set. Appends to
/// data.buildings, data.placed and data.trees (a plan's landmark trees) and levels
/// data.terrain. Every problem found is returned, naming the JSON path or the footprint.
Status placeBuildings(SceneData& data);

/// A generated building with its ground features (forecourt, pond) moved into the local frame:
/// turned and moved by `at`, lifted to floor height z (exaggerated), every vertex carrying
/// partId. The same placement placeBuildings gives, for buildings a town plan regenerates.
geo::Mesh placedBuildingMesh(const architecture::BuildingMesh& building,
                             const architecture::Placement& at, double z, std::uint32_t partId);

}  // namespace cunjing::scene::detail
