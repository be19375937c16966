// The sun: the date and time the scene is lit at, from the scene's "sun", --date and --time,
// and the light panel; the graph's light uniforms are set again whenever they change. The look
// (quality preset, shadows, colour check) comes from --quality, --no-shadows, --colour-check,
// the scene's "look" and the renderer, and the light panel changes it.

#include "ViewerAppImpl.h"

#include <cunjing/scene/Look.h>
#include <cunjing/scene/Sunlight.h>

#include <iostream>

namespace cunjing::viewer::app {

void ViewerApp::setUpSun() {
    ui_.sunTime = scene_.data.description.sun.when;
    ui_.showLight = options_.lightPanel && !options_.kiosk;
    // Without a date and time from the scene or the command line the scene keeps its fixed
    // light (scene::Lighting's defaults) until the light panel moves the sun.
    const scene::Lighting fixed;
    ui_.sunAzimuthDeg = fixed.sunAzimuthDeg;
    ui_.sunElevationDeg = fixed.sunElevationDeg;
    auto when = scene::sunTimeFor(scene_.data.description, options_.sunDate, options_.sunTime);
    if (!when) {
        const Error& e = when.errors().front();
        std::cerr << "error: " << e.where << ": " << e.message << "\n";
        startCode_ = kExitBadInput;
        return;
    }
    if (!when.value())
        return;
    ui_.sunTime = *when.value();
    if (scene_.loaded)
        relight();
}

void ViewerApp::updateSun(double dt) {
    if (auto* root = viewer_ ? viewer_->getSceneData() : nullptr) {
        // Ripples move with the frame clock (--fixed-dt makes them repeatable).
        waterTime_ += dt;
        if (osg::Uniform* u = root->getOrCreateStateSet()->getUniform("waterTime"))
            u->set(float(waterTime_));
    }
    if (ui_.lookChanged) {
        ui_.lookChanged = false;
        scene::Look look;
        look.quality = scene::Quality(std::clamp(ui_.quality, 0, 2));
        look.shadows = ui_.shadows;
        look.colourCheck = ui_.colourCheck;
        applyLookToScene(look);
    }
    if (!ui_.sunTimeChanged)
        return;
    ui_.sunTimeChanged = false;
    relight();
}

void ViewerApp::setUpLook() {
    scene::Look look = scene::lookFor(
        scene_.data.description.look, window_.glRenderer(), scene::parseQuality(options_.quality),
        options_.noShadows ? std::optional<bool>(false) : std::nullopt);
    look.colourCheck = options_.colourCheck;
    ui_.quality = int(look.quality);
    ui_.shadows = look.shadows;
    ui_.colourCheck = look.colourCheck;
    applyLookToScene(look);
}

void ViewerApp::applyLookToScene(const scene::Look& look) {
    auto* root = viewer_ ? dynamic_cast<osg::Group*>(viewer_->getSceneData()) : nullptr;
    if (!root)
        return;
    scene::applyLook(*root, look);
    std::cout << scene::describeLook(look) << std::endl;
}

void ViewerApp::relight() {
    if (!viewer_ || !viewer_->getSceneData())
        return;
    if (!sunPlace_)
        sunPlace_ = scene::scenePlace(scene_.data);
    if (!*sunPlace_) {
        std::cerr << "warning: " << sunPlace_->firstError() << "\n";
        return;
    }
    const scene::Lighting lighting = scene::lightingAt(sunPlace_->value(), ui_.sunTime);
    ui_.sunAzimuthDeg = lighting.sunAzimuthDeg;
    ui_.sunElevationDeg = lighting.sunElevationDeg;
    scene::applyLighting(*viewer_->getSceneData()->getOrCreateStateSet(), lighting);
    std::cout << "sun: " << geo::formatDate(ui_.sunTime) << " " << geo::formatTime(ui_.sunTime)
              << " elevation " << lighting.sunElevationDeg << " azimuth " << lighting.sunAzimuthDeg
              << std::endl;
}

}  // namespace cunjing::viewer::app
