// The 梳式布局 comb village as a plan: layoutComb places the columns of 三间两廊, the 祠堂 takes
// a slot in the front row between them, and the 禾坪, the half-moon 风水塘 and the entrance
// banyan go in front. The layout frame is CombLayout.h's (houses face -y, front row on y = 0);
// at the end it is centred on the site and turned to the chosen facing.

#include "VillageSupport.h"

#include <cunjing/architecture/CombLayout.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

namespace cunjing::architecture::village {

namespace {

constexpr double kMinForecourtDepth = 12;  // 禾坪 depth in front of the houses [E]

/// A column of houses (or the 祠堂's slot) as the lanes see it: its east-west extent and how
/// deep it reaches.
struct Slot {
    double west = 0, east = 0, back = 0;
};

/// Every house gets the same plan dimensions (seeded once for the village), so the columns
/// line up with lanes of one width: comb villages are rows of identical houses. Heights,
/// gables and ridges still vary with each house's own seed.
Result<ParamOverrides> pinnedPlan(const Style& style, std::uint32_t seed,
                                  SanjianLianglangParams& house) {
    auto r = resolveTypology(style, "sanjian-lianglang", {}, seed);
    if (!r)
        return Result<ParamOverrides>::failure(r.errors());
    const TypologySpec& spec = *r->spec;
    ParamOverrides pinned;
    for (auto [key, field] : std::initializer_list<std::pair<const char*, double*>>{
             {"hallBay", &house.hallBay},
             {"sideBay", &house.sideBay},
             {"mainDepth", &house.mainDepth},
             {"courtyardDepth", &house.courtyardDepth},
             {"wingDepth", &house.wingDepth},
             {"roofOverhang", &house.roofOverhang}}) {
        const auto value = r->dimensions.find(key);
        const auto range = spec.dimensions.find(key);
        if (value == r->dimensions.end() || range == spec.dimensions.end())
            continue;
        // Two decimals, kept inside the style's range, and read back: the plan file holds
        // the text, and the layout must use the very numbers the scene will build from.
        const double v =
            std::clamp(std::round(value->second * 100) / 100, range->second.min, range->second.max);
        char text[32];
        std::snprintf(text, sizeof text, "%.2f", v);
        pinned.emplace_back(key, text);
        *field = std::stod(text);
    }
    return pinned;
}

std::string houseId(const PlacedHouse& h) {
    return "house-" + std::to_string(h.column + 1) + "-" + std::to_string(h.row + 1) +
           (h.params.entrance == EntranceSide::West ? "-w" : "-e");
}

const char* entranceName(EntranceSide side) {
    switch (side) {
        case EntranceSide::West:
            return "west";
        case EntranceSide::East:
            return "east";
        case EntranceSide::Front:
            break;
    }
    return "front";
}

std::vector<Slot> columnSlots(const std::vector<PlacedHouse>& houses, const LocalBox& box,
                              int columns) {
    std::vector<Slot> slots(static_cast<std::size_t>(columns), Slot{1e300, -1e300, -1e300});
    for (const PlacedHouse& h : houses) {
        Slot& s = slots[static_cast<std::size_t>(h.column)];
        s.west = std::min(s.west, h.x + box.x0);
        s.east = std::max(s.east, h.x + box.x1);
        s.back = std::max(s.back, h.y + box.y1);
    }
    return slots;
}

/// How far in front of the front row the 祠堂's own forecourt reaches (0 without one).
double citangForecourtDepth(const BuildingMesh& citang, double frontOffset) {
    double depth = 0;
    for (const GroundFeature& g : citang.ground) {
        if (g.kind != GroundKind::Forecourt)
            continue;
        for (const Point2& p : g.outline)
            depth = std::max(depth, -(p.y + frontOffset));
    }
    return depth;
}

}  // namespace

Result<VillageLayoutResult> generateComb(const VillageLayoutOptions& o,
                                         const std::vector<Style>& styles,
                                         const FacingChoice& facing) {
    using R = Result<VillageLayoutResult>;
    auto styleOk = requireStyle(styles, "guangfu", {"sanjian-lianglang", "citang"});
    if (!styleOk)
        return R::failure(styleOk.errors());
    const Style& style = *styleOk.value();

    CombLayoutParams p;
    p.columns = o.columns;
    p.housesPerColumn = o.depth;
    p.housesPerRow = 2;
    p.laneWidth = o.laneWidth;
    p.seed = o.seed;
    // Ragged backs only where a column stays 4 or more deep after losing two houses.
    p.backRaggedness = o.depth >= 6 ? 0.5 : 0.0;
    auto pinned = pinnedPlan(style, o.seed, p.house);
    if (!pinned)
        return R::failure(pinned.errors());
    auto houses = layoutComb(p);
    if (!houses)
        return R::failure(houses.errors());

    std::mt19937 rng(o.seed);
    const std::uint32_t citangSeed = rng();
    auto citang = generateBuilding(style, "citang", {}, citangSeed, 0);
    auto probe = generateBuilding(style, "sanjian-lianglang", pinned.value(), o.seed, 0);
    if (!citang || !probe)
        return R::failure(!citang ? citang.errors() : probe.errors());
    const LocalBox hb = massBounds(probe.value()), cb = massBounds(citang.value());
    const Footprint size = footprintOf(p.house);
    if (std::abs(hb.x1 - hb.x0 - size.width) > 1e-6 || std::abs(hb.y1 - hb.y0 - size.depth) > 1e-6)
        return Error{"", "comb layout",
                     "the comb layout and the 三间两廊 generator disagree on the house size; "
                     "please report this"};

    // The 祠堂 stands in the front row, in a slot between the western and eastern columns.
    const int westColumn = o.columns / 2 - 1;
    std::vector<Slot> slots = columnSlots(houses.value(), hb, o.columns);
    const double shift = (cb.x1 - cb.x0) + o.laneWidth;
    const Point2 citangAt{slots[static_cast<std::size_t>(westColumn)].east + o.laneWidth - cb.x0,
                          -cb.y0};
    for (PlacedHouse& h : houses.value()) {
        if (h.column > westColumn)
            h.x += shift;
    }
    slots = columnSlots(houses.value(), hb, o.columns);
    slots.push_back({citangAt.x + cb.x0, citangAt.x + cb.x1, citangAt.y + cb.y1});
    std::sort(slots.begin(), slots.end(),
              [](const Slot& a, const Slot& b) { return a.west < b.west; });

    double minX = 1e300, maxX = -1e300, maxY = 0;
    for (const Slot& s : slots) {
        minX = std::min(minX, s.west);
        maxX = std::max(maxX, s.east);
        maxY = std::max(maxY, s.back);
    }
    // Layout frame -> plan: the middle of the village on the site, turned to the facing.
    const double heading = headingForFacing(facing.facingDeg);
    const Point2 centre{0.5 * (minX + maxX), 0.5 * maxY};
    const Point2 offset = placeAt(Placement{0, 0, heading}, Point2{-centre.x, -centre.y});
    const Placement toPlan{offset.x, offset.y, heading};
    auto placed = [&](Point2 layoutAt) {
        const Point2 q = placeAt(toPlan, layoutAt);
        return Placement{q.x, q.y, heading};
    };

    VillageLayoutResult out;
    out.facing = facing;
    auto hall = placeBuilding(style, "citang", {}, citangSeed, placed(citangAt), facing.facingDeg,
                              "citang", "祠堂");
    if (!hall)
        return R::failure(hall.errors());
    out.plan.buildings.push_back(hall->footprint);
    for (const PlacedHouse& h : houses.value()) {
        ParamOverrides overrides = pinned.value();
        overrides.emplace_back("entrance", entranceName(h.params.entrance));
        auto house = placeBuilding(style, "sanjian-lianglang", overrides, rng(), placed({h.x, h.y}),
                                   facing.facingDeg, houseId(h), "");
        if (!house)
            return R::failure(house.errors());
        out.plan.buildings.push_back(std::move(house->footprint));
    }
    // Lanes between neighbouring columns, as deep as the shorter of the two.
    for (std::size_t i = 1; i < slots.size(); ++i) {
        const Slot &a = slots[i - 1], &b = slots[i];
        out.plan.ground.push_back(
            {GroundKind::Lane,
             placeAt(toPlan, rectangle(a.east, 0, b.west, std::min(a.back, b.back))),
             std::nullopt});
    }
    // 禾坪 across the whole front (at least as deep as the 祠堂's own), the 风水塘 beyond it.
    const double yard =
        std::max(kMinForecourtDepth, citangForecourtDepth(citang.value(), citangAt.y));
    const double pondRadius = std::clamp(0.4 * (maxX - minX), 12.0, 45.0);
    addForecourtAndPond(out.plan, placeAt(toPlan, rectangle(minX - 2, -yard, maxX + 2, 0)),
                        placeAt(toPlan, halfMoon(centre.x, -yard - 1.5, pondRadius)), o.ground);
    // The banyan (榕树) stands at the village entrance: the east end of the 禾坪.
    PlannedTree banyan;
    banyan.at = placeAt(toPlan, Point2{maxX + 6, -0.5 * yard});
    banyan.species = "榕树 Ficus microcarpa";
    banyan.heightM = 16;
    banyan.crownM = 20;
    out.plan.trees.push_back(banyan);
    return out;
}

}  // namespace cunjing::architecture::village
