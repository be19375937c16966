#pragma once
/// Greenery beyond the registered trees, generated around each village of the scene's layouts
/// as villages of the Pearl River Delta, Chaoshan and Meizhou are found: the feng-shui grove
/// (风水林) in an arc behind the houses with bamboo between it and the last row, banana clumps
/// and a lychee or longan orchard at the sides, shrubs along the edges, and paddy fields and
/// vegetable plots in front beyond the pond. Planned on the CPU (planGreenery: plain data, for
/// tests), drawn instanced per species per tile (greeneryLayer).
///
/// Every distance is an estimate from photos and plans of such villages ([E] in
/// docs/domain.md): a parameter, not a constant.

#include <cunjing/geo/Mesh.h>
#include <cunjing/heritage/TreeModels.h>

#include <osg/Group>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace cunjing::scene {

struct SceneData;

/// Metres unless said otherwise; "behind", "front" and "sides" in the village's own frame (the
/// way its houses face).
struct GreeneryParams {
    double density = 1.0;  ///< the scene's "greenery": {"density"}; 0 generates nothing
    double groveGap = 7;   ///< from the last row of houses to the grove
    double groveDepth = 26;
    double groveSpacing = 6.5;     ///< between grove trees, before jitter
    double groveBeyondSides = 16;  ///< the grove reaches this far past the village's sides
    double groveCurl = 22;         ///< its ends wrap forward along the sides by this much
    double bambooSpacing = 4;      ///< clumps in the belt between houses and grove
    double bananaBeyondSides = 4;  ///< banana clumps stand this far out from the side houses
    double orchardSpacing = 7;
    int orchardColumns = 3;
    double fieldGap = 8;      ///< from the front of the village (pond included) to the fields
    double fieldDepth = 110;  ///< how far the fields reach in front
    double fieldBeyondSides = 30;
    double plotWidth = 26, plotDepth = 15;  ///< a field plot, along and across the front
    double bund = 1.4;                      ///< raised path between plots
    double maxPlotRelief = 1.5;  ///< a plot whose ground rises more than this is left out
    int shrubs = 36;             ///< per village, along its edges
};

/// One plant: the species's model (heritage::treeModel) scaled to its height and crown.
struct Plant {
    heritage::TreeSpecies species = heritage::TreeSpecies::Broadleaf;
    double x = 0, y = 0;  ///< local frame; the plant stands on the ground there
    double heightM = 10, crownM = 8;
    double yawRad = 0;
    std::uint32_t seed = 0;  ///< picks one of a few variants of the model
};

enum class PlotKind { Paddy, Vegetables };

/// A field plot: a quadrilateral on the ground, counter-clockwise, local frame.
struct FieldPlot {
    PlotKind kind = PlotKind::Paddy;
    std::array<std::array<double, 2>, 4> corners{};
    geo::Rgba color{};  ///< sRGB: ripening rice from green to gold, or greens
};

struct Greenery {
    std::vector<Plant> plants;
    std::vector<FieldPlot> plots;
    std::vector<std::string> villages;  ///< the building groups greenery was planned around
};

/// Greenery around every village of the scene's generated layouts (not market streets or
/// single buildings): clear of buildings, their forecourts and ponds, registered trees' crowns,
/// water and the terrain's edge. The same scene gives the same greenery on every run.
Greenery planGreenery(const SceneData& data, const GreeneryParams& params = {});

/// The greenery drawn: plots as one terrain-following mesh (casting no shadow), plants as
/// instanced templates (a few variants a species) grouped by 120 m tiles, each tile a level of
/// detail (full near, simple far). The plants are not pickable: they are no register's records.
/// Named "greenery".
/// `naive`: a node a plant (a MatrixTransform over its full-detail template), no instancing or
/// LOD, for the frame benchmark's baseline.
osg::ref_ptr<osg::Group> greeneryLayer(const SceneData& data, const Greenery& greenery,
                                       bool naive = false);

/// Draws this share (0..1) of each tile's plants (the low preset thins them out); the
/// instances are in random order, so any share is an even thinning.
void setGreeneryShare(osg::Node& root, double share);

}  // namespace cunjing::scene
