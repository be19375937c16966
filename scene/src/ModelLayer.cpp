// Placement of imported models: units, up axis, scale, heading and position in one matrix,
// the footprint and the ground under it (see ModelLayer.h for the conventions).

#include <cunjing/scene/ModelLayer.h>

#include <cunjing/geo/Crs.h>
#include <cunjing/models/Import.h>
#include <cunjing/scene/SceneData.h>
#include <cunjing/terrain/Flatten.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace cunjing::scene {

namespace {

using Point = std::array<double, 2>;
using Linear = std::array<double, 9>;  ///< 3x3, row-major: out[i] = sum_j a[3i + j] in[j]

/// Registers and IFC sites give lon/lat in CGCS2000, which WGS84 matches to a few centimetres.
constexpr const char* kGeographic = "EPSG:4490";

Linear multiply(const Linear& a, const Linear& b) {
    Linear out{};
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            for (int k = 0; k < 3; ++k)
                out[3 * i + j] += a[3 * i + k] * b[3 * k + j];
    return out;
}

/// Units and scale, then the up axis: a Y-up file's (x, y, z) becomes (x, -z, y).
Linear fileToZUp(char up, double metresPerUnit) {
    const double s = metresPerUnit;
    if (up == 'y')
        return {s, 0, 0, 0, 0, -s, 0, s, 0};
    return {s, 0, 0, 0, s, 0, 0, 0, s};
}

/// Clockwise seen from above by a compass heading: +Y (north) turns to bearing `deg`.
Linear headingTurn(double deg) {
    const double a = deg * std::numbers::pi / 180.0;
    const double c = std::cos(a), s = std::sin(a);
    return {c, s, 0, -s, c, 0, 0, 0, 1};
}

std::array<double, 3> apply(const Linear& a, const models::Vec3& p) {
    return {a[0] * p[0] + a[1] * p[1] + a[2] * p[2], a[3] * p[0] + a[4] * p[1] + a[5] * p[2],
            a[6] * p[0] + a[7] * p[1] + a[8] * p[2]};
}

double cross(const Point& o, const Point& a, const Point& b) {
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/// Andrew's monotone chain: the convex hull, counter-clockwise, without collinear points.
std::vector<Point> convexHull(std::vector<Point> points) {
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end()), points.end());
    if (points.size() < 3)
        return points;
    std::vector<Point> hull(2 * points.size());
    std::size_t k = 0;
    for (const Point& p : points) {
        while (k >= 2 && cross(hull[k - 2], hull[k - 1], p) <= 0)
            --k;
        hull[k++] = p;
    }
    for (std::size_t i = points.size() - 1, lower = k + 1; i-- > 0;) {
        while (k >= lower && cross(hull[k - 2], hull[k - 1], points[i]) <= 0)
            --k;
        hull[k++] = points[i];
    }
    hull.resize(k - 1);
    return hull;
}

/// Where the model's origin goes, in the working CRS (x, y) with z as given, and the extra
/// heading of a file's true north.
struct Anchor {
    double x = 0, y = 0, z = 0;
    double extraHeadingDeg = 0;
    bool georeferenced = false;
};

Result<Anchor> anchorOf(const ModelDescription& d, const models::ImportedModel& model,
                        const SceneData& data) {
    const std::string file = data.description.file.string();
    Anchor a;
    std::string from;
    if (d.position) {
        a.x = (*d.position)[0], a.y = (*d.position)[1], a.z = (*d.position)[2];
        from = d.crs;
    } else if (model.georeference) {
        const models::Georeference& g = *model.georeference;
        a.x = g.longitude, a.y = g.latitude, a.z = g.elevation;
        a.extraHeadingDeg = g.trueNorthDeg;
        a.georeferenced = true;
        from = kGeographic;
    } else {
        return Error{file, d.jsonPath,
                     d.path.filename().string() +
                         " carries no georeference, so the entry needs a position: add "
                         "\"position\": [x, y, z] in the scene's CRS (" +
                         data.description.crs + "), or [lon, lat, h] with \"crs\": \"EPSG:4490\""};
    }
    if (from.empty() || from == data.description.crs)
        return a;
    auto source = geo::Crs::fromUserString(from);
    auto working = geo::Crs::fromUserString(data.description.crs);
    if (!source || !working)
        return Error{file, d.jsonPath, "unknown CRS '" + from + "'"};
    auto transform = geo::Transform::create(source.value(), working.value());
    if (!transform || !transform->apply(a.x, a.y)) {
        return Error{file, d.jsonPath + (a.georeferenced ? "" : ".position"),
                     (a.georeferenced ? "the file's georeference" : "the position") +
                         std::string(" cannot be transformed from ") + from +
                         " into the scene's CRS " + data.description.crs};
    }
    return a;
}

bool insidePolygon(const std::vector<Point>& polygon, double x, double y) {
    return terrain::distanceToPolygon(polygon, x, y) <= 0.0;
}

/// The lowest ground (exaggerated, as drawn) under a footprint: its corners, its centre and a
/// grid inside it at about the terrain's spacing.
double lowestGroundUnder(const SceneData& data, const std::vector<Point>& footprint) {
    double low = std::numeric_limits<double>::infinity();
    double minX = 1e300, minY = 1e300, maxX = -1e300, maxY = -1e300, cx = 0, cy = 0;
    for (const Point& p : footprint) {
        low = std::min(low, data.groundHeight(p[0], p[1]));
        minX = std::min(minX, p[0]), maxX = std::max(maxX, p[0]);
        minY = std::min(minY, p[1]), maxY = std::max(maxY, p[1]);
        cx += p[0] / double(footprint.size()), cy += p[1] / double(footprint.size());
    }
    low = std::min(low, data.groundHeight(cx, cy));
    const double cell = data.terrain ? std::min(data.terrain->dx, data.terrain->dy) : 1.0;
    const double step = std::max({cell, (maxX - minX) / 64.0, (maxY - minY) / 64.0, 1e-3});
    for (double y = minY; y <= maxY; y += step) {
        for (double x = minX; x <= maxX; x += step) {
            if (footprint.size() >= 3 && insidePolygon(footprint, x, y))
                low = std::min(low, data.groundHeight(x, y));
        }
    }
    return low;
}

/// The height of the model's lowest point: on the (levelled or lowest) ground plus z, or z
/// itself. Sets model.platform when the ground under it is to be levelled.
double baseHeight(SceneModel& m, const Anchor& anchor, const SceneData& data) {
    const ModelDescription& d = m.description;
    if (d.clamp == ModelDescription::Clamp::Absolute)
        return std::numeric_limits<double>::quiet_NaN();
    const double above = anchor.georeferenced ? 0.0 : anchor.z;
    const bool level = d.flatten && data.terrain && !data.terrainTiles && m.footprint.size() >= 3;
    if (!level)
        return lowestGroundUnder(data, m.footprint) + above;
    std::vector<Point> outline = m.footprint;
    for (Point& p : outline)
        p = {p[0] + data.originX, p[1] + data.originY};
    m.platform = terrain::meanGroundUnder(*data.terrain, outline);
    return *m.platform * data.exaggeration() + above;
}

}  // namespace

Result<SceneModel> placeSceneModel(const ModelDescription& description, models::ImportedModel model,
                                   const SceneData& data) {
    const std::string file = data.description.file.string();
    if (model.triangleCount() == 0) {
        return Error{file, description.jsonPath,
                     description.path.string() + ": the model has no triangles to draw"};
    }
    auto anchor = anchorOf(description, model, data);
    if (!anchor)
        return Result<SceneModel>::failure(anchor.errors());

    SceneModel m;
    m.description = description;
    m.model = std::move(model);
    m.stats = models::checkModel(m.model);
    const double units = description.unitScale.value_or(m.model.unitScale.value_or(1.0));
    const char up = description.upAxis.value_or(m.model.upAxis);
    const Linear linear = multiply(headingTurn(description.headingDeg + anchor->extraHeadingDeg),
                                   fileToZUp(up, units * description.scale));

    // Footprint and lowest point of the model turned and scaled, before it is moved.
    std::vector<Point> xy;
    double lowest = std::numeric_limits<double>::infinity();
    for (const models::MeshPart& part : m.model.meshes) {
        for (const models::Vec3& p : part.positions) {
            const auto q = apply(linear, p);
            xy.push_back({q[0], q[1]});
            lowest = std::min(lowest, q[2]);
        }
    }
    const double tx = anchor->x - data.originX, ty = anchor->y - data.originY;
    m.footprint = convexHull(std::move(xy));
    for (Point& p : m.footprint)
        p = {p[0] + tx, p[1] + ty};
    const double base = baseHeight(m, anchor.value(), data);
    const double tz = std::isnan(base) ? anchor->z * data.exaggeration() : base - lowest;

    m.toLocal = {linear[0], linear[3], linear[6], 0, linear[1], linear[4], linear[7], 0,
                 linear[2], linear[5], linear[8], 0, tx,        ty,        tz,        1};
    for (const models::MeshPart& part : m.model.meshes) {
        for (const models::Vec3& p : part.positions) {
            const auto q = apply(linear, p);
            m.localBounds.expand({float(q[0] + tx), float(q[1] + ty), float(q[2] + tz)});
        }
    }
    Result<SceneModel> out(std::move(m));
    for (const std::string& w : out->model.warnings)
        out.addWarning({file, description.jsonPath, description.path.string() + ": " + w});
    return out;
}

Result<SceneModel> placeImportedModel(const ModelDescription& description,
                                      Result<models::ImportedModel> imported,
                                      const SceneData& data) {
    if (!imported) {
        const Error& e = imported.errors().front();
        return Error{
            data.description.file.string(), description.jsonPath,
            e.file.empty() ? description.path.string() + ": " + e.toString() : e.toString()};
    }
    auto placed = placeSceneModel(description, std::move(imported.value()), data);
    placed.addWarnings(imported.warnings());
    return placed;
}

Result<SceneModel> loadSceneModel(const ModelDescription& description, const SceneData& data) {
    return placeImportedModel(description, models::importModel(description.path), data);
}

void levelGroundUnderModels(SceneData& data) {
    if (!data.terrain || data.terrainTiles)
        return;
    terrain::Heightfield& field = *data.terrain;
    const double cell = std::hypot(field.dx, field.dy);
    std::vector<terrain::Footprint> level;
    for (const SceneModel& m : data.models) {
        if (!m.platform || m.footprint.size() < 3)
            continue;
        terrain::Footprint f;
        for (const Point& p : m.footprint)
            f.outline.push_back({p[0] + data.originX, p[1] + data.originY});
        f.height = m.platform;
        f.margin = cell;
        level.push_back(std::move(f));
    }
    if (!level.empty())
        terrain::flattenUnder(field, level, std::max(4.0, 2.0 * cell));
}

}  // namespace cunjing::scene
