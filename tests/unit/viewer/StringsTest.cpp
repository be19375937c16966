#include <cunjing/viewer/Strings.h>

#include <gtest/gtest.h>

#include <set>
#include <string>

using namespace cunjing::viewer;

TEST(StringTable, HasOneRowPerIdInIdOrder) {
    const auto table = stringTable();
    ASSERT_EQ(table.size(), static_cast<std::size_t>(StringId::Count));
    for (std::size_t i = 0; i < table.size(); ++i) {
        EXPECT_EQ(static_cast<std::size_t>(table[i].id), i)
            << "row " << i << " (" << table[i].key << ")";
    }
}

TEST(StringTable, EveryKeyHasChineseAndEnglish) {
    for (const StringEntry& e : stringTable()) {
        ASSERT_NE(e.key, nullptr);
        ASSERT_NE(e.zh, nullptr) << e.key;
        ASSERT_NE(e.en, nullptr) << e.key;
        EXPECT_FALSE(std::string(e.zh).empty()) << e.key << " has no Chinese";
        EXPECT_FALSE(std::string(e.en).empty()) << e.key << " has no English";
    }
}

TEST(StringTable, KeysAreUnique) {
    std::set<std::string> keys;
    for (const StringEntry& e : stringTable())
        EXPECT_TRUE(keys.insert(e.key).second) << e.key;
}

TEST(StringTable, TranslateFollowsTheLanguage) {
    EXPECT_STREQ(tr(StringId::ViewpointsTitle, Language::Chinese), "视点");
    EXPECT_STREQ(tr(StringId::ViewpointsTitle, Language::English), "Viewpoints");
}

TEST(StringTable, EnglishTextIsNotChinese) {
    // Catches a row whose columns were swapped or copied: English text with CJK in it.
    // The language switch's own label 中文 is the one string meant to read the same in both.
    for (const StringEntry& e : stringTable()) {
        if (e.id == StringId::LanguageChinese)
            continue;
        for (unsigned char c : std::string(e.en)) {
            EXPECT_FALSE(c == 0xE4 || c == 0xE5 || c == 0xE6 || c == 0xE7 || c == 0xE8 || c == 0xE9)
                << e.key << ": \"" << e.en << "\" looks Chinese";
        }
    }
}
