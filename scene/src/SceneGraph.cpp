#include <cunjing/scene/SceneGraph.h>

#include <cunjing/scene/LodTerrain.h>
#include <cunjing/scene/Shaders.h>

#include <osg/CullFace>
#include <osg/Depth>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/Texture2D>

#include <algorithm>
#include <cmath>

namespace cunjing::scene {

namespace {

constexpr double kPi = 3.14159265358979323846;

osg::Vec3 sunDirection(const Lighting& l) {
    const double az = l.sunAzimuthDeg * kPi / 180.0, el = l.sunElevationDeg * kPi / 180.0;
    return osg::Vec3(float(std::sin(az) * std::cos(el)), float(std::cos(az) * std::cos(el)),
                     float(std::sin(el)));
}

/// Uniforms every shader of ours reads, set once on the root.
void addLightingUniforms(osg::StateSet* ss, const Lighting& l, double sceneSize) {
    ss->addUniform(new osg::Uniform("sunDirection", sunDirection(l)));
    ss->addUniform(new osg::Uniform("sunColor", osg::Vec3(1.0f, 0.95f, 0.86f) * 0.85f));
    ss->addUniform(new osg::Uniform("skyAmbient", osg::Vec3(0.52f, 0.58f, 0.66f)));
    ss->addUniform(new osg::Uniform("hazeColor", osg::Vec3(0.78f, 0.84f, 0.88f)));
    ss->addUniform(new osg::Uniform("zenithColor", osg::Vec3(0.36f, 0.56f, 0.80f)));
    // Haze thick enough to give depth to a village scene, thin enough to see a county.
    ss->addUniform(new osg::Uniform("hazeDistance", float(std::max(800.0, sceneSize * 2.5))));
}

/// A full-screen sky drawn first, behind everything (depth test passes only on empty sky).
osg::ref_ptr<osg::Node> skyNode() {
    osg::ref_ptr<osg::Geometry> quad = new osg::Geometry;
    osg::ref_ptr<osg::Vec3Array> v = new osg::Vec3Array;
    v->push_back({-1, -1, 0});
    v->push_back({1, -1, 0});
    v->push_back({1, 1, 0});
    v->push_back({-1, 1, 0});
    quad->setVertexArray(v);
    quad->addPrimitiveSet(new osg::DrawArrays(GL_QUADS, 0, 4));
    quad->setCullingActive(false);
    // Clip-space vertices: no sensible bounds, and the sky must never be culled.
    quad->setComputeBoundingBoxCallback(nullptr);
    quad->setInitialBound(osg::BoundingBox(-1, -1, -1, 1, 1, 1));
    osg::StateSet* ss = quad->getOrCreateStateSet();
    ss->setAttributeAndModes(shaderProgram("sky"));
    ss->setAttributeAndModes(new osg::Depth(osg::Depth::LEQUAL, 0.0, 1.0, false));
    ss->setRenderBinDetails(-10, "RenderBin");
    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    geode->addDrawable(quad);
    geode->setCullingActive(false);
    geode->setName("sky");
    return geode;
}

/// Binds the scene's imagery (if any) for the terrain shader: texture unit 0, and the local
/// rectangle it covers so the shader finds texture coordinates from the position alone (any
/// terrain geometry works: one grid or LOD tiles). imageryOn is always set, so a program
/// shared with another scene never keeps its value.
void addTerrainImagery(osg::StateSet* ss, const SceneData& data) {
    ss->addUniform(new osg::Uniform("imageryOn", data.imagery ? 1.0f : 0.0f));
    if (!data.imagery)
        return;
    const terrain::Imagery& im = *data.imagery;
    osg::ref_ptr<osg::Image> image = new osg::Image;
    auto* pixels = new unsigned char[im.rgba.size()];
    std::copy(im.rgba.begin(), im.rgba.end(), pixels);
    image->setImage(im.width, im.height, 1, GL_RGBA8, GL_RGBA, GL_UNSIGNED_BYTE, pixels,
                    osg::Image::USE_NEW_DELETE);
    osg::ref_ptr<osg::Texture2D> texture = new osg::Texture2D(image);
    texture->setFilter(osg::Texture::MIN_FILTER, osg::Texture::LINEAR_MIPMAP_LINEAR);
    texture->setFilter(osg::Texture::MAG_FILTER, osg::Texture::LINEAR);
    texture->setWrap(osg::Texture::WRAP_S, osg::Texture::CLAMP_TO_EDGE);
    texture->setWrap(osg::Texture::WRAP_T, osg::Texture::CLAMP_TO_EDGE);
    texture->setResizeNonPowerOfTwoHint(false);
    texture->setMaxAnisotropy(4.0f);
    ss->setTextureAttribute(0, texture);
    ss->addUniform(new osg::Uniform("imagery", 0));
    const double w = im.extent[2] - im.extent[0], h = im.extent[3] - im.extent[1];
    ss->addUniform(new osg::Uniform("imageryRect", osg::Vec4(float(im.extent[0] - data.originX),
                                                             float(im.extent[1] - data.originY),
                                                             float(1.0 / w), float(1.0 / h))));
}

}  // namespace

osg::ref_ptr<osg::Node> meshNode(const geo::Mesh& mesh) {
    osg::ref_ptr<osg::Geometry> g = new osg::Geometry;
    g->setUseVertexBufferObjects(true);
    g->setUseDisplayList(false);
    osg::ref_ptr<osg::Vec3Array> v = new osg::Vec3Array;
    osg::ref_ptr<osg::Vec3Array> n = new osg::Vec3Array;
    osg::ref_ptr<osg::Vec4Array> c = new osg::Vec4Array;
    v->reserve(mesh.positions.size());
    for (const auto& p : mesh.positions)
        v->push_back({p.x, p.y, p.z});
    for (const auto& q : mesh.normals)
        n->push_back({q.x, q.y, q.z});
    for (const auto& q : mesh.colors)
        c->push_back({q.r, q.g, q.b, q.a});
    g->setVertexArray(v);
    g->setNormalArray(n, osg::Array::BIND_PER_VERTEX);
    g->setColorArray(c, osg::Array::BIND_PER_VERTEX);
    // Every mesh carries the array (zeros when Plain), so no draw sees a stale attribute.
    osg::ref_ptr<osg::FloatArray> surface = new osg::FloatArray(mesh.positions.size());
    for (std::size_t i = 0; i < mesh.surfaces.size() && i < surface->size(); ++i)
        (*surface)[i] = float(mesh.surfaces[i]);
    g->setVertexAttribArray(kSurfaceAttribute, surface, osg::Array::BIND_PER_VERTEX);
    osg::ref_ptr<osg::DrawElementsUInt> tris = new osg::DrawElementsUInt(GL_TRIANGLES);
    tris->assign(mesh.indices.begin(), mesh.indices.end());
    g->addPrimitiveSet(tris);
    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    geode->addDrawable(g);
    return geode;
}

namespace {

/// An ellipsoid lobe of a crown, slightly lumpy so clusters of them read as foliage.
void addLobe(geo::Mesh& out, const geo::Vec3f& c, float rx, float rz, const geo::Rgba& leaf,
             float seed) {
    const int rings = 6, segs = 10;
    const auto first = static_cast<std::uint32_t>(out.positions.size());
    for (int r = 0; r <= rings; ++r) {
        const float phi = float(kPi * r / rings);
        for (int s = 0; s <= segs; ++s) {
            const float th = float(2 * kPi * s / segs);
            const float lump = 1.0f + 0.10f * std::sin(3 * th + seed) * std::sin(2 * phi);
            const geo::Vec3f d{std::sin(phi) * std::cos(th), std::sin(phi) * std::sin(th),
                               std::cos(phi)};
            out.positions.push_back(
                {c.x + rx * lump * d.x, c.y + rx * lump * d.y, c.z + rz * lump * d.z});
            geo::Vec3f n{d.x / rx, d.y / rx, d.z / rz};
            const float len = std::sqrt(n.x * n.x + n.y * n.y + n.z * n.z);
            out.normals.push_back({n.x / len, n.y / len, n.z / len});
            // Lower leaves are in the crown's own shade.
            const float shade = 0.75f + 0.25f * (1.0f - float(r) / rings);
            out.colors.push_back({leaf.r * shade, leaf.g * shade, leaf.b * shade, 1});
        }
    }
    for (std::uint32_t r = 0; r < std::uint32_t(rings); ++r) {
        for (std::uint32_t s = 0; s < std::uint32_t(segs); ++s) {
            const std::uint32_t a = first + r * (segs + 1) + s, b = a + segs + 1;
            out.indices.insert(out.indices.end(), {a, b, a + 1, a + 1, b, b + 1});
        }
    }
}

/// An open cylinder, for trunks.
void addTrunk(geo::Mesh& out, const geo::Vec3f& base, float radius, float top,
              const geo::Rgba& bark) {
    const int sides = 8;
    const auto first = static_cast<std::uint32_t>(out.positions.size());
    for (int i = 0; i <= sides; ++i) {
        const float a = float(2 * kPi * i / sides);
        const geo::Vec3f nrm{std::cos(a), std::sin(a), 0};
        for (float z : {-0.5f, top}) {
            out.positions.push_back({base.x + radius * nrm.x, base.y + radius * nrm.y, base.z + z});
            out.normals.push_back(nrm);
            out.colors.push_back(bark);
        }
    }
    for (std::uint32_t i = 0; i < std::uint32_t(sides); ++i) {
        const std::uint32_t a = first + 2 * i;
        out.indices.insert(out.indices.end(), {a, a + 2, a + 3, a, a + 3, a + 1});
    }
}

}  // namespace

geo::Mesh treeMesh(const heritage::AncientTree& tree, const geo::Vec3f& base) {
    geo::Mesh out;
    const bool banyan = tree.speciesCn.find("榕") != std::string::npos;
    const float h = float(std::clamp(tree.heightM, 2.0, 60.0));
    const float crown = float(std::clamp(tree.crownM, 1.0, 60.0));
    const float crownBase = h * (banyan ? 0.35f : 0.45f);
    const geo::Rgba bark{0.36f, 0.29f, 0.22f, 1};
    const geo::Rgba leaf =
        banyan ? geo::Rgba{0.19f, 0.34f, 0.15f, 1} : geo::Rgba{0.24f, 0.40f, 0.18f, 1};
    addTrunk(out, base, std::max(0.15f, crown * (banyan ? 0.05f : 0.035f)), crownBase + 1.0f, bark);
    // A crown of lobes: one central, the rest around it, placed by a hash of the position so
    // every tree differs but renders the same every time.
    const float seed = float(std::fmod(std::abs(tree.x * 12.9898 + tree.y * 78.233), 6.2831));
    const float r = crown * 0.5f, depth = h - crownBase;
    const int side = banyan ? 5 : 3;
    addLobe(out, {base.x, base.y, base.z + h - depth * (banyan ? 0.42f : 0.5f)}, r * 0.7f,
            depth * (banyan ? 0.42f : 0.5f), leaf, seed);
    for (int i = 0; i < side; ++i) {
        const float a = seed + float(2 * kPi * i / side);
        const float lr = r * (banyan ? 0.5f : 0.55f);
        const geo::Vec3f c{base.x + (r - lr) * std::cos(a), base.y + (r - lr) * std::sin(a),
                           base.z + crownBase + depth * (banyan ? 0.35f : 0.4f)};
        addLobe(out, c, lr, depth * (banyan ? 0.32f : 0.4f), leaf, seed + float(i));
    }
    return out;
}

osg::ref_ptr<osg::Group> buildSceneGraph(const SceneData& data, const Lighting& lighting) {
    osg::ref_ptr<osg::Group> root = new osg::Group;
    root->setName(data.description.name.zh);
    const geo::Bounds b = data.bounds();
    const double size = std::max(double(b.max.x - b.min.x), double(b.max.y - b.min.y));
    osg::StateSet* rootState = root->getOrCreateStateSet();
    addLightingUniforms(rootState, lighting, size);
    rootState->setMode(GL_CULL_FACE, osg::StateAttribute::ON);
    rootState->setAttribute(new osg::CullFace(osg::CullFace::BACK));
    root->addChild(skyNode());

    if (data.terrain) {
        // Chunked LOD tiles (of the pyramid, or of the heightfield as flattened); one mesh only
        // if the heightfield cannot be tiled.
        osg::ref_ptr<osg::Node> ground = lodTerrainFor(data);
        if (!ground) {
            ground = meshNode(terrain::heightfieldMesh(*data.terrain, data.originX, data.originY,
                                                       data.exaggeration()));
        }
        ground->setName("terrain");
        osg::StateSet* ss = ground->getOrCreateStateSet();
        ss->setAttributeAndModes(shaderProgram("terrain"));
        ss->addUniform(new osg::Uniform("exaggeration", float(data.exaggeration())));
        ss->addUniform(new osg::Uniform("waterLevel", float(data.description.terrain->waterLevel)));
        ss->addUniform(new osg::Uniform(
            "heightRange", osg::Vec2(float(data.terrain->minHeight() * data.exaggeration()),
                                     float(data.terrain->maxHeight() * data.exaggeration()))));
        addTerrainImagery(ss, data);
        root->addChild(ground);
    }
    osg::ref_ptr<osg::Program> lit = shaderProgram("lit");
    if (!data.buildings.empty()) {
        osg::ref_ptr<osg::Node> buildings = meshNode(data.buildings);
        buildings->setName("buildings");
        buildings->getOrCreateStateSet()->setAttributeAndModes(lit);
        root->addChild(buildings);
    }
    if (!data.trees.empty()) {
        geo::Mesh all;
        for (const auto& t : data.trees) {
            all.append(treeMesh(t, {float(t.x), float(t.y), float(data.groundHeight(t.x, t.y))}));
        }
        osg::ref_ptr<osg::Node> trees = meshNode(all);
        trees->setName("trees");
        trees->getOrCreateStateSet()->setAttributeAndModes(lit);
        root->addChild(trees);
    }
    return root;
}

}  // namespace cunjing::scene
