#include "PhotoTexture.h"

#include <osg/GL>

#include <iostream>

namespace cunjing::viewer {

namespace {

int gLiveTextures = 0;

}  // namespace

PhotoTexture::~PhotoTexture() {
    release();
}

int PhotoTexture::liveTextures() {
    return gLiveTextures;
}

void PhotoTexture::release() {
    if (texture_ != 0) {
        const GLuint id = texture_;
        glDeleteTextures(1, &id);
        --gLiveTextures;
    }
    texture_ = 0;
    width_ = height_ = 0;
    file_.clear();
    requested_ = false;
    error_.clear();
}

void PhotoTexture::show(const std::filesystem::path& file) {
    if (requested_ && file == file_)
        return;
    release();
    file_ = file;
    requested_ = true;
    auto pixels = loadPhoto(file);
    if (!pixels) {
        error_ = pixels.firstError();
        // stderr, not stdout: a register's bad path is the data's problem, the viewer runs on.
        std::cerr << "warning: photo: " << error_ << "\n";
        return;
    }
    GLuint id = 0;
    glGenTextures(1, &id);
    if (id == 0) {
        error_ = file.string() + ": no OpenGL texture could be made";
        return;
    }
    ++gLiveTextures;
    texture_ = id;
    width_ = pixels->width;
    height_ = pixels->height;
    GLint previous = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
    glBindTexture(GL_TEXTURE_2D, id);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width_, height_, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                 pixels->rgba.data());
    // OSG tracks the bindings it made; leave the one it expects.
    glBindTexture(GL_TEXTURE_2D, GLuint(previous));
}

}  // namespace cunjing::viewer
