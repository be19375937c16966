#include <cunjing/scene/SceneGraph.h>

#include <cunjing/heritage/TreeModels.h>
#include <cunjing/scene/BuildingBatches.h>
#include <cunjing/scene/Greenery.h>
#include <cunjing/scene/LodTerrain.h>
#include <cunjing/scene/Look.h>
#include <cunjing/scene/ModelLayer.h>
#include <cunjing/scene/ObliqueLayer.h>
#include <cunjing/scene/Shaders.h>
#include <cunjing/scene/Sunlight.h>
#include <cunjing/scene/TreeLayer.h>
#include <cunjing/scene/VillageLayer.h>
#include <cunjing/scene/ZoneLayer.h>

#include <osg/CullFace>
#include <osg/Depth>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/LightSource>
#include <osg/Texture2D>
#include <osgShadow/ShadowedScene>
#include <osgUtil/RenderBin>

#include <algorithm>
#include <cmath>

namespace cunjing::scene {

namespace {

/// Uniforms every shader of ours reads, set once on the root (applyLighting updates them).
void addLightingUniforms(osg::StateSet* ss, const Lighting& l, double sceneSize) {
    applyLighting(*ss, l);
    // Haze thick enough to give depth to a village scene, thin enough to see a county.
    ss->addUniform(new osg::Uniform("hazeDistance", float(std::max(800.0, sceneSize * 2.5))));
    ss->addUniform(new osg::Uniform("exposure", 1.0f));
    ss->addUniform(new osg::Uniform("waterTime", 0.0f));
}

/// Keeps the sun's light source pointing where the root's "sunDirection" uniform says, so
/// applyLighting (which sets uniforms only) moves the shadows with the sun.
class FollowSunDirection : public osg::NodeCallback {
public:
    explicit FollowSunDirection(osg::StateSet* root) : root_(root) {}
    void operator()(osg::Node* node, osg::NodeVisitor* nv) override {
        osg::ref_ptr<osg::StateSet> root;
        osg::Vec3 direction;
        if (root_.lock(root) && root->getUniform("sunDirection") &&
            root->getUniform("sunDirection")->get(direction)) {
            auto* source = static_cast<osg::LightSource*>(node);
            source->getLight()->setPosition(osg::Vec4(direction, 0.0f));
        }
        traverse(node, nv);
    }

private:
    osg::observer_ptr<osg::StateSet> root_;
};

/// The sun as an osg::LightSource: our shaders read the uniforms, but osgShadow finds the light
/// to cast shadows from among the scene's positioned lights.
osg::ref_ptr<osg::Node> sunLightNode(osg::StateSet* root) {
    osg::ref_ptr<osg::Light> light = new osg::Light(1);
    osg::ref_ptr<osg::LightSource> source = new osg::LightSource;
    source->setLight(light);
    source->setReferenceFrame(osg::LightSource::RELATIVE_RF);
    source->setName("sun-light");
    osg::ref_ptr<FollowSunDirection> follow = new FollowSunDirection(root);
    follow->operator()(source.get(), nullptr);
    source->setCullCallback(follow);
    return source;
}

/// The scene's opaque bin draws its drawables nearest first, the terrain's after them, and
/// then the sky (bin 5) and what is transparent (bin 10). A fragment hidden by one drawn
/// before it fails the depth test before its shader runs (llvmpipe tests depth first when a
/// shader neither discards nor writes depth, as a GPU's early depth test does), so each pixel
/// is shaded about once. osgUtil's default bin sorts by state instead; with a hundred draw calls
/// a frame, state changes cost less than shading what is hidden. The ground is drawn last
/// because what stands on it hides it, and its tiles' centres say little of what is nearest.
/// On the demo's lane view a frame costs 5 % fewer instructions than sorted by state
/// (bench/frame_instructions.sh --only lane); bench_frame --overdraw prints what is shaded.
constexpr const char* kNearestFirstBin = "cunjing.NearestFirst";

void setNearestFirst(osg::StateSet& ss, int bin) {
    static const bool registered = [] {
        osgUtil::RenderBin::addRenderBinPrototype(
            kNearestFirstBin, new osgUtil::RenderBin(osgUtil::RenderBin::SORT_FRONT_TO_BACK));
        return true;
    }();
    (void)registered;
    ss.setRenderBinDetails(bin, kNearestFirstBin);
}

/// A full-screen sky at the far plane, drawn after the opaque bin and before the transparent
/// one: the depth test passes only where nothing was drawn, so only empty sky is shaded (drawn
/// first, it shaded every pixel, which costs on a software renderer).
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
    ss->setRenderBinDetails(5, "RenderBin");
    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    geode->addDrawable(quad);
    geode->setCullingActive(false);
    geode->setName("sky");
    geode->setNodeMask(kCastsNoShadow);
    return geode;
}

/// Binds the scene's imagery (if any) for the terrain shader: texture unit 0, and the local
/// rectangle it covers so the shader finds texture coordinates from the position alone (any
/// terrain geometry works: one grid or LOD tiles). A shader define, not a uniform, says there
/// is one: llvmpipe would sample the texture for every pixel either way of a uniform's branch.
void addTerrainImagery(osg::StateSet* ss, const SceneData& data) {
    if (!data.imagery)
        return;
    ss->setDefine(kImageryDefine);
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

osg::ref_ptr<osg::Geometry> meshGeometry(const geo::Mesh& mesh) {
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
    return g;
}

osg::ref_ptr<osg::Node> meshNode(const geo::Mesh& mesh) {
    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    geode->addDrawable(meshGeometry(mesh));
    return geode;
}

geo::Mesh treeMesh(const heritage::AncientTree& tree, const geo::Vec3f& base) {
    geo::Mesh out = heritage::treeModel(heritage::treeShape(tree));
    for (geo::Vec3f& p : out.positions)
        p = {p.x + base.x, p.y + base.y, p.z + base.z};
    return out;
}

osg::ref_ptr<osg::Node> buildingsNode(const geo::Mesh& mesh, const GraphOptions& options) {
    osg::ref_ptr<osg::Node> node = options.naive ? naiveBuildings(mesh) : batchedBuildings(mesh);
    node->setName("buildings");
    node->getOrCreateStateSet()->setAttributeAndModes(shaderProgram("lit"));
    // One normal a face: the low preset lights them per vertex (lit.vert).
    node->getOrCreateStateSet()->setDefine(kVertexLightDefine);
    return node;
}

osg::ref_ptr<osg::Node> sceneBuildingsNode(const SceneData& data, const GraphOptions& options) {
    if (!data.pagedBuildings)
        return data.buildings.empty() ? nullptr : buildingsNode(data.buildings, options);
    osg::ref_ptr<osg::Group> node = new osg::Group;
    node->setName("buildings");
    node->getOrCreateStateSet()->setAttributeAndModes(shaderProgram("lit"));
    node->getOrCreateStateSet()->setDefine(kVertexLightDefine);
    if (!data.buildings.empty())  // the layouts' ground areas
        node->addChild(options.naive ? naiveBuildings(data.buildings)
                                     : batchedBuildings(data.buildings));
    if (!options.naive) {
        node->addChild(pagedBuildings(data.pagedBuildings));
        return node;
    }
    // The benchmark's baseline: every building made again, a node each (the memory paging
    // saves, spent).
    for (const PlacedBuilding& p : data.placed)
        node->addChild(naiveBuildings(data.pagedBuildings->make(p.id)));
    return node;
}

osg::ref_ptr<osg::Group> buildSceneGraph(const SceneData& data, const Lighting& lighting) {
    return buildSceneGraph(data, lighting, GraphOptions{});
}

osg::ref_ptr<osg::Group> buildSceneGraph(const SceneData& data, const Lighting& lighting,
                                         const GraphOptions& options) {
    return buildSceneGraph(data, lighting, sceneBuildingsNode(data, options), options);
}

osg::ref_ptr<osg::Group> buildSceneGraph(const SceneData& data, const Lighting& lighting,
                                         osg::ref_ptr<osg::Node> buildings,
                                         const GraphOptions& options) {
    // The root draws the sun's shadows when applyLook turns them on (a plain group otherwise).
    osg::ref_ptr<osgShadow::ShadowedScene> root = new osgShadow::ShadowedScene;
    root->setName(data.description.name.zh);
    const geo::Bounds b = data.bounds();
    const double size = std::max(double(b.max.x - b.min.x), double(b.max.y - b.min.y));
    osg::StateSet* rootState = root->getOrCreateStateSet();
    addLightingUniforms(rootState, lighting, size);
    setNearestFirst(*rootState, 0);
    rootState->setMode(GL_CULL_FACE, osg::StateAttribute::ON);
    rootState->setAttribute(new osg::CullFace(osg::CullFace::BACK));
    root->addChild(skyNode());
    root->addChild(sunLightNode(rootState));

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
        setNearestFirst(*ss, 1);  // after what stands on it
        ss->addUniform(new osg::Uniform("exaggeration", float(data.exaggeration())));
        ss->addUniform(new osg::Uniform("waterLevel", float(data.description.terrain->waterLevel)));
        ss->addUniform(new osg::Uniform(
            "heightRange", osg::Vec2(float(data.terrain->minHeight() * data.exaggeration()),
                                     float(data.terrain->maxHeight() * data.exaggeration()))));
        addTerrainImagery(ss, data);
        root->addChild(ground);
    }
    if (buildings)
        root->addChild(buildings);
    for (std::size_t i = 0; i < data.models.size(); ++i)
        root->addChild(modelNode(data.models[i], int(i)));
    for (const ObliqueTileSet& o : data.oblique)
        root->addChild(obliqueNode(o));
    if (!data.trees.empty()) {
        TreeLayerOptions treeOptions;
        treeOptions.naive = options.naive;
        root->addChild(treeLayer(data, treeOptions));
    }
    GreeneryParams greeneryParams;
    greeneryParams.density = data.description.greenery.density;
    const Greenery greenery = planGreenery(data, greeneryParams);
    if (!greenery.plants.empty() || !greenery.plots.empty())
        root->addChild(greeneryLayer(data, greenery, options.naive));
    if (osg::ref_ptr<osg::Group> zones = zoneLayer(data)) {
        zones->setNodeMask(kCastsNoShadow);  // draped on the ground: they cast nothing
        root->addChild(zones);
    }
    if (!data.villages.empty()) {
        osg::ref_ptr<osg::Group> villages = villageLayer(data);
        villages->setNodeMask(kCastsNoShadow);  // markers and labels drawn at screen size
        root->addChild(villages);
    }
    applyLook(*root, lookFor(data.description.look, ""));
    return root;
}

}  // namespace cunjing::scene
