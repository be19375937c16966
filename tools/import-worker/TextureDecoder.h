#pragma once
// Images a model refers to, decoded in the worker through OSG's image plugins (so the viewer
// never runs an image decoder on untrusted bytes). Never fails: an image that cannot be had
// comes back as a Texture with missingReason set.

#include <cunjing/models/Model.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace cunjing::worker {

/// An encoded image (PNG, JPEG, DDS ...) held in memory, e.g. embedded in a GLB.
/// `extension` is the format hint ("png", "jpg"); when empty the bytes' magic decides.
models::Texture decodeImageBytes(std::string_view bytes, std::string extension,
                                 const std::string& name, std::uint32_t maxSize);

/// Uncompressed BGRA texels as Assimp stores them (aiTexel rows, top row first).
models::Texture decodeTexels(const std::uint8_t* bgra, std::uint32_t width, std::uint32_t height,
                             const std::string& name, std::uint32_t maxSize);

/// An image file `reference`d by the model at `modelFile`, resolved beside the model.
models::Texture decodeImageFile(const std::filesystem::path& modelFile,
                                const std::string& reference, std::uint32_t maxSize);

}  // namespace cunjing::worker
