// Notes pinned to models in the register store (Registry::addModelNote and friends): edits,
// their audit rows, undo and redo across reopening, checks, read-only stores, and stores
// made before the notes table existed. GeoPackage always; PostGIS when CUNJING_TEST_PG is set.

#include <cunjing/heritage/Registry.h>

#include "TestPaths.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

using namespace cunjing;
using namespace cunjing::heritage;
namespace fs = std::filesystem;

namespace {

std::string caseName() {
    const auto* info = testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(info->test_suite_name()) + "_" + info->name();
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)))
            c = '_';
    return name + "_" + std::to_string(getpid());
}

/// Each case its own store (ctest runs cases in parallel processes), as in RegistryTest.
std::string freshTarget(const std::string& backend) {
    const std::string name = caseName();
    if (backend == "pg") {
        const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
        std::string schema = ("n_" + std::to_string(stamp % 1000000000) + "_" + name).substr(0, 60);
        for (char& c : schema)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return std::string(std::getenv("CUNJING_TEST_PG")) + " active_schema=" + schema +
               " schemas=" + schema;
    }
    const auto path = test::outputDir("model-notes") / (name + ".gpkg");
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(path.string() + suffix);
    return path.string();
}

std::string fileBytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

ModelNote note(const std::string& model, const std::string& text, double x = 384350.25) {
    ModelNote n;
    n.model = model;
    n.x = x;
    n.y = 2571566.75;
    n.z = 12.5;
    n.crs = "EPSG:4547";
    n.text = text;
    return n;
}

std::string repeated(const std::string& s, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i)
        out += s;
    return out;
}

class ModelNotesTest : public testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        if (GetParam() == "pg" && !std::getenv("CUNJING_TEST_PG"))
            GTEST_SKIP() << "CUNJING_TEST_PG is not set; ./test.sh starts a PostGIS cluster "
                            "and sets it";
        target_ = freshTarget(GetParam());
    }
    Registry open(const std::string& actor = "林工", bool readOnly = false) {
        auto r = Registry::open(target_, {.actor = actor, .rules = {}, .readOnly = readOnly});
        EXPECT_TRUE(r.ok()) << r.firstError();
        if (!r.ok())
            throw std::runtime_error(r.firstError());
        return std::move(r).value();
    }
    std::string target_;
};

std::string textOf(Registry& r, const std::string& id) {
    auto n = r.modelNote(id);
    return n.ok() && n.value() ? n.value()->text : std::string("<none>");
}

}  // namespace

TEST_P(ModelNotesTest, AddListUpdateRemove) {
    Registry r = open();
    auto a = r.addModelNote(note("models/citang.glb", "左山墙灰塑开裂"));
    ASSERT_TRUE(a.ok()) << a.firstError();
    ModelNote second = note("models/citang.glb", "屋脊嵌瓷缺损", 384351);
    second.id = "N-ridge";
    ASSERT_TRUE(r.addModelNote(second).ok());
    ASSERT_TRUE(r.addModelNote(note("weilongwu.glb", "化胎长草")).ok());

    auto all = r.modelNotes();
    ASSERT_TRUE(all.ok()) << all.firstError();
    EXPECT_EQ(all->size(), 3u);
    auto citang = r.modelNotes("models/citang.glb");
    ASSERT_TRUE(citang.ok());
    ASSERT_EQ(citang->size(), 2u);
    EXPECT_EQ(r.modelNotes("citang.glb")->size(), 0u);  // the key matches exactly

    auto updated = r.updateModelNoteText("N-ridge", "  屋脊嵌瓷缺损, 已拍照  ");
    ASSERT_TRUE(updated.ok()) << updated.firstError();
    EXPECT_EQ(updated->text, "屋脊嵌瓷缺损, 已拍照");  // trimmed
    EXPECT_EQ(updated->x, 384351);                     // the rest is kept
    EXPECT_EQ(updated->model, "models/citang.glb");
    EXPECT_EQ(textOf(r, "N-ridge"), "屋脊嵌瓷缺损, 已拍照");

    ASSERT_TRUE(r.removeModelNote(a->id).ok());
    EXPECT_FALSE(r.modelNote(a->id)->has_value());
    ASSERT_EQ(r.modelNotes("models/citang.glb")->size(), 1u);
    EXPECT_EQ(r.modelNotes("models/citang.glb")->front().id, "N-ridge");
}

TEST_P(ModelNotesTest, AddFillsIdAuthorAndCreated) {
    Registry r = open("陈工");
    auto a = r.addModelNote(note("m.glb", "一"));
    auto b = r.addModelNote(note("m.glb", "二"));
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->id.size(), 10u);  // N-xxxxxxxx
    EXPECT_EQ(a->id.rfind("N-", 0), 0u);
    EXPECT_NE(a->id, b->id);
    EXPECT_EQ(a->author, "陈工");
    EXPECT_EQ(a->created.size(), 20u);  // 2025-03-15T08:30:00Z
    EXPECT_EQ(a->created.back(), 'Z');
    ModelNote given = note("m.glb", "三");
    given.author = "区工";
    given.created = "2024-11-02T03:04:05Z";
    auto c = r.addModelNote(given);
    ASSERT_TRUE(c.ok()) << c.firstError();
    auto stored = r.modelNote(c->id);
    ASSERT_TRUE(stored.ok() && stored.value());
    EXPECT_EQ(stored.value()->author, "区工");
    EXPECT_EQ(stored.value()->created, "2024-11-02T03:04:05Z");
    EXPECT_EQ(stored.value()->crs, "EPSG:4547");
    // Sorted by created within a model: the 2024 note comes first.
    EXPECT_EQ(r.modelNotes("m.glb")->front().id, c->id);
}

TEST_P(ModelNotesTest, EveryChangeIsAuditedWithWhoAndWhen) {
    Registry r = open("林工");
    ModelNote n = note("m.glb", "旧");
    n.id = "N-audit";
    ASSERT_TRUE(r.addModelNote(n).ok());
    ASSERT_TRUE(r.updateModelNoteText("N-audit", "新").ok());
    ASSERT_TRUE(r.updateModelNoteText("N-audit", "新").ok());  // unchanged: no audit row
    ASSERT_TRUE(r.removeModelNote("N-audit").ok());
    auto h = r.history("N-audit");
    ASSERT_TRUE(h.ok()) << h.firstError();
    ASSERT_EQ(h->size(), 3u);
    const auto& del = h.value()[0];  // newest first
    const auto& upd = h.value()[1];
    const auto& ins = h.value()[2];
    EXPECT_EQ(ins.action, "insert");
    EXPECT_EQ(ins.table, "model_notes");
    EXPECT_TRUE(ins.oldJson.empty());
    EXPECT_NE(ins.newJson.find("\"text\":\"旧\""), std::string::npos) << ins.newJson;
    EXPECT_EQ(upd.action, "update");
    EXPECT_NE(upd.oldJson.find("旧"), std::string::npos);
    EXPECT_NE(upd.newJson.find("新"), std::string::npos);
    EXPECT_EQ(del.action, "delete");
    EXPECT_TRUE(del.newJson.empty());
    EXPECT_EQ(del.who, "林工");
    EXPECT_EQ(del.at.size(), 20u);
    EXPECT_NE(ins.txn, upd.txn);
}

TEST_P(ModelNotesTest, UndoAndRedoSurviveReopening) {
    std::string id;
    {
        Registry r = open();
        auto a = r.addModelNote(note("m.glb", "第一稿"));
        ASSERT_TRUE(a.ok()) << a.firstError();
        id = a->id;
        ASSERT_TRUE(r.updateModelNoteText(id, "第二稿").ok());
    }
    {
        Registry r = open();
        auto step = r.undo();
        ASSERT_TRUE(step.ok() && step.value()) << step.firstError();
        EXPECT_EQ(step.value()->table, "model_notes");
        EXPECT_EQ(step.value()->action, "update");
        EXPECT_EQ(textOf(r, id), "第一稿");
    }
    {
        Registry r = open();
        ASSERT_TRUE(r.undo()->has_value());
        EXPECT_FALSE(r.modelNote(id)->has_value());  // the add is taken back too
    }
    {
        Registry r = open();
        ASSERT_TRUE(r.redo()->has_value());
        EXPECT_EQ(textOf(r, id), "第一稿");
    }
    Registry r = open();
    ASSERT_TRUE(r.redo()->has_value());
    EXPECT_EQ(textOf(r, id), "第二稿");
    EXPECT_FALSE(r.redo()->has_value());
    EXPECT_EQ(r.history(id).value()[0].action, "redo");
}

TEST_P(ModelNotesTest, UndoOfRemoveBringsTheSameNoteBack) {
    Registry r = open();
    ModelNote n = note("m.glb", "门楼木雕虫蛀", 384350.123456789);
    n.z = -0.001;
    auto added = r.addModelNote(n);
    ASSERT_TRUE(added.ok());
    ASSERT_TRUE(r.removeModelNote(added->id).ok());
    ASSERT_TRUE(r.undo()->has_value());
    auto back = r.modelNote(added->id);
    ASSERT_TRUE(back.ok() && back.value());
    EXPECT_EQ(back.value()->x, 384350.123456789);  // through the audit JSON, bit for bit
    EXPECT_EQ(back.value()->z, -0.001);
    EXPECT_EQ(back.value()->created, added->created);
    EXPECT_EQ(back.value()->author, added->author);
}

TEST_P(ModelNotesTest, NotesShareTheStoresOneHistoryWithRecords) {
    Registry r = open();
    TreeRecord t;
    t.id = "T1";
    t.speciesCn = "榕树";
    t.lon = 112.9;
    t.lat = 22.9;
    ASSERT_TRUE(r.insert(t).ok());
    auto n = r.addModelNote(note("m.glb", "树旁墙体开裂"));
    ASSERT_TRUE(n.ok());
    ASSERT_TRUE(r.undo()->has_value());  // the latest edit: the note
    EXPECT_FALSE(r.modelNote(n->id)->has_value());
    EXPECT_TRUE(r.tree("T1")->has_value());
    ASSERT_TRUE(r.undo()->has_value());  // then the tree
    EXPECT_FALSE(r.tree("T1")->has_value());
}

TEST_P(ModelNotesTest, ChineseTextRoundTripsThroughReopening) {
    const std::string text =
        "潮汕嵌瓷「双龙戏珠」脱落约三成; 建议按原样修补。\n第二行: 𠀋 (U+2000B)";
    std::string id;
    {
        Registry r = open("黄工");
        auto a = r.addModelNote(note("模型/驷马拖车.glb", text));
        ASSERT_TRUE(a.ok()) << a.firstError();
        id = a->id;
    }
    Registry r = open();
    auto notes = r.modelNotes("模型/驷马拖车.glb");
    ASSERT_TRUE(notes.ok()) << notes.firstError();
    ASSERT_EQ(notes->size(), 1u);
    EXPECT_EQ(notes->front().text, text);
    EXPECT_EQ(notes->front().author, "黄工");
    EXPECT_EQ(notes->front().id, id);
}

TEST_P(ModelNotesTest, BadNotesAreRefusedNamingTheFieldAndWriteNothing) {
    Registry r = open();
    const auto firstError = [&](ModelNote n) {
        auto added = r.addModelNote(std::move(n));
        EXPECT_FALSE(added.ok());
        return added.ok() ? std::string() : added.firstError();
    };
    EXPECT_NE(firstError(note("m.glb", " \t\n\xE3\x80\x80 ")).find("field 'text': is empty"),
              std::string::npos);
    EXPECT_NE(firstError(note("m.glb", "\xC0\xAF")).find("not valid UTF-8"), std::string::npos);
    const std::string tooLong = firstError(note("m.glb", repeated("字", kModelNoteMaxChars + 1)));
    EXPECT_NE(tooLong.find("2001 characters long; a note holds at most 2000"), std::string::npos)
        << tooLong;
    EXPECT_NE(firstError(note("   ", "x")).find("field 'model'"), std::string::npos);
    ModelNote nan = note("m.glb", "x");
    nan.y = std::numeric_limits<double>::quiet_NaN();
    EXPECT_NE(firstError(nan).find("field 'y': is not a finite number"), std::string::npos);
    ModelNote inf = note("m.glb", "x");
    inf.z = std::numeric_limits<double>::infinity();
    EXPECT_NE(firstError(inf).find("field 'z'"), std::string::npos);
    ModelNote when = note("m.glb", "x");
    when.created = "yesterday";
    EXPECT_NE(firstError(when).find("field 'created'"), std::string::npos);
    EXPECT_TRUE(r.modelNotes()->empty());
    EXPECT_TRUE(r.history()->empty());

    // The cap is inclusive; an update is checked the same way and leaves the text alone.
    auto longest = r.addModelNote(note("m.glb", repeated("字", kModelNoteMaxChars)));
    ASSERT_TRUE(longest.ok()) << longest.firstError();
    auto empty = r.updateModelNoteText(longest->id, "   ");
    ASSERT_FALSE(empty.ok());
    EXPECT_NE(empty.firstError().find("is empty"), std::string::npos);
    EXPECT_EQ(textOf(r, longest->id), repeated("字", kModelNoteMaxChars));
    EXPECT_EQ(r.history()->size(), 1u);
}

TEST_P(ModelNotesTest, DuplicateAndMissingIdsAreErrors) {
    Registry r = open();
    ModelNote n = note("m.glb", "一");
    n.id = "N-same";
    ASSERT_TRUE(r.addModelNote(n).ok());
    auto dup = r.addModelNote(n);
    ASSERT_FALSE(dup.ok());
    EXPECT_NE(dup.firstError().find("'N-same'"), std::string::npos);
    EXPECT_NE(dup.firstError().find("already exists"), std::string::npos);
    auto missing = r.updateModelNoteText("N-missing", "x");
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.firstError().find("no such note"), std::string::npos);
    EXPECT_FALSE(r.removeModelNote("N-missing").ok());
    EXPECT_EQ(r.modelNotes()->size(), 1u);
    EXPECT_EQ(r.history()->size(), 1u);
}

TEST_P(ModelNotesTest, ReadOnlyStoreListsNotesAndRefusesEdits) {
    std::string id;
    {
        Registry r = open();
        auto a = r.addModelNote(note("m.glb", "只读"));
        ASSERT_TRUE(a.ok());
        id = a->id;
    }
    const std::string before = GetParam() == "gpkg" ? fileBytes(target_) : std::string();
    Registry r = open("viewer", true);
    ASSERT_EQ(r.modelNotes()->size(), 1u);
    auto add = r.addModelNote(note("m.glb", "新"));
    ASSERT_FALSE(add.ok());
    EXPECT_NE(add.firstError().find("read-only"), std::string::npos) << add.firstError();
    EXPECT_NE(r.updateModelNoteText(id, "改").firstError().find("read-only"), std::string::npos);
    EXPECT_NE(r.removeModelNote(id).firstError().find("read-only"), std::string::npos);
    EXPECT_EQ(textOf(r, id), "只读");
    if (GetParam() == "gpkg") {
        EXPECT_TRUE(fileBytes(target_) == before);
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, ModelNotesTest, testing::Values("gpkg", "pg"),
                         [](const auto& param) { return param.param; });

TEST(ModelNotesUpgrade, DemoStoreReadOnlyHasNoNotesAndStaysByteForByte) {
    const fs::path demo = "assets/demo/heritage_demo.gpkg";
    const std::string before = fileBytes(demo);
    ASSERT_FALSE(before.empty());
    {
        auto r = Registry::open(demo.string(), {.actor = {}, .rules = {}, .readOnly = true});
        ASSERT_TRUE(r.ok()) << r.firstError();
        auto notes = r->modelNotes();
        ASSERT_TRUE(notes.ok()) << notes.firstError();
        EXPECT_TRUE(notes->empty());
        EXPECT_FALSE(r->addModelNote(note("m.glb", "不应写入")).ok());
    }
    EXPECT_TRUE(fileBytes(demo) == before);
    EXPECT_FALSE(fs::exists(demo.string() + "-wal"));
    EXPECT_FALSE(fs::exists(demo.string() + "-shm"));
}

namespace {
/// Makes `store` a store from before model notes: their table (and its GeoPackage metadata)
/// removed, as the demo store, rebuilt since, now has one.
void dropNotesTable(const fs::path& store) {
    GDALAllRegister();
    auto* ds = static_cast<GDALDataset*>(
        GDALOpenEx(store.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE, nullptr, nullptr, nullptr));
    ASSERT_NE(ds, nullptr) << store;
    for (int i = 0; i < ds->GetLayerCount(); ++i) {
        if (std::string(ds->GetLayer(i)->GetName()) == "model_notes") {
            EXPECT_EQ(ds->DeleteLayer(i), OGRERR_NONE);
            break;
        }
    }
    EXPECT_EQ(ds->GetLayerByName("model_notes"), nullptr);
    GDALClose(ds);
}
}  // namespace

TEST(ModelNotesUpgrade, CopyOfAStoreMadeBeforeNotesGainsTheTableAndKeepsItsTrees) {
    const fs::path demo = "assets/demo/heritage_demo.gpkg";
    const fs::path copy = test::outputDir("model-notes") / (caseName() + ".gpkg");
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(copy.string() + suffix);
    fs::copy_file(demo, copy);
    dropNotesTable(copy);
    if (HasFatalFailure())
        return;
    std::size_t trees = 0, villages = 0;
    {
        auto old = Registry::open(copy.string(), {.actor = {}, .rules = {}, .readOnly = true});
        ASSERT_TRUE(old.ok()) << old.firstError();
        trees = old->trees()->size();
        villages = old->villages()->size();
    }
    ASSERT_GT(trees, 0u);
    std::string id;
    {
        auto r = Registry::open(copy.string(), {.actor = "tester", .rules = {}});
        ASSERT_TRUE(r.ok()) << r.firstError();
        EXPECT_EQ(r->trees()->size(), trees);
        EXPECT_TRUE(r->modelNotes()->empty());
        auto added = r->addModelNote(note("models/citang.glb", "祠堂门额褪色"));
        ASSERT_TRUE(added.ok()) << added.firstError();
        id = added->id;
        EXPECT_TRUE(r->integrityCheck().ok()) << r->integrityCheck().firstError();
    }
    auto again = Registry::open(copy.string(), {.actor = {}, .rules = {}, .readOnly = true});
    ASSERT_TRUE(again.ok()) << again.firstError();
    EXPECT_EQ(again->trees()->size(), trees);
    EXPECT_EQ(again->villages()->size(), villages);
    ASSERT_EQ(again->modelNotes()->size(), 1u);
    EXPECT_EQ(again->modelNotes()->front().id, id);
}
