#include <cunjing/heritage/Registry.h>

#include "RegistryCrashHarness.h"
#include "TestPaths.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

using namespace cunjing;
using namespace cunjing::heritage;

namespace {

/// Each case gets its own register (ctest runs cases in parallel processes): a GeoPackage
/// named after the test and the pid, or a PostgreSQL schema named the same way.
std::string freshTarget(const std::string& backend) {
    const auto* info = testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(info->test_suite_name()) + "_" + info->name();
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)))
            c = '_';
    name += "_" + std::to_string(getpid());
    if (backend == "pg") {
        const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
        const std::string schema = "t_" + std::to_string(stamp % 1000000000) + "_" + name;
        const std::string lower = [&] {
            std::string s = schema.substr(0, 60);
            for (char& c : s)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return s;
        }();
        return std::string(std::getenv("CUNJING_TEST_PG")) + " active_schema=" + lower +
               " schemas=" + lower;
    }
    const auto path = test::outputDir("registry") / (name + ".gpkg");
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path.string() + suffix);
    return path.string();
}

TreeRecord banyan(const std::string& id, int age) {
    TreeRecord t;
    t.id = id;
    t.surveyNo = "S-" + id;
    t.province = "广东省";
    t.city = "佛山市";
    t.county = "南海区";
    t.town = "西樵镇";
    t.village = "松塘村";
    t.placeName = "村口";
    t.countyCode = "440605";
    t.lon = 112.9678;
    t.lat = 22.9345;
    t.altitudeM = 12.5;
    t.speciesCn = "榕树";
    t.latinName = "Ficus microcarpa";
    t.family = "桑科";
    t.genus = "榕属";
    t.ageYears = age;
    t.ageMethod = AgeMethod::Documents;
    t.heightM = 18;
    t.dbhCm = 210;
    t.crownEwM = 24;
    t.crownNsM = 20;
    t.crownAvgM = 22;
    t.vigour = Vigour::Normal;
    t.environment = Environment::Good;
    t.ownership = Ownership::Collective;
    t.custodianUnit = "松塘村委会";
    t.threats = "道路硬化";
    t.story = "村民称“风水树”, it's old";
    t.photos = {"photos/a.jpg", "photos/b.jpg"};
    t.surveyDate = "2023-05-01";
    t.surveyor = "林工";
    return t;
}

VillageRecord songtang() {
    VillageRecord v;
    v.id = "GD-1-001";
    v.name = "松塘村";
    v.province = "广东省";
    v.city = "佛山市";
    v.county = "南海区";
    v.town = "西樵镇";
    v.adminCode = "440605116210";
    v.lon = 112.97;
    v.lat = 22.93;
    v.batch = 1;
    v.year = 2012;
    v.areaHa = 33.5;
    v.population = 2100;
    v.protectedUnits = {"区氏大宗祠", "翰林门"};
    v.zones = {{ZoneKind::Core, {{{112.96, 22.92}, {112.98, 22.92}, {112.98, 22.94}}}},
               {ZoneKind::ConstructionControl,
                {{{112.95, 22.91}, {112.99, 22.91}, {112.99, 22.95}, {112.95, 22.95}}}}};
    return v;
}

class RegistryTest : public testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        if (GetParam() == "pg" && !std::getenv("CUNJING_TEST_PG"))
            GTEST_SKIP() << "CUNJING_TEST_PG is not set; ./test.sh starts a PostGIS cluster "
                            "and sets it";
        target_ = freshTarget(GetParam());
    }
    Registry open(const std::string& actor = "tester") {
        auto r = Registry::open(target_, {.actor = actor, .rules = {}});
        EXPECT_TRUE(r.ok()) << r.firstError();
        if (!r.ok())
            throw std::runtime_error(r.firstError());
        return std::move(r).value();
    }
    std::string target_;
};

int ageOf(Registry& r, const std::string& id) {
    auto t = r.tree(id);
    return t.ok() && t.value() ? t.value()->ageYears.value_or(-1) : -1;
}

}  // namespace

TEST_P(RegistryTest, TreeRoundTripsEveryField) {
    Registry r = open();
    const TreeRecord in = banyan("44060500001", 320);
    ASSERT_TRUE(r.insert(in).ok());
    auto out = r.tree(in.id);
    ASSERT_TRUE(out.ok()) << out.firstError();
    ASSERT_TRUE(out.value().has_value());
    EXPECT_EQ(Registry::toJson(*out.value()), Registry::toJson(in));
    EXPECT_FALSE(out.value()->statedGrade.has_value());  // NULL stays NULL, not 0
    EXPECT_EQ(out.value()->photos.size(), 2u);
}

TEST_P(RegistryTest, VillageWithZonesRoundTrips) {
    Registry r = open();
    ASSERT_TRUE(r.insert(songtang()).ok());
    auto out = r.village("GD-1-001");
    ASSERT_TRUE(out.ok() && out.value());
    EXPECT_EQ(Registry::toJson(*out.value()), Registry::toJson(songtang()));
    ASSERT_EQ(out.value()->zones.size(), 2u);
    EXPECT_EQ(out.value()->zones[1].kind, ZoneKind::ConstructionControl);
    EXPECT_EQ(out.value()->zones[1].rings[0].size(), 4u);  // the closing point is implicit
}

TEST_P(RegistryTest, EditsWriteOneAuditRowEachWithOldAndNew) {
    Registry r = open("林工");
    ASSERT_TRUE(r.insert(banyan("A", 120)).ok());
    ASSERT_TRUE(r.update(banyan("A", 130)).ok());
    ASSERT_TRUE(r.removeTree("A").ok());
    auto h = r.history("A");
    ASSERT_TRUE(h.ok());
    ASSERT_EQ(h->size(), 3u);
    const auto& del = h.value()[0];  // newest first
    const auto& upd = h.value()[1];
    const auto& ins = h.value()[2];
    EXPECT_EQ(ins.action, "insert");
    EXPECT_TRUE(ins.oldJson.empty());
    EXPECT_NE(ins.newJson.find("\"age_years\":120"), std::string::npos);
    EXPECT_EQ(upd.action, "update");
    EXPECT_NE(upd.oldJson.find("\"age_years\":120"), std::string::npos);
    EXPECT_NE(upd.newJson.find("\"age_years\":130"), std::string::npos);
    EXPECT_EQ(del.action, "delete");
    EXPECT_TRUE(del.newJson.empty());
    EXPECT_EQ(del.who, "林工");
    EXPECT_EQ(del.table, "trees");
    EXPECT_EQ(del.at.size(), 20u);  // 2025-03-15T08:30:00Z
    EXPECT_NE(ins.txn, upd.txn);
}

TEST_P(RegistryTest, FailedEditsWriteNothing) {
    Registry r = open();
    ASSERT_TRUE(r.insert(banyan("A", 120)).ok());
    auto dup = r.insert(banyan("A", 999));
    ASSERT_FALSE(dup.ok());
    EXPECT_NE(dup.firstError().find("'A'"), std::string::npos);
    EXPECT_FALSE(r.update(banyan("missing", 1)).ok());
    EXPECT_FALSE(r.removeTree("missing").ok());
    EXPECT_EQ(ageOf(r, "A"), 120);
    EXPECT_EQ(r.history()->size(), 1u);
}

TEST_P(RegistryTest, UndoAndRedoSurviveReopening) {
    {
        Registry r = open();
        ASSERT_TRUE(r.insert(banyan("A", 120)).ok());
        ASSERT_TRUE(r.update(banyan("A", 130)).ok());
    }
    {
        Registry r = open();
        auto step = r.undo();
        ASSERT_TRUE(step.ok()) << step.firstError();
        ASSERT_TRUE(step.value().has_value());
        EXPECT_EQ(step.value()->action, "update");
        EXPECT_EQ(ageOf(r, "A"), 120);
    }
    {
        Registry r = open();
        ASSERT_TRUE(r.undo().ok());
        EXPECT_FALSE(r.tree("A")->has_value());  // the insert is taken back too
        EXPECT_FALSE(r.undo()->has_value());     // nothing left
    }
    {
        Registry r = open();
        ASSERT_TRUE(r.redo()->has_value());
        EXPECT_EQ(ageOf(r, "A"), 120);
    }
    Registry r = open();
    ASSERT_TRUE(r.redo()->has_value());
    EXPECT_EQ(ageOf(r, "A"), 130);
    EXPECT_FALSE(r.redo()->has_value());
    const auto h = r.history("A");
    EXPECT_EQ(h.value()[0].action, "redo");
}

TEST_P(RegistryTest, NewEditAfterUndoEndsTheRedoChain) {
    Registry r = open();
    ASSERT_TRUE(r.insert(banyan("A", 120)).ok());
    ASSERT_TRUE(r.update(banyan("A", 130)).ok());
    ASSERT_TRUE(r.undo()->has_value());
    ASSERT_TRUE(r.update(banyan("A", 140)).ok());
    EXPECT_FALSE(r.redo()->has_value());
    ASSERT_TRUE(r.undo()->has_value());
    EXPECT_EQ(ageOf(r, "A"), 120);
}

TEST_P(RegistryTest, UndoOfDeleteBringsTheVillageAndZonesBack) {
    Registry r = open();
    ASSERT_TRUE(r.insert(songtang()).ok());
    ASSERT_TRUE(r.removeVillage("GD-1-001").ok());
    EXPECT_FALSE(r.village("GD-1-001")->has_value());
    ASSERT_TRUE(r.undo()->has_value());
    auto back = r.village("GD-1-001");
    ASSERT_TRUE(back.ok() && back.value());
    EXPECT_EQ(back.value()->zones.size(), 2u);
}

TEST_P(RegistryTest, DryRunReportsChangesAndWritesNothing) {
    Registry r = open();
    ASSERT_TRUE(r.importBatch(std::vector{banyan("A", 120), banyan("B", 200)}, false).ok());
    const std::vector batch{banyan("A", 120), banyan("B", 250), banyan("C", 600)};
    auto dry = r.importBatch(batch, true);
    ASSERT_TRUE(dry.ok()) << dry.firstError();
    EXPECT_TRUE(dry->dryRun);
    EXPECT_EQ(dry->unchanged, std::vector<std::string>{"A"});
    EXPECT_EQ(dry->changed, std::vector<std::string>{"B"});
    EXPECT_EQ(dry->added, std::vector<std::string>{"C"});
    EXPECT_EQ(ageOf(r, "B"), 200);
    EXPECT_FALSE(r.tree("C")->has_value());

    auto real = r.importBatch(batch, false);
    ASSERT_TRUE(real.ok());
    EXPECT_EQ(ageOf(r, "B"), 250);
    EXPECT_EQ(r.treesOfGrade(TreeGrade::One)->size(), 1u);
    // One undo takes the whole import back.
    auto step = r.undo();
    ASSERT_TRUE(step.ok() && step.value());
    EXPECT_EQ(step.value()->recordIds.size(), 2u);
    EXPECT_EQ(ageOf(r, "B"), 200);
    EXPECT_FALSE(r.tree("C")->has_value());
}

TEST_P(RegistryTest, AnUndoneImportIsRedoneWithEveryRecord) {
    // Imported inserts keep no copy in the audit trail until they are undone (importBatch):
    // undo must keep them so that redo brings back the same records.
    Registry r = open();
    ASSERT_TRUE(r.importBatch(std::vector{banyan("A", 120), banyan("C", 600)}, false).ok());
    ASSERT_TRUE(r.undo().ok());
    EXPECT_FALSE(r.tree("A")->has_value());
    EXPECT_FALSE(r.tree("C")->has_value());
    auto redone = r.redo();
    ASSERT_TRUE(redone.ok() && redone.value()) << redone.firstError();
    EXPECT_EQ(ageOf(r, "A"), 120);
    EXPECT_EQ(ageOf(r, "C"), 600);
    ASSERT_TRUE(r.undo().ok());
    EXPECT_FALSE(r.tree("C")->has_value());
}

TEST_P(RegistryTest, BatchWithADuplicateIdWritesNothing) {
    Registry r = open();
    auto result =
        r.importBatch(std::vector{banyan("A", 120), banyan("B", 1), banyan("A", 3)}, false);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.errors()[0].where, "record 3, field 'id'");
    EXPECT_TRUE(r.trees()->empty());
    EXPECT_TRUE(r.history()->empty());
}

TEST_P(RegistryTest, FindByTextAndGrade) {
    Registry r = open();
    TreeRecord camphor = banyan("B", 520);
    camphor.speciesCn = "樟树";
    camphor.latinName = "Cinnamomum camphora";
    camphor.town = "九江镇";
    ASSERT_TRUE(r.importBatch(std::vector{banyan("A", 120), camphor}, false).ok());
    EXPECT_EQ(r.findTrees("樟")->size(), 1u);
    EXPECT_EQ(r.findTrees("CINNAMOMUM")->size(), 1u);
    EXPECT_EQ(r.findTrees("九江")->front().id, "B");
    EXPECT_EQ(r.findTrees("榕")->front().id, "A");
    EXPECT_EQ(r.treesOfGrade(TreeGrade::One)->front().id, "B");
    EXPECT_EQ(r.treesOfGrade(TreeGrade::Three)->front().id, "A");
    EXPECT_TRUE(r.treesOfGrade(TreeGrade::Two)->empty());
    ASSERT_TRUE(r.insert(songtang()).ok());
    EXPECT_EQ(r.findVillages("南海")->size(), 1u);
    EXPECT_EQ(r.trees()->size(), 2u);
}

TEST_P(RegistryTest, IntegrityCheckPassesOnAFreshRegister) {
    Registry r = open();
    ASSERT_TRUE(r.insert(banyan("A", 120)).ok());
    EXPECT_TRUE(r.integrityCheck().ok()) << r.integrityCheck().firstError();
    EXPECT_EQ(r.isPostgres(), GetParam() == "pg");
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryTest, testing::Values("gpkg", "pg"),
                         [](const auto& param) { return param.param; });

TEST(RegistryOpen, UnreadableTargetIsAOneLineError) {
    const auto path = test::outputDir("registry") / "not_a_gpkg.gpkg";
    std::ofstream(path) << "plain text";
    auto r = Registry::open(path.string());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.errors()[0].file, path.string());
    EXPECT_EQ(r.firstError().find('\n'), std::string::npos);
}

TEST(RegistryOpen, GeoPackageRunsInWalMode) {
    const auto path = test::outputDir("registry") / ("wal_" + std::to_string(getpid()) + ".gpkg");
    std::filesystem::remove(path);
    {
        auto r = Registry::open(path.string());
        ASSERT_TRUE(r.ok()) << r.firstError();
        ASSERT_TRUE(r->insert(banyan("A", 120)).ok());
        // WAL keeps committed pages in the -wal file until a checkpoint.
        EXPECT_TRUE(std::filesystem::exists(path.string() + "-wal"));
    }
    std::ifstream in(path, std::ios::binary);
    char header[20] = {};
    in.read(header, sizeof header);
    EXPECT_EQ(header[18], 2);  // file format write version 2 = WAL
}

TEST(RegistryCrash, KillNineDuringEditsAndImportsLosesNoAcknowledgedEdit) {
    const auto dir = test::outputDir("registry");
    const std::string stem = (dir / ("crash_" + std::to_string(getpid()))).string();
    for (const char* suffix : {".gpkg", ".gpkg-wal", ".gpkg-shm"})
        std::filesystem::remove(stem + suffix);
    std::mt19937 rng(12345);
    int acknowledged = 0;
    for (int round = 0; round < 6; ++round) {
        const bool imports = round % 2 == 1;
        const auto result = crash::runRound(stem + ".gpkg", stem + ".log", 1000 + round,
                                            80 + static_cast<int>(rng() % 250), imports);
        EXPECT_TRUE(result.integrityOk) << "round " << round << ": " << result.problem;
        EXPECT_EQ(result.lost, 0) << "round " << round << ": " << result.problem;
        acknowledged += result.acknowledged;
    }
    EXPECT_GT(acknowledged, 10);  // the rounds did edit before they were killed
}
