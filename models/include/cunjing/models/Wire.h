#pragma once
/// The bytes `cunjing-import-worker` writes to its stdout and the client reads back: one
/// ImportedModel, little-endian, every array and string length-prefixed.
///
/// Layout (version 1): "CJMW" u32 version, then the model field by field (see Wire.cpp).
/// The worker is assumed hostile (a crashed or subverted parser may write anything), so
/// decodeModel checks every count against the bytes that remain before allocating, and every
/// index, size and number against the model's own rules and the ImportLimits.

#include <cunjing/geo/Result.h>
#include <cunjing/models/Import.h>
#include <cunjing/models/Model.h>

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace cunjing::models {

/// "CJMW" as the first four bytes, then this version as a u32.
inline constexpr std::uint32_t kWireVersion = 1;

/// The model as wire bytes. Does not validate; decodeModel does, on the other side.
std::vector<std::uint8_t> encodeModel(const ImportedModel& model);

/// The model in `bytes`, or an Error (message only, no file) saying what is wrong with them:
/// truncated, a count larger than the bytes left, an index out of range, a NaN, a texture
/// level of the wrong size, more vertices or triangles than `limits` allow, bytes left over.
Result<ImportedModel> decodeModel(std::span<const std::uint8_t> bytes,
                                  const ImportLimits& limits = {});

/// How `cunjing-import-worker` ends, besides by a signal. A clean failure writes one line
/// "<kWorkerReasonPrefix><reason>" as the last line of its stderr.
enum WorkerExit : int {
    kWorkerOk = 0,           ///< the model is on stdout
    kWorkerFailed = 2,       ///< the file could not be read; the reason is on stderr
    kWorkerOutOfMemory = 3,  ///< an allocation failed under the address-space limit
    kWorkerBadUsage = 4,     ///< wrong arguments: a bug in the caller
};
inline constexpr std::string_view kWorkerReasonPrefix = "cunjing-import-worker: ";
/// Written to stderr by the worker's new-handler when an allocation fails, before anything
/// else can go wrong (a later abort or segfault then still counts as out of memory).
inline constexpr std::string_view kWorkerOutOfMemoryLine = "cunjing-import-worker: out of memory";

}  // namespace cunjing::models
