// Geometric errors, tile meshes and LOD selection by screen-space error.

#include <cunjing/terrain/Dem.h>
#include <cunjing/terrain/TerrainLod.h>

#include "TestPaths.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

using namespace cunjing;
using namespace cunjing::terrain;

namespace {

/// Mt Fuji (SRTM 90 m, rough ground from sea level to 3,776 m) in UTM 54N at full resolution.
std::shared_ptr<const Heightfield> fuji() {
    static const std::shared_ptr<const Heightfield> field = [] {
        DemLoadOptions o;
        o.maxGridSize = 2048;
        auto f = loadDem((test::sharedData() / "dem/osgearth/mt_fuji_90m.tif").string(),
                         geo::Crs::fromUserString("EPSG:32654").value(), o);
        return f ? std::make_shared<const Heightfield>(std::move(f.value())) : nullptr;
    }();
    return field;
}

Heightfield flatField(int cols, int rows, double spacing, float height = 10) {
    Heightfield f;
    f.cols = cols;
    f.rows = rows;
    f.x0 = 500000;
    f.y0 = 2500000;
    f.dx = f.dy = spacing;
    f.heights.assign(std::size_t(cols) * rows, height);
    return f;
}

/// Tile facts computed on demand from a source, as a LOD node's cache would hold them.
struct FactsCache {
    const TileSource& source;
    std::map<TileKey, TileData> tiles;
    std::map<TileKey, TileFacts> facts;

    const TileData& tile(const TileKey& k) {
        auto it = tiles.find(k);
        if (it == tiles.end())
            it = tiles.emplace(k, source.loadTile(k).value()).first;
        return it->second;
    }
    const TileFacts* operator()(const TileKey& k) {
        auto it = facts.find(k);
        if (it == facts.end()) {
            const TileData& t = tile(k);
            it = facts.emplace(k, TileFacts{t.geometricError, t.minHeight, t.maxHeight}).first;
        }
        return &it->second;
    }
    std::function<const TileFacts*(const TileKey&)> fn() {
        return [this](const TileKey& k) { return (*this)(k); };
    }
};

struct FujiLod {
    std::shared_ptr<HeightfieldTileSource> source;
    LodSettings settings;
};

FujiLod fujiLod(int tileSamples = TileScheme::kDefaultTileSamples) {
    auto f = fuji();
    FujiLod out{HeightfieldTileSource::create(f, tileSamples).value(), {}};
    out.settings.originX = f->centreX();
    out.settings.originY = f->centreY();
    return out;
}

/// A camera looking at the middle of the terrain from the south-west, at a distance of
/// `factor` times the terrain's size (the overview viewpoint of a scene uses about 1).
LodView viewFrom(const Heightfield& f, double factor) {
    const double size = std::max(f.xMax() - f.x0, f.yMax() - f.y0);
    const double cz = 0.5 * (f.minHeight() + f.maxHeight());
    LodView v;
    v.eye = {-0.45 * size * factor, -0.75 * size * factor, cz + 0.55 * size * factor};
    v.fovYDeg = 40;
    v.viewportHeightPx = 720;
    return v;
}

std::size_t trianglesDrawn(FactsCache& cache, const LodSelection& sel, const LodSettings& s) {
    std::size_t n = 0;
    const TileScheme& scheme = cache.source.scheme();
    for (const TileKey& k : sel.draw) {
        const TileData& t = cache.tile(k);
        std::vector<const TileData*> up;
        for (TileKey a = k; a.level > 0;) {
            a = a.parent();
            up.push_back(&cache.tile(a));
        }
        n += tileMesh(scheme, t, skirtDepths(scheme, t, up),
                      {s.originX, s.originY, s.exaggeration, true})
                 .triangleCount();
    }
    return n;
}

}  // namespace

TEST(TileErrors, APlaneHasNoGeometricError) {
    Heightfield f = flatField(129, 129, 5);
    for (int r = 0; r < f.rows; ++r) {
        for (int c = 0; c < f.cols; ++c)
            f.at(c, r) = float(2 * c + 3 * r);
    }
    auto src = HeightfieldTileSource::create(std::make_shared<Heightfield>(f), 17).value();
    for (int level = 0; level <= src->scheme().maxLevel(); ++level) {
        const TileData t = src->loadTile({level, 0, 0}).value();
        EXPECT_NEAR(t.geometricError, 0.0, 1e-3) << "level " << level;
        for (float e : t.edgeError)
            EXPECT_NEAR(e, 0.0, 1e-3);
    }
}

TEST(TileErrors, ASpikeBetweenVerticesIsTheRootsErrorAndNotTheLeafs) {
    Heightfield f = flatField(65, 65, 5);
    f.at(21, 13) = 60;  // not a vertex of the 17-sample root (stride 4)
    auto src = HeightfieldTileSource::create(std::make_shared<Heightfield>(f), 17).value();
    const TileData root = src->loadTile({0, 0, 0}).value();
    EXPECT_NEAR(root.geometricError, 50.0, 1e-4);
    EXPECT_FLOAT_EQ(root.maxHeight, 60);
    EXPECT_FLOAT_EQ(root.minHeight, 10);
    const auto leaf = src->scheme().tileAt(src->scheme().maxLevel(), f.x0 + 21 * 5, f.y0 + 13 * 5);
    EXPECT_NEAR(src->loadTile(*leaf)->geometricError, 0.0, 1e-6);
}

TEST(TileErrors, FujiErrorsShrinkLevelByLevelToNothing) {
    auto lod = fujiLod(33);
    ASSERT_TRUE(lod.source);
    const TileScheme& s = lod.source->scheme();
    double previous = 1e30;
    for (int level = 0; level <= s.maxLevel(); ++level) {
        double worst = 0;
        for (std::int64_t x = 0; x < s.tilesAcross(level); ++x)
            for (std::int64_t y = 0; y < s.tilesUp(level); ++y)
                worst =
                    std::max(worst, double(lod.source->loadTile({level, x, y})->geometricError));
        EXPECT_LT(worst, previous) << "level " << level;
        previous = worst;
    }
    EXPECT_EQ(previous, 0.0) << "the deepest level is the data itself";
}

TEST(TileMesh, CoarseTilesAreShadedWithFullResolutionNormals) {
    auto lod = fujiLod(65);
    const Heightfield& f = lod.source->field();
    const TileScheme& s = lod.source->scheme();
    const geo::Mesh full = heightfieldMesh(f, 0, 0);
    const TileKey k{1, 1, 1};
    const TileData t = lod.source->loadTile(k).value();
    const geo::Mesh mesh = tileMesh(s, t, {}, {0, 0, 1.0, false});
    const auto cs = s.vertexColumns(k), rs = s.vertexRows(k);
    for (int r = 0; r < t.rows; r += 7) {
        for (int c = 0; c < t.cols; c += 5) {
            const auto& n = mesh.normals[std::size_t(r) * t.cols + c];
            const auto& m = full.normals[std::size_t(rs[r]) * f.cols + std::size_t(cs[c])];
            EXPECT_NEAR(n.x, m.x, 1e-5);
            EXPECT_NEAR(n.y, m.y, 1e-5);
            EXPECT_NEAR(n.z, m.z, 1e-5);
        }
    }
}

TEST(TileMesh, ExaggerationScalesHeightsAndSkirts) {
    auto lod = fujiLod(33);
    const TileScheme& s = lod.source->scheme();
    const TileKey k{2, 1, 1};
    const TileData t = lod.source->loadTile(k).value();
    const TileData parent = lod.source->loadTile(k.parent()).value();
    const TileData* up[] = {&parent};
    const auto depth = skirtDepths(s, t, up);
    const geo::Mesh one = tileMesh(s, t, depth, {0, 0, 1.0, true});
    const geo::Mesh three = tileMesh(s, t, depth, {0, 0, 3.0, true});
    ASSERT_EQ(one.vertexCount(), three.vertexCount());
    ASSERT_TRUE(one.isValid());
    EXPECT_GT(one.vertexCount(), std::size_t(t.cols * t.rows));  // skirts are there
    for (std::size_t i = 0; i < one.vertexCount(); i += 17)
        EXPECT_NEAR(three.positions[i].z, 3 * one.positions[i].z, 1e-2);
}

TEST(TileMesh, NoSkirtOnTheOuterEdgeOfTheData) {
    Heightfield f = flatField(65, 65, 5);
    auto src = HeightfieldTileSource::create(std::make_shared<Heightfield>(f), 33).value();
    const TileData t = src->loadTile({1, 0, 0}).value();
    const auto depth = skirtDepths(src->scheme(), t, {});
    EXPECT_EQ(depth[int(TileEdge::West)], 0.0f);
    EXPECT_EQ(depth[int(TileEdge::South)], 0.0f);
    EXPECT_GT(depth[int(TileEdge::East)], 0.0f);
    EXPECT_GT(depth[int(TileEdge::North)], 0.0f);
}

TEST(TileMesh, VerticesWithoutDataLeaveAHoleNotASpike) {
    Heightfield f = flatField(33, 33, 5);
    auto src = HeightfieldTileSource::create(std::make_shared<Heightfield>(f), 33).value();
    TileData t = src->loadTile({0, 0, 0}).value();
    t.heights[5 * 33 + 5] = std::numeric_limits<float>::quiet_NaN();
    const geo::Mesh m = tileMesh(src->scheme(), t, {}, {});
    EXPECT_TRUE(m.isValid());
    EXPECT_EQ(m.triangleCount(), 32u * 32u * 2u - 6u);  // the six triangles round the vertex
}

TEST(LodSelection, ScreenSpaceErrorFollowsTheFormula) {
    // 10 m at 1000 m, 720 px high, 90 degrees: 10 * 720 / (2 * 1000 * tan 45) = 3.6 px.
    EXPECT_NEAR(screenSpaceError(10, 1000, 90, 720), 3.6, 1e-9);
    EXPECT_TRUE(std::isinf(screenSpaceError(10, 0, 40, 720)));
}

TEST(LodSelection, CloserCameraRefinesMore) {
    auto lod = fujiLod();
    FactsCache cache{*lod.source, {}, {}};
    std::size_t previousTriangles = 0;
    int previousDeepest = -1;
    for (double factor : {2.5, 1.0, 0.25, 0.06}) {
        const auto sel = selectTiles(lod.source->scheme(), viewFrom(lod.source->field(), factor),
                                     lod.settings, cache.fn());
        ASSERT_TRUE(sel.load.empty());
        int deepest = 0;
        for (const auto& k : sel.draw)
            deepest = std::max(deepest, k.level);
        const std::size_t triangles = trianglesDrawn(cache, sel, lod.settings);
        EXPECT_GT(triangles, previousTriangles) << "distance factor " << factor;
        EXPECT_GE(deepest, previousDeepest) << "distance factor " << factor;
        if (factor > 2) {
            EXPECT_LT(deepest, lod.source->scheme().maxLevel()) << "far away, no full detail";
        }
        previousTriangles = triangles;
        previousDeepest = deepest;
    }
}

TEST(LodSelection, OverviewOfFujiDrawsUnderATenthOfFullTriangles) {
    auto lod = fujiLod();
    FactsCache cache{*lod.source, {}, {}};
    const auto sel = selectTiles(lod.source->scheme(), viewFrom(lod.source->field(), 1.0),
                                 lod.settings, cache.fn());
    const std::size_t full = heightfieldMesh(lod.source->field(), 0, 0).triangleCount();
    const std::size_t drawn = trianglesDrawn(cache, sel, lod.settings);
    EXPECT_LT(drawn * 10, full) << drawn << " of " << full << " triangles, skirts included";
    std::cerr << "overview of Fuji: " << drawn << " of " << full << " triangles ("
              << sel.draw.size() << " tiles)\n";
    EXPECT_GT(drawn, 0u);
}

TEST(LodSelection, DrawnTilesCoverTheTerrainOnceWithinTheMaximumError) {
    auto lod = fujiLod(33);
    FactsCache cache{*lod.source, {}, {}};
    const TileScheme& s = lod.source->scheme();
    const LodView view = viewFrom(lod.source->field(), 0.15);
    const auto sel = selectTiles(s, view, lod.settings, cache.fn());
    double area = 0;
    for (const TileKey& k : sel.draw) {
        const Extent e = s.extent(k);
        area += (e.xmax - e.xmin) * (e.ymax - e.ymin);
        for (TileKey a = k; a.level > 0;) {
            a = a.parent();
            EXPECT_FALSE(std::binary_search(sel.draw.begin(), sel.draw.end(), a))
                << k.toString() << " is drawn with its ancestor " << a.toString();
        }
        // Within the maximum screen error, unless it is as fine as the data.
        const TileFacts* f = cache(k);
        const Extent box = s.extent(k);
        double d2 = 0;
        const double lo[3] = {box.xmin - lod.settings.originX, box.ymin - lod.settings.originY,
                              f->minHeight},
                     hi[3] = {box.xmax - lod.settings.originX, box.ymax - lod.settings.originY,
                              f->maxHeight};
        for (int i = 0; i < 3; ++i) {
            const double d = std::max({lo[i] - view.eye[i], 0.0, view.eye[i] - hi[i]});
            d2 += d * d;
        }
        if (k.level < s.maxLevel()) {
            EXPECT_LE(screenSpaceError(f->geometricError, std::sqrt(d2), 40, 720), 2.0)
                << k.toString();
        }
    }
    const Extent all = s.dataExtent();
    EXPECT_NEAR(area, (all.xmax - all.xmin) * (all.ymax - all.ymin), 1.0);
}

TEST(LodSelection, MissingChildrenKeepTheParentDrawnAndAreRequested) {
    auto lod = fujiLod();
    FactsCache cache{*lod.source, {}, {}};
    const TileFacts* root = cache({0, 0, 0});
    const auto sel = selectTiles(
        lod.source->scheme(), viewFrom(lod.source->field(), 0.1), lod.settings,
        [&](const TileKey& k) -> const TileFacts* { return k.level == 0 ? root : nullptr; });
    ASSERT_EQ(sel.draw.size(), 1u);
    EXPECT_EQ(sel.draw[0], (TileKey{0, 0, 0}));
    EXPECT_EQ(sel.load.size(), lod.source->scheme().children({0, 0, 0}).size());
}

TEST(LodSelection, NothingIsLoadedBeforeTheRoot) {
    auto lod = fujiLod();
    const auto sel =
        selectTiles(lod.source->scheme(), viewFrom(lod.source->field(), 1), lod.settings,
                    [](const TileKey&) -> const TileFacts* { return nullptr; });
    EXPECT_TRUE(sel.draw.empty());
    ASSERT_EQ(sel.load.size(), 1u);
    EXPECT_EQ(sel.load[0].level, 0);
}

TEST(LodSelection, TilesOutsideTheFrustumAreNeitherDrawnNorRefined) {
    auto lod = fujiLod(33);
    FactsCache cache{*lod.source, {}, {}};
    LodView view = viewFrom(lod.source->field(), 0.05);
    const auto all = selectTiles(lod.source->scheme(), view, lod.settings, cache.fn());
    // Keep only what lies east of local x = 0 (a plane facing east through the origin).
    view.planes.push_back({1, 0, 0, 0});
    const auto east = selectTiles(lod.source->scheme(), view, lod.settings, cache.fn());
    EXPECT_LT(east.draw.size(), all.draw.size());
    for (const TileKey& k : east.draw)
        EXPECT_GE(lod.source->scheme().extent(k).xmax, lod.settings.originX) << k.toString();
}

TEST(LodSelection, EmptyTilesAreSkipped) {
    Heightfield f = flatField(65, 65, 5);
    auto src = HeightfieldTileSource::create(std::make_shared<Heightfield>(f), 33).value();
    TileFacts none{0, 1, 0};  // min > max: no data
    const auto sel = selectTiles(src->scheme(), LodView{}, {},
                                 [&](const TileKey&) -> const TileFacts* { return &none; });
    EXPECT_TRUE(sel.draw.empty());
    EXPECT_TRUE(sel.load.empty());
}

TEST(HeightfieldTileSource, RejectsAHeightfieldWithTheWrongNumberOfHeights) {
    Heightfield f = flatField(10, 10, 5);
    f.heights.pop_back();
    EXPECT_FALSE(HeightfieldTileSource::create(std::make_shared<Heightfield>(f)).ok());
    EXPECT_FALSE(HeightfieldTileSource::create(nullptr).ok());
}
