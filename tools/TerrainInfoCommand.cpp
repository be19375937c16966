// `cunjing terrain info <dem> [--json] [--dem-crs CRS]`: what a DEM is, where it lies and which
// working CRS suits it, without loading it.

#include "TerrainCommand.h"

#include <cunjing/terrain/Dem.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

namespace cunjing::tools {

namespace {

constexpr int kBadInput = 2;

struct InfoOptions {
    std::string dem;
    std::string demCrs;
    bool json = false;
};

std::string number(double v, int decimals = 6) {
    char buffer[64];
    if (std::abs(v) >= 1e9) {  // netCDF fill values such as -1e34
        std::snprintf(buffer, sizeof buffer, "%.7g", v);
        return buffer;
    }
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
    std::string s = buffer;
    if (s.find('.') != std::string::npos) {
        s.erase(s.find_last_not_of('0') + 1);
        if (s.back() == '.')
            s.pop_back();
    }
    return s == "-0" ? "0" : s;
}

std::string box(const std::array<double, 4>& e, int decimals) {
    return number(e[0], decimals) + " " + number(e[1], decimals) + " " + number(e[2], decimals) +
           " " + number(e[3], decimals);
}

/// "0.000833 x 0.000833 degrees (about 76 x 93 m)" or "30 x 30 m".
std::string resolutionText(const terrain::DemInfo& info) {
    if (!info.geographic)
        return number(info.resolutionX, 4) + " x " + number(info.resolutionY, 4) + " (CRS units)";
    double lat = 0;
    if (info.lonLatExtent)
        lat = 0.5 * ((*info.lonLatExtent)[1] + (*info.lonLatExtent)[3]);
    const double mx = info.resolutionX * 111320.0 * std::cos(lat * 3.14159265358979323846 / 180.0);
    const double my = info.resolutionY * 110574.0;
    return number(info.resolutionX, 7) + " x " + number(info.resolutionY, 7) + " degrees (about " +
           number(mx, 0) + " x " + number(my, 0) + " m at its centre)";
}

nlohmann::json asJson(const terrain::DemInfo& info, const std::string& path) {
    using nlohmann::json;
    auto optional = [](const auto& v) { return v ? json(*v) : json(nullptr); };
    json j = {{"file", path},
              {"driver", info.driver},
              {"driver_name", info.driverName},
              {"width", info.width},
              {"height", info.height},
              {"bands", info.bands},
              {"data_type", info.dataType},
              {"nodata", optional(info.noData)},
              {"scale", info.scale},
              {"offset", info.offset},
              {"unit", info.unit},
              {"crs", info.crs.empty() ? json(nullptr) : json(info.crs)},
              {"crs_name", info.crsName},
              {"crs_origin", info.crsOrigin},
              {"geographic", info.geographic},
              {"geotransform", info.geoTransform},
              {"extent", info.extent},
              {"lonlat_extent", optional(info.lonLatExtent)},
              {"resolution", {info.resolutionX, info.resolutionY}},
              {"min", optional(info.minHeight)},
              {"max", optional(info.maxHeight)},
              {"statistics_approximate", info.statisticsApproximate},
              {"notes", info.notes}};
    j["suggested_crs"] = info.suggestedCrs ? json{{"code", info.suggestedCrs->code},
                                                  {"name", info.suggestedCrs->name}}
                                           : json(nullptr);
    return j;
}

void printText(const terrain::DemInfo& info, const std::string& path) {
    auto& out = std::cout;
    out << "file:        " << path << "\n";
    out << "driver:      " << info.driver << " (" << info.driverName << ")\n";
    out << "size:        " << info.width << " x " << info.height << " pixels, " << info.bands
        << (info.bands == 1 ? " band" : " bands (heights from band 1)") << "\n";
    out << "data type:   " << info.dataType;
    if (info.scale != 1.0 || info.offset != 0.0)
        out << ", metres = raw x " << number(info.scale, 9) << " + " << number(info.offset, 6);
    out << "\n";
    out << "nodata:      " << (info.noData ? number(*info.noData, 6) : "none") << "\n";
    out << "CRS:         "
        << (info.crs.empty() ? "none"
                             : info.crs + " (" + info.crsName + ")" +
                                   (info.crsOrigin == "file" ? "" : ", " + info.crsOrigin))
        << "\n";
    const int decimals = info.geographic ? 7 : 3;
    out << "extent:      " << box(info.extent, decimals) << " (xmin ymin xmax ymax"
        << (info.crs.empty() ? "" : ", " + info.crs) << ")\n";
    if (info.lonLatExtent)
        out << "lon/lat:     " << box(*info.lonLatExtent, 5) << " (WGS 84)\n";
    out << "resolution:  " << resolutionText(info) << "\n";
    if (info.minHeight && info.maxHeight) {
        out << "heights:     " << number(*info.minHeight, 3) << " .. " << number(*info.maxHeight, 3)
            << " m" << (info.statisticsApproximate ? " (approximate)" : "") << "\n";
    } else {
        out << "heights:     unknown\n";
    }
    if (info.suggestedCrs) {
        out << "working CRS: " << info.suggestedCrs->code << " (" << info.suggestedCrs->name
            << ") suggested\n";
    }
    for (const auto& note : info.notes)
        out << "note:        " << note << "\n";
}

int runInfo(const InfoOptions& o) {
    terrain::DemInspectOptions options;
    options.statistics = true;
    options.sourceCrs = o.demCrs;
    auto info = terrain::inspectDem(o.dem, options);
    if (!info) {
        for (const auto& e : info.errors())
            std::cerr << "error: " << e.toString() << "\n";
        return kBadInput;
    }
    if (o.json)
        std::cout << asJson(info.value(), o.dem).dump(2) << "\n";
    else
        printText(info.value(), o.dem);
    return 0;
}

}  // namespace

void addTerrainInfoCommand(CLI::App& terrain, std::function<int()>& run) {
    auto options = std::make_shared<InfoOptions>();
    CLI::App* cmd = terrain.add_subcommand(
        "info", "Describe a DEM: driver, size, CRS, extent, resolution, heights, working CRS");
    cmd->add_option("dem", options->dem, "DEM file")->required();
    cmd->add_flag("--json", options->json, "Print JSON instead of text");
    cmd->add_option("--dem-crs", options->demCrs,
                    "CRS of the DEM when the file has none (EPSG:n or WKT)");
    cmd->callback([&run, options] { run = [options] { return runInfo(*options); }; });
}

}  // namespace cunjing::tools
