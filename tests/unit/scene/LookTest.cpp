// Quality presets, how the look is chosen, and what applyLook sets on a scene graph.

#include <cunjing/scene/Look.h>
#include <cunjing/scene/SceneGraph.h>

#include <osgShadow/ShadowedScene>

#include <gtest/gtest.h>

using namespace cunjing::scene;

namespace {

float uniformValue(const osg::Group& root, const char* name) {
    const osg::Uniform* u = root.getStateSet() ? root.getStateSet()->getUniform(name) : nullptr;
    float value = -1;
    if (u)
        u->get(value);
    return value;
}

bool defined(const osg::Group& root, const char* name) {
    return root.getStateSet() && root.getStateSet()->getDefinePair(name) != nullptr;
}

const osgShadow::ShadowedScene& shadowed(const osg::Group& root) {
    return dynamic_cast<const osgShadow::ShadowedScene&>(root);
}

}  // namespace

TEST(Look, PresetsGrowFromLowToHigh) {
    const Preset low = presetFor(Quality::Low), medium = presetFor(Quality::Medium),
                 high = presetFor(Quality::High);
    EXPECT_FALSE(low.shadows);
    EXPECT_FALSE(low.materials);
    EXPECT_TRUE(medium.shadows);
    EXPECT_TRUE(high.shadows);
    EXPECT_LT(medium.shadowMapSize, high.shadowMapSize);
    EXPECT_LT(medium.shadowTaps, high.shadowTaps);
    EXPECT_LE(high.shadowTaps, 12) << "common.frag has twelve taps";
}

TEST(Look, SoftwareRenderersGetTheLowPreset) {
    EXPECT_EQ(qualityForRenderer("llvmpipe (LLVM 15.0.6, 256 bits)"), Quality::Low);
    EXPECT_EQ(qualityForRenderer("softpipe"), Quality::Low);
    EXPECT_EQ(qualityForRenderer("Software Rasterizer"), Quality::Low);
    EXPECT_EQ(qualityForRenderer("NVIDIA H100 80GB HBM3/PCIe/SSE2"), Quality::High);
    EXPECT_EQ(qualityForRenderer("Mesa Intel(R) UHD Graphics 620 (KBL GT2)"), Quality::High);
    EXPECT_EQ(qualityForRenderer(""), Quality::Medium);
}

TEST(Look, CommandLineOverSceneOverRenderer) {
    LookDescription scene;
    EXPECT_EQ(lookFor(scene, "llvmpipe").quality, Quality::Low);
    scene.quality = Quality::Medium;
    EXPECT_EQ(lookFor(scene, "llvmpipe").quality, Quality::Medium);
    EXPECT_EQ(lookFor(scene, "llvmpipe", Quality::High).quality, Quality::High);
    EXPECT_TRUE(lookFor(scene, "NVIDIA").shadows);
    scene.shadows = false;
    EXPECT_FALSE(lookFor(scene, "NVIDIA").shadows);
    EXPECT_TRUE(lookFor(scene, "NVIDIA", std::nullopt, true).shadows);
    Look look;
    look.quality = Quality::Low;
    EXPECT_FALSE(look.shadowsDrawn()) << "the low preset draws none even with the switch on";
}

TEST(Look, ApplyLookSwitchesTheShadowTechniqueAndDefines) {
    const SceneData empty;
    osg::ref_ptr<osg::Group> root = buildSceneGraph(empty);
    Look look;
    look.quality = Quality::High;
    applyLook(*root, look);
    EXPECT_NE(shadowed(*root).getShadowTechnique(), nullptr);
    EXPECT_TRUE(defined(*root, kShadowsDefine));
    EXPECT_EQ(uniformValue(*root, "shadowTaps"), float(presetFor(Quality::High).shadowTaps));
    const osgShadow::ShadowSettings* settings = shadowed(*root).getShadowSettings();
    EXPECT_EQ(settings->getTextureSize().x(), presetFor(Quality::High).shadowMapSize);
    EXPECT_EQ(settings->getCastsShadowTraversalMask() & kCastsNoShadow, 0u);
    EXPECT_EQ(settings->getReceivesShadowTraversalMask(), ~0u) << "the camera's mask decides";
    EXPECT_TRUE(defined(*root, kMaterialsDefine));
    EXPECT_FALSE(defined(*root, kColourCheckDefine));

    look.shadows = false;
    applyLook(*root, look);
    EXPECT_EQ(shadowed(*root).getShadowTechnique(), nullptr);
    EXPECT_FALSE(defined(*root, kShadowsDefine));

    look.shadows = true;
    look.colourCheck = true;
    applyLook(*root, look);
    EXPECT_TRUE(defined(*root, kColourCheckDefine));
    EXPECT_FALSE(defined(*root, kShadowsDefine)) << "colour check is evenly lit";

    look = Look{};
    look.quality = Quality::Low;
    applyLook(*root, look);
    EXPECT_FALSE(defined(*root, kMaterialsDefine));
    EXPECT_FALSE(defined(*root, kColourCheckDefine));
    const Look back = lookOf(*root);
    EXPECT_EQ(back.quality, Quality::Low);
    EXPECT_FALSE(back.colourCheck);
}

TEST(Look, TheSkyCastsNoShadow) {
    const SceneData empty;
    osg::ref_ptr<osg::Group> root = buildSceneGraph(empty);
    bool sawSky = false;
    for (unsigned i = 0; i < root->getNumChildren(); ++i) {
        if (root->getChild(i)->getName() == "sky") {
            sawSky = true;
            EXPECT_EQ(root->getChild(i)->getNodeMask(), kCastsNoShadow);
        }
    }
    EXPECT_TRUE(sawSky);
}
