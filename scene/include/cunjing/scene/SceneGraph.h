#pragma once
/// Turning SceneData into OSG nodes.

#include <cunjing/scene/SceneData.h>

#include <osg/Geometry>
#include <osg/Group>
#include <osg/Vec3>
#include <osg/ref_ptr>

namespace cunjing::scene {

/// Sun and atmosphere shared by every shader (Sunlight.h makes one for a date and time).
struct Lighting {
    double sunAzimuthDeg = 135;  ///< clockwise from north: 135 = south-east morning sun
    double sunElevationDeg = 40;
    osg::Vec3 sunColor{0.85f, 0.8075f, 0.731f};  ///< direct sunlight reaching the ground
    osg::Vec3 skyAmbient{0.52f, 0.58f, 0.66f};   ///< light from the whole sky
    osg::Vec3 hazeColor{0.78f, 0.84f, 0.88f};    ///< the horizon and distance haze
    osg::Vec3 zenithColor{0.36f, 0.56f, 0.80f};  ///< the sky overhead
};

/// How the graph is organised; the picture drawn is the same either way.
struct GraphOptions {
    /// One node per building, tree and plant, with no batching, instancing or LOD: the
    /// baseline the frame benchmark (bench/FrameBench.cpp) measures the real graph against.
    bool naive = false;
};

/// The whole scene: sky, terrain, buildings and trees, each with its shader.
osg::ref_ptr<osg::Group> buildSceneGraph(const SceneData& data, const Lighting& lighting = {});
osg::ref_ptr<osg::Group> buildSceneGraph(const SceneData& data, const Lighting& lighting,
                                         const GraphOptions& options);

/// The same scene with `buildings` where the scene's own buildings would be (nullptr: none):
/// the viewer puts its before/after states there, so a plan's buildings share the terrain,
/// trees, models and lighting of the scene without building it twice.
osg::ref_ptr<osg::Group> buildSceneGraph(const SceneData& data, const Lighting& lighting,
                                         osg::ref_ptr<osg::Node> buildings,
                                         const GraphOptions& options = {});

/// Buildings as the scene draws them (the "lit" shader, named "buildings"): batched by tile with
/// LOD (BuildingBatches.h), or one node per building when naive; an empty mesh gives an empty
/// group, so a state whose every building is removed still has its node. Picks map back to
/// buildings through partAt.
osg::ref_ptr<osg::Node> buildingsNode(const geo::Mesh& mesh, const GraphOptions& options = {});

/// The scene's buildings as buildSceneGraph draws them: buildingsNode(data.buildings), or for a
/// paged scene its ground areas and pagedBuildings; none when the scene has no buildings.
osg::ref_ptr<osg::Node> sceneBuildingsNode(const SceneData& data, const GraphOptions& options = {});

/// A plain mesh's geometry: VBO arrays, per-vertex colour and surface, one triangle list.
osg::ref_ptr<osg::Geometry> meshGeometry(const geo::Mesh& mesh);
/// meshGeometry in a node (one draw call); public for tests and tools.
osg::ref_ptr<osg::Node> meshNode(const geo::Mesh& mesh);

/// One tree's species model (heritage::treeModel, full detail) with its trunk base at `base`,
/// for tests and tools; the scene itself draws trees through treeLayer (TreeLayer.h).
geo::Mesh treeMesh(const heritage::AncientTree& tree, const geo::Vec3f& base);

}  // namespace cunjing::scene
