// Assimp is used here only to WRITE meshes we generated ourselves. Reading model files from
// elsewhere is parsing untrusted input: that stays in cunjing-import-worker, the child process
// with memory and time limits (architecture.md, "Contracts"), never in this tool.

#include "ModelExport.h"

#include <assimp/material.h>
#include <assimp/scene.h>
#include <assimp/Exporter.hpp>

#include <unistd.h>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <system_error>

namespace cunjing::tools {

namespace {

namespace fs = std::filesystem;
using architecture::BuildingMesh;
using architecture::PartRange;

float srgbToLinear(float c) {
    c = std::clamp(c, 0.0f, 1.0f);
    return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}

/// Palettes are sRGB (geo::parseHexColor keeps them so); glTF and Blender expect linear.
aiColor4D linear(const geo::Rgba& c) {
    return {srgbToLinear(c.r), srgbToLinear(c.g), srgbToLinear(c.b), c.a};
}

/// Z up to Y up, keeping the frame right-handed: the building's front (-Y) faces +Z, which is
/// glTF's "front".
aiVector3D yUp(const geo::Vec3f& v) {
    return {v.x, v.z, -v.y};
}

// Assimp's structs own their arrays and free them with delete[] (aiScene's destructor walks
// the whole tree), so the arrays below are allocated with new[] and handed over at once.

std::unique_ptr<aiMaterial> makeMaterial(const std::string& id, const geo::Rgba& srgb) {
    auto m = std::make_unique<aiMaterial>();
    const aiString name(id);
    m->AddProperty(&name, AI_MATKEY_NAME);
    const aiColor4D color = linear(srgb);
    m->AddProperty(&color, 1, AI_MATKEY_COLOR_DIFFUSE);  // OBJ's Kd
    m->AddProperty(&color, 1, AI_MATKEY_BASE_COLOR);     // glTF's baseColorFactor
    // The style files say nothing of gloss; brick, tile, plaster and stone are matt.
    const float metallic = 0.0f, roughness = 0.9f;
    m->AddProperty(&metallic, 1, AI_MATKEY_METALLIC_FACTOR);
    m->AddProperty(&roughness, 1, AI_MATKEY_ROUGHNESS_FACTOR);
    return m;
}

/// glTF multiplies COLOR_0 into the base colour, so there the vertex colour is written relative
/// to its material (white where they agree) and the product is the generator's colour. OBJ
/// importers show vertex colours on their own, so OBJ gets them as they are.
aiColor4D vertexColor(const geo::Rgba& vertex, const aiColor4D& material, bool relative) {
    const aiColor4D v = linear(vertex);
    if (!relative)
        return v;
    auto ratio = [](float a, float b) { return b > 1e-6f ? std::clamp(a / b, 0.0f, 1.0f) : a; };
    return {ratio(v.r, material.r), ratio(v.g, material.g), ratio(v.b, material.b),
            ratio(v.a, material.a)};
}

/// One part run as its own mesh, with only the vertices its triangles use.
std::unique_ptr<aiMesh> makeMesh(const geo::Mesh& mesh, const PartRange& part,
                                 unsigned materialIndex, const aiColor4D& materialColor,
                                 bool relativeColors, std::vector<std::uint32_t>& remap) {
    constexpr std::uint32_t kUnused = UINT32_MAX;
    std::vector<std::uint32_t> used;  // source vertices in first-use order
    for (std::uint32_t i = part.firstIndex; i < part.firstIndex + part.indexCount; ++i) {
        const std::uint32_t v = mesh.indices[i];
        if (remap[v] == kUnused) {
            remap[v] = static_cast<std::uint32_t>(used.size());
            used.push_back(v);
        }
    }
    auto m = std::make_unique<aiMesh>();
    m->mName = aiString(std::string(architecture::partKindName(part.kind)));
    m->mMaterialIndex = materialIndex;
    m->mPrimitiveTypes = aiPrimitiveType_TRIANGLE;
    m->mNumVertices = static_cast<unsigned>(used.size());
    m->mVertices = new aiVector3D[used.size()];
    m->mNormals = new aiVector3D[used.size()];
    m->mColors[0] = new aiColor4D[used.size()];
    for (std::size_t k = 0; k < used.size(); ++k) {
        m->mVertices[k] = yUp(mesh.positions[used[k]]);
        m->mNormals[k] = yUp(mesh.normals[used[k]]);
        m->mColors[0][k] = vertexColor(mesh.colors[used[k]], materialColor, relativeColors);
    }
    m->mNumFaces = part.indexCount / 3;
    m->mFaces = new aiFace[m->mNumFaces];
    for (unsigned f = 0; f < m->mNumFaces; ++f) {
        aiFace& face = m->mFaces[f];
        face.mNumIndices = 3;
        face.mIndices = new unsigned[3];
        for (unsigned c = 0; c < 3; ++c)
            face.mIndices[c] = remap[mesh.indices[part.firstIndex + 3 * f + c]];
    }
    for (const std::uint32_t v : used)
        remap[v] = kUnused;
    return m;
}

std::unique_ptr<aiScene> makeScene(const BuildingMesh& building, const architecture::Style& style,
                                   const std::string& name, bool relativeColors) {
    std::vector<std::unique_ptr<aiMaterial>> materials;
    std::vector<aiColor4D> colors;
    for (const architecture::Material& m : style.materials) {
        materials.push_back(makeMaterial(m.id, m.color));
        colors.push_back(linear(m.color));
    }
    // Parts made without a style material (kNoMaterial) still need one to point at.
    const bool unpainted =
        std::any_of(building.parts.begin(), building.parts.end(),
                    [&](const PartRange& p) { return p.material >= style.materials.size(); });
    if (unpainted) {
        const geo::Rgba grey{0.7f, 0.7f, 0.7f, 1.0f};
        materials.push_back(makeMaterial("unpainted", grey));
        colors.push_back(linear(grey));
    }

    std::vector<std::unique_ptr<aiMesh>> meshes;
    std::vector<std::uint32_t> remap(building.mesh.vertexCount(), UINT32_MAX);
    for (const PartRange& part : building.parts) {
        if (part.indexCount == 0)
            continue;
        const unsigned material = part.material >= style.materials.size()
                                      ? static_cast<unsigned>(materials.size() - 1)
                                      : part.material;
        auto mesh =
            makeMesh(building.mesh, part, material, colors[material], relativeColors, remap);
        aiString materialName;
        materials[material]->Get(AI_MATKEY_NAME, materialName);
        mesh->mName = aiString(std::string(mesh->mName.C_Str()) + "-" + materialName.C_Str());
        meshes.push_back(std::move(mesh));
    }

    auto scene = std::make_unique<aiScene>();
    scene->mRootNode = new aiNode(name);
    scene->mNumMaterials = static_cast<unsigned>(materials.size());
    scene->mMaterials = new aiMaterial*[materials.size()];
    for (std::size_t i = 0; i < materials.size(); ++i)
        scene->mMaterials[i] = materials[i].release();
    // A node per mesh, named like it: glTF exporters merge the meshes of one node into one,
    // which would lose the part names.
    aiNode* root = scene->mRootNode;
    scene->mNumMeshes = static_cast<unsigned>(meshes.size());
    scene->mMeshes = new aiMesh*[meshes.size()];
    root->mNumChildren = scene->mNumMeshes;
    root->mChildren = new aiNode*[meshes.size()];
    for (unsigned i = 0; i < scene->mNumMeshes; ++i) {
        aiNode* node = new aiNode(meshes[i]->mName.C_Str());
        node->mParent = root;
        node->mNumMeshes = 1;
        node->mMeshes = new unsigned[1]{i};
        root->mChildren[i] = node;
        scene->mMeshes[i] = meshes[i].release();
    }
    return scene;
}

/// Removes the temporary folder on every way out.
struct TempFolder {
    fs::path path;
    ~TempFolder() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

/// Moves what the exporter wrote into place, companions first so that the model never names
/// a file that is not there yet; on failure takes back what it had moved.
Result<std::vector<fs::path>> moveIntoPlace(const fs::path& temp, const fs::path& out) {
    std::vector<fs::path> names;
    for (const auto& e : fs::directory_iterator(temp)) {
        if (e.path().filename() != out.filename())
            names.push_back(e.path().filename());
    }
    std::sort(names.begin(), names.end());
    names.push_back(out.filename());
    std::vector<fs::path> moved;
    for (const fs::path& name : names) {
        std::error_code ec;
        const fs::path target = out.parent_path() / name;
        fs::rename(temp / name, target, ec);
        if (ec) {
            for (const fs::path& m : moved)
                fs::remove(m, ec);
            return Error{target.string(), "", "cannot write: " + ec.message()};
        }
        moved.push_back(target);
    }
    return moved;
}

}  // namespace

Result<ModelFormat> modelFormatFor(const fs::path& out) {
    std::string ext = out.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".glb")
        return ModelFormat::Glb;
    if (ext == ".gltf")
        return ModelFormat::Gltf;
    if (ext == ".obj")
        return ModelFormat::Obj;
    return Error{
        out.string(), "",
        "unknown output extension '" + out.extension().string() + "'; use .glb, .gltf or .obj"};
}

std::string modelFormatName(ModelFormat format) {
    switch (format) {
        case ModelFormat::Glb:
            return "glTF 2 binary";
        case ModelFormat::Gltf:
            return "glTF 2, JSON + .bin";
        case ModelFormat::Obj:
            return "Wavefront OBJ + .mtl";
    }
    return {};
}

Result<std::vector<fs::path>> exportBuilding(const BuildingMesh& building,
                                             const architecture::Style& style,
                                             const std::string& name, const fs::path& out,
                                             ModelFormat format) {
    const fs::path target = fs::absolute(out);
    const fs::path folder = target.parent_path();
    std::error_code ec;
    if (!fs::exists(folder, ec))
        return Error{out.string(), "",
                     "output folder '" + folder.string() + "' does not exist; create it first"};
    if (!fs::is_directory(folder, ec))
        return Error{out.string(), "", "'" + folder.string() + "' is not a folder"};
    if (fs::is_directory(target, ec))
        return Error{out.string(), "",
                     "is a folder; give a file name ending in .glb, .gltf or .obj"};
    TempFolder temp{folder / ("." + target.filename().string() + ".tmp-" +
                              std::to_string(static_cast<long>(::getpid())))};
    fs::remove_all(temp.path, ec);
    if (!fs::create_directory(temp.path, ec))
        return Error{out.string(), "",
                     "cannot write in folder '" + folder.string() + "': " + ec.message()};

    const char* formatId = format == ModelFormat::Glb    ? "glb2"
                           : format == ModelFormat::Gltf ? "gltf2"
                                                         : "obj";
    const auto scene = makeScene(building, style, name, format != ModelFormat::Obj);
    Assimp::Exporter exporter;
    if (exporter.Export(scene.get(), formatId, (temp.path / target.filename()).string()) !=
        aiReturn_SUCCESS) {
        // Our own scene failing to export is a bug of ours, not bad input.
        throw std::runtime_error(out.string() +
                                 ": Assimp could not export it: " + exporter.GetErrorString());
    }
    return moveIntoPlace(temp.path, target);
}

}  // namespace cunjing::tools
