// bench_model_import [file] [rounds]: what the import worker costs on the largest good model
// of the corpus (AC14-FZK-Haus.ifc, 4 MB, ~31k triangles) against `assimp info` (assimp-utils,
// the same Assimp) on the same file, in the same run, rounds interleaved. Wall time and peak
// resident memory (wait4 ru_maxrss) of the child, medians, and ratios worker / assimp info.
// Also the whole importModel() call (spawn + worker + validation) as the caller sees it.
// Target: the worker at most 1.5x assimp info.

#include <cunjing/models/Import.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Sample {
    double seconds = 0;
    double peakMb = 0;
    int status = 0;
};

/// Runs argv with stdout and stderr to /dev/null; wall time and the child's peak RSS.
Sample runChild(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const std::string& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const auto start = Clock::now();
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int devNull = ::open("/dev/null", O_WRONLY);
        ::dup2(devNull, 1);
        ::dup2(devNull, 2);
        ::execvp(argv[0], argv.data());
        ::_exit(127);
    }
    Sample s;
    rusage usage{};
    ::wait4(pid, &s.status, 0, &usage);
    s.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    s.peakMb = static_cast<double>(usage.ru_maxrss) / 1024.0;
    return s;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    const fs::path file = argc > 1 ? fs::path(argv[1])
                                   : fs::path("../shared/data/models/assimp/IFC/AC14-FZK-Haus.ifc");
    const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 7;
    const fs::path worker = cunjing::models::workerPath();
    const auto format = cunjing::models::sniffFormat(file);
    if (!format.ok() || !fs::exists(worker)) {
        std::fprintf(stderr, "error: %s\n",
                     format.ok() ? ("no worker at " + worker.string()).c_str()
                                 : format.firstError().c_str());
        return 2;
    }
    const std::vector<std::string> workerArgs = {worker.string(),
                                                 "--format",
                                                 format.value(),
                                                 "--memory-bytes",
                                                 std::to_string(2ull << 30),
                                                 "--",
                                                 fs::absolute(file).string()};
    const std::vector<std::string> assimpArgs = {"assimp", "info", fs::absolute(file).string()};
    std::vector<double> workerTime, workerPeak, assimpTime, assimpPeak, importTime;
    for (int r = 0; r < rounds; ++r) {
        const Sample w = runChild(workerArgs);
        const Sample a = runChild(assimpArgs);
        if (!WIFEXITED(w.status) || WEXITSTATUS(w.status) != 0 || !WIFEXITED(a.status) ||
            WEXITSTATUS(a.status) != 0) {
            std::fprintf(stderr, "error: a run failed (worker status %d, assimp status %d)\n",
                         w.status, a.status);
            return 3;
        }
        const auto start = Clock::now();
        const auto model = cunjing::models::importModel(file);
        importTime.push_back(std::chrono::duration<double>(Clock::now() - start).count());
        if (!model.ok()) {
            std::fprintf(stderr, "error: %s\n", model.firstError().c_str());
            return 3;
        }
        workerTime.push_back(w.seconds);
        workerPeak.push_back(w.peakMb);
        assimpTime.push_back(a.seconds);
        assimpPeak.push_back(a.peakMb);
    }
    std::printf("model: %s (%ju bytes), %d rounds, medians\n", file.string().c_str(),
                static_cast<std::uintmax_t>(fs::file_size(file)), rounds);
    std::printf("cunjing-import-worker: %7.3f s  peak %7.1f MB\n", median(workerTime),
                median(workerPeak));
    std::printf("assimp info:           %7.3f s  peak %7.1f MB\n", median(assimpTime),
                median(assimpPeak));
    std::printf("importModel() total:   %7.3f s  (spawn + worker + pipe + validation)\n",
                median(importTime));
    std::printf("ratio worker / assimp info: time %.2fx, peak memory %.2fx (target <= 1.5x)\n",
                median(workerTime) / median(assimpTime), median(workerPeak) / median(assimpPeak));
    return 0;
}
