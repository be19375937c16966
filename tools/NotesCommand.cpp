// `cunjing notes list|add|edit|remove|undo|redo`: notes pinned to a point on a model
// (heritage::ModelNote), for heritage officers who inspect building models. Same store, audit
// trail and history as `cunjing trees|villages` (RegisterCommand.cpp), same options.

#include "NotesCommand.h"
#include "RegisterCommand.h"

#include <cunjing/heritage/Registry.h>

#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace cunjing::tools {

namespace {

using heritage::ModelNote;
using heritage::Registry;

constexpr int kBadInput = 2;

int fail(const std::vector<Error>& errors) {
    for (const Error& e : errors)
        std::cerr << "error: " << e.toString() << "\n";
    return kBadInput;
}

int failWith(const std::string& where, const std::string& message) {
    return fail({Error{"", where, message}});
}

struct Options {
    std::string registry;
    std::string actor;
    std::string model;
    std::string at;
    std::string crs;
    std::string text;
    std::string author;
    std::string id;
    bool json = false;
};

/// --registry, else $CUNJING_REGISTRY, else heritage.gpkg in the current folder (as for
/// `cunjing trees`).
std::string registryTarget(const Options& o) {
    if (!o.registry.empty())
        return o.registry;
    if (const char* env = std::getenv("CUNJING_REGISTRY"); env && *env)
        return env;
    return "heritage.gpkg";
}

/// Listing opens the store read-only: looking at notes never changes the file (nor makes one).
Result<Registry> openRegistry(const Options& o, bool readOnly) {
    heritage::RegistryOptions options;
    options.actor = o.actor;
    options.readOnly = readOnly;
    return Registry::open(registryTarget(o), options);
}

/// "X,Y,Z": three finite numbers, working-CRS metres.
std::optional<std::array<double, 3>> parsePoint(const std::string& text) {
    std::array<double, 3> p{};
    std::size_t start = 0;
    for (std::size_t k = 0; k < 3; ++k) {
        const std::size_t comma = text.find(',', start);
        if ((k < 2) != (comma != std::string::npos))
            return std::nullopt;
        std::string part = text.substr(start, comma == std::string::npos ? comma : comma - start);
        part.erase(0, part.find_first_not_of(' '));
        part.erase(part.find_last_not_of(' ') + 1);
        const char* end = part.data() + part.size();
        const auto [ptr, ec] = std::from_chars(part.data(), end, p[k]);
        if (part.empty() || ec != std::errc() || ptr != end || !std::isfinite(p[k]))
            return std::nullopt;
        start = comma + 1;
    }
    return p;
}

std::string fixed(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

nlohmann::ordered_json noteJson(const ModelNote& n) {
    return {{"id", n.id},     {"model", n.model},   {"x", n.x},
            {"y", n.y},       {"z", n.z},           {"crs", n.crs},
            {"text", n.text}, {"author", n.author}, {"created", n.created}};
}

/// The text under its header line, every line of it indented.
void printNote(const ModelNote& n) {
    std::cout << n.id << "  " << n.model << "  @ " << fixed(n.x) << ", " << fixed(n.y) << ", "
              << fixed(n.z) << (n.crs.empty() ? "" : " " + n.crs) << "  " << n.author << " "
              << n.created << "\n";
    std::istringstream lines(n.text);
    for (std::string line; std::getline(lines, line);)
        std::cout << "    " << line << "\n";
}

int runList(const Options& o) {
    auto registry = openRegistry(o, true);
    if (!registry)
        return fail(registry.errors());
    auto notes = registry->modelNotes(o.model);
    if (!notes)
        return fail(notes.errors());
    if (o.json) {
        auto out = nlohmann::ordered_json::array();
        for (const ModelNote& n : notes.value())
            out.push_back(noteJson(n));
        std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        return 0;
    }
    for (const ModelNote& n : notes.value())
        printNote(n);
    std::cout << notes->size() << " notes" << (o.model.empty() ? std::string() : " on " + o.model)
              << "\n";
    return 0;
}

int runAdd(const Options& o) {
    const auto point = parsePoint(o.at);
    if (!point)
        return failWith("--at " + o.at,
                        "expected X,Y,Z: three finite numbers in working-CRS metres, "
                        "e.g. --at 384350.5,2571566.2,12.4");
    ModelNote note;
    note.id = o.id;
    note.model = o.model;
    note.x = (*point)[0];
    note.y = (*point)[1];
    note.z = (*point)[2];
    note.crs = o.crs;
    note.text = o.text;
    note.author = o.author;
    auto registry = openRegistry(o, false);
    if (!registry)
        return fail(registry.errors());
    auto added = registry->addModelNote(note);
    if (!added)
        return fail(added.errors());
    std::cout << "added note " << added->id << " on " << added->model << " in "
              << registry->target() << " (undo with `cunjing notes undo`)\n";
    return 0;
}

int runEdit(const Options& o) {
    auto registry = openRegistry(o, false);
    if (!registry)
        return fail(registry.errors());
    auto updated = registry->updateModelNoteText(o.id, o.text);
    if (!updated)
        return fail(updated.errors());
    std::cout << "updated note " << o.id << " in " << registry->target()
              << " (undo with `cunjing notes undo`)\n";
    return 0;
}

int runRemove(const Options& o) {
    auto registry = openRegistry(o, false);
    if (!registry)
        return fail(registry.errors());
    if (auto removed = registry->removeModelNote(o.id); !removed)
        return fail(removed.errors());
    std::cout << "removed note " << o.id << " from " << registry->target()
              << " (undo with `cunjing notes undo`)\n";
    return 0;
}

/// The store has one history: this takes back (or re-applies) its latest edit, which may be
/// a tree or a village; the line printed says which.
int runHistory(const Options& o, bool undo) {
    auto registry = openRegistry(o, false);
    if (!registry)
        return fail(registry.errors());
    return stepRegisterHistory(registry.value(), undo);
}

}  // namespace

void addNotesCommand(CLI::App& app, std::function<int()>& run) {
    auto o = std::make_shared<Options>();
    CLI::App* notes =
        app.add_subcommand("notes", "Notes pinned to a point on a model, in the register store");
    notes->require_subcommand(1);
    notes->fallthrough();  // --registry may also follow the subcommand
    notes->add_option("--registry", o->registry,
                      "GeoPackage file or PG:connection (default $CUNJING_REGISTRY, else "
                      "heritage.gpkg)");
    notes->add_option("--actor", o->actor, "who the audit trail names (default $USER)");

    CLI::App* list = notes->add_subcommand("list", "List notes (opens the store read-only)");
    list->add_option("--model", o->model, "only the notes of this model key");
    list->add_flag("--json", o->json, "print one JSON array");
    list->callback([&run, o] { run = [o] { return runList(*o); }; });

    CLI::App* add = notes->add_subcommand("add", "Pin a note to a point on a model (audited)");
    add->add_option("--model", o->model, "the model's key: its path in the scene file")->required();
    add->add_option("--at", o->at, "X,Y,Z in the scene's working CRS, metres")->required();
    add->add_option("--text", o->text, "the note, UTF-8")->required();
    add->add_option("--author", o->author, "who wrote it (default: --actor)");
    add->add_option("--crs", o->crs, "the working CRS of the point, e.g. EPSG:4547");
    add->add_option("--id", o->id, "the note's id (default: a new N-xxxxxxxx)");
    add->callback([&run, o] { run = [o] { return runAdd(*o); }; });

    CLI::App* edit = notes->add_subcommand("edit", "Replace a note's text (audited)");
    edit->add_option("id", o->id, "note id")->required();
    edit->add_option("--text", o->text, "the new text")->required();
    edit->callback([&run, o] { run = [o] { return runEdit(*o); }; });

    CLI::App* remove = notes->add_subcommand("remove", "Remove a note (audited)");
    remove->add_option("id", o->id, "note id")->required();
    remove->callback([&run, o] { run = [o] { return runRemove(*o); }; });

    notes->add_subcommand("undo", "Take back the store's latest edit (survives restarts)")
        ->callback([&run, o] { run = [o] { return runHistory(*o, true); }; });
    notes->add_subcommand("redo", "Re-apply the latest undone edit")->callback([&run, o] {
        run = [o] { return runHistory(*o, false); };
    });
}

}  // namespace cunjing::tools
