#pragma once
/// The terrain as an OSG node: chunked quadtree LOD over a tile source (a heightfield in
/// memory or a pyramid on disk).
///
/// Each cull picks the tiles the camera needs (terrain::selectTiles: refine while the
/// screen-space error is above the maximum), draws those it has, and asks worker threads for
/// the rest; until all four children of a tile are ready the tile itself is drawn, so there
/// is never a hole. Tiles stay in a cache and the least recently used go first. In blocking
/// mode a cull waits for every tile its view needs, so offscreen renders are complete and
/// repeatable.

#include <cunjing/geo/Result.h>
#include <cunjing/scene/SceneData.h>
#include <cunjing/terrain/TerrainLod.h>

#include <osg/Node>
#include <osg/NodeVisitor>

#include <memory>
#include <vector>

namespace cunjing::scene {

struct LodTerrainOptions {
    double maxPixelError = 2.0;  ///< largest screen-space error of the ground, pixels
    double exaggeration = 1.0;
    double originX = 0, originY = 0;  ///< working-CRS position of local (0, 0)
    int threads = 0;                  ///< tile workers; 0: the cores but one (at least one)
    std::size_t cacheTiles = 1024;    ///< tiles kept (about 60 kB each)
};

class LodTerrain : public osg::Node {
public:
    LodTerrain(std::shared_ptr<const terrain::TileSource> source, const LodTerrainOptions& options);

    const char* className() const override { return "LodTerrain"; }
    const char* libraryName() const override { return "cunjing"; }
    void traverse(osg::NodeVisitor& nv) override;
    osg::BoundingSphere computeBound() const override;

    /// When true, each cull loads every tile its view needs before drawing.
    void setBlocking(bool blocking);
    bool blocking() const;
    /// Loads, now, every tile the view needs (waits for the workers).
    void ensureLoaded(const terrain::LodView& view);

    struct FrameStats {
        std::size_t tiles = 0;      ///< tiles drawn (one draw call each)
        std::size_t triangles = 0;  ///< skirts included
        std::size_t pending = 0;    ///< tiles wanted but not loaded yet
        std::size_t cached = 0;
        int deepestLevel = -1;
    };
    FrameStats lastFrame() const;
    /// Tiles that could not be loaded (each reported once; their parents are drawn instead).
    std::vector<Error> errors() const;
    const terrain::TileSource& source() const;
    const LodTerrainOptions& options() const;

    struct Impl;

protected:
    ~LodTerrain() override;

private:
    std::unique_ptr<Impl> impl_;
};

/// The LOD terrain of a scene: its pyramid, or its heightfield (as flattened) cut into tiles,
/// with the scene's exaggeration, origin and terrain.max_pixel_error. Null without terrain.
osg::ref_ptr<LodTerrain> lodTerrainFor(const SceneData& data);

/// Switches every LodTerrain under `root` to blocking (offscreen renders) or background loads.
void setTerrainBlocking(osg::Node* root, bool blocking);

/// Every LodTerrain under `root`.
std::vector<LodTerrain*> findLodTerrains(osg::Node* root);

}  // namespace cunjing::scene
