#include <cunjing/scene/VillageLayer.h>

#include <osg/AutoTransform>
#include <osg/Depth>
#include <osg/Geode>
#include <osg/Geometry>
#include <osg/LineWidth>
#include <osg/Notify>
#include <osgDB/Options>
#include <osgText/Font>
#include <osgText/Text>
#include <osgUtil/CullVisitor>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <numeric>
#include <vector>

namespace cunjing::scene {

namespace {

constexpr double kPi = 3.14159265358979323846;
const std::filesystem::path kNotoCjk = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
// Face order in NotoSansCJK-Regular.ttc: JP, KR, SC, TC, HK; SC draws the simplified forms.
constexpr const char* kNotoSimplifiedChineseFace = "2";
/// Drawn after the opaque scene, over it: a marker hidden behind a ridge is still a village
/// there. Markers go just before the transparent bin (10), where osgText puts its glyphs,
/// so names are drawn over the heads of their neighbours.
constexpr int kMarkerBin = 9, kLabelBin = 21;

/// Loaded once per process: the freetype plugin reads a 20 MB collection each time.
osg::ref_ptr<osgText::Font> labelFont() {
    static std::mutex mutex;
    static osg::ref_ptr<osgText::Font> font;
    static bool tried = false;
    std::lock_guard lock(mutex);
    if (tried)
        return font;
    tried = true;
    const std::filesystem::path path = villageLabelFontPath();
    osg::ref_ptr<osgDB::Options> options = new osgDB::Options;
    if (path == kNotoCjk)
        options->setPluginStringData("index", kNotoSimplifiedChineseFace);
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec))
        font = osgText::readRefFontFile(path.string(), options.get());
    if (!font)
        OSG_WARN << "warning: label font " << path.string()
                 << " not found or unreadable; village names will not render (install "
                    "fonts-noto-cjk or set CUNJING_UI_FONT)\n";
    return font;
}

/// A filled disc in the xy plane with a dark rim, centred on the origin.
osg::ref_ptr<osg::Geode> headGeode(const osg::Vec4& colour, double radius) {
    constexpr int kSegments = 20;
    const osg::Vec4 rim(0.08f, 0.08f, 0.08f, 1.0f);
    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    // Rim first, then the face over it a little smaller: one outline however small it gets.
    for (const auto& [r, c] : {std::pair{radius + 1.5, rim}, std::pair{radius, colour}}) {
        osg::ref_ptr<osg::Geometry> g = new osg::Geometry;
        osg::ref_ptr<osg::Vec3Array> v = new osg::Vec3Array;
        v->push_back({0, 0, 0});
        for (int i = 0; i <= kSegments; ++i) {
            const double a = 2 * kPi * i / kSegments;
            v->push_back({float(r * std::cos(a)), float(r * std::sin(a)), 0});
        }
        osg::ref_ptr<osg::Vec4Array> colours = new osg::Vec4Array;
        colours->push_back(c);
        g->setVertexArray(v);
        g->setColorArray(colours, osg::Array::BIND_OVERALL);
        g->addPrimitiveSet(new osg::DrawArrays(GL_TRIANGLE_FAN, 0, GLsizei(v->size())));
        geode->addDrawable(g);
    }
    return geode;
}

/// A dark pole from the ground to the head, pixels tall (the parent scales to the screen).
osg::ref_ptr<osg::Geode> poleGeode(double height) {
    osg::ref_ptr<osg::Geometry> g = new osg::Geometry;
    osg::ref_ptr<osg::Vec3Array> v = new osg::Vec3Array;
    v->push_back({0, 0, 0});
    v->push_back({0, 0, float(height)});
    osg::ref_ptr<osg::Vec4Array> colours = new osg::Vec4Array;
    colours->push_back({0.12f, 0.1f, 0.08f, 1.0f});
    g->setVertexArray(v);
    g->setColorArray(colours, osg::Array::BIND_OVERALL);
    g->addPrimitiveSet(new osg::DrawArrays(GL_LINES, 0, 2));
    g->getOrCreateStateSet()->setAttributeAndModes(new osg::LineWidth(2.0f));
    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    geode->addDrawable(g);
    return geode;
}

/// A transform whose unit is one pixel at its position, so what it holds keeps its screen size.
osg::ref_ptr<osg::AutoTransform> screenSized(const osg::Vec3d& at) {
    osg::ref_ptr<osg::AutoTransform> t = new osg::AutoTransform;
    t->setPosition(at);
    t->setAutoScaleToScreen(true);
    return t;
}

/// Turns what it holds to face the viewer; x right and y up on screen.
osg::ref_ptr<osg::AutoTransform> facingScreen(const osg::Vec3d& at) {
    osg::ref_ptr<osg::AutoTransform> t = new osg::AutoTransform;
    t->setPosition(at);
    t->setAutoRotateMode(osg::AutoTransform::ROTATE_TO_SCREEN);
    return t;
}

osg::ref_ptr<osgText::Text> nameText(const std::string& name, double sizePx, double raisePx) {
    osg::ref_ptr<osgText::Text> text = new osgText::Text;
    if (osg::ref_ptr<osgText::Font> font = labelFont())
        text->setFont(font);
    text->setFontResolution(32, 32);
    text->setCharacterSize(float(sizePx));
    text->setAxisAlignment(osgText::Text::XY_PLANE);
    text->setAlignment(osgText::Text::CENTER_BOTTOM);
    text->setPosition({0, float(raisePx), 0});
    text->setColor({1, 1, 1, 1});
    // A dark outline: white names read on sea, paddy green and mountain shadow alike.
    text->setBackdropType(osgText::Text::OUTLINE);
    text->setBackdropColor({0.05f, 0.05f, 0.05f, 0.9f});
    text->setBackdropOffset(0.12f);
    text->setText(name, osgText::String::ENCODING_UTF8);
    return text;
}

/// One label: where it stands and how big it is on screen, for the declutter.
struct LabelBox {
    osg::Vec3d anchor;  ///< ground under the marker, local metres
    double width = 0;   ///< pixels
    double rise = 0;    ///< pixels from the anchor to the top of the name
};

/// Draws labels in child order (highest priority first), skipping any that would overlap one
/// already drawn this frame or fall off the viewport. Runs in the cull traversal, so each view
/// of a viewer declutters for its own camera.
class DeclutterLabels : public osg::NodeCallback {
public:
    DeclutterLabels(std::vector<LabelBox> boxes, double gapPx)
        : boxes_(std::move(boxes)), gap_(gapPx) {}

    void operator()(osg::Node* node, osg::NodeVisitor* nv) override {
        auto* cv = dynamic_cast<osgUtil::CullVisitor*>(nv);
        osg::Group* group = node->asGroup();
        if (!cv || !group || !cv->getViewport()) {
            traverse(node, nv);
            return;
        }
        const osg::Matrixd clip = *cv->getModelViewMatrix() * *cv->getProjectionMatrix();
        const osg::Matrixd window = cv->getViewport()->computeWindowMatrix();
        const osg::Viewport& vp = *cv->getViewport();
        placed_.clear();
        for (unsigned i = 0; i < group->getNumChildren() && i < boxes_.size(); ++i) {
            const LabelBox& b = boxes_[i];
            const osg::Vec4d c = osg::Vec4d(b.anchor, 1.0) * clip;
            if (c.w() <= 0)
                continue;  // behind the eye
            const osg::Vec3d ndc(c.x() / c.w(), c.y() / c.w(), c.z() / c.w());
            const osg::Vec3d px = ndc * window;
            const Rect r{px.x() - b.width / 2 - gap_, px.y() - gap_, px.x() + b.width / 2 + gap_,
                         px.y() + b.rise + gap_};
            // A name cut by the frame's edge reads as another name: whole labels only.
            if (r.x0 < vp.x() || r.x1 > vp.x() + vp.width() || r.y0 < vp.y() ||
                r.y1 > vp.y() + vp.height())
                continue;
            if (std::any_of(placed_.begin(), placed_.end(),
                            [&](const Rect& p) { return p.overlaps(r); }))
                continue;
            placed_.push_back(r);
            group->getChild(i)->accept(*nv);
        }
    }

private:
    struct Rect {
        double x0, y0, x1, y1;
        bool overlaps(const Rect& o) const {
            return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1;
        }
    };
    std::vector<LabelBox> boxes_;
    double gap_;
    std::vector<Rect> placed_;  ///< this frame's; cull runs one traversal at a time per node
};

/// True when the village stands on the scene's terrain (or the scene has none).
bool onTerrain(const SceneData& data, const SceneVillage& v) {
    if (!data.terrain)
        return true;
    const auto& t = *data.terrain;
    const double x = v.x + data.originX, y = v.y + data.originY;
    return x >= t.x0 && x <= t.xMax() && y >= t.y0 && y <= t.yMax();
}

/// Earlier batches first (the older lists name the best-known villages), then register order.
std::vector<std::size_t> labelOrder(const std::vector<const SceneVillage*>& villages) {
    std::vector<std::size_t> order(villages.size());
    std::iota(order.begin(), order.end(), 0);
    auto rank = [](int batch) { return batch >= 1 ? batch : 99; };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return rank(villages[a]->record.batch) < rank(villages[b]->record.batch);
    });
    return order;
}

void drawOnTop(osg::StateSet* ss, int bin) {
    ss->setMode(GL_LIGHTING, osg::StateAttribute::OFF | osg::StateAttribute::PROTECTED);
    ss->setMode(GL_CULL_FACE, osg::StateAttribute::OFF);
    ss->setAttributeAndModes(new osg::Depth(osg::Depth::ALWAYS, 0.0, 1.0, false));
    ss->setRenderBinDetails(bin, "RenderBin");
}

}  // namespace

osg::Vec4 batchColor(int batch) {
    switch (batch) {
        case 1:
            return {0.80f, 0.15f, 0.13f, 1};  // 2012: vermilion
        case 2:
            return {0.96f, 0.52f, 0.10f, 1};  // 2013: orange
        case 3:
            return {0.98f, 0.84f, 0.15f, 1};  // 2014: yellow
        case 4:
            return {0.25f, 0.75f, 0.30f, 1};  // 2016: green
        case 5:
            return {0.20f, 0.60f, 0.95f, 1};  // 2019: sky blue
        case 6:
            return {0.72f, 0.36f, 0.90f, 1};  // 2023: violet
        default:
            return {0.65f, 0.65f, 0.65f, 1};
    }
}

std::filesystem::path villageLabelFontPath() {
    const char* env = std::getenv("CUNJING_UI_FONT");
    return env && *env ? std::filesystem::path(env) : kNotoCjk;
}

osg::ref_ptr<osg::Group> villageLayer(const SceneData& data, const VillageLayerOptions& options) {
    osg::ref_ptr<osg::Group> layer = new osg::Group;
    layer->setName("villages");
    std::vector<const SceneVillage*> shown;
    for (const auto& v : data.villages)
        if (onTerrain(data, v))
            shown.push_back(&v);

    osg::ref_ptr<osg::Group> markers = new osg::Group;
    markers->setName("village-markers");
    drawOnTop(markers->getOrCreateStateSet(), kMarkerBin);
    osg::ref_ptr<osg::Geode> pole = poleGeode(options.poleHeightPx);
    std::vector<osg::ref_ptr<osg::Geode>> heads;
    for (int batch = 0; batch <= 6; ++batch)
        heads.push_back(headGeode(batchColor(batch), options.headRadiusPx));
    const osg::Vec3d headAt(0, 0, options.poleHeightPx);

    osg::ref_ptr<osg::Group> labels = new osg::Group;
    labels->setName("village-labels");
    drawOnTop(labels->getOrCreateStateSet(), kLabelBin);
    std::vector<LabelBox> boxes;
    const double raise = options.headRadiusPx + 3;

    for (const SceneVillage* v : shown) {
        const osg::Vec3d ground(v->x, v->y, data.groundHeight(v->x, v->y));
        osg::ref_ptr<osg::AutoTransform> marker = screenSized(ground);
        marker->setName("village:" + v->record.id);
        marker->addChild(pole);
        osg::ref_ptr<osg::AutoTransform> head = facingScreen(headAt);
        const int batch = v->record.batch >= 1 && v->record.batch <= 6 ? v->record.batch : 0;
        head->addChild(heads[std::size_t(batch)]);
        marker->addChild(head);
        markers->addChild(marker);
    }
    for (std::size_t i : labelOrder(shown)) {
        const SceneVillage& v = *shown[i];
        const osg::Vec3d ground(v.x, v.y, data.groundHeight(v.x, v.y));
        osg::ref_ptr<osgText::Text> text = nameText(v.record.name, options.labelSizePx, raise);
        const osg::BoundingBox box = text->getBoundingBox();
        osg::ref_ptr<osg::Geode> geode = new osg::Geode;
        geode->addDrawable(text);
        osg::ref_ptr<osg::AutoTransform> face = facingScreen(headAt);
        face->addChild(geode);
        osg::ref_ptr<osg::AutoTransform> label = screenSized(ground);
        label->setName("village:" + v.record.id);
        label->addChild(face);
        labels->addChild(label);
        // The pole may stand straight up the screen: reserve its full height under the name.
        boxes.push_back(
            {ground, double(box.xMax() - box.xMin()), options.poleHeightPx + double(box.yMax())});
    }
    labels->setCullCallback(new DeclutterLabels(std::move(boxes), options.labelGapPx));
    // The declutter decides which labels draw; no child may be culled before it sees them.
    labels->setCullingActive(false);
    layer->addChild(markers);
    layer->addChild(labels);
    return layer;
}

}  // namespace cunjing::scene
