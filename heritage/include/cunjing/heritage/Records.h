#pragma once
/// The register records: "一树一档" ancient and famous trees (domain.md §2.2) and "一村一档"
/// traditional villages (domain.md §3). Plain data; the store, importers, rules and scene
/// layers all speak these. Optional numbers are std::optional: a survey that did not measure
/// a value must not read as 0.

#include <cunjing/heritage/AncientTree.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cunjing::heritage {

/// How an age was arrived at (age_method).
enum class AgeMethod { Unknown, Documents, Legend, Estimate, RingCount };  // 文献/传说/估测/年轮
enum class Vigour { Unknown, Normal, Weak, Endangered, Dead };        // 正常/衰弱/濒危/死亡
enum class Environment { Unknown, Good, Fair, Poor };                 // 良好/中等/差
enum class Ownership { Unknown, State, Collective, Private, Other };  // 国有/集体/个人/其他

/// One ancient or famous tree. Field names in files and in the store are the snake_case
/// names in the comments.
struct TreeRecord {
    std::string id;        ///< id: opaque; 11 digits (county code + serial) is only a warning
    std::string surveyNo;  ///< survey_no
    std::string province, city, county, town, village;  ///< province .. village
    std::string placeName;                              ///< place_name 小地名
    std::string countyCode;                             ///< county_code 6-digit 行政区划代码
    double lon = 0, lat = 0;                            ///< lon, lat: CGCS2000 degrees
    std::optional<double> altitudeM;                    ///< altitude_m
    std::string speciesCn;                              ///< species_cn 树种
    std::string latinName;                              ///< latin_name
    std::string family, genus;                          ///< family, genus
    std::optional<int> ageYears;                        ///< age_years 树龄
    AgeMethod ageMethod = AgeMethod::Unknown;           ///< age_method
    bool famous = false;  ///< famous 名木: ungraded whatever its age
    /// grade: computed from age and famous by the jurisdiction's rules; a register's own
    /// grade, when imported, is kept in statedGrade so the two can be checked.
    std::optional<TreeGrade> statedGrade;  ///< stated_grade
    std::optional<double> heightM;         ///< height_m 树高
    std::optional<double> dbhCm;      ///< dbh_cm 胸径 at 1.3 m (girth_cm = π·dbh on import)
    std::optional<double> crownEwM;   ///< crown_ew_m
    std::optional<double> crownNsM;   ///< crown_ns_m
    std::optional<double> crownAvgM;  ///< crown_avg_m 平均冠幅 = (ew + ns) / 2
    Vigour vigour = Vigour::Unknown;  ///< vigour 生长势
    Environment environment = Environment::Unknown;  ///< environment 生长环境
    Ownership ownership = Ownership::Unknown;        ///< ownership 权属
    std::string custodianUnit, custodianPerson;      ///< custodian_unit, custodian_person
    std::string threats, protectionMeasures, story;  ///< threats, protection_measures, story
    std::vector<std::string> photos;                 ///< photos: paths or URLs, ';' in files
    std::string surveyDate;                          ///< survey_date: ISO 8601 yyyy-mm-dd
    std::string surveyor;                            ///< surveyor
    bool synthetic = false;                          ///< synthetic: demo records, not a real survey

    /// The crown to draw and protect: crown_avg_m, else the mean of ew and ns, else either.
    std::optional<double> crown() const;
};

/// A protection zone of a traditional village (核心保护范围 / 建设控制地带 / 环境协调区).
enum class ZoneKind { Core, ConstructionControl, Environment };
struct ProtectionZone {
    ZoneKind kind = ZoneKind::Core;
    /// Outer ring then holes, lon/lat (CGCS2000) degrees, each ring closed implicitly.
    std::vector<std::vector<std::array<double, 2>>> rings;
};

/// One traditional village of the national list (中国传统村落名录) and its archive.
struct VillageRecord {
    std::string id;                               ///< id: unique in the register
    std::string name;                             ///< name 村名
    std::string province, city, county, town;     ///< province .. town
    std::string adminCode;                        ///< admin_code 12-digit 区划代码
    double lon = 0, lat = 0;                      ///< lon, lat: CGCS2000 degrees
    int batch = 0;                                ///< batch 1..6 (批次)
    int year = 0;                                 ///< year listed (from the batch)
    std::optional<double> areaHa;                 ///< area_ha
    std::optional<int> households, population;    ///< households, population
    std::string sitePattern;                      ///< site_pattern 选址格局
    std::optional<int> traditionalBuildings;      ///< traditional_buildings (count)
    std::vector<std::string> protectedUnits;      ///< protected_units 文保单位, ';'
    std::vector<std::string> intangibleHeritage;  ///< intangible_heritage 非遗, ';'
    std::vector<ProtectionZone> zones;            ///< zones (a separate layer in stores)
    /// Evaluation scores that can be computed (建村〔2012〕125号), when their inputs are known.
    std::optional<double> scoreAge, scoreRarity, scoreScale, scoreRatio, scoreRichness;
    bool synthetic = false;  ///< synthetic: demo records
};

/// 稀缺度 (rarity) of 《传统村落评价认定指标体系(试行)》 (建村〔2012〕125号) from the protected
/// units: each entry of protected_units may start with its level, "国家级", "省级", "市级"
/// or "县级", or "登记" (census-listed), e.g. "省级 光禄大夫祠". The first unit of a level
/// scores national 5, provincial 3, city/county 2, listed 1; each further one +2, +1.5, +1,
/// +0.5; at most 10. Nothing when no entry names a level (the score cannot be computed).
std::optional<double> rarityScore(const std::vector<std::string>& protectedUnits);

/// Fills the evaluation scores that the record's own fields allow (today: rarity), keeping
/// any score the record already has.
void scoreVillage(VillageRecord& village);

/// The listing year of a batch (1 2012, 2 2013, 3 2014, 4 2016, 5 2019, 6 2023); 0 if unknown.
int batchYear(int batch);

/// Names of the coded fields. The token (English, lower case) is what the store and our own
/// files hold, so a register stays readable whatever the interface language; the Chinese name
/// is what officers see. Parsers accept either, and traditional characters where registers use
/// them (Hong Kong, Macau).
std::string token(AgeMethod v);
std::string token(Vigour v);
std::string token(Environment v);
std::string token(Ownership v);
std::string token(ZoneKind v);
std::string chineseName(AgeMethod v);
std::string chineseName(Vigour v);
std::string chineseName(Environment v);
std::string chineseName(Ownership v);
std::string chineseName(ZoneKind v);
std::optional<AgeMethod> parseAgeMethod(std::string_view text);
std::optional<Vigour> parseVigour(std::string_view text);
std::optional<Environment> parseEnvironment(std::string_view text);
std::optional<Ownership> parseOwnership(std::string_view text);
std::optional<ZoneKind> parseZoneKind(std::string_view text);

/// Grade tokens "I", "II", "III", "famous", "none"; the parser also takes 一级/一級/1/I and
/// the like, and 名木.
std::string gradeToken(TreeGrade grade);
std::optional<TreeGrade> parseGrade(std::string_view text);

}  // namespace cunjing::heritage
