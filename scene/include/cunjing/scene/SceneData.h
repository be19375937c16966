#pragma once
/// A scene loaded into CPU data: terrain grid, building meshes, imported models and trees, in
/// the local frame (metres east/north/up of the scene origin). Built on worker threads; the
/// data holds no OSG objects (ModelLayer.h also declares the nodes that draw models).

#include <cunjing/architecture/TownPlan.h>
#include <cunjing/architecture/VillagePlan.h>
#include <cunjing/geo/Mesh.h>
#include <cunjing/heritage/AncientTree.h>
#include <cunjing/heritage/Records.h>
#include <cunjing/scene/BuildingBatches.h>
#include <cunjing/scene/ModelLayer.h>
#include <cunjing/scene/ObliqueLayer.h>
#include <cunjing/scene/SceneFile.h>
#include <cunjing/terrain/Heightfield.h>
#include <cunjing/terrain/Imagery.h>
#include <cunjing/terrain/TerrainLod.h>

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace cunjing::scene {

/// A generated building as placed in the scene (for picking, tests and the UI).
struct PlacedBuilding {
    std::uint32_t id = 0;  ///< the partId of its vertices in SceneData::buildings
    std::string style, typology, name;
    double x = 0, y = 0, z = 0;  ///< local position of the building's origin; z its floor
    double headingDeg = 0;       ///< local frame turned counter-clockwise (0: facing south)
    /// Unique in the scene: "<group>/<footprint id>" for a building of a layout or footprint
    /// file ("street/street-a-03"), "<group>" for a single building, "plan/<id>" for one a
    /// town plan added. Town plans name buildings by it.
    std::string sceneId;
    std::string group;  ///< the scene "buildings" entry's id (BuildingDescription::id)
    /// What it was generated from, in the local frame: style, typology, storeys, seed, facing,
    /// every param (overrides, storeys among them) and the outline its masses fill as placed
    /// (architecture::footprintOutline), which a town plan and the rule checks work on.
    architecture::BuildingFootprint footprint;
    architecture::BuildingFacts facts;  ///< eave height, storeys, roof form, colours
    double base = 0;                    ///< floor height, exaggerated (= z)
};

/// A protection zone of a village in the local frame (x, y metres), for drawing on the ground.
struct SceneZone {
    heritage::ZoneKind kind = heritage::ZoneKind::Core;
    /// Outer ring then holes, as the record holds them; each ring closed implicitly.
    std::vector<std::vector<std::array<double, 2>>> rings;
};

/// A traditional village of a register, placed in the scene (local frame).
struct SceneVillage {
    heritage::VillageRecord record;
    double x = 0, y = 0;
    std::vector<SceneZone> zones;  ///< record.zones in the local frame, same order
};

struct SceneData {
    SceneDescription description;
    double originX = 0, originY = 0;  ///< working-CRS position of local (0, 0)
    /// The ground, flattened under platforms and houses.
    std::optional<terrain::Heightfield> terrain;
    /// terrain.imagery warped onto the terrain's extent (working CRS), when the scene has one.
    std::optional<terrain::Imagery> imagery;
    /// The tile pyramid when the scene names one (terrain then holds its coarse overview).
    std::shared_ptr<const terrain::TileSource> terrainTiles;
    /// Every generated building, merged, partIds = building ids, and the ground areas of
    /// their layouts (paving, ponds; partIds none of the buildings'). A scene over
    /// description.pageBuildingsAbove holds only the ground areas here.
    geo::Mesh buildings;
    /// The buildings of such a scene: coarse massing per tile, full detail made on demand.
    std::shared_ptr<const BuildingTiles> pagedBuildings;
    int buildingCount = 0;
    std::vector<PlacedBuilding> placed;        ///< one per generated building, by id
    std::vector<heritage::AncientTree> trees;  ///< positions already local
    /// The "models" entries that imported and placed, in file order (an entry that failed is
    /// left out with a warning on loadScene's result; description.jsonPath names each).
    std::vector<SceneModel> models;
    /// The "oblique" tile sets that opened, placed (a set that failed is a load warning).
    std::vector<ObliqueTileSet> oblique;
    std::vector<SceneVillage> villages;  ///< register villages, positions local
    /// The register store the scene names (`"registers": {"registry": ...}`: a GeoPackage
    /// path or "PG:..."), for the viewer's register panel; empty when it names none.
    std::string registry;

    /// Ground height (exaggerated) at a local position; 0 without terrain.
    double groundHeight(double localX, double localY) const;
    /// groundHeight as a function that holds what it reads (terrain, pyramid, origin) by
    /// value: for work on other threads that may outlive this SceneData (the pager's tiles).
    std::function<double(double, double)> groundSampler() const;
    double exaggeration() const;
    /// Eye and target of a viewpoint in the local frame, with above_ground resolved.
    std::array<double, 3> resolveEye(const Viewpoint& vp) const;
    std::array<double, 3> resolveTarget(const Viewpoint& vp) const;
    /// A viewpoint that frames the whole scene from the south-west, for scenes without any.
    Viewpoint overviewViewpoint() const;
    geo::Bounds bounds() const;
};

/// Reads the trees of the scene's register store (data.registry) again, after an edit made
/// through the store: a scene whose trees all come from the store gets the store's trees; one
/// that also names tree files keeps those and has the store's trees replaced or added by id.
Status reloadRegistryTrees(SceneData& data);

/// Loads everything a description names. Terrain, tree layers and models (each through the
/// import worker) load in parallel. A model that cannot be read or placed does not fail the
/// scene: it is a warning naming $.models[i], the file and why.
Result<SceneData> loadScene(const SceneDescription& description);

}  // namespace cunjing::scene
