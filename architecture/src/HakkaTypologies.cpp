// 客家 plan grammars: halls and wings (N堂 M横) with K围龙 rings behind, the 化胎 mound, the
// 禾坪 and the 半月池 in front; 四角楼 with corner towers; round and square 土楼.
#include "Generators.h"
#include "Row.h"
#include "Typology.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace cunjing::architecture {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kDegree = kPi / 180;

std::vector<DimensionSchema> withCommon(std::vector<DimensionSchema> own) {
    std::vector<DimensionSchema> all = commonDimensions();
    all.insert(all.end(), own.begin(), own.end());
    return all;
}

const OptionSchema kGable{"gable", OptionDomain::Gables, {}};
const OptionSchema kRidge{"ridge", OptionDomain::Ornaments, {}};

/// A hall rotated to run along the axis (ridge along Y) on one side: its front looks at the
/// axis, its length covers y0..y1, its inner face lies at |x| = xInner.
void placeSideRow(MeshBuilder& b, std::vector<Mass>& masses, HallSpec h, double side, double xInner,
                  double y0, double y1, bool frontGable, bool backGable, const std::string& role,
                  int rooms) {
    h.width = y1 - y0;
    // East side: heading -90° turns local +X to -Y (the front end); west: +90°, +X to +Y.
    const bool east = side > 0;
    h.gableEast = east ? frontGable : backGable;
    h.gableWest = east ? backGable : frontGable;
    if (!backGable)
        h.hide |= east ? kNegX : kPosX;
    placeHall(b, masses, Frame::at(side * xInner, 0.5 * (y0 + y1), 0, -side * kPi / 2), h, role, 1,
              rooms);
}

/// Doors along a row's front, one per room, and small windows along its back.
void roomOpenings(HallSpec& h, int rooms, const TypologyContext& t) {
    const double w = h.width / rooms;
    for (int i = 0; i < rooms; ++i) {
        const double x = -0.5 * h.width + (i + 0.5) * w;
        h.front.push_back(
            doorAt(x, std::min(t.dim("doorWidth"), 0.6 * w), t.dim("doorHeight"), h.paints));
        h.back.push_back(windowAt(x, 0.45, h.eave - h.plinth - 1.3, 0.6, h.paints, true));
    }
}

struct Core {
    double width = 0, depth = 0, top = 0;
};

/// The 堂屋: N halls on the axis (下堂 shallow, 上堂 deepest) with 天井 and side rooms between.
Core addHalls(const TypologyContext& t, MeshBuilder& b, std::vector<Mass>& masses, int halls,
              double eave0) {
    const double hallBay = t.dim("hallBay"), sideBay = t.dim("sideBay");
    const double court = t.dim("courtyardDepth"), pitch = std::tan(t.dim("roofPitch") * kDegree);
    Core core;
    core.width = hallBay + 2 * sideBay;
    double y = 0, eave = eave0;
    for (int k = 0; k < halls; ++k) {
        HallSpec h = t.hall();
        h.width = core.width;
        h.depth = k == 0 ? t.dim("entranceDepth")
                         : (k + 1 == halls ? t.dim("upperHallDepth") : t.dim("hallDepth"));
        h.eave = eave;
        h.top = eave + pitch * 0.5 * h.depth;
        if (k == 0) {
            h.porch.width = hallBay;
            h.porch.depth = 1.2;
            h.porch.columns = 0;
            h.porch.doorWidth = t.dim("doorWidth") + 0.4;
            h.porch.doorHeight = t.dim("doorHeight") + 0.3;
            for (const double s : {-1.0, 1.0})
                h.front.push_back(
                    windowAt(s * (0.5 * hallBay + 0.5 * sideBay), 0.6, 1.3, 0.8, h.paints, true));
        } else {
            h.front.push_back(doorAt(0, hallBay - 1.4, std::min(eave - 0.9, 3.0), h.paints));
        }
        placeHall(b, masses, Frame::at(0, y, 0), h, k == 0 ? "entrance-hall" : "hall");
        core.top = std::max(core.top, masses.back().top);
        y += h.depth;
        if (k + 1 == halls)
            break;
        for (const double s : {-1.0, 1.0}) {  // 厢房 flanking the 天井
            HallSpec c = t.hall();
            c.depth = sideBay;
            c.eave = std::max(c.plinth + 2.4, eave - 0.6);
            c.top = c.eave + pitch * 0.5 * sideBay;
            c.front.push_back(doorAt(0, t.dim("doorWidth"), t.dim("doorHeight"), c.paints));
            c.width = court;
            c.gableWest = c.gableEast = false;
            c.hide = kNegX | kPosX;
            placeHall(b, masses,
                      Frame::at(s * (0.5 * core.width - sideBay), y + 0.5 * court, 0, -s * kPi / 2),
                      c, "side-room");
        }
        y += court;
        eave += t.dim("hallRaise");
    }
    core.depth = y;
    return core;
}

/// x of the inner face of wing p (1-based), counted outwards from the core.
double wingInner(const TypologyContext& t, const Core& core, int p) {
    return 0.5 * core.width + p * t.dim("wingGap") + (p - 1) * t.dim("wingDepth");
}

Result<BuildingMesh> buildHallsAndWings(const TypologyContext& t, int rings) {
    const int halls = t.count("halls"), wings = t.count("wings");
    if (wings % 2 != 0)
        return t.error("dimensions.wings",
                       "is " + std::to_string(wings) + "; 横屋 come in pairs, so it must be even");
    if (rings > wings / 2)
        return t.error("dimensions.rings", "is " + std::to_string(rings) +
                                               "; each 围龙 ring joins a pair of 横屋, "
                                               "so at most wings / 2 = " +
                                               std::to_string(wings / 2));
    MeshBuilder b(t.partId());
    std::vector<Mass> masses;
    const double eave = t.dim("eaveHeight"), pitch = std::tan(t.dim("roofPitch") * kDegree);
    const Core core = addHalls(t, b, masses, halls, eave);
    const double wingDepth = t.dim("wingDepth"), roomWidth = t.dim("roomWidth");
    const double yBack = core.depth + t.dim("backYard");
    const double rise = rings > 0 ? t.dim("huataiRise") : 0;
    // 横屋: rows along the axis, gable ends towards the 禾坪; the outer pairs carry the rings.
    for (int p = 1; p <= wings / 2; ++p) {
        const bool carriesRing = p > wings / 2 - rings;
        for (const double s : {-1.0, 1.0}) {
            HallSpec h = t.hall();
            h.depth = wingDepth;
            h.eave = eave - 0.3;
            h.top = h.eave + pitch * 0.5 * wingDepth;
            h.width = yBack;
            const int rooms = std::max(1, static_cast<int>(yBack / roomWidth));
            roomOpenings(h, rooms, t);
            placeSideRow(b, masses, h, s, wingInner(t, core, p), 0, yBack, true, !carriesRing,
                         "wing", rooms);
        }
    }
    // 围龙: half-ellipses behind, each joining the back ends of one pair of 横屋.
    const double outerX = wings > 0 ? wingInner(t, core, wings / 2) + wingDepth : 0.5 * core.width;
    double innerRingY = 0, innerRingX = 0;
    for (int k = 1; k <= rings; ++k) {
        const int p = wings / 2 - rings + k;
        const double rx = wingInner(t, core, p) + 0.5 * wingDepth;
        if (k == 1) {
            innerRingX = rx;
            innerRingY = std::max(t.dim("ringAspect") * rx, core.depth - yBack + wingDepth + 6);
        }
        const double ry = innerRingY + (rx - innerRingX);
        const double arc = 0.5 * kPi * (rx + ry);  // half an ellipse's perimeter, nearly
        const int rooms = std::max(5, static_cast<int>(arc / roomWidth) | 1);
        RowSpec r;
        r.centre = arcPoints(0, yBack, rx, ry, 0, kPi, rooms);
        r.startDirection = V2{0, 1};  // the ellipse's own tangents: flush with the 横屋 ends
        r.endDirection = V2{0, -1};
        for (const V2& c : r.centre)
            r.base.push_back(rise * std::max(0.0, (c.v - yBack) / ry));
        r.depth = wingDepth;
        r.eave = eave - 0.3;
        r.top = r.eave + pitch * 0.5 * wingDepth;
        r.overhangOuter = r.overhangInner = t.dim("roofOverhang");
        r.thickness = t.dim("roofThickness");
        r.sag = t.dim("roofSag");
        r.plinth = t.dim("plinthHeight");
        r.foundation = t.dim("foundationDepth");
        r.wallBase = r.wallTop = t.dim("wallThickness");
        r.rooms = rooms;
        r.doorWidth = t.dim("doorWidth");
        r.doorHeight = t.dim("doorHeight");
        r.firstOuterWindowStorey = 1;
        r.tileSpacing = t.dim("tileRowSpacing");
        r.ridge = t.ridge(t.option("ridge"));
        r.paints = t.hallPaints();
        r.outerWall = t.paint("wall", PartKind::Walls);
        r.innerWall = t.paint("frontWall", PartKind::Walls);
        addRow(b, r);
        Mass m;
        m.role = "weilong";
        for (const V2& q : rowOutline(r))
            m.footprint.push_back({q.u, q.v});
        m.eave = r.eave;
        m.top = rise + r.top + r.ridge.capHeight;
        m.rooms = rooms;
        m.wallBase = m.wallTop = r.wallBase;
        masses.push_back(m);
        if (k != 1)
            continue;
        // 龙厅: the middle room of the inner ring stands a little taller, facing the halls.
        HallSpec h = t.hall();
        h.width = t.dim("hallBay");
        h.depth = wingDepth + 0.4;
        h.eave = r.eave + 0.5;
        h.top = r.top + 0.8;
        h.front.push_back(doorAt(0, t.dim("doorWidth") + 0.3, t.dim("doorHeight") + 0.2, h.paints));
        h.hide = kPosY;
        placeHall(b, masses, Frame::at(0, yBack + ry - 0.5 * h.depth, rise), h, "longting");
    }
    std::vector<GroundFeature> ground;
    if (rings > 0) {
        const double gap = 1.5;
        ground.push_back(huatai(t, yBack, innerRingX - 0.5 * wingDepth - gap,
                                innerRingY - 0.5 * wingDepth - gap, rise));
    }
    // Gate walls closing the lanes between the rows at the front.
    b.setFrame({});
    const HallPaints c = t.hallPaints();
    for (int p = 1; p <= wings / 2; ++p) {
        for (const double s : {-1.0, 1.0}) {
            const double x0 = p == 1 ? 0.5 * core.width : wingInner(t, core, p - 1) + wingDepth;
            const double x1 = wingInner(t, core, p);
            const double lo = s > 0 ? x0 : -x1, hi = s > 0 ? x1 : -x0;
            const double z0 = t.dim("plinthHeight"), z1 = eave - 0.8;
            const double dw = std::min(1.2, 0.5 * (hi - lo));
            const PanelOpening door = doorAt(0.5 * (hi - lo), dw, 2.2, c, 0.12);
            const PanelOpening back = doorAt(0.5 * (hi - lo), dw, 2.2, c, 0.1);
            b.addPanel({{lo, 0.3, z0}, {hi, 0.3, z0}, {hi, 0.3, z1}, {lo, 0.3, z1}, {0, -1, 0}},
                       {door}, c.frontWall.as(PartKind::Walls));
            b.addPanel({{hi, 0.6, z0}, {lo, 0.6, z0}, {lo, 0.6, z1}, {hi, 0.6, z1}, {0, 1, 0}},
                       {back}, c.frontWall.as(PartKind::Walls));
            b.addBox({lo, 0.3, z1}, {hi, 0.6, z1 + 0.2}, kNegY | kPosZ | kPosY,
                     c.fascia.as(PartKind::Walls));
        }
    }
    // In front: the 禾坪, a low 照墙 and the 半月池 (radius about half the façade).
    const double fc = t.dim("forecourtDepth");
    if (fc > 0)
        ground.push_back(forecourt(t, -outerX, -fc, outerX, 0));
    const double pond = t.dim("pondRadiusRatio") * 2 * outerX;  // a share of the façade width
    if (pond > 1) {
        ground.push_back(halfMoonPond(t, 0, -fc - 0.6, pond));
        b.addBox({-pond, -fc - 0.6, 0}, {pond, -fc - 0.3, 1.1}, kAllFaces & ~kNegZ,
                 c.frontWall.as(PartKind::Walls));
    }
    return finish(b, masses, std::move(ground));
}

Result<BuildingMesh> buildTanghengwu(const TypologyContext& t) {
    return buildHallsAndWings(t, 0);
}

Result<BuildingMesh> buildWeilongwu(const TypologyContext& t) {
    return buildHallsAndWings(t, t.count("rings"));
}

// ---- 四角楼 ------------------------------------------------------------------------------

Result<BuildingMesh> buildSijiaolou(const TypologyContext& t) {
    MeshBuilder b(t.partId());
    std::vector<Mass> masses;
    const double eave = t.dim("eaveHeight"), pitch = std::tan(t.dim("roofPitch") * kDegree);
    const Core core = addHalls(t, b, masses, t.count("halls"), eave);
    const double lane = t.dim("wingGap"), depth = t.dim("enclosureDepth");
    const int storeys = t.count("enclosureStoreys");
    const double storeyH = t.dim("storeyHeight");
    // The enclosure's centreline: a rectangle around the halls with a lane inside it.
    const double hx = 0.5 * core.width + lane + 0.5 * depth;
    const double y0 = -0.5 * depth - t.dim("frontYard"), y1 = core.depth + lane + 0.5 * depth;
    const int perSide = std::max(2, static_cast<int>((2 * hx) / t.dim("roomWidth")));
    const int perDepth = std::max(2, static_cast<int>((y1 - y0) / t.dim("roomWidth")));
    RowSpec r;
    const V2 corners[4] = {{-hx, y0}, {hx, y0}, {hx, y1}, {-hx, y1}};
    for (int side = 0; side < 4; ++side) {
        const V2 a = corners[side], c = corners[(side + 1) % 4];
        const int n = side % 2 == 0 ? perSide : perDepth;
        for (int i = 0; i < n; ++i)
            r.centre.push_back({a.u + (c.u - a.u) * i / n, a.v + (c.v - a.v) * i / n});
    }
    r.closed = true;
    r.depth = depth;
    r.storeys = storeys;
    r.storeyHeight = storeyH;
    r.eave = t.dim("plinthHeight") + storeys * storeyH;
    r.top = r.eave + pitch * 0.5 * depth;
    r.overhangOuter = 0.3;
    r.overhangInner = t.dim("roofOverhang");
    r.thickness = t.dim("roofThickness");
    r.sag = t.dim("roofSag");
    r.plinth = t.dim("plinthHeight");
    r.foundation = t.dim("foundationDepth");
    r.wallBase = r.wallTop = t.dim("wallThickness");
    r.rooms = 2 * (perSide + perDepth);
    r.doorWidth = t.dim("doorWidth");
    r.doorHeight = t.dim("doorHeight");
    r.firstOuterWindowStorey = 2;
    r.gateRooms = {perSide / 2};
    r.galleries = storeys > 1;
    r.tileSpacing = t.dim("tileRowSpacing");
    r.ridge = t.ridge(t.option("ridge"));
    r.paints = t.hallPaints();
    r.outerWall = t.paint("wall", PartKind::Walls);
    r.innerWall = t.paint("frontWall", PartKind::Walls);
    r.gallery = t.paint("gallery", PartKind::Walls);
    addRow(b, r);
    Mass m;
    m.role = "enclosure";
    for (const V2& q : rowOutline(r))
        m.footprint.push_back({q.u, q.v});
    m.eave = r.eave;
    m.top = r.top + r.ridge.capHeight;
    m.storeys = storeys;
    m.rooms = r.rooms;
    m.wallBase = m.wallTop = r.wallBase;
    masses.push_back(m);
    // Corner towers (角楼), one storey above the tallest hall's ridge.
    const double size = t.dim("towerSize");
    HallSpec tower = t.hall();
    tower.width = tower.depth = size;
    tower.eave = std::max(core.top, m.top) + storeyH;
    tower.top = tower.eave + pitch * 0.5 * size;
    tower.roof = t.roofForm(t.option("towerRoof"));
    tower.overhangFront = tower.overhangBack = tower.overhangSide = 0.6;
    const int towerStoreys = static_cast<int>(tower.eave / storeyH);
    for (const auto& face : {&tower.front, &tower.back, &tower.west, &tower.east}) {
        const double along = face == &tower.front || face == &tower.back ? 0.0 : 0.5 * size;
        for (int f = 1; f < towerStoreys; ++f)
            face->push_back(windowAt(along, 0.35, f * storeyH + 0.8, 0.7, tower.paints, true));
    }
    for (const V2& c : corners) {
        placeHall(b, masses, Frame::at(c.u, c.v - 0.5 * size, 0), tower, "tower", towerStoreys);
    }
    std::vector<GroundFeature> ground;
    const double fc = t.dim("forecourtDepth"), front = y0 - 0.5 * depth;
    if (fc > 0)
        ground.push_back(forecourt(t, -hx - 0.5 * depth, front - fc, hx + 0.5 * depth, front));
    const double pond = t.dim("pondRadiusRatio") * 2 * (hx + 0.5 * depth);  // share of the façade
    if (pond > 1)
        ground.push_back(halfMoonPond(t, 0, front - fc - 0.6, pond));
    return finish(b, masses, std::move(ground));
}

// ---- 土楼 --------------------------------------------------------------------------------

RowSpec tulouRing(const TypologyContext& t, int storeys, double storeyH, double depth) {
    RowSpec r;
    r.closed = true;
    r.depth = depth;
    r.storeys = storeys;
    r.storeyHeight = storeyH;
    r.plinth = t.dim("plinthHeight");
    r.eave = storeys * storeyH;
    r.top = r.eave + std::tan(t.dim("roofPitch") * kDegree) * 0.5 * depth;
    r.overhangOuter = t.dim("roofOverhang");
    r.overhangInner = t.dim("roofOverhang");
    r.thickness = t.dim("roofThickness");
    r.sag = t.dim("roofSag");
    r.foundation = t.dim("foundationDepth");
    r.wallBase = r.wallTop = t.dim("wallThickness");
    r.doorWidth = t.dim("doorWidth");
    r.doorHeight = t.dim("doorHeight");
    r.galleries = storeys > 1;
    r.tileSpacing = t.dim("tileRowSpacing");
    r.ridge = t.ridge(t.option("ridge"));
    r.paints = t.hallPaints();
    r.outerWall = t.paint("wall", PartKind::Walls);
    r.innerWall = t.paint("frontWall", PartKind::Walls);
    r.gallery = t.paint("gallery", PartKind::Walls);
    return r;
}

/// A ring's centreline, counter-clockwise, room 0 centred on the front (-Y) where the gate
/// passes through every ring. Gate rooms are widened, if need be, so the gate fits in the
/// room's middle segment at the outer face; the other rooms share what is left.
std::vector<V2> ringCentreline(double radius, double faceRadius, int rooms, int perRoom,
                               const std::vector<int>& gateRooms, double gateWidth) {
    const double uniform = 2 * kPi / rooms;
    const double side = perRoom == 1 ? 0.0 : uniform / (2 * perRoom);
    const double middle = std::max((gateWidth + 0.8) / faceRadius, uniform / perRoom);
    double gateAngle = std::max(uniform, middle + 2 * side);
    const int gates = static_cast<int>(gateRooms.size());
    double normal = gates < rooms ? (2 * kPi - gates * gateAngle) / (rooms - gates) : uniform;
    if (normal < 0.5 * uniform) {  // no room for wide gates: keep the rooms even
        gateAngle = normal = uniform;
    }
    std::vector<double> steps;
    for (int j = 0; j < rooms; ++j) {
        const bool gate = std::find(gateRooms.begin(), gateRooms.end(), j) != gateRooms.end();
        const double room = gate ? gateAngle : normal;
        if (perRoom == 1) {
            steps.push_back(room);
        } else if (gate) {
            const double s = 0.5 * (room - std::max(middle, room - 2 * side));
            steps.push_back(s);
            for (int i = 0; i < perRoom - 2; ++i)
                steps.push_back((room - 2 * s) / (perRoom - 2));
            steps.push_back(s);
        } else {
            for (int i = 0; i < perRoom; ++i)
                steps.push_back(room / perRoom);
        }
    }
    double a = -0.5 * kPi - 0.5 * (gateRooms.empty() || gateRooms[0] != 0 ? normal : gateAngle);
    std::vector<V2> out;
    for (const double step : steps) {
        out.push_back({radius * std::cos(a), radius * std::sin(a)});
        a += step;
    }
    return out;
}

Mass ringMass(const RowSpec& r, const std::string& role) {
    Mass m;
    m.role = role;
    for (const V2& q : rowOutline(r))
        m.footprint.push_back({q.u, q.v});
    m.eave = r.eave;
    m.top = r.top + r.ridge.capHeight;
    m.storeys = r.storeys;
    m.rooms = r.rooms;
    m.wallBase = r.wallBase;
    m.wallTop = r.wallTop;
    return m;
}

Result<BuildingMesh> buildTulouRound(const TypologyContext& t) {
    const int rings = t.count("rings");
    const int outerStoreys = t.count("ring1Storeys");
    const double storeyH = t.dim("height") / outerStoreys;
    MeshBuilder b(t.partId());
    std::vector<Mass> masses;
    // Rings are numbered from the outside in; radii are laid out from the courtyard out.
    double radius = t.dim("courtyardRadius");
    for (int k = rings; k >= 1; --k) {
        const std::string n = "ring" + std::to_string(k);
        const int rooms = t.count(n + "Rooms"), storeys = t.count(n + "Storeys");
        const double depth = t.dim(n + "Depth");
        RowSpec r = tulouRing(t, storeys, storeyH, depth);
        const double centre = radius + 0.5 * depth;
        r.rooms = rooms;
        r.segmentsPerRoom = rooms >= 40 ? 1 : 3;
        const int gates = t.count("gates");
        for (int g = 0; g < gates; ++g)
            r.gateRooms.push_back(g * rooms / gates);
        if (k == 1) {
            // The outer ring: the rammed-earth shell, thick at the foot and leaning in.
            r.wallBase = t.dim("wallBase");
            r.wallTop = t.dim("wallTop");
            r.eave = t.dim("height");
            r.top = r.eave +
                    std::tan(t.dim("roofPitch") * kDegree) * 0.5 * (depth - r.wallBase + r.wallTop);
            r.firstOuterWindowStorey = t.count("groundFloorWindows") > 0 ? 1 : 2;
            r.gateWidth = t.dim("gateWidth");
            r.gateHeight = t.dim("gateHeight");
        } else {
            r.firstOuterWindowStorey = 1;
            r.gateWidth = 1.6;
            r.gateHeight = std::min(2.6, r.eave - r.plinth - 0.4);
        }
        r.centre = ringCentreline(centre, centre + 0.5 * depth, rooms, r.segmentsPerRoom,
                                  r.gateRooms, r.gateWidth);
        addRow(b, r);
        masses.push_back(ringMass(r, "ring"));
        radius += depth + t.dim("ringGap");
    }
    std::reverse(masses.begin(), masses.end());  // ring 1 (outer) first
    return finish(b, masses, {});
}

Result<BuildingMesh> buildTulouSquare(const TypologyContext& t) {
    const int storeys = t.count("storeys"), perSide = t.count("roomsPerSide");
    const double depth = t.dim("depth"), half = 0.5 * t.dim("side") - 0.5 * depth;
    MeshBuilder b(t.partId());
    std::vector<Mass> masses;
    RowSpec r = tulouRing(t, storeys, t.dim("height") / storeys, depth);
    const V2 corners[4] = {{-half, -half}, {half, -half}, {half, half}, {-half, half}};
    for (int side = 0; side < 4; ++side) {
        const V2 a = corners[side], c = corners[(side + 1) % 4];
        for (int i = 0; i < perSide; ++i)
            r.centre.push_back({a.u + (c.u - a.u) * i / perSide, a.v + (c.v - a.v) * i / perSide});
    }
    r.rooms = 4 * perSide;
    r.wallBase = t.dim("wallBase");
    r.wallTop = t.dim("wallTop");
    r.eave = t.dim("height");
    r.firstOuterWindowStorey = t.count("groundFloorWindows") > 0 ? 1 : 2;
    r.gateWidth = t.dim("gateWidth");
    r.gateHeight = t.dim("gateHeight");
    r.gateRooms = {perSide / 2};
    addRow(b, r);
    masses.push_back(ringMass(r, "ring"));
    if (t.count("centralHall") > 0) {
        // The 祖堂 in the courtyard, facing the gate.
        HallSpec h = t.hall();
        h.width = std::min(12.0, 2 * half - depth - 4);
        h.depth = std::min(7.0, half - 0.5 * depth - 2);
        h.eave = 3.6;
        h.top = h.eave + std::tan(t.dim("roofPitch") * kDegree) * 0.5 * h.depth;
        h.front.push_back(doorAt(0, 1.8, 2.6, h.paints));
        if (h.width > 4 && h.depth > 3)
            placeHall(b, masses, Frame::at(0, half - 0.5 * depth - 1 - h.depth, 0), h, "hall");
    }
    return finish(b, masses, {});
}

std::vector<DimensionSchema> hallDimensions() {
    return {
        {"halls", 1, 5, true},         {"hallBay", 3.0, 8.0},        {"sideBay", 2.5, 6.0},
        {"entranceDepth", 3.0, 10.0},  {"hallDepth", 4.0, 14.0},     {"upperHallDepth", 4.0, 14.0},
        {"courtyardDepth", 2.0, 10.0}, {"eaveHeight", 2.8, 6.0},     {"roofPitch", 15.0, 35.0},
        {"hallRaise", 0.0, 1.5},       {"roomWidth", 2.5, 5.0},      {"wingGap", 1.0, 6.0},
        {"forecourtDepth", 0.0, 40.0}, {"pondRadiusRatio", 0.0, 1.0}};
}

std::vector<DimensionSchema> plus(std::vector<DimensionSchema> a, std::vector<DimensionSchema> b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

std::vector<DimensionSchema> tulouDimensions() {
    std::vector<DimensionSchema> d{{"height", 4.0, 30.0},
                                   {"wallBase", 0.3, 4.0},
                                   {"wallTop", 0.3, 4.0},
                                   {"gates", 1, 4, true},
                                   {"groundFloorWindows", 0, 1, true},
                                   {"gateWidth", 1.0, 4.0},
                                   {"gateHeight", 2.0, 5.0},
                                   {"roofPitch", 10.0, 35.0}};
    return d;
}

}  // namespace

std::vector<GeneratorInfo> hakkaGenerators() {
    std::vector<DimensionSchema> ringDims;
    ringDims.push_back({"rings", 1, 4, true});
    ringDims.push_back({"courtyardRadius", 3.0, 40.0});
    ringDims.push_back({"ringGap", 0.5, 10.0});
    for (int k = 1; k <= 4; ++k) {
        const std::string n = "ring" + std::to_string(k);
        // Rings past `rings` are not read; optional so a one-ring 土楼 need not list them.
        ringDims.push_back({n + "Rooms", 8, 300, true, k == 1, 24});
        ringDims.push_back({n + "Storeys", 1, 6, true, k == 1, 1});
        ringDims.push_back({n + "Depth", 2.0, 12.0, false, k == 1, 4.0});
    }
    return {
        {"tanghengwu",
         withCommon(
             plus(hallDimensions(),
                  {{"wings", 0, 10, true}, {"wingDepth", 3.0, 7.0}, {"backYard", 0.5, 10.0}})),
         {kGable, kRidge},
         buildTanghengwu},
        {"weilongwu",
         withCommon(plus(hallDimensions(), {{"wings", 2, 10, true},
                                            {"wingDepth", 3.0, 7.0},
                                            {"backYard", 0.5, 10.0},
                                            {"rings", 1, 5, true},
                                            {"ringAspect", 0.3, 1.5},
                                            {"huataiRise", 0.0, 3.0}})),
         {kGable, kRidge},
         buildWeilongwu},
        {"sijiaolou",
         withCommon(plus(hallDimensions(), {{"enclosureDepth", 3.0, 8.0},
                                            {"enclosureStoreys", 1, 4, true},
                                            {"storeyHeight", 2.6, 4.0},
                                            {"frontYard", 0.0, 20.0},
                                            {"towerSize", 3.0, 9.0}})),
         {kGable, kRidge, {"towerRoof", OptionDomain::Roofs, {}}},
         buildSijiaolou},
        {"tulou-round",
         withCommon(plus(tulouDimensions(), ringDims)),
         {kGable, kRidge},
         buildTulouRound},
        {"tulou-square",
         withCommon(plus(tulouDimensions(), {{"side", 15.0, 80.0},
                                             {"depth", 3.0, 12.0},
                                             {"storeys", 1, 6, true},
                                             {"roomsPerSide", 3, 40, true},
                                             {"centralHall", 0, 1, true}})),
         {kGable, kRidge},
         buildTulouSquare},
    };
}

}  // namespace cunjing::architecture
