#include <cunjing/viewer/GlyphRanges.h>

#include <cunjing/viewer/Strings.h>

#include <imgui.h>

namespace cunjing::viewer {

namespace {
// Zero-terminated pairs, as ImGui wants them.
constexpr ImWchar kAlwaysIncluded[] = {
    0x0020, 0x00FF,  // Basic Latin + Latin-1 (digits, file names, °)
    0x2000, 0x206F,  // General punctuation (– · …)
    0x3000, 0x303F,  // CJK symbols and punctuation (、。「」)
    0xFF00, 0xFFEF,  // Full-width forms (：，（）)
    0,
};
}  // namespace

GlyphRanges buildGlyphRanges(const std::vector<std::string>& texts) {
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(kAlwaysIncluded);
    for (const std::string& text : texts)
        builder.AddText(text.data(), text.data() + text.size());
    ImVector<ImWchar> flat;
    builder.BuildRanges(&flat);
    GlyphRanges ranges;
    for (int i = 0; i + 1 < flat.Size && flat[i] != 0; i += 2) {
        ranges.emplace_back(char32_t(flat[i]), char32_t(flat[i + 1]));
    }
    return ranges;
}

bool containsGlyph(const GlyphRanges& ranges, char32_t codePoint) {
    for (const auto& [first, last] : ranges) {
        if (codePoint >= first && codePoint <= last)
            return true;
    }
    return false;
}

std::vector<std::string> uiTexts(const scene::SceneDescription* scene) {
    std::vector<std::string> texts;
    for (const StringEntry& e : stringTable()) {
        texts.emplace_back(e.zh);
        texts.emplace_back(e.en);
    }
    if (!scene)
        return texts;
    texts.push_back(scene->name.zh);
    texts.push_back(scene->name.en);
    for (const scene::Viewpoint& vp : scene->viewpoints) {
        texts.push_back(vp.name);
        texts.push_back(vp.title.zh);
        texts.push_back(vp.title.en);
    }
    return texts;
}

}  // namespace cunjing::viewer
