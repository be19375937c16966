// 广府 plan grammars: the 三间两廊 house, the 竹筒屋 bamboo-tube house, a 骑楼 arcade row and
// the 祠堂 ancestral hall of two or three 进.
#include "Generators.h"
#include "HouseGeometry.h"
#include "HouseParams.h"
#include "Typology.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace cunjing::architecture {

namespace {

constexpr double kDegree = std::numbers::pi / 180;

std::vector<DimensionSchema> withCommon(std::vector<DimensionSchema> own) {
    std::vector<DimensionSchema> all = commonDimensions();
    all.insert(all.end(), own.begin(), own.end());
    return all;
}

const OptionSchema kGable{"gable", OptionDomain::Gables, {}};
const OptionSchema kRidge{"ridge", OptionDomain::Ornaments, {}};

// ---- 三间两廊 --------------------------------------------------------------------------

Result<BuildingMesh> buildSanjian(const TypologyContext& t) {
    SanjianLianglangParams p;
    for (auto [name, field] : std::initializer_list<std::pair<const char*, double*>>{
             {"hallBay", &p.hallBay},
             {"sideBay", &p.sideBay},
             {"mainDepth", &p.mainDepth},
             {"courtyardDepth", &p.courtyardDepth},
             {"wingDepth", &p.wingDepth},
             {"eaveHeight", &p.eaveHeight},
             {"ridgeHeight", &p.ridgeHeight},
             {"wingEaveHeight", &p.wingEaveHeight},
             {"wingRoofRise", &p.wingRoofRise},
             {"wokEarRise", &p.wokEarRise},
             {"hallOpeningWidth", &p.hallOpeningWidth},
             {"hallOpeningHeight", &p.hallOpeningHeight},
             {"backWindowWidth", &p.backWindowWidth},
             {"wallThickness", &p.wallThickness},
             {"plinthHeight", &p.plinthHeight},
             {"foundationDepth", &p.foundationDepth},
             {"roofOverhang", &p.roofOverhang},
             {"roofThickness", &p.roofThickness},
             {"roofSag", &p.roofSag},
             {"ridgeCapHeight", &p.ridgeCapHeight},
             {"tileRowSpacing", &p.tileRowSpacing},
             {"gableClearance", &p.gableClearance},
             {"gableCapBand", &p.gableCapBand},
             {"eaveBand", &p.eaveFrieze},
             {"doorWidth", &p.doorWidth},
             {"doorHeight", &p.doorHeight},
         }) {
        *field = t.dim(name);
    }
    p.curveSegments = t.count("curveSegments");
    const std::string& entrance = t.option("entrance");
    p.entrance = entrance == "west"    ? EntranceSide::West
                 : entrance == "front" ? EntranceSide::Front
                                       : EntranceSide::East;
    // Ranges in a style may still combine badly (a ridge too close to the eaves): the house
    // is built from the nearest sound values and the change is reported as a warning.
    std::vector<Error> warnings;
    for (const Error& e : houseParamErrors(p, ""))
        warnings.push_back(t.error("dimensions." + e.where, e.message + "; adjusted"));
    p = sanitized(p);

    MeshBuilder b(t.partId());
    HouseDetail d;
    d.gable = t.gable(t.option("gable"));
    d.gable.frontCorbel = false;
    d.gable.foot = p.plinthHeight;
    d.paints = t.hallPaints();
    d.roof.tileSpacing = p.tileRowSpacing;
    d.roof.ridge = t.ridge(t.option("ridge"));
    buildSanjianLianglang(b, p, d);
    const Footprint f = footprintOf(p);
    Mass m;
    m.role = "house";
    m.footprint = {
        {-f.width / 2, 0}, {f.width / 2, 0}, {f.width / 2, f.depth}, {-f.width / 2, f.depth}};
    m.eave = p.eaveHeight;
    m.rooms = 3;
    m.wallBase = m.wallTop = p.wallThickness;
    BuildingMesh out = finish(b, {m}, {});
    out.masses[0].top = geo::boundsOf(out.mesh).max.z;
    Result<BuildingMesh> r(std::move(out));
    r.addWarnings(warnings);
    return r;
}

// ---- 竹筒屋 ------------------------------------------------------------------------------

Result<BuildingMesh> buildZhutongwu(const TypologyContext& t) {
    const double w = t.dim("frontage"), depth = t.dim("depth"), cd = t.dim("courtyardDepth");
    const double storeyH = t.dim("storeyHeight"), pitch = std::tan(t.dim("roofPitch") * kDegree);
    const int storeys = t.count("storeys");
    const int blocks =
        std::max(1, static_cast<int>(std::lround(depth / t.dim("courtyardSpacing"))));
    const double blockDepth = (depth - (blocks - 1) * cd) / blocks;
    MeshBuilder b(t.partId());
    std::vector<Mass> masses;
    double y = 0;
    for (int k = 0; k < blocks; ++k) {
        HallSpec h = t.hall();
        const int s = k == 0 ? storeys : std::max(1, storeys - 1);  // taller street block
        h.width = w;
        h.depth = blockDepth;
        h.eave = h.plinth + s * storeyH;
        h.top = h.eave + pitch * 0.5 * blockDepth;
        h.overhangFront = k == 0 ? h.overhangFront : 0.2;
        const double door = std::min(t.dim("doorWidth"), 0.5 * w);
        // Street door off the middle (the 趟栊 entrance), windows on the upper floors.
        h.front.push_back(doorAt(k == 0 ? -0.15 * w : 0, door, t.dim("doorHeight"), h.paints));
        const int perFloor = w > 3.9 ? 2 : 1;
        for (int f = 1; f < s; ++f) {
            for (int i = 0; i < perFloor; ++i) {
                const double x = perFloor == 1 ? 0 : (i == 0 ? -0.25 : 0.25) * w;
                h.front.push_back(windowAt(x, 0.9, f * storeyH + 0.9, 1.3, h.paints));
                h.back.push_back(windowAt(x, 0.8, f * storeyH + 1.0, 1.0, h.paints));
            }
        }
        if (k + 1 < blocks)
            h.back.push_back(doorAt(0, door, t.dim("doorHeight"), h.paints));
        placeHall(b, masses, Frame::at(0, y, 0), h, "block", s);
        y += blockDepth;
        if (k + 1 == blocks)
            break;
        // The 天井 between blocks: party walls on both sides, open to the sky.
        b.setFrame({});
        const double zTop = h.plinth + storeyH;
        const Paint wall = h.paints.wall.as(PartKind::Walls);
        for (const double sx : {-1.0, 1.0}) {
            const double x0 = sx < 0 ? -0.5 * w : 0.5 * w - h.wall;
            b.addBox({x0, y, 0}, {x0 + h.wall, y + cd, zTop}, kAllFaces & ~kNegZ, wall);
        }
        b.addBox({-0.5 * w, y, -h.foundation}, {0.5 * w, y + cd, h.plinth}, kPosZ,
                 h.paints.plinth.as(PartKind::Plinth));
        y += cd;
    }
    return finish(b, masses, {});
}

// ---- 骑楼 --------------------------------------------------------------------------------

/// A pediment's top outline over one bay, from x0 to x1 (z above the parapet base).
std::vector<V2> pedimentOutline(const std::string& kind, double x0, double x1, double base,
                                double parapet, double rise) {
    const double w = x1 - x0, mid = 0.5 * (x0 + x1), z = base + parapet;
    std::vector<V2> out{{x0, base}, {x1, base}, {x1, z}};
    if (kind == "triangular") {
        out.push_back({mid + 0.3 * w, z});
        out.push_back({mid, z + rise});
        out.push_back({mid - 0.3 * w, z});
    } else if (kind == "stepped") {
        out.push_back({mid + 0.32 * w, z});
        out.push_back({mid + 0.32 * w, z + 0.5 * rise});
        out.push_back({mid + 0.18 * w, z + 0.5 * rise});
        out.push_back({mid + 0.18 * w, z + rise});
        out.push_back({mid - 0.18 * w, z + rise});
        out.push_back({mid - 0.18 * w, z + 0.5 * rise});
        out.push_back({mid - 0.32 * w, z + 0.5 * rise});
        out.push_back({mid - 0.32 * w, z});
    } else {  // arched: a segmental arch with short level shoulders
        const int n = 10;
        for (int i = 0; i <= n; ++i) {
            const double a = std::numbers::pi * i / n;
            out.push_back({mid + 0.36 * w * std::cos(a), z + rise * std::sin(a)});
        }
    }
    out.push_back({x0, z});
    return out;
}

Result<BuildingMesh> buildQilou(const TypologyContext& t) {
    const int bays = t.count("bays"), storeys = t.count("storeys");
    const double bw = t.dim("bayWidth"), arcade = t.dim("arcadeDepth");
    const double depth = arcade + t.dim("bodyDepth");
    const double g = t.dim("groundStoreyHeight"), up = t.dim("upperStoreyHeight");
    const double plinth = t.dim("plinthHeight"), pier = t.dim("pierWidth");
    const double roofZ = g + (storeys - 1) * up, parapet = t.dim("parapetHeight");
    const double wall = t.dim("wallThickness"), beam = 0.6;
    const double w = bays * bw, x0 = -0.5 * w;
    const HallPaints c = t.hallPaints();
    const Paint walls = c.frontWall.as(PartKind::Walls), band = c.band.as(PartKind::Walls);
    const Paint orn = c.column.as(PartKind::Ornaments);
    MeshBuilder b(t.partId());
    std::vector<Mass> masses;
    b.addBox({x0, 0, -t.dim("foundationDepth")}, {-x0, depth, plinth}, kAllFaces & ~kNegZ,
             c.plinth.as(PartKind::Plinth));
    const int perBay = t.count("windowsPerBay");
    const double winW = t.dim("windowWidth"), winH = t.dim("windowHeight");
    static const char* kCycle[] = {"arched", "stepped", "triangular"};
    for (int i = 0; i < bays; ++i) {
        const double a = x0 + i * bw, e = a + bw;
        // Upper façade over the arcade, flush with the piers, windows on every upper floor.
        std::vector<PanelOpening> windows;
        for (int f = 1; f < storeys; ++f) {
            for (int k = 0; k < perBay; ++k) {
                const double u = bw * (k + 0.5) / perBay;
                windows.push_back(windowAt(u, winW, beam + (f - 1) * up + 0.8, winH, c, false));
            }
        }
        b.addPanel({{a, 0, g - beam}, {e, 0, g - beam}, {e, 0, roofZ}, {a, 0, roofZ}, {0, -1, 0}},
                   windows, walls);
        // Shopfront at the back of the arcade: a wide opening under a fanlight band.
        b.addPanel(
            {{a, arcade, plinth}, {e, arcade, plinth}, {e, arcade, g}, {a, arcade, g}, {0, -1, 0}},
            {doorAt(0.5 * bw, bw - 1.2, g - plinth - 1.3, c, 0.2)}, walls);
        b.addQuad({a, 0, g - beam}, {e, 0, g - beam}, {e, arcade, g - beam}, {a, arcade, g - beam},
                  {0, 0, -1}, c.soffit.as(PartKind::Walls));
        // The pediment parapet (山花), the bay's own shape.
        std::string kind = t.option("pediment");
        if (kind == "mixed")
            kind = kCycle[(i + static_cast<int>(3 * t.unit("pediment"))) % 3];
        const std::vector<V2> ped =
            pedimentOutline(kind, a, e, roofZ, parapet, t.dim("pedimentRise"));
        b.addExtrusionSides(ped, ProfilePlane{false}, -0.05, wall,
                            std::vector<Paint>(ped.size(), band));
        b.addExtrusionCap(ped, ProfilePlane{false}, -0.05, false, band);
        b.addExtrusionCap(ped, ProfilePlane{false}, wall, true, band);
        Mass m;
        m.role = "shophouse";
        m.footprint = rectFootprint({}, a, 0, e, depth);
        m.eave = roofZ;
        m.top = roofZ + parapet + t.dim("pedimentRise");
        m.storeys = storeys;
        m.wallBase = m.wallTop = wall;
        m.flatRoof = true;
        masses.push_back(m);
    }
    // Piers at every bay line carry the upper floors over the footway.
    for (int i = 0; i <= bays; ++i) {
        const double x = x0 + i * bw;
        const double lo = std::max(x0, x - 0.5 * pier), hi = std::min(-x0, x + 0.5 * pier);
        b.addBox({lo, 0, plinth}, {hi, pier, g - beam}, kAllFaces & ~(kNegZ | kPosZ), orn);
        // Pilasters up the façade, rising as finials above the parapet.
        const double p0 = std::max(x0, x - 0.2), p1 = std::min(-x0, x + 0.2);
        b.addBox({p0, -0.12, g - beam}, {p1, 0, roofZ + parapet + 0.35}, kAllFaces & ~kNegZ, orn);
    }
    // Side walls (party walls) beside and behind the arcade, the back wall, the flat roof.
    std::vector<PanelOpening> backWindows;
    for (int f = 1; f < storeys; ++f)
        backWindows.push_back(windowAt(0.5 * w, 1.0, g - plinth + (f - 1) * up + 1.0, 1.2, c));
    b.addPanel({{-x0, depth, plinth},
                {x0, depth, plinth},
                {x0, depth, roofZ + parapet},
                {-x0, depth, roofZ + parapet},
                {0, 1, 0}},
               backWindows, c.wall.as(PartKind::Walls));
    for (const double s : {-1.0, 1.0}) {
        const double x = s * 0.5 * w;
        const V3 out{s, 0, 0};
        const auto panel = [&](double y0, double y1, double z0, double z1) {
            const V3 p{x, s < 0 ? y1 : y0, z0}, q{x, s < 0 ? y0 : y1, z0};
            b.addPanel({p, q, {q.x, q.y, z1}, {p.x, p.y, z1}, out}, {}, c.wall.as(PartKind::Walls));
        };
        panel(arcade, depth, plinth, roofZ + parapet);
        panel(0, arcade, g - beam, roofZ + parapet);  // the arcade stays open at the row's ends
    }
    const Paint roofPaint = c.roof.as(PartKind::Roof);
    b.addQuad({x0 + wall, wall, roofZ}, {-x0 - wall, wall, roofZ},
              {-x0 - wall, depth - wall, roofZ}, {x0 + wall, depth - wall, roofZ}, {0, 0, 1},
              roofPaint);
    const double pt = roofZ + parapet;
    for (const double s : {-1.0, 1.0}) {  // side and back parapets' inner faces and copings
        const double xi = s * (0.5 * w - wall);
        b.addQuad({xi, wall, roofZ}, {xi, depth - wall, roofZ}, {xi, depth - wall, pt},
                  {xi, wall, pt}, {-s, 0, 0}, band);
        b.addQuad({xi, 0, pt}, {xi, depth, pt}, {s * 0.5 * w, depth, pt}, {s * 0.5 * w, 0, pt},
                  {0, 0, 1}, c.coping.as(PartKind::Walls));
    }
    b.addQuad({x0 + wall, depth - wall, roofZ}, {-x0 - wall, depth - wall, roofZ},
              {-x0 - wall, depth - wall, pt}, {x0 + wall, depth - wall, pt}, {0, -1, 0}, band);
    b.addQuad({x0 + wall, depth - wall, pt}, {-x0 - wall, depth - wall, pt},
              {-x0 - wall, depth, pt}, {x0 + wall, depth, pt}, {0, 0, 1},
              c.coping.as(PartKind::Walls));
    return finish(b, masses, {});
}

// ---- 祠堂 --------------------------------------------------------------------------------

Result<BuildingMesh> buildCitang(const TypologyContext& t) {
    const int jin = t.count("jin");
    const double hallBay = t.dim("hallBay"), sideBay = t.dim("sideBay");
    const double w = hallBay + 2 * sideBay, court = t.dim("courtyardDepth");
    const double pitch = std::tan(t.dim("roofPitch") * kDegree), raise = t.dim("hallRaise");
    const double corridor = t.dim("corridorWidth");
    MeshBuilder b(t.partId());
    std::vector<Mass> masses;
    double y = 0;
    double eave = t.dim("eaveHeight");
    for (int k = 0; k < jin; ++k) {
        HallSpec h = t.hall();
        h.width = w;
        h.depth =
            k == 0 ? t.dim("gateDepth") : (k == 1 ? t.dim("hallDepth") : t.dim("rearHallDepth"));
        h.eave = eave;
        h.top = eave + pitch * 0.5 * h.depth;
        if (k == 1)
            h.roof = t.roofForm(t.option("mainRoof"));
        if (k == 0) {
            // 头门: the 凹斗门 recessed entrance between two columns under the red beam.
            h.porch.width = hallBay;
            h.porch.depth = t.dim("porchDepth");
            h.porch.doorWidth = t.dim("doorWidth");
            h.porch.doorHeight = t.dim("doorHeight");
        } else {
            // The halls open onto the courtyard across the middle bay, on four columns.
            h.porch.width = hallBay;
            h.porch.depth = std::min(1.8, 0.3 * h.depth);
            h.porch.columns = 4;
            h.porch.doorWidth = hallBay - 1.0;
            h.porch.doorHeight = std::min(eave - 1.0, t.dim("doorHeight") + 0.8);
            for (const double s : {-1.0, 1.0})
                h.front.push_back(
                    windowAt(s * (0.5 * hallBay + 0.5 * sideBay), 1.0, 1.0, 1.4, h.paints));
        }
        placeHall(b, masses, Frame::at(0, y, 0), h, k == 0 ? "gate-hall" : "hall");
        y += h.depth;
        if (k + 1 == jin)
            break;
        // The courtyard's two side corridors (廊), ridges along the axis.
        for (const double s : {-1.0, 1.0}) {
            HallSpec c = t.hall();
            c.width = court;
            c.depth = corridor;
            c.eave = std::max(h.plinth + 2.6, eave - 1.0);
            c.top = c.eave + pitch * 0.5 * corridor;
            c.gableWest = c.gableEast = false;
            c.hide = kNegX | kPosX;
            c.detail.tileSpacing = h.detail.tileSpacing;
            c.detail.ridge = RidgeStyle{};
            c.detail.ridge.capHeight = 0.15;
            c.front.push_back(doorAt(0, 1.6, std::min(c.eave - c.plinth - 0.6, 2.4), c.paints));
            const double x = s * (0.5 * w - corridor);
            placeHall(b, masses, Frame::at(x, y + 0.5 * court, 0, -s * std::numbers::pi / 2), c,
                      "corridor");
        }
        b.setFrame({});
        b.addBox({-0.5 * w + corridor, y, -t.dim("foundationDepth")},
                 {0.5 * w - corridor, y + court, t.dim("plinthHeight")}, kPosZ,
                 t.paint("courtyard", PartKind::Plinth));
        y += court;
        eave += raise;
    }
    std::vector<GroundFeature> ground;
    const double fc = t.dim("forecourtDepth");
    if (fc > 0)
        ground.push_back(forecourt(t, -0.5 * w - 2, -fc, 0.5 * w + 2, 0));
    return finish(b, masses, std::move(ground));
}

}  // namespace

std::vector<GeneratorInfo> guangfuGenerators() {
    return {
        {"sanjian-lianglang",
         withCommon({{"hallBay", 1.0, 20.0},
                     {"sideBay", 1.0, 20.0},
                     {"mainDepth", 2.0, 30.0},
                     {"courtyardDepth", 1.0, 20.0},
                     {"wingDepth", 0.5, 20.0},
                     {"eaveHeight", 1.5, 20.0},
                     {"ridgeHeight", 2.0, 30.0},
                     {"wingEaveHeight", 1.5, 20.0},
                     {"wingRoofRise", 0.0, 5.0},
                     {"wokEarRise", 0.3, 5.0},
                     {"hallOpeningWidth", 0.5, 10.0},
                     {"hallOpeningHeight", 1.5, 10.0},
                     {"backWindowWidth", 0.0, 2.0, false, false, 0.6}}),
         {kGable, kRidge, {"entrance", OptionDomain::Fixed, {"east", "west", "front"}}},
         buildSanjian},
        {"zhutongwu",
         withCommon({{"frontage", 2.5, 8.0},
                     {"depth", 6.0, 40.0},
                     {"storeys", 1, 4, true},
                     {"courtyardSpacing", 3.0, 12.0},
                     {"courtyardDepth", 1.0, 4.0},
                     {"storeyHeight", 2.6, 4.5},
                     {"roofPitch", 15.0, 35.0}}),
         {kGable, kRidge},
         buildZhutongwu},
        {"qilou",
         withCommon({{"bays", 1, 12, true},
                     {"bayWidth", 2.5, 8.0},
                     {"bodyDepth", 6.0, 40.0},
                     {"arcadeDepth", 2.4, 6.0},
                     {"storeys", 2, 6, true},
                     {"groundStoreyHeight", 3.0, 7.0},
                     {"upperStoreyHeight", 2.8, 5.0},
                     {"parapetHeight", 0.3, 3.0},
                     {"pedimentRise", 0.0, 3.0},
                     {"pierWidth", 0.3, 1.5},
                     {"windowsPerBay", 1, 4, true},
                     {"windowWidth", 0.5, 2.0},
                     {"windowHeight", 0.8, 3.0}}),
         {{"pediment", OptionDomain::Fixed, {"arched", "stepped", "triangular", "mixed"}}},
         buildQilou},
        {"citang",
         withCommon({{"jin", 2, 3, true},
                     {"hallBay", 3.0, 8.0},
                     {"sideBay", 2.5, 6.0},
                     {"gateDepth", 4.0, 12.0},
                     {"hallDepth", 5.0, 16.0},
                     {"rearHallDepth", 5.0, 16.0},
                     {"courtyardDepth", 3.0, 12.0},
                     {"corridorWidth", 1.5, 4.0},
                     {"eaveHeight", 3.0, 8.0},
                     {"roofPitch", 18.0, 35.0},
                     {"hallRaise", 0.0, 2.0},
                     {"porchDepth", 0.8, 3.0},
                     {"forecourtDepth", 0.0, 40.0},
                     {"wokEarRise", 0.3, 5.0}}),
         {kGable, kRidge, {"mainRoof", OptionDomain::Roofs, {}}},
         buildCitang},
    };
}

}  // namespace cunjing::architecture
