#include <cunjing/architecture/VillagePlan.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <numbers>

namespace cunjing::architecture {

namespace {

constexpr double kDegree = std::numbers::pi / 180;

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

Point2 rotated(Point2 p, double headingDeg) {
    const double c = std::cos(headingDeg * kDegree), s = std::sin(headingDeg * kDegree);
    return {p.x * c - p.y * s, p.x * s + p.y * c};
}

}  // namespace

// ---- geometry ---------------------------------------------------------------------------

double headingForFacing(double facingDeg) {
    double h = std::fmod(180.0 - facingDeg, 360.0);
    if (h <= -180)
        h += 360;
    else if (h > 180)
        h -= 360;
    return h;
}

double ringArea(const std::vector<Point2>& ring) {
    double twice = 0;
    for (std::size_t i = 0, n = ring.size(); i < n; ++i) {
        const Point2& a = ring[i];
        const Point2& b = ring[(i + 1) % n];
        twice += a.x * b.y - b.x * a.y;
    }
    return 0.5 * twice;
}

Point2 ringCentroid(const std::vector<Point2>& ring) {
    if (ring.empty())
        return {};
    // Relative to the first point: plan coordinates are ~10^6 m, and products of those lose
    // the centimetres the footprint round trip needs.
    const Point2 o = ring.front();
    double twice = 0, cx = 0, cy = 0;
    for (std::size_t i = 0, n = ring.size(); i < n; ++i) {
        const Point2 a{ring[i].x - o.x, ring[i].y - o.y};
        const Point2 b{ring[(i + 1) % n].x - o.x, ring[(i + 1) % n].y - o.y};
        const double cross = a.x * b.y - b.x * a.y;
        twice += cross;
        cx += (a.x + b.x) * cross;
        cy += (a.y + b.y) * cross;
    }
    if (std::abs(twice) < 1e-12) {
        Point2 mean;
        for (const Point2& p : ring) {
            mean.x += p.x / static_cast<double>(ring.size());
            mean.y += p.y / static_cast<double>(ring.size());
        }
        return mean;
    }
    return {o.x + cx / (3 * twice), o.y + cy / (3 * twice)};
}

LocalBox massBounds(const BuildingMesh& building) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    LocalBox box{inf, inf, -inf, -inf};
    for (const Mass& m : building.masses) {
        for (const Point2& p : m.footprint) {
            box.x0 = std::min(box.x0, p.x);
            box.y0 = std::min(box.y0, p.y);
            box.x1 = std::max(box.x1, p.x);
            box.y1 = std::max(box.y1, p.y);
        }
    }
    if (box.x0 > box.x1) {  // no masses: the mesh itself
        const geo::Bounds b = geo::boundsOf(building.mesh);
        box = {b.min.x, b.min.y, b.max.x, b.max.y};
    }
    return box;
}

Placement placeOnFootprint(const BuildingMesh& building, const BuildingFootprint& footprint) {
    const LocalBox box = massBounds(building);
    Placement p;
    p.headingDeg = headingForFacing(footprint.facingDeg);
    const Point2 centre = rotated({0.5 * (box.x0 + box.x1), 0.5 * (box.y0 + box.y1)}, p.headingDeg);
    const Point2 target = ringCentroid(footprint.outline);
    p.x = target.x - centre.x;
    p.y = target.y - centre.y;
    return p;
}

std::vector<Point2> footprintOutline(const BuildingMesh& building, const Placement& at) {
    const LocalBox b = massBounds(building);
    std::vector<Point2> ring;
    for (const Point2 corner :
         {Point2{b.x0, b.y0}, Point2{b.x1, b.y0}, Point2{b.x1, b.y1}, Point2{b.x0, b.y1}}) {
        const Point2 r = rotated(corner, at.headingDeg);
        ring.push_back({r.x + at.x, r.y + at.y});
    }
    return ring;
}

std::string_view groundKindName(GroundKind kind) {
    switch (kind) {
        case GroundKind::Forecourt:
            return "forecourt";
        case GroundKind::Pond:
            return "pond";
        case GroundKind::Huatai:
            return "huatai";
        case GroundKind::Lane:
            return "lane";
    }
    return "forecourt";
}

std::optional<GroundKind> parseGroundKind(std::string_view name) {
    for (GroundKind k :
         {GroundKind::Forecourt, GroundKind::Pond, GroundKind::Huatai, GroundKind::Lane}) {
        if (lower(trimmed(name)) == groundKindName(k))
            return k;
    }
    return std::nullopt;
}

void translatePlan(VillagePlan& plan, double dx, double dy) {
    auto move = [dx, dy](std::vector<Point2>& ring) {
        for (Point2& p : ring) {
            p.x += dx;
            p.y += dy;
        }
    };
    for (BuildingFootprint& b : plan.buildings)
        move(b.outline);
    for (GroundArea& g : plan.ground)
        move(g.outline);
    for (PlannedTree& t : plan.trees) {
        t.at.x += dx;
        t.at.y += dy;
    }
}

// ---- params field -----------------------------------------------------------------------

Result<ParamOverrides> parseParamsField(std::string_view text) {
    std::vector<std::string> parts;
    std::vector<Error> errors;
    while (!text.empty()) {
        const auto semi = text.find(';');
        const std::string_view part = trimmed(text.substr(0, semi));
        text = semi == std::string_view::npos ? std::string_view{} : text.substr(semi + 1);
        if (part.empty())
            continue;
        const auto eq = part.find('=');
        if (eq == std::string_view::npos || trimmed(part.substr(0, eq)).empty() ||
            trimmed(part.substr(eq + 1)).empty()) {
            errors.push_back(
                {"", "",
                 "'" + std::string(part) + "' is not key=value (write key=value;key=value)"});
            continue;
        }
        parts.push_back(std::string(trimmed(part.substr(0, eq))) + "=" +
                        std::string(trimmed(part.substr(eq + 1))));
    }
    if (!errors.empty())
        return Result<ParamOverrides>::failure(std::move(errors));
    return parseOverrides(parts);
}

std::string formatParamsField(const ParamOverrides& overrides) {
    std::string out;
    for (const auto& [key, value] : overrides)
        out += (out.empty() ? "" : ";") + key + "=" + value;
    return out;
}

}  // namespace cunjing::architecture
