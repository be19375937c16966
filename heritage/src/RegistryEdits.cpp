#include "RegistryImpl.h"

namespace cunjing::heritage {

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
    const auto text = [f](const char* name) { return fieldText(f, name); };
    const auto integer = [f](const char* name) { return fieldInteger(f, name); };
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
    if (table == kNotesTable)
        return applyNoteJson(id, json);
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

// Public edits ------------------------------------------------------------------------

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

}  // namespace cunjing::heritage
