#pragma once
/// Notes pinned to a point on a model (issue 6, inspection tools for heritage officers): "the
/// left gable's 灰塑 is cracked here". They live in the register store beside the trees and
/// villages (Registry::addModelNote and friends), audited and undoable like them.
///
/// Stored in the table model_notes, one row per note, WITHOUT a geometry column: the point is
/// in the working CRS of the scene that showed the model, scenes differ in their CRS, and a
/// GeoPackage or PostGIS geometry column has one. So x, y, z and crs are plain columns.

#include <cstddef>
#include <string>

namespace cunjing::heritage {

struct ModelNote {
    std::string id;              ///< id: unique in the store; addModelNote assigns one when empty
    std::string model;           ///< model: the model's key, its path as the scene file writes it
                                 ///< ("models/citang.glb") or a file name
    double x = 0, y = 0, z = 0;  ///< x, y, z: the point, working-CRS metres (not scene-local)
    std::string crs;             ///< crs: that working CRS, e.g. "EPSG:4547"; may be empty
    std::string text;            ///< text: UTF-8, Chinese first; trimmed, never empty
    std::string author;          ///< author: empty takes the store's actor
    std::string created;         ///< created: ISO 8601 UTC; empty takes the time of adding
};

/// The longest note text, in characters (Unicode code points), a page of remarks.
inline constexpr std::size_t kModelNoteMaxChars = 2000;

}  // namespace cunjing::heritage
