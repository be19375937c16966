#include "Materials.h"

#include "TextureDecoder.h"

#include <assimp/GltfMaterial.h>
#include <assimp/material.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

namespace cunjing::worker {

namespace {

using models::Material;
using models::Texture;

float finiteOr(float v, float fallback) {
    return std::isfinite(v) ? v : fallback;
}

float unit(float v, float fallback) {
    return std::clamp(finiteOr(v, fallback), 0.0f, 1.0f);
}

/// The decoded texture for `path` (a file name, or "*N" for an embedded image).
Texture loadTexture(const aiScene& scene, const std::string& path,
                    const std::filesystem::path& modelFile, std::uint32_t maxSize) {
    if (const aiTexture* embedded = scene.GetEmbeddedTexture(path.c_str())) {
        if (embedded->mHeight == 0) {
            const char* data = reinterpret_cast<const char*>(embedded->pcData);
            return decodeImageBytes(
                std::string_view(data, embedded->mWidth),
                std::string(embedded->achFormatHint,
                            strnlen(embedded->achFormatHint, sizeof embedded->achFormatHint)),
                path, maxSize);
        }
        if (embedded->mWidth > maxSize || embedded->mHeight > maxSize) {
            Texture t;
            t.name = path;
            t.missingReason = "it is larger than the " + std::to_string(maxSize) + " pixel limit";
            return t;
        }
        return decodeTexels(reinterpret_cast<const std::uint8_t*>(embedded->pcData),
                            embedded->mWidth, embedded->mHeight, path, maxSize);
    }
    if (!path.empty() && path.front() == '*') {
        Texture t;
        t.name = path;
        t.missingReason = "the embedded image it names is not in the file";
        return t;
    }
    return decodeImageFile(modelFile, path, maxSize);
}

void pbrOrPhong(const aiMaterial& source, Material& m) {
    aiColor4D colour;
    float value = 0;
    if (source.Get(AI_MATKEY_BASE_COLOR, colour) == AI_SUCCESS) {
        m.baseColor = {unit(colour.r, 1), unit(colour.g, 1), unit(colour.b, 1), unit(colour.a, 1)};
    } else if (source.Get(AI_MATKEY_COLOR_DIFFUSE, colour) == AI_SUCCESS) {
        m.baseColor = {unit(colour.r, 1), unit(colour.g, 1), unit(colour.b, 1), 1};
    }
    if (source.Get(AI_MATKEY_METALLIC_FACTOR, value) == AI_SUCCESS) {
        m.metallic = unit(value, 0);
        if (source.Get(AI_MATKEY_ROUGHNESS_FACTOR, value) == AI_SUCCESS)
            m.roughness = unit(value, 1);
    } else {
        // Phong: specular highlights are not metal. Shininess s is a Blinn-Phong exponent;
        // sqrt(2 / (s + 2)) is the usual Beckmann-roughness equivalent.
        m.metallic = 0;
        if (source.Get(AI_MATKEY_SHININESS, value) == AI_SUCCESS && std::isfinite(value) &&
            value > 0)
            m.roughness = unit(std::sqrt(2.0f / (value + 2.0f)), 1);
        if (source.Get(AI_MATKEY_OPACITY, value) == AI_SUCCESS)
            m.baseColor[3] = unit(value, 1);
    }
    if (source.Get(AI_MATKEY_COLOR_EMISSIVE, colour) == AI_SUCCESS)
        m.emissive = {unit(colour.r, 0), unit(colour.g, 0), unit(colour.b, 0)};
}

void alphaAndSides(const aiMaterial& source, Material& m) {
    aiString mode;
    if (source.Get(AI_MATKEY_GLTF_ALPHAMODE, mode) == AI_SUCCESS) {
        const std::string text = mode.C_Str();
        m.alpha = text == "BLEND"  ? Material::Alpha::Blend
                  : text == "MASK" ? Material::Alpha::Mask
                                   : Material::Alpha::Opaque;
        float cutoff = 0.5f;
        if (source.Get(AI_MATKEY_GLTF_ALPHACUTOFF, cutoff) == AI_SUCCESS)
            m.alphaCutoff = unit(cutoff, 0.5f);
    } else if (m.baseColor[3] < 1) {
        m.alpha = Material::Alpha::Blend;
    }
    int twoSided = 0;
    if (source.Get(AI_MATKEY_TWOSIDED, twoSided) == AI_SUCCESS)
        m.doubleSided = twoSided != 0;
}

/// The base-colour image path of a material (glTF base colour, else diffuse), or empty.
std::string baseColourPath(const aiMaterial& source) {
    for (aiTextureType type : {aiTextureType_BASE_COLOR, aiTextureType_DIFFUSE}) {
        aiString path;
        if (source.GetTextureCount(type) > 0 && source.GetTexture(type, 0, &path) == AI_SUCCESS &&
            path.length > 0)
            return path.C_Str();
    }
    return {};
}

}  // namespace

void convertMaterials(const aiScene& scene, const std::filesystem::path& modelFile,
                      std::uint32_t maxTextureSize, models::ImportedModel& model) {
    std::map<std::string, int> textureIndex;
    for (unsigned i = 0; i < scene.mNumMaterials; ++i) {
        const aiMaterial* source = scene.mMaterials[i];
        Material m;
        if (!source) {
            model.materials.push_back(m);
            continue;
        }
        aiString name;
        if (source->Get(AI_MATKEY_NAME, name) == AI_SUCCESS)
            m.name = name.C_Str();
        pbrOrPhong(*source, m);
        alphaAndSides(*source, m);
        m.roughness = unit(m.roughness, 1);
        const std::string path = baseColourPath(*source);
        if (!path.empty()) {
            auto [it, added] =
                textureIndex.try_emplace(path, static_cast<int>(model.textures.size()));
            if (added) {
                model.textures.push_back(loadTexture(scene, path, modelFile, maxTextureSize));
                const Texture& t = model.textures.back();
                if (t.missing())
                    model.warnings.push_back("texture " + path + ": " + t.missingReason);
            }
            m.baseColorTexture = it->second;
        }
        model.materials.push_back(std::move(m));
    }
}

}  // namespace cunjing::worker
