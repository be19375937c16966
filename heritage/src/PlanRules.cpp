#include <cunjing/heritage/PlanRules.h>

#include <cunjing/geo/Gdal.h>
#include <cunjing/heritage/ColourDifference.h>

#include <ogr_geometry.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

namespace cunjing::heritage {

namespace {

using GeometryPtr = std::unique_ptr<OGRGeometry>;

std::string number(double v, int decimals = 2) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
    std::string s = buffer;
    if (s.find('.') != std::string::npos) {
        s.erase(s.find_last_not_of('0') + 1);
        if (s.back() == '.')
            s.pop_back();
    }
    return s;
}

OGRLinearRing* makeRing(const geo::Ring& points) {
    auto* ring = new OGRLinearRing;  // owned by the polygon it is added to
    for (const auto& p : points)
        ring->addPoint(p.x, p.y);
    ring->closeRings();
    return ring;
}

std::unique_ptr<OGRPolygon> makePolygon(const geo::Polygon& polygon) {
    auto out = std::make_unique<OGRPolygon>();
    out->addRingDirectly(makeRing(polygon.outer));
    for (const auto& hole : polygon.holes)
        out->addRingDirectly(makeRing(hole));
    return out;
}

/// Area of the surfaces in a GEOS result (lines and points where polygons only touch add 0).
double areaOf(const OGRGeometry* g) {
    if (!g || g->IsEmpty())
        return 0;
    if (const auto* surface = dynamic_cast<const OGRSurface*>(g))
        return surface->get_Area();
    if (const auto* collection = dynamic_cast<const OGRGeometryCollection*>(g))
        return collection->get_Area();
    return 0;
}

/// Centroid of a geometry; falls back to `fallback` when GEOS gives none.
OGRPoint centroidOf(const OGRGeometry& g, const OGRPoint& fallback) {
    OGRPoint c;
    if (g.Centroid(&c) != OGRERR_NONE || c.IsEmpty())
        return fallback;
    return c;
}

/// A building ready for the geometric checks.
struct Prepared {
    const CheckedBuilding* building = nullptr;
    std::unique_ptr<OGRPolygon> footprint;
    OGRPoint centroid;
};

struct Checker {
    const PlanRuleInputs& inputs;
    const PlanRuleSet& rules;
    std::vector<RuleResult>& out;
    std::vector<std::unique_ptr<OGRPolygon>> zones;         ///< parallel to inputs.zones
    std::vector<std::unique_ptr<OGRPolygon>> controlLines;  ///< parallel to inputs.controlLines
    GeometryPtr developmentBoundary;  ///< union of 城镇开发边界 polygons, or null

    void add(const std::string& rule, const Prepared& b, std::string message, double x, double y,
             double measured, double limit, bool downgrade = false) {
        Severity severity = rules.rule(rule)->severity;
        if (downgrade)
            severity = Severity::Warning;
        out.push_back({rule, severity, b.building->id, std::move(message), x, y, measured, limit});
    }

    void palette(const Prepared& b) {
        if (!rules.rule("facade.palette") || b.building->colours.empty())
            return;  // a building that paints nothing needs no palette, even of an unknown style
        const auto& roles = rules.palettes.at(b.building->style);
        for (const auto& colour : b.building->colours) {
            const Lab lab = srgbToLab(*parseSrgbHex(colour.hex));
            double best = 1e9;
            std::string nearest;
            for (const auto& allowed : roles.at(colour.role)) {
                const double d = ciede2000(lab, srgbToLab(*parseSrgbHex(allowed)));
                if (d < best) {
                    best = d;
                    nearest = allowed;
                }
            }
            if (best > rules.maxDeltaE00)
                add("facade.palette", b,
                    colour.role + " colour " + colour.hex + " is ΔE00 " + number(best) +
                        " from the nearest " + b.building->style + " " + colour.role + " colour " +
                        nearest + " (limit " + number(rules.maxDeltaE00) + ")",
                    b.centroid.getX(), b.centroid.getY(), best, rules.maxDeltaE00);
        }
    }

    /// The strictest zone kind the footprint overlaps (core before control before
    /// environment); touching or lying in a hole does not count.
    std::optional<ZoneKind> governingZone(const Prepared& b) const {
        std::optional<ZoneKind> best;
        for (std::size_t i = 0; i < zones.size(); ++i) {
            if (!zones[i]->Intersects(b.footprint.get()))
                continue;
            GeometryPtr overlap(zones[i]->Intersection(b.footprint.get()));
            if (areaOf(overlap.get()) <= rules.minOverlapM2)
                continue;
            const ZoneKind k = inputs.zones[i].kind;
            if (!best || static_cast<int>(k) < static_cast<int>(*best))
                best = k;
        }
        return best;
    }

    void zoneRules(const Prepared& b) {
        const auto kind = governingZone(b);
        if (!kind || !rules.zones.count(*kind))
            return;
        const ZoneLimits& limits = rules.zones.at(*kind);
        const CheckedBuilding& building = *b.building;
        const bool existing = !building.newConstruction;
        const std::string zone = token(*kind) + " zone (" + chineseName(*kind) + ")";
        const std::string prefix = existing ? "existing building: " : "";
        const double x = b.centroid.getX(), y = b.centroid.getY();
        if (rules.rule("roof.zone") && !limits.roofForms.empty() &&
            std::find(limits.roofForms.begin(), limits.roofForms.end(), building.roofForm) ==
                limits.roofForms.end()) {
            std::string allowed;
            for (const auto& r : limits.roofForms)
                allowed += (allowed.empty() ? "" : ", ") + r;
            add("roof.zone", b,
                prefix + "roof form '" + building.roofForm + "' is not allowed in the " + zone +
                    " (allowed: " + allowed + ")",
                x, y, 0, 0, existing);
        }
        if (!rules.rule("height.zone"))
            return;
        if (limits.maxHeightM && building.heightM > *limits.maxHeightM)
            add("height.zone", b,
                prefix + "eave height " + number(building.heightM) + " m exceeds " +
                    number(*limits.maxHeightM) + " m in the " + zone,
                x, y, building.heightM, *limits.maxHeightM, existing);
        if (limits.maxStoreys && building.storeys > *limits.maxStoreys)
            add("height.zone", b,
                prefix + std::to_string(building.storeys) + " storeys exceed " +
                    std::to_string(*limits.maxStoreys) + " in the " + zone,
                x, y, building.storeys, *limits.maxStoreys, existing);
    }

    void trees(const Prepared& b) {
        if (!rules.rule("tree.protection") || !b.building->newConstruction)
            return;
        for (const auto& tree : inputs.trees) {
            const OGRPoint at(tree.x, tree.y);
            const double distance = b.footprint->Distance(&at);
            if (distance < 0 || distance >= tree.radiusM)
                continue;
            add("tree.protection", b,
                "new construction " + number(distance) + " m from tree " + tree.id +
                    ", inside its protection range of " + number(tree.radiusM) + " m",
                tree.x, tree.y, distance, tree.radiusM);
        }
    }

    void controlLineOverlaps(const Prepared& b) {
        if (!b.building->newConstruction)
            return;
        for (std::size_t i = 0; i < controlLines.size(); ++i) {
            const ControlLine& line = inputs.controlLines[i];
            const char* rule = line.kind == ControlLineKind::PermanentFarmland
                                   ? "controlline.farmland"
                                   : "controlline.ecological";
            if (line.kind == ControlLineKind::UrbanDevelopmentBoundary || !rules.rule(rule) ||
                !controlLines[i]->Intersects(b.footprint.get()))
                continue;
            GeometryPtr overlap(controlLines[i]->Intersection(b.footprint.get()));
            const double area = areaOf(overlap.get());
            if (area <= rules.minOverlapM2)
                continue;
            const OGRPoint c = centroidOf(*overlap, b.centroid);
            add(rule, b,
                "new construction overlaps " + token(line.kind) + " (" + chineseName(line.kind) +
                    ") by " + number(area) + " m² (" + line.source + ")",
                c.getX(), c.getY(), area, 0);
        }
    }

    void developmentBoundaryCheck(const Prepared& b) {
        if (!developmentBoundary || !b.building->newConstruction ||
            !rules.rule("controlline.development_boundary"))
            return;
        GeometryPtr outside(b.footprint->Difference(developmentBoundary.get()));
        const double area = areaOf(outside.get());
        if (area <= rules.minOverlapM2)
            return;
        const OGRPoint c = centroidOf(*outside, b.centroid);
        add("controlline.development_boundary", b,
            "new construction lies " + number(area) +
                " m² outside the urban development boundary (城镇开发边界)",
            c.getX(), c.getY(), area, 0);
    }
};

std::string buildingPlace(const CheckedBuilding& b, std::size_t index) {
    return b.id.empty() ? "building " + std::to_string(index + 1) : "building '" + b.id + "'";
}

/// Everything the checks would otherwise trip over, named by building.
void validateBuilding(const CheckedBuilding& b, std::size_t index, const PlanRuleSet& rules,
                      const Prepared& prepared, std::vector<Error>& errors) {
    const std::string place = buildingPlace(b, index);
    if (b.footprint.size() < 3)
        errors.push_back({"", place,
                          "footprint has " + std::to_string(b.footprint.size()) +
                              " points; a polygon needs at least 3"});
    else if (!prepared.footprint->IsValid() || prepared.footprint->get_Area() <= 0)
        errors.push_back({"", place, "footprint crosses itself or has no area"});
    if (!rules.rule("facade.palette"))
        return;
    const auto style = rules.palettes.find(b.style);
    for (const auto& c : b.colours) {
        const std::string where = place + ", colour role '" + c.role + "'";
        if (!parseSrgbHex(c.hex))
            errors.push_back({"", where, "'" + c.hex + "' is not an sRGB colour #RRGGBB"});
        if (style == rules.palettes.end()) {
            std::string known;
            for (const auto& [name, roles] : rules.palettes)
                known += (known.empty() ? "" : ", ") + name;
            errors.push_back(
                {"", place, "style '" + b.style + "' has no palette (known: " + known + ")"});
            return;
        }
        if (!style->second.count(c.role)) {
            std::string known;
            for (const auto& [role, colours] : style->second)
                known += (known.empty() ? "" : ", ") + role;
            errors.push_back(
                {"", where, "the " + b.style + " palette has no such role (known: " + known + ")"});
        }
    }
}

}  // namespace

Result<std::vector<RuleResult>> checkPlanRules(const std::vector<CheckedBuilding>& buildings,
                                               const PlanRuleInputs& inputs,
                                               const PlanRuleSet& rules) {
    const geo::QuietGdal quiet;  // GEOS's validity notes become our errors below
    std::vector<Prepared> prepared;
    std::vector<Error> errors;
    for (std::size_t i = 0; i < buildings.size(); ++i) {
        Prepared p;
        p.building = &buildings[i];
        geo::Polygon outline;
        for (const auto& pt : buildings[i].footprint)
            outline.outer.push_back({pt[0], pt[1]});
        p.footprint = makePolygon(outline);
        validateBuilding(buildings[i], i, rules, p, errors);
        p.centroid = centroidOf(*p.footprint, OGRPoint(0, 0));
        prepared.push_back(std::move(p));
    }
    if (!errors.empty())
        return Result<std::vector<RuleResult>>::failure(errors);

    std::vector<RuleResult> out;
    Checker checker{inputs, rules, out, {}, {}, {}};
    // GEOS answers nothing for invalid polygons, which would read as "no overlap": refuse them.
    for (std::size_t i = 0; i < inputs.zones.size(); ++i) {
        checker.zones.push_back(makePolygon(inputs.zones[i].polygon));
        if (!checker.zones.back()->IsValid())
            errors.push_back({"",
                              inputs.zones[i].name + ", " + token(inputs.zones[i].kind) + " zone " +
                                  std::to_string(i + 1),
                              "the zone polygon crosses itself or has too few points"});
    }
    auto boundary = std::make_unique<OGRMultiPolygon>();
    for (const auto& line : inputs.controlLines) {
        checker.controlLines.push_back(makePolygon(line.polygon));
        if (!checker.controlLines.back()->IsValid())
            errors.push_back(
                {"", line.source, "the control-line polygon crosses itself or has too few points"});
        else if (line.kind == ControlLineKind::UrbanDevelopmentBoundary)
            boundary->addGeometry(checker.controlLines.back().get());
    }
    if (!errors.empty())
        return Result<std::vector<RuleResult>>::failure(errors);
    if (!boundary->IsEmpty()) {
        checker.developmentBoundary.reset(boundary->UnionCascaded());
        if (!checker.developmentBoundary)
            return Error{"", "urban development boundary", "GEOS could not merge its polygons"};
    }
    for (const auto& b : prepared) {
        checker.palette(b);
        checker.zoneRules(b);
        checker.trees(b);
        checker.controlLineOverlaps(b);
        checker.developmentBoundaryCheck(b);
    }
    return out;
}

}  // namespace cunjing::heritage
