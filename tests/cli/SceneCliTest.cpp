// End to end: `cunjing scene stress` writes a deterministic scene with exactly the buildings
// and trees asked for, every layout and tree species in the mix, that loads (paged or whole);
// bad inputs exit 2 with an error naming the option and write nothing.

#include <cunjing/heritage/TreeModels.h>
#include <cunjing/scene/SceneData.h>

#include "TestPaths.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using namespace cunjing;
using namespace cunjing::test;

namespace {

namespace fs = std::filesystem;

fs::path caseDir() {
    return cunjing::test::caseDir("cli");
}

CommandResult stress(const std::string& args) {
    const fs::path dem = sharedData() / "dem" / "osgearth" / "mt_fuji_90m.tif";
    return runCommand(shellQuoted(executable("cunjing")) + " scene stress --dem " +
                      shellQuoted(dem) + " " + args + " 2>&1");
}

std::string contents(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

scene::SceneData load(const fs::path& file, std::size_t pageAbove) {
    auto desc = scene::loadSceneFile(file);
    EXPECT_TRUE(desc.ok()) << desc.firstError();
    scene::SceneDescription d = desc.value();
    d.pageBuildingsAbove = pageAbove;
    auto data = scene::loadScene(d);
    EXPECT_TRUE(data.ok()) << data.firstError();
    return data.ok() ? std::move(data.value()) : scene::SceneData{};
}

}  // namespace

TEST(SceneStressCli, WritesTheSameExactSceneEveryTime) {
    const fs::path dir = caseDir();
    const std::string args = "--buildings 240 --trees 1500 --extent 3km --out ";
    const auto a = stress(args + shellQuoted(dir / "a"));
    ASSERT_EQ(a.exitCode, 0) << a.out;
    EXPECT_NE(a.out.find("240 buildings"), std::string::npos) << a.out;
    const auto b = stress(args + shellQuoted(dir / "b"));
    ASSERT_EQ(b.exitCode, 0) << b.out;
    for (const char* file : {"stress.json", "trees.geojson", "terrain.tif"})
        EXPECT_EQ(contents(dir / "a" / file), contents(dir / "b" / file)) << file;

    const scene::SceneData data = load(dir / "a" / "stress.json", 1500);
    EXPECT_EQ(data.buildingCount, 240);
    EXPECT_FALSE(data.pagedBuildings);
    std::size_t registerTrees = 0;
    std::set<heritage::TreeSpecies> species;
    for (const heritage::AncientTree& t : data.trees) {
        if (t.id.rfind("STRESS-", 0) != 0)
            continue;  // a layout's own landmark tree
        ++registerTrees;
        species.insert(heritage::speciesFromName(t.speciesCn));
    }
    EXPECT_EQ(registerTrees, 1500u);
    for (auto s : {heritage::TreeSpecies::Banyan, heritage::TreeSpecies::Camphor,
                   heritage::TreeSpecies::Lychee, heritage::TreeSpecies::Longan,
                   heritage::TreeSpecies::Kapok, heritage::TreeSpecies::Broadleaf})
        EXPECT_TRUE(species.count(s)) << heritage::speciesId(s);
    std::set<std::string> layouts, styles;
    for (const auto& entry : data.description.buildings)
        layouts.insert(entry.layout);
    for (const auto& p : data.placed)
        styles.insert(p.style);
    EXPECT_GE(layouts.size(), 2u);
    EXPECT_TRUE(styles.count("guangfu") && styles.count("hakka") && styles.count("chaoshan"));
    ASSERT_TRUE(data.terrain);
    EXPECT_NEAR(data.terrain->xMax() - data.terrain->x0, 3000, 25);
    EXPECT_TRUE(data.description.findViewpoint("overview"));

    // Paged, the same buildings stand in the same places.
    const scene::SceneData paged = load(dir / "a" / "stress.json", 0);
    ASSERT_TRUE(paged.pagedBuildings);
    ASSERT_EQ(paged.placed.size(), data.placed.size());
    for (std::size_t i = 0; i < data.placed.size(); ++i)
        EXPECT_DOUBLE_EQ(paged.placed[i].base, data.placed[i].base) << data.placed[i].sceneId;
}

TEST(SceneStressCli, BadInputFailsAndWritesNothing) {
    const fs::path dir = caseDir();
    struct Case {
        std::string args, expected;
    };
    const Case cases[] = {
        {"--extent 10parsecs", "--extent"},
        {"--extent 3km --buildings 100000", "do not fit"},
        {"--extent 3km --buildings 100 --trees 100 --dem-centre 100,35", "--dem-centre"},
        {"--extent 3km --buildings 100 --dem-centre 138.6", "--dem-centre"},
        {"--extent 3km --buildings 100 --trees 100 --dem " + shellQuoted(dir / "no-such.tif"),
         "no-such.tif"},
    };
    int n = 0;
    for (const Case& c : cases) {
        const fs::path out = dir / ("out" + std::to_string(++n));
        const auto r = runCommand(
            shellQuoted(executable("cunjing")) + " scene stress " +
            (c.args.find("--dem ") == std::string::npos
                 ? "--dem " + shellQuoted(sharedData() / "dem" / "osgearth" / "mt_fuji_90m.tif") +
                       " "
                 : std::string()) +
            c.args + " --out " + shellQuoted(out) + " 2>&1");
        EXPECT_EQ(r.exitCode, 2) << c.args << "\n" << r.out;
        EXPECT_EQ(r.out.rfind("error: ", 0), 0u) << r.out;
        EXPECT_NE(r.out.find(c.expected), std::string::npos) << c.args << "\n" << r.out;
        EXPECT_FALSE(fs::exists(out / "stress.json")) << c.args;
    }
}
