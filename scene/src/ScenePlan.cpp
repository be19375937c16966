#include <cunjing/scene/ScenePlan.h>

#include "SceneBuildings.h"

#include <cunjing/architecture/StyleLibrary.h>
#include <cunjing/architecture/VillagePlan.h>
#include <cunjing/geo/Crs.h>
#include <cunjing/heritage/Rules.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <unordered_map>

namespace cunjing::scene {

using architecture::PlanChange;

/// A building generated once: its mesh in its own frame (partId 0) and what the rules read.
struct BuildingCache::Impl {
    struct Generated {
        architecture::BuildingMesh mesh;
        architecture::BuildingFacts facts;
    };
    std::map<std::string, std::shared_ptr<const Generated>> buildings;
    /// The style library by folder ("" the bundled one), read once per cache.
    std::map<std::string, std::vector<architecture::Style>> styles;
};

BuildingCache::BuildingCache() : impl_(std::make_unique<Impl>()) {}
BuildingCache::~BuildingCache() = default;
std::size_t BuildingCache::size() const {
    return impl_->buildings.size();
}

const PlacedBuilding* BuildingState::find(const std::string& sceneId) const {
    for (const PlacedBuilding& p : placed) {
        if (p.sceneId == sceneId)
            return &p;
    }
    return nullptr;
}

namespace {

constexpr std::uint32_t kNoBuilding = std::numeric_limits<std::uint32_t>::max();

using Generated = BuildingCache::Impl::Generated;

Result<const std::vector<architecture::Style>*> stylesOf(const SceneData& data,
                                                         BuildingCache::Impl& cache) {
    const std::string folder = data.description.styles.string();
    if (auto it = cache.styles.find(folder); it != cache.styles.end())
        return &it->second;
    auto styles = architecture::loadStyleLibrary(data.description.styles);
    if (!styles)
        return Result<const std::vector<architecture::Style>*>::failure(styles.errors());
    return &cache.styles.emplace(folder, std::move(styles.value())).first->second;
}

/// The overrides a footprint generates with: its params, and its storeys when the typology
/// has them and the params do not already say (as the scene does for footprint files).
architecture::ParamOverrides generationOverrides(const architecture::Style& style,
                                                 const architecture::BuildingFootprint& fp) {
    architecture::ParamOverrides overrides = fp.overrides;
    const bool stated = std::any_of(overrides.begin(), overrides.end(),
                                    [](const auto& kv) { return kv.first == "storeys"; });
    const auto* spec = style.findTypology(fp.typology);
    if (fp.storeys > 0 && !stated && spec && spec->dimensions.count("storeys"))
        overrides.emplace_back("storeys", std::to_string(fp.storeys));
    return overrides;
}

std::string cacheKey(const architecture::BuildingFootprint& fp,
                     const architecture::ParamOverrides& overrides) {
    std::string key = fp.style + "|" + fp.typology + "|" + std::to_string(fp.seed) + "|";
    for (const auto& [k, v] : overrides)
        key += k + "=" + v + ";";
    return key;
}

Result<std::shared_ptr<const Generated>> generate(const std::vector<architecture::Style>& styles,
                                                  const architecture::BuildingFootprint& fp,
                                                  BuildingCache::Impl& cache) {
    const architecture::Style* style = architecture::findStyle(styles, fp.style);
    if (!style) {
        return Error{
            "", fp.id,
            "unknown style \"" + fp.style + "\" (known: " + architecture::styleList(styles) + ")"};
    }
    const architecture::ParamOverrides overrides = generationOverrides(*style, fp);
    const std::string key = cacheKey(fp, overrides);
    if (auto it = cache.buildings.find(key); it != cache.buildings.end())
        return it->second;
    auto mesh = architecture::generateBuilding(*style, fp.typology, overrides, fp.seed, 0);
    if (!mesh)
        return Result<std::shared_ptr<const Generated>>::failure(mesh.errors());
    auto facts = architecture::buildingFacts(styles, fp, mesh.value());
    if (!facts)
        return Result<std::shared_ptr<const Generated>>::failure(facts.errors());
    auto made = std::make_shared<const Generated>(
        Generated{std::move(mesh.value()), std::move(facts.value())});
    cache.buildings.emplace(key, made);
    return made;
}

/// Whether a local point lies inside a ring (even-odd crossing test).
bool inside(const std::vector<std::array<double, 2>>& ring, double x, double y) {
    bool in = false;
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const auto& a = ring[i];
        const auto& b = ring[j];
        if ((a[1] > y) != (b[1] > y) && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0])
            in = !in;
    }
    return in;
}

/// The register zones (heritage token names: "core", "construction_control", "environment")
/// the footprint's centroid lies in, for PlanSelection::zones.
std::vector<std::string> zonesOf(const SceneData& data, const architecture::BuildingFootprint& fp) {
    std::set<std::string> names;
    if (fp.outline.size() < 3)
        return {};
    const architecture::Point2 c = architecture::ringCentroid(fp.outline);
    for (const SceneVillage& v : data.villages) {
        for (const SceneZone& z : v.zones) {
            if (z.rings.empty() || !inside(z.rings[0], c.x, c.y))
                continue;
            const bool inHole =
                std::any_of(z.rings.begin() + 1, z.rings.end(),
                            [&](const auto& hole) { return inside(hole, c.x, c.y); });
            if (!inHole)
                names.insert(heritage::token(z.kind));
        }
    }
    return {names.begin(), names.end()};
}

/// The floor of a building the plan adds: the lowest ground under its outline (corners, edge
/// midpoints and centroid), exaggerated like every height of the scene. The terrain is not
/// levelled again for a plan, so on a slope the building is sunk into the ground on its low
/// side rather than left floating over it, as a scene building with "flatten": false is.
double groundUnder(const SceneData& data, const std::vector<architecture::Point2>& outline) {
    if (outline.empty())
        return 0;
    const architecture::Point2 c = architecture::ringCentroid(outline);
    double low = data.groundHeight(c.x, c.y);
    for (std::size_t i = 0; i < outline.size(); ++i) {
        const architecture::Point2& a = outline[i];
        const architecture::Point2& b = outline[(i + 1) % outline.size()];
        low = std::min({low, data.groundHeight(a.x, a.y),
                        data.groundHeight(0.5 * (a.x + b.x), 0.5 * (a.y + b.y))});
    }
    return low;
}

/// The vertices of kept buildings (partMap: old partId -> new, or -1 for dropped) and of
/// ground areas, as they are, with partIds renumbered.
geo::Mesh keptGeometry(const geo::Mesh& existing, const std::vector<std::int64_t>& partMap) {
    geo::Mesh out;
    const std::size_t n = existing.positions.size();
    const bool hasParts = existing.partIds.size() == n;
    const bool hasSurfaces = existing.surfaces.size() == n;
    std::vector<std::uint32_t> remap(n, kNoBuilding);
    for (std::size_t i = 0; i < n; ++i) {
        std::uint32_t part = hasParts ? existing.partIds[i] : kNoBuilding;
        if (part != kNoBuilding) {
            if (part >= partMap.size() || partMap[part] < 0)
                continue;
            part = static_cast<std::uint32_t>(partMap[part]);
        }
        remap[i] = static_cast<std::uint32_t>(out.positions.size());
        out.positions.push_back(existing.positions[i]);
        out.normals.push_back(existing.normals[i]);
        out.colors.push_back(existing.colors[i]);
        out.partIds.push_back(part);
        if (hasSurfaces)
            out.surfaces.push_back(existing.surfaces[i]);
    }
    for (std::size_t t = 0; t + 2 < existing.indices.size(); t += 3) {
        const std::uint32_t a = remap[existing.indices[t]], b = remap[existing.indices[t + 1]],
                            c = remap[existing.indices[t + 2]];
        if (a != kNoBuilding && b != kNoBuilding && c != kNoBuilding)
            out.indices.insert(out.indices.end(), {a, b, c});
    }
    return out;
}

double outlineArea(const std::vector<architecture::Point2>& outline) {
    return outline.size() < 3 ? 0.0 : std::abs(architecture::ringArea(outline));
}

}  // namespace

std::vector<architecture::PlanBuilding> planBuildings(const SceneData& data) {
    std::vector<architecture::PlanBuilding> out;
    out.reserve(data.placed.size());
    for (const PlacedBuilding& p : data.placed)
        out.push_back({p.sceneId, p.group, p.footprint, zonesOf(data, p.footprint)});
    return out;
}

BuildingState existingState(const SceneData& data) {
    BuildingState state;
    state.buildings = data.buildings;
    state.placed = data.placed;
    return state;
}

Result<BuildingState> applyScenePlan(const SceneData& data, const architecture::TownPlan& plan,
                                     const std::string& alternative, BuildingCache* cache) {
    BuildingCache local;
    BuildingCache::Impl& c = (cache ? *cache : local).impl();
    const architecture::PlanAlternative* alt = plan.findAlternative(alternative);
    if (!alt) {
        return Error{plan.file, "$.alternatives",
                     "plan \"" + plan.id + "\" has no alternative \"" + alternative +
                         "\" (known: " + plan.alternativeIds() + ")"};
    }
    auto styles = stylesOf(data, c);
    if (!styles)
        return Result<BuildingState>::failure(styles.errors());
    auto applied = architecture::applyPlan(plan, *alt, planBuildings(data), *styles.value());
    if (!applied)
        return Result<BuildingState>::failure(applied.errors());

    std::unordered_map<std::string, std::size_t> existingIndex;
    for (std::size_t i = 0; i < data.placed.size(); ++i)
        existingIndex.emplace(data.placed[i].sceneId, i);
    std::set<std::string> modified;
    for (const PlanChange& ch : applied->changes) {
        if (ch.kind == PlanChange::Kind::Modified)
            modified.insert(ch.buildingId);
    }

    // First which existing buildings keep their geometry (copied, not regenerated), so the
    // untouched street is the very same vertices in both states.
    const auto& after = applied->buildings;
    std::vector<std::int64_t> partMap(data.placed.size(), -1);
    for (std::size_t i = 0; i < after.size(); ++i) {
        const auto it = existingIndex.find(after[i].id);
        if (it != existingIndex.end() && !modified.count(after[i].id))
            partMap[data.placed[it->second].id] = std::int64_t(i);
    }
    BuildingState state;
    state.buildings = keptGeometry(data.buildings, partMap);
    state.changes = applied->changes;
    state.warnings = applied.warnings();

    std::vector<Error> errors;
    for (std::size_t i = 0; i < after.size(); ++i) {
        const architecture::PlanBuilding& b = after[i];
        const auto id = static_cast<std::uint32_t>(i);
        const auto it = existingIndex.find(b.id);
        if (it != existingIndex.end() && !modified.count(b.id)) {
            PlacedBuilding p = data.placed[it->second];
            p.id = id;
            state.placed.push_back(std::move(p));
            continue;
        }
        auto made = generate(*styles.value(), b.footprint, c);
        if (!made) {
            // Name the plan entries that made this building, so the designer can fix them.
            std::string where = "building " + b.id;
            for (const PlanChange& ch : applied->changes) {
                if (ch.buildingId == b.id && !ch.sources.empty())
                    where = ch.sources.back() + " (" + where + ")";
            }
            for (const Error& e : made.errors())
                errors.push_back({plan.file, where, e.message});
            continue;
        }
        const Generated& g = *made.value();
        PlacedBuilding p;
        architecture::Placement at;
        if (it != existingIndex.end()) {
            // A changed building keeps its origin and heading: the generators anchor the front
            // wall there, so removing a rear addition must not slide the façade off the street
            // line as re-centring the new mass box on the old outline would.
            p = data.placed[it->second];
            at = {p.x, p.y, p.headingDeg};
        } else {
            at = architecture::placeOnFootprint(g.mesh, b.footprint);
            const double base = groundUnder(data, b.footprint.outline);
            p.sceneId = b.id;
            p.group = b.group;
            p.name = b.footprint.name.empty() ? b.id : b.footprint.name;
            p.x = at.x, p.y = at.y, p.z = base, p.base = base;
            p.headingDeg = at.headingDeg;
        }
        p.id = id;
        p.style = b.footprint.style;
        p.typology = b.footprint.typology;
        p.footprint = b.footprint;
        p.footprint.outline = architecture::footprintOutline(g.mesh, at);
        p.facts = g.facts;
        state.buildings.append(detail::placedBuildingMesh(g.mesh, at, p.base, id));
        state.placed.push_back(std::move(p));
    }
    if (!errors.empty())
        return Result<BuildingState>::failure(errors);
    Result<BuildingState> out(std::move(state));
    out.addWarnings(applied.warnings());
    return out;
}

Result<std::vector<architecture::TownPlan>> loadScenePlans(const SceneData& data) {
    std::vector<architecture::TownPlan> plans;
    std::vector<Error> errors;
    std::map<std::string, std::string> files;  // plan id -> the file that has it
    for (std::size_t i = 0; i < data.description.plans.size(); ++i) {
        const std::string path = data.description.plans[i].string();
        auto plan = architecture::readTownPlan(path);
        if (!plan) {
            errors.insert(errors.end(), plan.errors().begin(), plan.errors().end());
            continue;
        }
        if (auto [it, fresh] = files.emplace(plan->id, path); !fresh) {
            errors.push_back({data.description.file.string(), "$.plans[" + std::to_string(i) + "]",
                              "plan id \"" + plan->id + "\" of " + path + " is also the id of " +
                                  it->second + "; give each plan its own id"});
            continue;
        }
        plans.push_back(std::move(plan.value()));
    }
    if (!errors.empty())
        return Result<std::vector<architecture::TownPlan>>::failure(errors);
    return plans;
}

namespace {

/// The scene's register zones, already in the local frame.
std::vector<heritage::CheckedZone> sceneZones(const SceneData& data) {
    std::vector<heritage::CheckedZone> zones;
    for (const SceneVillage& v : data.villages) {
        for (const SceneZone& z : v.zones) {
            if (z.rings.empty())
                continue;
            heritage::CheckedZone cz;
            cz.kind = z.kind;
            cz.name = v.record.name.empty() ? v.record.id : v.record.name;
            for (std::size_t r = 0; r < z.rings.size(); ++r) {
                geo::Ring ring;
                for (const auto& p : z.rings[r])
                    ring.push_back({p[0], p[1]});
                if (r == 0)
                    cz.polygon.outer = std::move(ring);
                else
                    cz.polygon.holes.push_back(std::move(ring));
            }
            zones.push_back(std::move(cz));
        }
    }
    return zones;
}

/// Control lines read in the working CRS, moved into the local frame.
Status addControlLines(const std::string& path, std::optional<heritage::ControlLineKind> kind,
                       const SceneData& data, const geo::Crs& crs,
                       std::vector<heritage::ControlLine>& out) {
    auto lines = heritage::loadControlLines(path, crs, kind);
    if (!lines)
        return Status::failure(lines.errors());
    auto shift = [&](geo::Ring& ring) {
        for (auto& p : ring)
            p = {p.x - data.originX, p.y - data.originY};
    };
    for (auto& line : lines.value()) {
        shift(line.polygon.outer);
        for (auto& hole : line.polygon.holes)
            shift(hole);
        out.push_back(std::move(line));
    }
    return Done{};
}

/// "FILE" or "FILE:KIND": split at the last ':' only when what follows is a kind, so a
/// Windows drive letter or a ':' in a file name stays part of the path.
std::pair<std::string, std::optional<heritage::ControlLineKind>> splitControlLineArg(
    const std::string& arg) {
    const auto colon = arg.rfind(':');
    if (colon != std::string::npos) {
        if (auto kind = heritage::parseControlLineKind(arg.substr(colon + 1)))
            return {arg.substr(0, colon), kind};
    }
    return {arg, std::nullopt};
}

Result<std::vector<heritage::ControlLine>> controlLinesOf(const SceneData& data,
                                                          const PlanCheckSetup& setup) {
    std::vector<heritage::ControlLine> lines;
    const auto& entries = data.description.controlLines;
    if (entries.empty() && setup.extraControlLines.empty())
        return lines;
    auto crs = geo::Crs::fromUserString(data.description.crs);
    if (!crs)
        return Result<std::vector<heritage::ControlLine>>::failure(crs.errors());
    std::vector<Error> errors;
    for (const ControlLinesDescription& c : entries) {
        std::optional<heritage::ControlLineKind> kind;
        if (!c.kind.empty() && !(kind = heritage::parseControlLineKind(c.kind))) {
            errors.push_back({data.description.file.string(), c.jsonPath + ".kind",
                              "unknown control-line kind \"" + c.kind + "\""});
            continue;
        }
        if (auto s = addControlLines(c.path.string(), kind, data, crs.value(), lines); !s)
            errors.insert(errors.end(), s.errors().begin(), s.errors().end());
    }
    for (const std::string& arg : setup.extraControlLines) {
        const auto [path, kind] = splitControlLineArg(arg);
        if (auto s = addControlLines(path, kind, data, crs.value(), lines); !s)
            errors.insert(errors.end(), s.errors().begin(), s.errors().end());
    }
    if (!errors.empty())
        return Result<std::vector<heritage::ControlLine>>::failure(errors);
    return lines;
}

/// Added buildings are new construction; so is a changed one that grew (more storeys, a
/// larger footprint), since only new construction may not enter a tree's range or a line.
bool isNewConstruction(const SceneData& data, const BuildingState& state, const PlacedBuilding& p) {
    for (const PlanChange& ch : state.changes) {
        if (ch.buildingId != p.sceneId)
            continue;
        if (ch.kind == PlanChange::Kind::Added)
            return true;
        if (ch.kind != PlanChange::Kind::Modified)
            continue;
        for (const PlacedBuilding& before : data.placed) {
            if (before.sceneId != p.sceneId)
                continue;
            constexpr double kGrowthM2 = 1.0;  // below this, rounding of the mass boxes
            return p.facts.storeys > before.facts.storeys ||
                   outlineArea(p.footprint.outline) >
                       outlineArea(before.footprint.outline) + kGrowthM2;
        }
    }
    return false;
}

}  // namespace

Result<PlanCheck> checkScenePlan(const SceneData& data, const BuildingState& state,
                                 const PlanCheckSetup& setup) {
    auto rules = heritage::PlanRuleSet::forJurisdiction(setup.jurisdiction);
    if (!rules)
        return Result<PlanCheck>::failure(rules.errors());
    auto treeRules = heritage::Rules::forJurisdiction(setup.jurisdiction);
    if (!treeRules)
        return Result<PlanCheck>::failure(treeRules.errors());
    auto lines = controlLinesOf(data, setup);
    if (!lines)
        return Result<PlanCheck>::failure(lines.errors());

    // Everything in the scene's local frame: register zones and trees already are, the
    // control lines were moved there, and the results come back in it.
    heritage::PlanRuleInputs inputs;
    inputs.zones = sceneZones(data);
    inputs.trees = heritage::protectedTrees(data.trees, treeRules.value());
    inputs.controlLines = std::move(lines.value());

    std::vector<heritage::CheckedBuilding> buildings;
    for (const PlacedBuilding& p : state.placed) {
        // Overhead wires (三线) have a "roof form" of none and no walls: not a building the
        // zone, height or palette rules speak of.
        if (p.facts.roofForm == "none")
            continue;
        heritage::CheckedBuilding b;
        b.id = p.sceneId;
        b.style = p.style;
        for (const auto& pt : p.footprint.outline)
            b.footprint.push_back({pt.x, pt.y});
        b.heightM = p.facts.eaveHeightM;
        b.storeys = p.facts.storeys;
        b.roofForm = p.facts.roofForm;
        for (const auto& [role, hex] : p.facts.colours)
            b.colours.push_back({role, hex});
        b.newConstruction = isNewConstruction(data, state, p);
        buildings.push_back(std::move(b));
    }
    auto results = heritage::checkPlanRules(buildings, inputs, rules.value());
    if (!results)
        return Result<PlanCheck>::failure(results.errors());
    PlanCheck check;
    check.results = std::move(results.value());
    for (const auto& r : check.results)
        (r.severity == heritage::Severity::Error ? check.errors : check.warnings) += 1;
    for (const auto& [id, spec] : rules->rules)
        check.rulesChecked.push_back(id);
    return check;
}

}  // namespace cunjing::scene
