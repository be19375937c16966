#include "RegistrySchema.h"

#include <cpl_json.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <sstream>

namespace cunjing::heritage::detail {

namespace {

template <typename R>
Column<R> text(const char* name, std::string R::*m) {
    return {name, ColumnType::Text,
            [m](const R& r) { return (r.*m).empty() ? Cell{} : Cell{r.*m}; },
            [m](R& r, const Cell& c) {
                const auto* s = std::get_if<std::string>(&c);
                r.*m = s ? *s : std::string();
            }};
}

double asReal(const Cell& c) {
    if (const auto* d = std::get_if<double>(&c))
        return *d;
    if (const auto* i = std::get_if<std::int64_t>(&c))
        return static_cast<double>(*i);
    return 0;
}

std::int64_t asInteger(const Cell& c) {
    if (const auto* i = std::get_if<std::int64_t>(&c))
        return *i;
    if (const auto* d = std::get_if<double>(&c))
        return static_cast<std::int64_t>(std::llround(*d));
    return 0;
}

template <typename R>
Column<R> real(const char* name, double R::*m) {
    return {name, ColumnType::Real, [m](const R& r) { return Cell{r.*m}; },
            [m](R& r, const Cell& c) { r.*m = asReal(c); }};
}

template <typename R>
Column<R> optReal(const char* name, std::optional<double> R::*m) {
    return {name, ColumnType::Real, [m](const R& r) { return r.*m ? Cell{*(r.*m)} : Cell{}; },
            [m](R& r, const Cell& c) {
                r.*m = std::holds_alternative<std::monostate>(c) ? std::nullopt
                                                                 : std::optional(asReal(c));
            }};
}

template <typename R>
Column<R> integer(const char* name, int R::*m) {
    return {name, ColumnType::Integer,
            [m](const R& r) { return Cell{static_cast<std::int64_t>(r.*m)}; },
            [m](R& r, const Cell& c) { r.*m = static_cast<int>(asInteger(c)); }};
}

template <typename R>
Column<R> optInteger(const char* name, std::optional<int> R::*m) {
    return {name, ColumnType::Integer,
            [m](const R& r) { return r.*m ? Cell{static_cast<std::int64_t>(*(r.*m))} : Cell{}; },
            [m](R& r, const Cell& c) {
                r.*m = std::holds_alternative<std::monostate>(c)
                           ? std::nullopt
                           : std::optional(static_cast<int>(asInteger(c)));
            }};
}

template <typename R>
Column<R> boolean(const char* name, bool R::*m) {
    return {name, ColumnType::Boolean,
            [m](const R& r) { return Cell{static_cast<std::int64_t>(r.*m ? 1 : 0)}; },
            [m](R& r, const Cell& c) { r.*m = asInteger(c) != 0; }};
}

/// Lists are ';'-joined, as in the register files officers exchange.
template <typename R>
Column<R> list(const char* name, std::vector<std::string> R::*m) {
    return {name, ColumnType::Text,
            [m](const R& r) {
                std::string joined;
                for (const auto& s : r.*m)
                    joined += (joined.empty() ? "" : ";") + s;
                return joined.empty() ? Cell{} : Cell{joined};
            },
            [m](R& r, const Cell& c) {
                (r.*m).clear();
                const auto* s = std::get_if<std::string>(&c);
                if (!s || s->empty())
                    return;
                std::stringstream in(*s);
                for (std::string item; std::getline(in, item, ';');)
                    if (!item.empty())
                        (r.*m).push_back(item);
            }};
}

/// Coded values are stored as their tokens; an unknown token reads as the default.
template <typename R, typename E>
Column<R> code(const char* name, E R::*m, std::string (*tok)(E),
               std::optional<E> (*parse)(std::string_view)) {
    return {name, ColumnType::Text, [m, tok](const R& r) { return Cell{tok(r.*m)}; },
            [m, parse](R& r, const Cell& c) {
                const auto* s = std::get_if<std::string>(&c);
                r.*m = s ? parse(*s).value_or(E{}) : E{};
            }};
}

}  // namespace

const std::vector<Column<TreeRecord>>& treeColumns() {
    using T = TreeRecord;
    static const std::vector<Column<T>> columns = {
        text("id", &T::id),
        text("survey_no", &T::surveyNo),
        text("province", &T::province),
        text("city", &T::city),
        text("county", &T::county),
        text("town", &T::town),
        text("village", &T::village),
        text("place_name", &T::placeName),
        text("county_code", &T::countyCode),
        real("lon", &T::lon),
        real("lat", &T::lat),
        optReal("altitude_m", &T::altitudeM),
        text("species_cn", &T::speciesCn),
        text("latin_name", &T::latinName),
        text("family", &T::family),
        text("genus", &T::genus),
        optInteger("age_years", &T::ageYears),
        code("age_method", &T::ageMethod, &token, &parseAgeMethod),
        boolean("famous", &T::famous),
        {"stated_grade", ColumnType::Text,
         [](const T& r) { return r.statedGrade ? Cell{gradeToken(*r.statedGrade)} : Cell{}; },
         [](T& r, const Cell& c) {
             const auto* s = std::get_if<std::string>(&c);
             r.statedGrade = s ? parseGrade(*s) : std::nullopt;
         }},
        optReal("height_m", &T::heightM),
        optReal("dbh_cm", &T::dbhCm),
        optReal("crown_ew_m", &T::crownEwM),
        optReal("crown_ns_m", &T::crownNsM),
        optReal("crown_avg_m", &T::crownAvgM),
        code("vigour", &T::vigour, &token, &parseVigour),
        code("environment", &T::environment, &token, &parseEnvironment),
        code("ownership", &T::ownership, &token, &parseOwnership),
        text("custodian_unit", &T::custodianUnit),
        text("custodian_person", &T::custodianPerson),
        text("threats", &T::threats),
        text("protection_measures", &T::protectionMeasures),
        text("story", &T::story),
        list("photos", &T::photos),
        text("survey_date", &T::surveyDate),
        text("surveyor", &T::surveyor),
        boolean("synthetic", &T::synthetic),
    };
    return columns;
}

const std::vector<Column<VillageRecord>>& villageColumns() {
    using V = VillageRecord;
    static const std::vector<Column<V>> columns = {
        text("id", &V::id),
        text("name", &V::name),
        text("province", &V::province),
        text("city", &V::city),
        text("county", &V::county),
        text("town", &V::town),
        text("admin_code", &V::adminCode),
        real("lon", &V::lon),
        real("lat", &V::lat),
        integer("batch", &V::batch),
        integer("year", &V::year),
        optReal("area_ha", &V::areaHa),
        optInteger("households", &V::households),
        optInteger("population", &V::population),
        text("site_pattern", &V::sitePattern),
        optInteger("traditional_buildings", &V::traditionalBuildings),
        list("protected_units", &V::protectedUnits),
        list("intangible_heritage", &V::intangibleHeritage),
        optReal("score_age", &V::scoreAge),
        optReal("score_rarity", &V::scoreRarity),
        optReal("score_scale", &V::scoreScale),
        optReal("score_ratio", &V::scoreRatio),
        optReal("score_richness", &V::scoreRichness),
        boolean("synthetic", &V::synthetic),
    };
    return columns;
}

OGRFieldType ogrType(ColumnType type) {
    switch (type) {
        case ColumnType::Real:
            return OFTReal;
        case ColumnType::Integer:
            return OFTInteger64;
        case ColumnType::Boolean:
            return OFTInteger;
        case ColumnType::Text:
            break;
    }
    return OFTString;
}

namespace {

/// The field index of each column in a layer definition. OGR_FD_GetFieldIndex compares every
/// field name case-insensitively; for a 100,000-record import that was most of the time
/// spent outside SQLite, so the indices are kept per definition and checked by name on use
/// (a definition freed and another made at the same address is then simply looked up anew).
template <typename R>
const std::vector<int>& fieldIndices(OGRFeatureDefnH defn, const std::vector<Column<R>>& columns) {
    thread_local std::map<std::pair<OGRFeatureDefnH, const void*>, std::vector<int>> cache;
    std::vector<int>& indices = cache[{defn, &columns}];
    bool valid = indices.size() == columns.size();
    for (std::size_t k = 0; valid && k < columns.size(); ++k) {
        const int i = indices[k];
        valid = i < 0 ? OGR_FD_GetFieldIndex(defn, columns[k].name) < 0
                      : i < OGR_FD_GetFieldCount(defn) &&
                            std::strcmp(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)),
                                        columns[k].name) == 0;
    }
    if (!valid) {
        indices.clear();
        for (const auto& col : columns)
            indices.push_back(OGR_FD_GetFieldIndex(defn, col.name));
    }
    return indices;
}

template <typename R>
void writeFieldsOf(OGRFeatureH f, const R& record, const std::vector<Column<R>>& columns) {
    OGRFeatureDefnH defn = OGR_F_GetDefnRef(f);
    const std::vector<int>& indices = fieldIndices(defn, columns);
    for (std::size_t k = 0; k < columns.size(); ++k) {
        const auto& col = columns[k];
        const int i = indices[k];
        if (i < 0)
            continue;
        const Cell c = col.get(record);
        if (const auto* s = std::get_if<std::string>(&c))
            OGR_F_SetFieldString(f, i, s->c_str());
        else if (const auto* d = std::get_if<double>(&c))
            OGR_F_SetFieldDouble(f, i, *d);
        else if (const auto* n = std::get_if<std::int64_t>(&c))
            OGR_F_SetFieldInteger64(f, i, *n);
        else
            OGR_F_SetFieldNull(f, i);
    }
}

template <typename R>
void readFieldsOf(OGRFeatureH f, R& record, const std::vector<Column<R>>& columns) {
    OGRFeatureDefnH defn = OGR_F_GetDefnRef(f);
    const std::vector<int>& indices = fieldIndices(defn, columns);
    for (std::size_t k = 0; k < columns.size(); ++k) {
        const auto& col = columns[k];
        const int i = indices[k];
        Cell c;
        if (i >= 0 && OGR_F_IsFieldSetAndNotNull(f, i)) {
            switch (col.type) {
                case ColumnType::Text:
                    c = std::string(OGR_F_GetFieldAsString(f, i));
                    break;
                case ColumnType::Real:
                    c = OGR_F_GetFieldAsDouble(f, i);
                    break;
                case ColumnType::Integer:
                case ColumnType::Boolean:
                    c = static_cast<std::int64_t>(OGR_F_GetFieldAsInteger64(f, i));
                    break;
            }
        }
        col.set(record, c);
    }
}

template <typename R>
CPLJSONObject jsonOf(const R& record, const std::vector<Column<R>>& columns) {
    CPLJSONObject o;
    for (const auto& col : columns) {
        const Cell c = col.get(record);
        if (const auto* s = std::get_if<std::string>(&c))
            o.Add(col.name, *s);
        else if (const auto* d = std::get_if<double>(&c))
            o.Add(col.name, *d);
        else if (const auto* n = std::get_if<std::int64_t>(&c)) {
            if (col.type == ColumnType::Boolean)
                o.Add(col.name, *n != 0);
            else
                o.Add(col.name, static_cast<GInt64>(*n));
        } else
            o.AddNull(col.name);
    }
    return o;
}

template <typename R>
void fromJsonOf(const CPLJSONObject& o, R& record, const std::vector<Column<R>>& columns) {
    for (const auto& col : columns) {
        const CPLJSONObject v = o.GetObj(col.name);
        Cell c;
        if (v.IsValid() && v.GetType() != CPLJSONObject::Type::Null) {
            switch (col.type) {
                case ColumnType::Text:
                    c = v.ToString();
                    break;
                case ColumnType::Real:
                    c = v.ToDouble();
                    break;
                case ColumnType::Integer:
                    c = static_cast<std::int64_t>(v.ToLong());
                    break;
                case ColumnType::Boolean:
                    c = static_cast<std::int64_t>(v.ToBool() ? 1 : 0);
                    break;
            }
        }
        col.set(record, c);
    }
}

bool sameCell(const Cell& a, const Cell& b) {
    if (a.index() != b.index())
        return false;
    if (const auto* x = std::get_if<double>(&a)) {
        const double y = std::get<double>(b);
        return std::abs(*x - y) <= 1e-9 * std::max(1.0, std::abs(*x));
    }
    return a == b;
}

template <typename R>
bool sameOf(const R& a, const R& b, const std::vector<Column<R>>& columns) {
    for (const auto& col : columns)
        if (!sameCell(col.get(a), col.get(b)))
            return false;
    return true;
}

bool parse(const std::string& json, CPLJSONObject& out) {
    CPLJSONDocument doc;
    if (json.empty() || !doc.LoadMemory(json))
        return false;
    out = doc.GetRoot();
    return out.GetType() == CPLJSONObject::Type::Object;
}

}  // namespace

void writeFields(OGRFeatureH f, const TreeRecord& t) {
    writeFieldsOf(f, t, treeColumns());
}
void writeFields(OGRFeatureH f, const VillageRecord& v) {
    writeFieldsOf(f, v, villageColumns());
}
void readFields(OGRFeatureH f, TreeRecord& t) {
    readFieldsOf(f, t, treeColumns());
}
void readFields(OGRFeatureH f, VillageRecord& v) {
    readFieldsOf(f, v, villageColumns());
}

std::string toJson(const TreeRecord& t) {
    return jsonOf(t, treeColumns()).Format(CPLJSONObject::PrettyFormat::Plain);
}

std::string toJson(const VillageRecord& v) {
    CPLJSONObject o = jsonOf(v, villageColumns());
    CPLJSONArray zones;
    for (const auto& z : v.zones) {
        CPLJSONObject zone;
        zone.Add("kind", token(z.kind));
        CPLJSONArray rings;
        for (const auto& ring : z.rings) {
            CPLJSONArray points;
            for (const auto& p : ring) {
                CPLJSONArray xy;
                xy.Add(p[0]);
                xy.Add(p[1]);
                points.Add(xy);
            }
            rings.Add(points);
        }
        zone.Add("rings", rings);
        zones.Add(zone);
    }
    o.Add("zones", zones);
    return o.Format(CPLJSONObject::PrettyFormat::Plain);
}

bool fromJson(const std::string& json, TreeRecord& t) {
    CPLJSONObject o;
    if (!parse(json, o))
        return false;
    fromJsonOf(o, t, treeColumns());
    return true;
}

bool fromJson(const std::string& json, VillageRecord& v) {
    CPLJSONObject o;
    if (!parse(json, o))
        return false;
    fromJsonOf(o, v, villageColumns());
    v.zones.clear();
    const CPLJSONArray zones = o.GetArray("zones");
    for (int i = 0; zones.IsValid() && i < zones.Size(); ++i) {
        ProtectionZone zone;
        zone.kind = parseZoneKind(zones[i].GetString("kind")).value_or(ZoneKind::Core);
        const CPLJSONArray rings = zones[i].GetArray("rings");
        for (int r = 0; rings.IsValid() && r < rings.Size(); ++r) {
            const CPLJSONArray points = rings[r].ToArray();
            std::vector<std::array<double, 2>> ring;
            for (int p = 0; p < points.Size(); ++p) {
                const CPLJSONArray xy = points[p].ToArray();
                if (xy.Size() >= 2)
                    ring.push_back({xy[0].ToDouble(), xy[1].ToDouble()});
            }
            zone.rings.push_back(std::move(ring));
        }
        v.zones.push_back(std::move(zone));
    }
    return true;
}

bool sameRecord(const TreeRecord& a, const TreeRecord& b) {
    return sameOf(a, b, treeColumns());
}

bool sameRecord(const VillageRecord& a, const VillageRecord& b) {
    if (!sameOf(a, b, villageColumns()) || a.zones.size() != b.zones.size())
        return false;
    for (std::size_t i = 0; i < a.zones.size(); ++i) {
        if (a.zones[i].kind != b.zones[i].kind ||
            a.zones[i].rings.size() != b.zones[i].rings.size())
            return false;
        for (std::size_t r = 0; r < a.zones[i].rings.size(); ++r) {
            const auto &ra = a.zones[i].rings[r], &rb = b.zones[i].rings[r];
            if (ra.size() != rb.size())
                return false;
            for (std::size_t p = 0; p < ra.size(); ++p)
                if (!sameCell(ra[p][0], rb[p][0]) || !sameCell(ra[p][1], rb[p][1]))
                    return false;
        }
    }
    return true;
}

}  // namespace cunjing::heritage::detail
