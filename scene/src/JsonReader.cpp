#include "JsonReader.h"

#include <cmath>

namespace cunjing::scene::detail {

std::string describeJsonType(const nlohmann::json& v) {
    if (v.is_null())
        return "null";
    if (v.is_boolean())
        return "a boolean";
    if (v.is_number())
        return "a number";
    if (v.is_string())
        return "a string";
    if (v.is_array())
        return "an array";
    return "an object";
}

JsonReader::JsonReader(const nlohmann::json& object, std::string path, std::string file,
                       std::vector<Error>& errors)
    : object_(object.is_object() ? &object : nullptr),
      path_(std::move(path)),
      file_(std::move(file)),
      errors_(errors) {
    if (!object_)
        error(path_, "expected an object, got " + describeJsonType(object));
}

bool JsonReader::has(const std::string& key) const {
    return object_ && object_->contains(key) && !(*object_)[key].is_null();
}

const nlohmann::json* JsonReader::take(const std::string& key) {
    taken_.insert(key);
    if (!object_)
        return nullptr;
    auto it = object_->find(key);
    return it == object_->end() ? nullptr : &*it;
}

void JsonReader::error(const std::string& where, const std::string& message) {
    errors_.push_back({file_, where, message});
}

bool JsonReader::expect(const std::string& key, bool required, const nlohmann::json*& value) {
    value = take(key);
    if (!object_)
        return false;
    if (!value || value->is_null()) {
        if (required)
            error(path_, "missing required key \"" + key + "\"");
        return false;
    }
    return true;
}

void JsonReader::wrongType(const std::string& key, const char* expected,
                           const nlohmann::json& got) {
    error(childPath(key), std::string("expected ") + expected + ", got " + describeJsonType(got));
}

bool JsonReader::string(const std::string& key, std::string& out, bool required) {
    const nlohmann::json* v = nullptr;
    if (!expect(key, required, v))
        return false;
    if (!v->is_string())
        return wrongType(key, "a string", *v), false;
    out = v->get<std::string>();
    return true;
}

bool JsonReader::number(const std::string& key, double& out, bool required, double min,
                        double max) {
    const nlohmann::json* v = nullptr;
    if (!expect(key, required, v))
        return false;
    if (!v->is_number())
        return wrongType(key, "a number", *v), false;
    const double d = v->get<double>();
    if (!std::isfinite(d) || d < min || d > max) {
        error(childPath(key), "value " + v->dump() + " is out of range [" +
                                  nlohmann::json(min).dump() + ", " + nlohmann::json(max).dump() +
                                  "]");
        return false;
    }
    out = d;
    return true;
}

bool JsonReader::integer(const std::string& key, int& out, bool required, int min, int max) {
    const nlohmann::json* v = nullptr;
    if (!expect(key, required, v))
        return false;
    if (!v->is_number_integer())
        return wrongType(key, "an integer", *v), false;
    const auto i = v->get<long long>();
    if (i < min || i > max) {
        error(childPath(key), "value " + std::to_string(i) + " is out of range [" +
                                  std::to_string(min) + ", " + std::to_string(max) + "]");
        return false;
    }
    out = static_cast<int>(i);
    return true;
}

bool JsonReader::boolean(const std::string& key, bool& out, bool required) {
    const nlohmann::json* v = nullptr;
    if (!expect(key, required, v))
        return false;
    if (!v->is_boolean())
        return wrongType(key, "true or false", *v), false;
    out = v->get<bool>();
    return true;
}

void JsonReader::objects(const std::string& key, const std::function<void(JsonReader&)>& read) {
    const nlohmann::json* v = take(key);
    if (!v || v->is_null())
        return;
    if (!v->is_array())
        return wrongType(key, "an array", *v);
    for (std::size_t i = 0; i < v->size(); ++i) {
        JsonReader item((*v)[i], childPath(key) + "[" + std::to_string(i) + "]", file_, errors_);
        if (item.isObject())
            read(item);
    }
}

void JsonReader::finish() {
    if (!object_)
        return;
    for (const auto& [key, value] : object_->items()) {
        if (taken_.count(key))
            continue;
        std::string known;
        for (const auto& k : taken_)
            known += (known.empty() ? "" : ", ") + k;
        error(childPath(key), "unknown key \"" + key + "\" (known here: " + known + ")");
    }
}

std::string lineAndColumn(const std::string& text, std::size_t byte) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
        if (text[i] == '\n')
            ++line, column = 1;
        else
            ++column;
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

std::string plainParseMessage(const std::string& what) {
    const auto colon = what.find(": ");
    return colon == std::string::npos ? what : what.substr(colon + 2);
}

Result<nlohmann::json> parseJson(const std::string& text, const std::string& file) {
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        return Error{file, lineAndColumn(text, e.byte > 0 ? e.byte - 1 : 0),
                     "JSON syntax error: " + plainParseMessage(e.what())};
    } catch (const nlohmann::json::exception& e) {
        return Error{file, "", "JSON syntax error: " + plainParseMessage(e.what())};
    }
}

}  // namespace cunjing::scene::detail
