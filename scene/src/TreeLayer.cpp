#include <cunjing/scene/TreeLayer.h>

#include <cunjing/heritage/TreeModels.h>
#include <cunjing/scene/BuildingBatches.h>
#include <cunjing/scene/SceneGraph.h>
#include <cunjing/scene/Shaders.h>

#include <osg/Geode>
#include <osg/LOD>
#include <osg/MatrixTransform>
#include <osg/PagedLOD>

#include "Instancing.h"
#include "Paging.h"
#include "TileGrid.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>

namespace cunjing::scene {

namespace {

using detail::floorDiv;
using detail::geodeOf;
using detail::halfDiagonal;
using detail::squareLod;

constexpr double kPi = 3.14159265358979323846;
/// Height every template is built at; trees are scaled from it by at most the bin steps.
constexpr double kTemplateHeight = 12.0;
/// Cluster cell of a tree's far blob, as a share of its height [E].
constexpr double kFarCell = 0.15;
/// Cluster cell of a group's blob (a county's trees seen from kilometres), share of height [E].
constexpr double kGroupCell = 0.35;
/// Proportions are binned on log steps: a tree's template differs from its own proportions
/// by at most half a step (crown/height within ±12 %, trunk/height within ±14 %), and the
/// transform then makes its height and crown exact.
constexpr double kAspectStep = 1.25, kTrunkStep = 1.3;
/// Templates per species and proportions: enough that neighbours in a grove differ.
constexpr std::uint32_t kVariants = 3;

/// One shared template: a species in one variant and binned proportions, every detail.
struct Template {
    osg::ref_ptr<osg::Geometry> full, simple, far;
    double heightM = 0, crownM = 0;
};
using TemplateKey = std::tuple<int, std::uint32_t, int, int>;

int bin(double ratio, double step) {
    return int(std::lround(std::log(ratio) / std::log(step)));
}

/// Seeds from ids; ids that are not unique in the scene (a plan's trees are all "planted")
/// get their position folded in so they still differ.
std::vector<std::uint32_t> treeSeeds(const std::vector<heritage::AncientTree>& trees) {
    std::unordered_map<std::string, int> uses;
    for (const auto& t : trees)
        ++uses[t.id];
    std::vector<std::uint32_t> seeds;
    for (const auto& t : trees) {
        std::string key = t.id;
        if (t.id.empty() || uses[t.id] > 1)
            key += "@" + std::to_string(std::lround(t.x * 10)) + "," +
                   std::to_string(std::lround(t.y * 10));
        seeds.push_back(heritage::treeSeed(key));
    }
    return seeds;
}

class TemplateCache {
public:
    const Template& get(const heritage::TreeShape& tree, std::uint32_t variant) {
        const double dbh =
            tree.dbhCm > 0 ? tree.dbhCm : heritage::defaultDbhCm(tree.species, tree.heightM);
        const int aspect = bin(tree.crownM / tree.heightM, kAspectStep);
        const int trunk = bin(dbh / 100.0 / tree.heightM, kTrunkStep);
        const TemplateKey key{int(tree.species), variant, aspect, trunk};
        auto it = templates_.find(key);
        if (it != templates_.end())
            return it->second;
        heritage::TreeShape shape;
        shape.species = tree.species;
        shape.heightM = kTemplateHeight;
        shape.crownM = kTemplateHeight * std::pow(kAspectStep, aspect);
        shape.dbhCm = 100.0 * kTemplateHeight * std::pow(kTrunkStep, trunk);
        shape.seed = 1009u * variant + 17u;
        Template t;
        t.full = meshGeometry(heritage::treeModel(shape, heritage::TreeDetail::Full));
        const geo::Mesh simple = heritage::treeModel(shape, heritage::TreeDetail::Simple);
        t.simple = meshGeometry(simple);
        t.far = meshGeometry(clusterMesh(simple, kFarCell * kTemplateHeight));
        t.heightM = shape.heightM;
        t.crownM = shape.crownM;
        return templates_.emplace(key, std::move(t)).first->second;
    }

    /// A species' blob for far tiles and groups: its variant-0 template of typical
    /// proportions clustered at `cell` of its height; instances are scaled to each tree.
    const Template& blob(heritage::TreeSpecies species, double cell) {
        const auto key = std::pair{int(species), cell};
        auto it = blobs_.find(key);
        if (it != blobs_.end())
            return it->second;
        heritage::TreeShape shape;
        shape.species = species;
        shape.heightM = kTemplateHeight;
        shape.crownM = kTemplateHeight;
        shape.seed = 17u;
        Template t;
        t.far = meshGeometry(clusterMesh(heritage::treeModel(shape, heritage::TreeDetail::Simple),
                                         cell * kTemplateHeight));
        t.heightM = shape.heightM;
        t.crownM = shape.crownM;
        return blobs_.emplace(key, std::move(t)).first->second;
    }

private:
    std::map<TemplateKey, Template> templates_;
    std::map<std::pair<int, double>, Template> blobs_;
};

/// The frame benchmark's baseline: one tree, full detail at any distance, as its own node
/// (named by the tree's id) under its own transform.
osg::ref_ptr<osg::Node> naiveTree(const Template& t, const heritage::TreeShape& shape,
                                  const osg::Vec3d& base, std::uint32_t seed) {
    const double sxy = shape.crownM / t.crownM, sz = shape.heightM / t.heightM;
    const double yaw = double(seed % 3600u) * (2 * kPi / 3600.0);
    osg::ref_ptr<osg::MatrixTransform> xf = new osg::MatrixTransform(
        osg::Matrixd::scale(sxy, sxy, sz) * osg::Matrixd::rotate(yaw, osg::Vec3d(0, 0, 1)) *
        osg::Matrixd::translate(base));
    xf->addChild(geodeOf(t.full.get()));
    return xf;
}

/// The trees a pickable instanced drawable draws, by instance: indices into SceneData::trees.
class TreeIds : public osg::Referenced {
public:
    TreeIds(std::vector<std::uint32_t> trees, unsigned trianglesPerInstance)
        : ids(std::move(trees)), triangles(trianglesPerInstance) {}
    std::vector<std::uint32_t> ids;
    unsigned triangles = 0;
};

/// A tree as instanced: its index, base and yaw, and its size.
struct Planted {
    std::uint32_t tree = 0;
    osg::Vec4 place;  ///< x, y, z of the base; yaw
    double heightM = 0, crownM = 0;
    heritage::TreeSpecies species = heritage::TreeSpecies::Broadleaf;
    const Template* shape = nullptr;  ///< its own template (full and simple details)
};

/// One draw call: `geometry` (of template `t`) once for each of `trees`, scaled to each.
osg::ref_ptr<osg::Geode> instanced(const osg::Geometry& geometry, const Template& t,
                                   const std::vector<const Planted*>& trees) {
    osg::ref_ptr<osg::Vec4Array> place = new osg::Vec4Array;
    osg::ref_ptr<osg::Vec2Array> size = new osg::Vec2Array;
    osg::BoundingBox box;
    std::vector<std::uint32_t> ids;
    for (const Planted* p : trees) {
        place->push_back(p->place);
        size->push_back(osg::Vec2(float(p->crownM / t.crownM), float(p->heightM / t.heightM)));
        const double r = 0.6 * p->crownM;
        box.expandBy(p->place.x() - r, p->place.y() - r, p->place.z() - 0.5);
        box.expandBy(p->place.x() + r, p->place.y() + r, p->place.z() + p->heightM);
        ids.push_back(p->tree);
    }
    osg::ref_ptr<detail::PickableInstances> g =
        new detail::PickableInstances(geometry, place, size, box);
    g->setUserData(new TreeIds(std::move(ids), g->trianglesPerInstance()));
    return geodeOf(g.get());
}

/// One draw call a template (its `level` geometry) over `trees`.
osg::ref_ptr<osg::Group> byTemplate(const std::vector<const Planted*>& trees,
                                    osg::ref_ptr<osg::Geometry> Template::*level) {
    std::map<const Template*, std::vector<const Planted*>> groups;
    for (const Planted* p : trees)
        groups[p->shape].push_back(p);
    osg::ref_ptr<osg::Group> out = new osg::Group;
    for (const auto& [t, members] : groups)
        out->addChild(instanced(*(t->*level), *t, members));
    return out;
}

/// One draw call a species' blob over `trees`.
osg::ref_ptr<osg::Group> bySpecies(const std::vector<const Planted*>& trees, TemplateCache& cache,
                                   double cell) {
    std::map<heritage::TreeSpecies, std::vector<const Planted*>> groups;
    for (const Planted* p : trees)
        groups[p->species].push_back(p);
    osg::ref_ptr<osg::Group> out = new osg::Group;
    for (const auto& [species, members] : groups) {
        const Template& blob = cache.blob(species, cell);
        out->addChild(instanced(*blob.far, blob, members));
    }
    return out;
}

/// A tree's ring on the ground `ground` gives.
geo::Mesh ringMesh(const std::function<double(double, double)>& ground,
                   const heritage::AncientTree& tree, const TreeLayerOptions& options);

}  // namespace

geo::Rgba gradeRingColor(heritage::TreeGrade grade) {
    switch (grade) {
        case heritage::TreeGrade::One:
            return {0.86f, 0.10f, 0.08f, 1};
        case heritage::TreeGrade::Two:
            return {0.96f, 0.52f, 0.06f, 1};
        case heritage::TreeGrade::Three:
            return {0.92f, 0.84f, 0.16f, 1};
        case heritage::TreeGrade::Famous:
            return {0.58f, 0.22f, 0.76f, 1};
        case heritage::TreeGrade::None:
            break;
    }
    return {1, 1, 1, 1};
}

geo::Mesh gradeRing(const SceneData& data, const heritage::AncientTree& tree,
                    const TreeLayerOptions& options) {
    return ringMesh([&data](double x, double y) { return data.groundHeight(x, y); }, tree, options);
}

namespace {

geo::Mesh ringMesh(const std::function<double(double, double)>& ground,
                   const heritage::AncientTree& tree, const TreeLayerOptions& options) {
    geo::Mesh ring;
    const heritage::TreeGrade grade = tree.grade();
    if (grade == heritage::TreeGrade::None)
        return ring;
    const double radius = 0.5 * std::max(tree.crownM, 0.0) + options.protectionMarginM;
    const double half = 0.5 * options.ringWidthM;
    // Segments about 1.5 m long follow the ground's relief; lifted clear of the terrain
    // triangles between the sampled points.
    const int segments = std::clamp(int(2 * kPi * radius / 1.5), 32, 256);
    const float lift = 0.2f;
    const geo::Rgba color = gradeRingColor(grade);
    for (int i = 0; i <= segments; ++i) {
        const double a = 2 * kPi * i / segments;
        for (double r : {radius - half, radius + half}) {
            const double x = tree.x + r * std::cos(a), y = tree.y + r * std::sin(a);
            ring.positions.push_back({float(x), float(y), float(ground(x, y)) + lift});
            ring.normals.push_back({0, 0, 1});
            ring.colors.push_back(color);
        }
    }
    for (std::uint32_t i = 0; i < std::uint32_t(segments); ++i) {
        const std::uint32_t k = 2 * i;  // k inner, k + 1 outer; counter-clockwise from above
        ring.indices.insert(ring.indices.end(), {k, k + 1, k + 3, k, k + 3, k + 2});
    }
    return ring;
}

osg::ref_ptr<osg::Node> ringTiles(const SceneData& data, const TreeLayerOptions& options) {
    using Key = std::pair<long, long>;
    auto graded = std::make_shared<std::map<Key, std::vector<heritage::AncientTree>>>();
    for (const heritage::AncientTree& tree : data.trees) {
        if (tree.grade() != heritage::TreeGrade::None)
            (*graded)[{long(std::floor(tree.x / options.tileM)),
                       long(std::floor(tree.y / options.tileM))}]
                .push_back(tree);
    }
    osg::ref_ptr<osg::Group> rings = new osg::Group;
    rings->setName("tree-grade-rings");
    if (graded->empty())
        return rings;
    osg::ref_ptr<detail::TileMaker> maker =
        new detail::TileMaker("cunjing-rings",
                              [graded, options, ground = data.groundSampler()](
                                  long x, long y) -> osg::ref_ptr<osg::Node> {
                                  const auto it = graded->find({x, y});
                                  if (it == graded->end())
                                      return nullptr;
                                  geo::Mesh mesh;
                                  for (const heritage::AncientTree& tree : it->second)
                                      mesh.append(ringMesh(ground, tree, options));
                                  return meshNode(mesh);
                              });
    osg::ref_ptr<osgDB::Options> paging = maker->options();
    const float range = float(options.ringsM) + halfDiagonal(options.tileM);
    for (const auto& [tile, trees] : *graded) {
        osg::ref_ptr<osg::PagedLOD> lod = new osg::PagedLOD;
        lod->setCenterMode(osg::LOD::USER_DEFINED_CENTER);
        const heritage::AncientTree& first = trees.front();
        lod->setCenter(osg::Vec3(float((double(tile.first) + 0.5) * options.tileM),
                                 float((double(tile.second) + 0.5) * options.tileM),
                                 float(data.groundHeight(first.x, first.y))));
        // A PagedLOD's bound is its loaded children's: give it the tile's, so culling can ask
        // for the rings before any is loaded.
        lod->setRadius(halfDiagonal(options.tileM) + 60.0f);
        lod->setFileName(0, maker->fileName(tile.first, tile.second));
        lod->setRange(0, 0.0f, range);
        lod->setDatabaseOptions(paging.get());
        rings->addChild(lod);
    }
    return rings;
}

}  // namespace

osg::ref_ptr<osg::Group> treeLayer(const SceneData& data, const TreeLayerOptions& options) {
    osg::ref_ptr<osg::Group> layer = new osg::Group;
    layer->setName("tree-layer");
    layer->getOrCreateStateSet()->setAttributeAndModes(shaderProgram("lit"));
    layer->getOrCreateStateSet()->setDefine(kVertexLightDefine);  // the low preset's (Shaders.h)
    osg::ref_ptr<osg::Group> trees = new osg::Group;
    trees->setName("trees");
    TemplateCache cache;
    const std::vector<std::uint32_t> seeds = treeSeeds(data.trees);
    std::vector<Planted> planted;
    planted.reserve(data.trees.size());
    for (std::size_t i = 0; i < data.trees.size(); ++i) {
        const heritage::AncientTree& tree = data.trees[i];
        heritage::TreeShape shape = heritage::treeShape(tree);
        shape.heightM = std::clamp(std::isfinite(shape.heightM) ? shape.heightM : 12.0, 1.5, 80.0);
        shape.crownM = std::clamp(std::isfinite(shape.crownM) ? shape.crownM : 10.0, 0.5, 80.0);
        const Template& t = cache.get(shape, seeds[i] % kVariants);
        const osg::Vec3d base(tree.x, tree.y, data.groundHeight(tree.x, tree.y));
        if (options.naive) {
            osg::ref_ptr<osg::Node> node = naiveTree(t, shape, base, seeds[i]);
            node->setName(tree.id);
            trees->addChild(node);
            continue;
        }
        const double yaw = double(seeds[i] % 3600u) * (2 * kPi / 3600.0);
        planted.push_back({std::uint32_t(i),
                           osg::Vec4(float(base.x()), float(base.y()), float(base.z()), float(yaw)),
                           shape.heightM, shape.crownM, shape.species, &t});
    }

    // Tiles, each an LOD of three levels, by group, each an LOD of its tiles and its blobs.
    using Key = std::pair<long, long>;
    std::map<Key, std::map<Key, std::vector<const Planted*>>> groups;
    for (const Planted& p : planted) {
        const Key tile{long(std::floor(p.place.x() / options.tileM)),
                       long(std::floor(p.place.y() / options.tileM))};
        groups[{floorDiv(tile.first, options.tilesPerGroup),
                floorDiv(tile.second, options.tilesPerGroup)}][tile]
            .push_back(&p);
    }
    const float half = halfDiagonal(options.tileM);
    const float fullTo = float(options.fullDetailM) + half;
    const float simpleTo = float(std::max(options.simpleM, options.fullDetailM)) + half;
    const double groupSide = options.tileM * options.tilesPerGroup;
    for (const auto& [group, tiles] : groups) {
        osg::ref_ptr<osg::Group> near = new osg::Group;
        std::vector<const Planted*> all;
        double zSum = 0;
        for (const auto& [tile, members] : tiles) {
            double z = 0;
            for (const Planted* p : members)
                z += p->place.z() / double(members.size());
            zSum += z;
            osg::ref_ptr<osg::LOD> lod =
                squareLod(double(tile.first) * options.tileM, double(tile.second) * options.tileM,
                          options.tileM, z);
            lod->addChild(byTemplate(members, &Template::full), 0.0f, fullTo);
            lod->addChild(byTemplate(members, &Template::simple), fullTo, simpleTo);
            lod->addChild(bySpecies(members, cache, kFarCell), simpleTo, 1e30f);
            lod->setName("tree-tile");
            near->addChild(lod);
            all.insert(all.end(), members.begin(), members.end());
        }
        osg::ref_ptr<osg::LOD> lod =
            squareLod(double(group.first) * groupSide, double(group.second) * groupSide, groupSide,
                      zSum / double(tiles.size()));
        const float switchAt = float(options.groupM) + halfDiagonal(groupSide);
        lod->addChild(near, 0.0f, switchAt);
        lod->addChild(bySpecies(all, cache, kGroupCell), switchAt,
                      float(options.farM) + halfDiagonal(groupSide));
        lod->setName("tree-group");
        trees->addChild(lod);
    }
    layer->addChild(trees);
    if (options.naive) {
        geo::Mesh rings;
        for (const heritage::AncientTree& tree : data.trees)
            rings.append(gradeRing(data, tree, options));
        if (!rings.empty()) {
            osg::ref_ptr<osg::Node> ringNode = meshNode(rings);
            ringNode->setName("tree-grade-rings");
            layer->addChild(ringNode);
        }
    } else {
        layer->addChild(ringTiles(data, options));
    }
    return layer;
}

std::optional<std::size_t> treeAt(const osg::Drawable* drawable, unsigned primitiveIndex) {
    const auto* ids = drawable ? dynamic_cast<const TreeIds*>(drawable->getUserData()) : nullptr;
    if (!ids || ids->triangles == 0)
        return std::nullopt;
    const std::size_t instance = primitiveIndex / ids->triangles;
    if (instance >= ids->ids.size())
        return std::nullopt;
    return ids->ids[instance];
}

}  // namespace cunjing::scene
