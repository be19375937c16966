#include "Typology.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace cunjing::architecture {

namespace {

std::uint64_t mix(std::uint64_t x) {  // splitmix64 finaliser
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

std::uint64_t fnv1a(std::string_view s) {
    std::uint64_t h = 0xCBF29CE484222325ull;
    for (const char ch : s) {
        h ^= static_cast<unsigned char>(ch);
        h *= 0x100000001B3ull;
    }
    return h;
}

}  // namespace

double seededUnit(std::uint32_t seed, std::string_view salt) {
    return static_cast<double>(mix(fnv1a(salt) ^ mix(seed)) >> 11) * 0x1.0p-53;
}

double TypologyContext::dim(std::string_view name) const {
    const auto it = typology_.dimensions.find(std::string(name));
    return it == typology_.dimensions.end() ? 0.0 : it->second;
}

int TypologyContext::count(std::string_view name) const {
    return static_cast<int>(std::lround(dim(name)));
}

bool TypologyContext::has(std::string_view name) const {
    return typology_.dimensions.count(std::string(name)) > 0;
}

const std::string& TypologyContext::option(std::string_view name) const {
    static const std::string kNone;
    const auto it = typology_.options.find(std::string(name));
    return it == typology_.options.end() ? kNone : it->second;
}

double TypologyContext::unit(std::string_view salt) const {
    return seededUnit(seed_, std::string(spec().id) + "/" + std::string(salt));
}

Paint TypologyContext::paint(std::string_view role, PartKind kind, std::size_t index) const {
    const auto it = typology_.palette.find(std::string(role));
    if (it == typology_.palette.end() || it->second.empty())
        return {{1, 0, 1, 1}, kind, kNoMaterial};  // magenta: a role the loader let through
    const MaterialId id = it->second[index % it->second.size()];
    return {style_.materials[id].color, kind, id};
}

std::vector<Paint> TypologyContext::paints(std::string_view role, PartKind kind) const {
    std::vector<Paint> out;
    const auto it = typology_.palette.find(std::string(role));
    if (it == typology_.palette.end())
        return out;
    for (std::size_t i = 0; i < it->second.size(); ++i)
        out.push_back(paint(role, kind, i));
    return out;
}

GableStyle TypologyContext::gable(const std::string& id) const {
    GableStyle g;
    if (const GableProfileSpec* spec = style_.findGable(id)) {
        g.kind = spec->kind;
        g.earWidth = spec->earWidth;
        g.crown = &spec->crown;
        g.smooth = spec->smooth;
    }
    g.wokEarRise = has("wokEarRise") ? dim("wokEarRise") : 1.4;
    g.clearance = dim("gableClearance");
    g.capBand = dim("gableCapBand");
    g.foot = dim("plinthHeight");
    g.segments = count("curveSegments");
    return g;
}

RidgeStyle TypologyContext::ridge(const std::string& ornamentId) const {
    RidgeStyle r;
    r.capHeight = dim("ridgeCapHeight");
    r.seed = seed_;
    if (const OrnamentSpec* o = style_.findOrnament(ornamentId)) {
        r.kind = o->kind;
        r.ends = o->ends;
        for (const MaterialId id : o->colors)
            r.colors.push_back({style_.materials[id].color, PartKind::Ornaments, id});
    }
    return r;
}

RoofForm TypologyContext::roofForm(const std::string& roofId) const {
    const RoofSpec* r = style_.findRoof(roofId);
    return r ? r->form : RoofForm::HardGable;
}

HallPaints TypologyContext::hallPaints() const {
    HallPaints p;
    p.plinth = paint("plinth", PartKind::Plinth);
    p.wall = paint("wall", PartKind::Walls);
    p.frontWall = paint("frontWall", PartKind::Walls);
    p.band = paint("band", PartKind::Walls);
    p.roof = paint("roof", PartKind::Roof);
    p.soffit = paint("soffit", PartKind::Roof);
    p.fascia = paint("fascia", PartKind::Roof);
    p.ridge = paint("ridge", PartKind::Ridge);
    p.coping = paint("coping", PartKind::Gables);
    p.capBand = paints("gableBand", PartKind::Gables);
    p.door = paint("door", PartKind::Doors);
    p.doorFrame = paint("doorFrame", PartKind::Doors);
    p.window = paint("window", PartKind::Windows);
    p.column = paint("column", PartKind::Ornaments);
    p.beam = paint("beam", PartKind::Ornaments);
    return p;
}

HallSpec TypologyContext::hall() const {
    HallSpec h;
    h.sag = dim("roofSag");
    h.overhangFront = h.overhangBack = dim("roofOverhang");
    h.overhangSide = dim("roofOverhang");
    h.thickness = dim("roofThickness");
    h.wall = dim("wallThickness");
    h.plinth = dim("plinthHeight");
    h.foundation = dim("foundationDepth");
    h.eaveBand = dim("eaveBand");
    h.gable = gable(option("gable"));
    h.detail.tileSpacing = dim("tileRowSpacing");
    h.detail.ridge = ridge(option("ridge"));
    h.paints = hallPaints();
    return h;
}

Error TypologyContext::error(const std::string& where, const std::string& message) const {
    return {style_.file, "$.typologies." + spec().id + (where.empty() ? "" : "." + where), message};
}

std::vector<Point2> rectFootprint(const Frame& f, double x0, double y0, double x1, double y1) {
    std::vector<Point2> out;
    for (const V3& p : {V3{x0, y0, 0}, V3{x1, y0, 0}, V3{x1, y1, 0}, V3{x0, y1, 0}}) {
        const V3 q = f.point(p);
        out.push_back({q.x, q.y});
    }
    return out;
}

double hallTop(const HallSpec& h) {
    switch (h.roof) {
        case RoofForm::Flat:
            return h.eave + h.parapet;
        case RoofForm::HipAndGable:
            return h.top + h.detail.ridge.capHeight;
        case RoofForm::HardGable:
            break;
    }
    double top = h.top + h.detail.ridge.capHeight;
    if (h.gableWest || h.gableEast) {
        GableStyle g = h.gable;
        g.frontCorbel = true;
        for (const V2& p : gableCopingCurve(roofSectionOf(h), g))
            top = std::max(top, p.v);
    }
    return top;
}

void placeHall(MeshBuilder& b, std::vector<Mass>& masses, const Frame& f, const HallSpec& h,
               const std::string& role, int storeys, int rooms) {
    b.setFrame(f);
    addHall(b, h);
    b.setFrame({});  // later parts are placed in the building's frame unless they say otherwise
    Mass m;
    m.role = role;
    m.footprint = rectFootprint(f, -0.5 * h.width, 0, 0.5 * h.width, h.depth);
    m.base = f.z;
    m.eave = f.z + h.eave;
    m.top = f.z + hallTop(h);
    m.storeys = storeys;
    m.rooms = rooms;
    m.wallBase = m.wallTop = h.wall;
    masses.push_back(std::move(m));
}

GroundFeature forecourt(const TypologyContext& t, double x0, double y0, double x1, double y1) {
    GroundFeature g;
    g.kind = GroundKind::Forecourt;
    g.outline = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
    MeshBuilder b(t.partId());
    b.addQuad({x0, y0, 0.02}, {x1, y0, 0.02}, {x1, y1, 0.02}, {x0, y1, 0.02}, {0, 0, 1},
              t.paint("forecourt", PartKind::Plinth));
    g.mesh = b.take();
    return g;
}

GroundFeature halfMoonPond(const TypologyContext& t, double cx, double yEdge, double radius) {
    // Water a little below the ground, behind a stone kerb; the straight side faces the house.
    GroundFeature g;
    g.kind = GroundKind::Pond;
    g.z = -0.6;
    const int n = std::max(12, 2 * t.count("curveSegments"));
    std::vector<V2> arc;
    for (int i = 0; i <= n; ++i) {
        const double a = std::numbers::pi * (1.0 + static_cast<double>(i) / n);  // pi..2pi
        arc.push_back({cx + radius * std::cos(a), yEdge + radius * std::sin(a)});
    }
    for (const V2& p : arc)
        g.outline.push_back({p.u, p.v});
    MeshBuilder b(t.partId());
    const Paint water = t.paint("water", PartKind::Plinth);
    const Paint bank = t.paint("plinth", PartKind::Plinth);
    std::vector<V3> ring;
    for (const V2& p : arc)
        ring.push_back({p.u, p.v, g.z});
    b.addPolygon(ring, arc, {0, 0, 1}, water);
    for (std::size_t i = 0; i < arc.size(); ++i) {
        const V2 p = arc[i], q = arc[(i + 1) % arc.size()];
        const V3 inward{cx - 0.5 * (p.u + q.u), yEdge - 0.5 * (p.v + q.v) - 0.3 * radius, 0};
        b.addQuad({p.u, p.v, g.z}, {q.u, q.v, g.z}, {q.u, q.v, 0.05}, {p.u, p.v, 0.05}, inward,
                  bank);
    }
    g.mesh = b.take();
    return g;
}

GroundFeature huatai(const TypologyContext& t, double y0, double halfWidth, double depth,
                     double rise) {
    GroundFeature g;
    g.kind = GroundKind::Huatai;
    g.rise = rise;
    const int nTheta = std::max(12, 2 * t.count("curveSegments")), nRho = 5;
    // The mound swells towards the 龙厅: height grows with the share of the depth reached.
    const auto point = [&](double rho, double theta) {
        const double x = halfWidth * rho * std::cos(theta), s = rho * std::sin(theta);
        return V3{x, y0 + depth * s, rise * std::pow(std::max(0.0, s), 0.7)};
    };
    MeshBuilder b(t.partId());
    const Paint turf = t.paint("huatai", PartKind::Plinth);
    for (int i = 0; i < nTheta; ++i) {
        const double a0 = std::numbers::pi * i / nTheta, a1 = std::numbers::pi * (i + 1) / nTheta;
        for (int j = 0; j < nRho; ++j) {
            const double r0 = static_cast<double>(j) / nRho, r1 = static_cast<double>(j + 1) / nRho;
            if (j == 0) {
                b.addTriangle(point(0, 0), point(r1, a0), point(r1, a1), {0, 0, 1}, turf);
            } else {
                b.addQuad(point(r0, a0), point(r1, a0), point(r1, a1), point(r0, a1), {0, 0, 1},
                          turf);
            }
        }
        // The retaining edge where the mound meets the yard before the 围龙.
        const V3 p = point(1, a0), q = point(1, a1);
        b.addQuad({p.x, p.y, 0}, {q.x, q.y, 0}, q, p, {p.x + q.x, p.y + q.y - 2 * y0, 0},
                  t.paint("plinth", PartKind::Plinth));
    }
    // The drainage ditch that parts the mound from the halls, dark along the straight edge.
    b.addQuad({-halfWidth, y0 - 0.6, 0.01}, {halfWidth, y0 - 0.6, 0.01}, {halfWidth, y0, 0.01},
              {-halfWidth, y0, 0.01}, {0, 0, 1}, t.paint("fascia", PartKind::Plinth));
    for (int i = 0; i <= nTheta; ++i) {
        const V3 p = point(1, std::numbers::pi * i / nTheta);
        g.outline.push_back({p.x, p.y});
    }
    g.mesh = b.take();
    return g;
}

BuildingMesh finish(MeshBuilder& b, std::vector<Mass> masses, std::vector<GroundFeature> ground) {
    b.setFrame({});
    BuildingMesh out = b.takeBuilding();
    out.masses = std::move(masses);
    out.ground = std::move(ground);
    return out;
}

}  // namespace cunjing::architecture
