#pragma once
/// Which glyphs the UI font atlas holds. ImGui's "common Chinese" range misses characters this
/// project shows (镬 in 镬耳, 圩 in place names), so the ranges come from the text itself.

#include <cunjing/scene/SceneFile.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cunjing::viewer {

/// Inclusive code point ranges, sorted and disjoint.
using GlyphRanges = std::vector<std::pair<char32_t, char32_t>>;

/// Every character of `texts` plus Latin-1, general punctuation and CJK punctuation (so numbers,
/// file names and messages typed later still render).
GlyphRanges buildGlyphRanges(const std::vector<std::string>& texts);

bool containsGlyph(const GlyphRanges& ranges, char32_t codePoint);

/// The characters of UTF-8 `text` that `ranges` lacks, each once, in order of appearance
/// (what a user typed, pasted or composed that the font atlas cannot draw yet).
std::u32string missingGlyphs(const GlyphRanges& ranges, std::string_view text);

/// Adds code points to the ranges, keeping them sorted and disjoint (neighbours merge).
void addGlyphs(GlyphRanges& ranges, const std::u32string& codePoints);

/// Every string the UI can show: the whole string table in both languages, and the scene's
/// name and viewpoint names and titles when a scene is given.
std::vector<std::string> uiTexts(const scene::SceneDescription* scene);

}  // namespace cunjing::viewer
