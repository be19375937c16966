// End to end: `cunjing village generate` for each layout on the demo DEM, read back as a
// plan; bad inputs exit 2 with one error line each and write nothing.

#include <cunjing/architecture/VillagePlan.h>

#include "TestPaths.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace cunjing;
using namespace cunjing::test;

namespace {

namespace fs = std::filesystem;

fs::path caseDir() {
    return cunjing::test::caseDir("cli");
}

std::string demoDem() {
    return shellQuoted(fs::absolute(sourceDir() / "assets" / "demo" / "terrain_synthetic.asc"));
}

CommandResult village(const std::string& args) {
    return runCommand(shellQuoted(executable("cunjing")) + " village generate " + args);
}

architecture::VillagePlan readPlan(const fs::path& file) {
    auto plan =
        architecture::readVillagePlan(file.string(), geo::Crs::fromUserString("EPSG:4547").value());
    EXPECT_TRUE(plan.ok()) << plan.firstError();
    return plan.ok() ? plan.value() : architecture::VillagePlan{};
}

int errorLines(const std::string& out) {
    int n = 0;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);)
        n += line.rfind("error: ", 0) == 0;
    return n;
}

}  // namespace

TEST(VillageCli, CombOnTheDemoDemFacesSouthAndWritesTheFootprints) {
    const fs::path out = caseDir() / "comb.gpkg";
    const auto r =
        village("--layout comb --site 384350,2571565 --dem " + demoDem() +
                " --columns 4 --depth 6 --lane-width 1.5 --seed 7 --out " + shellQuoted(out));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("guangfu/citang: 1"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("guangfu/sanjian-lianglang:"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("rises"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("forecourt 1"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("pond 1"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(out.string()), std::string::npos) << r.out;
    const architecture::VillagePlan plan = readPlan(out);
    ASSERT_GT(plan.buildings.size(), 16u);
    for (const auto& b : plan.buildings) {
        EXPECT_GE(b.facingDeg, 135);
        EXPECT_LE(b.facingDeg, 180);
        // On the site, in EPSG:4547 metres.
        EXPECT_NEAR(b.outline[0].x, 384350, 150);
        EXPECT_NEAR(b.outline[0].y, 2571565, 150);
    }
    EXPECT_EQ(plan.trees.size(), 1u);
}

TEST(VillageCli, EveryLayoutRunsAndTheSameSeedGivesTheSamePlan) {
    const fs::path dir = caseDir();
    for (const std::string layout : {"comb", "weilongwu", "sima-tuoche"}) {
        const fs::path a = dir / (layout + "-a.gpkg"), b = dir / (layout + "-b.gpkg");
        for (const fs::path& p : {a, b}) {
            const auto r =
                village("--layout " + layout +
                        " --site 384350,2571700 --crs EPSG:4547 --seed 11 --out " + shellQuoted(p));
            ASSERT_EQ(r.exitCode, 0) << r.out;
            EXPECT_NE(r.out.find("layout:    " + layout), std::string::npos) << r.out;
        }
        const auto pa = readPlan(a), pb = readPlan(b);
        ASSERT_EQ(pa.buildings.size(), pb.buildings.size());
        ASSERT_FALSE(pa.buildings.empty());
        for (std::size_t i = 0; i < pa.buildings.size(); ++i) {
            EXPECT_EQ(pa.buildings[i].id, pb.buildings[i].id);
            EXPECT_EQ(pa.buildings[i].seed, pb.buildings[i].seed);
            EXPECT_EQ(pa.buildings[i].overrides, pb.buildings[i].overrides);
            for (std::size_t k = 0; k < pa.buildings[i].outline.size(); ++k)
                EXPECT_DOUBLE_EQ(pa.buildings[i].outline[k].x, pb.buildings[i].outline[k].x);
        }
        EXPECT_EQ(pa.ground.size(), pb.ground.size());
        EXPECT_EQ(pa.trees.size(), pb.trees.size());
    }
}

TEST(VillageCli, BadInputsExitTwoWithOneLineAndWriteNothing) {
    const fs::path dir = caseDir();
    const fs::path out = dir / "v.gpkg";
    struct Case {
        std::string args;
        std::string expect;
    };
    const std::string site = " --site 384350,2571565";
    const std::vector<Case> cases = {
        {"--layout comb --site abc", "--site: 'abc' is not X,Y"},
        {"--layout comb --site 1,2,3", "is not X,Y"},
        {"--layout comb --site 0,0 --dem " + demoDem(), "383747.5..384952.5"},
        {"--layout duolianbi" + site, "allowed: comb, weilongwu, sima-tuoche"},
        {"--layout comb --columns 20" + site, "--columns: is 20; allowed: 2..12"},
        {"--layout comb --depth 3" + site, "--depth: is 3; allowed: 4..8"},
        {"--layout comb --lane-width 2.4" + site, "--lane-width: is 2.4; allowed: 1.2..2"},
        {"--layout comb --seed -1" + site, "--seed: is -1"},
        {"--layout comb --crs EPSG:4490" + site, "not projected"},
        {"--layout comb --crs EPSG:0" + site, "--crs"},
        {"--layout comb --dem /no/such/dem.tif" + site, "file not found"},
    };
    for (const Case& c : cases) {
        const auto r = village(c.args + " --out " + shellQuoted(out));
        EXPECT_EQ(r.exitCode, 2) << c.args << "\n" << r.out;
        EXPECT_EQ(errorLines(r.out), 1) << c.args << "\n" << r.out;
        EXPECT_NE(r.out.find(c.expect), std::string::npos) << c.args << "\n" << r.out;
        EXPECT_FALSE(fs::exists(out)) << c.args;
    }
    // An output folder that does not exist: one line, nothing created.
    const fs::path nowhere = dir / "missing" / "v.gpkg";
    const auto r = village("--layout comb" + site + " --out " + shellQuoted(nowhere));
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_EQ(errorLines(r.out), 1) << r.out;
    EXPECT_NE(r.out.find("does not exist"), std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(dir / "missing"));
    EXPECT_TRUE(fs::is_empty(dir));
}

TEST(VillageCli, AFailedRunLeavesAnExistingPlanAlone) {
    const fs::path out = caseDir() / "v.gpkg";
    ASSERT_EQ(
        village("--layout sima-tuoche --site 384350,2571565 --out " + shellQuoted(out)).exitCode,
        0);
    const auto before = fs::file_size(out);
    const auto r =
        village("--layout comb --site 384350,2571565 --columns 99 --out " + shellQuoted(out));
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(fs::file_size(out), before);
    EXPECT_EQ(readPlan(out).buildings.at(0).typology, "sima-tuoche");
}
