// End to end: `cunjing style list` shows every typology of the bundled library, as a table and
// as JSON, and follows --styles and CUNJING_STYLES to another folder.

#include "TestPaths.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>
#include <algorithm>
#include <fstream>
#include <map>
#include <set>

using namespace cunjing::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string cunjingExe() {
    return executable("cunjing").string();
}

/// The twelve typologies issue 4 asks for, with their style and Chinese name.
struct Expected {
    std::string style, id, name;
};
const std::vector<Expected>& twelveTypologies() {
    static const std::vector<Expected> all = {
        {"guangfu", "sanjian-lianglang", "三间两廊"},
        {"guangfu", "zhutongwu", "竹筒屋"},
        {"guangfu", "qilou", "骑楼"},
        {"guangfu", "citang", "祠堂"},
        {"hakka", "tanghengwu", "堂横屋"},
        {"hakka", "weilongwu", "围龙屋"},
        {"hakka", "sijiaolou", "四角楼"},
        {"hakka", "tulou-round", "圆土楼"},
        {"hakka", "tulou-square", "方土楼"},
        {"chaoshan", "xiashanhu", "下山虎"},
        {"chaoshan", "sidianjin", "四点金"},
        {"chaoshan", "sima-tuoche", "驷马拖车"},
    };
    return all;
}

/// A folder of this test's own: ctest runs every test in its own process, in parallel.
fs::path workDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const fs::path dir =
        outputDir("cli") / "style" / (std::string(info->name()) + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

json listJson(const std::string& prefix = "", const std::string& extra = "") {
    const CommandResult r = runCommand(prefix + cunjingExe() + " style list --json " + extra);
    EXPECT_EQ(r.exitCode, 0) << r.out;
    try {
        return json::parse(r.out);
    } catch (const std::exception& e) {
        ADD_FAILURE() << "not JSON: " << e.what() << "\n" << r.out;
        return json::object();
    }
}

/// typology id -> its JSON object, with the style id added.
std::map<std::string, json> typologiesOf(const json& list) {
    std::map<std::string, json> out;
    for (const json& s : list.value("styles", json::array())) {
        for (json t : s["typologies"]) {
            t["style"] = s["id"];
            out[t["id"].get<std::string>()] = t;
        }
    }
    return out;
}

}  // namespace

TEST(StyleList, TableShowsAllTwelveTypologiesWithChineseNamesAndGenerators) {
    const CommandResult r = runCommand(cunjingExe() + " style list");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    for (const Expected& e : twelveTypologies()) {
        // Each typology is a row "  <id>  <generator>  <name>"; the generator is named after it.
        const auto row = r.out.find("\n  " + e.id + " ");
        ASSERT_NE(row, std::string::npos) << e.id << " missing from\n" << r.out;
        const std::string line = r.out.substr(row + 1, r.out.find('\n', row + 1) - row - 1);
        EXPECT_NE(line.find(e.name), std::string::npos) << line;
        EXPECT_NE(line.find(" " + e.id + " ", 2 + e.id.size()), std::string::npos)
            << "generator column: " << line;
    }
    for (const std::string style : {"guangfu", "hakka", "chaoshan"})
        EXPECT_NE(("\n" + r.out).find("\n" + style + "  "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("wok-ear"), std::string::npos) << "gable profiles are listed";
    EXPECT_NE(r.out.find("镬耳"), std::string::npos);
    EXPECT_NE(r.out.find("qingzhuan #"), std::string::npos) << "materials with their colour";
}

TEST(StyleList, JsonHasAllTwelveTypologiesInTheirStyles) {
    const json list = listJson();
    const auto typologies = typologiesOf(list);
    for (const Expected& e : twelveTypologies()) {
        ASSERT_TRUE(typologies.count(e.id)) << e.id << "\n" << list.dump(1);
        const json& t = typologies.at(e.id);
        EXPECT_EQ(t["style"], e.style) << e.id;
        EXPECT_NE(t["name"].get<std::string>().find(e.name), std::string::npos) << t["name"];
        EXPECT_EQ(t["generator"], e.id) << "each base typology has its own plan grammar";
        EXPECT_FALSE(t["dimensions"].empty()) << e.id;
    }
    std::set<std::string> styles;
    for (const json& s : list["styles"]) {
        styles.insert(s["id"].get<std::string>());
        EXPECT_FALSE(s["gables"].empty()) << s["id"];
        ASSERT_FALSE(s["materials"].empty()) << s["id"];
        for (const json& m : s["materials"]) {
            const std::string color = m["color"];
            EXPECT_EQ(color.size(), 7u) << m;
            EXPECT_EQ(color[0], '#') << m;
        }
    }
    EXPECT_EQ(styles, (std::set<std::string>{"chaoshan", "guangfu", "hakka"}));
}

TEST(StyleList, JsonGivesRangesThatContainTheirDefaults) {
    const auto typologies = typologiesOf(listJson());
    const json& hallBay = typologies.at("sanjian-lianglang")["dimensions"]["hallBay"];
    EXPECT_LE(hallBay["min"].get<double>(), hallBay["default"].get<double>());
    EXPECT_LE(hallBay["default"].get<double>(), hallBay["max"].get<double>());
    EXPECT_LT(hallBay["min"].get<double>(), hallBay["max"].get<double>());
    const json& gable = typologies.at("sanjian-lianglang")["options"]["gable"];
    const auto allowed = gable["allowed"].get<std::vector<std::string>>();
    EXPECT_NE(std::find(allowed.begin(), allowed.end(), "wok-ear"), allowed.end()) << gable;
}

TEST(StyleList, StylesOptionAndEnvironmentPickAnotherFolder) {
    const fs::path dir = workDir();
    fs::copy_file(sourceDir() / "assets/styles/hakka.json", dir / "hakka.json");
    for (const auto& [prefix, extra] : std::vector<std::pair<std::string, std::string>>{
             {"", "--styles '" + dir.string() + "'"},
             {"CUNJING_STYLES='" + dir.string() + "' ", ""}}) {
        const json list = listJson(prefix, extra);
        ASSERT_EQ(list["styles"].size(), 1u) << list.dump(1);
        EXPECT_EQ(list["styles"][0]["id"], "hakka");
        EXPECT_TRUE(typologiesOf(list).count("tulou-round"));
    }
}

TEST(StyleList, EmptyFolderIsBadInput) {
    const fs::path dir = workDir();
    const CommandResult r =
        runCommand(cunjingExe() + " style list --styles '" + dir.string() + "'");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("no style files"), std::string::npos) << r.out;
}

TEST(StyleList, BrokenStyleFileIsBadInputNamingTheFile) {
    const fs::path dir = workDir();
    std::ofstream(dir / "broken.json") << R"({"version": 1, "id": "broken")";
    const CommandResult r =
        runCommand(cunjingExe() + " style list --styles '" + dir.string() + "'");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("broken.json"), std::string::npos) << r.out;
}
