#include "PhotoSource.h"

#include <osg/Image>
#include <osgDB/ReadFile>

#include <algorithm>
#include <cctype>

namespace cunjing::viewer {

namespace {

constexpr std::string_view kFileScheme = "file://";

/// Channels per pixel of the 8-bit layouts osgDB's JPEG and PNG readers produce; 0 otherwise.
int channelsOf(const osg::Image& image) {
    if (image.getDataType() != GL_UNSIGNED_BYTE)
        return 0;
    switch (image.getPixelFormat()) {
        case GL_LUMINANCE:
            return 1;
        case GL_LUMINANCE_ALPHA:
            return 2;
        case GL_RGB:
            return 3;
        case GL_RGBA:
            return 4;
        default:
            return 0;
    }
}

/// The image as RGBA rows top to bottom (osgDB readers give bottom-left origins).
PhotoPixels toRgba(const osg::Image& image, int channels) {
    PhotoPixels out;
    out.width = image.s();
    out.height = image.t();
    out.rgba.resize(std::size_t(out.width) * std::size_t(out.height) * 4);
    const bool bottomUp = image.getOrigin() == osg::Image::BOTTOM_LEFT;
    for (int y = 0; y < out.height; ++y) {
        const unsigned char* row = image.data(0, unsigned(bottomUp ? out.height - 1 - y : y));
        std::uint8_t* dst = &out.rgba[std::size_t(y) * std::size_t(out.width) * 4];
        for (int x = 0; x < out.width; ++x, dst += 4) {
            const unsigned char* p = row + std::size_t(x) * std::size_t(channels);
            const bool grey = channels <= 2;
            dst[0] = p[0];
            dst[1] = grey ? p[0] : p[1];
            dst[2] = grey ? p[0] : p[2];
            dst[3] = channels == 2 ? p[1] : channels == 4 ? p[3] : 255;
        }
    }
    return out;
}

}  // namespace

bool isWebAddress(std::string_view text) {
    const auto colon = text.find("://");
    if (colon == std::string_view::npos || colon == 0 || text.starts_with(kFileScheme))
        return false;
    // A scheme is letters, digits, '+', '-', '.', starting with a letter (RFC 3986); a
    // Windows path "C:\..." has no "//" after the colon and never gets here.
    return std::isalpha(static_cast<unsigned char>(text[0])) &&
           std::all_of(text.begin(), text.begin() + std::ptrdiff_t(colon), [](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' ||
                      c == '.';
           });
}

std::filesystem::path photoBase(const std::string& registry,
                                const std::filesystem::path& sceneFile) {
    if (!registry.empty() && !registry.starts_with("PG:"))
        return std::filesystem::path(registry).parent_path();
    return sceneFile.parent_path();
}

std::vector<PhotoEntry> resolvePhotos(const std::vector<std::string>& photos,
                                      const std::filesystem::path& base) {
    std::vector<PhotoEntry> out;
    for (const std::string& raw : photos) {
        const auto first = raw.find_first_not_of(" \t\r\n");
        if (first == std::string::npos)
            continue;
        const std::string text = raw.substr(first, raw.find_last_not_of(" \t\r\n") - first + 1);
        if (isWebAddress(text)) {
            out.push_back({text, {}});
            continue;
        }
        std::filesystem::path file =
            text.starts_with(kFileScheme) ? text.substr(kFileScheme.size()) : text;
        if (file.is_relative())
            file = base / file;
        out.push_back({text, file.lexically_normal()});
    }
    return out;
}

PhotoPixels shrinkPhoto(const PhotoPixels& source, int width, int height) {
    PhotoPixels out;
    out.width = width;
    out.height = height;
    out.rgba.resize(std::size_t(width) * std::size_t(height) * 4);
    const double fx = double(source.width) / width, fy = double(source.height) / height;
    for (int y = 0; y < height; ++y) {
        const int y0 = int(y * fy),
                  y1 = std::max(y0 + 1, std::min(source.height, int((y + 1) * fy)));
        for (int x = 0; x < width; ++x) {
            const int x0 = int(x * fx),
                      x1 = std::max(x0 + 1, std::min(source.width, int((x + 1) * fx)));
            unsigned sum[4] = {0, 0, 0, 0};
            for (int sy = y0; sy < y1; ++sy) {
                const std::uint8_t* p =
                    &source
                         .rgba[(std::size_t(sy) * std::size_t(source.width) + std::size_t(x0)) * 4];
                for (int sx = x0; sx < x1; ++sx, p += 4) {
                    for (int c = 0; c < 4; ++c)
                        sum[c] += p[c];
                }
            }
            const unsigned n = unsigned((y1 - y0) * (x1 - x0));
            std::uint8_t* dst =
                &out.rgba[(std::size_t(y) * std::size_t(width) + std::size_t(x)) * 4];
            for (int c = 0; c < 4; ++c)
                dst[c] = std::uint8_t((sum[c] + n / 2) / n);
        }
    }
    return out;
}

Result<PhotoPixels> loadPhoto(const std::filesystem::path& file, int maxSide) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        return Error{file.string(), "", "no such file (check the register's photos column)"};
    const std::uintmax_t bytes = std::filesystem::file_size(file, ec);
    if (ec || bytes > kPhotoMaxFileBytes)
        return Error{file.string(), "",
                     "larger than " + std::to_string(kPhotoMaxFileBytes >> 20) +
                         " MB; save a smaller JPEG (about 2000 px is plenty for a card)"};
    const osg::ref_ptr<osg::Image> image = osgDB::readImageFile(file.string());
    if (!image || !image->data() || image->s() <= 0 || image->t() <= 0)
        return Error{file.string(), "",
                     "not an image osgDB can read (JPEG and PNG need the osgdb_jpeg and "
                     "osgdb_png plugins)"};
    const int channels = channelsOf(*image);
    if (channels == 0)
        return Error{file.string(), "", "unsupported pixel format; save it as an 8-bit JPEG"};
    PhotoPixels pixels = toRgba(*image, channels);
    const int longer = std::max(pixels.width, pixels.height);
    if (longer <= maxSide)
        return pixels;
    const double scale = double(maxSide) / longer;
    return shrinkPhoto(pixels, std::max(1, int(pixels.width * scale + 0.5)),
                       std::max(1, int(pixels.height * scale + 0.5)));
}

}  // namespace cunjing::viewer
