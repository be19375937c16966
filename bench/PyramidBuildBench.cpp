// Pyramid build time against `gdal_translate` of the same DEM to an uncompressed GeoTIFF,
// as a ratio (issue 3, benchmark a; target: at most 3x), with 1 and 2 threads.
//
// The 8192 x 8192 DEMs are made by upsampling Mt Fuji (SRTM 90 m) with GDAL's tools:
//   geographic: gdal_translate -outsize 8192 8192 -r bilinear (EPSG:4326, like SRTM: the build
//               reprojects every sample to UTM 54N)
//   projected:  gdalwarp -t_srs EPSG:32654 -ts 8192 8192 -r bilinear (like a county survey
//               DEM in Gauss-Kruger: the build reads its pixels as they are)
// Each measurement writes into a fresh folder and nothing is deleted until the end (deleting
// thousands of files slows the next creations on ext4). Wall-clock times vary run to run on
// a shared machine: read the ratio of each round, taken side by side, and their median.
//
//   build/bin/bench_pyramid_build [work-folder] [rounds]

#include <cunjing/terrain/Pyramid.h>

#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using namespace cunjing::terrain;
namespace fs = std::filesystem;

namespace {

double seconds(const std::chrono::steady_clock::time_point& since) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

bool run(const std::string& command) {
    return std::system(command.c_str()) == 0;
}

std::uintmax_t bytesUnder(const fs::path& dir) {
    std::uintmax_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (e.is_regular_file())
            n += e.file_size();
    }
    return n;
}

struct Case {
    std::string name;
    fs::path dem;
    std::string crs;
};

}  // namespace

int main(int argc, char** argv) {
    // As `cunjing terrain build` does: keep freed block memory in the process.
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    const fs::path work =
        argc > 1 ? fs::path(argv[1]) : fs::temp_directory_path() / "cunjing-pyramid-bench";
    const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    const char* shared = std::getenv("CUNJING_SHARED_DATA");
    const fs::path fuji =
        fs::path(shared ? shared : "../shared/data") / "dem/osgearth/mt_fuji_90m.tif";
    if (!fs::exists(fuji)) {
        std::fprintf(stderr,
                     "error: %s not found (run from the repository root or set "
                     "CUNJING_SHARED_DATA)\n",
                     fuji.c_str());
        return 2;
    }
    fs::remove_all(work);
    fs::create_directories(work);
    const Case cases[] = {{"projected (EPSG:32654, read as is)", work / "fuji8k_utm.tif", ""},
                          {"geographic (EPSG:4326, reprojected to EPSG:32654)",
                           work / "fuji8k_wgs84.tif", "EPSG:32654"}};
    std::printf("making the 8192 x 8192 DEMs from %s ...\n", fuji.c_str());
    if (!run("gdalwarp -q -overwrite -t_srs EPSG:32654 -ts 8192 8192 -r bilinear '" +
             fuji.string() + "' '" + cases[0].dem.string() + "'") ||
        !run("gdal_translate -q -outsize 8192 8192 -r bilinear '" + fuji.string() + "' '" +
             cases[1].dem.string() + "'")) {
        std::fprintf(stderr, "error: gdalwarp/gdal_translate failed (is gdal-bin installed?)\n");
        return 3;
    }
    run("sync");
    int runId = 0;
    for (const Case& c : cases) {
        std::vector<double> translate, one, two, ratio1, ratio2;
        std::int64_t files = 0;
        std::uintmax_t bytes = 0;
        for (int r = 0; r < rounds; ++r) {
            const fs::path tif = work / ("translate" + std::to_string(++runId) + ".tif");
            auto t0 = std::chrono::steady_clock::now();
            if (!run("gdal_translate -q -of GTiff '" + c.dem.string() + "' '" + tif.string() + "'"))
                return 3;
            translate.push_back(seconds(t0));
            for (int threads : {1, 2}) {
                PyramidBuildOptions o;
                o.dem = c.dem.string();
                o.outDir = work / ("pyramid" + std::to_string(++runId));
                o.threads = threads;
                o.crs = c.crs;
                t0 = std::chrono::steady_clock::now();
                auto report = buildPyramid(o);
                const double s = seconds(t0);
                if (!report) {
                    std::fprintf(stderr, "error: %s\n", report.firstError().c_str());
                    return 3;
                }
                files = report->filesWritten;
                bytes = bytesUnder(o.outDir);
                (threads == 1 ? one : two).push_back(s);
                (threads == 1 ? ratio1 : ratio2).push_back(s / translate.back());
            }
        }
        std::printf("\n%s, %d rounds\n", c.name.c_str(), rounds);
        std::printf("  gdal_translate to uncompressed GeoTIFF: median %.2f s (%.0f MB)\n",
                    median(translate), double(fs::file_size(c.dem)) / 1e6);
        std::printf("  pyramid, 1 thread:  median %.2f s, ratio %.2fx (rounds:", median(one),
                    median(ratio1));
        for (double x : ratio1)
            std::printf(" %.2f", x);
        std::printf(")\n  pyramid, 2 threads: median %.2f s, ratio %.2fx (rounds:", median(two),
                    median(ratio2));
        for (double x : ratio2)
            std::printf(" %.2f", x);
        std::printf(")\n  pyramid: %lld tile files, %.0f MB\n", (long long)files,
                    double(bytes) / 1e6);
    }
    fs::remove_all(work);
    return 0;
}
