#include <cunjing/scene/SceneData.h>

#include "SceneBuildings.h"

#include <cunjing/heritage/PlanRules.h>
#include <cunjing/heritage/RegisterIO.h>
#include <cunjing/heritage/Registry.h>
#include <cunjing/models/Import.h>
#include <cunjing/terrain/Dem.h>
#include <cunjing/terrain/Flatten.h>
#include <cunjing/terrain/Pyramid.h>

#include <algorithm>
#include <cmath>
#include <future>
#include <map>

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

/// Trees and villages of the register sources (village files, a registry), working CRS.
struct LoadedRegisters {
    std::vector<heritage::AncientTree> trees;
    std::vector<SceneVillage> villages;
};

/// Registers hold lon/lat in CGCS2000 (EPSG:4490); the scene works in a projected CRS.
Result<geo::Transform> fromLonLat(const std::string& crsText) {
    auto working = geo::Crs::fromUserString(crsText);
    if (!working)
        return Result<geo::Transform>::failure(working.errors());
    auto lonLat = geo::Crs::fromUserString("EPSG:4490");
    if (!lonLat)
        return Result<geo::Transform>::failure(lonLat.errors());
    return geo::Transform::create(lonLat.value(), working.value());
}

/// A village's zones in the working CRS (still to be moved by the origin); false when PROJ
/// cannot place a vertex.
bool placeZones(const std::vector<heritage::ProtectionZone>& zones, const geo::Transform& transform,
                std::vector<SceneZone>& out) {
    for (const auto& zone : zones) {
        SceneZone placed;
        placed.kind = zone.kind;
        for (const auto& ring : zone.rings) {
            auto& local = placed.rings.emplace_back(ring);
            for (auto& p : local)
                if (!transform.apply(p[0], p[1]))
                    return false;
        }
        out.push_back(std::move(placed));
    }
    return true;
}

/// Places records into the working CRS; a record PROJ cannot place is an error naming it.
Status placeVillages(const std::vector<heritage::VillageRecord>& records,
                     const geo::Transform& transform, const std::string& source,
                     std::vector<SceneVillage>& out) {
    std::vector<Error> errors;
    for (const auto& r : records) {
        SceneVillage v;
        v.record = r;
        v.x = r.lon;
        v.y = r.lat;
        if (!transform.apply(v.x, v.y)) {
            errors.push_back({source, "village '" + r.id + "'",
                              "lon/lat cannot be transformed into the scene's CRS"});
            continue;
        }
        if (!placeZones(r.zones, transform, v.zones)) {
            errors.push_back({source, "village '" + r.id + "'",
                              "a protection zone vertex cannot be transformed into the scene's "
                              "CRS"});
            continue;
        }
        out.push_back(std::move(v));
    }
    if (!errors.empty())
        return Status::failure(errors);
    return Done{};
}

/// A register's tree as the tree layer draws it; unmeasured sizes keep AncientTree's defaults.
heritage::AncientTree drawnTree(const heritage::TreeRecord& r) {
    heritage::AncientTree t;
    t.id = r.id;
    t.speciesCn = r.speciesCn;
    t.x = r.lon;
    t.y = r.lat;
    t.heightM = r.heightM.value_or(t.heightM);
    t.crownM = r.crown().value_or(t.crownM);
    t.ageYears = r.ageYears.value_or(0);
    t.famous = r.famous;
    return t;
}

/// A village register file: bad rows fail the scene, each named by file, row and field.
Result<std::vector<SceneVillage>> loadVillageLayer(const std::filesystem::path& path,
                                                   const std::string& crsText) {
    auto transform = fromLonLat(crsText);
    if (!transform)
        return Result<std::vector<SceneVillage>>::failure(transform.errors());
    auto read = heritage::readVillageRegister(path.string());
    if (!read)
        return Result<std::vector<SceneVillage>>::failure(read.errors());
    if (!read->rowErrors.empty())
        return Result<std::vector<SceneVillage>>::failure(read->rowErrors);
    std::vector<SceneVillage> villages;
    if (auto placed = placeVillages(read->records, transform.value(), path.string(), villages);
        !placed)
        return Result<std::vector<SceneVillage>>::failure(placed.errors());
    return villages;
}

/// A register store, opened read-only: drawing a scene must never write to it (the demo's
/// store is a committed file).
Result<LoadedRegisters> loadRegistry(const std::string& target, const std::string& crsText) {
    auto transform = fromLonLat(crsText);
    if (!transform)
        return Result<LoadedRegisters>::failure(transform.errors());
    heritage::RegistryOptions options;
    options.readOnly = true;
    auto registry = heritage::Registry::open(target, options);
    if (!registry)
        return Result<LoadedRegisters>::failure(registry.errors());
    auto trees = registry->trees();
    if (!trees)
        return Result<LoadedRegisters>::failure(trees.errors());
    auto villages = registry->villages();
    if (!villages)
        return Result<LoadedRegisters>::failure(villages.errors());
    LoadedRegisters out;
    std::vector<Error> errors;
    for (const auto& r : trees.value()) {
        heritage::AncientTree t = drawnTree(r);
        if (transform->apply(t.x, t.y))
            out.trees.push_back(std::move(t));
        else
            errors.push_back({target, "tree '" + r.id + "'",
                              "lon/lat cannot be transformed into the scene's CRS"});
    }
    if (auto placed = placeVillages(villages.value(), transform.value(), target, out.villages);
        !placed)
        errors.insert(errors.end(), placed.errors().begin(), placed.errors().end());
    if (!errors.empty())
        return Result<LoadedRegisters>::failure(errors);
    return out;
}

/// Every register source of the scene, each file or store on its own worker thread.
Result<LoadedRegisters> loadRegisters(const SceneDescription& description) {
    std::vector<std::future<Result<std::vector<heritage::AncientTree>>>> treeJobs;
    for (const auto& layer : description.treeLayers)
        treeJobs.push_back(std::async(std::launch::async, loadTreeLayer, layer, description.crs));
    std::vector<std::future<Result<std::vector<SceneVillage>>>> villageJobs;
    for (const auto& path : description.villageLayers)
        villageJobs.push_back(
            std::async(std::launch::async, loadVillageLayer, path, description.crs));
    std::future<Result<LoadedRegisters>> registryJob;
    if (!description.registry.empty())
        registryJob =
            std::async(std::launch::async, loadRegistry, description.registry, description.crs);
    LoadedRegisters out;
    std::vector<Error> errors;
    auto collect = [&](auto& result, auto&& take) {
        if (result)
            take(result.value());
        else
            errors.insert(errors.end(), result.errors().begin(), result.errors().end());
    };
    for (auto& job : treeJobs) {
        auto t = job.get();
        collect(t, [&](auto& v) { out.trees.insert(out.trees.end(), v.begin(), v.end()); });
    }
    for (auto& job : villageJobs) {
        auto v = job.get();
        collect(v, [&](auto& l) { out.villages.insert(out.villages.end(), l.begin(), l.end()); });
    }
    if (registryJob.valid()) {
        auto r = registryJob.get();
        collect(r, [&](LoadedRegisters& l) {
            out.trees.insert(out.trees.end(), l.trees.begin(), l.trees.end());
            out.villages.insert(out.villages.end(), l.villages.begin(), l.villages.end());
        });
    }
    if (!errors.empty())
        return Result<LoadedRegisters>::failure(errors);
    return out;
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

using ImportJob = std::future<Result<models::ImportedModel>>;

/// Places every model that imported, on the ground as levelled under the buildings, then
/// levels the ground under the models; a model that fails is a warning, not a failed scene.
std::vector<Error> placeModels(SceneData& data, std::vector<ImportJob>& jobs) {
    std::vector<Error> warnings;
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        const ModelDescription& d = data.description.models[i];
        auto model = placeImportedModel(d, jobs[i].get(), data);
        warnings.insert(warnings.end(), model.warnings().begin(), model.warnings().end());
        if (model)
            data.models.push_back(std::move(model.value()));
        else
            warnings.insert(warnings.end(), model.errors().begin(), model.errors().end());
    }
    levelGroundUnderModels(data);
    return warnings;
}

}  // namespace

double SceneData::exaggeration() const {
    return description.terrain ? description.terrain->exaggeration : 1.0;
}

namespace {

/// The ground under a local position: the pyramid's deepest tile where it has one, else the
/// heightfield; exaggerated; 0 without terrain.
double groundAt(const terrain::TileSource* tiles, const terrain::Heightfield* field, double originX,
                double originY, double exaggeration, double x, double y) {
    if (tiles) {
        // The pyramid's deepest tiles: the ground as drawn up close.
        if (auto h = tiles->heightAt(x + originX, y + originY))
            return *h * exaggeration;
    }
    return field ? field->sampleClamped(x + originX, y + originY) * exaggeration : 0.0;
}

}  // namespace

double SceneData::groundHeight(double localX, double localY) const {
    return groundAt(terrainTiles.get(), terrain ? &*terrain : nullptr, originX, originY,
                    exaggeration(), localX, localY);
}

std::function<double(double, double)> SceneData::groundSampler() const {
    auto field = terrain ? std::make_shared<const terrain::Heightfield>(*terrain) : nullptr;
    return [field, tiles = terrainTiles, ox = originX, oy = originY, k = exaggeration()](
               double x, double y) { return groundAt(tiles.get(), field.get(), ox, oy, k, x, y); };
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
    for (const SceneModel& m : models) {
        b.expand(m.localBounds.min);
        b.expand(m.localBounds.max);
    }
    for (const ObliqueTileSet& o : oblique) {
        b.expand(o.localBounds.min);
        b.expand(o.localBounds.max);
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

namespace {

/// "control_lines" kinds, written as tokens or Chinese names, known only to the rule engine.
void checkControlLineKinds(const SceneDescription& description, std::vector<Error>& errors) {
    for (const ControlLinesDescription& c : description.controlLines) {
        if (!c.kind.empty() && !heritage::parseControlLineKind(c.kind)) {
            errors.push_back({description.file.string(), c.jsonPath + ".kind",
                              "unknown control-line kind \"" + c.kind +
                                  "\" (known: permanent_farmland 永久基本农田, "
                                  "ecological_red_line 生态保护红线, "
                                  "urban_development_boundary 城镇开发边界)"});
        }
    }
}

}  // namespace

Result<SceneData> loadScene(const SceneDescription& description) {
    std::vector<Error> kindErrors;
    checkControlLineKinds(description, kindErrors);
    if (!kindErrors.empty())
        return Result<SceneData>::failure(kindErrors);
    SceneData data;
    data.description = description;
    std::future<Result<LoadedTerrain>> terrainJob;
    if (description.terrain) {
        terrainJob =
            std::async(std::launch::async, loadTerrain, *description.terrain, description.crs);
    }
    // Registers load beside the terrain (their own threads inside), and every model in its
    // own import worker process.
    auto registersJob = std::async(std::launch::async, loadRegisters, std::cref(description));
    std::vector<ImportJob> importJobs;
    for (const ModelDescription& m : description.models) {
        importJobs.push_back(
            std::async(std::launch::async, [path = m.path] { return models::importModel(path); }));
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
    LoadedRegisters registers;
    if (auto r = registersJob.get())
        registers = std::move(r.value());
    else
        errors.insert(errors.end(), r.errors().begin(), r.errors().end());
    if (!errors.empty())
        return Result<SceneData>::failure(errors);

    if (description.origin) {
        data.originX = (*description.origin)[0];
        data.originY = (*description.origin)[1];
    } else if (data.terrain) {
        data.originX = data.terrain->centreX();
        data.originY = data.terrain->centreY();
    } else if (!registers.trees.empty()) {
        data.originX = registers.trees.front().x;
        data.originY = registers.trees.front().y;
    } else if (!registers.villages.empty()) {
        data.originX = registers.villages.front().x;
        data.originY = registers.villages.front().y;
    }
    for (auto& t : registers.trees) {
        t.x -= data.originX;
        t.y -= data.originY;
    }
    for (auto& v : registers.villages) {
        v.x -= data.originX;
        v.y -= data.originY;
        for (auto& zone : v.zones)
            for (auto& ring : zone.rings)
                for (auto& p : ring)
                    p = {p[0] - data.originX, p[1] - data.originY};
    }
    data.trees = std::move(registers.trees);
    data.villages = std::move(registers.villages);
    data.registry = description.registry;

    levelPlatforms(data);
    if (auto placed = detail::placeBuildings(data); !placed)
        return Result<SceneData>::failure(placed.errors());
    std::vector<Error> warnings = placeModels(data, importJobs);
    // Like a model, a tile set that cannot be opened is a warning: the rest of the scene shows.
    for (const ObliqueDescription& o : description.oblique) {
        auto set = openObliqueTileSet(o, description.crs, data.originX, data.originY);
        warnings.insert(warnings.end(), set.warnings().begin(), set.warnings().end());
        if (set)
            data.oblique.push_back(std::move(set.value()));
        else
            warnings.insert(warnings.end(), set.errors().begin(), set.errors().end());
    }
    Result<SceneData> out(std::move(data));
    out.addWarnings(warnings);
    return out;
}

Status reloadRegistryTrees(SceneData& data) {
    if (data.registry.empty())
        return Done{};
    auto loaded = loadRegistry(data.registry, data.description.crs);
    if (!loaded)
        return Status::failure(loaded.errors());
    std::vector<heritage::AncientTree> fresh = std::move(loaded->trees);
    for (auto& t : fresh) {
        t.x -= data.originX;
        t.y -= data.originY;
    }
    if (data.description.treeLayers.empty()) {
        data.trees = std::move(fresh);
        return Done{};
    }
    std::map<std::string, heritage::AncientTree*> byId;
    for (auto& t : data.trees)
        byId[t.id] = &t;
    for (auto& t : fresh) {
        if (auto it = byId.find(t.id); it != byId.end())
            *it->second = t;
        else
            data.trees.push_back(t);
    }
    return Done{};
}

}  // namespace cunjing::scene
