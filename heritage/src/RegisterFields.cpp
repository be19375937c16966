#include <cunjing/heritage/RegisterFields.h>

#include "MappingColumns.h"

namespace cunjing::heritage {

namespace {

using registerio::Column;

template <typename R>
std::vector<std::pair<std::string, std::string>> fieldsOf(const R& record,
                                                          const std::vector<Column<R>>& columns) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const Column<R>& c : columns)
        out.emplace_back(std::string(c.name), c.get(record));
    return out;
}

template <typename R>
Status setField(R& record, const std::string& column, const std::string& text,
                const std::vector<Column<R>>& columns) {
    const Column<R>* target = nullptr;
    std::string names;
    for (const Column<R>& c : columns) {
        if (c.name == column)
            target = &c;
        names += (names.empty() ? "" : ", ") + std::string(c.name);
    }
    if (!target)
        return Error{"", "column '" + column + "'", "no such column; columns: " + names};
    const std::string_view value = registerio::trim(text);
    if (!value.empty()) {
        R edited = record;
        if (const std::string wrong = target->set(edited, value); !wrong.empty()) {
            const std::string words = registerio::choiceWords(column);
            return Error{"", "column '" + column + "'",
                         wrong + (words.empty() ? "" : " (allowed: " + words + ")")};
        }
        record = std::move(edited);
        return Done{};
    }
    // Clearing: rebuild the record from every other column's text, so the column goes back
    // to "not recorded" whatever its type.
    R rebuilt{};
    for (const Column<R>& c : columns) {
        if (&c == target)
            continue;
        const std::string cell = c.get(record);
        if (!cell.empty())
            c.set(rebuilt, cell);
    }
    record = std::move(rebuilt);
    return Done{};
}

}  // namespace

std::vector<std::pair<std::string, std::string>> treeRegisterFields(const TreeRecord& tree) {
    return fieldsOf(tree, registerio::treeColumns());
}

std::vector<std::pair<std::string, std::string>> villageRegisterFields(const VillageRecord& v) {
    return fieldsOf(v, registerio::villageColumns());
}

Status setTreeRegisterField(TreeRecord& tree, const std::string& column, const std::string& text) {
    return setField(tree, column, text, registerio::treeColumns());
}

Status setVillageRegisterField(VillageRecord& village, const std::string& column,
                               const std::string& text) {
    return setField(village, column, text, registerio::villageColumns());
}

}  // namespace cunjing::heritage
