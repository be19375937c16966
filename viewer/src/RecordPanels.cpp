// The info card and the register panel (declared in Panels.h). The logic lives in RecordCard
// and RegisterModel; these functions only lay it out.

#include "ImGuiText.h"
#include "PanelLayout.h"
#include "Panels.h"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

namespace cunjing::viewer {

namespace {

/// Width of the card and the register panel, in font heights: fits a story line of ~25 CJK
/// characters, which is what a glance at a touch screen takes in.
constexpr float kCardWidthEm = 24.0f;
/// A photo taller than this (portrait) is shown smaller, so the card's fields stay in view.
constexpr float kPhotoMaxHeightEm = 11.0f;
/// Buttons in a kiosk: 2.5 font heights is 60 px at the kiosk's 24 px text, about 15 mm on a
/// 100 dpi exhibition screen, the smallest target a finger hits reliably.
constexpr float kTouchButtonEm = 2.5f;
constexpr float kRegisterWidthEm = 30.0f;

/// The filter choices in order: every grade, then each grade of the rules.
constexpr std::array<heritage::TreeGrade, 5> kGrades = {
    heritage::TreeGrade::One, heritage::TreeGrade::Two, heritage::TreeGrade::Three,
    heritage::TreeGrade::Famous, heritage::TreeGrade::None};

std::string gradeLabel(const std::optional<heritage::TreeGrade>& grade, Language lang) {
    return grade ? heritage::gradeName(*grade, lang == Language::Chinese)
                 : tr(StringId::RegisterAllGrades, lang);
}

}  // namespace

void InfoCardPanel::draw(UiState& state) {
    if (!state.selected || !state.card) {
        photo_.release();
        photosOf_.reset();
        return;
    }
    const Language lang = state.language;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float em = ImGui::GetFontSize(), margin = panelMargin();
    // In a kiosk every button is a finger's width tall (the font is already scaled up there).
    const float touchHeight = state.kiosk ? kTouchButtonEm * em : 0.0f;
    const float top = std::max(state.infoBottom, vp->WorkPos.y) + margin;
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - margin, top), ImGuiCond_Always,
                            ImVec2(1, 0));
    // Leave the language bar at the bottom right uncovered.
    const float maxHeight = std::max(vp->WorkPos.y + vp->WorkSize.y - top - 3.5f * em, 6 * em);
    const float width = std::min(kCardWidthEm * em, vp->WorkSize.x * 0.45f);
    ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, maxHeight));
    if (ImGui::Begin(label(cardKind(*state.card), lang, "card").c_str(), nullptr, kPanelFlags)) {
        ImGui::TextWrapped("%s", cardHeading(*state.card, lang).c_str());
        const auto* tree = std::get_if<heritage::TreeRecord>(&state.card->record);
        const auto* village = std::get_if<heritage::VillageRecord>(&state.card->record);
        const bool synthetic = (tree && tree->synthetic) || (village && village->synthetic);
        if (!state.card->fromRegister && (tree || village))
            ImGui::TextColored(kDimColour, "%s", tr(StringId::CardSceneOnly, lang));
        if (synthetic)
            ImGui::TextColored(kDimColour, "%s", tr(StringId::CardSynthetic, lang));
        drawPhotos(state, touchHeight);
        ImGui::Separator();
        if (ImGui::BeginTable("card", 2, ImGuiTableFlags_SizingFixedFit)) {
            ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed);
            ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
            for (const CardRow& row : cardRows(*state.card, state.rules, lang)) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextColored(kDimColour, "%s", tr(row.label, lang));
                ImGui::TableNextColumn();
                ImGui::TextWrapped("%s", row.value.c_str());
            }
            ImGui::EndTable();
        }
        ImGui::Separator();
        if (state.cardInScene &&
            ImGui::Button(tr(StringId::FlyToButton, lang), ImVec2(0, touchHeight)))
            state.requestedFlight = state.selected;
        if (state.cardInScene)
            ImGui::SameLine();
        // The close button is wide in a kiosk: the one thing every visitor must find.
        const ImVec2 closeSize(state.kiosk ? ImGui::GetContentRegionAvail().x : 0.0f, touchHeight);
        if (ImGui::Button(tr(StringId::CloseButton, lang), closeSize))
            state.requestedCardClose = true;
    }
    recordRect(state);
    ImGui::End();
}

void InfoCardPanel::drawPhotos(UiState& state, float touchHeight) {
    const Language lang = state.language;
    const std::vector<PhotoEntry> photos =
        resolvePhotos(cardPhotos(*state.card), state.card->photoBase);
    std::vector<const PhotoEntry*> files, links;
    for (const PhotoEntry& p : photos)
        (p.isUrl() ? links : files).push_back(&p);
    if (photosOf_ != state.selected) {
        photosOf_ = state.selected;
        photoIndex_ = 0;
    }
    if (files.empty()) {
        photo_.release();
    } else {
        photoIndex_ = std::clamp(photoIndex_, 0, int(files.size()) - 1);
        const PhotoEntry& shown = *files[std::size_t(photoIndex_)];
        photo_.show(shown.file);
        const float avail = ImGui::GetContentRegionAvail().x;
        if (photo_.ready()) {
            // The whole photo at the card's width; a tall one is kept under kPhotoMaxHeightEm
            // and centred, so the fields stay in view.
            const float aspect = float(photo_.width()) / float(photo_.height());
            float w = avail, h = avail / aspect;
            const float maxH = kPhotoMaxHeightEm * ImGui::GetFontSize();
            if (h > maxH) {
                h = maxH;
                w = h * aspect;
            }
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - w) * 0.5f);
            ImGui::Image(
                reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(photo_.texture())),
                ImVec2(w, h));
        } else {
            ImGui::TextColored(kErrorColour, "%s", tr(StringId::CardPhotoUnreadable, lang));
            ImGui::PushTextWrapPos(0);
            ImGui::TextColored(kDimColour, "%s", shown.text.c_str());
            ImGui::PopTextWrapPos();
        }
        if (files.size() > 1) {
            if (ImGui::Button(tr(StringId::CardPhotoPrevious, lang), ImVec2(0, touchHeight)))
                photoIndex_ = (photoIndex_ + int(files.size()) - 1) % int(files.size());
            ImGui::SameLine();
            ImGui::Text("%s %d / %d", tr(StringId::CardPhoto, lang), photoIndex_ + 1,
                        int(files.size()));
            ImGui::SameLine();
            if (ImGui::Button(tr(StringId::CardPhotoNext, lang), ImVec2(0, touchHeight)))
                photoIndex_ = (photoIndex_ + 1) % int(files.size());
        }
    }
    if (!links.empty()) {
        ImGui::TextColored(kDimColour, "%s", tr(StringId::CardPhotoLinks, lang));
        ImGui::PushTextWrapPos(0);
        for (const PhotoEntry* link : links)
            ImGui::TextUnformatted(link->text.c_str());
        ImGui::PopTextWrapPos();
    }
}

void RegisterPanel::draw(UiState& state) {
    if (!state.showRegister)
        return;
    const Language lang = state.language;
    const ImGuiWindowFlags flags = placeLeftColumnPanel(state, kRegisterWidthEm);
    if (ImGui::Begin(label(StringId::RegisterTitle, lang, "register").c_str(), nullptr, flags)) {
        drawFilters(lang);
        drawResults(state);
        ImGui::Separator();
        drawActions(lang);
        drawEditor(lang);
    }
    recordRect(state);
    ImGui::End();
}

void RegisterPanel::drawFilters(Language lang) {
    if (toggleButton(tr(StringId::RegisterTrees, lang), model_.kind() == RecordKind::Tree))
        model_.setKind(RecordKind::Tree);
    ImGui::SameLine();
    if (toggleButton(tr(StringId::RegisterVillages, lang), model_.kind() == RecordKind::Village))
        model_.setKind(RecordKind::Village);
    std::string query = model_.query();
    ImGui::SetNextItemWidth(-FLT_MIN);
    const std::string hint = tr(StringId::RegisterSearch, lang);
    if (ImGui::InputTextWithHint("##search", hint.c_str(), query.data(), query.capacity() + 1,
                                 ImGuiInputTextFlags_CallbackResize, growString, &query)) {
        model_.setQuery(query);
    }
    if (model_.kind() != RecordKind::Tree)
        return;
    ImGui::SetNextItemWidth(-FLT_MIN);
    const std::optional<heritage::TreeGrade> current = model_.gradeFilter();
    if (ImGui::BeginCombo("##grade", gradeLabel(current, lang).c_str())) {
        if (ImGui::Selectable(gradeLabel(std::nullopt, lang).c_str(), !current))
            model_.setGradeFilter(std::nullopt);
        for (heritage::TreeGrade grade : kGrades) {
            if (ImGui::Selectable(gradeLabel(grade, lang).c_str(), current == grade))
                model_.setGradeFilter(grade);
        }
        ImGui::EndCombo();
    }
}

void RegisterPanel::drawResults(UiState& state) {
    const auto& results = model_.results();
    ImGui::TextColored(kDimColour, "%d %s", static_cast<int>(results.size()),
                       tr(StringId::RegisterCount, state.language));
    // A third of the panel for the list; the buttons and the editor below need the rest.
    const float listHeight = std::max(ImGui::GetContentRegionAvail().y * 0.33f,
                                      3 * ImGui::GetTextLineHeightWithSpacing());
    if (ImGui::BeginChild("results", ImVec2(0, listHeight), true)) {
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(results.size()));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const RegisterModel::ResultRow& row = results[static_cast<std::size_t>(i)];
                ImGui::PushID(i);
                if (ImGui::Selectable(row.label.c_str(), model_.selected() == row.record)) {
                    // The app selects it everywhere (card, editor) and flies there.
                    state.requestedSelection = row.record;
                    state.requestedFlight = row.record;
                }
                ImGui::PopID();
            }
        }
    }
    ImGui::EndChild();
}

void RegisterPanel::drawEditor(Language lang) {
    if (!model_.selected()) {
        ImGui::TextColored(kDimColour, "%s", tr(StringId::RegisterPickHint, lang));
        return;
    }
    ImGui::Text("%s  %s", tr(StringId::RegisterEdit, lang), model_.selected()->id.c_str());
    // The fields take the rest of the panel and scroll; the buttons stay above them.
    if (ImGui::BeginChild("fields", ImVec2(0, 0), true) &&
        ImGui::BeginTable("fields", 2, ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupColumn("column", ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableSetupColumn("text", ImGuiTableColumnFlags_WidthStretch);
        for (RegisterModel::Field& field : model_.fields()) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const bool changed = field.text != field.original;
            ImGui::TextColored(changed ? kOkColour : kDimColour, "%s", field.column.c_str());
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-FLT_MIN);
            // The id names the record being edited: shown, not editable.
            inputString(("##" + field.column).c_str(), field.text,
                        field.column == "id" ? ImGuiInputTextFlags_ReadOnly : 0);
        }
        ImGui::EndTable();
    }
    ImGui::EndChild();
}

void RegisterPanel::drawActions(Language lang) {
    const bool editing = model_.selected().has_value();
    ImGui::BeginDisabled(!editing || !model_.dirty());
    if (ImGui::Button(tr(StringId::RegisterSave, lang)))
        model_.save();
    ImGui::SameLine();
    if (ImGui::Button(tr(StringId::RegisterRevert, lang)))
        model_.revert();
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(tr(StringId::RegisterUndo, lang)))
        model_.undo();
    ImGui::SameLine();
    if (ImGui::Button(tr(StringId::RegisterRedo, lang)))
        model_.redo();
    if (const auto& outcome = model_.outcome()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(outcome->error ? kErrorColour : kOkColour, "%s%s",
                           tr(outcome->message, lang), outcome->detail.c_str());
        ImGui::PopTextWrapPos();
    }
}

}  // namespace cunjing::viewer
