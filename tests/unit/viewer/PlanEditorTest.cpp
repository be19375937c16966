// The plan editor's model (viewer/src/PlanEditor.h) on the market-town street: selection,
// actions merged into interventions, undo and redo, alternatives, saving a hand-readable file,
// and the script runner behind --plan-edit; and its panel laid out by a headless ImGui.
#include "PlanEditor.h"
#include "PlanEditorPanel.h"
#include "UiState.h"

#include <cunjing/architecture/StyleLibrary.h>
#include <cunjing/architecture/VillageLayouts.h>

#include <gtest/gtest.h>
#include <imgui.h>

#include <unistd.h>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace cunjing;
using namespace cunjing::viewer;
using architecture::PlanAction;
using architecture::PlanBuilding;
using architecture::PlanSelection;
using architecture::TownPlan;

namespace {

const std::vector<architecture::Style>& styles() {
    static const std::vector<architecture::Style> loaded = [] {
        auto s = architecture::loadStyleLibrary();
        EXPECT_TRUE(s.ok()) << s.firstError();
        return s.ok() ? std::move(s.value()) : std::vector<architecture::Style>{};
    }();
    return loaded;
}

/// The street layout as the scene names it: group "street", ids "street/<footprint id>".
const std::vector<PlanBuilding>& street() {
    static const std::vector<PlanBuilding> buildings = [] {
        architecture::VillageLayoutOptions o;
        o.layout = architecture::VillageLayout::Street;
        o.seed = 3;
        auto r = architecture::generateVillage(o, styles());
        EXPECT_TRUE(r.ok()) << r.firstError();
        std::vector<PlanBuilding> out;
        if (r.ok()) {
            for (const auto& fp : r->plan.buildings)
                out.push_back({"street/" + fp.id, "street", fp, {}});
        }
        return out;
    }();
    return buildings;
}

/// Ids of the street's buildings of one typology, in scene order.
std::vector<std::string> idsOf(const std::string& typology) {
    std::vector<std::string> ids;
    for (const PlanBuilding& b : street()) {
        if (b.footprint.typology == typology)
            ids.push_back(b.id);
    }
    return ids;
}

TownPlan emptyPlan() {
    TownPlan plan;
    plan.id = "street-works";
    plan.titleZh = "圩镇街道整治";
    plan.titleEn = "Market street works";
    architecture::PlanAlternative a;
    a.id = "lingnan";
    a.titleZh = "岭南骑楼风貌";
    a.titleEn = "Lingnan arcade street";
    plan.alternatives.push_back(a);
    return plan;
}

class PlanEditorTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto rules = heritage::PlanRuleSet::forJurisdiction("guangdong");
        ASSERT_TRUE(rules.ok()) << rules.firstError();
        ASSERT_FALSE(street().empty());
        nongfang_ = idsOf("nongfang");
        qilou_ = idsOf("qilou");
        ASSERT_GE(nongfang_.size(), 2u);
        ASSERT_GE(qilou_.size(), 1u);
        editor_.emplace(emptyPlan(), "lingnan", street(), styles(), std::move(rules.value()));
        dir_ = std::filesystem::temp_directory_path() /
               ("cunjing-plan-editor-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    const architecture::PlanAlternative& alt() const { return editor_->alternative(); }

    std::optional<PlanEditor> editor_;
    std::vector<std::string> nongfang_, qilou_;
    std::filesystem::path dir_;
};

std::string readText(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_F(PlanEditorTest, ColourThenRoofOnOneBuildingMakeOneIntervention) {
    ASSERT_TRUE(editor_->select(nongfang_[0]));
    ASSERT_TRUE(editor_->apply({"wall_colour", "#E6D8BC"}));
    ASSERT_TRUE(editor_->apply({"roof", "pitched"}));
    ASSERT_EQ(alt().interventions.size(), 1u);
    const auto& in = alt().interventions[0];
    EXPECT_EQ(in.select.ids, std::vector<std::string>{nongfang_[0]});
    EXPECT_EQ(in.set, (std::vector<PlanAction>{{"wall_colour", "#E6D8BC"}, {"roof", "pitched"}}));
    EXPECT_EQ(editor_->revision(), 2u);
    EXPECT_TRUE(editor_->dirty());
}

TEST_F(PlanEditorTest, AKeySetAgainReplacesItsValueInPlace) {
    ASSERT_TRUE(editor_->select(nongfang_[0]));
    ASSERT_TRUE(editor_->apply({"wall_colour", "#E6D8BC"}));
    ASSERT_TRUE(editor_->apply({"roof", "pitched"}));
    ASSERT_TRUE(editor_->apply({"wall_colour", "#EDEBE4"}));
    ASSERT_EQ(alt().interventions.size(), 1u);
    EXPECT_EQ(alt().interventions[0].set,
              (std::vector<PlanAction>{{"wall_colour", "#EDEBE4"}, {"roof", "pitched"}}));
    // The same value again is no change: no undo step, no new revision.
    const auto revision = editor_->revision();
    ASSERT_TRUE(editor_->apply({"wall_colour", "#EDEBE4"}));
    EXPECT_EQ(editor_->revision(), revision);
}

TEST_F(PlanEditorTest, AnotherSelectionAppendsAnIntervention) {
    ASSERT_TRUE(editor_->select(nongfang_[0]));
    ASSERT_TRUE(editor_->apply({"wall_colour", "#E6D8BC"}));
    ASSERT_TRUE(editor_->select(nongfang_[1]));
    ASSERT_TRUE(editor_->apply({"roof", "pitched"}));
    // Back to the first: the last intervention selects another building, so a third one.
    ASSERT_TRUE(editor_->select(nongfang_[0]));
    ASSERT_TRUE(editor_->apply({"sign_band", "true"}));
    ASSERT_EQ(alt().interventions.size(), 3u);
    EXPECT_EQ(alt().interventions[1].select.ids, std::vector<std::string>{nongfang_[1]});
    EXPECT_EQ(alt().interventions[2].set, (std::vector<PlanAction>{{"sign_band", "true"}}));
}

TEST_F(PlanEditorTest, IdsPickedInAnotherOrderAreTheSameSelection) {
    ASSERT_TRUE(editor_->selectIds({nongfang_[0], nongfang_[1]}));
    ASSERT_TRUE(editor_->apply({"ac_screens", "true"}));
    ASSERT_TRUE(editor_->select(nongfang_[1]));
    ASSERT_TRUE(editor_->toggle(nongfang_[0]));
    ASSERT_TRUE(editor_->apply({"greening", "true"}));
    ASSERT_EQ(alt().interventions.size(), 1u);
    EXPECT_EQ(alt().interventions[0].set.size(), 2u);
}

TEST_F(PlanEditorTest, UndoOnceTakesBackTheRoofOnlyAndRedoRestoresIt) {
    ASSERT_TRUE(editor_->select(nongfang_[0]));
    ASSERT_TRUE(editor_->apply({"wall_colour", "#E6D8BC"}));
    ASSERT_TRUE(editor_->apply({"roof", "pitched"}));
    EXPECT_FALSE(editor_->canRedo());
    ASSERT_TRUE(editor_->undo());
    ASSERT_EQ(alt().interventions.size(), 1u);
    EXPECT_EQ(alt().interventions[0].set, (std::vector<PlanAction>{{"wall_colour", "#E6D8BC"}}));
    EXPECT_EQ(editor_->revision(), 3u);
    EXPECT_TRUE(editor_->canRedo());
    ASSERT_TRUE(editor_->redo());
    EXPECT_EQ(alt().interventions[0].set,
              (std::vector<PlanAction>{{"wall_colour", "#E6D8BC"}, {"roof", "pitched"}}));
    // Undo to the start, then a new edit drops what could be redone.
    ASSERT_TRUE(editor_->undo());
    ASSERT_TRUE(editor_->undo());
    EXPECT_TRUE(alt().interventions.empty());
    EXPECT_FALSE(editor_->canUndo());
    EXPECT_FALSE(editor_->undo());
    ASSERT_TRUE(editor_->apply({"doors", "timber"}));
    EXPECT_FALSE(editor_->canRedo());
}

TEST_F(PlanEditorTest, ABadColourIsRefusedWithAMessageAndChangesNothing) {
    ASSERT_TRUE(editor_->select(nongfang_[0]));
    const Status bad = editor_->apply({"wall_colour", "#E6D8B"});
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.firstError().find("#RRGGBB"), std::string::npos) << bad.firstError();
    EXPECT_EQ(editor_->revision(), 0u);
    EXPECT_TRUE(alt().interventions.empty());
    EXPECT_FALSE(editor_->canUndo());
    EXPECT_FALSE(editor_->dirty());

    const Status unknown = editor_->apply({"wal_colour", "#E6D8BC"});
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.firstError().find("wal_colour"), std::string::npos);
    EXPECT_EQ(editor_->revision(), 0u);
}

TEST_F(PlanEditorTest, NothingSelectedOrAnUnknownIdIsAnError) {
    EXPECT_FALSE(editor_->apply({"roof", "pitched"}));
    ASSERT_TRUE(editor_->select(nongfang_[0]));
    const Status missing = editor_->select("street/no-such-house");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.firstError().find("street/no-such-house"), std::string::npos);
    EXPECT_EQ(editor_->selection(), std::vector<std::string>{nongfang_[0]});
    EXPECT_FALSE(editor_->selectIds({nongfang_[1], "nowhere"}));
    EXPECT_EQ(editor_->selection(), std::vector<std::string>{nongfang_[0]});
}

TEST_F(PlanEditorTest, ToggleAddsAndTakesOut) {
    ASSERT_TRUE(editor_->select(nongfang_[0]));
    ASSERT_TRUE(editor_->toggle(qilou_[0]));
    EXPECT_EQ(editor_->selection(), (std::vector<std::string>{nongfang_[0], qilou_[0]}));
    ASSERT_TRUE(editor_->toggle(nongfang_[0]));
    EXPECT_EQ(editor_->selection(), std::vector<std::string>{qilou_[0]});
    editor_->clear();
    EXPECT_TRUE(editor_->selection().empty());
}

TEST_F(PlanEditorTest, ARuleSelectionWritesTheRuleNotTheIds) {
    PlanSelection rule;
    rule.groups = {"street"};
    rule.typologies = {"nongfang"};
    ASSERT_TRUE(editor_->selectByRule(rule));
    EXPECT_EQ(editor_->selection(), nongfang_);
    ASSERT_TRUE(editor_->rule().has_value());
    ASSERT_TRUE(editor_->apply({"facade_finish", "plaster"}));
    ASSERT_TRUE(editor_->apply({"ac_screens", "true"}));
    ASSERT_EQ(alt().interventions.size(), 1u);
    const PlanSelection& written = alt().interventions[0].select;
    EXPECT_TRUE(written.ids.empty());
    EXPECT_EQ(written.groups, std::vector<std::string>{"street"});
    EXPECT_EQ(written.typologies, std::vector<std::string>{"nongfang"});
    EXPECT_EQ(editor_->effectiveValue("facade_finish"), "plaster");
    // Picking one of them by hand turns the selection into ids.
    ASSERT_TRUE(editor_->toggle(qilou_[0]));
    EXPECT_FALSE(editor_->rule().has_value());
    EXPECT_EQ(editor_->selection().size(), nongfang_.size() + 1);
}

TEST_F(PlanEditorTest, ARuleOnTheRoofFormSelectsTheFlatRoofs) {
    const std::vector<std::string> roofs = editor_->roofForms();
    ASSERT_NE(std::find(roofs.begin(), roofs.end(), "flat"), roofs.end());
    PlanSelection rule;
    rule.roofs = {"flat"};
    ASSERT_TRUE(editor_->selectByRule(rule));
    EXPECT_FALSE(editor_->selection().empty());
    for (const std::string& id : editor_->selection()) {
        const auto* b = &*std::find_if(street().begin(), street().end(),
                                       [&](const PlanBuilding& p) { return p.id == id; });
        EXPECT_EQ(architecture::roofFormOf(styles(), b->footprint), "flat") << id;
    }
    EXPECT_FALSE(editor_->selectByRule(PlanSelection{}));
}

TEST_F(PlanEditorTest, RemoveListsTheIdsAndUndoBringsThemBack) {
    ASSERT_TRUE(editor_->selectIds({qilou_[0], nongfang_[1]}));
    ASSERT_TRUE(editor_->removeSelected());
    EXPECT_EQ(alt().remove, (std::vector<std::string>{qilou_[0], nongfang_[1]}));
    EXPECT_EQ(editor_->effectiveValue("remove"), "true");
    // The "remove" action is the same step.
    ASSERT_TRUE(editor_->select(nongfang_[0]));
    ASSERT_TRUE(editor_->apply({"remove", "true"}));
    EXPECT_EQ(alt().remove.size(), 3u);
    EXPECT_TRUE(alt().interventions.empty());
    ASSERT_TRUE(editor_->undo());
    ASSERT_TRUE(editor_->undo());
    EXPECT_TRUE(alt().remove.empty());
}

TEST_F(PlanEditorTest, AnAddedBuildingTakesActionsInItsOwnSetAndCanBeRemoved) {
    ASSERT_TRUE(editor_->addBuilding("guangfu", "nongfang", {-10, 20}, 180));
    ASSERT_EQ(alt().add.size(), 1u);
    EXPECT_EQ(alt().add[0].id, "nongfang-1");
    EXPECT_EQ(editor_->selection(), std::vector<std::string>{"plan/nongfang-1"});
    ASSERT_TRUE(editor_->apply({"wall_colour", "#EDEBE4"}));
    EXPECT_TRUE(alt().interventions.empty());
    EXPECT_EQ(alt().add[0].set, (std::vector<PlanAction>{{"wall_colour", "#EDEBE4"}}));
    EXPECT_FALSE(editor_->addBuilding("guangfu", "no-such-typology", {0, 0}, 180));
    ASSERT_TRUE(editor_->removeSelected());
    EXPECT_TRUE(alt().add.empty());
    EXPECT_TRUE(editor_->selection().empty());
}

TEST_F(PlanEditorTest, SavedFileReadsBackEqualAndReadsByHand) {
    ASSERT_TRUE(editor_->select(nongfang_[0]));
    ASSERT_TRUE(editor_->apply({"wall_colour", "#E6D8BC"}));
    ASSERT_TRUE(editor_->apply({"roof", "pitched"}));
    PlanSelection rule;
    rule.typologies = {"dianxian"};
    ASSERT_TRUE(editor_->selectByRule(rule));
    ASSERT_TRUE(editor_->apply({"bury_wires", "true"}));
    ASSERT_TRUE(editor_->selectIds({qilou_[0]}));
    ASSERT_TRUE(editor_->removeSelected());

    EXPECT_FALSE(editor_->save()) << "a plan with no file needs a path";
    const std::filesystem::path path = dir_ / "street_plan.json";
    const Status saved = editor_->save(path.string());
    ASSERT_TRUE(saved) << saved.firstError();
    EXPECT_FALSE(editor_->dirty());
    EXPECT_EQ(editor_->plan().file, path.string());

    auto back = architecture::readTownPlan(path.string());
    ASSERT_TRUE(back.ok()) << back.firstError();
    ASSERT_EQ(back->alternatives.size(), 1u);
    const auto& a = back->alternatives[0];
    EXPECT_EQ(back->id, "street-works");
    EXPECT_EQ(back->titleZh, "圩镇街道整治");
    EXPECT_EQ(a.id, "lingnan");
    ASSERT_EQ(a.interventions.size(), 2u);
    EXPECT_EQ(a.interventions[0].select.ids, std::vector<std::string>{nongfang_[0]});
    EXPECT_EQ(a.interventions[0].set, alt().interventions[0].set);
    EXPECT_EQ(a.interventions[1].select.typologies, std::vector<std::string>{"dianxian"});
    EXPECT_EQ(a.interventions[1].set, (std::vector<PlanAction>{{"bury_wires", "true"}}));
    EXPECT_EQ(a.remove, std::vector<std::string>{qilou_[0]});

    // A person reads it: one intervention's selection and set a line each, booleans as JSON.
    const std::string text = readText(path);
    EXPECT_NE(text.find("{\"select\": {\"ids\": [\"" + nongfang_[0] + "\"]},\n"), std::string::npos)
        << text;
    EXPECT_NE(text.find("\"set\": {\"wall_colour\": \"#E6D8BC\", \"roof\": \"pitched\"}}"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("{\"select\": {\"typology\": \"dianxian\"},"), std::string::npos) << text;
    EXPECT_NE(text.find("\"set\": {\"bury_wires\": true}}"), std::string::npos) << text;

    // Saved, edited, undone back to the saved state: clean again.
    ASSERT_TRUE(editor_->select(nongfang_[1]));
    ASSERT_TRUE(editor_->apply({"windows", "timber-lattice"}));
    EXPECT_TRUE(editor_->dirty());
    ASSERT_TRUE(editor_->undo());
    EXPECT_FALSE(editor_->dirty());
    EXPECT_EQ(editor_->plan().file, path.string()) << "undo keeps where the plan lives";
}

TEST_F(PlanEditorTest, AlternativesAreSeparateAndANewOneIsOneUndoStep) {
    ASSERT_TRUE(editor_->select(nongfang_[0]));
    ASSERT_TRUE(editor_->apply({"wall_colour", "#E6D8BC"}));
    ASSERT_TRUE(editor_->newAlternative("modern", "现代简约", "Modern", "lingnan"));
    EXPECT_EQ(editor_->alternativeId(), "modern");
    EXPECT_EQ(alt().titleZh, "现代简约");
    ASSERT_EQ(alt().interventions.size(), 1u) << "copied from lingnan";
    ASSERT_TRUE(editor_->apply({"wall_colour", "#EDEBE4"}));
    EXPECT_EQ(alt().interventions[0].set[0].second, "#EDEBE4");
    EXPECT_EQ(editor_->plan().findAlternative("lingnan")->interventions[0].set[0].second,
              "#E6D8BC");

    const auto revision = editor_->revision();
    ASSERT_TRUE(editor_->setAlternative("lingnan"));
    EXPECT_EQ(editor_->revision(), revision + 1) << "the after state to show changed";
    EXPECT_EQ(editor_->effectiveValue("wall_colour"), "#E6D8BC");
    EXPECT_FALSE(editor_->setAlternative("classic"));
    EXPECT_FALSE(editor_->newAlternative("modern", "", ""));
    EXPECT_FALSE(editor_->newAlternative("two words", "", ""));
    EXPECT_FALSE(editor_->newAlternative("empty", "", "", "no-such"));

    ASSERT_TRUE(editor_->newAlternative("blank", "", ""));
    EXPECT_TRUE(alt().interventions.empty());
    ASSERT_TRUE(editor_->undo());
    EXPECT_EQ(editor_->plan().findAlternative("blank"), nullptr);
    EXPECT_EQ(editor_->alternativeId(), "lingnan");
}

TEST_F(PlanEditorTest, ScriptRunsItsStepsAndNamesTheOneThatFails) {
    const std::filesystem::path path = dir_ / "scripted.json";
    const Status ok = editor_->runScript("select " + nongfang_[0] +
                                         "; set wall_colour=#E6D8BC\n"
                                         "set roof=pitched; undo;\n"
                                         "rule group=street typology=nongfang,qilou\n"
                                         "set ac_screens=true; save " +
                                         path.string());
    ASSERT_TRUE(ok) << ok.firstError();
    ASSERT_EQ(alt().interventions.size(), 2u);
    EXPECT_EQ(alt().interventions[0].set, (std::vector<PlanAction>{{"wall_colour", "#E6D8BC"}}));
    EXPECT_EQ(alt().interventions[1].select.typologies,
              (std::vector<std::string>{"nongfang", "qilou"}));
    EXPECT_TRUE(std::filesystem::exists(path));
    EXPECT_FALSE(editor_->dirty());

    const Status bad =
        editor_->runScript("select " + nongfang_[1] + "; set doors=glass; set wal_colour=#1");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.firstError().rfind("step 3 'set wal_colour=#1': unknown intervention", 0), 0u)
        << bad.firstError();
    EXPECT_EQ(editor_->effectiveValue("doors"), "glass") << "the steps before it stay done";

    EXPECT_NE(editor_->runScript("explode").firstError().find("step 1 'explode': unknown step"),
              std::string::npos);
    EXPECT_NE(editor_->runScript("rule colour=red").firstError().find("KEY=VALUE"),
              std::string::npos);
    EXPECT_FALSE(editor_->runScript("redo"));
}

TEST_F(PlanEditorTest, ScriptSwitchesAndCreatesAlternativesAndAddsBuildings) {
    const Status ok = editor_->runScript(
        "new modern lingnan; building guangfu nongfang -5,12 90; set greening=true; "
        "alternative lingnan");
    ASSERT_TRUE(ok) << ok.firstError();
    EXPECT_EQ(editor_->alternativeId(), "lingnan");
    const auto* modern = editor_->plan().findAlternative("modern");
    ASSERT_NE(modern, nullptr);
    ASSERT_EQ(modern->add.size(), 1u);
    EXPECT_EQ(modern->add[0].facingDeg, 90);
    EXPECT_EQ(modern->add[0].at.x, -5);
    EXPECT_EQ(modern->add[0].set, (std::vector<PlanAction>{{"greening", "true"}}));
    EXPECT_TRUE(editor_->selection().empty()) << "the added building is not in lingnan";
    EXPECT_FALSE(editor_->runScript("building guangfu nongfang here"));
}

TEST(PlanKeys, EveryKeyIsOfferedWithTheValuesTheReaderAccepts) {
    const auto& keys = architecture::planActionKeys();
    ASSERT_EQ(planKeyInfos().size(), keys.size());
    for (const PlanKeyInfo& info : planKeyInfos()) {
        if (info.kind == PlanKeyKind::Choice) {
            EXPECT_FALSE(info.values.empty()) << info.key << " has no value to offer";
            for (const std::string& v : info.values)
                EXPECT_FALSE(architecture::checkPlanAction({info.key, v})) << info.key << v;
        }
    }
    EXPECT_EQ(findPlanKeyInfo("wall_colour")->kind, PlanKeyKind::Colour);
    EXPECT_EQ(findPlanKeyInfo("roof_colour")->kind, PlanKeyKind::Colour);
    EXPECT_EQ(findPlanKeyInfo("roof")->values, (std::vector<std::string>{"pitched", "flat"}));
    EXPECT_EQ(findPlanKeyInfo("facade_finish")->values.size(), 5u);
    EXPECT_EQ(findPlanKeyInfo("ac_screens")->kind, PlanKeyKind::Toggle);
    EXPECT_EQ(findPlanKeyInfo("remove_additions")->kind, PlanKeyKind::Action);
    EXPECT_EQ(findPlanKeyInfo("no-such-key"), nullptr);
}

TEST_F(PlanEditorTest, PaletteIsTheSelectedStylesFromTheRules) {
    ASSERT_TRUE(editor_->select(nongfang_[0]));
    const PlanPalette p = editor_->palette();
    EXPECT_EQ(p.style, "guangfu");
    EXPECT_NE(std::find(p.wall.begin(), p.wall.end(), "#6E7378"), p.wall.end());
    EXPECT_EQ(p.roof, std::vector<std::string>{"#5A5E63"});
    EXPECT_FALSE(p.trim.empty());
    EXPECT_EQ(p.maxDeltaE00, 10);
    EXPECT_NEAR(*nearestDeltaE00("#6E7378", p.wall), 0.0, 1e-9);
    EXPECT_GT(*nearestDeltaE00("#FF0000", p.wall), p.maxDeltaE00);
    EXPECT_FALSE(nearestDeltaE00("red", p.wall));
}

TEST_F(PlanEditorTest, EffectiveValueIsCommonToTheSelectionOrNothing) {
    ASSERT_TRUE(editor_->select(nongfang_[0]));
    ASSERT_TRUE(editor_->apply({"windows", "aluminium"}));
    ASSERT_TRUE(editor_->select(nongfang_[1]));
    EXPECT_FALSE(editor_->effectiveValue("windows"));
    ASSERT_TRUE(editor_->toggle(nongfang_[0]));
    EXPECT_FALSE(editor_->effectiveValue("windows")) << "the two differ";
    ASSERT_TRUE(editor_->apply({"windows", "aluminium"}));
    EXPECT_EQ(editor_->effectiveValue("windows"), "aluminium");
}

namespace {

/// Dear ImGui with no window and no GPU (its example_null): frames are laid out, not drawn.
class HeadlessImGui {
public:
    HeadlessImGui() {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(1280, 900);
        io.DeltaTime = 1.0f / 60;
        unsigned char* pixels = nullptr;
        int width = 0, height = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    }
    ~HeadlessImGui() { ImGui::DestroyContext(); }
    HeadlessImGui(const HeadlessImGui&) = delete;
    HeadlessImGui& operator=(const HeadlessImGui&) = delete;

    PlanEditorRequests frame(PlanEditor& editor, PlanEditorPanelState& state, scene::Language lang,
                             UiState& ui) {
        ui.panelRects.clear();
        ImGui::NewFrame();
        const PlanEditorRequests requests = drawPlanEditorPanel(editor, state, lang, ui);
        ImGui::Render();
        return requests;
    }
};

}  // namespace

TEST_F(PlanEditorTest, PanelSitsInTheRightColumnBelowTheInfoPanel) {
    HeadlessImGui imgui;
    PlanEditorPanelState state;
    UiState ui;
    ui.infoBottom = 180;
    ASSERT_TRUE(editor_->select(nongfang_[0]));
    for (const scene::Language lang : {scene::Language::Chinese, scene::Language::English}) {
        const PlanEditorRequests requests = imgui.frame(*editor_, state, lang, ui);
        EXPECT_FALSE(requests.flyToSelection || requests.close || requests.boxSelect);
        ASSERT_EQ(ui.panelRects.size(), 1u);
        const UiRect& r = ui.panelRects[0];
        EXPECT_GT(r.y, ui.infoBottom);
        EXPECT_GT(r.x, 1280 * 0.5f) << "the left column is the viewpoints' and the inspector's";
        EXPECT_NEAR(r.x + r.width, 1280, 2 * ImGui::GetFontSize());
        EXPECT_LT(r.y + r.height, 900 - 2 * ImGui::GetFontSize()) << "the language bar stays free";
    }
    state.visible = false;
    imgui.frame(*editor_, state, scene::Language::Chinese, ui);
    EXPECT_TRUE(ui.panelRects.empty());
}

TEST(PlanEditorPanelText, KeysAndValuesHaveBothLanguages) {
    for (const PlanKeyInfo& info : planKeyInfos()) {
        EXPECT_NE(planKeyLabel(info.key, scene::Language::Chinese), info.key) << info.key;
        EXPECT_NE(planKeyLabel(info.key, scene::Language::English), info.key) << info.key;
        for (const std::string& v : info.values)
            EXPECT_NE(planValueLabel(info.key, v, scene::Language::Chinese), v) << info.key << v;
    }
    EXPECT_STREQ(planValueLabel("roof", "pitched", scene::Language::Chinese), "坡屋顶（平改坡）");
    TownPlan plan = emptyPlan();
    const std::vector<std::string> texts = planEditorTexts(&plan);
    for (const char* wanted : {"规划编辑", "拆除乱搭乱建", "岭南骑楼风貌", "圩镇街道整治"})
        EXPECT_NE(std::find(texts.begin(), texts.end(), wanted), texts.end()) << wanted;
}
