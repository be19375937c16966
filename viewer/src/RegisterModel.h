#pragma once
/// The register panel's state and actions, without ImGui: search and grade filter, the result
/// list, the selected record's fields as editable text, and save / undo / redo through the
/// store. Kept apart from the panel so it can be tested against a real GeoPackage.

#include "Picking.h"
#include "RecordCard.h"

#include <cunjing/heritage/Registry.h>
#include <cunjing/viewer/Strings.h>

#include <optional>
#include <string>
#include <vector>

namespace cunjing::viewer {

class RegisterModel {
public:
    struct ResultRow {
        RecordRef record;
        std::string label;  ///< "id  species  place" or "id  name  county"
    };
    /// One column of the selected record: its text when loaded and as edited.
    struct Field {
        std::string column, original, text;
    };
    /// What the last action did, for the panel's status line (tr(message) + detail).
    struct Outcome {
        StringId message;
        std::string detail;
        bool error = false;
    };

    RegisterModel(heritage::Registry registry, heritage::Rules rules);

    const std::string& target() const { return registry_.target(); }
    const heritage::Rules& rules() const { return rules_; }

    RecordKind kind() const { return kind_; }
    /// Switches between trees and villages and searches again.
    void setKind(RecordKind kind);
    const std::string& query() const { return query_; }
    void setQuery(std::string query);
    /// Trees only: none shows every grade.
    const std::optional<heritage::TreeGrade>& gradeFilter() const { return grade_; }
    void setGradeFilter(std::optional<heritage::TreeGrade> grade);

    /// Runs the search again (after a filter change, or an edit made elsewhere).
    void search();
    const std::vector<ResultRow>& results() const { return results_; }

    /// Loads a record into the editor; false (with an outcome saying why) when it is not there.
    bool select(const RecordRef& record);
    void clearSelection();
    const std::optional<RecordRef>& selected() const { return selected_; }
    std::vector<Field>& fields() { return fields_; }
    const std::vector<Field>& fields() const { return fields_; }
    bool dirty() const;
    void revert();

    /// Applies every changed column, then one update of the record (one audited transaction).
    /// A column the record cannot take stops the save before anything is written.
    void save();
    void undo();
    void redo();
    const std::optional<Outcome>& outcome() const { return outcome_; }

    /// The record as the store has it now, for the info card; none when it is not in the store.
    std::optional<CardRecord> lookup(const RecordRef& record);
    /// Counts writes (save, undo, redo), so views of a record know to read it again.
    int revision() const { return revision_; }

    /// The store itself, for the model inspector's notes (Registry::addModelNote ...); when
    /// `forWriting`, reopened for writing first (null, with an outcome saying why, if that
    /// fails).
    heritage::Registry* store(bool forWriting);

    /// Every text value in the store, for the font's glyph set.
    std::vector<std::string> texts();

private:
    void addResult(RecordKind kind, const std::string& id, std::string label);
    void fail(const std::string& detail);
    void afterWrite(StringId message, std::string detail);
    /// The store opened for writing: the viewer opens it read-only (so looking at a scene,
    /// the bundled demo included, never changes its file) and reopens it on the first write.
    bool writable();
    void stepHistory(bool undo);
    void loadFields();

    heritage::Registry registry_;
    heritage::Rules rules_;
    RecordKind kind_ = RecordKind::Tree;
    std::string query_;
    std::optional<heritage::TreeGrade> grade_;
    std::vector<ResultRow> results_;
    std::optional<RecordRef> selected_;
    std::vector<Field> fields_;
    std::optional<Outcome> outcome_;
    int revision_ = 0;
};

}  // namespace cunjing::viewer
