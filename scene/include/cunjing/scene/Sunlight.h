#pragma once
/// The scene's light at a date and time: where the sun stands over the scene's place
/// (geo/Sun.h), and the sun, sky and haze colours that follow from its height, as the uniforms
/// every shader of ours reads. The viewer's time-of-day control sets them on a built graph.

#include <cunjing/geo/Result.h>
#include <cunjing/geo/Sun.h>
#include <cunjing/scene/SceneData.h>
#include <cunjing/scene/SceneGraph.h>

#include <osg/StateSet>

#include <array>
#include <optional>
#include <string>

namespace cunjing::scene {

/// Longitude and latitude (degrees, CGCS2000) of the scene's place: its "sun.location", else its
/// origin (local 0, 0) taken from the working CRS.
Result<std::array<double, 2>> scenePlace(const SceneData& data);

/// The light for a sun position: its direction, and colours that warm and dim as the sun sinks
/// (and give a blue twilight once it has set). From 30 degrees up the colours are those of a
/// clear day, the same as Lighting's defaults.
Lighting lightingFor(const geo::SunPosition& sun);

/// The light at a place (longitude, latitude in degrees) at `when`.
Lighting lightingAt(const std::array<double, 2>& lonLat, const geo::LocalDateTime& when);

/// The scene's light at `when` (its "sun" date and time by default); the defaults where the
/// place cannot be worked out (the error says why).
Result<Lighting> sceneLighting(const SceneData& data, const geo::LocalDateTime& when);

/// The date and time to light the scene at: the scene's "sun" with `date` ("YYYY-MM-DD") and
/// `time` ("HH:MM") from the command line over it; nullopt when neither gives one (the scene
/// keeps Lighting's fixed light). Errors name --date or --time.
Result<std::optional<geo::LocalDateTime>> sunTimeFor(const SceneDescription& scene,
                                                     const std::string& date,
                                                     const std::string& time);

/// Sets a built scene graph's light (the uniforms on the root's state set) to `lighting`.
void applyLighting(osg::StateSet& root, const Lighting& lighting);

}  // namespace cunjing::scene
