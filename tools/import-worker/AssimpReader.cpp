#include "AssimpReader.h"

#include "IfcGeoreference.h"
#include "Materials.h"

#include <assimp/config.h>
#include <assimp/importerdesc.h>
#include <assimp/postprocess.h>
#include <assimp/scene.h>
#include <assimp/Importer.hpp>

#include <cmath>
#include <cstring>
#include <sstream>
#include <vector>

namespace cunjing::worker {

namespace {

using models::ImportedModel;
using models::MeshPart;

/// Deeper trees than this are refused: a cycle or a hostile file, never a real model.
constexpr unsigned kMaxNodeDepth = 256;
constexpr std::uint64_t kMaxNodes = 1'000'000;

bool hasExtension(const aiImporterDesc& desc, const std::string& extension) {
    std::istringstream list(desc.mFileExtensions ? desc.mFileExtensions : "");
    std::string e;
    while (list >> e)
        if (e == extension)
            return true;
    return false;
}

/// Leaves only the importer(s) for `format` registered. Assimp otherwise falls back to
/// trying every importer on the content, so a ".obj" that is really an MD5 file would reach
/// the MD5 importer, which segfaults. glTF 1.0's importer aborts on fuzzed input: glTF 2 only.
void keepOnlyImporterFor(Assimp::Importer& importer, const std::string& format) {
    std::vector<Assimp::BaseImporter*> others;
    for (std::size_t i = 0; i < importer.GetImporterCount(); ++i) {
        const aiImporterDesc* desc = importer.GetImporterInfo(i);
        bool keep = desc && hasExtension(*desc, format);
        if (keep && (format == "gltf" || format == "glb"))
            keep = desc->mName && std::strstr(desc->mName, "glTF2") != nullptr;
        if (!keep)
            others.push_back(importer.GetImporter(i));
    }
    for (Assimp::BaseImporter* other : others)
        importer.UnregisterLoader(other);
}

struct Walk {
    const aiScene& scene;
    const models::ImportLimits& limits;
    ImportedModel& model;
    std::uint64_t vertices = 0;
    std::uint64_t triangles = 0;
    std::uint64_t nodes = 0;
    std::string error;
};

bool fail(Walk& w, std::string why) {
    if (w.error.empty())
        w.error = std::move(why);
    return false;
}

bool finite(const aiVector3D& v) {
    return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z);
}

/// One aiMesh placed by `transform` as a MeshPart: positions and normals transformed, the
/// winding kept facing out under a mirroring transform, UV set 0.
bool bakeMesh(Walk& w, const aiMesh& mesh, const aiMatrix4x4& transform,
              const std::string& nodeName) {
    if (!(mesh.mPrimitiveTypes & aiPrimitiveType_TRIANGLE) || !mesh.mVertices ||
        mesh.mNumVertices == 0 || !mesh.mFaces)
        return true;
    std::uint64_t triangles = 0;
    for (unsigned f = 0; f < mesh.mNumFaces; ++f)
        triangles += mesh.mFaces[f].mNumIndices == 3;
    w.vertices += mesh.mNumVertices;
    w.triangles += triangles;
    if (w.vertices > w.limits.maxVertices)
        return fail(w, "it has more than " + std::to_string(w.limits.maxVertices) + " vertices");
    if (w.triangles > w.limits.maxTriangles)
        return fail(w, "it has more than " + std::to_string(w.limits.maxTriangles) + " triangles");
    MeshPart part;
    part.name = mesh.mName.length > 0 ? mesh.mName.C_Str() : nodeName;
    part.material =
        mesh.mMaterialIndex < w.scene.mNumMaterials ? static_cast<int>(mesh.mMaterialIndex) : -1;
    aiMatrix3x3 normalMatrix(transform);
    const bool mirrored = normalMatrix.Determinant() < 0;
    normalMatrix.Inverse().Transpose();
    part.positions.reserve(mesh.mNumVertices);
    for (unsigned v = 0; v < mesh.mNumVertices; ++v) {
        const aiVector3D p = transform * mesh.mVertices[v];
        if (!finite(p))
            return fail(w, "it has coordinates that are not finite numbers");
        part.positions.push_back({p.x, p.y, p.z});
    }
    if (mesh.mNormals) {
        part.normals.reserve(mesh.mNumVertices);
        for (unsigned v = 0; v < mesh.mNumVertices; ++v) {
            aiVector3D n = normalMatrix * mesh.mNormals[v];
            const float length = n.Length();
            // A degenerate triangle's generated normal is NaN or zero: any unit vector will do.
            n = finite(n) && length > 0 ? n / length : aiVector3D(0, 0, 1);
            part.normals.push_back({n.x, n.y, n.z});
        }
    }
    if (const aiVector3D* uv = mesh.mTextureCoords[0]) {
        part.uvs.reserve(mesh.mNumVertices);
        for (unsigned v = 0; v < mesh.mNumVertices; ++v)
            part.uvs.push_back(
                {std::isfinite(uv[v].x) ? uv[v].x : 0.0f, std::isfinite(uv[v].y) ? uv[v].y : 0.0f});
    }
    part.indices.reserve(static_cast<std::size_t>(triangles) * 3);
    for (unsigned f = 0; f < mesh.mNumFaces; ++f) {
        const aiFace& face = mesh.mFaces[f];
        if (face.mNumIndices != 3 || !face.mIndices)
            continue;
        const unsigned a = face.mIndices[0], b = face.mIndices[1], c = face.mIndices[2];
        if (a >= mesh.mNumVertices || b >= mesh.mNumVertices || c >= mesh.mNumVertices)
            return fail(w, "a triangle of mesh '" + part.name + "' points past its vertices");
        part.indices.insert(part.indices.end(), {a, mirrored ? c : b, mirrored ? b : c});
    }
    w.model.meshes.push_back(std::move(part));
    return true;
}

bool walkNode(Walk& w, const aiNode* node, const aiMatrix4x4& parent, unsigned depth) {
    if (!node)
        return true;
    if (depth > kMaxNodeDepth)
        return fail(w, "its node tree is deeper than " + std::to_string(kMaxNodeDepth) + " levels");
    if (++w.nodes > kMaxNodes)
        return fail(w, "it has more than " + std::to_string(kMaxNodes) + " nodes");
    const aiMatrix4x4 global = parent * node->mTransformation;
    for (unsigned i = 0; i < node->mNumMeshes; ++i) {
        const unsigned index = node->mMeshes[i];
        if (index >= w.scene.mNumMeshes || !w.scene.mMeshes[index])
            return fail(w, "a node refers to a mesh that is not there");
        if (!bakeMesh(w, *w.scene.mMeshes[index], global, node->mName.C_Str()))
            return false;
    }
    for (unsigned i = 0; i < node->mNumChildren; ++i)
        if (!walkNode(w, node->mChildren[i], global, depth + 1))
            return false;
    return true;
}

/// Units and up axis as they are after Assimp (which converts some formats itself).
void describeFrame(const aiScene& scene, const std::string& format, ImportedModel& model) {
    model.upAxis = 'y';
    if (format == "gltf" || format == "glb") {
        model.unitScale = 1.0;  // glTF is metres, Y up, by specification
    } else if (format == "dae" || format == "ifc") {
        // Assimp applies COLLADA's <unit meter> and the IFC length unit, and turns both
        // formats' Z up into Y up through the root node, which we apply.
        model.unitScale = 1.0;
    } else if (format == "fbx" && scene.mMetaData) {
        // FBX states centimetres per unit and its up axis; Assimp leaves both to us.
        float cmPerUnit = 0;
        double cmPerUnitD = 0;
        if (scene.mMetaData->Get("UnitScaleFactor", cmPerUnit) && cmPerUnit > 0)
            model.unitScale = cmPerUnit * 0.01;
        else if (scene.mMetaData->Get("UnitScaleFactor", cmPerUnitD) && cmPerUnitD > 0)
            model.unitScale = cmPerUnitD * 0.01;
        int up = 1;
        if (scene.mMetaData->Get("UpAxis", up) && up >= 0 && up <= 2)
            model.upAxis = "xyz"[up];
    } else if (format == "3ds" || format == "stl") {
        model.upAxis = 'z';  // 3ds Max and CAD/3D-printing convention; Assimp keeps it
    }
}

std::string oneLine(std::string text) {
    for (char& c : text)
        if (static_cast<unsigned char>(c) < 0x20)
            c = ' ';
    while (!text.empty() && text.back() == ' ')
        text.pop_back();
    return text;
}

}  // namespace

Result<ImportedModel> readModel(const std::filesystem::path& file, const std::string& format,
                                const models::ImportLimits& limits) {
    Assimp::Importer importer;
    keepOnlyImporterFor(importer, format);
    importer.SetPropertyInteger(AI_CONFIG_PP_SBP_REMOVE,
                                aiPrimitiveType_POINT | aiPrimitiveType_LINE);
    importer.SetPropertyBool(AI_CONFIG_IMPORT_FBX_READ_ANIMATIONS, false);
    const unsigned flags = aiProcess_Triangulate | aiProcess_JoinIdenticalVertices |
                           aiProcess_GenSmoothNormals | aiProcess_SortByPType |
                           aiProcess_ValidateDataStructure;
    const aiScene* scene = importer.ReadFile(file.string(), flags);
    if (!scene || !scene->mRootNode)
        return Error{"", "",
                     "the importer could not read it: " + oneLine(importer.GetErrorString())};
    ImportedModel model;
    model.format = format;
    convertMaterials(*scene, file, limits.maxTextureSize, model);
    Walk walk{*scene, limits, model, 0, 0, 0, {}};
    if (!walkNode(walk, scene->mRootNode, aiMatrix4x4(), 0))
        return Error{"", "", walk.error};
    if (model.meshes.empty())
        return Error{"", "", "it holds no triangles"};
    describeFrame(*scene, format, model);
    if (format == "ifc") {
        std::string warning;
        model.georeference = readIfcSite(file, warning);
        if (!warning.empty())
            model.warnings.push_back(warning);
    }
    return model;
}

}  // namespace cunjing::worker
