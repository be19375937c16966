#pragma once
/// Rendering without a window: an X display (Xvfb started on demand) and a pbuffer context.

#include <cunjing/geo/Result.h>
#include <cunjing/scene/SceneData.h>

#include <osg/Image>
#include <osg/Node>
#include <osg/ref_ptr>

#include <filesystem>
#include <memory>
#include <string>

namespace cunjing::scene {

/// Makes sure DISPLAY names a usable X server: keeps the one given, else starts Xvfb on a free
/// display number and stops it when the last holder goes away.
class HeadlessDisplay {
public:
    static Result<std::shared_ptr<HeadlessDisplay>> ensure();
    ~HeadlessDisplay();
    HeadlessDisplay(const HeadlessDisplay&) = delete;
    HeadlessDisplay& operator=(const HeadlessDisplay&) = delete;
    const std::string& display() const { return display_; }
    bool startedByUs() const { return pid_ > 0; }

private:
    HeadlessDisplay() = default;
    std::string display_;
    int pid_ = 0;
};

/// What one frame cost and drew.
struct FrameStats {
    double frameMs = 0;  ///< wall clock of the frame: OSG's update, cull and draw, and glFinish
    /// OSG's cull and draw traversals, CPU time (osgViewer's own timings). The draw's is less
    /// the glFinish wait, so it is what submitting the frame cost; frameMs less both is mostly
    /// the GL finishing it (on llvmpipe: rasterising).
    double cullMs = 0, drawMs = 0;
    /// GL draw calls: primitive sets of the drawables drawn, every render stage (shadow map
    /// passes too).
    int drawCalls = 0;
    /// Triangles submitted, instances counted (numInstances), quads/strips/fans converted.
    long long triangles = 0;
};

/// Renders a scene graph from viewpoints into images, reusing one GL context.
class OffscreenRenderer {
public:
    /// `samples` a pixel of multisampling (0 none; none too where the driver offers none).
    static Result<std::unique_ptr<OffscreenRenderer>> create(int width, int height,
                                                             int samples = 4);
    ~OffscreenRenderer();

    /// Renders one frame of `scene` from eye to target and reads it back (RGB, 8 bit).
    Result<osg::ref_ptr<osg::Image>> render(osg::Node* scene, const osg::Vec3d& eye,
                                            const osg::Vec3d& target, double fovDeg);
    /// Draws one frame of `scene` from eye to target and waits for it (glFinish) without
    /// reading it back: the frame benchmark's unit (bench/FrameBench.cpp). Like render(), it
    /// draws again while the database pager has requests in flight; the stats are the last
    /// frame's, the one that shows the finished view.
    Result<FrameStats> drawFrame(osg::Node* scene, const osg::Vec3d& eye, const osg::Vec3d& target,
                                 double fovDeg);
    /// The renderer string of the context (e.g. "llvmpipe"), for logs.
    std::string glRenderer() const;
    /// Samples a pixel the pbuffer was made with.
    int samples() const;

    struct Impl;

private:
    explicit OffscreenRenderer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

/// OSG reports harmless X errors (BadMatch when a pbuffer is made under Xvfb) at NOTICE level
/// on every frame; this keeps OSG at WARN unless OSG_NOTIFY_LEVEL asks for more. Call early.
void quietenOsgNotices();

/// Writes an image to PNG through a temporary file renamed into place (no half-written file).
Status writePngAtomically(const osg::Image& image, const std::filesystem::path& path);

}  // namespace cunjing::scene
