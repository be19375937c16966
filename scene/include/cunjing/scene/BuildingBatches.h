#pragma once
/// Generated buildings drawn at county scale: the merged building mesh cut into tiles, each tile
/// one draw call in full detail near, a clustered massing farther, a coarser massing farther
/// still, and beyond that one draw call for a whole group of tiles (two levels of osg::LOD), so
/// a township costs draw calls by the tile, not by the building, and triangles by the pixel. Every
/// vertex of every level keeps the partId of its building, so a pick on any level opens the
/// building's record (partAt).

#include <cunjing/geo/Mesh.h>

#include <osg/Node>
#include <osg/ref_ptr>

#include <cstdint>
#include <optional>

namespace osg {
class Drawable;
}

namespace cunjing::scene {

/// Tile sizes, switch distances and cluster cells; every figure an estimate [E], tuned on the
/// demo and the stress scene with bench/FrameBench.cpp.
struct BuildingLodOptions {
    double tileM = 120;         ///< side of a tile: one draw call a tile and level
    int tilesPerGroup = 6;      ///< a group (tilesPerGroup² tiles) shares one far draw call
    double fullDetailM = 160;   ///< full detail nearer than this (eye to the tile's nearest edge)
    double massingM = 400;      ///< the tile's fine massing to here, its coarse massing beyond
    double groupM = 2000;       ///< the tiles to here (from the group's edge), the group's beyond
    double farM = 12000;        ///< nothing beyond (a county's haze has hidden it)
    double massingCellM = 1.0;  ///< cluster cell of the fine massing: details smaller merge
    double coarseCellM = 3.0;   ///< cluster cell of the coarse massing (tile and group)
};

/// The buildings of `mesh` (partIds = building ids; ground areas carry any other id) batched
/// into tiles with LOD as above; the lit shader is the caller's to set.
osg::ref_ptr<osg::Node> batchedBuildings(const geo::Mesh& mesh,
                                         const BuildingLodOptions& options = {});

/// One node per building in full detail, no batching or LOD: the frame benchmark's baseline.
osg::ref_ptr<osg::Node> naiveBuildings(const geo::Mesh& mesh);

/// A simplified copy of `mesh` by vertex clustering: vertices of the same part, surface, colour
/// and facing (normal within about 30 degrees) that fall in one cell of `cellM` merge into
/// their mean; triangles that collapse are dropped. Walls stay walls and roofs roofs, and no
/// triangle mixes two buildings, which a position-only simplifier would do.
geo::Mesh clusterMesh(const geo::Mesh& mesh, double cellM);

/// The partId of vertex `vertex` of a drawable that batchedBuildings or naiveBuildings made
/// (what an intersection's indexList.front() names); none for any other drawable.
std::optional<std::uint32_t> partAt(const osg::Drawable* drawable, unsigned vertex);

}  // namespace cunjing::scene
