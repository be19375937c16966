// kill -9 at random moments while a child process edits a GeoPackage register (inserts,
// updates, deletes, and every other round batch imports), then reopen and check. Prints the
// rounds, acknowledged edits, lost edits (must be 0) and integrity failures (must be 0).
// Usage: bench_registry_crash [rounds] [folder]
#include "RegistryCrashHarness.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

int main(int argc, char** argv) {
    using namespace cunjing::heritage;
    const int rounds = argc > 1 ? std::atoi(argv[1]) : 100;
    const std::filesystem::path dir = argc > 2 ? argv[2] : std::filesystem::temp_directory_path();
    std::filesystem::create_directories(dir);
    const std::string stem = (dir / ("registry_crash_" + std::to_string(getpid()))).string();
    for (const char* suffix : {".gpkg", ".gpkg-wal", ".gpkg-shm", ".log"})
        std::filesystem::remove(stem + suffix);

    std::mt19937 rng(20250315);
    long acknowledged = 0, lost = 0;
    int integrityFailures = 0;
    for (int round = 0; round < rounds; ++round) {
        // 20-400 ms: from mid-open of the register to deep in a stream of edits.
        const int killAfterMs = 20 + static_cast<int>(rng() % 380);
        const auto r =
            crash::runRound(stem + ".gpkg", stem + ".log", 1 + round, killAfterMs, round % 2 == 1);
        acknowledged += r.acknowledged;
        lost += r.lost;
        if (!r.integrityOk)
            ++integrityFailures;
        if (!r.problem.empty())
            std::fprintf(stderr, "round %d: %s\n", round, r.problem.c_str());
    }
    std::printf("rounds: %d\nacknowledged edits: %ld\nlost edits: %ld\nintegrity failures: %d\n",
                rounds, acknowledged, lost, integrityFailures);
    for (const char* suffix : {".gpkg", ".gpkg-wal", ".gpkg-shm", ".log"})
        std::filesystem::remove(stem + suffix);
    return lost == 0 && integrityFailures == 0 ? 0 : 1;
}
