#pragma once
/// Where tests find data and write output. Tests run with the repository root as working
/// directory (cunjing_add_test sets it), so ../shared/data is the shared data.

#include <filesystem>
#include <string>

namespace cunjing::test {

std::filesystem::path sourceDir();
std::filesystem::path binaryDir();
std::filesystem::path sharedData();
/// A folder for this test's output, under build/test-output/<suite>/, created on demand.
std::filesystem::path outputDir(const std::string& suite);
/// Path of a built executable (cunjing, cunjing-viewer).
std::filesystem::path executable(const std::string& name);

struct CommandResult {
    int exitCode = -1;
    std::string out;  ///< stdout and stderr together
};
/// Runs a shell command line, capturing its output; for CLI tests.
CommandResult runCommand(const std::string& commandLine);

}  // namespace cunjing::test
