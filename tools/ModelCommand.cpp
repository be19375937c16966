#include "ModelCommand.h"

#include <cunjing/models/Import.h>
#include <cunjing/models/ModelCheck.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

namespace cunjing::tools {

namespace {

constexpr int kBadInput = 2;

struct CheckOptions {
    std::string file;
    bool json = false;
    double timeout = 30;
    std::uint64_t memoryMb = 2048;
};

std::string vec3Text(const models::Vec3& v) {
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "(%.3f, %.3f, %.3f)", v[0], v[1], v[2]);
    return buffer;
}

nlohmann::ordered_json asJson(const models::ModelStats& s, const std::string& file) {
    using json = nlohmann::ordered_json;
    json textures = json::array();
    for (const models::TextureInfo& t : s.textures) {
        json entry = {{"name", t.name}, {"width", t.width}, {"height", t.height}};
        entry["format"] = t.missingReason.empty() ? json(t.format) : json(nullptr);
        entry["missing"] = t.missingReason.empty() ? json(nullptr) : json(t.missingReason);
        textures.push_back(entry);
    }
    json out = {{"file", file},
                {"format", s.format},
                {"vertices", s.vertices},
                {"triangles", s.triangles},
                {"meshes", s.meshes},
                {"materials", s.materials},
                {"textures", textures},
                {"bounds_m_z_up", {{"min", s.boundsMin}, {"max", s.boundsMax}}},
                {"unit_scale_m", s.unitScale},
                {"units", s.unitsGuess},
                {"up_axis", std::string(1, s.upAxis)},
                {"degenerate_triangles", s.degenerateTriangles},
                {"duplicate_triangles", s.duplicateTriangles},
                {"non_manifold_edges", s.nonManifoldEdges},
                {"boundary_edges", s.boundaryEdges}};
    out["georeference"] = nullptr;
    if (s.georeference)
        out["georeference"] = {{"latitude", s.georeference->latitude},
                               {"longitude", s.georeference->longitude},
                               {"elevation", s.georeference->elevation}};
    out["warnings"] = s.warnings;
    return out;
}

void printText(const models::ModelStats& s, const std::string& file) {
    std::size_t missing = 0;
    for (const models::TextureInfo& t : s.textures)
        missing += !t.missingReason.empty();
    const models::Vec3 size = {s.boundsMax[0] - s.boundsMin[0], s.boundsMax[1] - s.boundsMin[1],
                               s.boundsMax[2] - s.boundsMin[2]};
    std::cout << "file:                 " << file << "\n"
              << "format:               " << s.format << "\n"
              << "vertices:             " << s.vertices << "\n"
              << "triangles:            " << s.triangles << "\n"
              << "meshes:               " << s.meshes << "\n"
              << "materials:            " << s.materials << "\n"
              << "textures:             " << s.textures.size() << " (" << missing << " missing)\n";
    for (const models::TextureInfo& t : s.textures) {
        std::cout << "  " << t.name << ": ";
        if (t.missingReason.empty())
            std::cout << t.width << "x" << t.height << " " << t.format << "\n";
        else
            std::cout << "missing (" << t.missingReason << ")\n";
    }
    std::cout << "bounds (m, Z up):     " << vec3Text(s.boundsMin) << " to "
              << vec3Text(s.boundsMax) << "\n"
              << "size (m):             " << vec3Text(size) << "\n"
              << "units:                " << s.unitsGuess << "\n"
              << "up axis in the file:  " << s.upAxis << "\n"
              << "degenerate triangles: " << s.degenerateTriangles << "\n"
              << "duplicate triangles:  " << s.duplicateTriangles << "\n"
              << "non-manifold edges:   " << s.nonManifoldEdges << "\n"
              << "boundary edges:       " << s.boundaryEdges << "\n";
    if (s.georeference) {
        char buffer[128];
        std::snprintf(buffer, sizeof buffer, "%.6f N, %.6f E, %.2f m", s.georeference->latitude,
                      s.georeference->longitude, s.georeference->elevation);
        std::cout << "georeference:         " << buffer << "\n";
    }
    for (const std::string& w : s.warnings)
        std::cout << "warning: " << w << "\n";
}

int runCheck(const CheckOptions& o) {
    models::ImportLimits limits;
    limits.seconds = o.timeout;
    limits.addressSpaceBytes = o.memoryMb << 20;
    const Result<models::ImportedModel> model = models::importModel(o.file, limits);
    if (!model) {
        std::cerr << "error: " << model.firstError() << "\n";
        return kBadInput;
    }
    const models::ModelStats stats = models::checkModel(model.value());
    if (o.json)
        std::cout << asJson(stats, o.file).dump(2) << "\n";
    else
        printText(stats, o.file);
    return 0;
}

}  // namespace

void addModelCommand(CLI::App& app, std::function<int()>& run) {
    CLI::App* model = app.add_subcommand("model", "Untrusted 3D models: check");
    model->require_subcommand(1);
    auto options = std::make_shared<CheckOptions>();
    CLI::App* check = model->add_subcommand(
        "check",
        "Read a model safely and report counts, textures, bounds, units and mesh "
        "problems");
    check
        ->add_option("file", options->file,
                     "Model file (glb, gltf, obj, fbx, dae, 3ds, ply, "
                     "stl, ifc, off)")
        ->required();
    check->add_flag("--json", options->json, "Print JSON instead of text");
    check->add_option("--timeout", options->timeout, "Seconds the importer may take")
        ->check(CLI::Range(0.1, 3600.0));
    check->add_option("--memory-mb", options->memoryMb, "Memory the importer may use, in MB")
        ->check(CLI::Range(64, 1 << 20));
    check->callback([&run, options] { run = [options] { return runCheck(*options); }; });
}

}  // namespace cunjing::tools
