// `cunjing terrain height <dem> <x> <y> [--crs EPSG:n]`: the ground height at a point, read
// from the DEM at full resolution (bilinear between pixel centres).

#include "TerrainCommand.h"

#include <cunjing/terrain/HeightQuery.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <memory>

namespace cunjing::tools {

namespace {

constexpr int kBadInput = 2;

struct HeightOptions {
    std::string dem;
    double x = 0, y = 0;
    std::string crs;
    std::string demCrs;
    bool json = false;
};

int fail(const Error& e) {
    std::cerr << "error: " << e.toString() << "\n";
    return kBadInput;
}

int runHeight(const HeightOptions& o) {
    terrain::HeightQueryOptions options;
    options.sourceCrs = o.demCrs;
    auto query = terrain::HeightQuery::open(o.dem, options);
    if (!query)
        return fail(query.errors()[0]);
    std::optional<geo::Crs> pointCrs;
    if (!o.crs.empty()) {
        auto crs = geo::Crs::fromUserString(o.crs);
        if (!crs)
            return fail({"", "--crs", crs.errors()[0].message});
        pointCrs = crs.value();
    }
    auto h = pointCrs ? query->heightAt(o.x, o.y, *pointCrs) : query->heightAt(o.x, o.y);
    if (!h)
        return fail(h.errors()[0]);
    if (h->partial) {
        std::cerr << "warning: " << o.dem
                  << ": some of the four pixels around the point are nodata; the height "
                     "interpolates the others\n";
    }
    if (o.json) {
        const nlohmann::json j = {
            {"height", h->height},
            {"x", o.x},
            {"y", o.y},
            {"crs", pointCrs ? pointCrs->shortName() : query->crs().shortName()},
            {"dem_x", h->demX},
            {"dem_y", h->demY},
            {"dem_crs", query->crs().shortName()},
            {"column", h->column},
            {"row", h->row},
            {"partial", h->partial}};
        std::cout << j.dump(2) << "\n";
    } else {
        char text[64];
        std::snprintf(text, sizeof text, "%.3f", h->height);
        std::cout << text << "\n";
    }
    return 0;
}

}  // namespace

void addTerrainHeightCommand(CLI::App& terrain, std::function<int()>& run) {
    auto options = std::make_shared<HeightOptions>();
    CLI::App* cmd = terrain.add_subcommand(
        "height", "Ground height (m) at a point, bilinear from the DEM at full resolution");
    cmd->add_option("dem", options->dem, "DEM file")->required();
    cmd->add_option("x", options->x, "Easting or longitude")->required();
    cmd->add_option("y", options->y, "Northing or latitude")->required();
    cmd->add_option("--crs", options->crs,
                    "CRS of x and y, e.g. EPSG:4490 (default: the DEM's own CRS)");
    cmd->add_option("--dem-crs", options->demCrs,
                    "CRS of the DEM when the file has none (EPSG:n or WKT)");
    cmd->add_flag("--json", options->json,
                  "Print JSON with the point in the DEM's CRS and its pixel position");
    cmd->callback([&run, options] { run = [options] { return runHeight(*options); }; });
}

}  // namespace cunjing::tools
