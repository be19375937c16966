#pragma once
/// Ground flattening: level platforms under building footprints and ponds, with the ground
/// around them blended back into the terrain (平整场地, the platforms village houses and
/// ponds stand on).

#include <cunjing/terrain/Heightfield.h>

#include <array>
#include <optional>
#include <vector>

namespace cunjing::terrain {

/// A polygon to level, in the heightfield's CRS (working CRS metres).
struct Footprint {
    std::vector<std::array<double, 2>> outline;  ///< 3+ vertices, either orientation, open
    /// Platform height in metres; default the mean ground height under the outline.
    std::optional<double> height;
    /// The platform reaches this far beyond the outline (metres), so that a grid coarser
    /// than the footprint still has flat samples under every edge of it.
    double margin = 0;
};

/// Levels the ground under each footprint to its platform height and blends the ground
/// around it back to the original over blendDistance metres (smoothstep: the height and
/// its slope are continuous at the outer edge). Platform heights are taken from the ground
/// before anything is changed, so the order of footprints does not matter; a sample near
/// several footprints follows the nearest (by distance) and blends between them smoothly.
/// Returns the platform height used for each footprint, in order (NaN for a footprint
/// with fewer than 3 vertices, which is ignored).
std::vector<double> flattenUnder(Heightfield& field, const std::vector<Footprint>& footprints,
                                 double blendDistance);

/// The mean ground under an outline: the samples inside it or, where the grid is coarser than
/// the outline, the ground at its corners and centre.
double meanGroundUnder(const Heightfield& field, const std::vector<std::array<double, 2>>& outline);

/// Distance from a point to a polygon's outline; 0 inside.
double distanceToPolygon(const std::vector<std::array<double, 2>>& outline, double x, double y);

}  // namespace cunjing::terrain
