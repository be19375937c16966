#pragma once
/// One card photo as an OpenGL texture for ImGui::Image. It holds at most one texture, made
/// on the first request for a file and freed when another file is asked for, when the card
/// closes and on destruction, so weeks of a kiosk opening cards hold one photo's memory.
/// Use only with the UI's GL context current (the viewer's one context, on its one thread).

#include "PhotoSource.h"

#include <filesystem>
#include <string>

namespace cunjing::viewer {

class PhotoTexture {
public:
    PhotoTexture() = default;
    ~PhotoTexture();
    PhotoTexture(const PhotoTexture&) = delete;
    PhotoTexture& operator=(const PhotoTexture&) = delete;

    /// Makes `file` the photo shown: read and uploaded once; nothing happens when it already
    /// is (loaded or failed). A file that cannot be read leaves no texture and an error().
    void show(const std::filesystem::path& file);
    /// Frees the texture and forgets the file.
    void release();

    const std::filesystem::path& file() const { return file_; }
    bool ready() const { return texture_ != 0; }
    unsigned texture() const { return texture_; }
    int width() const { return width_; }
    int height() const { return height_; }
    /// Why the file could not be shown (file and reason); empty when it was.
    const std::string& error() const { return error_; }

    /// Textures alive in the process: a leak check for tests and the soak benchmark.
    static int liveTextures();

private:
    std::filesystem::path file_;
    bool requested_ = false;
    unsigned texture_ = 0;
    int width_ = 0, height_ = 0;
    std::string error_;
};

}  // namespace cunjing::viewer
