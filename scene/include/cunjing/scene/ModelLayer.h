#pragma once
/// Imported models (scene file "models", or opened in the viewer) placed in the local frame,
/// and the OSG nodes that draw them. The files are read through the import worker
/// (models/Import.h): a bad file gives an Error, never a crash of this process.

#include <cunjing/geo/Mesh.h>
#include <cunjing/geo/Result.h>
#include <cunjing/models/Model.h>
#include <cunjing/models/ModelCheck.h>
#include <cunjing/scene/SceneFile.h>

#include <osg/MatrixTransform>
#include <osg/ref_ptr>

#include <array>

namespace cunjing::scene {

struct SceneData;

/// A model placed in the scene.
struct SceneModel {
    ModelDescription description;
    models::ImportedModel model;
    models::ModelStats stats;
    /// Model file coordinates -> local scene metres (Z up), column-major 4x4: units, up axis,
    /// scale, heading and position (terrain clamp resolved) in one matrix.
    std::array<double, 16> toLocal{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
    geo::Bounds localBounds;  ///< of the placed model, local metres
};

/// Reads description.path through the worker and places it against data's frame and terrain
/// (data.terrain is not changed: flattening is applied by loadScene before meshes are built).
Result<SceneModel> loadSceneModel(const ModelDescription& description, const SceneData& data);

/// Nodes drawing a placed model: a MatrixTransform (name "model:<index>") holding one
/// geometry per mesh part, with its material and texture and the model shader. The shader
/// honours the uniforms `modelUntextured` (bool) and `modelXray` (bool), and writes
/// gl_ClipVertex so osg::ClipPlane sections work.
osg::ref_ptr<osg::MatrixTransform> modelNode(const SceneModel& model, int index);

}  // namespace cunjing::scene
