#include <cunjing/heritage/AncientTree.h>

#include <cunjing/geo/Gdal.h>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <cmath>
#include <filesystem>
#include <initializer_list>
#include <memory>

namespace cunjing::heritage {

TreeGrade gradeFromAge(int ageYears, bool famous) {
    if (famous)
        return TreeGrade::Famous;
    if (ageYears >= 500)
        return TreeGrade::One;
    if (ageYears >= 300)
        return TreeGrade::Two;
    if (ageYears >= 100)
        return TreeGrade::Three;
    return TreeGrade::None;
}

std::string gradeName(TreeGrade grade, bool chinese) {
    switch (grade) {
        case TreeGrade::One:
            return chinese ? "一级古树" : "Grade I ancient tree";
        case TreeGrade::Two:
            return chinese ? "二级古树" : "Grade II ancient tree";
        case TreeGrade::Three:
            return chinese ? "三级古树" : "Grade III ancient tree";
        case TreeGrade::Famous:
            return chinese ? "名木" : "Famous tree";
        case TreeGrade::None:
            break;
    }
    return chinese ? "未达古树" : "Not an ancient tree";
}

double averageCrown(double eastWestM, double northSouthM) {
    return 0.5 * (eastWestM + northSouthM);
}

namespace {

struct DatasetCloser {
    void operator()(GDALDatasetH ds) const { GDALClose(ds); }
};
struct FeatureDeleter {
    void operator()(OGRFeatureH f) const { OGR_F_Destroy(f); }
};

/// The layer's own CRS, or the fallback when it has none (CSV).
Result<geo::Crs> layerCrsOf(OGRLayerH layer, const std::string& fallback) {
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer);
    if (!srs)
        return geo::Crs::fromUserString(fallback);
    char* wkt = nullptr;
    OSRExportToWkt(srs, &wkt);
    auto crs = geo::Crs::fromWkt(wkt ? wkt : "");
    CPLFree(wkt);
    return crs;
}

/// Index of the first field among names, or -1.
int findField(OGRFeatureDefnH defn, std::initializer_list<const char*> names) {
    for (const char* n : names) {
        const int i = OGR_FD_GetFieldIndex(defn, n);
        if (i >= 0)
            return i;
    }
    return -1;
}

std::optional<double> numberField(OGRFeatureH f, int index) {
    if (index < 0 || !OGR_F_IsFieldSetAndNotNull(f, index))
        return std::nullopt;
    const double v = OGR_F_GetFieldAsDouble(f, index);
    return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
}

std::string textField(OGRFeatureH f, int index) {
    if (index < 0 || !OGR_F_IsFieldSetAndNotNull(f, index))
        return {};
    return OGR_F_GetFieldAsString(f, index);
}

struct Fields {
    int id, species, name, height, crown, crownEw, crownNs, age, famous;
    explicit Fields(OGRFeatureDefnH d)
        : id(findField(d, {"id", "tree_id", "编号"})),
          species(findField(d, {"species_cn", "species_zh", "species", "树种", "物种"})),
          name(findField(d, {"name", "名称"})),
          height(findField(d, {"height_m", "height", "树高"})),
          crown(findField(d, {"crown_avg_m", "crown_m", "crown", "冠幅"})),
          crownEw(findField(d, {"crown_ew_m"})),
          crownNs(findField(d, {"crown_ns_m"})),
          age(findField(d, {"age_years", "age", "树龄"})),
          famous(findField(d, {"famous", "名木"})) {}
};

AncientTree treeFrom(OGRFeatureH f, const Fields& k, long row) {
    AncientTree t;
    t.id = textField(f, k.id);
    if (t.id.empty())
        t.id = "row " + std::to_string(row);
    t.speciesCn = textField(f, k.species);
    t.name = textField(f, k.name);
    t.heightM = numberField(f, k.height).value_or(t.heightM);
    const auto ew = numberField(f, k.crownEw), ns = numberField(f, k.crownNs);
    t.crownM = (ew && ns) ? averageCrown(*ew, *ns) : numberField(f, k.crown).value_or(t.crownM);
    t.ageYears = static_cast<int>(numberField(f, k.age).value_or(0));
    const std::string famous = textField(f, k.famous);
    t.famous = famous == "1" || famous == "true" || famous == "是";
    return t;
}

}  // namespace

Result<std::vector<AncientTree>> loadTrees(const std::string& path, const geo::Crs& working,
                                           const std::string& layerCrs) {
    geo::ensureGdalRegistered();
    if (!std::filesystem::exists(path))
        return Error{path, "", "file not found"};
    CPLPushErrorHandler(CPLQuietErrorHandler);
    const char* const openOptions[] = {"X_POSSIBLE_NAMES=lon,lng,longitude,x,lng_wgs84,经度",
                                       "Y_POSSIBLE_NAMES=lat,latitude,y,lat_wgs84,纬度",
                                       "AUTODETECT_TYPE=YES", nullptr};
    const char* const drivers[] = {"GeoJSON", "GPKG",       "ESRI Shapefile",
                                   "CSV",     "FlatGeobuf", nullptr};
    std::unique_ptr<void, DatasetCloser> ds(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, openOptions, nullptr));
    CPLPopErrorHandler();
    if (!ds)
        return Error{path, "",
                     "not a readable point layer (GeoJSON, GeoPackage, Shapefile or CSV)"};
    OGRLayerH layer = GDALDatasetGetLayer(ds.get(), 0);
    if (!layer)
        return Error{path, "", "the file has no layer"};

    auto srcCrs = layerCrsOf(layer, layerCrs);
    if (!srcCrs)
        return Error{path, "", srcCrs.errors()[0].message};
    auto transform = geo::Transform::create(srcCrs.value(), working);
    if (!transform)
        return Error{path, "", transform.errors()[0].message};

    std::vector<AncientTree> trees;
    std::vector<Error> problems;
    const Fields fields(OGR_L_GetLayerDefn(layer));
    OGR_L_ResetReading(layer);
    long row = 0;
    while (std::unique_ptr<void, FeatureDeleter> f{OGR_L_GetNextFeature(layer)}) {
        ++row;
        OGRGeometryH g = OGR_F_GetGeometryRef(f.get());
        if (!g || wkbFlatten(OGR_G_GetGeometryType(g)) != wkbPoint || OGR_G_IsEmpty(g)) {
            problems.push_back(
                {path, "row " + std::to_string(row), "no point geometry (lon/lat missing?)"});
            continue;
        }
        double x = OGR_G_GetX(g, 0), y = OGR_G_GetY(g, 0);
        if (!transform->apply(x, y)) {
            problems.push_back({path, "row " + std::to_string(row), "point cannot be transformed"});
            continue;
        }
        AncientTree t = treeFrom(static_cast<OGRFeatureH>(f.get()), fields, row);
        t.x = x;
        t.y = y;
        trees.push_back(std::move(t));
    }
    if (!problems.empty())
        return Result<std::vector<AncientTree>>::failure(problems);
    return trees;
}

}  // namespace cunjing::heritage
