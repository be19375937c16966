#pragma once
/// GDAL's process-wide set-up, done once for every module that uses GDAL.

namespace cunjing::geo {

/// Registers GDAL's drivers exactly once. GDALAllRegister is not safe to call from two
/// threads at the same time, and terrain and tree layers load in parallel.
void ensureGdalRegistered();

}  // namespace cunjing::geo
