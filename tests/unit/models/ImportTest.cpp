// importModel end to end: real models through the real worker, and a worker that crashes,
// hangs, runs out of memory or sends garbage (stand-in scripts through CUNJING_IMPORT_WORKER)
// reported as one clear error while the caller carries on.

#include "TestPaths.h"

#include <cunjing/models/Import.h>

#include <gtest/gtest.h>

#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <fstream>

using namespace cunjing::models;
using cunjing::Result;
namespace fs = std::filesystem;

namespace {

fs::path models() {
    return cunjing::test::sharedData() / "models";
}

/// Every test starts with the real worker; script tests point the variable elsewhere.
class Import : public ::testing::Test {
protected:
    void SetUp() override { useRealWorker(); }
    void TearDown() override { useRealWorker(); }
    static void useRealWorker() {
        ::setenv("CUNJING_IMPORT_WORKER",
                 fs::absolute(cunjing::test::executable("cunjing-import-worker")).c_str(), 1);
    }
    /// A shell script standing in for the worker.
    static void useScript(const std::string& name, const std::string& body) {
        const fs::path script = cunjing::test::outputDir("models_import") / (name + ".sh");
        std::ofstream(script) << "#!/bin/sh\n" << body << "\n";
        fs::permissions(script, fs::perms::owner_all);
        ::setenv("CUNJING_IMPORT_WORKER", script.c_str(), 1);
    }
    static fs::path duck() { return models() / "khronos_samples/Duck.glb"; }
};

int openFdCount() {
    int n = 0;
    if (DIR* dir = ::opendir("/proc/self/fd")) {
        while (::readdir(dir))
            ++n;
        ::closedir(dir);
    }
    return n;
}

}  // namespace

TEST_F(Import, DuckGlbComesWithItsEmbeddedPngTexture) {
    const Result<ImportedModel> m = importModel(duck());
    ASSERT_TRUE(m.ok()) << m.firstError();
    EXPECT_EQ(m->format, "glb");
    EXPECT_EQ(m->vertexCount(), 2399u);
    EXPECT_EQ(m->triangleCount(), 4212u);
    EXPECT_EQ(m->unitScale, 1.0);
    EXPECT_EQ(m->upAxis, 'y');
    ASSERT_EQ(m->textures.size(), 1u);
    const Texture& t = m->textures[0];
    EXPECT_EQ(t.name, "*0");
    EXPECT_EQ(t.format, Texture::Format::Rgba8);
    EXPECT_EQ(t.width, 512u);
    EXPECT_EQ(t.height, 512u);
    EXPECT_FALSE(t.missing());
    const MeshPart& part = m->meshes[0];
    ASSERT_GE(part.material, 0);
    EXPECT_EQ(m->materials[static_cast<std::size_t>(part.material)].baseColorTexture, 0);
    EXPECT_EQ(part.normals.size(), part.positions.size());
    EXPECT_EQ(part.uvs.size(), part.positions.size());
}

TEST_F(Import, DracoCompressedBoxIsDecoded) {
    const Result<ImportedModel> m = importModel(models() / "khronos_samples/BoxTextured_draco.glb");
    ASSERT_TRUE(m.ok()) << m.firstError();
    EXPECT_EQ(m->triangleCount(), 12u);
    ASSERT_EQ(m->textures.size(), 1u);
    EXPECT_FALSE(m->textures[0].missing()) << m->textures[0].missingReason;
}

TEST_F(Import, HanHouseObjFindsItsDdsTextureKeptCompressed) {
    const auto m = importModel(models() / "chinese_architecture_0ad_han/han_house_a.obj");
    ASSERT_TRUE(m.ok()) << m.firstError();
    EXPECT_EQ(m->triangleCount(), 1000u);
    ASSERT_EQ(m->textures.size(), 1u);
    const Texture& t = m->textures[0];
    EXPECT_EQ(t.name, "han_struct_02.png.cached.dds");
    EXPECT_EQ(t.format, Texture::Format::Bc3);
    EXPECT_EQ(t.width, 2048u);
    EXPECT_EQ(t.height, 1024u);
    EXPECT_GT(t.levels.size(), 1u);  // the mip chain comes along
    EXPECT_EQ(t.levels[0].size(), 2048u * 1024u);
}

TEST_F(Import, IfcHouseHasItsSiteGeoreferenceInMetresYUp) {
    const auto m = importModel(models() / "assimp/IFC/AC14-FZK-Haus.ifc");
    ASSERT_TRUE(m.ok()) << m.firstError();
    ASSERT_TRUE(m->georeference);
    // IFCSITE(...,(52,31,0),(13,24,0),$,...)
    EXPECT_NEAR(m->georeference->latitude, 52 + 31.0 / 60, 1e-9);
    EXPECT_NEAR(m->georeference->longitude, 13 + 24.0 / 60, 1e-9);
    EXPECT_EQ(m->unitScale, 1.0);
    EXPECT_EQ(m->upAxis, 'y');
    EXPECT_GT(m->vertexCount(), 10000u);
}

TEST_F(Import, CrashingPlyIsReportedAndTheCallerCarriesOn) {
    const fs::path ply =
        models() / "assimp/invalid/crash-30d6d0f7c529b3b66b4131700b7a4580cd7082df.ply";
    const auto m = importModel(ply);
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.firstError(),
              ply.string() + ": the importer crashed (segmentation fault) while reading it");
    EXPECT_TRUE(importModel(duck()).ok());
}

TEST_F(Import, HangingWorkerIsStoppedAtTheDeadline) {
    useScript("sleeps", "exec sleep 30");
    ImportLimits limits;
    limits.seconds = 0.5;
    const auto start = std::chrono::steady_clock::now();
    const auto m = importModel(duck(), limits);
    const double took =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(m.firstError(), duck().string() +
                                  ": the importer ran past the 0.5 s limit and "
                                  "was stopped");
    EXPECT_LT(took, 3.0);
}

TEST_F(Import, WorkerThatClosesItsPipesAndLingersIsStoppedToo) {
    useScript("lingers", "exec >&- 2>&-\nexec sleep 30");
    ImportLimits limits;
    limits.seconds = 0.5;
    EXPECT_NE(importModel(duck(), limits).firstError().find("ran past the 0.5 s limit"),
              std::string::npos);
}

TEST_F(Import, SignalsAreNamed) {
    useScript("segv", "kill -SEGV $$");
    EXPECT_NE(importModel(duck()).firstError().find("crashed (segmentation fault)"),
              std::string::npos);
    useScript("abrt", "kill -ABRT $$");
    EXPECT_NE(importModel(duck()).firstError().find("crashed (abort)"), std::string::npos);
    useScript("bus", "kill -BUS $$");
    EXPECT_NE(importModel(duck()).firstError().find("crashed (bus error)"), std::string::npos);
}

TEST_F(Import, AbortAfterAFailedAllocationIsOutOfMemory) {
    useScript("oom-abort", "echo 'cunjing-import-worker: out of memory' >&2\nkill -ABRT $$");
    ImportLimits limits;
    limits.addressSpaceBytes = 512ull << 20;
    EXPECT_EQ(importModel(duck(), limits).firstError(),
              duck().string() + ": the importer ran out of memory (limit 512 MB)");
}

TEST_F(Import, RealModelUnderATinyMemoryLimitRunsOutOfMemory) {
    ImportLimits limits;
    limits.addressSpaceBytes = 40ull << 20;
    const auto m = importModel(models() / "assimp/IFC/AC14-FZK-Haus.ifc", limits);
    EXPECT_NE(m.firstError().find("the importer ran out of memory (limit 40 MB)"),
              std::string::npos)
        << m.firstError();
}

TEST_F(Import, CleanFailureGivesTheWorkersReasonOnOneLine) {
    useScript("fails",
              "echo 'some library noise' >&2\n"
              "printf 'cunjing-import-worker: OBJ: Invalid\\tface index.\\n' >&2\nexit 2");
    EXPECT_EQ(importModel(duck()).firstError(), duck().string() + ": OBJ: Invalid face index.");
}

TEST_F(Import, FloodOfStderrIsBoundedAndTheReasonKept) {
    useScript("chatty",
              "head -c 5000000 /dev/zero | tr '\\0' x >&2\n"
              "echo >&2\necho 'cunjing-import-worker: bad file' >&2\nexit 2");
    EXPECT_EQ(importModel(duck()).firstError(), duck().string() + ": bad file");
}

TEST_F(Import, GarbageOnStdoutIsRefused) {
    useScript("garbage", "printf 'CJMW\\001\\000\\000\\000\\377\\377\\377\\377'");
    EXPECT_NE(importModel(duck()).firstError().find("sent back broken data"), std::string::npos);
}

TEST_F(Import, MissingWorkerIsSaidSo) {
    ::setenv("CUNJING_IMPORT_WORKER", "/nonexistent/cunjing-import-worker", 1);
    EXPECT_NE(importModel(duck()).firstError().find("the import worker is missing"),
              std::string::npos);
}

TEST_F(Import, FilesThatAreNotModelsNeverReachTheWorker) {
    useScript("must-not-run", "kill -SEGV $$");
    const auto m = importModel(models() / "invalid_in_the_wild/DamagedHelmet_is_html_page.glb");
    EXPECT_NE(m.firstError().find("is an HTML page, not a GLB model"), std::string::npos);
}

TEST_F(Import, NoDescriptorsOrZombiesAreLeftBehind) {
    const int before = openFdCount();
    useScript("segv", "kill -SEGV $$");
    for (int i = 0; i < 5; ++i)
        EXPECT_FALSE(importModel(duck()).ok());
    useRealWorker();
    EXPECT_TRUE(importModel(duck()).ok());
    EXPECT_EQ(openFdCount(), before);
    int status = 0;
    EXPECT_EQ(::waitpid(-1, &status, WNOHANG), -1);
    EXPECT_EQ(errno, ECHILD);
}
