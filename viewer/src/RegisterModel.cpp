#include "RegisterModel.h"

#include <cunjing/heritage/RegisterFields.h>

#include <algorithm>

namespace cunjing::viewer {

namespace {

/// The id identifies the record being updated; renaming it would make the update miss.
constexpr const char* kIdColumn = "id";

std::string treeLabel(const heritage::TreeRecord& t) {
    std::string label = t.id + "  " + t.speciesCn;
    const std::string& place = !t.placeName.empty() ? t.placeName
                               : !t.village.empty() ? t.village
                                                    : t.town;
    if (!place.empty())
        label += "  " + place;
    return label;
}

std::string villageLabel(const heritage::VillageRecord& v) {
    std::string label = v.id + "  " + v.name;
    if (!v.county.empty())
        label += "  " + v.county;
    return label;
}

std::string stepText(const heritage::HistoryStep& step) {
    std::string ids;
    for (const std::string& id : step.recordIds)
        ids += (ids.empty() ? "" : ", ") + id;
    return step.action + " " + step.table + " " + ids;
}

}  // namespace

RegisterModel::RegisterModel(heritage::Registry registry, heritage::Rules rules)
    : registry_(std::move(registry)), rules_(std::move(rules)) {
    search();
}

void RegisterModel::setKind(RecordKind kind) {
    if (kind == kind_)
        return;
    kind_ = kind;
    search();
}

void RegisterModel::setQuery(std::string query) {
    if (query == query_)
        return;
    query_ = std::move(query);
    search();
}

void RegisterModel::setGradeFilter(std::optional<heritage::TreeGrade> grade) {
    if (grade == grade_)
        return;
    grade_ = grade;
    search();
}

void RegisterModel::addResult(RecordKind kind, const std::string& id, std::string label) {
    // Member by member: GCC 12 warns falsely (-Wmaybe-uninitialized) on the nested braces.
    ResultRow& row = results_.emplace_back();
    row.record.kind = kind;
    row.record.id = id;
    row.label = std::move(label);
}

void RegisterModel::search() {
    results_.clear();
    if (kind_ == RecordKind::Tree) {
        auto found = query_.empty() ? registry_.trees() : registry_.findTrees(query_);
        if (!found)
            return fail(found.firstError());
        for (const heritage::TreeRecord& t : found.value()) {
            // The grade is the rules' (as on the card), not a stored column that could be stale.
            if (!grade_ || rules_.grade(t) == *grade_)
                addResult(RecordKind::Tree, t.id, treeLabel(t));
        }
    } else {
        auto found = query_.empty() ? registry_.villages() : registry_.findVillages(query_);
        if (!found)
            return fail(found.firstError());
        for (const heritage::VillageRecord& v : found.value())
            addResult(RecordKind::Village, v.id, villageLabel(v));
    }
}

std::optional<CardRecord> RegisterModel::lookup(const RecordRef& record) {
    if (record.kind == RecordKind::Tree) {
        auto found = registry_.tree(record.id);
        if (!found) {
            fail(found.firstError());
            return std::nullopt;
        }
        if (!found.value())
            return std::nullopt;
        return CardRecord{std::move(*found.value()), true, {}};
    }
    auto found = registry_.village(record.id);
    if (!found) {
        fail(found.firstError());
        return std::nullopt;
    }
    if (!found.value())
        return std::nullopt;
    return CardRecord{std::move(*found.value()), true, {}};
}

bool RegisterModel::select(const RecordRef& record) {
    const auto card = lookup(record);
    if (!card) {
        if (!outcome_ || !outcome_->error)
            outcome_ = Outcome{StringId::RegisterRecordGone, record.id, true};
        clearSelection();
        return false;
    }
    selected_ = record;
    fields_.clear();
    const auto pairs =
        std::holds_alternative<heritage::TreeRecord>(card->record)
            ? heritage::treeRegisterFields(std::get<heritage::TreeRecord>(card->record))
            : heritage::villageRegisterFields(std::get<heritage::VillageRecord>(card->record));
    for (const auto& [column, text] : pairs)
        fields_.push_back({column, text, text});
    return true;
}

void RegisterModel::clearSelection() {
    selected_.reset();
    fields_.clear();
}

bool RegisterModel::dirty() const {
    return std::any_of(fields_.begin(), fields_.end(),
                       [](const Field& f) { return f.text != f.original; });
}

void RegisterModel::revert() {
    for (Field& f : fields_)
        f.text = f.original;
}

void RegisterModel::fail(const std::string& detail) {
    outcome_ = Outcome{StringId::RegisterFailed, detail, true};
}

void RegisterModel::afterWrite(StringId message, std::string detail) {
    ++revision_;
    outcome_.reset();
    search();
    // The record may have changed under the editor (undo) or gone (undo of its insert); a
    // record that is gone just leaves the editor, a store error stays on the status line.
    if (selected_) {
        const RecordRef record = *selected_;
        if (!select(record) && outcome_ && outcome_->message == StringId::RegisterFailed)
            return;
    }
    if (outcome_ && outcome_->message == StringId::RegisterFailed)
        return;
    outcome_ = Outcome{message, std::move(detail), false};
}

void RegisterModel::save() {
    if (!selected_)
        return;
    if (!dirty()) {
        outcome_ = Outcome{StringId::RegisterUnchanged, {}, false};
        return;
    }
    auto card = lookup(*selected_);
    if (!card) {
        if (!outcome_ || !outcome_->error)
            outcome_ = Outcome{StringId::RegisterRecordGone, selected_->id, true};
        return;
    }
    std::string errors;
    for (const Field& f : fields_) {
        if (f.text == f.original)
            continue;
        Status set =
            f.column == kIdColumn
                ? Status(Error{{}, f.column, "the id names the record and cannot be edited"})
            : selected_->kind == RecordKind::Tree
                ? heritage::setTreeRegisterField(std::get<heritage::TreeRecord>(card->record),
                                                 f.column, f.text)
                : heritage::setVillageRegisterField(std::get<heritage::VillageRecord>(card->record),
                                                    f.column, f.text);
        if (!set)
            errors += (errors.empty() ? "" : "; ") + set.firstError();
    }
    if (!errors.empty())
        return fail(errors);
    if (!writable())
        return;
    const Status updated = selected_->kind == RecordKind::Tree
                               ? registry_.update(std::get<heritage::TreeRecord>(card->record))
                               : registry_.update(std::get<heritage::VillageRecord>(card->record));
    if (!updated)
        return fail(updated.firstError());
    afterWrite(StringId::RegisterSaved, selected_->id);
}

void RegisterModel::undo() {
    stepHistory(true);
}

void RegisterModel::redo() {
    stepHistory(false);
}

void RegisterModel::stepHistory(bool undo) {
    if (!writable())
        return;
    auto step = undo ? registry_.undo() : registry_.redo();
    if (!step)
        return fail(step.firstError());
    if (!step.value()) {
        outcome_ = Outcome{
            undo ? StringId::RegisterNothingToUndo : StringId::RegisterNothingToRedo, {}, false};
        return;
    }
    afterWrite(undo ? StringId::RegisterUndone : StringId::RegisterRedone, stepText(*step.value()));
}

bool RegisterModel::writable() {
    if (!registry_.isReadOnly())
        return true;
    heritage::RegistryOptions options;
    options.rules = rules_;
    auto reopened = heritage::Registry::open(registry_.target(), options);
    if (!reopened) {
        fail(reopened.firstError());
        return false;
    }
    registry_ = std::move(reopened).value();
    return true;
}

heritage::Registry* RegisterModel::store(bool forWriting) {
    if (forWriting && !writable())
        return nullptr;
    return &registry_;
}

std::vector<std::string> RegisterModel::texts() {
    std::vector<std::string> out;
    if (auto trees = registry_.trees()) {
        for (const heritage::TreeRecord& t : trees.value()) {
            for (auto& [column, text] : heritage::treeRegisterFields(t))
                out.push_back(std::move(text));
        }
    }
    if (auto villages = registry_.villages()) {
        for (const heritage::VillageRecord& v : villages.value()) {
            for (auto& [column, text] : heritage::villageRegisterFields(v))
                out.push_back(std::move(text));
        }
    }
    return out;
}

}  // namespace cunjing::viewer
