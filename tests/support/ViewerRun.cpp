#include "ViewerRun.h"

#include <osgDB/ReadFile>

#include <cmath>
#include <cstdlib>
#include <iostream>

namespace cunjing::test {

std::string quoted(const std::string& text) {
    std::string out = "'";  // append, not '+': GCC 12 warns falsely (-Wrestrict) on the chain
    out.append(text).append("'");
    return out;
}

std::string quoted(const std::filesystem::path& p) {
    return quoted(p.string());
}

bool haveDisplay() {
    const char* display = std::getenv("DISPLAY");
    return display && *display;
}

std::filesystem::path demoStore() {
    return sourceDir() / "assets" / "demo" / "heritage_demo.gpkg";
}

std::filesystem::path demoStoreCopy(const std::string& stem) {
    const auto copy = outputDir("render") / (stem + ".gpkg");
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(copy.string() + suffix);
    std::filesystem::copy_file(demoStore(), copy);
    // The store's photos are relative to its folder: the copy's folder links to the demo's.
    const auto photos = outputDir("render") / "photos";
    std::error_code ec;
    if (!std::filesystem::exists(photos, ec))
        std::filesystem::create_directory_symlink(
            std::filesystem::absolute(demoStore().parent_path() / "photos"), photos, ec);
    return copy;
}

ViewerRun runViewer(const std::string& pngStem, const std::filesystem::path& scene, int frames,
                    int width, int height, const std::string& extraArgs) {
    const auto png = outputDir("render") / (pngStem + ".png");
    std::filesystem::remove(png);
    const std::string line = quoted(executable("cunjing-viewer")) + " " + quoted(scene) +
                             " --frames " + std::to_string(frames) + " --size " +
                             std::to_string(width) + "x" + std::to_string(height) +
                             " --screenshot " + quoted(png) + " " + extraArgs;
    ViewerRun run;
    run.command = runCommand(line);
    std::cerr << line << "\n" << run.command.out;
    if (std::filesystem::exists(png))
        run.image = osgDB::readRefImageFile(png.string());
    return run;
}

double luminanceAt(const osg::Image& image, int x, int yFromTop) {
    // osg::Image rows run bottom-up, as OpenGL's do.
    const unsigned char* p = image.data(x, image.t() - 1 - yFromTop);
    return 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
}

double meanDifference(const osg::Image& a, const osg::Image& b, const ScreenRect& r) {
    double sum = 0;
    for (int y = r.y; y < r.y + r.height; ++y) {
        for (int x = r.x; x < r.x + r.width; ++x)
            sum += std::abs(luminanceAt(a, x, y) - luminanceAt(b, x, y));
    }
    return sum / (double(r.width) * r.height);
}

double edgeDensity(const osg::Image& image, const ScreenRect& r) {
    int edges = 0, pairs = 0;
    for (int y = r.y; y < r.y + r.height; ++y) {
        for (int x = r.x; x + 1 < r.x + r.width; ++x, ++pairs) {
            if (std::abs(luminanceAt(image, x + 1, y) - luminanceAt(image, x, y)) > 48)
                ++edges;
        }
    }
    return pairs ? double(edges) / pairs : 0.0;
}

}  // namespace cunjing::test
