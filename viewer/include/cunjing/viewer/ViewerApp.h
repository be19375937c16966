#pragma once
/// The interactive viewer: an SDL2 window, the scene drawn by an embedded osgViewer, and the
/// ImGui panels on top. `cunjing-viewer` is a thin main over runViewer().

#include <cunjing/scene/SceneFile.h>

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cunjing::viewer {

/// Exit codes, as architecture.md has them for every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 2;   ///< the scene file has problems
inline constexpr int kExitNoDisplay = 3;  ///< no display or no OpenGL context

struct ViewerOptions {
    /// Scene file; empty opens the bundled demo when it can be found, else an empty scene.
    std::filesystem::path scene;
    /// Run this many frames then exit (0: until the user quits).
    int frames = 0;
    /// After the last frame, write it (3D and UI) to this PNG.
    std::filesystem::path screenshot;
    int width = 1280, height = 720;
    scene::Language language = scene::Language::Chinese;
    /// Register store for the register panel (a .gpkg path or "PG:..."); empty takes the
    /// scene's own (`registers.registry`).
    std::string registry;
    /// Open the register panel at start (`--panel register`).
    bool registerPanel = false;
    /// Open the info card of this record at start: "tree:<id>" or "village:<id>".
    std::string select;
    /// Click at each of these (window pixels, y down) in turn, one a frame once the first frame
    /// is drawn, as a user would: how tests drive picking and the inspector's tools without an
    /// input device (`--click X,Y`, repeatable).
    std::vector<std::array<double, 2>> clicks;

    /// Open this model file at start (`--open-model`), standing on the ground where the view
    /// looks, and show it in the model inspector. With --frames the model is read before the
    /// first frame, so every frame shows the outcome.
    std::filesystem::path openModel;
    /// Open this file as version B of that model (`--compare`), beside it or overlaid on it.
    std::filesystem::path compareModel;
    bool compareOverlay = false;
    /// Open the model inspector at start (`--panel inspector`).
    bool inspectorPanel = false;
    /// Print each model's statistics to stdout once it is open (`--inspect`).
    bool printModelStats = false;
    /// How the opened model is drawn (`--mode wireframe,normals,untextured,xray`).
    struct ModelModes {
        bool wireframe = false, normals = false, untextured = false, xray = false;
    } modelModes;
    /// Section plane through the opened model (`--clip x|y|z,OFFSET`): axis 0..2, and metres
    /// from the model's lower bound along it; what lies beyond is cut away.
    std::optional<std::pair<int, double>> clip;
    /// The inspector's tool at start (`--tool distance|height|area|note`): the clicks of
    /// --click then measure, or pin a note.
    std::string tool;
    /// With --tool note: the text of the note the click pins, saved to the register (`--note`).
    std::string noteText;

    /// Start at this viewpoint of the scene (`--viewpoint NAME`), without a flight.
    std::string viewpoint;
    /// A town plan to show (`--plan`): the id of one of the scene's "plans", or a plan file.
    std::string plan;
    /// The alternative shown as the proposed state (`--alternative`); empty: the plan's first.
    std::string alternative;
    /// How the two states are shown (`--view before|after|swipe|split|ghost`); empty: after
    /// when a plan is given.
    std::string view;
    /// The swipe divider, 0..1 of the width from the left (`--divider`).
    double divider = 0.5;
    /// Opacity of the proposed state over the existing one in ghost view (`--ghost`).
    double ghostOpacity = 0.5;
    /// The other side of swipe, split and ghost (`--compare-with`): "before" (the existing
    /// state) or another alternative's id, to set two alternatives side by side.
    std::string compareWith = "before";
    /// Open a plan panel at start (`--panel plan|changes|rules`): the editor, the change list
    /// or the rule results.
    std::string planPanel;
    /// Select this building in the change list at start (`--pick-change ID`): highlighted and
    /// framed.
    std::string pickChange;
    /// Select the Nth rule result (0-based) at start (`--pick-rule N`): the rules panel opens,
    /// its building is highlighted and the view flies to the finding; -1: none.
    int pickRule = -1;
    /// Plan editor steps run after the first frame (`--plan-edit "select ID; set k=v; save"`),
    /// before --frames' screenshot; a failing step is an error line and a message.
    std::string planEdit;
    /// Where the editor saves (`--plan-save`); empty: the plan's own file.
    std::filesystem::path planSave;

    /// Exhibition kiosk (`--kiosk`, issue 8): fullscreen without window chrome (at the given
    /// size with --frames), locked (Esc and closing the window are ignored), only the
    /// exhibition panels, and the scene's tour as an attract loop when nobody touches it for
    /// the scene's "kiosk" idle time; language and view go home after its home time.
    bool kiosk = false;
    /// A kiosk config file (`--kiosk-config`, `{"passcode_hash": "$y$..."}`) whose admin
    /// passcode replaces the scene's kiosk.passcode_hash.
    std::filesystem::path kioskConfig;
    /// The date (`--date YYYY-MM-DD`) and time of day (`--time HH:MM`, the scene's UTC offset)
    /// the sun is placed at, over the scene's "sun"; empty: the scene's.
    std::string sunDate, sunTime;
    /// Open the light panel at start (`--panel light`).
    bool lightPanel = false;
    /// Quality preset (`--quality auto|low|medium|high`; auto: the scene's "look", else from
    /// the renderer), `--no-shadows`, `--colour-check`; the light panel changes them too.
    std::string quality = "auto";
    bool noShadows = false;
    bool colourCheck = false;
    /// The screen's DPI for the kiosk's touch target and font sizes (`--dpi`); 0: ask SDL.
    double dpi = 0;
    /// Test only (`--inject-quit`): after the first frame, push an Esc key press and a quit
    /// request as a user closing the window would, to show that a kiosk stays up.
    bool injectQuit = false;
    /// Input events pushed into the window's event queue at given frames (`--inject FILE`,
    /// viewer/src/EventScript.h): how tests and benchmarks touch a real window under Xvfb.
    std::filesystem::path injectScript;
    /// Every frame advances the clocks (flights, tours, the kiosk's idle time, inertia) by
    /// exactly this many seconds (`--fixed-dt`); 0: by the measured frame time.
    double fixedDt = 0;
    /// With --kiosk: the attract tour starts on the first frame (`--attract`).
    bool attract = false;
    /// Open the tour editor at start (`--panel tour`).
    bool tourPanel = false;
    /// Tour editor steps run after the first frame (`--tour-edit "add; seconds 5; caption zh
    /// TEXT; view NAME; up 1; save"`); a failing step is an error line, and exit code 2.
    std::string tourEdit;
    /// Where the tour editor saves the scene with its tour (`--tour-save`); empty: the scene.
    std::filesystem::path tourSave;
    /// Benchmark (`--latency-bench SECONDS`): a one-finger drag fed at a touch panel's rate for
    /// this long, then the input-to-frame-end latency printed and the viewer closed.
    double latencyBenchSeconds = 0;
};

/// assets/demo/demo.json under the current folder, else beside the executable's ../../assets
/// (build/bin/cunjing-viewer in a source tree). Empty when neither exists.
std::filesystem::path findDemoScene(const std::filesystem::path& executableDir);

/// Opens the window and runs until the user quits or the frame count is reached; returns an
/// exit code. Problems are printed to stderr, one "error: " line each.
int runViewer(const ViewerOptions& options);

}  // namespace cunjing::viewer
