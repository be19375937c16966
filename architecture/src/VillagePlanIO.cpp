// Reading and writing village plans (VillagePlan.h) as vector files through geo/VectorIO.
// Reading checks every feature and reports every problem, so a user fixes a file in one go.

#include <cunjing/architecture/StyleLibrary.h>
#include <cunjing/architecture/VillagePlan.h>
#include <cunjing/geo/VectorIO.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

namespace cunjing::architecture {

namespace {

constexpr int kMaxStoreys = 9;  // sanity bound for typologies without a storeys dimension

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

/// Reads one feature's fields, collecting a message for each bad one.
class FeatureReader {
public:
    FeatureReader(const std::string& file, const std::string& layer, const geo::VectorFeature& f,
                  std::vector<Error>& errors)
        : file_(file), layer_(layer), f_(f), errors_(errors) {}

    std::string where() const { return "layer '" + layer_ + "', " + f_.where(); }
    std::string where(std::string_view field) const {
        return where() + ", field '" + std::string(field) + "'";
    }
    void error(std::string_view field, const std::string& message) const {
        errors_.push_back({file_, field.empty() ? where() : where(field), message});
    }

    bool has(std::string_view name) const {
        const geo::FieldValue* v = f_.field(name);
        return v && !std::holds_alternative<std::monostate>(*v) &&
               !(std::holds_alternative<std::string>(*v) && std::get<std::string>(*v).empty());
    }
    std::string text(std::string_view name) const {
        const geo::FieldValue* v = f_.field(name);
        return v ? geo::fieldText(*v) : std::string();
    }
    /// A number, from a numeric field or numeric text ("2" in a GeoJSON string field).
    std::optional<double> number(std::string_view name) const {
        if (!has(name))
            return std::nullopt;
        const geo::FieldValue& v = *f_.field(name);
        if (const auto* i = std::get_if<std::int64_t>(&v))
            return static_cast<double>(*i);
        if (const auto* d = std::get_if<double>(&v))
            return *d;
        const std::string s = std::get<std::string>(v);
        char* end = nullptr;
        const double d = std::strtod(s.c_str(), &end);
        while (end && std::isspace(static_cast<unsigned char>(*end)))
            ++end;
        if (end == s.c_str() || *end != '\0' || !std::isfinite(d)) {
            error(name, "is '" + s + "', not a number");
            return std::nullopt;
        }
        return d;
    }
    std::optional<long long> integer(std::string_view name, long long lo, long long hi) const {
        const std::optional<double> d = number(name);
        if (!d)
            return std::nullopt;
        if (*d != std::floor(*d) || *d < static_cast<double>(lo) || *d > static_cast<double>(hi)) {
            error(name, "is " + ::cunjing::architecture::number(*d) + "; allowed: a whole number " +
                            std::to_string(lo) + ".." + std::to_string(hi));
            return std::nullopt;
        }
        return static_cast<long long>(*d);
    }

    /// The single polygon's outer ring, counter-clockwise, repeated points dropped.
    std::optional<std::vector<Point2>> outline() const {
        if (f_.polygons.empty()) {
            error("", "geometry is " + (f_.geometryType.empty() ? "missing" : f_.geometryType) +
                          "; a footprint must be a polygon");
            return std::nullopt;
        }
        if (f_.polygons.size() > 1) {
            error("", "geometry is a multipolygon of " + std::to_string(f_.polygons.size()) +
                          " parts; give one polygon per feature");
            return std::nullopt;
        }
        std::vector<Point2> ring;
        for (const geo::Point2d& p : f_.polygons[0].outer) {
            if (ring.empty() || std::hypot(p.x - ring.back().x, p.y - ring.back().y) > 1e-9)
                ring.push_back({p.x, p.y});
        }
        while (ring.size() > 1 &&
               std::hypot(ring.front().x - ring.back().x, ring.front().y - ring.back().y) < 1e-9)
            ring.pop_back();
        if (ring.size() < 3) {
            error("", "the polygon has " + std::to_string(ring.size()) +
                          " distinct points; a footprint needs 3 or more");
            return std::nullopt;
        }
        const double area = ringArea(ring);
        if (std::abs(area) < 1e-6) {
            error("", "the polygon has no area");
            return std::nullopt;
        }
        if (area < 0)
            std::reverse(ring.begin(), ring.end());
        return ring;
    }

private:
    const std::string& file_;
    const std::string& layer_;
    const geo::VectorFeature& f_;
    std::vector<Error>& errors_;
};

const Style* checkStyle(const FeatureReader& r, const std::vector<Style>& styles,
                        BuildingFootprint& b) {
    b.style = r.text("style");
    b.typology = r.text("typology");
    if (b.style.empty()) {
        r.error("style", "missing; allowed: " + styleList(styles));
        return nullptr;
    }
    const Style* style = findStyle(styles, b.style);
    if (!style) {
        r.error("style", "unknown style '" + b.style + "'; allowed: " + styleList(styles));
        return nullptr;
    }
    if (b.typology.empty()) {
        r.error("typology", "missing; allowed for " + b.style + ": " + style->typologyList());
        return nullptr;
    }
    if (!style->findTypology(b.typology)) {
        r.error("typology", "unknown typology '" + b.typology + "' in style '" + b.style +
                                "'; allowed: " + style->typologyList());
        return nullptr;
    }
    return style;
}

void checkStoreys(const FeatureReader& r, const TypologySpec& t, BuildingFootprint& b) {
    const auto it = t.dimensions.find("storeys");
    const long long lo = it != t.dimensions.end() ? static_cast<long long>(it->second.min) : 1;
    const long long hi =
        it != t.dimensions.end() ? static_cast<long long>(it->second.max) : kMaxStoreys;
    const std::optional<double> s = r.number("storeys");
    if (!s)
        return;
    if (*s == 0)
        return;  // 0: the typology's default
    if (*s != std::floor(*s) || *s < static_cast<double>(lo) || *s > static_cast<double>(hi)) {
        r.error("storeys", "is " + number(*s) + "; allowed for " + t.id + ": " +
                               std::to_string(lo) + ".." + std::to_string(hi) +
                               " (0 or empty: the typology's default)");
        return;
    }
    b.storeys = static_cast<int>(*s);
}

std::optional<BuildingFootprint> readBuilding(const FeatureReader& r,
                                              const std::vector<Style>& styles,
                                              const geo::VectorFeature& f) {
    BuildingFootprint b;
    b.id = r.has("id") ? r.text("id") : std::to_string(f.row);
    b.name = r.text("name");
    b.condition = r.text("condition");
    const auto outline = r.outline();
    const Style* style = checkStyle(r, styles, b);
    const TypologySpec* typology = style ? style->findTypology(b.typology) : nullptr;
    if (typology)
        checkStoreys(r, *typology, b);
    if (const auto facing = r.number("facing")) {
        if (*facing < 0 || *facing > 360)
            r.error("facing", "is " + number(*facing) +
                                  "; allowed: 0..360, the compass bearing the front looks to "
                                  "(180 = south)");
        else
            b.facingDeg = *facing;
    }
    if (const auto year = r.integer("year", -3000, 3000))
        b.year = static_cast<int>(*year);
    if (const auto seed = r.integer("seed", 0, 4294967295LL))
        b.seed = static_cast<std::uint32_t>(*seed);
    if (r.has("params")) {
        auto overrides = parseParamsField(r.text("params"));
        if (!overrides) {
            for (const Error& e : overrides.errors())
                r.error("params", e.message);
        } else if (style && typology) {
            // The values must suit the typology too: a known key, inside the style's range.
            auto resolved = resolveTypology(*style, b.typology, overrides.value(), b.seed);
            for (const Error& e : resolved.errors())
                r.error("params", e.message);
            b.overrides = std::move(overrides.value());
        }
    }
    if (!outline)
        return std::nullopt;
    b.outline = *outline;
    return b;
}

std::optional<GroundArea> readGround(const FeatureReader& r) {
    GroundArea g;
    const auto outline = r.outline();
    const std::string kind = r.text("kind");
    const auto parsed = parseGroundKind(kind);
    if (!parsed)
        r.error("kind", (kind.empty() ? std::string("missing") : "unknown kind '" + kind + "'") +
                            "; allowed: forecourt, pond, huatai, lane");
    g.z = r.number("z");
    if (!outline || !parsed)
        return std::nullopt;
    g.kind = *parsed;
    g.outline = *outline;
    return g;
}

std::optional<PlannedTree> readTree(const FeatureReader& r, const geo::VectorFeature& f) {
    PlannedTree t;
    if (!f.point) {
        r.error("", "geometry is " + (f.geometryType.empty() ? "missing" : f.geometryType) +
                        "; a tree must be a point");
        return std::nullopt;
    }
    t.at = {f.point->x, f.point->y};
    t.species = r.text("species");
    bool ok = true;
    for (auto [name, field] : {std::pair<const char*, double*>{"height_m", &t.heightM},
                               std::pair<const char*, double*>{"crown_m", &t.crownM}}) {
        const auto v = r.number(name);
        if (!v)
            continue;
        if (*v <= 0 || *v > 150) {
            r.error(name, "is " + number(*v) + "; allowed: more than 0, at most 150 metres");
            ok = false;
        } else {
            *field = *v;
        }
    }
    if (!ok)
        return std::nullopt;
    return t;
}

const geo::VectorLayer* findLayer(const std::vector<geo::VectorLayer>& layers,
                                  std::string_view name) {
    for (const geo::VectorLayer& l : layers) {
        if (lower(l.name) == name)
            return &l;
    }
    return nullptr;
}

std::string layerList(const std::vector<geo::VectorLayer>& layers) {
    std::string out;
    for (const geo::VectorLayer& l : layers)
        out += (out.empty() ? "" : ", ") + l.name;
    return out;
}

void checkUniqueIds(const std::string& path, const std::string& layer,
                    const std::vector<BuildingFootprint>& buildings, std::vector<Error>& errors) {
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < buildings.size(); ++i) {
        const auto [it, fresh] = seen.emplace(buildings[i].id, i);
        if (!fresh)
            errors.push_back({path, "layer '" + layer + "', field 'id'",
                              "id '" + buildings[i].id + "' is used twice; ids must be unique"});
    }
}

}  // namespace

Result<VillagePlan> readVillagePlan(const std::string& path, const geo::Crs& target,
                                    const std::vector<Style>& styles) {
    geo::VectorReadOptions options;
    options.defaultCrs = target.wkt();
    auto layers = geo::readVectorFile(path, target, options);
    if (!layers)
        return Result<VillagePlan>::failure(layers.errors());
    const geo::VectorLayer* buildings = findLayer(layers.value(), "buildings");
    if (!buildings && layers->size() == 1)
        buildings = &layers->front();
    if (!buildings)
        return Error{path, "",
                     "no layer 'buildings' (layers here: " + layerList(layers.value()) +
                         "); name the footprint layer 'buildings'"};

    VillagePlan plan;
    plan.crs = target.shortName();
    std::vector<Error> errors;
    for (const geo::VectorFeature& f : buildings->features) {
        const FeatureReader r(path, buildings->name, f, errors);
        if (auto b = readBuilding(r, styles, f))
            plan.buildings.push_back(std::move(*b));
    }
    checkUniqueIds(path, buildings->name, plan.buildings, errors);
    if (const geo::VectorLayer* ground = findLayer(layers.value(), "ground");
        ground && ground != buildings) {
        for (const geo::VectorFeature& f : ground->features) {
            if (auto g = readGround(FeatureReader(path, ground->name, f, errors)))
                plan.ground.push_back(std::move(*g));
        }
    }
    if (const geo::VectorLayer* trees = findLayer(layers.value(), "trees");
        trees && trees != buildings) {
        for (const geo::VectorFeature& f : trees->features) {
            if (auto t = readTree(FeatureReader(path, trees->name, f, errors), f))
                plan.trees.push_back(std::move(*t));
        }
    }
    if (!errors.empty())
        return Result<VillagePlan>::failure(std::move(errors));
    return plan;
}

Result<VillagePlan> readVillagePlan(const std::string& path, const geo::Crs& target) {
    auto styles = loadStyleLibrary();
    if (!styles)
        return Result<VillagePlan>::failure(styles.errors());
    return readVillagePlan(path, target, styles.value());
}

// ---- writing ----------------------------------------------------------------------------

namespace {

geo::Polygon polygonOf(const std::vector<Point2>& ring) {
    geo::Polygon p;
    for (const Point2& q : ring)
        p.outer.push_back({q.x, q.y});
    return p;
}

geo::VectorLayerToWrite buildingsLayer(const VillagePlan& plan) {
    using geo::FieldType;
    geo::VectorLayerToWrite layer{"buildings",
                                  geo::LayerGeometry::Polygon,
                                  {{"id", FieldType::String},
                                   {"name", FieldType::String},
                                   {"style", FieldType::String},
                                   {"typology", FieldType::String},
                                   {"storeys", FieldType::Integer},
                                   {"facing", FieldType::Real},
                                   {"year", FieldType::Integer},
                                   {"condition", FieldType::String},
                                   {"seed", FieldType::Integer},
                                   {"params", FieldType::String}},
                                  {}};
    for (const BuildingFootprint& b : plan.buildings) {
        geo::VectorFeature f;
        f.polygons.push_back(polygonOf(b.outline));
        f.fields = {{"id", b.id},
                    {"name", b.name},
                    {"style", b.style},
                    {"typology", b.typology},
                    {"storeys", std::int64_t{b.storeys}},
                    {"facing", b.facingDeg},
                    {"year", b.year ? geo::FieldValue(std::int64_t{*b.year})
                                    : geo::FieldValue(std::monostate{})},
                    {"condition", b.condition},
                    {"seed", std::int64_t{b.seed}},
                    {"params", formatParamsField(b.overrides)}};
        layer.features.push_back(std::move(f));
    }
    return layer;
}

geo::VectorLayerToWrite groundLayer(const VillagePlan& plan) {
    geo::VectorLayerToWrite layer{"ground",
                                  geo::LayerGeometry::Polygon,
                                  {{"kind", geo::FieldType::String}, {"z", geo::FieldType::Real}},
                                  {}};
    for (const GroundArea& g : plan.ground) {
        geo::VectorFeature f;
        f.polygons.push_back(polygonOf(g.outline));
        f.fields = {{"kind", std::string(groundKindName(g.kind))},
                    {"z", g.z ? geo::FieldValue(*g.z) : geo::FieldValue(std::monostate{})}};
        layer.features.push_back(std::move(f));
    }
    return layer;
}

geo::VectorLayerToWrite treesLayer(const VillagePlan& plan) {
    geo::VectorLayerToWrite layer{"trees",
                                  geo::LayerGeometry::Point,
                                  {{"species", geo::FieldType::String},
                                   {"height_m", geo::FieldType::Real},
                                   {"crown_m", geo::FieldType::Real}},
                                  {}};
    for (const PlannedTree& t : plan.trees) {
        geo::VectorFeature f;
        f.point = geo::Point2d{t.at.x, t.at.y};
        f.fields = {{"species", t.species}, {"height_m", t.heightM}, {"crown_m", t.crownM}};
        layer.features.push_back(std::move(f));
    }
    return layer;
}

}  // namespace

Status writeVillagePlan(const VillagePlan& plan, const std::string& path) {
    std::optional<geo::Crs> crs;
    if (!plan.crs.empty()) {
        auto c = geo::Crs::fromUserString(plan.crs);
        if (!c)
            return Error{path, "crs", c.errors()[0].message};
        crs = c.value();
    }
    return geo::writeGeoPackage(path, {buildingsLayer(plan), groundLayer(plan), treesLayer(plan)},
                                crs);
}

}  // namespace cunjing::architecture
