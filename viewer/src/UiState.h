#pragma once
/// What the panels show and what they ask for. Panels read this and write requests into it;
/// the app acts on the requests after the frame, so panels never touch the camera or the scene.

#include "CompareState.h"
#include "InspectorState.h"
#include "KioskUiState.h"
#include "Picking.h"
#include "RecordCard.h"

#include <cunjing/geo/Sun.h>
#include <cunjing/heritage/Rules.h>
#include <cunjing/scene/SceneFile.h>
#include <cunjing/viewer/Strings.h>

#include <osg/Vec3d>

#include <optional>
#include <string>
#include <vector>

namespace cunjing::viewer {

struct ViewpointEntry {
    std::string name;
    scene::LocalText title;
    osg::Vec3d eye, target;
    double fovDeg = 40;
};

/// A window rectangle in window pixels, for deciding whether a touch landed on the UI.
struct UiRect {
    float x = 0, y = 0, width = 0, height = 0;
    bool contains(float px, float py) const {
        return px >= x && py >= y && px < x + width && py < y + height;
    }
};

struct UiState {
    scene::Language language = scene::Language::Chinese;
    bool sceneLoaded = false;
    scene::LocalText sceneName;
    int buildingCount = 0;
    int treeCount = 0;
    osg::Vec3d cameraEye;
    double fps = 0;
    bool flyMode = false;
    bool showHelp = true;
    /// The light panel (key L, `--panel light`): the date and time the sun is placed at.
    bool showLight = false;
    geo::LocalDateTime sunTime;
    bool sunTimeChanged = false;  ///< the panel moved sunTime; the app relights the scene
    double sunAzimuthDeg = 0, sunElevationDeg = 0;  ///< where it stands now (the app sets them)
    /// The look (scene/Look.h) the light panel shows and changes: quality 0 low, 1 medium,
    /// 2 high; the app applies it when lookChanged.
    int quality = 1;
    bool shadows = true;
    bool colourCheck = false;
    bool lookChanged = false;
    std::vector<ViewpointEntry> viewpoints;
    int activeViewpoint = -1;

    /// A transient line at the top: tr(messageId) followed by messageDetail (a path, an error),
    /// shown while messageSeconds > 0; kept as an id so it follows a language switch.
    std::optional<StringId> messageId;
    std::string messageDetail;
    bool messageIsError = false;
    double messageSeconds = 0;

    /// The picked record and what its info card shows (the app fills card from the register
    /// or the scene); cardInScene: the record stands in this scene, so it can be flown to.
    std::optional<RecordRef> selected;
    std::optional<CardRecord> card;
    bool cardInScene = false;
    /// Grades and protection radii on the card follow these.
    heritage::Rules rules;
    /// The scene has a register store that opened; the register panel is shown.
    bool hasRegister = false;
    bool showRegister = false;
    /// An exhibition kiosk (--kiosk): no register, inspector or plan buttons.
    bool kiosk = false;
    /// The tour step playing (attract or preview), 0-based; -1 while no tour plays.
    int tourCaption = -1;
    /// That step's caption, shown at the bottom (TourCaption).
    scene::LocalText tourCaptionText;
    /// The kiosk's admin passcode was entered: the admin menu is offered until it locks again.
    bool adminUnlocked = false;
    /// Unlocked staff asked for the tour editor (drawn by the tour panel).
    bool showTourEditor = false;
    /// The kiosk's sizes, admin entry, keypad and requests (KioskUiState.h).
    KioskUiState kioskUi;

    /// The model inspector: models open, display, tools and notes (InspectorState.h).
    InspectorState inspector;
    /// The town plan shown, its comparison and its lists (CompareState.h).
    CompareState plan;

    /// Requests from the panels, handled and cleared by the app after each frame.
    std::optional<int> requestedViewpoint;
    std::optional<RecordRef> requestedSelection;
    std::optional<RecordRef> requestedFlight;
    bool requestedCardClose = false;

    /// Lower edges of the pinned corner panels, so the card and the register panel sit below.
    float viewpointsBottom = 0, infoBottom = 0;
    /// Where the panels were drawn last frame.
    std::vector<UiRect> panelRects;
    bool overUi(float x, float y) const {
        for (const UiRect& r : panelRects) {
            if (r.contains(x, y))
                return true;
        }
        return false;
    }
};

}  // namespace cunjing::viewer
