#include "PyramidFormat.h"
#include "PyramidTiles.h"

#include <cunjing/terrain/Pyramid.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cunjing::terrain {

using namespace pyramid;

namespace {
/// Decoded files kept: a view's siblings come from one file, and a few levels are in use.
constexpr std::size_t kRecentFiles = 48;
}  // namespace

namespace {
FileLayout layoutOf(const PyramidIndex& index) {
    return {index.levelsPerFile, index.lodLevels - 1};
}
}  // namespace

TileKey PyramidTileSource::fileOf(const TileKey& lodKey) const {
    return lodKey.level == 0 ? lodKey : layoutOf(index_).fileOf(lodKey);
}

int PyramidTileSource::deepestFileLevel() const {
    return layoutOf(index_).deepestFileLevel();
}

Result<std::shared_ptr<PyramidTileSource>> PyramidTileSource::open(
    const std::filesystem::path& dir) {
    using R = Result<std::shared_ptr<PyramidTileSource>>;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        return Error{dir.string(), "",
                     "not a folder (a pyramid is the folder `cunjing terrain "
                     "build --out` wrote)"};
    const auto indexPath = dir / "index.json";
    auto bytes = readFile(indexPath, 1 << 20);
    if (!bytes)
        return R::failure(bytes.errors());
    auto index = parseIndex(std::string(bytes->begin(), bytes->end()), indexPath.string());
    if (!index)
        return R::failure(index.errors());
    auto lod = TileScheme::create(index->grid, index->lodTileSamples);
    if (!lod)
        return Error{indexPath.string(), "", "describes no valid tiles: " + lod.firstError()};
    if (lod->maxLevel() + 1 != index->lodLevels)
        return Error{indexPath.string(), "", "\"lod_levels\" does not match the grid"};
    std::shared_ptr<PyramidTileSource> s(new PyramidTileSource);
    s->dir_ = dir;
    s->index_ = std::move(index.value());
    s->lodScheme_ = std::move(lod.value());
    return s;
}

std::filesystem::path PyramidTileSource::tilePath(const TileKey& fileKey) const {
    return pyramid::tilePath(dir_, fileKey);
}

Result<std::shared_ptr<const PyramidFile>> PyramidTileSource::file(const TileKey& key) const {
    using R = Result<std::shared_ptr<const PyramidFile>>;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        for (std::size_t i = 0; i < recent_.size(); ++i) {
            if (recent_[i].first == key) {
                auto hit = recent_[i].second;
                std::rotate(recent_.begin(), recent_.begin() + std::ptrdiff_t(i),
                            recent_.begin() + std::ptrdiff_t(i) + 1);
                return hit;
            }
        }
    }
    const auto path = tilePath(key);
    auto bytes = readFile(path, 64u << 20);
    if (!bytes)
        return R::failure(bytes.errors());
    auto decoded = decode(bytes.value(), key, path.string());
    if (!decoded)
        return R::failure(decoded.errors());
    auto shared = std::make_shared<const PyramidFile>(std::move(decoded.value()));
    std::lock_guard<std::mutex> lock(mutex_);
    recent_.insert(recent_.begin(), {key, shared});
    if (recent_.size() > kRecentFiles)
        recent_.pop_back();
    return std::shared_ptr<const PyramidFile>(shared);
}

Result<TileData> PyramidTileSource::loadTile(const TileKey& key) const {
    if (!lodScheme_.exists(key))
        return Error{dir_.string(), "tile " + key.toString(), "no such tile in this pyramid"};
    auto f = file(fileOf(key));
    if (!f)
        return Result<TileData>::failure(f.errors());
    const PyramidFile& file = *f.value();
    const FileLayout layout = layoutOf(index_);
    // The root is made from the children its file holds; every other tile is held as is.
    auto t = key.level == 0 ? keyTileOf(lodScheme_, layout, file)
                            : subTileOf(lodScheme_, layout, file, key);
    if (!t)
        return Error{tilePath(file.key).string(), t.errors()[0].where, t.errors()[0].message};
    return t;
}

std::optional<PyramidTileSource::ImageryRef> PyramidTileSource::imageryFor(
    const TileKey& lodKey) const {
    if (index_.imageSize <= 0 || !lodScheme_.exists(lodKey))
        return std::nullopt;
    const TileKey f = fileOf(lodKey);
    const SampleGrid& g = index_.grid;
    const double side = double(lodScheme_.span(f.level));
    return ImageryRef{pyramid::imagePath(dir_, f), g.x(lodScheme_.firstColumn(f)),
                      g.y(lodScheme_.firstRow(f)), side * g.dx, side * g.dy};
}

Result<Heightfield> PyramidTileSource::overview(int maxGridSize) const {
    const SampleGrid& g = index_.grid;
    maxGridSize = std::max(maxGridSize, 2);
    int level = lodScheme_.maxLevel();
    while (level > 0 && std::max((g.cols - 1) / lodScheme_.stride(level),
                                 (g.rows - 1) / lodScheme_.stride(level)) +
                                1 >
                            maxGridSize)
        --level;
    const std::int64_t s = lodScheme_.stride(level);
    Heightfield f;
    f.cols = int((g.cols - 1) / s + 1);
    f.rows = int((g.rows - 1) / s + 1);
    if (f.cols < 2 || f.rows < 2)
        return Error{dir_.string(), "", "the pyramid is too small for an overview"};
    f.x0 = g.x0;
    f.y0 = g.y0;
    f.dx = g.dx * double(s);
    f.dy = g.dy * double(s);
    f.heights.assign(std::size_t(f.cols) * f.rows, std::numeric_limits<float>::quiet_NaN());
    for (std::int64_t x = 0; x < lodScheme_.tilesAcross(level); ++x) {
        for (std::int64_t y = 0; y < lodScheme_.tilesUp(level); ++y) {
            auto t = loadTile({level, x, y});
            if (!t)
                return Result<Heightfield>::failure(t.errors());
            const auto cs = lodScheme_.vertexColumns({level, x, y});
            const auto rs = lodScheme_.vertexRows({level, x, y});
            for (int j = 0; j < t->rows; ++j) {
                for (int i = 0; i < t->cols; ++i) {
                    // The data's last sample may sit between two overview samples: skip it.
                    if (cs[std::size_t(i)] % s || rs[std::size_t(j)] % s)
                        continue;
                    f.at(int(cs[std::size_t(i)] / s), int(rs[std::size_t(j)] / s)) =
                        t->height(i, j);
                }
            }
        }
    }
    float lowest = std::numeric_limits<float>::infinity();
    for (float h : f.heights) {
        if (std::isfinite(h))
            lowest = std::min(lowest, h);
    }
    if (!std::isfinite(lowest))
        return Error{dir_.string(), "", "the pyramid holds no height data"};
    for (float& h : f.heights) {
        if (!std::isfinite(h))
            h = lowest;
    }
    return f;
}

}  // namespace cunjing::terrain
