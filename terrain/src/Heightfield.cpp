#include <cunjing/terrain/Heightfield.h>

#include <algorithm>
#include <cmath>

namespace cunjing::terrain {

bool Heightfield::contains(double x, double y) const {
    return cols >= 2 && rows >= 2 && x >= x0 && x <= xMax() && y >= y0 && y <= yMax();
}

std::optional<double> Heightfield::sample(double x, double y) const {
    if (!contains(x, y))
        return std::nullopt;
    return sampleClamped(x, y);
}

double Heightfield::sampleClamped(double x, double y) const {
    const double fx = std::clamp((x - x0) / dx, 0.0, double(cols - 1));
    const double fy = std::clamp((y - y0) / dy, 0.0, double(rows - 1));
    const int c = std::min(int(fx), cols - 2);
    const int r = std::min(int(fy), rows - 2);
    const double tx = fx - c, ty = fy - r;
    const double south = at(c, r) * (1 - tx) + at(c + 1, r) * tx;
    const double north = at(c, r + 1) * (1 - tx) + at(c + 1, r + 1) * tx;
    return south * (1 - ty) + north * ty;
}

float Heightfield::minHeight() const {
    return heights.empty() ? 0.0f : *std::min_element(heights.begin(), heights.end());
}

float Heightfield::maxHeight() const {
    return heights.empty() ? 0.0f : *std::max_element(heights.begin(), heights.end());
}

namespace {

std::vector<int> sampleIndices(int count, int step) {
    std::vector<int> out;
    for (int i = 0; i < count - 1; i += step)
        out.push_back(i);
    out.push_back(count - 1);
    return out;
}

}  // namespace

geo::Mesh heightfieldMesh(const Heightfield& f, double originX, double originY, double exaggeration,
                          int step) {
    geo::Mesh mesh;
    if (f.cols < 2 || f.rows < 2)
        return mesh;
    step = std::max(1, step);
    const std::vector<int> cs = sampleIndices(f.cols, step);
    const std::vector<int> rs = sampleIndices(f.rows, step);
    const auto ex = static_cast<float>(exaggeration);
    mesh.positions.reserve(cs.size() * rs.size());
    for (int r : rs) {
        for (int c : cs) {
            const float h = f.at(c, r) * ex;
            mesh.positions.push_back(
                {float(f.x0 + c * f.dx - originX), float(f.y0 + r * f.dy - originY), h});
            // Central differences on the full-resolution grid give smooth shading.
            const int cl = std::max(c - 1, 0), cr = std::min(c + 1, f.cols - 1);
            const int rd = std::max(r - 1, 0), ru = std::min(r + 1, f.rows - 1);
            const double gx = (f.at(cr, r) - f.at(cl, r)) * ex / ((cr - cl) * f.dx);
            const double gy = (f.at(c, ru) - f.at(c, rd)) * ex / ((ru - rd) * f.dy);
            const double len = std::sqrt(gx * gx + gy * gy + 1.0);
            mesh.normals.push_back({float(-gx / len), float(-gy / len), float(1.0 / len)});
            mesh.colors.push_back({1, 1, 1, 1});
        }
    }
    const auto w = static_cast<std::uint32_t>(cs.size());
    for (std::uint32_t r = 0; r + 1 < rs.size(); ++r) {
        for (std::uint32_t c = 0; c + 1 < w; ++c) {
            const std::uint32_t a = r * w + c, b = a + 1, d = a + w, e = d + 1;
            mesh.indices.insert(mesh.indices.end(), {a, b, e, a, e, d});
        }
    }
    return mesh;
}

}  // namespace cunjing::terrain
