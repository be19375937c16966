// The whitelist and the first-bytes check: files that are plainly not models are refused with
// a reason a user understands, before any parser runs.

#include "TestPaths.h"

#include <cunjing/models/Import.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

using namespace cunjing::models;
namespace fs = std::filesystem;

namespace {

fs::path models() {
    return cunjing::test::sharedData() / "models";
}

fs::path writeFile(const std::string& name, const std::string& bytes) {
    const fs::path file = cunjing::test::outputDir("models_sniff") / name;
    std::ofstream(file, std::ios::binary) << bytes;
    return file;
}

std::string sniffError(const fs::path& file) {
    const auto r = sniffFormat(file);
    return r.ok() ? std::string() : r.firstError();
}

bool accepted(const std::string& extension) {
    const auto& all = acceptedExtensions();
    return std::find(all.begin(), all.end(), extension) != all.end();
}

}  // namespace

TEST(Sniff, WhitelistHasTheCommonFormatsAndNotTheCrashingOnes) {
    for (const char* e : {"glb", "gltf", "obj", "fbx", "dae", "3ds", "ply", "stl", "ifc", "off"})
        EXPECT_TRUE(accepted(e)) << e;
    // Assimp 5.2.5 segfaults or hangs on these (reliability-and-performance.md).
    for (const char* e : {"md5mesh", "mdc", "csm", "iqm", "hmp", "md2", "x", "lwo", "ase", "ter"})
        EXPECT_FALSE(accepted(e)) << e;
}

TEST(Sniff, RealModelsAreRecognised) {
    EXPECT_EQ(sniffFormat(models() / "khronos_samples/Duck.glb").value(), "glb");
    EXPECT_EQ(sniffFormat(models() / "chinese_architecture_0ad_han/han_house_a.obj").value(),
              "obj");
    EXPECT_EQ(sniffFormat(models() / "assimp/IFC/AC14-FZK-Haus.ifc").value(), "ifc");
    EXPECT_EQ(sniffFormat(models() / "assimp/3DS/RotatingCube.3DS").value(), "3ds");
    EXPECT_EQ(sniffFormat(models() / "assimp/STL/Spider_binary.stl").value(), "stl");
    EXPECT_EQ(sniffFormat(models() / "assimp/STL/Spider_ascii.stl").value(), "stl");
}

TEST(Sniff, HtmlPageSavedAsGlbIsNamed) {
    const std::string e =
        sniffError(models() / "invalid_in_the_wild/DamagedHelmet_is_html_page.glb");
    EXPECT_NE(e.find("is an HTML page, not a GLB model"), std::string::npos) << e;
}

TEST(Sniff, EmptyFileIsEmpty) {
    EXPECT_NE(sniffError(models() / "assimp/invalid/empty.obj").find(": is empty"),
              std::string::npos);
}

TEST(Sniff, OtherFormatsAreNotModels) {
    for (const char* name : {"notes.json", "texture.png", "buffer.bin", "noextension"}) {
        const std::string e = sniffError(writeFile(name, "{}"));
        EXPECT_NE(e.find("not a model format we read"), std::string::npos) << e;
    }
}

TEST(Sniff, ContentMustMatchTheExtension) {
    EXPECT_NE(sniffError(writeFile("fake.glb", "hello world")).find("does not start with 'glTF'"),
              std::string::npos);
    EXPECT_NE(sniffError(writeFile("fake.gltf", "solid x")).find("is not JSON"), std::string::npos);
    EXPECT_NE(sniffError(writeFile("fake.ply", "PK\x03\x04")).find("not a PLY model"),
              std::string::npos);
    EXPECT_NE(sniffError(writeFile("fake.ifc", "<html>")).find("HTML page, not an IFC model"),
              std::string::npos);
    EXPECT_NE(sniffError(writeFile("fake.stl", std::string(100, '\0'))).find("not an STL model"),
              std::string::npos);
    EXPECT_EQ(sniffFormat(writeFile("ok.GLTF", "\xEF\xBB\xBF  {\"asset\":{}}")).value(), "gltf");
}

TEST(Sniff, MissingFileAndFolderAreSaidSo) {
    EXPECT_NE(sniffError(models() / "nothing-here.glb").find("does not exist"), std::string::npos);
    EXPECT_NE(sniffError(models()).find("is a folder"), std::string::npos);
}
