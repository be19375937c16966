#include <cunjing/scene/SceneFile.h>

#include "JsonReader.h"
#include "SceneSettings.h"
#include "SceneTour.h"

#include <cunjing/geo/Crs.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

namespace cunjing::scene {

using detail::JsonReader;
using nlohmann::json;

namespace {

constexpr std::uintmax_t kMaxSceneFileBytes = 64u << 20;

void readLocalText(JsonReader& r, const std::string& key, LocalText& out) {
    const json* v = r.take(key);
    if (!v || v->is_null())
        return;
    if (v->is_string()) {
        out.zh = out.en = v->get<std::string>();
        return;
    }
    JsonReader t(*v, r.childPath(key), r.file(), r.errors());
    t.string("zh", out.zh);
    t.string("en", out.en);
    t.finish();
}

/// Resolves a path written in the scene against the scene's folder and checks it exists.
bool existingPath(JsonReader& r, const std::string& key, const std::filesystem::path& base,
                  std::filesystem::path& out, bool required) {
    std::string written;
    if (!r.string(key, written, required))
        return false;
    out = std::filesystem::path(written).is_absolute() ? std::filesystem::path(written)
                                                       : base / written;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(out, ec)) {
        r.error(r.childPath(key), "file not found: " + written + " (looked for " +
                                      out.lexically_normal().string() + ")");
        return false;
    }
    return true;
}

/// "styles": a folder of style files (*.json) that replaces the bundled library.
void readStyleFolder(JsonReader& r, const std::filesystem::path& base, std::filesystem::path& out) {
    std::string written;
    if (!r.string("styles", written))
        return;
    out = std::filesystem::path(written).is_absolute() ? std::filesystem::path(written)
                                                       : base / written;
    std::error_code ec;
    if (!std::filesystem::is_directory(out, ec)) {
        r.error(r.childPath("styles"), "not a folder of style files: " + written + " (looked for " +
                                           out.lexically_normal().string() +
                                           "); copy assets/styles and edit the copy");
        out.clear();
    }
}

/// A pyramid folder written by `cunjing terrain build`: a folder holding index.json.
bool existingPyramid(JsonReader& r, const std::filesystem::path& base, std::filesystem::path& out,
                     bool required) {
    std::string written;
    if (!r.string("pyramid", written, required))
        return false;
    out = std::filesystem::path(written).is_absolute() ? std::filesystem::path(written)
                                                       : base / written;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(out / "index.json", ec)) {
        r.error(r.childPath("pyramid"), "not a terrain pyramid: " + written + " (looked for " +
                                            (out / "index.json").lexically_normal().string() +
                                            "; build one with `cunjing terrain build`)");
        return false;
    }
    return true;
}

void checkCrs(JsonReader& r, const std::string& key, const std::string& crs) {
    auto parsed = geo::Crs::fromUserString(crs);
    if (!parsed)
        r.error(r.childPath(key), parsed.errors()[0].message);
}

/// The working CRS must be projected: the scene is built in metres.
void checkWorkingCrs(JsonReader& r, const std::string& crs) {
    auto parsed = geo::Crs::fromUserString(crs);
    if (!parsed) {
        r.error(r.childPath("crs"), parsed.errors()[0].message);
    } else if (!parsed->isProjected()) {
        r.error(r.childPath("crs"), crs +
                                        " is not a projected CRS in metres; use one such as "
                                        "EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E) "
                                        "or a UTM zone");
    }
}

/// `{"outline": [[x, y], ...], "height": h, "blend": m}`; points in local metres.
PlatformDescription readPlatform(JsonReader& r) {
    PlatformDescription p;
    const json* outline = r.take("outline");
    if (!outline) {
        r.error(r.path(), "missing required key \"outline\"");
    } else if (!outline->is_array() || outline->size() < 3) {
        r.error(r.childPath("outline"),
                "expected an array of 3 or more [x, y] points (local metres), got " +
                    (outline->is_array() ? std::to_string(outline->size()) + " points"
                                         : detail::describeJsonType(*outline)));
    } else {
        for (std::size_t i = 0; i < outline->size(); ++i) {
            const json& pt = (*outline)[i];
            if (!pt.is_array() || pt.size() != 2 || !pt[0].is_number() || !pt[1].is_number()) {
                r.error(r.childPath("outline") + "[" + std::to_string(i) + "]",
                        "expected a point [x, y] of two numbers");
                continue;
            }
            p.outline.push_back({pt[0].get<double>(), pt[1].get<double>()});
        }
    }
    double height = 0;
    if (r.number("height", height, false, -11000, 9000))
        p.height = height;
    r.number("blend", p.blend, false, 0, 1000);
    r.finish();
    return p;
}

std::optional<TerrainDescription> readTerrain(JsonReader& parent,
                                              const std::filesystem::path& base) {
    const json* v = parent.take("terrain");
    if (!v || v->is_null())
        return std::nullopt;
    JsonReader r(*v, parent.childPath("terrain"), parent.file(), parent.errors());
    if (!r.isObject())
        return std::nullopt;
    TerrainDescription t;
    if (!r.has("pyramid")) {
        existingPath(r, "dem", base, t.dem, true);
    } else if (r.take("dem") && r.take("pyramid")) {
        r.error(r.childPath("pyramid"), "give either \"dem\" or \"pyramid\", not both");
    } else {
        existingPyramid(r, base, t.pyramid, true);
    }
    if (r.string("crs", t.demCrs))
        checkCrs(r, "crs", t.demCrs);
    existingPath(r, "imagery", base, t.imagery, false);
    r.objects("platforms", [&](JsonReader& p) { t.platforms.push_back(readPlatform(p)); });
    r.number("exaggeration", t.exaggeration, false, 0.01, 100);
    r.number("water_level", t.waterLevel, false, -11000, 9000);
    r.integer("max_grid", t.maxGridSize, false, 16, 8192);
    r.number("max_pixel_error", t.maxPixelError, false, 0.1, 100);
    std::array<double, 4> extent{};
    if (r.numbers("extent", extent)) {
        if (extent[0] >= extent[2] || extent[1] >= extent[3]) {
            r.error(r.childPath("extent"), "expected [xmin, ymin, xmax, ymax] with min < max");
        }
        t.extent = extent;
    }
    r.finish();
    return t;
}

/// The layouts a "generate" entry without a typology may name (architecture/VillageLayouts.h).
const char* const kLayouts[] = {"comb", "weilongwu", "sima-tuoche", "street"};

/// "set": {"hallBay": 4.5, "gable": "wok-ear"}: numbers, strings and booleans as key=value.
void readOverrides(JsonReader& r, BuildingDescription& b) {
    const json* set = r.take("set");
    if (!set || set->is_null())
        return;
    if (!set->is_object()) {
        r.error(r.childPath("set"), "expected an object of key: value overrides, got " +
                                        detail::describeJsonType(*set));
        return;
    }
    for (const auto& [key, value] : set->items()) {
        if (value.is_string())
            b.set.emplace_back(key, value.get<std::string>());
        else if (value.is_number() || value.is_boolean())
            b.set.emplace_back(key, value.dump());
        else
            r.error(r.childPath("set") + "." + key,
                    "expected a number or a string, got " + detail::describeJsonType(value));
    }
}

BuildingDescription readGenerate(JsonReader& r, const std::string& jsonPath) {
    BuildingDescription b;
    b.jsonPath = jsonPath;
    r.string("style", b.style);
    if (r.string("typology", b.typology)) {
        b.kind = BuildingDescription::Kind::Single;
        if (b.style.empty())
            r.error(r.childPath("style"),
                    "a building with a typology needs its style "
                    "(guangfu, hakka or chaoshan; `cunjing style list`)");
        if (r.has("layout"))
            r.error(r.childPath("layout"), "give either \"layout\" or \"typology\", not both");
        readOverrides(r, b);
    } else {
        r.string("layout", b.layout);
        if (std::find(std::begin(kLayouts), std::end(kLayouts), b.layout) == std::end(kLayouts))
            r.error(r.childPath("layout"), "unknown layout \"" + b.layout +
                                               "\" (known: comb, weilongwu, sima-tuoche, street)");
        r.integer("columns", b.columns, false, 1, 200);
        r.integer("houses_per_column", b.housesPerColumn, false, 1, 20);
        r.number("lane_width", b.laneWidth, false, 0.5, 10);
        r.number("street_length", b.streetLength, false, 30, 300);
        r.number("street_width", b.streetWidth, false, 5, 16);
    }
    r.numbers("at", b.at);
    double facing = 0;
    if (r.number("facing", facing, false, 0, 360))
        b.facingDeg = facing;
    r.boolean("flatten", b.flatten);
    int seed = 1;
    if (r.integer("seed", seed, false, 0, INT32_MAX))
        b.seed = static_cast<std::uint32_t>(seed);
    r.finish();
    return b;
}

/// The group a buildings entry gets without an "id": what the entry generates.
std::string defaultBuildingId(const BuildingDescription& b) {
    switch (b.kind) {
        case BuildingDescription::Kind::Layout:
            return b.layout;
        case BuildingDescription::Kind::Single:
            return b.typology;
        case BuildingDescription::Kind::Source:
            return b.source.stem().string();
    }
    return "buildings";
}

/// Scene building ids are "<group>/<footprint id>" and added ones "plan/<id>": a group must
/// hold no '/' and must not be "plan", or two buildings could share an id.
bool checkExplicitId(JsonReader& entry, const std::string& id) {
    if (id.empty() || id.find('/') != std::string::npos || id == "plan") {
        entry.error(entry.childPath("id"),
                    "\"" + id +
                        "\" cannot be a buildings id: give a non-empty name without '/' other "
                        "than \"plan\" (town plans use \"plan/...\" for buildings they add)");
        return false;
    }
    return true;
}

/// Explicit ids first (a duplicate is an error naming both entries), then defaults, each
/// made unique with "-2", "-3" ... so existing plans keep naming the same buildings when an
/// entry is added after them.
void resolveBuildingIds(JsonReader& r, SceneDescription& scene,
                        const std::vector<std::pair<std::string, std::string>>& explicitIds) {
    std::map<std::string, std::string> taken;  // id -> the JSON path that claimed it
    for (std::size_t i = 0; i < scene.buildings.size(); ++i) {
        const auto& [id, idPath] = explicitIds[i];
        if (id.empty())
            continue;
        if (auto [it, fresh] = taken.emplace(id, idPath); !fresh) {
            r.error(idPath, "buildings id \"" + id + "\" is already used at " + it->second +
                                "; give each entry its own id");
        }
        scene.buildings[i].id = id;
    }
    for (std::size_t i = 0; i < scene.buildings.size(); ++i) {
        BuildingDescription& b = scene.buildings[i];
        if (!b.id.empty())
            continue;
        const std::string base = defaultBuildingId(b);
        std::string id = base;
        for (int n = 2; taken.count(id); ++n)
            id = base + "-" + std::to_string(n);
        taken.emplace(id, b.jsonPath);
        b.id = id;
    }
}

void readBuildings(JsonReader& parent, SceneDescription& scene, const std::filesystem::path& base) {
    // Per entry that made it into scene.buildings: its explicit id (or "") and the id's path.
    std::vector<std::pair<std::string, std::string>> explicitIds;
    parent.objects("buildings", [&](JsonReader& entry) {
        const std::string jsonPath = entry.path();
        std::string id;
        const bool hasId = entry.string("id", id) && checkExplicitId(entry, id);
        const std::size_t before = scene.buildings.size();
        const json* gen = entry.take("generate");
        if (gen && entry.has("source")) {
            entry.error(jsonPath, "give either \"generate\" or \"source\", not both");
        } else if (gen) {
            JsonReader g(*gen, entry.childPath("generate"), entry.file(), entry.errors());
            if (g.isObject())
                scene.buildings.push_back(readGenerate(g, g.path()));
        } else if (entry.has("source")) {
            BuildingDescription b;
            b.kind = BuildingDescription::Kind::Source;
            b.jsonPath = jsonPath;
            if (existingPath(entry, "source", base, b.source, true)) {
                entry.boolean("flatten", b.flatten);
                scene.buildings.push_back(b);
            }
        } else {
            entry.error(jsonPath,
                        "expected \"generate\" (a layout or a typology) or \"source\" "
                        "(a footprint file)");
        }
        if (scene.buildings.size() > before)
            explicitIds.emplace_back(hasId ? id : "", entry.childPath("id"));
        entry.finish();
    });
    resolveBuildingIds(parent, scene, explicitIds);
}

/// "plans": ["street_plan.json", ...]: town plan files, read when a plan is used.
void readPlans(JsonReader& parent, SceneDescription& scene, const std::filesystem::path& base) {
    const json* v = parent.take("plans");
    if (!v || v->is_null())
        return;
    if (!v->is_array()) {
        parent.error(parent.childPath("plans"),
                     "expected an array of plan file paths, got " + detail::describeJsonType(*v));
        return;
    }
    for (std::size_t i = 0; i < v->size(); ++i) {
        const std::string where = parent.childPath("plans") + "[" + std::to_string(i) + "]";
        if (!(*v)[i].is_string()) {
            parent.error(where,
                         "expected a plan file path, got " + detail::describeJsonType((*v)[i]));
            continue;
        }
        const std::string written = (*v)[i].get<std::string>();
        const std::filesystem::path path = std::filesystem::path(written).is_absolute()
                                               ? std::filesystem::path(written)
                                               : base / written;
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec)) {
            parent.error(where, "plan file not found: " + written + " (looked for " +
                                    path.lexically_normal().string() + ")");
            continue;
        }
        scene.plans.push_back(path.lexically_normal());
    }
}

/// "control_lines": [{"path": "lines.gpkg", "kind": "permanent_farmland"}, ...].
void readControlLines(JsonReader& parent, SceneDescription& scene,
                      const std::filesystem::path& base) {
    parent.objects("control_lines", [&](JsonReader& r) {
        ControlLinesDescription c;
        c.jsonPath = r.path();
        const bool found = existingPath(r, "path", base, c.path, true);
        r.string("kind", c.kind);
        r.finish();
        if (found) {
            c.path = c.path.lexically_normal();
            scene.controlLines.push_back(std::move(c));
        }
    });
}

/// "units": a name or a number of metres per model unit.
std::optional<double> readUnits(JsonReader& r) {
    const json* v = r.take("units");
    if (!v || v->is_null())
        return std::nullopt;
    if (v->is_number() && v->get<double>() > 0 && std::isfinite(v->get<double>()))
        return v->get<double>();
    static const std::pair<const char*, double> kUnits[] = {
        {"m", 1.0}, {"cm", 0.01}, {"mm", 0.001}, {"ft", 0.3048}, {"in", 0.0254}, {"km", 1000.0}};
    if (v->is_string()) {
        for (const auto& [name, metres] : kUnits) {
            if (v->get<std::string>() == name)
                return metres;
        }
    }
    r.error(r.childPath("units"),
            "expected \"m\", \"cm\", \"mm\", \"ft\", \"in\", \"km\" or a positive number "
            "of metres per model unit, got " +
                v->dump());
    return std::nullopt;
}

ModelDescription readModel(JsonReader& r, const std::filesystem::path& base) {
    ModelDescription m;
    m.jsonPath = r.path();
    // A missing model file is not a scene-file error: like a file the import worker rejects,
    // it becomes a load warning naming this entry, and the rest of the scene shows (the demo's
    // model lives in ../shared/data, which a copy of the project may not have beside it).
    std::string written;
    if (r.string("path", written, true)) {
        m.path = std::filesystem::path(written).is_absolute() ? std::filesystem::path(written)
                                                              : base / written;
        m.path = m.path.lexically_normal();
    }
    readLocalText(r, "name", m.name);
    std::array<double, 3> position{};
    if (r.numbers("position", position))
        m.position = position;
    if (r.string("crs", m.crs))
        checkCrs(r, "crs", m.crs);
    r.number("heading", m.headingDeg, false, -360, 360);
    r.number("scale", m.scale, false, 1e-6, 1e6);
    m.unitScale = readUnits(r);
    std::string up;
    if (r.string("up", up)) {
        if (up == "y" || up == "Y" || up == "z" || up == "Z")
            m.upAxis = static_cast<char>(std::tolower(static_cast<unsigned char>(up[0])));
        else
            r.error(r.childPath("up"), "expected \"y\" or \"z\", got \"" + up + "\"");
    }
    std::string clamp;
    if (r.string("clamp", clamp)) {
        if (clamp == "terrain")
            m.clamp = ModelDescription::Clamp::Terrain;
        else if (clamp == "absolute")
            m.clamp = ModelDescription::Clamp::Absolute;
        else
            r.error(r.childPath("clamp"),
                    "expected \"terrain\" or \"absolute\", got \"" + clamp + "\"");
    }
    r.boolean("flatten", m.flatten);
    r.finish();
    return m;
}

void readModels(JsonReader& parent, SceneDescription& scene, const std::filesystem::path& base) {
    parent.objects("models", [&](JsonReader& r) { scene.models.push_back(readModel(r, base)); });
}

void readOblique(JsonReader& parent, SceneDescription& scene, const std::filesystem::path& base) {
    parent.objects("oblique", [&](JsonReader& r) {
        ObliqueDescription o;
        o.jsonPath = r.path();
        std::string written;
        if (r.string("path", written, true)) {
            o.path = std::filesystem::path(written).is_absolute() ? std::filesystem::path(written)
                                                                  : base / written;
            std::error_code ec;
            if (!std::filesystem::is_regular_file(o.path / "metadata.xml", ec)) {
                r.error(r.childPath("path"),
                        "not an oblique-photography tile set: " + written + " (looked for " +
                            (o.path / "metadata.xml").lexically_normal().string() +
                            "; point at the folder holding metadata.xml and Data/)");
            }
        }
        readLocalText(r, "name", o.name);
        r.number("height_offset", o.heightOffset, false, -1e4, 1e4);
        r.finish();
        scene.oblique.push_back(o);
    });
}

void readTreeRegister(JsonReader& r, SceneDescription& scene, const std::filesystem::path& base) {
    const json* trees = r.take("trees");
    if (!trees || trees->is_null())
        return;
    // "trees": "file.geojson" or {"path": "file.csv", "crs": "EPSG:4490"}
    TreeLayerDescription layer;
    bool ok;
    if (trees->is_string()) {
        json wrapped = {{"path", *trees}};
        JsonReader t(wrapped, r.childPath("trees"), r.file(), r.errors());
        ok = existingPath(t, "path", base, layer.path, true);
    } else {
        JsonReader t(*trees, r.childPath("trees"), r.file(), r.errors());
        ok = t.isObject() && existingPath(t, "path", base, layer.path, true);
        if (t.string("crs", layer.crs))
            checkCrs(t, "crs", layer.crs);
        t.finish();
    }
    if (ok)
        scene.treeLayers.push_back(layer);
}

/// "registry": "heritage.gpkg" or "PG:dbname=...". A missing GeoPackage is an error here:
/// opening a store creates it, and a misspelt name must not draw an empty new register.
void readRegistry(JsonReader& r, SceneDescription& scene, const std::filesystem::path& base) {
    std::string written;
    if (!r.string("registry", written))
        return;
    if (written.rfind("PG:", 0) == 0) {
        scene.registry = written;
        return;
    }
    const std::filesystem::path path = std::filesystem::path(written).is_absolute()
                                           ? std::filesystem::path(written)
                                           : base / written;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        r.error(r.childPath("registry"),
                "register store not found: " + written + " (looked for " +
                    path.lexically_normal().string() +
                    "); make one with `cunjing villages --registry FILE import ...`");
        return;
    }
    scene.registry = path.lexically_normal().string();
}

void readRegisters(JsonReader& parent, SceneDescription& scene, const std::filesystem::path& base) {
    const json* v = parent.take("registers");
    if (!v || v->is_null())
        return;
    JsonReader r(*v, parent.childPath("registers"), parent.file(), parent.errors());
    if (!r.isObject())
        return;
    readTreeRegister(r, scene, base);
    std::filesystem::path villages;
    if (existingPath(r, "villages", base, villages, false))
        scene.villageLayers.push_back(villages);
    readRegistry(r, scene, base);
    r.finish();
}

Viewpoint readViewpoint(JsonReader& r) {
    Viewpoint vp;
    r.string("name", vp.name, true);
    readLocalText(r, "title", vp.title);
    if (vp.title.zh.empty() && vp.title.en.empty())
        vp.title = {vp.name, vp.name};
    r.numbers("eye", vp.eye, true);
    r.numbers("target", vp.target, true);
    r.boolean("above_ground", vp.aboveGround);
    r.number("fov", vp.fovDeg, false, 5, 120);
    r.finish();
    if (vp.eye == vp.target)
        r.error(r.childPath("eye"), "eye and target are the same point");
    return vp;
}

void readViewpoints(JsonReader& parent, SceneDescription& scene) {
    parent.objects("viewpoints", [&](JsonReader& r) {
        Viewpoint vp = readViewpoint(r);
        if (!vp.name.empty() && scene.findViewpoint(vp.name)) {
            r.error(r.path() + ".name", "viewpoint name \"" + vp.name + "\" is used twice");
        }
        scene.viewpoints.push_back(std::move(vp));
    });
}

}  // namespace

const Viewpoint* SceneDescription::findViewpoint(const std::string& wanted) const {
    for (const auto& vp : viewpoints) {
        if (vp.name == wanted)
            return &vp;
    }
    return nullptr;
}

Result<SceneDescription> parseSceneText(const std::string& text,
                                        const std::filesystem::path& file) {
    const std::string fileName = file.string();
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
        return Error{fileName, "",
                     "the file is empty; a scene needs at least "
                     "{\"version\": 1, \"crs\": \"EPSG:4547\"}"};
    }
    auto parsed = detail::parseJson(text, fileName);
    if (!parsed)
        return Result<SceneDescription>::failure(parsed.errors());
    const json root = std::move(parsed.value());
    std::vector<Error> errors;
    JsonReader r(root, "$", fileName, errors);
    SceneDescription scene;
    scene.file = file;
    const std::filesystem::path base = file.parent_path();
    if (r.isObject()) {
        if (r.integer("version", scene.version, true) && scene.version != 1) {
            r.error("$.version", "version " + std::to_string(scene.version) +
                                     " is not supported; this Cunjing reads version 1");
        }
        readLocalText(r, "name", scene.name);
        if (r.string("crs", scene.crs, true))
            checkWorkingCrs(r, scene.crs);
        std::array<double, 2> origin{};
        if (r.numbers("origin", origin))
            scene.origin = origin;
        scene.terrain = readTerrain(r, base);
        readStyleFolder(r, base, scene.styles);
        readBuildings(r, scene, base);
        readModels(r, scene, base);
        readOblique(r, scene, base);
        readRegisters(r, scene, base);
        readViewpoints(r, scene);
        readPlans(r, scene, base);
        readControlLines(r, scene, base);
        detail::readKiosk(r, scene);
        detail::readSun(r, scene);
        detail::readLook(r, scene);
        detail::readGreenery(r, scene);
        detail::readTour(r, scene);  // after the viewpoints: steps name them
        r.finish();
    }
    if (!errors.empty())
        return Result<SceneDescription>::failure(errors);
    return scene;
}

Result<SceneDescription> loadSceneFile(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        return Error{file.string(), "", "file not found"};
    if (!std::filesystem::is_regular_file(file, ec)) {
        return Error{file.string(), "", "not a regular file"};
    }
    if (std::filesystem::file_size(file, ec) > kMaxSceneFileBytes) {
        return Error{file.string(), "",
                     "larger than 64 MiB; a scene file holds settings, "
                     "not data: put the data in files it names"};
    }
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return Error{file.string(), "", "cannot be read (permissions?)"};
    std::ostringstream text;
    text << in.rdbuf();
    return parseSceneText(text.str(), file);
}

}  // namespace cunjing::scene
