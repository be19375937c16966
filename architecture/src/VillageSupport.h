#pragma once
// Shared pieces of the village layout generators (VillageLayouts.h): placing generated
// buildings, simple ground outlines and seeded numbers.

#include <cunjing/architecture/Building.h>
#include <cunjing/architecture/VillageLayouts.h>

#include <random>
#include <string>
#include <vector>

namespace cunjing::architecture::village {

/// A placement as a function: local building (or layout) coordinates to plan coordinates.
Point2 placeAt(const Placement& p, Point2 local);
std::vector<Point2> placeAt(const Placement& p, const std::vector<Point2>& local);

/// Counter-clockwise rectangle.
std::vector<Point2> rectangle(double x0, double y0, double x1, double y1);
/// Half-moon (半月) outline, counter-clockwise: the straight edge on y = yEdge from
/// cx - radius to cx + radius, the arc bulging towards -y.
std::vector<Point2> halfMoon(double cx, double yEdge, double radius, int segments = 24);

/// Uniform in [0, 1) from the raw engine, the same on every standard library.
double unit(std::mt19937& rng);

/// The style with this id holding all these typologies, or an error naming what is missing.
Result<const Style*> requireStyle(const std::vector<Style>& styles, const std::string& id,
                                  const std::vector<std::string>& typologies);

/// A building generated and placed: its footprint for the plan and its mesh for measuring.
struct PlacedBuilding {
    BuildingFootprint footprint;
    BuildingMesh mesh;
};

/// Generates style/typology with overrides and seed, placed at `at` facing `facingDeg`
/// (at.headingDeg must be headingForFacing(facingDeg)).
Result<PlacedBuilding> placeBuilding(const Style& style, const std::string& typology,
                                     const ParamOverrides& overrides, std::uint32_t seed,
                                     const Placement& at, double facingDeg, std::string id,
                                     std::string name);

/// Mean ground height over an outline (its vertices and centroid), nullopt without samples.
std::optional<double> meanGround(const GroundSampler& ground, const std::vector<Point2>& ring);

/// Adds the level forecourt and the pond below it with their heights from the ground (when
/// known): the pond's water a metre below the forecourt.
void addForecourtAndPond(VillagePlan& plan, std::vector<Point2> forecourt, std::vector<Point2> pond,
                         const GroundSampler& ground);

Result<VillageLayoutResult> generateStreet(const VillageLayoutOptions& options,
                                           const std::vector<Style>& styles,
                                           const FacingChoice& facing);

Result<VillageLayoutResult> generateComb(const VillageLayoutOptions& options,
                                         const std::vector<Style>& styles,
                                         const FacingChoice& facing);

}  // namespace cunjing::architecture::village
