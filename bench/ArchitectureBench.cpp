// Buildings per second (mesh data only, one core) and triangles per building for every
// typology of the bundled styles. Target: at least 1,000 三间两廊 houses a second at full
// detail. Usage: bench_architecture [style-dir] [seconds-per-typology]
#include <cunjing/architecture/Building.h>
#include <cunjing/architecture/Style.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace {

std::string findStyles(int argc, char** argv) {
    if (argc > 1)
        return argv[1];
    if (const char* src = std::getenv("CUNJING_SOURCE_DIR"))
        return std::string(src) + "/assets/styles";
    // From the repository root or from build/bin.
    for (const char* dir : {"assets/styles", "../assets/styles", "../../assets/styles"}) {
        if (std::filesystem::is_directory(dir))
            return dir;
    }
    return "assets/styles";
}

}  // namespace

int main(int argc, char** argv) {
    using namespace cunjing::architecture;
    using Clock = std::chrono::steady_clock;
    const std::string dir = findStyles(argc, argv);
    const double budget = argc > 2 ? std::atof(argv[2]) : 0.5;
    auto styles = loadStyleDirectory(dir);
    if (!styles.ok()) {
        for (const auto& e : styles.errors())
            std::fprintf(stderr, "%s\n", e.toString().c_str());
        return 2;
    }
    std::printf("%-10s %-26s %12s %12s %12s\n", "style", "typology", "buildings/s", "triangles",
                "vertices");
    double sanjianRate = 0;
    for (const Style& s : styles.value()) {
        for (const TypologySpec& t : s.typologies) {
            // Warm up, then generate with a new seed each time until the time budget is used.
            auto first = generateBuilding(s, t.id, {}, 0, 0);
            if (!first.ok()) {
                std::printf("%-10s %-26s failed: %s\n", s.id.c_str(), t.id.c_str(),
                            first.firstError().c_str());
                continue;
            }
            std::size_t triangles = 0, vertices = 0, count = 0;
            const auto start = Clock::now();
            double elapsed = 0;
            while (elapsed < budget || count < 3) {
                auto b = generateBuilding(s, t.id, {}, static_cast<std::uint32_t>(count + 1),
                                          static_cast<std::uint32_t>(count));
                triangles += b->mesh.triangleCount();
                vertices += b->mesh.vertexCount();
                ++count;
                elapsed = std::chrono::duration<double>(Clock::now() - start).count();
            }
            const double rate = count / elapsed;
            if (t.id == "sanjian-lianglang")
                sanjianRate = rate;
            std::printf("%-10s %-26s %12.0f %12zu %12zu\n", s.id.c_str(), t.id.c_str(), rate,
                        triangles / count, vertices / count);
        }
    }
    std::printf("\n三间两廊 at full detail: %.0f houses/s on one core (target >= 1000): %s\n",
                sanjianRate, sanjianRate >= 1000 ? "met" : "NOT MET");
    return 0;
}
