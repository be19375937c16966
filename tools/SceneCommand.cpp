// `cunjing scene stress --buildings 10000 --trees 50000 --extent 10km --out DIR`: a
// deterministic county-scale scene for the frame benchmark (bench/FrameBench.cpp).
//
// - terrain.tif: a window of a real DEM (by default SRTM 3" of the lowlands and hills south-west
//   of Mt Fuji, 10-566 m, the only real 90 m DEM in ../shared/data), resampled to square cells
//   and set down in CGCS2000 / 3-degree GK CM 114E north of Guangzhou: the relief is real, the
//   place is not (SOURCES.md says where it comes from);
// - villages on a jittered grid, every layout generator in the mix (Guangfu comb villages and
//   market streets, Hakka 围龙屋, Chaoshan 驷马拖车), each with its own seed, and single houses
//   of every vernacular typology to make the count exact;
// - trees.geojson: register trees of every species the tree models know, groves behind the
//   villages and trees scattered over the country between them;
// - stress.json: the scene, with an overview and close viewpoints the benchmark flies.
//
// Every file is written beside its final name and renamed into place, so a failure leaves no
// half-written scene.

#include "SceneCommand.h"

#include <cunjing/architecture/StyleLibrary.h>
#include <cunjing/architecture/VillageLayouts.h>
#include <cunjing/geo/Result.h>

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

namespace cunjing::tools {

namespace {

namespace arch = cunjing::architecture;
namespace fs = std::filesystem;
using ordered = nlohmann::ordered_json;

constexpr int kBadInput = 2;
constexpr int kFailed = 3;

/// Where the scene is set down (EPSG:4547, near Conghua): the DEM's window is centred here.
constexpr double kSceneCentreX = 460000, kSceneCentreY = 2610000;
constexpr const char* kSceneCrs = "EPSG:4547";

struct StressOptions {
    int buildings = 10000;
    int trees = 50000;
    std::string extent = "10km";
    std::string dem = "../shared/data/dem/osgearth/mt_fuji_90m.tif";
    std::string demCentre = "138.605,35.205";  ///< lon,lat (or x,y) in the DEM's CRS
    double cellM = 20;
    std::uint64_t seed = 1;
    std::string styles;
    std::string out;
};

int fail(const std::vector<Error>& errors, int code = kBadInput) {
    for (const Error& e : errors)
        std::cerr << "error: " << e.toString() << "\n";
    return code;
}

int fail(const Error& e, int code = kBadInput) {
    return fail(std::vector<Error>{e}, code);
}

/// splitmix64: the same sequence on every compiler (std:: distributions are not).
class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform(double lo, double hi) { return lo + (hi - lo) * double(next() >> 11) * 0x1p-53; }
    int integer(int lo, int hi) { return lo + int(next() % std::uint64_t(hi - lo + 1)); }

private:
    std::uint64_t state_;
};

/// "10km", "2500m", "2500": metres; none when not a positive number with one of those units.
std::optional<double> parseExtent(const std::string& text) {
    std::size_t used = 0;
    double v = 0;
    try {
        v = std::stod(text, &used);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    const std::string unit = text.substr(used);
    if (unit == "km")
        v *= 1000;
    else if (!unit.empty() && unit != "m")
        return std::nullopt;
    if (!std::isfinite(v) || v <= 0)
        return std::nullopt;
    return v;
}

std::optional<std::array<double, 2>> parsePair(const std::string& text) {
    const auto comma = text.find(',');
    if (comma == std::string::npos)
        return std::nullopt;
    try {
        std::size_t a = 0, b = 0;
        const double x = std::stod(text.substr(0, comma), &a);
        const double y = std::stod(text.substr(comma + 1), &b);
        if (a != comma || b != text.size() - comma - 1 || !std::isfinite(x) || !std::isfinite(y))
            return std::nullopt;
        return std::array<double, 2>{x, y};
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

struct DatasetClose {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using Dataset = std::unique_ptr<GDALDataset, DatasetClose>;

/// A square window of `extentM` around `centre` (in the DEM's CRS: degrees when geographic),
/// resampled bilinearly to `cells` x `cells`, rows north to south.
Result<std::vector<float>> readDemWindow(const StressOptions& o, std::array<double, 2> centre,
                                         double extentM, int cells) {
    GDALAllRegister();
    // GDAL's own messages would come before ours on stderr: ours say it once, with the file.
    CPLPushErrorHandler(CPLQuietErrorHandler);
    struct PopHandler {
        ~PopHandler() { CPLPopErrorHandler(); }
    } pop;
    Dataset ds(static_cast<GDALDataset*>(GDALOpen(o.dem.c_str(), GA_ReadOnly)));
    if (!ds || ds->GetRasterCount() < 1)
        return Error{o.dem, "",
                     "cannot open it as a DEM (" + std::string(CPLGetLastErrorMsg()) +
                         "); pass one GDAL reads with --dem"};
    std::array<double, 6> gt{};
    if (ds->GetGeoTransform(gt.data()) != CE_None || gt[2] != 0 || gt[4] != 0)
        return Error{o.dem, "", "the DEM has no north-up geotransform"};
    double halfX = extentM / 2, halfY = extentM / 2;
    if (const OGRSpatialReference* srs = ds->GetSpatialRef(); srs && srs->IsGeographic()) {
        constexpr double kMetresPerDegree = 111320.0;
        halfY /= kMetresPerDegree;
        halfX /= kMetresPerDegree * std::cos(centre[1] * M_PI / 180);
    }
    const double px = (centre[0] - halfX - gt[0]) / gt[1];
    const double py = (centre[1] + halfY - gt[3]) / gt[5];
    const double pw = 2 * halfX / gt[1], ph = 2 * halfY / -gt[5];
    if (px < 0 || py < 0 || px + pw > ds->GetRasterXSize() || py + ph > ds->GetRasterYSize()) {
        return Error{o.dem, "--dem-centre",
                     "a " + o.extent + " window around " + o.demCentre +
                         " reaches past the DEM's edge; move --dem-centre or shrink --extent"};
    }
    GDALRasterBand* band = ds->GetRasterBand(1);
    std::vector<float> heights(std::size_t(cells) * std::size_t(cells));
    GDALRasterIOExtraArg extra;
    INIT_RASTERIO_EXTRA_ARG(extra);
    extra.eResampleAlg = GRIORA_Bilinear;
    extra.bFloatingPointWindowValidity = TRUE;
    extra.dfXOff = px, extra.dfYOff = py, extra.dfXSize = pw, extra.dfYSize = ph;
    if (band->RasterIO(GF_Read, int(px), int(py), std::max(1, int(pw)), std::max(1, int(ph)),
                       heights.data(), cells, cells, GDT_Float32, 0, 0, &extra) != CE_None)
        return Error{o.dem, "", "reading the window failed: " + std::string(CPLGetLastErrorMsg())};
    int hasNoData = 0;
    const double noData = band->GetNoDataValue(&hasNoData);
    for (float h : heights) {
        if (!std::isfinite(h) || (hasNoData && std::abs(double(h) - noData) < 0.5) || h < -500) {
            return Error{o.dem, "--dem-centre",
                         "the window around " + o.demCentre +
                             " holds cells without data (sea or voids); move --dem-centre"};
        }
    }
    return heights;
}

/// `path` written by `write(tmp)` to a temporary name beside it, then renamed into place.
Status writeAtomically(const fs::path& path, const std::function<bool(const fs::path&)>& write) {
    const fs::path tmp = path.string() + ".partial";
    if (!write(tmp)) {
        std::error_code ec;
        fs::remove(tmp, ec);
        return Error{path.string(), "", "could not be written (disk full or not writable?)"};
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec)
        return Error{path.string(), "", "could not be renamed into place: " + ec.message()};
    return Done{};
}

Status writeDem(const fs::path& path, const std::vector<float>& heights, int cells, double cellM,
                double extentM) {
    return writeAtomically(path, [&](const fs::path& tmp) {
        GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
        if (!driver)
            return false;
        Dataset ds(driver->Create(tmp.c_str(), cells, cells, 1, GDT_Float32, nullptr));
        if (!ds)
            return false;
        const double gt[6] = {kSceneCentreX - extentM / 2, cellM, 0,
                              kSceneCentreY + extentM / 2, 0,     -cellM};
        ds->SetGeoTransform(const_cast<double*>(gt));
        OGRSpatialReference srs;
        srs.importFromEPSG(4547);
        ds->SetSpatialRef(&srs);
        if (ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, cells, cells,
                                           const_cast<float*>(heights.data()), cells, cells,
                                           GDT_Float32, 0, 0) != CE_None)
            return false;
        ds.reset();  // flushes; a write error shows in the error state
        return CPLGetLastErrorType() < CE_Failure;
    });
}

Status writeJson(const fs::path& path, const ordered& json) {
    return writeAtomically(path, [&](const fs::path& tmp) {
        std::ofstream out(tmp);
        out << json.dump(1) << "\n";
        out.close();
        return bool(out);
    });
}

/// A village: its layout entry, where it stands and how far its buildings and ground reach.
struct Village {
    ordered entry;
    std::string layout;
    double x = 0, y = 0, radius = 0;
    int buildings = 0;
};

/// How far a plan's buildings and ground areas reach from its site.
double planRadius(const arch::VillagePlan& plan) {
    double r = 30;
    for (const auto& b : plan.buildings)
        for (const auto& p : b.outline)
            r = std::max(r, std::hypot(p.x, p.y));
    for (const auto& g : plan.ground)
        for (const auto& p : g.outline)
            r = std::max(r, std::hypot(p.x, p.y));
    return r;
}

/// The layout entry of one village at (x, y), drawn from `random`: a comb village most often
/// (Guangdong's commonest), then market streets, 围龙屋 and 驷马拖车.
Result<Village> makeVillage(Random& random, double x, double y,
                            const std::vector<arch::Style>& styles) {
    arch::VillageLayoutOptions options;
    const double pick = random.uniform(0, 1);
    options.layout = pick < 0.55   ? arch::VillageLayout::Comb
                     : pick < 0.70 ? arch::VillageLayout::Street
                     : pick < 0.85 ? arch::VillageLayout::Weilongwu
                                   : arch::VillageLayout::SimaTuoche;
    options.seed = std::uint32_t(random.next() % 1000000 + 1);
    Village v;
    v.layout = std::string(arch::layoutName(options.layout));
    v.x = x, v.y = y;
    ordered generate = {{"layout", v.layout}, {"at", {std::round(x), std::round(y)}}};
    if (options.layout == arch::VillageLayout::Comb) {
        options.columns = random.integer(3, 8);
        options.depth = random.integer(4, 8);
        generate["columns"] = options.columns;
        generate["houses_per_column"] = options.depth;
    } else if (options.layout == arch::VillageLayout::Street) {
        options.streetLength = 10 * random.integer(6, 20);
        options.streetWidth = random.integer(6, 12);
        generate["street_length"] = options.streetLength;
        generate["street_width"] = options.streetWidth;
    }
    generate["seed"] = options.seed;
    auto generated = arch::generateVillage(options, styles);
    if (!generated)
        return Result<Village>::failure(generated.errors());
    v.buildings = int(generated->plan.buildings.size());
    v.radius = planRadius(generated->plan);
    v.entry = {{"generate", generate}};
    return v;
}

/// The vernacular typologies a hamlet's single houses cycle through: every typology of the
/// Guangfu, Hakka and Chaoshan styles.
std::vector<std::pair<std::string, std::string>> singleTypologies(
    const std::vector<arch::Style>& styles) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const arch::Style& s : styles) {
        if (s.id != "guangfu" && s.id != "hakka" && s.id != "chaoshan")
            continue;
        for (const auto& t : s.typologies)
            out.emplace_back(s.id, t.id);
    }
    return out;
}

struct Species {
    const char* cn;
    double minHeight, maxHeight, crownShare;  ///< crown = height x share, jittered
};

/// Register species the tree models draw (heritage/TreeModels.h), the broadleaf model among
/// them as 秋枫 and 朴树; weighted as Guangdong's registers hold them (banyans most).
constexpr Species kSpecies[] = {
    {"榕树", 10, 26, 1.3}, {"榕树", 10, 26, 1.3},  {"樟树", 12, 28, 0.9}, {"荔枝", 8, 16, 1.0},
    {"龙眼", 8, 15, 1.0},  {"木棉", 15, 30, 0.55}, {"秋枫", 10, 22, 0.9}, {"朴树", 9, 20, 0.9},
};

ordered treeFeature(Random& random, int index, double x, double y) {
    const Species& s = kSpecies[random.next() % std::size(kSpecies)];
    const double height = std::round(random.uniform(s.minHeight, s.maxHeight));
    const double crown = std::round(height * s.crownShare * random.uniform(0.8, 1.2));
    // Ages as registers spread them: mostly 三级 (100-299 years), fewer 二级 and 一级.
    const double a = random.uniform(0, 1);
    const int age = a < 0.7    ? random.integer(100, 299)
                    : a < 0.93 ? random.integer(300, 499)
                               : random.integer(500, 1200);
    char id[32];
    std::snprintf(id, sizeof id, "STRESS-%06d", index + 1);
    return {{"type", "Feature"},
            {"properties",
             {{"id", id},
              {"species_cn", s.cn},
              {"height_m", height},
              {"crown_m", crown},
              {"age_years", age},
              {"synthetic", true}}},
            {"geometry",
             {{"type", "Point"},
              {"coordinates",
               {std::round((kSceneCentreX + x) * 10) / 10,
                std::round((kSceneCentreY + y) * 10) / 10}}}}};
}

bool insideVillage(const std::vector<Village>& villages, double x, double y, double margin) {
    return std::any_of(villages.begin(), villages.end(), [&](const Village& v) {
        return std::hypot(x - v.x, y - v.y) < v.radius + margin;
    });
}

ordered viewpoint(const std::string& name, const std::string& zh, const std::string& en,
                  std::array<double, 3> eye, std::array<double, 3> target) {
    return {{"name", name},
            {"title", {{"zh", zh}, {"en", en}}},
            {"eye", {std::round(eye[0]), std::round(eye[1]), std::round(eye[2])}},
            {"target", {std::round(target[0]), std::round(target[1]), std::round(target[2])}},
            {"above_ground", true}};
}

int runStress(const StressOptions& o) {
    const auto extent = parseExtent(o.extent);
    if (!extent || *extent < 1000 || *extent > 50000)
        return fail(Error{"", "--extent",
                          "expected a length from 1km to 50km (\"10km\", "
                          "\"2500m\"), got \"" +
                              o.extent + "\""});
    const auto centre = parsePair(o.demCentre);
    if (!centre)
        return fail(Error{"", "--dem-centre", "expected X,Y in the DEM's CRS (\"138.6,35.2\")"});
    if (o.buildings < 0 || o.trees < 0)
        return fail(Error{"", "--buildings/--trees", "counts cannot be negative"});
    auto styles = arch::loadStyleLibrary(o.styles);
    if (!styles)
        return fail(styles.errors());

    // Villages on a jittered grid, about twenty buildings a village, in a shuffled order so a
    // smaller count still spreads over the whole extent.
    // Cells no smaller than kMinCellM keep neighbouring villages (up to about 130 m from their
    // site) apart; an extent too small for the count runs out of cells and says so.
    constexpr double kMinCellM = 320;
    const double margin = 300, usable = *extent - 2 * margin;
    const int grid = std::clamp(int(std::ceil(std::sqrt(o.buildings / 20.0 + 1))), 1,
                                std::max(1, int(usable / kMinCellM)));
    const double cell = usable / grid;
    std::vector<int> order(std::size_t(grid) * std::size_t(grid));
    std::iota(order.begin(), order.end(), 0);
    Random random(o.seed);
    for (std::size_t i = order.size(); i > 1; --i)
        std::swap(order[i - 1], order[random.next() % i]);
    std::vector<Village> villages;
    int total = 0;
    std::size_t next = 0;
    auto cellCentre = [&](int index) {
        return std::array<double, 2>{-usable / 2 + (index % grid + 0.5) * cell,
                                     -usable / 2 + (index / grid + 0.5) * cell};
    };
    while (total < o.buildings && next < order.size()) {
        const auto c = cellCentre(order[next]);
        Random jitter(o.seed * 7919 + std::uint64_t(order[next]));
        auto v = makeVillage(jitter, c[0] + jitter.uniform(-0.1, 0.1) * cell,
                             c[1] + jitter.uniform(-0.1, 0.1) * cell, styles.value());
        if (!v)
            return fail(v.errors(), kFailed);
        if (total + v->buildings > o.buildings)
            break;  // the rest comes as single houses, so the count is exact
        total += v->buildings;
        ordered entry = {{"id", "v" + std::to_string(villages.size() + 1) + "-" + v->layout}};
        entry.update(v->entry);
        v->entry = std::move(entry);
        villages.push_back(std::move(v.value()));
        ++next;
    }
    // Hamlets of single houses, 6 x 6 at 60 m in a free cell each, cycling the typologies.
    const auto typologies = singleTypologies(styles.value());
    std::vector<ordered> singles;
    for (int hamlet = 0; total < o.buildings; ++hamlet, ++next) {
        if (next >= order.size() || typologies.empty()) {
            return fail(Error{"", "--buildings",
                              std::to_string(o.buildings) + " buildings do not fit in " + o.extent +
                                  "; give a larger --extent"});
        }
        const auto c = cellCentre(order[next]);
        Village v;
        v.layout = "hamlet";
        v.x = c[0], v.y = c[1], v.radius = 190;
        for (int k = 0; k < 36 && total < o.buildings; ++k, ++total) {
            const auto& [style, typology] = typologies[std::size_t(total) % typologies.size()];
            const double x = c[0] + (k % 6 - 2.5) * 60, y = c[1] + (k / 6 - 2.5) * 60;
            singles.push_back(
                {{"id", "h" + std::to_string(hamlet + 1) + "-" + std::to_string(k + 1)},
                 {"generate",
                  {{"style", style},
                   {"typology", typology},
                   {"at", {std::round(x), std::round(y)}},
                   {"seed", std::uint32_t(random.next() % 1000000 + 1)}}}});
        }
        villages.push_back(std::move(v));
    }

    // Trees: three in five in groves behind and beside the villages (风水林), the rest over
    // the country between them; never inside a village.
    ordered features = ordered::array();
    const int groved = villages.empty() ? 0 : o.trees * 3 / 5;
    for (int i = 0; i < o.trees; ++i) {
        double x = 0, y = 0;
        for (int attempt = 0; attempt < 200; ++attempt) {
            if (i < groved) {
                const Village& v = villages[std::size_t(i) % villages.size()];
                const double a = random.uniform(0, 2 * M_PI);
                const double r = v.radius + random.uniform(10, 90);
                x = v.x + r * std::cos(a), y = v.y + r * std::sin(a);
            } else {
                x = random.uniform(-*extent / 2 + 50, *extent / 2 - 50);
                y = random.uniform(-*extent / 2 + 50, *extent / 2 - 50);
            }
            if (std::abs(x) < *extent / 2 - 30 && std::abs(y) < *extent / 2 - 30 &&
                !insideVillage(villages, x, y, 5))
                break;
        }
        features.push_back(treeFeature(random, i, x, y));
    }

    const int cells = int(std::lround(*extent / o.cellM));
    auto heights = readDemWindow(o, *centre, *extent, cells);
    if (!heights)
        return fail(heights.errors());

    ordered scene = {
        {"version", 1},
        {"name",
         {{"zh", "县域压力测试场景（合成）"}, {"en", "County-scale stress scene (synthetic)"}}},
        {"crs", kSceneCrs},
        {"terrain", {{"dem", "terrain.tif"}, {"max_grid", std::max(cells, 16)}}},
        {"buildings", ordered::array()},
        {"registers", {{"trees", "trees.geojson"}}},
        {"viewpoints", ordered::array()}};
    for (const Village& v : villages)
        if (!v.entry.is_null())
            scene["buildings"].push_back(v.entry);
    for (const ordered& s : singles)
        scene["buildings"].push_back(s);
    const double e = *extent;
    auto& views = scene["viewpoints"];
    views.push_back(viewpoint("overview", "全县鸟瞰", "The whole county from above",
                              {-0.45 * e, -0.62 * e, 0.3 * e}, {0, 0, 0}));
    views.push_back(viewpoint("township", "镇域", "A township", {-0.22 * e, -0.3 * e, 0.06 * e},
                              {-0.05 * e, -0.05 * e, 0}));
    for (const char* layout : {"comb", "weilongwu", "sima-tuoche", "street"}) {
        const auto it = std::find_if(villages.begin(), villages.end(),
                                     [&](const Village& v) { return v.layout == layout; });
        if (it == villages.end())
            continue;
        const double d = it->radius + 120;
        views.push_back(viewpoint(std::string(layout), std::string("村落：") + layout,
                                  std::string("A village: ") + layout,
                                  {it->x - 0.6 * d, it->y - 0.8 * d, 0.35 * d}, {it->x, it->y, 0}));
    }

    std::error_code ec;
    fs::create_directories(o.out, ec);
    if (ec)
        return fail(Error{o.out, "", "cannot create the folder: " + ec.message()});
    const fs::path out(o.out);
    ordered trees = {
        {"type", "FeatureCollection"},
        {"name", "stress_trees"},
        {"crs", {{"type", "name"}, {"properties", {{"name", "urn:ogc:def:crs:EPSG::4547"}}}}},
        {"features", std::move(features)}};
    for (const Status& s :
         {writeDem(out / "terrain.tif", heights.value(), cells, o.cellM, e),
          writeJson(out / "trees.geojson", trees), writeJson(out / "stress.json", scene)}) {
        if (!s)
            return fail(s.errors(), kFailed);
    }
    std::map<std::string, int> byLayout;
    for (const Village& v : villages)
        ++byLayout[v.layout];
    std::cout << "wrote " << (out / "stress.json").string() << ": " << total << " buildings in "
              << villages.size() << " villages and hamlets (";
    for (auto it = byLayout.begin(); it != byLayout.end(); ++it)
        std::cout << (it == byLayout.begin() ? "" : ", ") << it->second << " " << it->first;
    std::cout << "), " << o.trees << " register trees, terrain " << cells << " x " << cells
              << " cells of " << o.cellM << " m over " << o.extent << "\n";
    return 0;
}

}  // namespace

void addSceneCommand(CLI::App& app, std::function<int()>& run) {
    CLI::App* scene = app.add_subcommand("scene", "Scenes written for you");
    scene->require_subcommand(1);
    auto o = std::make_shared<StressOptions>();
    CLI::App* stress = scene->add_subcommand(
        "stress",
        "Write the deterministic county-scale scene the frame benchmark measures: villages of "
        "every layout on a real DEM, register trees of every species");
    stress->add_option("--buildings", o->buildings, "Buildings, exactly (default 10000)");
    stress->add_option("--trees", o->trees, "Register trees (default 50000)");
    stress->add_option("--extent", o->extent,
                       "Side of the square scene: 10km, 2500m (default 10km)");
    stress->add_option("--dem", o->dem,
                       "DEM the relief comes from (default "
                       "../shared/data/dem/osgearth/mt_fuji_90m.tif)");
    stress->add_option("--dem-centre", o->demCentre,
                       "Centre of the window taken from the DEM, X,Y in its CRS (default "
                       "138.605,35.205: lowlands and hills, 10-566 m)");
    stress->add_option("--cell", o->cellM, "Terrain cell size in metres (default 20)")
        ->check(CLI::Range(2.0, 200.0));
    stress->add_option("--seed", o->seed, "Seed of every random choice (default 1)");
    stress->add_option("--styles", o->styles,
                       "Style folder (default: CUNJING_STYLES, else the bundled assets/styles)");
    stress->add_option("--out", o->out, "Folder to write stress.json, terrain.tif, trees.geojson")
        ->required();
    stress->callback([o, &run] { run = [o] { return runStress(*o); }; });
}

}  // namespace cunjing::tools
