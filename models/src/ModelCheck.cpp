#include <cunjing/models/ModelCheck.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <unordered_map>
#include <unordered_set>

namespace cunjing::models {

namespace {

/// Positions compared bit for bit: "the same point" in a check of the file's own topology.
/// (Two vertices split for a UV seam share a position and so one welded id.)
struct PositionHash {
    std::size_t operator()(const Vec3& p) const {
        std::uint32_t bits[3];
        std::memcpy(bits, p.data(), sizeof bits);
        std::size_t h = 1469598103934665603ull;
        for (std::uint32_t b : bits)
            h = (h ^ b) * 1099511628211ull;
        return h;
    }
};

struct TriangleHash {
    std::size_t operator()(const std::array<Vec3, 3>& t) const {
        PositionHash h;
        return h(t[0]) * 31 + h(t[1]) * 17 + h(t[2]);
    }
};

Vec3 sub(const Vec3& a, const Vec3& b) {
    return {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
}

double lengthSquared(const Vec3& v) {
    return double(v[0]) * v[0] + double(v[1]) * v[1] + double(v[2]) * v[2];
}

bool degenerate(const Vec3& a, const Vec3& b, const Vec3& c) {
    const Vec3 u = sub(b, a), v = sub(c, a);
    const Vec3 n = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2],
                    u[0] * v[1] - u[1] * v[0]};
    const double longest = std::max({lengthSquared(u), lengthSquared(v), lengthSquared(sub(c, b))});
    // Zero area relative to the triangle's own size, so millimetre and metre files agree.
    return longest == 0 || std::sqrt(lengthSquared(n)) <= 1e-7 * longest;
}

/// The file's frame -> metres, Z up (right-handed rotations only).
Vec3 toZUp(const Vec3& p, char upAxis, double scale) {
    Vec3 q = p;
    if (upAxis == 'y')
        q = {p[0], -p[2], p[1]};
    else if (upAxis == 'x')
        q = {p[1], p[2], p[0]};
    return {static_cast<float>(q[0] * scale), static_cast<float>(q[1] * scale),
            static_cast<float>(q[2] * scale)};
}

std::string withThousands(double value) {
    std::string digits = std::to_string(static_cast<long long>(std::llround(value)));
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(static_cast<std::size_t>(i), ",");
    return digits;
}

/// Metres per unit and why: stated by the file, else guessed from the largest extent of a
/// model that is most likely a building or a village (0.5 to 500 m across).
std::pair<double, std::string> units(const ImportedModel& model, double extent) {
    if (model.unitScale) {
        const double s = *model.unitScale;
        if (s == 1)
            return {s, "metres (stated by the file)"};
        if (std::abs(s - 0.01) < 1e-9)
            return {s, "centimetres (stated by the file)"};
        if (std::abs(s - 0.001) < 1e-9)
            return {s, "millimetres (stated by the file)"};
        char text[64];
        std::snprintf(text, sizeof text, "%g m per unit (stated by the file)", s);
        return {s, text};
    }
    const std::string from = " (guessed from a " + withThousands(extent) + "-unit extent)";
    if (extent > 5000)
        return {0.001, "millimetres" + from};
    if (extent > 500)
        return {0.01, "centimetres" + from};
    return {1.0, "metres" + from};
}

void checkTopology(const ImportedModel& model, ModelStats& stats) {
    std::unordered_map<Vec3, std::uint32_t, PositionHash> weld;
    std::unordered_map<std::uint64_t, std::uint32_t> edges;
    std::unordered_set<std::array<Vec3, 3>, TriangleHash> seen;
    for (const MeshPart& part : model.meshes) {
        std::vector<std::uint32_t> ids(part.positions.size());
        for (std::size_t i = 0; i < ids.size(); ++i)
            ids[i] = weld.try_emplace(part.positions[i], static_cast<std::uint32_t>(weld.size()))
                         .first->second;
        for (std::size_t t = 0; t + 2 < part.indices.size(); t += 3) {
            const std::uint32_t i[3] = {part.indices[t], part.indices[t + 1], part.indices[t + 2]};
            const std::uint32_t w[3] = {ids[i[0]], ids[i[1]], ids[i[2]]};
            if (w[0] == w[1] || w[1] == w[2] || w[0] == w[2] ||
                degenerate(part.positions[i[0]], part.positions[i[1]], part.positions[i[2]])) {
                ++stats.degenerateTriangles;
                continue;
            }
            std::array<Vec3, 3> key = {part.positions[i[0]], part.positions[i[1]],
                                       part.positions[i[2]]};
            std::sort(key.begin(), key.end());
            if (!seen.insert(key).second)
                ++stats.duplicateTriangles;
            for (int e = 0; e < 3; ++e) {
                const std::uint64_t a = std::min(w[e], w[(e + 1) % 3]);
                const std::uint64_t b = std::max(w[e], w[(e + 1) % 3]);
                ++edges[(a << 32) | b];
            }
        }
    }
    for (const auto& [edge, faces] : edges) {
        stats.boundaryEdges += faces == 1;
        stats.nonManifoldEdges += faces > 2;
    }
}

std::string formatName(Texture::Format f) {
    switch (f) {
        case Texture::Format::Rgba8:
            return "RGBA8";
        case Texture::Format::Bc1:
            return "BC1";
        case Texture::Format::Bc1Alpha:
            return "BC1A";
        case Texture::Format::Bc2:
            return "BC2";
        case Texture::Format::Bc3:
            return "BC3";
    }
    return "?";
}

}  // namespace

ModelStats checkModel(const ImportedModel& model) {
    ModelStats stats;
    stats.format = model.format;
    stats.vertices = model.vertexCount();
    stats.triangles = model.triangleCount();
    stats.meshes = model.meshes.size();
    stats.materials = model.materials.size();
    stats.warnings = model.warnings;
    stats.upAxis = model.upAxis;
    stats.georeference = model.georeference;
    for (const Texture& t : model.textures)
        stats.textures.push_back(
            {t.name, t.width, t.height, formatName(t.format), t.missingReason});

    Vec3 lo{}, hi{};
    bool any = false;
    for (const MeshPart& part : model.meshes)
        for (const Vec3& p : part.positions) {
            for (int k = 0; k < 3; ++k) {
                lo[k] = any ? std::min(lo[k], p[k]) : p[k];
                hi[k] = any ? std::max(hi[k], p[k]) : p[k];
            }
            any = true;
        }
    const double extent = std::max({hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]});
    std::tie(stats.unitScale, stats.unitsGuess) = units(model, extent);
    if (any) {
        const Vec3 a = toZUp(lo, model.upAxis, stats.unitScale);
        const Vec3 b = toZUp(hi, model.upAxis, stats.unitScale);
        for (int k = 0; k < 3; ++k) {
            stats.boundsMin[k] = std::min(a[k], b[k]);
            stats.boundsMax[k] = std::max(a[k], b[k]);
        }
    }
    checkTopology(model, stats);
    return stats;
}

}  // namespace cunjing::models
