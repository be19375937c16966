#pragma once
/// Jurisdiction rules as data (assets/rules/<jurisdiction>.json): tree grading thresholds,
/// the protection range around a tree, ID format, and the plausibility limits used to
/// validate a record. Provinces differ in protection range and ID format, so none of it is
/// hard-wired; a default-constructed Rules is the national standard.

#include <cunjing/geo/Result.h>
#include <cunjing/heritage/Records.h>

#include <optional>
#include <string>
#include <vector>

namespace cunjing::heritage {

/// What a validation found: errors make a record unusable, warnings only flag it.
struct Validation {
    std::vector<Error> errors;
    std::vector<Error> warnings;
    bool ok() const { return errors.empty(); }
};

struct Rules {
    std::string jurisdiction = "national";  ///< file stem: national, guangdong
    std::string title;                      ///< human-readable source of the rules

    /// Grading (LY/T 2737-2016): 一级 >= gradeOne, 二级 >= gradeTwo, 三级 >= gradeThree.
    int gradeOneMinAge = 500;
    int gradeTwoMinAge = 300;
    int gradeThreeMinAge = 100;

    /// Protection range = crown radius (平均冠幅 / 2) + protectionMarginM, at least
    /// protectionMinRadiusM. Guangdong: crown projection plus 5 m.
    double protectionMarginM = 5;
    double protectionMinRadiusM = 0;

    /// Tree IDs that do not match are flagged as warnings (the code is unverified).
    std::string treeIdPattern = R"(^\d{11}$)";
    /// Villages' 12-digit 区划代码, again a warning.
    std::string adminCodePattern = R"(^\d{12}$)";

    /// China's rough extent in degrees: a point outside is a warning, not an error.
    double minLon = 73, maxLon = 136, minLat = 3, maxLat = 54;
    /// Beyond these a value is flagged as implausible (warning).
    int maxPlausibleAgeYears = 5000;
    double maxPlausibleHeightM = 120;
    double maxPlausibleDbhCm = 2000;
    /// crown_avg_m may differ from (ew + ns) / 2 by this much before it is flagged.
    double crownAvgToleranceM = 0.5;

    /// Reads a rules file; keys left out keep the national defaults.
    static Result<Rules> load(const std::string& path);
    /// assets/rules/<jurisdiction>.json from $CUNJING_RULES, else the source tree's folder.
    static Result<Rules> forJurisdiction(const std::string& jurisdiction);
    /// The folder forJurisdiction reads.
    static std::string directory();

    TreeGrade grade(std::optional<int> ageYears, bool famous) const;
    TreeGrade grade(const TreeRecord& tree) const { return grade(tree.ageYears, tree.famous); }
    /// Radius of the protection range in metres, or nothing when the crown is unknown.
    std::optional<double> protectionRadiusM(const TreeRecord& tree) const;

    /// place names the record in messages: "row 12" for a file, "record '440...'" otherwise;
    /// each message's where is "<place>, field '<name>'".
    Validation validate(const TreeRecord& tree, const std::string& file,
                        const std::string& place) const;
    Validation validate(const VillageRecord& village, const std::string& file,
                        const std::string& place) const;
};

}  // namespace cunjing::heritage
