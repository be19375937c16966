// OSG nodes of a placed model: one geometry per mesh part with its material as uniforms of
// the model shader (shaders/model.*), and its base-colour texture.

#include <cunjing/scene/ModelLayer.h>

#include <cunjing/scene/Shaders.h>

#include <osg/BlendFunc>
#include <osg/Depth>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/Texture2D>
#include <osgUtil/SmoothingVisitor>

#include <algorithm>
#include <cmath>
#include <map>

namespace cunjing::scene {

namespace {

using models::Material;
using models::Texture;

/// glTF base colours are linear; our shaders work in display space (sRGB, like the palettes
/// and the textures), so the factor is brought there before it multiplies the texture.
float toDisplay(float linear) {
    return std::pow(std::clamp(linear, 0.0f, 1.0f), 1.0f / 2.2f);
}

GLenum compressedFormat(Texture::Format f) {
    switch (f) {
        case Texture::Format::Bc1:
            return GL_COMPRESSED_RGB_S3TC_DXT1_EXT;
        case Texture::Format::Bc1Alpha:
            return GL_COMPRESSED_RGBA_S3TC_DXT1_EXT;
        case Texture::Format::Bc2:
            return GL_COMPRESSED_RGBA_S3TC_DXT3_EXT;
        default:
            return GL_COMPRESSED_RGBA_S3TC_DXT5_EXT;
    }
}

/// A compressed mip chain is used only when it goes down to 1x1: GL treats a partial chain
/// as an incomplete texture (black), and compressed levels cannot be generated.
bool fullChain(const Texture& t) {
    std::uint32_t size = std::max(t.width, t.height);
    std::size_t levels = 1;
    while (size > 1)
        size >>= 1, ++levels;
    return t.levels.size() == levels;
}

/// The texture as GL will sample it. Rows stay in the order the worker sent them (top row
/// first, RGBA and S3TC alike, so S3TC blocks need no reshuffling): the top row sits at t = 0
/// and geometryOf turns the UVs to match.
osg::ref_ptr<osg::Texture2D> textureOf(const Texture& t) {
    if (t.missing())
        return nullptr;
    osg::ref_ptr<osg::Image> image = new osg::Image;
    const bool compressed = t.format != Texture::Format::Rgba8;
    const bool mipmapped = compressed && t.levels.size() > 1 && fullChain(t);
    std::size_t total = 0;
    osg::Image::MipmapDataType offsets;
    for (std::size_t level = 0; level < (mipmapped ? t.levels.size() : 1); ++level) {
        if (level > 0)
            offsets.push_back(static_cast<unsigned int>(total));
        total += t.levels[level].size();
    }
    auto* pixels = new unsigned char[total];
    std::size_t at = 0;
    for (std::size_t level = 0; level <= offsets.size(); ++level) {
        std::copy(t.levels[level].begin(), t.levels[level].end(), pixels + at);
        at += t.levels[level].size();
    }
    const GLenum format = compressed ? compressedFormat(t.format) : GL_RGBA;
    image->setImage(int(t.width), int(t.height), 1, compressed ? GLint(format) : GL_RGBA8, format,
                    GL_UNSIGNED_BYTE, pixels, osg::Image::USE_NEW_DELETE);
    if (mipmapped)
        image->setMipmapLevels(offsets);
    image->setFileName(t.name);
    osg::ref_ptr<osg::Texture2D> texture = new osg::Texture2D(image);
    // RGBA8: OSG generates the mipmaps; S3TC: the file's own, or none.
    const bool mipmaps = !compressed || mipmapped;
    texture->setFilter(osg::Texture::MIN_FILTER,
                       mipmaps ? osg::Texture::LINEAR_MIPMAP_LINEAR : osg::Texture::LINEAR);
    texture->setFilter(osg::Texture::MAG_FILTER, osg::Texture::LINEAR);
    texture->setWrap(osg::Texture::WRAP_S, osg::Texture::REPEAT);
    texture->setWrap(osg::Texture::WRAP_T, osg::Texture::REPEAT);
    texture->setResizeNonPowerOfTwoHint(false);
    texture->setMaxAnisotropy(4.0f);
    return texture;
}

/// True when most triangles wind clockwise seen from the side their normals face: files from
/// DirectX tools (0 A.D.'s PMD meshes, converted verbatim) do, and back-face culling would
/// then show their insides. Normals are what the author set, so they decide.
bool windsAgainstNormals(const models::MeshPart& part) {
    if (part.normals.size() != part.positions.size())
        return false;
    auto at = [&](std::uint32_t i) {
        return osg::Vec3(part.positions[i][0], part.positions[i][1], part.positions[i][2]);
    };
    auto normal = [&](std::uint32_t i) {
        return osg::Vec3(part.normals[i][0], part.normals[i][1], part.normals[i][2]);
    };
    std::size_t against = 0, along = 0;
    for (std::size_t t = 0; t + 2 < part.indices.size(); t += 3) {
        const std::uint32_t i0 = part.indices[t], i1 = part.indices[t + 1],
                            i2 = part.indices[t + 2];
        const osg::Vec3 face = (at(i1) - at(i0)) ^ (at(i2) - at(i0));
        const float d = face * (normal(i0) + normal(i1) + normal(i2));
        if (d < 0)
            ++against;
        else if (d > 0)
            ++along;
    }
    return against > 2 * along;
}

osg::ref_ptr<osg::Geometry> geometryOf(const models::MeshPart& part) {
    osg::ref_ptr<osg::Geometry> g = new osg::Geometry;
    g->setName(part.name);
    g->setUseVertexBufferObjects(true);
    g->setUseDisplayList(false);
    osg::ref_ptr<osg::Vec3Array> v = new osg::Vec3Array;
    v->reserve(part.positions.size());
    for (const auto& p : part.positions)
        v->push_back({p[0], p[1], p[2]});
    g->setVertexArray(v);
    if (!part.uvs.empty()) {
        osg::ref_ptr<osg::Vec2Array> uv = new osg::Vec2Array;
        uv->reserve(part.uvs.size());
        // The worker sends Assimp's UVs, v = 0 at the bottom of the image (Assimp flips glTF's
        // to that), while the texture's first (top) row sits at t = 0: so t = 1 - v.
        for (const auto& t : part.uvs)
            uv->push_back({t[0], 1.0f - t[1]});
        g->setTexCoordArray(0, uv, osg::Array::BIND_PER_VERTEX);
    }
    osg::ref_ptr<osg::DrawElementsUInt> tris = new osg::DrawElementsUInt(GL_TRIANGLES);
    tris->assign(part.indices.begin(), part.indices.end());
    if (windsAgainstNormals(part)) {
        for (std::size_t t = 0; t + 2 < tris->size(); t += 3)
            std::swap((*tris)[t + 1], (*tris)[t + 2]);
    }
    g->addPrimitiveSet(tris);
    if (part.normals.empty()) {
        osgUtil::SmoothingVisitor::smooth(*g);
    } else {
        osg::ref_ptr<osg::Vec3Array> n = new osg::Vec3Array;
        n->reserve(part.normals.size());
        for (const auto& q : part.normals)
            n->push_back({q[0], q[1], q[2]});
        g->setNormalArray(n, osg::Array::BIND_PER_VERTEX);
    }
    return g;
}

/// The material of a part as uniforms and modes on its state set.
void applyMaterial(osg::StateSet* ss, const Material& m, osg::Texture2D* texture, bool hasUvs) {
    ss->addUniform(new osg::Uniform("baseColor",
                                    osg::Vec4(toDisplay(m.baseColor[0]), toDisplay(m.baseColor[1]),
                                              toDisplay(m.baseColor[2]), m.baseColor[3])));
    ss->addUniform(new osg::Uniform("metallic", m.metallic));
    ss->addUniform(new osg::Uniform("roughness", m.roughness));
    ss->addUniform(new osg::Uniform(
        "emissive",
        osg::Vec3(toDisplay(m.emissive[0]), toDisplay(m.emissive[1]), toDisplay(m.emissive[2]))));
    const bool textured = texture && hasUvs;
    ss->addUniform(new osg::Uniform("hasBaseColorMap", textured));
    if (textured)
        ss->setTextureAttribute(0, texture);
    // Below the cutoff a fragment is discarded: the define compiles the discard in for masked
    // materials alone (model.frag says why).
    if (m.alpha == Material::Alpha::Mask) {
        ss->addUniform(new osg::Uniform("alphaCutoff", m.alphaCutoff));
        ss->setDefine("CUNJING_ALPHA_MASK");
    }
    ss->addUniform(new osg::Uniform("alphaBlend", m.alpha == Material::Alpha::Blend));
    ss->addUniform(new osg::Uniform("doubleSided", m.doubleSided));
    if (m.doubleSided)
        ss->setMode(GL_CULL_FACE, osg::StateAttribute::OFF);
    if (m.alpha == Material::Alpha::Blend) {
        ss->setMode(GL_BLEND, osg::StateAttribute::ON);
        ss->setAttribute(new osg::BlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA));
        // LEQUAL: a ghost laid over an identical model (a compare overlay) still shows.
        ss->setAttribute(new osg::Depth(osg::Depth::LEQUAL, 0.0, 1.0, false));
        ss->setRenderingHint(osg::StateSet::TRANSPARENT_BIN);
    }
}

}  // namespace

osg::ref_ptr<osg::MatrixTransform> modelNode(const SceneModel& model, int index) {
    osg::ref_ptr<osg::MatrixTransform> node = new osg::MatrixTransform;
    node->setName("model:" + std::to_string(index));
    node->setMatrix(osg::Matrixd(model.toLocal.data()));
    osg::StateSet* ss = node->getOrCreateStateSet();
    ss->setAttributeAndModes(shaderProgram("model"));
    ss->addUniform(new osg::Uniform("baseColorMap", 0));
    // The shadow sampler must not share unit 0 with the base colour map (GL refuses the draw
    // when two sampler types meet on one unit), also where no scene root sets it.
    ss->addUniform(new osg::Uniform("shadowTexture", int(kShadowTextureUnit)));
    ss->addUniform(new osg::Uniform("modelUntextured", false));
    ss->addUniform(new osg::Uniform("modelXray", false));

    std::map<int, osg::ref_ptr<osg::Texture2D>> textures;  // shared by the parts that use one
    const auto& imported = model.model;
    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    for (const models::MeshPart& part : imported.meshes) {
        if (part.indices.empty())
            continue;
        osg::ref_ptr<osg::Geometry> g = geometryOf(part);
        const bool hasMaterial =
            part.material >= 0 && std::size_t(part.material) < imported.materials.size();
        const Material material = hasMaterial ? imported.materials[part.material] : Material{};
        osg::Texture2D* texture = nullptr;
        const int ti = material.baseColorTexture;
        if (ti >= 0 && std::size_t(ti) < imported.textures.size()) {
            auto it = textures.find(ti);
            if (it == textures.end())
                it = textures.emplace(ti, textureOf(imported.textures[ti])).first;
            texture = it->second.get();
        }
        applyMaterial(g->getOrCreateStateSet(), material, texture, !part.uvs.empty());
        geode->addDrawable(g);
    }
    node->addChild(geode);
    return node;
}

void setModelUntextured(osg::Node& node, bool on) {
    node.getOrCreateStateSet()->getOrCreateUniform("modelUntextured", osg::Uniform::BOOL)->set(on);
}

void setModelXray(osg::Node& node, bool on) {
    osg::StateSet* ss = node.getOrCreateStateSet();
    ss->getOrCreateUniform("modelXray", osg::Uniform::BOOL)->set(on);
    if (on) {
        ss->setMode(GL_BLEND, osg::StateAttribute::ON);
        ss->setAttribute(new osg::BlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA));
        // LEQUAL: a ghost laid over an identical model (a compare overlay) still shows.
        ss->setAttribute(new osg::Depth(osg::Depth::LEQUAL, 0.0, 1.0, false));
        ss->setRenderingHint(osg::StateSet::TRANSPARENT_BIN);
    } else {
        ss->removeMode(GL_BLEND);
        ss->removeAttribute(osg::StateAttribute::BLENDFUNC);
        ss->removeAttribute(osg::StateAttribute::DEPTH);
        ss->setRenderBinToInherit();
    }
}

}  // namespace cunjing::scene
