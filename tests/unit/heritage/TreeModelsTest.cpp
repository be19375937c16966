#include <cunjing/heritage/TreeModels.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace cunjing;
using namespace cunjing::heritage;

namespace {

const TreeSpecies kAll[] = {TreeSpecies::Broadleaf, TreeSpecies::Banyan, TreeSpecies::Camphor,
                            TreeSpecies::Lychee,    TreeSpecies::Longan, TreeSpecies::Kapok,
                            TreeSpecies::Bamboo,    TreeSpecies::Banana, TreeSpecies::Shrub};

TreeShape shapeOf(TreeSpecies species, double height, double crown, std::uint32_t seed = 7) {
    TreeShape s;
    s.species = species;
    s.heightM = height;
    s.crownM = crown;
    s.seed = seed;
    return s;
}

/// Mean of the E-W and N-S widths, as 平均冠幅 is measured.
double meanSpread(const geo::Mesh& m) {
    const geo::Bounds b = geo::boundsOf(m);
    return 0.5 * (double(b.max.x - b.min.x) + double(b.max.y - b.min.y));
}

}  // namespace

TEST(TreeSpeciesName, ChineseTraditionalAndLatinNamesAreRecognised) {
    EXPECT_EQ(speciesFromName("榕树"), TreeSpecies::Banyan);
    EXPECT_EQ(speciesFromName("榕樹"), TreeSpecies::Banyan);
    EXPECT_EQ(speciesFromName("高山榕"), TreeSpecies::Banyan);
    EXPECT_EQ(speciesFromName("香樟"), TreeSpecies::Camphor);
    EXPECT_EQ(speciesFromName("荔枝"), TreeSpecies::Lychee);
    EXPECT_EQ(speciesFromName("龍眼"), TreeSpecies::Longan);
    EXPECT_EQ(speciesFromName("木棉"), TreeSpecies::Kapok);
    EXPECT_EQ(speciesFromName("青皮竹"), TreeSpecies::Bamboo);
    EXPECT_EQ(speciesFromName("", "Ficus microcarpa"), TreeSpecies::Banyan);
    EXPECT_EQ(speciesFromName("", "CINNAMOMUM CAMPHORA"), TreeSpecies::Camphor);
    EXPECT_EQ(speciesFromName("", "Litchi chinensis"), TreeSpecies::Lychee);
    EXPECT_EQ(speciesFromName("", "Dimocarpus longan"), TreeSpecies::Longan);
    EXPECT_EQ(speciesFromName("", "Bombax ceiba"), TreeSpecies::Kapok);
    EXPECT_EQ(speciesFromName("", "Bambusa textilis"), TreeSpecies::Bamboo);
    EXPECT_EQ(speciesFromName("芭蕉"), TreeSpecies::Banana);
    EXPECT_EQ(speciesFromName("", "Musa basjoo"), TreeSpecies::Banana);
}

TEST(TreeSpeciesName, LookalikeNamesAreNotTakenForBamboo) {
    EXPECT_EQ(speciesFromName("竹柏"), TreeSpecies::Broadleaf);    // Nageia, a conifer
    EXPECT_EQ(speciesFromName("夹竹桃"), TreeSpecies::Broadleaf);  // oleander
    EXPECT_EQ(speciesFromName("秋枫", "Bischofia javanica"), TreeSpecies::Broadleaf);
}

TEST(TreeModel, EverySpeciesAndDetailIsAValidMeshWithPartIds) {
    for (TreeSpecies s : kAll) {
        for (TreeDetail d : {TreeDetail::Full, TreeDetail::Simple}) {
            const geo::Mesh m = treeModel(shapeOf(s, 14, 12), d);
            EXPECT_TRUE(m.isValid()) << speciesId(s);
            EXPECT_FALSE(m.empty()) << speciesId(s);
            EXPECT_EQ(m.partIds.size(), m.positions.size()) << speciesId(s);
        }
    }
}

TEST(TreeModel, SizeMatchesTheRecordWithinFifteenPercent) {
    const double sizes[][2] = {{16, 24}, {11, 10}, {20, 11}, {6, 3}, {30, 35}};
    for (TreeSpecies s : kAll) {
        for (const auto& hc : sizes) {
            for (TreeDetail d : {TreeDetail::Full, TreeDetail::Simple}) {
                const geo::Mesh m = treeModel(shapeOf(s, hc[0], hc[1]), d);
                const geo::Bounds b = geo::boundsOf(m);
                EXPECT_NEAR(b.max.z, hc[0], 0.15 * hc[0]) << speciesId(s) << " " << hc[0];
                EXPECT_NEAR(meanSpread(m), hc[1], 0.15 * hc[1]) << speciesId(s) << " " << hc[1];
                // Standing on its base: nothing deeper than the part sunk into a slope.
                EXPECT_GE(b.min.z, -0.31f) << speciesId(s);
                EXPECT_LE(b.min.z, 0.0f) << speciesId(s);
            }
        }
    }
}

TEST(TreeModel, TrunkRadiusFollowsTheDbh) {
    auto trunkRadiusAtBreastHeight = [](const geo::Mesh& m) {
        double r = 0;
        for (std::size_t i = 0; i < m.positions.size(); ++i) {
            const auto& p = m.positions[i];
            if (m.partIds[i] == std::uint32_t(TreePart::Trunk) && p.z > 0.2f && p.z < 1.2f)
                r = std::max(r, std::hypot(double(p.x), double(p.y)));
        }
        return r;
    };
    TreeShape thin = shapeOf(TreeSpecies::Camphor, 15, 14), thick = thin;
    thin.dbhCm = 40;
    thick.dbhCm = 160;
    const double rThin = trunkRadiusAtBreastHeight(treeModel(thin));
    const double rThick = trunkRadiusAtBreastHeight(treeModel(thick));
    EXPECT_GT(rThick, 3.0 * rThin);
    // The buttressed foot is wider than the stem, but not by more than about twice.
    EXPECT_GT(rThin, 0.2);
    EXPECT_LT(rThin, 0.5);
}

TEST(TreeModel, BanyanHasPropRootsOnTheGroundAwayFromTheTrunkAndHangingAerialRoots) {
    TreeShape s = shapeOf(TreeSpecies::Banyan, 16, 24);
    s.dbhCm = 150;
    const geo::Mesh m = treeModel(s);
    int propFeet = 0, aerial = 0;
    double lowestAerial = 1e9;
    for (std::size_t i = 0; i < m.positions.size(); ++i) {
        const auto& p = m.positions[i];
        const double r = std::hypot(double(p.x), double(p.y));
        if (m.partIds[i] == std::uint32_t(TreePart::PropRoot) && p.z <= 0.0f && r > 3.0)
            ++propFeet;
        if (m.partIds[i] == std::uint32_t(TreePart::AerialRoot)) {
            ++aerial;
            lowestAerial = std::min(lowestAerial, double(p.z));
        }
    }
    EXPECT_GE(propFeet, 3 * 8) << "at least three pillars standing on the ground";
    EXPECT_GE(aerial, 100);
    EXPECT_LT(lowestAerial, 0.5 * 16) << "aerial roots hang well below the canopy";
}

TEST(TreeModel, OnlyBanyansHaveRoots) {
    for (TreeSpecies s : kAll) {
        if (s == TreeSpecies::Banyan)
            continue;
        const geo::Mesh m = treeModel(shapeOf(s, 14, 12));
        for (std::uint32_t id : m.partIds) {
            EXPECT_NE(id, std::uint32_t(TreePart::PropRoot)) << speciesId(s);
            EXPECT_NE(id, std::uint32_t(TreePart::AerialRoot)) << speciesId(s);
        }
    }
}

TEST(TreeModel, SameIdGivesTheSameTreeAndAnotherIdAnother) {
    TreeShape a = shapeOf(TreeSpecies::Lychee, 11, 10, treeSeed("440111-00042"));
    TreeShape b = a;
    b.seed = treeSeed("440111-00043");
    const geo::Mesh ma1 = treeModel(a), ma2 = treeModel(a), mb = treeModel(b);
    ASSERT_EQ(ma1.positions.size(), ma2.positions.size());
    for (std::size_t i = 0; i < ma1.positions.size(); ++i) {
        EXPECT_EQ(ma1.positions[i].x, ma2.positions[i].x);
        EXPECT_EQ(ma1.positions[i].z, ma2.positions[i].z);
    }
    bool differs = ma1.positions.size() != mb.positions.size();
    for (std::size_t i = 0; !differs && i < ma1.positions.size(); ++i)
        differs = ma1.positions[i].x != mb.positions[i].x;
    EXPECT_TRUE(differs);
    EXPECT_EQ(treeSeed("DEMO-001"), treeSeed("DEMO-001"));
    EXPECT_NE(treeSeed("DEMO-001"), treeSeed("DEMO-002"));
}

TEST(TreeModel, TriangleBudgets) {
    for (TreeSpecies s : kAll) {
        for (std::uint32_t seed : {1u, 2u, 3u, 99u}) {
            const auto full = treeModel(shapeOf(s, 25, 30, seed), TreeDetail::Full);
            const auto simple = treeModel(shapeOf(s, 25, 30, seed), TreeDetail::Simple);
            EXPECT_LE(full.triangleCount(), 4000u) << speciesId(s);
            EXPECT_LE(simple.triangleCount(), 600u) << speciesId(s);
            EXPECT_LT(3 * simple.triangleCount(), full.triangleCount()) << speciesId(s);
        }
    }
}

TEST(TreeModel, RecordsGiveTheirMeasurementsAndDefaults) {
    TreeRecord r;
    r.id = "X1";
    r.speciesCn = "";
    r.latinName = "Bombax ceiba";
    r.heightM = 21;
    r.crownEwM = 10;
    r.crownNsM = 14;
    r.dbhCm = 95;
    const TreeShape s = treeShape(r);
    EXPECT_EQ(s.species, TreeSpecies::Kapok);
    EXPECT_DOUBLE_EQ(s.heightM, 21);
    EXPECT_DOUBLE_EQ(s.crownM, 12);
    EXPECT_DOUBLE_EQ(s.dbhCm, 95);
    EXPECT_EQ(s.seed, treeSeed("X1"));
    TreeRecord bare;
    bare.speciesCn = "榕树";
    const TreeShape d = treeShape(bare);
    EXPECT_DOUBLE_EQ(d.heightM, AncientTree{}.heightM);
    EXPECT_DOUBLE_EQ(d.dbhCm, 0);
    EXPECT_GT(defaultDbhCm(TreeSpecies::Banyan, 16), defaultDbhCm(TreeSpecies::Kapok, 16));
}

TEST(TreeModel, NonsenseMeasurementsStillGiveAValidTree) {
    TreeShape s = shapeOf(TreeSpecies::Banyan, std::nan(""), -4);
    s.dbhCm = 1e6;
    const geo::Mesh m = treeModel(s);
    EXPECT_TRUE(m.isValid());
    EXPECT_GT(geo::boundsOf(m).max.z, 1.0f);
}
