#include <cunjing/scene/ObliqueLayer.h>

#include <cunjing/scene/Shaders.h>

#include <osg/ComputeBoundsVisitor>
#include <osg/MatrixTransform>
#include <osg/PagedLOD>
#include <osgDB/ReadFile>

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

namespace cunjing::scene {

namespace {

constexpr double kPi = 3.14159265358979323846;

/// Tile (x, y) -> working-CRS (x, y): X = x0 + a x + b y, Y = y0 + c x + d y. The linear part
/// is the rotation (meridian convergence) and scale between the two grids at the origin.
struct GridMap {
    double x0 = 0, y0 = 0;
    double a = 1, b = 0, c = 0, d = 1;
};

Error srsError(const ObliqueMetadata& m, const std::string& message) {
    return Error{m.file.string(), "<SRS>", message};
}

/// Transforms points from -> to; each must succeed.
bool transformAll(const geo::Transform& t, std::vector<std::array<double, 2>>& points) {
    for (auto& p : points)
        if (!t.apply(p[0], p[1]))
            return false;
    return true;
}

/// The local linear map from central differences over `h` of the given five points: the
/// origin, then +x, -x, +y, -y (already transformed), for steps of h metres in the tile grid.
GridMap fromDifferences(const std::vector<std::array<double, 2>>& p, double h) {
    GridMap g;
    g.x0 = p[0][0];
    g.y0 = p[0][1];
    g.a = (p[1][0] - p[2][0]) / (2 * h);
    g.c = (p[1][1] - p[2][1]) / (2 * h);
    g.b = (p[3][0] - p[4][0]) / (2 * h);
    g.d = (p[3][1] - p[4][1]) / (2 * h);
    return g;
}

/// SRS projected: SRSOrigin is a point of it and tile x, y run along its grid.
Result<GridMap> projectedGridMap(const ObliqueMetadata& m, const geo::Crs& srs,
                                 const geo::Crs& scene) {
    const double ox = m.srsOrigin[0], oy = m.srsOrigin[1];
    if (srs.sameAs(scene))
        return GridMap{ox, oy, 1, 0, 0, 1};
    auto t = geo::Transform::create(srs, scene);
    if (!t)
        return srsError(m, "no transform from " + srs.shortName() + " to the scene's " +
                               scene.shortName() + ": " + t.firstError());
    // 50 m: the map is exact to well under a millimetre over the steps, and a tile set of a
    // few kilometres stays within centimetres of the true projection away from its origin.
    const double h = 50;
    std::vector<std::array<double, 2>> p{
        {ox, oy}, {ox + h, oy}, {ox - h, oy}, {ox, oy + h}, {ox, oy - h}};
    if (!transformAll(t.value(), p)) {
        return Error{m.file.string(), "<SRSOrigin>",
                     "the origin cannot be transformed from " + srs.shortName() + " to " +
                         scene.shortName() + " (outside the area either CRS is defined for)"};
    }
    return fromDifferences(p, h);
}

/// A local east-north-up plane tangent to the ellipsoid at lat, lon (in `geographic`): steps
/// of metres east and north become longitude and latitude through the radii of curvature
/// (WGS 84's; CGCS2000's differ by 0.1 mm in the semi-minor axis), then go to the scene grid.
/// East and north keep true directions, so the grid's convergence and scale come out here.
/// The plane is not bent to the Earth: 8 cm low at 1 km from the point. `offset`: where tile
/// (0, 0) lies in the plane, metres east and north.
Result<GridMap> enuGridMap(const ObliqueMetadata& m, double lat, double lon,
                           const geo::Crs& geographic, const geo::Crs& scene,
                           std::array<double, 2> offset) {
    auto t = geo::Transform::create(geographic, scene);
    if (!t)
        return srsError(m, "no transform from " + geographic.shortName() + " to the scene's " +
                               scene.shortName() + ": " + t.firstError());
    const double a = 6378137.0, f = 1 / 298.257223563, e2 = f * (2 - f);
    const double phi = lat * kPi / 180, s = std::sin(phi);
    const double w = std::sqrt(1 - e2 * s * s);
    const double meridian = a * (1 - e2) / (w * w * w), primeVertical = a / w;
    const double h = 50;
    const double dLon = h / (primeVertical * std::cos(phi)) * 180 / kPi;
    const double dLat = h / meridian * 180 / kPi;
    std::vector<std::array<double, 2>> p{
        {lon, lat}, {lon + dLon, lat}, {lon - dLon, lat}, {lon, lat + dLat}, {lon, lat - dLat}};
    if (!transformAll(t.value(), p)) {
        return srsError(m, "the point " + std::to_string(lat) + ", " + std::to_string(lon) +
                               " cannot be transformed to " + scene.shortName() +
                               " (outside the area it is defined for)");
    }
    GridMap g = fromDifferences(p, h);
    g.x0 += g.a * offset[0] + g.b * offset[1];
    g.y0 += g.c * offset[0] + g.d * offset[1];
    return g;
}

/// "ENU:lat,lon" -> lat, lon in degrees.
std::optional<std::array<double, 2>> parseEnu(const std::string& srs) {
    const std::string rest = srs.substr(4);
    const std::size_t comma = rest.find(',');
    if (comma == std::string::npos)
        return std::nullopt;
    std::array<double, 2> out{};
    for (int i = 0; i < 2; ++i) {
        std::string part = i == 0 ? rest.substr(0, comma) : rest.substr(comma + 1);
        part.erase(std::remove_if(part.begin(), part.end(),
                                  [](unsigned char c) { return std::isspace(c); }),
                   part.end());
        auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), out[i]);
        if (part.empty() || ec != std::errc() || ptr != part.data() + part.size())
            return std::nullopt;
    }
    if (std::abs(out[0]) > 90 || std::abs(out[1]) > 180)
        return std::nullopt;
    return out;
}

Result<GridMap> gridMapFor(const ObliqueMetadata& m, const geo::Crs& scene) {
    std::string prefix = m.srs.substr(0, 4);
    std::transform(prefix.begin(), prefix.end(), prefix.begin(),
                   [](unsigned char c) { return char(std::toupper(c)); });
    if (prefix == "ENU:") {
        const auto latLon = parseEnu(m.srs);
        if (!latLon)
            return srsError(m, "'" + m.srs + "' is not ENU:lat,lon (two numbers in degrees, " +
                                   "latitude first, e.g. ENU:23.13,113.26)");
        auto wgs84 = geo::Crs::fromUserString("EPSG:4326");
        if (!wgs84)
            return Result<GridMap>::failure(wgs84.errors());
        // SRSOrigin is then an offset in the ENU plane (exporters write 0,0,0).
        return enuGridMap(m, (*latLon)[0], (*latLon)[1], wgs84.value(), scene,
                          {m.srsOrigin[0], m.srsOrigin[1]});
    }
    auto srs = geo::Crs::fromUserString(m.srs);
    if (!srs)
        return srsError(m, srs.firstError() + "; an OSGB tile set's SRS may also be ENU:lat,lon");
    if (srs->isProjected())
        return projectedGridMap(m, srs.value(), scene);
    if (srs->isGeographic())
        return enuGridMap(m, m.srsOrigin[1], m.srsOrigin[0], srs.value(), scene, {0, 0});
    return srsError(m, "SRS '" + m.srs + "' is neither projected nor geographic (a " +
                           "geocentric or local SRS cannot place an OSGB tile set)");
}

/// Data/Tile_*/Tile_*.osgb, sorted; folders without their root file are warned about.
Result<std::vector<ObliqueTile>> listRootTiles(const std::filesystem::path& folder) {
    const std::filesystem::path data = folder / "Data";
    std::error_code ec;
    std::vector<ObliqueTile> tiles;
    std::vector<Error> warnings;
    if (std::filesystem::is_directory(data, ec)) {
        for (const auto& entry : std::filesystem::directory_iterator(data, ec)) {
            const std::string name = entry.path().filename().string();
            if (!entry.is_directory(ec) || name.rfind("Tile_", 0) != 0)
                continue;
            const std::filesystem::path root = entry.path() / (name + ".osgb");
            if (std::filesystem::is_regular_file(root, ec))
                tiles.push_back({name, root, {}, {}});
            else
                warnings.push_back(
                    {entry.path().string(), "", "no root tile " + name + ".osgb in it; left out"});
        }
    }
    if (tiles.empty()) {
        return Error{data.string(), "",
                     "no tiles: an OSGB tile set holds Data/Tile_*/Tile_*.osgb (one folder per "
                     "root tile, its root file named as the folder)"};
    }
    std::sort(tiles.begin(), tiles.end(),
              [](const ObliqueTile& l, const ObliqueTile& r) { return l.name < r.name; });
    Result<std::vector<ObliqueTile>> out(std::move(tiles));
    out.addWarnings(warnings);
    return out;
}

/// Reads a root tile for its bounds: the geometry's box, else (only paged children) the
/// sphere its PagedLODs declare. False when unreadable or empty.
bool readTileBounds(ObliqueTile& tile) {
    osg::ref_ptr<osg::Node> node = osgDB::readRefNodeFile(tile.file.string());
    if (!node)
        return false;
    osg::ComputeBoundsVisitor visitor;
    node->accept(visitor);
    osg::BoundingBoxd box;
    if (visitor.getBoundingBox().valid()) {
        box.expandBy(visitor.getBoundingBox());
    } else if (node->getBound().valid()) {
        box.expandBy(node->getBound());
    } else {
        return false;
    }
    tile.min = {box.xMin(), box.yMin(), box.zMin()};
    tile.max = {box.xMax(), box.yMax(), box.zMax()};
    return true;
}

std::string layerName(const ObliqueDescription& d) {
    if (!d.name.en.empty() || !d.name.zh.empty())
        return d.name.in(Language::English);
    std::filesystem::path p = d.path;
    if (p.filename().empty())
        p = p.parent_path();
    return p.filename().string();
}

}  // namespace

geo::Vec3d ObliqueTileSet::localPosition(const geo::Vec3d& t) const {
    const auto& m = toLocal;
    return {m[0] * t.x + m[4] * t.y + m[8] * t.z + m[12],
            m[1] * t.x + m[5] * t.y + m[9] * t.z + m[13],
            m[2] * t.x + m[6] * t.y + m[10] * t.z + m[14]};
}

Result<ObliqueTileSet> openObliqueTileSet(const ObliqueDescription& description,
                                          const std::string& sceneCrs, double originX,
                                          double originY) {
    auto metadata = readObliqueMetadata(description.path / "metadata.xml");
    if (!metadata)
        return Result<ObliqueTileSet>::failure(metadata.errors());
    auto scene = geo::Crs::fromUserString(sceneCrs);
    if (!scene || !scene->isProjected()) {
        return Error{"", description.jsonPath,
                     "the scene's CRS '" + sceneCrs +
                         "' must be a projected CRS to place an oblique tile set in"};
    }
    auto grid = gridMapFor(metadata.value(), scene.value());
    if (!grid)
        return Result<ObliqueTileSet>::failure(grid.errors());
    auto listed = listRootTiles(description.path);
    if (!listed)
        return Result<ObliqueTileSet>::failure(listed.errors());

    ObliqueTileSet set;
    set.description = description;
    set.metadata = metadata.value();
    const GridMap& g = grid.value();
    const double z0 = set.metadata.srsOrigin[2] + description.heightOffset;
    // Column-major: columns are the images of tile x, y, z and the translation.
    set.toLocal = {g.a, g.c, 0, 0, g.b, g.d, 0, 0, 0, 0, 1, 0, g.x0 - originX, g.y0 - originY,
                   z0,  1};

    std::vector<Error> warnings = listed.warnings();
    for (ObliqueTile& tile : listed.value()) {
        if (!readTileBounds(tile)) {
            warnings.push_back({tile.file.string(), "",
                                "cannot be read as an OSGB tile (or holds no geometry); left out"});
            continue;
        }
        set.tiles.push_back(tile);
        for (int corner = 0; corner < 8; ++corner) {
            const geo::Vec3d p = set.localPosition({corner & 1 ? tile.max.x : tile.min.x,
                                                    corner & 2 ? tile.max.y : tile.min.y,
                                                    corner & 4 ? tile.max.z : tile.min.z});
            set.localBounds.expand({float(p.x), float(p.y), float(p.z)});
        }
    }
    if (set.tiles.empty()) {
        return Error{
            (description.path / "Data").string(), "",
            "none of the " + std::to_string(listed->size()) + " root tiles could be read as OSGB"};
    }
    Result<ObliqueTileSet> out(std::move(set));
    out.addWarnings(warnings);
    return out;
}

osg::ref_ptr<osg::MatrixTransform> obliqueNode(const ObliqueTileSet& tileSet) {
    osg::ref_ptr<osg::MatrixTransform> layer =
        new osg::MatrixTransform(osg::Matrixd(tileSet.toLocal.data()));
    layer->setName("oblique:" + layerName(tileSet.description));
    for (const ObliqueTile& tile : tileSet.tiles) {
        // A root is paged in once its bound covers a pixel; the pager resolves the root's own
        // children against the database path the osgb reader gives them (the root's folder).
        osg::ref_ptr<osg::PagedLOD> root = new osg::PagedLOD;
        root->setName(tile.name);
        root->setDatabasePath(tile.file.parent_path().string());
        root->setFileName(0, tile.file.filename().string());
        root->setRangeMode(osg::LOD::PIXEL_SIZE_ON_SCREEN);
        root->setRange(0, 1.0f, FLT_MAX);
        const osg::Vec3d lo(tile.min.x, tile.min.y, tile.min.z);
        const osg::Vec3d hi(tile.max.x, tile.max.y, tile.max.z);
        root->setCenterMode(osg::LOD::USER_DEFINED_CENTER);
        root->setCenter((lo + hi) * 0.5);
        root->setRadius(float((hi - lo).length() * 0.5));
        layer->addChild(root);
    }
    osg::StateSet* ss = layer->getOrCreateStateSet();
    // OVERRIDE: a tile's own state (fixed-function lighting, materials) must not win, and the
    // program leaves nothing behind for the next layer drawn.
    ss->setAttributeAndModes(shaderProgram("oblique"),
                             osg::StateAttribute::ON | osg::StateAttribute::OVERRIDE);
    ss->addUniform(new osg::Uniform("photo", 0));
    return layer;
}

}  // namespace cunjing::scene
