#include "ViewerRun.h"

#include <gtest/gtest.h>
#include <osgDB/ReadFile>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

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

std::filesystem::path demoSceneWith(const std::string& folder, const std::string& keys) {
    // Absolute: the copy links to these files from another folder.
    const auto demo = std::filesystem::absolute(sourceDir() / "assets" / "demo");
    const auto dir = outputDir("render") / folder;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    for (const auto& entry : std::filesystem::directory_iterator(demo)) {
        if (entry.path().filename() != "demo.json")
            std::filesystem::create_symlink(entry.path(), dir / entry.path().filename());
    }
    std::ifstream in(demo / "demo.json");
    std::stringstream text;
    text << in.rdbuf();
    std::string json = text.str();
    const std::string version = "\"version\": 1,";
    const auto at = json.find(version);
    EXPECT_NE(at, std::string::npos) << "demo.json has no \"version\": 1";
    if (at != std::string::npos)
        json.insert(at + version.size(), " " + keys);
    std::ofstream(dir / "demo.json") << json;
    return dir / "demo.json";
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
