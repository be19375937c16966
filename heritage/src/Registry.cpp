#include "RegistryImpl.h"

#include <cpl_conv.h>
#include <ogr_srs_api.h>

#include <filesystem>

namespace cunjing::heritage {

namespace {

struct LayerSpec {
    const char* name;
    OGRwkbGeometryType geometry;
    std::vector<std::pair<const char*, OGRFieldType>> fields;
};

std::vector<LayerSpec> layerSpecs() {
    LayerSpec trees{"trees", wkbPoint, {}};
    for (const auto& c : detail::treeColumns())
        trees.fields.emplace_back(c.name, detail::ogrType(c.type));
    // Stored for find-by-grade and for styling in QGIS; recomputed on every write.
    trees.fields.emplace_back("grade", OFTString);
    LayerSpec villages{"villages", wkbPoint, {}};
    for (const auto& c : detail::villageColumns())
        villages.fields.emplace_back(c.name, detail::ogrType(c.type));
    return {trees,
            villages,
            {"village_zones", wkbPolygon, {{"village_id", OFTString}, {"kind", OFTString}}},
            {kNotesTable, wkbNone, modelNoteFields()},
            {"audit",
             wkbNone,
             {{"txn", OFTInteger64},
              {"at", OFTString},
              {"who", OFTString},
              {"table_name", OFTString},
              {"record_id", OFTString},
              {"action", OFTString},
              {"old_json", OFTString},
              {"new_json", OFTString},
              {"undone", OFTInteger}}}};
}

const char* const kIndexes[] = {
    "CREATE UNIQUE INDEX IF NOT EXISTS trees_id_idx ON trees (id)",
    "CREATE INDEX IF NOT EXISTS trees_grade_idx ON trees (grade)",
    "CREATE UNIQUE INDEX IF NOT EXISTS villages_id_idx ON villages (id)",
    "CREATE INDEX IF NOT EXISTS village_zones_village_idx ON village_zones (village_id)",
    "CREATE UNIQUE INDEX IF NOT EXISTS model_notes_id_idx ON model_notes (id)",
    "CREATE INDEX IF NOT EXISTS model_notes_model_idx ON model_notes (model)",
    "CREATE INDEX IF NOT EXISTS audit_txn_idx ON audit (txn)",
    "CREATE INDEX IF NOT EXISTS audit_record_idx ON audit (record_id)",
    "CREATE INDEX IF NOT EXISTS audit_undone_idx ON audit (undone)",
};

}  // namespace

// Opening ------------------------------------------------------------------------------

namespace {

bool isPgTarget(const std::string& target) {
    return target.rfind("PG:", 0) == 0;
}

DatasetPtr openDataset(const std::string& target, bool readOnly = false) {
    static const char* const gpkg[] = {"GPKG", nullptr};
    static const char* const pg[] = {"PostgreSQL", nullptr};
    return DatasetPtr(GDALOpenEx(target.c_str(),
                                 GDAL_OF_VECTOR | (readOnly ? GDAL_OF_READONLY : GDAL_OF_UPDATE),
                                 isPgTarget(target) ? pg : gpkg, nullptr, nullptr));
}

/// A store opened to read only: it must already hold the register's layers.
Result<DatasetPtr> openForReading(const std::string& target, bool pg) {
    if (!pg && !std::filesystem::exists(target))
        return Error{target, "", "file not found"};
    DatasetPtr ds = openDataset(target, true);
    if (!ds)
        return Error{target, "",
                     gdalMessage(pg ? "could not connect to PostgreSQL" : "not a GeoPackage")};
    for (const char* layer : {"trees", "villages"})
        if (!GDALDatasetGetLayerByName(ds.get(), layer))
            return Error{target, layer, "not a Cunjing register (no such table)"};
    return ds;
}

/// The value of key=value in a PG connection string, or empty.
std::string connectionValue(const std::string& target, const std::string& key) {
    const auto at = target.find(key + "=");
    if (at == std::string::npos ||
        (at > 0 && !std::isspace(static_cast<unsigned char>(target[at - 1])) &&
         target[at - 1] != ':'))
        return {};
    const auto start = at + key.size() + 1;
    return target.substr(start, target.find(' ', start) - start);
}

/// Creates the missing layers; true in created when it made any.
Status createSchema(GDALDatasetH ds, const std::string& target, bool& created) {
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(srs, 4490);  // CGCS2000, the national frame of the surveys
    OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
    Status result = Done{};
    for (const auto& spec : layerSpecs()) {
        if (GDALDatasetGetLayerByName(ds, spec.name))
            continue;
        const char* const options[] = {"FID=fid", "GEOMETRY_NAME=geom", nullptr};
        OGRLayerH l =
            GDALDatasetCreateLayer(ds, spec.name, spec.geometry == wkbNone ? nullptr : srs,
                                   spec.geometry, const_cast<char**>(options));
        if (!l) {
            result = Error{target, spec.name, gdalMessage("could not create the table")};
            break;
        }
        for (const auto& [name, type] : spec.fields) {
            OGRFieldDefnH fd = OGR_Fld_Create(name, type);
            if (std::string(name) == "famous" || std::string(name) == "synthetic")
                OGR_Fld_SetSubType(fd, OFSTBoolean);
            const OGRErr err = OGR_L_CreateField(l, fd, TRUE);
            OGR_Fld_Destroy(fd);
            if (err != OGRERR_NONE) {
                result = Error{target, std::string(spec.name) + ", field '" + name + "'",
                               gdalMessage("could not create the column")};
                break;
            }
        }
        created = true;
    }
    OSRDestroySpatialReference(srs);
    return result;
}

}  // namespace

Result<Registry> Registry::open(const std::string& target, RegistryOptions options) {
    geo::ensureGdalRegistered();
    QuietErrors quiet;
    auto impl = std::make_unique<Impl>();
    impl->target = target;
    impl->pg = isPgTarget(target);
    impl->options = std::move(options);
    if (impl->options.actor.empty()) {
        const char* user = std::getenv("USER");
        impl->options.actor = user && *user ? user : "unknown";
    }
    if (impl->options.readOnly) {
        auto ds = openForReading(target, impl->pg);
        if (!ds)
            return ds.errors()[0];
        impl->ds = std::move(ds.value());
        return Registry(std::move(impl));
    }
    if (!impl->pg && !std::filesystem::exists(target)) {
        GDALDriverH driver = GDALGetDriverByName("GPKG");
        DatasetPtr created(
            driver ? GDALCreate(driver, target.c_str(), 0, 0, 0, GDT_Unknown, nullptr) : nullptr);
        if (!created)
            return Error{target, "", gdalMessage("could not create the GeoPackage")};
    }
    DatasetPtr ds = openDataset(target);
    if (!ds)
        return Error{target, "",
                     gdalMessage(impl->pg ? "could not connect to PostgreSQL"
                                          : "not a GeoPackage that can be opened for writing")};
    impl->ds = std::move(ds);
    if (const std::string schema = connectionValue(target, "active_schema");
        impl->pg && !schema.empty()) {
        // A register may live in its own schema (tests give each case one); GDAL sets the
        // search path at connection time, so reconnect once the schema exists.
        impl->exec("CREATE SCHEMA IF NOT EXISTS \"" + schema + "\"");
        impl->ds = openDataset(target);
        if (!impl->ds)
            return Error{target, "", gdalMessage("could not reconnect to PostgreSQL")};
    }
    bool created = false;
    if (auto st = createSchema(impl->ds.get(), target, created); !st)
        return st.errors()[0];
    if (created) {
        // Reopening flushes GDAL's deferred work on new tables (PostgreSQL's deferred CREATE
        // TABLE and COPY mode, GeoPackage's deferred spatial index), so every later edit goes
        // through plain statements inside our transactions.
        impl->ds.reset();
        impl->ds = openDataset(target);
        if (!impl->ds)
            return Error{target, "", gdalMessage("could not reopen after creating tables")};
    }
    if (!impl->pg) {
        // WAL + synchronous=FULL: a commit that returned survives kill -9 and power loss.
        impl->exec("PRAGMA journal_mode = WAL");
        impl->exec("PRAGMA synchronous = FULL");
        impl->exec("PRAGMA busy_timeout = 10000");
        // A 64 MiB page cache (SQLite's default is 2 MiB): a large import then updates the
        // id index and the R-tree in memory instead of re-reading their pages.
        impl->exec("PRAGMA cache_size = -65536");
        const auto mode = impl->column("PRAGMA journal_mode");
        const auto sync = impl->scalar("PRAGMA synchronous");
        if (mode.empty() || lowerAscii(mode[0]) != "wal" || sync.value_or(0) != 2)
            return Error{target, "",
                         "could not switch to WAL with synchronous=FULL (a network drive? "
                         "use PostgreSQL for a shared register)"};
    }
    for (const char* sql : kIndexes)
        if (!impl->exec(sql))
            return Error{target, "", gdalMessage("could not create an index")};
    return Registry(std::move(impl));
}
// Public API ---------------------------------------------------------------------------

Registry::Registry(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Registry::Registry(Registry&&) noexcept = default;
Registry& Registry::operator=(Registry&&) noexcept = default;
Registry::~Registry() = default;

const std::string& Registry::target() const {
    return impl_->target;
}
const std::string& Registry::actor() const {
    return impl_->options.actor;
}
bool Registry::isPostgres() const {
    return impl_->pg;
}

bool Registry::isReadOnly() const {
    return impl_->options.readOnly;
}

namespace {
template <typename R>
std::vector<R> values(std::vector<std::pair<GIntBig, R>> rows) {
    std::vector<R> out;
    out.reserve(rows.size());
    for (auto& row : rows)
        out.push_back(std::move(row.second));
    return out;
}

bool contains(const std::string& haystack, const std::string& lowerNeedle) {
    return lowerAscii(haystack).find(lowerNeedle) != std::string::npos;
}
}  // namespace

Result<std::vector<TreeRecord>> Registry::trees() {
    QuietErrors quiet;
    return values(impl_->readAll<TreeRecord>());
}

Result<std::optional<TreeRecord>> Registry::tree(const std::string& id) {
    QuietErrors quiet;
    return impl_->read<TreeRecord>(id);
}

Result<std::vector<TreeRecord>> Registry::findTrees(const std::string& text) {
    QuietErrors quiet;
    const std::string needle = lowerAscii(text);
    std::vector<TreeRecord> out;
    for (auto& t : values(impl_->readAll<TreeRecord>()))
        if (contains(t.id, needle) || contains(t.speciesCn, needle) ||
            contains(t.latinName, needle) || contains(t.placeName, needle) ||
            contains(t.town, needle) || contains(t.village, needle))
            out.push_back(std::move(t));
    return out;
}

Result<std::vector<TreeRecord>> Registry::treesOfGrade(TreeGrade grade) {
    QuietErrors quiet;
    return values(impl_->readAll<TreeRecord>("grade = " + quoted(gradeToken(grade))));
}

Result<std::vector<VillageRecord>> Registry::villages() {
    QuietErrors quiet;
    return values(impl_->readAll<VillageRecord>());
}

Result<std::optional<VillageRecord>> Registry::village(const std::string& id) {
    QuietErrors quiet;
    return impl_->read<VillageRecord>(id);
}

Result<std::vector<VillageRecord>> Registry::findVillages(const std::string& text) {
    QuietErrors quiet;
    const std::string needle = lowerAscii(text);
    std::vector<VillageRecord> out;
    for (auto& v : values(impl_->readAll<VillageRecord>()))
        if (contains(v.id, needle) || contains(v.name, needle) || contains(v.county, needle) ||
            contains(v.town, needle))
            out.push_back(std::move(v));
    return out;
}

Result<std::vector<AuditEntry>> Registry::history(const std::string& recordId, std::size_t limit) {
    QuietErrors quiet;
    auto rows =
        impl_->auditRows(recordId.empty() ? std::string() : "record_id = " + quoted(recordId));
    std::reverse(rows.begin(), rows.end());
    if (rows.size() > limit)
        rows.resize(limit);
    return rows;
}

Status Registry::integrityCheck() {
    QuietErrors quiet;
    if (impl_->pg) {
        if (!impl_->scalar("SELECT COUNT(*) FROM audit"))
            return impl_->error("audit", gdalMessage("the register does not answer"));
        return Done{};
    }
    const auto integrity = impl_->column("PRAGMA integrity_check");
    if (integrity.size() != 1 || integrity[0] != "ok")
        return impl_->error("PRAGMA integrity_check",
                            integrity.empty() ? "no answer" : integrity[0]);
    const auto foreignKeys = impl_->column("PRAGMA foreign_key_check");
    if (!foreignKeys.empty())
        return impl_->error("PRAGMA foreign_key_check",
                            std::to_string(foreignKeys.size()) + " broken references");
    return Done{};
}

std::string Registry::toJson(const TreeRecord& tree) {
    return detail::toJson(tree);
}
std::string Registry::toJson(const VillageRecord& village) {
    return detail::toJson(village);
}

}  // namespace cunjing::heritage
