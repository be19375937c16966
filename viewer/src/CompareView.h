#pragma once
/// Two building states of one scene, drawn for comparison (issue 7 item 4): the existing state
/// (or one alternative) as state A and the proposed one as state B, sharing the terrain, trees
/// and models. Both building nodes sit side by side in the scene graph; node masks and the
/// cameras' cull masks decide which one each camera draws:
///   before / after  the main camera alone, showing A or B;
///   swipe           A left of a vertical divider, B right of it: two viewports cutting one
///                   frustum, so the picture is continuous across the divider;
///   split           two viewports side by side, each half the width with its own aspect, the
///                   same eye and target;
///   ghost           A drawn, then B over it at a constant opacity: a depth-only pass of B
///                   first, then B's colour with LEQUAL and a constant blend alpha, so each
///                   pixel blends once (per-triangle transparency would blend hidden faces).

#include <cunjing/geo/Mesh.h>

#include <osg/Camera>
#include <osg/Group>
#include <osg/ref_ptr>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace osgViewer {
class Viewer;
}

namespace cunjing::viewer {

enum class PlanViewMode { Before, After, Swipe, Split, Ghost };

/// "before", "after", "swipe", "split", "ghost".
const char* token(PlanViewMode mode);
std::optional<PlanViewMode> parseCompareMode(std::string_view text);

/// Node masks of the two states; every other node keeps the default mask (all bits).
inline constexpr osg::Node::NodeMask kStateAMask = 1u << 20;
inline constexpr osg::Node::NodeMask kStateBMask = 1u << 21;

/// A viewport rectangle in drawable pixels, y up (OpenGL's).
struct PixelRect {
    double x = 0, y = 0, width = 0, height = 0;
    bool containsX(double px) const { return px >= x && px < x + width; }
};

/// A projection that shows the part [x0, x1] (pixels) of a `width`-wide picture drawn with
/// `full`: the swipe's two halves of one frustum.
osg::Matrixd subProjection(const osg::Matrixd& full, double x0, double x1, double width);

/// The camera rectangles of a mode for a width x height drawable; divider 0..1 of the width.
/// Index 0 shows state A (the main camera), 1 state B; a mode that needs one camera gives the
/// second an empty rectangle.
std::array<PixelRect, 2> compareViewports(PlanViewMode mode, double divider, int width, int height);

class CompareView {
public:
    /// Adds the second and third cameras (state B, and B's colour pass for ghost) as slaves of
    /// `viewer`'s main camera on `context`; call before the viewer is realised.
    CompareView(osgViewer::Viewer& viewer, osg::GraphicsContext* context,
                const osg::Vec4& clearColour);

    /// The group to put where the scene's buildings go (scene::buildSceneGraph).
    osg::ref_ptr<osg::Group> slot() const { return slot_; }

    /// Replaces a state's buildings with `mesh` (partIds kept for picking).
    void setState(int side, const geo::Mesh& mesh);
    /// ... with a node already built (a paged scene's buildings: scene::sceneBuildingsNode).
    void setState(int side, osg::ref_ptr<osg::Node> node);
    /// An overlay drawn in every state (the highlight boxes); nullptr removes it.
    void setOverlay(osg::ref_ptr<osg::Node> overlay);

    void setMode(PlanViewMode mode) { mode_ = mode; }
    PlanViewMode mode() const { return mode_; }
    void setDivider(double divider);
    double divider() const { return divider_; }
    void setGhostOpacity(double opacity);

    /// Sets every camera for this frame: viewports, projections, cull masks and the passes.
    void update(const osg::Matrixd& view, double fovDeg, int width, int height);

    /// The camera drawing drawable pixel column x, and its viewport.
    osg::Camera& cameraAt(double x) const;
    /// The state that camera shows (0 A, 1 B).
    int stateAt(double x) const;

    /// The building partId a ray through drawable pixel (x, y down) hits first in the state
    /// shown there; none when it hits terrain, a tree, or nothing.
    std::optional<std::uint32_t> pickBuilding(double x, double yDown) const;

private:
    osg::ref_ptr<osg::Camera> main_;
    osg::ref_ptr<osg::Camera> second_;  ///< state B: its half, or ghost's depth pre-pass
    osg::ref_ptr<osg::Camera> ghost_;   ///< ghost: B's colour blended over A
    osg::ref_ptr<osg::Group> slot_;
    std::array<osg::ref_ptr<osg::Node>, 2> states_;
    osg::ref_ptr<osg::Node> overlay_;
    osg::ref_ptr<osg::StateSet> ghostColour_;
    osg::Vec4 clearColour_;
    PlanViewMode mode_ = PlanViewMode::After;
    double divider_ = 0.5, ghostOpacity_ = 0.5;
    int height_ = 1;
};

}  // namespace cunjing::viewer
