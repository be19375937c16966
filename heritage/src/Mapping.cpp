#include "Mapping.h"

#include <cpl_error.h>
#include <cpl_json.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <numbers>

namespace cunjing::heritage::registerio {

namespace {

namespace fs = std::filesystem;

/// Mapping files are a few kilobytes; anything this big is not one.
constexpr std::uintmax_t kMaxMappingBytes = 4u << 20;

bool sameColumn(std::string_view a, std::string_view b) {
    a = trim(a);
    b = trim(b);
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::vector<std::string> stringArray(const CPLJSONObject& o) {
    std::vector<std::string> out;
    if (o.GetType() != CPLJSONObject::Type::Array)
        return out;
    const CPLJSONArray a = o.ToArray();
    for (int i = 0; i < a.Size(); ++i)
        out.push_back(a[i].ToString());
    return out;
}

Result<FieldSource> readSource(const CPLJSONObject& o, const std::string& where) {
    if (o.GetType() != CPLJSONObject::Type::Object)
        return Error{"", where, "must be an object such as {\"column\": \"Name\"}"};
    FieldSource s;
    s.column = o.GetString("column", "");
    const CPLJSONObject value = o.GetObj("value");
    if (value.IsValid())
        s.value = value.ToString();
    s.hashOf = stringArray(o.GetObj("hash_of"));
    if (s.column.empty() && !s.value && s.hashOf.empty())
        return Error{"", where, "needs \"column\", \"value\" or \"hash_of\""};
    s.prefix = o.GetString("prefix", "");
    const CPLJSONObject values = o.GetObj("values");
    if (values.IsValid()) {
        if (values.GetType() != CPLJSONObject::Type::Object)
            return Error{"", where + ".values", "must map register words to ours"};
        for (const CPLJSONObject& w : values.GetChildren())
            s.values[w.GetName()] = w.ToString();
    }
    s.keepOtherValues = o.GetString("other_values", "error") == "keep";
    s.simplify = o.GetBool("simplify", false);
    s.scale = o.GetDouble("scale", 1.0);
    s.girthToDiameter = o.GetBool("girth_to_diameter", false);
    return s;
}

template <typename R>
bool isColumn(const std::vector<Column<R>>& columns, const std::string& name) {
    return std::any_of(columns.begin(), columns.end(),
                       [&](const Column<R>& c) { return c.name == name; });
}

Result<FieldRule> readRule(const CPLJSONObject& o, RecordKind kind) {
    FieldRule rule;
    rule.target = o.GetName();
    const std::string where = "fields." + rule.target;
    const bool known = kind == RecordKind::Tree ? isColumn(treeColumns(), rule.target)
                                                : isColumn(villageColumns(), rule.target);
    if (!known)
        return Error{"", where, "'" + rule.target + "' is not one of our field names"};
    if (o.GetType() == CPLJSONObject::Type::Array) {
        const CPLJSONArray a = o.ToArray();
        for (int i = 0; i < a.Size(); ++i) {
            auto s = readSource(a[i], where + "[" + std::to_string(i) + "]");
            if (!s)
                return s.errors()[0];
            rule.sources.push_back(std::move(s.value()));
        }
    } else {
        auto s = readSource(o, where);
        if (!s)
            return s.errors()[0];
        rule.sources.push_back(std::move(s.value()));
    }
    return rule;
}

/// A table of characters (JSON object, one character to one character) beside the mapping.
Status readCharacters(const fs::path& file, Mapping& m) {
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    if (ec || size > kMaxMappingBytes)
        return Error{file.string(), "", "character table missing or too large"};
    CPLJSONDocument doc;
    if (!doc.Load(file.string()) || doc.GetRoot().GetType() != CPLJSONObject::Type::Object)
        return Error{file.string(), "", "not a JSON object of characters"};
    for (const CPLJSONObject& c : doc.GetRoot().GetChildren())
        m.characters[c.GetName()] = c.ToString();
    return Done{};
}

Result<Mapping> parseMapping(const CPLJSONObject& root, const fs::path& file) {
    Mapping m;
    m.file = file.string();
    m.name = file.stem().string();
    const std::string kind = root.GetString("kind", "");
    if (kind != "trees" && kind != "villages")
        return Error{m.file, "kind", "must be \"trees\" or \"villages\""};
    m.kind = kind == "trees" ? RecordKind::Tree : RecordKind::Village;
    m.description = root.GetString("description", "");
    m.match = stringArray(root.GetObj("match"));
    if (m.match.empty())
        return Error{m.file, "match", "list the columns a header must have"};
    m.coordinateCrs = root.GetString("coordinate_crs", "");
    m.idPrefix = root.GetString("id_prefix", m.name + "-");
    const std::string characters = root.GetString("characters", "");
    if (!characters.empty()) {
        Status s = readCharacters(file.parent_path() / characters, m);
        if (!s)
            return s.errors()[0];
    }
    const CPLJSONObject fields = root.GetObj("fields");
    if (fields.GetType() != CPLJSONObject::Type::Object)
        return Error{m.file, "fields", "must be an object of our field names"};
    for (const CPLJSONObject& f : fields.GetChildren()) {
        auto rule = readRule(f, m.kind);
        if (!rule)
            return Error{m.file, rule.errors()[0].where, rule.errors()[0].message};
        m.rules.push_back(std::move(rule.value()));
    }
    return m;
}

std::string simplified(std::string_view text,
                       const std::unordered_map<std::string, std::string>& t) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        const std::string ch(text.substr(i, n));
        const auto it = t.find(ch);
        out += it == t.end() ? ch : it->second;
        i += n;
    }
    return out;
}

/// The register's cell text in our words and units; returns what is wrong, or "".
std::string convertCell(const FieldSource& s,
                        const std::unordered_map<std::string, std::string>& characters,
                        std::string& text) {
    if (s.simplify)
        text = simplified(text, characters);
    if (!s.values.empty()) {
        const auto it = s.values.find(text);
        if (it != s.values.end()) {
            text = it->second;
        } else if (!s.keepOtherValues) {
            std::string known;
            for (const auto& [word, unused] : s.values)
                known += (known.empty() ? "" : ", ") + word;
            return "unknown word '" + text + "'; use one of: " + known;
        }
    }
    if (s.scale != 1 || s.girthToDiameter) {
        const auto v = parseReal(text);
        if (!v)
            return "'" + text + "' is not a number";
        text = formatReal(*v * s.scale / (s.girthToDiameter ? std::numbers::pi : 1.0));
    }
    if (!s.prefix.empty())
        text = s.prefix + text;
    return {};
}

/// 64-bit FNV-1a: a stable id from a row's content, the same on every machine and run.
std::string contentHash(const std::vector<std::string>& parts) {
    std::uint64_t h = 14695981039346656037ull;
    for (const std::string& p : parts) {
        for (unsigned char c : p) {
            h ^= c;
            h *= 1099511628211ull;
        }
        h ^= 0x1f;  // a separator, so ("ab","c") and ("a","bc") differ
        h *= 1099511628211ull;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%012llx", static_cast<unsigned long long>(h >> 16));
    return buf;
}

template <typename R>
const std::vector<Column<R>>& columnsOf();
template <>
const std::vector<Column<TreeRecord>>& columnsOf<TreeRecord>() {
    return treeColumns();
}
template <>
const std::vector<Column<VillageRecord>>& columnsOf<VillageRecord>() {
    return villageColumns();
}

}  // namespace

Result<Mapping> loadMapping(const std::string& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return Error{path, "", "mapping file not found"};
    if (fs::file_size(path, ec) > kMaxMappingBytes)
        return Error{path, "", "too large for a mapping file (over 4 MiB)"};
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLJSONDocument doc;
    const bool loaded = doc.Load(path);
    CPLPopErrorHandler();
    if (!loaded || doc.GetRoot().GetType() != CPLJSONObject::Type::Object)
        return Error{path, "", "not a JSON object; see assets/mappings/README.md for the format"};
    return parseMapping(doc.GetRoot(), fs::path(path));
}

std::vector<Mapping> loadMappings(const std::string& folder, RecordKind kind,
                                  std::vector<Error>& problems) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        if (entry.is_regular_file() && entry.path().extension() == ".json")
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<Mapping> mappings;
    for (const fs::path& f : files) {
        auto m = loadMapping(f.string());
        if (!m)
            problems.insert(problems.end(), m.errors().begin(), m.errors().end());
        else if (m->kind == kind)
            mappings.push_back(std::move(m.value()));
    }
    return mappings;
}

Mapping identityMapping(RecordKind kind) {
    Mapping m;
    m.name = "cunjing";
    m.kind = kind;
    m.description = "Cunjing's own register format (what export writes)";
    m.idPrefix = "cunjing-";
    auto addAll = [&m](const auto& columns) {
        for (const auto& c : columns) {
            FieldSource s;
            s.column = std::string(c.name);
            m.rules.push_back({std::string(c.name), {s}});
        }
    };
    // The fewest columns a file in our format has (GIS layers carry lon/lat as geometry):
    // an officer's own sheet with just id, species and position imports without a mapping
    // file, and any foreign mapping (three or more match columns) still wins over this one.
    if (kind == RecordKind::Tree) {
        m.match = {"id", "species_cn"};
        addAll(treeColumns());
    } else {
        m.match = {"id", "name"};
        addAll(villageColumns());
    }
    return m;
}

int findColumn(const std::vector<std::string>& header, std::string_view name) {
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (sameColumn(header[i], name))
            return static_cast<int>(i);
    }
    return -1;
}

bool headerMatches(const Mapping& mapping, const std::vector<std::string>& header) {
    return std::all_of(mapping.match.begin(), mapping.match.end(),
                       [&](const std::string& c) { return findColumn(header, c) >= 0; });
}

template <typename R>
Result<RowMapper<R>> RowMapper<R>::bind(const Mapping& mapping,
                                        const std::vector<std::string>& header,
                                        const std::string& path, const std::string& rowWord) {
    RowMapper<R> mapper;
    mapper.mapping_ = &mapping;
    mapper.path_ = path;
    mapper.rowWord_ = rowWord;
    bool lon = false, lat = false;
    for (const FieldRule& rule : mapping.rules) {
        BoundRule bound;
        for (const Column<R>& c : columnsOf<R>()) {
            if (c.name == rule.target)
                bound.column = &c;
        }
        for (const FieldSource& s : rule.sources) {
            BoundSource b{&s, -1, {}, s.column};
            if (!s.column.empty()) {
                b.index = findColumn(header, s.column);
                if (b.index < 0)
                    continue;  // an optional column this file does not have
                b.columnName = header[static_cast<std::size_t>(b.index)];
            }
            for (const std::string& h : s.hashOf) {
                const int i = findColumn(header, h);
                if (i < 0)
                    return Error{path, "mapping " + mapping.name,
                                 "column '" + h + "' (hash_of, field '" + rule.target +
                                     "') is not in the header"};
                b.hashIndices.push_back(i);
            }
            if (b.columnName.empty())
                b.columnName = rule.target;
            bound.sources.push_back(std::move(b));
        }
        if (bound.column && !bound.sources.empty()) {
            lon = lon || rule.target == "lon";
            lat = lat || rule.target == "lat";
            mapper.rules_.push_back(std::move(bound));
        }
    }
    mapper.hasCoordinates_ = lon && lat;
    if (mapper.hasCoordinates_ && !mapping.coordinateCrs.empty()) {
        auto from = geo::Crs::fromUserString(mapping.coordinateCrs);
        // CGCS2000 and WGS 84 agree to a few centimetres; EPSG:4326 keeps PROJ from falling
        // back to a ballpark transform where it knows no direct CGCS2000 path (HK80).
        auto to = geo::Crs::fromUserString("EPSG:4326");
        if (!from || !to)
            return Error{path, "mapping " + mapping.name,
                         "coordinate_crs '" + mapping.coordinateCrs + "' is not a CRS"};
        auto t = geo::Transform::create(from.value(), to.value());
        if (!t)
            return Error{path, "mapping " + mapping.name, t.firstError()};
        mapper.toDegrees_ = std::make_shared<geo::Transform>(std::move(t.value()));
    }
    return mapper;
}

template <typename R>
std::optional<R> RowMapper<R>::map(const RowInput& input, std::vector<Error>& problems) const {
    const std::vector<std::string>& cells = *input.cells;
    auto cell = [&cells](int i) -> std::string_view {
        return i >= 0 && static_cast<std::size_t>(i) < cells.size()
                   ? trim(cells[static_cast<std::size_t>(i)])
                   : std::string_view();
    };
    const std::string rowWhere = rowWord_ + " " + std::to_string(input.row);
    const std::size_t before = problems.size();
    R record;
    bool lonSet = false, latSet = false;
    for (const BoundRule& rule : rules_) {
        for (const BoundSource& b : rule.sources) {
            const FieldSource& s = *b.source;
            std::string text;
            if (s.value)
                text = *s.value;
            else if (!s.hashOf.empty()) {
                std::vector<std::string> parts;
                for (int i : b.hashIndices)
                    parts.emplace_back(cell(i));
                text = contentHash(parts);
            } else
                text = std::string(cell(b.index));
            if (text.empty())
                continue;  // try the next source; a field no source gives stays unset
            // Messages are built only when needed: this loop runs for every cell of the file.
            auto where = [&] { return rowWhere + ", field '" + b.columnName + "'"; };
            auto ours = [&] {
                return b.columnName == rule.column->name
                           ? std::string()
                           : " (" + std::string(rule.column->name) + ")";
            };
            std::string problem = convertCell(s, mapping_->characters, text);
            if (problem.empty())
                problem = rule.column->set(record, text);
            if (!problem.empty()) {
                problems.push_back(
                    {path_, where(), problem + ours() + "; correct the cell or leave it empty"});
                break;
            }
            lonSet = lonSet || rule.column->name == "lon";
            latSet = latSet || rule.column->name == "lat";
            break;
        }
    }
    const auto lonWhere = [&] { return rowWhere + ", field '" + sourceColumn("lon") + "'"; };
    if (input.lonLat) {
        record.lon = (*input.lonLat)[0];
        record.lat = (*input.lonLat)[1];
    } else if (lonSet && latSet && toDegrees_) {
        if (!toDegrees_->apply(record.lon, record.lat))
            problems.push_back({path_, lonWhere(),
                                "the point cannot be transformed from " + mapping_->coordinateCrs +
                                    "; check the coordinates"});
    } else if (hasCoordinates_ && !(lonSet && latSet) && problems.size() == before) {
        problems.push_back(
            {path_, lonWhere(), "no coordinates; fill in both lon and lat, or use --skip-bad"});
    }
    if (problems.size() != before)
        return std::nullopt;
    return record;
}

template <typename R>
std::string RowMapper<R>::sourceColumn(std::string_view target) const {
    for (const BoundRule& rule : rules_) {
        if (rule.column->name == target && !rule.sources.front().source->column.empty())
            return rule.sources.front().columnName;
    }
    return std::string(target);
}

template class RowMapper<TreeRecord>;
template class RowMapper<VillageRecord>;

}  // namespace cunjing::heritage::registerio
