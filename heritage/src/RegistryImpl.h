#pragma once
// The inside of heritage::Registry, shared by Registry.cpp (opening, reading, the public
// reads), RegistryEdits.cpp (edits, imports, the audit trail, undo and redo, zones) and
// RegistryNotes.cpp (notes pinned to models).

#include <cunjing/heritage/Registry.h>

#include "RegistrySchema.h"

#include <cunjing/geo/Gdal.h>

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <ctime>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cunjing::heritage::registry {

using DatasetPtr = geo::GdalDatasetPtr;
using FeaturePtr = geo::OgrFeaturePtr;
/// GDAL reports through CPLError; we turn the last message into our Error instead.
using QuietErrors = geo::QuietGdal;

inline std::string gdalMessage(const std::string& fallback) {
    const std::string m = CPLGetLastErrorMsg();
    return m.empty() ? fallback : fallback + ": " + m;
}

inline std::string quoted(const std::string& s) {
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

inline std::string nowIso() {
    const std::time_t t = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buf;
}

inline std::string lowerAscii(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

/// A field of a store feature by name: empty, 0 or 0.0 when the column is missing or null.
inline std::string fieldText(OGRFeatureH f, const char* name) {
    const int i = OGR_F_GetFieldIndex(f, name);
    return i >= 0 && OGR_F_IsFieldSetAndNotNull(f, i) ? std::string(OGR_F_GetFieldAsString(f, i))
                                                      : std::string();
}
inline std::int64_t fieldInteger(OGRFeatureH f, const char* name) {
    const int i = OGR_F_GetFieldIndex(f, name);
    return i >= 0 ? OGR_F_GetFieldAsInteger64(f, i) : 0;
}
inline double fieldReal(OGRFeatureH f, const char* name) {
    const int i = OGR_F_GetFieldIndex(f, name);
    return i >= 0 ? OGR_F_GetFieldAsDouble(f, i) : 0.0;
}

/// Writes a feature: a new one (fid OGRNullFID) or over the feature with that fid.
inline OGRErr createOrSetFeature(OGRLayerH layer, OGRFeatureH f, GIntBig fid) {
    if (fid == OGRNullFID)
        return OGR_L_CreateFeature(layer, f);
    OGR_F_SetFID(f, fid);
    return OGR_L_SetFeature(layer, f);
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

inline constexpr const char* kEditActions = "action IN ('insert', 'update', 'delete')";

/// The table of notes pinned to models, and its columns (RegistryNotes.cpp).
inline constexpr const char* kNotesTable = "model_notes";
const std::vector<std::pair<const char*, OGRFieldType>>& modelNoteFields();

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

}  // namespace cunjing::heritage::registry

namespace cunjing::heritage {

using namespace registry;

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
        if (createOrSetFeature(l, f.get(), fid) != OGRERR_NONE)
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
    /// applyJson for model_notes (RegistryNotes.cpp).
    Status applyNoteJson(const std::string& id, const std::string& json);

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

}  // namespace cunjing::heritage
