#include <cunjing/architecture/LingnanHouse.h>

#include "MeshProbe.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace cunjing;
using namespace cunjing::architecture;
using namespace cunjing::architecture::test;

namespace {

SanjianLianglangParams withGable(GableProfile gable) {
    SanjianLianglangParams p;
    p.gable = gable;
    return p;
}

/// Every house variant the generator has: both gables, each entrance.
std::vector<SanjianLianglangParams> allVariants() {
    std::vector<SanjianLianglangParams> out;
    for (GableProfile g : {GableProfile::WokEar, GableProfile::Herringbone}) {
        for (EntranceSide e : {EntranceSide::East, EntranceSide::West, EntranceSide::Front}) {
            SanjianLianglangParams p = withGable(g);
            p.entrance = e;
            out.push_back(p);
        }
    }
    return out;
}

double topAt(const geo::Mesh& m, double x, double y) {
    const auto hit = castRay(m, {x, y, 100}, {0, 0, -1});
    return hit ? hit->point.z : -1e9;
}

double outlineArea(const std::vector<GablePoint>& o) {
    double a = 0;
    for (std::size_t i = 0; i < o.size(); ++i) {
        const GablePoint p = o[i], q = o[(i + 1) % o.size()];
        a += p.y * q.z - q.y * p.z;
    }
    return 0.5 * a;
}

}  // namespace

TEST(LingnanHouse, MeshIsValidAndEveryVertexCarriesThePartId) {
    for (const auto& p : allVariants()) {
        const geo::Mesh m = generateSanjianLianglang(p, 42);
        ASSERT_TRUE(m.isValid());
        ASSERT_FALSE(m.empty());
        ASSERT_EQ(m.partIds.size(), m.vertexCount());
        for (std::uint32_t id : m.partIds)
            ASSERT_EQ(id, 42u);
    }
}

TEST(LingnanHouse, WindingIsCounterClockwiseAroundUnitFlatNormals) {
    for (const auto& p : allVariants()) {
        const geo::Mesh m = generateSanjianLianglang(p, 0);
        forEachTriangle(m, [&](const Triangle& t) {
            const D3 n = cross(t.p[1] - t.p[0], t.p[2] - t.p[0]);
            ASSERT_GT(length(n), 0) << "degenerate triangle " << t.index;
            for (int k = 0; k < 3; ++k) {
                const D3 vn = toD3(m.normals[m.indices[3 * t.index + k]]);
                EXPECT_NEAR(length(vn), 1.0, 1e-4);
                // Flat shading: every corner's normal is the face's, and the winding agrees.
                EXPECT_GT(dot(vn, n) / length(n), 0.999) << "triangle " << t.index;
            }
        });
    }
}

TEST(LingnanHouse, EverySurfaceSeenFromOutsideFacesTheViewer) {
    for (const auto& p : allVariants()) {
        const geo::Mesh m = generateSanjianLianglang(p, 0);
        const Footprint f = footprintOf(p);
        int rays = 0, facingAway = 0;
        const auto probe = [&](D3 origin, D3 dir) {
            const auto hit = castRay(m, origin, dir);
            if (!hit)
                return;
            ++rays;
            if (dot(hit->triangle.normal, dir) > 0.02)
                ++facingAway;
        };
        // Odd steps keep rays off the planes and edges of the boxes.
        for (double x = -f.width / 2 - 0.5; x < f.width / 2 + 0.5; x += 0.137) {
            for (double y = -0.5; y < f.depth + 0.5; y += 0.173)
                probe({x, y, 50}, {0, 0, -1});
            for (double z = -2.1; z < 9; z += 0.191) {
                probe({x, -50, z}, {0, 1, 0});
                probe({x, 50, z}, {0, -1, 0});
            }
        }
        for (double y = -0.5; y < f.depth + 0.5; y += 0.137) {
            for (double z = -2.1; z < 9; z += 0.191) {
                probe({-50, y, z}, {1, 0, 0});
                probe({50, y, z}, {-1, 0, 0});
            }
        }
        EXPECT_GT(rays, 10000);
        EXPECT_EQ(facingAway, 0);
    }
}

TEST(LingnanHouse, WokEarGableRisesAboveRidge) {
    const SanjianLianglangParams p = withGable(GableProfile::WokEar);
    const geo::Bounds b = geo::boundsOf(generateSanjianLianglang(p, 0));
    EXPECT_GT(b.max.z, p.ridgeHeight + 1.0);
    EXPECT_NEAR(b.max.z, p.ridgeHeight + p.wokEarRise, 0.02);
    double top = 0;
    for (const GablePoint& g : gableOutline(p))
        top = std::max(top, g.z);
    EXPECT_NEAR(top, p.ridgeHeight + p.wokEarRise, 0.02);
}

TEST(LingnanHouse, HerringboneGableStaysCloseAboveRidge) {
    const SanjianLianglangParams p = withGable(GableProfile::Herringbone);
    const geo::Bounds b = geo::boundsOf(generateSanjianLianglang(p, 0));
    EXPECT_LE(b.max.z, p.ridgeHeight + 0.6);
    EXPECT_GT(b.max.z, p.ridgeHeight);
}

TEST(LingnanHouse, RidgeRunsAlongXAtRidgeHeightWithSlopesFallingBothWays) {
    const SanjianLianglangParams p;
    const geo::Mesh m = generateSanjianLianglang(p, 0);
    const double ridgeY = p.courtyardDepth + p.mainDepth / 2;
    for (double x : {-3.3, -1.1, 0.7, 2.9}) {
        EXPECT_NEAR(topAt(m, x, ridgeY), p.ridgeHeight + p.ridgeCapHeight, 1e-3);
    }
    const double front = topAt(m, 0.7, ridgeY - 2), back = topAt(m, 0.7, ridgeY + 2);
    EXPECT_NEAR(front, back, 1e-3);
    EXPECT_LT(front, p.ridgeHeight - 1.0);
    // 硬山 eaves: the roof crosses the wall faces at the eave height.
    EXPECT_NEAR(topAt(m, 0.7, p.courtyardDepth + 1e-3), p.eaveHeight, 0.01);
    // Slightly concave: the middle of a slope lies below the straight eave-ridge line.
    const double mid = topAt(m, 0.7, p.courtyardDepth + p.mainDepth / 4);
    EXPECT_LT(mid, (p.eaveHeight + p.ridgeHeight) / 2 - 0.05);
}

TEST(LingnanHouse, GableStandsAboveTheRoofAlongItsWholeLength) {
    for (GableProfile g : {GableProfile::WokEar, GableProfile::Herringbone}) {
        const SanjianLianglangParams p = withGable(g);
        const geo::Mesh m = generateSanjianLianglang(p, 0);
        const double xGable = footprintOf(p).width / 2 - p.wallThickness / 2;
        const double yEnd = p.courtyardDepth + p.mainDepth + p.roofOverhang;
        const double ridgeY = p.courtyardDepth + p.mainDepth / 2;
        EXPECT_GT(topAt(m, xGable, ridgeY), p.ridgeHeight + p.ridgeCapHeight);
        for (double y = p.courtyardDepth + 0.05; y < yEnd; y += 0.11) {
            if (std::abs(y - ridgeY) < 0.3)
                continue;  // the ridge cap, checked above
            EXPECT_GT(topAt(m, xGable, y), topAt(m, 0.7, y) + 0.1) << "y = " << y;
            EXPECT_GT(topAt(m, -xGable, y), topAt(m, 0.7, y) + 0.1) << "y = " << y;
        }
    }
}

TEST(LingnanHouse, GableFacesPointAwayFromTheWall) {
    const SanjianLianglangParams p;
    const geo::Mesh m = generateSanjianLianglang(p, 0);
    const double outer = footprintOf(p).width / 2, inner = outer - p.wallThickness;
    int outerFaces = 0, innerFaces = 0;
    forEachTriangle(m, [&](const Triangle& t) {
        const D3 c = t.centroid();
        if (c.y <= p.courtyardDepth)
            return;  // the 廊 walls share the plane further forward
        if (std::abs(std::abs(c.x) - outer) < 1e-4) {
            ++outerFaces;
            EXPECT_GT(t.normal.x * c.x, 0.999 * std::abs(c.x));  // looks away from the house
        } else if (std::abs(std::abs(c.x) - inner) < 1e-4 && c.z > p.ridgeHeight + 0.1) {
            ++innerFaces;
            EXPECT_LT(t.normal.x * c.x, -0.999 * std::abs(c.x));  // the ear's inside face
        }
    });
    EXPECT_GT(outerFaces, 20);
    EXPECT_GT(innerFaces, 4);
}

TEST(LingnanHouse, GableTrianglesCoverTheOutlineExactlyOnce) {
    for (GableProfile g : {GableProfile::WokEar, GableProfile::Herringbone}) {
        const SanjianLianglangParams p = withGable(g);
        const geo::Mesh m = generateSanjianLianglang(p, 0);
        const double outer = footprintOf(p).width / 2;
        double area = 0;
        forEachTriangle(m, [&](const Triangle& t) {
            const D3 c = t.centroid();
            if (c.y > p.courtyardDepth && c.z > p.plinthHeight && std::abs(c.x - outer) < 1e-4) {
                area += t.area();
            }
        });
        // Overlapping or missing triangles would change the sum.
        const double expected = std::abs(outlineArea(gableOutline(p)));
        EXPECT_NEAR(area, expected, 1e-3 * expected);
    }
}

TEST(LingnanHouse, GableOutlineIsCounterClockwiseSeenFromEast) {
    EXPECT_GT(outlineArea(gableOutline(SanjianLianglangParams{})), 0);
}

TEST(LingnanHouse, FootprintIsThreeBaysByCourtyardMainRowAndEaveDrip) {
    const SanjianLianglangParams p;
    const Footprint f = footprintOf(p);
    EXPECT_DOUBLE_EQ(f.width, 4.2 + 2 * 3.3);
    EXPECT_DOUBLE_EQ(f.depth, 2.5 + 7.0 + 0.3);
    const geo::Bounds b = geo::boundsOf(generateSanjianLianglang(p, 0));
    EXPECT_NEAR(b.min.x, -f.width / 2, 1e-4);
    EXPECT_NEAR(b.max.x, f.width / 2, 1e-4);
    EXPECT_NEAR(b.min.y, 0, 1e-4);
    EXPECT_NEAR(b.max.y, f.depth, 1e-4);
}

TEST(LingnanHouse, FoundationReachesBelowGroundSoSlopesNeverShowAGap) {
    SanjianLianglangParams p;
    p.foundationDepth = 3.5;
    EXPECT_NEAR(geo::boundsOf(generateSanjianLianglang(p, 0)).min.z, -3.5, 1e-5);
}

TEST(LingnanHouse, CourtyardIsOpenAndWingRoofsDrainIntoIt) {
    const SanjianLianglangParams p;
    const geo::Mesh m = generateSanjianLianglang(p, 0);
    const double y = p.courtyardDepth / 2;
    EXPECT_NEAR(topAt(m, 0.3, y), p.plinthHeight, 1e-4);  // 天井 paving under open sky
    const double outer = footprintOf(p).width / 2 - 0.2;
    const double inner = outer + 0.2 - p.wingDepth + 0.2;
    for (double side : {-1.0, 1.0}) {
        EXPECT_GT(topAt(m, side * outer, y), topAt(m, side * inner, y) + 0.5 * p.wingRoofRise);
        EXPECT_LT(topAt(m, side * inner, y), p.eaveHeight);  // 廊 lower than the main row
    }
}

TEST(LingnanHouse, DoorOpensOnTheEntranceSide) {
    const struct {
        EntranceSide side;
        D3 facing;
    } cases[] = {{EntranceSide::East, {1, 0, 0}},
                 {EntranceSide::West, {-1, 0, 0}},
                 {EntranceSide::Front, {0, -1, 0}}};
    for (const auto& c : cases) {
        SanjianLianglangParams p;
        p.entrance = c.side;
        double doorArea = 0;
        forEachTriangle(generateSanjianLianglang(p, 0), [&](const Triangle& t) {
            // The 厅's own opening also faces front; it stands behind the courtyard.
            const bool inFrontZone = t.centroid().y < p.courtyardDepth - 0.5;
            if (inFrontZone && sameColor(t.color, p.palette.doorDark) &&
                dot(t.normal, c.facing) > 0.99) {
                doorArea += t.area();
            }
        });
        EXPECT_NEAR(doorArea, p.doorWidth * p.doorHeight, 1e-3);
    }
}

TEST(LingnanHouse, StaysWithinTheTriangleBudgetForVillages) {
    SanjianLianglangParams p;
    EXPECT_LT(generateSanjianLianglang(p, 0).triangleCount(), 1500u);
    p.curveSegments = 24;  // a close-up level of detail still fits the per-house budget
    EXPECT_LT(generateSanjianLianglang(p, 0).triangleCount(), 3000u);
}

TEST(LingnanHouse, UsesThePaletteForWallsRoofAndGableCap) {
    SanjianLianglangParams p;
    p.palette.roofTile = {0.1f, 0.2f, 0.3f, 1};
    p.palette.limeWhite = {0.9f, 0.8f, 0.7f, 1};
    const geo::Mesh m = generateSanjianLianglang(p, 0);
    const auto hit = castRay(m, {0.7, p.courtyardDepth + 1.5, 50}, {0, 0, -1});
    ASSERT_TRUE(hit);
    EXPECT_TRUE(sameColor(hit->triangle.color, p.palette.roofTile));
    const double ridgeY = p.courtyardDepth + p.mainDepth / 2;
    // Just under the top of the ear, the gable's face is the lime-white cap band.
    const auto cap = castRay(m, {50, ridgeY, p.ridgeHeight + p.wokEarRise - 0.1}, {-1, 0, 0});
    ASSERT_TRUE(cap);
    EXPECT_TRUE(sameColor(cap->triangle.color, p.palette.limeWhite));
    const auto wall = castRay(m, {50, ridgeY, p.eaveHeight}, {-1, 0, 0});
    ASSERT_TRUE(wall);
    EXPECT_TRUE(sameColor(wall->triangle.color, p.palette.brickWall));
}

TEST(LingnanHouse, ValidateNamesTheBadFieldAndItsRange) {
    EXPECT_TRUE(validate(SanjianLianglangParams{}).ok());
    SanjianLianglangParams p;
    p.ridgeHeight = 3.0;  // below the eaves
    p.hallBay = -1;
    const Status s = validate(p);
    ASSERT_FALSE(s.ok());
    ASSERT_EQ(s.errors().size(), 1u);  // dependent limits wait until the basic ranges pass
    EXPECT_EQ(s.errors()[0].where, "hallBay");
    EXPECT_NE(s.errors()[0].message.find("1..20"), std::string::npos);
    p.hallBay = 4.2;
    const Status ridge = validate(p);
    ASSERT_FALSE(ridge.ok());
    EXPECT_EQ(ridge.errors()[0].where, "ridgeHeight");
    EXPECT_NE(ridge.errors()[0].message.find("allowed range is 4.3.."), std::string::npos);
}

TEST(LingnanHouse, OutOfRangeParametersAreClampedIntoAValidMesh) {
    SanjianLianglangParams p;
    p.ridgeHeight = std::nan("");
    p.roofOverhang = -4;
    p.wingDepth = 50;
    p.curveSegments = 1000;
    const geo::Mesh m = generateSanjianLianglang(p, 7);
    EXPECT_TRUE(m.isValid());
    EXPECT_FALSE(m.empty());
    EXPECT_LT(m.triangleCount(), 10000u);
}

TEST(LingnanHouse, GableStaysASimplePolygonAcrossTheParameterRanges) {
    for (double depth : {2.0, 9.0, 30.0}) {
        for (double overhang : {0.0, 2.0}) {
            for (double ear : {0.1, 0.8}) {
                for (double band : {0.02, 1.0}) {
                    for (int segments : {2, 64}) {
                        SanjianLianglangParams p;
                        p.mainDepth = depth;
                        p.roofOverhang = overhang;
                        p.wokEarWidth = ear;
                        p.gableCapBand = band;
                        p.curveSegments = segments;
                        const geo::Mesh m = generateSanjianLianglang(p, 0);
                        ASSERT_TRUE(m.isValid());
                        const double outer = footprintOf(p).width / 2;
                        double area = 0;
                        forEachTriangle(m, [&](const Triangle& t) {
                            const D3 c = t.centroid();
                            if (c.y > p.courtyardDepth && c.z > p.plinthHeight &&
                                std::abs(c.x - outer) < 1e-4) {
                                area += t.area();
                            }
                        });
                        const double expected = outlineArea(gableOutline(p));
                        EXPECT_GT(expected, 0);
                        EXPECT_NEAR(area, expected, 2e-3 * expected)
                            << "depth " << depth << " overhang " << overhang << " ear " << ear
                            << " band " << band << " segments " << segments;
                    }
                }
            }
        }
    }
}
