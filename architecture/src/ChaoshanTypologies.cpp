// 潮汕 plan grammars: 下山虎 (three bays and two 伸手房 round a 天井), 四点金 (front and back
// rows whose four corner gables are the "four points of gold") and 驷马拖车 (an axial
// ancestral hall with four 四点金 beside it across 火巷 lanes). 五行 gables, 嵌瓷 ridges,
// 贝灰 walls under a black eave line.
#include "Generators.h"
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

/// Service rows keep a plain ridge: 嵌瓷 is for the halls and the main rows.
void plainRidge(HallSpec& h) {
    h.detail.ridge.kind = OrnamentKind::Plain;
    h.detail.ridge.ends = RidgeEnd::None;
}

double pitchOf(const TypologyContext& t) {
    return std::tan(t.dim("roofPitch") * kDegree);
}

/// A 伸手房 or 厝手房: a hall turned to run along the axis beside a courtyard, its front
/// towards the axis; a gable at its front end only when frontGable.
void placeSideRoom(const TypologyContext& t, MeshBuilder& b, std::vector<Mass>& masses,
                   const Frame& f, double side, double xInner, double y0, double y1, double depth,
                   double eave, bool frontGable) {
    HallSpec h = t.hall();
    h.width = y1 - y0;
    h.depth = depth;
    h.eave = eave;
    h.top = eave + pitchOf(t) * 0.5 * depth;
    const bool east = side > 0;
    h.gableEast = east && frontGable;
    h.gableWest = !east && frontGable;
    h.hide = east ? kNegX : kPosX;  // the back end abuts the main row
    if (!frontGable)
        h.hide = kNegX | kPosX;
    h.front.push_back(doorAt(0, t.dim("doorWidth"), t.dim("doorHeight"), h.paints));
    plainRidge(h);
    placeHall(b, masses, f.then(Frame::at(side * xInner, 0.5 * (y0 + y1), 0, -side * kPi / 2)), h,
              "side-room");
}

/// The 凹肚门楼 entrance: a porch whose walls carry coloured panels.
void entrancePorch(const TypologyContext& t, HallSpec& h, double width) {
    h.porch.width = width;
    h.porch.depth = t.dim("porchDepth");
    h.porch.columns = 0;
    h.porch.doorWidth = t.dim("doorWidth");
    h.porch.doorHeight = t.dim("doorHeight");
    h.porch.recessWall = t.paint("doorFrame", PartKind::Walls);
    h.porch.panels = t.paints("gableBand", PartKind::Ornaments);
}

double addSidianjin(const TypologyContext& t, MeshBuilder& b, std::vector<Mass>& masses,
                    const Frame& f) {
    const double hallBay = t.dim("hallBay"), sideBay = t.dim("sideBay");
    const double w = hallBay + 2 * sideBay, court = t.dim("courtyardDepth");
    const double eave = t.dim("eaveHeight"), side = t.dim("sideRoomWidth");
    HallSpec front = t.hall();
    front.width = w;
    front.depth = t.dim("frontDepth");
    front.eave = eave;
    front.top = eave + pitchOf(t) * 0.5 * front.depth;
    entrancePorch(t, front, hallBay);
    front.back.push_back(doorAt(0, hallBay - 1.6, t.dim("doorHeight"), front.paints));
    placeHall(b, masses, f, front, "front-row");
    const double y = front.depth;
    for (const double s : {-1.0, 1.0})
        placeSideRoom(t, b, masses, f, s, 0.5 * w - side, y, y + court, side, eave - 0.5, false);
    b.setFrame(f);
    b.addBox({-0.5 * w + side, y, -1}, {0.5 * w - side, y + court, t.dim("plinthHeight")}, kPosZ,
             t.paint("courtyard", PartKind::Plinth));
    HallSpec back = t.hall();
    back.width = w;
    back.depth = t.dim("backDepth");
    back.eave = eave + t.dim("backRaise");
    back.top = back.eave + pitchOf(t) * 0.5 * back.depth;
    back.front.push_back(doorAt(0, hallBay - 1.0, std::min(back.eave - 1.0, 3.2), back.paints));
    for (const double s : {-1.0, 1.0})
        back.front.push_back(doorAt(s * (0.5 * hallBay + 0.5 * sideBay), 1.0, 2.2, back.paints));
    placeHall(b, masses, f.then(Frame::at(0, y + court, 0)), back, "back-row");
    return y + court + back.depth;
}

Result<BuildingMesh> buildXiashanhu(const TypologyContext& t) {
    const double hallBay = t.dim("hallBay"), sideBay = t.dim("sideBay");
    const double w = hallBay + 2 * sideBay, court = t.dim("courtyardDepth");
    const double wing = t.dim("wingWidth"), wall = t.dim("wallThickness");
    MeshBuilder b(t.partId());
    std::vector<Mass> masses;
    HallSpec main = t.hall();
    main.width = w;
    main.depth = t.dim("mainDepth");
    main.eave = t.dim("eaveHeight");
    main.top = t.dim("ridgeHeight");
    main.front.push_back(doorAt(0, hallBay - 1.6, std::min(main.eave - 1.0, 3.0), main.paints));
    for (const double s : {-1.0, 1.0})
        main.front.push_back(
            windowAt(s * (0.5 * hallBay + 0.5 * sideBay), 0.9, 1.1, 1.2, main.paints));
    placeHall(b, masses, Frame::at(0, court, 0), main, "main-row", 1, 3);
    for (const double s : {-1.0, 1.0}) {
        placeSideRoom(t, b, masses, {}, s, 0.5 * w - wing, 0, court, wing, t.dim("wingEaveHeight"),
                      true);
    }
    // The front wall between the 伸手房, with the doors the option asks for.
    b.setFrame({});
    const HallPaints c = t.hallPaints();
    const double x = 0.5 * w - wing, top = t.dim("frontWallHeight"), plinth = t.dim("plinthHeight");
    const std::string& doors = t.option("doors");
    std::vector<PanelOpening> openings;
    if (doors != "longhu") {
        PanelOpening o = doorAt(x, t.dim("doorWidth"), t.dim("doorHeight"), c, wall - 0.05);
        o.frame = t.paint("gableBand", PartKind::Doors, 1);
        openings.push_back(o);
    }
    if (doors != "central") {
        for (const double s : {-1.0, 1.0})  // 龙虎门: a door either side
            openings.push_back(
                doorAt(x + s * 0.62 * x, 0.9, t.dim("doorHeight") - 0.3, c, wall - 0.05));
    }
    std::sort(openings.begin(), openings.end(),
              [](const PanelOpening& a, const PanelOpening& bb) { return a.u0 < bb.u0; });
    b.addPanel({{-x, 0, plinth}, {x, 0, plinth}, {x, 0, top - 0.3}, {-x, 0, top - 0.3}, {0, -1, 0}},
               openings, c.frontWall.as(PartKind::Walls));
    b.addPanel({{-x, 0, top - 0.3}, {x, 0, top - 0.3}, {x, 0, top}, {-x, 0, top}, {0, -1, 0}}, {},
               c.band.as(PartKind::Walls));
    b.addBox({-x, 0, -1}, {x, wall, plinth}, kNegY | kPosZ, c.plinth.as(PartKind::Plinth));
    b.addBox({-x, 0, plinth}, {x, wall, top}, kPosY | kPosZ, c.frontWall.as(PartKind::Walls));
    // 嵌瓷 panels either side of the gate: the colour of a Chaoshan house is at its door.
    if (doors != "longhu") {
        const double half = 0.5 * t.dim("doorWidth") + 0.25;
        for (const double s : {-1.0, 1.0}) {
            const double x0 = s * half, x1 = s * (half + 0.8);
            b.addQuad({x0, -0.02, 1.2}, {x1, -0.02, 1.2}, {x1, -0.02, 2.4}, {x0, -0.02, 2.4},
                      {0, -1, 0}, t.paint("gableBand", PartKind::Ornaments, 2));
        }
        b.addQuad({-half, -0.02, t.dim("doorHeight") + 0.5},
                  {half, -0.02, t.dim("doorHeight") + 0.5}, {half, -0.02, top - 0.45},
                  {-half, -0.02, top - 0.45}, {0, -1, 0},
                  t.paint("gableBand", PartKind::Ornaments, 0));
    }
    std::vector<GroundFeature> ground;
    if (t.dim("forecourtDepth") > 0)
        ground.push_back(forecourt(t, -0.5 * w, -t.dim("forecourtDepth"), 0.5 * w, 0));
    return finish(b, masses, std::move(ground));
}

Result<BuildingMesh> buildSidianjin(const TypologyContext& t) {
    MeshBuilder b(t.partId());
    std::vector<Mass> masses;
    addSidianjin(t, b, masses, {});
    std::vector<GroundFeature> ground;
    const double w = t.dim("hallBay") + 2 * t.dim("sideBay");
    if (t.dim("forecourtDepth") > 0)
        ground.push_back(forecourt(t, -0.5 * w, -t.dim("forecourtDepth"), 0.5 * w, 0));
    return finish(b, masses, std::move(ground));
}

/// The "cart": an ancestral hall of two or three 进 on the axis, 火 gables, 歇山 main hall.
double addAxialHall(const TypologyContext& t, MeshBuilder& b, std::vector<Mass>& masses) {
    const double hallBay = t.dim("hallBay"), sideBay = t.dim("sideBay");
    const double w = hallBay + 2 * sideBay, court = t.dim("courtyardDepth");
    const int jin = t.count("hallJin");
    double y = 0, eave = t.dim("eaveHeight") + 0.4;
    for (int k = 0; k < jin; ++k) {
        HallSpec h = t.hall();
        h.gable = t.gable(t.option("hallGable"));
        h.width = w;
        h.depth = k == 0 ? t.dim("frontDepth") : (k == 1 ? t.dim("hallDepth") : t.dim("backDepth"));
        h.eave = eave;
        h.top = eave + pitchOf(t) * 0.5 * h.depth;
        if (k == 0) {
            entrancePorch(t, h, hallBay);
            h.porch.columns = 2;
        } else {
            h.porch.width = hallBay;
            h.porch.depth = std::min(1.8, 0.3 * h.depth);
            h.porch.columns = 4;
            h.porch.doorWidth = hallBay - 1.0;
            h.porch.doorHeight = std::min(eave - 1.0, 3.4);
        }
        if (k == 1)
            h.roof = t.roofForm(t.option("hallRoof"));
        placeHall(b, masses, Frame::at(0, y, 0), h, k == 0 ? "gate-hall" : "ancestral-hall");
        y += h.depth;
        if (k + 1 == jin)
            break;
        for (const double s : {-1.0, 1.0})
            placeSideRoom(t, b, masses, {}, s, 0.5 * w - sideBay, y, y + court, sideBay, eave - 0.8,
                          false);
        y += court;
        eave += t.dim("backRaise");
    }
    return y;
}

Result<BuildingMesh> buildSimaTuoche(const TypologyContext& t) {
    MeshBuilder b(t.partId());
    std::vector<Mass> masses;
    const double w = t.dim("hallBay") + 2 * t.dim("sideBay"), lane = t.dim("laneWidth");
    const double cartDepth = addAxialHall(t, b, masses);
    // The four horses: 四点金 beside the hall, front and back, across the 火巷.
    double horseDepth = 0;
    for (const double s : {-1.0, 1.0}) {
        const double x = s * (w + lane);
        const double d = addSidianjin(t, b, masses, Frame::at(x, 0, 0));
        addSidianjin(t, b, masses, Frame::at(x, d + lane, 0));
        horseDepth = 2 * d + lane;
    }
    const double depth = std::max(cartDepth, horseDepth);
    // 从厝: long side rows beyond a second lane, gable ends to the front; 后包 across the back.
    const double rowDepth = t.dim("sideRowDepth");
    const double xRow = 1.5 * w + 2 * lane;
    if (t.count("sideRows") > 0) {
        for (const double s : {-1.0, 1.0}) {
            HallSpec h = t.hall();
            h.width = depth;
            h.depth = rowDepth;
            h.eave = t.dim("eaveHeight") - 0.4;
            h.top = h.eave + pitchOf(t) * 0.5 * rowDepth;
            const int rooms = std::max(2, static_cast<int>(depth / 3.6));
            for (int i = 0; i < rooms; ++i) {
                const double u = -0.5 * depth + (i + 0.5) * depth / rooms;
                h.front.push_back(doorAt(u, t.dim("doorWidth"), t.dim("doorHeight"), h.paints));
            }
            h.gableEast = s > 0;
            h.gableWest = s < 0;
            plainRidge(h);
            h.hide = s > 0 ? kNegX : kPosX;
            placeHall(b, masses, Frame::at(s * xRow, 0.5 * depth, 0, -s * kPi / 2), h, "side-row");
        }
    }
    const double half = xRow + rowDepth;
    if (t.count("backRow") > 0) {
        HallSpec h = t.hall();
        h.width = 2 * half;
        h.depth = rowDepth;
        h.eave = t.dim("eaveHeight") - 0.4;
        h.top = h.eave + pitchOf(t) * 0.5 * rowDepth;
        const int rooms = std::max(2, static_cast<int>(h.width / 3.6));
        for (int i = 0; i < rooms; ++i) {
            const double u = -0.5 * h.width + (i + 0.5) * h.width / rooms;
            h.front.push_back(doorAt(u, t.dim("doorWidth"), t.dim("doorHeight"), h.paints));
        }
        plainRidge(h);
        placeHall(b, masses, Frame::at(0, depth + lane, 0), h, "back-row");
    }
    std::vector<GroundFeature> ground;
    const double fc = t.dim("forecourtDepth");
    if (fc > 0)
        ground.push_back(forecourt(t, -half, -fc, half, 0));
    const double pond = t.dim("pondRadiusRatio") * 2 * half;
    if (pond > 1)
        ground.push_back(halfMoonPond(t, 0, -fc - 0.6, pond));
    return finish(b, masses, std::move(ground));
}

std::vector<DimensionSchema> sidianjinDimensions() {
    return {{"hallBay", 3.0, 7.0},    {"sideBay", 2.5, 6.0},         {"frontDepth", 4.0, 10.0},
            {"backDepth", 5.0, 12.0}, {"courtyardDepth", 3.0, 10.0}, {"sideRoomWidth", 2.0, 5.0},
            {"eaveHeight", 3.0, 6.0}, {"backRaise", 0.0, 1.5},       {"roofPitch", 18.0, 35.0},
            {"porchDepth", 0.6, 3.0}, {"forecourtDepth", 0.0, 40.0}};
}

}  // namespace

std::vector<GeneratorInfo> chaoshanGenerators() {
    std::vector<DimensionSchema> sima = sidianjinDimensions();
    for (DimensionSchema d : std::initializer_list<DimensionSchema>{{"hallJin", 2, 3, true},
                                                                    {"hallDepth", 6.0, 16.0},
                                                                    {"laneWidth", 1.0, 4.0},
                                                                    {"sideRowDepth", 3.0, 6.0},
                                                                    {"sideRows", 0, 1, true},
                                                                    {"backRow", 0, 1, true},
                                                                    {"pondRadiusRatio", 0.0, 1.0}})
        sima.push_back(d);
    return {
        {"xiashanhu",
         withCommon({{"hallBay", 3.0, 7.0},
                     {"sideBay", 2.5, 6.0},
                     {"mainDepth", 5.0, 12.0},
                     {"courtyardDepth", 2.5, 8.0},
                     {"wingWidth", 2.5, 5.0},
                     {"eaveHeight", 3.0, 6.0},
                     {"ridgeHeight", 4.5, 9.0},
                     {"wingEaveHeight", 2.5, 5.0},
                     {"frontWallHeight", 2.5, 5.0},
                     {"roofPitch", 18.0, 35.0},
                     {"porchDepth", 0.6, 3.0},
                     {"forecourtDepth", 0.0, 40.0}}),
         {kGable, kRidge, {"doors", OptionDomain::Fixed, {"central", "longhu", "both"}}},
         buildXiashanhu},
        {"sidianjin", withCommon(sidianjinDimensions()), {kGable, kRidge}, buildSidianjin},
        {"sima-tuoche",
         withCommon(sima),
         {kGable,
          kRidge,
          {"hallGable", OptionDomain::Gables, {}},
          {"hallRoof", OptionDomain::Roofs, {}}},
         buildSimaTuoche},
    };
}

}  // namespace cunjing::architecture
