// Notes pinned to models (ModelNotes.h): the model_notes table, its audit JSON, the checks on
// a note, and the edits, which follow Registry::Impl::edit (one transaction with its audit
// row, undone and redone by Impl::step through applyNoteJson).

#include "RegistryImpl.h"

#include <cpl_json.h>

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <tuple>

namespace cunjing::heritage {

namespace registry {

const std::vector<std::pair<const char*, OGRFieldType>>& modelNoteFields() {
    static const std::vector<std::pair<const char*, OGRFieldType>> fields = {
        {"id", OFTString},   {"model", OFTString},  {"x", OFTReal},
        {"y", OFTReal},      {"z", OFTReal},        {"crs", OFTString},
        {"text", OFTString}, {"author", OFTString}, {"created", OFTString}};
    return fields;
}

}  // namespace registry

namespace {

// Encodings ------------------------------------------------------------------------------

ModelNote noteFrom(OGRFeatureH f) {
    const auto text = [f](const char* name) { return fieldText(f, name); };
    const auto real = [f](const char* name) { return fieldReal(f, name); };
    ModelNote n;
    n.id = text("id");
    n.model = text("model");
    n.x = real("x");
    n.y = real("y");
    n.z = real("z");
    n.crs = text("crs");
    n.text = text("text");
    n.author = text("author");
    n.created = text("created");
    return n;
}

void writeNoteFields(OGRFeatureH f, const ModelNote& n) {
    const auto text = [f](const char* name, const std::string& value) {
        const int i = OGR_F_GetFieldIndex(f, name);
        if (value.empty())
            OGR_F_SetFieldNull(f, i);
        else
            OGR_F_SetFieldString(f, i, value.c_str());
    };
    text("id", n.id);
    text("model", n.model);
    OGR_F_SetFieldDouble(f, OGR_F_GetFieldIndex(f, "x"), n.x);
    OGR_F_SetFieldDouble(f, OGR_F_GetFieldIndex(f, "y"), n.y);
    OGR_F_SetFieldDouble(f, OGR_F_GetFieldIndex(f, "z"), n.z);
    text("crs", n.crs);
    text("text", n.text);
    text("author", n.author);
    text("created", n.created);
}

/// The audit trail's JSON of a note: the column names as keys, as for trees and villages.
std::string noteJson(const ModelNote& n) {
    CPLJSONObject o;
    o.Add("id", n.id);
    o.Add("model", n.model);
    o.Add("x", n.x);
    o.Add("y", n.y);
    o.Add("z", n.z);
    o.Add("crs", n.crs);
    o.Add("text", n.text);
    o.Add("author", n.author);
    o.Add("created", n.created);
    return o.Format(CPLJSONObject::PrettyFormat::Plain);
}

bool noteFromJson(const std::string& json, ModelNote& n) {
    CPLJSONDocument doc;
    if (json.empty() || !doc.LoadMemory(json))
        return false;
    const CPLJSONObject o = doc.GetRoot();
    if (o.GetType() != CPLJSONObject::Type::Object)
        return false;
    n.id = o.GetString("id");
    n.model = o.GetString("model");
    n.x = o.GetDouble("x");
    n.y = o.GetDouble("y");
    n.z = o.GetDouble("z");
    n.crs = o.GetString("crs");
    n.text = o.GetString("text");
    n.author = o.GetString("author");
    n.created = o.GetString("created");
    return true;
}

// Checks ---------------------------------------------------------------------------------

/// Code points in s, or nothing when s is not valid UTF-8 (overlong forms, surrogates and
/// values past U+10FFFF included).
std::optional<std::size_t> utf8Length(const std::string& s) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < s.size(); ++count) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80           ? 1
                              : (c >> 5) == 0x6  ? 2
                              : (c >> 4) == 0xE  ? 3
                              : (c >> 3) == 0x1E ? 4
                                                 : 0;
        if (n == 0 || i + n > s.size())
            return std::nullopt;
        std::uint32_t cp = n == 1 ? c : c & (0x7F >> n);
        for (std::size_t k = 1; k < n; ++k) {
            const auto b = static_cast<unsigned char>(s[i + k]);
            if ((b & 0xC0) != 0x80)
                return std::nullopt;
            cp = (cp << 6) | (b & 0x3F);
        }
        static constexpr std::uint32_t kLeast[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < kLeast[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return std::nullopt;
        i += n;
    }
    return count;
}

/// Without leading and trailing white space, the ideographic space (U+3000) of Chinese
/// input methods included.
std::string trimmed(const std::string& s) {
    static const std::string kIdeographicSpace = "\xE3\x80\x80";
    std::size_t begin = 0, end = s.size();
    for (bool more = true; more;) {
        more = false;
        if (begin < end && std::isspace(static_cast<unsigned char>(s[begin]))) {
            ++begin;
            more = true;
        } else if (s.compare(begin, 3, kIdeographicSpace) == 0 && begin + 3 <= end) {
            begin += 3;
            more = true;
        }
    }
    for (bool more = true; more;) {
        more = false;
        if (end > begin && std::isspace(static_cast<unsigned char>(s[end - 1]))) {
            --end;
            more = true;
        } else if (end >= begin + 3 && s.compare(end - 3, 3, kIdeographicSpace) == 0) {
            end -= 3;
            more = true;
        }
    }
    return s.substr(begin, end - begin);
}

/// The trimmed text, or why it cannot be a note's text.
Result<std::string> checkedText(const std::string& text, const Error& at) {
    const std::string t = trimmed(text);
    const auto length = utf8Length(t);
    if (!length)
        return Error{at.file, at.where, "is not valid UTF-8; save the text as UTF-8"};
    if (*length == 0)
        return Error{at.file, at.where, "is empty; a note needs text"};
    if (*length > kModelNoteMaxChars)
        return Error{at.file, at.where,
                     "is " + std::to_string(*length) + " characters long; a note holds at most " +
                         std::to_string(kModelNoteMaxChars)};
    return t;
}

/// yyyy-mm-ddThh:mm:ssZ, the form nowIso() writes.
bool isIsoUtc(const std::string& s) {
    static const std::string kShape = "dddd-dd-ddTdd:dd:ddZ";
    if (s.size() != kShape.size())
        return false;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (kShape[i] == 'd' ? !std::isdigit(static_cast<unsigned char>(s[i])) : s[i] != kShape[i])
            return false;
    return true;
}

std::vector<Error> problemsOf(const ModelNote& n, const std::string& target,
                              const std::string& where) {
    std::vector<Error> problems;
    const auto at = [&](const char* field) {
        return Error{target, where + ", field '" + field + "'", ""};
    };
    if (trimmed(n.model).empty())
        problems.push_back(
            {target, at("model").where, "is empty; name the model the note is pinned to"});
    for (const auto& [name, value] : {std::pair{"x", n.x}, {"y", n.y}, {"z", n.z}})
        if (!std::isfinite(value))
            problems.push_back({target, at(name).where,
                                "is not a finite number; give the point in working-CRS metres"});
    if (auto t = checkedText(n.text, at("text")); !t)
        problems.push_back(t.errors()[0]);
    if (!n.created.empty() && !isIsoUtc(n.created))
        problems.push_back({target, at("created").where,
                            "'" + n.created + "' is not ISO 8601 UTC like 2025-03-15T08:30:00Z"});
    return problems;
}

/// A short id an officer can type: N- and 8 hex digits, random so that two people adding
/// notes to a shared PostGIS store at once do not pick the same one.
std::string newNoteId() {
    thread_local std::mt19937_64 rng = [] {
        std::random_device device;
        std::seed_seq seed{
            static_cast<std::uint64_t>(device()),
            static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()),
            static_cast<std::uint64_t>(getpid())};
        return std::mt19937_64(seed);
    }();
    char buf[16];
    std::snprintf(buf, sizeof buf, "N-%08x", static_cast<unsigned>(rng() & 0xFFFFFFFFu));
    return buf;
}

// Reads and edits ------------------------------------------------------------------------

std::optional<ModelNote> readNote(Registry::Impl& impl, const std::string& id,
                                  GIntBig* fidOut = nullptr) {
    if (fidOut)
        *fidOut = OGRNullFID;
    OGRLayerH l = impl.layer(kNotesTable);
    if (!l)
        return std::nullopt;
    const GIntBig fid = impl.findFid(l, "id", id);
    if (fidOut)
        *fidOut = fid;
    if (fid == OGRNullFID)
        return std::nullopt;
    FeaturePtr f{OGR_L_GetFeature(l, fid)};
    return f ? std::optional(noteFrom(f.get())) : std::nullopt;
}

Status writeNote(Registry::Impl& impl, const ModelNote& n, GIntBig fid) {
    OGRLayerH l = impl.layer(kNotesTable);
    FeaturePtr f{OGR_F_Create(OGR_L_GetLayerDefn(l))};
    writeNoteFields(f.get(), n);
    if (createOrSetFeature(l, f.get(), fid) != OGRERR_NONE)
        return impl.error("note '" + n.id + "'", gdalMessage("could not write the note"));
    return Done{};
}

Status deleteNote(Registry::Impl& impl, const std::string& id, GIntBig fid) {
    if (OGR_L_DeleteFeature(impl.layer(kNotesTable), fid) != OGRERR_NONE)
        return impl.error("note '" + id + "'", gdalMessage("could not delete the note"));
    return Done{};
}

/// A read-only store, or one that somehow lacks the table, cannot take a note edit.
Status writable(Registry::Impl& impl, const std::string& where) {
    if (impl.options.readOnly)
        return impl.error(where,
                          "the register is open read-only; open it for editing to "
                          "add, change or remove notes");
    if (!impl.layer(kNotesTable))
        return impl.error(kNotesTable,
                          "no such table; open the register for editing once to "
                          "add it");
    return Done{};
}

/// One audited edit of a note, as Registry::Impl::edit for records: an insert of note (an
/// empty id gets a free one inside the transaction), an update of the text to note's text,
/// or a delete (no note). Returns the note as it now is, or as it was for a delete.
Result<ModelNote> noteEdit(Registry::Impl& impl, const std::string& action,
                           std::optional<ModelNote> note, const std::string& id) {
    const std::string where = "note '" + id + "'";
    if (auto st = writable(impl, where); !st)
        return st.errors()[0];
    QuietErrors quiet;
    Transaction tx(impl.ds.get());
    if (!tx.active())
        return impl.error(where, gdalMessage("could not start a transaction"));
    std::string key = id;
    if (action == "insert" && key.empty()) {
        // Retried on the (rare) collision, inside the transaction that will insert it.
        for (int tries = 0; key.empty() || readNote(impl, key); ++tries) {
            if (tries == 16)
                return impl.error(kNotesTable, "could not find a free note id");
            key = newNoteId();
        }
        note->id = key;
    }
    GIntBig fid = OGRNullFID;
    const std::optional<ModelNote> old = readNote(impl, key, &fid);
    if (action == "insert" && old)
        return impl.error("note '" + key + "'", "already exists; give another id or none");
    if (action != "insert" && !old)
        return impl.error(where, "no such note; `cunjing notes list` shows the ids");
    if (action == "update") {
        if (note->text == old->text)
            return *old;  // nothing changes: no edit, no audit row
        ModelNote changed = *old;
        changed.text = std::move(note->text);
        note = std::move(changed);
    }
    Status written = note ? writeNote(impl, *note, fid) : deleteNote(impl, key, fid);
    if (!written)
        return written.errors()[0];
    if (auto st = impl.supersedeRedo(); !st)
        return st.errors()[0];
    auto txn = impl.audit(0, kNotesTable, key, action, old ? noteJson(*old) : std::string(),
                          note ? noteJson(*note) : std::string());
    if (!txn)
        return txn.errors()[0];
    if (!tx.commit())
        return impl.error(where, gdalMessage("commit failed; the note was not saved"));
    return note ? *note : *old;
}

}  // namespace

Status Registry::Impl::applyNoteJson(const std::string& id, const std::string& json) {
    GIntBig fid = OGRNullFID;
    readNote(*this, id, &fid);
    if (json.empty())
        return fid == OGRNullFID ? Status(Done{}) : deleteNote(*this, id, fid);
    ModelNote n;
    if (!noteFromJson(json, n))
        return error("note '" + id + "'", "the audit trail holds a value that is not JSON");
    return writeNote(*this, n, fid);
}

// Public API -----------------------------------------------------------------------------

Result<ModelNote> Registry::addModelNote(ModelNote note) {
    const std::string where = "note" + (note.id.empty() ? std::string() : " '" + note.id + "'");
    if (auto problems = problemsOf(note, impl_->target, where); !problems.empty())
        return Result<ModelNote>::failure(problems);
    note.text = trimmed(note.text);
    if (!note.id.empty() && trimmed(note.id) != note.id)
        return impl_->error(where + ", field 'id'", "has white space around it");
    if (note.author.empty())
        note.author = impl_->options.actor;
    if (note.created.empty())
        note.created = nowIso();
    const std::string id = note.id;
    return noteEdit(*impl_, "insert", std::move(note), id);
}

Result<std::vector<ModelNote>> Registry::modelNotes(const std::string& model) {
    QuietErrors quiet;
    std::vector<ModelNote> out;
    OGRLayerH l = impl_->layer(kNotesTable);
    if (!l)
        return out;  // a read-only store made before notes existed
    OGR_L_SetAttributeFilter(l, model.empty() ? nullptr : ("model = " + quoted(model)).c_str());
    OGR_L_ResetReading(l);
    while (FeaturePtr f{OGR_L_GetNextFeature(l)})
        out.push_back(noteFrom(f.get()));
    OGR_L_SetAttributeFilter(l, nullptr);
    std::sort(out.begin(), out.end(), [](const ModelNote& a, const ModelNote& b) {
        return std::tie(a.model, a.created, a.id) < std::tie(b.model, b.created, b.id);
    });
    return out;
}

Result<std::optional<ModelNote>> Registry::modelNote(const std::string& id) {
    QuietErrors quiet;
    return readNote(*impl_, id);
}

Result<ModelNote> Registry::updateModelNoteText(const std::string& id, const std::string& text) {
    auto checked = checkedText(text, impl_->error("note '" + id + "', field 'text'", ""));
    if (!checked)
        return checked.errors()[0];
    ModelNote note;
    note.text = checked.value();
    return noteEdit(*impl_, "update", std::move(note), id);
}

Status Registry::removeModelNote(const std::string& id) {
    auto removed = noteEdit(*impl_, "delete", std::nullopt, id);
    if (!removed)
        return removed.errors()[0];
    return Done{};
}

}  // namespace cunjing::heritage
