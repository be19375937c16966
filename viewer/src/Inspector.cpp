#include "Inspector.h"

#include "InspectorOverlay.h"
#include "ModelDisplay.h"
#include "RegisterModel.h"

#include <cunjing/heritage/Registry.h>
#include <cunjing/scene/SceneData.h>

#include <osg/NodeVisitor>
#include <osg/PolygonOffset>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>

namespace cunjing::viewer {

namespace {

/// Side by side: version B stands this far east of A, or a tenth of A's width if more.
constexpr double kCompareGapM = 2.0;
/// Overlaid, version B is drawn in this orange: no roof tile or plaster has it.
const osg::Vec4 kVersionBTint(1.0f, 0.45f, 0.1f, 1.0f);

std::string count(std::size_t n) {
    return std::to_string(n);
}

std::string metres(double a, double b, double c) {
    char text[96];
    std::snprintf(text, sizeof text, "%.2f × %.2f × %.2f", a, b, c);
    return text;
}

std::string range(float low, float high) {
    char text[64];
    std::snprintf(text, sizeof text, "%.2f .. %.2f", double(low), double(high));
    return text;
}

std::string textureText(const models::TextureInfo& t, Language lang) {
    std::string text = t.name.empty() ? "(embedded)" : t.name;
    if (!t.missingReason.empty())
        return text + "  " + tr(StringId::StatTextureMissing, lang) + t.missingReason;
    return text + "  " + std::to_string(t.width) + "×" + std::to_string(t.height) + "  " + t.format;
}

osg::Matrixd matrixOf(const std::array<double, 16>& m) {
    return osg::Matrixd(m.data());
}

/// Every "model:<n>" transform below a node: the scene file's models, which the scene graph
/// builds before the viewer opens any.
class ModelNodeFinder : public osg::NodeVisitor {
public:
    ModelNodeFinder() : osg::NodeVisitor(TRAVERSE_ALL_CHILDREN) {}
    void apply(osg::Transform& node) override {
        auto* transform = node.asMatrixTransform();
        if (const auto index = modelIndexFromNodeName(node.getName()); index && transform)
            found[*index] = transform;
        traverse(node);
    }
    std::map<int, osg::MatrixTransform*> found;
};

}  // namespace

std::vector<StatRow> statRows(const models::ModelStats& s, Language lang) {
    using enum StringId;
    std::vector<StatRow> rows = {
        {StatFormat, s.format},
        {StatVertices, count(s.vertices)},
        {StatTriangles, count(s.triangles)},
        {StatMeshes, count(s.meshes)},
        {StatMaterials, count(s.materials)},
        {StatTextures, count(s.textures.size())},
    };
    for (const models::TextureInfo& t : s.textures)
        rows.push_back({StatTexture, textureText(t, lang), !t.missingReason.empty()});
    const models::Vec3 &lo = s.boundsMin, &hi = s.boundsMax;
    rows.push_back({StatSize, metres(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2])});
    rows.push_back({StatBoundsX, range(lo[0], hi[0])});
    rows.push_back({StatBoundsY, range(lo[1], hi[1])});
    rows.push_back({StatBoundsZ, range(lo[2], hi[2])});
    rows.push_back({StatDegenerate, count(s.degenerateTriangles), s.degenerateTriangles > 0});
    rows.push_back({StatDuplicate, count(s.duplicateTriangles), s.duplicateTriangles > 0});
    rows.push_back({StatNonManifold, count(s.nonManifoldEdges), s.nonManifoldEdges > 0});
    // Open shells are common in facade models (no floor); shown, not flagged.
    rows.push_back({StatBoundary, count(s.boundaryEdges)});
    rows.push_back({StatUnits, s.unitsGuess});
    for (const std::string& w : s.warnings)
        rows.push_back({StatWarning, w, true});
    return rows;
}

void printStats(const std::string& name, const models::ModelStats& stats, std::ostream& out) {
    out << "model: " << name << "\n";
    for (const StatRow& row : statRows(stats, Language::English)) {
        std::string label = tr(row.label, Language::English);
        std::transform(label.begin(), label.end(), label.begin(),
                       [](unsigned char c) { return char(std::tolower(c)); });
        out << "  " << label << ": " << row.value << (row.problem ? "  (!)" : "") << "\n";
    }
}

void applyStartOptions(const ViewerOptions& options, InspectorState& state) {
    const ViewerOptions::ModelModes& m = options.modelModes;
    state.modes = {m.wireframe, m.normals, m.untextured, m.xray};
    if (options.clip) {
        state.clip.enabled = true;
        state.clip.axis = std::clamp(options.clip->first, 0, 2);
        state.clip.offsetM = options.clip->second;
    }
    if (options.compareOverlay)
        state.compareMode = CompareMode::Overlay;
    static const std::map<std::string, InspectorTool> kTools = {
        {"distance", InspectorTool::Distance},
        {"height", InspectorTool::Height},
        {"area", InspectorTool::Area},
        {"note", InspectorTool::Note}};
    if (const auto it = kTools.find(options.tool); it != kTools.end())
        state.tool = it->second;
}

std::string noteKey(const scene::ModelDescription& description) {
    return description.path.filename().string();
}

struct ModelInspector::PendingLoad {
    std::future<Result<scene::SceneModel>> future;
    std::string path;
    std::optional<int> versionOf;
};

ModelInspector::ModelInspector(scene::SceneData& data, osg::Group& root, RegisterModel* notesStore)
    : data_(data),
      root_(&root),
      notesStore_(notesStore),
      section_(std::make_unique<SectionPlane>(root)) {
    findSceneModelNodes();
}

// The future of std::async waits for the worker in its destructor: at most its time limit.
ModelInspector::~ModelInspector() = default;

void ModelInspector::findSceneModelNodes() {
    ModelNodeFinder finder;
    root_->accept(finder);
    for (const auto& [index, node] : finder.found)
        nodes_[index] = node;
}

osg::MatrixTransform* ModelInspector::nodeOf(int index) const {
    const auto it = nodes_.find(index);
    return it == nodes_.end() ? nullptr : it->second.get();
}

const geo::Bounds* ModelInspector::bounds(int index) const {
    if (index < 0 || index >= static_cast<int>(data_.models.size()))
        return nullptr;
    return &data_.models[std::size_t(index)].localBounds;
}

std::optional<std::pair<osg::Vec3d, osg::Vec3d>> ModelInspector::framing(int index,
                                                                         double headingDeg,
                                                                         double pitchDeg,
                                                                         double fovDeg) const {
    // From the placed bounds, not the nodes' bounds: note labels are sized on screen, and
    // their bounds in the model's frame mean nothing.
    const auto sphereOf = [this](int i, double dx) {
        osg::BoundingSphere out;
        if (const geo::Bounds* b = bounds(i); b && b->valid()) {
            out.expandBy(osg::Vec3d(b->min.x + dx, b->min.y, b->min.z));
            out.expandBy(osg::Vec3d(b->max.x + dx, b->max.y, b->max.z));
        }
        return out;
    };
    osg::BoundingSphere sphere = sphereOf(index, 0);
    if (const auto b = versionB_.find(index); b != versionB_.end())
        sphere.expandBy(sphereOf(b->second, offsetB_.contains(index) ? offsetB_.at(index) : 0.0));
    if (!sphere.valid())
        return std::nullopt;
    constexpr double kDegToRad = 3.14159265358979323846 / 180.0;
    // Far enough that the sphere fits the view's height, with a little room round it.
    const double distance =
        std::max(sphere.radius() * 1.15 / std::sin(0.5 * fovDeg * kDegToRad), 5.0);
    const double h = headingDeg * kDegToRad, p = pitchDeg * kDegToRad;
    const osg::Vec3d look(std::sin(h) * std::cos(p), std::cos(h) * std::cos(p), std::sin(p));
    const osg::Vec3d target = sphere.center();
    return std::pair(target - look * distance, target);
}

void ModelInspector::open(const std::string& path, const osg::Vec3d& at, InspectorState& state) {
    if (pending_ || path.empty())
        return;
    scene::ModelDescription description;
    description.path = path;
    const std::string file = description.path.filename().string();
    description.name = {file, file};
    // On the ground where the view is looking: the scene's working CRS, z above the terrain.
    description.position = std::array<double, 3>{data_.originX + at.x(), data_.originY + at.y(), 0};
    description.clamp = scene::ModelDescription::Clamp::Terrain;
    description.flatten = false;  // the terrain is built already; a viewed model never edits it
    pending_ = std::make_unique<PendingLoad>();
    pending_->path = path;
    const scene::SceneData& data = data_;
    pending_->future = std::async(std::launch::async, [description, &data] {
        return scene::loadSceneModel(description, data);
    });
    state.loadingPath = path;
    state.openError.reset();
}

void ModelInspector::openVersionB(const std::string& path, InspectorState& state) {
    if (pending_ || path.empty() || !state.selected)
        return;
    int a = *state.selected;
    if (const auto of = state.models[std::size_t(a)].versionOf)
        a = *of;  // B of a B is B of its A
    scene::ModelDescription description = data_.models[std::size_t(a)].description;
    description.path = path;
    const std::string file = description.path.filename().string();
    description.name = {file, file};
    description.flatten = false;
    pending_ = std::make_unique<PendingLoad>();
    pending_->path = path;
    pending_->versionOf = a;
    const scene::SceneData& data = data_;
    pending_->future = std::async(std::launch::async, [description, &data] {
        return scene::loadSceneModel(description, data);
    });
    state.loadingPath = path;
    state.openError.reset();
}

void ModelInspector::waitForLoad() {
    if (pending_)
        pending_->future.wait();
}

std::optional<int> ModelInspector::update(InspectorState& state) {
    std::optional<int> opened;
    if (pending_ && pending_->future.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
        opened = finishLoad(state);
    syncModels(state);
    if (state.requestedErrorClose)
        state.openError.reset();
    if (state.requestedCompare)
        openVersionB(*state.requestedCompare, state);
    if (state.requestedSelection)
        select(*state.requestedSelection, state);
    if (state.requestedMeasureClear) {
        state.measurement.clear();
        updateMeasurement(state);
    }
    if (state.requestedNoteSave)
        saveNote(state);
    if (state.requestedNoteDelete)
        deleteNote(*state.requestedNoteDelete, state);
    if (notesStore_ && notesStore_->revision() != notesRevision_)
        loadNotes(state);  // an undo or redo in the register panel may have changed them
    state.requestedErrorClose = state.requestedMeasureClear = state.requestedNoteSave = false;
    state.requestedCompare.reset();
    state.requestedSelection.reset();
    state.requestedNoteDelete.reset();
    refresh(state);
    return opened;
}

void ModelInspector::refresh(InspectorState& state) {
    applyModes(state);
    applyClip(state);
    if (state.tool != appliedTool_) {
        appliedTool_ = state.tool;
        if (state.tool == InspectorTool::Distance || state.tool == InspectorTool::Height ||
            state.tool == InspectorTool::Area) {
            state.measurement.setKind(state.tool == InspectorTool::Distance ? MeasureKind::Distance
                                      : state.tool == InspectorTool::Height ? MeasureKind::Height
                                                                            : MeasureKind::Area);
        }
        if (state.tool != InspectorTool::Note)
            state.noteDraftAt.reset();
        updateMeasurement(state);
    }
}

void ModelInspector::syncModels(InspectorState& state) const {
    // Models of the scene file, and any just read, as the panel lists them.
    for (std::size_t i = state.models.size(); i < data_.models.size(); ++i) {
        const scene::SceneModel& m = data_.models[i];
        const geo::Bounds& b = m.localBounds;
        InspectedModel entry;
        entry.index = int(i);
        entry.name = m.description.name;
        entry.path = m.description.path.string();
        entry.stats = m.stats;
        entry.sizeM = {b.max.x - b.min.x, b.max.y - b.min.y, b.max.z - b.min.z};
        state.models.push_back(std::move(entry));
    }
}

std::optional<int> ModelInspector::finishLoad(InspectorState& state) {
    auto result = pending_->future.get();
    const std::optional<int> versionOf = pending_->versionOf;
    pending_.reset();
    state.loadingPath.reset();
    for (const Error& w : result.warnings())
        std::cerr << "warning: " << w.toString() << "\n";
    if (!result) {
        // The viewer stays up: the reason goes to the error panel and to stderr.
        // The error names the scene file, which the user did not ask to open.
        Error first = result.errors().front();
        first.file.clear();
        state.openError = first.toString();
        std::cerr << "error: " << *state.openError << "\n";
        return std::nullopt;
    }
    const int index = static_cast<int>(data_.models.size());
    data_.models.push_back(std::move(result).value());
    osg::ref_ptr<osg::MatrixTransform> node = scene::modelNode(data_.models.back(), index);
    root_->addChild(node);
    nodes_[index] = node;
    state.showPanel = true;
    syncModels(state);
    if (versionOf) {
        // A keeps the selection; the inspector shows both, B placed as the mode says.
        state.models[std::size_t(*versionOf)].versionB = index;
        state.models[std::size_t(index)].versionOf = *versionOf;
        versionB_[*versionOf] = index;
        placedB_.erase(*versionOf);
    } else {
        select(index, state);
    }
    return index;
}

void ModelInspector::select(int index, InspectorState& state) {
    if (index < 0 || index >= static_cast<int>(data_.models.size()))
        return;
    state.selected = index;
    state.modes = modes_[index];
    const geo::Bounds& b = data_.models[std::size_t(index)].localBounds;
    state.clipLow = {b.min.x, b.min.y, b.min.z};
    state.clipHigh = {b.max.x, b.max.y, b.max.z};
    const int axis = std::clamp(state.clip.axis, 0, 2);
    state.clip.offsetM =
        std::clamp(state.clip.offsetM, 0.0,
                   state.clipHigh[std::size_t(axis)] - state.clipLow[std::size_t(axis)]);
    state.noteDraftAt.reset();
    loadNotes(state);
}

void ModelInspector::applyModes(InspectorState& state) {
    if (!state.selected)
        return;
    const int index = *state.selected;
    osg::MatrixTransform* node = nodeOf(index);
    if (node && modes_[index] != state.modes) {
        applyDisplayModes(*node, data_.models[std::size_t(index)].model, state.modes);
        modes_[index] = state.modes;
    }
    const InspectedModel& selected = state.models[std::size_t(index)];
    const std::optional<int> a = selected.versionB ? std::optional(index) : selected.versionOf;
    if (a && state.models[std::size_t(*a)].versionB &&
        (!placedB_.contains(*a) || placedB_[*a] != state.compareMode)) {
        placeVersionB(state.models[std::size_t(*a)], state);
    }
}

void ModelInspector::placeVersionB(const InspectedModel& a, InspectorState& state) {
    const int b = *a.versionB;
    osg::MatrixTransform* node = nodeOf(b);
    if (!node)
        return;
    const scene::SceneModel& modelA = data_.models[std::size_t(a.index)];
    const scene::SceneModel& modelB = data_.models[std::size_t(b)];
    // B was placed as A is; side by side it moves east until A's east face plus a gap.
    double dx = 0;
    if (state.compareMode == CompareMode::SideBySide) {
        const double widthA = modelA.localBounds.max.x - modelA.localBounds.min.x;
        dx = modelA.localBounds.max.x - modelB.localBounds.min.x +
             std::max(kCompareGapM, 0.1 * widthA);
    }
    node->setMatrix(matrixOf(modelB.toLocal) * osg::Matrixd::translate(dx, 0, 0));
    offsetB_[a.index] = dx;
    // Overlaid, B is a tinted ghost through which A stays readable.
    ModelDisplayModes modes;
    modes.xray = modes.untextured = state.compareMode == CompareMode::Overlay;
    applyDisplayModes(*node, modelB.model, modes);
    setTint(*node, state.compareMode == CompareMode::Overlay ? std::optional(kVersionBTint)
                                                             : std::nullopt);
    // Where B coincides with A the ghost must win the depth test, or an unchanged part would
    // show no tint at all: pulled a little towards the eye.
    osg::StateSet* ss = node->getOrCreateStateSet();
    if (state.compareMode == CompareMode::Overlay)
        ss->setAttributeAndModes(new osg::PolygonOffset(-1.0f, -2.0f));
    else
        ss->removeAttribute(osg::StateAttribute::POLYGONOFFSET);
    modes_[b] = modes;
    placedB_[a.index] = state.compareMode;
}

void ModelInspector::applyClip(InspectorState& state) {
    section_->apply(state.clip, state.clipLow);
}

bool ModelInspector::click(const std::optional<SurfaceHit>& hit, InspectorState& state) {
    switch (state.tool) {
        case InspectorTool::Select:
            return false;
        case InspectorTool::Distance:
        case InspectorTool::Height:
        case InspectorTool::Area:
            if (hit) {
                state.measurement.add(hit->point);
                updateMeasurement(state);
            }
            return true;
        case InspectorTool::Note:
            if (!hit || !hit->model) {
                state.notesMessage = StringId::NoteNotOnModel;
                state.notesDetail.clear();
                return true;
            }
            if (state.selected != hit->model)
                select(*hit->model, state);
            noteModel_ = hit->model;
            state.noteDraftAt = hit->modelPoint;
            state.notesMessage.reset();
            return true;
    }
    return false;
}

void ModelInspector::updateMeasurement(InspectorState& state) {
    const GroundHeight ground = [this](double x, double y) { return data_.groundHeight(x, y); };
    state.measuredValue = state.measurement.value(ground);
    state.measuredPerimeterM = horizontalPerimeterM(state.measurement.points());
    replaceNamedChild(*root_, kMeasureNodeName, measureNode(state.measurement, ground));
}

heritage::Registry* ModelInspector::store(bool forWriting, InspectorState& state) {
    if (!notesStore_)
        return nullptr;
    heritage::Registry* registry = notesStore_->store(forWriting);
    if (!registry && notesStore_->outcome()) {
        state.notesMessage = StringId::NoteFailed;
        state.notesDetail = notesStore_->outcome()->detail;
    }
    return registry;
}

void ModelInspector::loadNotes(InspectorState& state) {
    state.notes.clear();
    state.notesAvailable = notesStore_ != nullptr;
    if (notesStore_)
        notesRevision_ = notesStore_->revision();
    if (!state.selected)
        return;
    const int index = *state.selected;
    const scene::SceneModel& model = data_.models[std::size_t(index)];
    if (heritage::Registry* registry = store(false, state)) {
        auto notes = registry->modelNotes(noteKey(model.description));
        if (!notes) {
            state.notesMessage = StringId::NoteFailed;
            state.notesDetail = notes.firstError();
        } else {
            // Stored in the working CRS, shown in the model's own frame (it may stand aside).
            const osg::Matrixd toModel = osg::Matrixd::inverse(matrixOf(model.toLocal));
            for (const heritage::ModelNote& n : notes.value()) {
                const osg::Vec3d local(n.x - data_.originX, n.y - data_.originY, n.z);
                state.notes.push_back({n.id, n.text, n.author, n.created, local * toModel});
            }
        }
    }
    if (osg::MatrixTransform* node = nodeOf(index))
        replaceNamedChild(*node, kNotesNodeName, notesNode(state.notes));
}

void ModelInspector::saveNote(InspectorState& state) {
    if (!noteModel_ || !state.noteDraftAt)
        return;
    heritage::Registry* registry = store(true, state);
    if (!registry)
        return;
    const scene::SceneModel& model = data_.models[std::size_t(*noteModel_)];
    const osg::Vec3d local = *state.noteDraftAt * matrixOf(model.toLocal);
    heritage::ModelNote note;
    note.model = noteKey(model.description);
    note.x = local.x() + data_.originX;
    note.y = local.y() + data_.originY;
    note.z = local.z();
    note.crs = data_.description.crs;
    note.text = state.noteDraft;
    const auto added = registry->addModelNote(note);
    if (!added) {
        state.notesMessage = StringId::NoteFailed;
        state.notesDetail = added.firstError();
        return;
    }
    state.notesMessage = StringId::NoteSaved;
    state.notesDetail = added->id;
    state.noteDraft.clear();
    state.noteDraftAt.reset();
    loadNotes(state);
}

void ModelInspector::deleteNote(const std::string& id, InspectorState& state) {
    heritage::Registry* registry = store(true, state);
    if (!registry)
        return;
    if (const Status removed = registry->removeModelNote(id); !removed) {
        state.notesMessage = StringId::NoteFailed;
        state.notesDetail = removed.firstError();
        return;
    }
    state.notesMessage = StringId::NoteDeleted;
    state.notesDetail = id;
    loadNotes(state);
}

std::vector<std::string> ModelInspector::noteTexts() {
    std::vector<std::string> texts;
    if (!notesStore_)
        return texts;
    if (heritage::Registry* registry = notesStore_->store(false)) {
        if (auto notes = registry->modelNotes())
            for (const heritage::ModelNote& n : notes.value())
                texts.insert(texts.end(), {n.text, n.author});
    }
    return texts;
}

}  // namespace cunjing::viewer
