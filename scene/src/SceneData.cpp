#include <cunjing/scene/SceneData.h>

#include <cunjing/architecture/CombLayout.h>
#include <cunjing/architecture/LingnanHouse.h>
#include <cunjing/terrain/Dem.h>
#include <cunjing/terrain/Flatten.h>
#include <cunjing/terrain/Pyramid.h>

#include <algorithm>
#include <cmath>
#include <future>

namespace cunjing::scene {

namespace {

constexpr double kPi = 3.14159265358979323846;

struct LoadedTerrain {
    terrain::Heightfield field;
    std::optional<terrain::Imagery> imagery;
    std::shared_ptr<const terrain::TileSource> tiles;  ///< the pyramid, when the scene names one
};

/// A pyramid's coarse overview as the scene's heightfield (bounds, first camera, water), and
/// the pyramid itself for the LOD terrain and exact ground heights.
Result<terrain::Heightfield> loadPyramid(const TerrainDescription& t, const geo::Crs& crs,
                                         std::shared_ptr<const terrain::TileSource>& tiles) {
    auto pyramid = terrain::PyramidTileSource::open(t.pyramid);
    if (!pyramid)
        return Result<terrain::Heightfield>::failure(pyramid.errors());
    auto own = geo::Crs::fromWkt(pyramid.value()->index().crsWkt);
    if (!own || !own->sameAs(crs)) {
        return Error{t.pyramid.string(), "",
                     "the pyramid is in " + pyramid.value()->index().crs +
                         " but the scene works in " + crs.shortName() +
                         "; rebuild it with `cunjing terrain build --crs " + crs.shortName() + "`"};
    }
    tiles = pyramid.value();
    return pyramid.value()->overview(t.maxGridSize);
}

/// The DEM and, when named, the imagery warped onto the DEM's extent (on one worker thread).
Result<LoadedTerrain> loadTerrain(const TerrainDescription& t, const std::string& crsText) {
    auto crs = geo::Crs::fromUserString(crsText);  // one Crs per thread: OGR objects are not shared
    if (!crs)
        return Result<LoadedTerrain>::failure(crs.errors());
    terrain::DemLoadOptions options;
    options.maxGridSize = t.maxGridSize;
    options.sourceCrs = t.demCrs;
    options.extent = t.extent;
    std::shared_ptr<const terrain::TileSource> tiles;
    auto field = t.pyramid.empty() ? terrain::loadDem(t.dem.string(), crs.value(), options)
                                   : loadPyramid(t, crs.value(), tiles);
    if (!field)
        return Result<LoadedTerrain>::failure(field.errors());
    LoadedTerrain out{std::move(field.value()), std::nullopt, std::move(tiles)};
    if (!t.imagery.empty()) {
        const auto& f = out.field;
        auto imagery =
            terrain::loadImagery(t.imagery.string(), crs.value(), {f.x0, f.y0, f.xMax(), f.yMax()});
        if (!imagery)
            return Result<LoadedTerrain>::failure(imagery.errors());
        out.imagery = std::move(imagery.value());
    }
    return out;
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

using Houses = std::vector<architecture::PlacedHouse>;

Result<Houses> layoutVillage(const VillageDescription& v) {
    architecture::CombLayoutParams params;
    params.columns = v.columns;
    params.housesPerColumn = v.housesPerColumn;
    params.laneWidth = v.laneWidth;
    params.seed = v.seed;
    return architecture::layoutComb(params);
}

/// The corners of a house's plot in the local frame (front left, front right, back right,
/// back left).
std::vector<std::array<double, 2>> plotCorners(const VillageDescription& v,
                                               const architecture::PlacedHouse& house) {
    const double a = v.headingDeg * kPi / 180.0;
    const double t = house.headingDeg * kPi / 180.0;  // counter-clockwise in the layout frame
    const auto fp = architecture::footprintOf(house.params);
    std::vector<std::array<double, 2>> corners;
    for (auto [fx, fy] : {std::pair{-0.5, 0.0}, {0.5, 0.0}, {0.5, 1.0}, {-0.5, 1.0}}) {
        const double lx = fx * fp.width, ly = fy * fp.depth;
        const double x = house.x + lx * std::cos(t) - ly * std::sin(t);
        const double y = house.y + lx * std::sin(t) + ly * std::cos(t);
        // Layout frame -> scene: turned clockwise by the village heading, moved to `at`.
        corners.push_back({v.at[0] + x * std::cos(a) + y * std::sin(a),
                           v.at[1] - x * std::sin(a) + y * std::cos(a)});
    }
    return corners;
}

/// Places a village's houses: on the platform levelled for each (platforms[i], unexaggerated
/// metres) or, where none was (NaN), at the mean ground height of the plot's corners; the
/// generator's foundation reaches below ground so no house floats on a slope.
int placeVillage(const VillageDescription& v, const Houses& houses,
                 const std::vector<double>& platforms, const SceneData& data, geo::Mesh& out,
                 std::uint32_t firstId) {
    for (std::size_t i = 0; i < houses.size(); ++i) {
        architecture::PlacedHouse house = houses[i];
        house.id += firstId;
        double z = 0;
        if (i < platforms.size() && std::isfinite(platforms[i])) {
            z = platforms[i] * data.exaggeration();
        } else {
            for (const auto& p : plotCorners(v, house))
                z += data.groundHeight(p[0], p[1]) / 4.0;
        }
        geo::Mesh mesh = architecture::generatePlacedHouse(house);
        placeMesh(mesh, v.headingDeg, v.at[0], v.at[1], z);
        out.append(mesh);
    }
    return static_cast<int>(houses.size());
}

/// Levels the ground: the scene's own platforms (pond beds ...) first, then one platform under
/// every house of the villages that ask for it. Returns each house's platform height (NaN where
/// none was made). Footprints are known before any house is placed, so houses stand on them.
std::vector<std::vector<double>> flattenGround(SceneData& data,
                                               const std::vector<Houses>& layouts) {
    const auto& villages = data.description.villages;
    std::vector<std::vector<double>> out;
    for (const auto& houses : layouts)
        out.emplace_back(houses.size(), std::nan(""));
    if (!data.terrain)
        return out;
    terrain::Heightfield& field = *data.terrain;
    auto toWorking = [&](std::vector<std::array<double, 2>> outline) {
        for (auto& p : outline)
            p = {p[0] + data.originX, p[1] + data.originY};
        return outline;
    };
    for (const auto& p : data.description.terrain->platforms)
        terrain::flattenUnder(field, {{toWorking(p.outline), p.height, 0.0}}, p.blend);
    // The platform reaches a grid cell beyond the plot, so every triangle under the house is
    // level however coarse the DEM; the slope around is blended over two cells (6 m at least).
    const double cell = std::hypot(field.dx, field.dy);
    std::vector<terrain::Footprint> footprints;
    for (std::size_t v = 0; v < villages.size(); ++v) {
        if (!villages[v].flatten)
            continue;
        for (const auto& house : layouts[v]) {
            footprints.push_back({toWorking(plotCorners(villages[v], house)), std::nullopt, cell});
        }
    }
    const auto heights = terrain::flattenUnder(field, footprints, std::max(6.0, 2.0 * cell));
    std::size_t next = 0;
    for (std::size_t v = 0; v < villages.size(); ++v) {
        if (villages[v].flatten) {
            for (double& h : out[v])
                h = heights[next++];
        }
    }
    return out;
}

}  // namespace

double SceneData::exaggeration() const {
    return description.terrain ? description.terrain->exaggeration : 1.0;
}

double SceneData::groundHeight(double localX, double localY) const {
    if (terrainTiles) {
        // The pyramid's deepest tiles: the ground as drawn up close.
        if (auto h = terrainTiles->heightAt(localX + originX, localY + originY))
            return *h * exaggeration();
    }
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
    std::future<Result<LoadedTerrain>> terrainJob;
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
        if (t) {
            data.terrain = std::move(t->field);
            data.imagery = std::move(t->imagery);
            data.terrainTiles = std::move(t->tiles);
        } else
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

    std::vector<Houses> layouts;
    for (const auto& village : description.villages) {
        auto layout = layoutVillage(village);
        if (!layout)
            return Result<SceneData>::failure(layout.errors());
        layouts.push_back(std::move(layout.value()));
    }
    const auto platforms = flattenGround(data, layouts);
    for (std::size_t i = 0; i < layouts.size(); ++i) {
        data.buildingCount +=
            placeVillage(description.villages[i], layouts[i], platforms[i], data, data.buildings,
                         static_cast<std::uint32_t>(data.buildingCount));
    }
    return data;
}

}  // namespace cunjing::scene
