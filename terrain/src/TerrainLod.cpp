#include <cunjing/terrain/TerrainLod.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cunjing::terrain {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

/// Height in a cell split along its south-west to north-east diagonal (the split tileMesh
/// uses): a = SW, b = SE, d = NW, e = NE; u, v in 0..1 from the SW corner.
double cellHeight(double a, double b, double d, double e, double u, double v) {
    return u >= v ? a + u * (b - a) + v * (e - b) : a + v * (d - a) + u * (e - d);
}

/// Index of the cell of `indices` (sorted vertex positions) that holds position p.
std::size_t cellOf(const std::vector<std::int64_t>& indices, double p) {
    const auto it =
        std::upper_bound(indices.begin(), indices.end(), p,
                         [](double value, std::int64_t i) { return value < double(i); });
    const std::size_t i = it == indices.begin() ? 0 : std::size_t(it - indices.begin()) - 1;
    return std::min(i, indices.size() - 2);
}

/// Linear interpolation along a polyline given at positions `at` with values `h`.
double alongEdge(const std::vector<std::int64_t>& at, const std::vector<float>& h, double p) {
    const std::size_t i = cellOf(at, p);
    const double t = (p - double(at[i])) / double(at[i + 1] - at[i]);
    return h[i] + t * (h[i + 1] - h[i]);
}

/// The heights along one side of a tile and where they sit (finest indices along the side).
struct EdgeProfile {
    std::vector<std::int64_t> at;
    std::vector<float> h;
};

EdgeProfile edgeProfile(const TileScheme& scheme, const TileData& t, TileEdge edge) {
    EdgeProfile p;
    const bool vertical = edge == TileEdge::West || edge == TileEdge::East;
    p.at = vertical ? scheme.vertexRows(t.key) : scheme.vertexColumns(t.key);
    const int fixed = edge == TileEdge::West    ? 0
                      : edge == TileEdge::East  ? t.cols - 1
                      : edge == TileEdge::South ? 0
                                                : t.rows - 1;
    for (std::size_t i = 0; i < p.at.size(); ++i) {
        p.h.push_back(vertical ? t.height(fixed, int(i)) : t.height(int(i), fixed));
    }
    return p;
}

/// The finest-index line a side of a tile lies on.
std::int64_t edgeLine(const TileScheme& scheme, const TileKey& k, TileEdge edge) {
    switch (edge) {
        case TileEdge::West:
            return scheme.firstColumn(k);
        case TileEdge::East:
            return scheme.lastColumn(k);
        case TileEdge::South:
            return scheme.firstRow(k);
        case TileEdge::North:
            return scheme.lastRow(k);
    }
    return 0;
}

bool isAncestor(const TileKey& a, const TileKey& k) {
    if (a.level >= k.level || a.level < 0)
        return false;
    const int up = k.level - a.level;
    return (k.x >> up) == a.x && (k.y >> up) == a.y;
}

}  // namespace

std::optional<double> TileSource::heightAt(double x, double y) const {
    const TileScheme& s = scheme();
    const auto key = s.tileAt(s.maxLevel(), x, y);
    if (!key)
        return std::nullopt;
    auto tile = loadTile(*key);
    if (!tile)
        return std::nullopt;
    const double h = tileSurfaceAt(s, tile.value(), (x - s.grid().x0) / s.grid().dx,
                                   (y - s.grid().y0) / s.grid().dy);
    return std::isfinite(h) ? std::optional<double>(h) : std::nullopt;
}

SampleGrid sampleGridOf(const Heightfield& f) {
    return {f.x0, f.y0, f.dx, f.dy, f.cols, f.rows};
}

HeightfieldTileSource::HeightfieldTileSource(std::shared_ptr<const Heightfield> field,
                                             TileScheme scheme)
    : field_(std::move(field)), scheme_(std::move(scheme)) {}

Result<std::shared_ptr<HeightfieldTileSource>> HeightfieldTileSource::create(
    std::shared_ptr<const Heightfield> field, int tileSamples) {
    using R = Result<std::shared_ptr<HeightfieldTileSource>>;
    if (!field || field->heights.size() != std::size_t(field->cols) * std::size_t(field->rows))
        return Error{"", "", "the heightfield's size does not match its heights"};
    auto scheme = TileScheme::create(sampleGridOf(*field), tileSamples);
    if (!scheme)
        return R::failure(scheme.errors());
    return std::shared_ptr<HeightfieldTileSource>(
        new HeightfieldTileSource(std::move(field), std::move(scheme.value())));
}

Result<TileData> HeightfieldTileSource::loadTile(const TileKey& key) const {
    if (!scheme_.exists(key))
        return Error{"", "tile " + key.toString(), "no such tile in this terrain"};
    return tileFromHeightfield(scheme_, *field_, key);
}

std::optional<double> HeightfieldTileSource::heightAt(double x, double y) const {
    return field_->sample(x, y);
}

TileData tileFromHeightfield(const TileScheme& scheme, const Heightfield& f, const TileKey& key) {
    TileData t;
    t.key = key;
    const auto cs = scheme.vertexColumns(key), rs = scheme.vertexRows(key);
    t.cols = int(cs.size());
    t.rows = int(rs.size());
    t.heights.reserve(cs.size() * rs.size());
    t.slopes.reserve(2 * cs.size() * rs.size());
    for (const std::int64_t r64 : rs) {
        for (const std::int64_t c64 : cs) {
            const int c = int(c64), r = int(r64);
            t.heights.push_back(f.at(c, r));
            // Central differences on the finest grid, as heightfieldMesh: same shading at
            // every level.
            const int cl = std::max(c - 1, 0), cr = std::min(c + 1, f.cols - 1);
            const int rd = std::max(r - 1, 0), ru = std::min(r + 1, f.rows - 1);
            t.slopes.push_back(float((f.at(cr, r) - f.at(cl, r)) / ((cr - cl) * f.dx)));
            t.slopes.push_back(float((f.at(c, ru) - f.at(c, rd)) / ((ru - rd) * f.dy)));
        }
    }
    float lo = std::numeric_limits<float>::infinity(), hi = -lo;
    double err = 0;
    for (std::size_t j = 0; j + 1 < rs.size(); ++j) {
        for (std::size_t i = 0; i + 1 < cs.size(); ++i) {
            const double a = t.height(int(i), int(j)), b = t.height(int(i + 1), int(j));
            const double d = t.height(int(i), int(j + 1)), e = t.height(int(i + 1), int(j + 1));
            const double w = double(cs[i + 1] - cs[i]), hgt = double(rs[j + 1] - rs[j]);
            for (std::int64_t r = rs[j]; r <= rs[j + 1]; ++r) {
                for (std::int64_t c = cs[i]; c <= cs[i + 1]; ++c) {
                    const float h = f.at(int(c), int(r));
                    lo = std::min(lo, h);
                    hi = std::max(hi, h);
                    const double s =
                        cellHeight(a, b, d, e, double(c - cs[i]) / w, double(r - rs[j]) / hgt);
                    err = std::max(err, std::abs(s - h));
                }
            }
        }
    }
    t.minHeight = lo;
    t.maxHeight = hi;
    t.geometricError = float(err);
    for (int side = 0; side < 4; ++side) {
        const auto edge = TileEdge(side);
        const EdgeProfile p = edgeProfile(scheme, t, edge);
        const std::int64_t line = edgeLine(scheme, key, edge);
        const bool vertical = edge == TileEdge::West || edge == TileEdge::East;
        double e = 0;
        for (std::int64_t i = p.at.front(); i <= p.at.back(); ++i) {
            const float h = vertical ? f.at(int(line), int(i)) : f.at(int(i), int(line));
            e = std::max(e, std::abs(alongEdge(p.at, p.h, double(i)) - h));
        }
        t.edgeError[std::size_t(side)] = float(e);
    }
    return t;
}

double tileSurfaceAt(const TileScheme& scheme, const TileData& t, double column, double row) {
    const auto cs = scheme.vertexColumns(t.key), rs = scheme.vertexRows(t.key);
    if (int(cs.size()) != t.cols || int(rs.size()) != t.rows || column < double(cs.front()) ||
        column > double(cs.back()) || row < double(rs.front()) || row > double(rs.back()))
        return std::numeric_limits<double>::quiet_NaN();
    const std::size_t i = cellOf(cs, column), j = cellOf(rs, row);
    const double u = (column - double(cs[i])) / double(cs[i + 1] - cs[i]);
    const double v = (row - double(rs[j])) / double(rs[j + 1] - rs[j]);
    return cellHeight(t.height(int(i), int(j)), t.height(int(i + 1), int(j)),
                      t.height(int(i), int(j + 1)), t.height(int(i + 1), int(j + 1)), u, v);
}

std::array<float, 4> skirtDepths(const TileScheme& scheme, const TileData& tile,
                                 std::span<const TileData* const> ancestors) {
    std::array<float, 4> depth{};
    // A little more than the gap, so float rounding of positions never opens a pixel.
    const double margin = std::max(0.05, 1e-3 * scheme.spacing(tile.key.level));
    for (int side = 0; side < 4; ++side) {
        const auto edge = TileEdge(side);
        if (scheme.onDataEdge(tile.key, edge))
            continue;
        // A finer neighbour's edge runs through the finest data on this line: this tile's
        // edge is at most edgeError from it.
        double gap = tile.edgeError[std::size_t(side)];
        const EdgeProfile mine = edgeProfile(scheme, tile, edge);
        const std::int64_t line = edgeLine(scheme, tile.key, edge);
        for (const TileData* a : ancestors) {
            // A coarser neighbour on this side shares its edge vertices with the ancestor of
            // the same level, when this side lies on that ancestor's side.
            if (!a || !isAncestor(a->key, tile.key) || edgeLine(scheme, a->key, edge) != line)
                continue;
            const EdgeProfile theirs = edgeProfile(scheme, *a, edge);
            if (theirs.at.size() < 2)
                continue;
            for (std::size_t i = 0; i < mine.at.size(); ++i) {
                const double g = std::abs(alongEdge(theirs.at, theirs.h, double(mine.at[i])) -
                                          double(mine.h[i]));
                if (std::isfinite(g))
                    gap = std::max(gap, g);
            }
        }
        depth[std::size_t(side)] = float(gap + margin);
    }
    return depth;
}

geo::Mesh tileMesh(const TileScheme& scheme, const TileData& t,
                   const std::array<float, 4>& skirtDepth, const TileMeshOptions& o) {
    geo::Mesh mesh;
    const auto cs = scheme.vertexColumns(t.key), rs = scheme.vertexRows(t.key);
    if (int(cs.size()) != t.cols || int(rs.size()) != t.rows ||
        t.heights.size() != std::size_t(t.cols) * std::size_t(t.rows))
        return mesh;
    const SampleGrid& g = scheme.grid();
    const double ex = o.exaggeration;
    const bool haveSlopes = t.slopes.size() == 2 * t.heights.size();
    mesh.positions.reserve(t.heights.size());
    for (int r = 0; r < t.rows; ++r) {
        for (int c = 0; c < t.cols; ++c) {
            const float h = t.height(c, r);
            const std::size_t v = std::size_t(r) * t.cols + c;
            mesh.positions.push_back({float(g.x(cs[std::size_t(c)]) - o.originX),
                                      float(g.y(rs[std::size_t(r)]) - o.originY),
                                      std::isfinite(h) ? float(h * ex) : 0.0f});
            const double sx = haveSlopes ? t.slopes[2 * v] * ex : 0.0;
            const double sy = haveSlopes ? t.slopes[2 * v + 1] * ex : 0.0;
            const double len = std::sqrt(sx * sx + sy * sy + 1.0);
            mesh.normals.push_back({float(-sx / len), float(-sy / len), float(1.0 / len)});
        }
    }
    const auto ok = [&](std::uint32_t v) { return std::isfinite(t.heights[v]); };
    const auto w = std::uint32_t(t.cols);
    for (std::uint32_t r = 0; r + 1 < std::uint32_t(t.rows); ++r) {
        for (std::uint32_t c = 0; c + 1 < w; ++c) {
            const std::uint32_t a = r * w + c, b = a + 1, d = a + w, e = d + 1;
            if (ok(a) && ok(b) && ok(e))
                mesh.indices.insert(mesh.indices.end(), {a, b, e});
            if (ok(a) && ok(e) && ok(d))
                mesh.indices.insert(mesh.indices.end(), {a, e, d});
        }
    }
    if (o.skirts) {
        // Each side walked counter-clockwise round the tile, so outward is on the right.
        for (int side = 0; side < 4; ++side) {
            const float depth = float(skirtDepth[std::size_t(side)] * ex);
            if (!(depth > 0))
                continue;
            std::vector<std::uint32_t> top;
            const auto edge = TileEdge(side);
            if (edge == TileEdge::South) {
                for (std::uint32_t c = 0; c < w; ++c)
                    top.push_back(c);
            } else if (edge == TileEdge::East) {
                for (std::uint32_t r = 0; r < std::uint32_t(t.rows); ++r)
                    top.push_back(r * w + w - 1);
            } else if (edge == TileEdge::North) {
                for (std::uint32_t c = w; c-- > 0;)
                    top.push_back((std::uint32_t(t.rows) - 1) * w + c);
            } else {
                for (std::uint32_t r = std::uint32_t(t.rows); r-- > 0;)
                    top.push_back(r * w);
            }
            const auto first = std::uint32_t(mesh.positions.size());
            for (std::uint32_t v : top) {
                geo::Vec3f p = mesh.positions[v];
                p.z -= depth;
                mesh.positions.push_back(p);
                mesh.normals.push_back(mesh.normals[v]);
            }
            for (std::uint32_t k = 0; k + 1 < top.size(); ++k) {
                if (!ok(top[k]) || !ok(top[k + 1]))
                    continue;
                const std::uint32_t q0 = first + k, q1 = q0 + 1;
                mesh.indices.insert(mesh.indices.end(),
                                    {q0, q1, top[k + 1], q0, top[k + 1], top[k]});
            }
        }
    }
    mesh.colors.assign(mesh.positions.size(), geo::Rgba{1, 1, 1, 1});
    return mesh;
}

double screenSpaceError(double error, double distance, double fovYDeg, double viewportHeightPx) {
    if (!(distance > 0))
        return std::numeric_limits<double>::infinity();
    return error * viewportHeightPx / (2.0 * distance * std::tan(fovYDeg * kPi / 360.0));
}

namespace {

struct Box {
    double lo[3], hi[3];
};

Box tileBox(const TileScheme& s, const TileKey& k, const TileFacts& f, const LodSettings& o) {
    const Extent e = s.extent(k);
    return {{e.xmin - o.originX, e.ymin - o.originY, f.minHeight * o.exaggeration},
            {e.xmax - o.originX, e.ymax - o.originY, f.maxHeight * o.exaggeration}};
}

bool outsideFrustum(const Box& b, const std::vector<std::array<double, 4>>& planes) {
    for (const auto& p : planes) {
        // The box corner furthest along the plane's normal.
        double d = p[3];
        for (int i = 0; i < 3; ++i)
            d += p[std::size_t(i)] * (p[std::size_t(i)] >= 0 ? b.hi[i] : b.lo[i]);
        if (d < 0)
            return true;
    }
    return false;
}

double distanceTo(const Box& b, const std::array<double, 3>& eye) {
    double sum = 0;
    for (int i = 0; i < 3; ++i) {
        const double d =
            std::max({b.lo[i] - eye[std::size_t(i)], 0.0, eye[std::size_t(i)] - b.hi[i]});
        sum += d * d;
    }
    return std::sqrt(sum);
}

}  // namespace

LodSelection selectTiles(const TileScheme& scheme, const LodView& view, const LodSettings& settings,
                         const std::function<const TileFacts*(const TileKey&)>& facts) {
    LodSelection out;
    const TileKey root{0, 0, 0};
    const TileFacts* rootFacts = facts(root);
    if (!rootFacts) {
        out.load.push_back(root);
        return out;
    }
    std::vector<std::pair<double, TileKey>> wanted;
    std::vector<std::pair<TileKey, const TileFacts*>> stack{{root, rootFacts}};
    std::vector<std::pair<TileKey, const TileFacts*>> kids;
    while (!stack.empty()) {
        const auto [key, f] = stack.back();
        stack.pop_back();
        if (!(f->minHeight <= f->maxHeight))
            continue;  // no data under this tile
        const Box box = tileBox(scheme, key, *f, settings);
        if (outsideFrustum(box, view.planes))
            continue;
        const double sse =
            screenSpaceError(double(f->geometricError) * settings.exaggeration,
                             distanceTo(box, view.eye), view.fovYDeg, view.viewportHeightPx);
        if (sse <= settings.maxPixelError || key.level >= scheme.maxLevel()) {
            out.draw.push_back(key);
            continue;
        }
        kids.clear();
        bool all = true;
        for (const TileKey& c : scheme.children(key)) {
            const TileFacts* cf = facts(c);
            if (!cf) {
                all = false;
                wanted.emplace_back(sse, c);
            }
            kids.emplace_back(c, cf);
        }
        if (!all || kids.empty()) {
            out.draw.push_back(key);
            continue;
        }
        for (const auto& k : kids)
            stack.push_back(k);
    }
    // Most visible error first, then a fixed order so runs repeat.
    std::sort(wanted.begin(), wanted.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    for (const auto& w : wanted)
        out.load.push_back(w.second);
    std::sort(out.draw.begin(), out.draw.end());
    return out;
}

}  // namespace cunjing::terrain
