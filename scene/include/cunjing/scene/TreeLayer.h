#pragma once
/// The tree layer: every tree of a scene as its species' procedural model (heritage::treeModel),
/// shared templates under per-tree transforms, and a grade ring around each register tree.

#include <cunjing/scene/SceneData.h>

#include <osg/Group>
#include <osg/ref_ptr>

namespace cunjing::scene {

struct TreeLayerOptions {
    /// Protection range beyond the crown's edge (Guangdong 2023: crown projection + 5 m).
    double protectionMarginM = 5.0;
    double ringWidthM = 0.6;
    /// A tree is drawn in full detail nearer than this many times its size, simple beyond.
    double fullDetailSizes = 25.0;
    /// ... simple nearer than this many times, and a far blob (the simple model clustered,
    /// clusterMesh) beyond [E].
    double simpleSizes = 40.0;
    /// Full detail at any distance (the frame benchmark's baseline).
    bool naive = false;
};

/// Ring colour of a grade: 一级 red, 二级 orange, 三级 yellow, 名木 purple.
geo::Rgba gradeRingColor(heritage::TreeGrade grade);

/// The protection ring of one tree, draped on the ground (a strip ringWidthM wide centred on
/// crown/2 + protectionMarginM); empty for a tree without a grade.
geo::Mesh gradeRing(const SceneData& data, const heritage::AncientTree& tree,
                    const TreeLayerOptions& options = {});

/// Trees (group "trees": one LOD per tree, named by the tree's id) and their rings
/// ("tree-grade-rings"), all under the lit shader.
osg::ref_ptr<osg::Group> treeLayer(const SceneData& data, const TreeLayerOptions& options = {});

}  // namespace cunjing::scene
