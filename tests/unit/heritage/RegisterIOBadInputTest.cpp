#include <cunjing/heritage/RegisterIO.h>

#include "RegisterIOFixtures.h"

#include <gtest/gtest.h>

using namespace cunjing;
using namespace cunjing::heritage;
namespace fs = std::filesystem;

namespace {

/// The one row error at `where`, or fails the test.
const Error* errorAt(const std::vector<Error>& errors, const std::string& where) {
    for (const Error& e : errors) {
        if (e.where == where)
            return &e;
    }
    std::string all;
    for (const Error& e : errors)
        all += e.toString() + "\n";
    ADD_FAILURE() << "no error at " << where << "; errors:\n" << all;
    return nullptr;
}

std::string village(const std::string& name, const std::string& lon, const std::string& lat,
                    const std::string& batch = "二") {
    return "广东省,梅州市,大埔县,百侯镇," + name + ",广东省梅州市大埔县百侯镇" + name + "," +
           batch + "," + lon + "," + lat + "\n";
}

}  // namespace

TEST(RegisterImportBadInput, CoordinatesOutOfRangeNameRowAndField) {
    const fs::path dir = test::registerCaseDir();
    test::writeBytes(dir / "v.csv",
                     std::string(test::villageListHeader()) + village("甲村", "116.7", "24.3") +
                         village("乙村", "216.7", "24.3") + village("丙村", "116.7", "-95"));
    auto read = readVillageRegister((dir / "v.csv").string());
    ASSERT_TRUE(read.ok()) << read.firstError();
    ASSERT_EQ(read->records.size(), 1u);  // the good row still comes back
    EXPECT_EQ(read->records[0].name, "甲村");
    ASSERT_EQ(read->rowErrors.size(), 2u);
    const Error* lon = errorAt(read->rowErrors, "row 3, field 'lng_wgs84'");
    ASSERT_TRUE(lon);
    EXPECT_NE(lon->message.find("216.7"), std::string::npos);
    EXPECT_EQ(lon->file, (dir / "v.csv").string());
    EXPECT_TRUE(errorAt(read->rowErrors, "row 4, field 'lat_wgs84'"));
}

TEST(RegisterImportBadInput, TextInANumericField) {
    const fs::path dir = test::registerCaseDir();
    test::writeBytes(dir / "v.csv", std::string(test::villageListHeader()) +
                                        village("甲村", "116.7", "北纬24度") +
                                        village("乙村", "116.7", "24.3"));
    auto read = readVillageRegister((dir / "v.csv").string());
    ASSERT_TRUE(read.ok()) << read.firstError();
    EXPECT_EQ(read->records.size(), 1u);
    const Error* e = errorAt(read->rowErrors, "row 2, field 'lat_wgs84'");
    ASSERT_TRUE(e);
    EXPECT_NE(e->message.find("not a number"), std::string::npos) << e->message;
}

TEST(RegisterImportBadInput, DuplicateIdsNameTheFirstRow) {
    const fs::path dir = test::registerCaseDir();
    test::writeBytes(dir / "t.csv",
                     "id,species_cn,age_years,stated_grade,lon,lat\n"
                     "44010300001,榕树,320,2,113.2,23.1\n"
                     "44010300002,樟树,120,3,113.2,23.1\n"
                     "44010300001,荔枝,150,3,113.2,23.1\n");
    auto read = readTreeRegister((dir / "t.csv").string());
    ASSERT_TRUE(read.ok()) << read.firstError();
    EXPECT_EQ(read->mapping, "cunjing");
    EXPECT_EQ(read->records.size(), 2u);
    const Error* e = errorAt(read->rowErrors, "row 4, field 'id'");
    ASSERT_TRUE(e);
    EXPECT_NE(e->message.find("row 2"), std::string::npos) << e->message;
}

TEST(RegisterImportBadInput, UnknownGradeWordListsTheKnownOnes) {
    const fs::path dir = test::registerCaseDir();
    test::writeBytes(dir / "m.csv",
                     "古樹名錄\n分級,樹齡,古樹編號,品種,樹高（米）,健康狀況,地點,堂區\n"
                     "一級,515,544,海南蒲桃,12,瀕危,澳門區觀音古廟,花地瑪堂區\n"
                     "四級,95,545,海南蒲桃,12,健康,澳門區觀音古廟,花地瑪堂區\n");
    auto read = readTreeRegister((dir / "m.csv").string());
    ASSERT_TRUE(read.ok()) << read.firstError();
    EXPECT_EQ(read->records.size(), 1u);
    const Error* e = errorAt(read->rowErrors, "row 4, field '分級'");
    ASSERT_TRUE(e);
    EXPECT_NE(e->message.find("四級"), std::string::npos);
    EXPECT_NE(e->message.find("三級"), std::string::npos) << e->message;
}

TEST(RegisterImportBadInput, GeojsonThatIsNotGeojson) {
    const fs::path dir = test::registerCaseDir();
    test::writeBytes(dir / "trees.geojson", "id,species_cn\n1,榕树\n");
    auto read = readTreeRegister((dir / "trees.geojson").string());
    ASSERT_FALSE(read.ok());
    EXPECT_NE(read.firstError().find("not a GeoJSON file"), std::string::npos) << read.firstError();
}

TEST(RegisterImportBadInput, EmptyFilesAreRefused) {
    const fs::path dir = test::registerCaseDir();
    for (const char* name : {"empty.csv", "empty.geojson", "empty.xlsx"}) {
        test::writeBytes(dir / name, "");
        auto read = readTreeRegister((dir / name).string());
        ASSERT_FALSE(read.ok()) << name;
        EXPECT_NE(read.firstError().find("empty"), std::string::npos) << read.firstError();
    }
    test::writeBytes(dir / "bom.csv", "\xEF\xBB\xBF\r\n");
    EXPECT_FALSE(readTreeRegister((dir / "bom.csv").string()).ok());
    test::writeBytes(dir / "header.csv", "id,species_cn,age_years,stated_grade\n");
    auto headerOnly = readTreeRegister((dir / "header.csv").string());
    ASSERT_FALSE(headerOnly.ok());
    EXPECT_NE(headerOnly.firstError().find("no data rows"), std::string::npos);
}

TEST(RegisterImportBadInput, EnormousLineIsOneBadRow) {
    const fs::path dir = test::registerCaseDir();
    const std::string huge(3u << 20, 'x');  // 3 MiB in one cell, no newline in it
    test::writeBytes(dir / "v.csv", std::string(test::villageListHeader()) +
                                        village("甲村", "116.7", "24.3") + "广东省," + huge + "\n" +
                                        village("乙村", "116.8", "24.4"));
    auto read = readVillageRegister((dir / "v.csv").string());
    ASSERT_TRUE(read.ok()) << read.firstError();
    EXPECT_EQ(read->records.size(), 2u);  // the rows either side are unharmed
    const Error* e = errorAt(read->rowErrors, "row 3");
    ASSERT_TRUE(e);
    EXPECT_NE(e->message.find("over the limit of 1048576"), std::string::npos) << e->message;
}

TEST(RegisterImportBadInput, UnclosedQuoteIsReported) {
    const fs::path dir = test::registerCaseDir();
    test::writeBytes(dir / "v.csv", std::string(test::villageListHeader()) +
                                        village("甲村", "116.7", "24.3") + "\"广东省,梅州市\n");
    auto read = readVillageRegister((dir / "v.csv").string());
    ASSERT_TRUE(read.ok()) << read.firstError();
    EXPECT_EQ(read->records.size(), 1u);
    const Error* e = errorAt(read->rowErrors, "row 3");
    ASSERT_TRUE(e);
    EXPECT_NE(e->message.find("never closed"), std::string::npos);
}

TEST(RegisterImportBadInput, MissingCoordinatesWhereTheMappingHasThem) {
    const fs::path dir = test::registerCaseDir();
    test::writeBytes(dir / "v.csv",
                     std::string(test::villageListHeader()) + village("甲村", "", ""));
    auto read = readVillageRegister((dir / "v.csv").string());
    ASSERT_TRUE(read.ok()) << read.firstError();
    EXPECT_TRUE(read->records.empty());
    const Error* e = errorAt(read->rowErrors, "row 2, field 'lng_wgs84'");
    ASSERT_TRUE(e);
    EXPECT_NE(e->message.find("no coordinates"), std::string::npos);
}

TEST(RegisterImportBadInput, RecordsWithoutIdGetTheSameIdEachTime) {
    const fs::path dir = test::registerCaseDir();
    test::writeBytes(dir / "t.csv",
                     "id,species_cn,age_years,stated_grade,lon,lat\n"
                     ",榕树,320,,113.2,23.1\n"
                     "A7,樟树,120,,113.2,23.1\n"
                     ",荔枝,150,,113.2,23.1\n");
    auto first = readTreeRegister((dir / "t.csv").string());
    auto second = readTreeRegister((dir / "t.csv").string());
    ASSERT_TRUE(first.ok() && second.ok());
    ASSERT_EQ(first->records.size(), 3u);
    EXPECT_EQ(first->records[0].id, "cunjing-2");
    EXPECT_EQ(first->records[2].id, "cunjing-4");
    EXPECT_EQ(second->records[2].id, first->records[2].id);
}

TEST(RegisterImportBadInput, NoMappingFitsTheHeader) {
    const fs::path dir = test::registerCaseDir();
    test::writeBytes(dir / "x.csv", "a,b,c\n1,2,3\n");
    auto read = readTreeRegister((dir / "x.csv").string());
    ASSERT_FALSE(read.ok());
    EXPECT_NE(read.firstError().find("--map"), std::string::npos) << read.firstError();
    test::writeBytes(dir / "x.dat", "a,b,c\n1,2,3\n");
    EXPECT_FALSE(readTreeRegister((dir / "x.dat").string()).ok());
    EXPECT_FALSE(readTreeRegister((dir / "missing.csv").string()).ok());
}

TEST(RegisterImportBadInput, OversizedFileIsRefusedBeforeReading) {
    const fs::path dir = test::registerCaseDir();
    test::writeBytes(dir / "v.csv",
                     std::string(test::villageListHeader()) + village("甲村", "116.7", "24.3"));
    RegisterReadOptions small;
    small.maxFileBytes = 64;
    auto read = readVillageRegister((dir / "v.csv").string(), small);
    ASSERT_FALSE(read.ok());
    EXPECT_NE(read.firstError().find("over the limit"), std::string::npos);
}
