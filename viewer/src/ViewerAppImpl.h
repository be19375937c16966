#pragma once
// The viewer application, shared by ViewerApp.cpp (set-up and the frame loop),
// ViewerAppRecords.cpp (picking, info cards and the register) and ViewerAppModels.cpp (the
// model inspector's requests and clicks). Private to the viewer module.

#include <cunjing/viewer/ViewerApp.h>

#include "CompareView.h"
#include "EventScript.h"
#include "ImGuiLayer.h"
#include "InputController.h"
#include "InputLatency.h"
#include "Inspector.h"
#include "KioskKeypad.h"
#include "KioskState.h"
#include "Panels.h"
#include "Picking.h"
#include "PlanEditor.h"
#include "PlanEditorPanel.h"
#include "RecordCard.h"
#include "RegisterModel.h"
#include "TourEditorPanel.h"
#include "TourPlayer.h"
#include "UiState.h"
#include "Window.h"

#include <cunjing/scene/CameraRig.h>
#include <cunjing/scene/Look.h>
#include <cunjing/scene/SceneData.h>
#include <cunjing/scene/ScenePlan.h>
#include <cunjing/viewer/Strings.h>

#include <osgViewer/Viewer>

union SDL_Event;

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cunjing::viewer::app {

inline constexpr double kFlightSeconds = 2.0;
inline constexpr double kMessageSeconds = 4.0;
/// The kiosk's attract tour rests this long at each viewpoint once its flight there has
/// landed: long enough to take in the view and read its caption, short enough to keep moving.
inline constexpr double kTourHoldSeconds = 6.0;
/// Readable on a touchscreen at arm's length; scaled by the display's DPI.
inline constexpr float kFontPixels = 20.0f;
inline const osg::Vec4 kClearColour(0.78f, 0.84f, 0.88f, 1.0f);
/// A click this close to a tree or village marker (UI-scaled pixels) picks it even when the ray
/// misses its geometry: a distant tree is a few pixels wide, a marker's label none.
inline constexpr double kPickRadiusPixels = 14.0;
/// Fly-to framing: looking down at this pitch from a distance that shows a tree whole, or a
/// village with its surroundings.
inline constexpr double kRecordPitchDeg = -30.0;
inline constexpr double kVillageViewDistanceM = 2500.0;
/// The register's rules: the project serves Guangdong first (the CLI's default too).
inline constexpr const char* kJurisdiction = "guangdong";
inline constexpr double kPi = 3.14159265358979323846;
/// --latency-bench feeds touches at a common touch panel report rate.
inline constexpr double kTouchReportHz = 120.0;

/// The scene to show: loaded data, or an empty one when there is nothing to open.
struct LoadedScene {
    scene::SceneData data;
    bool loaded = false;
};

void printAll(const std::vector<Error>& problems, const char* prefix);
osg::Vec3d vec(const std::array<double, 3>& a);
/// The card from the scene's own data, for scenes without a register (or records not in it).
std::optional<CardRecord> sceneCard(const scene::SceneData& data, const RecordRef& ref);

class ViewerApp {
public:
    ViewerApp(const ViewerOptions& options, Window& window, LoadedScene scene);
    int run();

private:
    void setUpScene();
    void setUpOsg();
    void setUpUi();
    /// The sun (ViewerAppSun.cpp): the scene's "sun" date and time, --date and --time over it;
    /// the scene is relit when one was given and whenever the light panel moves the time.
    void setUpSun();
    /// Ripples, the light panel's look and time changes, once a frame.
    void updateSun(double dt);
    void setUpLook();
    void applyLookToScene(const scene::Look& look);
    void relight();
    void pollEvents();
    void resize();
    void updateCamera(double dt);
    void drawUi(double dt);
    void countFrame(double dt);
    void flyTo(int index);
    void openRegister();
    void pick(double windowX, double windowY);
    void selectRecord(const RecordRef& record);
    void refreshCard();
    /// The card of a generated building by scene id: its facts in the state shown, and the
    /// plan's change to it (ViewerAppRecords.cpp).
    std::optional<CardRecord> buildingCard(const std::string& sceneId) const;
    /// Draws the store's trees again after an edit, undo or redo (species, size, grade ring).
    void refreshTrees();
    void flyToRecord(const RecordRef& record);
    /// The camera's limits from the scene's extent, and the double tap's flight (both in
    /// ViewerAppCamera.cpp).
    void setUpCameraLimits();
    void flyToPoint(double windowX, double windowY);
    void handleRecordRequests();
    /// The model inspector: start options, the panel's requests, clicks while a tool is on.
    void openStartModel();
    void handleInspectorRequests();
    void modelOpened(int index);
    void frameModel(int index);
    bool inspectorClick(double x, double y);
    /// The town plan (ViewerAppPlan.cpp): loading, applying, the lists, the compare view,
    /// highlighting, the editor, the divider and the selection box.
    void loadPlan();
    void setUpEditor();
    void applyPlan();
    void applyCheck();
    void showStates();
    void handlePlanRequests();
    void setMode(PlanViewMode mode);
    void toggleState();
    void pickChange(int index);
    void pickRule(int index);
    void updateHighlight();
    void frameBuilding(const std::string& sceneId);
    void moveCamera(const osg::Vec3d& eye, const osg::Vec3d& target);
    bool pickBuilding(double drawableX, double drawableY, bool additive);
    bool dragBegin(double x, double y, bool shift);
    void dragMove(double x, double y);
    void dragEnd(double x, double y);
    void boxSelect(double x0, double y0, double x1, double y1);
    void runPlanEdit();
    void drawPlanUi();
    std::vector<std::string> planTexts() const;
    void showMessage(StringId id, std::string detail, bool error);
    /// The exhibition kiosk (--kiosk): its idle state machine, fed with input and ticked each
    /// frame, and the attract tour it starts and stops.
    void setUpKiosk();
    void kioskInput(const SDL_Event& event);
    void updateKiosk(double dt);
    /// The UI font's height: the kiosk's large-screen size at the screen's DPI, else the
    /// desktop size scaled by the display.
    float uiFontPixels();
    /// The admin passcode (--kiosk-config, else the scene's), its keypad and panels.
    void setUpAdmin();
    /// The kiosk panels' requests: home, tour, quit, and entering or leaving the full UI.
    void handleKioskRequests();
    /// The attract tour (ViewerAppTour.cpp): from its first step; stopped where the camera is,
    /// so a touch takes over there; advanced each frame.
    void startTour();
    void stopTour();
    void updateTour(double dt);
    /// Plays `stops` from `first`: the attract tour, or the editor's preview (stopped by any
    /// press, tourInput); prints and captions each step as it begins.
    void playTour(std::vector<TourStop> stops, int first, bool preview);
    std::vector<TourStop> attractStops() const;
    TourStop stopFor(const scene::TourStep& step) const;
    void announceStep();
    void tourInput(const SDL_Event& event);
    /// The tour editor (--panel tour; a kiosk's admin menu), --tour-edit, the preview caption.
    void setUpTourEditor();
    void runTourEdit();
    void drawTourUi();
    /// Test only (--inject-quit): an Esc press and a quit request, as a user would send.
    static void injectQuit();
    /// --inject and --attract (ViewerAppInject.cpp): the event script read, the attract tour
    /// due at once; printCamera() answers the script's `print` lines on stdout.
    void setUpInjection();
    void printCamera() const;
    /// After a frame is swapped: the script's print and memory lines, the latency bench.
    void afterFrame(int frame);
    void measureInput(const SDL_Event& event);
    void saveRequestedScreenshot();
    Status saveScreenshot(const std::filesystem::path& path);

    const ViewerOptions& options_;
    Window& window_;
    LoadedScene scene_;
    UiState ui_;
    scene::CameraRig rig_;
    InputController input_;
    osg::ref_ptr<osgViewer::Viewer> viewer_;
    osg::ref_ptr<osgViewer::GraphicsWindowEmbedded> embedded_;
    std::unique_ptr<ImGuiLayer> imgui_;
    std::vector<std::unique_ptr<Panel>> panels_;
    std::unique_ptr<ScenePicker> picker_;
    std::unique_ptr<RegisterModel> register_;  ///< opened once per session, when there is one
    std::unique_ptr<ModelInspector> inspector_;
    bool startModelPending_ = false;  ///< --open-model's settings wait for the model
    int cardRevision_ = 0;            ///< the register revision the card was read at
    int treesRevision_ = 0;           ///< the register revision the 3D trees show
    double fovDeg_ = 40, targetFovDeg_ = 40;
    int drawableWidth_ = 0, drawableHeight_ = 0;
    int fpsFrames_ = 0;
    double fpsSeconds_ = 0;
    bool quit_ = false;
    bool screenshotRequested_ = false;
    int startCode_ = kExitOk;  ///< a start option was wrong: run() returns this at once

    std::optional<EventInjector> injector_;  ///< --inject
    std::unique_ptr<LatencyMeter> latency_;  ///< --latency-bench
    std::unique_ptr<TouchFeeder> feeder_;    ///< --latency-bench's touch panel
    std::uint32_t latencyStartMs_ = 0;
    std::optional<KioskState> kiosk_;  ///< set with --kiosk
    /// The admin keypad, when the kiosk has a passcode; its panel sits in both panel lists.
    std::unique_ptr<KioskKeypad> keypad_;
    /// The normal viewer's panels, made when unlocked staff first ask for the full interface.
    std::vector<std::unique_ptr<Panel>> fullPanels_;
    /// The kiosk's clock: seconds of frame time, the same clock the flights run on.
    double kioskClock_ = 0;
    std::optional<TourPlayer> tour_;          ///< the tour playing (attract or preview), if any
    bool tourPreview_ = false;                ///< tour_ is the editor's preview
    std::unique_ptr<TourEditor> tourEditor_;  ///< when the scene came from a file
    TourEditorPanelState tourPanel_;
    bool tourPanelOpen_ = false;  ///< --panel tour, outside a kiosk
    /// The scene's place for the sun, worked out (through PROJ) on the first relight only: the
    /// light panel relights on every move of its slider.
    std::optional<Result<std::array<double, 2>>> sunPlace_;
    double waterTime_ = 0;         ///< seconds of ripples (the frame clock)
    bool tourEditFailed_ = false;  ///< a --tour-edit step failed: run() returns kExitBadInput
    TourCaption tourCaption_;      ///< previews' captions outside a kiosk

    /// The town plan shown. plan_ holds what was read until the editor takes it over; from
    /// then on the editor's plan is the one applied.
    std::unique_ptr<CompareView> compare_;
    std::optional<architecture::TownPlan> plan_;
    std::unique_ptr<PlanEditor> editor_;
    PlanEditorPanelState editorPanel_;
    bool editorOpen_ = false;
    std::uint64_t editorRevision_ = 0;
    std::unique_ptr<scene::BuildingCache> cache_;
    scene::BuildingState existing_, stateA_, stateB_;
    osg::ref_ptr<osg::Node> pagedState_;  ///< a paged scene's buildings (no plan active)
    std::optional<heritage::PlanRuleSet> planRules_;
    enum class Drag { None, Divider, Box } drag_ = Drag::None;
    std::array<double, 4> box_{};  ///< window pixels: press x, y, current x, y
    bool boxTool_ = false;
};

}  // namespace cunjing::viewer::app
