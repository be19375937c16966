#pragma once
/// Private: the style file reader's shared pieces: error collection with JSON paths, palette
/// references, and the typology section (variants, dimensions, options). The town plan reader
/// (TownPlan.cpp) shares the error collection and the JSON helpers.

#include <cunjing/architecture/Style.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cunjing::architecture::detail {

using nlohmann::json;

inline std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

inline std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& s : items)
        out += (out.empty() ? "" : ", ") + s;
    return out;
}

/// Where a parse error's byte lies, as "line L, column C" (both from 1).
inline std::string lineAndColumn(std::string_view text, std::size_t byte) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

/// The JSON document in `text` (json or ordered_json), or one error naming the file: a syntax
/// error at its line and column, or a number too large for a double (nlohmann throws
/// out_of_range for that, not parse_error; uncaught, it aborted the process).
template <typename Document>
Result<Document> parseJsonText(std::string_view text, const std::string& file) {
    try {
        return Document::parse(text.begin(), text.end());
    } catch (const typename Document::parse_error& e) {
        return Error{file, lineAndColumn(text, e.byte > 0 ? e.byte - 1 : 0),
                     "not valid JSON: " + std::string(e.what())};
    } catch (const typename Document::exception& e) {
        return Error{file, "", "not valid JSON: " + std::string(e.what())};
    }
}

inline std::vector<std::string> keysOf(const json& obj) {
    std::vector<std::string> keys;
    if (obj.is_object()) {
        for (auto it = obj.begin(); it != obj.end(); ++it)
            keys.push_back(it.key());
    }
    return keys;
}

/// Collects errors against one file; J is nlohmann::json or nlohmann::ordered_json.
template <typename J>
struct BasicChecker {
    std::string file;
    std::vector<Error> errors;

    void fail(const std::string& where, const std::string& message) {
        errors.push_back({file, where, message});
    }

    /// The member, or nullptr (with a "missing" error when required).
    const J* member(const J& obj, const std::string& key, const std::string& path, bool required,
                    const std::string& expected) {
        if (obj.is_object()) {
            const auto it = obj.find(key);
            if (it != obj.end())
                return &*it;
        }
        if (required)
            fail(path + "." + key, "missing; expected " + expected);
        return nullptr;
    }

    bool text(const J& obj, const std::string& key, const std::string& path, std::string& out,
              bool required = true) {
        const J* v = member(obj, key, path, required, "a string");
        if (!v)
            return false;
        if (!v->is_string()) {
            fail(path + "." + key, "expected a string");
            return false;
        }
        out = v->template get<std::string>();
        return true;
    }

    bool num(const J& obj, const std::string& key, const std::string& path, double& out,
             bool required = true) {
        const J* v = member(obj, key, path, required, "a number");
        if (!v)
            return false;
        if (!v->is_number()) {
            fail(path + "." + key, "expected a number");
            return false;
        }
        out = v->template get<double>();
        return true;
    }

    const J* object(const J& obj, const std::string& key, const std::string& path,
                    bool required = true) {
        const J* v = member(obj, key, path, required, "an object");
        if (v && !v->is_object()) {
            fail(path + "." + key, "expected an object");
            return nullptr;
        }
        return v;
    }

    /// A string that must be one of allowed.
    bool choice(const J& obj, const std::string& key, const std::string& path,
                const std::vector<std::string>& allowed, std::string& out, bool required = true) {
        if (!text(obj, key, path, out, required))
            return false;
        if (std::find(allowed.begin(), allowed.end(), out) == allowed.end()) {
            fail(path + "." + key, "'" + out + "' is not allowed; allowed: " + joined(allowed));
            return false;
        }
        return true;
    }
};

using Checker = BasicChecker<json>;

/// A palette role: one material id or a list of them, appended to out.
bool parseMaterialRefs(Checker& c, const Style& s, const json& v, const std::string& path,
                       std::vector<MaterialId>& out);

/// Object members of `over` replace or, for objects, merge into those of `base`, depth levels
/// deep.
json merged(json base, const json& over, int depth);

/// Every typology of the file, bases before their variants, checked against the generators.
void parseTypologies(Checker& c, Style& s, const json& typologies, const json& shared,
                     const std::map<std::string, std::vector<MaterialId>>& basePalette,
                     double variation);

/// A palette object; requireAll: every role of materialRoles() must be there.
void parsePalette(Checker& c, const Style& s, const json& obj, const std::string& path,
                  bool requireAll, std::map<std::string, std::vector<MaterialId>>& out);

}  // namespace cunjing::architecture::detail
