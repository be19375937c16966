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
/// A fresh, empty folder for the running test: outputDir(suite)/<test suite>-<test>-<pid>.
std::filesystem::path caseDir(const std::string& suite);
/// `p` in single quotes for a shell command line (paths here hold no quote).
std::string shellQuoted(const std::filesystem::path& p);
/// Path of a built executable (cunjing, cunjing-viewer).
std::filesystem::path executable(const std::string& name);

struct CommandResult {
    int exitCode = -1;
    std::string out;  ///< stdout and stderr together
};
/// Runs a shell command line, capturing its output; for CLI tests.
CommandResult runCommand(const std::string& commandLine);

/// A flat plain 600 m square at 8 m, 5 m cells, around (400000, 2500000) in EPSG:4547, as an
/// ASCII grid written once per test process in outputDir(suite) (tests run in parallel, each
/// in its own process): the ground for render tests of one building or one tree.
std::filesystem::path flatDem(const std::string& suite);

}  // namespace cunjing::test
