// The after state drawn onto a generated building: repaints, new windows and doors, screened
// AC units, the unified sign band (统一招牌) and 四小园 planters. Sizes are everyday ones [E]:
// a planter 0.5 m high and 0.8 m deep, a sign band 0.45-0.7 m tall over the shop doors.
#include "InterventionsParts.h"

#include "Typology.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>

namespace cunjing::architecture {

namespace {

constexpr unsigned kSides = kAllFaces & ~(kNegZ | kPosZ);

std::set<MaterialId> roleMaterials(const ResolvedTypology& r,
                                   std::initializer_list<const char*> roles) {
    std::set<MaterialId> out;
    for (const char* role : roles) {
        if (const auto it = r.palette.find(role); it != r.palette.end())
            out.insert(it->second.begin(), it->second.end());
    }
    return out;
}

double dimOr(const ResolvedTypology& r, const char* name, double fallback) {
    const auto it = r.dimensions.find(name);
    return it == r.dimensions.end() ? fallback : it->second;
}

/// Sets the colour (and material, when given) of every part of `kinds` whose material is in
/// `from`. Faces never share vertices across parts, so only those parts change.
bool repaint(BuildingMesh& b, std::initializer_list<PartKind> kinds,
             const std::set<MaterialId>& from, const geo::Rgba& colour,
             MaterialId to = kNoMaterial) {
    bool changed = false;
    for (PartRange& part : b.parts) {
        if (std::find(kinds.begin(), kinds.end(), part.kind) == kinds.end() ||
            !from.count(part.material))
            continue;
        for (std::uint32_t i = part.firstIndex; i < part.firstIndex + part.indexCount; ++i)
            b.mesh.colors[b.mesh.indices[i]] = colour;
        if (to != kNoMaterial && to != part.material) {
            part.material = to;
            changed = true;
        }
    }
    return changed;
}

/// Every window frame and door leaf material in the palette's window and door roles, and
/// what the wall is: the parts a repaint or a new window touches.
struct Palette {
    std::set<MaterialId> walls, roof, window, door;
};

/// The part of the after state that changes what the generator drew rather than adding.
void recolour(const Style& style, const Palette& pal, const Interventions& iv,
              const InterventionPaints& p, bool flatRoofed, BuildingMesh& b) {
    bool resort = false;
    if (iv.wallColour)
        repaint(b, {PartKind::Walls, PartKind::Gables}, pal.walls, *iv.wallColour);
    // A flat roof's screed is no tile: roof_colour only colours tiles (a cap brings its own).
    if (iv.roofColour && !flatRoofed)
        repaint(b, {PartKind::Roof}, pal.roof, *iv.roofColour);
    if (iv.windows != WindowType::Original) {
        // Frames, sills and reveals take the new frame; the dark glass stays.
        std::set<MaterialId> frames;
        for (const PartRange& part : b.parts) {
            if (part.kind == PartKind::Windows && !pal.window.count(part.material))
                frames.insert(part.material);
        }
        resort |= repaint(b, {PartKind::Windows}, frames, p.lattice.color, p.lattice.material);
    }
    if (iv.doors != DoorType::Original) {
        const auto m =
            materialId(style, iv.doors == DoorType::Glass ? "door-glass" : "door-hardwood");
        resort |= repaint(b, {PartKind::Doors}, pal.door, style.materials[*m].color, *m);
    }
    if (resort)
        mergeParts(b, {});  // part runs sorted by kind and material again
}

// ---- windows --------------------------------------------------------------------------

/// 满洲窗-like timber lattice (or an aluminium frame's mullion and transom) just in front of
/// a street-facing window's leaf.
void addLattice(MeshBuilder& b, const Paint& paint, const WindowOpening& w, bool timber) {
    // windowOpenings gives the wall face; the leaf stands its 0.12 m recess behind it.
    const double leafY = w.cy - 0.12 * w.ny;
    b.setFrame(Frame::at(w.cx, leafY, 0, std::atan2(w.nx, -w.ny)));
    const double hw = 0.5 * w.width, z0 = w.z0, z1 = w.z1, d = 0.035;
    const double frame = timber ? 0.06 : 0.045, bar = timber ? 0.03 : 0.035;
    b.addBox({-hw, -d, z0}, {hw, 0, z0 + frame}, kAllFaces & ~kPosY, paint);
    b.addBox({-hw, -d, z1 - frame}, {hw, 0, z1}, kAllFaces & ~kPosY, paint);
    for (const double x : {-hw, hw - frame})
        b.addBox({x, -d, z0 + frame}, {x + frame, 0, z1 - frame}, kSides & ~kPosY, paint);
    const int columns = timber ? std::max(2, static_cast<int>(std::lround(w.width / 0.22))) : 2;
    const int rows = timber ? std::max(2, static_cast<int>(std::lround((z1 - z0) / 0.26)))
                            : 3;  // aluminium: a transom a third down
    for (int i = 1; i < columns; ++i) {
        const double x = -hw + 2 * hw * i / columns;
        b.addBox({x - 0.5 * bar, -d + 0.005, z0 + frame}, {x + 0.5 * bar, -0.005, z1 - frame},
                 kSides & ~kPosY, paint);
    }
    for (int k = timber ? 1 : 2; k < rows; ++k) {
        const double z = z0 + (z1 - z0) * k / rows;
        b.addBox({-hw + frame, -d + 0.005, z - 0.5 * bar}, {hw - frame, -0.005, z + 0.5 * bar},
                 kAllFaces & ~kPosY, paint);
    }
    if (timber && columns >= 3 && rows >= 3) {
        // The 满洲窗 centre: a square frame across the middle panes.
        const double cx = 0.28 * w.width, cz = 0.5 * (z0 + z1), h = 0.22 * (z1 - z0);
        b.addBox({-cx, -d - 0.01, cz - h}, {cx, -d + 0.01, cz - h + bar}, kAllFaces, paint);
        b.addBox({-cx, -d - 0.01, cz + h - bar}, {cx, -d + 0.01, cz + h}, kAllFaces, paint);
        for (const double x : {-cx, cx - bar})
            b.addBox({x, -d - 0.01, cz - h + bar}, {x + bar, -d + 0.01, cz + h - bar}, kSides,
                     paint);
    }
    b.setFrame({});
}

// ---- AC screens ----------------------------------------------------------------------------

/// A louvred timber box round one outdoor unit (AcUnitSpot's size), open to the wall: slats
/// tilted down and out shed rain, the unit still breathes.
void addAcScreen(MeshBuilder& b, const Paint& paint, const AcUnitSpot& s) {
    const double x0 = s.u - 0.52, x1 = s.u + 0.6, y0 = -0.5, z0 = s.z - 0.12, z1 = s.z + 0.7;
    const double post = 0.04, slat = 0.05, step = 0.085;
    b.addBox({x0 - 0.03, y0 - 0.03, z1}, {x1 + 0.03, 0, z1 + 0.04}, kAllFaces, paint);
    b.addBox({x0, y0, z0 - 0.04}, {x1, 0, z0}, kAllFaces, paint);
    for (const double x : {x0, x1 - post}) {
        for (const double y : {y0, -post})
            b.addBox({x, y, z0}, {x + post, y + post, z1}, kSides, paint);
    }
    for (double z = z0 + 0.02; z + slat < z1; z += step) {
        // Front slats lean out at the foot; side slats are plain boards between the posts.
        b.addHexahedron(
            {V3{x0 + post, y0, z}, V3{x1 - post, y0, z}, V3{x1 - post, y0 + 0.05, z + 0.03},
             V3{x0 + post, y0 + 0.05, z + 0.03}, V3{x0 + post, y0, z + slat},
             V3{x1 - post, y0, z + slat}, V3{x1 - post, y0 + 0.05, z + slat + 0.03},
             V3{x0 + post, y0 + 0.05, z + slat + 0.03}},
            kAllFaces, paint);
        for (const double x : {x0, x1 - 0.025})
            b.addBox({x, y0 + post, z}, {x + 0.025, -post, z + slat}, kAllFaces, paint);
    }
}

// ---- sign band -----------------------------------------------------------------------------

/// The highest door head on the street front below `below` (0 when there is none).
double doorHead(const BuildingMesh& building, const StreetFront& f, double below) {
    double head = 0;
    const geo::Mesh& m = building.mesh;
    for (const PartRange& part : building.parts) {
        if (part.kind != PartKind::Doors)
            continue;
        for (std::uint32_t i = part.firstIndex; i < part.firstIndex + part.indexCount; ++i) {
            const geo::Vec3f& v = m.positions[m.indices[i]];
            if (m.normals[m.indices[i]].y < -0.9f && v.z < below && v.x > f.x0 && v.x < f.x1)
                head = std::max(head, static_cast<double>(v.z));
        }
    }
    return head;
}

/// The most forward face of the front between z0 and z1 (slab bands, pilasters), ignoring
/// balconies that stand well out.
double frontFace(const BuildingMesh& building, const StreetFront& f, double z0, double z1) {
    double y = f.y;
    const geo::Mesh& m = building.mesh;
    for (std::size_t t = 0; t + 2 < m.indices.size(); t += 3) {
        geo::Bounds bb;
        for (std::size_t k = t; k < t + 3; ++k)
            bb.expand(m.positions[m.indices[k]]);
        if (bb.max.z <= z0 || bb.min.z >= z1 || bb.max.x <= f.x0 || bb.min.x >= f.x1)
            continue;
        if (bb.min.y >= f.y - 0.3 && bb.min.y < y)
            y = bb.min.y;
    }
    return y;
}

void addSignBand(MeshBuilder& b, const InterventionPaints& p, const BuildingMesh& building,
                 const StreetFront& f, double groundTop) {
    const double head = doorHead(building, f, groundTop);
    double z0 = std::max(groundTop - 0.7, head + 0.05);
    if (groundTop - z0 < 0.45)
        z0 = groundTop - 0.45;
    const double z1 = groundTop, y1 = frontFace(building, f, z0, z1), y0 = y1 - 0.12;
    b.addBox({f.x0, y0, z0}, {f.x1, y1, z1}, kAllFaces & ~kPosY, p.board);
    // The gold border: top and bottom strips, the ends, and a division at every shop.
    const double g = 0.035, gy = y0 - 0.012;
    for (const double z : {z0 + 0.03, z1 - 0.03 - g})
        b.addBox({f.x0 + 0.03, gy, z}, {f.x1 - 0.03, y0, z + g}, kAllFaces & ~kPosY, p.gold);
    std::vector<double> divisions{f.x0 + 0.03, f.x1 - 0.03 - g};
    for (const Mass& m : building.masses) {
        double x0 = 1e30, y = 1e30;
        for (const Point2& q : m.footprint)
            x0 = std::min(x0, q.x), y = std::min(y, q.y);
        if (y < f.y + 0.5 && x0 > f.x0 + 0.5)
            divisions.push_back(x0 - 0.5 * g);
    }
    for (const double x : divisions)
        b.addBox({x, gy, z0 + 0.03 + g}, {x + g, y0, z1 - 0.03 - g}, kSides & ~kPosY, p.gold);
}

// ---- 四小园 planters ------------------------------------------------------------------------

struct Span {
    double x0, x1;
};

/// Where planters may stand along the front: the frontage less the doors near it (with room
/// to pass), or for an arcade (骑楼) only against the piers, the footway kept open.
std::vector<Span> planterSpans(const ResolvedTypology& r, const BuildingMesh& building,
                               const StreetFront& f) {
    std::vector<Span> out;
    if (r.dimensions.count("arcadeDepth") && r.dimensions.count("bayWidth")) {
        const double bw = r.dimensions.at("bayWidth");
        for (double x = f.x0; x <= f.x1 + 0.01; x += bw)
            out.push_back({std::max(f.x0, x - 0.5), std::min(f.x1, x + 0.5)});
        return out;
    }
    std::vector<Span> doors;
    const geo::Mesh& m = building.mesh;
    for (const PartRange& part : building.parts) {
        if (part.kind != PartKind::Doors)
            continue;
        for (std::uint32_t i = part.firstIndex; i + 2 < part.firstIndex + part.indexCount; i += 3) {
            geo::Bounds bb;
            for (std::uint32_t k = i; k < i + 3; ++k)
                bb.expand(m.positions[m.indices[k]]);
            if (bb.min.y < f.y + 0.5 && bb.min.z < f.base + 0.5)
                doors.push_back({bb.min.x - 0.4, bb.max.x + 0.4});
        }
    }
    std::sort(doors.begin(), doors.end(), [](const Span& a, const Span& b) { return a.x0 < b.x0; });
    double x = f.x0 + 0.15;
    for (const Span& d : doors) {
        if (d.x0 - x >= 0.8)
            out.push_back({x, d.x0});
        x = std::max(x, d.x1);
    }
    if (f.x1 - 0.15 - x >= 0.8)
        out.push_back({x, f.x1 - 0.15});
    return out;
}

/// A low rounded shrub: a bevelled lower body and a smaller crown over it.
void addShrub(MeshBuilder& b, const Paint& paint, double cx, double cy, double w, double d,
              double z, double h) {
    const auto ring = [&](double sx, double sy, double zz) {
        return std::array<V3, 4>{V3{cx - sx, cy - sy, zz}, V3{cx + sx, cy - sy, zz},
                                 V3{cx + sx, cy + sy, zz}, V3{cx - sx, cy + sy, zz}};
    };
    const auto lo = ring(0.4 * w, 0.4 * d, z), mid = ring(0.5 * w, 0.5 * d, z + 0.5 * h),
               top = ring(0.28 * w, 0.28 * d, z + h);
    b.addHexahedron({lo[0], lo[1], lo[2], lo[3], mid[0], mid[1], mid[2], mid[3]},
                    kAllFaces & ~(kNegZ | kPosZ), paint);
    b.addHexahedron({mid[0], mid[1], mid[2], mid[3], top[0], top[1], top[2], top[3]},
                    kAllFaces & ~kNegZ, paint);
}

void addPlanters(MeshBuilder& b, const InterventionPaints& p, const std::vector<Span>& spans,
                 const StreetFront& f, std::uint32_t seed) {
    const double h = 0.5, depth = 0.8, rim = 0.07, y1 = f.y - 0.03, y0 = y1 - depth;
    int n = 0;
    for (const Span& s : spans) {
        b.addBox({s.x0, y0, f.base}, {s.x1, y1, f.base + h}, kAllFaces & ~(kNegZ | kPosZ),
                 p.planter);
        // The rim round the top, the soil a little below it.
        b.addBox({s.x0, y0, f.base + h}, {s.x1, y0 + rim, f.base + h + 0.04}, kAllFaces, p.planter);
        b.addBox({s.x0, y1 - rim, f.base + h}, {s.x1, y1, f.base + h + 0.04}, kAllFaces, p.planter);
        for (const double x : {s.x0, s.x1 - rim})
            b.addBox({x, y0 + rim, f.base + h}, {x + rim, y1 - rim, f.base + h + 0.04}, kAllFaces,
                     p.planter);
        const double soil = f.base + h - 0.06;
        b.addQuad({s.x0 + rim, y0 + rim, soil}, {s.x1 - rim, y0 + rim, soil},
                  {s.x1 - rim, y1 - rim, soil}, {s.x0 + rim, y1 - rim, soil}, {0, 0, 1}, p.soil);
        const int shrubs = std::max(1, static_cast<int>(std::lround((s.x1 - s.x0) / 0.7)));
        const double step = (s.x1 - s.x0) / shrubs;
        for (int i = 0; i < shrubs; ++i, ++n) {
            const auto u = [&](const char* salt) {
                return seededUnit(seed, std::string("shrub/") + salt + "/" + std::to_string(n));
            };
            const Paint& green = p.shrubs[static_cast<std::size_t>(u("colour") * p.shrubs.size())];
            addShrub(b, green, s.x0 + (i + 0.5) * step + (u("x") - 0.5) * 0.15 * step,
                     0.5 * (y0 + y1), std::min(step, 0.55 + 0.3 * u("w")), depth - 2 * rim, soil,
                     0.35 + 0.3 * u("h"));
        }
    }
}

/// The top of the ground storey on the front: the typology's own storey heights where it
/// has them (骑楼 groundStoreyHeight, 自建房 storeyHeight), else a door head's height up.
double groundStoreyTop(const ResolvedTypology& r, const BuildingMesh& building,
                       const StreetFront& f) {
    if (r.dimensions.count("groundStoreyHeight"))
        return f.base + r.dimensions.at("groundStoreyHeight");
    if (r.dimensions.count("storeyHeight") && f.storeys > 1)
        return f.base + dimOr(r, "plinthHeight", 0) + r.dimensions.at("storeyHeight");
    const double head = doorHead(building, f, f.eave);
    return std::min(f.eave - 0.1, std::max(head + 0.6, f.base + 2.8));
}

}  // namespace

double signBandTop(const ResolvedTypology& r, const BuildingMesh& building) {
    return groundStoreyTop(r, building, streetFront(building.masses));
}

Status drawInterventions(const Style& style, const ResolvedTypology& r, const Interventions& iv,
                         const Conditions& c, std::uint32_t seed, std::uint32_t partId,
                         BuildingMesh& building) {
    if (!iv.any())
        return Done{};
    std::vector<Error> errors;
    const auto paint = [&](const char* id, PartKind kind) {
        return stylePaint(style, id, kind, "plan interventions", errors);
    };
    const auto role = [&](const char* name, PartKind kind) {
        const auto it = r.palette.find(name);
        if (it == r.palette.end() || it->second.empty())
            return Paint{};
        const MaterialId m = it->second.front();
        return Paint{style.materials[m].color, kind, m};
    };
    InterventionPaints p;
    const Paint roofRole = role("roof", PartKind::Roof);
    // The cap is tiled: the palette's roof if that is a tile, else the style's grey tile.
    p.tile = roofRole.visible() && style.materials[roofRole.material].surface == "tile"
                 ? roofRole
                 : paint("grey-tile", PartKind::Roof);
    if (iv.roofColour)
        p.tile.color = *iv.roofColour;
    p.soffit = role("soffit", PartKind::Roof);
    p.fascia = role("fascia", PartKind::Roof);
    p.ridge = role("ridge", PartKind::Ridge);
    p.gableWall = role("frontWall", PartKind::Gables);
    if (iv.wallColour)
        p.gableWall.color = *iv.wallColour;
    p.gableBand = role("band", PartKind::Gables);
    if (iv.windows != WindowType::Original)
        p.lattice =
            paint(iv.windows == WindowType::TimberLattice ? "window-timber" : "window-aluminium",
                  PartKind::Windows);
    if (iv.doors != DoorType::Original)
        paint(iv.doors == DoorType::Glass ? "door-glass" : "door-hardwood", PartKind::Doors);
    if (iv.acScreens)
        p.screen = paint("ac-screen", PartKind::Ornaments);
    if (iv.signBand) {
        p.board = paint("sign-band", PartKind::Ornaments);
        p.gold = paint("sign-band-gold", PartKind::Ornaments);
    }
    if (iv.greening) {
        p.planter = paint("planter", PartKind::Plinth);
        p.soil = paint("planter-soil", PartKind::Plinth);
        for (const char* id : {"shrub-green", "shrub-dark", "shrub-light"})
            p.shrubs.push_back(paint(id, PartKind::Ornaments));
    }
    if (iv.roofCap)
        paint("grey-tile", PartKind::Roof);
    if (!errors.empty())
        return Status::failure(std::move(errors));

    const bool capped = capsFlatRoof(iv, building.masses);
    const bool flatRoofed = std::any_of(building.masses.begin(), building.masses.end(),
                                        [](const Mass& m) { return m.flatRoof; });
    const Palette pal{roleMaterials(r, {"wall", "frontWall"}), roleMaterials(r, {"roof"}),
                      roleMaterials(r, {"window"}), roleMaterials(r, {"door"})};
    recolour(style, pal, iv, p, flatRoofed, building);
    CapMeasures cap;
    cap.pitchDeg = iv.roofCapPitchDeg;
    cap.parapet = dimOr(r, "parapetHeight", 1.0);
    cap.thickness = dimOr(r, "roofThickness", 0.12);
    cap.overhang = std::clamp(dimOr(r, "roofOverhang", 0.35), 0.2, 0.5);
    cap.sag = dimOr(r, "roofSag", 0.1);
    cap.tileSpacing = dimOr(r, "tileRowSpacing", 0.5);
    cap.ridgeCap = dimOr(r, "ridgeCapHeight", 0.25);
    cap.segments = static_cast<int>(dimOr(r, "curveSegments", 10));
    if (capped)
        clearCappedRoofs(building, cap);

    MeshBuilder b(partId);
    const StreetFront front = streetFront(building.masses);
    if (capped)
        addRoofCaps(b, p, cap, building.masses);
    if (iv.windows != WindowType::Original) {
        for (const WindowOpening& w : windowOpenings(building)) {
            if (w.ny < -0.5)  // the street side only
                addLattice(b, p.lattice, w, iv.windows == WindowType::TimberLattice);
        }
    }
    if (iv.acScreens && c.acUnits > 0) {
        b.setFrame(Frame::at(0, front.y, 0, 0));
        for (const AcUnitSpot& s : acUnitSpots(front, c.acUnits, seed, c.acUnitsFromZ))
            addAcScreen(b, p.screen, s);
        b.setFrame({});
    }
    if (iv.signBand)
        addSignBand(b, p, building, front, groundStoreyTop(r, building, front));
    if (iv.greening)
        addPlanters(b, p, planterSpans(r, building, front), front, seed);
    // Nothing added (a cap asked of a pitched roof, screens with no units): the mesh stays
    // exactly as built.
    if (b.triangleCount() > 0)
        mergeParts(building, b.takeBuilding());
    return Done{};
}

}  // namespace cunjing::architecture
