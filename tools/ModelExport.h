#pragma once
// Writes a generated building as glTF 2 (.glb, .gltf) or Wavefront OBJ, for Blender, SketchUp,
// QGIS 3D and the like. Assimp stays out of this header (style.md rule 3).

#include <cunjing/architecture/BuildingMesh.h>
#include <cunjing/architecture/Style.h>
#include <cunjing/geo/Result.h>

#include <filesystem>
#include <string>
#include <vector>

namespace cunjing::tools {

enum class ModelFormat { Glb, Gltf, Obj };

/// The format an output path's extension names (any case); the error lists .glb .gltf .obj.
Result<ModelFormat> modelFormatFor(const std::filesystem::path& out);

/// "glTF 2 binary", "glTF 2 (JSON + .bin)", "Wavefront OBJ (+ .mtl)": for messages.
std::string modelFormatName(ModelFormat format);

/// Writes every part run of the building as its own mesh ("roof-qingwa"), one material per
/// style material, Y up: the building's (x, y, z) becomes (x, z, -y). Colours are written
/// linear, as glTF requires. The files (the model and its .bin or .mtl companion) appear
/// whole or not at all: they are written into a temporary folder beside `out` and renamed.
/// Returns the paths written, the model last; errors name a folder that is missing or not
/// writable. Throws std::runtime_error when Assimp fails on the scene (an internal error).
Result<std::vector<std::filesystem::path>> exportBuilding(
    const architecture::BuildingMesh& building, const architecture::Style& style,
    const std::string& name, const std::filesystem::path& out, ModelFormat format);

}  // namespace cunjing::tools
