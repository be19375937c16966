#include <cunjing/scene/TreeLayer.h>

#include <cunjing/heritage/TreeModels.h>
#include <cunjing/scene/BuildingBatches.h>
#include <cunjing/scene/SceneGraph.h>
#include <cunjing/scene/Shaders.h>

#include <osg/LOD>
#include <osg/MatrixTransform>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>

namespace cunjing::scene {

namespace {

constexpr double kPi = 3.14159265358979323846;
/// Height every template is built at; trees are scaled from it by at most the bin steps.
constexpr double kTemplateHeight = 12.0;
/// Cluster cell of a tree's far blob, as a share of its height [E].
constexpr double kFarCell = 0.15;
/// Proportions are binned on log steps: a tree's template differs from its own proportions
/// by at most half a step (crown/height within ±12 %, trunk/height within ±14 %), and the
/// transform then makes its height and crown exact.
constexpr double kAspectStep = 1.25, kTrunkStep = 1.3;
/// Templates per species and proportions: enough that neighbours in a grove differ.
constexpr std::uint32_t kVariants = 3;

/// One shared template: a species in one variant and binned proportions, both details.
struct Template {
    osg::ref_ptr<osg::Node> full, simple, far;
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
        t.full = meshNode(heritage::treeModel(shape, heritage::TreeDetail::Full));
        const geo::Mesh simple = heritage::treeModel(shape, heritage::TreeDetail::Simple);
        t.simple = meshNode(simple);
        t.far = meshNode(clusterMesh(simple, kFarCell * kTemplateHeight));
        t.far->setName(std::string(heritage::speciesId(tree.species)) + "-far");
        t.full->setName(std::string(heritage::speciesId(tree.species)) + "-full");
        t.simple->setName(std::string(heritage::speciesId(tree.species)) + "-simple");
        t.heightM = shape.heightM;
        t.crownM = shape.crownM;
        return templates_.emplace(key, std::move(t)).first->second;
    }

private:
    std::map<TemplateKey, Template> templates_;
};

/// One tree: its template's two details under the tree's transform, switched by distance.
/// Shared geometry under a MatrixTransform per tree rather than hardware instancing: a village
/// has tens to hundreds of trees, so a draw call each is cheap, while every tree stays a node
/// of its own (named by its id) for culling, picking and LOD; the lit shader finds world
/// space through the model matrix. County-scale forests would want real instancing.
osg::ref_ptr<osg::LOD> placeTree(const Template& t, const heritage::TreeShape& shape,
                                 const osg::Vec3d& base, std::uint32_t seed,
                                 const TreeLayerOptions& options) {
    const double sxy = shape.crownM / t.crownM, sz = shape.heightM / t.heightM;
    const double yaw = double(seed % 3600u) * (2 * kPi / 3600.0);
    const osg::Matrixd m = osg::Matrixd::scale(sxy, sxy, sz) *
                           osg::Matrixd::rotate(yaw, osg::Vec3d(0, 0, 1)) *
                           osg::Matrixd::translate(base);
    osg::ref_ptr<osg::LOD> lod = new osg::LOD;
    const double size = std::max(shape.heightM, shape.crownM);
    lod->setCenterMode(osg::LOD::USER_DEFINED_CENTER);
    lod->setCenter(base + osg::Vec3d(0, 0, 0.5 * shape.heightM));
    lod->setRadius(0.75 * size);
    const float near = options.naive ? 1e12f : float(options.fullDetailSizes * size);
    const float far = options.naive ? 1e12f : float(options.simpleSizes * size);
    for (const auto& [node, from, to] :
         {std::tuple{t.full, 0.0f, near}, std::tuple{t.simple, near, std::max(near, far)},
          std::tuple{t.far, std::max(near, far), 1e12f}}) {
        osg::ref_ptr<osg::MatrixTransform> xf = new osg::MatrixTransform(m);
        xf->addChild(node);
        lod->addChild(xf, from, to);
    }
    return lod;
}

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
            ring.positions.push_back({float(x), float(y), float(data.groundHeight(x, y)) + lift});
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

osg::ref_ptr<osg::Group> treeLayer(const SceneData& data, const TreeLayerOptions& options) {
    osg::ref_ptr<osg::Group> layer = new osg::Group;
    layer->setName("tree-layer");
    layer->getOrCreateStateSet()->setAttributeAndModes(shaderProgram("lit"));
    osg::ref_ptr<osg::Group> trees = new osg::Group;
    trees->setName("trees");
    TemplateCache cache;
    const std::vector<std::uint32_t> seeds = treeSeeds(data.trees);
    geo::Mesh rings;
    for (std::size_t i = 0; i < data.trees.size(); ++i) {
        const heritage::AncientTree& tree = data.trees[i];
        heritage::TreeShape shape = heritage::treeShape(tree);
        shape.heightM = std::clamp(std::isfinite(shape.heightM) ? shape.heightM : 12.0, 1.5, 80.0);
        shape.crownM = std::clamp(std::isfinite(shape.crownM) ? shape.crownM : 10.0, 0.5, 80.0);
        const Template& t = cache.get(shape, seeds[i] % kVariants);
        const osg::Vec3d base(tree.x, tree.y, data.groundHeight(tree.x, tree.y));
        osg::ref_ptr<osg::LOD> lod = placeTree(t, shape, base, seeds[i], options);
        lod->setName(tree.id);
        trees->addChild(lod);
        rings.append(gradeRing(data, tree, options));
    }
    layer->addChild(trees);
    if (!rings.empty()) {
        osg::ref_ptr<osg::Node> ringNode = meshNode(rings);
        ringNode->setName("tree-grade-rings");
        layer->addChild(ringNode);
    }
    return layer;
}

}  // namespace cunjing::scene
