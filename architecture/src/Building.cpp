// The single entry point: typology lookup, seeded values inside the style's ranges,
// overrides, and dispatch to the plan grammar.
#include <cunjing/architecture/Building.h>

#include "Conditions.h"
#include "Gable.h"
#include "Generators.h"
#include "Interventions.h"
#include "Typology.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

namespace cunjing::architecture {

namespace {

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& s : items)
        out += (out.empty() ? "" : ", ") + s;
    return out;
}

template <typename T>
const T* findById(const std::vector<T>& items, std::string_view id) {
    for (const T& item : items) {
        if (item.id == id)
            return &item;
    }
    return nullptr;
}

double seededValue(const DimensionRange& r, double variation, double u) {
    if (!r.varies || variation <= 0)
        return r.def;
    // Spread around the default, towards each end of the range in proportion to its room.
    const double t = 2 * u - 1;
    const double v = r.def + t * variation * (t < 0 ? r.def - r.min : r.max - r.def);
    return std::clamp(r.integer ? std::round(v) : v, r.min, r.max);
}

std::string seededOption(const OptionSpec& o, double u) {
    if (o.weights.empty())
        return o.def;
    double total = 0;
    for (double w : o.weights)
        total += w;
    double pick = u * total;
    for (std::size_t i = 0; i < o.allowed.size(); ++i) {
        if (pick < o.weights[i])
            return o.allowed[i];
        pick -= o.weights[i];
    }
    return o.def;
}

/// One override applied to the resolved values, or the error that names what is allowed.
std::optional<Error> applyOverride(const Style& style, const TypologySpec& t,
                                   const std::string& key, const std::string& value,
                                   ResolvedTypology& r) {
    const std::string path = "$.typologies." + t.id;
    if (isConditionKey(key))
        return applyCondition(style, t, key, value, r);
    if (isInterventionKey(key)) {
        // 下山虎's own "doors" option (which doors it has) shares the plan's key: a value the
        // option allows is the option's, any other the plan's.
        const auto own = t.options.find(key);
        const bool option = own != t.options.end() &&
                            std::find(own->second.allowed.begin(), own->second.allowed.end(),
                                      value) != own->second.allowed.end();
        if (!option) {
            auto e = applyIntervention(style, t, key, value, r);
            if (e && own != t.options.end())
                e->message += "; or the typology's own option: " + joined(own->second.allowed);
            return e;
        }
    }
    if (key.rfind("material.", 0) == 0) {
        const std::string role = key.substr(9);
        const auto& roles = materialRoles();
        if (std::find(roles.begin(), roles.end(), role) == roles.end())
            return Error{style.file, path + ".palette." + role,
                         "unknown material role in '" + key + "'; allowed: " + joined(roles)};
        std::vector<std::string> ids;
        for (std::size_t i = 0; i < style.materials.size(); ++i) {
            ids.push_back(style.materials[i].id);
            if (style.materials[i].id == value) {
                r.palette[role] = {static_cast<MaterialId>(i)};
                return std::nullopt;
            }
        }
        return Error{style.file, path + ".palette." + role,
                     "unknown material '" + value + "'; allowed: " + joined(ids)};
    }
    if (const auto d = t.dimensions.find(key); d != t.dimensions.end()) {
        const DimensionRange& range = d->second;
        const std::string where = path + ".dimensions." + key;
        char* end = nullptr;
        const double v = std::strtod(value.c_str(), &end);
        if (value.empty() || end != value.c_str() + value.size() || !std::isfinite(v))
            return Error{style.file, where, "'" + value + "' is not a number"};
        if (v < range.min || v > range.max)
            return Error{style.file, where,
                         key + "=" + value + " is outside the style's range; allowed range is " +
                             number(range.min) + ".." + number(range.max)};
        if (range.integer && v != std::floor(v))
            return Error{style.file, where, key + "=" + value + " must be a whole number"};
        r.dimensions[key] = v;
        return std::nullopt;
    }
    if (const auto o = t.options.find(key); o != t.options.end()) {
        const auto& allowed = o->second.allowed;
        if (std::find(allowed.begin(), allowed.end(), value) == allowed.end())
            return Error{style.file, path + ".options." + key,
                         key + "=" + value + " is not allowed; allowed: " + joined(allowed)};
        r.options[key] = value;
        return std::nullopt;
    }
    std::vector<std::string> keys;
    for (const auto& [name, range] : t.dimensions)
        keys.push_back(name);
    for (const auto& [name, option] : t.options)
        keys.push_back(name);
    keys.push_back("material.<role>");
    for (const std::string& k : conditionKeys())
        keys.push_back(k);
    for (const std::string& k : interventionKeys())
        keys.push_back(k);
    return Error{style.file, path,
                 "unknown parameter '" + key + "' for " + t.id + "; allowed: " + joined(keys)};
}

}  // namespace

std::string_view partKindName(PartKind kind) {
    static constexpr std::string_view kNames[kPartKindCount] = {
        "plinth", "walls", "roof", "ridge", "gables", "doors", "windows", "ornaments"};
    return kNames[static_cast<int>(kind)];
}

const PartRange& BuildingMesh::partOfTriangle(std::size_t t) const {
    const auto index = static_cast<std::uint32_t>(3 * t);
    const auto it =
        std::upper_bound(parts.begin(), parts.end(), index,
                         [](std::uint32_t i, const PartRange& p) { return i < p.firstIndex; });
    return *(it - 1);
}

std::size_t BuildingMesh::triangleCount(PartKind kind) const {
    std::size_t n = 0;
    for (const PartRange& p : parts) {
        if (p.kind == kind)
            n += p.indexCount / 3;
    }
    return n;
}

const TypologySpec* Style::findTypology(std::string_view key) const {
    return findById(typologies, key);
}
const GableProfileSpec* Style::findGable(std::string_view key) const {
    return findById(gables, key);
}
const RoofSpec* Style::findRoof(std::string_view key) const {
    return findById(roofs, key);
}
const OrnamentSpec* Style::findOrnament(std::string_view key) const {
    return findById(ornaments, key);
}

std::string Style::typologyList() const {
    std::vector<std::string> ids;
    for (const TypologySpec& t : typologies)
        ids.push_back(t.id);
    return joined(ids);
}

Result<ParamOverrides> parseOverrides(const std::vector<std::string>& keyValues) {
    ParamOverrides out;
    std::vector<Error> errors;
    for (const std::string& kv : keyValues) {
        const auto eq = kv.find('=');
        if (eq == std::string::npos || eq == 0 || eq + 1 == kv.size()) {
            errors.push_back({"", kv, "expected key=value"});
            continue;
        }
        out.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
    }
    if (!errors.empty())
        return Result<ParamOverrides>::failure(std::move(errors));
    return out;
}

Result<ResolvedTypology> resolveTypology(const Style& style, std::string_view typology,
                                         const ParamOverrides& overrides, std::uint32_t seed) {
    const TypologySpec* t = style.findTypology(typology);
    if (!t)
        return Error{style.file, "$.typologies",
                     "unknown typology '" + std::string(typology) + "' in style '" + style.id +
                         "'; allowed: " + style.typologyList()};
    ResolvedTypology r;
    r.spec = t;
    for (const auto& [name, range] : t->dimensions)
        r.dimensions[name] = seededValue(range, t->variation, seededUnit(seed, t->id + "/" + name));
    for (const auto& [name, option] : t->options)
        r.options[name] = seededOption(option, seededUnit(seed, t->id + "/option/" + name));
    r.palette = t->palette;
    std::vector<Error> errors;
    for (const auto& [key, value] : overrides) {
        if (auto e = applyOverride(style, *t, key, value, r))
            errors.push_back(std::move(*e));
    }
    if (!errors.empty())
        return Result<ResolvedTypology>::failure(std::move(errors));
    return r;
}

namespace {

/// Each vertex gets the surface of its part's material (faces never share vertices across
/// parts), and each ground feature the surface of its kind, for the shaders' textures.
void paintSurfaces(const Style& style, BuildingMesh& b) {
    geo::Mesh& m = b.mesh;
    m.surfaces.assign(m.positions.size(), geo::Surface::Plain);
    for (const PartRange& part : b.parts) {
        if (part.material == kNoMaterial || part.material >= style.materials.size())
            continue;
        const geo::Surface surface = geo::surfaceFromName(style.materials[part.material].surface);
        for (std::uint32_t i = part.firstIndex; i < part.firstIndex + part.indexCount; ++i)
            m.surfaces[m.indices[i]] = surface;
    }
    for (GroundFeature& g : b.ground) {
        const geo::Surface surface = g.kind == GroundKind::Pond     ? geo::Surface::Water
                                     : g.kind == GroundKind::Huatai ? geo::Surface::Turf
                                                                    : geo::Surface::Paving;
        g.mesh.surfaces.assign(g.mesh.positions.size(), surface);
    }
}

}  // namespace

Result<BuildingMesh> generateBuilding(const Style& style, const std::string& typology,
                                      const ParamOverrides& overrides, std::uint32_t seed,
                                      std::uint32_t partId) {
    Result<ResolvedTypology> r = resolveTypology(style, typology, overrides, seed);
    if (!r.ok())
        return Result<BuildingMesh>::failure(r.errors());
    const GeneratorInfo* g = findGenerator(r->spec->generator);
    if (!g)
        return Error{
            style.file, "$.typologies." + typology + ".generator",
            "unknown generator '" + r->spec->generator + "'; allowed: " + joined(generatorIds())};
    const TypologyContext context(style, r.value(), seed, partId);
    Result<BuildingMesh> built = g->build(context);
    if (!built.ok())
        return built;
    if (!r->conditions.empty()) {
        Conditions c = conditionsOf(r.value());
        const Interventions iv = interventionsOf(r.value());
        // The after state replaces what it tidies: one sign band for the signboards, the
        // 平改坡 cap for the tin shed on the flat roof.
        if (iv.signBand) {
            c.signboards = 0;
            // Units on the storey line the band covers hang above it instead, screens and brackets
            // clear of its top edge.
            c.acUnitsFromZ = signBandTop(r.value(), built.value()) + 0.2;
        }
        if (capsFlatRoof(iv, built->masses))
            c.rooftopShed = false;
        if (const Status s =
                drawInterventions(style, r.value(), iv, c, seed, partId, built.value());
            !s)
            return Result<BuildingMesh>::failure(s.errors());
        if (const Status s = drawConditions(style, c, seed, partId, built.value()); !s)
            return Result<BuildingMesh>::failure(s.errors());
    }
    paintSurfaces(style, built.value());
    return built;
}

std::vector<std::string> conditionParamKeys() {
    return conditionKeys();
}

std::vector<std::string> interventionParamKeys() {
    return interventionKeys();
}

std::vector<std::string> generatorIds() {
    std::vector<std::string> ids;
    for (const GeneratorInfo& g : generators())
        ids.push_back(g.id);
    return ids;
}

const std::vector<GeneratorInfo>& generators() {
    static const std::vector<GeneratorInfo> kAll = [] {
        std::vector<GeneratorInfo> all;
        for (auto family :
             {guangfuGenerators, hakkaGenerators, chaoshanGenerators, modernGenerators}) {
            for (GeneratorInfo& g : family())
                all.push_back(std::move(g));
        }
        return all;
    }();
    return kAll;
}

const GeneratorInfo* findGenerator(std::string_view id) {
    return findById(generators(), id);
}

std::vector<std::string> optionDomainValues(const Style& style, const OptionSchema& option) {
    std::vector<std::string> out;
    switch (option.domain) {
        case OptionDomain::Gables:
            for (const GableProfileSpec& g : style.gables)
                out.push_back(g.id);
            break;
        case OptionDomain::Roofs:
            for (const RoofSpec& r : style.roofs)
                out.push_back(r.id);
            break;
        case OptionDomain::Ornaments:
            for (const OrnamentSpec& o : style.ornaments)
                out.push_back(o.id);
            break;
        case OptionDomain::Fixed:
            out = option.values;
            break;
    }
    return out;
}

std::vector<DimensionSchema> commonDimensions() {
    return {
        {"wallThickness", 0.1, 2.5},
        {"plinthHeight", 0.0, 2.0},
        {"foundationDepth", 0.0, 20.0, false, false, 2.0},
        {"roofOverhang", 0.0, 2.0},
        {"roofThickness", 0.02, 0.5, false, false, 0.12},
        {"roofSag", 0.0, 1.0},
        {"ridgeCapHeight", 0.0, 1.0},
        {"tileRowSpacing", 0.0, 2.0},
        {"gableClearance", 0.05, 2.0, false, false, 0.3},
        {"gableCapBand", 0.02, 1.0, false, false, 0.3},
        {"eaveBand", 0.0, 2.0},
        {"curveSegments", 2, 64, true, false, 10},
        {"doorWidth", 0.5, 3.0},
        {"doorHeight", 1.5, 5.0},
    };
}

Result<std::vector<GablePoint>> gableCoping(const Style& style, std::string_view gable,
                                            const GableSection& s) {
    const GableProfileSpec* spec = style.findGable(gable);
    if (!spec) {
        std::vector<std::string> ids;
        for (const GableProfileSpec& g : style.gables)
            ids.push_back(g.id);
        return Error{style.file, "$.gables",
                     "unknown gable profile '" + std::string(gable) + "'; allowed: " + joined(ids)};
    }
    RoofSection r;
    r.back = s.depth;
    r.ridge = 0.5 * s.depth;
    r.eave = s.eave;
    r.top = s.ridge;
    r.overhangFront = r.overhangBack = s.overhang;
    r.sag = s.sag;
    GableStyle g;
    g.kind = spec->kind;
    g.earWidth = spec->earWidth;
    g.crown = &spec->crown;
    g.smooth = spec->smooth;
    g.wokEarRise = s.wokEarRise;
    g.segments = s.curveSegments;
    g.frontCorbel = true;
    std::vector<GablePoint> out;
    for (const V2& p : gableCopingCurve(r, g))
        out.push_back({p.u, p.v});
    std::reverse(out.begin(), out.end());  // front to back
    return out;
}

}  // namespace cunjing::architecture
