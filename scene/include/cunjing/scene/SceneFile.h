#pragma once
/// The scene file: one JSON file a user writes by hand, parsed into a SceneDescription.
/// Paths inside it are relative to the file. Every problem comes back as an Error naming
/// the file, the JSON path ($.terrain.dem) or line, and what is wrong.

#include <cunjing/geo/Result.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace cunjing::scene {

enum class Language { Chinese, English };

/// Text shown to users in both languages; a plain JSON string fills both.
struct LocalText {
    std::string zh;
    std::string en;
    const std::string& in(Language lang) const {
        return lang == Language::Chinese ? (zh.empty() ? en : zh) : (en.empty() ? zh : en);
    }
};

/// Ground levelled to a flat platform (a pond bed, a threshing floor, a plot), blended into the
/// terrain around it: `{"outline": [[x, y], ...], "height": 3.2, "blend": 6}`.
struct PlatformDescription {
    std::vector<std::array<double, 2>> outline;  ///< local metres, 3+ points
    std::optional<double> height;                ///< metres; default the mean ground under it
    double blend = 6.0;                          ///< metres over which the slope is blended
};

struct TerrainDescription {
    std::filesystem::path dem;  ///< resolved against the scene file's folder
    /// A tile pyramid folder (`cunjing terrain build --out`), instead of dem: paged on demand.
    std::filesystem::path pyramid;
    std::string demCrs;  ///< CRS of the DEM when the file carries none
    /// Imagery draped on the terrain (any CRS GDAL knows); empty for the procedural surface.
    std::filesystem::path imagery;
    std::vector<PlatformDescription> platforms;
    double exaggeration = 1.0;
    /// Ground below this height (metres) is drawn as still water: sea, ponds, paddies.
    double waterLevel = 0.0;
    int maxGridSize = 1024;
    std::optional<std::array<double, 4>> extent;  ///< xmin, ymin, xmax, ymax in the scene CRS
    double maxPixelError = 2.0;  ///< LOD: largest screen-space error of the ground, pixels
};

/// A procedural village: `{"generate": {"layout": "comb", "style": "guangfu", ...}}`.
struct VillageDescription {
    std::string layout = "comb";
    std::string style = "guangfu";
    std::array<double, 2> at{0, 0};  ///< front-centre of the village, local metres
    double headingDeg = 0;           ///< 0: houses face south (-y)
    int columns = 3;
    int housesPerColumn = 5;
    double laneWidth = 1.6;
    std::uint32_t seed = 1;
    /// Level a platform under every house before placing it (default on).
    bool flatten = true;
};

struct TreeLayerDescription {
    std::filesystem::path path;
    std::string crs = "EPSG:4490";  ///< used when the layer has no CRS (CSV)
};

struct Viewpoint {
    std::string name;  ///< identifier used on the command line
    LocalText title;   ///< shown in the UI; defaults to name
    std::array<double, 3> eye{0, -100, 50};
    std::array<double, 3> target{0, 0, 0};
    /// When true, eye and target z are heights above the terrain under them.
    bool aboveGround = false;
    double fovDeg = 40;
};

struct SceneDescription {
    std::filesystem::path file;  ///< the scene file itself
    int version = 1;
    LocalText name;
    std::string crs;  ///< working CRS, e.g. EPSG:4547
    /// Working-CRS position of local (0, 0); defaults to the terrain centre.
    std::optional<std::array<double, 2>> origin;
    std::optional<TerrainDescription> terrain;
    std::vector<VillageDescription> villages;
    std::vector<TreeLayerDescription> treeLayers;
    std::vector<Viewpoint> viewpoints;

    const Viewpoint* findViewpoint(const std::string& name) const;
};

/// Reads and validates a scene file. All problems found are returned, one Error each.
Result<SceneDescription> loadSceneFile(const std::filesystem::path& file);
/// Same, for text already in memory (file is used in messages and to resolve paths).
Result<SceneDescription> parseSceneText(const std::string& text, const std::filesystem::path& file);

}  // namespace cunjing::scene
