#pragma once
/// How an imported model is drawn in the inspector: wireframe, its normals as lines, without
/// textures, x-ray, and the section plane through the whole scene. OSG state only; the choices
/// come from InspectorState.

#include "InspectorState.h"

#include <cunjing/models/Model.h>

#include <osg/ClipNode>
#include <osg/Group>
#include <osg/MatrixTransform>
#include <osg/ref_ptr>

#include <optional>

namespace cunjing::viewer {

/// Name of the normals child added under a model node (never picked).
inline constexpr const char* kNormalsNodeName = "model-normals";

/// Sets `modes` on a model node made by scene::modelNode; `model` is what it draws (for the
/// normals). Modes not asked for are taken off again.
void applyDisplayModes(osg::MatrixTransform& node, const models::ImportedModel& model,
                       const ModelDisplayModes& modes);

/// Draws every part of a model node in one flat colour (its materials' base colour factors
/// overridden; textures go with modes.untextured), or in its own colours again (none).
void setTint(osg::MatrixTransform& node, const std::optional<osg::Vec4>& tint);

/// The mesh normals as short lines from each vertex, in the model's file coordinates, each a
/// fiftieth of the model's diagonal long; at most `maxLines` of them (evenly thinned).
osg::ref_ptr<osg::Node> normalsNode(const models::ImportedModel& model,
                                    std::size_t maxLines = 200'000);

/// A state for what the inspector draws over the scene (measure lines, note markers): vertex
/// colours, no lighting, no shader, always on top.
void setOverlayState(osg::StateSet& state);

/// The section plane: one osg::ClipPlane positioned in the scene's local frame (a ClipNode
/// under the root) and switched on for the whole root. The scene's shaders write
/// gl_ClipVertex, so it cuts terrain, buildings and models alike; the sky is exempt.
class SectionPlane {
public:
    explicit SectionPlane(osg::Group& root);
    /// low/high: the selected model's extent along each axis (local metres).
    void apply(const ClipSettings& settings, const std::array<double, 3>& low);

private:
    osg::ref_ptr<osg::Group> root_;
    osg::ref_ptr<osg::ClipNode> clip_;
};

}  // namespace cunjing::viewer
