#pragma once
/// Reading the finished frame (3D scene and UI) back from the window.

#include <osg/Image>
#include <osg/ref_ptr>

#include <ctime>
#include <string>

namespace cunjing::viewer {

/// The back buffer as RGB, read after the UI is drawn and before the swap. The image keeps
/// OpenGL's bottom-up rows; osgDB's PNG writer turns them the right way up.
osg::ref_ptr<osg::Image> readBackBuffer(int width, int height);

/// "cunjing-20250314-093015.png" for a screenshot taken at `when` (local time).
std::string screenshotFileName(std::time_t when);

}  // namespace cunjing::viewer
