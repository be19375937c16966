#include <cunjing/architecture/GroundSurface.h>

#include "MeshBuilder.h"

namespace cunjing::architecture {

geo::Mesh groundSurface(GroundKind kind, const std::vector<Point2>& outline,
                        const GroundSurfaceColors& colors, double waterDepth,
                        std::uint32_t partId) {
    std::vector<V2> ring;
    for (const Point2& p : outline)
        ring.push_back({p.x, p.y});
    if (ring.size() < 3 || !isSimplePolygon(ring))
        return {};
    const bool pond = kind == GroundKind::Pond;
    const double z = pond ? -waterDepth : 0.02;
    const geo::Rgba top = pond                            ? colors.water
                          : kind == GroundKind::Huatai    ? colors.turf
                          : kind == GroundKind::Forecourt ? colors.forecourt
                                                          : colors.lane;
    MeshBuilder b(partId);
    std::vector<V3> ring3;
    for (const V2& p : ring)
        ring3.push_back({p.u, p.v, z});
    b.addPolygon(ring3, ring, {0, 0, 1}, {top, PartKind::Plinth, kNoMaterial});
    if (pond) {
        // The kerb: from the water up to the ground, facing the water (into the polygon).
        double area2 = 0;
        for (std::size_t i = 0; i < ring.size(); ++i) {
            const V2 p = ring[i], q = ring[(i + 1) % ring.size()];
            area2 += p.u * q.v - q.u * p.v;
        }
        const double inwardSign = area2 > 0 ? 1.0 : -1.0;  // left of each edge when CCW
        for (std::size_t i = 0; i < ring.size(); ++i) {
            const V2 p = ring[i], q = ring[(i + 1) % ring.size()];
            const V3 inward{-(q.v - p.v) * inwardSign, (q.u - p.u) * inwardSign, 0};
            b.addQuad({p.u, p.v, z}, {q.u, q.v, z}, {q.u, q.v, 0.05}, {p.u, p.v, 0.05}, inward,
                      {colors.bank, PartKind::Plinth, kNoMaterial});
        }
    }
    geo::Mesh mesh = b.take();
    mesh.surfaces.assign(mesh.positions.size(), pond ? geo::Surface::Water
                                                : kind == GroundKind::Huatai
                                                    ? geo::Surface::Turf
                                                    : geo::Surface::Paving);
    return mesh;
}

}  // namespace cunjing::architecture
