// The exhibition kiosk (--kiosk): its idle state machine, fed with input and ticked each frame;
// the attract tour itself is ViewerAppTour.cpp's (startTour/stopTour).
#include "ViewerAppImpl.h"

#include <cunjing/viewer/KioskPasscode.h>
#include "KioskPanels.h"

#include <SDL.h>

#include <iostream>
#include <string>
#include <utility>

namespace cunjing::viewer::app {

void ViewerApp::setUpKiosk() {
    if (!options_.kiosk)
        return;
    const scene::KioskDescription& times = scene_.data.description.kiosk;
    auto kiosk = KioskState::create({times.idleSeconds, times.homeSeconds}, kioskClock_);
    if (!kiosk) {
        printAll(kiosk.errors(), "error: kiosk: ");
        startCode_ = kExitBadInput;
        return;
    }
    kiosk_ = std::move(kiosk).value();
    ui_.kiosk = true;
    ui_.showRegister = false;
    ui_.inspector.showPanel = false;
    // At the kiosk's large text the controls table would cover the places list; visitors
    // open it with the help button.
    ui_.showHelp = false;
    setUpAdmin();
}

void ViewerApp::setUpAdmin() {
    std::string hash = scene_.data.description.kiosk.passcodeHash;
    if (!options_.kioskConfig.empty()) {
        auto config = scene::loadKioskConfig(options_.kioskConfig);
        if (!config) {
            printAll(config.errors(), "error: --kiosk-config: ");
            startCode_ = kExitBadInput;
            return;
        }
        hash = std::move(config).value();
    }
    if (hash.empty()) {
        std::cerr << "warning: kiosk: no admin passcode (kiosk.passcode_hash in the scene, or "
                     "--kiosk-config), so there is no admin entry: this kiosk can only be "
                     "stopped from outside (make one with `cunjing kiosk passcode`)\n";
        return;
    }
    keypad_ = std::make_unique<KioskKeypad>(
        [hash](std::string_view digits) { return bool(checkPasscode(digits, hash)); });
    ui_.kioskUi.adminOffered = true;
    imgui_->requestGlyphs("\u25CF");  // the keypad's masked digits
    // Last, so the keypad lies over every other panel.
    panels_.push_back(std::make_unique<KioskAdminPanel>(*keypad_));
}

float ViewerApp::uiFontPixels() {
    if (!options_.kiosk)
        return kFontPixels * window_.uiScale();
    float dpi = float(options_.dpi);
    const int display = SDL_GetWindowDisplayIndex(window_.sdl());
    if (dpi <= 0 && display >= 0 && SDL_GetDisplayDPI(display, nullptr, &dpi, nullptr) != 0)
        dpi = 0;
    KioskMetrics& m = ui_.kioskUi.metrics;
    m = kioskMetrics(dpi);
    std::cerr << "kiosk: " << m.dpi << " dpi" << (m.dpi != dpi ? " (assumed)" : "")
              << ", touch targets " << m.targetPixels << " px, text " << m.fontPixels << " px\n";
    return m.fontPixels;
}

void ViewerApp::handleKioskRequests() {
    KioskUiState& k = ui_.kioskUi;
    if (std::exchange(k.requestedQuit, false) && ui_.adminUnlocked) {
        std::cout << "kiosk: quit" << std::endl;
        quit_ = true;
    }
    if (std::exchange(k.requestedHome, false))
        flyTo(0);
    if (std::exchange(k.requestedTour, false) && kiosk_ && kiosk_->startAttract(kioskClock_)) {
        std::cout << "kiosk: attract" << std::endl;
        startTour();
    }
    if (k.fullInterface && fullPanels_.empty()) {
        fullPanels_ = makePanels(register_.get(), false);
        if (keypad_)
            fullPanels_.push_back(std::make_unique<KioskAdminPanel>(*keypad_));
    }
    // The full interface shows what the kiosk hides (register, inspector, plans): it is on only
    // while unlocked, and the panels it opened close with it.
    const bool kioskUi = kiosk_ && !(ui_.adminUnlocked && k.fullInterface);
    if (kioskUi && !ui_.kiosk)
        ui_.showRegister = ui_.inspector.showPanel = false;
    ui_.kiosk = kioskUi;
}

void ViewerApp::kioskInput(const SDL_Event& event) {
    if (!kiosk_)
        return;
    // A pointer "moving" by nothing is the window system (the window mapped or raised under
    // the pointer), not a visitor: it must not stop a tour or hold off the attract loop.
    if (event.type == SDL_MOUSEMOTION && event.motion.xrel == 0 && event.motion.yrel == 0)
        return;
    switch (event.type) {
        case SDL_KEYDOWN:
        case SDL_KEYUP:
        case SDL_TEXTINPUT:
        case SDL_MOUSEMOTION:
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
        case SDL_MOUSEWHEEL:
        case SDL_FINGERDOWN:
        case SDL_FINGERUP:
        case SDL_FINGERMOTION:
        case SDL_MULTIGESTURE:
            kiosk_->input(kioskClock_);
            break;
        default:
            break;
    }
}

void ViewerApp::updateKiosk(double dt) {
    if (!kiosk_)
        return;
    kioskClock_ += dt;
    ui_.kioskUi.frameSeconds = dt;
    switch (kiosk_->tick(kioskClock_)) {
        case KioskAction::StartAttract:
            std::cout << "kiosk: attract" << std::endl;
            startTour();
            break;
        case KioskAction::StopAttract:
            stopTour();
            std::cout << "kiosk: interactive" << std::endl;
            break;
        case KioskAction::ResetHome:
            stopTour();
            lockAdmin(ui_);  // staff who walked away leave a locked kiosk
            // Chinese is home, as long as there is a font to show it.
            if (imgui_->hasCjkFont())
                ui_.language = Language::Chinese;
            ui_.showRegister = ui_.inspector.showPanel = false;
            flyTo(0);
            std::cout << "kiosk: home" << std::endl;
            break;
        case KioskAction::None:
            break;
    }
}

}  // namespace cunjing::viewer::app
