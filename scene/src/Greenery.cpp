#include <cunjing/scene/Greenery.h>

#include <cunjing/scene/BuildingBatches.h>
#include <cunjing/scene/Look.h>
#include <cunjing/scene/SceneData.h>
#include <cunjing/scene/SceneGraph.h>
#include <cunjing/scene/Shaders.h>

#include "Instancing.h"

#include <osg/Geode>
#include <osg/Geometry>
#include <osg/LOD>
#include <osg/MatrixTransform>
#include <osg/NodeVisitor>
#include <osg/VertexAttribDivisor>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <tuple>
#include <unordered_set>

namespace cunjing::scene {

namespace {

using heritage::TreeSpecies;
constexpr double kPi = std::numbers::pi;

/// splitmix64, the same sequence on every compiler (std:: distributions are not).
class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed ^ 0x9E3779B97F4A7C15ull) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    double range(double lo, double hi) { return lo + (hi - lo) * uniform(); }

private:
    std::uint64_t state_;
};

/// Where greenery may go: 2 m cells marked where buildings (their forecourts and ponds too),
/// registered trees, plots and plants already are. A hash set of the marked cells, not a grid:
/// a scene may span a whole county's DEM while its villages cover a few hectares.
class Occupancy {
public:
    explicit Occupancy(const SceneData& data) : data_(data) {
        const geo::Bounds b = data.bounds();
        lo_ = {b.min.x, b.min.y}, hi_ = {b.max.x, b.max.y};
        if (data.terrain) {  // on the terrain, where there is one
            lo_ = {data.terrain->x0 - data.originX, data.terrain->y0 - data.originY};
            hi_ = {data.terrain->xMax() - data.originX, data.terrain->yMax() - data.originY};
        }
        const auto& m = data.buildings;
        for (std::size_t i = 0; i + 2 < m.indices.size(); i += 3) {
            geo::Vec3f lo = m.positions[m.indices[i]], hi = lo;
            for (int k = 1; k < 3; ++k) {
                const geo::Vec3f& p = m.positions[m.indices[i + k]];
                lo = {std::min(lo.x, p.x), std::min(lo.y, p.y), 0};
                hi = {std::max(hi.x, p.x), std::max(hi.y, p.y), 0};
            }
            markBox(lo.x - 1.0, lo.y - 1.0, hi.x + 1.0, hi.y + 1.0);
        }
        // A paged scene's buildings are not in data.buildings: their outlines mark them.
        if (data.pagedBuildings) {
            for (const PlacedBuilding& p : data.placed) {
                geo::Vec3f lo{1e30f, 1e30f, 0}, hi{-1e30f, -1e30f, 0};
                for (const auto& q : p.footprint.outline) {
                    lo = {std::min(lo.x, float(q.x)), std::min(lo.y, float(q.y)), 0};
                    hi = {std::max(hi.x, float(q.x)), std::max(hi.y, float(q.y)), 0};
                }
                if (!p.footprint.outline.empty())
                    markBox(lo.x - 1.0, lo.y - 1.0, hi.x + 1.0, hi.y + 1.0);
            }
        }
        for (const auto& t : data.trees)
            markDisc(t.x, t.y, 0.5 * std::max(t.crownM, 4.0));
        waterLevel_ = data.description.terrain ? data.description.terrain->waterLevel : -1e9;
    }

    /// Free ground: inside the terrain, not taken, not under water.
    bool free(double x, double y) const {
        if (x < lo_[0] || y < lo_[1] || x > hi_[0] || y > hi_[1] || taken_.contains(key(x, y)))
            return false;
        if (data_.terrain) {
            const double ex = std::max(data_.exaggeration(), 1e-6);
            if (data_.groundHeight(x, y) / ex < waterLevel_ + 0.3)
                return false;
        }
        return true;
    }
    bool freeDisc(double x, double y, double r) const {
        if (!free(x, y))
            return false;
        for (int k = 0; k < 6; ++k) {
            const double a = k * kPi / 3;
            if (!free(x + r * std::cos(a), y + r * std::sin(a)))
                return false;
        }
        return true;
    }
    void markDisc(double x, double y, double r) { markBox(x - r, y - r, x + r, y + r); }
    void markBox(double xa, double ya, double xb, double yb) {
        for (double y = cellStart(ya); y <= yb; y += kCell)
            for (double x = cellStart(xa); x <= xb; x += kCell)
                taken_.insert(key(x, y));
    }

private:
    static constexpr double kCell = 2.0;
    static double cellStart(double v) { return std::floor(v / kCell) * kCell + 0.5 * kCell; }
    static std::uint64_t key(double x, double y) {
        const auto i = std::int64_t(std::floor(x / kCell)), j = std::int64_t(std::floor(y / kCell));
        return (std::uint64_t(i) << 32) ^ (std::uint64_t(j) & 0xffffffffu);
    }
    const SceneData& data_;
    std::array<double, 2> lo_{}, hi_{};
    double waterLevel_ = -1e9;
    std::unordered_set<std::uint64_t> taken_;
};

/// The point at (a, b) in 0..1 of a quadrilateral: a from corner 0 towards 1, b towards 3.
std::array<double, 2> inQuad(const std::array<std::array<double, 2>, 4>& c, double a, double b) {
    std::array<double, 2> p{};
    for (int k = 0; k < 2; ++k)
        p[k] = (1 - b) * ((1 - a) * c[0][k] + a * c[1][k]) + b * ((1 - a) * c[3][k] + a * c[2][k]);
    return p;
}

/// A village's own frame: u towards its front, w along it, from the centre of its buildings.
struct VillageFrame {
    double cx = 0, cy = 0;
    double fx = 0, fy = -1;  ///< front
    double umin = 0, umax = 0, wmin = 0, wmax = 0;
    std::array<double, 2> at(double u, double w) const {
        return {cx + u * fx - w * fy, cy + u * fy + w * fx};
    }
};

VillageFrame frameOf(const std::vector<const PlacedBuilding*>& houses) {
    VillageFrame f;
    double sx = 0, sy = 0, cs = 0, sn = 0;
    for (const PlacedBuilding* b : houses) {
        sx += b->x, sy += b->y;
        // Heading 0 faces south; the front turns counter-clockwise with it.
        const double h = b->headingDeg * kPi / 180.0;
        cs += std::cos(h), sn += std::sin(h);
    }
    f.cx = sx / double(houses.size()), f.cy = sy / double(houses.size());
    const double h = std::atan2(sn, cs);
    f.fx = std::sin(h), f.fy = -std::cos(h);
    f.umin = f.wmin = 1e300, f.umax = f.wmax = -1e300;
    for (const PlacedBuilding* b : houses) {
        for (const auto& p : b->footprint.outline) {
            const double dx = p.x - f.cx, dy = p.y - f.cy;
            const double u = dx * f.fx + dy * f.fy, w = -dx * f.fy + dy * f.fx;
            f.umin = std::min(f.umin, u), f.umax = std::max(f.umax, u);
            f.wmin = std::min(f.wmin, w), f.wmax = std::max(f.wmax, w);
        }
    }
    return f;
}

struct Planner {
    const SceneData& data;
    const GreeneryParams& p;
    Occupancy& room;
    Greenery& out;
    Rng rng;

    /// Adds a plant if its trunk's surroundings are free, and takes its ground.
    bool plant(TreeSpecies species, std::array<double, 2> at, double height, double crown) {
        // Crowns of a grove overlap; trunks keep a little ground of their own.
        const double keep = std::clamp(0.15 * crown, 0.6, 2.0);
        if (!room.freeDisc(at[0], at[1], keep))
            return false;
        room.markDisc(at[0], at[1], keep);
        out.plants.push_back({species, at[0], at[1], height, crown, rng.range(0, 2 * kPi),
                              std::uint32_t(rng.next())});
        return true;
    }

    TreeSpecies groveSpecies() {
        const double r = rng.uniform();
        return r < 0.34   ? TreeSpecies::Camphor
               : r < 0.48 ? TreeSpecies::Banyan
               : r < 0.58 ? TreeSpecies::Longan
               : r < 0.64 ? TreeSpecies::Kapok
               : r < 0.72 ? TreeSpecies::Bamboo
                          : TreeSpecies::Broadleaf;
    }

    /// The 风水林: a crescent of trees behind the village whose ends wrap forward, with a belt
    /// of bamboo between it and the houses.
    void grove(const VillageFrame& f) {
        const double spacing = p.groveSpacing / std::sqrt(std::max(p.density, 0.05));
        const double w0 = f.wmin - p.groveBeyondSides, w1 = f.wmax + p.groveBeyondSides;
        const double half = 0.5 * (w1 - w0), wc = 0.5 * (w0 + w1);
        for (double d = 0; d < p.groveDepth; d += spacing) {
            for (double w = w0; w <= w1; w += spacing) {
                const double t = std::clamp((w - wc) / half, -1.0, 1.0);
                const double u = f.umin - p.groveGap - d - 0.5 * spacing + p.groveCurl * t * t;
                const auto at =
                    f.at(u + rng.range(-0.4, 0.4) * spacing, w + rng.range(-0.4, 0.4) * spacing);
                const TreeSpecies s = groveSpecies();
                const double h = s == TreeSpecies::Bamboo ? rng.range(7, 10) : rng.range(9, 17);
                const double c = s == TreeSpecies::Bamboo  ? rng.range(4, 6)
                                 : s == TreeSpecies::Kapok ? rng.range(0.45, 0.6) * h
                                                           : rng.range(0.7, 1.0) * h;
                plant(s, at, h, c);
            }
        }
        for (double w = f.wmin - 2; w <= f.wmax + 2; w += p.bambooSpacing) {
            if (rng.uniform() < 0.35)  // patchy, as planted
                continue;
            const double u = f.umin - 0.55 * p.groveGap + rng.range(-1.0, 1.0);
            plant(TreeSpecies::Bamboo, f.at(u, w + rng.range(-0.8, 0.8)), rng.range(6, 9),
                  rng.range(3.5, 5));
        }
    }

    /// Banana clumps beside the side houses, a lychee or longan orchard beyond one side.
    void sides(const VillageFrame& f) {
        const int clumps = std::max(1, int(std::lround(3 * p.density)));
        for (int side : {-1, 1}) {
            const double edge = side < 0 ? f.wmin : f.wmax;
            for (int k = 0; k < clumps; ++k) {
                const double wc = edge + side * (p.bananaBeyondSides + rng.range(0, 5));
                const double uc = rng.range(f.umin + 3, f.umax - 3);
                const int n = 3 + int(rng.uniform() * 4);
                for (int i = 0; i < n; ++i) {
                    const double a = rng.range(0, 2 * kPi), r = rng.range(0.5, 2.5);
                    plant(TreeSpecies::Banana, f.at(uc + r * std::sin(a), wc + r * std::cos(a)),
                          rng.range(3, 4.8), rng.range(3, 4.2));
                }
            }
        }
        const int side = rng.uniform() < 0.5 ? -1 : 1;
        const TreeSpecies fruit = rng.uniform() < 0.5 ? TreeSpecies::Lychee : TreeSpecies::Longan;
        const double edge = (side < 0 ? f.wmin : f.wmax) + side * (p.bananaBeyondSides + 9);
        const double spacing = p.orchardSpacing / std::sqrt(std::max(p.density, 0.05));
        for (int c = 0; c < p.orchardColumns; ++c) {
            for (double u = f.umin + 4; u <= f.umax - 2; u += spacing) {
                const double h = rng.range(5, 7.5);
                plant(fruit, f.at(u + rng.range(-0.5, 0.5), edge + side * c * spacing), h,
                      rng.range(0.9, 1.15) * h);
            }
        }
    }

    /// Shrubs along the edges of the village and of its fields.
    void shrubs(const VillageFrame& f) {
        const int n = int(std::lround(p.shrubs * p.density));
        const double u0 = f.umin - 3, u1 = f.umax + p.fieldGap, w0 = f.wmin - 3, w1 = f.wmax + 3;
        const double perimeter = 2 * ((u1 - u0) + (w1 - w0));
        for (int i = 0; i < n; ++i) {
            double s = rng.range(0, perimeter), u, w;
            if (s < u1 - u0)
                u = u0 + s, w = w0;
            else if ((s -= u1 - u0) < w1 - w0)
                u = u1, w = w0 + s;
            else if ((s -= w1 - w0) < u1 - u0)
                u = u1 - s, w = w1;
            else
                u = u0, w = w1 - (s - (u1 - u0));
            const double h = rng.range(0.8, 1.7);
            plant(TreeSpecies::Shrub, f.at(u + rng.range(-1.5, 1.5), w + rng.range(-1.5, 1.5)), h,
                  rng.range(1.3, 2.4) * h);
        }
    }

    /// Plots in rows in front: vegetables mostly in the row nearest the houses, paddy beyond.
    void fields(const VillageFrame& f) {
        const double pitchW = p.plotWidth + p.bund, pitchU = p.plotDepth + p.bund;
        const double w0 = f.wmin - p.fieldBeyondSides, w1 = f.wmax + p.fieldBeyondSides;
        int row = 0;
        for (double u = f.umax + p.fieldGap; u + p.plotDepth <= f.umax + p.fieldGap + p.fieldDepth;
             u += pitchU, ++row) {
            const double shift = rng.range(0, 0.5) * pitchW;  // rows of plots do not line up
            for (double w = w0 - shift; w + p.plotWidth <= w1; w += pitchW) {
                const double width = p.plotWidth * rng.range(0.75, 1.0);
                const std::array<std::array<double, 2>, 4> c{f.at(u, w), f.at(u + p.plotDepth, w),
                                                             f.at(u + p.plotDepth, w + width),
                                                             f.at(u, w + width)};
                if (!plotFits(c))
                    continue;
                FieldPlot plot;
                plot.kind = rng.uniform() < (row == 0 ? 0.5 : 0.12) ? PlotKind::Vegetables
                                                                    : PlotKind::Paddy;
                // Counter-clockwise seen from above whichever way the village faces.
                const double area = (c[1][0] - c[0][0]) * (c[2][1] - c[0][1]) -
                                    (c[2][0] - c[0][0]) * (c[1][1] - c[0][1]);
                plot.corners = area > 0 ? c : decltype(c){c[0], c[3], c[2], c[1]};
                const float ripe = float(rng.uniform());
                plot.color = plot.kind == PlotKind::Paddy
                                 ? geo::Rgba{0.42f + 0.18f * ripe, 0.54f + 0.03f * ripe,
                                             0.19f + 0.06f * ripe, 1}
                                 : geo::Rgba{0.27f + 0.08f * ripe, 0.46f + 0.06f * ripe, 0.19f, 1};
                // Its inside taken (on the 2 m grid), its edges left for the next plot's.
                for (double a = 0.125; a < 1.0; a += 0.125)
                    for (double b = 0.125; b < 1.0; b += 0.125) {
                        const auto q = f.at(u + a * p.plotDepth, w + b * width);
                        room.markDisc(q[0], q[1], 0.0);
                    }
                out.plots.push_back(plot);
            }
        }
    }

    bool plotFits(const std::array<std::array<double, 2>, 4>& c) const {
        double lo = 1e300, hi = -1e300;
        for (double a = 0.02; a <= 1.0; a += 0.24) {
            for (double b = 0.02; b <= 1.0; b += 0.24) {
                const auto [x, y] = inQuad(c, a, b);
                if (!room.free(x, y))
                    return false;
                const double z = data.groundHeight(x, y) / std::max(data.exaggeration(), 1e-6);
                lo = std::min(lo, z), hi = std::max(hi, z);
            }
        }
        return hi - lo <= p.maxPlotRelief;
    }
};

std::uint64_t seedOf(const std::string& s) {
    std::uint64_t h = 1469598103934665603ull;
    for (char c : s)
        h = (h ^ std::uint8_t(c)) * 1099511628211ull;
    return h;
}

// ---- Drawing -------------------------------------------------------------------------------

/// Heights and crowns the templates are built at: near the plants' own, so scaling an
/// instance to its size distorts it little.
std::pair<double, double> templateSize(TreeSpecies s) {
    switch (s) {
        case TreeSpecies::Banana:
            return {4, 3.6};
        case TreeSpecies::Shrub:
            return {1.2, 2.2};
        case TreeSpecies::Bamboo:
            return {8, 4.5};
        case TreeSpecies::Lychee:
        case TreeSpecies::Longan:
            return {6.5, 6.8};
        case TreeSpecies::Kapok:
            return {14, 7.5};
        default:
            return {13, 11};
    }
}

constexpr std::uint32_t kVariants = 3;
constexpr double kTile = 120;
/// Plants nearer than this (metres from the tile's centre, plus the tile's radius) get the
/// full model; farther, the simple one; then a blob (the simple model clustered); beyond the
/// last range none [E].
constexpr float kFullRange = 110, kSimpleRange = 400, kFarRange = 3000;
/// Cluster cell of the far blob, as a share of the plant's height [E].
constexpr double kFarCell = 0.15;

geo::Mesh templateMesh(TreeSpecies s, std::uint32_t variant, heritage::TreeDetail detail) {
    const auto [h, c] = templateSize(s);
    heritage::TreeShape shape;
    shape.species = s;
    shape.heightM = h;
    shape.crownM = c;
    shape.seed = 7919u * variant + 31u;
    return heritage::treeModel(shape, detail);
}

osg::ref_ptr<osg::Geometry> templateGeometry(TreeSpecies s, std::uint32_t variant,
                                             heritage::TreeDetail detail) {
    return meshGeometry(templateMesh(s, variant, detail));
}

/// The plots as one mesh on the ground, lifted clear of the terrain's triangles.
geo::Mesh plotMesh(const SceneData& data, const std::vector<FieldPlot>& plots) {
    geo::Mesh m;
    constexpr double kStep = 4;  // metres between ground samples
    for (const FieldPlot& plot : plots) {
        const auto& c = plot.corners;
        const double along = std::hypot(c[1][0] - c[0][0], c[1][1] - c[0][1]);
        const double across = std::hypot(c[3][0] - c[0][0], c[3][1] - c[0][1]);
        const int na = std::max(1, int(std::ceil(along / kStep)));
        const int nb = std::max(1, int(std::ceil(across / kStep)));
        const auto first = std::uint32_t(m.positions.size());
        const geo::Surface surface =
            plot.kind == PlotKind::Paddy ? geo::Surface::Paddy : geo::Surface::Vegetables;
        for (int i = 0; i <= na; ++i) {
            for (int j = 0; j <= nb; ++j) {
                const double a = double(i) / na, b = double(j) / nb;
                const auto [x, y] = inQuad(c, a, b);
                const double z = data.groundHeight(x, y);
                const double gx = data.groundHeight(x + 1, y) - data.groundHeight(x - 1, y);
                const double gy = data.groundHeight(x, y + 1) - data.groundHeight(x, y - 1);
                const double len = std::sqrt(0.25 * gx * gx + 0.25 * gy * gy + 1);
                m.positions.push_back({float(x), float(y), float(z + 0.15)});
                m.normals.push_back(
                    {float(-0.5 * gx / len), float(-0.5 * gy / len), float(1 / len)});
                m.colors.push_back(plot.color);
                m.surfaces.push_back(surface);
                m.partIds.push_back(0);
            }
        }
        // corners[0] -> [1] is "along", [0] -> [3] "across"; counter-clockwise seen from above.
        for (int i = 0; i < na; ++i) {
            for (int j = 0; j < nb; ++j) {
                const std::uint32_t k = first + std::uint32_t(i * (nb + 1) + j);
                const std::uint32_t right = k + std::uint32_t(nb + 1);
                m.indices.insert(m.indices.end(), {k, right, right + 1, k, right + 1, k + 1});
            }
        }
    }
    return m;
}

class ShareVisitor : public osg::NodeVisitor {
public:
    explicit ShareVisitor(double share) : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN), share_(share) {
        setNodeMaskOverride(~0u);
    }
    void apply(osg::Drawable& d) override {
        if (auto* g = dynamic_cast<detail::InstancedGeometry*>(&d); g && g->thinnable())
            g->setShare(share_);
    }

private:
    double share_;
};

}  // namespace

Greenery planGreenery(const SceneData& data, const GreeneryParams& params) {
    Greenery out;
    if (!(params.density > 0))
        return out;
    // Villages: the buildings of each generated layout, market streets aside.
    std::map<std::string, std::vector<const PlacedBuilding*>> groups;
    for (const BuildingDescription& b : data.description.buildings) {
        if (b.kind == BuildingDescription::Kind::Layout && b.layout != "street")
            groups[b.id];
    }
    for (const PlacedBuilding& b : data.placed) {
        auto it = groups.find(b.group);
        if (it != groups.end() && !b.footprint.outline.empty())
            it->second.push_back(&b);
    }
    if (std::all_of(groups.begin(), groups.end(), [](const auto& g) { return g.second.empty(); }))
        return out;
    Occupancy room(data);
    for (const auto& [group, houses] : groups) {
        if (houses.empty())
            continue;
        const VillageFrame frame = frameOf(houses);
        Planner planner{data, params, room, out, Rng(seedOf(group))};
        // Fields first: they need the most room and are the first thing seen in front.
        planner.fields(frame);
        planner.grove(frame);
        planner.sides(frame);
        planner.shrubs(frame);
        out.villages.push_back(group);
    }
    return out;
}

osg::ref_ptr<osg::Group> greeneryLayer(const SceneData& data, const Greenery& greenery,
                                       bool naive) {
    osg::ref_ptr<osg::Group> layer = new osg::Group;
    layer->setName("greenery");
    layer->getOrCreateStateSet()->setAttributeAndModes(shaderProgram("lit"));
    layer->getOrCreateStateSet()->setDefine(kVertexLightDefine);  // the low preset's (Shaders.h)
    if (!greenery.plots.empty()) {
        osg::ref_ptr<osg::Node> fields = meshNode(plotMesh(data, greenery.plots));
        fields->setName("fields");
        fields->setNodeMask(kCastsNoShadow);
        layer->addChild(fields);
    }

    // Instances by tile and template, in the plan's (random) order within each.
    using Key = std::tuple<int, int, int, std::uint32_t>;  // tile x, tile y, species, variant
    std::map<Key, std::vector<const Plant*>> tiles;
    for (const Plant& p : greenery.plants) {
        tiles[{int(std::floor(p.x / kTile)), int(std::floor(p.y / kTile)), int(p.species),
               p.seed % kVariants}]
            .push_back(&p);
    }
    std::map<std::pair<int, std::uint32_t>, std::array<osg::ref_ptr<osg::Geometry>, 3>> templates;
    osg::ref_ptr<osg::Group> plants = new osg::Group;
    plants->setName("plants");
    for (const auto& [key, members] : tiles) {
        const auto species = TreeSpecies(std::get<2>(key));
        const std::uint32_t variant = std::get<3>(key);
        auto& shapes = templates[{int(species), variant}];
        if (!shapes[0]) {
            shapes[0] = templateGeometry(species, variant, heritage::TreeDetail::Full);
            const geo::Mesh simple = templateMesh(species, variant, heritage::TreeDetail::Simple);
            shapes[1] = meshGeometry(simple);
            shapes[2] = meshGeometry(clusterMesh(simple, kFarCell * templateSize(species).first));
        }
        const auto [th, tc] = templateSize(species);
        if (naive) {
            // The benchmark's baseline: a node and a draw call a plant, full detail at any
            // distance.
            for (const Plant* p : members) {
                const osg::Matrixd m =
                    osg::Matrixd::scale(p->crownM / tc, p->crownM / tc, p->heightM / th) *
                    osg::Matrixd::rotate(p->yawRad, osg::Vec3d(0, 0, 1)) *
                    osg::Matrixd::translate(p->x, p->y, data.groundHeight(p->x, p->y));
                osg::ref_ptr<osg::MatrixTransform> xf = new osg::MatrixTransform(m);
                osg::ref_ptr<osg::Geode> geode = new osg::Geode;
                geode->addDrawable(shapes[0]);
                xf->addChild(geode);
                plants->addChild(xf);
            }
            continue;
        }
        osg::ref_ptr<osg::Vec4Array> place = new osg::Vec4Array;
        osg::ref_ptr<osg::Vec2Array> size = new osg::Vec2Array;
        osg::BoundingBox box;
        for (const Plant* p : members) {
            const double z = data.groundHeight(p->x, p->y);
            place->push_back(osg::Vec4(float(p->x), float(p->y), float(z), float(p->yawRad)));
            size->push_back(osg::Vec2(float(p->crownM / tc), float(p->heightM / th)));
            const double r = 0.6 * p->crownM;
            box.expandBy(p->x - r, p->y - r, z - 0.5);
            box.expandBy(p->x + r, p->y + r, z + p->heightM);
        }
        osg::ref_ptr<osg::LOD> lod = new osg::LOD;
        lod->setCenterMode(osg::LOD::USER_DEFINED_CENTER);
        lod->setCenter(box.center());
        lod->setRadius(box.radius());
        const float r = float(box.radius());
        const std::array<float, 4> ranges{0.0f, kFullRange + r, kSimpleRange + r, kFarRange};
        for (std::size_t detail = 0; detail < shapes.size(); ++detail) {
            osg::ref_ptr<osg::Geode> geode = new osg::Geode;
            geode->addDrawable(new detail::InstancedGeometry(*shapes[detail], place, size, box));
            lod->addChild(geode, ranges[detail], ranges[detail + 1]);
        }
        lod->setName(std::string(heritage::speciesId(species)));
        plants->addChild(lod);
    }
    layer->addChild(plants);
    return layer;
}

void setGreeneryShare(osg::Node& root, double share) {
    ShareVisitor visitor(std::clamp(share, 0.0, 1.0));
    root.accept(visitor);
}

}  // namespace cunjing::scene
