// The street layout (圩镇街道): two rows facing across a straight street, a 骑楼 row on one
// side and a mixed row of 骑楼, 自建房, 竹筒屋 and 三间两廊 on the other, each building in a
// seeded "messy current state" (domain.md §4), the 三线 wires on poles along the kerb.
#include "VillageSupport.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace cunjing::architecture::village {

namespace {

std::string decimal(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", std::round(v * 10) / 10);
    return buf;
}

bool chance(std::mt19937& rng, double p) {
    return unit(rng) < p;
}

/// One of `ids` by weight.
std::string weighted(std::mt19937& rng, std::initializer_list<std::pair<const char*, double>> ids) {
    double total = 0;
    for (const auto& [id, w] : ids)
        total += w;
    double pick = unit(rng) * total;
    for (const auto& [id, w] : ids) {
        if (pick < w)
            return id;
        pick -= w;
    }
    return ids.begin()->first;
}

/// The current condition of one building, drawn from the seed; only what is on is written,
/// so the params field stays short and a tidy building has none.
ParamOverrides messyCondition(std::mt19937& rng, const std::string& typology) {
    ParamOverrides p;
    const bool modern = typology == "nongfang", shop = typology == "qilou";
    const bool flat = modern || shop;
    std::string finish = "original";
    if (shop)
        finish = weighted(rng, {{"original", 4}, {"paint", 2.5}, {"tile", 2}, {"plaster", 1.5}});
    else if (modern)
        finish =
            weighted(rng, {{"original", 3.5}, {"bare-brick", 4}, {"paint", 1.5}, {"plaster", 1}});
    if (finish != "original")
        p.emplace_back("facade_finish", finish);
    const double fade = modern ? 0.5 * unit(rng) : 0.2 + 0.6 * unit(rng);
    if (fade >= 0.1)
        p.emplace_back("paint_fade", decimal(fade));
    const int ac = static_cast<int>(unit(rng) * (flat ? 5 : 2)) + (flat ? 1 : 0);
    if (ac > 0)
        p.emplace_back("ac_units", std::to_string(ac));
    if (chance(rng, modern ? 0.7 : shop ? 0.5 : 0.35))
        p.emplace_back("window_cages", "true");
    const int signs = shop ? 1 + static_cast<int>(3 * unit(rng)) : chance(rng, 0.4) ? 1 : 0;
    if (signs > 0)
        p.emplace_back("signboards", std::to_string(signs));
    if (flat && chance(rng, 0.35))
        p.emplace_back("rooftop_shed", "true");
    const double a = unit(rng);
    if (flat && a < 0.15)
        p.emplace_back("additions", "extra-storey");
    else if (!shop && a > 0.75)
        p.emplace_back("additions", "lean-to");
    return p;
}

const char* displayName(const std::string& typology) {
    if (typology == "qilou")
        return "骑楼";
    if (typology == "nongfang")
        return "自建房";
    if (typology == "zhutongwu")
        return "竹筒屋";
    return "三间两廊";
}

struct Row {
    char side;       ///< 'a': the 骑楼 row, fronts looking -y; 'b': the mixed row, looking +y
    double frontY;   ///< the façade line in the street frame
    bool arcadeRow;  ///< a 骑楼 row with the odd rebuilt plot
};

}  // namespace

Result<VillageLayoutResult> generateStreet(const VillageLayoutOptions& o,
                                           const std::vector<Style>& styles,
                                           const FacingChoice& facing) {
    auto found = requireStyle(styles, "guangfu",
                              {"qilou", "nongfang", "zhutongwu", "sanjian-lianglang", "dianxian"});
    if (!found)
        return Result<VillageLayoutResult>::failure(found.errors());
    const Style& style = *found.value();
    const double length = o.streetLength, width = o.streetWidth;
    const double heading = headingForFacing(facing.facingDeg);
    const Placement street{0, 0, heading};  // the street frame: along x, row a on +y
    std::mt19937 rng(o.seed ^ 0x51EE7u);
    VillageLayoutResult out;
    out.facing = facing;
    for (const Row row : {Row{'a', 0.5 * width, true}, Row{'b', -0.5 * width, false}}) {
        const bool a = row.side == 'a';
        const double rowHeading = a ? heading : heading + 180;
        const double rowFacing = std::fmod(facing.facingDeg + (a ? 0 : 180), 360.0);
        double cursor = -0.5 * length;
        std::string previous;
        for (int n = 1; cursor < 0.5 * length - 3; ++n) {
            const std::string typology = row.arcadeRow
                                             ? (chance(rng, 0.15) ? "nongfang" : "qilou")
                                             : weighted(rng, {{"qilou", 3.5},
                                                              {"nongfang", 3.5},
                                                              {"zhutongwu", 1.5},
                                                              {"sanjian-lianglang", 1.5}});
            ParamOverrides set;
            if (typology == "qilou")
                set.emplace_back("bays", std::to_string(2 + static_cast<int>(3 * unit(rng))));
            for (auto& kv : messyCondition(rng, typology))
                set.push_back(std::move(kv));
            const std::uint32_t seed = o.seed * 1000u + (a ? 0u : 500u) + static_cast<unsigned>(n);
            auto probe = generateBuilding(style, typology, set, seed, 0);
            if (!probe)
                return Result<VillageLayoutResult>::failure(probe.errors());
            const LocalBox box = massBounds(probe.value());
            // Shophouses share party walls; anything else stands off by a narrow 巷.
            const double gap =
                n == 1 || (typology == "qilou" && previous == "qilou") ? 0 : 0.6 + unit(rng);
            cursor += gap;
            if (cursor + (box.x1 - box.x0) > 0.5 * length + 2)
                break;
            const Point2 origin = a ? Point2{cursor - box.x0, row.frontY - box.y0}
                                    : Point2{cursor + box.x1, row.frontY + box.y0};
            const Point2 at = placeAt(street, origin);
            char id[32];
            std::snprintf(id, sizeof id, "street-%c-%02d", row.side, n);
            auto placed =
                placeBuilding(style, typology, set, seed, Placement{at.x, at.y, rowHeading},
                              rowFacing, id, displayName(typology));
            if (!placed)
                return Result<VillageLayoutResult>::failure(placed.errors());
            out.plan.buildings.push_back(std::move(placed->footprint));
            cursor += box.x1 - box.x0;
            previous = typology;
        }
    }
    // 三线: poles on the mixed row's kerb, drops reaching across to the 骑楼 row.
    const double kerb = 1.6;
    const ParamOverrides wires{{"length", decimal(length - 4)},
                               {"crossReach", decimal(width - kerb)}};
    const Point2 poles = placeAt(street, Point2{0, -0.5 * width + kerb});
    auto line =
        placeBuilding(style, "dianxian", wires, o.seed, Placement{poles.x, poles.y, heading + 180},
                      std::fmod(facing.facingDeg + 180, 360.0), "street-wires", "三线");
    if (!line)
        return Result<VillageLayoutResult>::failure(line.errors());
    out.plan.buildings.push_back(std::move(line->footprint));
    GroundArea road{
        GroundKind::Lane,
        placeAt(street, rectangle(-0.5 * length, -0.5 * width, 0.5 * length, 0.5 * width)),
        std::nullopt};
    road.z = meanGround(o.ground, road.outline);
    out.plan.ground.push_back(std::move(road));
    return out;
}

}  // namespace cunjing::architecture::village
