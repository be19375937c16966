#include "CompareView.h"

#include <cunjing/scene/BuildingBatches.h>
#include <cunjing/scene/SceneGraph.h>

#include <osg/BlendColor>
#include <osg/BlendFunc>
#include <osg/ColorMask>
#include <osg/Depth>
#include <osgUtil/LineSegmentIntersector>
#include <osgViewer/Viewer>

#include <algorithm>

namespace cunjing::viewer {

namespace {

constexpr const char* kModeTokens[] = {"before", "after", "swipe", "split", "ghost"};

/// Every bit but the other state's: the camera draws the common scene and its own state.
osg::Node::NodeMask cullMaskFor(int state) {
    return ~(state == 0 ? kStateBMask : kStateAMask);
}

osg::ref_ptr<osg::Camera> slaveCamera(osg::GraphicsContext* context, int order) {
    osg::ref_ptr<osg::Camera> camera = new osg::Camera;
    camera->setGraphicsContext(context);
    // The app sets matrices, masks and clears each frame; nothing comes from the main camera.
    camera->setReferenceFrame(osg::Transform::ABSOLUTE_RF);
    camera->setInheritanceMask(osg::CullSettings::NO_VARIABLES);
    camera->setRenderOrder(osg::Camera::POST_RENDER, order);
    camera->setAllowEventFocus(false);
    // SDL's window is double-buffered, but the embedded context's traits do not say so;
    // left to guess, osgViewer would point a slave at the front buffer (and leave it there
    // for the ImGui pass after it).
    camera->setDrawBuffer(GL_BACK);
    camera->setReadBuffer(GL_BACK);
    return camera;
}

void setRect(osg::Camera& camera, const PixelRect& r) {
    camera.setViewport(int(r.x), int(r.y), std::max(int(r.width), 1), std::max(int(r.height), 1));
}

/// Ghost's pre-pass: depth only, every surface of the state, blending off.
void setDepthOnly(osg::StateSet& ss, bool on) {
    const bool now = ss.getAttribute(osg::StateAttribute::COLORMASK) != nullptr;
    if (on == now)
        return;
    if (!on) {
        ss.removeAttribute(osg::StateAttribute::COLORMASK);
        ss.removeAttribute(osg::StateAttribute::DEPTH);
        ss.removeMode(GL_BLEND);
        return;
    }
    const auto force = osg::StateAttribute::ON | osg::StateAttribute::OVERRIDE;
    ss.setAttributeAndModes(new osg::ColorMask(false, false, false, false), force);
    ss.setAttributeAndModes(new osg::Depth(osg::Depth::LESS, 0.0, 1.0, true), force);
    ss.setMode(GL_BLEND, osg::StateAttribute::OFF | osg::StateAttribute::OVERRIDE);
}

/// A camera that draws nothing and clears nothing.
void switchOff(osg::Camera& camera) {
    camera.setCullMask(0);
    camera.setClearMask(0);
    camera.setViewport(0, 0, 1, 1);
}

}  // namespace

const char* token(PlanViewMode mode) {
    return kModeTokens[int(mode)];
}

std::optional<PlanViewMode> parseCompareMode(std::string_view text) {
    for (int i = 0; i < 5; ++i) {
        if (text == kModeTokens[i])
            return PlanViewMode(i);
    }
    return std::nullopt;
}

osg::Matrixd subProjection(const osg::Matrixd& full, double x0, double x1, double width) {
    // The part's NDC x range in the full picture, [2 x0/W - 1, 2 x1/W - 1], stretched to [-1, 1].
    const double centre = (x0 + x1) / width - 1.0, half = std::max(x1 - x0, 1e-6) / width;
    return full * osg::Matrixd::translate(-centre, 0, 0) * osg::Matrixd::scale(1.0 / half, 1, 1);
}

std::array<PixelRect, 2> compareViewports(PlanViewMode mode, double divider, int width,
                                          int height) {
    const double w = std::max(width, 1), h = std::max(height, 1);
    switch (mode) {
        case PlanViewMode::Swipe: {
            const double at = std::round(std::clamp(divider, 0.0, 1.0) * w);
            return {PixelRect{0, 0, at, h}, PixelRect{at, 0, w - at, h}};
        }
        case PlanViewMode::Split: {
            const double half = std::floor(w / 2);
            return {PixelRect{0, 0, half, h}, PixelRect{half, 0, w - half, h}};
        }
        case PlanViewMode::Ghost:
            return {PixelRect{0, 0, w, h}, PixelRect{0, 0, w, h}};
        case PlanViewMode::Before:
        case PlanViewMode::After:
            break;
    }
    return {PixelRect{0, 0, w, h}, PixelRect{}};
}

CompareView::CompareView(osgViewer::Viewer& viewer, osg::GraphicsContext* context,
                         const osg::Vec4& clearColour)
    : main_(viewer.getCamera()),
      second_(slaveCamera(context, 1)),
      ghost_(slaveCamera(context, 2)),
      slot_(new osg::Group),
      clearColour_(clearColour) {
    main_->setRenderOrder(osg::Camera::POST_RENDER, 0);
    slot_->setName("building-states");
    for (int side = 0; side < 2; ++side) {
        states_[std::size_t(side)] = new osg::Group;
        states_[std::size_t(side)]->setNodeMask(side == 0 ? kStateAMask : kStateBMask);
        slot_->addChild(states_[std::size_t(side)]);
    }
    // Ghost's colour pass: B's nearest surfaces only (the depth pre-pass wrote them; LEQUAL
    // lets exactly those through), each blended once at the constant alpha.
    ghostColour_ = ghost_->getOrCreateStateSet();
    const auto force = osg::StateAttribute::ON | osg::StateAttribute::OVERRIDE;
    ghostColour_->setAttributeAndModes(new osg::Depth(osg::Depth::LEQUAL, 0.0, 1.0, false), force);
    ghostColour_->setAttributeAndModes(new osg::BlendFunc(osg::BlendFunc::CONSTANT_ALPHA,
                                                          osg::BlendFunc::ONE_MINUS_CONSTANT_ALPHA),
                                       force);
    ghostColour_->setMode(GL_BLEND, force);
    // Ghost's pre-pass state lives in the second camera's own state set, made before the
    // camera is added: osgViewer's renderer takes a slave's state set when it is created.
    second_->getOrCreateStateSet();
    // Both draw the main camera's scene (osgViewer hands it to them on setSceneData).
    viewer.addSlave(second_.get(), true);
    viewer.addSlave(ghost_.get(), true);
    setGhostOpacity(ghostOpacity_);
}

void CompareView::setState(int side, const geo::Mesh& mesh) {
    setState(side, scene::buildingsNode(mesh));
}

void CompareView::setState(int side, osg::ref_ptr<osg::Node> node) {
    if (!node)
        node = new osg::Group;
    node->setNodeMask(side == 0 ? kStateAMask : kStateBMask);
    slot_->replaceChild(states_[std::size_t(side)].get(), node.get());
    states_[std::size_t(side)] = node;
}

void CompareView::setOverlay(osg::ref_ptr<osg::Node> overlay) {
    if (overlay_)
        slot_->removeChild(overlay_.get());
    overlay_ = std::move(overlay);
    if (overlay_)
        slot_->addChild(overlay_.get());
}

void CompareView::setDivider(double divider) {
    divider_ = std::clamp(divider, 0.0, 1.0);
}

void CompareView::setGhostOpacity(double opacity) {
    ghostOpacity_ = std::clamp(opacity, 0.0, 1.0);
    ghostColour_->setAttributeAndModes(
        new osg::BlendColor(osg::Vec4(0, 0, 0, float(ghostOpacity_))),
        osg::StateAttribute::ON | osg::StateAttribute::OVERRIDE);
}

void CompareView::update(const osg::Matrixd& view, double fovDeg, int width, int height) {
    height_ = std::max(height, 1);
    const auto rects = compareViewports(mode_, divider_, width, height);
    const double w = std::max(width, 1);
    const osg::Matrixd full = osg::Matrixd::perspective(fovDeg, w / height_, 1.0, 1.0e5);
    for (osg::Camera* camera : {main_.get(), second_.get(), ghost_.get()}) {
        camera->setViewMatrix(view);
        camera->setClearColor(clearColour_);
    }
    main_->setClearMask(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    main_->setCullMask(cullMaskFor(mode_ == PlanViewMode::After ? 1 : 0));
    setRect(*main_, rects[0]);
    setDepthOnly(*second_->getStateSet(), mode_ == PlanViewMode::Ghost);
    switchOff(*ghost_);
    switch (mode_) {
        case PlanViewMode::Before:
        case PlanViewMode::After:
            main_->setProjectionMatrix(full);
            switchOff(*second_);
            break;
        case PlanViewMode::Swipe:
            main_->setProjectionMatrix(subProjection(full, 0, rects[0].width, w));
            second_->setProjectionMatrix(subProjection(full, rects[1].x, w, w));
            second_->setClearMask(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
            second_->setCullMask(cullMaskFor(1));
            setRect(*second_, rects[1]);
            break;
        case PlanViewMode::Split:
            for (int i = 0; i < 2; ++i) {
                osg::Camera* camera = i == 0 ? main_.get() : second_.get();
                const PixelRect& r = rects[std::size_t(i)];
                camera->setProjectionMatrixAsPerspective(fovDeg, std::max(r.width, 1.0) / height_,
                                                         1.0, 1.0e5);
            }
            second_->setClearMask(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
            second_->setCullMask(cullMaskFor(1));
            setRect(*second_, rects[1]);
            break;
        case PlanViewMode::Ghost: {
            main_->setProjectionMatrix(full);
            // Pass 1 (depthOnly_): B's nearest depths; pass 2: B's colour on exactly those.
            second_->setProjectionMatrix(full);
            second_->setClearMask(GL_DEPTH_BUFFER_BIT);
            second_->setCullMask(cullMaskFor(1));
            setRect(*second_, rects[1]);
            // Pass 2: B's colour, blended (state set made in the constructor).
            ghost_->setProjectionMatrix(full);
            ghost_->setClearMask(0);
            ghost_->setCullMask(cullMaskFor(1));
            setRect(*ghost_, rects[1]);
            break;
        }
    }
}

osg::Camera& CompareView::cameraAt(double x) const {
    if (mode_ == PlanViewMode::Swipe || mode_ == PlanViewMode::Split) {
        const osg::Viewport* vp = second_->getViewport();
        if (vp && x >= vp->x())
            return *second_;
    }
    return *main_;
}

int CompareView::stateAt(double x) const {
    switch (mode_) {
        case PlanViewMode::Before:
            return 0;
        case PlanViewMode::Swipe:
        case PlanViewMode::Split:
            return &cameraAt(x) == second_.get() ? 1 : 0;
        case PlanViewMode::After:
        case PlanViewMode::Ghost:
            break;
    }
    // Ghost: B is what the eye is asked to judge, so picking follows it.
    return 1;
}

std::optional<std::uint32_t> CompareView::pickBuilding(double x, double yDown) const {
    const int state = stateAt(x);
    // In ghost mode B is drawn by the colour pass camera, but the main camera shares its
    // matrices and viewport; only the cull mask differs, so pick through it with B's mask.
    osg::Camera& camera = cameraAt(x);
    const osg::Viewport* vp = camera.getViewport();
    if (!vp)
        return std::nullopt;
    osg::ref_ptr<osgUtil::LineSegmentIntersector> intersector = new osgUtil::LineSegmentIntersector(
        osgUtil::Intersector::WINDOW, x, vp->y() + vp->height() - yDown);
    intersector->setIntersectionLimit(osgUtil::Intersector::LIMIT_NEAREST);
    osgUtil::IntersectionVisitor visitor(intersector.get());
    visitor.setTraversalMask(cullMaskFor(state));
    camera.accept(visitor);
    if (!intersector->containsIntersections())
        return std::nullopt;
    const auto& hit = intersector->getFirstIntersection();
    const osg::Node* stateNode = states_[std::size_t(state)].get();
    if (std::find(hit.nodePath.begin(), hit.nodePath.end(), stateNode) == hit.nodePath.end())
        return std::nullopt;
    // Buildings are batched by tile and level of detail: the drawable hit knows its vertices'
    // buildings.
    if (hit.indexList.empty())
        return std::nullopt;
    return scene::partAt(hit.drawable.get(), hit.indexList.front());
}

}  // namespace cunjing::viewer
