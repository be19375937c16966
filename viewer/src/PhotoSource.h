#pragma once
/// Where an info card's photos are and how they are read, without OpenGL: the register lists
/// photos as paths or URLs; relative paths are relative to the register store's folder, so a
/// store and its photos folder move together (a "PG:" store has no folder: the scene file's
/// folder stands in). URLs are listed, never fetched: an exhibition kiosk runs offline.

#include <cunjing/geo/Result.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace cunjing::viewer {

/// The longest side a card photo is kept at: sharp on a 4K card, a few MB of texture.
inline constexpr int kPhotoMaxSide = 1024;
/// Files past this are not decoded: a photo this large is a mistake in the register (a scan,
/// a video), and decoding it would stall the kiosk and hold hundreds of MB.
inline constexpr std::uintmax_t kPhotoMaxFileBytes = 40u * 1024u * 1024u;

/// One entry of a record's photos column.
struct PhotoEntry {
    std::string text;            ///< as the register lists it
    std::filesystem::path file;  ///< the local file it names; empty for a URL
    bool isUrl() const { return file.empty(); }
};

/// "scheme://..." other than file://: a web address, not to be fetched.
bool isWebAddress(std::string_view text);

/// The folder relative photo paths resolve against: the register store's folder ("PG:..."
/// connections and an empty registry: the scene file's folder; no scene file: the current one).
std::filesystem::path photoBase(const std::string& registry,
                                const std::filesystem::path& sceneFile);

/// The photos column resolved: blank entries dropped, "file://" stripped, relative paths
/// joined to `base`, web addresses kept as text.
std::vector<PhotoEntry> resolvePhotos(const std::vector<std::string>& photos,
                                      const std::filesystem::path& base);

/// A decoded photo, 8-bit RGBA, rows top to bottom.
struct PhotoPixels {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba;
};

/// Reads a JPEG or PNG (any format an osgDB plugin reads) and shrinks it, keeping the aspect,
/// so its longer side is at most `maxSide`. Errors name the file and say why: missing, too
/// large, not an image osgDB can read, an unsupported pixel format.
Result<PhotoPixels> loadPhoto(const std::filesystem::path& file, int maxSide = kPhotoMaxSide);

/// `source` (rows top to bottom) averaged down to width x height, each output pixel the mean
/// of the source pixels it covers (no aliasing when a 4000 px photo becomes 1024).
PhotoPixels shrinkPhoto(const PhotoPixels& source, int width, int height);

}  // namespace cunjing::viewer
