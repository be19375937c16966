// The model inspector's panels (InspectorPanels.h). They lay out InspectorState and write
// requests; ModelInspector does the work after the frame.

#include "InspectorPanels.h"
#include "ImGuiText.h"

#include "Inspector.h"
#include "PanelLayout.h"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <string>

namespace cunjing::viewer {

namespace {

constexpr float kInspectorWidthEm = 26.0f;

/// A row of mutually exclusive buttons; returns the one chosen.
template <typename T, std::size_t N>
void choiceRow(const std::array<std::pair<StringId, T>, N>& choices, T& value, Language lang) {
    for (std::size_t i = 0; i < N; ++i) {
        if (i > 0)
            ImGui::SameLine();
        if (toggleButton(tr(choices[i].first, lang), value == choices[i].second))
            value = choices[i].second;
    }
}

void statTable(const char* id, const std::vector<StatRow>& rows, Language lang) {
    if (!ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingFixedFit))
        return;
    ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    for (const StatRow& row : rows) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextColored(kDimColour, "%s", tr(row.label, lang));
        ImGui::TableNextColumn();
        if (row.problem)
            ImGui::PushStyleColor(ImGuiCol_Text, kErrorColour);
        ImGui::TextWrapped("%s", row.value.c_str());
        if (row.problem)
            ImGui::PopStyleColor();
    }
    ImGui::EndTable();
}

/// Rows of A and B side by side where they differ in meaning: counts, size, problems.
void compareTable(const InspectedModel& a, const InspectedModel& b, Language lang) {
    const std::vector<StatRow> rowsA = statRows(a.stats, lang), rowsB = statRows(b.stats, lang);
    if (!ImGui::BeginTable("compare", 3, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg))
        return;
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn(tr(StringId::CompareVersionA, lang),
                            ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(tr(StringId::CompareVersionB, lang),
                            ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    for (const StatRow& rowA : rowsA) {
        // Texture and warning rows come in different numbers; the summary rows line up.
        if (rowA.label == StringId::StatTexture || rowA.label == StringId::StatWarning)
            continue;
        const auto rowB = std::find_if(rowsB.begin(), rowsB.end(),
                                       [&](const StatRow& r) { return r.label == rowA.label; });
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextColored(kDimColour, "%s", tr(rowA.label, lang));
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", rowA.value.c_str());
        ImGui::TableNextColumn();
        const bool differs = rowB != rowsB.end() && rowB->value != rowA.value;
        ImGui::TextColored(differs ? kOkColour : ImGui::GetStyleColorVec4(ImGuiCol_Text), "%s",
                           rowB == rowsB.end() ? "" : rowB->value.c_str());
    }
    ImGui::EndTable();
}

std::string format(const char* pattern, double value) {
    char text[64];
    std::snprintf(text, sizeof text, pattern, value);
    return text;
}

}  // namespace

void ModelInspectorPanel::draw(UiState& state) {
    InspectorState& s = state.inspector;
    if (!s.showPanel)
        return;
    const Language lang = state.language;
    const ImGuiWindowFlags flags = placeLeftColumnPanel(state, kInspectorWidthEm);
    if (ImGui::Begin(label(StringId::InspectorTitle, lang, "inspector").c_str(), nullptr, flags)) {
        drawOpen(s, lang);
        if (s.selected && *s.selected < static_cast<int>(s.models.size())) {
            // What is used while looking (tools, modes) before what is read (statistics).
            drawTools(s, lang);
            drawDisplay(s, lang);
            drawSection(s, lang);
            drawStats(s, lang);
            drawCompare(s, lang);
            drawNotes(s, lang);
        } else {
            ImGui::PushTextWrapPos(0);
            ImGui::TextColored(kDimColour, "%s", tr(StringId::ModelNone, lang));
            ImGui::PopTextWrapPos();
        }
    }
    recordRect(state);
    ImGui::End();
}

void ModelInspectorPanel::drawOpen(InspectorState& s, Language lang) {
    ImGui::TextUnformatted(tr(StringId::OpenModelLabel, lang));
    const float button = ImGui::CalcTextSize(tr(StringId::OpenButton, lang)).x +
                         2 * ImGui::GetStyle().FramePadding.x;
    ImGui::SetNextItemWidth(-(button + ImGui::GetStyle().ItemSpacing.x));
    const bool entered =
        inputWithHint("##model-path", tr(StringId::ModelPathHint, lang), s.openPath);
    ImGui::SameLine();
    ImGui::BeginDisabled(s.loadingPath.has_value() || s.openPath.empty());
    if (ImGui::Button(tr(StringId::OpenButton, lang)) ||
        (entered && ImGui::IsKeyPressed(ImGuiKey_Enter)))
        s.requestedOpen = s.openPath;
    ImGui::EndDisabled();
    if (s.models.size() > 1) {
        const InspectedModel* current = s.selected ? &s.models[std::size_t(*s.selected)] : nullptr;
        ImGui::SetNextItemWidth(-FLT_MIN);
        if (ImGui::BeginCombo("##models", current ? current->name.in(lang).c_str() : "")) {
            for (const InspectedModel& m : s.models) {
                ImGui::PushID(m.index);
                if (ImGui::Selectable(m.name.in(lang).c_str(), s.selected == m.index))
                    s.requestedSelection = m.index;
                ImGui::PopID();
            }
            ImGui::EndCombo();
        }
    }
    ImGui::Separator();
}

void ModelInspectorPanel::drawStats(InspectorState& s, Language lang) {
    const InspectedModel& m = s.models[std::size_t(*s.selected)];
    ImGui::Separator();
    ImGui::TextColored(kDimColour, "%s", m.path.c_str());
    statTable("stats", statRows(m.stats, lang), lang);
    if (ImGui::Button(tr(StringId::FlyToModel, lang)))
        s.requestedFrame = true;
}

void ModelInspectorPanel::drawDisplay(InspectorState& s, Language lang) {
    ImGui::Separator();
    ImGui::TextUnformatted(tr(StringId::DisplayLabel, lang));
    ImGui::Checkbox(tr(StringId::DisplayWireframe, lang), &s.modes.wireframe);
    ImGui::SameLine();
    ImGui::Checkbox(tr(StringId::DisplayNormals, lang), &s.modes.normals);
    ImGui::Checkbox(tr(StringId::DisplayUntextured, lang), &s.modes.untextured);
    ImGui::SameLine();
    ImGui::Checkbox(tr(StringId::DisplayXray, lang), &s.modes.xray);
}

void ModelInspectorPanel::drawSection(InspectorState& s, Language lang) {
    ImGui::TextUnformatted(tr(StringId::ClipLabel, lang));
    ImGui::Checkbox(tr(StringId::ClipOn, lang), &s.clip.enabled);
    ImGui::BeginDisabled(!s.clip.enabled);
    ImGui::SameLine();
    static constexpr std::array<const char*, 3> kAxes = {"X", "Y", "Z"};
    for (int axis = 0; axis < 3; ++axis) {
        ImGui::SameLine();
        ImGui::RadioButton(kAxes[std::size_t(axis)], &s.clip.axis, axis);
    }
    ImGui::SameLine();
    ImGui::Checkbox(tr(StringId::ClipFlip, lang), &s.clip.flip);
    const std::size_t axis = std::size_t(std::clamp(s.clip.axis, 0, 2));
    float offset = float(s.clip.offsetM);
    const float extent = float(std::max(0.01, s.clipHigh[axis] - s.clipLow[axis]));
    ImGui::SetNextItemWidth(-FLT_MIN);
    const std::string pattern = std::string(tr(StringId::ClipOffset, lang)) + " %.2f";
    if (ImGui::SliderFloat("##clip", &offset, 0.0f, extent, pattern.c_str()))
        s.clip.offsetM = offset;
    ImGui::EndDisabled();
}

void ModelInspectorPanel::drawTools(InspectorState& s, Language lang) {
    const InspectedModel& m = s.models[std::size_t(*s.selected)];
    ImGui::TextWrapped("%s  %s", tr(StringId::ModelLabel, lang), m.name.in(lang).c_str());
    ImGui::TextUnformatted(tr(StringId::ToolsLabel, lang));
    static constexpr std::array<std::pair<StringId, InspectorTool>, 5> kTools = {{
        {StringId::ToolSelect, InspectorTool::Select},
        {StringId::ToolDistance, InspectorTool::Distance},
        {StringId::ToolHeight, InspectorTool::Height},
        {StringId::ToolArea, InspectorTool::Area},
        {StringId::ToolNote, InspectorTool::Note},
    }};
    choiceRow(kTools, s.tool, lang);
    const MeasureKind kind = s.measurement.kind();
    if (s.tool == InspectorTool::Select || s.tool == InspectorTool::Note) {
        if (!s.measuredValue)
            return;
    } else if (!s.measuredValue) {
        const StringId hint = kind == MeasureKind::Distance ? StringId::MeasureHintDistance
                              : kind == MeasureKind::Height ? StringId::MeasureHintHeight
                                                            : StringId::MeasureHintArea;
        ImGui::TextColored(kDimColour, "%s", tr(hint, lang));
    }
    if (s.measuredValue) {
        const StringId name = kind == MeasureKind::Distance ? StringId::ToolDistance
                              : kind == MeasureKind::Height ? StringId::ToolHeight
                                                            : StringId::ToolArea;
        const char* unit = kind == MeasureKind::Area ? "%.2f m²" : "%.2f m";
        ImGui::TextColored(kOkColour, "%s  %s", tr(name, lang),
                           format(unit, *s.measuredValue).c_str());
        if (kind == MeasureKind::Area) {
            ImGui::Text("%s  %s", tr(StringId::MeasurePerimeter, lang),
                        format("%.2f m", s.measuredPerimeterM).c_str());
        }
    }
    if (kind == MeasureKind::Area && !s.measurement.points().empty()) {
        ImGui::Text("%s  %d", tr(StringId::MeasurePoints, lang),
                    static_cast<int>(s.measurement.points().size()));
    }
    if (!s.measurement.points().empty()) {
        ImGui::SameLine();
        if (ImGui::SmallButton(tr(StringId::MeasureClear, lang)))
            s.requestedMeasureClear = true;
    }
}

void ModelInspectorPanel::drawCompare(InspectorState& s, Language lang) {
    ImGui::Separator();
    ImGui::TextUnformatted(tr(StringId::CompareLabel, lang));
    const float button = ImGui::CalcTextSize(tr(StringId::CompareOpenB, lang)).x +
                         2 * ImGui::GetStyle().FramePadding.x;
    ImGui::SetNextItemWidth(-(button + ImGui::GetStyle().ItemSpacing.x));
    inputWithHint("##compare-path", tr(StringId::ModelPathHint, lang), s.comparePath);
    ImGui::SameLine();
    ImGui::BeginDisabled(s.loadingPath.has_value() || s.comparePath.empty());
    if (ImGui::Button(tr(StringId::CompareOpenB, lang)))
        s.requestedCompare = s.comparePath;
    ImGui::EndDisabled();
    const InspectedModel& selected = s.models[std::size_t(*s.selected)];
    const std::optional<int> a =
        selected.versionB ? std::optional(selected.index) : selected.versionOf;
    if (!a)
        return;
    static constexpr std::array<std::pair<StringId, CompareMode>, 2> kModes = {{
        {StringId::CompareSideBySide, CompareMode::SideBySide},
        {StringId::CompareOverlay, CompareMode::Overlay},
    }};
    choiceRow(kModes, s.compareMode, lang);
    const InspectedModel& modelA = s.models[std::size_t(*a)];
    compareTable(modelA, s.models[std::size_t(*modelA.versionB)], lang);
}

void ModelInspectorPanel::drawNotes(InspectorState& s, Language lang) {
    ImGui::Separator();
    ImGui::TextUnformatted(tr(StringId::NotesLabel, lang));
    ImGui::PushTextWrapPos(0);
    if (!s.notesAvailable) {
        ImGui::TextColored(kDimColour, "%s", tr(StringId::NotesNeedRegister, lang));
        ImGui::PopTextWrapPos();
        return;
    }
    for (const NoteEntry& note : s.notes) {
        ImGui::PushID(note.id.c_str());
        ImGui::TextWrapped("%s", note.text.c_str());
        ImGui::TextColored(kDimColour, "%s  %s  %s", note.id.c_str(), note.author.c_str(),
                           note.created.c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton(tr(StringId::NoteDelete, lang)))
            s.requestedNoteDelete = note.id;
        ImGui::PopID();
    }
    if (s.noteDraftAt) {
        const osg::Vec3d& p = *s.noteDraftAt;
        ImGui::TextColored(kDimColour, "%s  (%.2f, %.2f, %.2f)", tr(StringId::NoteText, lang),
                           p.x(), p.y(), p.z());
        ImGui::InputTextMultiline("##note", s.noteDraft.data(), s.noteDraft.capacity() + 1,
                                  ImVec2(-FLT_MIN, 4 * ImGui::GetTextLineHeight()),
                                  ImGuiInputTextFlags_CallbackResize, growString, &s.noteDraft);
        ImGui::BeginDisabled(s.noteDraft.empty());
        if (ImGui::Button(tr(StringId::NoteSave, lang)))
            s.requestedNoteSave = true;
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button(tr(StringId::NoteCancel, lang)))
            s.noteDraftAt.reset();
    } else if (s.notes.empty() || s.tool != InspectorTool::Note) {
        ImGui::TextColored(kDimColour, "%s", tr(StringId::NoteHint, lang));
    }
    if (s.notesMessage) {
        const bool failed = *s.notesMessage == StringId::NoteFailed;
        ImGui::TextColored(failed ? kErrorColour : kOkColour, "%s%s", tr(*s.notesMessage, lang),
                           s.notesDetail.c_str());
    }
    ImGui::PopTextWrapPos();
}

void ModelStatusPanel::draw(UiState& state) {
    const InspectorState& s = state.inspector;
    if (!s.loadingPath && !s.openError)
        return;
    const Language lang = state.language;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float em = ImGui::GetFontSize();
    // Above the middle, clear of the side panels: the first thing seen after asking to open.
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.3f),
        ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(20 * em, 0), ImVec2(34 * em, vp->WorkSize.y * 0.5f));
    if (ImGui::Begin("###model-status", nullptr, kOverlayFlags)) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 32 * em);
        if (s.loadingPath) {
            ImGui::TextWrapped("%s%s", tr(StringId::ModelLoading, lang), s.loadingPath->c_str());
        } else {
            ImGui::TextColored(kErrorColour, "%s", tr(StringId::ModelOpenFailed, lang));
            ImGui::Separator();
            ImGui::TextWrapped("%s", s.openError->c_str());
            ImGui::TextColored(kDimColour, "%s", tr(StringId::ModelOpenFailedHint, lang));
            if (ImGui::Button(tr(StringId::CloseButton, lang)))
                state.inspector.requestedErrorClose = true;
        }
        ImGui::PopTextWrapPos();
    }
    recordRect(state);
    ImGui::End();
}

}  // namespace cunjing::viewer
