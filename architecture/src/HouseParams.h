#pragma once
/// Private: parameter checks shared by the house generator and the layouts that embed it.

#include <cunjing/architecture/LingnanHouse.h>

#include <string>
#include <vector>

namespace cunjing::architecture {

/// Every out-of-range field; names are prefixed (e.g. "house.") for nested parameter sets.
std::vector<Error> houseParamErrors(const SanjianLianglangParams& p, const std::string& prefix);

/// The parameters clamped into the ranges houseParamErrors() checks.
SanjianLianglangParams sanitized(SanjianLianglangParams p);

}  // namespace cunjing::architecture
