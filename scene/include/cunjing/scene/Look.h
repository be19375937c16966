#pragma once
/// How a scene is drawn beyond its light: the quality presets, the sun's shadows (osgShadow's
/// view-dependent shadow map, filtered in common.frag) and the colour-check mode, applied to a
/// graph that buildSceneGraph made. The viewer changes them at run time; renders set them once.

#include <cunjing/scene/SceneFile.h>

#include <osg/Group>

#include <optional>
#include <string>

namespace cunjing::scene {

/// What a quality preset draws.
struct Preset {
    bool shadows = true;
    int shadowMapSize = 2048;  ///< texels a side
    int shadowTaps = 4;        ///< filter taps a fragment (1..12): softer edges cost more
    /// The procedural materials (brick courses, tile, oyster shell, rammed earth, grain):
    /// false draws flat palette colours.
    bool materials = true;
    /// The share of the generated greenery's plants drawn (Greenery.h): fewer on software
    /// renderers, where every vertex costs.
    double greenery = 1.0;
    /// Multisampling (samples a pixel, 0 none). It belongs to the window or pbuffer, so it is
    /// chosen when the context is made (from the preset the look resolves to there): on
    /// llvmpipe 4 samples double the frame.
    int samples = 4;
    /// Distances at which levels of detail switch (buildings, trees, greenery) are divided by
    /// this: a software renderer pays for every vertex, so the low preset coarsens sooner.
    double detailScale = 1.0;
};

/// low: no shadows, flat materials, half the greenery, no multisampling (software rendering,
/// weak kiosk GPUs); medium: 2048-texel shadows with 4 taps; high: 4096 texels, 12 taps; both
/// 4 samples a pixel.
Preset presetFor(Quality quality);

/// The preset for a GL renderer string: low for software renderers (llvmpipe, softpipe, swrast),
/// high for anything else, medium when the string is empty (not known).
Quality qualityForRenderer(const std::string& glRenderer);

struct Look {
    Quality quality = Quality::Medium;
    bool shadows = true;       ///< the switch: false turns shadows off whatever the preset
    bool colourCheck = false;  ///< even light: every surface shows its palette colour as given
    bool shadowsDrawn() const { return shadows && presetFor(quality).shadows; }
    /// Whether shadows are on screen: drawn, and not evened out by the colour check.
    bool shadowsShown() const { return shadowsDrawn() && !colourCheck; }
};

/// "look: quality low, shadows off[, colour check]": the line the viewer and renders print.
std::string describeLook(const Look& look);

/// The look to draw a scene with: `chosen` (--quality, the viewer's setting) over the scene's
/// "look", over the renderer's preset; `shadows` (--no-shadows, the viewer's switch) over the
/// scene's "look".
Look lookFor(const LookDescription& scene, const std::string& glRenderer,
             std::optional<Quality> chosen = std::nullopt,
             std::optional<bool> shadows = std::nullopt);

/// The node mask of nodes that are drawn but cast no shadow (the sky, draped zones, markers):
/// the shadow map is drawn with the camera's cull mask less this bit, the scene with the
/// camera's cull mask as it is (so masks that pick what a camera shows, as the plan compare
/// views' do, pick what casts shadows too).
inline constexpr unsigned kCastsNoShadow = 1u << 1;

/// The shader defines applyLook sets on the root (shaders import them with
/// `#pragma import_defines`): shadow lookups, procedural materials, the colour check.
inline constexpr const char* kShadowsDefine = "CUNJING_SHADOWS";
inline constexpr const char* kMaterialsDefine = "CUNJING_MATERIALS";
inline constexpr const char* kColourCheckDefine = "CUNJING_COLOUR_CHECK";

/// Sets `look` on a graph made by buildSceneGraph (an osgShadow::ShadowedScene at the root):
/// the shadow technique with the preset's map and filter, or none; the colour-check switch.
void applyLook(osg::Group& root, const Look& look);

/// The look a graph was last given by applyLook (the defaults before that).
Look lookOf(const osg::Group& root);

}  // namespace cunjing::scene
