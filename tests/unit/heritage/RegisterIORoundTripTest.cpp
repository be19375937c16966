#include <cunjing/heritage/RegisterIO.h>

#include "RegisterIOFixtures.h"

#include <gtest/gtest.h>

#include <fstream>

using namespace cunjing;
using namespace cunjing::heritage;
namespace fs = std::filesystem;

namespace {

/// Every field set, with the awkward characters a CSV has to quote.
TreeRecord fullTree() {
    TreeRecord t;
    t.id = "44010300017";
    t.surveyNo = "GZ-2023-0017";
    t.province = "广东省";
    t.city = "广州市";
    t.county = "荔湾区";
    t.town = "冲口街";
    t.village = "聚龙村";
    t.placeName = "村口, \"大榕树\" 旁";
    t.countyCode = "440103";
    t.lon = 113.23456789012345;
    t.lat = 23.087654321;
    t.altitudeM = 8.5;
    t.speciesCn = "榕树";
    t.latinName = "Ficus microcarpa";
    t.family = "桑科";
    t.genus = "榕属";
    t.ageYears = 320;
    t.ageMethod = AgeMethod::Documents;
    t.famous = false;
    t.statedGrade = TreeGrade::Two;
    t.heightM = 18.2;
    t.dbhCm = 152.7;
    t.crownEwM = 26.4;
    t.crownNsM = 22.1;
    t.crownAvgM = 24.25;
    t.vigour = Vigour::Weak;
    t.environment = Environment::Fair;
    t.ownership = Ownership::Collective;
    t.custodianUnit = "聚龙村委会";
    t.custodianPerson = "陈伯";
    t.threats = "根部硬化";
    t.protectionMeasures = "设围栏\n松土";
    t.story = "清初建村时所植。\r\n村人称为\"榕树头\"";
    t.photos = {"photos/17-full.jpg", "photos/17-trunk.jpg"};
    t.surveyDate = "2023-05-17";
    t.surveyor = "李工";
    t.synthetic = true;
    return t;
}

/// Few fields set: unset must stay unset, not read back as 0.
TreeRecord sparseTree() {
    TreeRecord t;
    t.id = "T-2";
    t.speciesCn = "木棉";
    t.lon = 113.5;
    t.lat = 22.25;
    t.famous = true;
    return t;
}

void expectSame(const TreeRecord& a, const TreeRecord& b, double coordTolerance) {
    SCOPED_TRACE(a.id);
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.surveyNo, b.surveyNo);
    EXPECT_EQ(a.province, b.province);
    EXPECT_EQ(a.city, b.city);
    EXPECT_EQ(a.county, b.county);
    EXPECT_EQ(a.town, b.town);
    EXPECT_EQ(a.village, b.village);
    EXPECT_EQ(a.placeName, b.placeName);
    EXPECT_EQ(a.countyCode, b.countyCode);
    if (coordTolerance == 0) {
        EXPECT_EQ(a.lon, b.lon);
        EXPECT_EQ(a.lat, b.lat);
    } else {
        EXPECT_NEAR(a.lon, b.lon, coordTolerance);
        EXPECT_NEAR(a.lat, b.lat, coordTolerance);
    }
    EXPECT_EQ(a.altitudeM, b.altitudeM);
    EXPECT_EQ(a.speciesCn, b.speciesCn);
    EXPECT_EQ(a.latinName, b.latinName);
    EXPECT_EQ(a.family, b.family);
    EXPECT_EQ(a.genus, b.genus);
    EXPECT_EQ(a.ageYears, b.ageYears);
    EXPECT_EQ(a.ageMethod, b.ageMethod);
    EXPECT_EQ(a.famous, b.famous);
    EXPECT_EQ(a.statedGrade, b.statedGrade);
    EXPECT_EQ(a.heightM, b.heightM);
    EXPECT_EQ(a.dbhCm, b.dbhCm);
    EXPECT_EQ(a.crownEwM, b.crownEwM);
    EXPECT_EQ(a.crownNsM, b.crownNsM);
    EXPECT_EQ(a.crownAvgM, b.crownAvgM);
    EXPECT_EQ(a.vigour, b.vigour);
    EXPECT_EQ(a.environment, b.environment);
    EXPECT_EQ(a.ownership, b.ownership);
    EXPECT_EQ(a.custodianUnit, b.custodianUnit);
    EXPECT_EQ(a.custodianPerson, b.custodianPerson);
    EXPECT_EQ(a.threats, b.threats);
    EXPECT_EQ(a.protectionMeasures, b.protectionMeasures);
    EXPECT_EQ(a.story, b.story);
    EXPECT_EQ(a.photos, b.photos);
    EXPECT_EQ(a.surveyDate, b.surveyDate);
    EXPECT_EQ(a.surveyor, b.surveyor);
    EXPECT_EQ(a.synthetic, b.synthetic);
}

void roundTripTrees(const std::string& extension, double coordTolerance) {
    const fs::path file = test::registerCaseDir() / ("register" + extension);
    const std::vector<TreeRecord> records{fullTree(), sparseTree()};
    std::vector<TreeRecord> expected = records;
    if (extension == ".xlsx") {
        // XLSX is XML, whose parsers turn every CR LF into LF (XML 1.0 §2.11); Excel does too.
        std::string& story = expected[0].story;
        story.erase(story.find('\r'), 1);
    }
    Status written = writeTreeRegister(file.string(), records);
    ASSERT_TRUE(written.ok()) << written.firstError();
    auto read = readTreeRegister(file.string());
    ASSERT_TRUE(read.ok()) << read.firstError();
    EXPECT_EQ(read->mapping, "cunjing");
    EXPECT_TRUE(read->rowErrors.empty()) << read->rowErrors.front().toString();
    ASSERT_EQ(read->records.size(), records.size());
    for (std::size_t i = 0; i < records.size(); ++i)
        expectSame(expected[i], read->records[i], coordTolerance);
    // Nothing left behind but the file itself: the temporary was renamed into place.
    int files = 0;
    for (const auto& entry : fs::directory_iterator(file.parent_path()))
        files += entry.path().filename().string().find(".tmp-") != std::string::npos;
    EXPECT_EQ(files, 0);
}

}  // namespace

TEST(RegisterRoundTrip, CsvImportsBackUnchanged) {
    roundTripTrees(".csv", 0);
}

TEST(RegisterRoundTrip, GeoJsonImportsBackUnchanged) {
    roundTripTrees(".geojson", 1e-12);
}

TEST(RegisterRoundTrip, GeoPackageImportsBackUnchanged) {
    roundTripTrees(".gpkg", 1e-12);
}

TEST(RegisterRoundTrip, XlsxImportsBackUnchanged) {
    roundTripTrees(".xlsx", 1e-12);
}

TEST(RegisterRoundTrip, CsvHasBomAndOurHeader) {
    const fs::path file = test::registerCaseDir() / "trees.csv";
    ASSERT_TRUE(writeTreeRegister(file.string(), {sparseTree()}).ok());
    std::ifstream in(file, std::ios::binary);
    std::string line;
    std::getline(in, line);
    ASSERT_GE(line.size(), 3u);
    EXPECT_EQ(line.substr(0, 3), "\xEF\xBB\xBF");
    std::string expected;
    for (const std::string& c : treeRegisterColumns())
        expected += (expected.empty() ? "" : ",") + c;
    EXPECT_EQ(line.substr(3), expected + "\r");
}

TEST(RegisterRoundTrip, VillagesThroughCsvAndGeoPackage) {
    auto gd = readVillageRegister(
        (test::sharedData() / "villages" / "cn_traditional_villages_guangdong.csv").string());
    ASSERT_TRUE(gd.ok()) << gd.firstError();
    std::vector<VillageRecord> records = gd->records;
    records[0].areaHa = 12.5;
    records[0].population = 1830;
    records[0].protectedUnits = {"侯南村古建筑群", "肇庆堂"};
    records[0].scoreAge = 9;
    const fs::path dir = test::registerCaseDir();
    for (const char* name : {"v.csv", "v.gpkg"}) {
        SCOPED_TRACE(name);
        ASSERT_TRUE(writeVillageRegister((dir / name).string(), records).ok());
        auto back = readVillageRegister((dir / name).string());
        ASSERT_TRUE(back.ok()) << back.firstError();
        ASSERT_EQ(back->records.size(), records.size());
        for (std::size_t i = 0; i < records.size(); ++i) {
            const VillageRecord &a = records[i], &b = back->records[i];
            EXPECT_EQ(a.id, b.id);
            EXPECT_EQ(a.name, b.name);
            EXPECT_EQ(a.county, b.county);
            EXPECT_EQ(a.batch, b.batch);
            EXPECT_EQ(a.year, b.year);
            EXPECT_NEAR(a.lon, b.lon, 1e-12);
            EXPECT_NEAR(a.lat, b.lat, 1e-12);
            EXPECT_EQ(a.areaHa, b.areaHa);
            EXPECT_EQ(a.population, b.population);
            EXPECT_EQ(a.households, b.households);
            EXPECT_EQ(a.protectedUnits, b.protectedUnits);
            EXPECT_EQ(a.scoreAge, b.scoreAge);
        }
    }
}

TEST(RegisterRoundTrip, WritingIntoAMissingFolderFails) {
    const fs::path file = test::registerCaseDir() / "no-such-folder" / "t.csv";
    Status s = writeTreeRegister(file.string(), {sparseTree()});
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.firstError().find("does not exist"), std::string::npos);
}
