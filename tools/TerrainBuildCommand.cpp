// `cunjing terrain build <dem> --out DIR`: an on-disk tile pyramid for DEMs too big to load
// whole. Resumable (a re-run skips finished tiles), deterministic, and splittable across
// machines with --shard i/n.

#include "TerrainCommand.h"

#include <cunjing/terrain/Pyramid.h>

#include <malloc.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <regex>
#include <thread>

namespace cunjing::tools {

namespace {

constexpr int kBadInput = 2;

struct BuildOptions {
    std::string dem;
    std::string out;
    std::string imagery;
    std::string crs;
    std::string demCrs;
    std::string shard;
    int threads = int(std::max(1u, std::thread::hardware_concurrency()));
    int tileSamples = 129;
    int imageSize = 256;
    int blockSamples = 2048;
    bool quiet = false;
};

/// A progress bar on stderr: redrawn in place on a terminal (10 times a second at most), one
/// line per tenth of the work otherwise (logs of batch jobs stay short).
class ProgressBar {
public:
    explicit ProgressBar(bool quiet) : quiet_(quiet), tty_(::isatty(2) == 1) {}

    void update(const terrain::PyramidBuildProgress& p) {
        if (quiet_ || p.filesTotal <= 0)
            return;
        const auto now = std::chrono::steady_clock::now();
        const double seconds = std::chrono::duration<double>(now - start_).count();
        const double done = double(p.filesDone) / double(p.filesTotal);
        const bool finished = p.filesDone >= p.filesTotal;
        if (tty_) {
            if (!finished && now - last_ < std::chrono::milliseconds(100))
                return;
            last_ = now;
            const int width = 30, filled = int(done * width);
            std::string bar(std::size_t(filled), '#');
            bar.resize(std::size_t(width), '.');
            char eta[32] = "";
            if (done > 0.02 && !finished)
                std::snprintf(eta, sizeof eta, ", %.0f s left", seconds * (1 - done) / done);
            std::fprintf(stderr, "\r[%s] %3d%% %lld/%lld tiles, %lld written, %.1f s%s   ",
                         bar.c_str(), int(done * 100), (long long)p.filesDone,
                         (long long)p.filesTotal, (long long)p.filesWritten, seconds, eta);
            if (finished)
                std::fputc('\n', stderr);
        } else {
            const int tenth = int(done * 10);
            if (tenth <= lastTenth_)
                return;
            lastTenth_ = tenth;
            std::fprintf(stderr, "build: %3d%% %lld/%lld tiles, %lld written, %.1f s\n", tenth * 10,
                         (long long)p.filesDone, (long long)p.filesTotal, (long long)p.filesWritten,
                         seconds);
        }
        std::fflush(stderr);
    }

private:
    bool quiet_, tty_;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point last_{};
    int lastTenth_ = -1;
};

int fail(const std::vector<Error>& errors) {
    for (const Error& e : errors)
        std::cerr << "error: " << e.toString() << "\n";
    return kBadInput;
}

int runBuild(const BuildOptions& o) {
    // Every block allocates and frees the same few megabytes; keeping them in the process
    // instead of giving them back to the kernel saves a page fault per 4 kB, per block.
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    terrain::PyramidBuildOptions options;
    options.dem = o.dem;
    options.outDir = o.out;
    options.imagery = o.imagery;
    options.crs = o.crs;
    options.demCrs = o.demCrs;
    options.threads = o.threads;
    options.tileSamples = o.tileSamples;
    options.imageSize = o.imageSize;
    options.blockSamples = o.blockSamples;
    if (!o.shard.empty()) {
        std::smatch m;
        if (!std::regex_match(o.shard, m, std::regex(R"((\d{1,6})/(\d{1,6}))")))
            return fail({{"", "--shard", "expected i/n such as 3/16, got \"" + o.shard + "\""}});
        options.shard = terrain::PyramidShard{std::stoi(m[1]), std::stoi(m[2])};
    }
    auto bar = std::make_shared<ProgressBar>(o.quiet);
    options.progress = [bar](const terrain::PyramidBuildProgress& p) { bar->update(p); };
    const auto started = std::chrono::steady_clock::now();
    auto report = terrain::buildPyramid(options);
    if (!report)
        return fail(report.errors());
    for (const Error& w : report->warnings)
        std::cerr << "note: " << w.toString() << "\n";
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf(
        "%s: %lld tiles (%lld written, %lld already there), %d levels, %s, %.2f s%s\n",
        o.out.c_str(), (long long)report->filesTotal, (long long)report->filesWritten,
        (long long)report->filesSkipped, report->fileLevels, report->crs.c_str(), seconds,
        options.shard ? " (one shard: run once more without --shard when all are done)" : "");
    return 0;
}

}  // namespace

void addTerrainBuildCommand(CLI::App& terrain, std::function<int()>& run) {
    auto o = std::make_shared<BuildOptions>();
    CLI::App* cmd = terrain.add_subcommand(
        "build", "Write an on-disk tile pyramid of a DEM (and imagery), for DEMs too big to load");
    cmd->add_option("dem", o->dem, "DEM file (GeoTIFF, .hgt, ASCII grid, GeoPackage, netCDF ...)")
        ->required();
    cmd->add_option("--out", o->out, "Folder to write the pyramid into (re-run to resume)")
        ->required();
    cmd->add_option("--imagery", o->imagery, "Imagery raster to cut per tile (8-bit RGB/RGBA)");
    cmd->add_option("--threads", o->threads, "Worker threads")->capture_default_str();
    cmd->add_option("--crs", o->crs,
                    "Working CRS, projected (default: the DEM's, or its UTM zone if geographic)");
    cmd->add_option("--dem-crs", o->demCrs, "CRS of the DEM when the file has none");
    cmd->add_option("--tile-samples", o->tileSamples,
                    "Samples a side of each file's grid: 65, 129, 257 or 513 (1 to 4 levels of "
                    "33-sample tiles per file)")
        ->capture_default_str();
    cmd->add_option("--block-samples", o->blockSamples,
                    "DEM samples a side each worker reads at once (about 20 bytes each)")
        ->capture_default_str();
    cmd->add_option("--image-size", o->imageSize, "Pixels a side of each imagery tile")
        ->capture_default_str();
    cmd->add_option("--shard", o->shard,
                    "Build only part i of n (0-based) for a batch array; run once more without "
                    "--shard afterwards to finish the top levels");
    cmd->add_flag("--quiet", o->quiet, "No progress bar");
    cmd->callback([&run, o] { run = [o] { return runBuild(*o); }; });
}

}  // namespace cunjing::tools
