// End-to-end: `cunjing terrain info` and `cunjing terrain height` on every DEM in
// ../shared/data/dem (plus the Terragen file among the models), checked against GDAL's own
// `gdallocationinfo`, and a render of each DEM through a scene file.

#include "GoldenImage.h"
#include "TestPaths.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <osgDB/ReadFile>

#include <cmath>
#include <fstream>
#include <sstream>

using namespace cunjing::test;
using nlohmann::json;

namespace {

std::string cunjingExe() {
    return executable("cunjing").string();
}

std::string quoted(const std::filesystem::path& p) {
    return "'" + p.string() + "'";
}

/// Every DEM of the shared data: all of dem/ and the Terragen heightfield.
std::vector<std::filesystem::path> allDems() {
    std::vector<std::filesystem::path> dems;
    for (const auto& e : std::filesystem::recursive_directory_iterator(sharedData() / "dem")) {
        const auto ext = e.path().extension().string();
        if (e.is_regular_file() && ext != ".xml" && ext != ".md" && ext != ".txt")
            dems.push_back(std::filesystem::absolute(e.path()));
    }
    std::sort(dems.begin(), dems.end());
    dems.push_back(
        std::filesystem::absolute(sharedData() / "models/assimp/TER/RealisticTerrain.ter"));
    return dems;
}

json infoJson(const std::filesystem::path& dem) {
    const CommandResult r = runCommand(cunjingExe() + " terrain info --json " + quoted(dem));
    EXPECT_EQ(r.exitCode, 0) << r.out;
    try {
        return json::parse(r.out);
    } catch (const std::exception& e) {
        ADD_FAILURE() << "not JSON: " << e.what() << "\n" << r.out;
        return json::object();
    }
}

/// GDAL's values at pixels (column, row), in metres (the band's scale and offset applied):
/// one `gdallocationinfo -valonly` run reading the pixels from stdin. nullopt for nodata.
std::vector<std::optional<double>> gdalPixels(const std::filesystem::path& dem,
                                              const std::vector<std::array<int, 2>>& pixels,
                                              const json& info) {
    std::string input;
    for (const auto& [c, r] : pixels)
        input += std::to_string(c) + " " + std::to_string(r) + "\\n";
    const CommandResult r =
        runCommand("printf '" + input + "' | gdallocationinfo -valonly " + quoted(dem));
    EXPECT_EQ(r.exitCode, 0) << r.out;
    std::vector<std::optional<double>> out;
    std::istringstream lines(r.out);
    for (std::string line; out.size() < pixels.size() && std::getline(lines, line);) {
        if (line.find_first_of("0123456789") == std::string::npos) {
            out.emplace_back();
            continue;
        }
        const double raw = std::stod(line);
        const bool noData =
            !info["nodata"].is_null() &&
            std::abs(raw - info["nodata"].get<double>()) <= 1e-6 * std::abs(raw) + 1e-9;
        out.push_back(noData ? std::nullopt
                             : std::optional(raw * info["scale"].get<double>() +
                                             info["offset"].get<double>()));
    }
    EXPECT_EQ(out.size(), pixels.size()) << r.out;
    out.resize(pixels.size());
    return out;
}

std::optional<double> gdalPixel(const std::filesystem::path& dem, int column, int row,
                                const json& info) {
    return gdalPixels(dem, {{column, row}}, info)[0];
}

/// `cunjing terrain height` at a geographic/projected position in the DEM's own CRS.
std::optional<double> cunjingHeight(const std::filesystem::path& dem, double x, double y,
                                    const std::string& extra = "") {
    char xy[96];
    std::snprintf(xy, sizeof xy, "%.12f %.12f", x, y);
    const CommandResult r =
        runCommand(cunjingExe() + " terrain height " + extra + " " + quoted(dem) + " -- " + xy);
    if (r.exitCode != 0) {
        ADD_FAILURE() << "terrain height " << dem << " " << xy << ": " << r.out;
        return std::nullopt;
    }
    return std::stod(r.out);
}

/// The position of a fractional, centre-based pixel position (pixel centres at whole numbers).
std::array<double, 2> position(const json& info, double column, double row) {
    const auto gt = info["geotransform"].get<std::vector<double>>();
    return {gt[0] + (column + 0.5) * gt[1], gt[3] + (row + 0.5) * gt[5]};
}

/// Terragen's "world space" is not on the earth: these commands need a CRS for it.
std::string demCrsOption(const std::filesystem::path& dem) {
    return dem.extension() == ".ter" ? "--dem-crs EPSG:4547" : "";
}

/// Pixels spread over a DEM, deterministic.
std::vector<std::array<int, 2>> samplePixels(const json& info) {
    const int w = info["width"], h = info["height"];
    std::vector<std::array<int, 2>> out;
    for (int i = 0; i < 6; ++i)
        out.push_back({(w - 2) * (2 * i + 1) / 13 + i % 2, (h - 2) * ((5 * i + 3) % 11) / 11});
    out.push_back({w / 2, h / 2});
    return out;
}

}  // namespace

TEST(TerrainCli, InfoDescribesEveryDem) {
    for (const auto& dem : allDems()) {
        SCOPED_TRACE(dem.string());
        const CommandResult text = runCommand(cunjingExe() + " terrain info " + quoted(dem));
        ASSERT_EQ(text.exitCode, 0) << text.out;
        for (const char* field :
             {"driver:", "size:", "data type:", "CRS:", "extent:", "resolution:", "heights:"})
            EXPECT_NE(text.out.find(field), std::string::npos) << field << "\n" << text.out;
        const json info = infoJson(dem);
        EXPECT_GT(info["width"].get<int>(), 1);
        EXPECT_FALSE(info["min"].is_null()) << "heights read";
        EXPECT_LE(info["min"].get<double>(), info["max"].get<double>());
    }
}

TEST(TerrainCli, InfoGivesCrsExtentsAndASuggestedWorkingCrs) {
    const json gd = infoJson(sharedData() / "dem/etopo/etopo5_guangdong_clip.tif");
    EXPECT_EQ(gd["driver"], "GTiff");
    EXPECT_EQ(gd["crs"], "EPSG:4326");
    EXPECT_EQ(gd["data_type"], "Float32");
    EXPECT_EQ(gd["min"], -2088.0);
    EXPECT_EQ(gd["max"], 1280.0);
    EXPECT_EQ(gd["suggested_crs"]["code"], "EPSG:4547");
    EXPECT_NEAR(gd["lonlat_extent"][3].get<double>(), 25.79, 0.01);

    const json fuji = infoJson(sharedData() / "dem/osgearth/mt_fuji_90m.tif");
    EXPECT_EQ(fuji["data_type"], "Int16");
    EXPECT_EQ(fuji["nodata"], -32768.0);
    EXPECT_EQ(fuji["suggested_crs"]["code"], "EPSG:32654");

    const json etopo20 = infoJson(sharedData() / "dem/etopo/etopo20_global.cdf");
    EXPECT_EQ(etopo20["driver"], "netCDF");
    EXPECT_EQ(etopo20["crs_origin"], "inferred");
    EXPECT_GT(etopo20["lonlat_extent"][2].get<double>(), 380) << "longitudes run 20..380";

    const json ter = infoJson(sharedData() / "models/assimp/TER/RealisticTerrain.ter");
    EXPECT_EQ(ter["driver"], "Terragen");
    EXPECT_TRUE(ter["crs"].is_null()) << "a local engineering CRS is not a place on earth";
    EXPECT_NEAR(ter["scale"].get<double>(), 0.015106, 1e-6);
}

TEST(TerrainCli, HeightAtPixelCentresEqualsGdallocationinfo) {
    for (const auto& dem : allDems()) {
        SCOPED_TRACE(dem.string());
        const json info = infoJson(dem);
        const auto pixels = samplePixels(info);
        const auto values = gdalPixels(dem, pixels, info);
        int compared = 0;
        for (std::size_t i = 0; i < pixels.size(); ++i) {
            const auto [c, r] = pixels[i];
            const auto& expected = values[i];
            if (!expected)
                continue;  // nodata there (Luxembourg's surroundings)
            const auto p = position(info, c, r);
            // GDAL's own answer at that position, as a second opinion on the pixel.
            char xy[96];
            std::snprintf(xy, sizeof xy, "%.12f %.12f", p[0], p[1]);
            const CommandResult geoloc =
                runCommand("gdallocationinfo -valonly -geoloc " + quoted(dem) + " " + xy);
            ASSERT_EQ(geoloc.exitCode, 0) << geoloc.out;
            const auto got = cunjingHeight(dem, p[0], p[1], demCrsOption(dem));
            ASSERT_TRUE(got);
            EXPECT_NEAR(*got, *expected, 0.01) << "pixel " << c << ", " << r;
            EXPECT_NEAR(
                std::stod(geoloc.out) * info["scale"].get<double>() + info["offset"].get<double>(),
                *expected, 1e-9);
            ++compared;
        }
        EXPECT_GE(compared, 3);
    }
}

TEST(TerrainCli, HeightBetweenPixelCentresIsBilinearInterpolation) {
    for (const auto& dem : allDems()) {
        SCOPED_TRACE(dem.string());
        const json info = infoJson(dem);
        const auto pixels = samplePixels(info);
        std::vector<std::array<int, 2>> corners;  // the four neighbours of each test point
        for (const auto& [c, r] : pixels) {
            corners.insert(corners.end(), {{c, r}, {c + 1, r}, {c, r + 1}, {c + 1, r + 1}});
        }
        const auto values = gdalPixels(dem, corners, info);
        int compared = 0;
        for (std::size_t i = 0; i < pixels.size(); ++i) {
            const auto [c, r] = pixels[i];
            const double tx = 0.37, ty = 0.71;
            const auto &v00 = values[4 * i], &v10 = values[4 * i + 1];
            const auto &v01 = values[4 * i + 2], &v11 = values[4 * i + 3];
            if (!v00 || !v10 || !v01 || !v11)
                continue;
            const double expected =
                (*v00 * (1 - tx) + *v10 * tx) * (1 - ty) + (*v01 * (1 - tx) + *v11 * tx) * ty;
            const auto p = position(info, c + tx, r + ty);
            const auto got = cunjingHeight(dem, p[0], p[1], demCrsOption(dem));
            ASSERT_TRUE(got);
            EXPECT_NEAR(*got, expected, 0.01) << "between pixel " << c << ", " << r;
            ++compared;
        }
        EXPECT_GE(compared, 3);
    }
}

TEST(TerrainCli, HeightTakesAPointInAnyCrs) {
    // Mt Fuji's summit, given in UTM 54N and in lon/lat, is the same height.
    const auto fuji = sharedData() / "dem/osgearth/mt_fuji_90m.tif";
    const CommandResult utm = runCommand(
        "echo 138.7275 35.3606 | gdaltransform -s_srs EPSG:4326 "
        "-t_srs EPSG:32654 -output_xy");
    ASSERT_EQ(utm.exitCode, 0) << utm.out;
    std::istringstream xy(utm.out);
    double x = 0, y = 0;
    xy >> x >> y;
    const auto inUtm = cunjingHeight(fuji, x, y, "--crs EPSG:32654");
    const auto inLonLat = cunjingHeight(fuji, 138.7275, 35.3606);
    ASSERT_TRUE(inUtm && inLonLat);
    EXPECT_NEAR(*inUtm, *inLonLat, 0.01);
    EXPECT_GT(*inLonLat, 3600);
}

TEST(TerrainCli, HeightWrapsNegativeLongitudesIntoTheGlobalRelief) {
    // ETOPO20 runs 20..380E: the centre of its pixel 720 is about 260.17E, which a user in
    // Kansas writes as -99.83; gdallocationinfo knows it only as 260.17.
    const auto etopo = sharedData() / "dem/etopo/etopo20_global.cdf";
    const json info = infoJson(etopo);
    const auto p = position(info, 720, 153);
    const auto got = cunjingHeight(etopo, p[0] - 360.0, p[1]);
    const auto expected = gdalPixel(etopo, 720, 153, info);
    ASSERT_TRUE(got && expected);
    EXPECT_NEAR(*got, *expected, 0.01);
    EXPECT_GT(*got, 300) << "the Great Plains, not the sea";
}

TEST(TerrainCli, HeightJsonNamesThePointInTheDemsCrs) {
    const CommandResult r =
        runCommand(cunjingExe() + " terrain height --json " +
                   quoted(sharedData() / "dem/etopo/etopo5_guangdong_clip.tif") + " 113.5 24.8");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    const json j = json::parse(r.out);
    EXPECT_EQ(j["dem_crs"], "EPSG:4326");
    EXPECT_NEAR(j["height"].get<double>(), 290, 30);  // SOURCES.md: 290 m at 113.5E 24.8N
    EXPECT_FALSE(j["partial"].get<bool>());
}

TEST(TerrainCli, HeightOutsideTheDemExitsTwo) {
    const CommandResult r =
        runCommand(cunjingExe() + " terrain height " +
                   quoted(sharedData() / "dem/osgearth/mt_fuji_90m.tif") + " 113.3 23.1");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("error: "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("outside the DEM"), std::string::npos) << r.out;
}

TEST(TerrainCli, HeightOnNodataExitsTwo) {
    // The north-west corner of terra's Luxembourg DEM is outside the country: nodata.
    const CommandResult r = runCommand(
        cunjingExe() + " terrain height " +
        quoted(sharedData() / "dem/debian/terra_elev_luxembourg.tif") + " 5.7458333 50.1875");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("no data"), std::string::npos) << r.out;
}

TEST(TerrainCli, BadInputsExitTwoWithOneClearLine) {
    const auto vrt = outputDir("cli") / "elsewhere.vrt";
    std::ofstream(vrt) << "<VRTDataset rasterXSize=\"4\" rasterYSize=\"4\"/>";
    for (const std::string& args : std::vector<std::string>{
             "terrain info no/such/dem.tif", "terrain info " + quoted(vrt),
             "terrain height no/such/dem.tif 1 2",
             "terrain height " + quoted(sharedData() / "dem/osgearth/mt_fuji_90m.tif") +
                 " 138.5 35.5 --crs EPSG:0"}) {
        const CommandResult r = runCommand(cunjingExe() + " " + args);
        EXPECT_EQ(r.exitCode, 2) << args << "\n" << r.out;
        EXPECT_EQ(r.out.rfind("error: ", 0), 0u) << args << "\n" << r.out;
        EXPECT_EQ(r.out.find("ERROR"), std::string::npos) << "library chatter: " << r.out;
    }
    const CommandResult usage = runCommand(cunjingExe() + " terrain height only-a-file.tif");
    EXPECT_EQ(usage.exitCode, 2) << usage.out;
}

TEST(TerrainCli, EveryDemRendersThroughASceneFile) {
    const auto dir = outputDir("cli") / "terrain_renders";
    std::filesystem::create_directories(dir);
    for (const auto& dem : allDems()) {
        SCOPED_TRACE(dem.string());
        const json info = infoJson(dem);
        std::string crs = info["suggested_crs"].is_null()
                              ? "EPSG:4547"
                              : info["suggested_crs"]["code"].get<std::string>();
        std::string extra;
        if (dem.extension() == ".ter")
            extra = R"(, "crs": "EPSG:4547")";  // its own world space, placed in CM 114E
        if (dem.filename() == "etopo20_global.cdf") {
            // A global relief: show Guangdong out of it, in CM 114E.
            crs = "EPSG:4547";
            extra = R"(, "extent": [150000, 2200000, 900000, 2860000], "exaggeration": 20)";
        }
        const auto scene = dir / (dem.stem().string() + ".json");
        std::ofstream(scene) << R"({"version": 1, "crs": ")" << crs << R"(", "terrain": {"dem": ")"
                             << dem.string() << R"(", "max_grid": 300)" << extra << "}}";
        const auto png = dir / (dem.stem().string() + ".png");
        std::filesystem::remove(png);
        const CommandResult r = runCommand(cunjingExe() + " render " + quoted(scene) +
                                           " --size 240x135 --out " + quoted(png));
        ASSERT_EQ(r.exitCode, 0) << r.out;
        osg::ref_ptr<osg::Image> image = osgDB::readRefImageFile(png.string());
        ASSERT_TRUE(image);
        const ImageStats stats = imageStats(*image);
        EXPECT_GT(stats.luminanceStdDev, 8) << "flat frame";
        EXPECT_GT(stats.meanLuminance, 60) << "dark frame";
    }
}

TEST(TerrainCli, SceneWithImageryRenders) {
    const auto dir = outputDir("cli") / "terrain_renders";
    std::filesystem::create_directories(dir);
    const auto scene = dir / "guangdong_world.json";
    std::ofstream(scene)
        << R"({"version": 1, "crs": "EPSG:4547", "terrain": {"dem": ")"
        << std::filesystem::absolute(sharedData() / "dem/etopo/etopo5_guangdong_clip.tif").string()
        << R"(", "imagery": ")"
        << std::filesystem::absolute(sharedData() / "imagery/osgearth/world.tif").string()
        << R"(", "exaggeration": 20}})";
    const auto png = dir / "guangdong_world.png";
    const CommandResult r = runCommand(cunjingExe() + " render " + quoted(scene) +
                                       " --size 240x135 --out " + quoted(png));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_TRUE(std::filesystem::exists(png));
}

TEST(TerrainCli, MissingImageryIsABadInputNamingTheKey) {
    const auto scene = outputDir("cli") / "missing_imagery.json";
    std::ofstream(scene) << R"({"version": 1, "crs": "EPSG:4547", "terrain": {"dem": ")"
                         << std::filesystem::absolute("assets/demo/terrain_synthetic.asc").string()
                         << R"(", "imagery": "gone.tif"}})";
    const CommandResult r = runCommand(cunjingExe() + " render " + quoted(scene));
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("$.terrain.imagery"), std::string::npos) << r.out;
}
