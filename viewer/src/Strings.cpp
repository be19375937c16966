#include <cunjing/viewer/Strings.h>

#include <array>

namespace cunjing::viewer {

namespace {

using enum StringId;

// Keep one line per string: translators read this file side by side.
constexpr std::array kTable{
    StringEntry{AppTitle, "app_title", "村景", "Cunjing"},
    StringEntry{ViewpointsTitle, "viewpoints_title", "视点", "Viewpoints"},
    StringEntry{OverviewViewpoint, "overview_viewpoint", "全景", "Overview"},
    StringEntry{InfoTitle, "info_title", "场景信息", "Scene"},
    StringEntry{SceneLabel, "scene_label", "场景", "Scene"},
    StringEntry{UntitledScene, "untitled_scene", "未命名场景", "Untitled scene"},
    StringEntry{BuildingsLabel, "buildings_label", "建筑", "Buildings"},
    StringEntry{TreesLabel, "trees_label", "树木", "Trees"},
    StringEntry{CameraLabel, "camera_label", "相机", "Camera"},
    StringEntry{FpsLabel, "fps_label", "帧率", "FPS"},
    StringEntry{ModeLabel, "mode_label", "模式", "Mode"},
    StringEntry{ModeOrbit, "mode_orbit", "环绕", "Orbit"},
    StringEntry{ModeFly, "mode_fly", "飞行", "Fly"},
    StringEntry{LanguageTitle, "language_title", "语言", "Language"},
    StringEntry{LanguageChinese, "language_chinese", "中文", "中文"},
    StringEntry{LanguageEnglish, "language_english", "English", "English"},
    StringEntry{HelpButton, "help_button", "帮助", "Help"},
    StringEntry{HelpTitle, "help_title", "操作说明", "Controls"},
    StringEntry{HelpOrbitInput, "help_orbit_input", "左键拖动 · 单指拖动",
                "Left drag · one-finger drag"},
    StringEntry{HelpOrbitAction, "help_orbit_action", "环绕观察", "Orbit"},
    StringEntry{HelpPanInput, "help_pan_input", "右键或中键拖动 · 双指拖动",
                "Right or middle drag · two-finger drag"},
    StringEntry{HelpPanAction, "help_pan_action", "平移", "Pan"},
    StringEntry{HelpZoomInput, "help_zoom_input", "滚轮 · 双指捏合", "Wheel · pinch"},
    StringEntry{HelpZoomAction, "help_zoom_action", "缩放", "Zoom"},
    StringEntry{HelpFlyToggleInput, "help_fly_toggle_input", "F", "F"},
    StringEntry{HelpFlyToggleAction, "help_fly_toggle_action", "飞行模式开关", "Fly mode on/off"},
    StringEntry{HelpFlyMoveInput, "help_fly_move_input", "W A S D · 方向键", "W A S D · arrows"},
    StringEntry{HelpFlyMoveAction, "help_fly_move_action", "飞行移动", "Fly"},
    StringEntry{HelpFlyUpDownInput, "help_fly_updown_input", "Q / E", "Q / E"},
    StringEntry{HelpFlyUpDownAction, "help_fly_updown_action", "下降 / 上升", "Down / up"},
    StringEntry{HelpFastInput, "help_fast_input", "Shift", "Shift"},
    StringEntry{HelpFastAction, "help_fast_action", "加速", "Faster"},
    StringEntry{HelpHomeInput, "help_home_input", "Home", "Home"},
    StringEntry{HelpHomeAction, "help_home_action", "回到第一个视点",
                "Back to the first viewpoint"},
    StringEntry{HelpNumbersInput, "help_numbers_input", "1 – 9", "1 – 9"},
    StringEntry{HelpNumbersAction, "help_numbers_action", "飞往视点", "Fly to a viewpoint"},
    StringEntry{HelpScreenshotInput, "help_screenshot_input", "F12 · P", "F12 · P"},
    StringEntry{HelpScreenshotAction, "help_screenshot_action", "截图", "Screenshot"},
    StringEntry{HelpHelpInput, "help_help_input", "H · F1", "H · F1"},
    StringEntry{HelpHelpAction, "help_help_action", "显示或隐藏本说明", "Show or hide this help"},
    StringEntry{HelpQuitInput, "help_quit_input", "Esc", "Esc"},
    StringEntry{HelpQuitAction, "help_quit_action", "退出", "Quit"},
    StringEntry{HelpClose, "help_close", "关闭", "Close"},
    StringEntry{NoScene, "no_scene", "未加载场景。用法：cunjing-viewer 场景文件.json",
                "No scene loaded. Usage: cunjing-viewer scene.json"},
    StringEntry{ScreenshotSaved, "screenshot_saved", "截图已保存：", "Screenshot saved: "},
    StringEntry{ScreenshotFailed, "screenshot_failed", "截图失败：", "Screenshot failed: "},
    StringEntry{HelpPickInput, "help_pick_input", "单击 · 轻触", "Click · tap"},
    StringEntry{HelpPickAction, "help_pick_action", "查看古树或村落信息",
                "Details of a tree or village"},
    StringEntry{CardTree, "card_tree", "古树名木", "Ancient tree"},
    StringEntry{CardVillage, "card_village", "传统村落", "Traditional village"},
    StringEntry{CardSceneOnly, "card_scene_only", "场景数据（未接登记库）",
                "Scene data (no register)"},
    StringEntry{CardSynthetic, "card_synthetic", "示例数据，非实地调查",
                "Synthetic demo record, not a survey"},
    StringEntry{CardId, "card_id", "编号", "ID"},
    StringEntry{CardSpecies, "card_species", "树种", "Species"},
    StringEntry{CardGrade, "card_grade", "等级", "Grade"},
    StringEntry{CardAge, "card_age", "树龄", "Age"},
    StringEntry{CardYears, "card_years", "年", "years"},
    StringEntry{CardHeight, "card_height", "树高", "Height"},
    StringEntry{CardCrown, "card_crown", "平均冠幅", "Crown spread"},
    StringEntry{CardDbh, "card_dbh", "胸径", "DBH"},
    StringEntry{CardProtectionRadius, "card_protection_radius", "保护范围半径",
                "Protection radius"},
    StringEntry{CardPlace, "card_place", "位置", "Place"},
    StringEntry{CardVigour, "card_vigour", "生长势", "Vigour"},
    StringEntry{CardCustodian, "card_custodian", "管护责任", "Custodian"},
    StringEntry{CardStory, "card_story", "故事", "Story"},
    StringEntry{CardRegion, "card_region", "所在地", "County / town"},
    StringEntry{CardBatch, "card_batch", "批次", "Batch"},
    StringEntry{CardCoordinates, "card_coordinates", "坐标", "Coordinates"},
    StringEntry{CardPopulation, "card_population", "人口", "Population"},
    StringEntry{CardHouseholds, "card_households", "户数", "Households"},
    StringEntry{CardArea, "card_area", "面积", "Area"},
    StringEntry{CardSitePattern, "card_site_pattern", "选址格局", "Site pattern"},
    StringEntry{CardTraditionalBuildings, "card_traditional_buildings", "传统建筑",
                "Traditional buildings"},
    StringEntry{CardProtectedUnits, "card_protected_units", "文物保护单位", "Protected units"},
    StringEntry{CardIntangible, "card_intangible", "非物质文化遗产", "Intangible heritage"},
    StringEntry{FlyToButton, "fly_to_button", "飞往", "Fly to"},
    StringEntry{CloseButton, "close_button", "关闭", "Close"},
    StringEntry{NotInScene, "not_in_scene", "该记录不在当前场景中：", "Not in this scene: "},
    StringEntry{RegisterButton, "register_button", "登记库", "Register"},
    StringEntry{RegisterTitle, "register_title", "古树与村落登记库", "Tree and village register"},
    StringEntry{RegisterTrees, "register_trees", "古树", "Trees"},
    StringEntry{RegisterVillages, "register_villages", "村落", "Villages"},
    StringEntry{RegisterSearch, "register_search", "搜索", "Search"},
    StringEntry{RegisterAllGrades, "register_all_grades", "全部等级", "All grades"},
    StringEntry{RegisterCount, "register_count", "条记录", "records"},
    StringEntry{RegisterEdit, "register_edit", "编辑", "Edit"},
    StringEntry{RegisterPickHint, "register_pick_hint", "在列表中选择一条记录以编辑",
                "Select a record in the list to edit it"},
    StringEntry{RegisterSave, "register_save", "保存", "Save"},
    StringEntry{RegisterRevert, "register_revert", "还原", "Revert"},
    StringEntry{RegisterUndo, "register_undo", "撤销", "Undo"},
    StringEntry{RegisterRedo, "register_redo", "重做", "Redo"},
    StringEntry{RegisterSaved, "register_saved", "已保存：", "Saved: "},
    StringEntry{RegisterUnchanged, "register_unchanged", "没有修改", "No changes"},
    StringEntry{RegisterUndone, "register_undone", "已撤销：", "Undone: "},
    StringEntry{RegisterRedone, "register_redone", "已重做：", "Redone: "},
    StringEntry{RegisterNothingToUndo, "register_nothing_to_undo", "没有可撤销的修改",
                "Nothing to undo"},
    StringEntry{RegisterNothingToRedo, "register_nothing_to_redo", "没有可重做的修改",
                "Nothing to redo"},
    StringEntry{RegisterFailed, "register_failed", "登记库出错：", "Register error: "},
    StringEntry{RegisterRecordGone, "register_record_gone", "记录已不存在：",
                "The record no longer exists: "},
};

static_assert(kTable.size() == static_cast<std::size_t>(StringId::Count),
              "every StringId needs exactly one row");

}  // namespace

std::span<const StringEntry> stringTable() {
    return kTable;
}

const char* tr(StringId id, Language language) {
    const StringEntry& e = kTable[static_cast<std::size_t>(id)];
    return language == Language::Chinese ? e.zh : e.en;
}

}  // namespace cunjing::viewer
