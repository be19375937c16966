#pragma once
/// Every string the viewer shows, in Chinese and English. The UI never holds a literal: it asks
/// tr(id, language), so switching language changes every string at once.

#include <cunjing/scene/SceneFile.h>

#include <span>

namespace cunjing::viewer {

using scene::Language;

enum class StringId {
    AppTitle,
    ViewpointsTitle,
    OverviewViewpoint,
    InfoTitle,
    SceneLabel,
    UntitledScene,
    BuildingsLabel,
    TreesLabel,
    CameraLabel,
    FpsLabel,
    ModeLabel,
    ModeOrbit,
    ModeFly,
    LanguageTitle,
    LanguageChinese,
    LanguageEnglish,
    HelpButton,
    HelpTitle,
    HelpOrbitInput,
    HelpOrbitAction,
    HelpPanInput,
    HelpPanAction,
    HelpZoomInput,
    HelpZoomAction,
    HelpFlyToggleInput,
    HelpFlyToggleAction,
    HelpFlyMoveInput,
    HelpFlyMoveAction,
    HelpFlyUpDownInput,
    HelpFlyUpDownAction,
    HelpFastInput,
    HelpFastAction,
    HelpHomeInput,
    HelpHomeAction,
    HelpNumbersInput,
    HelpNumbersAction,
    HelpScreenshotInput,
    HelpScreenshotAction,
    HelpHelpInput,
    HelpHelpAction,
    HelpQuitInput,
    HelpQuitAction,
    HelpClose,
    NoScene,
    ScreenshotSaved,
    ScreenshotFailed,
    HelpPickInput,
    HelpPickAction,
    CardTree,
    CardVillage,
    CardSceneOnly,
    CardSynthetic,
    CardId,
    CardSpecies,
    CardGrade,
    CardAge,
    CardYears,
    CardHeight,
    CardCrown,
    CardDbh,
    CardProtectionRadius,
    CardPlace,
    CardVigour,
    CardCustodian,
    CardStory,
    CardRegion,
    CardBatch,
    CardCoordinates,
    CardPopulation,
    CardHouseholds,
    CardArea,
    CardSitePattern,
    CardTraditionalBuildings,
    CardProtectedUnits,
    CardIntangible,
    FlyToButton,
    CloseButton,
    NotInScene,
    RegisterButton,
    RegisterTitle,
    RegisterTrees,
    RegisterVillages,
    RegisterSearch,
    RegisterAllGrades,
    RegisterCount,
    RegisterEdit,
    RegisterPickHint,
    RegisterSave,
    RegisterRevert,
    RegisterUndo,
    RegisterRedo,
    RegisterSaved,
    RegisterUnchanged,
    RegisterUndone,
    RegisterRedone,
    RegisterNothingToUndo,
    RegisterNothingToRedo,
    RegisterFailed,
    RegisterRecordGone,
    Count
};

struct StringEntry {
    StringId id;
    const char* key;  ///< stable name, for logs and tests
    const char* zh;
    const char* en;
};

/// The whole table, in StringId order.
std::span<const StringEntry> stringTable();

/// The text of `id` in `language`.
const char* tr(StringId id, Language language);

}  // namespace cunjing::viewer
