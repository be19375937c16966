#pragma once
/// 梳式布局 comb layout: identical 三间两廊 houses in north-south columns like the teeth of a
/// comb, lanes between the columns, the front edge aligned and the back edge ragged.
///
/// Layout frame, metres: houses face -Y; the front row's front edges lie on y = 0, centred on
/// x = 0; columns extend towards +Y; a cross lane runs midway through the depth.

#include <cunjing/architecture/LingnanHouse.h>
#include <cunjing/geo/Mesh.h>
#include <cunjing/geo/Result.h>

#include <cstdint>
#include <vector>

namespace cunjing::architecture {

struct CombLayoutParams {
    int columns = 3;
    int housesPerColumn = 5;      ///< rows deep before raggedness; villages have 4..8
    int housesPerRow = 2;         ///< side by side in a column, party walls touching
    double laneWidth = 1.6;       ///< between columns, the main circulation; 1.2..2.0
    double crossLaneWidth = 2.5;  ///< the lane across the columns midway through the depth
    /// Turns the whole layout counter-clockwise seen from above about the origin;
    /// 0 = houses face -Y (south), 45 = south-east, 90 = east.
    double headingDeg = 0;
    std::uint32_t seed = 1;
    /// Probability that a column is one or two houses shorter at the back.
    double backRaggedness = 0.5;
    /// Largest per-house change of eave and ridge height, metres; results stay within
    /// domain.md's ranges (eave 3.3..4.5, ridge 5.5..7.5, wok-ear rise 1.0..1.8).
    double heightVariation = 0.2;
    SanjianLianglangParams house;
};

struct PlacedHouse {
    double x = 0, y = 0;    ///< centre of the house's front edge, in the layout frame
    double headingDeg = 0;  ///< the house's local frame turned counter-clockwise by this
    std::uint32_t id = 0;   ///< 0..n-1: columns west to east, rows front to back, then west to east
    int column = 0;         ///< 0 = westernmost before turning by headingDeg
    int row = 0;            ///< 0 = front row
    SanjianLianglangParams params;
};

/// Errors name the parameter (Error::where, "house." for the house fields) and its range.
Status validate(const CombLayoutParams& params);

/// Deterministic for a given seed (std::mt19937): the same params give the same village.
Result<std::vector<PlacedHouse>> layoutComb(const CombLayoutParams& params);

/// The house's mesh moved into the layout frame, every partId = house.id.
geo::Mesh generatePlacedHouse(const PlacedHouse& house);

}  // namespace cunjing::architecture
