// `cunjing trees|villages import|validate|list|show|edit|undo|redo|export|report`: the
// heritage registers (一树一档, 一村一档) through heritage::Registry (GeoPackage or PostGIS)
// and heritage::RegisterIO (the files officers are sent). One template serves both registers;
// RegisterKind<R> says what differs.

#include "RegisterCommand.h"
#include "RegisterReport.h"

#include <cunjing/geo/AtomicFile.h>

#include <cunjing/heritage/RegisterFields.h>
#include <cunjing/heritage/RegisterIO.h>
#include <cunjing/heritage/Registry.h>
#include <cunjing/heritage/Rules.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace cunjing::tools {

namespace {

using heritage::Registry;
using heritage::TreeRecord;
using heritage::VillageRecord;

constexpr int kProblemsFound = 1;
constexpr int kBadInput = 2;

int fail(const std::vector<Error>& errors) {
    for (const Error& e : errors)
        std::cerr << "error: " << e.toString() << "\n";
    return kBadInput;
}

struct Options {
    std::string registry;
    std::string actor;
    std::string rules = "guangdong";
    std::string file;
    std::string mapping;
    bool dryRun = false;
    bool skipBad = false;
    bool progress = false;
    std::string search;
    std::string grade;
    std::size_t limit = 50;
    std::string id;
    std::vector<std::string> set;
};

/// --registry, else $CUNJING_REGISTRY, else heritage.gpkg in the current folder.
std::string registryTarget(const Options& o) {
    if (!o.registry.empty())
        return o.registry;
    if (const char* env = std::getenv("CUNJING_REGISTRY"); env && *env)
        return env;
    return "heritage.gpkg";
}

Result<heritage::Rules> rulesOf(const Options& o) {
    return heritage::Rules::forJurisdiction(o.rules);
}

Result<Registry> openRegistry(const Options& o) {
    auto rules = rulesOf(o);
    if (!rules)
        return Result<Registry>::failure(rules.errors());
    heritage::RegistryOptions options;
    options.actor = o.actor;
    options.rules = rules.value();
    return Registry::open(registryTarget(o), options);
}

heritage::RegisterReadOptions readOptions(const Options& o) {
    heritage::RegisterReadOptions r;
    if (!o.mapping.empty())
        r.mappingPath = o.mapping;
    return r;
}

std::string gradeLabel(heritage::TreeGrade g) {
    return heritage::gradeName(g, true);
}

/// What differs between the tree and the village register.
template <typename R>
struct RegisterKind;

template <>
struct RegisterKind<TreeRecord> {
    static constexpr const char* noun = "trees";
    static constexpr const char* one = "tree";
    static Result<heritage::TreeRegisterRead> read(const std::string& f,
                                                   const heritage::RegisterReadOptions& o) {
        return heritage::readTreeRegister(f, o);
    }
    static Status write(const std::string& f, const std::vector<TreeRecord>& r) {
        return heritage::writeTreeRegister(f, r);
    }
    static Result<std::vector<TreeRecord>> all(Registry& g) { return g.trees(); }
    static Result<std::vector<TreeRecord>> find(Registry& g, const std::string& t) {
        return g.findTrees(t);
    }
    static Result<std::optional<TreeRecord>> get(Registry& g, const std::string& id) {
        return g.tree(id);
    }
    static std::string title(const TreeRecord& t) {
        return t.speciesCn + (t.placeName.empty() ? "" : " · " + t.placeName);
    }
    static std::string summary(const TreeRecord& t, const heritage::Rules& rules) {
        std::string s = gradeLabel(rules.grade(t));
        if (t.ageYears)
            s += ", " + std::to_string(*t.ageYears) + " 年";
        if (!t.town.empty())
            s += ", " + t.town;
        return s;
    }
};

template <>
struct RegisterKind<VillageRecord> {
    static constexpr const char* noun = "villages";
    static constexpr const char* one = "village";
    static Result<heritage::VillageRegisterRead> read(const std::string& f,
                                                      const heritage::RegisterReadOptions& o) {
        return heritage::readVillageRegister(f, o);
    }
    static Status write(const std::string& f, const std::vector<VillageRecord>& r) {
        return heritage::writeVillageRegister(f, r);
    }
    static Result<std::vector<VillageRecord>> all(Registry& g) { return g.villages(); }
    static Result<std::vector<VillageRecord>> find(Registry& g, const std::string& t) {
        return g.findVillages(t);
    }
    static Result<std::optional<VillageRecord>> get(Registry& g, const std::string& id) {
        return g.village(id);
    }
    static std::string title(const VillageRecord& v) { return v.name; }
    static std::string summary(const VillageRecord& v, const heritage::Rules&) {
        std::string s = v.city + " " + v.county + " " + v.town;
        if (v.batch > 0)
            s += ", 第" + std::to_string(v.batch) + "批 (" + std::to_string(v.year) + ")";
        return s;
    }
};

void printRowErrors(const std::vector<Error>& errors, std::size_t most) {
    for (std::size_t i = 0; i < errors.size() && i < most; ++i)
        std::cerr << "error: " << errors[i].toString() << "\n";
    if (errors.size() > most)
        std::cerr << "... and " << errors.size() - most << " more bad rows\n";
}

template <typename R>
int runImport(const Options& o) {
    using K = RegisterKind<R>;
    std::cerr << "reading " << o.file << " ...\n";
    auto read = K::read(o.file, readOptions(o));
    if (!read)
        return fail(read.errors());
    std::cout << "read:      " << read->dataRows << " rows of " << o.file << " (mapping "
              << read->mapping << (read->encoding.empty() ? "" : ", " + read->encoding) << ")\n";
    if (!read->rowErrors.empty()) {
        printRowErrors(read->rowErrors, 50);
        if (!o.skipBad) {
            std::cerr << "nothing imported: " << read->rowErrors.size()
                      << " bad row(s); fix them, or use --skip-bad to import the "
                      << read->records.size() << " good ones\n";
            return kBadInput;
        }
        std::cout << "skipped:   " << read->rowErrors.size() << " bad row(s)\n";
    }
    auto registry = openRegistry(o);
    if (!registry)
        return fail(registry.errors());
    std::cerr << "writing " << read->records.size() << " " << K::noun << " to "
              << registry->target() << " in one transaction ...\n";
    // A bar on a terminal for imports big enough to wait for (--progress forces it).
    const bool bar = o.progress || (::isatty(2) && read->records.size() >= 5000);
    heritage::Registry::Progress progress;
    if (bar) {
        progress = [](std::size_t done, std::size_t total) {
            const int width = 40;
            const int filled = total ? int(width * done / total) : width;
            std::cerr << "\r[" << std::string(std::size_t(filled), '#')
                      << std::string(std::size_t(width - filled), '.') << "] " << done << "/"
                      << total << (done == total ? "\n" : "") << std::flush;
        };
    }
    auto report = registry->importBatch(read->records, o.dryRun, progress);
    if (!report)
        return fail(report.errors());
    std::cout << (o.dryRun ? "would add: " : "added:     ") << report->added.size() << "\n"
              << (o.dryRun ? "would change: " : "changed:   ") << report->changed.size() << "\n"
              << "unchanged: " << report->unchanged.size() << "\n"
              << "registry:  " << registry->target() << (o.dryRun ? " (dry run: unchanged)" : "")
              << "\n";
    return 0;
}

template <typename R>
int runValidate(const Options& o) {
    using K = RegisterKind<R>;
    auto read = K::read(o.file, readOptions(o));
    if (!read)
        return fail(read.errors());
    auto rules = rulesOf(o);
    if (!rules)
        return fail(rules.errors());
    std::size_t errors = read->rowErrors.size(), warnings = 0;
    printRowErrors(read->rowErrors, 200);
    // Every error is printed; warnings repeat the same few kinds over a whole register, so
    // the first ones are printed and the rest counted by field.
    constexpr std::size_t kWarningsShown = 20;
    std::map<std::string, std::size_t> moreByField;
    for (const R& r : read->records) {
        const heritage::Validation v =
            rules->validate(r, o.file, std::string(K::one) + " '" + r.id + "'");
        for (const Error& e : v.errors)
            std::cerr << "error: " << e.toString() << "\n";
        for (const Error& w : v.warnings) {
            if (warnings++ < kWarningsShown) {
                std::cerr << "warning: " << w.toString() << "\n";
            } else {
                const auto field = w.where.find("field ");
                ++moreByField[field == std::string::npos ? w.where : w.where.substr(field + 6)];
            }
        }
        errors += v.errors.size();
    }
    if (!moreByField.empty()) {
        std::cerr << "... " << warnings - kWarningsShown << " more warnings, by field:";
        for (const auto& [field, n] : moreByField)
            std::cerr << " " << field << " " << n << ";";
        std::cerr << "\n";
    }
    std::cout << read->dataRows << " rows, " << read->records.size() << " readable, " << errors
              << " error(s), " << warnings << " warning(s) under the " << rules->jurisdiction
              << " rules (mapping " << read->mapping << ")\n";
    return errors > 0 ? kProblemsFound : 0;
}

std::optional<heritage::TreeGrade> parseGrade(const std::string& text) {
    using heritage::TreeGrade;
    static const std::map<std::string, TreeGrade> kWords = {
        {"1", TreeGrade::One},         {"I", TreeGrade::One},       {"一级", TreeGrade::One},
        {"2", TreeGrade::Two},         {"II", TreeGrade::Two},      {"二级", TreeGrade::Two},
        {"3", TreeGrade::Three},       {"III", TreeGrade::Three},   {"三级", TreeGrade::Three},
        {"famous", TreeGrade::Famous}, {"名木", TreeGrade::Famous}, {"none", TreeGrade::None}};
    auto it = kWords.find(text);
    return it == kWords.end() ? std::nullopt : std::optional<TreeGrade>(it->second);
}

template <typename R>
int runList(const Options& o) {
    using K = RegisterKind<R>;
    auto registry = openRegistry(o);
    if (!registry)
        return fail(registry.errors());
    auto rules = rulesOf(o);
    if (!rules)
        return fail(rules.errors());
    Result<std::vector<R>> records =
        o.search.empty() ? K::all(registry.value()) : K::find(registry.value(), o.search);
    if (!records)
        return fail(records.errors());
    std::vector<R> shown = records.value();
    if constexpr (std::is_same_v<R, TreeRecord>) {
        if (!o.grade.empty()) {
            const auto grade = parseGrade(o.grade);
            if (!grade) {
                std::cerr << "error: --grade: unknown grade '" << o.grade
                          << "'; allowed: 1, 2, 3, famous, none (or 一级, 二级, 三级, 名木)\n";
                return kBadInput;
            }
            std::erase_if(shown, [&](const R& r) { return rules->grade(r) != *grade; });
        }
    }
    for (std::size_t i = 0; i < shown.size() && i < o.limit; ++i) {
        const R& r = shown[i];
        std::cout << r.id << "  " << K::title(r) << "  (" << K::summary(r, rules.value()) << ")\n";
    }
    std::cout << shown.size() << " " << K::noun
              << (shown.size() > o.limit ? " (first " + std::to_string(o.limit) + " shown)" : "")
              << "\n";
    return 0;
}

template <typename R>
std::vector<std::pair<std::string, std::string>> fieldsOf(const R& r) {
    if constexpr (std::is_same_v<R, TreeRecord>)
        return heritage::treeRegisterFields(r);
    else
        return heritage::villageRegisterFields(r);
}

template <typename R>
Status setField(R& r, const std::string& column, const std::string& value) {
    if constexpr (std::is_same_v<R, TreeRecord>)
        return heritage::setTreeRegisterField(r, column, value);
    else
        return heritage::setVillageRegisterField(r, column, value);
}

template <typename R>
Result<R> existing(Registry& registry, const std::string& id) {
    using K = RegisterKind<R>;
    auto found = K::get(registry, id);
    if (!found)
        return Result<R>::failure(found.errors());
    if (!found->has_value()) {
        return Error{registry.target(), std::string(K::one) + " '" + id + "'",
                     std::string("no such ") + K::one + "; `cunjing " + K::noun +
                         " list --search TEXT` finds ids"};
    }
    return std::move(*found.value());
}

template <typename R>
int runShow(const Options& o) {
    auto registry = openRegistry(o);
    if (!registry)
        return fail(registry.errors());
    auto record = existing<R>(registry.value(), o.id);
    if (!record)
        return fail(record.errors());
    for (const auto& [column, value] : fieldsOf(record.value())) {
        if (!value.empty())
            std::cout << column << ": " << value << "\n";
    }
    if constexpr (std::is_same_v<R, TreeRecord>) {
        auto rules = rulesOf(o);
        if (rules) {
            std::cout << "grade: " << gradeLabel(rules->grade(record.value())) << " ("
                      << rules->jurisdiction << " rules)\n";
            if (auto radius = rules->protectionRadiusM(record.value()))
                std::cout << "protection_radius_m: " << *radius << "\n";
        }
    }
    auto history = registry->history(o.id, 5);
    if (history && !history->empty()) {
        std::cout << "history:\n";
        for (const auto& h : history.value())
            std::cout << "  " << h.at << "  " << h.who << "  " << h.action
                      << (h.undone ? " (undone)" : "") << "\n";
    }
    return 0;
}

template <typename R>
int runEdit(const Options& o) {
    using K = RegisterKind<R>;
    if (o.set.empty()) {
        std::cerr << "error: --set: give at least one column=value (columns: `cunjing " << K::noun
                  << " show " << o.id << "` lists them)\n";
        return kBadInput;
    }
    auto registry = openRegistry(o);
    if (!registry)
        return fail(registry.errors());
    auto record = existing<R>(registry.value(), o.id);
    if (!record)
        return fail(record.errors());
    std::vector<Error> errors;
    for (const std::string& kv : o.set) {
        const auto eq = kv.find('=');
        if (eq == std::string::npos || eq == 0) {
            errors.push_back({"", "--set " + kv, "expected column=value"});
            continue;
        }
        const std::string column = kv.substr(0, eq);
        if (column == "id") {
            errors.push_back({"", "--set " + kv, "the id cannot be edited"});
            continue;
        }
        if (auto s = setField(record.value(), column, kv.substr(eq + 1)); !s)
            errors.insert(errors.end(), s.errors().begin(), s.errors().end());
    }
    if (!errors.empty())
        return fail(errors);
    if (auto s = registry->update(record.value()); !s)
        return fail(s.errors());
    std::cout << "updated " << K::one << " " << o.id << " in " << registry->target()
              << " (undo with `cunjing " << K::noun << " undo`)\n";
    return 0;
}

int runHistory(const Options& o, bool undo) {
    auto registry = openRegistry(o);
    if (!registry)
        return fail(registry.errors());
    return stepRegisterHistory(registry.value(), undo);
}

template <typename R>
int runExport(const Options& o) {
    using K = RegisterKind<R>;
    auto registry = openRegistry(o);
    if (!registry)
        return fail(registry.errors());
    auto records = K::all(registry.value());
    if (!records)
        return fail(records.errors());
    if (auto s = K::write(o.file, records.value()); !s)
        return fail(s.errors());
    std::cout << "wrote " << records->size() << " " << K::noun << " to " << o.file << "\n";
    return 0;
}

template <typename R>
int runReport(const Options& o) {
    using K = RegisterKind<R>;
    auto registry = openRegistry(o);
    if (!registry)
        return fail(registry.errors());
    auto rules = rulesOf(o);
    if (!rules)
        return fail(rules.errors());
    auto records = K::all(registry.value());
    if (!records)
        return fail(records.errors());
    const std::string html = registerReportHtml(records.value(), rules.value(), registry->target());
    const Status written = geo::writeAtomically(o.file, [&](const std::string& tmp) -> Status {
        std::ofstream f(tmp, std::ios::binary);
        f << html;
        if (!f)
            return Error{o.file, "", "cannot write the report"};
        return Done{};
    });
    if (!written)
        return fail(written.errors());
    std::cout << "wrote " << o.file << " (" << records->size() << " " << K::noun << ")\n";
    return 0;
}

template <typename R>
void addRegister(CLI::App& app, std::function<int()>& run, const std::shared_ptr<Options>& o,
                 const char* description) {
    using K = RegisterKind<R>;
    CLI::App* reg = app.add_subcommand(K::noun, description);
    reg->require_subcommand(1);
    reg->fallthrough();  // --registry may also follow the subcommand: `trees import f --registry r`
    reg->add_option("--registry", o->registry,
                    "GeoPackage file or PG:connection (default $CUNJING_REGISTRY, else "
                    "heritage.gpkg)");
    reg->add_option("--actor", o->actor, "who the audit trail names (default $USER)");
    reg->add_option("--rules", o->rules, "jurisdiction rules in assets/rules (default guangdong)");

    CLI::App* importCommand = reg->add_subcommand("import", "Import a register file (atomic)");
    importCommand->add_option("file", o->file, "CSV, GeoJSON, GeoPackage, Shapefile or XLSX")
        ->required();
    importCommand->add_option("--map", o->mapping,
                              "field-mapping file (default: picked by header)");
    importCommand->add_flag("--dry-run", o->dryRun, "say what would change, write nothing");
    importCommand->add_flag("--skip-bad", o->skipBad, "import the good rows when some are bad");
    importCommand->add_flag(
        "--progress", o->progress,
        "show a progress bar (default: on a terminal, for 5,000 records or more)");
    importCommand->callback([&run, o] { run = [o] { return runImport<R>(*o); }; });

    CLI::App* validate = reg->add_subcommand("validate", "Check a register file, write nothing");
    validate->add_option("file", o->file, "register file")->required();
    validate->add_option("--map", o->mapping, "field-mapping file");
    validate->callback([&run, o] { run = [o] { return runValidate<R>(*o); }; });

    CLI::App* list = reg->add_subcommand("list", "List records");
    list->add_option("--search", o->search, "text in id, name, species, place");
    if constexpr (std::is_same_v<R, TreeRecord>)
        list->add_option("--grade", o->grade, "1, 2, 3, famous or none");
    list->add_option("--limit", o->limit, "at most this many lines (default 50)");
    list->callback([&run, o] { run = [o] { return runList<R>(*o); }; });

    CLI::App* show = reg->add_subcommand("show", "Every field of one record, and its history");
    show->add_option("id", o->id, "record id")->required();
    show->callback([&run, o] { run = [o] { return runShow<R>(*o); }; });

    CLI::App* edit = reg->add_subcommand("edit", "Change fields of one record (audited)");
    edit->add_option("id", o->id, "record id")->required();
    edit->add_option("--set", o->set, "column=value, repeatable");
    edit->callback([&run, o] { run = [o] { return runEdit<R>(*o); }; });

    reg->add_subcommand("undo", "Take back the latest edit or import (survives restarts)")
        ->callback([&run, o] { run = [o] { return runHistory(*o, true); }; });
    reg->add_subcommand("redo", "Re-apply the latest undone edit")->callback([&run, o] {
        run = [o] { return runHistory(*o, false); };
    });

    CLI::App* exp = reg->add_subcommand("export", "Write every record to a file");
    exp->add_option("file", o->file, ".csv, .geojson, .gpkg or .xlsx")->required();
    exp->callback([&run, o] { run = [o] { return runExport<R>(*o); }; });

    CLI::App* report = reg->add_subcommand("report", "An HTML page of counts, charts and a map");
    report->add_option("file", o->file, "report.html")->required();
    report->callback([&run, o] { run = [o] { return runReport<R>(*o); }; });
}

}  // namespace

void addRegisterCommands(CLI::App& app, std::function<int()>& run) {
    addRegister<TreeRecord>(app, run, std::make_shared<Options>(),
                            "The ancient and famous tree register (古树名木, 一树一档)");
    addRegister<VillageRecord>(app, run, std::make_shared<Options>(),
                               "The traditional village register (传统村落, 一村一档)");
}

int stepRegisterHistory(heritage::Registry& registry, bool undo) {
    auto step = undo ? registry.undo() : registry.redo();
    if (!step)
        return fail(step.errors());
    if (!step->has_value()) {
        std::cout << (undo ? "nothing to undo\n" : "nothing to redo\n");
        return 0;
    }
    const heritage::HistoryStep& s = *step.value();
    std::cout << (undo ? "undid " : "redid ") << s.action << " of " << s.recordIds.size() << " "
              << s.table << " record(s)";
    for (std::size_t i = 0; i < s.recordIds.size() && i < 5; ++i)
        std::cout << (i ? ", " : ": ") << s.recordIds[i];
    std::cout << (s.recordIds.size() > 5 ? ", ..." : "") << "\n";
    return 0;
}

}  // namespace cunjing::tools
