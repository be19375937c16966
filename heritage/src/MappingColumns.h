#pragma once
/// Our register columns (the snake_case names of Records.h) as a table: for each, how its
/// value reads from and writes to the text of a file cell. Import, export and the identity
/// mapping all go through this one table, so what we write is what we read back.

#include <cunjing/heritage/Records.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cunjing::heritage::registerio {

enum class ColumnType { Text, Integer, Real, Bool, Choice, List };

template <typename R>
struct Column {
    std::string_view name;
    ColumnType type = ColumnType::Text;
    /// The value as a file cell; empty for unset.
    std::string (*get)(const R&) = nullptr;
    /// Sets the value from a trimmed, non-empty cell; returns what is wrong, or "" when fine.
    std::string (*set)(R&, std::string_view) = nullptr;
};

const std::vector<Column<TreeRecord>>& treeColumns();
const std::vector<Column<VillageRecord>>& villageColumns();

/// Shortest text that reads back as the same double ("12.5", not "12.500000000000002").
std::string formatReal(double value);
/// A whole cell as a finite number; nullopt for anything else ("12a", "1e999", "").
std::optional<double> parseReal(std::string_view text);

/// Leading and trailing ASCII white space and the non-breaking and ideographic spaces
/// (U+00A0, U+3000) that spreadsheets leave behind.
std::string_view trim(std::string_view text);

/// The words each choice column accepts, for messages ("normal, weak, ...").
std::string choiceWords(std::string_view column);

}  // namespace cunjing::heritage::registerio
