// End to end: `cunjing model check` on real models, on broken ones, and on every file of the
// shared model corpus (about 1,000 files, in shards so that ctest -j runs them side by side):
// each ends with exit 0, or exit 2 and exactly one "error: <file>: <reason>" line, within its
// time limit, never a signal.

#include "TestPaths.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <iterator>

using namespace cunjing::test;
namespace fs = std::filesystem;

namespace {

constexpr int kShards = 8;
constexpr double kCorpusTimeout = 10;

std::string quoted(const std::string& s) {
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

struct CheckRun {
    int exitCode = -1;
    std::string err;  ///< stderr only
    std::string out;  ///< stdout only
    double seconds = 0;
};

/// Runs `cunjing model check ARGS`, keeping stdout and stderr apart.
CheckRun check(const std::string& args) {
    const fs::path stdoutFile = outputDir("model_cli") / ("stdout-" + std::to_string(::getpid()));
    const std::string line = "( " + quoted(executable("cunjing").string()) + " model check " +
                             args + " 2>&1 >" + quoted(stdoutFile.string()) + " )";
    const auto start = std::chrono::steady_clock::now();
    const CommandResult r = runCommand(line);
    CheckRun run;
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    run.exitCode = r.exitCode;
    run.err = r.out;
    std::ifstream in(stdoutFile);
    run.out.assign(std::istreambuf_iterator<char>(in), {});
    return run;
}

std::size_t lines(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

fs::path models() {
    return sharedData() / "models";
}

std::vector<fs::path> corpus() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(models()))
        if (entry.is_regular_file())
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

bool isModelExtension(const fs::path& file) {
    std::string e = file.extension().string();
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const char* m :
         {".glb", ".gltf", ".obj", ".fbx", ".dae", ".3ds", ".ply", ".stl", ".ifc", ".off"})
        if (e == m)
            return true;
    return false;
}

}  // namespace

TEST(ModelCli, DuckReportsCountsTextureAndUnits) {
    const CheckRun r = check(quoted((models() / "khronos_samples/Duck.glb").string()));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(r.err.empty()) << r.err;
    EXPECT_NE(r.out.find("vertices:             2399"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("triangles:            4212"), std::string::npos);
    EXPECT_NE(r.out.find("*0: 512x512 RGBA8"), std::string::npos);
    EXPECT_NE(r.out.find("metres (stated by the file)"), std::string::npos);
}

TEST(ModelCli, JsonHasTheIfcGeoreferenceAndZUpBounds) {
    const CheckRun r =
        check("--json " + quoted((models() / "assimp/IFC/AC14-FZK-Haus.ifc").string()));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["format"], "ifc");
    EXPECT_NEAR(j["georeference"]["latitude"].get<double>(), 52.516667, 1e-5);
    EXPECT_NEAR(j["georeference"]["longitude"].get<double>(), 13.4, 1e-9);
    // The house stands on its ground floor: Z up, a few metres tall, wider than tall.
    const double height =
        j["bounds_m_z_up"]["max"][2].get<double>() - j["bounds_m_z_up"]["min"][2].get<double>();
    const double width =
        j["bounds_m_z_up"]["max"][0].get<double>() - j["bounds_m_z_up"]["min"][0].get<double>();
    EXPECT_GT(height, 5);
    EXPECT_LT(height, 12);
    EXPECT_GT(width, height);
}

TEST(ModelCli, HanHouseTextureIsListedAsBc3) {
    const CheckRun r =
        check(quoted((models() / "chinese_architecture_0ad_han/han_house_a.obj").string()));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("han_struct_02.png.cached.dds: 2048x1024 BC3"), std::string::npos)
        << r.out;
}

TEST(ModelCli, CrashingFileIsOneErrorLineAndExitTwo) {
    const fs::path ply =
        models() / "assimp/invalid/crash-30d6d0f7c529b3b66b4131700b7a4580cd7082df.ply";
    const CheckRun r = check(quoted(ply.string()));
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(r.err, "error: " + ply.string() +
                         ": the importer crashed (segmentation fault) while reading it\n");
}

TEST(ModelCli, TinyMemoryLimitIsReported) {
    const CheckRun r =
        check("--memory-mb 64 " + quoted((models() / "khronos_samples/Duck.glb").string()) +
              " --timeout 5");
    // 64 MB is enough for the duck; the option must reach the worker and not break it.
    EXPECT_EQ(r.exitCode, 0) << r.err;
}

TEST(ModelCli, BadUsageIsExitTwo) {
    EXPECT_EQ(check("").exitCode, 2);
    EXPECT_EQ(check("--timeout -3 x.glb").exitCode, 2);
    const CheckRun missing = check(quoted((models() / "no-such-model.glb").string()));
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_EQ(lines(missing.err), 1u);
    EXPECT_NE(missing.err.find("does not exist"), std::string::npos);
}

class ModelCorpus : public ::testing::TestWithParam<int> {};

TEST_P(ModelCorpus, EveryFileEndsCleanlyWithinItsLimit) {
    const std::vector<fs::path> files = corpus();
    ASSERT_GT(files.size(), 900u) << "the shared model corpus is incomplete";
    int checked = 0;
    for (std::size_t i = static_cast<std::size_t>(GetParam()); i < files.size(); i += kShards) {
        const fs::path& file = files[i];
        const CheckRun r = check("--timeout 10 " + quoted(file.string()));
        ++checked;
        SCOPED_TRACE(file.string());
        ASSERT_TRUE(r.exitCode == 0 || r.exitCode == 2) << "exit " << r.exitCode << ": " << r.err;
        if (r.exitCode == 0) {
            EXPECT_TRUE(r.err.empty()) << r.err;
        } else {
            EXPECT_EQ(lines(r.err), 1u) << r.err;
            EXPECT_EQ(r.err.rfind("error: " + file.string() + ": ", 0), 0u) << r.err;
        }
        EXPECT_LT(r.seconds, kCorpusTimeout + 5);
        if (!isModelExtension(file)) {
            EXPECT_EQ(r.exitCode, 2);
            EXPECT_NE(r.err.find("not a model format we read"), std::string::npos) << r.err;
            EXPECT_LT(r.seconds, 2.0);
        }
    }
    EXPECT_GT(checked, 100);
}

INSTANTIATE_TEST_SUITE_P(Shards, ModelCorpus, ::testing::Range(0, kShards));
