#pragma once
/// Imported models (scene file "models", or opened in the viewer) placed in the local frame,
/// and the OSG nodes that draw them. The files are read through the import worker
/// (models/Import.h): a bad file gives an Error, never a crash of this process.
///
/// Placement (file coordinates -> local metres, Z up), in this order:
/// 1. units: ModelDescription::unitScale, else the file's stated unit, else metres;
/// 2. up axis: a Y-up file (glTF, OBJ) has (x, y, z) -> (x, -z, y), so its +Y becomes up and
///    its front (+Z, glTF's convention) faces -Y, south; a Z-up file (IFC, 3DS) is kept;
/// 3. scale;
/// 4. heading: turned clockwise (seen from above) by the heading. At heading 0 the model keeps
///    its own orientation: its north axis (+Y of a Z-up file, -Z of a Y-up file) points north
///    and a glTF/OBJ front faces south; heading 90 turns that front to face west. So a
///    model's front faces heading + 180. A model placed by its georeference is turned by
///    heading + Georeference::trueNorthDeg;
/// 5. position: ModelDescription::position in its crs (scene CRS when empty; lon, lat, h for
///    a geographic CRS), else the file's georeference (lon/lat CGCS2000 ~ WGS84), moved by
///    the scene origin. Height: clamp "terrain" puts the model's lowest point z metres above
///    the ground under its footprint (the georeference's elevation is not used: DEM and file
///    rarely share a datum); clamp "absolute" puts the file's origin at z (the elevation for
///    a georeferenced file) times the terrain exaggeration, where the exaggerated ground of
///    that height is drawn; the model itself is never stretched.
/// The ground under the footprint: with flatten (the default, terrain clamp) the footprint is
/// levelled to the mean ground under it, as generated buildings are, and the model stands on
/// that platform; without it, the lowest ground under the footprint, so it never floats.

#include <cunjing/geo/Mesh.h>
#include <cunjing/geo/Result.h>
#include <cunjing/models/Model.h>
#include <cunjing/models/ModelCheck.h>
#include <cunjing/scene/SceneFile.h>

#include <osg/MatrixTransform>
#include <osg/ref_ptr>

#include <array>
#include <optional>
#include <vector>

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
    /// The convex hull of the placed model seen from above, local metres, counter-clockwise.
    std::vector<std::array<double, 2>> footprint;
    /// Height (metres, not exaggerated) the ground under the footprint is levelled to, when
    /// the model asks for flattening; levelGroundUnderModels applies it.
    std::optional<double> platform;
};

/// Reads description.path through the worker and places it against data's frame and terrain
/// (data.terrain is not changed: flattening is applied by loadScene before meshes are built).
/// Errors name the scene file and description.jsonPath.
Result<SceneModel> loadSceneModel(const ModelDescription& description, const SceneData& data);

/// Places a model already read (loadSceneModel without the worker): the matrix, bounds,
/// footprint and platform as described at the top of this file.
Result<SceneModel> placeSceneModel(const ModelDescription& description, models::ImportedModel model,
                                   const SceneData& data);

/// placeSceneModel for what models::importModel returned: an import failure becomes an Error
/// naming the scene file, description.jsonPath, the model file and the worker's reason.
Result<SceneModel> placeImportedModel(const ModelDescription& description,
                                      Result<models::ImportedModel> imported,
                                      const SceneData& data);

/// Levels data.terrain under every model of data.models that has a platform, blending the
/// slope around it back over a few metres, as under generated buildings.
void levelGroundUnderModels(SceneData& data);

/// Nodes drawing a placed model: a MatrixTransform (name "model:<index>") holding one
/// geometry per mesh part, with its material and texture and the model shader, lit by the
/// same sun, sky ambient and haze as the rest of the scene. The shader writes gl_ClipVertex
/// so osg::ClipPlane sections work, and honours two bool uniforms set on the transform (false
/// by default; a state set below the transform or an OVERRIDE above it changes them):
/// - `modelUntextured`: base colour factors only, no texture;
/// - `modelXray`: translucent (alpha 0.3). The shader only lowers alpha: blending, the
///   transparent bin and depth writes off come with it through setModelXray.
osg::ref_ptr<osg::MatrixTransform> modelNode(const SceneModel& model, int index);

/// Draws a model node made by modelNode with base colours only (true) or textured (false).
void setModelUntextured(osg::Node& node, bool on);
/// Draws a model node made by modelNode translucent, without writing depth, so what is behind
/// or inside it shows (true), or solid again (false).
void setModelXray(osg::Node& node, bool on);

}  // namespace cunjing::scene
