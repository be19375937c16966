#pragma once
/// What the inspector draws into the scene: the measurement (points, the line between them,
/// the plumb line down to the ground, the area's outline) and the notes pinned to models as
/// small markers labelled with their text.

#include "InspectorState.h"

#include <osg/Group>
#include <osg/MatrixTransform>
#include <osg/ref_ptr>

#include <string>
#include <unordered_set>
#include <vector>

namespace cunjing::viewer {

/// Node names of the overlays, which picking passes through.
inline constexpr const char* kMeasureNodeName = "inspector-measure";
inline constexpr const char* kNotesNodeName = "model-notes";

/// Every overlay name, for pickSurface's skip list.
const std::unordered_set<std::string>& overlayNodeNames();

/// The measurement as lines and points in the local frame; `ground` gives the plumb line's
/// foot for a height. Empty group when there are no points.
osg::ref_ptr<osg::Group> measureNode(const Measurement& measurement, const GroundHeight& ground);

/// Markers with labels for `notes`, in the model's file coordinates: put under the model's
/// node so they move with it.
osg::ref_ptr<osg::Group> notesNode(const std::vector<NoteEntry>& notes);

/// Replaces the child named `name` of `parent` with `child` (or just removes it when null).
void replaceNamedChild(osg::Group& parent, const std::string& name, osg::Node* child);

}  // namespace cunjing::viewer
