#pragma once
/// Where the style files are found: the folder CUNJING_STYLES names, else the project's
/// assets/styles (compiled in). A user adds a typology by editing those files, no rebuild.

#include <cunjing/architecture/Style.h>
#include <cunjing/geo/Result.h>

#include <filesystem>
#include <string_view>
#include <vector>

namespace cunjing::architecture {

std::filesystem::path defaultStyleDirectory();

/// The styles of a folder (defaultStyleDirectory() when dir is empty), sorted by file name.
Result<std::vector<Style>> loadStyleLibrary(const std::filesystem::path& dir = {});

/// The style with this id, or nullptr.
const Style* findStyle(const std::vector<Style>& styles, std::string_view id);

/// "chaoshan, guangfu, hakka": the ids, for messages.
std::string styleList(const std::vector<Style>& styles);

}  // namespace cunjing::architecture
