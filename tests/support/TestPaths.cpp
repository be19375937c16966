#include "TestPaths.h"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace cunjing::test {

namespace {
std::filesystem::path fromEnv(const char* name, const std::filesystem::path& fallback) {
    const char* value = std::getenv(name);
    return value && *value ? std::filesystem::path(value) : fallback;
}
}  // namespace

std::filesystem::path sourceDir() {
    return fromEnv("CUNJING_SOURCE_DIR", ".");
}
std::filesystem::path binaryDir() {
    return fromEnv("CUNJING_BINARY_DIR", "build");
}
std::filesystem::path sharedData() {
    return sourceDir() / ".." / "shared" / "data";
}

std::filesystem::path outputDir(const std::string& suite) {
    auto dir = fromEnv("CUNJING_TEST_OUTPUT", binaryDir() / "test-output") / suite;
    std::filesystem::create_directories(dir);
    return dir;
}

std::filesystem::path executable(const std::string& name) {
    return binaryDir() / "bin" / name;
}

CommandResult runCommand(const std::string& commandLine) {
    CommandResult result;
    const std::string full = commandLine + " 2>&1";
    FILE* pipe = popen(full.c_str(), "r");
    if (!pipe)
        return result;
    std::array<char, 4096> buffer{};
    size_t n;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        result.out.append(buffer.data(), n);
    const int status = pclose(pipe);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

std::filesystem::path flatDem(const std::string& suite) {
    const std::filesystem::path dir = outputDir(suite) / ("flat-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::filesystem::path dem = dir / "flat.asc";
    if (!std::filesystem::exists(dem)) {
        std::ofstream out(dem);
        const int n = 121;
        out << "ncols " << n << "\nnrows " << n << "\nxllcorner 399700\nyllcorner 2499700\n"
            << "cellsize 5\nNODATA_value -9999\n";
        for (int r = 0; r < n; ++r) {
            for (int c = 0; c < n; ++c)
                out << "8 ";
            out << "\n";
        }
    }
    return dem;
}

std::filesystem::path caseDir(const std::string& suite) {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::filesystem::path dir = std::filesystem::absolute(
        outputDir(suite) / (std::string(info ? info->test_suite_name() : "none") + "-" +
                            (info ? info->name() : "none") + "-" + std::to_string(getpid())));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

std::string shellQuoted(const std::filesystem::path& p) {
    return "'" + p.string() + "'";
}

}  // namespace cunjing::test
