#include <cunjing/scene/LodTerrain.h>

#include <cunjing/scene/Shaders.h>

#include <cunjing/terrain/Pyramid.h>

#include <osg/Geode>
#include <osg/Geometry>
#include <osg/Notify>
#include <osg/Texture2D>
#include <osg/observer_ptr>
#include <osgDB/ReadFile>
#include <osgUtil/CullVisitor>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace cunjing::scene {

using terrain::TileData;
using terrain::TileKey;
using terrain::TileKeyHash;

namespace {

/// A tile ready to draw.
struct Tile {
    std::shared_ptr<const TileData> data;
    osg::ref_ptr<osg::Node> node;
    terrain::TileFacts facts;
    std::size_t triangles = 0;
    unsigned lastUsed = 0;
};

/// A finished load: the tile, or why not.
struct Loaded {
    TileKey key;
    std::shared_ptr<Tile> tile;
    std::optional<Error> error;
};

/// A texture of a pyramid imagery file (every tile a file holds shares it).
osg::ref_ptr<osg::Texture2D> imageryTexture(const std::filesystem::path& path) {
    osg::ref_ptr<osg::Image> image = osgDB::readImageFile(path.string());
    if (!image || !image->valid())
        return nullptr;  // the procedural ground shows through
    osg::ref_ptr<osg::Texture2D> texture = new osg::Texture2D(image);
    texture->setFilter(osg::Texture::MIN_FILTER, osg::Texture::LINEAR_MIPMAP_LINEAR);
    texture->setFilter(osg::Texture::MAG_FILTER, osg::Texture::LINEAR);
    texture->setWrap(osg::Texture::WRAP_S, osg::Texture::CLAMP_TO_EDGE);
    texture->setWrap(osg::Texture::WRAP_T, osg::Texture::CLAMP_TO_EDGE);
    texture->setResizeNonPowerOfTwoHint(false);
    return texture;
}

/// The imagery of a pyramid tile, for the terrain shader (see addTerrainImagery).
void addTileImagery(osg::StateSet* ss, osg::Texture2D* texture,
                    const terrain::PyramidTileSource::ImageryRef& ref, const LodTerrainOptions& o) {
    ss->setTextureAttribute(0, texture);
    ss->setDefine(kImageryDefine);
    ss->addUniform(new osg::Uniform("imagery", 0));
    ss->addUniform(new osg::Uniform("imageryRect",
                                    osg::Vec4(float(ref.x0 - o.originX), float(ref.y0 - o.originY),
                                              float(1.0 / ref.width), float(1.0 / ref.height))));
}

/// One drawable for a tile mesh: positions and normals only (the terrain shader colours it).
osg::ref_ptr<osg::Node> tileNode(const geo::Mesh& mesh, const TileKey& key) {
    osg::ref_ptr<osg::Geometry> g = new osg::Geometry;
    g->setUseVertexBufferObjects(true);
    g->setUseDisplayList(false);
    osg::ref_ptr<osg::Vec3Array> v = new osg::Vec3Array(mesh.positions.size());
    osg::ref_ptr<osg::Vec3Array> n = new osg::Vec3Array(mesh.normals.size());
    for (std::size_t i = 0; i < mesh.positions.size(); ++i) {
        const auto& p = mesh.positions[i];
        const auto& q = mesh.normals[i];
        (*v)[i].set(p.x, p.y, p.z);
        (*n)[i].set(q.x, q.y, q.z);
    }
    g->setVertexArray(v);
    g->setNormalArray(n, osg::Array::BIND_PER_VERTEX);
    if (mesh.positions.size() < 65536) {
        osg::ref_ptr<osg::DrawElementsUShort> tris = new osg::DrawElementsUShort(GL_TRIANGLES);
        tris->reserve(mesh.indices.size());
        for (std::uint32_t i : mesh.indices)
            tris->push_back(static_cast<GLushort>(i));
        g->addPrimitiveSet(tris);
    } else {
        g->addPrimitiveSet(
            new osg::DrawElementsUInt(GL_TRIANGLES, mesh.indices.begin(), mesh.indices.end()));
    }
    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    geode->addDrawable(g);
    geode->setName("terrain tile " + key.toString());
    return geode;
}

}  // namespace

struct LodTerrain::Impl {
    std::shared_ptr<const terrain::TileSource> source;
    const terrain::PyramidTileSource* pyramid = nullptr;
    LodTerrainOptions options;
    bool blocking = false;

    // Cull thread(s): the cache and what was drawn.
    mutable std::mutex cullMutex;
    std::unordered_map<TileKey, std::shared_ptr<Tile>, TileKeyHash> tiles;
    std::unordered_map<TileKey, Error, TileKeyHash> failed;
    std::vector<osg::ref_ptr<osg::Node>> drawn;
    FrameStats stats;
    unsigned frame = 0;

    // Workers.
    std::mutex jobMutex;
    std::condition_variable jobReady, jobDone;
    std::deque<std::pair<TileKey, std::vector<std::shared_ptr<const TileData>>>> queue;
    std::unordered_set<TileKey, TileKeyHash> inFlight;  ///< queued, being built or done
    std::unordered_set<TileKey, TileKeyHash> running;   ///< being built
    std::vector<Loaded> done;
    bool quit = false;
    std::vector<std::thread> workers;

    ~Impl() {
        {
            std::lock_guard<std::mutex> lock(jobMutex);
            quit = true;
        }
        jobReady.notify_all();
        for (auto& w : workers)
            w.join();
    }

    void startWorkers() {
        int n = options.threads;
        if (n <= 0)
            n = std::clamp(int(std::thread::hardware_concurrency()) - 1, 1, 4);
        for (int i = 0; i < n; ++i)
            workers.emplace_back([this] { work(); });
    }

    void work() {
        std::unique_lock<std::mutex> lock(jobMutex);
        for (;;) {
            jobReady.wait(lock, [&] { return quit || !queue.empty(); });
            if (quit)
                return;
            auto job = std::move(queue.front());
            queue.pop_front();
            running.insert(job.first);
            lock.unlock();
            Loaded l = build(job.first, job.second);
            lock.lock();
            running.erase(job.first);
            done.push_back(std::move(l));
            jobDone.notify_all();
        }
    }

    /// Loads a tile and makes its node (any thread).
    Loaded build(const TileKey& key, const std::vector<std::shared_ptr<const TileData>>& up) const {
        Loaded out{key, nullptr, std::nullopt};
        auto data = source->loadTile(key);
        if (!data) {
            out.error = data.errors().front();
            if (out.error->where.empty())
                out.error->where = "tile " + key.toString();
            return out;
        }
        auto tile = std::make_shared<Tile>();
        tile->data = std::make_shared<const TileData>(std::move(data.value()));
        const TileData& t = *tile->data;
        tile->facts = {t.geometricError, t.minHeight, t.maxHeight};
        std::vector<const TileData*> ancestors;
        for (const auto& a : up)
            ancestors.push_back(a.get());
        const terrain::TileScheme& s = source->scheme();
        const geo::Mesh mesh =
            terrain::tileMesh(s, t, terrain::skirtDepths(s, t, ancestors),
                              {options.originX, options.originY, options.exaggeration, true});
        tile->triangles = mesh.triangleCount();
        tile->node = tileNode(mesh, key);
        if (pyramid) {
            if (auto ref = pyramid->imageryFor(key)) {
                if (osg::ref_ptr<osg::Texture2D> texture = textureFor(pyramid->fileOf(key), *ref))
                    addTileImagery(tile->node->getOrCreateStateSet(), texture, *ref, options);
            }
        }
        return out.tile = std::move(tile), out;
    }

    /// One texture per imagery file, shared by the tiles it covers while any of them lives.
    mutable std::mutex textureMutex;
    mutable std::map<TileKey, osg::observer_ptr<osg::Texture2D>> textures;

    osg::ref_ptr<osg::Texture2D> textureFor(
        const TileKey& file, const terrain::PyramidTileSource::ImageryRef& ref) const {
        {
            std::lock_guard<std::mutex> lock(textureMutex);
            osg::ref_ptr<osg::Texture2D> alive;
            auto it = textures.find(file);
            if (it != textures.end() && it->second.lock(alive))
                return alive;
        }
        osg::ref_ptr<osg::Texture2D> texture = imageryTexture(ref.path);
        std::lock_guard<std::mutex> lock(textureMutex);
        for (auto it = textures.begin(); it != textures.end();) {
            osg::ref_ptr<osg::Texture2D> alive;
            it = it->second.lock(alive) ? std::next(it) : textures.erase(it);
        }
        if (texture)
            textures[file] = texture;
        return texture;
    }

    /// The ancestors' data a tile's skirts are measured against (they are in the cache: a
    /// tile is only asked for once its parent is drawn).
    std::vector<std::shared_ptr<const TileData>> ancestorsOf(const TileKey& key) const {
        std::vector<std::shared_ptr<const TileData>> up;
        for (TileKey a = key; a.level > 0;) {
            a = a.parent();
            auto it = tiles.find(a);
            if (it != tiles.end())
                up.push_back(it->second->data);
        }
        return up;
    }

    /// Queues tiles (most wanted first), replacing what earlier frames queued and no longer
    /// started. Returns how many of `keys` are on their way.
    std::size_t request(const std::vector<TileKey>& keys) {
        std::lock_guard<std::mutex> lock(jobMutex);
        for (const auto& job : queue)
            inFlight.erase(job.first);
        queue.clear();
        std::size_t n = 0;
        for (const TileKey& k : keys) {
            if (tiles.count(k) || failed.count(k))
                continue;
            ++n;
            if (inFlight.insert(k).second)
                queue.emplace_back(k, ancestorsOf(k));
        }
        jobReady.notify_all();
        return n;
    }

    /// Moves finished loads into the cache.
    void collect() {
        std::vector<Loaded> finished;
        {
            std::lock_guard<std::mutex> lock(jobMutex);
            finished.swap(done);
            for (const Loaded& l : finished)
                inFlight.erase(l.key);
        }
        for (Loaded& l : finished) {
            if (l.tile) {
                l.tile->lastUsed = frame;
                tiles[l.key] = std::move(l.tile);
            } else if (failed.emplace(l.key, *l.error).second) {
                OSG_WARN << "cunjing: terrain " << l.error->toString()
                         << " (drawing the coarser tile instead)" << std::endl;
            }
        }
    }

    /// Waits until none of `keys` is queued or being built.
    void waitFor(const std::vector<TileKey>& keys) {
        std::unique_lock<std::mutex> lock(jobMutex);
        jobDone.wait(lock, [&] {
            return workers.empty() || std::none_of(keys.begin(), keys.end(), [&](const TileKey& k) {
                       return running.count(k) > 0 ||
                              std::any_of(queue.begin(), queue.end(),
                                          [&](const auto& job) { return job.first == k; });
                   });
        });
    }

    terrain::LodSelection select(const terrain::LodView& view) {
        terrain::LodSettings settings{options.maxPixelError, options.exaggeration, options.originX,
                                      options.originY};
        return terrain::selectTiles(source->scheme(), view, settings,
                                    [this](const TileKey& k) -> const terrain::TileFacts* {
                                        auto it = tiles.find(k);
                                        if (it == tiles.end())
                                            return nullptr;
                                        it->second->lastUsed = frame;
                                        return &it->second->facts;
                                    });
    }

    /// Loads every tile the view needs, level by level, until the selection is complete.
    terrain::LodSelection selectLoaded(const terrain::LodView& view) {
        for (;;) {
            collect();
            terrain::LodSelection sel = select(view);
            std::vector<TileKey> wanted;
            for (const TileKey& k : sel.load) {
                if (!failed.count(k))
                    wanted.push_back(k);
            }
            if (wanted.empty())
                return sel;
            request(wanted);
            waitFor(wanted);
        }
    }

    /// Drops the least recently used tiles beyond the cache size (never one used this frame).
    void evict() {
        if (tiles.size() <= options.cacheTiles)
            return;
        std::vector<std::pair<unsigned, TileKey>> old;
        for (const auto& [k, t] : tiles) {
            if (t->lastUsed != frame && k.level > 0)
                old.emplace_back(t->lastUsed, k);
        }
        std::sort(old.begin(), old.end());
        for (std::size_t i = 0; i < old.size() && tiles.size() > options.cacheTiles; ++i)
            tiles.erase(old[i].second);
    }
};

LodTerrain::LodTerrain(std::shared_ptr<const terrain::TileSource> source,
                       const LodTerrainOptions& options)
    : impl_(std::make_unique<Impl>()) {
    impl_->source = std::move(source);
    impl_->pyramid = dynamic_cast<const terrain::PyramidTileSource*>(impl_->source.get());
    impl_->options = options;
    impl_->options.cacheTiles = std::max<std::size_t>(options.cacheTiles, 16);
    // The root gives the bounds (and the first frame something to draw).
    Loaded root = impl_->build({0, 0, 0}, {});
    if (root.tile)
        impl_->tiles[{0, 0, 0}] = std::move(root.tile);
    else
        impl_->failed.emplace(TileKey{0, 0, 0}, *root.error);
    impl_->startWorkers();
    setName("terrain");
}

LodTerrain::~LodTerrain() = default;

void LodTerrain::setBlocking(bool blocking) {
    std::lock_guard<std::mutex> lock(impl_->cullMutex);
    impl_->blocking = blocking;
}

bool LodTerrain::blocking() const {
    std::lock_guard<std::mutex> lock(impl_->cullMutex);
    return impl_->blocking;
}

void LodTerrain::ensureLoaded(const terrain::LodView& view) {
    std::lock_guard<std::mutex> lock(impl_->cullMutex);
    impl_->selectLoaded(view);
}

osg::BoundingSphere LodTerrain::computeBound() const {
    std::lock_guard<std::mutex> lock(impl_->cullMutex);
    const terrain::Extent e = impl_->source->scheme().dataExtent();
    const LodTerrainOptions& o = impl_->options;
    double lo = 0, hi = 0;
    auto root = impl_->tiles.find({0, 0, 0});
    if (root != impl_->tiles.end() && !root->second->data->empty()) {
        lo = root->second->facts.minHeight * o.exaggeration;
        hi = root->second->facts.maxHeight * o.exaggeration;
    }
    osg::BoundingBox box(float(e.xmin - o.originX), float(e.ymin - o.originY), float(lo),
                         float(e.xmax - o.originX), float(e.ymax - o.originY), float(hi));
    return osg::BoundingSphere(box);
}

namespace {

/// The LOD view of the camera a cull visitor is culling for, in the node's local frame.
terrain::LodView viewOf(osgUtil::CullVisitor& cv) {
    terrain::LodView view;
    const osg::Vec3 eye = cv.getEyeLocal();
    view.eye = {eye.x(), eye.y(), eye.z()};
    const osg::Viewport* vp = cv.getViewport();
    view.viewportHeightPx = vp ? vp->height() : 720.0;
    const osg::RefMatrix* p = cv.getProjectionMatrix();
    // Perspective: p(1,1) = 1 / tan(fovy / 2). Anything else gets a moderate 30 degrees.
    const double f = p ? (*p)(1, 1) : 0.0;
    view.fovYDeg = (p && (*p)(3, 3) == 0.0 && f > 0)
                       ? 2.0 * std::atan(1.0 / f) * 180.0 / 3.14159265358979
                       : 30.0;
    for (const osg::Plane& plane : cv.getCurrentCullingSet().getFrustum().getPlaneList())
        view.planes.push_back({plane[0], plane[1], plane[2], plane[3]});
    return view;
}

}  // namespace

void LodTerrain::traverse(osg::NodeVisitor& nv) {
    Impl& d = *impl_;
    auto* cv = nv.getVisitorType() == osg::NodeVisitor::CULL_VISITOR
                   ? dynamic_cast<osgUtil::CullVisitor*>(&nv)
                   : nullptr;
    std::vector<osg::ref_ptr<osg::Node>> nodes;
    if (!cv) {
        // Intersections and other visitors see what was drawn last.
        {
            std::lock_guard<std::mutex> lock(d.cullMutex);
            nodes = d.drawn;
        }
        for (auto& n : nodes)
            n->accept(nv);
        return;
    }
    {
        std::lock_guard<std::mutex> lock(d.cullMutex);
        ++d.frame;
        const terrain::LodView view = viewOf(*cv);
        terrain::LodSelection sel;
        if (d.blocking) {
            sel = d.selectLoaded(view);
        } else {
            d.collect();
            sel = d.select(view);
            std::vector<TileKey> wanted;
            for (const TileKey& k : sel.load) {
                if (!d.failed.count(k))
                    wanted.push_back(k);
            }
            d.stats.pending = d.request(wanted);
        }
        FrameStats stats;
        stats.pending = d.blocking ? 0 : d.stats.pending;
        d.drawn.clear();
        for (const TileKey& k : sel.draw) {
            const auto& t = d.tiles.at(k);
            d.drawn.push_back(t->node);
            stats.triangles += t->triangles;
            stats.deepestLevel = std::max(stats.deepestLevel, k.level);
        }
        stats.tiles = sel.draw.size();
        d.evict();
        stats.cached = d.tiles.size();
        d.stats = stats;
        nodes = d.drawn;
    }
    for (auto& n : nodes)
        n->accept(nv);
}

LodTerrain::FrameStats LodTerrain::lastFrame() const {
    std::lock_guard<std::mutex> lock(impl_->cullMutex);
    return impl_->stats;
}

std::vector<Error> LodTerrain::errors() const {
    std::lock_guard<std::mutex> lock(impl_->cullMutex);
    std::vector<Error> out;
    for (const auto& [k, e] : impl_->failed)
        out.push_back(e);
    return out;
}

const terrain::TileSource& LodTerrain::source() const {
    return *impl_->source;
}

const LodTerrainOptions& LodTerrain::options() const {
    return impl_->options;
}

osg::ref_ptr<LodTerrain> lodTerrainFor(const SceneData& data) {
    if (!data.terrain || !data.description.terrain)
        return nullptr;
    std::shared_ptr<const terrain::TileSource> source = data.terrainTiles;
    if (!source) {
        auto tiled = terrain::HeightfieldTileSource::create(
            std::make_shared<const terrain::Heightfield>(*data.terrain));
        if (!tiled)
            return nullptr;
        source = tiled.value();
    }
    LodTerrainOptions o;
    o.maxPixelError = data.description.terrain->maxPixelError;
    o.exaggeration = data.exaggeration();
    o.originX = data.originX;
    o.originY = data.originY;
    return new LodTerrain(std::move(source), o);
}

namespace {

class FindLodTerrains : public osg::NodeVisitor {
public:
    FindLodTerrains() : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN) {}
    void apply(osg::Node& node) override {
        if (auto* t = dynamic_cast<LodTerrain*>(&node)) {
            found.push_back(t);
            return;  // its children are tiles
        }
        traverse(node);
    }
    std::vector<LodTerrain*> found;
};

}  // namespace

std::vector<LodTerrain*> findLodTerrains(osg::Node* root) {
    if (!root)
        return {};
    FindLodTerrains finder;
    root->accept(finder);
    return finder.found;
}

void setTerrainBlocking(osg::Node* root, bool blocking) {
    for (LodTerrain* t : findLodTerrains(root))
        t->setBlocking(blocking);
}

}  // namespace cunjing::scene
