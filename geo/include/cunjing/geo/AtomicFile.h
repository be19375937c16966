#pragma once
/// Outputs are written to a temporary file beside the target and renamed over it only when
/// complete (architecture.md: no half-written output), so a reader or a crash never sees
/// half a file, and a failed write leaves the old file as it was.

#include <cunjing/geo/Result.h>

#include <functional>
#include <string>

namespace cunjing::geo {

/// Calls write with a temporary path in the target's folder (same file system, so the rename
/// is atomic) that keeps the target's extension, then renames it over `path`. On failure the
/// temporary file and its SQLite companions (-journal, -wal, -shm) are removed. Errors: the
/// folder does not exist, the target is a folder, write's own errors, the rename failed.
Status writeAtomically(const std::string& path,
                       const std::function<Status(const std::string& tmp)>& write);

}  // namespace cunjing::geo
