#pragma once
/// A regular grid of heights in the scene's working CRS.

#include <cunjing/geo/Mesh.h>

#include <optional>
#include <vector>

namespace cunjing::terrain {

/// Row 0 is the southern edge; sample (c, r) lies at (x0 + c*dx, y0 + r*dy).
struct Heightfield {
    int cols = 0;
    int rows = 0;
    double x0 = 0, y0 = 0;  ///< working-CRS position of sample (0, 0)
    double dx = 1, dy = 1;  ///< sample spacing in metres (positive)
    std::vector<float> heights;

    float at(int c, int r) const { return heights[static_cast<size_t>(r) * cols + c]; }
    float& at(int c, int r) { return heights[static_cast<size_t>(r) * cols + c]; }
    double xMax() const { return x0 + (cols - 1) * dx; }
    double yMax() const { return y0 + (rows - 1) * dy; }
    double centreX() const { return 0.5 * (x0 + xMax()); }
    double centreY() const { return 0.5 * (y0 + yMax()); }
    bool contains(double x, double y) const;
    /// Bilinear height at a working-CRS position; nullopt outside the grid.
    std::optional<double> sample(double x, double y) const;
    /// Like sample(), but clamps the position to the grid edge.
    double sampleClamped(double x, double y) const;
    float minHeight() const;
    float maxHeight() const;
};

/// A triangle mesh of the grid with smooth normals, positions relative to (originX, originY)
/// and heights multiplied by exaggeration. Colours are white: the terrain shader tints it.
/// step > 1 takes every step-th sample (the last row and column are always kept).
geo::Mesh heightfieldMesh(const Heightfield& field, double originX, double originY,
                          double exaggeration = 1.0, int step = 1);

}  // namespace cunjing::terrain
