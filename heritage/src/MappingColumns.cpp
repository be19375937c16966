#include "MappingColumns.h"

#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <type_traits>
#include <utility>

namespace cunjing::heritage::registerio {

namespace {

/// One choice: the word we write, then the words we also accept (domain.md §2.2 Chinese).
template <typename E>
struct Word {
    E value;
    std::string_view written;
    std::string_view chinese;
};

constexpr std::array<Word<AgeMethod>, 4> kAgeMethods{
    {{AgeMethod::Documents, "documents", "文献"},
     {AgeMethod::Legend, "legend", "传说"},
     {AgeMethod::Estimate, "estimate", "估测"},
     {AgeMethod::RingCount, "ring_count", "年轮"}}};
constexpr std::array<Word<Vigour>, 4> kVigours{{{Vigour::Normal, "normal", "正常"},
                                                {Vigour::Weak, "weak", "衰弱"},
                                                {Vigour::Endangered, "endangered", "濒危"},
                                                {Vigour::Dead, "dead", "死亡"}}};
constexpr std::array<Word<Environment>, 3> kEnvironments{{{Environment::Good, "good", "良好"},
                                                          {Environment::Fair, "fair", "中等"},
                                                          {Environment::Poor, "poor", "差"}}};
constexpr std::array<Word<Ownership>, 4> kOwnerships{{{Ownership::State, "state", "国有"},
                                                      {Ownership::Collective, "collective", "集体"},
                                                      {Ownership::Private, "private", "个人"},
                                                      {Ownership::Other, "other", "其他"}}};
constexpr std::array<Word<TreeGrade>, 5> kGrades{{{TreeGrade::One, "1", "一级"},
                                                  {TreeGrade::Two, "2", "二级"},
                                                  {TreeGrade::Three, "3", "三级"},
                                                  {TreeGrade::Famous, "famous", "名木"},
                                                  {TreeGrade::None, "none", "不分级"}}};

template <typename E, std::size_t N>
std::string wordOf(const std::array<Word<E>, N>& words, E value) {
    for (const auto& w : words) {
        if (w.value == value)
            return std::string(w.written);
    }
    return {};  // Unknown is an empty cell
}

template <typename E, std::size_t N>
std::string listOf(const std::array<Word<E>, N>& words) {
    std::string text;
    for (const auto& w : words)
        text += (text.empty() ? "" : ", ") + std::string(w.written) + " (" +
                std::string(w.chinese) + ")";
    return text;
}

template <typename E, std::size_t N>
std::string parseWord(const std::array<Word<E>, N>& words, std::string_view text, E& out) {
    for (const auto& w : words) {
        if (text == w.written || text == w.chinese) {
            out = w.value;
            return {};
        }
    }
    if (text == "unknown") {
        out = E{};
        return {};
    }
    return "'" + std::string(text) + "' is not one of: " + listOf(words);
}

// Value <-> cell text, one overload per member type of the records.

std::string format(const std::string& v) {
    return v;
}
std::string format(double v) {
    return formatReal(v);
}
std::string format(int v) {
    return std::to_string(v);
}
std::string format(bool v) {
    return v ? "true" : "false";
}
std::string format(const std::optional<double>& v) {
    return v ? formatReal(*v) : std::string();
}
std::string format(const std::optional<int>& v) {
    return v ? std::to_string(*v) : std::string();
}
std::string format(const std::vector<std::string>& v) {
    std::string text;
    for (const std::string& s : v)
        text += (text.empty() ? "" : ";") + s;
    return text;
}
std::string format(AgeMethod v) {
    return wordOf(kAgeMethods, v);
}
std::string format(Vigour v) {
    return wordOf(kVigours, v);
}
std::string format(Environment v) {
    return wordOf(kEnvironments, v);
}
std::string format(Ownership v) {
    return wordOf(kOwnerships, v);
}
std::string format(const std::optional<TreeGrade>& v) {
    return v ? wordOf(kGrades, *v) : std::string();
}

std::string parse(std::string_view t, std::string& out) {
    out = std::string(t);
    return {};
}
std::string parse(std::string_view t, double& out) {
    const auto v = parseReal(t);
    if (!v)
        return "'" + std::string(t) + "' is not a number";
    out = *v;
    return {};
}
std::string parse(std::string_view t, std::optional<double>& out) {
    double v = 0;
    std::string problem = parse(t, v);
    if (problem.empty())
        out = v;
    return problem;
}
std::string parse(std::string_view t, int& out) {
    const auto v = parseReal(t);
    if (!v)
        return "'" + std::string(t) + "' is not a number";
    // "115.0" is how spreadsheets write whole numbers; "115.5" years is a mistake.
    if (*v != std::floor(*v) || std::fabs(*v) > std::numeric_limits<int>::max())
        return "'" + std::string(t) + "' is not a whole number";
    out = static_cast<int>(*v);
    return {};
}
std::string parse(std::string_view t, std::optional<int>& out) {
    int v = 0;
    std::string problem = parse(t, v);
    if (problem.empty())
        out = v;
    return problem;
}
std::string parse(std::string_view t, bool& out) {
    for (std::string_view yes : {"true", "TRUE", "True", "1", "yes", "y", "是"}) {
        if (t == yes) {
            out = true;
            return {};
        }
    }
    for (std::string_view no : {"false", "FALSE", "False", "0", "no", "n", "否"}) {
        if (t == no) {
            out = false;
            return {};
        }
    }
    return "'" + std::string(t) + "' is not true or false";
}
std::string parse(std::string_view t, std::vector<std::string>& out) {
    out.clear();
    while (!t.empty()) {
        const std::size_t cut = t.find(';');
        const std::string_view item = trim(t.substr(0, cut));
        if (!item.empty())
            out.emplace_back(item);
        if (cut == std::string_view::npos)
            break;
        t.remove_prefix(cut + 1);
    }
    return {};
}
std::string parse(std::string_view t, AgeMethod& out) {
    return parseWord(kAgeMethods, t, out);
}
std::string parse(std::string_view t, Vigour& out) {
    return parseWord(kVigours, t, out);
}
std::string parse(std::string_view t, Environment& out) {
    return parseWord(kEnvironments, t, out);
}
std::string parse(std::string_view t, Ownership& out) {
    return parseWord(kOwnerships, t, out);
}
std::string parse(std::string_view t, std::optional<TreeGrade>& out) {
    TreeGrade g = TreeGrade::None;
    std::string problem = parseWord(kGrades, t, g);
    if (problem.empty())
        out = g;
    return problem;
}

template <typename T>
constexpr ColumnType typeOf() {
    if constexpr (std::is_same_v<T, std::string>)
        return ColumnType::Text;
    else if constexpr (std::is_same_v<T, int> || std::is_same_v<T, std::optional<int>>)
        return ColumnType::Integer;
    else if constexpr (std::is_same_v<T, double> || std::is_same_v<T, std::optional<double>>)
        return ColumnType::Real;
    else if constexpr (std::is_same_v<T, bool>)
        return ColumnType::Bool;
    else if constexpr (std::is_same_v<T, std::vector<std::string>>)
        return ColumnType::List;
    else
        return ColumnType::Choice;
}

template <typename R, auto Member>
Column<R> column(std::string_view name) {
    using T = std::remove_cvref_t<decltype(std::declval<R&>().*Member)>;
    return {name, typeOf<T>(), [](const R& r) { return format(r.*Member); },
            [](R& r, std::string_view text) { return parse(text, r.*Member); }};
}

}  // namespace

const std::vector<Column<TreeRecord>>& treeColumns() {
    using T = TreeRecord;
    static const std::vector<Column<T>> columns{
        column<T, &T::id>("id"),
        column<T, &T::surveyNo>("survey_no"),
        column<T, &T::province>("province"),
        column<T, &T::city>("city"),
        column<T, &T::county>("county"),
        column<T, &T::town>("town"),
        column<T, &T::village>("village"),
        column<T, &T::placeName>("place_name"),
        column<T, &T::countyCode>("county_code"),
        column<T, &T::lon>("lon"),
        column<T, &T::lat>("lat"),
        column<T, &T::altitudeM>("altitude_m"),
        column<T, &T::speciesCn>("species_cn"),
        column<T, &T::latinName>("latin_name"),
        column<T, &T::family>("family"),
        column<T, &T::genus>("genus"),
        column<T, &T::ageYears>("age_years"),
        column<T, &T::ageMethod>("age_method"),
        column<T, &T::famous>("famous"),
        column<T, &T::statedGrade>("stated_grade"),
        column<T, &T::heightM>("height_m"),
        column<T, &T::dbhCm>("dbh_cm"),
        column<T, &T::crownEwM>("crown_ew_m"),
        column<T, &T::crownNsM>("crown_ns_m"),
        column<T, &T::crownAvgM>("crown_avg_m"),
        column<T, &T::vigour>("vigour"),
        column<T, &T::environment>("environment"),
        column<T, &T::ownership>("ownership"),
        column<T, &T::custodianUnit>("custodian_unit"),
        column<T, &T::custodianPerson>("custodian_person"),
        column<T, &T::threats>("threats"),
        column<T, &T::protectionMeasures>("protection_measures"),
        column<T, &T::story>("story"),
        column<T, &T::photos>("photos"),
        column<T, &T::surveyDate>("survey_date"),
        column<T, &T::surveyor>("surveyor"),
        column<T, &T::synthetic>("synthetic"),
    };
    return columns;
}

const std::vector<Column<VillageRecord>>& villageColumns() {
    using V = VillageRecord;
    static const std::vector<Column<V>> columns{
        column<V, &V::id>("id"),
        column<V, &V::name>("name"),
        column<V, &V::province>("province"),
        column<V, &V::city>("city"),
        column<V, &V::county>("county"),
        column<V, &V::town>("town"),
        column<V, &V::adminCode>("admin_code"),
        column<V, &V::lon>("lon"),
        column<V, &V::lat>("lat"),
        column<V, &V::batch>("batch"),
        column<V, &V::year>("year"),
        column<V, &V::areaHa>("area_ha"),
        column<V, &V::households>("households"),
        column<V, &V::population>("population"),
        column<V, &V::sitePattern>("site_pattern"),
        column<V, &V::traditionalBuildings>("traditional_buildings"),
        column<V, &V::protectedUnits>("protected_units"),
        column<V, &V::intangibleHeritage>("intangible_heritage"),
        column<V, &V::scoreAge>("score_age"),
        column<V, &V::scoreRarity>("score_rarity"),
        column<V, &V::scoreScale>("score_scale"),
        column<V, &V::scoreRatio>("score_ratio"),
        column<V, &V::scoreRichness>("score_richness"),
        column<V, &V::synthetic>("synthetic"),
    };
    return columns;
}

std::string formatReal(double value) {
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    return ec == std::errc() ? std::string(buf, end) : std::string();
}

std::optional<double> parseReal(std::string_view text) {
    text = trim(text);
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    if (text.empty())
        return std::nullopt;
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

std::string_view trim(std::string_view text) {
    auto startsWithSpace = [](std::string_view t) -> std::size_t {
        if (t.empty())
            return 0;
        const auto c = static_cast<unsigned char>(t.front());
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            return 1;
        if (t.substr(0, 2) == "\xC2\xA0")
            return 2;
        return t.substr(0, 3) == "\xE3\x80\x80" ? 3 : 0;
    };
    auto endsWithSpace = [](std::string_view t) -> std::size_t {
        if (t.empty())
            return 0;
        const auto c = static_cast<unsigned char>(t.back());
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            return 1;
        if (t.size() >= 2 && t.substr(t.size() - 2) == "\xC2\xA0")
            return 2;
        return t.size() >= 3 && t.substr(t.size() - 3) == "\xE3\x80\x80" ? 3 : 0;
    };
    while (std::size_t n = startsWithSpace(text))
        text.remove_prefix(n);
    while (std::size_t n = endsWithSpace(text))
        text.remove_suffix(n);
    return text;
}

std::string choiceWords(std::string_view column) {
    if (column == "age_method")
        return listOf(kAgeMethods);
    if (column == "vigour")
        return listOf(kVigours);
    if (column == "environment")
        return listOf(kEnvironments);
    if (column == "ownership")
        return listOf(kOwnerships);
    if (column == "stated_grade")
        return listOf(kGrades);
    return {};
}

}  // namespace cunjing::heritage::registerio
