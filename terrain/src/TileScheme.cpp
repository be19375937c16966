#include <cunjing/terrain/TileScheme.h>

#include <algorithm>
#include <cmath>

namespace cunjing::terrain {

std::array<TileKey, 4> TileKey::children() const {
    const int l = level + 1;
    return {TileKey{l, 2 * x, 2 * y}, TileKey{l, 2 * x + 1, 2 * y}, TileKey{l, 2 * x, 2 * y + 1},
            TileKey{l, 2 * x + 1, 2 * y + 1}};
}

std::string TileKey::toString() const {
    return std::to_string(level) + "/" + std::to_string(x) + "/" + std::to_string(y);
}

std::size_t TileKeyHash::operator()(const TileKey& k) const noexcept {
    std::uint64_t h = std::uint64_t(k.level) * 0x9E3779B97F4A7C15ull;
    h ^= std::uint64_t(k.x) + 0x632BE59BD9B4E019ull + (h << 6) + (h >> 2);
    h ^= std::uint64_t(k.y) + 0x8CB92BA72F3D8DD7ull + (h << 6) + (h >> 2);
    return static_cast<std::size_t>(h);
}

Result<TileScheme> TileScheme::create(const SampleGrid& grid, int tileSamples) {
    const int n = tileSamples - 1;
    if (tileSamples < 5 || tileSamples > 1025 || (n & (n - 1)) != 0) {
        return Error{"", "tile samples",
                     "a tile needs 2^k + 1 samples a side (9, 17, 33, 65, 129, 257, 513 or "
                     "1025), got " +
                         std::to_string(tileSamples)};
    }
    if (grid.cols < 2 || grid.rows < 2) {
        return Error{"", "", "a terrain needs at least 2 x 2 height samples"};
    }
    if (!(grid.dx > 0) || !(grid.dy > 0) || !std::isfinite(grid.dx) || !std::isfinite(grid.dy) ||
        !std::isfinite(grid.x0) || !std::isfinite(grid.y0)) {
        return Error{"", "", "the height grid has no valid position or spacing"};
    }
    if (grid.cols > (std::int64_t(1) << 40) || grid.rows > (std::int64_t(1) << 40)) {
        return Error{"", "", "the height grid is larger than 2^40 samples a side"};
    }
    TileScheme s;
    s.grid_ = grid;
    s.samples_ = tileSamples;
    const std::int64_t longest = std::max(grid.cols, grid.rows) - 1;
    while (std::int64_t(n) << s.maxLevel_ < longest)
        ++s.maxLevel_;
    return s;
}

std::int64_t TileScheme::tilesAcross(int level) const {
    if (level < 0 || level > maxLevel_)
        return 0;
    // A tile exists when its west edge lies before the last column (so it has a cell).
    return (grid_.cols - 2) / span(level) + 1;
}

std::int64_t TileScheme::tilesUp(int level) const {
    if (level < 0 || level > maxLevel_)
        return 0;
    return (grid_.rows - 2) / span(level) + 1;
}

std::int64_t TileScheme::totalTileCount() const {
    std::int64_t total = 0;
    for (int l = 0; l <= maxLevel_; ++l)
        total += tileCount(l);
    return total;
}

bool TileScheme::exists(const TileKey& k) const {
    return k.level >= 0 && k.level <= maxLevel_ && k.x >= 0 && k.y >= 0 &&
           k.x < tilesAcross(k.level) && k.y < tilesUp(k.level);
}

std::vector<TileKey> TileScheme::children(const TileKey& key) const {
    std::vector<TileKey> out;
    if (key.level >= maxLevel_)
        return out;
    for (const TileKey& c : key.children()) {
        if (exists(c))
            out.push_back(c);
    }
    return out;
}

std::int64_t TileScheme::lastColumn(const TileKey& key) const {
    return std::min(firstColumn(key) + span(key.level), grid_.cols - 1);
}

std::int64_t TileScheme::lastRow(const TileKey& key) const {
    return std::min(firstRow(key) + span(key.level), grid_.rows - 1);
}

namespace {

std::vector<std::int64_t> vertexIndices(std::int64_t first, std::int64_t last,
                                        std::int64_t stride) {
    std::vector<std::int64_t> out;
    for (std::int64_t i = first; i < last; i += stride)
        out.push_back(i);
    out.push_back(last);
    return out;
}

}  // namespace

std::vector<std::int64_t> TileScheme::vertexColumns(const TileKey& key) const {
    return vertexIndices(firstColumn(key), lastColumn(key), stride(key.level));
}

std::vector<std::int64_t> TileScheme::vertexRows(const TileKey& key) const {
    return vertexIndices(firstRow(key), lastRow(key), stride(key.level));
}

Extent TileScheme::extent(const TileKey& key) const {
    return {grid_.x(firstColumn(key)), grid_.y(firstRow(key)), grid_.x(lastColumn(key)),
            grid_.y(lastRow(key))};
}

Extent TileScheme::dataExtent() const {
    return {grid_.x0, grid_.y0, grid_.x(grid_.cols - 1), grid_.y(grid_.rows - 1)};
}

bool TileScheme::onDataEdge(const TileKey& key, TileEdge edge) const {
    switch (edge) {
        case TileEdge::West:
            return firstColumn(key) == 0;
        case TileEdge::East:
            return lastColumn(key) == grid_.cols - 1;
        case TileEdge::South:
            return firstRow(key) == 0;
        case TileEdge::North:
            return lastRow(key) == grid_.rows - 1;
    }
    return false;
}

std::optional<TileKey> TileScheme::tileAt(int level, double x, double y) const {
    if (level < 0 || level > maxLevel_)
        return std::nullopt;
    const double fc = (x - grid_.x0) / grid_.dx, fr = (y - grid_.y0) / grid_.dy;
    if (!(fc >= 0) || !(fr >= 0) || fc > double(grid_.cols - 1) || fr > double(grid_.rows - 1))
        return std::nullopt;
    const double s = double(span(level));
    TileKey k{level, std::int64_t(fc / s), std::int64_t(fr / s)};
    // A point on the last column or row belongs to the tile before it.
    k.x = std::min(k.x, tilesAcross(level) - 1);
    k.y = std::min(k.y, tilesUp(level) - 1);
    return k;
}

std::vector<TileKey> tilesInMortonOrder(const TileScheme& scheme, int level) {
    std::vector<TileKey> out;
    if (level < 0 || level > scheme.maxLevel())
        return out;
    out.reserve(std::size_t(scheme.tileCount(level)));
    // Recursive quadrant walk: children of one parent come out together.
    std::function<void(const TileKey&)> walk = [&](const TileKey& k) {
        if (!scheme.exists(k))
            return;
        if (k.level == level) {
            out.push_back(k);
            return;
        }
        for (const TileKey& c : k.children())
            walk(c);
    };
    walk(TileKey{0, 0, 0});
    return out;
}

}  // namespace cunjing::terrain
