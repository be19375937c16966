#pragma once
/// The scene file: one JSON file a user writes by hand, parsed into a SceneDescription.
/// Paths inside it are relative to the file. Every problem comes back as an Error naming
/// the file, the JSON path ($.terrain.dem) or line, and what is wrong.

#include <cunjing/geo/Result.h>
#include <cunjing/geo/Sun.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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

/// An entry of "buildings", one of three kinds:
/// - a village layout: `{"generate": {"layout": "comb", "at": [x, y], "seed": 7, ...}}`
///   (comb, weilongwu, sima-tuoche, street; see architecture/VillageLayouts.h);
/// - one building: `{"generate": {"style": "hakka", "typology": "weilongwu", "at": [x, y],
///   "facing": 180, "seed": 3, "set": {"halls": 3}}}`;
/// - a footprint file: `{"source": "village.gpkg"}` (GeoPackage, GeoJSON or Shapefile with
///   style/typology/... attributes, architecture/VillagePlan.h; a file without a CRS is taken
///   to be in the scene's).
/// Styles and typologies are checked when the scene loads, against the style library.
struct BuildingDescription {
    enum class Kind { Layout, Single, Source };
    Kind kind = Kind::Layout;
    std::string jsonPath;  ///< "$.buildings[1]", for problems found when the scene loads
    /// The entry's "id", the group its buildings' scene ids start with ("street" gives
    /// "street/street-a-03"; a single building's id is the group itself). Without one: the
    /// layout's name, the typology, or the footprint file's stem, with "-2", "-3" ... for a
    /// repeat; unique in the scene either way (town plans name buildings by it).
    std::string id;
    std::string layout = "comb";
    std::string style;                ///< Single; Layout: empty for the layout's own style
    std::string typology;             ///< Single
    std::array<double, 2> at{0, 0};   ///< local metres: front centre (Layout), origin (Single)
    std::optional<double> facingDeg;  ///< compass bearing the fronts look to; 180 = south
    std::uint32_t seed = 1;
    int columns = 4;
    int housesPerColumn = 6;
    double laneWidth = 1.6;
    double streetLength = 90;  ///< street: length of the rows, metres
    double streetWidth = 8;    ///< street: façade to façade, metres
    /// Single: "set" overrides (dimension, option or material.role) in file order.
    std::vector<std::pair<std::string, std::string>> set;
    std::filesystem::path source;  ///< Source: resolved against the scene file's folder
    /// Level a platform under every building (and its forecourt and pond) before placing it.
    bool flatten = true;
};

/// An entry of "models": a model file (glTF/GLB, OBJ, FBX, DAE, 3DS, PLY, STL, IFC ...) read
/// through the import worker and placed on the terrain:
/// `{"path": "hall.glb", "position": [113.02, 23.14, 0], "crs": "EPSG:4490", "heading": 175,
///   "scale": 1, "units": "cm", "up": "y", "clamp": "terrain", "flatten": true}`.
/// Without "position" the file's own georeference (an IFC site) places it. Placement in full
/// (order, conventions, the ground under it): scene/ModelLayer.h.
struct ModelDescription {
    std::string jsonPath;  ///< "$.models[0]"
    std::filesystem::path path;
    LocalText name;  ///< shown in the inspector; defaults to the file name
    /// x, y, z in `crs` (lon, lat, h for a geographic CRS), not local metres: where the
    /// model's origin goes; absent: the file's georeference (lon/lat, true north).
    std::optional<std::array<double, 3>> position;
    std::string crs;  ///< empty: the scene's working CRS
    /// Compass bearing (clockwise from north) the model's north axis turns to: +Y of a Z-up
    /// file, -Z of a Y-up file (glTF, OBJ). 0 keeps the file's orientation, where a glTF's
    /// front (+Z) faces south; the front faces heading + 180 (heading 90: it faces west).
    double headingDeg = 0;
    double scale = 1;
    /// Metres per model unit, fixing the file's units ("units": "m", "cm", "mm", "ft", "in" or
    /// a number); absent: what the file states, else metres.
    std::optional<double> unitScale;
    std::optional<char> upAxis;  ///< 'y' or 'z', fixing the file's; absent: the file's
    /// Terrain: z is the height of the model's lowest point above the ground under its
    /// footprint (negative sinks it, e.g. a foundation modelled below the floor); absolute: z
    /// is the height of the model's origin in the CRS (times the terrain's exaggeration).
    enum class Clamp { Terrain, Absolute };
    Clamp clamp = Clamp::Terrain;
    /// Terrain only: level the ground under the footprint (its convex hull seen from above)
    /// to the mean ground under it, blended into the slope around; false: the lowest point
    /// goes on the lowest ground under the footprint instead.
    bool flatten = true;
};

/// An entry of "oblique": an oblique-photography (倾斜摄影) OSGB tile set, the common export
/// of a folder with metadata.xml (SRS, SRSOrigin) and Data/Tile_*/Tile_*.osgb PagedLODs:
/// `{"path": "oblique/", "height_offset": 0}`.
struct ObliqueDescription {
    std::string jsonPath;
    std::filesystem::path path;  ///< the folder holding metadata.xml
    LocalText name;
    double heightOffset = 0;  ///< metres added to every height (a datum shift)
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

/// An entry of "control_lines": a vector file of 三线 polygons (永久基本农田, 生态保护红线,
/// 城镇开发边界) that town plans are checked against: `{"path": "lines.gpkg", "kind":
/// "permanent_farmland"}`. Without "kind" each feature's "kind" field says.
struct ControlLinesDescription {
    std::string jsonPath;        ///< "$.control_lines[0]"
    std::filesystem::path path;  ///< resolved against the scene file's folder
    /// As written (a token or its Chinese name); empty: per feature. Checked when the scene
    /// loads (heritage::parseControlLineKind), where the rule engine is at hand.
    std::string kind;
};

/// "kiosk": the exhibition kiosk's idle times (`cunjing-viewer --kiosk`):
/// `{"idle_seconds": 60, "home_seconds": 180}`. No input for idle_seconds starts the tour of
/// the viewpoints; for home_seconds (longer) the view and language go back home.
struct KioskDescription {
    double idleSeconds = 60;
    double homeSeconds = 180;
    /// "passcode_hash": the admin passcode as a yescrypt hash ("$y$...", made by `cunjing kiosk
    /// passcode`); empty: no admin entry, the kiosk is stopped only from outside.
    std::string passcodeHash;
};
/// Whether `text` has the form of a yescrypt hash ("$y$params$salt$hash").
bool isYescryptHash(std::string_view text);
/// A kiosk config file (`cunjing-viewer --kiosk-config`), `{"passcode_hash": "$y$..."}`: keeps
/// the hash out of a scene file that is shared. The hash, or errors with file and JSON path.
Result<std::string> loadKioskConfig(const std::filesystem::path& file);

/// "sun": when the scene is lit, `{"date": "2026-06-21", "time": "15:00", "utc_offset": 8}`;
/// the sun's position follows from the scene's place (its origin in `crs`, or "location":
/// [lon, lat] for a scene without one) by NOAA's algorithm (geo/Sun.h). Absent: the defaults.
struct SunDescription {
    geo::LocalDateTime when{2026, 10, 15, 10, 0, 0, 8};  ///< a clear mid-autumn morning
    std::optional<std::array<double, 2>> location;       ///< lon, lat (CGCS2000)
    /// Whether the file has a "sun" key; without one, renders keep Lighting's fixed south-east
    /// morning light (the viewer's time control still moves the sun).
    bool given = false;
};

/// Rendering quality presets (scene/Look.h says what each draws). Low suits software
/// rendering (llvmpipe) and weak kiosk GPUs, high real GPUs.
enum class Quality { Low, Medium, High };

/// "low", "medium" or "high"; nullopt for anything else.
std::optional<Quality> parseQuality(const std::string& name);
const char* qualityName(Quality quality);

/// "look": {"quality": "auto" | "low" | "medium" | "high", "shadows": true}. Absent: auto (picked
/// from the renderer) with the preset's shadows. --quality and the viewer's setting win over it.
struct LookDescription {
    std::optional<Quality> quality;  ///< nullopt: auto
    std::optional<bool> shadows;     ///< nullopt: as the preset says
};

/// "greenery": {"density": 1} — the grove, bamboo, banana and fruit trees, shrubs and fields
/// generated around the villages of the scene's layouts (Greenery.h); density scales how many
/// plants (0: none, 2: twice as many). Absent: density 1.
struct GreeneryDescription {
    double density = 1.0;
};

/// A step of the "tour": where the camera goes, how long it rests there once it has flown
/// there, and what the caption says. Either a scene viewpoint by name
/// (`{"viewpoint": "street", "seconds": 5}`) or its own view, written as a viewpoint's
/// (`{"eye": [x, y, z], "target": [x, y, z], "above_ground": false, "fov": 40, "seconds": 5}`).
struct TourStep {
    /// The scene viewpoint it shows; empty when the step has its own eye and target.
    std::string viewpoint;
    /// The pose: a copy of the named viewpoint (its title too), or the step's own (no name).
    Viewpoint view;
    double seconds = 6;  ///< rest after the flight lands, 0 < seconds <= kMaxTourStepSeconds
    LocalText caption;   ///< as written; empty: the viewpoint's title is shown
    const LocalText& shownCaption() const {
        return caption.zh.empty() && caption.en.empty() ? view.title : caption;
    }
};

/// "tour": the exhibition's authored tour, played in a loop by the kiosk's attract mode:
/// `{"steps": [{"viewpoint": "entrance", "seconds": 6, "caption": {"zh": ..., "en": ...}},
///             {"eye": [...], "target": [...], "seconds": 4}]}`. An object, not a bare list,
/// so settings for the whole tour (a flight speed) can join "steps" later. Without it the
/// kiosk tours the viewpoints. Written back by saveSceneTour (SceneTourFile.h).
struct TourDescription {
    std::vector<TourStep> steps;
};
inline constexpr double kMaxTourStepSeconds = 600;
inline constexpr std::size_t kMaxTourSteps = 200;

struct SceneDescription {
    std::filesystem::path file;  ///< the scene file itself
    int version = 1;
    LocalText name;
    std::string crs;  ///< working CRS, e.g. EPSG:4547
    /// Working-CRS position of local (0, 0); defaults to the terrain centre.
    std::optional<std::array<double, 2>> origin;
    std::optional<TerrainDescription> terrain;
    /// A folder of style files replacing the bundled library (assets/styles); empty: bundled.
    std::filesystem::path styles;
    std::vector<BuildingDescription> buildings;
    std::vector<ModelDescription> models;
    std::vector<ObliqueDescription> oblique;
    std::vector<TreeLayerDescription> treeLayers;
    /// "registers.villages": village register files (CSV, GeoJSON, GeoPackage, Shapefile,
    /// XLSX; read through the field mappings of assets/mappings), lon/lat CGCS2000.
    std::vector<std::filesystem::path> villageLayers;
    /// "registers.registry": a register store whose trees and villages are drawn: a GeoPackage
    /// path (resolved against the scene file, and required to exist) or "PG:..." as written.
    std::string registry;
    std::vector<Viewpoint> viewpoints;
    /// "plans": town plan files (architecture/TownPlan.h), resolved against the scene file's
    /// folder; each exists. $.plans[i] is plans[i].
    std::vector<std::filesystem::path> plans;
    std::vector<ControlLinesDescription> controlLines;
    /// "kiosk": absent keeps the defaults.
    KioskDescription kiosk;
    /// "tour": absent leaves no steps (the kiosk then tours the viewpoints).
    TourDescription tour;
    /// "sun": the date and time the scene is lit at.
    SunDescription sun;
    /// "look": quality preset and shadows.
    LookDescription look;
    /// "greenery": generated greenery around the villages.
    GreeneryDescription greenery;
    /// A scene with more generated buildings than this and no town plan keeps only their
    /// coarse massing in memory and makes full detail again per tile as the eye comes near
    /// (SceneData::pagedBuildings): at about 0.5 MB a building in full detail, a county's ten
    /// thousand would not fit a kiosk's memory. Not read from the file; tests lower it [E].
    std::size_t pageBuildingsAbove = 1500;

    const Viewpoint* findViewpoint(const std::string& name) const;
};

/// Reads and validates a scene file. All problems found are returned, one Error each.
Result<SceneDescription> loadSceneFile(const std::filesystem::path& file);
/// Same, for text already in memory (file is used in messages and to resolve paths).
Result<SceneDescription> parseSceneText(const std::string& text, const std::filesystem::path& file);

}  // namespace cunjing::scene
