#pragma once
/// What a click on the 3D view points at: a register tree or a village marker (buildings are
/// picked by CompareView::pickBuilding, which knows the plan states). Geometry picking
/// finds what the ray hits; thin things (a distant tree, a marker label) are easy to miss, so the
/// nearest record on screen within a few pixels is the fallback.

#include <osg/Matrixd>
#include <osg/Vec3d>

#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace osg {
class Camera;
}  // namespace osg

namespace cunjing::scene {
struct SceneData;
}

namespace cunjing::viewer {

enum class RecordKind { Tree, Village, Building };

/// A register record by kind and id, or a generated building by its scene id
/// ("street/street-a-03"): what the info card and the register panel show.
struct RecordRef {
    RecordKind kind = RecordKind::Tree;
    std::string id;
    bool operator==(const RecordRef&) const = default;
};

/// "tree:<id>", "village:<id>", "building:<scene id>": how --select takes a record and the
/// event script's `print` line reports it.
std::string recordRefText(const RecordRef& record);
/// The reverse; none for an unknown kind or an empty id.
std::optional<RecordRef> parseRecordRefText(const std::string& text);

/// Prefix of village marker node names ("village:<id>"), as the scene's village layer sets it.
inline constexpr const char* kVillageNodePrefix = "village:";

/// The record a node name stands for: "village:<id>", or a tree id (tree nodes carry their
/// record id as name). Anything else (terrain, buildings, "trees") is none.
std::optional<RecordRef> recordFromNodeName(const std::string& name,
                                            const std::unordered_set<std::string>& treeIds);

/// Prefix of imported model node names ("model:<index>", index into SceneData::models), as
/// scene::modelNode sets it.
inline constexpr const char* kModelNodePrefix = "model:";

/// The model index a node name stands for: "model:<n>" with n a plain non-negative decimal;
/// anything else is none.
std::optional<int> modelIndexFromNodeName(const std::string& name);

/// Where a click meets the scene's surfaces (models, buildings, terrain, trees).
struct SurfaceHit {
    osg::Vec3d point;          ///< local scene metres
    std::optional<int> model;  ///< the imported model hit, if it was one
    osg::Vec3d modelPoint;     ///< the point in that model's file coordinates
};

/// Nearest surface under window pixel (x, y down) of `camera`'s viewport. The sky (drawn in
/// clip space) and nodes named in `skipNames` (measure lines, note markers) never count.
std::optional<SurfaceHit> pickSurface(osg::Camera& camera, double x, double y,
                                      const std::unordered_set<std::string>& skipNames);

/// A record's anchor projected to the window: pixels, x right and y down from the top-left.
struct ScreenPoint {
    RecordRef record;
    double x = 0, y = 0;
    double depth = 0;  ///< distance from the eye, to prefer the nearer of two on top of each other
};

/// The record whose anchor lies nearest to (x, y) within maxPixels; on a tie in pixels, the one
/// nearer the eye. None when nothing is that close.
std::optional<RecordRef> nearestOnScreen(const std::vector<ScreenPoint>& points, double x, double y,
                                         double maxPixels);

/// A local position through view * projection into a width x height window (y down); none
/// when it lies behind the eye.
std::optional<osg::Vec3d> projectToWindow(const osg::Vec3d& local, const osg::Matrixd& view,
                                          const osg::Matrixd& projection, double width,
                                          double height);

/// Where a record stands in the scene (local frame), for picking and fly-to.
struct RecordAnchor {
    RecordRef record;
    osg::Vec3d base;   ///< on the ground
    osg::Vec3d focus;  ///< what to look at: a tree's mid-crown height, a village's ground
    double sizeM = 0;  ///< a tree's height; 0 for villages
};

/// Every tree and village of the scene with its anchor.
std::vector<RecordAnchor> recordAnchors(const scene::SceneData& data);

/// Picks against a scene graph drawn by `camera`. x, y in the camera's viewport pixels (y down).
class ScenePicker {
public:
    explicit ScenePicker(const scene::SceneData& data);

    /// The camera's children are the scene (osgViewer puts the scene data there).
    std::optional<RecordRef> pick(osg::Camera& camera, double x, double y, double maxPixels) const;
    /// Only a tree or marker the ray hits first, without the nearest-on-screen fallback: what
    /// must win over a building behind it.
    std::optional<RecordRef> pickExact(osg::Camera& camera, double x, double y) const;
    const RecordAnchor* anchor(const RecordRef& record) const;

private:
    std::optional<RecordRef> rayPick(osg::Camera& camera, double x, double yUp) const;

    std::vector<RecordAnchor> anchors_;
    std::unordered_set<std::string> treeIds_;
    std::vector<std::string> treeIdByIndex_;  ///< SceneData::trees ids, by index (scene::treeAt)
};

}  // namespace cunjing::viewer
