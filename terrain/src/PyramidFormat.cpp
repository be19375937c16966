#include "PyramidFormat.h"

#include "GdalSupport.h"

#include <cpl_json.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>
#include <thread>

namespace cunjing::terrain::pyramid {

namespace {

constexpr char kMagic[8] = {'C', 'U', 'N', 'J', 'T', 'I', 'L', 'E'};
constexpr std::uint32_t kVersion = 1;
constexpr std::uint16_t kNoData16 = 0xFFFF;
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

std::uint64_t rotl(std::uint64_t v, int r) {
    return (v << r) | (v >> (64 - r));
}

std::uint64_t load64(const std::uint8_t* p) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}
std::uint32_t load32(const std::uint8_t* p) {
    return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 |
           std::uint32_t(p[3]) << 24;
}
float loadF(const std::uint8_t* p) {
    return std::bit_cast<float>(load32(p));
}

class Writer {
public:
    explicit Writer(std::vector<std::uint8_t>& out) : out_(out) {}
    void u8(std::uint8_t v) { out_.push_back(v); }
    void u16(std::uint16_t v) { out_.insert(out_.end(), {std::uint8_t(v), std::uint8_t(v >> 8)}); }
    void u32(std::uint32_t v) {
        for (int i = 0; i < 4; ++i)
            out_.push_back(std::uint8_t(v >> (8 * i)));
    }
    void u64(std::uint64_t v) {
        for (int i = 0; i < 8; ++i)
            out_.push_back(std::uint8_t(v >> (8 * i)));
    }
    void f32(float v) { u32(std::bit_cast<std::uint32_t>(v)); }

private:
    std::vector<std::uint8_t>& out_;
};

struct Quantisation {
    std::uint32_t encoding = 0;  // 0 float32, 1 uint16
    double base = 0;
    float step = 0;
};

/// uint16 steps are powers of two and the base a multiple of the step, so every height that
/// is a multiple of the step (whole metres, sea level) comes back exactly.
Quantisation quantisationOf(const std::vector<float>& heights) {
    float lo = std::numeric_limits<float>::infinity(), hi = -lo;
    for (float h : heights) {
        if (std::isfinite(h))
            lo = std::min(lo, h), hi = std::max(hi, h);
    }
    if (!(lo <= hi))
        return {1, 0, 1};
    double step = std::ldexp(1.0, -20);
    double base = std::floor(lo / step) * step;
    while ((double(hi) - base) / step > 65534.0) {
        step *= 2;
        base = std::floor(lo / step) * step;
    }
    // Centimetre precision or better, else full floats (tall tiles of high mountains).
    if (step > 0.01)
        return {0, 0, 0};
    return {1, base, float(step)};
}

float dequantise(const Quantisation& q, std::uint16_t v) {
    return v == kNoData16 ? kNaN : float(q.base + double(v) * double(q.step));
}

/// Hemi-octahedral encoding of the upward normal (-sx, -sy, 1): 8 bits per component.
std::array<std::uint8_t, 2> encodeNormal(float sx, float sy) {
    if (!std::isfinite(sx) || !std::isfinite(sy))
        sx = sy = 0;
    const float nx = -sx, ny = -sy;
    const float inv = 1.0f / (std::abs(nx) + std::abs(ny) + 1.0f);
    const float px = nx * inv, py = ny * inv;
    const float u = px + py, v = px - py;  // the diamond turned to fill the square
    const auto q = [](float t) {
        return std::uint8_t(std::clamp((t + 1.0f) * 127.5f + 0.5f, 0.0f, 255.0f));
    };
    return {q(u), q(v)};
}

std::array<float, 2> decodeNormal(std::uint8_t a, std::uint8_t b) {
    const float u = float(a) * (1.0f / 127.5f) - 1.0f, v = float(b) * (1.0f / 127.5f) - 1.0f;
    const float px = 0.5f * (u + v), py = 0.5f * (u - v);
    const float inv = 1.0f / std::max(1.0f - std::abs(px) - std::abs(py), 1e-3f);
    return {-px * inv, -py * inv};
}

Error fileError(const std::string& path, const std::string& message) {
    return Error{path, "", message};
}

}  // namespace

std::uint64_t checksum(const std::uint8_t* d, std::size_t n) {
    std::uint64_t h = 0x9E3779B97F4A7C15ull ^ std::uint64_t(n);
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        h ^= load64(d + i) * 0xC2B2AE3D27D4EB4Full;
        h = rotl(h, 31) * 0x9E3779B185EBCA87ull;
    }
    std::uint64_t tail = 0;
    for (std::size_t k = n; k-- > i;)
        tail = (tail << 8) | d[k];
    h ^= tail * 0x165667B19E3779F9ull;
    h = rotl(h, 27) * 0x85EBCA77C2B2AE63ull;
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    return h;
}

float heightStep(const PyramidFile& f) {
    const Quantisation q = quantisationOf(f.heights);
    return q.encoding == 1 ? q.step : 0.0f;
}

std::vector<std::uint8_t> encode(const PyramidFile& f, PyramidFile* decoded) {
    const std::size_t n = std::size_t(f.cols) * std::size_t(f.rows);
    const Quantisation q = quantisationOf(f.heights);
    std::vector<std::uint8_t> out;
    out.reserve(kFixedHeaderBytes + 28 * PyramidFile::subTileCount(f.depth) +
                n * (q.encoding ? 4 : 6) + 8);
    Writer w(out);
    for (const char c : kMagic)
        w.u8(std::uint8_t(c));
    w.u32(kVersion);
    w.u32(std::uint32_t(kFixedHeaderBytes + 28 * PyramidFile::subTileCount(f.depth)));
    w.u32(std::uint32_t(f.key.level));
    w.u64(std::uint64_t(f.key.x));
    w.u64(std::uint64_t(f.key.y));
    w.u32(std::uint32_t(f.cols));
    w.u32(std::uint32_t(f.rows));
    w.u32(q.encoding);
    w.u64(std::bit_cast<std::uint64_t>(q.base));
    w.f32(q.step);
    w.u32(std::uint32_t(f.depth));
    for (std::size_t i = 0; i < PyramidFile::subTileCount(f.depth); ++i) {
        const SubTileFacts& t = i < f.facts.size() ? f.facts[i] : SubTileFacts{};
        w.f32(t.present ? t.geometricError : kNaN);
        w.f32(t.minHeight);
        w.f32(t.maxHeight);
        for (float e : t.edgeError)
            w.f32(e);
    }
    // The payload is written in place: byte pushes would cost more than the rest.
    const std::size_t at = out.size();
    out.resize(at + n * (q.encoding ? 2 : 4) + 2 * n);
    std::uint8_t* p = out.data() + at;
    if (decoded) {
        decoded->key = f.key;
        decoded->cols = f.cols;
        decoded->rows = f.rows;
        decoded->depth = f.depth;
        decoded->facts = f.facts;
        decoded->heights.resize(n);
        // Decoding an encoded normal and encoding it again gives the same two bytes (checked
        // for all 65536), so the slopes as given encode exactly like the decoded ones: no
        // need to decode them here.
        decoded->slopes = f.slopes;
    }
    const double inverseStep = 1.0 / double(q.step);  // exact: steps are powers of two
    for (std::size_t i = 0; i < n; ++i) {
        const float h = f.heights[i];
        if (q.encoding == 1) {
            // h >= base, so rounding is adding a half and truncating.
            const double v = (double(h) - q.base) * inverseStep + 0.5;
            const std::uint16_t code =
                std::isfinite(h) ? std::uint16_t(std::min(v, 65534.0)) : kNoData16;
            *p++ = std::uint8_t(code);
            *p++ = std::uint8_t(code >> 8);
            if (decoded)
                decoded->heights[i] = dequantise(q, code);
        } else {
            const float kept = std::isfinite(h) ? h : kNaN;
            const std::uint32_t bits = std::bit_cast<std::uint32_t>(kept);
            for (int k = 0; k < 4; ++k)
                *p++ = std::uint8_t(bits >> (8 * k));
            if (decoded)
                decoded->heights[i] = kept;
        }
    }
    const bool haveSlopes = f.slopes.size() == 2 * n;
    for (std::size_t i = 0; i < n; ++i) {
        const auto nrm =
            haveSlopes ? encodeNormal(f.slopes[2 * i], f.slopes[2 * i + 1]) : encodeNormal(0, 0);
        *p++ = nrm[0];
        *p++ = nrm[1];
    }
    w.u64(checksum(out.data(), out.size()));
    return out;
}

Result<PyramidFile> decode(const std::vector<std::uint8_t>& b, const TileKey& expected,
                           const std::string& path) {
    if (b.size() < kFixedHeaderBytes + 8 || std::memcmp(b.data(), kMagic, 8) != 0)
        return fileError(path, "not a Cunjing tile file (bad magic or too short)");
    const std::uint32_t version = load32(&b[8]);
    if (version != kVersion) {
        return fileError(path, "tile format version " + std::to_string(version) +
                                   " is not supported (this Cunjing reads version 1); rebuild "
                                   "the pyramid");
    }
    if (checksum(b.data(), b.size() - 8) != load64(&b[b.size() - 8]))
        return fileError(path,
                         "checksum mismatch: the tile is damaged; delete it and re-run "
                         "`cunjing terrain build` to rebuild it");
    PyramidFile f;
    f.key = {int(load32(&b[16])), std::int64_t(load64(&b[20])), std::int64_t(load64(&b[28]))};
    if (f.key != expected) {
        return fileError(path,
                         "holds tile " + f.key.toString() + ", expected " + expected.toString());
    }
    const std::uint32_t cols = load32(&b[36]), rows = load32(&b[40]), depth = load32(&b[60]);
    Quantisation q{load32(&b[44]), std::bit_cast<double>(load64(&b[48])), loadF(&b[56])};
    if (cols < 2 || rows < 2 || cols > 4097 || rows > 4097 || q.encoding > 1 || depth < 1 ||
        depth > 4)
        return fileError(path, "tile header is inconsistent (size, depth or encoding)");
    const std::size_t records = PyramidFile::subTileCount(int(depth));
    const std::size_t header = kFixedHeaderBytes + 28 * records;
    f.depth = int(depth);
    f.cols = int(cols);
    f.rows = int(rows);
    const std::size_t n = std::size_t(cols) * rows;
    if (load32(&b[12]) != header || b.size() != header + n * (q.encoding ? 2 : 4) + n * 2 + 8)
        return fileError(path, "tile size does not match its header");
    f.facts.resize(records);
    for (std::size_t i = 0; i < records; ++i) {
        const std::uint8_t* p = &b[kFixedHeaderBytes + i * 28];
        SubTileFacts& t = f.facts[i];
        t.geometricError = loadF(p);
        t.present = std::isfinite(t.geometricError);
        t.minHeight = loadF(p + 4);
        t.maxHeight = loadF(p + 8);
        for (std::size_t e = 0; e < 4; ++e)
            t.edgeError[e] = loadF(p + 12 + 4 * e);
    }
    f.heights.resize(n);
    std::size_t at = header;
    for (std::size_t i = 0; i < n; ++i) {
        if (q.encoding == 1) {
            f.heights[i] = dequantise(q, std::uint16_t(b[at] | b[at + 1] << 8));
            at += 2;
        } else {
            f.heights[i] = loadF(&b[at]);
            at += 4;
        }
    }
    f.slopes.resize(2 * n);
    for (std::size_t i = 0; i < n; ++i, at += 2) {
        const auto s = decodeNormal(b[at], b[at + 1]);
        f.slopes[2 * i] = s[0];
        f.slopes[2 * i + 1] = s[1];
    }
    return f;
}

Status writeAtomically(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
    if (getenv("NOWRITE"))
        return Done{};
    // A name no other writer uses: this process, this thread.
    static std::atomic<unsigned> counter{0};
    const std::string tmp = path.string() + ".tmp" + std::to_string(::getpid()) + "-" +
                            std::to_string(counter.fetch_add(1));
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        std::error_code ec;
        std::filesystem::create_directories(path.parent_path(), ec);
        fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0)
            return fileError(path.string(), std::string("cannot create: ") + std::strerror(errno));
    }
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n <= 0) {
            const std::string why = std::strerror(errno);
            ::close(fd);
            ::unlink(tmp.c_str());
            return fileError(path.string(), "cannot write (disk full?): " + why);
        }
        done += std::size_t(n);
    }
    if (::close(fd) != 0 || ::rename(tmp.c_str(), path.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        ::unlink(tmp.c_str());
        return fileError(path.string(), "cannot move into place: " + why);
    }
    return Done{};
}

Result<bool> writeIfChanged(const std::filesystem::path& path, const std::string& text) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec) &&
        std::filesystem::file_size(path, ec) == text.size()) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream old;
        old << in.rdbuf();
        if (old.str() == text)
            return false;
    }
    auto s = writeAtomically(path, std::vector<std::uint8_t>(text.begin(), text.end()));
    if (!s)
        return Result<bool>::failure(s.errors());
    return true;
}

Result<std::vector<std::uint8_t>> readFile(const std::filesystem::path& path,
                                           std::uintmax_t maxBytes) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec)
        return fileError(path.string(), "missing (" + ec.message() + ")");
    if (size > maxBytes)
        return fileError(path.string(), "larger than " + std::to_string(maxBytes) + " bytes");
    std::vector<std::uint8_t> bytes(size);
    std::ifstream in(path, std::ios::binary);
    if (!in.read(reinterpret_cast<char*>(bytes.data()), std::streamsize(size)))
        return fileError(path.string(), "cannot be read");
    return bytes;
}

std::filesystem::path tilePath(const std::filesystem::path& dir, const TileKey& k) {
    return dir / "tiles" / std::to_string(k.level) / std::to_string(k.x) /
           (std::to_string(k.y) + ".cjt");
}

std::filesystem::path imagePath(const std::filesystem::path& dir, const TileKey& k) {
    return dir / "imagery" / std::to_string(k.level) / std::to_string(k.x) /
           (std::to_string(k.y) + ".png");
}

namespace {

std::string jsonString(const std::string& s) {
    std::string out = "\"";
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += ch;
        }
    }
    return out + "\"";
}

std::string number(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

}  // namespace

std::string indexJson(const PyramidIndex& x) {
    const SampleGrid& g = x.grid;
    std::string s = "{\n";
    s += "  \"format\": \"cunjing-terrain-pyramid\",\n";
    s += "  \"version\": " + std::to_string(PyramidIndex::kVersion) + ",\n";
    s += "  \"crs\": " + jsonString(x.crs) + ",\n";
    s += "  \"grid\": {\"x0\": " + number(g.x0) + ", \"y0\": " + number(g.y0) +
         ", \"dx\": " + number(g.dx) + ", \"dy\": " + number(g.dy) +
         ", \"cols\": " + std::to_string(g.cols) + ", \"rows\": " + std::to_string(g.rows) + "},\n";
    s += "  \"extent\": [" + number(g.x0) + ", " + number(g.y0) + ", " + number(g.x(g.cols - 1)) +
         ", " + number(g.y(g.rows - 1)) + "],\n";
    s += "  \"tile_samples\": " + std::to_string(x.tileSamples) + ",\n";
    s += "  \"lod_tile_samples\": " + std::to_string(x.lodTileSamples) + ",\n";
    s += "  \"levels_per_file\": " + std::to_string(x.levelsPerFile) + ",\n";
    s += "  \"lod_levels\": " + std::to_string(x.lodLevels) + ",\n";
    s += "  \"block_samples\": " + std::to_string(x.blockSamples) + ",\n";
    s += "  \"tiles\": \"tiles/{level}/{x}/{y}.cjt\",\n";
    if (x.imageSize > 0) {
        s += "  \"imagery\": {\"path\": \"imagery/{level}/{x}/{y}.png\", \"size\": " +
             std::to_string(x.imageSize) + "},\n";
    } else {
        s += "  \"imagery\": null,\n";
    }
    s += "  \"source\": " + jsonString(x.source) + ",\n";
    s += "  \"crs_wkt\": " + jsonString(x.crsWkt) + "\n";
    s += "}\n";
    return s;
}

Result<PyramidIndex> parseIndex(const std::string& text, const std::string& path) {
    detail::GdalErrorCapture quiet;
    CPLJSONDocument doc;
    if (!doc.LoadMemory(text))
        return fileError(path, "not valid JSON");
    const CPLJSONObject root = doc.GetRoot();
    if (root.GetType() != CPLJSONObject::Type::Object ||
        root.GetString("format") != "cunjing-terrain-pyramid")
        return fileError(path, "not a Cunjing terrain pyramid index (\"format\" is missing)");
    const int version = root.GetInteger("version", -1);
    if (version != PyramidIndex::kVersion) {
        return fileError(path, "pyramid version " + std::to_string(version) +
                                   " is not supported; rebuild it with this Cunjing");
    }
    PyramidIndex x;
    x.crs = root.GetString("crs");
    x.crsWkt = root.GetString("crs_wkt");
    x.source = root.GetString("source");
    const CPLJSONObject g = root.GetObj("grid");
    if (!g.IsValid())
        return fileError(path, "\"grid\" is missing");
    x.grid.x0 = g.GetDouble("x0", std::nan(""));
    x.grid.y0 = g.GetDouble("y0", std::nan(""));
    x.grid.dx = g.GetDouble("dx", std::nan(""));
    x.grid.dy = g.GetDouble("dy", std::nan(""));
    x.grid.cols = g.GetLong("cols", 0);
    x.grid.rows = g.GetLong("rows", 0);
    x.tileSamples = root.GetInteger("tile_samples", 0);
    x.lodTileSamples = root.GetInteger("lod_tile_samples", 0);
    x.levelsPerFile = root.GetInteger("levels_per_file", 0);
    x.lodLevels = root.GetInteger("lod_levels", 0);
    x.blockSamples = root.GetInteger("block_samples", 0);
    const CPLJSONObject imagery = root.GetObj("imagery");
    if (imagery.IsValid() && imagery.GetType() == CPLJSONObject::Type::Object) {
        x.imageSize = imagery.GetInteger("size", 0);
        x.imageFormat = "png";
        if (x.imageSize < 8 || x.imageSize > 4096)
            return fileError(path, "\"imagery.size\" must be between 8 and 4096");
    }
    if (x.crsWkt.empty())
        return fileError(path, "\"crs_wkt\" is missing");
    if (x.levelsPerFile < 1 || x.levelsPerFile > 4 || x.lodLevels < 2 || x.lodLevels > 40 ||
        x.lodTileSamples < 5 || x.lodTileSamples > 1025 ||
        x.tileSamples != (x.lodTileSamples - 1) * (1 << x.levelsPerFile) + 1)
        return fileError(path, "tile sizes and levels are inconsistent");
    return x;
}

}  // namespace cunjing::terrain::pyramid
