#include "TextureDecoder.h"

#include <osg/Image>
#include <osgDB/ReaderWriter>
#include <osgDB/Registry>

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <fstream>
#include <sstream>
#include <system_error>

namespace cunjing::worker {

namespace {

using models::Texture;

/// Images larger than this on disk are not read at all.
constexpr std::uintmax_t kMaxImageFileBytes = 256ull << 20;

/// The image formats we hand to OSG, by extension. Going through a fixed plugin (never
/// osgDB::readImageFile on a name the model chose) keeps a texture named "http://..." or
/// "x.osgt" from loading a network or scene plugin.
constexpr std::array<std::string_view, 9> kImageExtensions = {"png", "jpg", "jpeg", "bmp", "tga",
                                                              "gif", "dds", "tif",  "tiff"};

// S3TC pixel formats (GL_EXT_texture_compression_s3tc), as OSG's DDS plugin reports them.
constexpr GLenum kDxt1Rgb = 0x83F0;
constexpr GLenum kDxt1Rgba = 0x83F1;
constexpr GLenum kDxt3 = 0x83F2;
constexpr GLenum kDxt5 = 0x83F3;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

Texture missing(const std::string& name, std::string why) {
    Texture t;
    t.name = name;
    t.missingReason = std::move(why);
    return t;
}

std::string sizeText(std::uint32_t w, std::uint32_t h) {
    return std::to_string(w) + "x" + std::to_string(h);
}

/// The format from the first bytes, for embedded images without a usable hint.
std::string extensionFromMagic(std::string_view bytes) {
    if (bytes.starts_with("\x89PNG"))
        return "png";
    if (bytes.starts_with("\xFF\xD8"))
        return "jpg";
    if (bytes.starts_with("DDS "))
        return "dds";
    if (bytes.starts_with("BM"))
        return "bmp";
    if (bytes.starts_with("GIF8"))
        return "gif";
    return "";
}

/// Compressed images keep their blocks and mip chain; DDS stores rows top first already.
Texture compressedTexture(const osg::Image& image, const std::string& name) {
    Texture t;
    t.name = name;
    switch (image.getPixelFormat()) {
        case kDxt1Rgb:
            t.format = Texture::Format::Bc1;
            break;
        case kDxt1Rgba:
            t.format = Texture::Format::Bc1Alpha;
            break;
        case kDxt3:
            t.format = Texture::Format::Bc2;
            break;
        case kDxt5:
            t.format = Texture::Format::Bc3;
            break;
        default:
            return missing(name, "its compressed pixel format is not supported");
    }
    t.width = static_cast<std::uint32_t>(image.s());
    t.height = static_cast<std::uint32_t>(image.t());
    const unsigned chain = static_cast<unsigned>(std::bit_width(std::max(t.width, t.height)));
    const unsigned levels = std::clamp(image.getNumMipmapLevels(), 1u, chain);
    const std::size_t total = image.getTotalSizeInBytesIncludingMipmaps();
    for (unsigned i = 0; i < levels; ++i) {
        const std::size_t bytes = Texture::levelBytes(t.format, t.width, t.height, i);
        const std::size_t offset = image.getMipmapOffset(i);
        if (offset + bytes > total)
            break;  // a short mip chain: keep the levels that are whole
        const std::uint8_t* data = image.data() + offset;
        t.levels.emplace_back(data, data + bytes);
    }
    if (t.levels.empty())
        return missing(name, "its compressed data is shorter than its size");
    return t;
}

/// Any uncompressed OSG image as RGBA8, top row first.
Texture rgbaTexture(const osg::Image& image, const std::string& name) {
    Texture t;
    t.name = name;
    t.width = static_cast<std::uint32_t>(image.s());
    t.height = static_cast<std::uint32_t>(image.t());
    std::vector<std::uint8_t> pixels(Texture::levelBytes(t.format, t.width, t.height, 0));
    const bool bottomUp = image.getOrigin() == osg::Image::BOTTOM_LEFT;
    const GLenum format = image.getPixelFormat();
    const bool bytes = image.getDataType() == GL_UNSIGNED_BYTE;
    auto toByte = [](float v) {
        return static_cast<std::uint8_t>(std::clamp(v, 0.0f, 1.0f) * 255 + 0.5f);
    };
    std::uint8_t* out = pixels.data();
    for (std::uint32_t row = 0; row < t.height; ++row) {
        const unsigned source = bottomUp ? t.height - 1 - row : row;
        const unsigned char* in = image.data(0, source);
        for (std::uint32_t col = 0; col < t.width; ++col, out += 4) {
            if (bytes && format == GL_RGBA) {
                std::copy(in + 4 * col, in + 4 * col + 4, out);
            } else if (bytes && format == GL_RGB) {
                std::copy(in + 3 * col, in + 3 * col + 3, out);
                out[3] = 255;
            } else {
                // Luminance, BGR, 16-bit and the rest: OSG's own conversion, slower but general.
                const osg::Vec4 c = image.getColor(col, source);
                for (int k = 0; k < 4; ++k)
                    out[k] = toByte(c[k]);
            }
        }
    }
    t.levels.push_back(std::move(pixels));
    return t;
}

Texture fromImage(const osg::Image* image, const std::string& name, std::uint32_t maxSize) {
    if (!image || !image->data() || image->s() <= 0 || image->t() <= 0)
        return missing(name, "the image could not be decoded");
    const auto w = static_cast<std::uint32_t>(image->s());
    const auto h = static_cast<std::uint32_t>(image->t());
    if (w > maxSize || h > maxSize) {
        Texture t = missing(name, "it is " + sizeText(w, h) + ", larger than the " +
                                      std::to_string(maxSize) + " pixel limit");
        t.width = w;
        t.height = h;
        return t;
    }
    return image->isCompressed() ? compressedTexture(*image, name) : rgbaTexture(*image, name);
}

/// PNG states its size in the header: refuse a decompression bomb before inflating it.
bool pngTooLarge(std::string_view bytes, std::uint32_t maxSize) {
    if (bytes.size() < 24 || !bytes.starts_with("\x89PNG"))
        return false;
    auto be32 = [&](std::size_t at) {
        std::uint32_t v = 0;
        for (std::size_t i = 0; i < 4; ++i)
            v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
        return v;
    };
    return be32(16) > maxSize || be32(20) > maxSize;
}

}  // namespace

Texture decodeImageBytes(std::string_view bytes, std::string extension, const std::string& name,
                         std::uint32_t maxSize) {
    extension = lower(extension);
    if (extension == "jpeg")
        extension = "jpg";
    if (std::find(kImageExtensions.begin(), kImageExtensions.end(), extension) ==
        kImageExtensions.end())
        extension = extensionFromMagic(bytes);
    if (extension.empty())
        return missing(name,
                       "its image format is not one we read (PNG, JPEG, BMP, TGA, GIF, "
                       "TIFF, DDS)");
    if (pngTooLarge(bytes, maxSize))
        return missing(name, "it is larger than the " + std::to_string(maxSize) + " pixel limit");
    osgDB::ReaderWriter* reader =
        osgDB::Registry::instance()->getReaderWriterForExtension(extension);
    if (!reader)
        return missing(name, "no image reader for ." + extension + " is installed");
    std::istringstream stream(std::string(bytes), std::ios::binary);
    osgDB::ReaderWriter::ReadResult result = reader->readImage(stream);
    return fromImage(result.getImage(), name, maxSize);
}

Texture decodeTexels(const std::uint8_t* bgra, std::uint32_t width, std::uint32_t height,
                     const std::string& name, std::uint32_t maxSize) {
    if (width == 0 || height == 0 || width > maxSize || height > maxSize)
        return missing(name, "its size " + sizeText(width, height) + " is outside 1.." +
                                 std::to_string(maxSize));
    Texture t;
    t.name = name;
    t.width = width;
    t.height = height;
    std::vector<std::uint8_t> pixels(Texture::levelBytes(t.format, width, height, 0));
    for (std::size_t i = 0; i < pixels.size(); i += 4) {
        pixels[i] = bgra[i + 2];
        pixels[i + 1] = bgra[i + 1];
        pixels[i + 2] = bgra[i];
        pixels[i + 3] = bgra[i + 3];
    }
    t.levels.push_back(std::move(pixels));
    return t;
}

Texture decodeImageFile(const std::filesystem::path& modelFile, const std::string& reference,
                        std::uint32_t maxSize) {
    std::string cleaned = reference;
    std::replace(cleaned.begin(), cleaned.end(), '\\', '/');
    std::filesystem::path relative(cleaned);
    // An absolute path in a model points into the machine it was made on (or, from a hostile
    // file, at our own files): only its file name is looked for, beside the model.
    if (relative.is_absolute() || cleaned.find(':') != std::string::npos)
        relative = relative.filename();
    const std::filesystem::path dir = modelFile.parent_path();
    std::error_code ec;
    std::filesystem::path file = dir / relative;
    if (!std::filesystem::is_regular_file(file, ec))
        file = dir / relative.filename();
    if (!std::filesystem::is_regular_file(file, ec))
        return missing(reference, "the file is not there");
    const std::uintmax_t size = std::filesystem::file_size(file, ec);
    if (ec || size > kMaxImageFileBytes)
        return missing(reference, "the file cannot be read or is over 256 MB");
    std::ifstream in(file, std::ios::binary);
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    if (!in)
        return missing(reference, "the file cannot be read");
    std::string extension = lower(file.extension().string());
    if (!extension.empty())
        extension.erase(0, 1);
    return decodeImageBytes(bytes, extension, reference, maxSize);
}

}  // namespace cunjing::worker
