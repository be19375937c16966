#pragma once
/// The protection-zone layer: each traditional village's zones (核心保护范围 / 建设控制地带 /
/// 环境协调区) as outlines draped on the terrain. Every ring (outer ring and holes) is a flat
/// band on the ground, sampled at the terrain's spacing so it follows the relief, with a low
/// translucent curtain standing on it so the outline still reads from an oblique view and over
/// terrain drawn at a coarser level of detail.

#include <cunjing/scene/SceneData.h>

#include <osg/Group>
#include <osg/ref_ptr>

#include <array>
#include <vector>

namespace cunjing::scene {

struct ZoneLayerOptions {
    double bandWidthM = 3.0;  ///< width of the band on the ground, centred on the ring
    /// Band height over the sampled ground: clears the terrain triangles between samples.
    double liftM = 0.5;
    double curtainHeightM = 6.0;  ///< height of the translucent curtain above the band
    float curtainAlpha = 0.5f;    ///< opacity at the curtain's foot; it fades to 0 at the top
    /// Most points one ring is sampled into (a county-sized ring on a fine DEM stays cheap).
    int maxRingSamples = 20000;
};

/// Colour of a zone kind: core deep red, construction control orange, environment green-yellow.
geo::Rgba zoneColor(heritage::ZoneKind kind);

/// A ring's vertices plus points about every `step` metres along each edge, closing edge
/// included; the first point is not repeated at the end, and repeated vertices are dropped.
std::vector<std::array<double, 2>> sampleRing(const std::vector<std::array<double, 2>>& ring,
                                              double step);

/// The spacing the zones are sampled at: the finest terrain data's (tile pyramid or
/// heightfield), 5 m without terrain.
double zoneSampleStep(const SceneData& data);

/// The band of every ring of a zone on the ground; empty for rings of fewer than 3 points.
geo::Mesh zoneBand(const SceneData& data, const SceneZone& zone,
                   const ZoneLayerOptions& options = {});

/// The translucent curtain standing on every ring of a zone.
geo::Mesh zoneCurtain(const SceneData& data, const SceneZone& zone,
                      const ZoneLayerOptions& options = {});

/// Group "protection-zones" with children "zone-bands" (opaque) and "zone-curtains"
/// (blended, after the opaque scene), under the lit shader; null when no village on the
/// terrain has a zone. A zone is drawn when its outer ring's box overlaps the terrain (every
/// zone when the scene has none).
osg::ref_ptr<osg::Group> zoneLayer(const SceneData& data, const ZoneLayerOptions& options = {});

}  // namespace cunjing::scene
