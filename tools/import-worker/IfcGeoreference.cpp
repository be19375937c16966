#include "IfcGeoreference.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <vector>

namespace cunjing::worker {

namespace {

constexpr std::size_t kBlock = 1 << 20;
constexpr std::size_t kMaxEntity = 64 * 1024;
constexpr std::string_view kKeyword = "IFCSITE";

/// Position just after "IFCSITE(" of an entity instance ("#12= IFCSITE(") in `text`, or npos.
std::size_t findSite(const std::string& text, std::size_t from) {
    for (std::size_t i = from; i + kKeyword.size() < text.size(); ++i) {
        std::size_t k = 0;
        while (k < kKeyword.size() &&
               std::toupper(static_cast<unsigned char>(text[i + k])) == kKeyword[k])
            ++k;
        if (k != kKeyword.size())
            continue;
        std::size_t j = i + k;
        while (j < text.size() && std::isspace(static_cast<unsigned char>(text[j])))
            ++j;
        std::size_t b = i;
        while (b > 0 && std::isspace(static_cast<unsigned char>(text[b - 1])))
            --b;
        if (j < text.size() && text[j] == '(' && b > 0 && text[b - 1] == '=')
            return j + 1;
    }
    return std::string::npos;
}

/// The top-level arguments of an entity, from after its '(' to its closing ')'. Strings are
/// '...' with '' as an escaped quote. Empty when the entity does not close within `text`.
std::vector<std::string> topLevelArguments(std::string_view text) {
    std::vector<std::string> args(1);
    int depth = 0;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '\'' && i + 1 < text.size() && text[i + 1] == '\'')
                args.back() += text[i++];
            else if (c == '\'')
                quoted = false;
            args.back() += c;
            continue;
        }
        if (c == '\'') {
            quoted = true;
        } else if (c == '(') {
            ++depth;
        } else if (c == ')') {
            if (depth-- == 0)
                return args;
        } else if (c == ',' && depth == 0) {
            args.emplace_back();
            continue;
        }
        if (!std::isspace(static_cast<unsigned char>(c)))
            args.back() += c;
    }
    return {};
}

/// The IFCSITE entity's argument text (bounded), or empty when there is none.
std::string siteEntity(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::string window;
    std::vector<char> block(kBlock);
    std::size_t start = std::string::npos;
    while (in) {
        in.read(block.data(), static_cast<std::streamsize>(block.size()));
        window.append(block.data(), static_cast<std::size_t>(in.gcount()));
        if (start == std::string::npos) {
            start = findSite(window, 0);
            if (start == std::string::npos) {
                // Keep a tail long enough to hold a keyword cut at the block boundary.
                if (window.size() > 64)
                    window.erase(0, window.size() - 64);
                continue;
            }
        }
        if (window.size() - start >= kMaxEntity || window.find(';', start) != std::string::npos)
            break;
    }
    if (start == std::string::npos)
        return {};
    return window.substr(start, std::min(kMaxEntity, window.size() - start));
}

std::optional<double> real(std::string_view text) {
    if (text.empty() || text == "$" || text == "*")
        return std::nullopt;
    const std::string s(text);
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

}  // namespace

std::optional<double> compoundAngle(std::string_view text) {
    if (text.size() < 3 || text.front() != '(' || text.back() != ')')
        return std::nullopt;
    text = text.substr(1, text.size() - 2);
    const double scale[4] = {1, 1.0 / 60, 1.0 / 3600, 1.0 / 3.6e9};
    double degrees = 0;
    bool negative = false;
    int parts = 0;
    while (!text.empty()) {
        const std::size_t comma = std::min(text.find(','), text.size());
        const std::string part(text.substr(0, comma));
        char* end = nullptr;
        const long long v = std::strtoll(part.c_str(), &end, 10);
        if (part.empty() || end != part.c_str() + part.size() || parts == 4 ||
            std::llabs(v) > 1'000'000'000)
            return std::nullopt;
        negative = negative || v < 0;
        degrees += static_cast<double>(std::llabs(v)) * scale[parts++];
        text.remove_prefix(std::min(comma + 1, text.size()));
    }
    if (parts < 3)
        return std::nullopt;
    return negative ? -degrees : degrees;
}

std::optional<models::Georeference> readIfcSite(const std::filesystem::path& ifcFile,
                                                std::string& warning) {
    const std::vector<std::string> args = topLevelArguments(siteEntity(ifcFile));
    // IfcSite: ..., CompositionType (8), RefLatitude (9), RefLongitude (10), RefElevation (11).
    if (args.size() < 12)
        return std::nullopt;
    if (args[9] == "$" && args[10] == "$")
        return std::nullopt;
    const std::optional<double> latitude = compoundAngle(args[9]);
    const std::optional<double> longitude = compoundAngle(args[10]);
    if (!latitude || !longitude || std::abs(*latitude) > 90 || std::abs(*longitude) > 180) {
        warning =
            "the IFC site's latitude/longitude (" + args[9] + ", " + args[10] + ") is not usable";
        return std::nullopt;
    }
    models::Georeference g;
    g.latitude = *latitude;
    g.longitude = *longitude;
    g.elevation = real(args[11]).value_or(0.0);
    return g;
}

}  // namespace cunjing::worker
