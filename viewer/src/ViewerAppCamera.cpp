// The camera's share of the app: the limits that keep a visitor inside the scene, and the
// double tap's flight towards the point under the finger.

#include "InspectorOverlay.h"
#include "ViewerAppImpl.h"

#include <SDL.h>

#include <algorithm>
#include <cmath>

namespace cunjing::viewer::app {

namespace {
/// A double tap brings the camera this much closer to the tapped point, no closer than the
/// minimum, and looks at it from at least this far above level, so the flight ends over the
/// point and not skimming the ground towards it.
constexpr double kDoubleTapCloser = 0.5;
constexpr double kDoubleTapMinDistanceM = 15.0;
constexpr double kDoubleTapMaxPitchDeg = -20.0;
/// Shorter than a viewpoint flight: the point is on screen already.
constexpr double kDoubleTapFlightSeconds = 1.0;
}  // namespace

void ViewerApp::setUpCameraLimits() {
    const scene::SceneData& data = scene_.data;
    if (!scene_.loaded)
        return;
    // The terrain is the scene's ground and its natural edge; without one, what stands on it.
    if (data.terrain) {
        const terrain::Heightfield& t = *data.terrain;
        rig_.setBounds({t.x0 - data.originX, t.y0 - data.originY},
                       {t.xMax() - data.originX, t.yMax() - data.originY});
        return;
    }
    const geo::Bounds b = data.bounds();
    osg::Vec2d min(b.min.x, b.min.y), max(b.max.x, b.max.y);
    for (const scene::SceneVillage& village : data.villages) {
        min = {std::min(min.x(), village.x), std::min(min.y(), village.y)};
        max = {std::max(max.x(), village.x), std::max(max.y(), village.y)};
    }
    rig_.setBounds(min, max);
}

void ViewerApp::flyToPoint(double windowX, double windowY) {
    // Events come in window coordinates; the cameras' viewports are in drawable pixels.
    int width = 0, height = 0;
    SDL_GetWindowSize(window_.sdl(), &width, &height);
    const double x = windowX * double(drawableWidth_) / std::max(width, 1);
    const double y = windowY * double(drawableHeight_) / std::max(height, 1);
    osg::Camera& camera = compare_->cameraAt(x);
    const double left = camera.getViewport() ? camera.getViewport()->x() : 0.0;
    const auto hit = pickSurface(camera, x - left, y, overlayNodeNames());
    if (!hit)
        return;  // the sky: nowhere to go
    const double distance = std::max(rig_.distance() * kDoubleTapCloser, kDoubleTapMinDistanceM);
    // Keep the heading so the flight does not spin the view round.
    const double h = rig_.headingDeg() * kPi / 180.0;
    const double p = std::min(rig_.pitchDeg(), kDoubleTapMaxPitchDeg) * kPi / 180.0;
    const osg::Vec3d look(std::sin(h) * std::cos(p), std::cos(h) * std::cos(p), std::sin(p));
    rig_.flyTo(hit->point - look * distance, hit->point, kDoubleTapFlightSeconds);
    ui_.activeViewpoint = -1;
}

}  // namespace cunjing::viewer::app
