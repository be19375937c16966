#include <cunjing/heritage/AncientTree.h>

#include "TestPaths.h"

#include <gtest/gtest.h>

#include <fstream>

using namespace cunjing;
using namespace cunjing::heritage;

TEST(GradeFromAge, BoundariesFollowTheNationalStandard) {
    EXPECT_EQ(gradeFromAge(99), TreeGrade::None);
    EXPECT_EQ(gradeFromAge(100), TreeGrade::Three);
    EXPECT_EQ(gradeFromAge(299), TreeGrade::Three);
    EXPECT_EQ(gradeFromAge(300), TreeGrade::Two);
    EXPECT_EQ(gradeFromAge(499), TreeGrade::Two);
    EXPECT_EQ(gradeFromAge(500), TreeGrade::One);
}

TEST(GradeFromAge, FamousTreeHasNoAgeGrade) {
    EXPECT_EQ(gradeFromAge(50, true), TreeGrade::Famous);
    EXPECT_EQ(gradeName(TreeGrade::Famous, true), "名木");
}

TEST(AverageCrown, IsTheMeanOfBothSpreads) {
    EXPECT_DOUBLE_EQ(averageCrown(20, 16), 18);
}

TEST(LoadTrees, DemoTreesLandInTheWorkingCrs) {
    auto working = geo::Crs::fromUserString("EPSG:4547").value();
    auto trees = loadTrees("assets/demo/trees_synthetic.geojson", working);
    ASSERT_TRUE(trees.ok()) << trees.firstError();
    ASSERT_GE(trees->size(), 7u);
    EXPECT_EQ(trees->front().speciesCn, "榕树");
    EXPECT_EQ(trees->front().grade(), TreeGrade::Two);
    EXPECT_NEAR(trees->front().x, 384350 - 64, 2);  // easting first, whatever the CRS says
}

TEST(LoadTrees, MacauExcerptCsvWithLonLatReprojects) {
    auto working = geo::Crs::fromUserString("EPSG:4547").value();
    auto trees = loadTrees(
        (test::sharedData() / "trees/macau_iam_trees_excerpt_19_with_coords.csv").string(), working,
        "EPSG:4326");
    ASSERT_TRUE(trees.ok()) << trees.firstError();
    EXPECT_EQ(trees->size(), 19u);
    for (const auto& t : trees.value()) {
        // Macau (113.55E) lies about 46 km west of the 114E central meridian.
        EXPECT_GT(t.x, 440000);
        EXPECT_LT(t.x, 460000);
        EXPECT_FALSE(t.speciesCn.empty());
    }
}

TEST(LoadTrees, RowWithoutCoordinatesIsReportedByRow) {
    const auto path = test::outputDir("trees") / "missing_coords.csv";
    std::ofstream(path) << "id,species,lon,lat\nA,榕树,113.3,23.1\nB,樟树,,\n";
    auto working = geo::Crs::fromUserString("EPSG:4547").value();
    auto trees = loadTrees(path.string(), working);
    ASSERT_FALSE(trees.ok());
    EXPECT_EQ(trees.errors()[0].where, "row 2");
}
