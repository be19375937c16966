#pragma once
/// The village layer: every traditional village of a scene's registers (中国传统村落) as a named
/// marker that reads from a county view out to the whole province: a pole standing on the
/// ground with a round head coloured by its listing batch, and its Chinese name above it.
/// Markers keep a fixed size on screen and are drawn over the terrain; labels are decluttered
/// every frame (see villageLayer).

#include <cunjing/scene/SceneData.h>

#include <osg/Group>
#include <osg/Vec4>
#include <osg/ref_ptr>

#include <filesystem>

namespace cunjing::scene {

struct VillageLayerOptions {
    double poleHeightPx = 22;  ///< pole length on screen, pixels
    double headRadiusPx = 5;   ///< radius of the round head, pixels
    double labelSizePx = 15;   ///< character height of the names, pixels
    /// Labels closer than this on screen (pixels) to one already placed are left out.
    double labelGapPx = 3;
};

/// The head colour of a listing batch (第一批 2012 .. 第六批 2023); grey for an unknown one.
osg::Vec4 batchColor(int batch);

/// The font the names are drawn in: $CUNJING_UI_FONT, else Noto Sans CJK (the viewer's UI
/// font, fonts-noto-cjk), whose Simplified Chinese face is the .ttc's third.
std::filesystem::path villageLabelFontPath();

/// Group "villages": child "village-markers" holds one marker per village on the terrain
/// (every village when the scene has none), child "village-labels" one name each; both the
/// marker and its label are named "village:<id>" so a pick on either finds the record.
/// Villages off the terrain are left out of the drawing (the demo's register holds all of
/// Guangdong; its 1 km site shows none), but stay in SceneData::villages.
/// Labels: every frame the names are placed in priority order (earlier batch first, then
/// register order) and one that would overlap a name already placed is not drawn, so a
/// province view shows a readable subset and zooming in reveals the rest.
osg::ref_ptr<osg::Group> villageLayer(const SceneData& data,
                                      const VillageLayerOptions& options = {});

}  // namespace cunjing::scene
