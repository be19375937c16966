#include <cunjing/scene/SceneData.h>

#include <cunjing/architecture/CombLayout.h>
#include <cunjing/architecture/LingnanHouse.h>
#include <cunjing/terrain/Dem.h>

#include <algorithm>
#include <cmath>
#include <future>

namespace cunjing::scene {

namespace {

constexpr double kPi = 3.14159265358979323846;

Result<terrain::Heightfield> loadTerrain(const TerrainDescription& t, const std::string& crsText) {
    auto crs = geo::Crs::fromUserString(crsText);  // one Crs per thread: OGR objects are not shared
    if (!crs)
        return Result<terrain::Heightfield>::failure(crs.errors());
    terrain::DemLoadOptions options;
    options.maxGridSize = t.maxGridSize;
    options.sourceCrs = t.demCrs;
    options.extent = t.extent;
    return terrain::loadDem(t.dem.string(), crs.value(), options);
}

Result<std::vector<heritage::AncientTree>> loadTreeLayer(const TreeLayerDescription& layer,
                                                         const std::string& crsText) {
    auto crs = geo::Crs::fromUserString(crsText);
    if (!crs)
        return Result<std::vector<heritage::AncientTree>>::failure(crs.errors());
    return heritage::loadTrees(layer.path.string(), crs.value(), layer.crs);
}

/// Rotates a mesh clockwise (seen from above) by headingDeg and moves it to (x, y, z).
void placeMesh(geo::Mesh& mesh, double headingDeg, double x, double y, double z) {
    const double a = headingDeg * kPi / 180.0;
    const auto c = static_cast<float>(std::cos(a)), s = static_cast<float>(std::sin(a));
    for (auto& p : mesh.positions) {
        p = {p.x * c + p.y * s + float(x), -p.x * s + p.y * c + float(y), p.z + float(z)};
    }
    for (auto& n : mesh.normals)
        n = {n.x * c + n.y * s, -n.x * s + n.y * c, n.z};
}

/// Generates one village and returns how many houses it placed.
Result<int> generateVillage(const VillageDescription& v, const SceneData& data, geo::Mesh& out,
                            std::uint32_t firstId) {
    architecture::CombLayoutParams params;
    params.columns = v.columns;
    params.housesPerColumn = v.housesPerColumn;
    params.laneWidth = v.laneWidth;
    params.seed = v.seed;
    auto layout = architecture::layoutComb(params);
    if (!layout)
        return Result<int>::failure(layout.errors());
    const double a = v.headingDeg * kPi / 180.0;
    // Layout frame -> scene: turned clockwise by the village heading, moved to `at`.
    auto toScene = [&](double lx, double ly) {
        return std::array<double, 2>{v.at[0] + lx * std::cos(a) + ly * std::sin(a),
                                     v.at[1] - lx * std::sin(a) + ly * std::cos(a)};
    };
    for (auto house : layout.value()) {
        house.id += firstId;
        // The plinth sits at the mean ground height of the plot's corners; the generator's
        // foundation reaches below ground so no house floats on a slope.
        const auto fp = architecture::footprintOf(house.params);
        double sum = 0;
        for (double fx : {-0.5, 0.5}) {
            for (double fy : {0.0, 1.0}) {
                const double t = house.headingDeg * kPi / 180.0;  // counter-clockwise in layout
                const double lx = fx * fp.width, ly = fy * fp.depth;
                const auto p = toScene(house.x + lx * std::cos(t) - ly * std::sin(t),
                                       house.y + lx * std::sin(t) + ly * std::cos(t));
                sum += data.groundHeight(p[0], p[1]);
            }
        }
        geo::Mesh mesh = architecture::generatePlacedHouse(house);
        placeMesh(mesh, v.headingDeg, v.at[0], v.at[1], sum / 4.0);
        out.append(mesh);
    }
    return static_cast<int>(layout->size());
}

}  // namespace

double SceneData::exaggeration() const {
    return description.terrain ? description.terrain->exaggeration : 1.0;
}

double SceneData::groundHeight(double localX, double localY) const {
    if (!terrain)
        return 0.0;
    return terrain->sampleClamped(localX + originX, localY + originY) * exaggeration();
}

std::array<double, 3> SceneData::resolveEye(const Viewpoint& vp) const {
    auto e = vp.eye;
    if (vp.aboveGround)
        e[2] += groundHeight(e[0], e[1]);
    return e;
}

std::array<double, 3> SceneData::resolveTarget(const Viewpoint& vp) const {
    auto t = vp.target;
    if (vp.aboveGround)
        t[2] += groundHeight(t[0], t[1]);
    return t;
}

geo::Bounds SceneData::bounds() const {
    geo::Bounds b = geo::boundsOf(buildings);
    if (terrain) {
        b.expand({float(terrain->x0 - originX), float(terrain->y0 - originY),
                  float(terrain->minHeight() * exaggeration())});
        b.expand({float(terrain->xMax() - originX), float(terrain->yMax() - originY),
                  float(terrain->maxHeight() * exaggeration())});
    }
    for (const auto& t : trees) {
        b.expand({float(t.x), float(t.y), float(groundHeight(t.x, t.y) + t.heightM)});
    }
    if (!b.valid())
        b = {{-50, -50, 0}, {50, 50, 10}};
    return b;
}

Viewpoint SceneData::overviewViewpoint() const {
    const geo::Bounds b = bounds();
    const double cx = 0.5 * (b.min.x + b.max.x), cy = 0.5 * (b.min.y + b.max.y);
    const double cz = 0.5 * (b.min.z + b.max.z);
    const double size = std::max({double(b.max.x - b.min.x), double(b.max.y - b.min.y), 10.0});
    Viewpoint vp;
    vp.name = "overview";
    vp.title = {"全景", "Overview"};
    vp.target = {cx, cy, cz};
    vp.eye = {cx - 0.45 * size, cy - 0.75 * size, cz + 0.55 * size};
    return vp;
}

Result<SceneData> loadScene(const SceneDescription& description) {
    SceneData data;
    data.description = description;
    std::future<Result<terrain::Heightfield>> terrainJob;
    if (description.terrain) {
        terrainJob =
            std::async(std::launch::async, loadTerrain, *description.terrain, description.crs);
    }
    std::vector<std::future<Result<std::vector<heritage::AncientTree>>>> treeJobs;
    for (const auto& layer : description.treeLayers) {
        treeJobs.push_back(std::async(std::launch::async, loadTreeLayer, layer, description.crs));
    }
    std::vector<Error> errors;
    if (terrainJob.valid()) {
        auto t = terrainJob.get();
        if (t)
            data.terrain = std::move(t.value());
        else
            errors.insert(errors.end(), t.errors().begin(), t.errors().end());
    }
    std::vector<heritage::AncientTree> trees;
    for (auto& job : treeJobs) {
        auto t = job.get();
        if (t)
            trees.insert(trees.end(), t->begin(), t->end());
        else
            errors.insert(errors.end(), t.errors().begin(), t.errors().end());
    }
    if (!errors.empty())
        return Result<SceneData>::failure(errors);

    if (description.origin) {
        data.originX = (*description.origin)[0];
        data.originY = (*description.origin)[1];
    } else if (data.terrain) {
        data.originX = data.terrain->centreX();
        data.originY = data.terrain->centreY();
    } else if (!trees.empty()) {
        data.originX = trees.front().x;
        data.originY = trees.front().y;
    }
    for (auto& t : trees) {
        t.x -= data.originX;
        t.y -= data.originY;
    }
    data.trees = std::move(trees);

    for (const auto& village : description.villages) {
        auto placed = generateVillage(village, data, data.buildings,
                                      static_cast<std::uint32_t>(data.buildingCount));
        if (!placed)
            return Result<SceneData>::failure(placed.errors());
        data.buildingCount += placed.value();
    }
    return data;
}

}  // namespace cunjing::scene
