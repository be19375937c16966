#include <cunjing/heritage/Rules.h>

#include <cpl_json.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <regex>

namespace cunjing::heritage {

namespace {

/// Reads one number at a slash path; a key that is absent keeps the default.
template <typename T>
void readNumber(const CPLJSONObject& root, const std::string& path, T& out, const std::string& file,
                std::vector<Error>& errors) {
    const CPLJSONObject o = root.GetObj(path);
    if (!o.IsValid())
        return;
    const auto type = o.GetType();
    if (type != CPLJSONObject::Type::Integer && type != CPLJSONObject::Type::Long &&
        type != CPLJSONObject::Type::Double) {
        errors.push_back({file, path, "must be a number"});
        return;
    }
    out = static_cast<T>(o.ToDouble());
}

void readText(const CPLJSONObject& root, const std::string& path, std::string& out,
              const std::string& file, std::vector<Error>& errors) {
    const CPLJSONObject o = root.GetObj(path);
    if (!o.IsValid())
        return;
    if (o.GetType() != CPLJSONObject::Type::String) {
        errors.push_back({file, path, "must be a string"});
        return;
    }
    out = o.ToString();
}

bool validPattern(const std::string& pattern) {
    try {
        std::regex re(pattern);
        return true;
    } catch (const std::regex_error&) {
        return false;
    }
}

bool matches(const std::string& pattern, const std::string& text) {
    try {
        return std::regex_search(text, std::regex(pattern));
    } catch (const std::regex_error&) {
        return true;  // checked at load; a bad pattern must not flag every record
    }
}

std::string where(const std::string& place, const char* field) {
    return place + ", field '" + field + "'";
}

std::string number(double v) {
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.')
        s.pop_back();
    return s;
}

/// Shared by trees and villages: lon/lat range is an error, outside the jurisdiction a warning.
void checkLocation(const Rules& rules, double lon, double lat, const std::string& file,
                   const std::string& place, Validation& v) {
    bool bad = false;
    if (!std::isfinite(lon) || lon < -180 || lon > 180) {
        v.errors.push_back({file, where(place, "lon"),
                            "longitude " + number(lon) + " is outside -180..180 degrees"});
        bad = true;
    }
    if (!std::isfinite(lat) || lat < -90 || lat > 90) {
        v.errors.push_back(
            {file, where(place, "lat"), "latitude " + number(lat) + " is outside -90..90 degrees"});
        bad = true;
    }
    if (bad)
        return;
    if (lon < rules.minLon || lon > rules.maxLon || lat < rules.minLat || lat > rules.maxLat)
        v.warnings.push_back({file, where(place, "lon"),
                              "point " + number(lon) + ", " + number(lat) +
                                  " lies outside the rough bounds of " + rules.jurisdiction +
                                  " (lon and lat swapped?)"});
}

void checkNonNegative(std::optional<double> value, const char* field, double plausible,
                      const char* unit, const std::string& file, const std::string& place,
                      Validation& v) {
    if (!value)
        return;
    if (!std::isfinite(*value) || *value < 0)
        v.errors.push_back(
            {file, where(place, field), "must be a non-negative number, got " + number(*value)});
    else if (plausible > 0 && *value > plausible)
        v.warnings.push_back({file, where(place, field),
                              number(*value) + " " + unit + " is implausible (more than " +
                                  number(plausible) + ")"});
}

}  // namespace

Result<Rules> Rules::load(const std::string& path) {
    CPLJSONDocument doc;
    if (!std::filesystem::exists(path))
        return Error{path, "", "rules file not found"};
    if (!doc.Load(path))
        return Error{path, "", "not valid JSON"};
    const CPLJSONObject root = doc.GetRoot();
    if (root.GetType() != CPLJSONObject::Type::Object)
        return Error{path, "", "a rules file is a JSON object"};
    Rules r;
    std::vector<Error> errors;
    readText(root, "jurisdiction", r.jurisdiction, path, errors);
    readText(root, "title", r.title, path, errors);
    readNumber(root, "grading/grade_one_min_age", r.gradeOneMinAge, path, errors);
    readNumber(root, "grading/grade_two_min_age", r.gradeTwoMinAge, path, errors);
    readNumber(root, "grading/grade_three_min_age", r.gradeThreeMinAge, path, errors);
    readNumber(root, "protection/crown_margin_m", r.protectionMarginM, path, errors);
    readNumber(root, "protection/min_radius_m", r.protectionMinRadiusM, path, errors);
    readText(root, "ids/tree_id_pattern", r.treeIdPattern, path, errors);
    readText(root, "ids/admin_code_pattern", r.adminCodePattern, path, errors);
    readNumber(root, "bounds/min_lon", r.minLon, path, errors);
    readNumber(root, "bounds/max_lon", r.maxLon, path, errors);
    readNumber(root, "bounds/min_lat", r.minLat, path, errors);
    readNumber(root, "bounds/max_lat", r.maxLat, path, errors);
    readNumber(root, "plausible/max_age_years", r.maxPlausibleAgeYears, path, errors);
    readNumber(root, "plausible/max_height_m", r.maxPlausibleHeightM, path, errors);
    readNumber(root, "plausible/max_dbh_cm", r.maxPlausibleDbhCm, path, errors);
    readNumber(root, "plausible/crown_avg_tolerance_m", r.crownAvgToleranceM, path, errors);
    if (!(r.gradeThreeMinAge < r.gradeTwoMinAge && r.gradeTwoMinAge < r.gradeOneMinAge))
        errors.push_back({path, "grading", "thresholds must rise: three < two < one"});
    if (r.protectionMarginM < 0 || r.protectionMinRadiusM < 0)
        errors.push_back({path, "protection", "distances must not be negative"});
    for (const auto* p : {&r.treeIdPattern, &r.adminCodePattern})
        if (!validPattern(*p))
            errors.push_back({path, "ids", "not a valid regular expression: " + *p});
    if (!errors.empty())
        return Result<Rules>::failure(errors);
    return r;
}

std::string Rules::directory() {
    if (const char* dir = std::getenv("CUNJING_RULES"); dir && *dir)
        return dir;
    return CUNJING_DEFAULT_RULES_DIR;
}

Result<Rules> Rules::forJurisdiction(const std::string& jurisdiction) {
    return load((std::filesystem::path(directory()) / (jurisdiction + ".json")).string());
}

TreeGrade Rules::grade(std::optional<int> ageYears, bool famous) const {
    if (famous)
        return TreeGrade::Famous;
    if (!ageYears)
        return TreeGrade::None;
    if (*ageYears >= gradeOneMinAge)
        return TreeGrade::One;
    if (*ageYears >= gradeTwoMinAge)
        return TreeGrade::Two;
    if (*ageYears >= gradeThreeMinAge)
        return TreeGrade::Three;
    return TreeGrade::None;
}

std::optional<double> Rules::protectionRadiusM(const TreeRecord& tree) const {
    const auto crown = tree.crown();
    if (!crown || !std::isfinite(*crown) || *crown < 0)
        return std::nullopt;
    return std::max(*crown / 2 + protectionMarginM, protectionMinRadiusM);
}

Validation Rules::validate(const TreeRecord& t, const std::string& file,
                           const std::string& place) const {
    Validation v;
    if (t.id.empty())
        v.errors.push_back({file, where(place, "id"), "is empty; every tree needs an ID"});
    else if (!matches(treeIdPattern, t.id))
        v.warnings.push_back(
            {file, where(place, "id"),
             "'" + t.id + "' does not match " + treeIdPattern + " (county code + serial)"});
    if (!t.countyCode.empty() && !matches(R"(^\d{6}$)", t.countyCode))
        v.warnings.push_back({file, where(place, "county_code"),
                              "'" + t.countyCode + "' is not a 6-digit 行政区划代码"});
    checkLocation(*this, t.lon, t.lat, file, place, v);
    if (t.speciesCn.empty() && t.latinName.empty())
        v.warnings.push_back({file, where(place, "species_cn"), "no species given"});
    if (t.ageYears) {
        if (*t.ageYears < 0)
            v.errors.push_back({file, where(place, "age_years"),
                                "must not be negative, got " + std::to_string(*t.ageYears)});
        else if (*t.ageYears > maxPlausibleAgeYears)
            v.warnings.push_back({file, where(place, "age_years"),
                                  std::to_string(*t.ageYears) + " years is implausible"});
    } else if (!t.famous) {
        v.warnings.push_back({file, where(place, "age_years"), "no age: the tree has no grade"});
    }
    checkNonNegative(t.heightM, "height_m", maxPlausibleHeightM, "m", file, place, v);
    checkNonNegative(t.dbhCm, "dbh_cm", maxPlausibleDbhCm, "cm", file, place, v);
    checkNonNegative(t.crownEwM, "crown_ew_m", 0, "m", file, place, v);
    checkNonNegative(t.crownNsM, "crown_ns_m", 0, "m", file, place, v);
    checkNonNegative(t.crownAvgM, "crown_avg_m", 0, "m", file, place, v);
    if (t.crownAvgM && t.crownEwM && t.crownNsM) {
        const double mean = averageCrown(*t.crownEwM, *t.crownNsM);
        if (std::abs(*t.crownAvgM - mean) > crownAvgToleranceM)
            v.warnings.push_back({file, where(place, "crown_avg_m"),
                                  number(*t.crownAvgM) +
                                      " m is not the mean of crown_ew_m and "
                                      "crown_ns_m (" +
                                      number(mean) + " m)"});
    }
    if (t.statedGrade && *t.statedGrade != grade(t))
        v.warnings.push_back({file, where(place, "stated_grade"),
                              "the register says " + gradeName(*t.statedGrade, true) +
                                  " but the age gives " + gradeName(grade(t), true)});
    if (!t.surveyDate.empty() && !matches(R"(^\d{4}-\d{2}-\d{2}$)", t.surveyDate))
        v.warnings.push_back({file, where(place, "survey_date"),
                              "'" + t.surveyDate + "' is not an ISO date yyyy-mm-dd"});
    return v;
}

Validation Rules::validate(const VillageRecord& r, const std::string& file,
                           const std::string& place) const {
    Validation v;
    if (r.id.empty())
        v.errors.push_back({file, where(place, "id"), "is empty; every village needs an ID"});
    if (r.name.empty())
        v.errors.push_back({file, where(place, "name"), "is empty"});
    if (!r.adminCode.empty() && !matches(adminCodePattern, r.adminCode))
        v.warnings.push_back({file, where(place, "admin_code"),
                              "'" + r.adminCode + "' does not match " + adminCodePattern});
    checkLocation(*this, r.lon, r.lat, file, place, v);
    if (r.batch < 0 || r.batch > 6)
        v.errors.push_back(
            {file, where(place, "batch"),
             "must be 1..6 (the national list's batches), got " + std::to_string(r.batch)});
    else if (r.batch > 0 && r.year != 0 && r.year != batchYear(r.batch))
        v.warnings.push_back({file, where(place, "year"),
                              "batch " + std::to_string(r.batch) + " was listed in " +
                                  std::to_string(batchYear(r.batch)) + ", not " +
                                  std::to_string(r.year)});
    checkNonNegative(r.areaHa, "area_ha", 0, "ha", file, place, v);
    const auto asDouble = [](std::optional<int> i) {
        return i ? std::optional<double>(*i) : std::nullopt;
    };
    checkNonNegative(asDouble(r.households), "households", 0, "", file, place, v);
    checkNonNegative(asDouble(r.population), "population", 0, "", file, place, v);
    checkNonNegative(asDouble(r.traditionalBuildings), "traditional_buildings", 0, "", file, place,
                     v);
    return v;
}

}  // namespace cunjing::heritage
