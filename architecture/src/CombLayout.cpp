#include <cunjing/architecture/CombLayout.h>

#include "HouseParams.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <random>
#include <string>

namespace cunjing::architecture {

namespace {

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

void checkRange(std::vector<Error>& errors, const char* name, double value, double lo, double hi) {
    if (!(value >= lo && value <= hi)) {
        errors.push_back({"", name,
                          std::string(name) + " is " + number(value) + "; allowed range is " +
                              number(lo) + ".." + number(hi)});
    }
}

/// Uniform in [0, 1) from the raw engine: std::uniform_real_distribution differs between
/// standard libraries, and the same seed must give the same village everywhere.
double unit(std::mt19937& rng) {
    return rng() / 4294967296.0;
}

double jitter(std::mt19937& rng, double amount) {
    return (2 * unit(rng) - 1) * amount;
}

/// Rows each column keeps: the full depth, or one or two fewer at the back.
std::vector<int> columnLengths(const CombLayoutParams& p, std::mt19937& rng) {
    std::vector<int> rows(static_cast<std::size_t>(p.columns), p.housesPerColumn);
    for (int& r : rows) {
        const bool shorter = unit(rng) < p.backRaggedness;
        const int cut = unit(rng) < 0.5 ? 1 : 2;
        if (shorter)
            r = std::max(1, r - cut);
    }
    return rows;
}

/// Heights vary a little from house to house, as built by different families and years;
/// they stay within domain.md's ranges, or the given value's own where that lies outside.
double varyWithin(std::mt19937& rng, double value, double amount, double lo, double hi) {
    return std::clamp(value + jitter(rng, amount), std::min(lo, value), std::max(hi, value));
}

SanjianLianglangParams varied(const CombLayoutParams& p, std::mt19937& rng) {
    SanjianLianglangParams h = p.house;
    const double a = p.heightVariation;
    const double eave = varyWithin(rng, h.eaveHeight, a, 3.3, 4.5);
    const double ridge = varyWithin(rng, h.ridgeHeight, a, 5.5, 7.5);
    h.wingEaveHeight += eave - h.eaveHeight;
    h.ridgeHeight = std::max(ridge, eave + std::min(1.0, h.ridgeHeight - h.eaveHeight));
    h.eaveHeight = eave;
    h.wokEarRise = varyWithin(rng, h.wokEarRise, a, 1.0, 1.8);
    return sanitized(h);  // a lower eave may need a lower 厅 opening, for instance
}

}  // namespace

Status validate(const CombLayoutParams& p) {
    std::vector<Error> errors;
    checkRange(errors, "columns", p.columns, 1, 100);
    checkRange(errors, "housesPerColumn", p.housesPerColumn, 1, 20);
    checkRange(errors, "housesPerRow", p.housesPerRow, 1, 8);
    checkRange(errors, "laneWidth", p.laneWidth, 0.5, 10);
    checkRange(errors, "crossLaneWidth", p.crossLaneWidth, 0, 20);
    checkRange(errors, "headingDeg", p.headingDeg, -360, 360);
    checkRange(errors, "backRaggedness", p.backRaggedness, 0, 1);
    checkRange(errors, "heightVariation", p.heightVariation, 0, 1);
    const std::vector<Error> house = houseParamErrors(p.house, "house.");
    errors.insert(errors.end(), house.begin(), house.end());
    if (!errors.empty())
        return Status::failure(std::move(errors));
    return Done{};
}

Result<std::vector<PlacedHouse>> layoutComb(const CombLayoutParams& p) {
    if (const Status s = validate(p); !s)
        return Result<std::vector<PlacedHouse>>::failure(s.errors());
    std::mt19937 rng(p.seed);
    const std::vector<int> rows = columnLengths(p, rng);
    const Footprint f = footprintOf(p.house);
    const double columnWidth = p.housesPerRow * f.width;
    const double total = p.columns * columnWidth + (p.columns - 1) * p.laneWidth;
    // Short columns have no cross lane: domain.md's columns are 4..8 houses deep.
    const int crossAfter = p.housesPerColumn >= 4 ? (p.housesPerColumn + 1) / 2 : p.housesPerColumn;
    const double turn = p.headingDeg * std::numbers::pi / 180;
    const double cs = std::cos(turn), sn = std::sin(turn);

    std::vector<PlacedHouse> houses;
    for (int c = 0; c < p.columns; ++c) {
        const double west = -total / 2 + c * (columnWidth + p.laneWidth);
        for (int r = 0; r < rows[static_cast<std::size_t>(c)]; ++r) {
            const double y = r * f.depth + (r >= crossAfter ? p.crossLaneWidth : 0);
            for (int k = 0; k < p.housesPerRow; ++k) {
                PlacedHouse h;
                const double x = west + (k + 0.5) * f.width;
                h.x = x * cs - y * sn;
                h.y = x * sn + y * cs;
                h.headingDeg = p.headingDeg;
                h.id = static_cast<std::uint32_t>(houses.size());
                h.column = c;
                h.row = r;
                h.params = varied(p, rng);
                // Doors open sideways onto the lane; a house between two others uses the front.
                const bool westLane = k == 0, eastLane = k == p.housesPerRow - 1;
                h.params.entrance = eastLane   ? EntranceSide::East
                                    : westLane ? EntranceSide::West
                                               : EntranceSide::Front;
                houses.push_back(h);
            }
        }
    }
    return houses;
}

geo::Mesh generatePlacedHouse(const PlacedHouse& house) {
    geo::Mesh mesh = generateSanjianLianglang(house.params, house.id);
    const double turn = house.headingDeg * std::numbers::pi / 180;
    const auto cs = static_cast<float>(std::cos(turn)), sn = static_cast<float>(std::sin(turn));
    const auto dx = static_cast<float>(house.x), dy = static_cast<float>(house.y);
    for (geo::Vec3f& v : mesh.positions)
        v = {v.x * cs - v.y * sn + dx, v.x * sn + v.y * cs + dy, v.z};
    for (geo::Vec3f& n : mesh.normals)
        n = {n.x * cs - n.y * sn, n.x * sn + n.y * cs, n.z};
    return mesh;
}

}  // namespace cunjing::architecture
