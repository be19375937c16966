#pragma once
/// The store's columns for each record type, and the two encodings of a record the store
/// uses: OGR feature fields (the tables) and JSON (the audit trail's old and new values).
/// One column list drives both, so the tables, the audit trail and undo cannot drift apart.

#include <cunjing/heritage/Records.h>

#include <ogr_api.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace cunjing::heritage::detail {

enum class ColumnType { Text, Real, Integer, Boolean };
/// A column's value; monostate is NULL (a value the survey did not record).
using Cell = std::variant<std::monostate, std::string, double, std::int64_t>;

template <typename R>
struct Column {
    const char* name;
    ColumnType type;
    std::function<Cell(const R&)> get;
    std::function<void(R&, const Cell&)> set;
};

const std::vector<Column<TreeRecord>>& treeColumns();
const std::vector<Column<VillageRecord>>& villageColumns();

OGRFieldType ogrType(ColumnType type);

/// Record <-> feature fields (geometry apart). Columns missing from the layer are skipped.
void writeFields(OGRFeatureH feature, const TreeRecord& tree);
void writeFields(OGRFeatureH feature, const VillageRecord& village);
void readFields(OGRFeatureH feature, TreeRecord& tree);
void readFields(OGRFeatureH feature, VillageRecord& village);

/// Record <-> JSON object with the column names as keys; villages carry their zones.
std::string toJson(const TreeRecord& tree);
std::string toJson(const VillageRecord& village);
bool fromJson(const std::string& json, TreeRecord& tree);
bool fromJson(const std::string& json, VillageRecord& village);

/// Same values column by column, doubles within rounding of a database round trip.
bool sameRecord(const TreeRecord& a, const TreeRecord& b);
bool sameRecord(const VillageRecord& a, const VillageRecord& b);

}  // namespace cunjing::heritage::detail
