#include "MappingColumns.h"
#include "RegisterImportTable.h"

#include <cunjing/geo/Crs.h>
#include <cunjing/geo/Gdal.h>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace cunjing::heritage::registerio {

namespace {

namespace fs = std::filesystem;

using DatasetPtr = geo::GdalDatasetPtr;
using FeaturePtr = geo::OgrFeaturePtr;
using geo::lastGdalError;
using geo::QuietGdal;

const char* formatName(RegisterFormat f) {
    switch (f) {
        case RegisterFormat::GeoJson:
            return "GeoJSON";
        case RegisterFormat::GeoPackage:
            return "GeoPackage";
        case RegisterFormat::Shapefile:
            return "Shapefile";
        case RegisterFormat::Xlsx:
            return "XLSX";
        case RegisterFormat::Xls:
            return "XLS";
        case RegisterFormat::Csv:
            break;
    }
    return "CSV";
}

const char* driverName(RegisterFormat f) {
    switch (f) {
        case RegisterFormat::GeoJson:
            return "GeoJSON";
        case RegisterFormat::GeoPackage:
            return "GPKG";
        case RegisterFormat::Shapefile:
            return "ESRI Shapefile";
        case RegisterFormat::Xlsx:
            return "XLSX";
        case RegisterFormat::Xls:
            return "XLS";
        case RegisterFormat::Csv:
            break;
    }
    return "CSV";
}

/// GDAL detects dates in GeoJSON and spreadsheets and would print them as 2023/05/17; our
/// survey_date is ISO 8601.
std::string isoDate(OGRFeatureH f, int i) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
    float sec = 0;
    OGR_F_GetFieldAsDateTimeEx(f, i, &y, &mo, &d, &h, &mi, &sec, &tz);
    char buf[40];
    if (OGR_Fld_GetType(OGR_FD_GetFieldDefn(OGR_F_GetDefnRef(f), i)) == OFTDate)
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
    else
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi,
                      static_cast<int>(sec));
    return buf;
}

bool isSpreadsheet(RegisterFormat f) {
    return f == RegisterFormat::Xlsx || f == RegisterFormat::Xls;
}

class GdalTable final : public TableSource {
public:
    GdalTable(DatasetPtr ds, OGRLayerH layer, bool spreadsheet, bool recode)
        : ds_(std::move(ds)), layer_(layer), spreadsheet_(spreadsheet), recode_(recode) {
        OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer_);
        for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i)
            names_.emplace_back(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));
        rowWord = spreadsheet ? "row" : "feature";
        // GDAL keeps the field names of spreadsheets it wrote itself, whatever HEADERS says;
        // only "Field1, Field2, ..." means the header is still among the rows.
        namedFields_ = !spreadsheet;
        for (std::size_t i = 0; i < names_.size() && !namedFields_; ++i)
            namedFields_ = names_[i] != "Field" + std::to_string(i + 1);
        if (spreadsheet && namedFields_)
            row_ = 1;  // the header row GDAL consumed
        OGR_L_ResetReading(layer_);
    }

    Status setTarget() {
        OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer_);
        if (spreadsheet_ || !srs)
            return Done{};  // no CRS: points are taken as degrees, and range-checked later
        char* wkt = nullptr;
        OSRExportToWkt(srs, &wkt);
        auto from = geo::Crs::fromWkt(wkt ? wkt : "");
        CPLFree(wkt);
        auto to = geo::Crs::fromUserString("EPSG:4326");
        if (!from || !to)
            return Error{"", "", "the layer's CRS is not one PROJ knows"};
        auto t = geo::Transform::create(from.value(), to.value());
        if (!t)
            return t.errors()[0];
        toDegrees_ = std::make_unique<geo::Transform>(std::move(t.value()));
        return Done{};
    }

    const std::vector<std::string>* fieldNames() const override {
        return namedFields_ ? &names_ : nullptr;
    }

    std::size_t rowEstimate() const override {
        const GIntBig n = OGR_L_GetFeatureCount(layer_, FALSE);  // only when cheap
        return n > 0 ? static_cast<std::size_t>(n) : 0;
    }

    bool next(RawRow& out) override {
        FeaturePtr f(OGR_L_GetNextFeature(layer_));
        if (!f)
            return false;
        auto* feature = static_cast<OGRFeatureH>(f.get());
        out.row = ++row_;
        out.cells.resize(names_.size());
        OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer_);
        for (std::size_t i = 0; i < names_.size(); ++i)
            out.cells[i] = cellText(feature, defn, static_cast<int>(i));
        out.lonLat.reset();
        OGRGeometryH g = OGR_F_GetGeometryRef(feature);
        if (g && wkbFlatten(OGR_G_GetGeometryType(g)) == wkbPoint && !OGR_G_IsEmpty(g)) {
            double x = OGR_G_GetX(g, 0), y = OGR_G_GetY(g, 0);
            if (!toDegrees_ || toDegrees_->apply(x, y))
                out.lonLat = std::array<double, 2>{x, y};
        }
        return true;
    }

private:
    std::string cellText(OGRFeatureH f, OGRFeatureDefnH defn, int i) {
        if (!OGR_F_IsFieldSetAndNotNull(f, i))
            return {};
        switch (OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, i))) {
            case OFTInteger:
            case OFTInteger64:
                return std::to_string(OGR_F_GetFieldAsInteger64(f, i));
            case OFTReal:
                return formatReal(OGR_F_GetFieldAsDouble(f, i));  // every digit, for round trips
            case OFTDate:
            case OFTDateTime:
                return isoDate(f, i);
            default:
                break;
        }
        std::string text = OGR_F_GetFieldAsString(f, i);
        if (recode_) {
            // A .dbf without .cpg: bytes as stored, which Chinese registers write in GBK.
            auto enc = toUtf8(text);
            if (enc && enc.value() == "GBK")
                encoding = "GBK";
        }
        return text;
    }

    DatasetPtr ds_;
    OGRLayerH layer_;
    bool spreadsheet_, recode_;
    bool namedFields_ = true;
    std::vector<std::string> names_;
    std::unique_ptr<geo::Transform> toDegrees_;
    long row_ = 0;
};

}  // namespace

Result<std::unique_ptr<TableSource>> openGdalTable(const std::string& path, RegisterFormat format,
                                                   const RegisterReadOptions& options) {
    geo::ensureGdalRegistered();
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return Error{path, "", "file not found"};
    std::uintmax_t size = fs::file_size(path, ec);
    if (format == RegisterFormat::Shapefile) {
        // The attributes, which are what we read, live in the .dbf beside the .shp.
        const std::uintmax_t dbf = fs::file_size(fs::path(path).replace_extension(".dbf"), ec);
        size = std::max(size, ec ? 0 : dbf);
    }
    if (size == 0)
        return Error{path, "", "the file is empty"};
    if (size > options.maxFileBytes)
        return Error{path, "",
                     "is " + std::to_string(size) + " bytes, over the limit of " +
                         std::to_string(options.maxFileBytes) + "; split the register"};
    const bool spreadsheet = isSpreadsheet(format);
    // Without a .cpg GDAL would decode the .dbf as Latin-1; ask for raw bytes and decide.
    const bool recode = format == RegisterFormat::Shapefile &&
                        !fs::exists(fs::path(path).replace_extension(".cpg"), ec) &&
                        !fs::exists(fs::path(path).replace_extension(".CPG"), ec);
    std::vector<const char*> openOptions;
    if (format == RegisterFormat::Xlsx) {
        // Every cell as text and no header guess: we find the header row ourselves (title
        // rows above it are common).
        openOptions = {"HEADERS=DISABLE", "FIELD_TYPES=STRING"};
    } else if (recode) {
        openOptions = {"ENCODING="};
    }
    openOptions.push_back(nullptr);
    if (format == RegisterFormat::Xls) {
        CPLSetThreadLocalConfigOption("OGR_XLS_HEADERS", "DISABLE");
        CPLSetThreadLocalConfigOption("OGR_XLS_FIELD_TYPES", "STRING");
    }
    QuietGdal quiet;
    // One driver, the one the name says: never VRT or anything that follows links elsewhere.
    const char* const drivers[] = {driverName(format), nullptr};
    DatasetPtr ds(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers,
                             openOptions.data(), nullptr));
    if (format == RegisterFormat::Xls) {
        CPLSetThreadLocalConfigOption("OGR_XLS_HEADERS", nullptr);
        CPLSetThreadLocalConfigOption("OGR_XLS_FIELD_TYPES", nullptr);
    }
    if (!ds)
        return Error{path, "",
                     std::string("not a ") + formatName(format) + " file (" +
                         lastGdalError("GDAL does not recognise it") +
                         "); check the file or its extension"};
    if (GDALDatasetGetLayerCount(ds.get()) == 0)
        return Error{path, "", "the file has no layer (sheet); nothing to import"};
    OGRLayerH layer = GDALDatasetGetLayer(ds.get(), 0);
    auto table = std::make_unique<GdalTable>(std::move(ds), layer, spreadsheet, recode);
    Status target = table->setTarget();
    if (!target)
        return Error{path, "layer 1", target.errors()[0].message};
    if (format == RegisterFormat::Shapefile)
        table->encoding = recode ? "UTF-8" : "from .cpg";
    return std::unique_ptr<TableSource>(std::move(table));
}

}  // namespace cunjing::heritage::registerio
