// The tree species, each loaded from a register file onto flat ground through a scene file and
// rendered from the side, a little above; and a small grove with the grade rings of its
// register trees. Compared with golden PNGs.

#include <cunjing/scene/Offscreen.h>
#include <cunjing/scene/SceneData.h>
#include <cunjing/scene/SceneGraph.h>

#include "GoldenImage.h"
#include "TestPaths.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace cunjing;
using namespace cunjing::scene;
namespace fs = std::filesystem;

namespace {

/// One register tree, in the working CRS (metres east and north of the ground's centre).
struct Tree {
    const char* id;
    const char* species;
    double x, y, height, crown;
    int age;
    bool famous;
};

/// This process's folder (tests run in parallel, each in its own process).
fs::path workDir() {
    const fs::path dir = test::outputDir("render") / ("trees-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    return dir;
}

SceneData sceneWith(const std::string& name, const std::vector<Tree>& trees) {
    const fs::path dem = test::flatDem("render");
    const fs::path register_ = workDir() / (name + ".geojson");
    {
        std::ofstream out(register_);
        out << R"({"type": "FeatureCollection", "crs": {"type": "name", "properties": )"
            << R"({"name": "urn:ogc:def:crs:EPSG::4547"}}, "features": [)";
        for (std::size_t i = 0; i < trees.size(); ++i) {
            const Tree& t = trees[i];
            out << (i ? ",\n" : "\n") << R"({"type": "Feature", "properties": {"id": ")" << t.id
                << R"(", "species_cn": ")" << t.species << R"(", "height_m": )" << t.height
                << R"(, "crown_m": )" << t.crown << R"(, "age_years": )" << t.age
                << R"(, "famous": )" << (t.famous ? "true" : "false")
                << R"(}, "geometry": {"type": "Point", "coordinates": [)" << 400000 + t.x << ", "
                << 2500000 + t.y << "]}}";
        }
        out << "]}\n";
    }
    std::ostringstream text;
    text << R"({"version": 1, "crs": "EPSG:4547", "terrain": {"dem": ")" << dem.string()
         << R"(", "crs": "EPSG:4547"}, "registers": {"trees": ")" << register_.string() << R"("}})";
    auto description = parseSceneText(text.str(), workDir() / (name + ".json"));
    if (!description)
        throw std::runtime_error(description.firstError());
    auto data = loadScene(description.value());
    if (!data)
        throw std::runtime_error(data.firstError());
    return std::move(data.value());
}

OffscreenRenderer& renderer() {
    static auto r = OffscreenRenderer::create(480, 360);
    if (!r)
        throw std::runtime_error(r.firstError());
    return *r.value();
}

// As the typology goldens: a pixel of edge movement and shader rounding between Mesa
// versions pass; a changed crown, root curtain or leaf colour does not.
const test::GoldenThresholds kThresholds{24, 0.02, 3.0};

struct Species {
    const char* name;  ///< golden tree_<name>.png
    Tree tree;
};

// Typical old village trees of each species; age 0, so no ring crosses the picture.
const Species kSpecies[] = {
    {"banyan", {"T-BANYAN", "榕树", 0, 0, 16, 24, 0, false}},
    {"camphor", {"T-CAMPHOR", "樟树", 0, 0, 18, 16, 0, false}},
    {"lychee", {"T-LYCHEE", "荔枝", 0, 0, 10, 13, 0, false}},
    {"longan", {"T-LONGAN", "龙眼", 0, 0, 10, 12, 0, false}},
    {"kapok", {"T-KAPOK", "木棉", 0, 0, 20, 11, 0, false}},
    {"bamboo", {"T-BAMBOO", "青皮竹", 0, 0, 10, 6, 0, false}},
};

// Names, not bytes, in test logs.
void PrintTo(const Species& s, std::ostream* os) {
    *os << s.name;
}

class TreeRender : public testing::TestWithParam<Species> {};

}  // namespace

TEST_P(TreeRender, SideViewMatchesGolden) {
    const Species s = GetParam();
    SceneData data = sceneWith(s.name, {s.tree});
    ASSERT_EQ(data.trees.size(), 1u);
    const auto& t = data.trees[0];
    const double ground = data.groundHeight(t.x, t.y);
    // From the south-south-west, 12 degrees up, framing the taller of height and crown.
    const double d = 1.7 * std::max(t.heightM, t.crownM);
    const osg::Vec3d target(t.x, t.y, ground + 0.45 * t.heightM);
    const osg::Vec3d eye = target + osg::Vec3d(-0.34 * d, -0.94 * d, 0.21 * d);
    auto graph = buildSceneGraph(data);
    auto image = renderer().render(graph.get(), eye, target, 40);
    ASSERT_TRUE(image.ok()) << image.firstError();
    EXPECT_GT(test::imageStats(*image.value()).luminanceStdDev, 15) << "an empty or flat frame";
    const auto cmp =
        test::compareWithGolden(*image.value(), std::string("tree_") + s.name, kThresholds);
    EXPECT_TRUE(cmp.passed) << cmp.message;
}

INSTANTIATE_TEST_SUITE_P(AllSpecies, TreeRender, testing::ValuesIn(kSpecies),
                         [](const testing::TestParamInfo<Species>& p) { return p.param.name; });

// A grove: one tree of each grade with its ring at crown/2 + 5 m (一级 red, 二级 orange,
// 三级 yellow, 名木 purple) and two planted trees under 100 years with none.
TEST(TreeRenderGrove, GradeRingsMatchGolden) {
    SceneData data = sceneWith("grove", {
                                            {"G-1", "榕树", -22, 6, 15, 22, 520, false},
                                            {"G-2", "樟树", 14, 18, 16, 14, 350, false},
                                            {"G-3", "荔枝", 20, -10, 9, 10, 150, false},
                                            {"G-4", "木棉", -4, -18, 19, 10, 60, true},
                                            {"G-5", "龙眼", 40, 8, 9, 8, 40, false},
                                            {"G-6", "竹", -2, 30, 9, 6, 0, false},
                                        });
    ASSERT_EQ(data.trees.size(), 6u);
    const double ground = data.groundHeight(0, 0);
    const osg::Vec3d target(6, 4, ground);
    const osg::Vec3d eye = target + osg::Vec3d(-40, -78, 62);
    auto graph = buildSceneGraph(data);
    auto image = renderer().render(graph.get(), eye, target, 45);
    ASSERT_TRUE(image.ok()) << image.firstError();
    const auto cmp = test::compareWithGolden(*image.value(), "tree_grove_grades", kThresholds);
    EXPECT_TRUE(cmp.passed) << cmp.message;
}
