#include "PyramidTiles.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace cunjing::terrain::pyramid {

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

/// The vertex positions of a tile along one axis (finest indices): regular from `first` by
/// `stride`, the last one possibly closer (the data's edge).
struct Axis {
    std::vector<std::int64_t> at;
    std::int64_t stride = 1;

    Axis(std::vector<std::int64_t> positions, std::int64_t s)
        : at(std::move(positions)), stride(s) {}
    int size() const { return int(at.size()); }
    /// The vertex at finest index x, or -1.
    int indexOf(std::int64_t x) const {
        if (x == at.back())
            return size() - 1;
        const std::int64_t d = x - at.front();
        if (d < 0 || d % stride != 0 || d / stride >= size())
            return -1;
        return int(d / stride);
    }
    /// The cell holding x and the fraction across it.
    std::pair<int, double> cell(std::int64_t x) const {
        const std::int64_t k =
            std::clamp<std::int64_t>((x - at.front()) / stride, 0, std::int64_t(size() - 2));
        return {int(k), double(x - at[std::size_t(k)]) /
                            double(at[std::size_t(k) + 1] - at[std::size_t(k)])};
    }
};

Axis columnsOf(const TileScheme& s, const TileKey& k) {
    return Axis(s.vertexColumns(k), s.stride(k.level));
}
Axis rowsOf(const TileScheme& s, const TileKey& k) {
    return Axis(s.vertexRows(k), s.stride(k.level));
}

double cellHeight(double a, double b, double d, double e, double u, double v) {
    return u >= v ? a + u * (b - a) + v * (e - b) : a + v * (d - a) + u * (e - d);
}

/// Children by quarter (TileKey::children() order), null where absent.
std::array<const TileData*, 4> byQuarter(const TileKey& parent,
                                         std::span<const TileData* const> children) {
    std::array<const TileData*, 4> q{};
    for (const TileData* c : children) {
        if (!c || c->key.parent() != parent || c->key.level != parent.level + 1)
            continue;
        q[std::size_t((c->key.x - 2 * parent.x) + 2 * (c->key.y - 2 * parent.y))] = c;
    }
    return q;
}

/// Where each vertex of a grid axis comes from: the half (0 west/south, 1 east/north) and
/// the index in that half's child, or -1 where no child has it.
std::vector<std::pair<int, int>> axisSources(const std::vector<std::int64_t>& at,
                                             std::int64_t lowLast, const Axis& low,
                                             const std::optional<Axis>& high) {
    std::vector<std::pair<int, int>> out(at.size(), {0, -1});
    for (std::size_t i = 0; i < at.size(); ++i) {
        if (at[i] <= lowLast)
            out[i] = {0, low.indexOf(at[i])};
        else if (high)
            out[i] = {1, high->indexOf(at[i])};
    }
    return out;
}

/// Fills heights and slopes of a grid (axes cols x rows) from the children holding each
/// vertex (where two do, the west or south one: they hold the same sample).
void gather(const TileScheme& s, const TileKey& parent, const std::array<const TileData*, 4>& q,
            const Axis& cols, const Axis& rows, std::vector<float>& heights,
            std::vector<float>& slopes) {
    const auto kids = parent.children();
    const auto axisOf = [&](const TileKey& k, bool columns) -> std::optional<Axis> {
        if (!s.exists(k))
            return std::nullopt;
        return columns ? columnsOf(s, k) : rowsOf(s, k);
    };
    const auto colSrc =
        axisSources(cols.at, s.lastColumn(kids[0]), *axisOf(kids[0], true), axisOf(kids[1], true));
    const auto rowSrc =
        axisSources(rows.at, s.lastRow(kids[0]), *axisOf(kids[0], false), axisOf(kids[2], false));
    heights.assign(std::size_t(cols.size()) * rows.size(), kNaN);
    slopes.assign(2 * heights.size(), 0.0f);
    for (std::size_t j = 0; j < rowSrc.size(); ++j) {
        const auto [qy, cj] = rowSrc[j];
        for (std::size_t i = 0; i < colSrc.size(); ++i) {
            const auto [qx, ci] = colSrc[i];
            const TileData* c = q[std::size_t(qx + 2 * qy)];
            if (!c || ci < 0 || cj < 0)
                continue;
            const std::size_t from = std::size_t(cj) * std::size_t(c->cols) + std::size_t(ci);
            const std::size_t to = j * colSrc.size() + i;
            heights[to] = c->heights[from];
            slopes[2 * to] = c->slopes[2 * from];
            slopes[2 * to + 1] = c->slopes[2 * from + 1];
        }
    }
}

bool onSide(const TileScheme& s, const TileKey& parent, const TileKey& child, TileEdge e) {
    switch (e) {
        case TileEdge::West:
            return s.firstColumn(child) == s.firstColumn(parent);
        case TileEdge::East:
            return s.lastColumn(child) == s.lastColumn(parent);
        case TileEdge::South:
            return s.firstRow(child) == s.firstRow(parent);
        case TileEdge::North:
            return s.lastRow(child) == s.lastRow(parent);
    }
    return false;
}

}  // namespace

TileData leafTile(const TileScheme& lod, const SampleWindow& w, const TileKey& key) {
    TileData t;
    t.key = key;
    const auto cs = lod.vertexColumns(key), rs = lod.vertexRows(key);  // every sample: stride 1
    t.cols = int(cs.size());
    t.rows = int(rs.size());
    const SampleGrid& g = lod.grid();
    const auto value = [&](std::int64_t c, std::int64_t r) {
        return c >= 0 && r >= 0 && c < g.cols && r < g.rows && w.contains(c, r) ? w.at(c, r) : kNaN;
    };
    /// Central difference where both neighbours have data, else one-sided, else flat.
    const auto slope = [](float lo, float mid, float hi, double spacing) {
        if (std::isfinite(lo) && std::isfinite(hi))
            return float((hi - lo) / (2 * spacing));
        if (std::isfinite(hi) && std::isfinite(mid))
            return float((hi - mid) / spacing);
        if (std::isfinite(lo) && std::isfinite(mid))
            return float((mid - lo) / spacing);
        return 0.0f;
    };
    const std::size_t n = cs.size() * rs.size();
    t.heights.resize(n);
    t.slopes.resize(2 * n);
    float lo = kInf, hi = -kInf;
    for (std::size_t j = 0; j < rs.size(); ++j) {
        const std::int64_t r = rs[j];
        const float* row = &w.h[std::size_t(r - w.r0) * std::size_t(w.cols)];
        const bool inner = r > 0 && r + 1 < g.rows && r > w.r0 && r + 1 < w.r0 + w.rows;
        for (std::size_t i = 0; i < cs.size(); ++i) {
            const std::int64_t c = cs[i];
            const std::size_t k = j * cs.size() + i;
            const float h = row[c - w.c0];
            t.heights[k] = h;
            if (std::isfinite(h))
                lo = std::min(lo, h), hi = std::max(hi, h);
            const bool innerC = c > 0 && c + 1 < g.cols && c > w.c0 && c + 1 < w.c0 + w.cols;
            float sx = kNaN, sy = kNaN;
            if (innerC)
                sx = float((row[c + 1 - w.c0] - row[c - 1 - w.c0]) / (2 * g.dx));
            if (inner)
                sy = float((row[c - w.c0 + w.cols] - row[c - w.c0 - w.cols]) / (2 * g.dy));
            // Near the edge of the data or a hole: the careful way.
            t.slopes[2 * k] =
                std::isfinite(sx) ? sx : slope(value(c - 1, r), h, value(c + 1, r), g.dx);
            t.slopes[2 * k + 1] =
                std::isfinite(sy) ? sy : slope(value(c, r - 1), h, value(c, r + 1), g.dy);
        }
    }
    t.minHeight = lo;
    t.maxHeight = hi;
    return t;  // every finest sample is a vertex: no error
}

TileData parentTile(const TileScheme& lod, const TileKey& key,
                    std::span<const TileData* const> children, bool bound) {
    const auto q = byQuarter(key, children);
    TileData t;
    t.key = key;
    const Axis cols = columnsOf(lod, key), rows = rowsOf(lod, key);
    t.cols = cols.size();
    t.rows = rows.size();
    gather(lod, key, q, cols, rows, t.heights, t.slopes);
    float lo = kInf, hi = -kInf;
    double err = 0;
    std::array<double, 4> edge{};
    for (const TileData* c : q) {
        if (!c || c->empty())
            continue;
        lo = std::min(lo, c->minHeight);
        hi = std::max(hi, c->maxHeight);
        if (!bound)
            continue;
        const Axis cc = columnsOf(lod, c->key), cr = rowsOf(lod, c->key);
        // Where each child vertex falls in this tile's cells.
        std::vector<std::pair<int, double>> cu(cc.at.size()), cv(cr.at.size());
        for (std::size_t i = 0; i < cu.size(); ++i)
            cu[i] = cols.cell(cc.at[i]);
        for (std::size_t j = 0; j < cv.size(); ++j)
            cv[j] = rows.cell(cr.at[j]);
        const auto at = [&](std::size_t i, std::size_t j) {
            const auto [ci, u] = cu[i];
            const auto [cj, v] = cv[j];
            return cellHeight(t.height(ci, cj), t.height(ci + 1, cj), t.height(ci, cj + 1),
                              t.height(ci + 1, cj + 1), u, v);
        };
        for (int j = 0; j < c->rows; ++j) {
            for (int i = 0; i < c->cols; ++i) {
                const double d = std::abs(at(std::size_t(i), std::size_t(j)) - c->height(i, j));
                if (std::isfinite(d))
                    err = std::max(err, d + c->geometricError);
            }
        }
        for (int side = 0; side < 4; ++side) {
            const auto e = TileEdge(side);
            if (!onSide(lod, key, c->key, e))
                continue;
            const bool vertical = e == TileEdge::West || e == TileEdge::East;
            const int fixed = (e == TileEdge::East)    ? c->cols - 1
                              : (e == TileEdge::North) ? c->rows - 1
                                                       : 0;
            double worst = 0;
            for (int k = 0; k < (vertical ? c->rows : c->cols); ++k) {
                const double h = vertical ? c->height(fixed, k) : c->height(k, fixed);
                const double d = std::abs((vertical ? at(std::size_t(fixed), std::size_t(k))
                                                    : at(std::size_t(k), std::size_t(fixed))) -
                                          h);
                if (std::isfinite(d))
                    worst = std::max(worst, d);
            }
            edge[std::size_t(side)] =
                std::max(edge[std::size_t(side)], worst + c->edgeError[std::size_t(side)]);
        }
    }
    t.minHeight = lo;
    t.maxHeight = hi;
    t.geometricError = float(err);
    for (std::size_t i = 0; i < 4; ++i)
        t.edgeError[i] = float(edge[i]);
    return t;
}

void exactErrors(const TileScheme& lod, const SampleWindow& w, TileData& t) {
    const auto cs = lod.vertexColumns(t.key), rs = lod.vertexRows(t.key);
    // Row by row: the tile's surface along a finest row (linear pieces: each cell's two
    // triangles meet where u = v), then its largest distance to the data (NaN is skipped by
    // max). Plain loops the compiler vectorises: this is most of a build's arithmetic.
    const std::size_t width = std::size_t(cs.back() - cs.front() + 1);
    std::vector<float> surf(width);
    float err = 0;
    for (std::size_t j = 0; j + 1 < rs.size(); ++j) {
        const float dv = 1.0f / float(rs[j + 1] - rs[j]);
        for (std::int64_t r = rs[j]; r <= rs[j + 1]; ++r) {
            const float v = float(r - rs[j]) * dv;
            for (std::size_t i = 0; i + 1 < cs.size(); ++i) {
                const float a = t.height(int(i), int(j)), b = t.height(int(i + 1), int(j));
                const float d = t.height(int(i), int(j + 1)), e = t.height(int(i + 1), int(j + 1));
                const float du = 1.0f / float(cs[i + 1] - cs[i]);
                float* out = &surf[std::size_t(cs[i] - cs.front())];
                const int n = int(cs[i + 1] - cs[i]);
                // A hole in the mesh (NaN corner) makes NaN here: nothing drawn, no error.
                const float lowA = a + v * (e - b), lowB = b - a;    // u >= v: a + u(b-a) + v(e-b)
                const float highA = a + v * (d - a), highB = e - d;  // u < v: a + v(d-a) + u(e-d)
                for (int k = 0; k <= n; ++k) {
                    const float u = float(k) * du;
                    const float lower = lowA + u * lowB, upper = highA + u * highB;
                    const float pick = u >= v ? 1.0f : 0.0f;
                    out[k] = upper + pick * (lower - upper);
                }
            }
            const float* row =
                &w.h[std::size_t(r - w.r0) * std::size_t(w.cols) + std::size_t(cs.front() - w.c0)];
            // Four running maxima in a GCC/Clang vector, so this loop (most of a build's
            // arithmetic) runs four samples at a time; a NaN difference (a hole) never wins.
            using Float4 = float __attribute__((vector_size(16)));
            Float4 max4 = {err, err, err, err};
            std::size_t k = 0;
            for (; k + 4 <= width; k += 4) {
                Float4 a, b;
                std::memcpy(&a, &surf[k], sizeof a);
                std::memcpy(&b, &row[k], sizeof b);
                Float4 diff = a - b;
                diff = diff < 0 ? -diff : diff;
                max4 = diff > max4 ? diff : max4;
            }
            float acc[5] = {max4[0], max4[1], max4[2], max4[3], err};
            for (; k < width; ++k) {
                const float diff = std::abs(surf[k] - row[k]);
                acc[4] = diff > acc[4] ? diff : acc[4];
            }
            for (const float a : acc)
                err = std::max(err, a);
        }
    }
    t.geometricError = float(err);
    for (int side = 0; side < 4; ++side) {
        const auto e = TileEdge(side);
        const bool vertical = e == TileEdge::West || e == TileEdge::East;
        const auto& along = vertical ? rs : cs;
        const std::int64_t line = e == TileEdge::West    ? cs.front()
                                  : e == TileEdge::East  ? cs.back()
                                  : e == TileEdge::South ? rs.front()
                                                         : rs.back();
        const int fixed = e == TileEdge::East ? t.cols - 1 : e == TileEdge::North ? t.rows - 1 : 0;
        double worst = 0;
        for (std::size_t k = 0; k + 1 < along.size(); ++k) {
            const double h0 = vertical ? t.height(fixed, int(k)) : t.height(int(k), fixed);
            const double h1 = vertical ? t.height(fixed, int(k + 1)) : t.height(int(k + 1), fixed);
            if (!std::isfinite(h0 + h1))
                continue;
            for (std::int64_t p = along[k]; p <= along[k + 1]; ++p) {
                const float h = vertical ? w.at(line, p) : w.at(p, line);
                const double f = double(p - along[k]) / double(along[k + 1] - along[k]);
                if (std::isfinite(h))
                    worst = std::max(worst, std::abs(h0 + f * (h1 - h0) - h));
            }
        }
        t.edgeError[std::size_t(side)] = float(worst);
    }
}

std::vector<std::int64_t> fileColumns(const TileScheme& lod, const FileLayout& layout,
                                      const TileKey& key) {
    const std::int64_t stride = lod.stride(key.level + layout.depthOf(key.level));
    std::vector<std::int64_t> out;
    for (std::int64_t i = lod.firstColumn(key); i < lod.lastColumn(key); i += stride)
        out.push_back(i);
    out.push_back(lod.lastColumn(key));
    return out;
}

std::vector<std::int64_t> fileRows(const TileScheme& lod, const FileLayout& layout,
                                   const TileKey& key) {
    const std::int64_t stride = lod.stride(key.level + layout.depthOf(key.level));
    std::vector<std::int64_t> out;
    for (std::int64_t i = lod.firstRow(key); i < lod.lastRow(key); i += stride)
        out.push_back(i);
    out.push_back(lod.lastRow(key));
    return out;
}

PyramidFile fileOf(const TileScheme& lod, const FileLayout& layout, const TileKey& key,
                   std::span<const TileData* const> held) {
    PyramidFile f;
    f.key = key;
    f.depth = layout.depthOf(key.level);
    const int deepest = key.level + f.depth;
    const Axis cols(fileColumns(lod, layout, key), lod.stride(deepest));
    const Axis rows(fileRows(lod, layout, key), lod.stride(deepest));
    f.cols = cols.size();
    f.rows = rows.size();
    const std::size_t n = std::size_t(f.cols) * std::size_t(f.rows);
    f.heights.assign(n, kNaN);
    f.slopes.assign(2 * n, 0.0f);
    // The deepest tiles fill the grid; where two share a vertex the first in key order keeps
    // it (they hold the same sample), so the result does not depend on the order given.
    std::vector<const TileData*> grid;
    for (const TileData* t : held) {
        if (t && t->key.level == deepest)
            grid.push_back(t);
    }
    std::sort(grid.begin(), grid.end(),
              [](const TileData* a, const TileData* b) { return a->key < b->key; });
    std::vector<bool> written(n, false);
    for (const TileData* t : grid) {
        const auto tc = lod.vertexColumns(t->key), tr = lod.vertexRows(t->key);
        const int i0 = cols.indexOf(tc.front()), j0 = rows.indexOf(tr.front());
        if (i0 < 0 || j0 < 0 || i0 + t->cols > f.cols || j0 + t->rows > f.rows)
            continue;  // not under this key
        for (int j = 0; j < t->rows; ++j) {
            for (int i = 0; i < t->cols; ++i) {
                const std::size_t to =
                    std::size_t(j0 + j) * std::size_t(f.cols) + std::size_t(i0 + i);
                if (written[to])
                    continue;
                written[to] = true;
                const std::size_t from = std::size_t(j) * std::size_t(t->cols) + std::size_t(i);
                f.heights[to] = t->heights[from];
                f.slopes[2 * to] = t->slopes[2 * from];
                f.slopes[2 * to + 1] = t->slopes[2 * from + 1];
            }
        }
    }
    // Errors are bounds against the source: add what rounding to the file's step costs.
    const float rounding = 0.5f * heightStep(f);
    f.facts.assign(PyramidFile::subTileCount(f.depth), SubTileFacts{});
    for (const TileData* t : held) {
        const int d = t ? t->key.level - key.level : 0;
        if (d < 1 || d > f.depth || (t->key.x >> d) != key.x || (t->key.y >> d) != key.y)
            continue;
        SubTileFacts& sf =
            f.facts[PyramidFile::subTileIndex(d, t->key.x - (key.x << d), t->key.y - (key.y << d))];
        sf.present = true;
        sf.geometricError = t->geometricError + rounding;
        sf.minHeight = t->minHeight;
        sf.maxHeight = t->maxHeight;
        for (std::size_t e = 0; e < 4; ++e)
            sf.edgeError[e] = t->edgeError[e] + rounding;
    }
    return f;
}

Result<TileData> subTileOf(const TileScheme& lod, const FileLayout& layout, const PyramidFile& f,
                           const TileKey& k) {
    const int d = k.level - f.key.level;
    if (d < 1 || d > f.depth || (k.x >> d) != f.key.x || (k.y >> d) != f.key.y)
        return Error{"", "tile " + k.toString(), "not held by file " + f.key.toString()};
    if (f.depth != layout.depthOf(f.key.level))
        return Error{"", "tile " + k.toString(), "the file's depth does not match index.json"};
    const SubTileFacts& sf =
        f.facts[PyramidFile::subTileIndex(d, k.x - (f.key.x << d), k.y - (f.key.y << d))];
    if (!sf.present)
        return Error{"", "tile " + k.toString(), "the file has no data for this tile"};
    const int deepest = f.key.level + f.depth;
    const Axis fc(fileColumns(lod, layout, f.key), lod.stride(deepest));
    const Axis fr(fileRows(lod, layout, f.key), lod.stride(deepest));
    const auto kc = lod.vertexColumns(k), kr = lod.vertexRows(k);
    if (fc.size() != f.cols || fr.size() != f.rows)
        return Error{"", "tile " + k.toString(), "the file's size does not match index.json"};
    std::vector<int> ci(kc.size()), cj(kr.size());
    for (std::size_t i = 0; i < kc.size(); ++i) {
        ci[i] = fc.indexOf(kc[i]);
        if (ci[i] < 0)
            return Error{"", "tile " + k.toString(), "the file's grid does not match index.json"};
    }
    for (std::size_t j = 0; j < kr.size(); ++j) {
        cj[j] = fr.indexOf(kr[j]);
        if (cj[j] < 0)
            return Error{"", "tile " + k.toString(), "the file's grid does not match index.json"};
    }
    TileData t;
    t.key = k;
    t.cols = int(kc.size());
    t.rows = int(kr.size());
    t.heights.resize(kc.size() * kr.size());
    t.slopes.resize(2 * t.heights.size());
    for (std::size_t j = 0; j < kr.size(); ++j) {
        for (std::size_t i = 0; i < kc.size(); ++i) {
            const std::size_t from = std::size_t(cj[j]) * std::size_t(f.cols) + std::size_t(ci[i]);
            const std::size_t to = j * kc.size() + i;
            t.heights[to] = f.heights[from];
            t.slopes[2 * to] = f.slopes[2 * from];
            t.slopes[2 * to + 1] = f.slopes[2 * from + 1];
        }
    }
    t.geometricError = sf.geometricError;
    t.minHeight = sf.minHeight;
    t.maxHeight = sf.maxHeight;
    t.edgeError = sf.edgeError;
    return t;
}

Result<TileData> keyTileOf(const TileScheme& lod, const FileLayout& layout, const PyramidFile& f) {
    std::vector<TileData> kids;
    for (const TileKey& c : lod.children(f.key)) {
        auto t = subTileOf(lod, layout, f, c);
        if (!t)
            return Result<TileData>::failure(t.errors());
        kids.push_back(std::move(t.value()));
    }
    std::vector<const TileData*> ptrs;
    for (const TileData& c : kids)
        ptrs.push_back(&c);
    return parentTile(lod, f.key, ptrs);
}

}  // namespace cunjing::terrain::pyramid
