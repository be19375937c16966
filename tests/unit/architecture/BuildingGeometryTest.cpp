// Every typology of every bundled style, across seeds: sound triangles, outward faces,
// named parts, ranges kept, determinism and triangle budgets.
#include <cunjing/architecture/Building.h>

#include "MeshProbe.h"
#include "StyleFixtures.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using namespace cunjing;
using namespace cunjing::architecture;
using namespace cunjing::architecture::test;

namespace {

struct Case {
    const Style* style;
    std::string typology;
};

std::vector<Case> everyTypology() {
    std::vector<Case> out;
    for (const Style& s : bundledStyles()) {
        for (const TypologySpec& t : s.typologies)
            out.push_back({&s, t.id});
    }
    return out;
}

BuildingMesh generateOrFail(const Case& c, std::uint32_t seed, const ParamOverrides& o = {}) {
    auto r = generateBuilding(*c.style, c.typology, o, seed, 900 + seed);
    EXPECT_TRUE(r.ok()) << c.typology << " seed " << seed << ": " << r.firstError();
    for (const Error& w : r.warnings())
        ADD_FAILURE() << c.typology << " seed " << seed << " warns: " << w.toString();
    return r.ok() ? std::move(r.value()) : BuildingMesh{};
}

constexpr std::uint32_t kSeeds[] = {1, 2, 3, 17, 4242};

}  // namespace

TEST(EveryTypology, GeneratesSoundTrianglesAcrossSeeds) {
    for (const Case& c : everyTypology()) {
        for (std::uint32_t seed : kSeeds) {
            const BuildingMesh b = generateOrFail(c, seed);
            const geo::Mesh& m = b.mesh;
            ASSERT_TRUE(m.isValid()) << c.typology;
            ASSERT_FALSE(m.empty()) << c.typology;
            ASSERT_EQ(m.partIds.size(), m.vertexCount());
            EXPECT_TRUE(std::all_of(m.partIds.begin(), m.partIds.end(),
                                    [&](std::uint32_t id) { return id == 900 + seed; }));
            int bad = 0;
            forEachTriangle(m, [&](const Triangle& t) {
                const D3 n = cross(t.p[1] - t.p[0], t.p[2] - t.p[0]);
                // Not degenerate, and the stored (flat) normal is unit and agrees with the
                // counter-clockwise winding.
                if (!(length(n) > 2e-6)) {
                    ++bad;
                    return;
                }
                for (int k = 0; k < 3; ++k) {
                    const D3 vn = toD3(m.normals[m.indices[3 * t.index + k]]);
                    if (std::abs(length(vn) - 1) > 1e-3 || dot(vn, n) / length(n) < 0.99)
                        ++bad;
                }
            });
            EXPECT_EQ(bad, 0) << c.typology << " seed " << seed;
        }
    }
}

TEST(EveryTypology, GroundFeaturesAreSoundToo) {
    for (const Case& c : everyTypology()) {
        const BuildingMesh b = generateOrFail(c, 1);
        for (const GroundFeature& g : b.ground) {
            EXPECT_TRUE(g.mesh.isValid()) << c.typology;
            EXPECT_FALSE(g.mesh.empty()) << c.typology;
            EXPECT_GE(g.outline.size(), 3u) << c.typology;
            double area = 0;  // counter-clockwise outline
            for (std::size_t i = 0; i < g.outline.size(); ++i) {
                const Point2 p = g.outline[i], q = g.outline[(i + 1) % g.outline.size()];
                area += p.x * q.y - q.x * p.y;
            }
            EXPECT_GT(area, 0) << c.typology;
            forEachTriangle(g.mesh, [&](const Triangle& t) {
                EXPECT_GT(length(cross(t.p[1] - t.p[0], t.p[2] - t.p[0])), 2e-6) << c.typology;
            });
        }
    }
}

struct RayCount {
    int rays = 0, facingAway = 0;
};

/// Rays from outside the bounds along the axes (from above and from the four sides): the
/// first surface each one meets must face it.
RayCount probeFromOutside(const BuildingMesh& b, int perSide) {
    const geo::Bounds box = geo::boundsOf(b.mesh);
    const double sx = box.max.x - box.min.x, sy = box.max.y - box.min.y;
    // Odd steps keep the rays off planes and edges.
    const double step = std::max(sx, sy) / perSide + 0.0137;
    const double zStep = box.max.z / (perSide / 2) + 0.0113;
    RayCount n;
    const auto probe = [&](D3 origin, D3 dir) {
        const auto hit = castRay(b.mesh, origin, dir);
        if (!hit)
            return;
        ++n.rays;
        if (dot(hit->triangle.normal, dir) > 0.02)
            ++n.facingAway;
    };
    for (double x = box.min.x - 0.3; x < box.max.x + 0.3; x += step) {
        for (double y = box.min.y - 0.3; y < box.max.y + 0.3; y += step)
            probe({x, y, box.max.z + 10}, {0, 0, -1});
        for (double z = 0.05; z < box.max.z; z += zStep) {
            probe({x, box.min.y - 10, z}, {0, 1, 0});
            probe({x, box.max.y + 10, z}, {0, -1, 0});
        }
    }
    for (double y = box.min.y - 0.3; y < box.max.y + 0.3; y += step) {
        for (double z = 0.05; z < box.max.z; z += zStep) {
            probe({box.min.x - 10, y, z}, {1, 0, 0});
            probe({box.max.x + 10, y, z}, {-1, 0, 0});
        }
    }
    return n;
}

namespace {

/// The 三线 wires on their poles: thin cables, no walls, roof or doors to probe.
bool isStreetFurniture(const Case& c) {
    const TypologySpec* t = c.style->findTypology(c.typology);
    return t && t->generator == "dianxian";
}

}  // namespace

TEST(EveryTypology, SurfacesSeenFromOutsideFaceTheViewer) {
    for (const Case& c : everyTypology()) {
        if (isStreetFurniture(c))
            continue;
        const RayCount n = probeFromOutside(generateOrFail(c, 1), 48);
        EXPECT_GT(n.rays, 1500) << c.typology;
        EXPECT_EQ(n.facingAway, 0) << c.typology << ": " << n.facingAway << " of " << n.rays;
    }
}

TEST(EveryTypology, OptionVariantsAlsoFaceOutwards) {
    const struct {
        const char* style;
        const char* typology;
        ParamOverrides set;
    } variants[] = {
        {"guangfu", "sanjian-lianglang", {{"gable", "cat-ear"}, {"entrance", "front"}}},
        {"guangfu", "sanjian-lianglang", {{"gable", "renzi"}, {"entrance", "west"}}},
        {"guangfu", "sanjian-lianglang", {{"ridge", "huisu"}}},
        {"guangfu", "zhutongwu", {{"storeys", "3"}, {"gable", "wok-ear"}}},
        {"guangfu", "qilou", {{"pediment", "triangular"}, {"storeys", "4"}}},
        {"guangfu", "citang", {{"mainRoof", "yingshan"}, {"jin", "2"}}},
        {"hakka", "weilongwu", {{"wings", "4"}, {"rings", "2"}}},
        {"hakka", "sijiaolou", {{"towerRoof", "yingshan"}}},
        {"hakka", "tulou-square", {{"centralHall", "0"}, {"groundFloorWindows", "0"}}},
        {"hakka", "tulou-round", {{"rings", "1"}, {"gates", "3"}}},
        {"chaoshan", "xiashanhu", {{"doors", "both"}, {"gable", "tu"}}},
        {"chaoshan", "xiashanhu", {{"doors", "longhu"}, {"ridge", "qianci-simple"}}},
        {"chaoshan", "sima-tuoche", {{"hallRoof", "yingshan"}, {"sideRows", "0"}}},
    };
    for (const auto& v : variants) {
        const Case c{&bundledStyle(v.style), v.typology};
        const RayCount n = probeFromOutside(generateOrFail(c, 3, v.set), 40);
        EXPECT_GT(n.rays, 1000) << v.typology;
        EXPECT_EQ(n.facingAway, 0) << v.typology << " " << v.set.front().first << "="
                                   << v.set.front().second << ": " << n.facingAway;
    }
}

TEST(EveryTypology, PartRunsCoverTheMeshWithKnownKindsAndMaterials) {
    for (const Case& c : everyTypology()) {
        const BuildingMesh b = generateOrFail(c, 2);
        std::uint32_t next = 0;
        for (const PartRange& p : b.parts) {
            EXPECT_EQ(p.firstIndex, next) << c.typology;
            EXPECT_GT(p.indexCount, 0u);
            EXPECT_EQ(p.indexCount % 3, 0u);
            EXPECT_LT(p.material, c.style->materials.size()) << c.typology;
            next = p.firstIndex + p.indexCount;
        }
        EXPECT_EQ(next, b.mesh.indices.size()) << c.typology;
        if (isStreetFurniture(c))
            continue;
        for (PartKind k : {PartKind::Plinth, PartKind::Walls, PartKind::Roof, PartKind::Doors})
            EXPECT_GT(b.triangleCount(k), 0u) << c.typology << " " << partKindName(k);
        const std::size_t last = b.mesh.triangleCount() - 1;
        EXPECT_EQ(&b.partOfTriangle(last), &b.parts.back());
        EXPECT_EQ(&b.partOfTriangle(0), &b.parts.front());
        EXPECT_FALSE(b.masses.empty()) << c.typology;
    }
}

TEST(EveryTypology, IsDeterministicForASeed) {
    for (const Case& c : everyTypology()) {
        const BuildingMesh a = generateOrFail(c, 7), b = generateOrFail(c, 7);
        ASSERT_EQ(a.mesh.vertexCount(), b.mesh.vertexCount()) << c.typology;
        EXPECT_TRUE(std::equal(a.mesh.positions.begin(), a.mesh.positions.end(),
                               b.mesh.positions.begin(),
                               [](const geo::Vec3f& p, const geo::Vec3f& q) {
                                   return p.x == q.x && p.y == q.y && p.z == q.z;
                               }))
            << c.typology;
    }
}

TEST(EveryTypology, SeedsVaryTheBuildingsThatHaveRoomToVary) {
    for (const Case& c : everyTypology()) {
        if (c.typology == "tulou-round-huaelou")
            continue;  // every number pinned to the real building
        const geo::Bounds a = geo::boundsOf(generateOrFail(c, 1).mesh);
        const geo::Bounds b = geo::boundsOf(generateOrFail(c, 2).mesh);
        EXPECT_TRUE(a.max.x != b.max.x || a.max.y != b.max.y || a.max.z != b.max.z) << c.typology;
    }
}

TEST(EveryTypology, SeededDimensionsStayInsideTheStylesRanges) {
    for (const Case& c : everyTypology()) {
        const TypologySpec& spec = *c.style->findTypology(c.typology);
        for (std::uint32_t seed = 0; seed < 60; ++seed) {
            const auto r = resolveTypology(*c.style, c.typology, {}, seed);
            ASSERT_TRUE(r.ok()) << r.firstError();
            for (const auto& [name, value] : r->dimensions) {
                const DimensionRange& range = spec.dimensions.at(name);
                EXPECT_GE(value, range.min) << c.typology << "." << name;
                EXPECT_LE(value, range.max) << c.typology << "." << name;
                if (range.integer) {
                    EXPECT_EQ(value, std::round(value)) << c.typology << "." << name;
                }
            }
            for (const auto& [name, value] : r->options) {
                const auto& allowed = spec.options.at(name).allowed;
                EXPECT_NE(std::find(allowed.begin(), allowed.end(), value), allowed.end());
            }
        }
    }
}

TEST(EveryTypology, ExtremesOfEveryRangeStillBuild) {
    // Every dimension at its minimum, then at its maximum: the corners of the style's box.
    for (const Case& c : everyTypology()) {
        const TypologySpec& spec = *c.style->findTypology(c.typology);
        for (const bool high : {false, true}) {
            ParamOverrides o;
            for (const auto& [name, range] : spec.dimensions) {
                char buf[32];
                std::snprintf(buf, sizeof buf, "%.17g", high ? range.max : range.min);
                o.emplace_back(name, buf);
            }
            const auto r = generateBuilding(*c.style, c.typology, o, 1, 0);
            ASSERT_TRUE(r.ok()) << c.typology << (high ? " max: " : " min: ") << r.firstError();
            EXPECT_TRUE(r->mesh.isValid()) << c.typology;
            EXPECT_FALSE(r->mesh.empty()) << c.typology;
        }
    }
}

TEST(EveryTypology, StaysWithinATriangleBudget) {
    for (const Case& c : everyTypology()) {
        const std::size_t n = generateOrFail(c, 1).mesh.triangleCount();
        const bool compound = c.typology.find("tulou") != std::string::npos ||
                              c.typology.find("sima") != std::string::npos ||
                              c.typology.find("weilongwu") != std::string::npos;
        EXPECT_LT(n, compound ? 60000u : 12000u) << c.typology;
    }
    const Case house{&bundledStyle("guangfu"), "sanjian-lianglang"};
    EXPECT_LT(generateOrFail(house, 1).mesh.triangleCount(), 2500u);
}
