#pragma once
// Imagery in the pyramid: one RGBA image per file tile, covering the tile's whole square (so a
// parent's image is its four children's, halved). The deepest file level is warped from the
// source raster through GDAL, one block at a time; the levels above are averaged from below.

#include <cunjing/geo/Result.h>
#include <cunjing/terrain/TileScheme.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace cunjing::terrain::pyramid {

struct ImageTile {
    TileKey key;  ///< the file key
    int size = 0;
    std::vector<std::uint8_t> rgba;  ///< size x size, row 0 north (image order)
};

/// One per thread.
class ImageryReader {
public:
    static Result<std::unique_ptr<ImageryReader>> open(const std::string& path,
                                                       const std::string& workingWkt);
    ~ImageryReader();
    ImageryReader(const ImageryReader&) = delete;
    ImageryReader& operator=(const ImageryReader&) = delete;

    /// Images of every LOD tile of `level` under block tile `block`, each covering the tile's
    /// square at size x size pixels.
    Result<std::vector<ImageTile>> readBlock(const TileScheme& lod, const TileKey& block, int level,
                                             int size);

    struct Impl;

private:
    explicit ImageryReader(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

/// The image of `parent`: the one given when it is already the parent's, else its
/// descendants' images (keys d levels down) shrunk by 2^d into their places.
ImageTile mergeImages(const TileKey& parent, const std::vector<ImageTile>& images, int size);

Status writePng(const ImageTile& image, const std::filesystem::path& path);
Result<ImageTile> readPng(const std::filesystem::path& path, const TileKey& key, int size);

}  // namespace cunjing::terrain::pyramid
