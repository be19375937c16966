#pragma once
/// One record's fields by their column names (the snake_case names of Records.h), as the
/// text a register file holds: for `show`, and `edit --set column=value`. The same column
/// table as import and export, so an edit accepts exactly what an import would.

#include <cunjing/geo/Result.h>
#include <cunjing/heritage/Records.h>

#include <string>
#include <utility>
#include <vector>

namespace cunjing::heritage {

/// (column, text) for every column, in the register's column order; "" for unset values.
std::vector<std::pair<std::string, std::string>> treeRegisterFields(const TreeRecord& tree);
std::vector<std::pair<std::string, std::string>> villageRegisterFields(const VillageRecord& v);

/// Sets one column from text; an empty value clears it. Errors name the column and, for an
/// unknown one, the columns there are; for a bad value, what the column accepts.
Status setTreeRegisterField(TreeRecord& tree, const std::string& column, const std::string& text);
Status setVillageRegisterField(VillageRecord& village, const std::string& column,
                               const std::string& text);

}  // namespace cunjing::heritage
