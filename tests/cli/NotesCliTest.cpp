// End to end: `cunjing notes ...` on a register store: add, list (text and JSON), edit,
// remove, undo and redo across processes; bad input exits 2 with one line naming what is
// wrong and writes nothing; listing the committed demo store leaves it byte for byte.

#include "TestPaths.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

using namespace cunjing::test;
namespace fs = std::filesystem;

namespace {

fs::path caseDir() {
    return cunjing::test::caseDir("cli");
}

CommandResult notes(const fs::path& store, const std::string& args) {
    return runCommand("'" + executable("cunjing").string() + "' notes --registry " +
                      shellQuoted(store) + " --actor 林工 " + args);
}

/// The id in "added note N-xxxxxxxx on ...".
std::string addedId(const std::string& out) {
    std::smatch m;
    return std::regex_search(out, m, std::regex("added note (\\S+) on ")) ? m[1].str()
                                                                          : std::string();
}

std::string fileBytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

int lineCount(const std::string& s) {
    return static_cast<int>(std::count(s.begin(), s.end(), '\n'));
}

}  // namespace

TEST(NotesCli, AddListEditRemoveUndoRedo) {
    const fs::path store = caseDir() / "heritage.gpkg";
    auto r = notes(store,
                   "add --model models/citang.glb --at 384350.25,2571566.75,12.5 "
                   "--crs EPSG:4547 --text '左山墙灰塑开裂'");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    const std::string id = addedId(r.out);
    ASSERT_FALSE(id.empty()) << r.out;
    r = notes(store,
              "add --model weilongwu.glb --at 1,2,3 --text '化胎长草' --author 陈工 "
              "--id N-grass");
    ASSERT_EQ(r.exitCode, 0) << r.out;

    r = notes(store, "list");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(
        r.out.find(id + "  models/citang.glb  @ 384350.25, 2571566.75, 12.50 EPSG:4547  林工"),
        std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("    左山墙灰塑开裂\n"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("N-grass  weilongwu.glb"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("2 notes\n"), std::string::npos) << r.out;

    r = notes(store, "list --model models/citang.glb --json");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    const auto json = nlohmann::json::parse(r.out);
    ASSERT_EQ(json.size(), 1u);
    EXPECT_EQ(json[0]["id"], id);
    EXPECT_EQ(json[0]["text"], "左山墙灰塑开裂");
    EXPECT_EQ(json[0]["x"], 384350.25);
    EXPECT_EQ(json[0]["z"], 12.5);
    EXPECT_EQ(json[0]["author"], "林工");

    r = notes(store, "edit " + id + " --text '左山墙灰塑开裂, 已报修'");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(notes(store, "list").out.find("已报修"), std::string::npos);

    r = notes(store, "undo");  // a new process: the history is in the store
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("undid update of 1 model_notes record(s): " + id), std::string::npos)
        << r.out;
    EXPECT_EQ(notes(store, "list").out.find("已报修"), std::string::npos);
    r = notes(store, "redo");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(notes(store, "list").out.find("已报修"), std::string::npos);

    r = notes(store, "remove N-grass");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(notes(store, "list").out.find("1 notes\n"), std::string::npos);
    ASSERT_EQ(notes(store, "undo").exitCode, 0);
    EXPECT_NE(notes(store, "list --model weilongwu.glb").out.find("化胎长草"), std::string::npos);
}

TEST(NotesCli, BadInputIsOneLineNamingWhatIsWrongAndWritesNothing) {
    const fs::path store = caseDir() / "heritage.gpkg";
    ASSERT_EQ(notes(store, "add --model m.glb --at 0,0,0 --text first --id N-1").exitCode, 0);
    const struct {
        const char* args;
        const char* expected;
    } cases[] = {
        {"add --model m.glb --at 1,2 --text x", "error: --at 1,2: expected X,Y,Z"},
        {"add --model m.glb --at 1,2,nan --text x", "error: --at 1,2,nan: expected X,Y,Z"},
        {"add --model m.glb --at 1,2,3 --text '   '", "field 'text': is empty"},
        {"add --model '' --at 1,2,3 --text x", "field 'model': is empty"},
        {"add --model m.glb --at 1,2,3 --text x --id N-1", "note 'N-1': already exists"},
        {"edit N-404 --text x", "note 'N-404': no such note"},
        {"remove N-404", "note 'N-404': no such note"},
    };
    for (const auto& c : cases) {
        const auto r = notes(store, c.args);
        EXPECT_EQ(r.exitCode, 2) << c.args << "\n" << r.out;
        EXPECT_NE(r.out.find(c.expected), std::string::npos) << c.args << "\n" << r.out;
        EXPECT_EQ(lineCount(r.out), 1) << c.args << "\n" << r.out;
    }
    const std::string tooLong(2001, 'a');
    auto r = notes(store, "add --model m.glb --at 1,2,3 --text " + tooLong);
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("2001 characters long; a note holds at most 2000"), std::string::npos);
    r = notes(store, "list");
    EXPECT_NE(r.out.find("1 notes\n"), std::string::npos) << r.out;
    // Nothing was written, so the one edit there is to undo is the first add.
    r = notes(store, "undo");
    EXPECT_NE(r.out.find("undid insert of 1 model_notes record(s): N-1"), std::string::npos)
        << r.out;
}

TEST(NotesCli, ListingAStoreNeverWritesOrCreatesIt) {
    const fs::path missing = caseDir() / "missing.gpkg";
    auto r = notes(missing, "list");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("file not found"), std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(missing));

    const fs::path demo = fs::absolute("assets/demo/heritage_demo.gpkg");
    const std::string before = fileBytes(demo);
    r = notes(demo, "list");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("0 notes"), std::string::npos) << r.out;
    EXPECT_TRUE(fileBytes(demo) == before);
    EXPECT_FALSE(fs::exists(demo.string() + "-wal"));
}
