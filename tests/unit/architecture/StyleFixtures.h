#pragma once
/// The bundled style library (assets/styles), loaded once, and its raw JSON for tests that
/// break one field at a time.

#include <cunjing/architecture/Style.h>

#include <TestPaths.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <string>
#include <vector>

namespace cunjing::architecture::test {

inline std::string stylePath(const std::string& id) {
    return (cunjing::test::sourceDir() / "assets" / "styles" / (id + ".json")).string();
}

inline const std::vector<Style>& bundledStyles() {
    static const std::vector<Style> styles = [] {
        auto r = loadStyleDirectory((cunjing::test::sourceDir() / "assets" / "styles").string());
        EXPECT_TRUE(r.ok()) << r.firstError();
        return r.ok() ? r.value() : std::vector<Style>{};
    }();
    return styles;
}

inline const Style& bundledStyle(const std::string& id) {
    for (const Style& s : bundledStyles()) {
        if (s.id == id)
            return s;
    }
    static const Style kNone;
    ADD_FAILURE() << "no bundled style " << id;
    return kNone;
}

inline nlohmann::json styleJson(const std::string& id) {
    std::ifstream in(stylePath(id));
    return nlohmann::json::parse(in);
}

/// Parses the edited JSON under the bundled file's name, as a user's edit would be read.
inline Result<Style> parseEdited(const nlohmann::json& j, const std::string& id) {
    return parseStyle(j.dump(), id + ".json");
}

}  // namespace cunjing::architecture::test
