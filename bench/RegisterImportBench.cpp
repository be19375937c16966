// Register import speed (issue 5): the 8,155-row national village list read through its
// mapping (target: well under 5 s), and 100,000 generated tree records written as our CSV,
// read back, and stored with Registry::importBatch into a GeoPackage, against
// `ogr2ogr -f GPKG` of the same CSV as a ratio (target: at most 1.5x).
//
// Times are wall clock, best of `rounds`, run from the repository root (the shared data is
// ../shared/data). Each round writes into a fresh folder under the work folder.
//
//   build/bin/bench_register_import [work-folder] [rounds]

#include <cunjing/heritage/RegisterIO.h>
#include <cunjing/heritage/Registry.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <random>
#include <string>
#include <vector>

using namespace cunjing;
using namespace cunjing::heritage;
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double seconds(const Clock::time_point& since) {
    return std::chrono::duration<double>(Clock::now() - since).count();
}

/// Plausible Guangdong trees with every kind of field filled, the same on every run.
std::vector<TreeRecord> generateTrees(std::size_t count) {
    static const char* const species[] = {"榕树", "荔枝", "樟树", "龙眼", "木棉", "秋枫"};
    static const char* const towns[] = {"西樵镇", "百侯镇", "冲口街", "松口镇"};
    std::mt19937 rng(20250315);
    std::uniform_real_distribution<double> unit(0, 1);
    std::vector<TreeRecord> trees(count);
    for (std::size_t i = 0; i < count; ++i) {
        TreeRecord& t = trees[i];
        char id[16];
        std::snprintf(id, sizeof id, "440103%05zu", i % 100000);
        t.id = id + std::string(i >= 100000 ? "-" + std::to_string(i / 100000) : "");
        t.province = "广东省";
        t.city = "广州市";
        t.county = "荔湾区";
        t.town = towns[i % 4];
        t.countyCode = "440103";
        t.lon = 109.7 + 7.4 * unit(rng);
        t.lat = 20.2 + 5.3 * unit(rng);
        t.speciesCn = species[i % 6];
        t.ageYears = 100 + static_cast<int>(600 * unit(rng));
        t.ageMethod = AgeMethod::Estimate;
        t.heightM = 5 + 25 * unit(rng);
        t.dbhCm = 30 + 200 * unit(rng);
        t.crownEwM = 5 + 30 * unit(rng);
        t.crownNsM = 5 + 30 * unit(rng);
        t.vigour = Vigour::Normal;
        t.ownership = Ownership::Collective;
        t.custodianUnit = "村委会";
        t.surveyDate = "2023-05-17";
        t.synthetic = true;
    }
    return trees;
}

double best(const std::vector<double>& v) {
    return v.empty() ? 0 : *std::min_element(v.begin(), v.end());
}

}  // namespace

int main(int argc, char** argv) {
    const fs::path work = argc > 1 ? argv[1] : fs::temp_directory_path() / "cunjing-register-bench";
    const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    fs::remove_all(work);
    fs::create_directories(work);

    const std::string national = "../shared/data/villages/cn_traditional_villages_all_8155.csv";
    std::vector<double> nationalTimes;
    std::size_t villages = 0;
    for (int r = 0; r < rounds; ++r) {
        const auto t0 = Clock::now();
        auto read = readVillageRegister(national);
        nationalTimes.push_back(seconds(t0));
        if (!read) {
            std::fprintf(stderr, "%s\n", read.firstError().c_str());
            return 1;
        }
        villages = read->records.size();
    }
    std::printf("national village list: %zu villages read in %.3f s (best of %d)\n", villages,
                best(nationalTimes), rounds);

    const std::vector<TreeRecord> trees = generateTrees(100000);
    std::vector<double> writeT, readT, ogrT, storeT;
    for (int r = 0; r < rounds; ++r) {
        const fs::path dir = work / ("round" + std::to_string(r));
        fs::create_directories(dir);
        const std::string csv = (dir / "trees.csv").string();
        auto t0 = Clock::now();
        if (Status s = writeTreeRegister(csv, trees); !s) {
            std::fprintf(stderr, "%s\n", s.firstError().c_str());
            return 1;
        }
        writeT.push_back(seconds(t0));

        t0 = Clock::now();
        auto read = readTreeRegister(csv);
        readT.push_back(seconds(t0));
        if (!read || read->records.size() != trees.size() || !read->rowErrors.empty()) {
            std::fprintf(
                stderr, "read back failed: %s\n",
                read ? read->rowErrors.front().toString().c_str() : read.firstError().c_str());
            return 1;
        }

        t0 = Clock::now();
        auto registry = Registry::open((dir / "register.gpkg").string());
        if (!registry) {
            std::fprintf(stderr, "%s\n", registry.firstError().c_str());
            return 1;
        }
        auto report = registry->importBatch(read->records, false);
        storeT.push_back(seconds(t0));
        if (!report) {
            std::fprintf(stderr, "%s\n", report.firstError().c_str());
            return 1;
        }

        t0 = Clock::now();
        const std::string command =
            "ogr2ogr -f GPKG -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -a_srs EPSG:4490 " +
            (dir / "ogr2ogr.gpkg").string() + " " + csv;
        if (std::system(command.c_str()) != 0) {
            std::fprintf(stderr, "ogr2ogr failed: %s\n", command.c_str());
            return 1;
        }
        ogrT.push_back(seconds(t0));
    }
    const double ours = best(readT) + best(storeT);
    std::printf(
        "100,000 trees: write CSV %.3f s, read CSV %.3f s, Registry::importBatch to "
        "GeoPackage %.3f s (best of %d)\n",
        best(writeT), best(readT), best(storeT), rounds);
    std::printf("ogr2ogr -f GPKG of the same CSV: %.3f s\n", best(ogrT));
    std::printf("read / ogr2ogr = %.2fx; read + importBatch / ogr2ogr = %.2fx (target <= 1.5x)\n",
                best(readT) / best(ogrT), ours / best(ogrT));
    fs::remove_all(work);
    return 0;
}
