#pragma once
// Where an IFC file says its site is: IfcSite's RefLatitude, RefLongitude and RefElevation.
// Assimp's IFC loader does not expose them, so the worker reads them from the STEP text.

#include <cunjing/models/Model.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace cunjing::worker {

/// The georeference of the first IFCSITE entity of `ifcFile`, if it states a latitude and a
/// longitude. Reads the file in blocks and looks at one entity of at most 64 KB; a value
/// that is present but unusable adds a line to `warning`.
std::optional<models::Georeference> readIfcSite(const std::filesystem::path& ifcFile,
                                                std::string& warning);

/// IfcCompoundPlaneAngleMeasure "(52,31,0,500000)" (degrees, minutes, seconds, millionths of
/// a second, all of one sign) in decimal degrees; nullopt when it is not one.
std::optional<double> compoundAngle(std::string_view text);

}  // namespace cunjing::worker
