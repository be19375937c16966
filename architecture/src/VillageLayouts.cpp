#include <cunjing/architecture/VillageLayouts.h>

#include "VillageSupport.h"

#include <cunjing/architecture/StyleLibrary.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace cunjing::architecture {

namespace village {

namespace {
constexpr double kDegree = std::numbers::pi / 180;
}

Point2 placeAt(const Placement& p, Point2 local) {
    const double c = std::cos(p.headingDeg * kDegree), s = std::sin(p.headingDeg * kDegree);
    return {p.x + local.x * c - local.y * s, p.y + local.x * s + local.y * c};
}

std::vector<Point2> placeAt(const Placement& p, const std::vector<Point2>& local) {
    std::vector<Point2> out;
    out.reserve(local.size());
    for (const Point2& q : local)
        out.push_back(placeAt(p, q));
    return out;
}

std::vector<Point2> rectangle(double x0, double y0, double x1, double y1) {
    return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
}

std::vector<Point2> halfMoon(double cx, double yEdge, double radius, int segments) {
    std::vector<Point2> ring;
    for (int i = 0; i <= segments; ++i) {
        const double a = std::numbers::pi * (1.0 + static_cast<double>(i) / segments);
        ring.push_back({cx + radius * std::cos(a), yEdge + radius * std::sin(a)});
    }
    return ring;
}

double unit(std::mt19937& rng) {
    return rng() / 4294967296.0;
}

Result<const Style*> requireStyle(const std::vector<Style>& styles, const std::string& id,
                                  const std::vector<std::string>& typologies) {
    const Style* style = findStyle(styles, id);
    if (!style)
        return Error{"", "style '" + id + "'",
                     "not in the style library (styles found: " + styleList(styles) +
                         "); check --styles or CUNJING_STYLES"};
    for (const std::string& t : typologies) {
        if (!style->findTypology(t))
            return Error{
                style->file, "$.typologies",
                "the layout needs typology '" + t + "'; this style has " + style->typologyList()};
    }
    return style;
}

Result<PlacedBuilding> placeBuilding(const Style& style, const std::string& typology,
                                     const ParamOverrides& overrides, std::uint32_t seed,
                                     const Placement& at, double facingDeg, std::string id,
                                     std::string name) {
    auto mesh = generateBuilding(style, typology, overrides, seed, 0);
    if (!mesh)
        return Result<PlacedBuilding>::failure(mesh.errors());
    PlacedBuilding out;
    out.footprint.id = std::move(id);
    out.footprint.name = std::move(name);
    out.footprint.style = style.id;
    out.footprint.typology = typology;
    out.footprint.facingDeg = facingDeg;
    out.footprint.seed = seed;
    out.footprint.overrides = overrides;
    out.footprint.outline = footprintOutline(mesh.value(), at);
    out.mesh = std::move(mesh.value());
    return out;
}

std::optional<double> meanGround(const GroundSampler& ground, const std::vector<Point2>& ring) {
    if (!ground || ring.empty())
        return std::nullopt;
    std::vector<Point2> points = ring;
    points.push_back(ringCentroid(ring));
    double sum = 0;
    int n = 0;
    for (const Point2& p : points) {
        if (const auto h = ground(p.x, p.y)) {
            sum += *h;
            ++n;
        }
    }
    if (n == 0)
        return std::nullopt;
    return sum / n;
}

void addForecourtAndPond(VillagePlan& plan, std::vector<Point2> forecourt, std::vector<Point2> pond,
                         const GroundSampler& ground) {
    GroundArea yard{GroundKind::Forecourt, std::move(forecourt), std::nullopt};
    yard.z = meanGround(ground, yard.outline);
    GroundArea water{GroundKind::Pond, std::move(pond), std::nullopt};
    if (yard.z)
        water.z = *yard.z - 1.0;  // water a metre below the 禾坪, as dug ponds sit
    plan.ground.push_back(std::move(yard));
    plan.ground.push_back(std::move(water));
}

}  // namespace village

namespace {

using namespace village;

std::string compassName(double deg) {
    static const char* const names[] = {"N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
                                        "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW"};
    const int i = static_cast<int>(std::lround(std::fmod(deg + 360.0, 360.0) / 22.5)) % 16;
    return names[i];
}

std::string degrees(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", std::round(v * 10) / 10);
    return buf;
}

/// Mean ground height on a short cross line at distance d along the unit vector (ux, uy).
std::optional<double> lineMean(const GroundSampler& ground, double ux, double uy, double d) {
    double sum = 0;
    int n = 0;
    for (const double side : {-0.25, 0.0, 0.25}) {
        const double x = ux * d - uy * side * d, y = uy * d + ux * side * d;
        if (const auto h = ground(x, y)) {
            sum += *h;
            ++n;
        }
    }
    return n ? std::optional<double>(sum / n) : std::nullopt;
}

/// How much higher the ground is behind the site than in front of it, facing `facing`.
std::optional<double> riseBehind(const GroundSampler& ground, double facing, double radius) {
    const double fx = std::sin(facing * kDegree), fy = std::cos(facing * kDegree);
    double sum = 0;
    int n = 0;
    for (const double d : {radius / 3, 2 * radius / 3, radius}) {
        const auto back = lineMean(ground, -fx, -fy, d), front = lineMean(ground, fx, fy, d);
        if (back && front) {
            sum += *back - *front;
            ++n;
        }
    }
    return n ? std::optional<double>(sum / n) : std::nullopt;
}

std::string rangeText(const FacingRange& r) {
    return degrees(r.minDeg) + ".." + degrees(r.maxDeg);
}

/// One generated building on the site: the mass box's centre on (0, 0).
Result<VillageLayoutResult> singleCompound(const Style& style, const std::string& typology,
                                           const VillageLayoutOptions& o,
                                           const FacingChoice& facing, PlacedBuilding& placed) {
    const double heading = headingForFacing(facing.facingDeg);
    auto probe = generateBuilding(style, typology, {}, o.seed, 0);
    if (!probe)
        return Result<VillageLayoutResult>::failure(probe.errors());
    const LocalBox box = massBounds(probe.value());
    const Point2 centre =
        placeAt(Placement{0, 0, heading}, Point2{0.5 * (box.x0 + box.x1), 0.5 * (box.y0 + box.y1)});
    const Placement at{-centre.x, -centre.y, heading};
    auto building = placeBuilding(style, typology, {}, o.seed, at, facing.facingDeg,
                                  std::string(layoutName(o.layout)) + "-1", "");
    if (!building)
        return Result<VillageLayoutResult>::failure(building.errors());
    placed = std::move(building.value());
    VillageLayoutResult out;
    out.facing = facing;
    out.plan.buildings.push_back(placed.footprint);
    return out;
}

/// 风水林: a band of trees on the slope behind the 围龙, wider than the house, a few rows deep.
void addFengshuiWood(VillageLayoutResult& r, const PlacedBuilding& house, const Placement& at,
                     std::uint32_t seed) {
    static const char* const species[] = {"樟树 Cinnamomum camphora", "榕树 Ficus microcarpa",
                                          "荷木 Schima superba", "枫香 Liquidambar formosana"};
    std::mt19937 rng(seed ^ 0x9E3779B9u);
    const LocalBox b = massBounds(house.mesh);
    const double cx = 0.5 * (b.x0 + b.x1), half = 0.5 * (b.x1 - b.x0) + 8;
    const int perRow = std::max(6, static_cast<int>(2 * half / 9));
    for (int row = 0; row < 3; ++row) {
        for (int i = 0; i < perRow; ++i) {
            const double u = -1 + 2 * (i + 0.5 + 0.6 * (unit(rng) - 0.5)) / perRow;
            // The band follows the 围龙's curve: further back in the middle than at the ends.
            const double y = b.y1 + 6 + row * 8 + 6 * (1 - u * u) + 3 * (unit(rng) - 0.5);
            PlannedTree t;
            t.at = placeAt(at, Point2{cx + u * half, y});
            t.species = species[rng() % 4];
            t.heightM = std::round((12 + 10 * unit(rng)) * 10) / 10;
            t.crownM = std::round((8 + 8 * unit(rng)) * 10) / 10;
            r.plan.trees.push_back(t);
        }
    }
}

Result<VillageLayoutResult> generateWeilongwu(const VillageLayoutOptions& o,
                                              const std::vector<Style>& styles,
                                              const FacingChoice& facing) {
    auto style = requireStyle(styles, "hakka", {"weilongwu"});
    if (!style)
        return Result<VillageLayoutResult>::failure(style.errors());
    PlacedBuilding house;
    auto r = singleCompound(*style.value(), "weilongwu", o, facing, house);
    if (!r)
        return r;
    r->plan.buildings[0].name = "围龙屋";
    // The generator makes the 禾坪, 半月池 and 化胎 itself: the plan adds only the wood.
    addFengshuiWood(r.value(), house, placeOnFootprint(house.mesh, house.footprint), o.seed);
    return r;
}

bool hasGround(const BuildingMesh& m, GroundKind kind) {
    return std::any_of(m.ground.begin(), m.ground.end(),
                       [kind](const GroundFeature& g) { return g.kind == kind; });
}

Result<VillageLayoutResult> generateSimaTuoche(const VillageLayoutOptions& o,
                                               const std::vector<Style>& styles,
                                               const FacingChoice& facing) {
    auto style = requireStyle(styles, "chaoshan", {"sima-tuoche"});
    if (!style)
        return Result<VillageLayoutResult>::failure(style.errors());
    PlacedBuilding compound;
    auto r = singleCompound(*style.value(), "sima-tuoche", o, facing, compound);
    if (!r)
        return r;
    r->plan.buildings[0].name = "驷马拖车";
    // The 埕 and the pond belong in front; the generator draws them unless its style data
    // sets their sizes to zero, and then the plan supplies them.
    const bool yard = hasGround(compound.mesh, GroundKind::Forecourt);
    const bool pond = hasGround(compound.mesh, GroundKind::Pond);
    if (yard && pond)
        return r;
    const Placement at = placeOnFootprint(compound.mesh, compound.footprint);
    const LocalBox b = massBounds(compound.mesh);
    const double depth = 14, half = 0.5 * (b.x1 - b.x0), cx = 0.5 * (b.x0 + b.x1);
    std::vector<Point2> court = placeAt(at, rectangle(b.x0, b.y0 - depth, b.x1, b.y0));
    std::vector<Point2> water = placeAt(at, halfMoon(cx, b.y0 - depth - 0.6, 0.6 * half));
    VillagePlan extra;
    addForecourtAndPond(extra, court, water, o.ground);
    for (GroundArea& g : extra.ground) {
        if ((g.kind == GroundKind::Forecourt && !yard) || (g.kind == GroundKind::Pond && !pond))
            r->plan.ground.push_back(std::move(g));
    }
    return r;
}

}  // namespace

std::string_view layoutName(VillageLayout layout) {
    switch (layout) {
        case VillageLayout::Comb:
            return "comb";
        case VillageLayout::Weilongwu:
            return "weilongwu";
        case VillageLayout::SimaTuoche:
            return "sima-tuoche";
        case VillageLayout::Street:
            return "street";
    }
    return "comb";
}

std::optional<VillageLayout> parseLayout(std::string_view name) {
    for (VillageLayout l : {VillageLayout::Comb, VillageLayout::Weilongwu,
                            VillageLayout::SimaTuoche, VillageLayout::Street}) {
        if (name == layoutName(l))
            return l;
    }
    return std::nullopt;
}

std::string layoutList() {
    return "comb, weilongwu, sima-tuoche, street";
}

FacingRange facingRange(VillageLayout layout) {
    switch (layout) {
        case VillageLayout::Comb:
            return {135, 180, 180};
        case VillageLayout::Weilongwu:
            return {0, 355, 180};
        case VillageLayout::SimaTuoche:
            return {90, 270, 180};
        case VillageLayout::Street:
            return {0, 355, 180};
    }
    return {};
}

FacingChoice chooseFacing(const GroundSampler& ground, const FacingRange& range, double radius) {
    FacingChoice c;
    c.facingDeg = range.defaultDeg;
    if (!ground) {
        c.reason = "default " + degrees(c.facingDeg) + "° (" + compassName(c.facingDeg) +
                   "): no DEM to read the slope from";
        return c;
    }
    std::optional<double> best;
    for (double f = range.minDeg; f <= range.maxDeg + 1e-9; f += 5) {
        const auto rise = riseBehind(ground, f, radius);
        // Ties go to the facing nearest the default (south), as builders preferred.
        if (rise && (!best || *rise > *best + 1e-6 ||
                     (std::abs(*rise - *best) <= 1e-6 &&
                      std::abs(f - range.defaultDeg) < std::abs(c.facingDeg - range.defaultDeg)))) {
            best = rise;
            c.facingDeg = f;
        }
    }
    if (!best) {
        c.facingDeg = range.defaultDeg;
        c.reason = "default " + degrees(c.facingDeg) + "° (" + compassName(c.facingDeg) +
                   "): no DEM heights around the site";
        return c;
    }
    if (*best < 0.5) {
        const double atDefault = riseBehind(ground, range.defaultDeg, radius).value_or(0);
        c.facingDeg = range.defaultDeg;
        c.rise = atDefault;
        c.reason = "default " + degrees(c.facingDeg) + "° (" + compassName(c.facingDeg) +
                   "): the ground rises less than 0.5 m behind any facing in " + rangeText(range) +
                   " (best " + degrees(*best) + " m)";
        return c;
    }
    c.rise = *best;
    c.fromGround = true;
    c.reason = degrees(c.facingDeg) + "° (" + compassName(c.facingDeg) + "): the ground rises " +
               degrees(*best) + " m from front to back within " + degrees(radius) +
               " m of the site, the most of any facing in " + rangeText(range);
    return c;
}

Status validate(const VillageLayoutOptions& o) {
    std::vector<Error> errors;
    auto check = [&errors](const char* name, double v, double lo, double hi, const char* unit) {
        if (!(v >= lo && v <= hi))
            errors.push_back(
                {"", name,
                 "is " + degrees(v) + "; allowed: " + degrees(lo) + ".." + degrees(hi) + unit});
    };
    check("columns", o.columns, 2, 12, "");
    check("depth", o.depth, 4, 8, " houses");
    check("lane width", o.laneWidth, 1.2, 2.0, " m");
    check("street length", o.streetLength, 30, 300, " m");
    check("street width", o.streetWidth, 5, 16, " m");
    if (o.facingDeg) {
        const FacingRange r = facingRange(o.layout);
        check("facing", *o.facingDeg, r.minDeg, r.maxDeg, "°");
    }
    if (!errors.empty())
        return Status::failure(std::move(errors));
    return Done{};
}

Result<VillageLayoutResult> generateVillage(const VillageLayoutOptions& o,
                                            const std::vector<Style>& styles) {
    if (const Status s = validate(o); !s)
        return Result<VillageLayoutResult>::failure(s.errors());
    const FacingRange range = facingRange(o.layout);
    const double radius = o.layout == VillageLayout::Weilongwu ? 80 : 60;
    FacingChoice facing;
    if (o.facingDeg) {
        facing.facingDeg = *o.facingDeg;
        facing.reason = degrees(*o.facingDeg) + "° (" + compassName(*o.facingDeg) + "): as given";
    } else if (o.layout == VillageLayout::Street) {
        facing.facingDeg = range.defaultDeg;  // a street follows the town, not the slope
        facing.reason = "default " + degrees(facing.facingDeg) +
                        "°: the first row faces this way across the street";
    } else {
        facing = chooseFacing(o.ground, range, radius);
    }
    switch (o.layout) {
        case VillageLayout::Comb:
            return generateComb(o, styles, facing);
        case VillageLayout::Weilongwu:
            return generateWeilongwu(o, styles, facing);
        case VillageLayout::SimaTuoche:
            return generateSimaTuoche(o, styles, facing);
        case VillageLayout::Street:
            return generateStreet(o, styles, facing);
    }
    return Error{"", "layout", "unknown layout; allowed: " + layoutList()};
}

}  // namespace cunjing::architecture
