#pragma once
// The worker's one job: an untrusted model file -> ImportedModel, through Assimp. Runs only
// inside cunjing-import-worker, under the limits the client set.

#include <cunjing/geo/Result.h>
#include <cunjing/models/Import.h>
#include <cunjing/models/Model.h>

#include <filesystem>
#include <string>

namespace cunjing::worker {

/// Reads `file` as `format` (a whitelisted extension, already sniffed) with only the Assimp
/// importer(s) of that format enabled. Every node transform is applied (one flat mesh list,
/// in the order of a depth-first walk of the node tree, so the output is deterministic);
/// points and lines are dropped; textures are decoded. An Error (message only) is one line.
Result<models::ImportedModel> readModel(const std::filesystem::path& file,
                                        const std::string& format,
                                        const models::ImportLimits& limits);

}  // namespace cunjing::worker
