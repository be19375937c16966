#pragma once
/// Shared helpers of the register import/export tests: a folder per test case (ctest runs
/// each case in its own process, in parallel) and files written at run time.

#include <TestPaths.h>
#include <gtest/gtest.h>
#include <iconv.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace cunjing::test {

inline std::filesystem::path registerCaseDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::filesystem::path dir =
        outputDir("heritage") / (std::string(info->test_suite_name()) + "-" + info->name() + "-" +
                                 std::to_string(getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

inline void writeBytes(const std::filesystem::path& p, const std::string& bytes) {
    std::ofstream(p, std::ios::binary) << bytes;
}

/// The same text in GBK, as a Chinese Windows Excel saves "CSV".
inline std::string toGbk(const std::string& utf8) {
    iconv_t cd = iconv_open("GBK", "UTF-8");
    std::string out(utf8.size() * 2 + 4, '\0');
    char* src = const_cast<char*>(utf8.data());
    std::size_t srcLeft = utf8.size(), dstLeft = out.size();
    char* dst = out.data();
    iconv(cd, &src, &srcLeft, &dst, &dstLeft);
    iconv_close(cd);
    out.resize(out.size() - dstLeft);
    return out;
}

/// The national village list's header, for small fixtures that a shipped mapping reads.
inline const char* villageListHeader() {
    return "Province,City,County,Town,Village,Title,Batch,lng_wgs84,lat_wgs84\n";
}

}  // namespace cunjing::test
