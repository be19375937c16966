#pragma once
// Typed, path-aware reading of a JSON object with a closed set of keys. Each problem becomes
// one Error naming the JSON path; unknown keys are errors (a misspelt key must not be ignored).

#include <cunjing/geo/Result.h>

#include <nlohmann/json.hpp>

#include <array>
#include <functional>
#include <set>
#include <string>
#include <vector>

namespace cunjing::scene::detail {

class JsonReader {
public:
    JsonReader(const nlohmann::json& object, std::string path, std::string file,
               std::vector<Error>& errors);

    /// False (and an error) when the value is not an object; then nothing else is read.
    bool isObject() const { return object_ != nullptr; }

    bool has(const std::string& key) const;
    /// Marks a key as known and returns its value (null when absent).
    const nlohmann::json* take(const std::string& key);

    bool string(const std::string& key, std::string& out, bool required = false);
    bool number(const std::string& key, double& out, bool required = false, double min = -1e300,
                double max = 1e300);
    bool integer(const std::string& key, int& out, bool required = false, int min = INT32_MIN,
                 int max = INT32_MAX);
    bool boolean(const std::string& key, bool& out, bool required = false);
    template <std::size_t N>
    bool numbers(const std::string& key, std::array<double, N>& out, bool required = false);

    /// Reads an optional array of objects: calls read() with a reader for each element that
    /// is an object (others are reported). A non-array is reported.
    void objects(const std::string& key, const std::function<void(JsonReader&)>& read);

    /// A child path such as "$.terrain" or "$.viewpoints[2]".
    std::string childPath(const std::string& key) const { return path_ + "." + key; }
    void error(const std::string& where, const std::string& message);
    /// Reports keys that were never taken; call after reading everything.
    void finish();

    const std::string& path() const { return path_; }
    const std::string& file() const { return file_; }
    std::vector<Error>& errors() { return errors_; }

private:
    bool expect(const std::string& key, bool required, const nlohmann::json*& value);
    void wrongType(const std::string& key, const char* expected, const nlohmann::json& got);

    const nlohmann::json* object_;
    std::string path_;
    std::string file_;
    std::vector<Error>& errors_;
    std::set<std::string> taken_;
};

/// "a string", "an object" ... for messages.
std::string describeJsonType(const nlohmann::json& value);

/// "line 3, column 7" for a byte offset into text.
std::string lineAndColumn(const std::string& text, std::size_t byte);

/// nlohmann's message without its "[json.exception.parse_error.101] parse error at ...:" prefix.
std::string plainParseMessage(const std::string& what);

/// The JSON document in `text`, or one "JSON syntax error" naming `file`: at its line and
/// column, or a number too large for a double (nlohmann throws out_of_range for that, not
/// parse_error; uncaught, it aborted the process).
Result<nlohmann::json> parseJson(const std::string& text, const std::string& file);

template <std::size_t N>
bool JsonReader::numbers(const std::string& key, std::array<double, N>& out, bool required) {
    const nlohmann::json* v = nullptr;
    if (!expect(key, required, v))
        return false;
    if (!v->is_array() || v->size() != N) {
        error(childPath(key), "expected an array of " + std::to_string(N) + " numbers, got " +
                                  describeJsonType(*v));
        return false;
    }
    for (std::size_t i = 0; i < N; ++i) {
        if (!(*v)[i].is_number()) {
            error(childPath(key) + "[" + std::to_string(i) + "]",
                  "expected a number, got " + describeJsonType((*v)[i]));
            return false;
        }
        out[i] = (*v)[i].get<double>();
    }
    return true;
}

}  // namespace cunjing::scene::detail
