#pragma once
/// Running the real cunjing-viewer in the render tests (under the X server test.sh provides,
/// Xvfb) and looking at the frame it saves: shared so that every viewer test builds its command
/// line, copies the demo's register store and measures screen regions the same way.

#include "TestPaths.h"

#include <osg/Image>
#include <osg/ref_ptr>

#include <filesystem>
#include <string>

namespace cunjing::test {

/// A rectangle in screen terms: x right, y down from the top-left corner.
struct ScreenRect {
    int x, y, width, height;
};

/// `text` in single quotes, for a shell command line (paths here have no quotes in them).
std::string quoted(const std::string& text);
std::string quoted(const std::filesystem::path& p);

/// Whether an X display is set: the viewer opens a real window, so tests skip without one.
bool haveDisplay();

/// The demo's register store, which the demo scene names (registers.registry).
std::filesystem::path demoStore();
/// A fresh copy of the demo store as outputDir("render")/<stem>.gpkg, stale WAL files removed:
/// the viewer opens its store read-write (WAL files beside it, notes written into it), and
/// tests must never write into the source tree.
std::filesystem::path demoStoreCopy(const std::string& stem);

/// The demo scene with `keys` (JSON members with a trailing comma, such as
/// `"kiosk": {"idle_seconds": 1},`) added at its top level, written as
/// outputDir("render")/<folder>/demo.json among links to the demo's other files (its paths are
/// relative to the scene file); returns that scene file.
std::filesystem::path demoSceneWith(const std::string& folder, const std::string& keys);

struct ViewerRun {
    CommandResult command;
    osg::ref_ptr<osg::Image> image;  ///< the last frame; null when no readable PNG was written
};

/// Runs cunjing-viewer on `scene` for `frames` frames at width×height with `extraArgs`, saving
/// the last frame as outputDir("render")/<pngStem>.png (removed first, so a run that writes
/// none leaves no stale one), and reads that frame back. The command line and its output go to
/// stderr, for the log of a failed test.
ViewerRun runViewer(const std::string& pngStem, const std::filesystem::path& scene, int frames,
                    int width, int height, const std::string& extraArgs);

/// Luminance (0-255) of the pixel at x, y counted down from the top, as ScreenRect counts.
double luminanceAt(const osg::Image& image, int x, int yFromTop);

/// Mean absolute luminance difference of two frames over a rectangle.
double meanDifference(const osg::Image& a, const osg::Image& b, const ScreenRect& r);

/// Share of horizontally neighbouring pixels whose luminance jumps by more than 48 of 255:
/// glyph strokes make many such jumps, smooth terrain, sky and flat panel backgrounds almost
/// none.
double edgeDensity(const osg::Image& image, const ScreenRect& r);

}  // namespace cunjing::test
