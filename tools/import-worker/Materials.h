#pragma once
// Assimp materials -> our PBR Material, and the base-colour textures they use, decoded.

#include <cunjing/models/Model.h>

#include <assimp/scene.h>

#include <cstdint>
#include <filesystem>

namespace cunjing::worker {

/// Fills model.materials (one per aiMaterial, same order) and model.textures (one per
/// distinct base-colour image, in first-use order). glTF PBR values are taken as they are;
/// Phong materials map diffuse -> base colour, opacity -> alpha, shininess -> roughness.
void convertMaterials(const aiScene& scene, const std::filesystem::path& modelFile,
                      std::uint32_t maxTextureSize, models::ImportedModel& model);

}  // namespace cunjing::worker
