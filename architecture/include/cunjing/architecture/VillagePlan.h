#pragma once
/// A village as editable data: building footprints with their attributes, the ground the
/// village shapes (禾坪, 风水塘, lanes) and its landmark trees. Layout generators write one,
/// users edit it in QGIS as a GeoPackage, and the scene builds every footprint with
/// generateBuilding. Coordinates are in the plan's CRS (projected, metres).

#include <cunjing/architecture/Building.h>
#include <cunjing/architecture/BuildingMesh.h>
#include <cunjing/architecture/Style.h>
#include <cunjing/geo/Crs.h>
#include <cunjing/geo/Result.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cunjing::architecture {

/// One building to generate. Attribute names in files are the lower-case field names below
/// (style, typology, storeys, facing, year, condition, seed, params, name, id).
/// Named BuildingFootprint, not Footprint: LingnanHouse.h already has a Footprint (a house's
/// width and depth) in this namespace, and Building.h includes it.
struct BuildingFootprint {
    std::string id;               ///< unique in the plan ("comb-12"); the row number if absent
    std::string name;             ///< for people, may be empty
    std::vector<Point2> outline;  ///< outer ring, counter-clockwise, 3+ distinct points
    std::string style;            ///< "guangfu", "hakka", "chaoshan"
    std::string typology;         ///< pinyin id, "sanjian-lianglang"
    int storeys = 0;              ///< 0: the typology's default
    double facingDeg = 180;       ///< compass bearing the front door looks to (180 = south)
    std::optional<int> year;      ///< year built
    std::string condition;        ///< good, fair, poor, ruin (free text kept as is)
    std::uint32_t seed = 1;
    ParamOverrides overrides;  ///< "key=value;key=value" in the params field
};

/// Ground a village shapes: a level forecourt, a pond (water at z), a lane.
struct GroundArea {
    GroundKind kind = GroundKind::Forecourt;
    std::vector<Point2> outline;  ///< counter-clockwise
    std::optional<double> z;      ///< surface height; absent: the mean ground under it
};

/// A landmark tree (the banyan at the village entrance), drawn by the scene.
struct PlannedTree {
    Point2 at;
    std::string species;  ///< "榕树 Ficus microcarpa"
    double heightM = 15;
    double crownM = 18;
};

struct VillagePlan {
    std::string crs;  ///< "EPSG:4547"; empty: the scene's working CRS
    std::vector<BuildingFootprint> buildings;
    std::vector<GroundArea> ground;
    std::vector<PlannedTree> trees;
};

/// The building's local frame (BuildingMesh.h: front towards -Y) turned counter-clockwise by
/// headingDeg faces compass bearing facingDeg: heading = 180 - facing.
double headingForFacing(double facingDeg);

/// Where a generated building stands on its footprint: the centre of its masses' bounding
/// box on the footprint's area centroid, turned to face footprint.facingDeg. (x, y) is where
/// the building's local origin goes, in the plan's CRS.
struct Placement {
    double x = 0, y = 0;
    double headingDeg = 0;
};
Placement placeOnFootprint(const BuildingMesh& building, const BuildingFootprint& footprint);

/// Signed area of a ring (positive when counter-clockwise), and its area centroid (the
/// vertex mean for a ring of no area).
double ringArea(const std::vector<Point2>& ring);
Point2 ringCentroid(const std::vector<Point2>& ring);

/// The bounding box of a building's masses in its local frame: xmin, ymin, xmax, ymax.
struct LocalBox {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};
LocalBox massBounds(const BuildingMesh& building);

/// The footprint outline a generated building fills when placed at `at`: its masses'
/// bounding box in the local frame (an oriented rectangle once turned), counter-clockwise.
/// Its area centroid is the box centre, so placeOnFootprint puts the building back at `at`.
std::vector<Point2> footprintOutline(const BuildingMesh& building, const Placement& at);

/// "forecourt", "pond", "huatai", "lane": the ground layer's kind values.
std::string_view groundKindName(GroundKind kind);
std::optional<GroundKind> parseGroundKind(std::string_view name);

/// Moves every coordinate of the plan by (dx, dy): layout generators work around the site
/// at (0, 0), the CLI moves the plan onto the site.
void translatePlan(VillagePlan& plan, double dx, double dy);

/// Reads a plan from a GeoPackage written by writeVillagePlan (layers "buildings", "ground",
/// "trees"), or from any GeoJSON, GeoPackage or Shapefile of building polygons with the
/// attributes above (one layer, any name: buildings only). Coordinates are transformed into
/// `target`; a layer without a CRS (a Shapefile without .prj) is taken to be in `target`.
/// Every problem is reported (file, layer, feature, field, what is allowed), not just the
/// first. Styles and typologies are checked against `styles`.
Result<VillagePlan> readVillagePlan(const std::string& path, const geo::Crs& target,
                                    const std::vector<Style>& styles);
/// The same, checked against the style library (loadStyleLibrary()).
Result<VillagePlan> readVillagePlan(const std::string& path, const geo::Crs& target);

/// Writes the plan as a GeoPackage (layers "buildings", "ground", "trees") in plan.crs (none
/// recorded when empty), through a temporary file renamed into place when complete.
Status writeVillagePlan(const VillagePlan& plan, const std::string& path);

/// The params field: "key=value;key=value" (spaces around parts ignored, empty parts
/// skipped); and back.
Result<ParamOverrides> parseParamsField(std::string_view text);
std::string formatParamsField(const ParamOverrides& overrides);

}  // namespace cunjing::architecture
