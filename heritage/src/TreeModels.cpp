// The species' procedural geometry; names, seeds and default measurements are in
// TreeSpecies.cpp.

#include <cunjing/heritage/TreeModels.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <vector>

namespace cunjing::heritage {

namespace {

constexpr float kPi = 3.14159265358979f;
/// Trunks and roots go this far below the base so a tree on a slope does not float.
constexpr float kBelowGround = 0.3f;

using geo::Rgba;
using geo::Vec3f;

Vec3f operator+(Vec3f a, Vec3f b) {
    return {a.x + b.x, a.y + b.y, a.z + b.z};
}
Vec3f operator-(Vec3f a, Vec3f b) {
    return {a.x - b.x, a.y - b.y, a.z - b.z};
}
Vec3f operator*(Vec3f a, float s) {
    return {a.x * s, a.y * s, a.z * s};
}
float dot(Vec3f a, Vec3f b) {
    return a.x * b.x + a.y * b.y + a.z * b.z;
}
Vec3f cross(Vec3f a, Vec3f b) {
    return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
Vec3f normalized(Vec3f a) {
    const float len = std::sqrt(dot(a, a));
    return len > 1e-9f ? a * (1.0f / len) : Vec3f{0, 0, 1};
}
Vec3f horizontal(float angle, float radius, float z) {
    return {radius * std::cos(angle), radius * std::sin(angle), z};
}
Rgba scaled(Rgba c, float s) {
    return {c.r * s, c.g * s, c.b * s, c.a};
}

/// splitmix64: the same sequence on every compiler, unlike std:: distributions.
class Rng {
public:
    explicit Rng(std::uint32_t seed) : state_(0x9E3779B97F4A7C15ull ^ seed) {}
    float uniform() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        z ^= z >> 31;
        return float(z >> 40) / float(1u << 24);
    }
    float range(float lo, float hi) { return lo + (hi - lo) * uniform(); }

private:
    std::uint64_t state_;
};

/// Grid sizes per detail level, so one generator draws both LODs.
struct Quality {
    int lobeRings, lobeSegs;  ///< foliage ellipsoids
    int limbSides, rootSides;
    bool full;
};
Quality qualityFor(TreeDetail d) {
    return d == TreeDetail::Full ? Quality{6, 11, 7, 3, true} : Quality{4, 7, 4, 3, false};
}

/// Appends parts to a mesh, tagging each vertex with its TreePart.
class Builder {
public:
    geo::Mesh mesh;

    /// A frustum from a to b (radii ra, rb), open at both ends; `sides` faces around.
    void tube(Vec3f a, Vec3f b, float ra, float rb, int sides, Rgba color, TreePart part) {
        const Vec3f axis = normalized(b - a);
        const Vec3f ref = std::abs(axis.z) < 0.9f ? Vec3f{0, 0, 1} : Vec3f{1, 0, 0};
        const Vec3f u = normalized(cross(ref, axis)), v = cross(axis, u);
        const auto first = std::uint32_t(mesh.positions.size());
        for (int i = 0; i <= sides; ++i) {
            const float t = 2 * kPi * float(i) / float(sides);
            const Vec3f n = u * std::cos(t) + v * std::sin(t);
            add(a + n * ra, n, color, part);
            // The far end a little lighter: tops of trunks and roots catch more sky.
            add(b + n * rb, n, scaled(color, 1.08f), part);
        }
        for (std::uint32_t i = 0; i < std::uint32_t(sides); ++i) {
            const std::uint32_t k = first + 2 * i;
            mesh.indices.insert(mesh.indices.end(), {k, k + 2, k + 3, k, k + 3, k + 1});
        }
    }

    /// Tubes along a polyline, radius interpolated from r0 to r1.
    void limb(const std::vector<Vec3f>& points, float r0, float r1, int sides, Rgba color,
              TreePart part) {
        const float n = float(points.size() - 1);
        for (std::size_t i = 0; i + 1 < points.size(); ++i) {
            const float ta = float(i) / n, tb = float(i + 1) / n;
            tube(points[i], points[i + 1], r0 + (r1 - r0) * ta, r0 + (r1 - r0) * tb, sides, color,
                 part);
        }
    }

    /// An ellipsoid with semi-axes along the right-handed, orthogonal u, v, w (their lengths
    /// are the radii), lumpy by `lump` so clusters read as foliage. Lower vertices are darker
    /// (the crown's own shade) and each vertex is jittered a little in colour.
    void ellipsoid(Vec3f c, Vec3f u, Vec3f v, Vec3f w, int rings, int segs, Rgba color, float lump,
                   Rng& rng, TreePart part) {
        const float s1 = rng.range(0, 2 * kPi), s2 = rng.range(0, 2 * kPi);
        const float lu = 1.0f / dot(u, u), lv = 1.0f / dot(v, v), lw = 1.0f / dot(w, w);
        const auto first = std::uint32_t(mesh.positions.size());
        for (int r = 0; r <= rings; ++r) {
            const float phi = kPi * float(r) / float(rings);
            for (int s = 0; s <= segs; ++s) {
                const float th = 2 * kPi * float(s % segs) / float(segs);
                const float k = 1.0f + lump * (std::sin(3 * th + s1) * std::sin(2 * phi) +
                                               0.5f * std::sin(5 * th + s2) * std::sin(phi));
                const float dx = std::sin(phi) * std::cos(th), dy = std::sin(phi) * std::sin(th),
                            dz = std::cos(phi);
                const Vec3f p = c + (u * dx + v * dy + w * dz) * k;
                const Vec3f n = normalized(u * (dx * lu) + v * (dy * lv) + w * (dz * lw));
                const float shade = (0.72f + 0.28f * (0.5f + 0.5f * dz)) * rng.range(0.92f, 1.08f);
                add(p, n, scaled(color, shade), part);
            }
        }
        for (std::uint32_t r = 0; r < std::uint32_t(rings); ++r) {
            for (std::uint32_t s = 0; s < std::uint32_t(segs); ++s) {
                const std::uint32_t a = first + r * std::uint32_t(segs + 1) + s,
                                    b = a + std::uint32_t(segs) + 1;
                mesh.indices.insert(mesh.indices.end(), {a, b, a + 1, a + 1, b, b + 1});
            }
        }
    }

    /// An axis-aligned foliage lobe (radius rx across, rz up).
    void lobe(Vec3f c, float rx, float rz, const Quality& q, Rgba color, float lump, Rng& rng) {
        const float turn = rng.range(0, 2 * kPi);
        const Vec3f u{std::cos(turn), std::sin(turn), 0}, v{-std::sin(turn), std::cos(turn), 0};
        ellipsoid(c, u * rx, v * rx * rng.range(0.85f, 1.0f), {0, 0, rz}, q.lobeRings, q.lobeSegs,
                  color, lump, rng, TreePart::Foliage);
    }

    /// A trunk from below ground to `top`, flaring at its foot into `buttresses` ridges
    /// (板根) that fade out over the first metres.
    void trunk(float radius, float topRadius, float top, float flare, int buttresses, int sides,
               Rgba bark) {
        std::array<float, 6> levels{-kBelowGround, 0.0f, 0.35f, 1.0f, 0.55f * top, top};
        std::sort(levels.begin(), levels.end());  // a short trunk puts 0.55 top below 1 m
        const auto first = std::uint32_t(mesh.positions.size());
        const float reach = std::max(1.2f, 1.5f * radius);
        for (float z : levels) {
            const float t = std::clamp(z / top, 0.0f, 1.0f);
            const float r = radius + (topRadius - radius) * t;
            const float foot = flare * std::exp(-std::max(z, 0.0f) / reach);
            for (int i = 0; i <= sides; ++i) {
                const float a = 2 * kPi * float(i % sides) / float(sides);
                const float ridge = std::pow(std::abs(std::cos(0.5f * float(buttresses) * a)), 3);
                const float rr = r * (1.0f + foot * (0.35f + ridge));
                const Vec3f n{std::cos(a), std::sin(a), 0};
                add({rr * n.x, rr * n.y, z}, n, scaled(bark, 0.9f + 0.1f * t), TreePart::Trunk);
            }
        }
        const auto ring = std::uint32_t(sides + 1);
        for (std::uint32_t l = 0; l + 1 < levels.size(); ++l) {
            for (std::uint32_t i = 0; i < std::uint32_t(sides); ++i) {
                const std::uint32_t a = first + l * ring + i, b = a + ring;
                mesh.indices.insert(mesh.indices.end(), {a, a + 1, b + 1, a, b + 1, b});
            }
        }
    }

    /// A leaf blade along a midrib, `widths[i]` across it at rib[i] in the direction
    /// `across`; both faces, so the blade shows from above and below whatever the culling.
    void blade(const std::vector<Vec3f>& rib, const std::vector<float>& widths, Vec3f across,
               Rgba color) {
        const std::size_t n = rib.size();
        for (int side = 0; side < 2; ++side) {
            const auto first = std::uint32_t(mesh.positions.size());
            for (std::size_t i = 0; i < n; ++i) {
                const Vec3f along = normalized(rib[std::min(i + 1, n - 1)] - rib[i ? i - 1 : 0]);
                const Vec3f up = normalized(cross(along, across)) * (side ? -1.0f : 1.0f);
                add(rib[i] - across * (0.5f * widths[i]), up, color, TreePart::Foliage);
                add(rib[i] + across * (0.5f * widths[i]), up, scaled(color, 1.06f),
                    TreePart::Foliage);
            }
            for (std::uint32_t i = 0; i + 1 < std::uint32_t(n); ++i) {
                const std::uint32_t k = first + 2 * i;
                if (side == 0)
                    mesh.indices.insert(mesh.indices.end(), {k, k + 3, k + 1, k, k + 2, k + 3});
                else
                    mesh.indices.insert(mesh.indices.end(), {k, k + 1, k + 3, k, k + 3, k + 2});
            }
        }
    }

private:
    void add(Vec3f p, Vec3f n, Rgba c, TreePart part) {
        mesh.positions.push_back(p);
        mesh.normals.push_back(n);
        mesh.colors.push_back(c);
        mesh.partIds.push_back(std::uint32_t(part));
        // Leaves mottled by the lit shader's turf pattern, bark grained like timber.
        const bool leaves = part == TreePart::Foliage;
        const bool bark =
            part == TreePart::Trunk || part == TreePart::Branch || part == TreePart::PropRoot;
        mesh.surfaces.push_back(leaves ? geo::Surface::Turf
                                : bark ? geo::Surface::Timber
                                       : geo::Surface::Plain);
    }
};

/// Sizes, all in metres, common to every species.
struct Frame {
    float h, r, trunkR;  ///< height, crown radius, trunk radius at breast height
};

const Rgba kBark{0.34f, 0.28f, 0.22f, 1};
const Rgba kGreyBark{0.50f, 0.47f, 0.42f, 1};

/// How a crown's lobes cover its envelope (an ellipsoid of the crown radius across).
struct CrownForm {
    float zBase;  ///< where the crown starts; its top is the tree's height
    int lobes;    ///< lobes on the envelope, besides the core
    float elMin;  ///< lowest lobe, radians of elevation on the envelope (< 0: hangs low)
    float lobe;   ///< lobe radius as a share of the crown radius
    float flat;   ///< lobe height / lobe radius
    float open;   ///< 0 closed and even .. 1 scattered lobes of mixed sizes (longan)
};

/// A crown of lobes spread evenly (a golden-angle spiral) over the upper part of an envelope
/// ellipsoid, around a core lobe: one rounded mass with a lumpy skin, not stacked tiers.
void lobedCrown(Builder& b, const Frame& f, const CrownForm& c, const Quality& q, Rgba leaf,
                float lump, Rng& rng) {
    const float depth = f.h - c.zBase;
    const float vz = 0.58f * depth, zc = f.h - vz;
    const float lr0 = c.lobe * f.r;
    b.lobe({0, 0, zc}, f.r - lr0, vz - c.flat * lr0, q, leaf, lump, rng);
    const float s0 = std::sin(c.elMin), s1 = std::sin(1.35f);
    const float a0 = rng.range(0, 2 * kPi);
    for (int i = 0; i < c.lobes; ++i) {
        const float t = (float(i) + 0.5f) / float(c.lobes);
        const float el = std::asin(s0 + (s1 - s0) * t) + c.open * rng.range(-0.15f, 0.15f);
        const float az = a0 + 2.39996f * float(i) + rng.range(-0.15f, 0.15f);
        const float lr = lr0 * (1.0f - c.open * rng.range(0.0f, 0.35f)) * rng.range(0.9f, 1.05f);
        const float rz = c.flat * lr;
        // Centred so the lobe's outer skin touches the envelope.
        const float hx = (f.r - lr) * std::cos(el), hz = (vz - rz) * std::sin(el);
        b.lobe(horizontal(az, hx, zc + hz), lr, rz, q, leaf, lump, rng);
    }
}

/// Limbs from the trunk's top up and out into the crown: seen below the foliage.
void forkLimbs(Builder& b, const Frame& f, float zFork, float zEnd, float reach, int count,
               const Quality& q, Rgba bark, Rng& rng) {
    const float a0 = rng.range(0, 2 * kPi);
    for (int i = 0; i < count; ++i) {
        const float a = a0 + 2 * kPi * (float(i) + rng.range(-0.15f, 0.15f)) / float(count);
        const float out = reach * f.r * rng.range(0.8f, 1.0f);
        b.limb({horizontal(a, 0.2f * f.trunkR, zFork - 0.3f),
                horizontal(a, 0.45f * out, zFork + 0.45f * (zEnd - zFork)),
                horizontal(a, out, zEnd * rng.range(0.95f, 1.05f))},
               0.55f * f.trunkR, 0.18f * f.trunkR, q.limbSides, bark, TreePart::Branch);
    }
}

/// 樟树: a clear bole, then a dense, rounded, evergreen dome; fresh yellow-green leaves.
void camphor(Builder& b, const Frame& f, const Quality& q, Rng& rng) {
    const float zBase = 0.3f * f.h;
    b.trunk(f.trunkR, 0.6f * f.trunkR, zBase + 0.15f * f.h, 0.45f, 5, q.full ? 12 : 7, kBark);
    if (q.full)
        forkLimbs(b, f, zBase + 0.1f * f.h, 0.55f * f.h, 0.55f, 4, q, kBark, rng);
    lobedCrown(b, f, {zBase, q.full ? 13 : 4, -0.25f, 0.36f, 0.8f, 0.0f}, q,
               {0.30f, 0.46f, 0.17f, 1}, 0.06f, rng);
}

/// 荔枝: a short trunk forking low, a low broad dome whose rim hangs near the ground; deep,
/// dark glossy green.
void lychee(Builder& b, const Frame& f, const Quality& q, Rng& rng) {
    const float zBase = 0.26f * f.h;
    b.trunk(f.trunkR, 0.7f * f.trunkR, zBase + 0.05f * f.h, 0.3f, 4, q.full ? 10 : 6, kBark);
    if (q.full)
        forkLimbs(b, f, zBase, 0.5f * f.h, 0.6f, 4, q, kBark, rng);
    lobedCrown(b, f, {zBase, q.full ? 13 : 4, -0.6f, 0.36f, 0.75f, 0.0f}, q,
               {0.11f, 0.27f, 0.11f, 1}, 0.07f, rng);
}

/// 龙眼: like lychee in build, but a lumpier, more open crown in olive, yellowish green, on a
/// grey, furrowed trunk.
void longan(Builder& b, const Frame& f, const Quality& q, Rng& rng) {
    const float zBase = 0.3f * f.h;
    b.trunk(f.trunkR, 0.65f * f.trunkR, zBase + 0.05f * f.h, 0.3f, 4, q.full ? 10 : 6, kGreyBark);
    if (q.full)
        forkLimbs(b, f, zBase, 0.5f * f.h, 0.65f, 5, q, kGreyBark, rng);
    lobedCrown(b, f, {zBase, q.full ? 11 : 4, -0.45f, 0.36f, 0.75f, 1.0f}, q,
               {0.34f, 0.37f, 0.15f, 1}, 0.14f, rng);
}

/// Any other species: a trunk and a plain crown of lobes.
void broadleaf(Builder& b, const Frame& f, const Quality& q, Rng& rng) {
    const float zBase = 0.4f * f.h;
    b.trunk(f.trunkR, 0.6f * f.trunkR, zBase + 0.1f * f.h, 0.25f, 4, q.full ? 10 : 6, kBark);
    lobedCrown(b, f, {zBase, q.full ? 8 : 3, -0.2f, 0.4f, 0.8f, 0.3f}, q, {0.24f, 0.40f, 0.18f, 1},
               0.1f, rng);
}

/// 木棉: a tall straight grey trunk with a buttressed foot, whorls of horizontal branches in
/// tiers (longest at the bottom), sparse leaf tufts at their ends, and red flowers.
void kapok(Builder& b, const Frame& f, const Quality& q, Rng& rng) {
    b.trunk(f.trunkR, 0.25f * f.trunkR, 0.96f * f.h, 0.7f, 5, q.full ? 12 : 7, kGreyBark);
    // Many small tufts: coarser ones than a dome's lobes keep the tree in its budget.
    Quality tq = q;
    tq.lobeRings = q.full ? 4 : 3;
    tq.lobeSegs = q.full ? 8 : 6;
    const Rgba leaf{0.36f, 0.48f, 0.22f, 1}, flower{0.86f, 0.16f, 0.10f, 1};
    const int tiers = q.full ? 4 : 2;
    const float lowest = 0.42f;
    float a0 = rng.range(0, 2 * kPi);
    for (int t = 0; t < tiers; ++t) {
        const float up = float(t) / float(tiers - 1);  // 0 bottom .. 1 top tier
        const float z = f.h * (lowest + (0.82f - lowest) * up);
        const float len = f.r * (1.0f - 0.55f * up);
        const int count = q.full ? 3 + int(rng.uniform() * 2) : 3;
        for (int i = 0; i < count; ++i) {
            const float a = a0 + 2 * kPi * (float(i) + rng.range(-0.12f, 0.12f)) / float(count);
            const float r0 = f.trunkR * (0.32f - 0.12f * up);
            const Vec3f tip = horizontal(a, 0.8f * len, z + 0.12f * len);
            b.limb({horizontal(a, 0.1f, z), horizontal(a, 0.45f * len, z + 0.02f * len), tip}, r0,
                   0.3f * r0, q.limbSides, kGreyBark, TreePart::Branch);
            // Sparse: a small flat tuft at each tip and one half-way along.
            const float tuft = f.r * rng.range(0.16f, 0.22f);
            b.lobe(tip, tuft, 0.55f * tuft, tq, leaf, 0.15f, rng);
            if (q.full) {
                b.lobe(horizontal(a + 0.1f, 0.5f * len, z + 0.1f * len), 0.7f * tuft, 0.4f * tuft,
                       tq, leaf, 0.15f, rng);
                for (int k = 0; k < 3; ++k) {
                    const Vec3f at = tip + Vec3f{rng.range(-1, 1) * tuft, rng.range(-1, 1) * tuft,
                                                 rng.range(0.2f, 0.6f) * tuft};
                    const float fr = 0.08f + 0.012f * f.h;
                    b.ellipsoid(at, {fr, 0, 0}, {0, fr, 0}, {0, 0, fr}, 2, 4, flower, 0, rng,
                                TreePart::Flower);
                }
            }
        }
        a0 += kPi / float(count);
    }
    const float top = 0.16f * f.r;
    b.lobe({0, 0, f.h - 0.55f * top}, top, 0.55f * top, tq, leaf, 0.15f, rng);
}

/// 榕树 "独木成林": a short buttressed trunk, massive limbs spreading almost level, a wide
/// flat-bottomed canopy, curtains of thin aerial roots (气根) hanging from the limbs and a
/// few prop roots (支柱根) that have reached the ground and thickened into pillars.
void banyan(Builder& b, const Frame& f, const Quality& q, Rng& rng) {
    const Rgba bark{0.40f, 0.36f, 0.31f, 1}, root{0.55f, 0.48f, 0.38f, 1};
    const Rgba leaf{0.15f, 0.32f, 0.14f, 1};
    const float zFork = 0.3f * f.h, zCanopy = 0.45f * f.h;
    b.trunk(f.trunkR, 0.75f * f.trunkR, zFork + 0.05f * f.h, 1.0f, 7, q.full ? 14 : 6, bark);
    // Old banyans' trunks are aerial roots grown together: stems fused around the core.
    const int stems = q.full ? 5 : 0;
    for (int i = 0; i < stems; ++i) {
        const float a = 2 * kPi * (float(i) + rng.range(0, 0.5f)) / float(stems);
        const float sr = f.trunkR * rng.range(0.3f, 0.45f);
        b.tube(horizontal(a, 1.1f * f.trunkR, 1.3f * sr - kBelowGround),
               horizontal(a + rng.range(-0.3f, 0.3f), 0.5f * f.trunkR, zFork), 1.3f * sr, sr,
               q.limbSides, scaled(bark, rng.range(0.9f, 1.1f)), TreePart::Trunk);
    }
    const int limbs = q.full ? 6 + int(rng.uniform() * 3) : 4;
    const float a0 = rng.range(0, 2 * kPi);
    const float rootR = std::max(0.025f, 0.004f * f.h);
    std::vector<std::vector<Vec3f>> paths;
    for (int i = 0; i < limbs; ++i) {
        const float a = a0 + 2 * kPi * (float(i) + rng.range(-0.2f, 0.2f)) / float(limbs);
        const float reach = f.r * rng.range(0.75f, 0.9f);
        paths.push_back({horizontal(a, 0.3f * f.trunkR, zFork - 0.2f),
                         horizontal(a + 0.05f, 0.35f * reach, zFork + 0.1f * f.h),
                         horizontal(a - 0.05f, 0.7f * reach, zCanopy - 0.02f * f.h),
                         horizontal(a, 0.9f * reach, zCanopy + 0.1f * f.h)});
        b.limb(paths.back(), 0.5f * f.trunkR, 0.12f * f.trunkR, q.limbSides, bark,
               TreePart::Branch);
    }
    // The canopy: wide, flat underneath at about half the height.
    lobedCrown(b, f, {zCanopy, q.full ? 13 : 4, -0.3f, 0.32f, 0.6f, 0.2f}, q, leaf, 0.08f, rng);
    // Prop roots: every other limb has put a pillar down to the ground.
    const int props = q.full ? std::max(3, limbs / 2) : 2;
    for (int i = 0; i < props; ++i) {
        const auto& p = paths[std::size_t(i * limbs / props)];
        const float t = rng.range(0.55f, 0.8f);
        const Vec3f top = p[2] * t + p[3] * (1.0f - t);
        const float pr = std::max(0.12f, 0.2f * f.trunkR);
        const Vec3f foot{top.x, top.y, -kBelowGround};
        b.tube(foot, {top.x, top.y, 0.4f}, 1.5f * pr, pr, q.limbSides + 1, bark,
               TreePart::PropRoot);
        b.tube({top.x, top.y, 0.4f}, top, pr, 0.8f * pr, q.limbSides + 1, bark, TreePart::PropRoot);
    }
    // Aerial roots in curtains along the outer limbs, of every length down towards the soil.
    const int curtains = q.full ? 3 : 1, strands = q.full ? 4 : 2;
    for (const auto& p : paths) {
        for (int c = 0; c < curtains; ++c) {
            const float t = rng.range(0.2f, 1.0f);
            const Vec3f start = p[2] * (1.0f - t) + p[3] * t;
            for (int s = 0; s < strands; ++s) {
                const Vec3f at = start + Vec3f{rng.range(-0.5f, 0.5f), rng.range(-0.5f, 0.5f), 0};
                const float len = at.z * rng.range(0.35f, 0.92f);
                const Vec3f mid =
                    at + Vec3f{rng.range(-0.2f, 0.2f), rng.range(-0.2f, 0.2f), -0.5f * len};
                b.limb({at, mid, at - Vec3f{0, 0, len}}, rootR * rng.range(0.8f, 1.6f), rootR,
                       q.rootSides, root, TreePart::AerialRoot);
            }
        }
    }
}

/// 竹 bamboo clump (丛生竹): culms from a tight clump, leaning out more the further from its
/// centre and arching over at the top like a fountain, clothed in their upper half by
/// narrow, drooping sprays of leaves that hide most of the culms.
void bamboo(Builder& b, const Frame& f, const Quality& q, Rng& rng) {
    const Rgba culm{0.42f, 0.50f, 0.22f, 1}, leaf{0.30f, 0.48f, 0.18f, 1};
    const int culms = q.full ? 16 : 6;
    const float clump = std::max(0.3f, 0.15f * f.r);
    // Culms thin enough to vanish at a distance are drawn at least a few centimetres thick.
    const float cr = std::max(f.trunkR, 0.004f * f.h);
    for (int i = 0; i < culms; ++i) {
        const float a = 2 * kPi * (float(i) + rng.range(0, 0.8f)) / float(culms);
        const float d = clump * std::sqrt(rng.range(0.1f, 1.0f));
        const float lean = 0.1f + 0.5f * (d / clump) * rng.range(0.7f, 1.0f);
        const float len = f.h * rng.range(0.8f, 1.0f);
        const Vec3f out{std::cos(a), std::sin(a), 0};
        // Sunk by its radius less, so the rim of a leaning culm stays within kBelowGround.
        const Vec3f base = out * d + Vec3f{0, 0, cr - kBelowGround};
        std::vector<Vec3f> pts;
        const int segs = 3;
        for (int k = 0; k <= segs; ++k) {
            const float t = float(k) / float(segs);
            // Straight below, arching outwards and over at the top.
            const float across = len * (std::sin(lean) * t + 0.3f * t * t * t);
            const float up = len * std::cos(lean) * t * (1.0f - 0.15f * t * t);
            pts.push_back(base + out * across + Vec3f{0, 0, up});
        }
        b.limb(pts, cr, 0.5f * cr, q.full ? 5 : 3, culm, TreePart::Trunk);
        // Sprays from the upper half of the culm, alternately left and right, drooping out.
        const int sprays = q.full ? 5 : 2;
        for (int s = 0; s < sprays; ++s) {
            const float t = 0.3f + 0.7f * (float(s) + 0.5f) / float(sprays);
            const float seg = t * float(segs);
            const auto k = std::min(std::size_t(seg), std::size_t(segs - 1));
            const float u = seg - float(k);
            const Vec3f at = pts[k] * (1.0f - u) + pts[k + 1] * u;
            const Vec3f sideways = cross({0, 0, 1}, out) * ((s % 2) ? 1.0f : -1.0f);
            const float half = f.h * rng.range(0.12f, 0.16f) * (1.2f - 0.4f * t);
            const Vec3f along = normalized(out * 0.8f + sideways * rng.range(0.3f, 0.8f) +
                                           Vec3f{0, 0, rng.range(-0.6f, -0.1f)});
            const Vec3f side = normalized(cross({0, 0, 1}, along));
            const Vec3f third = cross(along, side);
            b.ellipsoid(at + along * (0.8f * half), along * half, side * (0.5f * half),
                        third * (0.25f * half), 3, 5, leaf, 0.1f, rng, TreePart::Foliage);
        }
    }
}

/// 芭蕉/香蕉: a smooth green pseudostem and a crown of long paddle leaves that rise and arch
/// over, the outer ones drooping; a dry brown leaf hangs against the stem.
void banana(Builder& b, const Frame& f, const Quality& q, Rng& rng) {
    const Rgba stem{0.44f, 0.52f, 0.26f, 1}, leaf{0.32f, 0.54f, 0.20f, 1},
        dry{0.52f, 0.44f, 0.26f, 1};
    const float top = 0.55f * f.h;
    b.trunk(f.trunkR, 0.8f * f.trunkR, top, 0.1f, 3, q.full ? 8 : 4, stem);
    const int leaves = q.full ? 8 : 4, segs = q.full ? 6 : 2;
    const float length = 0.55f * f.h;
    const float a0 = rng.range(0, 2 * kPi);
    for (int i = 0; i < leaves + (q.full ? 1 : 0); ++i) {
        const bool withered = i == leaves;
        const float az = a0 + 2.39996f * float(i) + rng.range(-0.2f, 0.2f);
        const Vec3f out{std::cos(az), std::sin(az), 0};
        const Vec3f across{-out.y, out.x, 0};
        // Young leaves stand up; older ones (later in the spiral) lean out and droop more.
        const float age = float(i) / float(leaves);
        float pitch = withered ? -1.2f : rng.range(0.9f, 1.2f) - 0.5f * age;
        const float droop = withered ? 0.2f : rng.range(1.3f, 2.0f) * (0.7f + 0.5f * age);
        std::vector<Vec3f> rib{Vec3f{0, 0, top - 0.05f * f.h * age}};
        std::vector<float> widths{0.02f * length};
        const float len = withered ? 0.6f * length : length * rng.range(0.85f, 1.05f);
        for (int k = 1; k <= segs; ++k) {
            const float t = float(k) / float(segs);
            const float a = pitch - droop * t * t;
            rib.push_back(rib.back() +
                          (out * std::cos(a) + Vec3f{0, 0, std::sin(a)}) * (len / float(segs)));
            widths.push_back(0.26f * len *
                             std::sqrt(std::max(std::sin(kPi * (0.12f + 0.88f * t)), 0.0f)) *
                             (withered ? 0.5f : 1.0f));
        }
        b.blade(rib, widths, across, withered ? dry : scaled(leaf, rng.range(0.9f, 1.1f)));
    }
}

/// A low evergreen shrub (九里香, 福建茶 hedges, wild shrubs by the fields): a few dense lobes
/// from the ground up, no trunk seen.
void shrub(Builder& b, const Frame& f, const Quality& q, Rng& rng) {
    const std::size_t first = b.mesh.positions.size();
    Quality sq = q;  // coarse lobes: shrubs are many and small
    sq.lobeRings = q.full ? 4 : 3;
    sq.lobeSegs = q.full ? 7 : 5;
    const Rgba leaf{0.20f, 0.36f, 0.15f, 1};
    const float rz = 0.5f * f.h;
    b.lobe({0, 0, 0.9f * rz}, 0.7f * f.r, rz, sq, leaf, 0.12f, rng);
    const int more = q.full ? 3 : 1;
    const float a0 = rng.range(0, 2 * kPi);
    for (int i = 0; i < more; ++i) {
        const float az = a0 + 2 * kPi * float(i) / float(more);
        const float r = f.r * rng.range(0.4f, 0.55f);
        b.lobe(horizontal(az, f.r - r, 0.8f * r), r, 0.8f * r, sq,
               scaled(leaf, rng.range(0.9f, 1.15f)), 0.12f, rng);
    }
    // Lobes rest on the ground: what would reach below it is flattened onto it.
    for (std::size_t i = first; i < b.mesh.positions.size(); ++i)
        b.mesh.positions[i].z = std::max(b.mesh.positions[i].z, 0.0f);
}

/// Scales the model about its axis so its mean crown spread (the E-W and N-S widths) is
/// exactly `crown` and its top exactly `height`: the generators place lobes by rule and
/// chance, and the record's measurements must hold.
void fitTo(geo::Mesh& m, float height, float crown) {
    const geo::Bounds bb = geo::boundsOf(m);
    const float spread = 0.5f * ((bb.max.x - bb.min.x) + (bb.max.y - bb.min.y));
    if (spread <= 0 || bb.max.z <= 0)
        return;
    const float sxy = crown / spread, sz = height / bb.max.z;
    for (Vec3f& p : m.positions)
        p = {p.x * sxy, p.y * sxy, p.z > 0 ? p.z * sz : p.z};
    for (Vec3f& n : m.normals)
        n = normalized({n.x / sxy, n.y / sxy, n.z / sz});
}

}  // namespace

geo::Mesh treeModel(const TreeShape& shape, TreeDetail detail) {
    const float h =
        float(std::clamp(std::isfinite(shape.heightM) ? shape.heightM : 12.0, 1.5, 80.0));
    const float crown =
        float(std::clamp(std::isfinite(shape.crownM) ? shape.crownM : 10.0, 0.5, 80.0));
    const double dbh = shape.dbhCm > 0 && std::isfinite(shape.dbhCm)
                           ? shape.dbhCm
                           : defaultDbhCm(shape.species, double(h));
    Frame f{h, 0.5f * crown, float(dbh / 200.0)};
    // A trunk never outgrows the crown it carries (a DBH typed in millimetres, say).
    if (shape.species != TreeSpecies::Bamboo)
        f.trunkR = std::clamp(f.trunkR, 0.04f, 0.3f * f.r);
    else
        f.trunkR = std::clamp(f.trunkR, 0.01f, 0.15f);
    const Quality q = qualityFor(detail);
    Rng rng(shape.seed);
    Builder b;
    switch (shape.species) {
        case TreeSpecies::Banyan:
            banyan(b, f, q, rng);
            break;
        case TreeSpecies::Camphor:
            camphor(b, f, q, rng);
            break;
        case TreeSpecies::Lychee:
            lychee(b, f, q, rng);
            break;
        case TreeSpecies::Longan:
            longan(b, f, q, rng);
            break;
        case TreeSpecies::Kapok:
            kapok(b, f, q, rng);
            break;
        case TreeSpecies::Bamboo:
            bamboo(b, f, q, rng);
            break;
        case TreeSpecies::Banana:
            banana(b, f, q, rng);
            break;
        case TreeSpecies::Shrub:
            shrub(b, f, q, rng);
            break;
        case TreeSpecies::Broadleaf:
            broadleaf(b, f, q, rng);
            break;
    }
    fitTo(b.mesh, h, crown);
    return std::move(b.mesh);
}

}  // namespace cunjing::heritage
