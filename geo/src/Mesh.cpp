#include <cunjing/geo/Mesh.h>

#include <algorithm>
#include <cmath>

namespace cunjing::geo {

void Mesh::append(const Mesh& other) {
    const auto base = static_cast<std::uint32_t>(positions.size());
    if (!other.surfaces.empty() || !surfaces.empty()) {
        surfaces.resize(positions.size(), Surface::Plain);
        if (other.surfaces.empty())
            surfaces.resize(positions.size() + other.positions.size(), Surface::Plain);
        else
            surfaces.insert(surfaces.end(), other.surfaces.begin(), other.surfaces.end());
    }
    positions.insert(positions.end(), other.positions.begin(), other.positions.end());
    normals.insert(normals.end(), other.normals.begin(), other.normals.end());
    colors.insert(colors.end(), other.colors.begin(), other.colors.end());
    partIds.insert(partIds.end(), other.partIds.begin(), other.partIds.end());
    // No reserve of the exact sum: appending many small meshes one by one would then copy
    // the whole array each time (quadratic); insert keeps the vector's geometric growth.
    const std::size_t first = indices.size();
    indices.insert(indices.end(), other.indices.begin(), other.indices.end());
    for (std::size_t i = first; i < indices.size(); ++i)
        indices[i] += base;
}

bool Mesh::isValid() const {
    const std::size_t n = positions.size();
    if (normals.size() != n || colors.size() != n)
        return false;
    if (!partIds.empty() && partIds.size() != n)
        return false;
    if (!surfaces.empty() && surfaces.size() != n)
        return false;
    if (indices.size() % 3 != 0)
        return false;
    for (std::uint32_t i : indices) {
        if (i >= n)
            return false;
    }
    return std::all_of(positions.begin(), positions.end(), [](const Vec3f& p) {
        return std::isfinite(p.x) && std::isfinite(p.y) && std::isfinite(p.z);
    });
}

void Bounds::expand(const Vec3f& p) {
    min = {std::min(min.x, p.x), std::min(min.y, p.y), std::min(min.z, p.z)};
    max = {std::max(max.x, p.x), std::max(max.y, p.y), std::max(max.z, p.z)};
}

Bounds boundsOf(const Mesh& mesh) {
    Bounds b;
    for (const Vec3f& p : mesh.positions)
        b.expand(p);
    return b;
}

Surface surfaceFromName(std::string_view name) {
    struct Entry {
        std::string_view name;
        Surface surface;
    };
    static constexpr Entry kNames[] = {
        {"brick", Surface::Brick},
        {"oyster-shell", Surface::OysterShell},
        {"rammed-earth", Surface::RammedEarth},
        {"lime-plaster", Surface::LimePlaster},
        {"plaster", Surface::LimePlaster},
        {"granite", Surface::Granite},
        {"stone", Surface::Granite},
        {"tile", Surface::Tile},
        {"timber", Surface::Timber},
        {"paving", Surface::Paving},
        {"pebble", Surface::Paving},
        {"water", Surface::Water},
        {"ceramic", Surface::Ceramic},
        {"turf", Surface::Turf},
        {"paddy", Surface::Paddy},
        {"vegetables", Surface::Vegetables},
    };
    for (const Entry& e : kNames) {
        if (e.name == name)
            return e.surface;
    }
    return Surface::Plain;
}

bool parseHexColor(std::string_view hex, Rgba& out) {
    if (hex.size() != 7 || hex[0] != '#')
        return false;
    float rgb[3];
    for (int c = 0; c < 3; ++c) {
        int value = 0;
        for (int k = 1; k <= 2; ++k) {
            const char ch = hex[static_cast<size_t>(c * 2 + k)];
            int digit;
            if (ch >= '0' && ch <= '9')
                digit = ch - '0';
            else if (ch >= 'a' && ch <= 'f')
                digit = ch - 'a' + 10;
            else if (ch >= 'A' && ch <= 'F')
                digit = ch - 'A' + 10;
            else
                return false;
            value = value * 16 + digit;
        }
        rgb[c] = static_cast<float>(value) / 255.0f;
    }
    out = {rgb[0], rgb[1], rgb[2], 1.0f};
    return true;
}

}  // namespace cunjing::geo
