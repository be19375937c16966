#include <cunjing/architecture/StyleLibrary.h>

#include <cstdlib>

namespace cunjing::architecture {

std::filesystem::path defaultStyleDirectory() {
    if (const char* dir = std::getenv("CUNJING_STYLES"); dir && *dir)
        return dir;
    return CUNJING_DEFAULT_STYLE_DIR;
}

Result<std::vector<Style>> loadStyleLibrary(const std::filesystem::path& dir) {
    const std::filesystem::path folder = dir.empty() ? defaultStyleDirectory() : dir;
    return loadStyleDirectory(folder.string());
}

const Style* findStyle(const std::vector<Style>& styles, std::string_view id) {
    for (const auto& s : styles) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

std::string styleList(const std::vector<Style>& styles) {
    std::string out;
    for (const auto& s : styles)
        out += (out.empty() ? "" : ", ") + s.id;
    return out;
}

}  // namespace cunjing::architecture
