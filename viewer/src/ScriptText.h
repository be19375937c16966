#pragma once
/// Text helpers the editors' script runners share (`--plan-edit`, `--tour-edit`).

#include <string_view>

namespace cunjing::viewer {

/// `text` without leading and trailing blanks and line ends.
inline std::string_view trimBlanks(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

}  // namespace cunjing::viewer
