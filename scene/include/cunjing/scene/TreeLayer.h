#pragma once
/// The tree layer: every tree of a scene as its species' procedural model (heritage::treeModel),
/// shared templates under per-tree transforms, and a grade ring around each register tree.

#include <cunjing/scene/SceneData.h>

#include <osg/Group>
#include <osg/ref_ptr>

#include <cstddef>
#include <optional>

namespace osg {
class Drawable;
}

namespace cunjing::scene {

struct TreeLayerOptions {
    /// Protection range beyond the crown's edge (Guangdong 2023: crown projection + 5 m).
    double protectionMarginM = 5.0;
    double ringWidthM = 0.6;
    /// Trees are instanced by tile (tileM square) and template, one draw call a template a
    /// tile: full detail nearer than fullDetailM (eye to the tile's edge), the simple model
    /// to simpleM, a blob a species (the simple model clustered, clusterMesh) beyond. A group
    /// of tilesPerGroup² tiles draws one blob draw call a species beyond groupM, nothing beyond
    /// farM. Every figure an estimate [E], tuned with bench/FrameBench.cpp.
    double tileM = 240;
    int tilesPerGroup = 8;
    double fullDetailM = 120;
    double simpleM = 500;
    double groupM = 1500;
    double farM = 12000;
    /// Grade rings are drawn (and made, on the database pager's threads) only for tiles nearer
    /// than this: a 0.6 m ring is under a pixel beyond, and a county has tens of thousands.
    double ringsM = 1500;
    /// Full detail at any distance (the frame benchmark's baseline).
    bool naive = false;
};

/// Ring colour of a grade: 一级 red, 二级 orange, 三级 yellow, 名木 purple.
geo::Rgba gradeRingColor(heritage::TreeGrade grade);

/// The protection ring of one tree, draped on the ground (a strip ringWidthM wide centred on
/// crown/2 + protectionMarginM); empty for a tree without a grade.
geo::Mesh gradeRing(const SceneData& data, const heritage::AncientTree& tree,
                    const TreeLayerOptions& options = {});

/// Trees (group "trees": an LOD a tile, instanced as above; naive: one LOD a tree, named by
/// the tree's id) and their rings ("tree-grade-rings": a PagedLOD a tile), all under the lit
/// shader. Every level of every tree is pickable: treeAt names the tree a hit is on.
osg::ref_ptr<osg::Group> treeLayer(const SceneData& data, const TreeLayerOptions& options = {});

/// The index in SceneData::trees of the tree whose triangle `primitiveIndex` of `drawable` is
/// (what an intersection's primitiveIndex names), for a drawable the tree layer made; none
/// for any other drawable.
std::optional<std::size_t> treeAt(const osg::Drawable* drawable, unsigned primitiveIndex);

}  // namespace cunjing::scene
