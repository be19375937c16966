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
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

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
    double coarseCellM = 3.0;   ///< cluster cell of the tile's coarse massing
    double groupCellM = 6.0;    ///< ... of a group's massing, the tiles' coarse massing again
};

/// The buildings of `mesh` (partIds = building ids; ground areas carry any other id) batched
/// into tiles with LOD as above; the lit shader is the caller's to set.
osg::ref_ptr<osg::Node> batchedBuildings(const geo::Mesh& mesh,
                                         const BuildingLodOptions& options = {});

/// Buildings too many to keep in full detail (a county): per tile, the ids of the buildings
/// standing in it and their coarse massing, which stays in memory, while the full detail and
/// the fine massing are made again from the buildings' recipes when the eye comes near
/// (pagedBuildings).
struct BuildingTiles {
    BuildingLodOptions lod;
    struct Tile {
        std::vector<std::uint32_t> ids;
        geo::Mesh coarse;  ///< clusterMesh(building, lod.coarseCellM) of each, appended
    };
    std::map<std::pair<long, long>, Tile> tiles;  ///< by floor(x / tileM), floor(y / tileM)
    /// A building's full-detail mesh as placed, partIds = id: the mesh the scene's loader made
    /// and dropped. Called from the database pager's threads, so it must be thread-safe.
    std::function<geo::Mesh(std::uint32_t id)> make;

    /// The tile a building whose placed mesh has these bounds belongs to (its centre's).
    std::pair<long, long> tileOf(const geo::Bounds& bounds) const;
};

/// The tiles' coarse massings in memory, as batchedBuildings draws them (group level too);
/// each tile an osg::PagedLOD whose near level (full detail and fine massing, as
/// batchedBuildings makes them) the database pager builds on its threads when the eye comes
/// within the massing range, and drops again when it has been out of view a while. Until it is
/// in, the coarse massing stands in. Pickable on every level (partAt).
osg::ref_ptr<osg::Node> pagedBuildings(std::shared_ptr<const BuildingTiles> tiles);

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
