// `cunjing building generate --style S --type T [--set key=value ...] [--seed N] --out FILE`:
// one building from the style library, written as glTF or OBJ (Y up) for Blender, SketchUp,
// QGIS 3D, with a summary of what was built.

#include "BuildingCommand.h"

#include "ModelExport.h"

#include <cunjing/architecture/Building.h>
#include <cunjing/architecture/StyleLibrary.h>

#include <cstdint>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace cunjing::tools {

namespace {

constexpr int kBadInput = 2;

struct GenerateOptions {
    std::string style;
    std::string type;
    std::vector<std::string> set;
    std::uint32_t seed = 1;  // the scene file's default, so a scene's building can be re-made
    std::string styles;
    std::string out;
};

int fail(const std::vector<Error>& errors, const std::string& prefix = {}) {
    for (const Error& e : errors)
        std::cerr << "error: " << prefix << e.toString() << "\n";
    return kBadInput;
}

std::string number(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4g", v);
    return buffer;
}

/// "key=value" items on lines no wider than `width`, continuing under `indent` spaces.
std::string wrapped(const std::vector<std::string>& items, std::size_t indent, std::size_t width) {
    std::string out, line;
    for (const std::string& item : items) {
        if (!line.empty() && indent + line.size() + 1 + item.size() > width) {
            out += line + "\n" + std::string(indent, ' ');
            line.clear();
        }
        line += (line.empty() ? "" : " ") + item;
    }
    return out + line;
}

void printSummary(const GenerateOptions& o, const architecture::ResolvedTypology& r,
                  const architecture::BuildingMesh& b, ModelFormat format,
                  const std::vector<std::filesystem::path>& written) {
    std::vector<std::string> dimensions, options, triangles;
    for (const auto& [key, value] : r.dimensions)
        dimensions.push_back(key + "=" + number(value));
    for (const auto& [key, value] : r.options)
        options.push_back(key + "=" + value);
    for (int k = 0; k < architecture::kPartKindCount; ++k) {
        const auto kind = static_cast<architecture::PartKind>(k);
        if (const std::size_t n = b.triangleCount(kind))
            triangles.push_back(std::string(architecture::partKindName(kind)) + " " +
                                std::to_string(n));
    }
    const geo::Bounds box = geo::boundsOf(b.mesh);
    auto& out = std::cout;
    out << "building:   " << o.style << "/" << r.spec->id << "  " << r.spec->name << "\n";
    out << "generator:  " << r.spec->generator << ", seed " << o.seed << "\n";
    out << "dimensions: " << wrapped(dimensions, 12, 100) << "\n";
    if (!options.empty())
        out << "options:    " << wrapped(options, 12, 100) << "\n";
    for (std::size_t i = 0; i + 1 < triangles.size(); ++i)
        triangles[i] += ",";
    out << "triangles:  " << b.mesh.triangleCount() << " (" << wrapped(triangles, 13, 100) << ")\n";
    out << "size:       " << number(box.max.x - box.min.x) << " x " << number(box.max.y - box.min.y)
        << " x " << number(box.max.z - box.min.z)
        << " m (width x depth x height; written Y up, height along Y)\n";
    for (const auto& path : written)
        out << "wrote:      " << path.string() << "\n";
    out << "format:     " << modelFormatName(format) << "\n";
}

int runGenerate(const GenerateOptions& o) {
    const auto format = modelFormatFor(o.out);
    if (!format)
        return fail(format.errors(), "--out: ");
    const auto styles = architecture::loadStyleLibrary(o.styles);
    if (!styles)
        return fail(styles.errors());
    for (const Error& w : styles.warnings())
        std::cerr << "warning: " << w.toString() << "\n";
    const architecture::Style* style = architecture::findStyle(styles.value(), o.style);
    if (!style) {
        const std::string folder =
            o.styles.empty() ? architecture::defaultStyleDirectory().string() : o.styles;
        std::cerr << "error: --style: unknown style '" << o.style
                  << "'; known styles: " << architecture::styleList(styles.value()) << " (in "
                  << folder << ")\n";
        return kBadInput;
    }
    const auto overrides = architecture::parseOverrides(o.set);
    if (!overrides)
        return fail(overrides.errors(), "--set ");
    // Resolving first checks the typology and every override, naming key and allowed range.
    const auto resolved = architecture::resolveTypology(*style, o.type, overrides.value(), o.seed);
    if (!resolved)
        return fail(resolved.errors());
    const auto building =
        architecture::generateBuilding(*style, o.type, overrides.value(), o.seed, 0);
    if (!building)
        return fail(building.errors());
    for (const Error& w : building.warnings())
        std::cerr << "warning: " << w.toString() << "\n";
    const auto written =
        exportBuilding(building.value(), *style, style->id + "-" + o.type, o.out, format.value());
    if (!written)
        return fail(written.errors());
    printSummary(o, resolved.value(), building.value(), format.value(), written.value());
    return 0;
}

}  // namespace

void addBuildingCommand(CLI::App& app, std::function<int()>& run) {
    CLI::App* building =
        app.add_subcommand("building", "Procedural buildings of the style library");
    building->require_subcommand(1);
    auto o = std::make_shared<GenerateOptions>();
    CLI::App* cmd = building->add_subcommand(
        "generate",
        "Generate one building and export it as .glb, .gltf (+ .bin) or .obj (+ .mtl).\n"
        "The building's frame is metres, Z up, front towards -Y, ground at 0; the files are\n"
        "written Y up, as glTF requires and Blender's OBJ importer expects: (x, y, z) becomes\n"
        "(x, z, -y), so the front faces +Z. One mesh per part and material (\"roof-grey-tile\"),\n"
        "one material per style material, colours linear.");
    cmd->add_option("--style", o->style, "Style id (see `cunjing style list`)")->required();
    cmd->add_option("--type", o->type, "Typology id, e.g. sanjian-lianglang")->required();
    cmd->add_option("--set", o->set,
                    "key=value: a dimension (hallBay=4.5), an option (gable=wok-ear) or a "
                    "material role (material.wall=haoke); repeatable");
    cmd->add_option("--seed", o->seed, "Seed that picks values within the style's ranges")
        ->capture_default_str();
    cmd->add_option("--styles", o->styles,
                    "Style folder (default: $CUNJING_STYLES, else the bundled assets/styles)");
    cmd->add_option("--out", o->out, "Output file: .glb, .gltf or .obj")->required();
    cmd->callback([&run, o] { run = [o] { return runGenerate(*o); }; });
}

}  // namespace cunjing::tools
