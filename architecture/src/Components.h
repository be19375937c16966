#pragma once
/// Private: the component library every typology is assembled from (architecture.md): a
/// hall mass with its walls, openings, roof (硬山 or 歇山), tile rows, ridge and gables.
/// Halls are built in their own frame: front wall face on y = 0 looking towards -Y, back
/// face on y = depth, gable faces on x = ±width / 2, ground at z = 0.

#include <cunjing/architecture/Style.h>

#include "Gable.h"
#include "MeshBuilder.h"

#include <cstdint>
#include <vector>

namespace cunjing::architecture {

/// Ridge treatment: cap, 灰塑 or 嵌瓷 pieces, end ornaments.
struct RidgeStyle {
    OrnamentKind kind = OrnamentKind::Plain;
    RidgeEnd ends = RidgeEnd::None;
    std::vector<Paint> colors;  ///< pieces cycle through these
    double capHeight = 0.25;
    std::uint32_t seed = 0;  ///< where the colour cycle starts
};

struct RoofDetail {
    double tileSpacing = 0;  ///< 筒瓦 rows down the slopes, centre to centre; 0: none
    RidgeStyle ridge;
};

/// Everything a hall is painted with. Roles follow Style's palette.
struct HallPaints {
    Paint plinth, wall, frontWall, band, roof, soffit, fascia, ridge, coping;
    std::vector<Paint> capBand;  ///< cycles along the coping (one colour for plain bands)
    Paint door, doorFrame, window, column, beam;
};

/// A 凹斗门 recessed entrance: the middle of the front wall set back, with columns in front.
struct Porch {
    double width = 0;  ///< 0: none
    double depth = 1.5;
    int columns = 2;
    double doorWidth = 1.4, doorHeight = 2.8;
    Paint recessWall;           ///< the porch's side and back walls
    std::vector<Paint> panels;  ///< painted or 嵌瓷 panels on the porch walls (Chaoshan gates)
};

struct HallSpec {
    double width = 10, depth = 7;
    double eave = 3.8, top = 6.5;  ///< tile top at the wall faces and at the ridge
    RoofForm roof = RoofForm::HardGable;
    double sag = 0.15, overhangFront = 0.3, overhangBack = 0.3, overhangSide = 0.5;
    double thickness = 0.12;
    double wall = 0.35, plinth = 0.3, foundation = 2.0;
    double eaveBand = 0.4;  ///< band under the eaves: lime 墙楣 or the black eave line
    double parapet = 1.0;   ///< Flat roofs: parapet above the roof slab
    GableStyle gable;
    bool gableWest = true, gableEast = true;  ///< false: a plain end wall (party wall)
    unsigned hide =
        0;  ///< faces of the body hidden against neighbours (kNegX, kPosX, kNegY, kPosY)
    /// Openings by face, u along the face from its left end seen from outside, v above the
    /// plinth top.
    std::vector<PanelOpening> front, back, west, east;
    Porch porch;
    RoofDetail detail;
    HallPaints paints;
};

void addHall(MeshBuilder& b, const HallSpec& h);

/// The hall's roof section (u = y).
RoofSection roofSectionOf(const HallSpec& h);

/// One gable wall between x0 and x1 (either order; the outer face is at xOuter): the outline
/// swept through the wall, brick faces under the cap band, the coping dark on top.
void addGableWall(MeshBuilder& b, const GableShape& g, double xOuter, double xInner,
                  const Paint& wall, const Paint& coping, const std::vector<Paint>& capBand);

/// 筒瓦 tile rows on both slopes of a roof section between x0 and x1 (ridge along X).
void addTileRows(MeshBuilder& b, const RoofSection& r, double x0, double x1, double spacing,
                 const Paint& paint, double capHalfWidth, int segments);

/// The 正脊 between x0 and x1 along the section's ridge; openEnds emits the end faces
/// (ridges not stopped by gables).
void addRidge(MeshBuilder& b, double x0, double x1, const RoofSection& r, const RidgeStyle& style,
              const Paint& cap, bool openEnds);

/// A ∧-section rib along a path (tile rows, hip ridges), its end tile at path[0].
void addRib(MeshBuilder& b, const std::vector<V3>& path, double halfWidth, double height,
            const Paint& paint);

/// The concave 硬山 tile slab between x0 and x1; capX0/capX1 close its ends.
void addHardGableRoof(MeshBuilder& b, const RoofSection& r, double x0, double x1, int segments,
                      const Paint& roof, const Paint& soffit, const Paint& fascia, bool capX0,
                      bool capX1);

/// 歇山 roof over the hall's walls (the front overhang is used on every side).
void addHipGableRoof(MeshBuilder& b, const HallSpec& h, int segments);

/// Half the width of the ridge cap, for tile rows to stop under it.
double ridgeHalfWidth(const RidgeStyle& style);

/// A door, centred at u, from the plinth up.
PanelOpening doorAt(double u, double width, double height, const HallPaints& p,
                    double recess = 0.12);
/// A window, centred at u, sill at v0.
PanelOpening windowAt(double u, double width, double v0, double height, const HallPaints& p,
                      bool decal = false);

}  // namespace cunjing::architecture
