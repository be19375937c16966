#include <cunjing/heritage/Registry.h>

#include "RegistrySchema.h"

#include <cunjing/geo/Gdal.h>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>

namespace cunjing::heritage {

using detail::ColumnType;

namespace {

using DatasetPtr = geo::GdalDatasetPtr;
using FeaturePtr = geo::OgrFeaturePtr;
/// GDAL reports through CPLError; we turn the last message into our Error instead.
using QuietErrors = geo::QuietGdal;

std::string gdalMessage(const std::string& fallback) {
    const std::string m = CPLGetLastErrorMsg();
    return m.empty() ? fallback : fallback + ": " + m;
}

std::string quoted(const std::string& s) {
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

std::string nowIso() {
    const std::time_t t = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buf;
}

std::string lowerAscii(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

/// Rolls back unless committed, so every early return leaves the store as it was.
class Transaction {
public:
    explicit Transaction(GDALDatasetH ds)
        : ds_(ds), active_(GDALDatasetStartTransaction(ds, FALSE) == OGRERR_NONE) {}
    ~Transaction() {
        if (active_)
            GDALDatasetRollbackTransaction(ds_);
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    bool active() const { return active_; }
    bool commit() {
        active_ = false;
        return GDALDatasetCommitTransaction(ds_) == OGRERR_NONE;
    }

private:
    GDALDatasetH ds_;
    bool active_;
};

const char* const kEditActions = "action IN ('insert', 'update', 'delete')";

template <typename R>
struct TableOf;
template <>
struct TableOf<TreeRecord> {
    static constexpr const char* name = "trees";
    static const auto& columns() { return detail::treeColumns(); }
};
template <>
struct TableOf<VillageRecord> {
    static constexpr const char* name = "villages";
    static const auto& columns() { return detail::villageColumns(); }
};

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
    "CREATE INDEX IF NOT EXISTS audit_txn_idx ON audit (txn)",
    "CREATE INDEX IF NOT EXISTS audit_record_idx ON audit (record_id)",
    "CREATE INDEX IF NOT EXISTS audit_undone_idx ON audit (undone)",
};

}  // namespace

struct Registry::Impl {
    std::string target;
    RegistryOptions options;
    bool pg = false;
    DatasetPtr ds;

    Error error(const std::string& where, const std::string& message) const {
        return Error{target, where, message};
    }
    OGRLayerH layer(const char* name) const { return GDALDatasetGetLayerByName(ds.get(), name); }

    /// Runs a statement that returns at most a result set we do not need.
    bool exec(const std::string& sql) {
        CPLErrorReset();
        OGRLayerH rs = GDALDatasetExecuteSQL(ds.get(), sql.c_str(), nullptr, nullptr);
        if (rs)
            GDALDatasetReleaseResultSet(ds.get(), rs);
        return CPLGetLastErrorType() < CE_Failure;
    }

    /// Every row's first column as text.
    std::vector<std::string> column(const std::string& sql) {
        std::vector<std::string> out;
        OGRLayerH rs = GDALDatasetExecuteSQL(ds.get(), sql.c_str(), nullptr, nullptr);
        if (!rs)
            return out;
        while (FeaturePtr f{OGR_L_GetNextFeature(rs)})
            out.push_back(OGR_F_IsFieldSetAndNotNull(f.get(), 0)
                              ? OGR_F_GetFieldAsString(f.get(), 0)
                              : std::string());
        GDALDatasetReleaseResultSet(ds.get(), rs);
        return out;
    }

    std::optional<std::int64_t> scalar(const std::string& sql) {
        const auto rows = column(sql);
        if (rows.empty() || rows[0].empty())
            return std::nullopt;
        return std::strtoll(rows[0].c_str(), nullptr, 10);
    }

    GIntBig findFid(OGRLayerH l, const std::string& field, const std::string& value) {
        OGR_L_SetAttributeFilter(l, (field + " = " + quoted(value)).c_str());
        OGR_L_ResetReading(l);
        FeaturePtr f{OGR_L_GetNextFeature(l)};
        OGR_L_SetAttributeFilter(l, nullptr);
        return f ? OGR_F_GetFID(f.get()) : OGRNullFID;
    }

    // Records ---------------------------------------------------------------------------

    std::vector<ProtectionZone> zonesOf(const std::string& villageId);
    std::map<std::string, std::vector<ProtectionZone>> allZones();
    Status writeZones(const VillageRecord& v);
    Status deleteZones(const std::string& villageId);

    template <typename R>
    R fromFeature(OGRFeatureH f, bool withZones) {
        R r;
        detail::readFields(f, r);
        if constexpr (std::is_same_v<R, VillageRecord>)
            if (withZones)
                r.zones = zonesOf(r.id);
        return r;
    }

    template <typename R>
    std::optional<R> read(const std::string& id, GIntBig* fidOut = nullptr) {
        OGRLayerH l = layer(TableOf<R>::name);
        const GIntBig fid = findFid(l, "id", id);
        if (fidOut)
            *fidOut = fid;
        if (fid == OGRNullFID)
            return std::nullopt;
        FeaturePtr f{OGR_L_GetFeature(l, fid)};
        if (!f)
            return std::nullopt;
        return fromFeature<R>(f.get(), true);
    }

    /// All records, each with its fid, sorted by id.
    template <typename R>
    std::vector<std::pair<GIntBig, R>> readAll(const std::string& filter = {}) {
        OGRLayerH l = layer(TableOf<R>::name);
        OGR_L_SetAttributeFilter(l, filter.empty() ? nullptr : filter.c_str());
        OGR_L_ResetReading(l);
        std::vector<std::pair<GIntBig, R>> out;
        while (FeaturePtr f{OGR_L_GetNextFeature(l)})
            out.emplace_back(OGR_F_GetFID(f.get()), fromFeature<R>(f.get(), false));
        OGR_L_SetAttributeFilter(l, nullptr);
        if constexpr (std::is_same_v<R, VillageRecord>) {
            auto zones = allZones();
            for (auto& [fid, v] : out)
                if (auto it = zones.find(v.id); it != zones.end())
                    v.zones = std::move(it->second);
        }
        std::sort(out.begin(), out.end(),
                  [](const auto& a, const auto& b) { return a.second.id < b.second.id; });
        return out;
    }

    /// Writes a record: a new feature when fid is OGRNullFID, else over that feature.
    template <typename R>
    Status write(const R& r, GIntBig fid) {
        OGRLayerH l = layer(TableOf<R>::name);
        FeaturePtr f{OGR_F_Create(OGR_L_GetLayerDefn(l))};
        detail::writeFields(f.get(), r);
        if constexpr (std::is_same_v<R, TreeRecord>) {
            const int gi = OGR_F_GetFieldIndex(f.get(), "grade");
            if (gi >= 0)
                OGR_F_SetFieldString(f.get(), gi, gradeToken(options.rules.grade(r)).c_str());
        }
        OGRGeometryH point = OGR_G_CreateGeometry(wkbPoint);
        OGR_G_SetPoint_2D(point, 0, r.lon, r.lat);
        OGR_F_SetGeometryDirectly(f.get(), point);
        OGRErr err;
        if (fid == OGRNullFID) {
            err = OGR_L_CreateFeature(l, f.get());
        } else {
            OGR_F_SetFID(f.get(), fid);
            err = OGR_L_SetFeature(l, f.get());
        }
        if (err != OGRERR_NONE)
            return error(std::string(TableOf<R>::name) + " '" + r.id + "'",
                         gdalMessage("could not write the record"));
        if constexpr (std::is_same_v<R, VillageRecord>)
            return writeZones(r);
        return Done{};
    }

    template <typename R>
    Status remove(const std::string& id, GIntBig fid) {
        if (OGR_L_DeleteFeature(layer(TableOf<R>::name), fid) != OGRERR_NONE)
            return error(std::string(TableOf<R>::name) + " '" + id + "'",
                         gdalMessage("could not delete the record"));
        if constexpr (std::is_same_v<R, VillageRecord>)
            return deleteZones(id);
        return Done{};
    }

    /// Sets a table's record to a JSON state; empty JSON means the record is absent.
    Status applyJson(const std::string& table, const std::string& id, const std::string& json);
    /// The record's JSON as the table holds it now; empty when it is not there.
    std::string currentJson(const std::string& table, const std::string& id);
    template <typename R>
    Status applyJsonTo(const std::string& id, const std::string& json);

    // Audit -----------------------------------------------------------------------------

    /// Writes one audit row; txn 0 starts a new txn numbered by this row's id.
    Result<std::int64_t> audit(std::int64_t txn, const std::string& table, const std::string& id,
                               const std::string& action, const std::string& oldJson,
                               const std::string& newJson);
    std::vector<AuditEntry> auditRows(const std::string& filter);
    Status setUndone(const std::vector<AuditEntry>& rows, int undone);
    /// A new edit ends the redo chain: what was undone can no longer be redone.
    Status supersedeRedo();

    template <typename R>
    Status edit(const std::string& action, const R* record, const std::string& id);
    template <typename R>
    Result<ImportReport> importBatch(const std::vector<R>& records, bool dryRun,
                                     const Registry::Progress& progress);
    Result<std::optional<HistoryStep>> step(bool undo);
};

// Zones --------------------------------------------------------------------------------

namespace {

std::vector<std::vector<std::array<double, 2>>> ringsOf(OGRGeometryH polygon) {
    std::vector<std::vector<std::array<double, 2>>> rings;
    for (int r = 0; polygon && r < OGR_G_GetGeometryCount(polygon); ++r) {
        OGRGeometryH ring = OGR_G_GetGeometryRef(polygon, r);
        std::vector<std::array<double, 2>> points;
        const int n = OGR_G_GetPointCount(ring);
        for (int i = 0; i < n; ++i)
            points.push_back({OGR_G_GetX(ring, i), OGR_G_GetY(ring, i)});
        // Rings are closed implicitly in the record (Records.h).
        if (points.size() > 1 && points.front() == points.back())
            points.pop_back();
        rings.push_back(std::move(points));
    }
    return rings;
}

ProtectionZone zoneFrom(OGRFeatureH f) {
    ProtectionZone z;
    z.kind = parseZoneKind(OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "kind")))
                 .value_or(ZoneKind::Core);
    z.rings = ringsOf(OGR_F_GetGeometryRef(f));
    return z;
}

}  // namespace

std::vector<ProtectionZone> Registry::Impl::zonesOf(const std::string& villageId) {
    OGRLayerH l = layer("village_zones");
    OGR_L_SetAttributeFilter(l, ("village_id = " + quoted(villageId)).c_str());
    OGR_L_ResetReading(l);
    std::vector<std::pair<GIntBig, ProtectionZone>> zones;
    while (FeaturePtr f{OGR_L_GetNextFeature(l)})
        zones.emplace_back(OGR_F_GetFID(f.get()), zoneFrom(f.get()));
    OGR_L_SetAttributeFilter(l, nullptr);
    // Written in the record's order, so fid order gives it back.
    std::sort(zones.begin(), zones.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<ProtectionZone> out;
    for (auto& z : zones)
        out.push_back(std::move(z.second));
    return out;
}

std::map<std::string, std::vector<ProtectionZone>> Registry::Impl::allZones() {
    OGRLayerH l = layer("village_zones");
    OGR_L_ResetReading(l);
    std::map<std::string, std::vector<std::pair<GIntBig, ProtectionZone>>> byVillage;
    while (FeaturePtr f{OGR_L_GetNextFeature(l)})
        byVillage[OGR_F_GetFieldAsString(f.get(), OGR_F_GetFieldIndex(f.get(), "village_id"))]
            .emplace_back(OGR_F_GetFID(f.get()), zoneFrom(f.get()));
    std::map<std::string, std::vector<ProtectionZone>> out;
    for (auto& [id, zones] : byVillage) {
        std::sort(zones.begin(), zones.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        for (auto& z : zones)
            out[id].push_back(std::move(z.second));
    }
    return out;
}

Status Registry::Impl::deleteZones(const std::string& villageId) {
    OGRLayerH l = layer("village_zones");
    OGR_L_SetAttributeFilter(l, ("village_id = " + quoted(villageId)).c_str());
    OGR_L_ResetReading(l);
    std::vector<GIntBig> fids;
    while (FeaturePtr f{OGR_L_GetNextFeature(l)})
        fids.push_back(OGR_F_GetFID(f.get()));
    OGR_L_SetAttributeFilter(l, nullptr);
    for (GIntBig fid : fids)
        if (OGR_L_DeleteFeature(l, fid) != OGRERR_NONE)
            return error("village_zones of '" + villageId + "'",
                         gdalMessage("could not delete a zone"));
    return Done{};
}

Status Registry::Impl::writeZones(const VillageRecord& v) {
    if (auto st = deleteZones(v.id); !st)
        return st;
    OGRLayerH l = layer("village_zones");
    for (const auto& zone : v.zones) {
        FeaturePtr f{OGR_F_Create(OGR_L_GetLayerDefn(l))};
        OGR_F_SetFieldString(f.get(), OGR_F_GetFieldIndex(f.get(), "village_id"), v.id.c_str());
        OGR_F_SetFieldString(f.get(), OGR_F_GetFieldIndex(f.get(), "kind"),
                             token(zone.kind).c_str());
        OGRGeometryH polygon = OGR_G_CreateGeometry(wkbPolygon);
        for (const auto& ring : zone.rings) {
            OGRGeometryH r = OGR_G_CreateGeometry(wkbLinearRing);
            for (const auto& p : ring)
                OGR_G_AddPoint_2D(r, p[0], p[1]);
            OGR_G_AddGeometryDirectly(polygon, r);
        }
        OGR_G_CloseRings(polygon);
        OGR_F_SetGeometryDirectly(f.get(), polygon);
        if (OGR_L_CreateFeature(l, f.get()) != OGRERR_NONE)
            return error("village_zones of '" + v.id + "'", gdalMessage("could not write a zone"));
    }
    return Done{};
}

// Audit --------------------------------------------------------------------------------

namespace {

AuditEntry auditFrom(OGRFeatureH f) {
    const auto text = [f](const char* name) {
        const int i = OGR_F_GetFieldIndex(f, name);
        return i >= 0 && OGR_F_IsFieldSetAndNotNull(f, i)
                   ? std::string(OGR_F_GetFieldAsString(f, i))
                   : std::string();
    };
    const auto integer = [f](const char* name) -> std::int64_t {
        const int i = OGR_F_GetFieldIndex(f, name);
        return i >= 0 ? OGR_F_GetFieldAsInteger64(f, i) : 0;
    };
    AuditEntry e;
    e.id = OGR_F_GetFID(f);
    e.txn = integer("txn");
    e.at = text("at");
    e.who = text("who");
    e.table = text("table_name");
    e.recordId = text("record_id");
    e.action = text("action");
    e.oldJson = text("old_json");
    e.newJson = text("new_json");
    e.undone = static_cast<int>(integer("undone"));
    return e;
}

}  // namespace

Result<std::int64_t> Registry::Impl::audit(std::int64_t txn, const std::string& table,
                                           const std::string& id, const std::string& action,
                                           const std::string& oldJson, const std::string& newJson) {
    OGRLayerH l = layer("audit");
    FeaturePtr f{OGR_F_Create(OGR_L_GetLayerDefn(l))};
    const auto set = [&f](const char* name, const std::string& value) {
        const int i = OGR_F_GetFieldIndex(f.get(), name);
        if (value.empty())
            OGR_F_SetFieldNull(f.get(), i);
        else
            OGR_F_SetFieldString(f.get(), i, value.c_str());
    };
    set("at", nowIso());
    set("who", options.actor);
    set("table_name", table);
    set("record_id", id);
    set("action", action);
    set("old_json", oldJson);
    set("new_json", newJson);
    OGR_F_SetFieldInteger(f.get(), OGR_F_GetFieldIndex(f.get(), "undone"), 0);
    const int txnField = OGR_F_GetFieldIndex(f.get(), "txn");
    if (txn != 0)
        OGR_F_SetFieldInteger64(f.get(), txnField, txn);
    if (OGR_L_CreateFeature(l, f.get()) != OGRERR_NONE)
        return error("audit", gdalMessage("could not write the audit row"));
    if (txn == 0) {
        // A txn is numbered by its first row: unique without a counter table or a race.
        txn = OGR_F_GetFID(f.get());
        OGR_F_SetFieldInteger64(f.get(), txnField, txn);
        if (OGR_L_SetFeature(l, f.get()) != OGRERR_NONE)
            return error("audit", gdalMessage("could not number the audit row"));
    }
    return txn;
}

std::vector<AuditEntry> Registry::Impl::auditRows(const std::string& filter) {
    OGRLayerH l = layer("audit");
    OGR_L_SetAttributeFilter(l, filter.empty() ? nullptr : filter.c_str());
    OGR_L_ResetReading(l);
    std::vector<AuditEntry> rows;
    while (FeaturePtr f{OGR_L_GetNextFeature(l)})
        rows.push_back(auditFrom(f.get()));
    OGR_L_SetAttributeFilter(l, nullptr);
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return rows;
}

Status Registry::Impl::setUndone(const std::vector<AuditEntry>& rows, int undone) {
    OGRLayerH l = layer("audit");
    for (const auto& row : rows) {
        FeaturePtr f{OGR_L_GetFeature(l, row.id)};
        if (!f)
            return error("audit row " + std::to_string(row.id), "vanished during the edit");
        OGR_F_SetFieldInteger(f.get(), OGR_F_GetFieldIndex(f.get(), "undone"), undone);
        if (OGR_L_SetFeature(l, f.get()) != OGRERR_NONE)
            return error("audit row " + std::to_string(row.id),
                         gdalMessage("could not update the undo state"));
    }
    return Done{};
}

Status Registry::Impl::supersedeRedo() {
    return setUndone(auditRows("undone = 1"), 2);
}

template <typename R>
Status Registry::Impl::applyJsonTo(const std::string& id, const std::string& json) {
    GIntBig fid = OGRNullFID;
    read<R>(id, &fid);
    if (json.empty())
        return fid == OGRNullFID ? Status(Done{}) : remove<R>(id, fid);
    R r;
    if (!detail::fromJson(json, r))
        return error(std::string(TableOf<R>::name) + " '" + id + "'",
                     "the audit trail holds a value that is not JSON");
    return write(r, fid);
}

std::string Registry::Impl::currentJson(const std::string& table, const std::string& id) {
    GIntBig fid = OGRNullFID;
    if (table == TableOf<TreeRecord>::name) {
        if (auto r = read<TreeRecord>(id, &fid))
            return detail::toJson(*r);
    } else if (table == TableOf<VillageRecord>::name) {
        if (auto r = read<VillageRecord>(id, &fid))
            return detail::toJson(*r);
    }
    return {};
}

Status Registry::Impl::applyJson(const std::string& table, const std::string& id,
                                 const std::string& json) {
    if (table == TableOf<TreeRecord>::name)
        return applyJsonTo<TreeRecord>(id, json);
    if (table == TableOf<VillageRecord>::name)
        return applyJsonTo<VillageRecord>(id, json);
    return error("audit", "unknown table '" + table + "'");
}

// Edits --------------------------------------------------------------------------------

template <typename R>
Status Registry::Impl::edit(const std::string& action, const R* record, const std::string& id) {
    const std::string table = TableOf<R>::name;
    const std::string where = table + " '" + id + "'";
    if (id.empty())
        return error(table + ", field 'id'", "is empty; every record needs an ID");
    QuietErrors quiet;
    Transaction tx(ds.get());
    if (!tx.active())
        return error(where, gdalMessage("could not start a transaction"));
    GIntBig fid = OGRNullFID;
    const std::optional<R> old = read<R>(id, &fid);
    if (action == "insert" && old)
        return error(where, "already exists; use update");
    if (action != "insert" && !old)
        return error(where, "no such record");
    Status written = record ? write(*record, fid) : remove<R>(id, fid);
    if (!written)
        return written;
    if (auto st = supersedeRedo(); !st)
        return st;
    auto txn = audit(0, table, id, action, old ? detail::toJson(*old) : std::string(),
                     record ? detail::toJson(*record) : std::string());
    if (!txn)
        return txn.errors()[0];
    if (!tx.commit())
        return error(where, gdalMessage("commit failed; the edit was not saved"));
    return Done{};
}

template <typename R>
Result<ImportReport> Registry::Impl::importBatch(const std::vector<R>& records, bool dryRun,
                                                 const Registry::Progress& progress) {
    const std::string table = TableOf<R>::name;
    std::vector<Error> problems;
    std::map<std::string, std::size_t> rowOf;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const std::string row = "record " + std::to_string(i + 1) + ", field 'id'";
        if (records[i].id.empty())
            problems.push_back(error(row, "is empty; every record needs an ID"));
        else if (auto [it, fresh] = rowOf.emplace(records[i].id, i + 1); !fresh)
            problems.push_back(error(row, "duplicate id '" + records[i].id + "' (also record " +
                                              std::to_string(it->second) + ")"));
    }
    if (!problems.empty())
        return Result<ImportReport>::failure(problems);

    QuietErrors quiet;
    // One transaction from the first read: what is compared is what gets replaced.
    Transaction tx(ds.get());
    if (!tx.active())
        return error(table, gdalMessage("could not start a transaction"));
    std::map<std::string, std::pair<GIntBig, R>> existing;
    for (auto& [fid, r] : readAll<R>()) {
        std::string id = r.id;  // copied first: r is moved from in the same call
        existing.emplace(std::move(id), std::make_pair(fid, std::move(r)));
    }

    ImportReport report;
    report.dryRun = dryRun;
    std::int64_t txn = 0;
    bool superseded = false;
    std::size_t done = 0;
    for (const R& r : records) {
        if (progress && done++ % 1000 == 0)
            progress(done - 1, records.size());
        const auto it = existing.find(r.id);
        if (it != existing.end() && detail::sameRecord(it->second.second, r)) {
            report.unchanged.push_back(r.id);
            continue;
        }
        (it == existing.end() ? report.added : report.changed).push_back(r.id);
        if (dryRun)
            continue;
        if (!superseded) {
            if (auto st = supersedeRedo(); !st)
                return st.errors()[0];
            superseded = true;
        }
        const GIntBig fid = it == existing.end() ? OGRNullFID : it->second.first;
        if (auto st = write(r, fid); !st)
            return st.errors()[0];
        // An imported insert's new value is the row itself, so its audit row names it but
        // does not copy it: that halves what a large first import writes. Undo stores the
        // JSON before it deletes the row (step()), so redo can bring it back.
        auto t = audit(txn, table, r.id, it == existing.end() ? "insert" : "update",
                       it == existing.end() ? std::string() : detail::toJson(it->second.second),
                       it == existing.end() ? std::string() : detail::toJson(r));
        if (!t)
            return t.errors()[0];
        txn = t.value();
    }
    if (progress)
        progress(records.size(), records.size());
    if (dryRun || txn == 0)
        return report;  // nothing written: the destructor rolls the read-only txn back
    if (!tx.commit())
        return error(table, gdalMessage("commit failed; nothing was imported"));
    return report;
}

Result<std::optional<HistoryStep>> Registry::Impl::step(bool undo) {
    QuietErrors quiet;
    Transaction tx(ds.get());
    if (!tx.active())
        return error("audit", gdalMessage("could not start a transaction"));
    const auto txn =
        scalar(undo ? std::string("SELECT MAX(txn) FROM audit WHERE undone = 0 AND ") + kEditActions
                    : std::string("SELECT MIN(txn) FROM audit WHERE undone = 1"));
    if (!txn)
        return std::optional<HistoryStep>();
    auto rows = auditRows("txn = " + std::to_string(*txn) + " AND " + kEditActions);
    if (undo)
        std::reverse(rows.begin(), rows.end());  // take a batch back in reverse order
    HistoryStep step;
    step.txn = *txn;
    std::int64_t newTxn = 0;
    for (auto& row : rows) {
        if (undo && row.action == "insert" && row.newJson.empty()) {
            // An imported insert (importBatch): keep the row's value for a later redo.
            row.newJson = currentJson(row.table, row.recordId);
            // By feature id through OGR: the FID column is "fid" in a GeoPackage and
            // "ogc_fid" in PostGIS.
            OGRLayerH l = layer("audit");
            FeaturePtr f{OGR_L_GetFeature(l, row.id)};
            if (!f)
                return error("audit", "audit row " + std::to_string(row.id) + " is missing");
            OGR_F_SetFieldString(f.get(), OGR_F_GetFieldIndex(f.get(), "new_json"),
                                 row.newJson.c_str());
            if (OGR_L_SetFeature(l, f.get()) != OGRERR_NONE)
                return error("audit", gdalMessage("could not keep the imported record"));
        }
        const std::string& before = undo ? row.newJson : row.oldJson;
        const std::string& after = undo ? row.oldJson : row.newJson;
        if (auto st = applyJson(row.table, row.recordId, after); !st)
            return st.errors()[0];
        auto t = audit(newTxn, row.table, row.recordId, undo ? "undo" : "redo", before, after);
        if (!t)
            return t.errors()[0];
        newTxn = t.value();
        step.table = row.table;
        step.recordIds.push_back(row.recordId);
    }
    step.action = rows.size() == 1 ? rows[0].action : "import";
    if (auto st = setUndone(rows, undo ? 1 : 0); !st)
        return st.errors()[0];
    if (!tx.commit())
        return error("audit", gdalMessage("commit failed; nothing was undone"));
    return std::optional<HistoryStep>(std::move(step));
}

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

Status Registry::insert(const TreeRecord& t) {
    return impl_->edit("insert", &t, t.id);
}
Status Registry::insert(const VillageRecord& v) {
    return impl_->edit("insert", &v, v.id);
}
Status Registry::update(const TreeRecord& t) {
    return impl_->edit("update", &t, t.id);
}
Status Registry::update(const VillageRecord& v) {
    return impl_->edit("update", &v, v.id);
}
Status Registry::removeTree(const std::string& id) {
    return impl_->edit<TreeRecord>("delete", nullptr, id);
}
Status Registry::removeVillage(const std::string& id) {
    return impl_->edit<VillageRecord>("delete", nullptr, id);
}

Result<ImportReport> Registry::importBatch(const std::vector<TreeRecord>& records, bool dryRun,
                                           const Progress& progress) {
    return impl_->importBatch(records, dryRun, progress);
}
Result<ImportReport> Registry::importBatch(const std::vector<VillageRecord>& records, bool dryRun,
                                           const Progress& progress) {
    return impl_->importBatch(records, dryRun, progress);
}

Result<std::optional<HistoryStep>> Registry::undo() {
    return impl_->step(true);
}
Result<std::optional<HistoryStep>> Registry::redo() {
    return impl_->step(false);
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
