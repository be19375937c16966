// `cunjing style list [--styles DIR] [--json]`: every style of the library with its typologies
// (pinyin id, generator, Chinese name), gable profiles, roofs, ornaments and materials.

#include "StyleCommand.h"

#include <cunjing/architecture/StyleLibrary.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

namespace cunjing::tools {

namespace {

constexpr int kBadInput = 2;

struct ListOptions {
    std::string styles;
    bool json = false;
};

/// "#7A7F84": palettes are sRGB, so this is the hex the style file gave.
std::string hexColor(const geo::Rgba& c) {
    auto byte = [](float v) {
        return static_cast<int>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255));
    };
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "#%02X%02X%02X", byte(c.r), byte(c.g), byte(c.b));
    return buffer;
}

std::string gableKindName(architecture::GableKind kind) {
    switch (kind) {
        case architecture::GableKind::FollowRoof:
            return "follow-roof";
        case architecture::GableKind::WokEar:
            return "wok-ear";
        case architecture::GableKind::Crown:
            return "crown";
    }
    return {};
}

std::string roofFormName(architecture::RoofForm form) {
    switch (form) {
        case architecture::RoofForm::HardGable:
            return "hard-gable";
        case architecture::RoofForm::HipAndGable:
            return "hip-and-gable";
        case architecture::RoofForm::Flat:
            return "flat";
    }
    return {};
}

nlohmann::ordered_json typologyJson(const architecture::TypologySpec& t) {
    using json = nlohmann::ordered_json;
    json dimensions = json::object();
    for (const auto& [key, r] : t.dimensions) {
        dimensions[key] = {{"min", r.min},
                           {"max", r.max},
                           {"default", r.def},
                           {"integer", r.integer},
                           {"varies", r.varies}};
    }
    json options = json::object();
    for (const auto& [key, o] : t.options)
        options[key] = {{"allowed", o.allowed}, {"default", o.def}};
    return {{"id", t.id},
            {"name", t.name},
            {"generator", t.generator},
            {"variation", t.variation},
            {"dimensions", dimensions},
            {"options", options}};
}

nlohmann::ordered_json styleJson(const architecture::Style& s) {
    using json = nlohmann::ordered_json;
    json j = {{"id", s.id}, {"name", s.name}, {"file", s.file}};
    j["typologies"] = json::array();
    for (const auto& t : s.typologies)
        j["typologies"].push_back(typologyJson(t));
    j["gables"] = json::array();
    for (const auto& g : s.gables)
        j["gables"].push_back({{"id", g.id}, {"name", g.name}, {"kind", gableKindName(g.kind)}});
    j["roofs"] = json::array();
    for (const auto& r : s.roofs)
        j["roofs"].push_back({{"id", r.id}, {"name", r.name}, {"form", roofFormName(r.form)}});
    j["ornaments"] = json::array();
    for (const auto& o : s.ornaments)
        j["ornaments"].push_back({{"id", o.id}, {"name", o.name}});
    j["materials"] = json::array();
    for (const auto& m : s.materials) {
        j["materials"].push_back(
            {{"id", m.id}, {"name", m.name}, {"color", hexColor(m.color)}, {"surface", m.surface}});
    }
    return j;
}

std::string padded(const std::string& s, std::size_t width) {
    return s.size() >= width ? s + " " : s + std::string(width - s.size(), ' ');
}

/// Items joined with ", ", wrapped before `width` columns under an indent.
std::string wrapped(const std::vector<std::string>& items, std::size_t indent, std::size_t width) {
    std::string out, line;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string item = items[i] + (i + 1 < items.size() ? "," : "");
        if (!line.empty() && indent + line.size() + 1 + item.size() > width) {
            out += line + "\n" + std::string(indent, ' ');
            line.clear();
        }
        line += (line.empty() ? "" : " ") + item;
    }
    return out + line;
}

void printStyle(const architecture::Style& s) {
    std::cout << s.id << "  " << s.name << "  (" << s.file << ")\n";
    std::size_t idWidth = 8, generatorWidth = 9;
    for (const auto& t : s.typologies) {
        idWidth = std::max(idWidth, t.id.size());
        generatorWidth = std::max(generatorWidth, t.generator.size());
    }
    // The Chinese name goes last: CJK characters are two columns wide in a terminal.
    std::cout << "  " << padded("typology", idWidth + 2) << padded("generator", generatorWidth + 2)
              << "name\n";
    for (const auto& t : s.typologies) {
        std::cout << "  " << padded(t.id, idWidth + 2) << padded(t.generator, generatorWidth + 2)
                  << t.name << "\n";
    }
    std::cout << "  gables:\n";
    for (const auto& g : s.gables)
        std::cout << "    " << padded(g.id, 10) << g.name << "\n";
    std::vector<std::string> roofs, ornaments, materials;
    for (const auto& r : s.roofs)
        roofs.push_back(r.id);
    for (const auto& o : s.ornaments)
        ornaments.push_back(o.id);
    for (const auto& m : s.materials)
        materials.push_back(m.id + " " + hexColor(m.color));
    std::cout << "  roofs:     " << wrapped(roofs, 13, 100) << "\n";
    std::cout << "  ornaments: " << wrapped(ornaments, 13, 100) << "\n";
    std::cout << "  materials: " << wrapped(materials, 13, 100) << "\n";
}

int runList(const ListOptions& o) {
    const auto styles = architecture::loadStyleLibrary(o.styles);
    if (!styles) {
        for (const Error& e : styles.errors())
            std::cerr << "error: " << e.toString() << "\n";
        return kBadInput;
    }
    for (const Error& w : styles.warnings())
        std::cerr << "warning: " << w.toString() << "\n";
    const std::string folder =
        o.styles.empty() ? architecture::defaultStyleDirectory().string() : o.styles;
    if (styles->empty()) {
        std::cerr << "error: " << folder
                  << ": no style files (*.json) here; give --styles DIR or set CUNJING_STYLES\n";
        return kBadInput;
    }
    if (o.json) {
        nlohmann::ordered_json j = {{"folder", folder},
                                    {"styles", nlohmann::ordered_json::array()}};
        for (const auto& s : styles.value())
            j["styles"].push_back(styleJson(s));
        std::cout << j.dump(2) << "\n";
        return 0;
    }
    for (std::size_t i = 0; i < styles->size(); ++i) {
        if (i > 0)
            std::cout << "\n";
        printStyle(styles.value()[i]);
    }
    return 0;
}

}  // namespace

void addStyleCommand(CLI::App& app, std::function<int()>& run) {
    CLI::App* style = app.add_subcommand("style", "The style library: styles and typologies");
    style->require_subcommand(1);
    auto o = std::make_shared<ListOptions>();
    CLI::App* list = style->add_subcommand(
        "list", "List every style with its typologies, gable profiles, roofs and materials");
    list->add_option("--styles", o->styles,
                     "Style folder (default: $CUNJING_STYLES, else the bundled assets/styles)");
    list->add_flag("--json", o->json, "Print JSON instead of a table (with dimension ranges)");
    list->callback([&run, o] { run = [o] { return runList(*o); }; });
}

}  // namespace cunjing::tools
