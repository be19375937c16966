#include "InspectorOverlay.h"

#include "ModelDisplay.h"

#include <cunjing/scene/VillageLayer.h>

#include <osg/Geode>
#include <osg/Geometry>
#include <osg/Point>
#include <osgDB/Options>
#include <osgText/Font>
#include <osgText/Text>

#include <mutex>

namespace cunjing::viewer {

namespace {

const osg::Vec4 kMeasureColour(1.0f, 0.85f, 0.1f, 1.0f);
const osg::Vec4 kGroundColour(1.0f, 0.45f, 0.2f, 1.0f);
const osg::Vec4 kNoteColour(0.95f, 0.25f, 0.55f, 1.0f);
constexpr float kPointPixels = 9.0f;
constexpr float kLabelPixels = 16.0f;
/// Longer notes are cut in the label (the inspector lists them whole).
constexpr std::size_t kLabelBytes = 60;

osg::ref_ptr<osg::Geometry> primitive(const std::vector<osg::Vec3d>& points, GLenum mode,
                                      const osg::Vec4& colour) {
    osg::ref_ptr<osg::Geometry> g = new osg::Geometry;
    osg::ref_ptr<osg::Vec3Array> v = new osg::Vec3Array;
    for (const osg::Vec3d& p : points)
        v->push_back(p);
    osg::ref_ptr<osg::Vec4Array> c = new osg::Vec4Array;
    c->push_back(colour);
    g->setVertexArray(v);
    g->setColorArray(c, osg::Array::BIND_OVERALL);
    g->addPrimitiveSet(new osg::DrawArrays(mode, 0, GLsizei(v->size())));
    return g;
}

/// The label font, read once: Noto Sans CJK's Simplified Chinese face, as the village names.
osg::ref_ptr<osgText::Font> noteFont() {
    static std::once_flag once;
    static osg::ref_ptr<osgText::Font> font;
    std::call_once(once, [] {
        const std::filesystem::path path = scene::villageLabelFontPath();
        osg::ref_ptr<osgDB::Options> options = new osgDB::Options;
        if (path.extension() == ".ttc")
            options->setPluginStringData("index", "2");  // JP, KR, SC, TC, HK: SC
        std::error_code ec;
        if (std::filesystem::is_regular_file(path, ec))
            font = osgText::readRefFontFile(path.string(), options.get());
    });
    return font;
}

/// Cuts UTF-8 text to at most `bytes` without splitting a character.
std::string shortened(const std::string& text, std::size_t bytes) {
    if (text.size() <= bytes)
        return text;
    std::size_t end = bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    return text.substr(0, end) + "…";
}

osg::ref_ptr<osgText::Text> noteLabel(const NoteEntry& note) {
    osg::ref_ptr<osgText::Text> text = new osgText::Text;
    if (osg::ref_ptr<osgText::Font> font = noteFont())
        text->setFont(font);
    text->setFontResolution(32, 32);
    text->setCharacterSizeMode(osgText::Text::SCREEN_COORDS);
    text->setCharacterSize(kLabelPixels);
    text->setAxisAlignment(osgText::Text::SCREEN);
    text->setAlignment(osgText::Text::LEFT_CENTER);
    text->setPosition(note.modelPoint);
    text->setColor({1, 1, 1, 1});
    text->setBackdropType(osgText::Text::OUTLINE);
    text->setBackdropColor({0.05f, 0.05f, 0.05f, 0.9f});
    // Two spaces: the text starts beside its marker, not over it.
    text->setText("  " + shortened(note.text, kLabelBytes), osgText::String::ENCODING_UTF8);
    return text;
}

}  // namespace

const std::unordered_set<std::string>& overlayNodeNames() {
    static const std::unordered_set<std::string> names = {kMeasureNodeName, kNotesNodeName,
                                                          kNormalsNodeName};
    return names;
}

osg::ref_ptr<osg::Group> measureNode(const Measurement& measurement, const GroundHeight& ground) {
    osg::ref_ptr<osg::Group> group = new osg::Group;
    group->setName(kMeasureNodeName);
    const std::vector<osg::Vec3d>& points = measurement.points();
    if (points.empty())
        return group;
    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    geode->addDrawable(primitive(points, GL_POINTS, kMeasureColour));
    if (points.size() >= 2) {
        const GLenum mode = measurement.kind() == MeasureKind::Area && points.size() >= 3
                                ? GL_LINE_LOOP
                                : GL_LINE_STRIP;
        geode->addDrawable(primitive(points, mode, kMeasureColour));
    }
    if (const auto foot = measurement.groundPoint(ground)) {
        geode->addDrawable(primitive({points.front(), *foot}, GL_LINES, kGroundColour));
        geode->addDrawable(primitive({*foot}, GL_POINTS, kGroundColour));
    }
    osg::StateSet* ss = geode->getOrCreateStateSet();
    setOverlayState(*ss);
    ss->setAttributeAndModes(new osg::Point(kPointPixels));
    group->addChild(geode);
    return group;
}

osg::ref_ptr<osg::Group> notesNode(const std::vector<NoteEntry>& notes) {
    osg::ref_ptr<osg::Group> group = new osg::Group;
    group->setName(kNotesNodeName);
    if (notes.empty())
        return group;
    std::vector<osg::Vec3d> points;
    for (const NoteEntry& note : notes)
        points.push_back(note.modelPoint);
    osg::ref_ptr<osg::Geode> markers = new osg::Geode;
    markers->addDrawable(primitive(points, GL_POINTS, kNoteColour));
    osg::StateSet* ss = markers->getOrCreateStateSet();
    setOverlayState(*ss);
    ss->setAttributeAndModes(new osg::Point(kPointPixels + 3));
    group->addChild(markers);
    osg::ref_ptr<osg::Geode> labels = new osg::Geode;
    for (const NoteEntry& note : notes)
        labels->addDrawable(noteLabel(note));
    // Over the model, like the village names: a note behind a wall still marks its place.
    osg::StateSet* ls = labels->getOrCreateStateSet();
    ls->setAttributeAndModes(new osg::Program);
    ls->setMode(GL_DEPTH_TEST, osg::StateAttribute::OFF);
    ls->setMode(GL_LIGHTING, osg::StateAttribute::OFF);
    ls->setRenderBinDetails(21, "RenderBin");
    group->addChild(labels);
    return group;
}

void replaceNamedChild(osg::Group& parent, const std::string& name, osg::Node* child) {
    for (unsigned i = 0; i < parent.getNumChildren(); ++i) {
        if (parent.getChild(i)->getName() == name) {
            parent.removeChild(i);
            break;
        }
    }
    if (child)
        parent.addChild(child);
}

}  // namespace cunjing::viewer
