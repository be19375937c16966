#include "Screenshot.h"

#include <osg/GL>

namespace cunjing::viewer {

osg::ref_ptr<osg::Image> readBackBuffer(int width, int height) {
    glReadBuffer(GL_BACK);
    glFinish();
    osg::ref_ptr<osg::Image> image = new osg::Image;
    image->readPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE);
    return image;
}

std::string screenshotFileName(std::time_t when) {
    std::tm local{};
    localtime_r(&when, &local);
    char name[64];
    std::strftime(name, sizeof name, "cunjing-%Y%m%d-%H%M%S.png", &local);
    return name;
}

}  // namespace cunjing::viewer
