#include <cunjing/models/Wire.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <string_view>

// Field order, all little-endian; str = u32 length + UTF-8 bytes; arrays = u32 count + items.
//   "CJMW" u32 version  str format  u8 upAxis  u8 hasUnitScale f64 unitScale
//   u8 hasGeoreference f64 latitude f64 longitude f64 elevation f64 trueNorthDeg
//   u32 warnings { str }
//   u32 textures { str name  u8 format  u32 width  u32 height  str missingReason
//                  u32 levels { u64 bytes, bytes } }
//   u32 materials { str name  f32[4] baseColor  f32 metallic  f32 roughness  f32[3] emissive
//                   i32 baseColorTexture  i32 uvSet  u8 alpha  f32 alphaCutoff  u8 doubleSided }
//   u32 meshes { str name  i32 material  u32 vertices  f32[3] positions
//                u8 hasNormals f32[3] normals  u8 hasUvs f32[2] uvs  u32 indices u32[] }
// and nothing after the last mesh.

namespace cunjing::models {

namespace {

constexpr char kMagic[4] = {'C', 'J', 'M', 'W'};
constexpr std::uint32_t kMaxString = 1u << 16;
constexpr std::uint32_t kMaxMipLevels = 32;

class Writer {
public:
    std::vector<std::uint8_t> bytes;

    template <typename T>
    void scalar(T value) {
        std::uint8_t raw[sizeof(T)];
        std::memcpy(raw, &value, sizeof(T));
        if constexpr (std::endian::native == std::endian::big)
            std::reverse(raw, raw + sizeof(T));
        bytes.insert(bytes.end(), raw, raw + sizeof(T));
    }
    void str(const std::string& s) {
        // Longer strings are cut rather than refused: they are names and messages.
        const auto n = static_cast<std::uint32_t>(std::min<std::size_t>(s.size(), kMaxString));
        scalar(n);
        bytes.insert(bytes.end(), s.begin(), s.begin() + n);
    }
    template <std::size_t N>
    void floats(const std::vector<std::array<float, N>>& v) {
        for (const auto& a : v)
            for (float f : a)
                scalar(f);
    }
};

/// Reads from a span, failing (once, with the first reason) instead of reading past its end.
class Reader {
public:
    explicit Reader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}

    std::size_t remaining() const { return bytes_.size() - pos_; }
    const std::string& error() const { return error_; }
    bool fail(std::string why) {
        if (error_.empty())
            error_ = std::move(why);
        return false;
    }

    template <typename T>
    bool scalar(T& out, const char* what) {
        if (remaining() < sizeof(T))
            return fail(std::string("truncated at ") + what);
        std::uint8_t raw[sizeof(T)];
        std::memcpy(raw, bytes_.data() + pos_, sizeof(T));
        if constexpr (std::endian::native == std::endian::big)
            std::reverse(raw, raw + sizeof(T));
        std::memcpy(&out, raw, sizeof(T));
        pos_ += sizeof(T);
        return true;
    }
    bool finite(float& out, const char* what) {
        return scalar(out, what) &&
               (std::isfinite(out) || fail(std::string(what) + " is not finite"));
    }
    bool finite(double& out, const char* what) {
        return scalar(out, what) &&
               (std::isfinite(out) || fail(std::string(what) + " is not finite"));
    }
    bool str(std::string& out, const char* what) {
        std::uint32_t n = 0;
        if (!scalar(n, what))
            return false;
        if (n > kMaxString || n > remaining())
            return fail(std::string(what) + " is longer than the data left");
        out.assign(reinterpret_cast<const char*>(bytes_.data() + pos_), n);
        pos_ += n;
        return true;
    }
    /// A count of items of `itemBytes` each, checked against the bytes left before anyone
    /// allocates for it.
    bool count(std::uint32_t& n, std::size_t itemBytes, const char* what) {
        if (!scalar(n, what))
            return false;
        if (static_cast<std::uint64_t>(n) * itemBytes > remaining())
            return fail(std::string(what) + " " + std::to_string(n) +
                        " is more than the data holds");
        return true;
    }
    template <std::size_t N>
    bool floats(std::vector<std::array<float, N>>& out, std::uint32_t n, const char* what) {
        if (static_cast<std::uint64_t>(n) * N * 4 > remaining())
            return fail(std::string(what) + " are truncated");
        out.resize(n);
        for (auto& a : out)
            for (float& f : a)
                if (!finite(f, what))
                    return false;
        return true;
    }
    bool raw(std::vector<std::uint8_t>& out, std::uint64_t n, const char* what) {
        if (n > remaining())
            return fail(std::string(what) + " are truncated");
        out.assign(bytes_.begin() + static_cast<std::ptrdiff_t>(pos_),
                   bytes_.begin() + static_cast<std::ptrdiff_t>(pos_ + n));
        pos_ += static_cast<std::size_t>(n);
        return true;
    }

private:
    std::span<const std::uint8_t> bytes_;
    std::size_t pos_ = 0;
    std::string error_;
};

void writeTexture(Writer& w, const Texture& t) {
    w.str(t.name);
    w.scalar(static_cast<std::uint8_t>(t.format));
    w.scalar(t.width);
    w.scalar(t.height);
    w.str(t.missingReason);
    w.scalar(static_cast<std::uint32_t>(t.levels.size()));
    for (const auto& level : t.levels) {
        w.scalar(static_cast<std::uint64_t>(level.size()));
        w.bytes.insert(w.bytes.end(), level.begin(), level.end());
    }
}

void writeMaterial(Writer& w, const Material& m) {
    w.str(m.name);
    for (float f : m.baseColor)
        w.scalar(f);
    w.scalar(m.metallic);
    w.scalar(m.roughness);
    for (float f : m.emissive)
        w.scalar(f);
    w.scalar(static_cast<std::int32_t>(m.baseColorTexture));
    w.scalar(static_cast<std::int32_t>(m.uvSet));
    w.scalar(static_cast<std::uint8_t>(m.alpha));
    w.scalar(m.alphaCutoff);
    w.scalar(static_cast<std::uint8_t>(m.doubleSided));
}

void writeMesh(Writer& w, const MeshPart& m) {
    w.str(m.name);
    w.scalar(static_cast<std::int32_t>(m.material));
    w.scalar(static_cast<std::uint32_t>(m.positions.size()));
    w.floats(m.positions);
    w.scalar(static_cast<std::uint8_t>(!m.normals.empty()));
    w.floats(m.normals);
    w.scalar(static_cast<std::uint8_t>(!m.uvs.empty()));
    w.floats(m.uvs);
    w.scalar(static_cast<std::uint32_t>(m.indices.size()));
    for (std::uint32_t i : m.indices)
        w.scalar(i);
}

bool readTexture(Reader& r, Texture& t, const ImportLimits& limits) {
    std::uint8_t format = 0;
    if (!r.str(t.name, "texture name") || !r.scalar(format, "texture format") ||
        !r.scalar(t.width, "texture width") || !r.scalar(t.height, "texture height") ||
        !r.str(t.missingReason, "texture reason"))
        return false;
    if (format > static_cast<std::uint8_t>(Texture::Format::Bc3))
        return r.fail("texture format " + std::to_string(format) + " is unknown");
    t.format = static_cast<Texture::Format>(format);
    std::uint32_t levels = 0;
    if (!r.count(levels, 8, "texture level count"))
        return false;
    if (levels == 0)
        return !t.missingReason.empty() ||
               r.fail("texture '" + t.name + "' has no pixels and no reason");
    if (t.width == 0 || t.height == 0 || t.width > limits.maxTextureSize ||
        t.height > limits.maxTextureSize)
        return r.fail("texture size " + std::to_string(t.width) + "x" + std::to_string(t.height) +
                      " is outside 1.." + std::to_string(limits.maxTextureSize));
    const unsigned maxLevels =
        t.format == Texture::Format::Rgba8
            ? 1u
            : static_cast<unsigned>(std::bit_width(std::max(t.width, t.height)));
    if (levels > maxLevels || levels > kMaxMipLevels)
        return r.fail("texture '" + t.name + "' has " + std::to_string(levels) + " levels");
    t.levels.resize(levels);
    for (unsigned i = 0; i < levels; ++i) {
        std::uint64_t n = 0;
        if (!r.scalar(n, "texture level size"))
            return false;
        if (n != Texture::levelBytes(t.format, t.width, t.height, i))
            return r.fail("texture '" + t.name + "' level " + std::to_string(i) +
                          " has the wrong size");
        if (!r.raw(t.levels[i], n, "texture pixels"))
            return false;
    }
    return true;
}

bool readMaterial(Reader& r, Material& m, std::size_t textures) {
    std::int32_t texture = 0, uvSet = 0;
    std::uint8_t alpha = 0, doubleSided = 0;
    if (!r.str(m.name, "material name"))
        return false;
    for (float& f : m.baseColor)
        if (!r.finite(f, "base colour"))
            return false;
    if (!r.finite(m.metallic, "metallic") || !r.finite(m.roughness, "roughness"))
        return false;
    for (float& f : m.emissive)
        if (!r.finite(f, "emissive colour"))
            return false;
    if (!r.scalar(texture, "material texture") || !r.scalar(uvSet, "uv set") ||
        !r.scalar(alpha, "alpha mode") || !r.finite(m.alphaCutoff, "alpha cutoff") ||
        !r.scalar(doubleSided, "double sided"))
        return false;
    if (texture < -1 || texture >= static_cast<std::int64_t>(textures))
        return r.fail("material '" + m.name + "' texture " + std::to_string(texture) +
                      " is out of range");
    if (uvSet != 0)
        return r.fail("material '" + m.name + "' uses uv set " + std::to_string(uvSet));
    if (alpha > static_cast<std::uint8_t>(Material::Alpha::Blend) || doubleSided > 1)
        return r.fail("material '" + m.name + "' has an unknown alpha mode or flag");
    m.baseColorTexture = texture;
    m.uvSet = uvSet;
    m.alpha = static_cast<Material::Alpha>(alpha);
    m.doubleSided = doubleSided != 0;
    return true;
}

struct Totals {
    std::uint64_t vertices = 0;
    std::uint64_t triangles = 0;
};

bool readMesh(Reader& r, MeshPart& m, std::size_t materials, const ImportLimits& limits,
              Totals& totals) {
    std::int32_t material = 0;
    std::uint32_t vertices = 0, indices = 0;
    std::uint8_t hasNormals = 0, hasUvs = 0;
    if (!r.str(m.name, "mesh name") || !r.scalar(material, "mesh material") ||
        !r.count(vertices, 12, "vertex count"))
        return false;
    if (material < -1 || material >= static_cast<std::int64_t>(materials))
        return r.fail("mesh '" + m.name + "' material " + std::to_string(material) +
                      " is out of range");
    m.material = material;
    totals.vertices += vertices;
    if (totals.vertices > limits.maxVertices)
        return r.fail("the model has more than " + std::to_string(limits.maxVertices) +
                      " vertices");
    if (!r.floats(m.positions, vertices, "positions") || !r.scalar(hasNormals, "normal flag") ||
        (hasNormals && !r.floats(m.normals, vertices, "normals")) || !r.scalar(hasUvs, "uv flag") ||
        (hasUvs && !r.floats(m.uvs, vertices, "uvs")) || !r.count(indices, 4, "index count"))
        return false;
    if (hasNormals > 1 || hasUvs > 1)
        return r.fail("mesh '" + m.name + "' has an unknown flag");
    if (indices % 3 != 0)
        return r.fail("mesh '" + m.name + "' index count is not a multiple of 3");
    totals.triangles += indices / 3;
    if (totals.triangles > limits.maxTriangles)
        return r.fail("the model has more than " + std::to_string(limits.maxTriangles) +
                      " triangles");
    m.indices.resize(indices);
    for (std::uint32_t& i : m.indices) {
        if (!r.scalar(i, "indices"))
            return false;
        if (i >= vertices)
            return r.fail("mesh '" + m.name + "' index " + std::to_string(i) + " is out of range");
    }
    return true;
}

bool readHeader(Reader& r, ImportedModel& model) {
    char magic[4] = {};
    for (char& c : magic)
        if (!r.scalar(c, "magic"))
            return false;
    if (std::string_view(magic, 4) != std::string_view(kMagic, 4))
        return r.fail("it does not start with the model magic");
    std::uint32_t version = 0;
    if (!r.scalar(version, "version"))
        return false;
    if (version != kWireVersion)
        return r.fail("wire version " + std::to_string(version) + " is not " +
                      std::to_string(kWireVersion));
    std::uint8_t up = 0, hasScale = 0, hasGeo = 0;
    if (!r.str(model.format, "format") || !r.scalar(up, "up axis") ||
        !r.scalar(hasScale, "unit flag"))
        return false;
    if (up != 'x' && up != 'y' && up != 'z')
        return r.fail("up axis is not x, y or z");
    model.upAxis = static_cast<char>(up);
    double scale = 0;
    if (!r.finite(scale, "unit scale") || !r.scalar(hasGeo, "georeference flag"))
        return false;
    if (hasScale > 1 || hasGeo > 1 || (hasScale && !(scale > 0)))
        return r.fail("unit scale or georeference flag is invalid");
    if (hasScale)
        model.unitScale = scale;
    Georeference g;
    if (!r.finite(g.latitude, "latitude") || !r.finite(g.longitude, "longitude") ||
        !r.finite(g.elevation, "elevation") || !r.finite(g.trueNorthDeg, "true north"))
        return false;
    if (hasGeo) {
        if (std::abs(g.latitude) > 90 || std::abs(g.longitude) > 180)
            return r.fail("georeference is off the Earth");
        model.georeference = g;
    }
    std::uint32_t warnings = 0;
    if (!r.count(warnings, 4, "warning count"))
        return false;
    model.warnings.resize(warnings);
    for (std::string& w : model.warnings)
        if (!r.str(w, "warning"))
            return false;
    return true;
}

}  // namespace

std::vector<std::uint8_t> encodeModel(const ImportedModel& model) {
    Writer w;
    w.bytes.insert(w.bytes.end(), kMagic, kMagic + 4);
    w.scalar(kWireVersion);
    w.str(model.format);
    w.scalar(static_cast<std::uint8_t>(model.upAxis));
    w.scalar(static_cast<std::uint8_t>(model.unitScale.has_value()));
    w.scalar(model.unitScale.value_or(0.0));
    const Georeference g = model.georeference.value_or(Georeference{});
    w.scalar(static_cast<std::uint8_t>(model.georeference.has_value()));
    for (double d : {g.latitude, g.longitude, g.elevation, g.trueNorthDeg})
        w.scalar(d);
    w.scalar(static_cast<std::uint32_t>(model.warnings.size()));
    for (const std::string& s : model.warnings)
        w.str(s);
    w.scalar(static_cast<std::uint32_t>(model.textures.size()));
    for (const Texture& t : model.textures)
        writeTexture(w, t);
    w.scalar(static_cast<std::uint32_t>(model.materials.size()));
    for (const Material& m : model.materials)
        writeMaterial(w, m);
    w.scalar(static_cast<std::uint32_t>(model.meshes.size()));
    for (const MeshPart& m : model.meshes)
        writeMesh(w, m);
    return std::move(w.bytes);
}

Result<ImportedModel> decodeModel(std::span<const std::uint8_t> bytes, const ImportLimits& limits) {
    Reader r(bytes);
    ImportedModel model;
    auto failed = [&r] {
        return Error{"", "", "the importer sent back broken data (" + r.error() + ")"};
    };
    if (!readHeader(r, model))
        return failed();
    // Minimum item sizes: a texture is at least 21 bytes, a material 54, a mesh 18.
    std::uint32_t n = 0;
    if (!r.count(n, 21, "texture count"))
        return failed();
    model.textures.resize(n);
    for (Texture& t : model.textures)
        if (!readTexture(r, t, limits))
            return failed();
    if (!r.count(n, 54, "material count"))
        return failed();
    model.materials.resize(n);
    for (Material& m : model.materials)
        if (!readMaterial(r, m, model.textures.size()))
            return failed();
    if (!r.count(n, 18, "mesh count"))
        return failed();
    model.meshes.resize(n);
    Totals totals;
    for (MeshPart& m : model.meshes)
        if (!readMesh(r, m, model.materials.size(), limits, totals))
            return failed();
    if (r.remaining() != 0) {
        r.fail(std::to_string(r.remaining()) + " bytes after the last mesh");
        return failed();
    }
    return model;
}

}  // namespace cunjing::models
