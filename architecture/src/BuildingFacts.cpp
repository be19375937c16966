// What the plan rules check of a building (TownPlan.h): its roof form from the typology and
// its params, its eave height from the generated walls, its colours by palette role.
#include <cunjing/architecture/TownPlan.h>

#include "Generators.h"
#include "Interventions.h"

#include <algorithm>
#include <cmath>

namespace cunjing::architecture {

namespace {

const Style* findStyle(const std::vector<Style>& styles, const std::string& id) {
    for (const Style& s : styles) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

/// The footprint's params, with its storeys as the scene passes them (SceneBuildings).
ParamOverrides paramsOf(const TypologySpec& t, const BuildingFootprint& b) {
    ParamOverrides out = b.overrides;
    const bool given =
        std::any_of(out.begin(), out.end(), [](const auto& kv) { return kv.first == "storeys"; });
    if (b.storeys > 0 && !given && t.dimensions.count("storeys"))
        out.emplace_back("storeys", std::to_string(b.storeys));
    return out;
}

/// The typology's roof before any plan: a flat-roof generator, else its roof option (the
/// main hall's, where there are several), else the 硬山 every hall has by default.
RoofForm baseRoof(const Style& style, const ResolvedTypology& r) {
    const std::string& generator = r.spec->generator;
    if (generator == "nongfang" || generator == "qilou")
        return RoofForm::Flat;
    if (const GeneratorInfo* g = findGenerator(generator)) {
        for (const OptionSchema& o : g->options) {
            if (o.domain != OptionDomain::Roofs)
                continue;
            const auto it = r.options.find(o.name);
            if (it == r.options.end())
                continue;
            if (const RoofSpec* roof = style.findRoof(it->second))
                return roof->form;
        }
    }
    return RoofForm::HardGable;
}

std::string formName(RoofForm form, bool capped) {
    switch (form) {
        case RoofForm::Flat:
            return capped ? "flat-to-pitched" : "flat";
        case RoofForm::HipAndGable:
            return "hip";
        case RoofForm::HardGable:
            break;
    }
    return "pitched";
}

std::string roleHex(const Style& style, const ResolvedTypology& r, const char* role) {
    const auto it = r.palette.find(role);
    if (it == r.palette.end() || it->second.empty() || it->second.front() >= style.materials.size())
        return "";
    return hexOf(style.materials[it->second.front()].color);
}

/// 檐口: where the walls stop. For a pitched roof the tiles at the wall face; for a flat
/// roof the parapet's top (parapetHeight, as the generators build it), not a stair head or
/// pediment standing above it. Wires and poles (no storeys) carry none.
double eaveOf(const BuildingMesh& b, const ResolvedTypology& r) {
    const auto p = r.dimensions.find("parapetHeight");
    const double parapet = p == r.dimensions.end() ? 1.0 : p->second;
    double base = 1e30, eave = 0;
    for (const Mass& m : b.masses) {
        if (m.storeys <= 0)
            continue;
        base = std::min(base, m.base);
        eave = std::max(eave, m.flatRoof ? m.eave + parapet : m.eave);
    }
    return base > 1e29 ? 0 : std::max(0.0, eave - base);
}

}  // namespace

std::string roofFormOf(const std::vector<Style>& styles, const BuildingFootprint& building) {
    const Style* style = findStyle(styles, building.style);
    const TypologySpec* t = style ? style->findTypology(building.typology) : nullptr;
    if (!t)
        return "";
    if (t->generator == "dianxian")
        return "none";
    // Seeded options may pick the roof (a 祠堂's main hall), so resolve as the scene does;
    // params the typology refuses leave the form as the typology gives it.
    const Result<ResolvedTypology> r =
        resolveTypology(*style, building.typology, paramsOf(*t, building), building.seed);
    ResolvedTypology plain;
    if (!r.ok()) {
        plain.spec = t;
        for (const auto& [name, option] : t->options)
            plain.options[name] = option.def;
    }
    const ResolvedTypology& resolved = r.ok() ? r.value() : plain;
    return formName(baseRoof(*style, resolved), interventionsOf(resolved).roofCap);
}

Result<BuildingFacts> buildingFacts(const std::vector<Style>& styles,
                                    const BuildingFootprint& building, const BuildingMesh& mesh) {
    const Style* style = findStyle(styles, building.style);
    if (!style)
        return Error{"", "style",
                     "unknown style '" + building.style + "' of building '" + building.id + "'"};
    const TypologySpec* t = style->findTypology(building.typology);
    if (!t)
        return Error{style->file, "$.typologies",
                     "unknown typology '" + building.typology + "' of building '" + building.id +
                         "'; allowed: " + style->typologyList()};
    Result<ResolvedTypology> r =
        resolveTypology(*style, building.typology, paramsOf(*t, building), building.seed);
    if (!r.ok())
        return Result<BuildingFacts>::failure(r.errors());
    const ResolvedTypology& resolved = r.value();
    const Interventions iv = interventionsOf(resolved);
    BuildingFacts facts;
    facts.eaveHeightM = eaveOf(mesh, resolved);
    const auto storeys = resolved.dimensions.find("storeys");
    facts.storeys = storeys == resolved.dimensions.end()
                        ? 1
                        : std::max(1, static_cast<int>(std::lround(storeys->second)));
    const RoofForm form = baseRoof(*style, resolved);
    facts.roofForm = t->generator == "dianxian" ? "none" : formName(form, iv.roofCap);
    if (t->generator == "dianxian")
        return facts;  // wires show no wall, roof or trim
    const std::string wall =
        iv.wallColour ? hexOf(*iv.wallColour) : roleHex(*style, resolved, "frontWall");
    if (!wall.empty())
        facts.colours.emplace_back("wall", wall);
    // Only tiles count as roof colour: a flat roof's screed is not seen from the street.
    if (form != RoofForm::Flat || iv.roofCap) {
        std::string roof = roleHex(*style, resolved, "roof");
        const auto role = resolved.palette.find("roof");
        const bool tiled = role != resolved.palette.end() && !role->second.empty() &&
                           style->materials[role->second.front()].surface == "tile";
        if (!tiled) {
            // A cap on a screed roof brings the style's grey tile (InterventionsParts).
            for (const Material& m : style->materials) {
                if (m.id == "grey-tile")
                    roof = hexOf(m.color);
            }
        }
        if (iv.roofColour)
            roof = hexOf(*iv.roofColour);
        if (!roof.empty())
            facts.colours.emplace_back("roof", roof);
    }
    // The band (墙楣, 骑楼 mouldings, the black eave line) is the trim a façade shows.
    if (const std::string trim = roleHex(*style, resolved, "band"); !trim.empty())
        facts.colours.emplace_back("trim", trim);
    return facts;
}

}  // namespace cunjing::architecture
