#include <cunjing/scene/Look.h>

#include <cunjing/scene/Greenery.h>
#include <cunjing/scene/Shaders.h>

#include "Uniforms.h"

#include <osg/Program>
#include <osg/Uniform>
#include <osgShadow/ShadowedScene>
#include <osgShadow/ViewDependentShadowMap>
#include <osgUtil/CullVisitor>

#include <algorithm>
#include <cctype>

namespace cunjing::scene {

namespace {

/// The light number of the sun's osg::LightSource (SceneGraph.cpp), so that a viewer's head
/// light on number 0 never gets a shadow map of its own.
constexpr int kSunLightNum = 1;
/// Shadows are fitted to the part of the view frustum nearer than this (metres): street and
/// village views get sharp shadows; a county overview's far hills go without.
constexpr double kShadowDistance = 1500;

/// The low preset's detailScale [E]: levels of detail switch at 1/1.6 of their distances, which
/// on llvmpipe took the demo's path from 134 ms to 80 ms at p95 (bench/FrameBench.cpp).
constexpr double kLowDetailScale = 1.6;

/// Scales the cull visitor's LOD distances for everything below the root (osg::LOD compares
/// its ranges with the eye distance times the LOD scale).
class DetailScale : public osg::NodeCallback {
public:
    explicit DetailScale(float scale) : scale_(scale) {}
    void operator()(osg::Node* node, osg::NodeVisitor* nv) override {
        osgUtil::CullVisitor* cv = nv ? nv->asCullVisitor() : nullptr;
        if (!cv) {
            traverse(node, nv);
            return;
        }
        const float before = cv->getLODScale();
        cv->setLODScale(before * scale_);
        traverse(node, nv);
        cv->setLODScale(before);
    }

private:
    float scale_;
};

/// osgShadow's view-dependent shadow map, drawing the casters with a depth-only program: the
/// lit shaders' procedural textures would cost the shadow pass fragment work for nothing.
class SunShadowMap : public osgShadow::ViewDependentShadowMap {
protected:
    void createShaders() override {
        ViewDependentShadowMap::createShaders();
        osg::ref_ptr<osg::Program> depthOnly = new osg::Program;
        depthOnly->setName("shadow-depth");
        depthOnly->addShader(new osg::Shader(osg::Shader::VERTEX, shaderSource("depth.vert")));
        depthOnly->addShader(new osg::Shader(osg::Shader::FRAGMENT, shaderSource("depth.frag")));
        depthOnly->addShader(new osg::Shader(osg::Shader::VERTEX, shaderSource("common.vert")));
        depthOnly->addBindAttribLocation("instancePlace", kInstancePlaceAttribute);
        depthOnly->addBindAttribLocation("instanceSize", kInstanceSizeAttribute);
        _shadowCastingStateSet->setAttributeAndModes(
            depthOnly, osg::StateAttribute::ON | osg::StateAttribute::OVERRIDE);
    }
};

void setDefine(osg::StateSet& ss, const char* name, bool on) {
    if (on)
        ss.setDefine(name);
    else
        ss.removeDefine(name);
}

void setShadowSampler(osg::StateSet& ss) {
    if (!ss.getUniform("shadowTexture"))
        ss.addUniform(new osg::Uniform("shadowTexture", int(kShadowTextureUnit)));
}

}  // namespace

Preset presetFor(Quality quality) {
    switch (quality) {
        case Quality::Low:
            return {false, 1024, 1, false, 0.5, 0, kLowDetailScale};
        case Quality::Medium:
            return {true, 2048, 4, true, 1.0, 4, 1.0};
        case Quality::High:
            return {true, 4096, 12, true, 1.0, 4, 1.0};
    }
    return {};
}

Quality qualityForRenderer(const std::string& glRenderer) {
    if (glRenderer.empty())
        return Quality::Medium;  // not known yet (a graph built before its context)
    std::string r = glRenderer;
    std::transform(r.begin(), r.end(), r.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const char* software : {"llvmpipe", "softpipe", "swrast", "software"}) {
        if (r.find(software) != std::string::npos)
            return Quality::Low;
    }
    return Quality::High;
}

Look lookFor(const LookDescription& scene, const std::string& glRenderer,
             std::optional<Quality> chosen, std::optional<bool> shadows) {
    Look look;
    look.quality = chosen          ? *chosen
                   : scene.quality ? *scene.quality
                                   : qualityForRenderer(glRenderer);
    look.shadows = shadows ? *shadows : scene.shadows.value_or(true);
    return look;
}

void applyLook(osg::Group& root, const Look& look) {
    osg::StateSet& ss = *root.getOrCreateStateSet();
    const Preset preset = presetFor(look.quality);
    using detail::setUniform;
    const bool drawn = look.shadowsShown();
    setShadowSampler(ss);
    setUniform(ss, "shadowTaps", float(preset.shadowTaps));
    setUniform(ss, "shadowTexel", 1.0f / float(preset.shadowMapSize));
    // Switches are shader defines (common.frag says why): OSG compiles a program once for each
    // set of defines it is drawn with and keeps it, so switching back costs nothing.
    setDefine(ss, kShadowsDefine, drawn);
    setDefine(ss, kMaterialsDefine, preset.materials);
    setDefine(ss, kColourCheckDefine, look.colourCheck);
    setGreeneryShare(root, preset.greenery);
    if (preset.detailScale != 1.0)
        root.setCullCallback(new DetailScale(float(preset.detailScale)));
    else if (dynamic_cast<DetailScale*>(root.getCullCallback()))
        root.setCullCallback(nullptr);
    root.setUserValue("look.quality", int(look.quality));
    root.setUserValue("look.shadows", look.shadows);
    root.setUserValue("look.colourCheck", look.colourCheck);

    auto* shadowed = dynamic_cast<osgShadow::ShadowedScene*>(&root);
    if (!shadowed)
        return;
    if (!drawn) {
        shadowed->setShadowTechnique(nullptr);
        return;
    }
    osgShadow::ShadowSettings* settings = shadowed->getShadowSettings();
    if (!settings) {
        settings = new osgShadow::ShadowSettings;
        shadowed->setShadowSettings(settings);
    }
    const osg::Vec2s size(short(preset.shadowMapSize), short(preset.shadowMapSize));
    if (shadowed->getShadowTechnique() && settings->getTextureSize() == size)
        return;
    settings->setLightNum(kSunLightNum);
    settings->setBaseShadowTextureUnit(kShadowTextureUnit);
    settings->setReceivesShadowTraversalMask(~0u);
    settings->setCastsShadowTraversalMask(~kCastsNoShadow);
    settings->setShaderHint(osgShadow::ShadowSettings::NO_SHADERS);
    settings->setTextureSize(size);
    settings->setMaximumShadowMapDistance(kShadowDistance);
    settings->setShadowMapProjectionHint(osgShadow::ShadowSettings::PERSPECTIVE_SHADOW_MAP);
    settings->setNumShadowMapsPerLight(1);
    // A new technique for a new map size: the old one's textures were made at the old size.
    shadowed->setShadowTechnique(new SunShadowMap);
}

std::string describeLook(const Look& look) {
    return std::string("look: quality ") + qualityName(look.quality) + ", shadows " +
           (look.shadowsShown() ? "on" : "off") + (look.colourCheck ? ", colour check" : "");
}

Look lookOf(const osg::Group& root) {
    Look look;
    int quality = int(look.quality);
    root.getUserValue("look.quality", quality);
    look.quality = Quality(std::clamp(quality, 0, 2));
    root.getUserValue("look.shadows", look.shadows);
    root.getUserValue("look.colourCheck", look.colourCheck);
    return look;
}

}  // namespace cunjing::scene
