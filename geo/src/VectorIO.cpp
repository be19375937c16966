#include <cunjing/geo/VectorIO.h>

#include <cunjing/geo/AtomicFile.h>
#include <cunjing/geo/Gdal.h>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>

namespace cunjing::geo {

namespace {

namespace fs = std::filesystem;

using DatasetPtr = GdalDatasetPtr;
using FeaturePtr = OgrFeaturePtr;
using GeometryPtr = OgrGeometryPtr;
using SrsPtr = OgrSrsPtr;

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::string layerWhere(const std::string& layer) {
    return "layer '" + layer + "'";
}

/// The layer's CRS, or the caller's default when the file records none (a GeoJSON without
/// "crs" is WGS 84 by RFC 7946 and GDAL says so itself; a Shapefile without .prj has none).
Result<Crs> layerCrs(OGRLayerH layer, const std::string& fallback) {
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer);
    if (!srs) {
        if (fallback.empty())
            return Error{"", "", "the layer has no CRS; give a default CRS (EPSG:n)"};
        return Crs::fromUserString(fallback);
    }
    char* wkt = nullptr;
    OSRExportToWkt(srs, &wkt);
    auto crs = Crs::fromWkt(wkt ? wkt : "");
    CPLFree(wkt);
    return crs;
}

Ring readRing(OGRGeometryH ring) {
    Ring out;
    const int n = OGR_G_GetPointCount(ring);
    out.reserve(static_cast<std::size_t>(std::max(n, 0)));
    for (int i = 0; i < n; ++i)
        out.push_back({OGR_G_GetX(ring, i), OGR_G_GetY(ring, i)});
    if (out.size() >= 2 && out.front().x == out.back().x && out.front().y == out.back().y)
        out.pop_back();
    return out;
}

Polygon readPolygon(OGRGeometryH g) {
    Polygon p;
    const int rings = OGR_G_GetGeometryCount(g);
    for (int i = 0; i < rings; ++i) {
        Ring r = readRing(OGR_G_GetGeometryRef(g, i));
        if (i == 0)
            p.outer = std::move(r);
        else
            p.holes.push_back(std::move(r));
    }
    return p;
}

/// Fills the feature's polygons or point from g; curved geometries (GeoPackage allows them)
/// are approximated by straight segments first.
void readGeometry(OGRGeometryH g, VectorFeature& out) {
    if (!g)
        return;
    out.geometryType = OGR_G_GetGeometryName(g);
    GeometryPtr linear;
    if (OGR_G_HasCurveGeometry(g, TRUE)) {
        linear.reset(OGR_G_GetLinearGeometry(g, 0, nullptr));
        g = static_cast<OGRGeometryH>(linear.get());
        if (!g)
            return;
    }
    switch (wkbFlatten(OGR_G_GetGeometryType(g))) {
        case wkbPolygon:
            out.polygons.push_back(readPolygon(g));
            break;
        case wkbMultiPolygon:
            for (int i = 0; i < OGR_G_GetGeometryCount(g); ++i)
                out.polygons.push_back(readPolygon(OGR_G_GetGeometryRef(g, i)));
            break;
        case wkbPoint:
            if (!OGR_G_IsEmpty(g))
                out.point = Point2d{OGR_G_GetX(g, 0), OGR_G_GetY(g, 0)};
            break;
        case wkbMultiPoint:
            if (OGR_G_GetGeometryCount(g) == 1) {
                OGRGeometryH p = OGR_G_GetGeometryRef(g, 0);
                out.point = Point2d{OGR_G_GetX(p, 0), OGR_G_GetY(p, 0)};
            }
            break;
        default:
            break;
    }
}

bool transformRing(const Transform& t, Ring& ring) {
    for (Point2d& p : ring) {
        if (!t.apply(p.x, p.y) || !std::isfinite(p.x) || !std::isfinite(p.y))
            return false;
    }
    return true;
}

bool transformFeature(const Transform& t, VectorFeature& f) {
    for (Polygon& p : f.polygons) {
        if (!transformRing(t, p.outer))
            return false;
        for (Ring& h : p.holes) {
            if (!transformRing(t, h))
                return false;
        }
    }
    if (f.point && (!t.apply(f.point->x, f.point->y) || !std::isfinite(f.point->x) ||
                    !std::isfinite(f.point->y)))
        return false;
    return true;
}

FieldValue readField(OGRFeatureH f, OGRFeatureDefnH defn, int i) {
    if (!OGR_F_IsFieldSetAndNotNull(f, i))
        return std::monostate{};
    switch (OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, i))) {
        case OFTInteger:
        case OFTInteger64:
            return static_cast<std::int64_t>(OGR_F_GetFieldAsInteger64(f, i));
        case OFTReal:
            return OGR_F_GetFieldAsDouble(f, i);
        default:
            return std::string(OGR_F_GetFieldAsString(f, i));
    }
}

Result<VectorLayer> readLayer(const std::string& path, OGRLayerH layer, const Crs& target,
                              const VectorReadOptions& options) {
    VectorLayer out;
    out.name = OGR_L_GetName(layer);
    const std::string where = layerWhere(out.name);
    auto source = layerCrs(layer, options.defaultCrs);
    if (!source)
        return Error{path, where, source.errors()[0].message};
    out.sourceCrs = source->shortName();
    auto transform = Transform::create(source.value(), target);
    if (!transform)
        return Error{path, where, transform.errors()[0].message};

    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    const int fieldCount = OGR_FD_GetFieldCount(defn);
    for (int i = 0; i < fieldCount; ++i)
        out.fieldNames.emplace_back(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));

    std::vector<Error> problems;
    OGR_L_ResetReading(layer);
    long row = 0;
    while (FeaturePtr f{OGR_L_GetNextFeature(layer)}) {
        auto* feature = static_cast<OGRFeatureH>(f.get());
        VectorFeature vf;
        vf.row = ++row;
        const GIntBig fid = OGR_F_GetFID(feature);
        vf.fid = fid == OGRNullFID ? -1 : static_cast<std::int64_t>(fid);
        readGeometry(OGR_F_GetGeometryRef(feature), vf);
        for (int i = 0; i < fieldCount; ++i)
            vf.fields.push_back(
                {out.fieldNames[static_cast<std::size_t>(i)], readField(feature, defn, i)});
        if (!transformFeature(transform.value(), vf)) {
            problems.push_back({path, where + ", " + vf.where(),
                                "coordinates cannot be transformed from " + out.sourceCrs + " to " +
                                    target.shortName() + "; is the layer's CRS right?"});
            continue;
        }
        out.features.push_back(std::move(vf));
    }
    if (!problems.empty())
        return Result<VectorLayer>::failure(std::move(problems));
    return out;
}

}  // namespace

const FieldValue* VectorFeature::field(std::string_view name) const {
    for (const Field& f : fields) {
        if (equalsIgnoreCase(f.name, name))
            return &f.value;
    }
    return nullptr;
}

std::string VectorFeature::where() const {
    std::string text = "feature " + std::to_string(row);
    if (fid >= 0)
        text += " (FID " + std::to_string(fid) + ")";
    return text;
}

std::string fieldText(const FieldValue& value) {
    if (const auto* i = std::get_if<std::int64_t>(&value))
        return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&value)) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.15g", *d);
        return buf;
    }
    if (const auto* s = std::get_if<std::string>(&value))
        return *s;
    return {};
}

Result<std::vector<VectorLayer>> readVectorFile(const std::string& path, const Crs& target,
                                                const VectorReadOptions& options) {
    ensureGdalRegistered();
    std::error_code ec;
    if (!fs::exists(path, ec))
        return Error{path, "", "file not found"};
    if (fs::is_directory(path, ec))
        return Error{path, "", "is a folder; give a GeoJSON, GeoPackage or Shapefile"};
    QuietGdal quiet;
    // An explicit list: a VRT (or any driver that follows links) could read other files.
    const char* const drivers[] = {"GeoJSON", "GPKG", "ESRI Shapefile", nullptr};
    DatasetPtr ds(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
    if (!ds) {
        return Error{path, "",
                     "not a readable vector file (" + lastGdalError("format not recognised") +
                         "); use GeoJSON, GeoPackage or Shapefile"};
    }
    const int count = GDALDatasetGetLayerCount(ds.get());
    if (count == 0)
        return Error{path, "", "the file has no layer"};
    std::vector<VectorLayer> layers;
    std::vector<Error> problems;
    for (int i = 0; i < count; ++i) {
        auto layer = readLayer(path, GDALDatasetGetLayer(ds.get(), i), target, options);
        if (!layer) {
            problems.insert(problems.end(), layer.errors().begin(), layer.errors().end());
            continue;
        }
        layers.push_back(std::move(layer.value()));
    }
    if (!problems.empty())
        return Result<std::vector<VectorLayer>>::failure(std::move(problems));
    return layers;
}

// ---- writing ----------------------------------------------------------------------------

namespace {

OGRFieldType ogrType(FieldType t) {
    switch (t) {
        case FieldType::Integer:
            return OFTInteger64;
        case FieldType::Real:
            return OFTReal;
        case FieldType::String:
            break;
    }
    return OFTString;
}

GeometryPtr ringGeometry(const Ring& ring) {
    GeometryPtr g(OGR_G_CreateGeometry(wkbLinearRing));
    auto* h = static_cast<OGRGeometryH>(g.get());
    for (const Point2d& p : ring)
        OGR_G_AddPoint_2D(h, p.x, p.y);
    OGR_G_AddPoint_2D(h, ring.front().x, ring.front().y);
    return g;
}

/// The feature's geometry for the layer, or an error message.
Result<GeometryPtr> featureGeometry(const VectorFeature& f, LayerGeometry kind) {
    if (kind == LayerGeometry::Point) {
        if (!f.point)
            return Error{"", "", "a point layer needs a point"};
        GeometryPtr g(OGR_G_CreateGeometry(wkbPoint));
        OGR_G_SetPoint_2D(static_cast<OGRGeometryH>(g.get()), 0, f.point->x, f.point->y);
        return g;
    }
    if (f.polygons.empty() || f.polygons[0].outer.size() < 3)
        return Error{"", "", "a polygon needs an outer ring of 3 or more points"};
    GeometryPtr g(OGR_G_CreateGeometry(wkbPolygon));
    const Polygon& p = f.polygons[0];
    OGR_G_AddGeometryDirectly(static_cast<OGRGeometryH>(g.get()),
                              static_cast<OGRGeometryH>(ringGeometry(p.outer).release()));
    for (const Ring& hole : p.holes) {
        if (hole.size() >= 3)
            OGR_G_AddGeometryDirectly(static_cast<OGRGeometryH>(g.get()),
                                      static_cast<OGRGeometryH>(ringGeometry(hole).release()));
    }
    return g;
}

bool setField(OGRFeatureH f, int index, const FieldValue& v) {
    if (index < 0)
        return false;
    if (const auto* i = std::get_if<std::int64_t>(&v))
        OGR_F_SetFieldInteger64(f, index, static_cast<GIntBig>(*i));
    else if (const auto* d = std::get_if<double>(&v))
        OGR_F_SetFieldDouble(f, index, *d);
    else if (const auto* s = std::get_if<std::string>(&v))
        OGR_F_SetFieldString(f, index, s->c_str());
    else
        OGR_F_SetFieldNull(f, index);
    return true;
}

Status writeFeatures(OGRLayerH layer, const VectorLayerToWrite& spec, const std::string& path) {
    const std::string where = layerWhere(spec.name);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    long row = 0;
    for (const VectorFeature& vf : spec.features) {
        ++row;
        const std::string at = where + ", feature " + std::to_string(row);
        FeaturePtr f(OGR_F_Create(defn));
        auto* feature = static_cast<OGRFeatureH>(f.get());
        for (const Field& field : vf.fields) {
            if (!setField(feature, OGR_F_GetFieldIndex(feature, field.name.c_str()), field.value))
                return Error{path, at, "field '" + field.name + "' is not one of the layer's"};
        }
        auto g = featureGeometry(vf, spec.geometry);
        if (!g)
            return Error{path, at, g.errors()[0].message};
        OGR_F_SetGeometryDirectly(feature, static_cast<OGRGeometryH>(g->release()));
        if (OGR_L_CreateFeature(layer, feature) != OGRERR_NONE)
            return Error{path, at, "cannot write: " + lastGdalError("unknown GDAL error")};
    }
    return Done{};
}

Status writeLayer(GDALDatasetH ds, OGRSpatialReferenceH srs, const VectorLayerToWrite& spec,
                  const std::string& path) {
    const std::string where = layerWhere(spec.name);
    OGRLayerH layer = GDALDatasetCreateLayer(
        ds, spec.name.c_str(), srs, spec.geometry == LayerGeometry::Point ? wkbPoint : wkbPolygon,
        nullptr);
    if (!layer)
        return Error{path, where,
                     "cannot create the layer: " + lastGdalError("unknown GDAL error")};
    for (const FieldDefinition& fd : spec.fields) {
        OGRFieldDefnH field = OGR_Fld_Create(fd.name.c_str(), ogrType(fd.type));
        const OGRErr err = OGR_L_CreateField(layer, field, TRUE);
        OGR_Fld_Destroy(field);
        if (err != OGRERR_NONE)
            return Error{path, where, "cannot create field '" + fd.name + "'"};
    }
    // One transaction per layer: a GeoPackage commits each feature separately otherwise.
    if (GDALDatasetStartTransaction(ds, FALSE) != OGRERR_NONE)
        return Error{path, where, "cannot start a transaction"};
    Status s = writeFeatures(layer, spec, path);
    if (!s) {
        GDALDatasetRollbackTransaction(ds);
        return s;
    }
    if (GDALDatasetCommitTransaction(ds) != OGRERR_NONE)
        return Error{path, where, "cannot commit: " + lastGdalError("unknown GDAL error")};
    return Done{};
}

Status writeAll(const std::string& tmp, const std::string& path,
                const std::vector<VectorLayerToWrite>& layers, const std::optional<Crs>& crs) {
    GDALDriverH driver = GDALGetDriverByName("GPKG");
    if (!driver)
        return Error{path, "", "this GDAL has no GeoPackage driver"};
    DatasetPtr ds(GDALCreate(driver, tmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds)
        return Error{path, "", "cannot create " + tmp + ": " + lastGdalError("unknown GDAL error")};
    SrsPtr srs;
    if (crs) {
        srs.reset(OSRNewSpatialReference(nullptr));
        auto* h = static_cast<OGRSpatialReferenceH>(srs.get());
        std::string wkt = crs->wkt();
        char* cursor = wkt.data();  // the C API advances a char* through the text
        if (OSRImportFromWkt(h, &cursor) != OGRERR_NONE)
            return Error{path, "", "cannot record CRS " + crs->shortName()};
        OSRSetAxisMappingStrategy(h, OAMS_TRADITIONAL_GIS_ORDER);
    }
    for (const VectorLayerToWrite& layer : layers) {
        Status s = writeLayer(ds.get(), static_cast<OGRSpatialReferenceH>(srs.get()), layer, path);
        if (!s)
            return s;
    }
    ds.reset();  // GDALClose finishes the file; only then may it be renamed into place
    if (CPLGetLastErrorType() >= CE_Failure)
        return Error{path, "", "cannot finish " + tmp + ": " + lastGdalError("")};
    return Done{};
}

}  // namespace

Status writeGeoPackage(const std::string& path, const std::vector<VectorLayerToWrite>& layers,
                       const std::optional<Crs>& crs) {
    ensureGdalRegistered();
    return writeAtomically(path, [&](const std::string& tmp) {
        QuietGdal quiet;
        return writeAll(tmp, path, layers, crs);
    });
}

}  // namespace cunjing::geo
