#include "RegisterModel.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>

using namespace cunjing::viewer;
using namespace cunjing::heritage;

namespace {

/// Each test gets its own GeoPackage: opening one writes WAL files beside it.
class RegisterModelTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("cunjing-viewer-register-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        auto registry =
            Registry::open((dir_ / "register.gpkg").string(), {.actor = "test", .rules = {}});
        ASSERT_TRUE(registry) << registry.firstError();
        ASSERT_TRUE(registry->insert(tree("T1", "榕树", 320, "村口")));
        ASSERT_TRUE(registry->insert(tree("T2", "樟树", 120, "祠堂前")));
        ASSERT_TRUE(registry->insert(tree("T3", "榕树", 550, "后山")));
        VillageRecord v;
        v.id = "V1";
        v.name = "大旗头村";
        v.county = "三水区";
        v.lon = 112.9;
        v.lat = 23.3;
        v.batch = 1;
        v.year = 2012;
        ASSERT_TRUE(registry->insert(v));
        model_.emplace(std::move(registry).value(), Rules{});
    }
    void TearDown() override {
        model_.reset();
        std::filesystem::remove_all(dir_);
    }

    static TreeRecord tree(const std::string& id, const std::string& species, int age,
                           const std::string& place) {
        TreeRecord t;
        t.id = id;
        t.speciesCn = species;
        t.ageYears = age;
        t.placeName = place;
        t.lon = 112.87;
        t.lat = 23.24;
        t.heightM = 15;
        return t;
    }
    std::vector<std::string> resultIds() const {
        std::vector<std::string> ids;
        for (const auto& row : model_->results())
            ids.push_back(row.record.id);
        return ids;
    }
    RegisterModel::Field* field(const std::string& column) {
        for (auto& f : model_->fields()) {
            if (f.column == column)
                return &f;
        }
        return nullptr;
    }

    std::filesystem::path dir_;
    std::optional<RegisterModel> model_;
};

}  // namespace

TEST_F(RegisterModelTest, ListsEveryTreeThenSearchesByText) {
    EXPECT_EQ(resultIds(), (std::vector<std::string>{"T1", "T2", "T3"}));
    model_->setQuery("榕树");
    EXPECT_EQ(resultIds(), (std::vector<std::string>{"T1", "T3"}));
    model_->setQuery("祠堂");
    EXPECT_EQ(resultIds(), (std::vector<std::string>{"T2"}));
}

TEST_F(RegisterModelTest, GradeFilterUsesTheRulesGrade) {
    model_->setGradeFilter(TreeGrade::One);
    EXPECT_EQ(resultIds(), (std::vector<std::string>{"T3"}));
    model_->setGradeFilter(TreeGrade::Three);
    EXPECT_EQ(resultIds(), (std::vector<std::string>{"T2"}));
    model_->setGradeFilter(std::nullopt);
    EXPECT_EQ(resultIds().size(), 3u);
}

TEST_F(RegisterModelTest, VillagesAreSearchedToo) {
    model_->setKind(RecordKind::Village);
    EXPECT_EQ(resultIds(), (std::vector<std::string>{"V1"}));
    model_->setQuery("三水");
    EXPECT_EQ(resultIds(), (std::vector<std::string>{"V1"}));
    model_->setQuery("不存在");
    EXPECT_TRUE(resultIds().empty());
}

TEST_F(RegisterModelTest, SaveWritesChangedFieldsThroughTheStore) {
    ASSERT_TRUE(model_->select({RecordKind::Tree, "T1"}));
    ASSERT_NE(field("age_years"), nullptr);
    EXPECT_EQ(field("age_years")->text, "320");
    EXPECT_FALSE(model_->dirty());
    field("age_years")->text = "510";
    field("story")->text = "建村时所植";
    EXPECT_TRUE(model_->dirty());
    model_->save();
    ASSERT_TRUE(model_->outcome());
    EXPECT_FALSE(model_->outcome()->error) << model_->outcome()->detail;
    EXPECT_EQ(model_->outcome()->message, StringId::RegisterSaved);
    EXPECT_FALSE(model_->dirty()) << "the editor reloads what was saved";
    EXPECT_EQ(model_->revision(), 1);
    const auto card = model_->lookup({RecordKind::Tree, "T1"});
    ASSERT_TRUE(card);
    const auto& saved = std::get<TreeRecord>(card->record);
    EXPECT_EQ(saved.ageYears, 510);
    EXPECT_EQ(saved.story, "建村时所植");
}

TEST_F(RegisterModelTest, BadValueIsReportedAndNothingIsWritten) {
    ASSERT_TRUE(model_->select({RecordKind::Tree, "T1"}));
    field("height_m")->text = "tall";
    field("age_years")->text = "400";
    model_->save();
    ASSERT_TRUE(model_->outcome());
    EXPECT_TRUE(model_->outcome()->error);
    EXPECT_NE(model_->outcome()->detail.find("height_m"), std::string::npos)
        << model_->outcome()->detail;
    EXPECT_EQ(model_->revision(), 0);
    EXPECT_EQ(std::get<TreeRecord>(model_->lookup({RecordKind::Tree, "T1"})->record).ageYears, 320);
    EXPECT_TRUE(model_->dirty()) << "the user's typing is kept to be fixed";
}

TEST_F(RegisterModelTest, IdCannotBeRenamed) {
    ASSERT_TRUE(model_->select({RecordKind::Tree, "T1"}));
    field("id")->text = "T9";
    model_->save();
    ASSERT_TRUE(model_->outcome());
    EXPECT_TRUE(model_->outcome()->error);
    EXPECT_TRUE(model_->lookup({RecordKind::Tree, "T1"}));
}

TEST_F(RegisterModelTest, UndoAndRedoReloadTheEditor) {
    ASSERT_TRUE(model_->select({RecordKind::Village, "V1"}));
    field("population")->text = "1200";
    model_->save();
    ASSERT_FALSE(model_->outcome()->error) << model_->outcome()->detail;
    model_->undo();
    EXPECT_EQ(model_->outcome()->message, StringId::RegisterUndone);
    EXPECT_EQ(field("population")->text, "");
    model_->redo();
    EXPECT_EQ(model_->outcome()->message, StringId::RegisterRedone);
    EXPECT_EQ(field("population")->text, "1200");
    EXPECT_EQ(model_->revision(), 3);
}

TEST_F(RegisterModelTest, UndoSurvivesReopeningTheStore) {
    ASSERT_TRUE(model_->select({RecordKind::Tree, "T2"}));
    field("age_years")->text = "130";
    model_->save();
    model_.reset();
    auto reopened =
        Registry::open((dir_ / "register.gpkg").string(), {.actor = "test", .rules = {}});
    ASSERT_TRUE(reopened) << reopened.firstError();
    model_.emplace(std::move(reopened).value(), Rules{});
    model_->undo();
    EXPECT_EQ(model_->outcome()->message, StringId::RegisterUndone);
    EXPECT_EQ(std::get<TreeRecord>(model_->lookup({RecordKind::Tree, "T2"})->record).ageYears, 120);
}

TEST_F(RegisterModelTest, SelectingAMissingRecordSaysSo) {
    EXPECT_FALSE(model_->select({RecordKind::Tree, "nope"}));
    ASSERT_TRUE(model_->outcome());
    EXPECT_EQ(model_->outcome()->message, StringId::RegisterRecordGone);
    EXPECT_FALSE(model_->selected());
}

TEST_F(RegisterModelTest, TextsIncludeRecordValuesForTheFont) {
    const auto texts = model_->texts();
    EXPECT_NE(std::find(texts.begin(), texts.end(), "祠堂前"), texts.end());
    EXPECT_NE(std::find(texts.begin(), texts.end(), "大旗头村"), texts.end());
}
