#pragma once
/// Field mappings (assets/mappings/*.json): how a foreign register's columns, units and words
/// become our record fields. Our own export format is the identity mapping, built from the
/// column table so it cannot drift from what the writers write.

#include "MappingColumns.h"

#include <cunjing/geo/Crs.h>
#include <cunjing/geo/Result.h>

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace cunjing::heritage::registerio {

enum class RecordKind { Tree, Village };

/// Where one field's value comes from: a column, a fixed value, or a hash of columns (a
/// stable id for registers that have none), then the word and unit conversions.
struct FieldSource {
    std::string column;
    std::optional<std::string> value;
    std::vector<std::string> hashOf;
    std::string prefix;                                      ///< put before the value (ids)
    std::map<std::string, std::string, std::less<>> values;  ///< register word -> ours
    bool keepOtherValues = false;  ///< a word not in `values` passes through (else an error)
    bool simplify = false;         ///< traditional -> simplified characters first
    double scale = 1;              ///< numbers: multiplied (m -> cm: 100)
    bool girthToDiameter = false;  ///< numbers: 胸围 girth / π = 胸径 diameter
};

/// One of our fields and its sources, tried in order until one gives a value.
struct FieldRule {
    std::string target;
    std::vector<FieldSource> sources;
};

struct Mapping {
    std::string name;  ///< file stem, or "cunjing" for the identity mapping
    std::string file;  ///< where it was loaded from; empty for the identity mapping
    RecordKind kind = RecordKind::Tree;
    std::string description;
    std::vector<std::string> match;  ///< columns a header must have for automatic choice
    std::string coordinateCrs;       ///< CRS of the lon/lat columns; empty: degrees
    std::string idPrefix;            ///< generated ids: prefix + row number
    std::unordered_map<std::string, std::string> characters;  ///< traditional -> simplified
    std::vector<FieldRule> rules;
};

Result<Mapping> loadMapping(const std::string& path);
/// Every mapping of `kind` in the folder (top level only); files that do not load are
/// reported in `problems` and skipped, so one broken file does not stop an import.
std::vector<Mapping> loadMappings(const std::string& folder, RecordKind kind,
                                  std::vector<Error>& problems);
Mapping identityMapping(RecordKind kind);

/// Index of the column so named (case and surrounding space ignored), or -1.
int findColumn(const std::vector<std::string>& header, std::string_view name);
/// True when the header holds every `match` column (case and surrounding space ignored).
bool headerMatches(const Mapping& mapping, const std::vector<std::string>& header);

/// One data row of a table, as read.
struct RowInput {
    long row = 0;
    const std::vector<std::string>* cells = nullptr;
    std::optional<std::array<double, 2>> lonLat;  ///< a point geometry, in degrees
};

/// A mapping bound to one header: column indices looked up once, the coordinate transform
/// made once.
template <typename R>
class RowMapper {
public:
    static Result<RowMapper> bind(const Mapping& mapping, const std::vector<std::string>& header,
                                  const std::string& path, const std::string& rowWord);
    /// The record of one row, or nullopt with every problem of the row in `problems`.
    std::optional<R> map(const RowInput& input, std::vector<Error>& problems) const;
    /// True when the mapping gives coordinates (columns or geometry) for rows.
    bool hasCoordinates() const { return hasCoordinates_; }
    /// The file's column that gives our field `target` (for messages); `target` if none.
    std::string sourceColumn(std::string_view target) const;

    struct BoundSource {
        const FieldSource* source = nullptr;
        int index = -1;                ///< header index of `column`
        std::vector<int> hashIndices;  ///< header indices of `hashOf`
        std::string columnName;        ///< as the file spells it, for messages
    };
    struct BoundRule {
        const Column<R>* column = nullptr;
        std::vector<BoundSource> sources;
    };

private:
    const Mapping* mapping_ = nullptr;
    std::string path_, rowWord_;
    std::vector<BoundRule> rules_;
    std::shared_ptr<geo::Transform> toDegrees_;
    bool hasCoordinates_ = false;
};

}  // namespace cunjing::heritage::registerio
