#pragma once
// Hardware instancing of template meshes (the generated greenery, register trees): internal to
// the scene module.

#include <cunjing/scene/Shaders.h>

#include <osg/Geometry>
#include <osg/PrimitiveSet>
#include <osg/State>
#include <osg/VertexArrayState>
#include <osg/VertexAttribDivisor>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace cunjing::scene::detail {

/// One template drawn once per instance of a tile: GL instancing (glDrawElementsInstanced),
/// the instances placed in the vertex shader (common.vert). Its bound is the instances', not
/// the template's; it offers no primitives to intersection visitors, so picking and ground
/// queries never hit a template at the origin (and greenery is no register's record). The
/// look's greenery share thins it (setShare) unless made not thinnable (register trees).
class InstancedGeometry : public osg::Geometry {
public:
    InstancedGeometry() = default;
    InstancedGeometry(const InstancedGeometry& other,
                      const osg::CopyOp& op = osg::CopyOp::SHALLOW_COPY)
        : osg::Geometry(other, op),
          box_(other.box_),
          instances_(other.instances_),
          roundOff_(other.roundOff_),
          thinnable_(other.thinnable_),
          shape_(other.shape_) {}
    META_Object(cunjing, InstancedGeometry);

    InstancedGeometry(const osg::Geometry& shape, osg::Vec4Array* place, osg::Vec2Array* size,
                      const osg::BoundingBox& box, bool thinnable = true)
        : osg::Geometry(shape, osg::CopyOp::SHALLOW_COPY),
          box_(box),
          instances_(unsigned(place->size())),
          roundOff_(
              double((std::uint32_t(std::lround(box.center().x() * 7 + box.center().y() * 13)) *
                      2654435761u) %
                     997u) /
              997.0),
          thinnable_(thinnable) {
        // Arrays and primitives shared with the template: the primitives by instance count
        // (one copy of a template's indices for each count in use, not one a drawable), and
        // one state set for every instanced drawable.
        shape_ = &shape;
        setPrimitives(int(instances_));
        setVertexAttribArray(kInstancePlaceAttribute, place, osg::Array::BIND_PER_VERTEX);
        setVertexAttribArray(kInstanceSizeAttribute, size, osg::Array::BIND_PER_VERTEX);
        setStateSet(sharedStateSet());
        setCullingActive(true);
    }

    osg::BoundingBox computeBoundingBox() const override { return box_; }
    void accept(osg::PrimitiveFunctor&) const override {}
    void accept(osg::PrimitiveIndexFunctor&) const override {}

    bool thinnable() const { return thinnable_; }
    const osg::Geometry& shape() const { return *shape_; }

    void setShare(double share) {
        // Rounded up or down by the tile's own fraction: over many small tiles the share holds
        // on average (always rounding up would draw a one-plant tile whole).
        const int n =
            std::clamp(int(std::floor(share * double(instances_) + roundOff_)), 0, int(instances_));
        if (n > 0)
            setPrimitives(n);
        setNodeMask(n > 0 ? ~0u : 0u);
    }

private:
    /// The template's triangles drawn `instances` times: each primitive set stands for the
    /// template's, whose index buffer it draws, so a template's indices exist once on the
    /// GPU and in memory however many tiles draw it.
    void setPrimitives(int instances) {
        removePrimitiveSet(0, getNumPrimitiveSets());
        for (unsigned i = 0; i < shape_->getNumPrimitiveSets(); ++i) {
            if (const auto* e =
                    dynamic_cast<const osg::DrawElementsUInt*>(shape_->getPrimitiveSet(i)))
                addPrimitiveSet(new SharedElements(e, instances));
        }
    }

    /// Draws another DrawElementsUInt's indices (its element buffer) instanced; holds none.
    class SharedElements : public osg::DrawElementsUInt {
    public:
        SharedElements(const osg::DrawElementsUInt* source, int instances)
            : osg::DrawElementsUInt(source->getMode()), source_(source) {
            setNumInstances(instances);
        }
        unsigned int getNumIndices() const override { return unsigned(source_->size()); }
        unsigned int index(unsigned int pos) const override { return source_->index(pos); }
        void draw(osg::State& state, bool useVertexBufferObjects) const override {
            const auto count = GLsizei(source_->size());
            if (useVertexBufferObjects) {
                osg::GLBufferObject* ebo = source_->getOrCreateGLBufferObject(state.getContextID());
                if (ebo) {
                    state.getCurrentVertexArrayState()->bindElementBufferObject(ebo);
                    state.glDrawElementsInstanced(
                        getMode(), count, GL_UNSIGNED_INT,
                        reinterpret_cast<const GLvoid*>(ebo->getOffset(source_->getBufferIndex())),
                        getNumInstances());
                    return;
                }
            }
            state.getCurrentVertexArrayState()->unbindElementBufferObject();
            state.glDrawElementsInstanced(getMode(), count, GL_UNSIGNED_INT, &source_->front(),
                                          getNumInstances());
        }

    private:
        osg::ref_ptr<const osg::DrawElementsUInt> source_;
    };

    static osg::StateSet* sharedStateSet() {
        // Made once, never freed: every instanced drawable of every layer points at it.
        static osg::StateSet* const shared = [] {
            auto* ss = new osg::StateSet;
            ss->ref();
            ss->setAttribute(new osg::VertexAttribDivisor(kInstancePlaceAttribute, 1));
            ss->setAttribute(new osg::VertexAttribDivisor(kInstanceSizeAttribute, 1));
            ss->setDefine(kInstancedDefine);
            return ss;
        }();
        return shared;
    }

    osg::BoundingBox box_;
    unsigned instances_ = 0;
    double roundOff_ = 0.5;
    bool thinnable_ = true;
    osg::ref_ptr<const osg::Geometry> shape_;
};

/// Instances that intersection visitors see (register trees: a click names the tree): each
/// instance's copy of the template, placed as common.vert places it, offered in instance
/// order, so a hit's primitiveIndex / trianglesPerInstance() is the instance. Cost is paid at a
/// pick only, for the drawables whose bound the ray meets.
class PickableInstances : public InstancedGeometry {
public:
    PickableInstances(const osg::Geometry& shape, osg::Vec4Array* place, osg::Vec2Array* size,
                      const osg::BoundingBox& box)
        : InstancedGeometry(shape, place, size, box, false), place_(place), size_(size) {
        for (unsigned i = 0; i < getNumPrimitiveSets(); ++i)
            triangles_ += getPrimitiveSet(i)->getNumIndices() / 3;
    }

    unsigned trianglesPerInstance() const { return triangles_; }

    void accept(osg::PrimitiveFunctor& functor) const override {
        const auto* vertices = dynamic_cast<const osg::Vec3Array*>(getVertexArray());
        if (!vertices || vertices->empty())
            return;
        // Kept past the call: a functor may keep pointers to the vertices it was given.
        placed_.resize(vertices->size());
        for (std::size_t i = 0; i < place_->size(); ++i) {
            const osg::Vec4& p = (*place_)[i];
            const osg::Vec2& s = (*size_)[i];
            const float c = std::cos(p.w()), sn = std::sin(p.w());
            for (std::size_t v = 0; v < vertices->size(); ++v) {
                const osg::Vec3& t = (*vertices)[v];
                const float x = t.x() * s.x(), y = t.y() * s.x();
                placed_[v].set(c * x - sn * y + p.x(), sn * x + c * y + p.y(),
                               t.z() * s.y() + p.z());
            }
            functor.setVertexArray(unsigned(placed_.size()), placed_.data());
            for (unsigned k = 0; k < shape().getNumPrimitiveSets(); ++k) {
                const auto* e =
                    dynamic_cast<const osg::DrawElementsUInt*>(shape().getPrimitiveSet(k));
                if (e && !e->empty())
                    functor.drawElements(e->getMode(), GLsizei(e->size()), &e->front());
            }
        }
    }

private:
    osg::ref_ptr<osg::Vec4Array> place_;
    osg::ref_ptr<osg::Vec2Array> size_;
    unsigned triangles_ = 0;
    mutable std::vector<osg::Vec3> placed_;
};

}  // namespace cunjing::scene::detail
