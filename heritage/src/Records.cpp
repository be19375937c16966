#include <cunjing/heritage/Records.h>

#include <algorithm>
#include <cctype>
#include <initializer_list>

namespace cunjing::heritage {

std::optional<double> TreeRecord::crown() const {
    if (crownAvgM)
        return crownAvgM;
    if (crownEwM && crownNsM)
        return averageCrown(*crownEwM, *crownNsM);
    return crownEwM ? crownEwM : crownNsM;
}

std::optional<double> rarityScore(const std::vector<std::string>& protectedUnits) {
    struct Level {
        std::vector<std::string> words;
        double first, further;
    };
    static const Level kLevels[] = {{{"国家级", "全国重点"}, 5, 2},
                                    {{"省级"}, 3, 1.5},
                                    {{"市级", "县级", "市县级", "区级"}, 2, 1},
                                    {{"登记", "普查"}, 1, 0.5}};
    double score = 0;
    bool any = false;
    for (const Level& level : kLevels) {
        int count = 0;
        for (const std::string& unit : protectedUnits) {
            for (const std::string& word : level.words) {
                if (unit.rfind(word, 0) == 0) {
                    ++count;
                    break;
                }
            }
        }
        if (count > 0) {
            score += level.first + level.further * (count - 1);
            any = true;
        }
    }
    if (!any)
        return std::nullopt;
    return std::min(score, 10.0);
}

void scoreVillage(VillageRecord& village) {
    if (!village.scoreRarity)
        village.scoreRarity = rarityScore(village.protectedUnits);
}

int batchYear(int batch) {
    static constexpr int kYears[] = {2012, 2013, 2014, 2016, 2019, 2023};
    return batch >= 1 && batch <= 6 ? kYears[batch - 1] : 0;
}

namespace {

/// One coded value: its token, its Chinese name, and other spellings registers use.
template <typename E>
struct Code {
    E value;
    const char* token;
    const char* chinese;
    std::initializer_list<const char*> aliases;
};

template <typename E>
using Codes = std::initializer_list<Code<E>>;

const Codes<AgeMethod> kAgeMethods = {
    {AgeMethod::Unknown, "unknown", "未知", {""}},
    {AgeMethod::Documents, "documents", "文献", {"文獻", "document", "records"}},
    {AgeMethod::Legend, "legend", "传说", {"傳說", "folklore"}},
    {AgeMethod::Estimate, "estimate", "估测", {"估測", "estimated", "估算"}},
    {AgeMethod::RingCount, "ring_count", "年轮", {"年輪", "rings", "ring"}},
};
const Codes<Vigour> kVigours = {
    {Vigour::Unknown, "unknown", "未知", {""}},
    {Vigour::Normal, "normal", "正常", {"良好", "旺盛", "good", "healthy"}},
    {Vigour::Weak, "weak", "衰弱", {"一般", "fair", "poor"}},
    {Vigour::Endangered, "endangered", "濒危", {"瀕危", "dying"}},
    {Vigour::Dead, "dead", "死亡", {}},
};
const Codes<Environment> kEnvironments = {
    {Environment::Unknown, "unknown", "未知", {""}},
    {Environment::Good, "good", "良好", {"好"}},
    {Environment::Fair, "fair", "中等", {"一般"}},
    {Environment::Poor, "poor", "差", {"较差", "極差", "极差", "bad"}},
};
const Codes<Ownership> kOwnerships = {
    {Ownership::Unknown, "unknown", "未知", {""}},
    {Ownership::State, "state", "国有", {"國有"}},
    {Ownership::Collective, "collective", "集体", {"集體"}},
    {Ownership::Private, "private", "个人", {"個人", "私有", "individual"}},
    {Ownership::Other, "other", "其他", {}},
};
const Codes<ZoneKind> kZoneKinds = {
    {ZoneKind::Core, "core", "核心保护范围", {"核心保護範圍", "核心区"}},
    {ZoneKind::ConstructionControl,
     "construction_control",
     "建设控制地带",
     {"建設控制地帶", "建控地带"}},
    {ZoneKind::Environment, "environment", "环境协调区", {"環境協調區"}},
};

std::string lowerAscii(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

template <typename E>
const Code<E>& codeOf(const Codes<E>& codes, E v) {
    for (const auto& c : codes)
        if (c.value == v)
            return c;
    return *codes.begin();
}

template <typename E>
std::optional<E> parseCode(const Codes<E>& codes, std::string_view text) {
    const std::string key = lowerAscii(trimmed(text));
    for (const auto& c : codes) {
        if (key == c.token || key == c.chinese)
            return c.value;
        for (const char* a : c.aliases)
            if (key == a)
                return c.value;
    }
    return std::nullopt;
}

}  // namespace

std::string token(AgeMethod v) {
    return codeOf(kAgeMethods, v).token;
}
std::string token(Vigour v) {
    return codeOf(kVigours, v).token;
}
std::string token(Environment v) {
    return codeOf(kEnvironments, v).token;
}
std::string token(Ownership v) {
    return codeOf(kOwnerships, v).token;
}
std::string token(ZoneKind v) {
    return codeOf(kZoneKinds, v).token;
}
std::string chineseName(AgeMethod v) {
    return codeOf(kAgeMethods, v).chinese;
}
std::string chineseName(Vigour v) {
    return codeOf(kVigours, v).chinese;
}
std::string chineseName(Environment v) {
    return codeOf(kEnvironments, v).chinese;
}
std::string chineseName(Ownership v) {
    return codeOf(kOwnerships, v).chinese;
}
std::string chineseName(ZoneKind v) {
    return codeOf(kZoneKinds, v).chinese;
}
std::optional<AgeMethod> parseAgeMethod(std::string_view t) {
    return parseCode(kAgeMethods, t);
}
std::optional<Vigour> parseVigour(std::string_view t) {
    return parseCode(kVigours, t);
}
std::optional<Environment> parseEnvironment(std::string_view t) {
    return parseCode(kEnvironments, t);
}
std::optional<Ownership> parseOwnership(std::string_view t) {
    return parseCode(kOwnerships, t);
}
std::optional<ZoneKind> parseZoneKind(std::string_view t) {
    return parseCode(kZoneKinds, t);
}

namespace {
const Codes<TreeGrade> kGrades = {
    {TreeGrade::None, "none", "未达古树", {"", "0", "无", "無"}},
    {TreeGrade::One, "I", "一级", {"i", "1", "一級", "一级古树", "一級古樹", "grade i"}},
    {TreeGrade::Two, "II", "二级", {"ii", "2", "二級", "二级古树", "二級古樹", "grade ii"}},
    {TreeGrade::Three, "III", "三级", {"iii", "3", "三級", "三级古树", "三級古樹", "grade iii"}},
    {TreeGrade::Famous, "famous", "名木", {"famous tree"}},
};
}  // namespace

std::string gradeToken(TreeGrade grade) {
    return codeOf(kGrades, grade).token;
}

std::optional<TreeGrade> parseGrade(std::string_view text) {
    // Tokens are compared lower-cased, and "I" is upper case in its token.
    const std::string key = lowerAscii(trimmed(text));
    for (const auto& c : kGrades) {
        if (key == lowerAscii(c.token) || key == c.chinese)
            return c.value;
        for (const char* a : c.aliases)
            if (key == a)
                return c.value;
    }
    return std::nullopt;
}

}  // namespace cunjing::heritage
