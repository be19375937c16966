#include "ModelDisplay.h"

#include <cunjing/scene/ModelLayer.h>

#include <osg/ClipPlane>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/LineWidth>
#include <osg/PolygonMode>
#include <osg/Program>

#include <algorithm>
#include <cmath>

namespace cunjing::viewer {

namespace {

constexpr unsigned kSectionPlaneNumber = 0;

double diagonalOf(const models::ImportedModel& model) {
    osg::BoundingBox box;
    for (const models::MeshPart& mesh : model.meshes) {
        for (const models::Vec3& p : mesh.positions)
            box.expandBy(p[0], p[1], p[2]);
    }
    return box.valid() ? (box._max - box._min).length() : 1.0;
}

}  // namespace

void setOverlayState(osg::StateSet& ss) {
    // A program without shaders is OpenGL's fixed function: colours as given, clipped by the
    // section plane without needing gl_ClipVertex.
    ss.setAttributeAndModes(new osg::Program,
                            osg::StateAttribute::ON | osg::StateAttribute::OVERRIDE);
    ss.setMode(GL_LIGHTING, osg::StateAttribute::OFF | osg::StateAttribute::OVERRIDE);
    ss.setMode(GL_DEPTH_TEST, osg::StateAttribute::OFF);
    ss.setMode(GL_CULL_FACE, osg::StateAttribute::OFF);
    ss.setAttributeAndModes(new osg::LineWidth(2.5f));
    ss.setRenderBinDetails(20, "RenderBin");
}

osg::ref_ptr<osg::Node> normalsNode(const models::ImportedModel& model, std::size_t maxLines) {
    std::size_t total = 0;
    for (const models::MeshPart& mesh : model.meshes)
        total += mesh.normals.size();
    const std::size_t step = std::max<std::size_t>(1, (total + maxLines - 1) / maxLines);
    const float length = float(diagonalOf(model) / 50.0);
    osg::ref_ptr<osg::Vec3Array> v = new osg::Vec3Array;
    std::size_t seen = 0;
    for (const models::MeshPart& mesh : model.meshes) {
        for (std::size_t i = 0; i < mesh.normals.size() && i < mesh.positions.size(); ++i) {
            if (seen++ % step != 0)
                continue;
            const osg::Vec3 p(mesh.positions[i][0], mesh.positions[i][1], mesh.positions[i][2]);
            osg::Vec3 n(mesh.normals[i][0], mesh.normals[i][1], mesh.normals[i][2]);
            n.normalize();
            v->push_back(p);
            v->push_back(p + n * length);
        }
    }
    osg::ref_ptr<osg::Geometry> g = new osg::Geometry;
    g->setUseVertexBufferObjects(true);
    g->setUseDisplayList(false);
    g->setVertexArray(v);
    osg::ref_ptr<osg::Vec4Array> colour = new osg::Vec4Array;
    colour->push_back({0.1f, 0.9f, 1.0f, 1.0f});  // cyan reads on roof tiles and plaster alike
    g->setColorArray(colour, osg::Array::BIND_OVERALL);
    g->addPrimitiveSet(new osg::DrawArrays(GL_LINES, 0, GLsizei(v->size())));
    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    geode->addDrawable(g);
    geode->setName(kNormalsNodeName);
    osg::StateSet* ss = geode->getOrCreateStateSet();
    setOverlayState(*ss);
    ss->setMode(GL_DEPTH_TEST, osg::StateAttribute::ON);  // normals behind the model stay hidden
    ss->setAttributeAndModes(new osg::LineWidth(1.0f));
    ss->setRenderBinToInherit();
    return geode;
}

void applyDisplayModes(osg::MatrixTransform& node, const models::ImportedModel& model,
                       const ModelDisplayModes& modes) {
    osg::StateSet* ss = node.getOrCreateStateSet();
    if (modes.wireframe) {
        ss->setAttributeAndModes(
            new osg::PolygonMode(osg::PolygonMode::FRONT_AND_BACK, osg::PolygonMode::LINE),
            osg::StateAttribute::ON | osg::StateAttribute::OVERRIDE);
    } else {
        ss->removeAttribute(osg::StateAttribute::POLYGONMODE);
    }
    scene::setModelUntextured(node, modes.untextured);
    scene::setModelXray(node, modes.xray);
    // X-ray shows the inside too: the back faces of walls behind the front ones.
    if (modes.xray)
        ss->setMode(GL_CULL_FACE, osg::StateAttribute::OFF | osg::StateAttribute::OVERRIDE);
    else
        ss->removeMode(GL_CULL_FACE);
    osg::Node* normals = nullptr;
    for (unsigned i = 0; i < node.getNumChildren(); ++i) {
        if (node.getChild(i)->getName() == kNormalsNodeName)
            normals = node.getChild(i);
    }
    if (modes.normals && !normals)
        node.addChild(normalsNode(model));
    else if (!modes.normals && normals)
        node.removeChild(normals);
}

SectionPlane::SectionPlane(osg::Group& root) : root_(&root), clip_(new osg::ClipNode) {
    clip_->setName("section-plane");
    // It holds no geometry to bound; culling would drop the plane it positions.
    clip_->setCullingActive(false);
    clip_->addClipPlane(new osg::ClipPlane(kSectionPlaneNumber));
    root_->addChild(clip_);
    // The sky is drawn in clip space: a plane in the scene's frame would cut it arbitrarily.
    for (unsigned i = 0; i < root_->getNumChildren(); ++i) {
        if (root_->getChild(i)->getName() == "sky") {
            root_->getChild(i)->getOrCreateStateSet()->setMode(
                GL_CLIP_PLANE0 + kSectionPlaneNumber,
                osg::StateAttribute::OFF | osg::StateAttribute::PROTECTED);
        }
    }
}

void setTint(osg::MatrixTransform& node, const std::optional<osg::Vec4>& tint) {
    osg::StateSet* ss = node.getOrCreateStateSet();
    if (tint)
        ss->addUniform(new osg::Uniform("baseColor", *tint),
                       osg::StateAttribute::ON | osg::StateAttribute::OVERRIDE);
    else
        ss->removeUniform("baseColor");
}

void SectionPlane::apply(const ClipSettings& settings, const std::array<double, 3>& low) {
    osg::StateSet* ss = root_->getOrCreateStateSet();
    const GLenum mode = GL_CLIP_PLANE0 + kSectionPlaneNumber;
    if (!settings.enabled) {
        ss->setMode(mode, osg::StateAttribute::OFF);
        return;
    }
    const int axis = std::clamp(settings.axis, 0, 2);
    // A plane keeps the side where a*x + b*y + c*z + d >= 0.
    osg::Vec4d plane(0, 0, 0, 0);
    const double at = low[std::size_t(axis)] + settings.offsetM;
    const double sign = settings.flip ? 1.0 : -1.0;
    plane[axis] = sign;
    plane[3] = -sign * at;
    clip_->getClipPlane(0)->setClipPlane(plane);
    ss->setMode(mode, osg::StateAttribute::ON);
}

}  // namespace cunjing::viewer
