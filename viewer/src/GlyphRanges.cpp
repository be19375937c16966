#include <cunjing/viewer/GlyphRanges.h>

#include <cunjing/viewer/Strings.h>

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>

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

std::u32string missingGlyphs(const GlyphRanges& ranges, std::string_view text) {
    std::u32string missing;
    const char* p = text.data();
    const char* end = text.data() + text.size();
    while (p < end) {
        unsigned int c = 0;
        const int used = ImTextCharFromUtf8(&c, p, end);  // invalid bytes give U+FFFD
        if (used <= 0)
            break;
        p += used;
        const auto code = char32_t(c);
        // ImGui is built with 16-bit ImWchar: code points past the BMP cannot be in an atlas.
        if (code >= 0x20 && code <= 0xFFFF && !containsGlyph(ranges, code) &&
            missing.find(code) == std::u32string::npos)
            missing.push_back(code);
    }
    return missing;
}

void addGlyphs(GlyphRanges& ranges, const std::u32string& codePoints) {
    for (char32_t c : codePoints)
        ranges.emplace_back(c, c);
    std::sort(ranges.begin(), ranges.end());
    GlyphRanges merged;
    for (const auto& r : ranges) {
        if (!merged.empty() && r.first <= merged.back().second + 1)
            merged.back().second = std::max(merged.back().second, r.second);
        else
            merged.push_back(r);
    }
    ranges = std::move(merged);
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
