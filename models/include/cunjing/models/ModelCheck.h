#pragma once
/// What a heritage officer asks of a model before accepting it (`cunjing model check`, the
/// viewer's inspector panel).

#include <cunjing/models/Model.h>

#include <optional>
#include <string>
#include <vector>

namespace cunjing::models {

struct TextureInfo {
    std::string name;
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    std::string format;         ///< "RGBA8", "BC3" ...
    std::string missingReason;  ///< empty when the texture was read
};

struct ModelStats {
    std::string format;
    std::size_t vertices = 0;
    std::size_t triangles = 0;
    std::size_t meshes = 0;
    std::size_t materials = 0;
    std::vector<TextureInfo> textures;
    Vec3 boundsMin{0, 0, 0};  ///< in metres, Z up (units and up axis applied)
    Vec3 boundsMax{0, 0, 0};
    std::size_t degenerateTriangles = 0;  ///< zero area or repeated indices
    std::size_t duplicateTriangles = 0;   ///< same three positions as another triangle
    std::size_t nonManifoldEdges = 0;     ///< edges shared by more than two triangles
    std::size_t boundaryEdges = 0;        ///< edges of one triangle only (open shells)
    double unitScale = 1;                 ///< metres per file unit used for the bounds
    /// "metres (stated by the file)", "centimetres (guessed from a 1,250-unit extent)" ...
    std::string unitsGuess;
    char upAxis = 'y';  ///< the file's up axis, before the bounds were turned to Z up
    std::optional<Georeference> georeference;
    std::vector<std::string> warnings;
};

/// Counts, bounds and mesh-quality figures of a model already read (importModel). Edges are
/// matched by position, so vertices split only for UV or normal seams do not count as open
/// edges. Without a unit in the file, the units are guessed from the largest extent as for a
/// building or a village: over 5,000 units is millimetres, over 500 centimetres, else metres.
ModelStats checkModel(const ImportedModel& model);

}  // namespace cunjing::models
