// Current-condition params: checked as overrides, then drawn onto the generated building.
#include "Conditions.h"

#include "ConditionParts.h"
#include "ParamChoices.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace cunjing::architecture {

namespace {

using params::Choice;
using params::kBooleans;
using params::numberOf;
using params::pick;

constexpr Choice kFinishes[] = {{"original", static_cast<int>(FacadeFinish::Original)},
                                {"bare-brick", static_cast<int>(FacadeFinish::BareBrick)},
                                {"tile", static_cast<int>(FacadeFinish::Tile)},
                                {"paint", static_cast<int>(FacadeFinish::Paint)},
                                {"plaster", static_cast<int>(FacadeFinish::Plaster)}};
constexpr Choice kAdditions[] = {{"none", static_cast<int>(Addition::None)},
                                 {"lean-to", static_cast<int>(Addition::LeanTo)},
                                 {"extra-storey", static_cast<int>(Addition::ExtraStorey)}};

/// The material each façade finish re-clads the walls in (赤膊 red brick, mosaic tile, ...).
const char* finishMaterial(FacadeFinish f) {
    switch (f) {
        case FacadeFinish::BareBrick:
            return "hongzhuan";
        case FacadeFinish::Tile:
            return "facade-tile";
        case FacadeFinish::Paint:
            return "facade-paint";
        case FacadeFinish::Plaster:
            return "cement-plaster";
        case FacadeFinish::Original:
            break;
    }
    return "";
}

}  // namespace

Paint stylePaint(const Style& style, const char* id, PartKind kind, const std::string& user,
                 std::vector<Error>& errors) {
    const auto m = materialId(style, id);
    if (!m) {
        errors.push_back({style.file, "$.materials",
                          user + " need material '" + std::string(id) + "', which style '" +
                              style.id + "' does not have"});
        return Paint{};
    }
    return Paint{style.materials[*m].color, kind, *m};
}

std::optional<MaterialId> materialId(const Style& style, std::string_view id) {
    for (std::size_t i = 0; i < style.materials.size(); ++i) {
        if (style.materials[i].id == id)
            return static_cast<MaterialId>(i);
    }
    return std::nullopt;
}

const std::vector<std::string>& conditionKeys() {
    static const std::vector<std::string> kKeys{"facade_finish", "paint_fade",   "rooftop_shed",
                                                "ac_units",      "window_cages", "signboards",
                                                "additions"};
    return kKeys;
}

bool isConditionKey(std::string_view key) {
    const auto& keys = conditionKeys();
    return params::contains(keys, key);
}

std::optional<Error> applyCondition(const Style& style, const TypologySpec& t,
                                    const std::string& key, const std::string& value,
                                    ResolvedTypology& out) {
    const auto bad = [&](const std::string& allowed) {
        return params::refused(style, t, key, value, allowed);
    };
    if (key == "facade_finish") {
        const auto f = pick(kFinishes, value);
        if (!f)
            return bad(params::allowedOf(kFinishes));
        const char* material = finishMaterial(static_cast<FacadeFinish>(*f));
        if (*material) {
            const auto id = materialId(style, material);
            if (!id)
                return Error{style.file, "$.materials",
                             key + "=" + value + " needs material '" + material +
                                 "', which style '" + style.id + "' does not have"};
            out.palette["wall"] = out.palette["frontWall"] = {*id};
        }
    } else if (key == "additions") {
        if (!pick(kAdditions, value))
            return bad(params::allowedOf(kAdditions));
    } else if (key == "rooftop_shed" || key == "window_cages") {
        if (!pick(kBooleans, value))
            return bad("true, false");
    } else {
        const bool fade = key == "paint_fade";
        const double hi = fade ? 1 : key == "ac_units" ? 12 : 6;
        const auto v = numberOf(value);
        if (!v || *v < 0 || *v > hi || (!fade && *v != std::floor(*v)))
            return bad(fade ? "a number 0..1" : "a whole number 0.." + std::to_string(int(hi)));
    }
    out.conditions[key] = value;
    return std::nullopt;
}

Conditions conditionsOf(const ResolvedTypology& r) {
    Conditions c;
    for (const auto& [key, value] : r.conditions) {
        if (key == "facade_finish")
            c.finish = static_cast<FacadeFinish>(pick(kFinishes, value).value_or(0));
        else if (key == "additions")
            c.addition = static_cast<Addition>(pick(kAdditions, value).value_or(0));
        else if (key == "rooftop_shed")
            c.rooftopShed = pick(kBooleans, value).value_or(0) != 0;
        else if (key == "window_cages")
            c.windowCages = pick(kBooleans, value).value_or(0) != 0;
        else if (key == "paint_fade")
            c.paintFade = numberOf(value).value_or(0);
        else if (key == "ac_units")
            c.acUnits = static_cast<int>(numberOf(value).value_or(0));
        else if (key == "signboards")
            c.signboards = static_cast<int>(numberOf(value).value_or(0));
    }
    return c;
}

namespace {

/// Faded paint and weathering: wall colours greyed and darkened towards the foot, where rain
/// splash and grime collect.
void fadeWalls(BuildingMesh& b, double fade) {
    geo::Mesh& m = b.mesh;
    const double top = std::max(1.0, static_cast<double>(geo::boundsOf(m).max.z));
    std::vector<bool> done(m.positions.size(), false);
    for (const PartRange& p : b.parts) {
        if (p.kind != PartKind::Walls && p.kind != PartKind::Gables)
            continue;
        for (std::uint32_t i = p.firstIndex; i < p.firstIndex + p.indexCount; ++i) {
            const std::uint32_t v = m.indices[i];
            if (done[v])
                continue;
            done[v] = true;
            geo::Rgba& c = m.colors[v];
            const double grey = 0.3 * c.r + 0.59 * c.g + 0.11 * c.b;
            const double low = 1 - std::clamp(m.positions[v].z / top, 0.0, 1.0);
            const double t = fade * (0.45 + 0.35 * low), dim = 1 - fade * (0.08 + 0.12 * low);
            c.r = static_cast<float>(((1 - t) * c.r + t * (grey + 0.02)) * dim);
            c.g = static_cast<float>(((1 - t) * c.g + t * grey) * dim);
            c.b = static_cast<float>(((1 - t) * c.b + t * (grey - 0.03)) * dim);
        }
    }
}

}  // namespace

void mergeParts(BuildingMesh& into, const BuildingMesh& extra) {
    struct Run {
        const geo::Mesh* mesh;
        PartRange range;
    };
    std::vector<Run> runs;
    for (const PartRange& p : into.parts)
        runs.push_back({&into.mesh, p});
    for (const PartRange& p : extra.parts)
        runs.push_back({&extra.mesh, p});
    std::stable_sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) {
        return a.range.kind != b.range.kind ? a.range.kind < b.range.kind
                                            : a.range.material < b.range.material;
    });
    geo::Mesh out;
    std::vector<PartRange> parts;
    for (const Run& run : runs) {
        const geo::Mesh& m = *run.mesh;
        std::vector<std::uint32_t> remap(m.positions.size(), UINT32_MAX);
        if (!parts.empty() && parts.back().kind == run.range.kind &&
            parts.back().material == run.range.material) {
            parts.back().indexCount += run.range.indexCount;
        } else {
            parts.push_back({run.range.kind, run.range.material,
                             static_cast<std::uint32_t>(out.indices.size()), run.range.indexCount});
        }
        for (std::uint32_t i = run.range.firstIndex;
             i < run.range.firstIndex + run.range.indexCount; ++i) {
            const std::uint32_t v = m.indices[i];
            if (remap[v] == UINT32_MAX) {
                remap[v] = static_cast<std::uint32_t>(out.positions.size());
                out.positions.push_back(m.positions[v]);
                out.normals.push_back(m.normals[v]);
                out.colors.push_back(m.colors[v]);
                out.partIds.push_back(m.partIds[v]);
                // Every vertex keeps its surface (brick, tile ...): the lit shader draws it.
                out.surfaces.push_back(m.surfaces.empty() ? geo::Surface::Plain : m.surfaces[v]);
            }
            out.indices.push_back(remap[v]);
        }
    }
    into.mesh = std::move(out);
    into.parts = std::move(parts);
}

Status drawConditions(const Style& style, const Conditions& c, std::uint32_t seed,
                      std::uint32_t partId, BuildingMesh& building) {
    if (c.paintFade > 0)
        fadeWalls(building, c.paintFade);
    if (!c.drawsGeometry())
        return Done{};
    ConditionPaints paints;
    std::vector<Error> errors;
    const auto paint = [&](const char* id, PartKind kind) {
        return stylePaint(style, id, kind, "current-condition parts", errors);
    };
    paints.tin = paint("tin-sheet", PartKind::Roof);
    paints.unit = paint("ac-unit", PartKind::Ornaments);
    paints.cage = paint("steel-cage", PartKind::Windows);
    paints.brick = paint("hongzhuan", PartKind::Walls);
    paints.slab = paint("concrete", PartKind::Roof);
    paints.window = paint("window-dark", PartKind::Windows);
    for (const char* id : {"sign-red", "sign-yellow", "sign-blue", "sign-white"})
        paints.signs.push_back(paint(id, PartKind::Ornaments));
    if (!errors.empty())
        return Status::failure(std::move(errors));
    MeshBuilder b(partId);
    addConditionParts(b, c, paints, seed, building);
    const BuildingMesh extra = b.takeBuilding();
    mergeParts(building, extra);
    return Done{};
}

}  // namespace cunjing::architecture
