// `cunjing village generate --layout comb|weilongwu|sima-tuoche|street --site X,Y --out v.gpkg`:
// runs a layout generator around the site, moves the plan onto it and writes the GeoPackage
// that the scene (and QGIS) read. Every input is checked before anything is written.

#include "VillageCommand.h"

#include <cunjing/architecture/StyleLibrary.h>
#include <cunjing/architecture/VillageLayouts.h>
#include <cunjing/architecture/VillagePlan.h>
#include <cunjing/terrain/HeightQuery.h>

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

namespace cunjing::tools {

namespace {

namespace arch = cunjing::architecture;

constexpr int kBadInput = 2;

struct VillageOptions {
    std::string layout;
    std::string site;
    std::string crs;
    std::string dem;
    long long seed = 1;
    int columns = 4;
    int depth = 6;
    double laneWidth = 1.6;
    double length = 90;
    double width = 8;
    std::string styles;
    std::string out;
};

int fail(const std::vector<Error>& errors) {
    for (const Error& e : errors)
        std::cerr << "error: " << e.toString() << "\n";
    return kBadInput;
}

int fail(const Error& e) {
    return fail(std::vector<Error>{e});
}

/// "X,Y": two finite numbers.
std::optional<arch::Point2> parseSite(const std::string& text) {
    const auto comma = text.find(',');
    if (comma == std::string::npos)
        return std::nullopt;
    const std::string xs = text.substr(0, comma), ys = text.substr(comma + 1);
    char* end = nullptr;
    const double x = std::strtod(xs.c_str(), &end);
    if (xs.empty() || *end != '\0' || !std::isfinite(x))
        return std::nullopt;
    const double y = std::strtod(ys.c_str(), &end);
    if (ys.empty() || *end != '\0' || !std::isfinite(y))
        return std::nullopt;
    return arch::Point2{x, y};
}

/// The output must be creatable before any work is done: one clear line, nothing written.
std::optional<Error> checkOutput(const std::string& out) {
    namespace fs = std::filesystem;
    const fs::path path(out);
    const fs::path folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    std::error_code ec;
    if (fs::is_directory(path, ec))
        return Error{out, "--out", "is a folder; give a file name such as village.gpkg"};
    if (!fs::is_directory(folder, ec))
        return Error{out, "--out",
                     "folder " + folder.string() + " does not exist; create it first"};
    if (access(folder.c_str(), W_OK) != 0)
        return Error{out, "--out", "folder " + folder.string() + " is not writable"};
    if (fs::exists(path, ec) && access(path.c_str(), W_OK) != 0)
        return Error{out, "--out", "the file exists and is not writable"};
    return std::nullopt;
}

/// --crs, else the DEM's CRS, else EPSG:4547 (CGCS2000 / GK CM 114E, the Pearl River Delta).
Result<geo::Crs> siteCrs(const VillageOptions& o) {
    std::string text = o.crs;
    if (text.empty() && !o.dem.empty()) {
        auto dem = terrain::HeightQuery::open(o.dem);
        if (!dem)
            return Result<geo::Crs>::failure(dem.errors());
        return dem->crs();
    }
    if (text.empty())
        text = "EPSG:4547";
    auto crs = geo::Crs::fromUserString(text);
    if (!crs)
        return Error{"", "--crs", crs.errors()[0].message};
    return crs;
}

const char* layoutTitle(arch::VillageLayout l) {
    switch (l) {
        case arch::VillageLayout::Comb:
            return "梳式布局 Guangfu comb village";
        case arch::VillageLayout::Weilongwu:
            return "围龙屋 Hakka enclosed house";
        case arch::VillageLayout::SimaTuoche:
            return "驷马拖车 Chaoshan compound";
        case arch::VillageLayout::Street:
            return "圩镇街道 market-town street";
    }
    return "";
}

void printSummary(const VillageOptions& o, arch::VillageLayout layout, const geo::Crs& crs,
                  const arch::VillageLayoutResult& r) {
    std::cout << "layout:    " << o.layout << " (" << layoutTitle(layout) << "), seed " << o.seed
              << "\n";
    std::cout << "site:      " << o.site << " (" << crs.shortName() << ")"
              << (o.dem.empty() ? "" : ", DEM " + o.dem) << "\n";
    std::cout << "facing:    " << r.facing.reason << "\n";
    std::map<std::string, int> perTypology;
    for (const arch::BuildingFootprint& b : r.plan.buildings)
        ++perTypology[b.style + "/" + b.typology];
    std::cout << "buildings: " << r.plan.buildings.size() << "\n";
    for (const auto& [typology, n] : perTypology)
        std::cout << "  " << typology << ": " << n << "\n";
    std::map<std::string, int> perKind;
    for (const arch::GroundArea& g : r.plan.ground)
        ++perKind[std::string(arch::groundKindName(g.kind))];
    std::cout << "ground:    ";
    if (perKind.empty())
        std::cout << (layout == arch::VillageLayout::SimaTuoche
                          ? "none added (the compound brings its own 埕 and pond)"
                      : layout == arch::VillageLayout::Street
                          ? "none added"
                          : "none added (the 围龙屋 brings its own 禾坪, 半月池 and 化胎)");
    for (auto it = perKind.begin(); it != perKind.end(); ++it)
        std::cout << (it == perKind.begin() ? "" : ", ") << it->first << " " << it->second;
    std::cout << "\n";
    std::map<std::string, int> perSpecies;
    for (const arch::PlannedTree& t : r.plan.trees)
        ++perSpecies[t.species];
    std::cout << "trees:     " << r.plan.trees.size();
    for (auto it = perSpecies.begin(); it != perSpecies.end(); ++it)
        std::cout << (it == perSpecies.begin() ? " (" : ", ") << it->first << " " << it->second;
    std::cout << (perSpecies.empty() ? "" : ")") << "\n";
    std::cout << "wrote:     " << o.out << "\n";
}

/// Checks that need no file: layout, site syntax, number ranges. Every problem is listed.
std::vector<Error> checkArguments(const VillageOptions& o, arch::VillageLayoutOptions& options) {
    std::vector<Error> errors;
    const auto layout = arch::parseLayout(o.layout);
    if (!layout)
        errors.push_back(
            {"", "--layout", "unknown layout '" + o.layout + "'; allowed: " + arch::layoutList()});
    else
        options.layout = *layout;
    if (!parseSite(o.site))
        errors.push_back({"", "--site",
                          "'" + o.site +
                              "' is not X,Y: give two numbers separated by a comma, such as "
                              "--site 384350,2571565"});
    if (o.seed < 0 || o.seed > 4294967295LL)
        errors.push_back(
            {"", "--seed", "is " + std::to_string(o.seed) + "; allowed: 0..4294967295"});
    options.seed = static_cast<std::uint32_t>(o.seed);
    options.columns = o.columns;
    options.depth = o.depth;
    options.laneWidth = o.laneWidth;
    options.streetLength = o.length;
    options.streetWidth = o.width;
    if (const Status s = arch::validate(options); !s) {
        for (Error e : s.errors()) {
            e.where = e.where == "lane width"      ? "--lane-width"
                      : e.where == "street length" ? "--length"
                      : e.where == "street width"  ? "--width"
                                                   : "--" + e.where;
            errors.push_back(std::move(e));
        }
    }
    return errors;
}

int runGenerate(const VillageOptions& o) {
    arch::VillageLayoutOptions options;
    if (auto errors = checkArguments(o, options); !errors.empty())
        return fail(errors);
    if (auto e = checkOutput(o.out))
        return fail(*e);
    const arch::Point2 site = *parseSite(o.site);
    auto crs = siteCrs(o);
    if (!crs)
        return fail(crs.errors());
    if (!crs->isProjected())
        return fail(Error{"", "--crs",
                          crs->shortName() +
                              " is not projected; village plans are in metres: give the site "
                              "in a projected CRS such as EPSG:4547"});
    if (!o.dem.empty()) {
        auto ground = arch::demGroundSampler(o.dem, crs.value(), site.x, site.y);
        if (!ground)
            return fail(ground.errors());
        options.ground = std::move(ground.value());
    }
    auto styles = arch::loadStyleLibrary(o.styles);
    if (!styles)
        return fail(styles.errors());
    auto village = arch::generateVillage(options, styles.value());
    if (!village)
        return fail(village.errors());
    arch::translatePlan(village->plan, site.x, site.y);
    const std::string name = crs->shortName();
    village->plan.crs = name.rfind("EPSG:", 0) == 0 ? name : crs->wkt();
    if (const Status s = arch::writeVillagePlan(village->plan, o.out); !s)
        return fail(s.errors());
    printSummary(o, options.layout, crs.value(), village.value());
    return 0;
}

}  // namespace

void addVillageCommand(CLI::App& app, std::function<int()>& run) {
    CLI::App* village =
        app.add_subcommand("village", "Village layouts written as editable footprint GeoPackages");
    village->require_subcommand(1);
    auto o = std::make_shared<VillageOptions>();
    CLI::App* cmd = village->add_subcommand(
        "generate",
        "Generate a comb village, a 围龙屋, a 驷马拖车 compound or a market street around a site");
    cmd->add_option("--layout", o->layout, "comb, weilongwu, sima-tuoche or street")->required();
    cmd->add_option("--site", o->site, "Site X,Y in --crs (the middle of the village)")->required();
    cmd->add_option("--crs", o->crs,
                    "CRS of the site and of the plan (default: the DEM's, else EPSG:4547)");
    cmd->add_option("--dem", o->dem, "DEM to choose the facing from (ground rising behind)");
    cmd->add_option("--seed", o->seed, "Seed: the same seed gives the same village")
        ->capture_default_str();
    cmd->add_option("--columns", o->columns, "comb: columns of houses, 2..12")
        ->capture_default_str();
    cmd->add_option("--depth", o->depth, "comb: houses in the deepest column, 4..8")
        ->capture_default_str();
    cmd->add_option("--lane-width", o->laneWidth, "comb: lane between columns, 1.2..2.0 m")
        ->capture_default_str();
    cmd->add_option("--length", o->length, "street: length of the rows, 30..300 m")
        ->capture_default_str();
    cmd->add_option("--width", o->width, "street: façade to façade, 5..16 m")
        ->capture_default_str();
    cmd->add_option("--styles", o->styles,
                    "Style folder (default: CUNJING_STYLES, else the bundled assets/styles)");
    cmd->add_option("--out", o->out, "Output GeoPackage (.gpkg)")->required();
    cmd->callback([&run, o] { run = [o] { return runGenerate(*o); }; });
}

}  // namespace cunjing::tools
