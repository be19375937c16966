#pragma once
/// Private: what the plan reader, writer and applier share about the file's vocabulary.

#include <string>
#include <string_view>
#include <vector>

namespace cunjing::architecture::detail {

/// The keys of a "select" object, in the order the writer gives them: ids, group, style,
/// typology, roof, zone, within.
const std::vector<std::string>& selectionKeys();

/// "set" keys whose values are JSON booleans in the file ("true"/"false" in a PlanAction).
bool isBooleanAction(std::string_view key);

}  // namespace cunjing::architecture::detail
