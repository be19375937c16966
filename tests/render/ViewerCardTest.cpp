// Info cards in the real viewer under Xvfb (issue 8, item 5): a tree's register photo is drawn
// on its card (found on screen and compared with the photo file), a photo that cannot be read
// leaves the message and a running viewer, and a click on a building opens its building card.

#include "TestPaths.h"
#include "ViewerRun.h"

#include <osg/Image>
#include <osgDB/ReadFile>
#include <osgDB/WriteFile>

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

using namespace cunjing::test;
namespace fs = std::filesystem;

namespace {

constexpr int kWidth = 1280, kHeight = 720;
/// The card's place: the right column below the scene panel (as ViewerSmokeTest's kInfoCard).
constexpr ScreenRect kCard{820, 280, 400, 200};
/// A tree with one register photo, rendered by make_photos.sh (800 x 600).
constexpr const char* kPhotoTree = "DEMO-007";

fs::path demoDir() {
    return fs::absolute(sourceDir() / "assets" / "demo");
}

/// The demo store and its photos folder, copied to a folder of this test's own (the viewer may
/// write into its store; the source tree must stay as it is). Returns the store copy.
fs::path storeWithPhotos(const std::string& name) {
    const fs::path dir = outputDir("render-card") / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy_file(demoDir() / "heritage_demo.gpkg", dir / "heritage_demo.gpkg");
    fs::copy(demoDir() / "photos", dir / "photos", fs::copy_options::recursive);
    return dir / "heritage_demo.gpkg";
}

/// Sets a tree's photos column in `store` the way an officer would, through the CLI.
void setPhotos(const fs::path& store, const std::string& tree, const std::string& photos) {
    const CommandResult r =
        runCommand(quoted(executable("cunjing")) + " trees --registry " + quoted(store) +
                   " --actor test edit " + tree + " --set " + quoted("photos=" + photos) + " 2>&1");
    ASSERT_EQ(r.exitCode, 0) << r.out;
}

ViewerRun runCard(const std::string& name, const fs::path& store, const std::string& args) {
    return runViewer("card_" + name, demoDir() / "demo.json", 30, kWidth, kHeight,
                     "--registry " + quoted(store) + " " + args);
}

std::array<int, 3> rgbAt(const osg::Image& image, int x, int yFromTop) {
    const unsigned char* p = image.data(unsigned(x), unsigned(image.t() - 1 - yFromTop));
    return {p[0], p[1], p[2]};
}

/// A photo no scene colour resembles: magenta left, green right, a yellow band along the top
/// sixth; 800 x 600 like the demo's photos, so the card lays out the same.
fs::path writeMarkerPhoto(const fs::path& path) {
    osg::ref_ptr<osg::Image> image = new osg::Image;
    image->allocateImage(800, 600, 1, GL_RGB, GL_UNSIGNED_BYTE);
    for (int t = 0; t < 600; ++t) {
        for (int s = 0; s < 800; ++s) {
            unsigned char* p = image->data(unsigned(s), unsigned(t));
            const bool band = t >= 500;  // osg rows count up from the bottom
            const bool left = s < 400;
            p[0] = band ? 240 : left ? 230 : 0;
            p[1] = band ? 220 : left ? 0 : 200;
            p[2] = band ? 0 : left ? 230 : 0;
        }
    }
    EXPECT_TRUE(osgDB::writeImageFile(*image, path.string())) << path;
    return path;
}

bool magenta(const std::array<int, 3>& c) {
    return c[0] > 180 && c[1] < 70 && c[2] > 180;
}

/// Where the marker photo was drawn: from the box its magenta half fills, the whole photo
/// (the green half as wide again to the right, the band a fifth of the magenta's height above).
std::optional<ScreenRect> findMarkerPhoto(const osg::Image& image) {
    int x0 = image.s(), y0 = image.t(), x1 = -1, y1 = -1;
    for (int y = 0; y < image.t(); ++y) {
        for (int x = 0; x < image.s(); ++x) {
            if (magenta(rgbAt(image, x, y))) {
                x0 = std::min(x0, x), x1 = std::max(x1, x);
                y0 = std::min(y0, y), y1 = std::max(y1, y);
            }
        }
    }
    if (x1 < 0)
        return std::nullopt;
    const int width = 2 * (x1 - x0 + 1), magentaHeight = y1 - y0 + 1;
    const int band = int(std::lround(magentaHeight / 5.0));
    return ScreenRect{x0, y0 - band, width, magentaHeight + band};
}

/// Mean absolute RGB difference between the screen inside `r` and the photo file scaled to
/// it, over a 32 x 24 grid of samples away from the edges (where filtering blends).
double differenceFromPhoto(const osg::Image& screen, const ScreenRect& r, const fs::path& photo) {
    osg::ref_ptr<osg::Image> file = osgDB::readImageFile(photo.string());
    EXPECT_TRUE(file) << photo;
    if (!file)
        return 255;
    double sum = 0;
    int n = 0;
    for (int j = 0; j < 24; ++j) {
        for (int i = 0; i < 32; ++i) {
            const double u = (i + 0.5) / 32, v = (j + 0.5) / 24;
            const auto s = rgbAt(screen, r.x + int(u * r.width), r.y + int(v * r.height));
            const int fx = int(u * file->s()), fyTop = int(v * file->t());
            const unsigned char* p = file->data(unsigned(fx), unsigned(file->t() - 1 - fyTop));
            for (int c = 0; c < 3; ++c)
                sum += std::abs(s[std::size_t(c)] - int(p[c]));
            n += 3;
        }
    }
    return sum / n;
}

}  // namespace

TEST(ViewerCard, TreeCardShowsTheRegisterPhotoAtTheCardsWidth) {
    if (!haveDisplay())
        GTEST_SKIP() << "DISPLAY is not set; test.sh runs this under Xvfb";
    // 1. A marker photo, to find where the card draws its photo.
    const fs::path markerStore = storeWithPhotos("marker");
    writeMarkerPhoto(markerStore.parent_path() / "photos" / "marker.png");
    setPhotos(markerStore, kPhotoTree, "photos/marker.png");
    const ViewerRun marker =
        runCard("marker", markerStore, std::string("--select tree:") + kPhotoTree);
    ASSERT_EQ(marker.command.exitCode, 0) << marker.command.out;
    ASSERT_TRUE(marker.image);
    const auto rect = findMarkerPhoto(*marker.image);
    ASSERT_TRUE(rect) << "no photo on the card";
    std::cerr << "photo drawn at " << rect->x << "," << rect->y << " " << rect->width << "x"
              << rect->height << "\n";
    // On the card at the right, 11 em (220 px at the 20 px font) tall at most so the fields
    // stay in view, and 4:3 like the file.
    EXPECT_GT(rect->x, kWidth / 2);
    EXPECT_GT(rect->width, 250);
    EXPECT_LE(rect->x + rect->width, kWidth);
    EXPECT_NEAR(double(rect->width) / rect->height, 4.0 / 3.0, 0.05);
    EXPECT_LT(differenceFromPhoto(*marker.image, *rect,
                                  markerStore.parent_path() / "photos" / "marker.png"),
              12.0);

    // 2. The demo's own photo of the tree (a render, make_photos.sh) in the same place.
    const fs::path store = storeWithPhotos("demo");
    const ViewerRun demo = runCard("demo", store, std::string("--select tree:") + kPhotoTree);
    ASSERT_EQ(demo.command.exitCode, 0) << demo.command.out;
    ASSERT_TRUE(demo.image);
    const fs::path photo = demoDir() / "photos" / "tree-DEMO-007-render.jpg";
    const double matched = differenceFromPhoto(*demo.image, *rect, photo);
    const double other = differenceFromPhoto(*marker.image, *rect, photo);
    std::cerr << "demo photo vs file " << matched << ", marker frame vs file " << other << "\n";
    // Scaled by the GPU and once more by the test's sampling: a few levels apart at most;
    // a frame without the photo is tens of levels off.
    EXPECT_LT(matched, 14.0) << "the card does not show the register's photo";
    EXPECT_GT(other, 40.0);
    EXPECT_EQ(demo.command.out.find("warning: photo"), std::string::npos) << demo.command.out;
}

TEST(ViewerCard, MissingPhotoShowsTheMessageAndTheViewerRunsOn) {
    if (!haveDisplay())
        GTEST_SKIP() << "DISPLAY is not set; test.sh runs this under Xvfb";
    const fs::path store = storeWithPhotos("missing");
    setPhotos(store, kPhotoTree, "photos/no-such-photo.jpg;https://example.org/tree.jpg");
    const ViewerRun missing =
        runCard("missing", store, std::string("--select tree:") + kPhotoTree + " --lang en");
    ASSERT_EQ(missing.command.exitCode, 0) << missing.command.out;
    ASSERT_TRUE(missing.image) << "the viewer stopped before its last frame";
    // The reason goes to stderr with the path resolved against the store's folder.
    EXPECT_NE(
        missing.command.out.find("warning: photo: " +
                                 (store.parent_path() / "photos" / "no-such-photo.jpg").string()),
        std::string::npos)
        << missing.command.out;
    // The card is there with its text (the message, the path, the link, the fields).
    EXPECT_GT(edgeDensity(*missing.image, kCard), 0.01) << "no card";
    EXPECT_FALSE(findMarkerPhoto(*missing.image));
}

TEST(ViewerCard, SelectedBuildingShowsItsBuildingCardInBothLanguages) {
    if (!haveDisplay())
        GTEST_SKIP() << "DISPLAY is not set; test.sh runs this under Xvfb";
    const fs::path store = storeWithPhotos("building");
    // Opening the card by a click on a house in the 3D view is not covered: in the first
    // viewpoint the click at a comb-village roof picked nothing (README, what is missing).
    // The same card through --select, in English: other glyphs in the same place.
    const ViewerRun english =
        runCard("building_en", store, "--select building:street/street-a-03 --lang en");
    const ViewerRun chinese = runCard("building_zh", store, "--select building:street/street-a-03");
    ASSERT_TRUE(english.image && chinese.image);
    EXPECT_EQ(english.command.out.find("error"), std::string::npos) << english.command.out;
    EXPECT_GT(edgeDensity(*english.image, kCard), 0.01) << "no building card for --select";
    EXPECT_GT(meanDifference(*english.image, *chinese.image, kCard), 5.0)
        << "the building card did not follow the language";
}
