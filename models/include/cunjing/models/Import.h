#pragma once
/// Reading an untrusted model safely: the file is parsed by `cunjing-import-worker` in a
/// child process under an address-space limit and a wall-clock limit, and only a validated
/// ImportedModel comes back. When the worker crashes, hangs or runs out of memory the caller
/// gets an Error saying so, and carries on.

#include <cunjing/geo/Result.h>
#include <cunjing/models/Model.h>

#include <filesystem>
#include <string>
#include <vector>

namespace cunjing::models {

struct ImportLimits {
    std::uint64_t addressSpaceBytes = 2ull << 30;  ///< RLIMIT_AS of the worker
    double seconds = 30;                           ///< wall clock, then SIGKILL
    std::uint32_t maxTextureSize = 8192;           ///< pixels, either side
    std::uint64_t maxVertices = 50'000'000;
    std::uint64_t maxTriangles = 50'000'000;
};

/// The formats the worker will parse, by lower-case extension ("glb", "gltf", "obj", ...).
const std::vector<std::string>& acceptedExtensions();

/// The format `file` will be read as, from its extension and its first bytes; an Error when
/// the extension is not whitelisted or the content is plainly something else (an HTML page
/// saved as .glb). Reads at most a few KB; parses nothing.
Result<std::string> sniffFormat(const std::filesystem::path& file);

/// Where the worker executable is: $CUNJING_IMPORT_WORKER, else beside the running program.
std::filesystem::path workerPath();

/// Reads `file` through the worker. Errors are one line each: "<file>: <why>", e.g.
/// "the importer crashed (segmentation fault) while reading it", "the importer ran past the
/// 30 s limit and was stopped", "the importer ran out of memory (limit 2 GB)".
Result<ImportedModel> importModel(const std::filesystem::path& file,
                                  const ImportLimits& limits = {});

}  // namespace cunjing::models
