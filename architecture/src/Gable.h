#pragma once
/// Private: the cross-section of a double-pitched roof and the 山墙 gable outlines drawn over
/// it (人字, 镬耳, and crown heads such as 猫耳 and the 五行 set), shared by every hall.

#include <cunjing/architecture/Style.h>

#include "MeshBuilder.h"

#include <vector>

namespace cunjing::architecture {

/// A double-pitched roof across a hall's depth: u runs front to back, z up.
struct RoofSection {
    double front = 0, back = 0;  ///< wall faces
    double ridge = 0;            ///< ridge line
    double eave = 0, top = 0;    ///< tile top at the wall faces and at the ridge
    double sag = 0;              ///< how far each slope dips below a straight line (concave)
    double overhangFront = 0, overhangBack = 0;
    double thickness = 0.12;

    /// Top of the tiles at u: through the ridge and the eave line, dipping by sag between
    /// them (the slightly concave Lingnan slope) and lifting a little past the walls.
    double tileTop(double u) const;
};

struct GableStyle {
    GableKind kind = GableKind::FollowRoof;
    double wokEarRise = 1.4;                     ///< 镬耳 top above the ridge tiles
    double earWidth = 0.5;                       ///< 镬耳 width as a share of the gable's depth
    const std::vector<Point2>* crown = nullptr;  ///< Crown kind: see GableProfileSpec::crown
    bool smooth = false;
    double clearance = 0.3;  ///< coping above the tiles where it follows the roof
    double capBand = 0.3;    ///< lime-white (or coloured) band under the coping
    double foot = 0.3;       ///< bottom of the outline: the plinth top
    int segments = 10;       ///< per curved stretch
    /// A free-standing hall carries the coping over the front eave on a corbel (墀头) as at
    /// the back; a row whose wings abut the front stops the gable at the front wall face.
    bool frontCorbel = false;
};

/// The gable in its own plane (u across the hall, v = z), counter-clockwise seen from the
/// side where u runs to the right.
struct GableShape {
    std::vector<V2> outline;     ///< foot, back corbel, coping (back to front), front end
    std::size_t curveBegin = 0;  ///< outline[curveBegin..copingEnd] is the coping curve
    std::size_t copingEnd = 0;
    std::vector<V2> coping;    ///< the coping curve alone, back to front
    std::vector<V2> capInner;  ///< the curve moved capBand into the wall, point by point
    std::vector<V2> wallFace;  ///< outline with the coping curve replaced by capInner
    bool backEave = false, frontEave = false;  ///< the corbel meets the tiles' underside there
};

GableShape gableShape(const RoofSection& r, const GableStyle& g);

/// The coping line alone, back to front.
std::vector<V2> gableCopingCurve(const RoofSection& r, const GableStyle& g);

}  // namespace cunjing::architecture
