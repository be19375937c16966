#include <cunjing/scene/ZoneLayer.h>

#include <cunjing/scene/SceneGraph.h>
#include <cunjing/scene/Shaders.h>

#include <osg/BlendFunc>
#include <osg/Depth>
#include <osg/PolygonOffset>

#include <algorithm>
#include <cmath>

namespace cunjing::scene {

namespace {

using Point = std::array<double, 2>;

/// Unit normal to the left of the segment a -> b.
Point leftNormal(const Point& a, const Point& b) {
    const double dx = b[0] - a[0], dy = b[1] - a[1];
    const double len = std::hypot(dx, dy);
    return {-dy / len, dx / len};
}

/// Offset direction at each sampled point, scaled so the band keeps its width around corners
/// (a miter), capped at sharp spikes where a miter would shoot far past the corner.
std::vector<Point> miters(const std::vector<Point>& p) {
    const std::size_t n = p.size();
    std::vector<Point> out(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Point before = leftNormal(p[(i + n - 1) % n], p[i]);
        const Point after = leftNormal(p[i], p[(i + 1) % n]);
        Point m{before[0] + after[0], before[1] + after[1]};
        const double len = std::hypot(m[0], m[1]);
        if (len < 1e-9) {  // the ring turns straight back: offset across the outgoing edge
            out[i] = after;
            continue;
        }
        m = {m[0] / len, m[1] / len};
        const double scale = 1.0 / std::max(m[0] * after[0] + m[1] * after[1], 0.3);
        out[i] = {m[0] * scale, m[1] * scale};
    }
    return out;
}

/// Outlines drawn at the ground: the zone's rings, sampled, with fewer than 3 points dropped.
std::vector<std::vector<Point>> sampledRings(const SceneData& data, const SceneZone& zone,
                                             const ZoneLayerOptions& options) {
    const double step = zoneSampleStep(data);
    std::vector<std::vector<Point>> out;
    for (const auto& ring : zone.rings) {
        double perimeter = 0;
        for (std::size_t i = 0; i < ring.size(); ++i) {
            const Point& a = ring[i];
            const Point& b = ring[(i + 1) % ring.size()];
            perimeter += std::hypot(b[0] - a[0], b[1] - a[1]);
        }
        const double ringStep =
            std::max(step, perimeter / double(std::max(options.maxRingSamples, 3)));
        std::vector<Point> sampled = sampleRing(ring, ringStep);
        if (sampled.size() >= 3)
            out.push_back(std::move(sampled));
    }
    return out;
}

void addVertex(geo::Mesh& mesh, double x, double y, double z, const geo::Rgba& color) {
    mesh.positions.push_back({float(x), float(y), float(z)});
    // Facing up whatever the face: the lit shader then gives every piece of an outline the
    // same shade, so its colour names the zone kind from any side.
    mesh.normals.push_back({0, 0, 1});
    mesh.colors.push_back(color);
}

/// Two triangles joining vertex pair k (k, k + 1) to pair j (j, j + 1).
void addQuad(geo::Mesh& mesh, std::uint32_t k, std::uint32_t j) {
    mesh.indices.insert(mesh.indices.end(), {k, k + 1, j + 1, k, j + 1, j});
}

/// True when the box of the zone's outer ring overlaps the terrain (or there is no terrain).
bool onTerrain(const SceneData& data, const SceneZone& zone) {
    if (!data.terrain)
        return true;
    if (zone.rings.empty() || zone.rings.front().empty())
        return false;
    const auto& t = *data.terrain;
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    for (const Point& p : zone.rings.front()) {
        x0 = std::min(x0, p[0] + data.originX);
        x1 = std::max(x1, p[0] + data.originX);
        y0 = std::min(y0, p[1] + data.originY);
        y1 = std::max(y1, p[1] + data.originY);
    }
    return x1 >= t.x0 && x0 <= t.xMax() && y1 >= t.y0 && y0 <= t.yMax();
}

}  // namespace

geo::Rgba zoneColor(heritage::ZoneKind kind) {
    switch (kind) {
        case heritage::ZoneKind::Core:
            return {0.62f, 0.04f, 0.06f, 1};  // 核心保护范围: deep red
        case heritage::ZoneKind::ConstructionControl:
            return {0.97f, 0.50f, 0.06f, 1};  // 建设控制地带: orange
        case heritage::ZoneKind::Environment:
            return {0.80f, 0.90f, 0.12f, 1};  // 环境协调区: green-yellow
    }
    return {1, 1, 1, 1};
}

std::vector<Point> sampleRing(const std::vector<Point>& ring, double step) {
    std::vector<Point> out;
    if (ring.empty() || !(step > 0))
        return out;
    auto same = [](const Point& a, const Point& b) {
        return std::abs(a[0] - b[0]) < 1e-6 && std::abs(a[1] - b[1]) < 1e-6;
    };
    for (std::size_t i = 0; i < ring.size(); ++i) {
        const Point& a = ring[i];
        const Point& b = ring[(i + 1) % ring.size()];
        if (out.empty() || !same(out.back(), a))
            out.push_back(a);
        const double len = std::hypot(b[0] - a[0], b[1] - a[1]);
        const int pieces = int(std::ceil(len / step));
        for (int k = 1; k < pieces; ++k) {
            const double t = double(k) / pieces;
            out.push_back({a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])});
        }
    }
    // A ring written closed (last vertex = first) must not end on a zero-length edge.
    while (out.size() > 1 && same(out.front(), out.back()))
        out.pop_back();
    return out;
}

double zoneSampleStep(const SceneData& data) {
    double step = 5.0;
    if (data.terrainTiles) {
        const terrain::TileScheme& scheme = data.terrainTiles->scheme();
        step = scheme.spacing(scheme.maxLevel());
    } else if (data.terrain) {
        step = std::min(data.terrain->dx, data.terrain->dy);
    }
    // Below a metre the outline gains nothing visible and its vertex count grows fast.
    return std::max(step, 1.0);
}

geo::Mesh zoneBand(const SceneData& data, const SceneZone& zone, const ZoneLayerOptions& options) {
    geo::Mesh mesh;
    const geo::Rgba color = zoneColor(zone.kind);
    const double half = 0.5 * options.bandWidthM;
    for (const std::vector<Point>& p : sampledRings(data, zone, options)) {
        const std::vector<Point> m = miters(p);
        const auto first = std::uint32_t(mesh.positions.size());
        for (std::size_t i = 0; i < p.size(); ++i) {
            // Each edge of the band sits on the ground under it, not under the ring's line:
            // on a slope the two sides of a wide band differ by more than the lift.
            for (double side : {-half, half}) {
                const double x = p[i][0] + side * m[i][0], y = p[i][1] + side * m[i][1];
                addVertex(mesh, x, y, data.groundHeight(x, y) + options.liftM, color);
            }
        }
        const auto n = std::uint32_t(p.size());
        for (std::uint32_t i = 0; i < n; ++i)
            addQuad(mesh, first + 2 * i, first + 2 * ((i + 1) % n));
    }
    return mesh;
}

geo::Mesh zoneCurtain(const SceneData& data, const SceneZone& zone,
                      const ZoneLayerOptions& options) {
    geo::Mesh mesh;
    geo::Rgba foot = zoneColor(zone.kind), top = foot;
    foot.a = options.curtainAlpha;
    top.a = 0;
    for (const std::vector<Point>& p : sampledRings(data, zone, options)) {
        const auto first = std::uint32_t(mesh.positions.size());
        for (const Point& q : p) {
            const double ground = data.groundHeight(q[0], q[1]) + options.liftM;
            addVertex(mesh, q[0], q[1], ground, foot);
            addVertex(mesh, q[0], q[1], ground + options.curtainHeightM, top);
        }
        const auto n = std::uint32_t(p.size());
        for (std::uint32_t i = 0; i < n; ++i)
            addQuad(mesh, first + 2 * i, first + 2 * ((i + 1) % n));
    }
    return mesh;
}

osg::ref_ptr<osg::Group> zoneLayer(const SceneData& data, const ZoneLayerOptions& options) {
    geo::Mesh bands, curtains;
    // Outer zones first, so where two kinds share an edge the inner one's curtain blends last.
    for (heritage::ZoneKind kind :
         {heritage::ZoneKind::Environment, heritage::ZoneKind::ConstructionControl,
          heritage::ZoneKind::Core})
        for (const SceneVillage& v : data.villages)
            for (const SceneZone& zone : v.zones)
                if (zone.kind == kind && onTerrain(data, zone)) {
                    bands.append(zoneBand(data, zone, options));
                    curtains.append(zoneCurtain(data, zone, options));
                }
    if (bands.empty())
        return nullptr;

    osg::ref_ptr<osg::Group> layer = new osg::Group;
    layer->setName("protection-zones");
    osg::StateSet* ss = layer->getOrCreateStateSet();
    ss->setAttributeAndModes(shaderProgram("lit"));
    // Rings come in either winding and curtains are seen from both sides.
    ss->setMode(GL_CULL_FACE, osg::StateAttribute::OFF);

    osg::ref_ptr<osg::Node> bandNode = meshNode(bands);
    bandNode->setName("zone-bands");
    // Pulled towards the eye in depth: where the LOD terrain draws a coarse tile a little above
    // the finest ground, the band still wins over it instead of flickering through.
    bandNode->getOrCreateStateSet()->setAttributeAndModes(new osg::PolygonOffset(-1.0f, -4.0f));
    layer->addChild(bandNode);

    osg::ref_ptr<osg::Node> curtainNode = meshNode(curtains);
    curtainNode->setName("zone-curtains");
    osg::StateSet* cs = curtainNode->getOrCreateStateSet();
    cs->setMode(GL_BLEND, osg::StateAttribute::ON);
    cs->setAttributeAndModes(new osg::BlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA));
    // Tested against the scene but not written: a curtain never hides what stands behind it.
    cs->setAttributeAndModes(new osg::Depth(osg::Depth::LEQUAL, 0.0, 1.0, false));
    cs->setRenderingHint(osg::StateSet::TRANSPARENT_BIN);
    layer->addChild(curtainNode);
    return layer;
}

}  // namespace cunjing::scene
