#pragma once
/// Private: what a plan grammar sees of its typology: the resolved numbers and choices, the
/// palette as paints, and helpers that turn them into component specs and masses.

#include <cunjing/architecture/Building.h>

#include "Components.h"
#include "MeshBuilder.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cunjing::architecture {

class TypologyContext {
public:
    TypologyContext(const Style& style, const ResolvedTypology& typology, std::uint32_t seed,
                    std::uint32_t partId)
        : style_(style), typology_(typology), seed_(seed), partId_(partId) {}

    const Style& style() const { return style_; }
    const TypologySpec& spec() const { return *typology_.spec; }
    std::uint32_t seed() const { return seed_; }
    std::uint32_t partId() const { return partId_; }

    double dim(std::string_view name) const;
    int count(std::string_view name) const;
    bool has(std::string_view name) const;
    const std::string& option(std::string_view name) const;
    /// Seeded, in [0, 1): the same salt and seed give the same number.
    double unit(std::string_view salt) const;

    Paint paint(std::string_view role, PartKind kind, std::size_t index = 0) const;
    std::vector<Paint> paints(std::string_view role, PartKind kind) const;

    GableStyle gable(const std::string& id) const;
    RidgeStyle ridge(const std::string& ornamentId) const;
    RoofForm roofForm(const std::string& roofId) const;
    HallPaints hallPaints() const;
    /// A hall with the common dimensions, paints, gable ("gable" option) and ridge ("ridge").
    HallSpec hall() const;

    /// An error about this typology: the style file, $.typologies.<id>.<where>, the message.
    Error error(const std::string& where, const std::string& message) const;

private:
    const Style& style_;
    const ResolvedTypology& typology_;
    std::uint32_t seed_, partId_;
};

/// Seeded, in [0, 1), the same on every platform (no std distributions).
double seededUnit(std::uint32_t seed, std::string_view salt);

/// Frame-of-building footprint of an axis-aligned rectangle given in frame f.
std::vector<Point2> rectFootprint(const Frame& f, double x0, double y0, double x1, double y1);

/// Sets the frame, adds the hall and records its mass (front face centre at the frame).
void placeHall(MeshBuilder& b, std::vector<Mass>& masses, const Frame& f, const HallSpec& h,
               const std::string& role, int storeys = 1, int rooms = 0);

/// Highest point of a hall: the ridge cap, or its gable.
double hallTop(const HallSpec& h);

/// Ground features.
GroundFeature forecourt(const TypologyContext& t, double x0, double y0, double x1, double y1);
/// A 半月池: the straight edge on y = yEdge, the half disc bulging towards -Y.
GroundFeature halfMoonPond(const TypologyContext& t, double cx, double yEdge, double radius);
/// 化胎: a half-ellipse from the straight edge y = y0 (x = ±halfWidth) to y0 + depth, rising
/// by `rise` towards its far edge, with the drainage ditch along the straight edge.
GroundFeature huatai(const TypologyContext& t, double y0, double halfWidth, double depth,
                     double rise);

BuildingMesh finish(MeshBuilder& b, std::vector<Mass> masses, std::vector<GroundFeature> ground);

}  // namespace cunjing::architecture
