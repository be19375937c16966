// `cunjing terrain build`: the pyramid, block by block.
//
// The LOD quadtree is cut into blocks: the subtrees under the tiles of one file level (the
// "block level"), each about 2048 finest samples a side. A worker reads one block's window of
// the DEM, makes its deepest tiles, then every parent up to the block tile, and writes the
// files of that subtree. The main thread then builds the few levels above the blocks from the
// block tiles, in Z-order so siblings arrive together. A file is only ever built from the data
// under it, so every file is the same whichever thread, run or shard wrote it, and a re-run
// can skip any file already there.

#include "PyramidFormat.h"
#include "PyramidImagery.h"
#include "PyramidSource.h"
#include "PyramidTiles.h"

#include <cunjing/terrain/Pyramid.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <map>
#include <thread>
#include <unordered_map>

namespace cunjing::terrain {

using namespace pyramid;

namespace {

/// Blocks a worker may run ahead of the main thread's Z-order walk (bounds memory).
constexpr std::size_t kAheadPerThread = 2;

bool fileExists(const std::filesystem::path& p) {
    return ::access(p.c_str(), F_OK) == 0;
}

Result<PyramidBuildReport> fail(const std::vector<Error>& e) {
    return Result<PyramidBuildReport>::failure(e);
}

/// LOD levels per file for a file tile size (samples a side of its grid).
int levelsPerFile(int tileSamples) {
    for (int d = 1; d <= 4; ++d) {
        if (tileSamples == (TileScheme::kDefaultTileSamples - 1) * (1 << d) + 1)
            return d;
    }
    return 0;
}

Status checkOptions(const PyramidBuildOptions& o) {
    if (levelsPerFile(o.tileSamples) == 0) {
        return Error{"", "--tile-samples",
                     "must be 65, 129, 257 or 513 (a file holds 1 to 4 levels of tiles of 33 "
                     "samples), got " +
                         std::to_string(o.tileSamples)};
    }
    if (o.threads < 1 || o.threads > 256)
        return Error{"", "--threads", "must be between 1 and 256"};
    if (o.outDir.empty())
        return Error{"", "--out", "name the folder to write the pyramid into"};
    if (o.shard && (o.shard->count < 1 || o.shard->index < 0 || o.shard->index >= o.shard->count))
        return Error{"", "--shard", "expected i/n with 0 <= i < n"};
    if (!o.imagery.empty() && (o.imageSize < 16 || o.imageSize > 2048))
        return Error{"", "--image-size", "must be between 16 and 2048"};
    if (o.blockSamples < 64 || o.blockSamples > 16384)
        return Error{"", "--block-samples", "must be between 64 and 16384"};
    return Done{};
}

/// An existing index.json must describe the same pyramid, or we would mix two.
Status checkExistingIndex(const std::filesystem::path& dir, const PyramidIndex& wanted) {
    const auto path = dir / "index.json";
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return Done{};
    auto bytes = readFile(path, 1 << 20);
    if (!bytes)
        return Status::failure(bytes.errors());
    auto old = parseIndex(std::string(bytes->begin(), bytes->end()), path.string());
    const auto& g = wanted.grid;
    if (!old || old->crsWkt != wanted.crsWkt || old->tileSamples != wanted.tileSamples ||
        old->lodTileSamples != wanted.lodTileSamples || old->blockSamples != wanted.blockSamples ||
        old->grid.x0 != g.x0 || old->grid.y0 != g.y0 || old->grid.dx != g.dx ||
        old->grid.dy != g.dy || old->grid.cols != g.cols || old->grid.rows != g.rows ||
        old->imageSize != wanted.imageSize) {
        return Error{dir.string(), "",
                     "holds a pyramid built from other input or settings (DEM, CRS, tile or block "
                     "size, imagery); build into an empty folder or delete this one"};
    }
    return Done{};
}

/// LOD tiles of `level` under block tile b (those that exist): x and y ranges.
struct Range {
    std::int64_t x0, x1, y0, y1;  // half-open
    std::int64_t count() const { return std::max<std::int64_t>(0, (x1 - x0) * (y1 - y0)); }
};

Range under(const TileScheme& s, const TileKey& b, int level) {
    const int up = level - b.level;
    return {b.x << up, std::min((b.x + 1) << up, s.tilesAcross(level)), b.y << up,
            std::min((b.y + 1) << up, s.tilesUp(level))};
}

struct BlockResult {
    TileKey block;
    std::optional<TileData> tile;  ///< the block tile, when this run computed it
    std::optional<ImageTile> image;
    std::int64_t files = 0, written = 0;
    std::vector<Error> errors;
};

class Builder {
public:
    Builder(const PyramidBuildOptions& o, DemPlan plan, TileScheme lod, FileLayout layout)
        : o_(o), plan_(std::move(plan)), lod_(std::move(lod)), layout_(layout) {
        // The block level: the shallowest file level whose tiles span at most blockSamples.
        std::vector<int> fileLevels{0};
        while (layout_.next(fileLevels.back()) >= 0)
            fileLevels.push_back(layout_.next(fileLevels.back()));
        blockLevel_ = fileLevels.back();
        for (auto it = fileLevels.rbegin() + 1; it != fileLevels.rend(); ++it) {
            if (lod_.span(*it) > o_.blockSamples)
                break;
            blockLevel_ = *it;
        }
    }

    Result<PyramidBuildReport> run();

private:
    /// Files under block b (its own included): the block's work.
    std::int64_t filesUnder(const TileKey& b) const {
        std::int64_t n = 0;
        for (int l = b.level; l >= 0; l = layout_.next(l))
            n += under(lod_, b, l).count();
        return n;
    }
    bool haveFile(const TileKey& k) const {
        return fileExists(tilePath(o_.outDir, k)) &&
               (!imagery_ || fileExists(imagePath(o_.outDir, k)));
    }
    /// A tile on its way up: tile and image (at file levels) where needed for a file still
    /// to write; a tile between file levels keeps its children for the file above it.
    struct Node {
        TileKey key;
        std::optional<TileData> tile;
        std::optional<ImageTile> image;
        std::vector<Node> kids;
    };
    Status writeFile(const TileKey& key, const std::vector<const TileData*>& held,
                     PyramidFile* decoded, std::int64_t& written);
    Result<Node> buildUnder(const TileKey& k, const SampleWindow& w,
                            std::unordered_map<TileKey, ImageTile, TileKeyHash>& images,
                            std::int64_t& written);
    BlockResult processBlock(const TileKey& b, DemWindowReader& dem, ImageryReader* img);
    Status reduce(BlockResult& r);
    Status settleTop(Node& p, std::vector<Node>& kids);
    void report() {
        if (o_.progress)
            o_.progress(progress_);
    }

    const PyramidBuildOptions& o_;
    DemPlan plan_;
    TileScheme lod_;
    FileLayout layout_;
    int blockLevel_ = 0;
    bool imagery_ = false;
    bool top_ = false;  ///< this run builds the levels above the blocks
    PyramidBuildProgress progress_;
    std::map<TileKey, std::vector<Node>> pending_;  ///< children waiting for their siblings
};

/// Writes file `key` (unless it is there) from the tiles it holds; `decoded` gets what
/// readers will see.
Status Builder::writeFile(const TileKey& key, const std::vector<const TileData*>& held,
                          PyramidFile* decoded, std::int64_t& written) {
    const PyramidFile file = fileOf(lod_, layout_, key, held);
    const auto bytes = encode(file, decoded);
    const auto path = tilePath(o_.outDir, key);
    if (!fileExists(path)) {
        if (Status s = writeAtomically(path, bytes); !s)
            return s;
        ++written;
    }
    return Done{};
}

/// The tiles a node's file holds: its descendants down to `depth` levels. False when one of
/// them was not made.
template <typename NodeT>
bool collectHeld(NodeT& n, int depth, std::vector<const TileData*>& held,
                 std::vector<NodeT*>* deepest) {
    bool complete = true;
    for (auto& k : n.kids) {
        if (!k.tile)
            complete = false;
        else
            held.push_back(&*k.tile);
        if (depth > 1)
            complete = collectHeld(k, depth - 1, held, deepest) && complete;
        else if (deepest)
            deepest->push_back(&k);
    }
    return complete;
}

/// Builds the tiles under `k` from the window, depth first (so only a path of subtrees is in
/// memory), writing each file on the way.
Result<Builder::Node> Builder::buildUnder(
    const TileKey& k, const SampleWindow& w,
    std::unordered_map<TileKey, ImageTile, TileKeyHash>& images, std::int64_t& written) {
    Node out{k, std::nullopt, std::nullopt, {}};
    const int deepest = lod_.maxLevel();
    if (k.level == deepest) {
        out.tile = leafTile(lod_, w, k);
        return out;
    }
    std::vector<const TileData*> ptrs;
    for (const TileKey& c : lod_.children(k)) {
        auto built = buildUnder(c, w, images, written);
        if (!built)
            return built;
        out.kids.push_back(std::move(built.value()));
    }
    for (const Node& c : out.kids)
        ptrs.push_back(&*c.tile);
    // One level above the data the bound through the children is exact already (every
    // finest sample is a child vertex); higher up the error is computed from the window.
    const bool exact = k.level < deepest - 1;
    out.tile = parentTile(lod_, k, ptrs, !exact);
    if (exact)
        exactErrors(lod_, w, *out.tile);
    if (!layout_.isFileLevel(k.level))
        return out;
    std::vector<const TileData*> held;
    std::vector<Node*> below;
    (void)collectHeld(out, layout_.depthOf(k.level), held, &below);  // all made here
    if (Status s = writeFile(k, held, nullptr, written); !s)
        return Result<Node>::failure(s.errors());
    if (imagery_) {
        std::vector<ImageTile> parts;
        if (k.level == layout_.deepestFileLevel()) {
            parts.push_back(std::move(images.at(k)));
            images.erase(k);
        } else {
            for (Node* n : below)
                parts.push_back(std::move(*n->image));
        }
        ImageTile merged = mergeImages(k, parts, o_.imageSize);
        const auto path = imagePath(o_.outDir, k);
        if (!fileExists(path)) {
            if (Status s = writePng(merged, path); !s)
                return Result<Node>::failure(s.errors());
        }
        out.image = std::move(merged);
    }
    out.kids.clear();  // the file holds them now
    return out;
}

BlockResult Builder::processBlock(const TileKey& b, DemWindowReader& dem, ImageryReader* img) {
    BlockResult out;
    out.block = b;
    out.files = filesUnder(b);
    // The block is read when a file under it is missing, or when the levels above need its
    // tile to make a missing file (its facts come from the window, exactly).
    bool any = top_ && b.level > 0 && !haveFile(layout_.fileOf(b));
    for (int l = b.level; l >= 0 && !any; l = layout_.next(l)) {
        const Range r = under(lod_, b, l);
        for (std::int64_t x = r.x0; x < r.x1 && !any; ++x) {
            for (std::int64_t y = r.y0; y < r.y1 && !any; ++y)
                any = !haveFile({l, x, y});
        }
    }
    if (!any)
        return out;
    const std::int64_t margin = kFillRadius + 1;
    const SampleGrid& g = lod_.grid();
    auto window = dem.read(std::max<std::int64_t>(0, lod_.firstColumn(b) - margin),
                           std::max<std::int64_t>(0, lod_.firstRow(b) - margin),
                           std::min(g.cols - 1, lod_.lastColumn(b) + margin),
                           std::min(g.rows - 1, lod_.lastRow(b) + margin));
    if (!window) {
        out.errors = window.errors();
        return out;
    }
    std::unordered_map<TileKey, ImageTile, TileKeyHash> images;
    if (img) {
        auto cut = img->readBlock(lod_, b, layout_.deepestFileLevel(), o_.imageSize);
        if (!cut) {
            out.errors = cut.errors();
            return out;
        }
        for (auto& t : cut.value())
            images.emplace(t.key, std::move(t));
    }
    auto built = buildUnder(b, window.value(), images, out.written);
    if (!built) {
        out.errors = built.errors();
        return out;
    }
    out.tile = std::move(built->tile);
    out.image = std::move(built->image);
    return out;
}

/// Makes or reads the file of a tile above the blocks whose children are all in.
Status Builder::settleTop(Node& p, std::vector<Node>& kids) {
    if (haveFile(p.key)) {
        // Already there: the tile as readers make it, from the file.
        const auto path = tilePath(o_.outDir, p.key);
        auto bytes = readFile(path, 256u << 20);
        if (!bytes)
            return Status::failure(bytes.errors());
        auto file = decode(bytes.value(), p.key, path.string());
        if (!file)
            return Status::failure(file.errors());
        auto t = keyTileOf(lod_, layout_, file.value());
        if (!t)
            return Status::failure(t.errors());
        p.tile = std::move(t.value());
        if (imagery_) {
            auto i = readPng(imagePath(o_.outDir, p.key), p.key, o_.imageSize);
            if (!i)
                return Status::failure(i.errors());
            p.image = std::move(i.value());
        }
        return Done{};
    }
    // The tiles it holds, from the nodes below (each was made because this file is missing).
    std::vector<const TileData*> held;
    std::vector<Node*> below;
    Node holder{p.key, std::nullopt, std::nullopt, std::move(kids)};
    if (!collectHeld(holder, layout_.depthOf(p.key.level), held, &below))
        return Error{"", "", "internal: a tile under " + p.key.toString() + " was not built"};
    std::vector<ImageTile> images;
    for (Node* n : below) {
        if (imagery_ && !n->image)
            return Error{"", "", "internal: image " + n->key.toString() + " was not built"};
        if (imagery_)
            images.push_back(std::move(*n->image));
    }
    PyramidFile decoded;
    if (Status s = writeFile(p.key, held, &decoded, progress_.filesWritten); !s)
        return s;
    // The tile from the file as written, so a resumed build makes the same one.
    auto t = keyTileOf(lod_, layout_, decoded);
    if (!t)
        return Status::failure(t.errors());
    p.tile = std::move(t.value());
    if (imagery_) {
        ImageTile merged = mergeImages(p.key, images, o_.imageSize);
        if (Status s = writePng(merged, imagePath(o_.outDir, p.key)); !s)
            return s;
        p.image = std::move(merged);
    }
    return Done{};
}

/// Feeds a block to the levels above the blocks: once all children of a tile are in, its tile
/// is made (and, at file levels, its file written or read) and goes on up.
Status Builder::reduce(BlockResult& r) {
    Node n{r.block, std::move(r.tile), std::move(r.image), {}};
    while (n.key.level > 0) {
        const TileKey parent = n.key.parent();
        auto& siblings = pending_[parent];
        siblings.push_back(std::move(n));
        if (siblings.size() < lod_.children(parent).size())
            return Done{};
        std::vector<Node> kids = std::move(siblings);
        pending_.erase(parent);
        Node p{parent, std::nullopt, std::nullopt, {}};
        if (layout_.isFileLevel(parent.level)) {
            if (Status s = settleTop(p, kids); !s)
                return s;
            ++progress_.filesDone;
            report();
        } else {
            if (std::all_of(kids.begin(), kids.end(),
                            [](const Node& k) { return k.tile.has_value(); })) {
                std::vector<const TileData*> ptrs;
                for (const Node& k : kids)
                    ptrs.push_back(&*k.tile);
                p.tile = parentTile(lod_, parent, ptrs);
            }
            p.kids = std::move(kids);
        }
        n = std::move(p);
    }
    return Done{};
}

Result<PyramidBuildReport> Builder::run() {
    imagery_ = !o_.imagery.empty();
    std::vector<TileKey> blocks = tilesInMortonOrder(lod_, blockLevel_);
    if (o_.shard) {
        const auto n = std::int64_t(blocks.size());
        const auto from = n * o_.shard->index / o_.shard->count;
        const auto to = n * (o_.shard->index + 1) / o_.shard->count;
        blocks = std::vector<TileKey>(blocks.begin() + from, blocks.begin() + to);
    }
    // The levels above the blocks: built by an unsharded run only (the last one of a shared
    // build), and only when a file there is missing.
    std::int64_t topFiles = 0;
    if (!o_.shard) {
        for (int l = 0; l >= 0 && l < blockLevel_; l = layout_.next(l)) {
            for (std::int64_t x = 0; x < lod_.tilesAcross(l); ++x) {
                for (std::int64_t y = 0; y < lod_.tilesUp(l); ++y) {
                    ++topFiles;
                    top_ = top_ || !haveFile({l, x, y});
                }
            }
        }
    }
    for (const TileKey& b : blocks)
        progress_.filesTotal += filesUnder(b);
    progress_.filesTotal += topFiles;
    if (!top_)
        progress_.filesDone += topFiles;
    report();

    std::vector<std::optional<BlockResult>> results(blocks.size());
    std::mutex mutex;
    std::condition_variable changed;
    std::size_t next = 0, consumed = 0;
    bool stop = false;
    const std::size_t ahead = kAheadPerThread * std::size_t(o_.threads);
    std::vector<Error> startErrors;
    auto worker = [&] {
        auto dem = DemWindowReader::open(o_.dem, plan_);
        std::unique_ptr<ImageryReader> img;
        std::vector<Error> errors;
        if (!dem) {
            errors = dem.errors();
        } else if (imagery_) {
            auto opened = ImageryReader::open(o_.imagery, plan_.workingWkt);
            if (opened)
                img = std::move(opened.value());
            else
                errors = opened.errors();
        }
        std::unique_lock<std::mutex> lock(mutex);
        if (!errors.empty()) {
            startErrors = errors;
            stop = true;
            changed.notify_all();
            return;
        }
        while (!stop) {
            changed.wait(lock,
                         [&] { return stop || next >= blocks.size() || next < consumed + ahead; });
            if (stop || next >= blocks.size())
                return;
            const std::size_t i = next++;
            lock.unlock();
            BlockResult r = processBlock(blocks[i], *dem.value(), img.get());
            lock.lock();
            if (!r.errors.empty())
                stop = true;
            results[i] = std::move(r);
            changed.notify_all();
        }
    };
    std::vector<std::thread> threads;
    for (int t = 0; t < o_.threads; ++t)
        threads.emplace_back(worker);
    std::vector<Error> errors;
    PyramidBuildReport report;
    for (std::size_t i = 0; i < blocks.size() && errors.empty(); ++i) {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock,
                     [&] { return results[i].has_value() || (stop && !startErrors.empty()); });
        if (!results[i]) {
            errors = startErrors;
            break;
        }
        BlockResult r = std::move(*results[i]);
        results[i].reset();
        consumed = i + 1;
        changed.notify_all();
        lock.unlock();
        if (!r.errors.empty()) {
            errors = r.errors;
            break;
        }
        progress_.filesDone += r.files;
        progress_.filesWritten += r.written;
        report.blocks += r.tile ? 1 : 0;
        this->report();
        if (top_) {
            if (Status s = reduce(r); !s)
                errors = s.errors();
        }
    }
    {
        std::lock_guard<std::mutex> lock(mutex);
        stop = true;
        changed.notify_all();
    }
    for (auto& t : threads)
        t.join();
    if (!errors.empty())
        return fail(errors);
    report.filesTotal = progress_.filesTotal;
    report.filesWritten = progress_.filesWritten;
    report.filesSkipped = progress_.filesTotal - progress_.filesWritten;
    report.fileLevels = layout_.fileLevelCount();
    report.crs = plan_.workingName;
    report.warnings = plan_.warnings;
    return report;
}

}  // namespace

Result<PyramidBuildReport> buildPyramid(const PyramidBuildOptions& o) {
    if (Status s = checkOptions(o); !s)
        return fail(s.errors());
    auto plan = planPyramid(o.dem, o.crs, o.demCrs);
    if (!plan)
        return fail(plan.errors());
    auto lod = TileScheme::create(plan->grid, TileScheme::kDefaultTileSamples);
    if (!lod)
        return fail(lod.errors());
    if (lod->maxLevel() < 1) {
        return Error{o.dem, "",
                     "too small for a pyramid (" + std::to_string(plan->grid.cols) + "x" +
                         std::to_string(plan->grid.rows) +
                         " samples fit in one tile); name it as \"dem\" in the scene instead"};
    }
    const FileLayout layout{levelsPerFile(o.tileSamples), lod->maxLevel()};
    PyramidIndex index;
    index.crs = plan->workingName;
    index.crsWkt = plan->workingWkt;
    index.grid = plan->grid;
    index.tileSamples = o.tileSamples;
    index.lodTileSamples = TileScheme::kDefaultTileSamples;
    index.levelsPerFile = layout.levelsPerFile;
    index.lodLevels = lod->maxLevel() + 1;
    index.blockSamples = o.blockSamples;
    index.source = std::filesystem::path(o.dem).filename().string();
    if (!o.imagery.empty()) {
        index.imageSize = o.imageSize;
        index.imageFormat = "png";
    }
    if (Status s = checkExistingIndex(o.outDir, index); !s)
        return fail(s.errors());
    std::error_code ec;
    std::filesystem::create_directories(o.outDir, ec);
    if (ec)
        return Error{o.outDir.string(), "", "cannot create the folder: " + ec.message()};
    // Refuse up front what cannot fit (a header can claim a raster of a million squared):
    // about 4 bytes a finest sample, a third more for the coarser levels.
    const double bytes = double(plan->grid.cols) * double(plan->grid.rows) * 4.0 * 1.1 +
                         (o.imagery.empty() ? 0.0
                                            : double(lod->totalTileCount()) * 4.0 * o.imageSize *
                                                  o.imageSize / (1 << (2 * layout.levelsPerFile)));
    const auto space = std::filesystem::space(o.outDir, ec);
    if (!ec && bytes > double(space.available)) {
        return Error{o.outDir.string(), "",
                     "the pyramid needs about " + std::to_string(std::llround(bytes / 1e9)) +
                         " GB and only " + std::to_string(space.available / 1000000000) +
                         " GB are free (is the DEM's size right?)"};
    }
    auto written = writeIfChanged(o.outDir / "index.json", indexJson(index));
    if (!written)
        return fail(written.errors());
    Builder builder(o, std::move(plan.value()), std::move(lod.value()), layout);
    return builder.run();
}

}  // namespace cunjing::terrain
