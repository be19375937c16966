#include <cunjing/scene/SceneData.h>

#include "SceneBuildings.h"

#include <cunjing/terrain/Dem.h>
#include <cunjing/terrain/Flatten.h>
#include <cunjing/terrain/Pyramid.h>

#include <algorithm>
#include <cmath>
#include <future>

namespace cunjing::scene {

namespace {

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

/// The scene's own platforms (pond beds, plots drawn by hand), levelled before the buildings.
void levelPlatforms(SceneData& data) {
    if (!data.terrain)
        return;
    for (const auto& p : data.description.terrain->platforms) {
        std::vector<std::array<double, 2>> outline = p.outline;
        for (auto& q : outline)
            q = {q[0] + data.originX, q[1] + data.originY};
        terrain::flattenUnder(*data.terrain, {{outline, p.height, 0.0}}, p.blend);
    }
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

    levelPlatforms(data);
    if (auto placed = detail::placeBuildings(data); !placed)
        return Result<SceneData>::failure(placed.errors());
    return data;
}

}  // namespace cunjing::scene
