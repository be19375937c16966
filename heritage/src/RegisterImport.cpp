#include <cunjing/heritage/RegisterIO.h>

#include "Mapping.h"
#include "RegisterImportTable.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <unordered_map>

namespace cunjing::heritage {

using namespace registerio;

namespace {

namespace fs = std::filesystem;

/// A header sits within the first rows; title rows above it are one or two in practice.
constexpr int kHeaderSearchRows = 20;

std::string mappingsFolder(const RegisterReadOptions& options) {
    if (!options.mappingsDir.empty())
        return options.mappingsDir;
    const char* env = std::getenv("CUNJING_MAPPINGS");
    return env && *env ? env : CUNJING_DEFAULT_MAPPINGS_DIR;
}

template <typename R>
constexpr RecordKind kindOf() {
    return std::is_same_v<R, TreeRecord> ? RecordKind::Tree : RecordKind::Village;
}

const char* kindWord(RecordKind kind) {
    return kind == RecordKind::Tree ? "trees" : "villages";
}

/// The mappings to choose from: the named one, or every bundled one plus our own format.
Result<std::vector<Mapping>> candidateMappings(const RegisterReadOptions& options, RecordKind kind,
                                               std::vector<Error>& warnings) {
    if (options.mappingPath) {
        auto m = loadMapping(*options.mappingPath);
        if (!m)
            return m.errors()[0];
        if (m->kind != kind)
            return Error{
                *options.mappingPath, "kind",
                std::string("is a mapping for ") +
                    kindWord(kind == RecordKind::Tree ? RecordKind::Village : RecordKind::Tree) +
                    ", not " + kindWord(kind)};
        return std::vector<Mapping>{std::move(m.value())};
    }
    std::vector<Mapping> all = loadMappings(mappingsFolder(options), kind, warnings);
    all.push_back(identityMapping(kind));
    return all;
}

/// The mapping the header fits best: the one with most match columns, so a specific mapping
/// wins over a general one whose columns it also has.
const Mapping* bestMatch(const std::vector<Mapping>& mappings,
                         const std::vector<std::string>& header) {
    const Mapping* best = nullptr;
    for (const Mapping& m : mappings) {
        if (headerMatches(m, header) && (!best || m.match.size() > best->match.size()))
            best = &m;
    }
    return best;
}

std::string joined(const std::vector<std::string>& cells) {
    std::string text;
    for (const std::string& c : cells) {
        text += (text.empty() ? "" : ", ") + c;
        if (text.size() > 200)
            return text.substr(0, 200) + "...";
    }
    return text;
}

Error noMatch(const std::string& path, const std::vector<Mapping>& mappings, long row,
              const std::vector<std::string>& cells) {
    if (mappings.size() == 1) {
        std::string missing;
        for (const std::string& c : mappings[0].match) {
            if (findColumn(cells, c) < 0)
                missing += (missing.empty() ? "'" : ", '") + c + "'";
        }
        return Error{path, "row " + std::to_string(row),
                     "the header lacks column " + missing + " that mapping " + mappings[0].name +
                         " needs; is this the right mapping?"};
    }
    return Error{path, "",
                 "no mapping matches the header (first row: " + joined(cells) +
                     "); name one with --map FILE (see assets/mappings/README.md)"};
}

bool blank(const std::vector<std::string>& cells) {
    return std::all_of(cells.begin(), cells.end(),
                       [](const std::string& c) { return trim(c).empty(); });
}

bool inRange(const std::optional<double>& v, double lo, double hi) {
    return !v || (*v >= lo && *v <= hi);
}

/// Checks a mapped record against what a register value can be; appends problems.
template <typename R>
void validate(const R& r, const RowMapper<R>& mapper, const std::string& path,
              const std::string& rowWhere, std::vector<Error>& problems) {
    auto fail = [&](std::string_view field, const std::string& message) {
        problems.push_back(
            {path, rowWhere + ", field '" + mapper.sourceColumn(field) + "'", message});
    };
    if (!(r.lon >= -180 && r.lon <= 180))
        fail("lon", "longitude " + formatReal(r.lon) +
                        " is outside -180..180; are lon and lat "
                        "swapped, or is this a projected coordinate?");
    if (!(r.lat >= -90 && r.lat <= 90))
        fail("lat", "latitude " + formatReal(r.lat) +
                        " is outside -90..90; are lon and lat "
                        "swapped, or is this a projected coordinate?");
    if constexpr (std::is_same_v<R, TreeRecord>) {
        if (r.ageYears && (*r.ageYears < 0 || *r.ageYears > 10000))
            fail("age_years", std::to_string(*r.ageYears) + " years is not a tree's age");
        if (!inRange(r.heightM, 0, 200))
            fail("height_m", "a height of " + formatReal(*r.heightM) + " m is not possible");
        if (!inRange(r.dbhCm, 0, 5000))
            fail("dbh_cm", "a diameter of " + formatReal(*r.dbhCm) + " cm is not possible");
        for (const auto& [name, v] :
             {std::pair{"crown_ew_m", r.crownEwM}, std::pair{"crown_ns_m", r.crownNsM},
              std::pair{"crown_avg_m", r.crownAvgM}}) {
            if (!inRange(v, 0, 300))
                fail(name, "a crown of " + formatReal(*v) + " m is not possible");
        }
    } else {
        if (r.batch < 0 || r.batch > 6)
            fail("batch", "batch " + std::to_string(r.batch) + " does not exist; use 1 to 6");
        for (const auto& [name, v] :
             {std::pair{"households", r.households}, std::pair{"population", r.population},
              std::pair{"traditional_buildings", r.traditionalBuildings}}) {
            if (v && *v < 0)
                fail(name, "a count cannot be negative");
        }
        if (!inRange(r.areaHa, 0, 1e7))
            fail("area_ha", "an area cannot be negative");
    }
}

template <typename R>
Result<RegisterRead<R>> readRegister(const std::string& path, const RegisterReadOptions& options) {
    constexpr RecordKind kind = kindOf<R>();
    const auto format = registerFormatOf(path);
    if (!format)
        return Error{path, "",
                     "unknown file type; use .csv, .geojson, .gpkg, .shp, .xlsx (or .xls)"};
    auto table = *format == RegisterFormat::Csv ? openCsvTable(path, options)
                                                : openGdalTable(path, *format, options);
    if (!table)
        return table.errors()[0];
    TableSource& source = *table.value();
    std::vector<Error> warnings;
    auto mappings = candidateMappings(options, kind, warnings);
    if (!mappings)
        return mappings.errors()[0];

    // Find the header: the field names of a GIS layer, else the first row a mapping fits.
    std::vector<std::string> header;
    std::vector<RawRow> pending;
    const Mapping* mapping = nullptr;
    long headerRow = 0;
    if (const auto* names = source.fieldNames()) {
        header = *names;
        mapping = bestMatch(mappings.value(), header);
        if (!mapping)
            return noMatch(path, mappings.value(), 1, header);
    } else {
        RawRow row;
        std::vector<std::string> firstRow;
        for (int i = 0; i < kHeaderSearchRows && source.next(row); ++i) {
            if (firstRow.empty())
                firstRow = row.cells;
            if ((mapping = bestMatch(mappings.value(), row.cells))) {
                header = row.cells;
                headerRow = row.row;
                break;
            }
        }
        if (!mapping) {
            if (firstRow.empty())
                return Error{path, "", "the file is empty; a register needs a header row"};
            return noMatch(path, mappings.value(), 1, firstRow);
        }
    }
    auto mapper = RowMapper<R>::bind(*mapping, header, path, source.rowWord);
    if (!mapper)
        return mapper.errors()[0];

    RegisterRead<R> out;
    out.mapping = mapping->name;
    // A record is about a kilobyte; growing the vector 100,000 records at a time by doubling
    // costs more than reading them.
    out.records.reserve(source.rowEstimate());
    std::unordered_map<std::string, long> idRows;
    std::size_t reported = 0;
    bool anyPoint = false;
    RawRow row;
    while (source.next(row)) {
        // Rows the reader skipped (over-long lines) come before this one.
        for (; reported < source.rowErrors.size(); ++reported)
            out.rowErrors.push_back(source.rowErrors[reported]);
        if (blank(row.cells) && !row.lonLat)
            continue;
        ++out.dataRows;
        anyPoint = anyPoint || row.lonLat.has_value();
        const std::size_t before = out.rowErrors.size();
        auto record = mapper->map({row.row, &row.cells, row.lonLat}, out.rowErrors);
        if (!record)
            continue;
        const std::string rowWhere = source.rowWord + " " + std::to_string(row.row);
        validate(*record, mapper.value(), path, rowWhere, out.rowErrors);
        if constexpr (kind == RecordKind::Village) {
            if (record->year == 0)
                record->year = batchYear(record->batch);
        }
        if (record->id.empty())
            record->id = mapping->idPrefix + std::to_string(row.row);
        const auto [it, fresh] = idRows.emplace(record->id, row.row);
        if (!fresh)
            out.rowErrors.push_back(
                {path, rowWhere + ", field '" + mapper->sourceColumn("id") + "'",
                 "id '" + record->id + "' is already used by " + source.rowWord + " " +
                     std::to_string(it->second) + "; ids must be unique in a register"});
        if (out.rowErrors.size() == before)
            out.records.push_back(std::move(*record));
    }
    for (; reported < source.rowErrors.size(); ++reported)
        out.rowErrors.push_back(source.rowErrors[reported]);
    if (out.dataRows == 0 && out.rowErrors.empty())
        return Error{path, headerRow ? "row " + std::to_string(headerRow) : "",
                     "there are no data rows below the header; nothing to import"};
    out.encoding = source.encoding;
    Result<RegisterRead<R>> result(std::move(out));
    result.addWarnings(warnings);
    if (!mapper->hasCoordinates() && !anyPoint)
        result.addWarning({path, "",
                           "the register has no coordinates (mapping " + mapping->name +
                               "); its records are at lon 0, lat 0 until located"});
    return result;
}

std::vector<std::string> namesOf(const auto& columns) {
    std::vector<std::string> names;
    for (const auto& c : columns)
        names.emplace_back(c.name);
    return names;
}

}  // namespace

std::optional<RegisterFormat> registerFormatOf(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".csv" || ext == ".txt")
        return RegisterFormat::Csv;
    if (ext == ".geojson" || ext == ".json")
        return RegisterFormat::GeoJson;
    if (ext == ".gpkg")
        return RegisterFormat::GeoPackage;
    if (ext == ".shp")
        return RegisterFormat::Shapefile;
    if (ext == ".xlsx")
        return RegisterFormat::Xlsx;
    if (ext == ".xls")
        return RegisterFormat::Xls;
    return std::nullopt;
}

Result<TreeRegisterRead> readTreeRegister(const std::string& path,
                                          const RegisterReadOptions& options) {
    return readRegister<TreeRecord>(path, options);
}

Result<VillageRegisterRead> readVillageRegister(const std::string& path,
                                                const RegisterReadOptions& options) {
    auto read = readRegister<VillageRecord>(path, options);
    if (read) {
        for (VillageRecord& v : read->records)
            scoreVillage(v);  // the scores the record's own fields allow
    }
    return read;
}

std::vector<std::string> treeRegisterColumns() {
    return namesOf(treeColumns());
}

std::vector<std::string> villageRegisterColumns() {
    return namesOf(villageColumns());
}

}  // namespace cunjing::heritage
