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
