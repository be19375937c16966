#include "SceneBuildings.h"

#include <cunjing/architecture/GroundSurface.h>
#include <cunjing/architecture/StyleLibrary.h>
#include <cunjing/architecture/TownPlan.h>
#include <cunjing/architecture/VillageLayouts.h>
#include <cunjing/architecture/VillagePlan.h>
#include <cunjing/terrain/Flatten.h>

#include <malloc.h>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <future>
#include <limits>
#include <memory>
#include <numbers>
#include <thread>

namespace cunjing::scene::detail {

namespace {

using architecture::BuildingMesh;
using architecture::GroundKind;
using architecture::Point2;
using Outline = std::vector<std::array<double, 2>>;

/// Pond beds are dug this far below the water so the ground never shows through it.
constexpr double kPondBedBelowWater = 0.6;
/// A plan's pond without a water level: the water this far below the ground around it.
constexpr double kVillagePondWater = 0.6;
/// partId of ground areas that belong to no building.
constexpr std::uint32_t kNoBuilding = std::numeric_limits<std::uint32_t>::max();

/// One building to generate: what (style, typology, overrides, seed) and where (a footprint
/// outline in the local frame, or an origin and a facing).
struct Job {
    const architecture::Style* style = nullptr;
    std::string typology;
    architecture::ParamOverrides overrides;
    std::uint32_t seed = 1;
    std::optional<architecture::BuildingFootprint> footprint;  ///< local frame
    std::array<double, 2> at{0, 0};
    double facingDeg = 180;
    bool flatten = true;
    std::string name;
    std::string group;    ///< the "buildings" entry's id
    std::string sceneId;  ///< "<group>/<footprint id>", or "<group>" for a single building
    std::string file;     ///< for messages: the scene file or the footprint file
    std::string where;    ///< "$.buildings[0].generate" or "layer buildings, feature 12"
};

struct GroundJob {
    GroundKind kind = GroundKind::Forecourt;
    std::vector<Point2> outline;  ///< local frame
    std::optional<double> z;      ///< metres, unexaggerated; a pond's water level
    bool flatten = true;
    double ground = 0;  ///< the mean ground under it before levelling (a pond's bank)
};

struct Work {
    std::vector<Job> jobs;
    std::vector<GroundJob> ground;
    std::vector<Error> errors;
};

Point2 turned(Point2 p, double headingDeg) {
    const double a = headingDeg * std::numbers::pi / 180.0;
    return {p.x * std::cos(a) - p.y * std::sin(a), p.x * std::sin(a) + p.y * std::cos(a)};
}

/// A building's local frame to the scene's: turned counter-clockwise by the heading, moved.
void place(geo::Mesh& mesh, const architecture::Placement& at, double z) {
    const double a = at.headingDeg * std::numbers::pi / 180.0;
    const auto c = float(std::cos(a)), s = float(std::sin(a));
    for (auto& p : mesh.positions)
        p = {p.x * c - p.y * s + float(at.x), p.x * s + p.y * c + float(at.y), p.z + float(z)};
    for (auto& n : mesh.normals)
        n = {n.x * c - n.y * s, n.x * s + n.y * c, n.z};
}

Outline toWorking(const std::vector<Point2>& ring, const SceneData& data) {
    Outline out;
    for (const Point2& p : ring)
        out.push_back({p.x + data.originX, p.y + data.originY});
    return out;
}

std::vector<Point2> placedRing(const std::vector<Point2>& ring, const architecture::Placement& at) {
    std::vector<Point2> out;
    for (const Point2& p : ring) {
        const Point2 q = turned(p, at.headingDeg);
        out.push_back({q.x + at.x, q.y + at.y});
    }
    return out;
}

/// The lowest ground under an outline: a building that is not stood on a levelled platform
/// is sunk into the slope rather than left floating over it.
double lowestGroundUnder(const terrain::Heightfield& field, const Outline& outline) {
    double low = std::numeric_limits<double>::infinity();
    double cx = 0, cy = 0;
    for (const auto& p : outline) {
        low = std::min(low, field.sampleClamped(p[0], p[1]));
        cx += p[0] / double(outline.size());
        cy += p[1] / double(outline.size());
    }
    return std::min(low, field.sampleClamped(cx, cy));
}

void addPlan(architecture::VillagePlan plan, const std::vector<architecture::Style>& styles,
             const BuildingDescription& d, const std::string& file, Work& work) {
    for (std::size_t i = 0; i < plan.buildings.size(); ++i) {
        auto& fp = plan.buildings[i];
        Job job;
        job.group = d.id;
        // A footprint file's row without an id is named by its row number, as its messages do.
        job.sceneId = d.id + "/" + (fp.id.empty() ? std::to_string(i + 1) : fp.id);
        job.style = architecture::findStyle(styles, fp.style);
        job.typology = fp.typology;
        job.overrides = fp.overrides;
        if (fp.storeys > 0 && job.style) {
            const auto* spec = job.style->findTypology(fp.typology);
            if (spec && spec->dimensions.count("storeys"))
                job.overrides.emplace_back("storeys", std::to_string(fp.storeys));
        }
        job.seed = fp.seed;
        job.facingDeg = fp.facingDeg;
        job.flatten = d.flatten;
        job.name = fp.name;
        job.file = file;
        job.where = "building " + (fp.id.empty() ? std::to_string(work.jobs.size()) : fp.id);
        if (!job.style) {
            work.errors.push_back({file, job.where,
                                   "unknown style \"" + fp.style +
                                       "\" (known: " + architecture::styleList(styles) + ")"});
            continue;
        }
        job.footprint = std::move(fp);
        work.jobs.push_back(std::move(job));
    }
    for (auto& g : plan.ground)
        work.ground.push_back({g.kind, std::move(g.outline), g.z, d.flatten, 0.0});
}

/// A plan's landmark trees (already in the local frame) join the scene's trees; they are not
/// register records, so they carry no age or grade.
void addTrees(const architecture::VillagePlan& plan, SceneData& data) {
    for (const auto& t : plan.trees) {
        heritage::AncientTree tree;
        tree.id = "planted";
        tree.speciesCn = t.species;
        tree.x = t.at.x, tree.y = t.at.y;
        tree.heightM = t.heightM, tree.crownM = t.crownM;
        data.trees.push_back(tree);
    }
}

/// A layout generated around (0, 0) and moved to the entry's "at" (local frame).
void addLayout(const BuildingDescription& d, const std::vector<architecture::Style>& styles,
               SceneData& data, Work& work) {
    const std::string file = data.description.file.string();
    architecture::VillageLayoutOptions options;
    options.layout = *architecture::parseLayout(d.layout);  // checked by the scene file reader
    options.seed = d.seed;
    options.columns = d.columns;
    options.depth = d.housesPerColumn;
    options.laneWidth = d.laneWidth;
    options.streetLength = d.streetLength;
    options.streetWidth = d.streetWidth;
    options.facingDeg = d.facingDeg;
    if (data.terrain) {
        // The layout faces the way the ground falls (comb: rising behind the village).
        const terrain::Heightfield& field = *data.terrain;
        const double x = d.at[0] + data.originX, y = d.at[1] + data.originY;
        options.ground = [&field, x, y](double dx, double dy) {
            return field.sample(x + dx, y + dy);
        };
    }
    auto generated = architecture::generateVillage(options, styles);
    if (!generated) {
        for (const Error& e : generated.errors())
            work.errors.push_back(
                {file, d.jsonPath + (e.where.empty() ? "" : " (" + e.where + ")"), e.message});
        return;
    }
    architecture::VillagePlan plan = std::move(generated->plan);
    architecture::translatePlan(plan, d.at[0], d.at[1]);
    addTrees(plan, data);
    addPlan(std::move(plan), styles, d, file, work);
}
void addSource(const BuildingDescription& d, const std::vector<architecture::Style>& styles,
               SceneData& data, Work& work) {
    auto crs = geo::Crs::fromUserString(data.description.crs);
    if (!crs) {
        work.errors.insert(work.errors.end(), crs.errors().begin(), crs.errors().end());
        return;
    }
    auto plan = architecture::readVillagePlan(d.source.string(), crs.value(), styles);
    if (!plan) {
        work.errors.insert(work.errors.end(), plan.errors().begin(), plan.errors().end());
        return;
    }
    architecture::translatePlan(plan.value(), -data.originX, -data.originY);
    addTrees(plan.value(), data);
    addPlan(std::move(plan.value()), styles, d, d.source.string(), work);
}

void addSingle(const BuildingDescription& d, const std::vector<architecture::Style>& styles,
               const SceneData& data, Work& work) {
    Job job;
    job.style = architecture::findStyle(styles, d.style);
    job.file = data.description.file.string();
    job.where = d.jsonPath;
    job.group = job.sceneId = d.id;
    if (!job.style) {
        work.errors.push_back(
            {job.file, d.jsonPath + ".style",
             "unknown style \"" + d.style + "\" (known: " + architecture::styleList(styles) + ")"});
        return;
    }
    job.typology = d.typology;
    job.overrides = d.set;
    job.seed = d.seed;
    job.at = d.at;
    job.facingDeg = d.facingDeg.value_or(180.0);
    job.flatten = d.flatten;
    work.jobs.push_back(std::move(job));
}

/// Splits triangles until no edge is longer than maxEdge (flat normals kept), so a surface laid
/// on the ground can follow it.
geo::Mesh subdivided(const geo::Mesh& in, double maxEdge) {
    geo::Mesh out;
    auto edge = [](const geo::Vec3f& a, const geo::Vec3f& b) {
        return std::hypot(double(a.x - b.x), double(a.y - b.y));
    };
    auto mid = [](const geo::Vec3f& a, const geo::Vec3f& b) {
        return geo::Vec3f{0.5f * (a.x + b.x), 0.5f * (a.y + b.y), 0.5f * (a.z + b.z)};
    };
    std::vector<std::array<std::uint32_t, 3>> stack;
    out = in;
    out.indices.clear();
    for (std::size_t t = 0; t + 2 < in.indices.size(); t += 3)
        stack.push_back({in.indices[t], in.indices[t + 1], in.indices[t + 2]});
    while (!stack.empty()) {
        const auto tri = stack.back();
        stack.pop_back();
        // Split the longest edge at its midpoint: two triangles, the same winding.
        int longest = 0;
        double length = 0;
        for (int e = 0; e < 3; ++e) {
            const double l = edge(out.positions[tri[e]], out.positions[tri[(e + 1) % 3]]);
            if (l > length)
                length = l, longest = e;
        }
        if (length <= maxEdge || out.positions.size() > 2'000'000) {
            out.indices.insert(out.indices.end(), tri.begin(), tri.end());
            continue;
        }
        const std::uint32_t a = tri[longest], b = tri[(longest + 1) % 3],
                            c = tri[(longest + 2) % 3];
        const auto m = static_cast<std::uint32_t>(out.positions.size());
        out.positions.push_back(mid(out.positions[a], out.positions[b]));
        out.normals.push_back(out.normals[a]);
        out.colors.push_back(out.colors[a]);
        if (!out.partIds.empty())
            out.partIds.push_back(out.partIds[a]);
        if (!out.surfaces.empty())
            out.surfaces.push_back(out.surfaces[a]);
        stack.push_back({a, m, c});
        stack.push_back({m, b, c});
    }
    return out;
}

/// What a job generated from, as a town plan sees it: the footprint's attributes (or the
/// single building's), every param it was generated with, and the outline its masses fill.
architecture::BuildingFootprint describedFootprint(const Job& job, const BuildingMesh& mesh,
                                                   const architecture::Placement& at) {
    architecture::BuildingFootprint fp;
    if (job.footprint) {
        fp = *job.footprint;
    } else {
        fp.id = job.sceneId;
        fp.style = job.style->id;
        fp.typology = job.typology;
        fp.facingDeg = job.facingDeg;
        fp.seed = job.seed;
        for (const auto& [key, value] : job.overrides) {
            if (key == "storeys")
                fp.storeys = std::atoi(value.c_str());
        }
    }
    fp.overrides = job.overrides;
    fp.outline = architecture::footprintOutline(mesh, at);
    return fp;
}

/// What one job made: the building's record, the ground to level under it, and its placed
/// mesh (or, for a paged scene, only its coarse massing and tile).
struct Made {
    std::vector<Error> errors;
    PlacedBuilding placed;
    std::vector<terrain::Footprint> level;
    architecture::Placement at;
    double z = 0;  ///< floor height, exaggerated
    geo::Mesh mesh;
    geo::Mesh coarse;
    std::pair<long, long> tile;
};

/// How the pager makes a paged building again.
struct Recipe {
    const architecture::Style* style = nullptr;
    std::string typology;
    architecture::ParamOverrides overrides;
    std::uint32_t seed = 1;
    architecture::Placement at;
    double z = 0;
};

/// Generates, places and describes one building (on a worker thread: reads data, writes only
/// the result). Its floor height comes from the ground before any levelling.
Made makeBuilding(const Job& job, std::uint32_t id, const std::vector<architecture::Style>& styles,
                  const SceneData& data, const BuildingTiles* tiles) {
    Made m;
    auto mesh =
        architecture::generateBuilding(*job.style, job.typology, job.overrides, job.seed, id);
    if (!mesh) {
        // The style library's message names the typology and the allowed values.
        for (const Error& e : mesh.errors())
            m.errors.push_back({job.file, job.where, e.message});
        return m;
    }
    m.at = job.footprint ? architecture::placeOnFootprint(mesh.value(), *job.footprint)
                         : architecture::Placement{job.at[0], job.at[1],
                                                   architecture::headingForFacing(job.facingDeg)};
    architecture::BuildingFootprint footprint = describedFootprint(job, mesh.value(), m.at);
    auto facts = architecture::buildingFacts(styles, footprint, mesh.value());
    if (!facts) {
        for (const Error& e : facts.errors())
            m.errors.push_back({job.file, job.where, e.message});
        return m;
    }
    double base = 0;
    if (data.terrain) {
        const terrain::Heightfield& field = *data.terrain;
        const double cell = std::hypot(field.dx, field.dy);
        const Outline plot = toWorking(architecture::footprintOutline(mesh.value(), m.at), data);
        if (!job.flatten) {
            base = lowestGroundUnder(field, plot);
        } else {
            base = terrain::meanGroundUnder(field, plot);
            m.level.push_back({plot, base, cell});
            for (const auto& g : mesh->ground) {
                const Outline outline = toWorking(placedRing(g.outline, m.at), data);
                const double h =
                    g.kind == GroundKind::Pond ? base + g.z - kPondBedBelowWater : base;
                m.level.push_back({outline, h, g.kind == GroundKind::Pond ? 0.0 : cell});
            }
        }
    }
    m.z = base * data.exaggeration();
    m.mesh = placedBuildingMesh(mesh.value(), m.at, m.z, id);
    if (tiles) {
        m.tile = tiles->tileOf(geo::boundsOf(m.mesh));
        m.coarse = clusterMesh(m.mesh, tiles->lod.coarseCellM);
        m.mesh = {};
    }
    PlacedBuilding& p = m.placed;
    p.id = id;
    p.style = job.style->id;
    p.typology = job.typology;
    p.name = job.name;
    p.x = m.at.x, p.y = m.at.y, p.z = m.z;
    p.headingDeg = m.at.headingDeg;
    p.sceneId = job.sceneId;
    p.group = job.group;
    p.footprint = std::move(footprint);
    p.facts = std::move(facts.value());
    p.base = m.z;
    return m;
}

}  // namespace

geo::Mesh placedBuildingMesh(const architecture::BuildingMesh& building,
                             const architecture::Placement& at, double z, std::uint32_t partId) {
    geo::Mesh mesh = building.mesh;
    for (const auto& g : building.ground)
        mesh.append(g.mesh);
    place(mesh, at, z);
    mesh.partIds.assign(mesh.positions.size(), partId);
    return mesh;
}

Status placeBuildings(SceneData& data) {
    const auto& description = data.description;
    if (description.buildings.empty())
        return Done{};
    auto styles = architecture::loadStyleLibrary(description.styles);
    if (!styles)
        return Status::failure(styles.errors());

    Work work;
    for (const auto& d : description.buildings) {
        switch (d.kind) {
            case BuildingDescription::Kind::Layout:
                addLayout(d, styles.value(), data, work);
                break;
            case BuildingDescription::Kind::Single:
                addSingle(d, styles.value(), data, work);
                break;
            case BuildingDescription::Kind::Source:
                addSource(d, styles.value(), data, work);
                break;
        }
    }

    // Buildings generate on every core; each job's result lands in its own slot, so the
    // scene is the same whatever the threads' order.
    const bool paged =
        work.jobs.size() > description.pageBuildingsAbove && description.plans.empty();
    std::shared_ptr<BuildingTiles> tiles;
    if (paged)
        tiles = std::make_shared<BuildingTiles>();
    std::vector<Made> made(work.jobs.size());
    const std::uint32_t firstId = std::uint32_t(data.buildingCount);
    const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 16u);
    std::vector<std::future<void>> workers;
    for (unsigned k = 0; k < threads; ++k) {
        workers.push_back(std::async(std::launch::async, [&, k] {
            for (std::size_t i = k; i < work.jobs.size(); i += threads)
                made[i] = makeBuilding(work.jobs[i], firstId + std::uint32_t(i), styles.value(),
                                       data, tiles.get());
        }));
    }
    for (auto& w : workers)
        w.get();
    // A paged scene made and dropped every building's full mesh on the workers: hand the
    // freed pages back (glibc keeps them in its arenas, fragmented between the small coarse
    // meshes that stay, and they would count against the scene's memory for its whole life).
    if (paged)
        malloc_trim(0);
    for (Made& m : made)
        work.errors.insert(work.errors.end(), m.errors.begin(), m.errors.end());
    if (!work.errors.empty())
        return Status::failure(work.errors);

    // One levelling of everything, from the ground as it was (each floor height was taken from
    // it): the plot of each building, its forecourt, 化胎 and pond, and the plan's own ground
    // areas.
    if (data.terrain) {
        terrain::Heightfield& field = *data.terrain;
        const double cell = std::hypot(field.dx, field.dy);
        std::vector<terrain::Footprint> level;
        for (Made& m : made)
            level.insert(level.end(), m.level.begin(), m.level.end());
        for (GroundJob& g : work.ground) {
            const Outline outline = toWorking(g.outline, data);
            g.ground = terrain::meanGroundUnder(field, outline);
            if (!g.z)
                g.z = g.kind == GroundKind::Pond ? g.ground - kVillagePondWater : g.ground;
            if (g.kind == GroundKind::Pond)
                g.ground = std::max(g.ground, *g.z + 0.2);  // the kerb stands above the water
            if (!g.flatten)
                continue;
            // A pond's bed is dug below its water; the bank around it keeps the ground's height.
            const double h = g.kind == GroundKind::Pond ? *g.z - kPondBedBelowWater : *g.z;
            level.push_back({outline, h, g.kind == GroundKind::Pond ? 0.0 : cell});
        }
        terrain::flattenUnder(field, level, std::max(4.0, 2.0 * cell));
    }

    for (Made& m : made) {
        if (tiles) {
            BuildingTiles::Tile& tile = tiles->tiles[m.tile];
            tile.ids.push_back(m.placed.id);
            tile.coarse.append(m.coarse);
        } else {
            data.buildings.append(m.mesh);
        }
        data.placed.push_back(std::move(m.placed));
        ++data.buildingCount;
    }
    if (tiles) {
        // The recipes the pager makes full detail from again: the same calls as makeBuilding's.
        auto recipes = std::make_shared<std::vector<Recipe>>();
        auto library =
            std::make_shared<std::vector<architecture::Style>>(std::move(styles.value()));
        for (std::size_t i = 0; i < work.jobs.size(); ++i) {
            const Job& job = work.jobs[i];
            recipes->push_back({architecture::findStyle(*library, job.style->id), job.typology,
                                job.overrides, job.seed, made[i].at, made[i].z});
        }
        tiles->make = [recipes, library, firstId](std::uint32_t id) {
            const Recipe& r = (*recipes)[id - firstId];
            auto mesh =
                architecture::generateBuilding(*r.style, r.typology, r.overrides, r.seed, id);
            return mesh ? placedBuildingMesh(mesh.value(), r.at, r.z, id) : geo::Mesh{};
        };
        data.pagedBuildings = tiles;
    }
    const double step = data.terrain ? 0.5 * std::min(data.terrain->dx, data.terrain->dy) : 1e9;
    for (const GroundJob& g : work.ground) {
        if (g.kind == GroundKind::Pond) {
            // Flat water at its level, a kerb from the water up to the bank.
            const double water = g.z.value_or(g.ground - kVillagePondWater);
            geo::Mesh mesh =
                architecture::groundSurface(g.kind, g.outline, {}, g.ground - water, kNoBuilding);
            place(mesh, {}, g.ground * data.exaggeration());
            data.buildings.append(mesh);
            continue;
        }
        // Paving and turf lie on the levelled ground, whatever the platforms beside them did.
        geo::Mesh mesh =
            subdivided(architecture::groundSurface(g.kind, g.outline, {}, 0.0, kNoBuilding), step);
        for (auto& p : mesh.positions)
            p.z = float(data.groundHeight(p.x, p.y) + 0.2);
        data.buildings.append(mesh);
    }
    return Done{};
}

}  // namespace cunjing::scene::detail
