#include <cunjing/scene/Sunlight.h>

#include "Uniforms.h"

#include <cunjing/geo/Crs.h>

#include <osg/Uniform>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace cunjing::scene {

namespace {

double smoothstep(double edge0, double edge1, double x) {
    const double t = std::clamp((x - edge0) / (edge1 - edge0), 0.0, 1.0);
    return t * t * (3 - 2 * t);
}

osg::Vec3 mix(const osg::Vec3& a, const osg::Vec3& b, double t) {
    return a * float(1 - t) + b * float(t);
}

osg::Vec3 directionOf(const Lighting& l) {
    constexpr double kDeg = std::numbers::pi / 180.0;
    const double az = l.sunAzimuthDeg * kDeg, el = l.sunElevationDeg * kDeg;
    return osg::Vec3(float(std::sin(az) * std::cos(el)), float(std::cos(az) * std::cos(el)),
                     float(std::sin(el)));
}

}  // namespace

Result<std::array<double, 2>> scenePlace(const SceneData& data) {
    const SceneDescription& d = data.description;
    if (d.sun.location)
        return *d.sun.location;
    const std::string file = d.file.string();
    auto from = geo::Crs::fromUserString(d.crs);
    auto to = geo::Crs::fromUserString("EPSG:4490");
    if (!from || !to)
        return Error{file, "$.crs", "cannot place the sun: " + (from ? to : from).firstError()};
    auto transform = geo::Transform::create(from.value(), to.value());
    if (!transform)
        return Error{file, "$.crs", "cannot place the sun: " + transform.firstError()};
    double x = data.originX, y = data.originY;
    if (!transform->apply(x, y))
        return Error{file, "$.crs",
                     "the scene's origin is outside its CRS's area, so the sun cannot be placed; "
                     "give \"sun\": {\"location\": [lon, lat]}"};
    return std::array<double, 2>{x, y};
}

Lighting lightingFor(const geo::SunPosition& sun) {
    Lighting l;  // a clear day's colours
    l.sunAzimuthDeg = sun.azimuthDeg;
    l.sunElevationDeg = sun.elevationDeg;
    const double el = sun.elevationDeg;
    // Low sun: a longer path through the air takes the blue out of it and dims it; it is gone
    // once its disc is below the horizon. The constants are judged against evening photographs
    // of the refs, not measured: a look, not radiometry.
    const double warm = 1.0 - smoothstep(2.0, 30.0, el);
    const double up = smoothstep(-1.0, 6.0, el);
    const Lighting day;
    l.sunColor = mix(day.sunColor, osg::Vec3(0.95f, 0.55f, 0.28f), warm) * float(up);
    // The sky's light fades through twilight, 6 degrees below the horizon.
    const double lit = smoothstep(-6.0, 20.0, el);
    l.skyAmbient = mix(osg::Vec3(0.07f, 0.08f, 0.14f),
                       mix(day.skyAmbient, osg::Vec3(0.56f, 0.5f, 0.5f), 0.4 * warm), lit);
    l.hazeColor = mix(osg::Vec3(0.1f, 0.11f, 0.18f),
                      mix(day.hazeColor, osg::Vec3(0.93f, 0.7f, 0.52f), 0.75 * warm),
                      smoothstep(-6.0, 8.0, el));
    l.zenithColor =
        mix(osg::Vec3(0.03f, 0.05f, 0.12f), day.zenithColor, smoothstep(-6.0, 15.0, el));
    return l;
}

Lighting lightingAt(const std::array<double, 2>& lonLat, const geo::LocalDateTime& when) {
    return lightingFor(geo::solarPosition(lonLat[1], lonLat[0], when));
}

Result<Lighting> sceneLighting(const SceneData& data, const geo::LocalDateTime& when) {
    auto place = scenePlace(data);
    if (!place)
        return Result<Lighting>::failure(place.errors());
    return lightingAt(place.value(), when);
}

Result<std::optional<geo::LocalDateTime>> sunTimeFor(const SceneDescription& scene,
                                                     const std::string& date,
                                                     const std::string& time) {
    using Out = Result<std::optional<geo::LocalDateTime>>;
    geo::LocalDateTime when = scene.sun.when;
    if (!date.empty()) {
        auto d = geo::parseDate(date, when);
        if (!d)
            return Error{"", "--date", d.firstError()};
        when = d.value();
    }
    if (!time.empty()) {
        auto t = geo::parseTime(time, when);
        if (!t)
            return Error{"", "--time", t.firstError()};
        when = t.value();
    }
    if (!scene.sun.given && date.empty() && time.empty())
        return Out(std::optional<geo::LocalDateTime>());
    return Out(std::optional<geo::LocalDateTime>(when));
}

void applyLighting(osg::StateSet& root, const Lighting& l) {
    using detail::setUniform;
    setUniform(root, "sunDirection", directionOf(l));
    setUniform(root, "sunColor", l.sunColor);
    setUniform(root, "skyAmbient", l.skyAmbient);
    setUniform(root, "hazeColor", l.hazeColor);
    setUniform(root, "zenithColor", l.zenithColor);
}

}  // namespace cunjing::scene
