#include "Picking.h"

#include <cunjing/scene/SceneData.h>
#include <cunjing/scene/TreeLayer.h>

#include <osg/Camera>
#include <osg/Transform>
#include <osg/Vec4d>
#include <osgUtil/LineSegmentIntersector>

#include <algorithm>
#include <cmath>

namespace cunjing::viewer {

std::optional<RecordRef> recordFromNodeName(const std::string& name,
                                            const std::unordered_set<std::string>& treeIds) {
    const std::string_view prefix = kVillageNodePrefix;
    if (name.size() > prefix.size() && name.starts_with(prefix))
        return RecordRef{RecordKind::Village, name.substr(prefix.size())};
    if (!name.empty() && treeIds.contains(name))
        return RecordRef{RecordKind::Tree, name};
    return std::nullopt;
}

std::optional<int> modelIndexFromNodeName(const std::string& name) {
    const std::string_view prefix = kModelNodePrefix;
    if (name.size() <= prefix.size() || name.size() > prefix.size() + 9 ||
        !name.starts_with(prefix))
        return std::nullopt;
    int index = 0;
    for (const char c : std::string_view(name).substr(prefix.size())) {
        if (c < '0' || c > '9')
            return std::nullopt;
        index = index * 10 + (c - '0');
    }
    return index;
}

std::optional<SurfaceHit> pickSurface(osg::Camera& camera, double x, double y,
                                      const std::unordered_set<std::string>& skipNames) {
    const osg::Viewport* viewport = camera.getViewport();
    if (!viewport)
        return std::nullopt;
    osg::ref_ptr<osgUtil::LineSegmentIntersector> intersector = new osgUtil::LineSegmentIntersector(
        osgUtil::Intersector::WINDOW, x + viewport->x(), viewport->y() + viewport->height() - y);
    osgUtil::IntersectionVisitor visitor(intersector.get());
    // Only what this camera draws: of a plan's two building states, the one it shows.
    visitor.setTraversalMask(camera.getCullMask());
    camera.accept(visitor);
    // Sorted nearest first; the first one on a surface that counts wins.
    for (const auto& hit : intersector->getIntersections()) {
        SurfaceHit out;
        bool skipped = false;
        for (auto it = hit.nodePath.rbegin(); it != hit.nodePath.rend() && !skipped; ++it) {
            const std::string& name = (*it)->getName();
            skipped = name == "sky" || skipNames.contains(name);
            if (!out.model)
                out.model = modelIndexFromNodeName(name);
        }
        if (skipped)
            continue;
        out.point = hit.getWorldIntersectPoint();
        out.modelPoint = out.point;
        if (out.model) {
            // The model node is a transform from file coordinates to local metres: the point
            // in the file's frame is the hit with that transform (and those below it) undone.
            osg::NodePath toModel;
            for (osg::Node* node : hit.nodePath) {
                toModel.push_back(node);
                if (modelIndexFromNodeName(node->getName()))
                    break;
            }
            const osg::Matrixd modelToWorld = osg::computeLocalToWorld(toModel);
            out.modelPoint = out.point * osg::Matrixd::inverse(modelToWorld);
        }
        return out;
    }
    return std::nullopt;
}

std::optional<RecordRef> nearestOnScreen(const std::vector<ScreenPoint>& points, double x, double y,
                                         double maxPixels) {
    const ScreenPoint* best = nullptr;
    double bestPixels = 0;
    for (const ScreenPoint& p : points) {
        const double pixels = std::hypot(p.x - x, p.y - y);
        if (!(pixels <= maxPixels))
            continue;
        // Within a pixel counts as the same spot: then the one in front wins.
        const bool closer = !best || pixels < bestPixels - 1.0 ||
                            (pixels <= bestPixels + 1.0 && p.depth < best->depth);
        if (closer) {
            best = &p;
            bestPixels = pixels;
        }
    }
    return best ? std::optional(best->record) : std::nullopt;
}

std::optional<osg::Vec3d> projectToWindow(const osg::Vec3d& local, const osg::Matrixd& view,
                                          const osg::Matrixd& projection, double width,
                                          double height) {
    const osg::Vec4d clip = osg::Vec4d(local, 1.0) * view * projection;
    if (!(clip.w() > 1e-9))
        return std::nullopt;
    const double nx = clip.x() / clip.w(), ny = clip.y() / clip.w();
    return osg::Vec3d((nx + 1) * 0.5 * width, (1 - ny) * 0.5 * height, clip.w());
}

std::string recordRefText(const RecordRef& record) {
    switch (record.kind) {
        case RecordKind::Tree:
            return "tree:" + record.id;
        case RecordKind::Village:
            return "village:" + record.id;
        case RecordKind::Building:
            break;
    }
    return "building:" + record.id;
}

std::optional<RecordRef> parseRecordRefText(const std::string& text) {
    const auto colon = text.find(':');
    if (colon == std::string::npos || colon + 1 >= text.size())
        return std::nullopt;
    const std::string kind = text.substr(0, colon), id = text.substr(colon + 1);
    if (kind == "tree")
        return RecordRef{RecordKind::Tree, id};
    if (kind == "village")
        return RecordRef{RecordKind::Village, id};
    if (kind == "building")
        return RecordRef{RecordKind::Building, id};
    return std::nullopt;
}

std::vector<RecordAnchor> recordAnchors(const scene::SceneData& data) {
    std::vector<RecordAnchor> anchors;
    anchors.reserve(data.trees.size() + data.villages.size());
    for (const heritage::AncientTree& tree : data.trees) {
        const double ground = data.groundHeight(tree.x, tree.y);
        const double height = std::isfinite(tree.heightM) && tree.heightM > 0 ? tree.heightM : 12;
        anchors.push_back({{RecordKind::Tree, tree.id},
                           {tree.x, tree.y, ground},
                           {tree.x, tree.y, ground + 0.6 * height},
                           height});
    }
    for (const scene::SceneVillage& village : data.villages) {
        const osg::Vec3d base(village.x, village.y, data.groundHeight(village.x, village.y));
        anchors.push_back({{RecordKind::Village, village.record.id}, base, base, 0});
    }
    return anchors;
}

ScenePicker::ScenePicker(const scene::SceneData& data) : anchors_(recordAnchors(data)) {
    for (const heritage::AncientTree& tree : data.trees) {
        treeIds_.insert(tree.id);
        treeIdByIndex_.push_back(tree.id);
    }
}

const RecordAnchor* ScenePicker::anchor(const RecordRef& record) const {
    const auto it = std::find_if(anchors_.begin(), anchors_.end(),
                                 [&](const RecordAnchor& a) { return a.record == record; });
    return it == anchors_.end() ? nullptr : &*it;
}

std::optional<RecordRef> ScenePicker::rayPick(osg::Camera& camera, double x, double yUp) const {
    osg::ref_ptr<osgUtil::LineSegmentIntersector> intersector =
        new osgUtil::LineSegmentIntersector(osgUtil::Intersector::WINDOW, x, yUp);
    // Only what is in front counts: a tree behind a house must not be picked through it.
    intersector->setIntersectionLimit(osgUtil::Intersector::LIMIT_NEAREST);
    osgUtil::IntersectionVisitor visitor(intersector.get());
    // Only what this camera draws: of a plan's two building states, the one it shows.
    visitor.setTraversalMask(camera.getCullMask());
    camera.accept(visitor);
    if (!intersector->containsIntersections())
        return std::nullopt;
    const auto& hit = intersector->getFirstIntersection();
    // Register trees are instanced: the drawable knows which tree a triangle belongs to.
    if (auto tree = scene::treeAt(hit.drawable.get(), hit.primitiveIndex);
        tree && *tree < treeIdByIndex_.size())
        return RecordRef{RecordKind::Tree, treeIdByIndex_[*tree]};
    const osg::NodePath& path = hit.nodePath;
    // Deepest first: a tree's own node sits below group nodes with other names.
    for (auto it = path.rbegin(); it != path.rend(); ++it) {
        if (auto record = recordFromNodeName((*it)->getName(), treeIds_))
            return record;
    }
    return std::nullopt;
}

std::optional<RecordRef> ScenePicker::pickExact(osg::Camera& camera, double x, double y) const {
    const osg::Viewport* viewport = camera.getViewport();
    if (!viewport)
        return std::nullopt;
    return rayPick(camera, x + viewport->x(), viewport->y() + viewport->height() - y);
}

std::optional<RecordRef> ScenePicker::pick(osg::Camera& camera, double x, double y,
                                           double maxPixels) const {
    const osg::Viewport* viewport = camera.getViewport();
    if (!viewport)
        return std::nullopt;
    const double width = viewport->width(), height = viewport->height();
    if (auto hit = rayPick(camera, x + viewport->x(), viewport->y() + height - y))
        return hit;
    std::vector<ScreenPoint> points;
    for (const RecordAnchor& a : anchors_) {
        // Trees are judged by the middle of the crown, where people click; villages by the
        // ground point their marker stands on.
        const auto p = projectToWindow(a.focus, camera.getViewMatrix(),
                                       camera.getProjectionMatrix(), width, height);
        if (p && p->x() >= 0 && p->y() >= 0 && p->x() <= width && p->y() <= height)
            points.push_back({a.record, p->x(), p->y(), p->z()});
    }
    return nearestOnScreen(points, x, y, maxPixels);
}

}  // namespace cunjing::viewer
