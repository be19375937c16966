#pragma once
/// Register files in and out: the tree and village registers officers are sent (CSV in UTF-8
/// or GBK, GeoJSON, GeoPackage, Shapefile, XLSX) read into records through a field mapping
/// (assets/mappings), and records written as CSV, GeoJSON, GeoPackage or XLSX. No store here:
/// the caller decides what to do with good records and bad rows (abort, or --skip-bad).

#include <cunjing/geo/Result.h>
#include <cunjing/heritage/Records.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cunjing::heritage {

enum class RegisterFormat { Csv, GeoJson, GeoPackage, Shapefile, Xlsx, Xls };

/// The format a file name says (.csv, .geojson/.json, .gpkg, .shp, .xlsx, .xls), any case.
std::optional<RegisterFormat> registerFormatOf(const std::string& path);

struct RegisterReadOptions {
    /// A mapping file to use (`--map FILE`); unset: the one whose "match" columns the header
    /// has, among mappingsDir's and our own export format.
    std::optional<std::string> mappingPath;
    /// Folder of mapping files; empty: $CUNJING_MAPPINGS, else assets/mappings.
    std::string mappingsDir;
    /// Files over this are refused before anything is read into memory.
    std::uint64_t maxFileBytes = std::uint64_t{1} << 30;
    /// A CSV row longer than this is reported as bad and skipped; a real register row is a
    /// few hundred bytes, so a longer one is a broken or hostile file.
    std::size_t maxLineBytes = std::size_t{1} << 20;
};

/// What a register file gave: the good records and every bad row.
template <typename R>
struct RegisterRead {
    std::vector<R> records;
    /// One entry per problem: where = "row 12, field '樹齡'" (header = row 1, as a
    /// spreadsheet numbers it) or "feature 3, field 'lon'" for GIS layers.
    std::vector<Error> rowErrors;
    std::string mapping;   ///< name of the mapping used ("cunjing": our own format)
    long dataRows = 0;     ///< rows below the header, good and bad
    std::string encoding;  ///< "UTF-8" or "GBK" for text files; empty otherwise
};
using TreeRegisterRead = RegisterRead<TreeRecord>;
using VillageRegisterRead = RegisterRead<VillageRecord>;

/// Reads a tree register. A failed Result means the file as a whole cannot be read (missing,
/// empty, not the format its name says, no mapping matches); bad rows come back in rowErrors.
/// Records without an id get `<mapping id_prefix><row>`, the same on every import.
Result<TreeRegisterRead> readTreeRegister(const std::string& path,
                                          const RegisterReadOptions& options = {});
Result<VillageRegisterRead> readVillageRegister(const std::string& path,
                                                const RegisterReadOptions& options = {});

/// Our column names, in the order the writers write them (the CSV header).
std::vector<std::string> treeRegisterColumns();
std::vector<std::string> villageRegisterColumns();

/// Writes records in the format the file name says (.csv UTF-8 with BOM, .geojson, .gpkg,
/// .xlsx), to a temporary file renamed into place, so `path` is never half-written.
/// Village protection zones are not written (they are a separate layer in the store).
Status writeTreeRegister(const std::string& path, const std::vector<TreeRecord>& records);
Status writeVillageRegister(const std::string& path, const std::vector<VillageRecord>& records);

}  // namespace cunjing::heritage
