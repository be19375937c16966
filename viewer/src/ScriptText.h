#pragma once
/// Text helpers the editors' script runners share (`--plan-edit`, `--tour-edit`).

#include <algorithm>
#include <filesystem>
#include <string>
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

/// An editor script (steps separated by ';' or line ends) with each plain "save" step sent to
/// `saveTo` (--plan-save, --tour-save); unchanged when `saveTo` is empty.
inline std::string redirectSaves(std::string_view text, const std::filesystem::path& saveTo) {
    std::string script;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find_first_of(";\n", start), text.size());
        std::string step(text.substr(start, end - start));
        if (trimBlanks(step) == "save" && !saveTo.empty())
            step = "save " + saveTo.string();
        script += (script.empty() ? "" : ";") + step;
        start = end + 1;
    }
    return script;
}

}  // namespace cunjing::viewer
