#include <cunjing/scene/BuildingBatches.h>

#include <cunjing/scene/SceneGraph.h>
#include <cunjing/scene/Shaders.h>

#include <meshoptimizer.h>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/LOD>
#include <osg/PagedLOD>

#include "Paging.h"
#include "TileGrid.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

namespace cunjing::scene {

namespace {

using detail::floorDiv;
using detail::halfDiagonal;
using detail::squareLod;

/// The partIds of a drawable's vertices, kept beside its GL arrays for picking.
class PartIds : public osg::Referenced {
public:
    explicit PartIds(std::vector<std::uint32_t> partIds) : ids(std::move(partIds)) {}
    std::vector<std::uint32_t> ids;
};

std::uint32_t partOf(const geo::Mesh& mesh, std::uint32_t vertex) {
    return vertex < mesh.partIds.size() ? mesh.partIds[vertex] : 0;
}

/// The triangles `triangles` (indices of triangles in `mesh`) as a mesh of their own, with only
/// the vertices they use.
geo::Mesh subMesh(const geo::Mesh& mesh, const std::vector<std::uint32_t>& triangles) {
    geo::Mesh out;
    std::unordered_map<std::uint32_t, std::uint32_t> remap;
    remap.reserve(triangles.size() * 2);
    const bool surfaces = mesh.surfaces.size() == mesh.positions.size();
    for (std::uint32_t t : triangles) {
        for (int k = 0; k < 3; ++k) {
            const std::uint32_t v = mesh.indices[std::size_t(t) * 3 + std::size_t(k)];
            auto [it, added] = remap.try_emplace(v, std::uint32_t(out.positions.size()));
            if (added) {
                out.positions.push_back(mesh.positions[v]);
                out.normals.push_back(mesh.normals[v]);
                out.colors.push_back(mesh.colors[v]);
                out.partIds.push_back(partOf(mesh, v));
                if (surfaces)
                    out.surfaces.push_back(mesh.surfaces[v]);
            }
            out.indices.push_back(it->second);
        }
    }
    return out;
}

/// The mesh as one drawable, its partIds kept beside it for picking (partAt).
osg::ref_ptr<osg::Geometry> partGeometry(geo::Mesh mesh) {
    osg::ref_ptr<osg::Geometry> g = meshGeometry(mesh);
    g->setUserData(new PartIds(std::move(mesh.partIds)));
    return g;
}

bool isGlossy(geo::Surface s) {
    return s == geo::Surface::Water || s == geo::Surface::Ceramic;
}

/// The state set of the drawables that shine (kGlossyDefine), one for all.
osg::StateSet* glossyState() {
    static const osg::ref_ptr<osg::StateSet> state = [] {
        osg::ref_ptr<osg::StateSet> ss = new osg::StateSet;
        ss->setDefine(kGlossyDefine);
        return ss;
    }();
    return state.get();
}

/// The mesh as a geode of partGeometry drawables: its matte faces in one, those of water and
/// glaze (kGlossyDefine) in another, so only the few pixels that shine pay for it; with
/// `cacheOrder`, the triangles in vertex-cache order (llvmpipe's vertex cache and a GPU's
/// post-transform cache both gain). One draw call, two where the mesh has glossy faces.
osg::ref_ptr<osg::Geode> partGeode(geo::Mesh mesh, bool cacheOrder) {
    std::vector<std::uint32_t> matte, glossy;
    const bool surfaces = mesh.surfaces.size() == mesh.positions.size();
    for (std::uint32_t t = 0; t < mesh.triangleCount(); ++t) {
        const bool shines = surfaces && isGlossy(mesh.surfaces[mesh.indices[std::size_t(t) * 3]]);
        (shines ? glossy : matte).push_back(t);
    }
    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    const auto add = [&](geo::Mesh part, osg::StateSet* state) {
        if (cacheOrder) {
            meshopt_optimizeVertexCache(part.indices.data(), part.indices.data(),
                                        part.indices.size(), part.positions.size());
        }
        osg::ref_ptr<osg::Geometry> g = partGeometry(std::move(part));
        g->setStateSet(state);
        geode->addDrawable(g);
    };
    if (glossy.empty()) {
        add(std::move(mesh), nullptr);
        return geode;
    }
    if (!matte.empty())
        add(subMesh(mesh, matte), nullptr);
    add(subMesh(mesh, glossy), glossyState());
    return geode;
}

/// A batch: partGeode in vertex-cache order.
osg::ref_ptr<osg::Geode> batchGeode(geo::Mesh mesh) {
    return partGeode(std::move(mesh), true);
}

struct Box {
    double minX = 1e300, minY = 1e300, maxX = -1e300, maxY = -1e300;
    void expand(double x, double y) {
        minX = std::min(minX, x), maxX = std::max(maxX, x);
        minY = std::min(minY, y), maxY = std::max(maxY, y);
    }
};

/// Triangles grouped by the tile a building stands in (its bounds' centre), so a building is
/// never cut between tiles; ground areas that span more than a tile go by each triangle's
/// centre.
std::map<std::pair<long, long>, std::vector<std::uint32_t>> trianglesByTile(const geo::Mesh& mesh,
                                                                            double tileM) {
    std::unordered_map<std::uint32_t, Box> parts;
    for (std::uint32_t v = 0; v < mesh.positions.size(); ++v)
        parts[partOf(mesh, v)].expand(mesh.positions[v].x, mesh.positions[v].y);
    std::map<std::pair<long, long>, std::vector<std::uint32_t>> tiles;
    const std::size_t count = mesh.triangleCount();
    for (std::uint32_t t = 0; t < count; ++t) {
        const std::uint32_t* tri = &mesh.indices[std::size_t(t) * 3];
        const Box& part = parts[partOf(mesh, tri[0])];
        double x = 0.5 * (part.minX + part.maxX), y = 0.5 * (part.minY + part.maxY);
        if (part.maxX - part.minX > tileM || part.maxY - part.minY > tileM) {
            x = (mesh.positions[tri[0]].x + mesh.positions[tri[1]].x + mesh.positions[tri[2]].x) /
                3;
            y = (mesh.positions[tri[0]].y + mesh.positions[tri[1]].y + mesh.positions[tri[2]].y) /
                3;
        }
        tiles[{long(std::floor(x / tileM)), long(std::floor(y / tileM))}].push_back(t);
    }
    return tiles;
}

geo::Vec3f faceNormal(const geo::Vec3f& a, const geo::Vec3f& b, const geo::Vec3f& c) {
    const geo::Vec3f u{b.x - a.x, b.y - a.y, b.z - a.z}, v{c.x - a.x, c.y - a.y, c.z - a.z};
    const geo::Vec3f n{u.y * v.z - u.z * v.y, u.z * v.x - u.x * v.z, u.x * v.y - u.y * v.x};
    const float len = std::sqrt(n.x * n.x + n.y * n.y + n.z * n.z);
    return len > 0 ? geo::Vec3f{n.x / len, n.y / len, n.z / len} : geo::Vec3f{0, 0, 0};
}

/// Whether triangle t of `mesh`, clustered to (a, b, c) of `out`, now faces more than 60
/// degrees away from where it faced.
bool turned(const geo::Mesh& mesh, std::size_t t, const geo::Mesh& out, std::uint32_t a,
            std::uint32_t b, std::uint32_t c) {
    const geo::Vec3f before =
        faceNormal(mesh.positions[mesh.indices[t]], mesh.positions[mesh.indices[t + 1]],
                   mesh.positions[mesh.indices[t + 2]]);
    const geo::Vec3f after = faceNormal(out.positions[a], out.positions[b], out.positions[c]);
    return before.x * after.x + before.y * after.y + before.z * after.z < 0.5f;
}

/// The mesh with only the vertices its triangles use (clustering leaves those of dropped
/// triangles behind: most of a coarse massing's).
geo::Mesh withoutUnusedVertices(geo::Mesh mesh) {
    constexpr std::uint32_t kUnused = std::numeric_limits<std::uint32_t>::max();
    std::vector<std::uint32_t> remap(mesh.positions.size(), kUnused);
    std::uint32_t next = 0;
    for (std::uint32_t& i : mesh.indices) {
        if (remap[i] == kUnused)
            remap[i] = next++;
        i = remap[i];
    }
    const auto compact = [&](auto& values) {
        if (values.size() != remap.size())
            return;
        std::remove_reference_t<decltype(values)> kept(next);
        for (std::size_t v = 0; v < remap.size(); ++v)
            if (remap[v] != kUnused)
                kept[remap[v]] = values[v];
        values = std::move(kept);
    };
    compact(mesh.positions);
    compact(mesh.normals);
    compact(mesh.colors);
    compact(mesh.partIds);
    compact(mesh.surfaces);
    return mesh;
}

}  // namespace

geo::Mesh clusterMesh(const geo::Mesh& mesh, double cellM) {
    // Hand-written rather than meshoptimizer: Debian 12's meshoptimizer 0.18 has no
    // attribute-aware simplifier (meshopt_simplifyWithAttributes arrived in 0.20), its edge
    // collapse cannot cross the seams of flat-shaded faces (every edge of a building is one),
    // and its sloppy simplifier clusters by position alone, painting walls with roof colours.
    struct Cell {
        double x = 0, y = 0, z = 0;
        int count = 0;
    };
    auto cellKey = [cellM](const geo::Vec3f& p) {
        const auto q = [cellM](float v) { return std::int64_t(std::floor(double(v) / cellM)); };
        // 21 bits an axis: +-1M cells, past any county at a metre a cell.
        return (q(p.x) & 0x1FFFFF) | ((q(p.y) & 0x1FFFFF) << 21) | ((q(p.z) & 0x1FFFFF) << 42);
    };
    // Positions: every vertex in a cell moves to the mean of all the cell's vertices, whatever
    // their part or facing, so faces that met still meet (no cracks between wall and roof).
    std::unordered_map<std::int64_t, Cell> cells;
    cells.reserve(mesh.positions.size() / 2);
    for (const geo::Vec3f& p : mesh.positions) {
        Cell& c = cells[cellKey(p)];
        c.x += p.x, c.y += p.y, c.z += p.z;
        ++c.count;
    }
    // Vertices: one per cell, part, surface, colour and facing.
    struct VertexKey {
        std::int64_t cell;
        std::uint32_t part, colour;
        std::uint32_t facing;  // surface and normal bucket
        bool operator==(const VertexKey&) const = default;
    };
    struct VertexKeyHash {
        std::size_t operator()(const VertexKey& k) const {
            std::uint64_t h = std::uint64_t(k.cell) * 0x9E3779B97F4A7C15ull;
            h ^= (std::uint64_t(k.part) << 32 | k.colour) + 0x632BE59BD9B4E019ull + (h << 6);
            h ^= std::uint64_t(k.facing) + (h >> 2);
            return std::size_t(h);
        }
    };
    const auto channel = [](float v) {
        return std::uint32_t(std::clamp(int(std::lround(v * 255.0f)), 0, 255));
    };
    // Normal components rounded to halves: buckets about 30 degrees apart.
    const auto bucket = [](float v) {
        return std::uint32_t(std::clamp(int(std::lround(v * 2.0f)) + 2, 0, 4));
    };
    const bool surfaces = mesh.surfaces.size() == mesh.positions.size();
    geo::Mesh out;
    std::unordered_map<VertexKey, std::uint32_t, VertexKeyHash> vertices;
    std::vector<std::uint32_t> remap(mesh.positions.size());
    std::vector<geo::Vec3f> normalSums;
    for (std::uint32_t v = 0; v < mesh.positions.size(); ++v) {
        const geo::Vec3f& n = mesh.normals[v];
        const geo::Rgba& c = mesh.colors[v];
        const std::uint32_t surface = surfaces ? std::uint32_t(mesh.surfaces[v]) : 0;
        const std::int64_t cell = cellKey(mesh.positions[v]);
        const VertexKey key{
            cell, partOf(mesh, v),
            channel(c.r) | channel(c.g) << 8 | channel(c.b) << 16 | channel(c.a) << 24,
            surface << 8 | bucket(n.x) | bucket(n.y) << 3 | bucket(n.z) << 6};
        auto [it, added] = vertices.try_emplace(key, std::uint32_t(out.positions.size()));
        if (added) {
            const Cell& mean = cells[cell];
            out.positions.push_back({float(mean.x / mean.count), float(mean.y / mean.count),
                                     float(mean.z / mean.count)});
            out.colors.push_back(c);
            out.partIds.push_back(key.part);
            if (surfaces)
                out.surfaces.push_back(mesh.surfaces[v]);
            normalSums.push_back({0, 0, 0});
        }
        geo::Vec3f& sum = normalSums[it->second];
        sum = {sum.x + n.x, sum.y + n.y, sum.z + n.z};
        remap[v] = it->second;
    }
    for (const geo::Vec3f& s : normalSums) {
        const float len = std::sqrt(s.x * s.x + s.y * s.y + s.z * s.z);
        out.normals.push_back(len > 0 ? geo::Vec3f{s.x / len, s.y / len, s.z / len}
                                      : geo::Vec3f{0, 0, 1});
    }
    for (std::size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
        const std::uint32_t a = remap[mesh.indices[t]], b = remap[mesh.indices[t + 1]],
                            c = remap[mesh.indices[t + 2]];
        // A triangle two of whose corners share a cell has collapsed (to a point or a line).
        const auto same = [&](std::uint32_t p, std::uint32_t q) {
            return out.positions[p].x == out.positions[q].x &&
                   out.positions[p].y == out.positions[q].y &&
                   out.positions[p].z == out.positions[q].z;
        };
        if (same(a, b) || same(b, c) || same(a, c))
            continue;
        // A face the clustering turned (a wall's foot pulled up to the eave's cell) would show
        // a dark wall where a roof was: dropped, as one that collapsed.
        if (turned(mesh, t, out, a, b, c))
            continue;
        out.indices.insert(out.indices.end(), {a, b, c});
    }
    return withoutUnusedVertices(std::move(out));
}

namespace {

/// Where a tile's levels switch, measured from the tile's centre (its edge's distances plus
/// half its diagonal).
struct TileRanges {
    float fullTo = 0, massingTo = 0;
};

TileRanges tileRanges(const BuildingLodOptions& o) {
    return {float(o.fullDetailM) + halfDiagonal(o.tileM),
            float(std::max(o.massingM, o.fullDetailM)) + halfDiagonal(o.tileM)};
}

double middleZ(const geo::Mesh& mesh) {
    const geo::Bounds b = geo::boundsOf(mesh);
    return 0.5 * (b.min.z + b.max.z);
}

/// A tile's near levels: full detail, then the fine massing.
void addNearLevels(osg::LOD& lod, const geo::Mesh& full, const BuildingLodOptions& o) {
    const TileRanges r = tileRanges(o);
    lod.addChild(batchGeode(full), 0.0f, r.fullTo);
    lod.addChild(batchGeode(clusterMesh(full, o.massingCellM)), r.fullTo, r.massingTo);
}

/// A tile's node (an LOD whose coarsest level is `coarse`) with its coarse massing, for its
/// group's far level.
struct TileNode {
    osg::ref_ptr<osg::LOD> node;
    geo::Mesh coarse;
    double z = 0;
};

using Key = std::pair<long, long>;

/// Tiles by group, each group an LOD: its tiles nearer than groupM, one draw call beyond of
/// all their coarse massings appended and clustered again at groupCellM (at two kilometres a
/// 6 m cell is a pixel or two).
osg::ref_ptr<osg::Node> groupedTiles(std::map<Key, std::vector<TileNode>> groups,
                                     const BuildingLodOptions& o) {
    osg::ref_ptr<osg::Group> root = new osg::Group;
    const double groupM = o.tileM * o.tilesPerGroup;
    for (auto& [group, members] : groups) {
        osg::ref_ptr<osg::Group> near = new osg::Group;
        geo::Mesh groupCoarse;
        double zSum = 0;
        for (TileNode& tile : members) {
            near->addChild(tile.node);
            groupCoarse.append(tile.coarse);
            zSum += tile.z;
        }
        osg::ref_ptr<osg::LOD> lod =
            squareLod(double(group.first) * groupM, double(group.second) * groupM, groupM,
                      zSum / double(members.size()));
        const float switchAt = float(o.groupM) + halfDiagonal(groupM);
        lod->addChild(near, 0.0f, switchAt);
        lod->addChild(batchGeode(clusterMesh(groupCoarse, o.groupCellM)), switchAt,
                      float(o.farM) + halfDiagonal(groupM));
        lod->setName("building-group");
        root->addChild(lod);
    }
    return root;
}

Key groupOf(const Key& tile, const BuildingLodOptions& o) {
    return {floorDiv(tile.first, o.tilesPerGroup), floorDiv(tile.second, o.tilesPerGroup)};
}

}  // namespace

osg::ref_ptr<osg::Node> batchedBuildings(const geo::Mesh& mesh, const BuildingLodOptions& o) {
    if (mesh.empty())
        return new osg::Group;
    const TileRanges r = tileRanges(o);
    std::map<Key, std::vector<TileNode>> groups;
    for (const auto& [tile, triangles] : trianglesByTile(mesh, o.tileM)) {
        const geo::Mesh full = subMesh(mesh, triangles);
        TileNode t;
        t.z = middleZ(full);
        t.node =
            squareLod(double(tile.first) * o.tileM, double(tile.second) * o.tileM, o.tileM, t.z);
        addNearLevels(*t.node, full, o);
        t.coarse = clusterMesh(full, o.coarseCellM);
        t.node->addChild(batchGeode(t.coarse), r.massingTo, 1e30f);
        t.node->setName("building-tile");
        groups[groupOf(tile, o)].push_back(std::move(t));
    }
    return groupedTiles(std::move(groups), o);
}

std::pair<long, long> BuildingTiles::tileOf(const geo::Bounds& b) const {
    return {long(std::floor(0.5 * (b.min.x + b.max.x) / lod.tileM)),
            long(std::floor(0.5 * (b.min.y + b.max.y) / lod.tileM))};
}

osg::ref_ptr<osg::Node> pagedBuildings(std::shared_ptr<const BuildingTiles> tiles) {
    const BuildingLodOptions& o = tiles->lod;
    const TileRanges r = tileRanges(o);
    // The near levels, made on the pager's thread from the buildings' recipes.
    osg::ref_ptr<detail::TileMaker> maker = new detail::TileMaker(
        "cunjing-buildings", [tiles](long x, long y) -> osg::ref_ptr<osg::Node> {
            const auto it = tiles->tiles.find({x, y});
            if (it == tiles->tiles.end())
                return nullptr;
            geo::Mesh full;
            for (std::uint32_t id : it->second.ids)
                full.append(tiles->make(id));
            const BuildingLodOptions& lod = tiles->lod;
            osg::ref_ptr<osg::LOD> near =
                squareLod(double(x) * lod.tileM, double(y) * lod.tileM, lod.tileM, middleZ(full));
            addNearLevels(*near, full, lod);
            near->setName("building-tile-near");
            return near;
        });
    osg::ref_ptr<osgDB::Options> options = maker->options();
    std::map<Key, std::vector<TileNode>> groups;
    for (const auto& [tile, content] : tiles->tiles) {
        TileNode t;
        t.coarse = content.coarse;
        t.z = middleZ(t.coarse);
        osg::ref_ptr<osg::PagedLOD> lod = new osg::PagedLOD;
        lod->setCenterMode(osg::LOD::USER_DEFINED_CENTER);
        lod->setCenter(osg::Vec3(float((double(tile.first) + 0.5) * o.tileM),
                                 float((double(tile.second) + 0.5) * o.tileM), float(t.z)));
        // Child 0 stays (no file name, never expired); child 1 is paged in within the massing
        // range, the coarse massing standing in until it is.
        lod->addChild(batchGeode(t.coarse), r.massingTo, 1e30f);
        lod->setFileName(1, maker->fileName(tile.first, tile.second));
        lod->setRange(1, 0.0f, r.massingTo);
        lod->setDatabaseOptions(options.get());
        lod->setName("building-tile");
        t.node = lod;
        groups[groupOf(tile, o)].push_back(std::move(t));
    }
    return groupedTiles(std::move(groups), o);
}

osg::ref_ptr<osg::Node> naiveBuildings(const geo::Mesh& mesh) {
    osg::ref_ptr<osg::Group> root = new osg::Group;
    std::map<std::uint32_t, std::vector<std::uint32_t>> parts;
    for (std::uint32_t t = 0; t < mesh.triangleCount(); ++t)
        parts[partOf(mesh, mesh.indices[std::size_t(t) * 3])].push_back(t);
    for (const auto& [part, triangles] : parts)
        root->addChild(partGeode(subMesh(mesh, triangles), false));
    return root;
}

std::optional<std::uint32_t> partAt(const osg::Drawable* drawable, unsigned vertex) {
    const auto* ids = drawable ? dynamic_cast<const PartIds*>(drawable->getUserData()) : nullptr;
    if (!ids || vertex >= ids->ids.size())
        return std::nullopt;
    return ids->ids[vertex];
}

}  // namespace cunjing::scene
