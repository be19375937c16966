#include "ViewerAppImpl.h"

#include "ImGuiLayer.h"
#include "InputController.h"
#include "Inspector.h"
#include "InspectorOverlay.h"
#include "Panels.h"
#include "Picking.h"
#include "PlanPanels.h"
#include "RecordCard.h"
#include "RegisterModel.h"
#include "Screenshot.h"
#include "Window.h"

#include <cunjing/heritage/RegisterFields.h>
#include <cunjing/heritage/Registry.h>
#include <cunjing/scene/CameraRig.h>
#include <cunjing/scene/Look.h>
#include <cunjing/scene/Offscreen.h>
#include <cunjing/scene/SceneData.h>
#include <cunjing/scene/SceneGraph.h>
#include <cunjing/scene/TreeLayer.h>
#include <cunjing/viewer/GlyphRanges.h>
#include <cunjing/viewer/Strings.h>

#include <SDL.h>
#include <unistd.h>
#include <osgViewer/Viewer>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace cunjing::viewer {

namespace {

/// Seconds since this process was started (exec), from /proc, so the first-frame time counts
/// loading the shared libraries too; negative where /proc cannot tell.
double secondsSinceProcessStart() {
    std::ifstream stat("/proc/self/stat");
    std::string text;
    std::getline(stat, text);
    // Field 22 (starttime, clock ticks after boot); the command name before it is in
    // parentheses and may hold spaces, so fields are counted from the last ')'.
    const auto close = text.rfind(')');
    if (close == std::string::npos)
        return -1;
    std::istringstream fields(text.substr(close + 1));
    std::string field;
    for (int i = 3; i <= 22 && fields >> field; ++i) {
    }
    std::ifstream uptime("/proc/uptime");
    double up = -1;
    if (!fields || !(uptime >> up))
        return -1;
    return up - std::strtod(field.c_str(), nullptr) / double(::sysconf(_SC_CLK_TCK));
}

}  // namespace

namespace app {

void printAll(const std::vector<Error>& problems, const char* prefix) {
    for (const Error& e : problems)
        std::cerr << prefix << e.toString() << "\n";
}

osg::Vec3d vec(const std::array<double, 3>& a) {
    return {a[0], a[1], a[2]};
}

std::filesystem::path executableDir() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path() : exe.parent_path();
}

/// Fills `out`; returns kExitOk, or kExitBadInput after printing the scene's errors.
int loadSceneFor(const ViewerOptions& options, LoadedScene& out) {
    std::filesystem::path path = options.scene;
    if (path.empty())
        path = findDemoScene(executableDir());
    if (path.empty()) {
        std::cerr << "note: no scene given and no assets/demo/demo.json found; showing an empty "
                     "scene\n";
        return kExitOk;
    }
    auto description = scene::loadSceneFile(path);
    if (!description) {
        printAll(description.errors(), "error: ");
        return kExitBadInput;
    }
    printAll(description.warnings(), "warning: ");
    auto data = scene::loadScene(description.value());
    if (!data) {
        printAll(data.errors(), "error: ");
        return kExitBadInput;
    }
    printAll(data.warnings(), "warning: ");
    out.data = std::move(data).value();
    out.loaded = true;
    return kExitOk;
}

/// The viewpoint list: the scene's own, or an overview when it has none.
std::vector<ViewpointEntry> viewpointsOf(const scene::SceneData& data) {
    std::vector<scene::Viewpoint> source = data.description.viewpoints;
    if (source.empty())
        source.push_back(data.overviewViewpoint());
    std::vector<ViewpointEntry> entries;
    for (const scene::Viewpoint& vp : source) {
        entries.push_back(
            {vp.name, vp.title, vec(data.resolveEye(vp)), vec(data.resolveTarget(vp)), vp.fovDeg});
    }
    return entries;
}

heritage::Rules loadRules() {
    auto rules = heritage::Rules::forJurisdiction(kJurisdiction);
    if (!rules) {
        std::cerr << "warning: " << rules.firstError() << "; grading by the national standard\n";
        return {};
    }
    return std::move(rules).value();
}

/// "tree:<id>" / "village:<id>" / "building:<scene id>" (checked by the command line).
std::optional<RecordRef> parseRecordRef(const std::string& text) {
    return parseRecordRefText(text);
}

/// The card from the scene's own data, for scenes without a register (or records not in it).
std::optional<CardRecord> sceneCard(const scene::SceneData& data, const RecordRef& ref) {
    if (ref.kind == RecordKind::Tree) {
        for (const heritage::AncientTree& tree : data.trees) {
            if (tree.id == ref.id)
                return CardRecord{treeRecordFrom(tree), false, tree.name};
        }
        return std::nullopt;
    }
    for (const scene::SceneVillage& village : data.villages) {
        if (village.record.id == ref.id)
            return CardRecord{village.record, false, {}};
    }
    return std::nullopt;
}

/// Names and values of the scene's trees and villages, for the font's glyph set.
std::vector<std::string> recordTexts(const scene::SceneData& data) {
    std::vector<std::string> texts = cardVocabulary();
    for (const heritage::AncientTree& tree : data.trees)
        texts.insert(texts.end(), {tree.speciesCn, tree.name});
    for (const scene::PlacedBuilding& building : data.placed)
        texts.insert(texts.end(), {building.footprint.name, building.group});
    for (const scene::SceneVillage& village : data.villages) {
        for (auto& field : heritage::villageRegisterFields(village.record))
            texts.push_back(std::move(field.second));
    }
    return texts;
}

/// "a.png", else "a-2.png", "a-3.png"...: two screenshots in one second must not overwrite.
std::filesystem::path unusedName(const std::filesystem::path& path) {
    std::error_code ec;
    std::filesystem::path candidate = path;
    for (int n = 2; std::filesystem::exists(candidate, ec); ++n) {
        candidate = path.stem().string() + "-" + std::to_string(n) + path.extension().string();
    }
    return candidate;
}

ViewerApp::ViewerApp(const ViewerOptions& options, Window& window, LoadedScene scene)
    : options_(options),
      window_(window),
      scene_(std::move(scene)),
      input_(rig_, ui_,
             {[this](int i) { flyTo(i); }, [this] { screenshotRequested_ = true; },
              [this] { quit_ = quit_ || !options_.kiosk; },  // a kiosk is locked
              [this](double x, double y) { pick(x, y); },
              [this](double x, double y, bool shift) { return dragBegin(x, y, shift); },
              [this](double x, double y) { dragMove(x, y); },
              [this](double x, double y) { dragEnd(x, y); }, [this] { toggleState(); },
              [this](double x, double y) { flyToPoint(x, y); }}) {
    setUpScene();
    setUpOsg();
    setUpUi();
    setUpSun();
    setUpLook();
    setUpKiosk();
    setUpTourEditor();
    setUpInjection();
    resize();
    if (const auto record = parseRecordRef(options_.select))
        selectRecord(*record);
    openStartModel();
    if (!options_.pickChange.empty()) {
        const auto& changes = ui_.plan.changes;
        const auto it = std::find_if(changes.begin(), changes.end(), [&](const ChangeEntry& c) {
            return c.buildingId == options_.pickChange;
        });
        if (it != changes.end())
            pickChange(int(it - changes.begin()));
        else
            std::cerr << "error: --pick-change: the change list has no building '"
                      << options_.pickChange << "'\n";
    }
    if (options_.pickRule >= 0) {
        if (options_.pickRule < int(ui_.plan.rules.size()))
            pickRule(options_.pickRule);
        else
            std::cerr << "error: --pick-rule: the rules panel has " << ui_.plan.rules.size()
                      << " results, no result " << options_.pickRule << "\n";
    }
}

void ViewerApp::setUpScene() {
    const scene::SceneData& data = scene_.data;
    ui_.language = options_.language;
    ui_.sceneLoaded = scene_.loaded;
    ui_.sceneName = data.description.name;
    ui_.buildingCount = data.buildingCount;
    ui_.treeCount = static_cast<int>(data.trees.size());
    ui_.viewpoints = viewpointsOf(data);
    if (data.terrain) {
        rig_.setGroundQuery([&data](double x, double y) { return data.groundHeight(x, y); });
    }
    setUpCameraLimits();
    int start = 0;
    if (!options_.viewpoint.empty()) {
        const auto& vps = ui_.viewpoints;
        const auto it = std::find_if(vps.begin(), vps.end(), [&](const ViewpointEntry& vp) {
            return vp.name == options_.viewpoint;
        });
        if (it == vps.end()) {
            std::string known;
            for (const ViewpointEntry& vp : vps)
                known += (known.empty() ? "" : ", ") + vp.name;
            std::cerr << "error: --viewpoint: the scene has no viewpoint '" << options_.viewpoint
                      << "' (known: " << known << ")\n";
            startCode_ = kExitBadInput;
        } else {
            start = int(it - vps.begin());
        }
    }
    const ViewpointEntry& first = ui_.viewpoints[std::size_t(start)];
    rig_.lookAt(first.eye, first.target);
    fovDeg_ = targetFovDeg_ = first.fovDeg;
    ui_.activeViewpoint = start;
    ui_.rules = loadRules();
    picker_ = std::make_unique<ScenePicker>(data);
    openRegister();
    loadPlan();
}

void ViewerApp::openRegister() {
    const std::string& target =
        options_.registry.empty() ? scene_.data.registry : options_.registry;
    if (target.empty()) {
        if (options_.registerPanel)
            std::cerr << "warning: --panel register: the scene names no register store "
                         "(registers.registry) and no --registry was given\n";
        return;
    }
    // Read-only until the first edit (RegisterModel::writable): viewing never touches the file.
    auto opened =
        heritage::Registry::open(target, {.actor = {}, .rules = ui_.rules, .readOnly = true});
    if (!opened) {
        // The 3D view is still worth having; the register panel is simply not offered.
        printAll(opened.errors(), "error: ");
        showMessage(StringId::RegisterFailed, opened.firstError(), true);
        return;
    }
    register_ = std::make_unique<RegisterModel>(std::move(opened).value(), ui_.rules);
    ui_.hasRegister = true;
    ui_.showRegister = options_.registerPanel;
    if (ui_.showRegister)
        ui_.showHelp = false;  // both live on the left side
}

void ViewerApp::setUpOsg() {
    window_.drawableSize(drawableWidth_, drawableHeight_);
    viewer_ = new osgViewer::Viewer;
    embedded_ = viewer_->setUpViewerAsEmbeddedInWindow(0, 0, drawableWidth_, drawableHeight_);
    // SDL owns the window and the event loop; OSG only draws. No manipulator: the CameraRig
    // drives the camera, so every input device moves it the same way.
    viewer_->setThreadingModel(osgViewer::Viewer::SingleThreaded);
    viewer_->setKeyEventSetsDone(0);
    viewer_->setQuitEventSetsDone(false);
    viewer_->getCamera()->setClearColor(kClearColour);
    // The buildings go into the compare view's slot: the existing state, and with a plan the
    // proposed one beside it, shown by the cameras' cull masks.
    compare_ = std::make_unique<CompareView>(*viewer_, embedded_.get(), kClearColour);
    osg::ref_ptr<osg::Group> root = scene::buildSceneGraph(scene_.data, {}, compare_->slot());
    viewer_->setSceneData(root);
    showStates();
    inspector_ = std::make_unique<ModelInspector>(scene_.data, *root, register_.get());
    viewer_->realize();
}

void ViewerApp::setUpUi() {
    std::vector<std::string> texts = uiTexts(scene_.loaded ? &scene_.data.description : nullptr);
    for (const ViewpointEntry& vp : ui_.viewpoints) {
        texts.insert(texts.end(), {vp.name, vp.title.zh, vp.title.en});
    }
    for (std::string& text : recordTexts(scene_.data))
        texts.push_back(std::move(text));
    if (register_) {
        for (std::string& text : register_->texts())
            texts.push_back(std::move(text));
    }
    for (std::string& text : inspector_->noteTexts())
        texts.push_back(std::move(text));
    for (std::string& text : planTexts())
        texts.push_back(std::move(text));
    imgui_ = std::make_unique<ImGuiLayer>(window_.sdl(), window_.glContext(),
                                          buildGlyphRanges(texts), uiFontPixels());
    panels_ = makePanels(register_.get(), options_.kiosk);
    if (!imgui_->hasCjkFont() && ui_.language == Language::Chinese) {
        // Without a CJK font Chinese shows as '?'; English at least reads.
        std::cerr << "warning: showing the UI in English until a CJK font is available\n";
        ui_.language = Language::English;
    }
}

int ViewerApp::run() {
    if (startCode_ != kExitOk)
        return startCode_;
    const double ticksPerSecond = double(SDL_GetPerformanceFrequency());
    Uint64 last = SDL_GetPerformanceCounter();
    for (int frame = 1; !quit_; ++frame) {
        const Uint64 now = SDL_GetPerformanceCounter();
        // A long stall (loading, a dragged window) should not jump a flight to its end.
        const double dt = options_.fixedDt > 0
                              ? options_.fixedDt
                              : std::clamp(double(now - last) / ticksPerSecond, 0.0, 0.25);
        last = now;
        if (injector_)
            injector_->push(frame, window_.sdl());
        pollEvents();
        updateKiosk(dt);
        updateTour(dt);
        if (frame == 2) {
            runPlanEdit();
            runTourEdit();
        }
        // After one drawn frame the camera's matrices are those on screen, as for a real click.
        if (const std::size_t click = std::size_t(frame - 2);
            frame >= 2 && click < options_.clicks.size())
            pick(options_.clicks[click][0], options_.clicks[click][1]);
        input_.update(dt, imgui_->wantsKeyboard());
        rig_.update(dt);
        updateCamera(dt);
        viewer_->frame();
        drawUi(dt);
        updateSun(dt);
        const bool lastFrame = options_.frames > 0 && frame >= options_.frames;
        if (lastFrame && !options_.screenshot.empty()) {
            // Read before the swap: the back buffer holds the finished frame, UI included.
            if (Status s = saveScreenshot(options_.screenshot); !s) {
                printAll(s.errors(), "error: ");
                return kExitBadInput;
            }
            std::cout << options_.screenshot.string() << "\n";
        }
        saveRequestedScreenshot();
        window_.swap();
        if (frame == 1) {
            // What a visitor waits for (issue 10's load time): start to the first frame shown.
            std::cerr << "first frame: " << std::fixed << std::setprecision(2)
                      << secondsSinceProcessStart() << " s after start\n"
                      << std::defaultfloat;
        }
        afterFrame(frame);
        if (lastFrame)
            break;
        if (frame == 1 && options_.injectQuit)
            injectQuit();
    }
    return tourEditFailed_ ? kExitBadInput : kExitOk;
}

void ViewerApp::pollEvents() {
    SDL_Event event;
    while (SDL_PollEvent(&event)) {
        imgui_->processEvent(event);
        if (event.type == SDL_QUIT && !options_.kiosk)
            quit_ = true;  // also the window's close button; a kiosk is locked
        kioskInput(event);
        tourInput(event);
        measureInput(event);
        if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            resize();
        }
        input_.handle(event, imgui_->wantsMouse(), imgui_->wantsKeyboard());
    }
}

void ViewerApp::resize() {
    window_.drawableSize(drawableWidth_, drawableHeight_);
    embedded_->resized(0, 0, drawableWidth_, drawableHeight_);
    embedded_->getEventQueue()->windowResize(0, 0, drawableWidth_, drawableHeight_);
    int width = 0, height = 0;
    SDL_GetWindowSize(window_.sdl(), &width, &height);
    input_.setWindowSize(width, height);
}

void ViewerApp::updateCamera(double dt) {
    // The field of view eases towards the chosen viewpoint's during a flight.
    fovDeg_ += (targetFovDeg_ - fovDeg_) * std::min(1.0, dt * 3.0 / kFlightSeconds);
    // Every camera (one, or two for swipe and split, three for ghost) takes the rig's view.
    compare_->update(rig_.viewMatrix(), fovDeg_, drawableWidth_, drawableHeight_);
    input_.setFieldOfView(fovDeg_);
    ui_.cameraEye = rig_.eye();
}

void ViewerApp::drawUi(double dt) {
    countFrame(dt);
    ui_.messageSeconds = std::max(0.0, ui_.messageSeconds - dt);
    ui_.panelRects.clear();
    imgui_->beginFrame();
    for (const auto& panel : ui_.kioskUi.fullInterface ? fullPanels_ : panels_)
        panel->draw(ui_);
    if (!ui_.kiosk)
        drawPlanUi();
    drawTourUi();
    imgui_->endFrame();
    handleKioskRequests();
    handlePlanRequests();
    if (ui_.requestedViewpoint)
        flyTo(*ui_.requestedViewpoint);
    ui_.requestedViewpoint.reset();
    handleRecordRequests();
    handleInspectorRequests();
}

void ViewerApp::showMessage(StringId id, std::string detail, bool error) {
    ui_.messageId = id;
    ui_.messageDetail = std::move(detail);
    ui_.messageIsError = error;
    ui_.messageSeconds = kMessageSeconds;
}

void ViewerApp::countFrame(double dt) {
    // Frames over a half-second window: single frame times jitter too much to read.
    ++fpsFrames_;
    fpsSeconds_ += dt;
    if (fpsSeconds_ >= 0.5 || (ui_.fps == 0 && fpsSeconds_ >= 0.05)) {
        ui_.fps = fpsFrames_ / fpsSeconds_;
        fpsFrames_ = 0;
        fpsSeconds_ = 0;
    }
}

void ViewerApp::flyTo(int index) {
    if (index < 0 || index >= static_cast<int>(ui_.viewpoints.size()))
        return;
    const ViewpointEntry& vp = ui_.viewpoints[index];
    rig_.flyTo(vp.eye, vp.target, kFlightSeconds);
    targetFovDeg_ = vp.fovDeg;
    ui_.activeViewpoint = index;
}

void ViewerApp::injectQuit() {
    SDL_Event key{};
    key.type = SDL_KEYDOWN;
    key.key.state = SDL_PRESSED;
    key.key.keysym.sym = SDLK_ESCAPE;
    key.key.keysym.scancode = SDL_SCANCODE_ESCAPE;
    SDL_PushEvent(&key);
    key.type = SDL_KEYUP;
    key.key.state = SDL_RELEASED;
    SDL_PushEvent(&key);
    SDL_Event quit{};
    quit.type = SDL_QUIT;
    SDL_PushEvent(&quit);
}

Status ViewerApp::saveScreenshot(const std::filesystem::path& path) {
    osg::ref_ptr<osg::Image> image = readBackBuffer(drawableWidth_, drawableHeight_);
    return scene::writePngAtomically(*image, path);
}

void ViewerApp::saveRequestedScreenshot() {
    if (!screenshotRequested_)
        return;
    screenshotRequested_ = false;
    const std::filesystem::path path = unusedName(screenshotFileName(std::time(nullptr)));
    const Status status = saveScreenshot(path);
    ui_.messageIsError = !status;
    ui_.messageId = status ? StringId::ScreenshotSaved : StringId::ScreenshotFailed;
    ui_.messageDetail = status ? std::filesystem::absolute(path).string() : status.firstError();
    ui_.messageSeconds = kMessageSeconds;
    std::cerr << (status ? "screenshot: " + ui_.messageDetail : "error: " + ui_.messageDetail)
              << "\n";
}

}  // namespace app

std::filesystem::path findDemoScene(const std::filesystem::path& executableDir) {
    const std::filesystem::path relative = std::filesystem::path("assets") / "demo" / "demo.json";
    std::error_code ec;
    if (std::filesystem::is_regular_file(relative, ec))
        return relative;
    if (executableDir.empty())
        return {};
    const auto besideBuild = (executableDir / ".." / ".." / relative).lexically_normal();
    if (std::filesystem::is_regular_file(besideBuild, ec))
        return besideBuild;
    return {};
}

int runViewer(const ViewerOptions& options) {
    app::LoadedScene scene;
    if (const int code = app::loadSceneFor(options, scene); code != kExitOk)
        return code;
    const std::string& name = scene.data.description.name.in(options.language);
    const std::string title = tr(StringId::AppTitle, options.language);
    auto window = Window::open(name.empty() ? title : title + " — " + name, options.width,
                               options.height, {options.kiosk, options.frames > 0});
    if (!window) {
        app::printAll(window.errors(), "error: ");
        return kExitNoDisplay;
    }
    // Multisampling is the window's: the preset the look resolves to on this renderer decides
    // it, so the window is made again without it for the low preset (a light-panel switch to a
    // higher preset later keeps the window as it is).
    const scene::Quality quality =
        scene::lookFor(scene.data.description.look, window.value()->glRenderer(),
                       scene::parseQuality(options.quality))
            .quality;
    if (const int samples = scene::presetFor(quality).samples;
        samples < window.value()->samples()) {
        if (Status remade = window.value()->remake(samples); !remade) {
            app::printAll(remade.errors(), "error: ");
            return kExitNoDisplay;
        }
    }
    std::cerr << "OpenGL: " << window.value()->glRenderer() << "\n";
    app::ViewerApp viewerApp(options, *window.value(), std::move(scene));
    return viewerApp.run();
}

}  // namespace cunjing::viewer
