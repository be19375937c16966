#include <cunjing/geo/VectorIO.h>

#include <TestPaths.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace cunjing;
using namespace cunjing::geo;

namespace {

namespace fs = std::filesystem;

/// A folder of this test's own: ctest runs every case in its own process, in parallel.
fs::path caseDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const fs::path dir = test::outputDir("geo") / (std::string(info->test_suite_name()) + "-" +
                                                   info->name() + "-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

Crs crs(const std::string& code) {
    auto c = Crs::fromUserString(code);
    EXPECT_TRUE(c.ok()) << c.firstError();
    return c.value();
}

void writeText(const fs::path& p, const std::string& text) {
    std::ofstream(p) << text;
}

std::vector<VectorLayerToWrite> sampleLayers() {
    VectorLayerToWrite polygons{
        "parcels",
        LayerGeometry::Polygon,
        {{"name", FieldType::String}, {"storeys", FieldType::Integer}, {"facing", FieldType::Real}},
        {}};
    VectorFeature f;
    f.polygons.push_back({{{384000, 2571000}, {384010, 2571000}, {384010, 2571012}}, {}});
    f.fields = {{"name", std::string("祠堂")}, {"storeys", std::int64_t{2}}, {"facing", 157.5}};
    polygons.features.push_back(f);
    VectorFeature g = f;
    g.fields = {{"name", std::string("")}, {"storeys", std::monostate{}}};
    polygons.features.push_back(g);
    VectorLayerToWrite points{"trees", LayerGeometry::Point, {{"height_m", FieldType::Real}}, {}};
    VectorFeature t;
    t.point = Point2d{384005, 2571020};
    t.fields = {{"height_m", 15.5}};
    points.features.push_back(t);
    return {polygons, points};
}

}  // namespace

TEST(VectorIO, GeoPackageRoundTripKeepsGeometryFieldsAndCrs) {
    const fs::path file = caseDir() / "plan.gpkg";
    ASSERT_TRUE(writeGeoPackage(file.string(), sampleLayers(), crs("EPSG:4547")).ok());
    auto layers = readVectorFile(file.string(), crs("EPSG:4547"));
    ASSERT_TRUE(layers.ok()) << layers.firstError();
    ASSERT_EQ(layers->size(), 2u);
    const VectorLayer& parcels = layers->at(0);
    EXPECT_EQ(parcels.name, "parcels");
    EXPECT_EQ(parcels.sourceCrs, "EPSG:4547");
    ASSERT_EQ(parcels.features.size(), 2u);
    const VectorFeature& a = parcels.features[0];
    EXPECT_EQ(a.geometryType, "POLYGON");
    ASSERT_EQ(a.polygons.size(), 1u);
    ASSERT_EQ(a.polygons[0].outer.size(), 3u);  // the closing point is dropped
    EXPECT_DOUBLE_EQ(a.polygons[0].outer[2].y, 2571012);
    EXPECT_EQ(fieldText(*a.field("name")), "祠堂");
    EXPECT_EQ(std::get<std::int64_t>(*a.field("STOREYS")), 2);  // names match in any case
    EXPECT_DOUBLE_EQ(std::get<double>(*a.field("facing")), 157.5);
    EXPECT_TRUE(std::holds_alternative<std::monostate>(*parcels.features[1].field("storeys")));
    EXPECT_EQ(a.field("nosuch"), nullptr);
    const VectorLayer& trees = layers->at(1);
    ASSERT_EQ(trees.features.size(), 1u);
    ASSERT_TRUE(trees.features[0].point.has_value());
    EXPECT_DOUBLE_EQ(trees.features[0].point->x, 384005);
}

TEST(VectorIO, GeoJsonIsTransformedIntoTheTargetCrs) {
    const fs::path file = caseDir() / "site.geojson";
    writeText(file, R"({"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"kind": "pond"},
       "geometry": {"type": "MultiPolygon", "coordinates": [[[[113.0, 23.1], [113.001, 23.1],
                    [113.001, 23.101], [113.0, 23.1]]]]}},
      {"type": "Feature", "properties": {"kind": "tree"},
       "geometry": {"type": "Point", "coordinates": [113.0, 23.1]}}]})");
    const Crs gk = crs("EPSG:4547");
    auto layers = readVectorFile(file.string(), gk);
    ASSERT_TRUE(layers.ok()) << layers.firstError();
    const auto& features = layers->at(0).features;
    ASSERT_EQ(features.size(), 2u);
    double x = 113.0, y = 23.1;
    ASSERT_TRUE(Transform::create(crs("EPSG:4326"), gk)->apply(x, y));
    ASSERT_EQ(features[0].polygons.size(), 1u);
    EXPECT_NEAR(features[0].polygons[0].outer[0].x, x, 1e-6);
    EXPECT_NEAR(features[0].polygons[0].outer[0].y, y, 1e-6);
    ASSERT_TRUE(features[1].point.has_value());
    EXPECT_NEAR(features[1].point->x, x, 1e-6);
    EXPECT_GT(x, 300000);  // metres, not degrees
}

TEST(VectorIO, ShapefileWithoutPrjTakesTheDefaultCrs) {
    const fs::path dir = caseDir();
    writeText(dir / "in.geojson",
              R"({"type": "FeatureCollection", "features": [{"type": "Feature",
                 "properties": {"id": "a", "storeys": 1},
                 "geometry": {"type": "Polygon", "coordinates": [[[10, 20], [30, 20], [30, 40],
                 [10, 20]]]}}]})");
    const fs::path shp = dir / "in.shp";
    const auto r = test::runCommand("ogr2ogr -f 'ESRI Shapefile' '" + shp.string() + "' '" +
                                    (dir / "in.geojson").string() + "'");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    fs::remove(dir / "in.prj");
    const Crs gk = crs("EPSG:4547");
    auto none = readVectorFile(shp.string(), gk);
    ASSERT_FALSE(none.ok());
    EXPECT_NE(none.firstError().find("in.shp"), std::string::npos) << none.firstError();
    EXPECT_NE(none.firstError().find("layer 'in'"), std::string::npos) << none.firstError();
    EXPECT_NE(none.firstError().find("no CRS"), std::string::npos) << none.firstError();

    VectorReadOptions options;
    options.defaultCrs = "EPSG:4547";
    auto layers = readVectorFile(shp.string(), gk, options);
    ASSERT_TRUE(layers.ok()) << layers.firstError();
    const VectorFeature& f = layers->at(0).features.at(0);
    EXPECT_EQ(fieldText(*f.field("id")), "a");
    EXPECT_EQ(fieldText(*f.field("storeys")), "1");
    ASSERT_EQ(f.polygons.size(), 1u);
    EXPECT_DOUBLE_EQ(f.polygons[0].outer[1].x, 30);
}

TEST(VectorIO, UnreadableInputsNameTheFile) {
    const fs::path dir = caseDir();
    const Crs gk = crs("EPSG:4547");
    auto missing = readVectorFile((dir / "nope.gpkg").string(), gk);
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.firstError().find("nope.gpkg: file not found"), std::string::npos);
    writeText(dir / "junk.geojson", "this is not json");
    auto junk = readVectorFile((dir / "junk.geojson").string(), gk);
    ASSERT_FALSE(junk.ok());
    EXPECT_NE(junk.firstError().find("junk.geojson"), std::string::npos);
    EXPECT_NE(junk.firstError().find("GeoJSON, GeoPackage or Shapefile"), std::string::npos);
    // A VRT could read any file on the machine: refused even when well formed.
    writeText(dir / "x.vrt", "<OGRVRTDataSource><OGRVRTLayer name=\"x\"><SrcDataSource>" +
                                 (dir / "junk.geojson").string() +
                                 "</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>");
    EXPECT_FALSE(readVectorFile((dir / "x.vrt").string(), gk).ok());
}

TEST(VectorIO, WriteIntoAMissingFolderFailsAndWritesNothing) {
    const fs::path dir = caseDir();
    const fs::path file = dir / "missing" / "plan.gpkg";
    const Status s = writeGeoPackage(file.string(), sampleLayers(), crs("EPSG:4547"));
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.firstError().find("does not exist"), std::string::npos) << s.firstError();
    EXPECT_FALSE(fs::exists(dir / "missing"));
}

TEST(VectorIO, FailedWriteKeepsTheOldFileAndLeavesNoTemporary) {
    const fs::path dir = caseDir();
    const fs::path file = dir / "plan.gpkg";
    ASSERT_TRUE(writeGeoPackage(file.string(), sampleLayers(), crs("EPSG:4547")).ok());
    const auto before = fs::file_size(file);
    auto broken = sampleLayers();
    broken[0].features[1].polygons[0].outer.resize(2);
    const Status s = writeGeoPackage(file.string(), broken, crs("EPSG:4547"));
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.firstError().find("layer 'parcels', feature 2"), std::string::npos)
        << s.firstError();
    EXPECT_NE(s.firstError().find("3 or more points"), std::string::npos);
    EXPECT_EQ(fs::file_size(file), before);
    int entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir))
        ++entries;
    EXPECT_EQ(entries, 1);  // only plan.gpkg: the temporary file is gone
    auto layers = readVectorFile(file.string(), crs("EPSG:4547"));
    ASSERT_TRUE(layers.ok());
    EXPECT_EQ(layers->at(0).features.size(), 2u);
}
