// Card photos without OpenGL: where a register's photo paths point, which entries are web
// addresses (listed, never fetched), and reading a photo: shrunk, upright, or an error that
// names the file.

#include "PhotoSource.h"

#include "TestPaths.h"

#include <osg/Image>
#include <osgDB/WriteFile>

#include <gtest/gtest.h>

#include <fstream>

using namespace cunjing::viewer;
namespace fs = std::filesystem;

namespace {

/// A w x h RGB image, bottom-left origin as osgDB writes it: the top row green, the rest red
/// on the left half and blue on the right.
fs::path writeTestPhoto(const std::string& name, int w, int h) {
    osg::ref_ptr<osg::Image> image = new osg::Image;
    image->allocateImage(w, h, 1, GL_RGB, GL_UNSIGNED_BYTE);
    for (int t = 0; t < h; ++t) {
        for (int s = 0; s < w; ++s) {
            unsigned char* p = image->data(unsigned(s), unsigned(t));
            const bool top = t >= h - h / 8;  // osg rows count up from the bottom
            p[0] = top ? 0 : s < w / 2 ? 220 : 20;
            p[1] = top ? 200 : 20;
            p[2] = top ? 0 : s < w / 2 ? 20 : 230;
        }
    }
    const fs::path path = cunjing::test::outputDir("photos") / name;
    EXPECT_TRUE(osgDB::writeImageFile(*image, path.string())) << path;
    return path;
}

std::array<int, 4> pixel(const PhotoPixels& p, int x, int y) {
    const std::uint8_t* q = &p.rgba[(std::size_t(y) * std::size_t(p.width) + std::size_t(x)) * 4];
    return {q[0], q[1], q[2], q[3]};
}

}  // namespace

TEST(PhotoPaths, RelativePathsResolveAgainstTheRegisterStoresFolder) {
    const fs::path base = photoBase("/data/registers/heritage.gpkg", "/scenes/village.json");
    EXPECT_EQ(base, fs::path("/data/registers"));
    const auto photos = resolvePhotos({"photos/tree-1.jpg", "  ", "/archive/b.png",
                                       "file:///archive/c.jpg", " https://example.org/t.jpg "},
                                      base);
    ASSERT_EQ(photos.size(), 4u) << "the blank entry is dropped";
    EXPECT_EQ(photos[0].file, fs::path("/data/registers/photos/tree-1.jpg"));
    EXPECT_EQ(photos[1].file, fs::path("/archive/b.png"));
    EXPECT_EQ(photos[2].file, fs::path("/archive/c.jpg"));
    EXPECT_TRUE(photos[3].isUrl());
    EXPECT_EQ(photos[3].text, "https://example.org/t.jpg");
}

TEST(PhotoPaths, PostgresStoresAndSceneDataUseTheSceneFilesFolder) {
    EXPECT_EQ(photoBase("PG:dbname=heritage", "/scenes/village.json"), fs::path("/scenes"));
    EXPECT_EQ(photoBase("", "/scenes/village.json"), fs::path("/scenes"));
    const auto photos = resolvePhotos({"../photos/a.jpg"}, photoBase("", "/scenes/v.json"));
    EXPECT_EQ(photos.at(0).file, fs::path("/photos/a.jpg"));
}

TEST(PhotoPaths, OnlySchemesOtherThanFileAreWebAddresses) {
    EXPECT_TRUE(isWebAddress("https://example.org/a.jpg"));
    EXPECT_TRUE(isWebAddress("http://10.0.0.1/a.jpg"));
    EXPECT_TRUE(isWebAddress("s3://bucket/a.jpg"));
    EXPECT_FALSE(isWebAddress("file:///tmp/a.jpg"));
    EXPECT_FALSE(isWebAddress("photos/a.jpg"));
    EXPECT_FALSE(isWebAddress("C:\\photos\\a.jpg"));
    EXPECT_FALSE(isWebAddress("://odd"));
    EXPECT_FALSE(isWebAddress("照片://a"));
}

TEST(PhotoLoad, MissingFileIsAnErrorNamingIt) {
    const fs::path missing = cunjing::test::outputDir("photos") / "no-such-photo.jpg";
    fs::remove(missing);
    const auto r = loadPhoto(missing);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.firstError().find(missing.string()), std::string::npos) << r.firstError();
    EXPECT_NE(r.firstError().find("no such file"), std::string::npos) << r.firstError();
}

TEST(PhotoLoad, AFileThatIsNoImageIsAnError) {
    const fs::path bad = cunjing::test::outputDir("photos") / "not-a-photo.jpg";
    std::ofstream(bad) << "this is text, not a JPEG\n";
    const auto r = loadPhoto(bad);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.firstError().find("not-a-photo.jpg"), std::string::npos) << r.firstError();
}

TEST(PhotoLoad, ALargePhotoIsShrunkToTheMaximumKeepingAspectAndUpright) {
    const fs::path path = writeTestPhoto("wide.png", 2048, 1024);
    const auto r = loadPhoto(path, 1024);
    ASSERT_TRUE(r.ok()) << r.firstError();
    EXPECT_EQ(r->width, 1024);
    EXPECT_EQ(r->height, 512);
    ASSERT_EQ(r->rgba.size(), 1024u * 512u * 4u);
    // Row 0 is the top: green. Below it, red on the left and blue on the right.
    EXPECT_EQ(pixel(r.value(), 10, 5), (std::array<int, 4>{0, 200, 0, 255}));
    EXPECT_EQ(pixel(r.value(), 10, 400), (std::array<int, 4>{220, 20, 20, 255}));
    EXPECT_EQ(pixel(r.value(), 1000, 400), (std::array<int, 4>{20, 20, 230, 255}));
}

TEST(PhotoLoad, ASmallPhotoIsKeptAtItsSize) {
    const auto r = loadPhoto(writeTestPhoto("small.png", 64, 48), 1024);
    ASSERT_TRUE(r.ok()) << r.firstError();
    EXPECT_EQ(r->width, 64);
    EXPECT_EQ(r->height, 48);
}

TEST(PhotoLoad, ShrinkingAveragesThePixelsEachOutputPixelCovers) {
    PhotoPixels p;
    p.width = 2;
    p.height = 2;
    p.rgba = {0, 0, 0, 255, 200, 100, 40, 255, 100, 100, 100, 255, 100, 0, 60, 255};
    const PhotoPixels one = shrinkPhoto(p, 1, 1);
    ASSERT_EQ(one.rgba.size(), 4u);
    EXPECT_EQ(pixel(one, 0, 0), (std::array<int, 4>{100, 50, 50, 255}));
}
