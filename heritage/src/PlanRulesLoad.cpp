#include <cunjing/heritage/PlanRules.h>

#include <cunjing/heritage/ColourDifference.h>

#include <cpl_json.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>

namespace cunjing::heritage {

namespace {

struct KindName {
    ControlLineKind kind;
    const char* token;
    const char* chinese;
    const char* traditional;
};
const std::array<KindName, 3> kControlLineKinds = {{
    {ControlLineKind::PermanentFarmland, "permanent_farmland", "永久基本农田", "永久基本農田"},
    {ControlLineKind::EcologicalRedLine, "ecological_red_line", "生态保护红线", "生態保護紅線"},
    {ControlLineKind::UrbanDevelopmentBoundary, "urban_development_boundary", "城镇开发边界",
     "城鎮開發邊界"},
}};

const std::array<const char*, 7> kRuleIds = {"facade.palette",
                                             "roof.zone",
                                             "height.zone",
                                             "tree.protection",
                                             "controlline.farmland",
                                             "controlline.ecological",
                                             "controlline.development_boundary"};

bool isNumber(const CPLJSONObject& o) {
    const auto t = o.GetType();
    return t == CPLJSONObject::Type::Integer || t == CPLJSONObject::Type::Long ||
           t == CPLJSONObject::Type::Double;
}

/// A non-negative number at `path` under `parent`; absent leaves `out` as it is.
template <typename T>
void readLimit(const CPLJSONObject& parent, const std::string& key, const std::string& where,
               std::optional<T>& out, const std::string& file, std::vector<Error>& errors) {
    const CPLJSONObject o = parent.GetObj(key);
    if (!o.IsValid())
        return;
    if (!isNumber(o) || o.ToDouble() < 0) {
        errors.push_back({file, where + "." + key, "must be a number >= 0"});
        return;
    }
    out = static_cast<T>(o.ToDouble());
}

/// A list of strings; every entry must be text.
std::vector<std::string> readStrings(const CPLJSONObject& o, const std::string& where,
                                     const std::string& file, std::vector<Error>& errors) {
    std::vector<std::string> out;
    if (o.GetType() != CPLJSONObject::Type::Array) {
        errors.push_back({file, where, "must be a list of strings"});
        return out;
    }
    const CPLJSONArray array = o.ToArray();
    for (int i = 0; i < array.Size(); ++i) {
        if (array[i].GetType() != CPLJSONObject::Type::String)
            errors.push_back({file, where + "[" + std::to_string(i) + "]", "must be a string"});
        else
            out.push_back(array[i].ToString());
    }
    return out;
}

void readRules(const CPLJSONObject& root, PlanRuleSet& set, const std::string& file,
               std::vector<Error>& errors) {
    const CPLJSONObject rules = root.GetObj("rules");
    if (rules.GetType() != CPLJSONObject::Type::Object) {
        errors.push_back({file, "$.rules", "must be an object of rule id -> rule"});
        return;
    }
    for (const CPLJSONObject& r : rules.GetChildren()) {
        const std::string id = r.GetName();
        const std::string where = "$.rules." + id;
        if (std::find(kRuleIds.begin(), kRuleIds.end(), id) == kRuleIds.end()) {
            std::string known;
            for (const char* k : kRuleIds)
                known += (known.empty() ? "" : ", ") + std::string(k);
            errors.push_back({file, where, "unknown rule (known: " + known + ")"});
            continue;
        }
        PlanRuleSpec spec;
        spec.titleZh = r.GetString("title_zh");
        const std::string severity = r.GetString("severity", "error");
        if (severity == "warning")
            spec.severity = Severity::Warning;
        else if (severity != "error")
            errors.push_back({file, where + ".severity",
                              "'" + severity + "' is neither \"error\" nor \"warning\""});
        set.rules[id] = spec;
    }
}

void readPalettes(const CPLJSONObject& root, PlanRuleSet& set, const std::string& file,
                  std::vector<Error>& errors) {
    const CPLJSONObject threshold = root.GetObj("palette/max_delta_e00");
    if (threshold.IsValid()) {
        if (!isNumber(threshold) || threshold.ToDouble() <= 0)
            errors.push_back({file, "$.palette.max_delta_e00", "must be a number > 0"});
        else
            set.maxDeltaE00 = threshold.ToDouble();
    }
    const CPLJSONObject palettes = root.GetObj("palettes");
    if (!palettes.IsValid())
        return;
    for (const CPLJSONObject& style : palettes.GetChildren()) {
        for (const CPLJSONObject& role : style.GetChildren()) {
            const std::string where = "$.palettes." + style.GetName() + "." + role.GetName();
            auto colours = readStrings(role, where, file, errors);
            for (const auto& c : colours)
                if (!parseSrgbHex(c))
                    errors.push_back({file, where, "'" + c + "' is not an sRGB colour #RRGGBB"});
            set.palettes[style.GetName()][role.GetName()] = std::move(colours);
        }
    }
}

void readZones(const CPLJSONObject& root, PlanRuleSet& set, const std::string& file,
               std::vector<Error>& errors) {
    const CPLJSONObject zones = root.GetObj("zones");
    if (!zones.IsValid())
        return;
    for (const CPLJSONObject& z : zones.GetChildren()) {
        const std::string where = "$.zones." + z.GetName();
        const auto kind = parseZoneKind(z.GetName());
        if (!kind) {
            errors.push_back(
                {file, where,
                 "unknown zone kind (known: core, construction_control, environment)"});
            continue;
        }
        ZoneLimits limits;
        if (const CPLJSONObject roofs = z.GetObj("roof_forms"); roofs.IsValid())
            limits.roofForms = readStrings(roofs, where + ".roof_forms", file, errors);
        readLimit(z, "max_height_m", where, limits.maxHeightM, file, errors);
        readLimit(z, "max_storeys", where, limits.maxStoreys, file, errors);
        set.zones[*kind] = limits;
    }
}

}  // namespace

std::string token(ControlLineKind kind) {
    for (const auto& k : kControlLineKinds)
        if (k.kind == kind)
            return k.token;
    return {};
}

std::string chineseName(ControlLineKind kind) {
    for (const auto& k : kControlLineKinds)
        if (k.kind == kind)
            return k.chinese;
    return {};
}

std::optional<ControlLineKind> parseControlLineKind(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const auto& k : kControlLineKinds)
        if (lower == k.token || text == k.chinese || text == k.traditional)
            return k.kind;
    return std::nullopt;
}

std::string token(Severity severity) {
    return severity == Severity::Error ? "error" : "warning";
}

Result<PlanRuleSet> PlanRuleSet::load(const std::string& path) {
    if (!std::filesystem::exists(path))
        return Error{path, "", "plan rules file not found"};
    CPLJSONDocument doc;
    if (!doc.Load(path))
        return Error{path, "", "not valid JSON"};
    const CPLJSONObject root = doc.GetRoot();
    if (root.GetType() != CPLJSONObject::Type::Object)
        return Error{path, "", "a plan rules file is a JSON object"};
    PlanRuleSet set;
    set.jurisdiction = root.GetString("jurisdiction");
    set.title = root.GetString("title");
    std::vector<Error> errors;
    readRules(root, set, path, errors);
    readPalettes(root, set, path, errors);
    readZones(root, set, path, errors);
    if (const CPLJSONObject o = root.GetObj("geometry/min_overlap_m2"); o.IsValid()) {
        if (!isNumber(o) || o.ToDouble() < 0)
            errors.push_back({path, "$.geometry.min_overlap_m2", "must be a number >= 0"});
        else
            set.minOverlapM2 = o.ToDouble();
    }
    if (!errors.empty())
        return Result<PlanRuleSet>::failure(errors);
    return set;
}

Result<PlanRuleSet> PlanRuleSet::forJurisdiction(const std::string& jurisdiction) {
    return load(
        (std::filesystem::path(Rules::directory()) / ("plan_" + jurisdiction + ".json")).string());
}

const PlanRuleSpec* PlanRuleSet::rule(std::string_view id) const {
    const auto it = rules.find(std::string(id));
    return it == rules.end() ? nullptr : &it->second;
}

Result<std::vector<CheckedZone>> zonesInWorkingCrs(const std::vector<ProtectionZone>& zones,
                                                   const std::string& name,
                                                   const geo::Crs& working) {
    auto cgcs2000 = geo::Crs::fromUserString("EPSG:4490");
    if (!cgcs2000)
        return Result<std::vector<CheckedZone>>::failure(cgcs2000.errors());
    auto transform = geo::Transform::create(cgcs2000.value(), working);
    if (!transform)
        return Result<std::vector<CheckedZone>>::failure(transform.errors());
    std::vector<CheckedZone> out;
    for (std::size_t i = 0; i < zones.size(); ++i) {
        CheckedZone zone{zones[i].kind, {}, name};
        for (std::size_t r = 0; r < zones[i].rings.size(); ++r) {
            geo::Ring ring;
            for (const auto& p : zones[i].rings[r]) {
                double x = p[0], y = p[1];
                if (!transform->apply(x, y))
                    return Error{"", name + ", zone " + std::to_string(i + 1),
                                 "a point cannot be transformed into " + working.shortName()};
                ring.push_back({x, y});
            }
            if (r == 0)
                zone.polygon.outer = std::move(ring);
            else
                zone.polygon.holes.push_back(std::move(ring));
        }
        out.push_back(std::move(zone));
    }
    return out;
}

std::vector<ProtectedTree> protectedTrees(const std::vector<AncientTree>& trees,
                                          const Rules& rules) {
    std::vector<ProtectedTree> out;
    for (const auto& t : trees) {
        if (rules.grade(t.ageYears, t.famous) == TreeGrade::None || !std::isfinite(t.crownM))
            continue;
        const double radius = std::max(std::max(t.crownM, 0.0) / 2 + rules.protectionMarginM,
                                       rules.protectionMinRadiusM);
        out.push_back({t.id, t.x, t.y, radius});
    }
    return out;
}

Result<std::vector<ControlLine>> loadControlLines(const std::string& path, const geo::Crs& working,
                                                  std::optional<ControlLineKind> kind,
                                                  const std::string& kindField) {
    auto layers = geo::readVectorFile(path, working);
    if (!layers) {
        auto errors = layers.errors();
        for (auto& e : errors)
            e.message = "cannot read control lines: " + e.message;
        return Result<std::vector<ControlLine>>::failure(errors);
    }
    std::vector<ControlLine> out;
    std::vector<Error> errors;
    for (const auto& layer : layers.value()) {
        for (const auto& f : layer.features) {
            const std::string where = "layer '" + layer.name + "', " + f.where();
            std::optional<ControlLineKind> k = kind;
            if (!k) {
                const geo::FieldValue* value = f.field(kindField);
                const std::string text = value ? geo::fieldText(*value) : std::string();
                k = parseControlLineKind(text);
                if (!k) {
                    errors.push_back(
                        {path, where,
                         value ? "field '" + kindField + "' is '" + text +
                                     "', not a control-line kind (permanent_farmland, "
                                     "ecological_red_line, "
                                     "urban_development_boundary)"
                               : "no field '" + kindField + "' and no kind given for the file"});
                    continue;
                }
            }
            if (f.polygons.empty()) {
                errors.push_back({path, where,
                                  "a control line must be a polygon, got '" +
                                      (f.geometryType.empty() ? "no geometry" : f.geometryType) +
                                      "'"});
                continue;
            }
            for (const auto& polygon : f.polygons)
                out.push_back({*k, polygon, path + ", " + where});
        }
    }
    if (!errors.empty())
        return Result<std::vector<ControlLine>>::failure(errors);
    return out;
}

}  // namespace cunjing::heritage
