// End to end: `cunjing trees|villages ...` on the real registers in ../shared/data: import,
// list, show, edit, undo/redo, export and re-import unchanged, report; bad files exit 2 with
// their rows named and leave the register as it was.

#include "TestPaths.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace cunjing::test;
namespace fs = std::filesystem;

namespace {

fs::path caseDir() {
    return cunjing::test::caseDir("cli");
}

/// `cunjing <noun> <args> --registry <dir>/heritage.gpkg`.
CommandResult registerCommand(const fs::path& dir, const std::string& noun,
                              const std::string& args) {
    return runCommand("'" + executable("cunjing").string() + "' " + noun + " --registry " +
                      shellQuoted(dir / "heritage.gpkg") + " --actor tester " + args);
}

std::string sharedFile(const std::string& relative) {
    return shellQuoted(fs::absolute(sharedData() / relative));
}

int countLines(const std::string& text, const std::string& needle) {
    int n = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos;
         at = text.find(needle, at + 1))
        ++n;
    return n;
}

}  // namespace

TEST(RegisterCli, GuangdongVillagesImportListShowEditUndoRedo) {
    const fs::path dir = caseDir();
    auto r = registerCommand(
        dir, "villages", "import " + sharedFile("villages/cn_traditional_villages_guangdong.csv"));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("added:     292"), std::string::npos) << r.out;

    r = registerCommand(dir, "villages", "list --search 侯南村");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("侯南村"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("1 villages"), std::string::npos) << r.out;
    const std::string id = r.out.substr(0, r.out.find(' '));

    r = registerCommand(dir, "villages", "show " + id);
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("batch: 2"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("county: 大埔县"), std::string::npos) << r.out;

    r = registerCommand(dir, "villages", "edit " + id + " --set population=1234");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(registerCommand(dir, "villages", "show " + id).out.find("population: 1234"),
              std::string::npos);

    r = registerCommand(dir, "villages", "undo");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_EQ(registerCommand(dir, "villages", "show " + id).out.find("population: 1234"),
              std::string::npos)
        << "undo survives the process: it ran in another one";
    r = registerCommand(dir, "villages", "redo");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(registerCommand(dir, "villages", "show " + id).out.find("population: 1234"),
              std::string::npos);

    // A field that does not exist, or a number that is text: exit 2, the record unchanged.
    r = registerCommand(dir, "villages", "edit " + id + " --set population=many");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    r = registerCommand(dir, "villages", "edit " + id + " --set colour=red");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    r = registerCommand(dir, "villages", "show no-such-village");
    EXPECT_EQ(r.exitCode, 2) << r.out;
}

TEST(RegisterCli, ExportImportsBackUnchanged) {
    const fs::path dir = caseDir();
    ASSERT_EQ(
        registerCommand(dir, "trees", "import " + sharedFile("trees/macau_iam_古樹名錄_古樹.csv"))
            .exitCode,
        0);
    for (const std::string ext : {".csv", ".geojson", ".gpkg"}) {
        const fs::path out = dir / ("export" + ext);
        auto r = registerCommand(dir, "trees", "export " + shellQuoted(out));
        ASSERT_EQ(r.exitCode, 0) << r.out;
        r = registerCommand(dir, "trees", "import --dry-run " + shellQuoted(out));
        ASSERT_EQ(r.exitCode, 0) << r.out;
        EXPECT_NE(r.out.find("would add: 0"), std::string::npos) << ext << "\n" << r.out;
        EXPECT_NE(r.out.find("would change: 0"), std::string::npos) << ext << "\n" << r.out;
    }
}

TEST(RegisterCli, BadRowsAreNamedAndNothingIsWrittenUnlessSkipBad) {
    const fs::path dir = caseDir();
    {
        std::ofstream f(dir / "bad.csv");
        f << "id,species_cn,lon,lat,age_years,height_m\n"
          << "44010000001,榕树,113.3,23.1,320,15\n"
          << "44010000002,樟树,213.3,23.1,120,12\n"  // longitude out of range
          << "44010000003,荔枝,113.3,23.1,old,9\n"   // text in a number
          << "44010000001,龙眼,113.4,23.2,150,8\n";  // duplicate id
    }
    auto r = registerCommand(dir, "trees", "import " + shellQuoted(dir / "bad.csv"));
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("row 3"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("row 4"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("row 5"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("nothing imported"), std::string::npos) << r.out;
    r = registerCommand(dir, "trees", "list");
    EXPECT_NE(r.out.find("0 trees"), std::string::npos) << r.out;

    r = registerCommand(dir, "trees", "import --skip-bad " + shellQuoted(dir / "bad.csv"));
    EXPECT_EQ(r.exitCode, 0) << r.out;
    r = registerCommand(dir, "trees", "list");
    EXPECT_EQ(countLines(r.out, "4401000000"), 1) << r.out;

    r = registerCommand(dir, "trees", "validate " + shellQuoted(dir / "bad.csv"));
    EXPECT_EQ(r.exitCode, 1) << r.out;  // a check that found problems
}

TEST(RegisterCli, ReportIsAStandAloneHtmlPageWithChartsAndAMap) {
    const fs::path dir = caseDir();
    ASSERT_EQ(
        registerCommand(dir, "villages",
                        "import " + sharedFile("villages/cn_traditional_villages_guangdong.csv"))
            .exitCode,
        0);
    auto r = registerCommand(dir, "villages", "report " + shellQuoted(dir / "report.html"));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    std::ifstream f(dir / "report.html");
    std::stringstream html;
    html << f.rdbuf();
    EXPECT_NE(html.str().find("按批次 By batch"), std::string::npos);
    EXPECT_NE(html.str().find("按地市 By city"), std::string::npos);
    EXPECT_NE(html.str().find("梅州市"), std::string::npos);
    EXPECT_EQ(countLines(html.str(), "<svg"), 4);       // three charts and the map
    EXPECT_EQ(countLines(html.str(), "<circle"), 292);  // every village on the map
    EXPECT_FALSE(fs::exists(dir / "report.html.tmp"));
}
