#pragma once
// The pyramid's files: tile files (.cjt) and index.json.
//
// A file holds the LOD tiles `depth` levels below its key (the key's own tile is made from
// its children): the vertex grid of the deepest of those levels over the key's area, and the
// facts of every tile of every level it holds (4 + 16 + ... records).
//
// A tile file, all numbers little-endian:
//   offset size
//        0    8  magic "CUNJTILE"
//        8    4  u32 format version (1)
//       12    4  u32 header bytes (64 + 28 x records)
//       16    4  u32 level          (of the key, in the LOD quadtree)
//       20    8  i64 x            (east, from the west edge of the root)
//       28    8  i64 y            (north, from the south edge)
//       36    4  u32 columns      (vertices; fewer than the tile size where the data ends)
//       40    4  u32 rows
//       44    4  u32 height encoding: 0 float32 metres, 1 uint16 q with h = base + q * step
//                (65535: no data); uint16 only when step <= 1 cm. The step is a power of two
//                and base a multiple of it, so whole metres and sea level stay exact
//       48    8  f64 base
//       56    4  f32 step
//       60    4  u32 depth (LOD levels held, 1..4)
//       64       per held tile, level by level, rows south to north, west to east: 7 f32
//                geometric error (NaN: no such tile), min height, max height, edge errors
//                (west, east, south, north); errors in metres, quantisation included
//        h       heights, row 0 south, then normals as 2 x u8 hemi-octahedral per vertex
//      end-8  8  u64 checksum of every byte before it

#include <cunjing/geo/Result.h>
#include <cunjing/terrain/Pyramid.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace cunjing::terrain {

/// Facts about one LOD tile a file holds.
struct SubTileFacts {
    bool present = false;  ///< false where the tile would lie outside the data
    float geometricError = 0;
    float minHeight = 0, maxHeight = 0;
    std::array<float, 4> edgeError{};
};

/// A decoded tile file.
struct PyramidFile {
    TileKey key;    ///< a tile of the LOD quadtree at a file level
    int depth = 1;  ///< LOD levels below the key it holds
    int cols = 0, rows = 0;
    std::vector<float> heights;       ///< the deepest held level's vertices; NaN: no data
    std::vector<float> slopes;        ///< dh/dx, dh/dy per vertex
    std::vector<SubTileFacts> facts;  ///< subTileIndex() order

    /// Where the facts of a descendant `d` levels down (dx, dy from the key's south-west
    /// descendant) are kept.
    static std::size_t subTileIndex(int d, std::int64_t dx, std::int64_t dy) {
        std::size_t offset = 0;
        for (int k = 1; k < d; ++k)
            offset += std::size_t(1) << (2 * k);
        return offset + std::size_t((dy << d) + dx);
    }
    static std::size_t subTileCount(int depth) { return subTileIndex(depth + 1, 0, 0); }
};

namespace pyramid {

constexpr std::size_t kFixedHeaderBytes = 64;

/// 64-bit checksum (word-wise multiply-rotate); catches truncation and flipped bytes.
std::uint64_t checksum(const std::uint8_t* data, std::size_t size);

/// Encodes a file; quantises heights and normals, so decode(encode(f)) is what a reader sees.
/// `decoded`, when given, receives what a reader sees (heights exactly; slopes as given,
/// which encode to the same bytes), without parsing the bytes again.
std::vector<std::uint8_t> encode(const PyramidFile& file, PyramidFile* decoded = nullptr);
/// Decodes and checks a file: magic, version, key, size, checksum. `path` names it in errors.
/// The key says which file was asked for; a file of another tile is an error.
Result<PyramidFile> decode(const std::vector<std::uint8_t>& bytes, const TileKey& expected,
                           const std::string& path);
/// The quantisation encode() applies to heights: half its step bounds the rounding.
float heightStep(const PyramidFile& file);

/// Writes through a temporary file in the same folder renamed into place.
Status writeAtomically(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes);
/// The same for text, leaving the file alone when it already holds exactly that text.
/// Returns whether it wrote.
Result<bool> writeIfChanged(const std::filesystem::path& path, const std::string& text);
Result<std::vector<std::uint8_t>> readFile(const std::filesystem::path& path,
                                           std::uintmax_t maxBytes);

std::filesystem::path tilePath(const std::filesystem::path& dir, const TileKey& fileKey);
std::filesystem::path imagePath(const std::filesystem::path& dir, const TileKey& fileKey);

/// index.json text: fixed key order and number format, so equal indexes are equal bytes.
std::string indexJson(const PyramidIndex& index);
Result<PyramidIndex> parseIndex(const std::string& text, const std::string& path);

}  // namespace pyramid
}  // namespace cunjing::terrain
