#include <cunjing/models/Model.h>

#include <algorithm>

namespace cunjing::models {

std::size_t Texture::levelBytes(Format format, std::uint32_t width, std::uint32_t height,
                                unsigned level) {
    const std::uint64_t w = std::max<std::uint64_t>(1, width >> level);
    const std::uint64_t h = std::max<std::uint64_t>(1, height >> level);
    if (format == Format::Rgba8)
        return static_cast<std::size_t>(w * h * 4);
    // S3TC: 4x4 blocks, 8 bytes for BC1, 16 for BC2/BC3.
    const std::uint64_t blocks = ((w + 3) / 4) * ((h + 3) / 4);
    const bool bc1 = format == Format::Bc1 || format == Format::Bc1Alpha;
    return static_cast<std::size_t>(blocks * (bc1 ? 8 : 16));
}

std::size_t ImportedModel::vertexCount() const {
    std::size_t n = 0;
    for (const MeshPart& m : meshes)
        n += m.positions.size();
    return n;
}

std::size_t ImportedModel::triangleCount() const {
    std::size_t n = 0;
    for (const MeshPart& m : meshes)
        n += m.indices.size() / 3;
    return n;
}

}  // namespace cunjing::models
