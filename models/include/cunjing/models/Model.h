#pragma once
/// A model read from an untrusted file (glTF, OBJ, FBX, IFC ...): plain CPU data, no OSG and
/// no Assimp. The import worker (tools/ImportWorker) fills it in a child process and sends it
/// back through the wire format (Wire.h); everything here has been validated on arrival:
/// counts agree, indices are in range, numbers are finite, texture sizes match their pixels.
///
/// Coordinates are the file's own, in the file's units and up axis, with every node transform
/// of the file applied (so one mesh list, no hierarchy); Placement.h turns them into the
/// scene's metres, Z up.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cunjing::models {

using Vec2 = std::array<float, 2>;
using Vec3 = std::array<float, 3>;
using Rgba = std::array<float, 4>;  ///< linear 0..1

/// An image the model uses. Decoded in the worker: plain RGBA8 rows (top row first), or
/// S3TC/DXT blocks kept compressed as the file had them (DDS), with their mip chain.
struct Texture {
    enum class Format : std::uint8_t { Rgba8, Bc1, Bc1Alpha, Bc2, Bc3 };
    std::string name;  ///< file name as the model refers to it, or "*0" for embedded images
    Format format = Format::Rgba8;
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    /// Level 0 first, then each mip level (compressed formats only; RGBA8 has one level).
    std::vector<std::vector<std::uint8_t>> levels;
    /// Set when the image could not be had (file missing, unsupported format, too large):
    /// the texture then has no levels and the material falls back to its factor colour.
    std::string missingReason;

    bool missing() const { return levels.empty(); }
    /// Bytes level `level` must have for this format and size.
    static std::size_t levelBytes(Format format, std::uint32_t width, std::uint32_t height,
                                  unsigned level);
};

/// PBR metallic-roughness; Phong materials are mapped onto it by the worker (diffuse ->
/// baseColor, shininess -> roughness, specular strength -> metallic 0).
struct Material {
    std::string name;
    Rgba baseColor{1, 1, 1, 1};
    float metallic = 0;
    float roughness = 1;
    Vec3 emissive{0, 0, 0};
    int baseColorTexture = -1;  ///< index into ImportedModel::textures, or -1
    int uvSet = 0;              ///< only 0 is sent today
    enum class Alpha : std::uint8_t { Opaque, Mask, Blend };
    Alpha alpha = Alpha::Opaque;
    float alphaCutoff = 0.5f;
    bool doubleSided = false;
};

/// Triangles of one material. normals/uvs are empty or one per vertex.
struct MeshPart {
    std::string name;
    std::vector<Vec3> positions;
    std::vector<Vec3> normals;
    std::vector<Vec2> uvs;
    std::vector<std::uint32_t> indices;  ///< three per triangle
    int material = -1;                   ///< index into ImportedModel::materials, or -1
};

/// Where the file itself says it stands on the Earth (an IFC site's RefLatitude,
/// RefLongitude and RefElevation; an IfcMapConversion), if anywhere.
struct Georeference {
    double latitude = 0;   ///< degrees, WGS84/CGCS2000
    double longitude = 0;  ///< degrees
    double elevation = 0;  ///< metres
    /// Rotation of the model's +Y axis from true north, degrees clockwise (IfcSite's
    /// placement / true-north direction); 0 when the file gives none.
    double trueNorthDeg = 0;
};

struct ImportedModel {
    std::string format;  ///< the whitelisted format it was read as: "gltf", "obj", "ifc" ...
    std::vector<MeshPart> meshes;
    std::vector<Material> materials;
    std::vector<Texture> textures;
    /// Metres per model unit when the file states it (glTF: 1; FBX UnitScaleFactor; IFC
    /// length unit); absent when the file does not say.
    std::optional<double> unitScale;
    /// Up axis the file states or its format implies ('y' for glTF/OBJ, 'z' for IFC/3DS).
    char upAxis = 'y';
    std::optional<Georeference> georeference;
    /// Things the worker noticed that the user should know (a texture it could not read ...).
    std::vector<std::string> warnings;

    std::size_t vertexCount() const;
    std::size_t triangleCount() const;
};

}  // namespace cunjing::models
