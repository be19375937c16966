#include <cunjing/viewer/GlyphRanges.h>
#include <cunjing/viewer/Strings.h>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

using namespace cunjing::viewer;

namespace {
constexpr char32_t kWok = U'\u956C';     // 镬, as in 镬耳 wok-ear gables
constexpr char32_t kMarket = U'\u5729';  // 圩, as in place names (圩场, 沙圩)

/// Decodes UTF-8 into code points (BMP and beyond), for checking coverage of whole strings.
std::u32string decode(const std::string& s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = s[i];
        const int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
        for (int k = 1; k < len; ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += len;
    }
    return out;
}
}  // namespace

TEST(GlyphRanges, ContainRareCharactersFromTheText) {
    const GlyphRanges ranges = buildGlyphRanges({"镬耳屋", "沙圩"});
    EXPECT_TRUE(containsGlyph(ranges, kWok));
    EXPECT_TRUE(containsGlyph(ranges, kMarket));
}

TEST(GlyphRanges, LeaveOutCharactersNotInTheText) {
    // The atlas only holds what is asked for, which is how 镬 went missing with ImGui's
    // common-Chinese range; this proves coverage comes from the text and nowhere else.
    const GlyphRanges ranges = buildGlyphRanges({"村景"});
    EXPECT_FALSE(containsGlyph(ranges, kWok));
    EXPECT_FALSE(containsGlyph(ranges, kMarket));
    EXPECT_TRUE(containsGlyph(ranges, U'村'));
}

TEST(GlyphRanges, AlwaysHoldLatinDigitsAndCjkPunctuation) {
    const GlyphRanges ranges = buildGlyphRanges({});
    for (char32_t c : std::u32string_view(U"AZaz09.,:-/ "))
        EXPECT_TRUE(containsGlyph(ranges, c)) << int(c);
    EXPECT_TRUE(containsGlyph(ranges, U'：'));
    EXPECT_TRUE(containsGlyph(ranges, U'。'));
}

TEST(GlyphRanges, AreSortedAndDisjoint) {
    const GlyphRanges ranges = buildGlyphRanges({"镬耳屋村 圩", "Wok-ear"});
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        EXPECT_LE(ranges[i].first, ranges[i].second);
        if (i > 0) {
            EXPECT_LT(ranges[i - 1].second, ranges[i].first);
        }
    }
}

TEST(GlyphRanges, CoverEveryUiStringAndTheSceneNames) {
    cunjing::scene::SceneDescription scene;
    scene.name = {"沙圩村", "Shawei"};
    cunjing::scene::Viewpoint vp;
    vp.name = "gable";
    vp.title = {"镬耳山墙", "Wok-ear gable"};
    scene.viewpoints.push_back(vp);
    const auto texts = uiTexts(&scene);
    const GlyphRanges ranges = buildGlyphRanges(texts);
    EXPECT_TRUE(containsGlyph(ranges, kWok));
    EXPECT_TRUE(containsGlyph(ranges, kMarket));
    for (const StringEntry& e : stringTable()) {
        for (char32_t c : decode(e.zh))
            EXPECT_TRUE(containsGlyph(ranges, c)) << e.key << " " << int(c);
        for (char32_t c : decode(e.en))
            EXPECT_TRUE(containsGlyph(ranges, c)) << e.key << " " << int(c);
    }
}

TEST(GlyphRanges, MissingGlyphsAreWhatTypedTextAddsOnce) {
    const GlyphRanges ranges = buildGlyphRanges({"古树"});
    // 古 and 树 are there; 榕 is new and counted once; Latin is always there.
    EXPECT_EQ(missingGlyphs(ranges, "古榕树 banyan 榕"), U"榕");
    EXPECT_TRUE(missingGlyphs(ranges, "古树 ok").empty());
}

TEST(GlyphRanges, AddedGlyphsStaySortedDisjointAndMergeNeighbours) {
    GlyphRanges ranges = buildGlyphRanges({"古"});
    addGlyphs(ranges, U"榕灰塑");
    for (char32_t c : std::u32string(U"古榕灰塑"))
        EXPECT_TRUE(containsGlyph(ranges, c));
    for (std::size_t i = 1; i < ranges.size(); ++i)
        EXPECT_GT(ranges[i].first, ranges[i - 1].second + 1) << "not merged at " << i;
    addGlyphs(ranges, U"榕");  // already there: no change
    const auto size = ranges.size();
    addGlyphs(ranges, U"榕");
    EXPECT_EQ(ranges.size(), size);
}
