#pragma once
/// A style library file (assets/styles/<style>.json) in memory: materials and palette,
/// gable profiles, roof forms, ridge ornaments and typologies with their dimension ranges.
/// Everything a generator measures or paints comes from here; a typology variant is one
/// more entry in the file ("extends" another and changes what differs).

#include <cunjing/architecture/BuildingMesh.h>
#include <cunjing/geo/Mesh.h>
#include <cunjing/geo/Result.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cunjing::architecture {

/// A dimension as the style file gives it: the seed picks within [min, max] around the default.
struct DimensionRange {
    double min = 0, max = 0, def = 0;
    bool integer = false;  ///< counts (halls, storeys, rooms): whole numbers only
    bool varies = true;    ///< false: the seed never moves it (counts, pinned presets)
};

struct Material {
    std::string id;       ///< "qingzhuan", "haoke", ...
    std::string name;     ///< for people: "青砖 blue-grey brick"
    geo::Rgba color;      ///< from "#RRGGBB", sRGB as geo::parseHexColor keeps it
    std::string surface;  ///< brick, oyster-shell, rammed-earth, lime-plaster, granite, tile...
};

/// How a gable's top is drawn (the 山墙 above the wall head).
enum class GableKind {
    FollowRoof,  ///< 人字: a coping that follows the roof slopes a little above the tiles
    WokEar,      ///< 镬耳: a rounded inverted-U ear rising above the ridge
    Crown,  ///< any other head (猫耳, 五行 金木水火土) drawn from a crown outline in data
};

struct GableProfileSpec {
    std::string id;  ///< "wok-ear", "jin", ...
    std::string name;
    GableKind kind = GableKind::FollowRoof;
    double earWidth = 0.5;  ///< WokEar: ear width as a share of the gable's depth
    /// Crown: the head's outline, symmetric about the ridge. x = 0 at the wall face, 1 at the
    /// ridge (a share of the half depth); y = metres above the ridge tiles. The coping is the
    /// higher of this and the roof line, so points below the roof are simply not seen.
    std::vector<Point2> crown;
    bool smooth = false;  ///< Crown: a smooth curve through the points instead of straight runs
};

enum class RoofForm {
    HardGable,    ///< 硬山: double pitch closed by gable walls that rise above the tiles
    HipAndGable,  ///< 歇山: hipped skirt on four sides under a small gable (halls, temples)
    Flat,         ///< flat roof behind a parapet (骑楼)
};

struct RoofSpec {
    std::string id;
    std::string name;
    RoofForm form = RoofForm::HardGable;
};

/// Ridge treatment: the plain cap, 灰塑 moulding, or 嵌瓷 ceramic mosaic.
enum class OrnamentKind { Plain, Moulded, Mosaic };
enum class RidgeEnd { None, Curl, Swallowtail, Dragon };

struct OrnamentSpec {
    std::string id;
    std::string name;
    OrnamentKind kind = OrnamentKind::Plain;
    RidgeEnd ends = RidgeEnd::None;
    std::vector<MaterialId> colors;  ///< the pieces cycle through these (Mosaic, Moulded)
};

/// An option of a typology (gable profile, roof form, door layout...). With weights the seed
/// picks among the allowed values; without, the default holds until overridden.
struct OptionSpec {
    std::vector<std::string> allowed;
    std::string def;
    std::vector<double> weights;  ///< empty, or one per allowed value
};

struct TypologySpec {
    std::string id;         ///< pinyin, "sanjian-lianglang"
    std::string name;       ///< "三间两廊"
    std::string generator;  ///< the plan grammar that builds it (see generatorIds())
    double variation = 0;   ///< share of each range the seed may move a dimension
    std::map<std::string, DimensionRange> dimensions;
    std::map<std::string, OptionSpec> options;
    std::map<std::string, std::vector<MaterialId>> palette;  ///< role -> material(s)
};

struct Style {
    std::string id;    ///< "guangfu"
    std::string name;  ///< "广府 Guangfu"
    std::string file;  ///< the path it was loaded from, for messages
    std::vector<Material> materials;
    std::vector<GableProfileSpec> gables;
    std::vector<RoofSpec> roofs;
    std::vector<OrnamentSpec> ornaments;
    std::vector<TypologySpec> typologies;

    const TypologySpec* findTypology(std::string_view id) const;
    const GableProfileSpec* findGable(std::string_view id) const;
    const RoofSpec* findRoof(std::string_view id) const;
    const OrnamentSpec* findOrnament(std::string_view id) const;
    /// "a, b, c": the typology ids, for messages.
    std::string typologyList() const;
};

/// Material roles a palette must fill; a role may name several materials (嵌瓷 colours).
const std::vector<std::string>& materialRoles();

/// Parses and checks style JSON. Errors carry the file, the JSON path
/// ($.typologies.sanjian-lianglang.dimensions.hallBay.default) and the allowed values.
Result<Style> parseStyle(std::string_view json, const std::string& file);
Result<Style> loadStyle(const std::string& path);
/// Every *.json in dir, sorted by file name.
Result<std::vector<Style>> loadStyleDirectory(const std::string& dir);

}  // namespace cunjing::architecture
