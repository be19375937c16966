#pragma once
/// Vector files (GeoJSON, GeoPackage, Shapefile) as plain data: polygon and point features with
/// their attributes, transformed into a target CRS on reading; layers written to a GeoPackage
/// through a temporary file, so a reader never sees a half-written one. GDAL/OGR stays in
/// the .cpp.

#include <cunjing/geo/Crs.h>
#include <cunjing/geo/Result.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace cunjing::geo {

struct Point2d {
    double x = 0, y = 0;
};

/// A ring as stored, without the repeated closing point; orientation as in the file.
using Ring = std::vector<Point2d>;

struct Polygon {
    Ring outer;
    std::vector<Ring> holes;
};

/// An attribute: unset/null, integer, real or text.
using FieldValue = std::variant<std::monostate, std::int64_t, double, std::string>;

struct Field {
    std::string name;
    FieldValue value;
};

struct VectorFeature {
    std::int64_t fid = -1;  ///< the file's feature id; -1 when it has none
    long row = 0;           ///< 1-based position in the layer, for messages
    /// OGR's name of the geometry as read ("POLYGON", "MULTIPOLYGON", "POINT", "LINESTRING"),
    /// empty when the feature has none; callers decide which they accept.
    std::string geometryType;
    std::vector<Polygon> polygons;  ///< Polygon or MultiPolygon parts, in the target CRS
    std::optional<Point2d> point;   ///< Point (or the single point of a MultiPoint)
    std::vector<Field> fields;      ///< every field of the layer, in its order

    /// The field named so (case-insensitive), or nullptr when the layer has no such field.
    const FieldValue* field(std::string_view name) const;
    /// "feature 3 (FID 7)": how messages name this feature.
    std::string where() const;
};

/// Text of a value as a user would read it: integers without decimals, reals shortest.
std::string fieldText(const FieldValue& value);

struct VectorLayer {
    std::string name;
    std::string sourceCrs;  ///< short name of the layer's own CRS (or the default used)
    std::vector<std::string> fieldNames;
    std::vector<VectorFeature> features;
};

struct VectorReadOptions {
    /// CRS of layers that carry none ("EPSG:n" or WKT); empty: such a layer is an error.
    std::string defaultCrs;
};

/// Reads every layer of a GeoJSON, GeoPackage or Shapefile (no other driver, never VRT),
/// transformed into `target`. Errors name the file, the layer and the feature: file not
/// found or not a vector format we read, a layer without a CRS and no default, a point that
/// cannot be transformed (every such feature is listed).
Result<std::vector<VectorLayer>> readVectorFile(const std::string& path, const Crs& target,
                                                const VectorReadOptions& options = {});

enum class FieldType { String, Integer, Real };

struct FieldDefinition {
    std::string name;
    FieldType type = FieldType::String;
};

enum class LayerGeometry { Polygon, Point };

/// A layer to write. Each feature's fields are matched to `fields` by name; a field a
/// feature leaves out (or gives as std::monostate) is written as null.
struct VectorLayerToWrite {
    std::string name;
    LayerGeometry geometry = LayerGeometry::Polygon;
    std::vector<FieldDefinition> fields;
    std::vector<VectorFeature> features;  ///< polygons[0] (Polygon) or point (Point) is written
};

/// Writes the layers to a GeoPackage at `path`, replacing it only once all is written: the
/// data goes to a temporary file in the same folder, renamed over `path` at the end and
/// removed on any failure. `crs` is every layer's CRS (nullopt: none recorded). Errors name
/// the file, the layer and the feature.
Status writeGeoPackage(const std::string& path, const std::vector<VectorLayerToWrite>& layers,
                       const std::optional<Crs>& crs);

}  // namespace cunjing::geo
