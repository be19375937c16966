#pragma once
/// Surfaces for a village plan's ground areas (a shared 禾坪, the village's 风水塘), drawn by
/// the scene on the levelled ground. A building's own forecourt and pond come with its mesh.

#include <cunjing/architecture/BuildingMesh.h>
#include <cunjing/geo/Mesh.h>

#include <vector>

namespace cunjing::architecture {

struct GroundSurfaceColors {
    geo::Rgba forecourt{0.72f, 0.69f, 0.63f, 1};  ///< granite and lime-sand paving
    geo::Rgba water{0.26f, 0.40f, 0.38f, 1};      ///< a still green village pond
    geo::Rgba bank{0.55f, 0.53f, 0.49f, 1};       ///< the pond's stone kerb
    geo::Rgba turf{0.40f, 0.52f, 0.28f, 1};       ///< 化胎 grass
    geo::Rgba lane{0.60f, 0.58f, 0.54f, 1};
};

/// The surface of one area with its outline (3+ points, simple, either orientation) at z = 0:
/// paving a little above the ground for forecourts and lanes; for ponds, water at waterDepth
/// below 0 with a kerb wall up to the ground. Empty when the outline is not a simple polygon.
geo::Mesh groundSurface(GroundKind kind, const std::vector<Point2>& outline,
                        const GroundSurfaceColors& colors = {}, double waterDepth = 0.6,
                        std::uint32_t partId = 0);

}  // namespace cunjing::architecture
