#pragma once
/// Ancient and famous trees (古树名木): the register record and its grading.

#include <cunjing/geo/Crs.h>
#include <cunjing/geo/Result.h>

#include <optional>
#include <string>
#include <vector>

namespace cunjing::heritage {

/// National grade from 全国绿化委员会《古树名木鉴定标准》 / LY/T 2737-2016.
enum class TreeGrade {
    None,    ///< under 100 years and not a famous tree
    One,     ///< 一级: 500 years or more
    Two,     ///< 二级: 300-499 years
    Three,   ///< 三级: 100-299 years
    Famous,  ///< 名木: no age limit, no grade
};

TreeGrade gradeFromAge(int ageYears, bool famous = false);
/// "一级" / "Grade I" and so on.
std::string gradeName(TreeGrade grade, bool chinese);

struct AncientTree {
    std::string id;
    std::string speciesCn;  ///< 树种, e.g. 榕树
    std::string name;       ///< optional local name
    double x = 0, y = 0;    ///< working CRS
    double heightM = 12;    ///< 树高
    double crownM = 10;     ///< 平均冠幅 = mean of E-W and N-S crown spread
    int ageYears = 0;
    bool famous = false;
    TreeGrade grade() const { return gradeFromAge(ageYears, famous); }
};

/// 平均冠幅: the mean of the east-west and north-south crown projections.
double averageCrown(double eastWestM, double northSouthM);

/// Reads a point layer (GeoJSON, GeoPackage, Shapefile, CSV with lon/lat columns) into trees
/// in the working CRS. Recognised fields: id, species/species_cn/树种, name/名称,
/// height/height_m/树高, crown/crown_m/crown_avg_m/冠幅, crown_ew_m + crown_ns_m, age/树龄,
/// famous/名木. Rows with no usable point are reported as errors naming the row.
/// layerCrs is used when the file has no CRS (CSV): default CGCS2000 EPSG:4490.
Result<std::vector<AncientTree>> loadTrees(const std::string& path, const geo::Crs& working,
                                           const std::string& layerCrs = "EPSG:4490");

}  // namespace cunjing::heritage
