#pragma once
/// The heritage register store: trees, villages and their protection zones, with an audit
/// trail and an undo/redo history that live in the database, so both survive a restart.
///
/// One GDAL/OGR code path serves a GeoPackage file (the default; opens in QGIS) and
/// PostgreSQL/PostGIS (a "PG:" connection string). Every edit is one transaction that also
/// writes its audit rows, and returns only after the commit: an acknowledged edit is on disk.
/// A GeoPackage runs in WAL mode with synchronous=FULL, which is what makes that true
/// across a kill -9 or power loss (reliability-and-performance.md).
///
/// Layers: trees (point), villages (point), village_zones (polygon: village_id, kind),
/// model_notes (no geometry: ModelNotes.h), audit (one row per changed record). Undo state
/// is the audit table's `undone` column.
/// Not thread-safe: one Registry per thread.

#include <cunjing/geo/Result.h>
#include <cunjing/heritage/ModelNotes.h>
#include <cunjing/heritage/Records.h>
#include <cunjing/heritage/Rules.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cunjing::heritage {

/// One row of the audit trail. An edit's rows share txn; undo and redo act on whole txns.
struct AuditEntry {
    std::int64_t id = 0;
    std::int64_t txn = 0;
    std::string at;        ///< ISO 8601 UTC, e.g. 2025-03-15T08:30:00Z
    std::string who;       ///< the actor: $USER or the one given to open()
    std::string table;     ///< "trees", "villages" or "model_notes"
    std::string recordId;  ///< the record's id
    std::string action;    ///< insert | update | delete | undo | redo
    std::string oldJson;   ///< the record before (empty for insert)
    std::string newJson;   ///< the record after (empty for delete, and for an imported insert
                           ///< until it is undone: the row itself holds the value)
    /// 0 in effect; 1 undone and can be redone; 2 undone and superseded by a later edit.
    /// undo and redo rows themselves are always 0 and never undone.
    int undone = 0;
};

/// What an undo or redo did: the records it touched.
struct HistoryStep {
    std::int64_t txn = 0;
    std::string table;
    std::vector<std::string> recordIds;
    std::string action;  ///< the original edit's action (for a batch: "import")
};

/// What an import wrote, or would write (dry run), by record id.
struct ImportReport {
    bool dryRun = false;
    std::vector<std::string> added, changed, unchanged;
};

struct RegistryOptions {
    /// Who the audit rows name; empty takes $USER (else "unknown").
    std::string actor;
    /// Grades stored with each tree (for find by grade and for QGIS styling).
    Rules rules;
    /// Open only to read (a scene drawing a register): the store must exist with its layers,
    /// nothing is created, and a GeoPackage is left byte for byte as it was (no WAL switch,
    /// no indexes), so a committed file stays clean. Edits then fail.
    bool readOnly = false;
};

class Registry {
public:
    /// target: a GeoPackage path (created with its layers if missing) or "PG:..." (tables
    /// created if missing; the database needs the PostGIS extension).
    static Result<Registry> open(const std::string& target, RegistryOptions options = {});

    Registry(Registry&&) noexcept;
    Registry& operator=(Registry&&) noexcept;
    ~Registry();

    const std::string& target() const;
    const std::string& actor() const;
    bool isPostgres() const;
    bool isReadOnly() const;

    Result<std::vector<TreeRecord>> trees();
    Result<std::optional<TreeRecord>> tree(const std::string& id);
    /// Case-insensitive substring of id, species_cn, latin_name, place_name, town or village.
    Result<std::vector<TreeRecord>> findTrees(const std::string& text);
    Result<std::vector<TreeRecord>> treesOfGrade(TreeGrade grade);

    Result<std::vector<VillageRecord>> villages();
    Result<std::optional<VillageRecord>> village(const std::string& id);
    /// Case-insensitive substring of id, name, county or town.
    Result<std::vector<VillageRecord>> findVillages(const std::string& text);

    /// Each is one transaction with its audit row. insert fails on a duplicate id, update
    /// and remove on a missing one; nothing is written then.
    Status insert(const TreeRecord& tree);
    Status insert(const VillageRecord& village);
    Status update(const TreeRecord& tree);
    Status update(const VillageRecord& village);
    Status removeTree(const std::string& id);
    Status removeVillage(const std::string& id);

    /// Upserts a batch in ONE transaction: every record or none (a duplicate id within the
    /// batch fails the whole batch). Records not in the batch are left alone. The audit rows
    /// share one txn, so one undo takes the whole import back. dryRun compares only.
    /// progress, when given, is called now and then with the records done so far and the
    /// total (for a progress bar), and once at the end.
    using Progress = std::function<void(std::size_t done, std::size_t total)>;
    Result<ImportReport> importBatch(const std::vector<TreeRecord>& records, bool dryRun,
                                     const Progress& progress = {});
    Result<ImportReport> importBatch(const std::vector<VillageRecord>& records, bool dryRun,
                                     const Progress& progress = {});

    /// Notes pinned to models (ModelNotes.h), edited like records: each change is one
    /// transaction with its audit row, taken back by undo(). Edits fail on a read-only store.
    /// addModelNote checks the note (model and trimmed text not empty, text at most
    /// kModelNoteMaxChars, valid UTF-8, finite x, y, z), fills an empty id (N-xxxxxxxx),
    /// author (the actor) and created (now), and returns the note as stored.
    Result<ModelNote> addModelNote(ModelNote note);
    /// The notes of one model (its key exactly), or of every model when model is empty;
    /// sorted by model, then created, then id. A read-only store made before notes existed
    /// has none.
    Result<std::vector<ModelNote>> modelNotes(const std::string& model = {});
    Result<std::optional<ModelNote>> modelNote(const std::string& id);
    /// Replaces a note's text (checked as in addModelNote); returns the note as stored.
    Result<ModelNote> updateModelNoteText(const std::string& id, const std::string& text);
    Status removeModelNote(const std::string& id);

    /// Takes back the latest edit still in effect; nothing when there is none.
    Result<std::optional<HistoryStep>> undo();
    /// Re-applies the earliest undone edit, unless a later edit superseded it.
    Result<std::optional<HistoryStep>> redo();

    /// Newest first; recordId empty for all records.
    Result<std::vector<AuditEntry>> history(const std::string& recordId = {},
                                            std::size_t limit = 100);

    /// GeoPackage: PRAGMA integrity_check is "ok" and foreign_key_check is empty.
    /// PostgreSQL: the tables answer a query.
    Status integrityCheck();

    /// The JSON the audit trail stores for a record (snake_case keys).
    static std::string toJson(const TreeRecord& tree);
    static std::string toJson(const VillageRecord& village);

    struct Impl;

private:
    explicit Registry(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace cunjing::heritage
