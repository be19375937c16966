#include <cunjing/heritage/RegisterIO.h>

#include "MappingColumns.h"

#include <cunjing/geo/AtomicFile.h>
#include <cunjing/geo/Gdal.h>

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>

namespace cunjing::heritage {

using namespace registerio;

namespace {

namespace fs = std::filesystem;

using DatasetPtr = geo::GdalDatasetPtr;
using FeaturePtr = geo::OgrFeaturePtr;
using SrsPtr = geo::OgrSrsPtr;
using geo::lastGdalError;

using geo::writeAtomically;

void appendCsvCell(std::string& out, const std::string& cell) {
    const bool quote = cell.find_first_of(",\"\r\n") != std::string::npos ||
                       (!cell.empty() && (cell.front() == ' ' || cell.back() == ' '));
    if (!quote) {
        out += cell;
        return;
    }
    out += '"';
    for (char c : cell) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

template <typename R>
Status writeCsv(const std::string& tmp, const std::string& path, const std::vector<R>& records,
                const std::vector<Column<R>>& columns) {
    std::ofstream out(tmp, std::ios::binary);
    if (!out)
        return Error{path, "", "cannot create " + tmp};
    // The byte-order mark is what makes Excel read the file as UTF-8 rather than the
    // system code page (GBK on Chinese Windows).
    std::string line = "\xEF\xBB\xBF";
    for (std::size_t i = 0; i < columns.size(); ++i)
        line += (i ? "," : "") + std::string(columns[i].name);
    line += "\r\n";
    out << line;
    for (const R& r : records) {
        line.clear();
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (i)
                line += ',';
            appendCsvCell(line, columns[i].get(r));
        }
        line += "\r\n";
        out << line;
    }
    out.close();
    if (!out)
        return Error{path, "", "cannot write " + tmp + " (disk full?)"};
    return Done{};
}

OGRFieldType ogrType(ColumnType t) {
    switch (t) {
        case ColumnType::Integer:
            return OFTInteger64;
        case ColumnType::Real:
            return OFTReal;
        default:
            break;
    }
    return OFTString;
}

bool setField(OGRFeatureH f, int index, ColumnType type, const std::string& text) {
    if (text.empty()) {
        OGR_F_SetFieldNull(f, index);
        return true;
    }
    if (type == ColumnType::Integer || type == ColumnType::Real) {
        const auto v = parseReal(text);
        if (!v)
            return false;
        if (type == ColumnType::Integer)
            OGR_F_SetFieldInteger64(f, index, static_cast<GIntBig>(*v));
        else
            OGR_F_SetFieldDouble(f, index, *v);
        return true;
    }
    OGR_F_SetFieldString(f, index, text.c_str());
    return true;
}

struct GdalTarget {
    const char* driver;
    bool points;  ///< a point geometry carries lon/lat; spreadsheets keep them as columns
    const char* epsg;
};

template <typename R>
Status writeFeatures(GDALDatasetH ds, OGRLayerH layer, const std::string& path,
                     const std::vector<R>& records, const std::vector<Column<R>>& columns,
                     const std::vector<int>& fieldIndex, bool points) {
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    const bool transactions = GDALDatasetStartTransaction(ds, FALSE) == OGRERR_NONE;
    long row = 0;
    for (const R& r : records) {
        ++row;
        FeaturePtr f(OGR_F_Create(defn));
        auto* feature = static_cast<OGRFeatureH>(f.get());
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (fieldIndex[i] >= 0)
                setField(feature, fieldIndex[i], columns[i].type, columns[i].get(r));
        }
        if (points) {
            OGRGeometryH g = OGR_G_CreateGeometry(wkbPoint);
            OGR_G_SetPoint_2D(g, 0, r.lon, r.lat);
            OGR_F_SetGeometryDirectly(feature, g);
        }
        if (OGR_L_CreateFeature(layer, feature) != OGRERR_NONE) {
            if (transactions)
                GDALDatasetRollbackTransaction(ds);
            return Error{path, "record " + std::to_string(row) + " (id '" + r.id + "')",
                         "cannot write: " + lastGdalError("unknown GDAL error")};
        }
    }
    if (transactions && GDALDatasetCommitTransaction(ds) != OGRERR_NONE)
        return Error{path, "", "cannot commit: " + lastGdalError("unknown GDAL error")};
    return Done{};
}

template <typename R>
Status writeGdal(const std::string& tmp, const std::string& path, const GdalTarget& target,
                 const char* layerName, const std::vector<R>& records,
                 const std::vector<Column<R>>& columns) {
    GDALDriverH driver = GDALGetDriverByName(target.driver);
    if (!driver)
        return Error{path, "", std::string("this GDAL has no ") + target.driver + " driver"};
    DatasetPtr ds(GDALCreate(driver, tmp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds)
        return Error{path, "", "cannot create " + tmp + ": " + lastGdalError("unknown GDAL error")};
    SrsPtr srs;
    if (target.points) {
        srs.reset(OSRNewSpatialReference(nullptr));
        auto* h = static_cast<OGRSpatialReferenceH>(srs.get());
        OSRSetFromUserInput(h, target.epsg);
        OSRSetAxisMappingStrategy(h, OAMS_TRADITIONAL_GIS_ORDER);
    }
    OGRLayerH layer =
        GDALDatasetCreateLayer(ds.get(), layerName, static_cast<OGRSpatialReferenceH>(srs.get()),
                               target.points ? wkbPoint : wkbNone, nullptr);
    if (!layer)
        return Error{path, "", "cannot create the layer: " + lastGdalError("unknown GDAL error")};
    std::vector<int> fieldIndex;
    for (const Column<R>& c : columns) {
        if (target.points && (c.name == "lon" || c.name == "lat")) {
            fieldIndex.push_back(-1);
            continue;
        }
        OGRFieldDefnH field = OGR_Fld_Create(std::string(c.name).c_str(), ogrType(c.type));
        const OGRErr err = OGR_L_CreateField(layer, field, TRUE);
        OGR_Fld_Destroy(field);
        if (err != OGRERR_NONE)
            return Error{path, "", "cannot create field '" + std::string(c.name) + "'"};
        fieldIndex.push_back(OGR_FD_GetFieldCount(OGR_L_GetLayerDefn(layer)) - 1);
    }
    Status s = writeFeatures(ds.get(), layer, path, records, columns, fieldIndex, target.points);
    if (!s)
        return s;
    ds.reset();  // closing finishes the file; only then may it be renamed into place
    if (CPLGetLastErrorType() >= CE_Failure)
        return Error{path, "", "cannot finish " + tmp + ": " + lastGdalError("")};
    return Done{};
}

template <typename R>
Status writeRegister(const std::string& path, const std::vector<R>& records,
                     const std::vector<Column<R>>& columns, const char* layerName) {
    const auto format = registerFormatOf(path);
    GdalTarget target{};
    switch (format.value_or(RegisterFormat::Shapefile)) {
        case RegisterFormat::Csv:
            return writeAtomically(path, [&](const std::string& tmp) {
                return writeCsv(tmp, path, records, columns);
            });
        case RegisterFormat::GeoJson:
            // RFC 7946: GeoJSON is WGS 84, which CGCS2000 matches to centimetres.
            target = {"GeoJSON", true, "EPSG:4326"};
            break;
        case RegisterFormat::GeoPackage:
            target = {"GPKG", true, "EPSG:4490"};
            break;
        case RegisterFormat::Xlsx:
            target = {"XLSX", false, ""};
            break;
        default:
            return Error{path, "",
                         "cannot write this file type; use .csv, .geojson, .gpkg or .xlsx"};
    }
    geo::ensureGdalRegistered();
    return writeAtomically(path, [&](const std::string& tmp) {
        CPLPushErrorHandler(CPLQuietErrorHandler);
        CPLErrorReset();
        Status s = writeGdal(tmp, path, target, layerName, records, columns);
        CPLPopErrorHandler();
        return s;
    });
}

}  // namespace

Status writeTreeRegister(const std::string& path, const std::vector<TreeRecord>& records) {
    return writeRegister(path, records, treeColumns(), "trees");
}

Status writeVillageRegister(const std::string& path, const std::vector<VillageRecord>& records) {
    return writeRegister(path, records, villageColumns(), "villages");
}

}  // namespace cunjing::heritage
