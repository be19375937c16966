// The style files as data: what loads, what a variant inherits, and how every kind of bad
// data is reported (file, JSON path, allowed values).
#include <cunjing/architecture/Building.h>
#include <cunjing/architecture/Style.h>

#include "StyleFixtures.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

using namespace cunjing;
using namespace cunjing::architecture;
using namespace cunjing::architecture::test;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

/// The only error of r, checked to name the file and the path.
Error onlyError(const Result<Style>& r, const std::string& file, const std::string& where) {
    EXPECT_FALSE(r.ok());
    if (r.ok() || r.errors().empty())
        return {};
    EXPECT_EQ(r.errors().size(), 1u)
        << r.errors()[0].toString() << " ... and " << r.errors().size() - 1 << " more";
    const Error& e = r.errors()[0];
    EXPECT_EQ(e.file, file);
    EXPECT_EQ(e.where, where);
    return e;
}

}  // namespace

TEST(StyleLibrary, LoadsTheThreeBundledStyles) {
    std::set<std::string> ids;
    for (const Style& s : bundledStyles())
        ids.insert(s.id);
    EXPECT_EQ(ids, (std::set<std::string>{"chaoshan", "guangfu", "hakka"}));
}

TEST(StyleLibrary, HasEveryTypologyOfTheIssueUnderItsPinyinId) {
    const std::pair<const char*, std::vector<const char*>> expected[] = {
        {"guangfu", {"sanjian-lianglang", "zhutongwu", "qilou", "citang", "nongfang", "dianxian"}},
        {"hakka", {"tanghengwu", "weilongwu", "sijiaolou", "tulou-round", "tulou-square"}},
        {"chaoshan", {"xiashanhu", "sidianjin", "sima-tuoche"}},
    };
    for (const auto& [style, typologies] : expected) {
        for (const char* t : typologies)
            EXPECT_NE(bundledStyle(style).findTypology(t), nullptr) << style << "/" << t;
    }
}

TEST(StyleLibrary, PalettesAndMaterialsComeFromTheFile) {
    const Style& g = bundledStyle("guangfu");
    const auto it = std::find_if(g.materials.begin(), g.materials.end(),
                                 [](const Material& m) { return m.id == "qingzhuan"; });
    ASSERT_NE(it, g.materials.end());
    EXPECT_NEAR(it->color.r, 0x7A / 255.0, 1e-6);
    EXPECT_EQ(it->surface, "brick");
    const TypologySpec* house = g.findTypology("sanjian-lianglang");
    ASSERT_NE(house, nullptr);
    for (const std::string& role : materialRoles())
        EXPECT_EQ(house->palette.count(role), 1u) << role;
}

TEST(StyleLibrary, AVariantExtendsItsBaseByDataAlone) {
    const Style& g = bundledStyle("guangfu");
    const TypologySpec* base = g.findTypology("sanjian-lianglang");
    const TypologySpec* haoke = g.findTypology("sanjian-lianglang-haoke");
    ASSERT_NE(base, nullptr);
    ASSERT_NE(haoke, nullptr);
    EXPECT_EQ(haoke->generator, base->generator);
    EXPECT_EQ(haoke->dimensions.at("hallBay").def, base->dimensions.at("hallBay").def);
    EXPECT_NE(haoke->palette.at("wall"), base->palette.at("wall"));
    EXPECT_EQ(g.materials[haoke->palette.at("wall")[0]].surface, "oyster-shell");
    EXPECT_EQ(haoke->options.at("gable").def, "renzi");
    // A partial dimension in a variant keeps its base's range.
    const TypologySpec* big = bundledStyle("hakka").findTypology("weilongwu-santang-sihen");
    ASSERT_NE(big, nullptr);
    EXPECT_EQ(big->dimensions.at("rings").def, 2);
    EXPECT_EQ(big->dimensions.at("rings").min, 1);
    EXPECT_EQ(big->dimensions.at("rings").max, 2);
}

TEST(StyleLibrary, AUserCanAddATypologyVariantInTheFile) {
    auto j = styleJson("hakka");
    j["typologies"]["weilongwu-sanheng"] = {
        {"extends", "weilongwu"},
        {"name", "三堂二横一围龙"},
        {"dimensions", {{"halls", {{"default", 3}}}}},
    };
    const Result<Style> s = parseEdited(j, "hakka");
    ASSERT_TRUE(s.ok()) << s.firstError();
    const auto b = generateBuilding(s.value(), "weilongwu-sanheng", {}, 1, 0);
    ASSERT_TRUE(b.ok()) << b.firstError();
    const auto halls = std::count_if(b->masses.begin(), b->masses.end(), [](const Mass& m) {
        return m.role == "hall" || m.role == "entrance-hall";
    });
    EXPECT_EQ(halls, 3);
}

TEST(StyleErrors, MissingDimensionNamesFilePathAndRange) {
    auto j = styleJson("guangfu");
    j["typologies"]["sanjian-lianglang"]["dimensions"].erase("hallBay");
    const Error e = onlyError(parseEdited(j, "guangfu"), "guangfu.json",
                              "$.typologies.sanjian-lianglang.dimensions.hallBay");
    EXPECT_TRUE(contains(e.message, "missing")) << e.message;
    EXPECT_TRUE(contains(e.message, "1..20")) << e.message;
}

TEST(StyleErrors, MissingSectionNamesItsPath) {
    auto j = styleJson("chaoshan");
    j.erase("palette");
    const Error e = onlyError(parseEdited(j, "chaoshan"), "chaoshan.json", "$.palette");
    EXPECT_TRUE(contains(e.message, "missing")) << e.message;
}

TEST(StyleErrors, MissingPaletteRoleNamesTheRole) {
    auto j = styleJson("hakka");
    j["palette"].erase("roof");
    const Error e = onlyError(parseEdited(j, "hakka"), "hakka.json", "$.palette.roof");
    EXPECT_TRUE(contains(e.message, "missing")) << e.message;
}

TEST(StyleErrors, DefaultOutsideItsRangeNamesTheRange) {
    auto j = styleJson("guangfu");
    j["typologies"]["sanjian-lianglang"]["dimensions"]["hallBay"]["default"] = 5.2;
    const Error e = onlyError(parseEdited(j, "guangfu"), "guangfu.json",
                              "$.typologies.sanjian-lianglang.dimensions.hallBay.default");
    EXPECT_TRUE(contains(e.message, "5.2")) << e.message;
    EXPECT_TRUE(contains(e.message, "3.6..4.8")) << e.message;
}

TEST(StyleErrors, ValueOutsideTheGeneratorsLimitsNamesThem) {
    auto j = styleJson("guangfu");
    j["typologies"]["qilou"]["dimensions"]["arcadeDepth"]["min"] = 1.5;  // under the 8 尺 rule
    const Error e = onlyError(parseEdited(j, "guangfu"), "guangfu.json",
                              "$.typologies.qilou.dimensions.arcadeDepth.min");
    EXPECT_TRUE(contains(e.message, "allowed range is 2.4..6")) << e.message;
}

TEST(StyleErrors, CountsMustBeWholeNumbers) {
    auto j = styleJson("hakka");
    j["typologies"]["tulou-round"]["dimensions"]["ring1Rooms"]["default"] = 120.5;
    const Error e = onlyError(parseEdited(j, "hakka"), "hakka.json",
                              "$.typologies.tulou-round.dimensions.ring1Rooms.default");
    EXPECT_TRUE(contains(e.message, "whole number")) << e.message;
}

TEST(StyleErrors, UnknownTypologyListsTheAllowedOnes) {
    const auto r = generateBuilding(bundledStyle("guangfu"), "sanjian", {}, 1, 0);
    ASSERT_FALSE(r.ok());
    const Error& e = r.errors()[0];
    EXPECT_TRUE(contains(e.file, "guangfu.json")) << e.file;
    EXPECT_EQ(e.where, "$.typologies");
    EXPECT_TRUE(contains(e.message, "'sanjian'")) << e.message;
    for (const char* id : {"sanjian-lianglang", "zhutongwu", "qilou", "citang"})
        EXPECT_TRUE(contains(e.message, id)) << e.message;
}

TEST(StyleErrors, UnknownGeneratorListsTheAllowedOnes) {
    auto j = styleJson("guangfu");
    j["typologies"]["citang"]["generator"] = "temple";
    const Error e =
        onlyError(parseEdited(j, "guangfu"), "guangfu.json", "$.typologies.citang.generator");
    EXPECT_TRUE(contains(e.message, "'temple'")) << e.message;
    EXPECT_TRUE(contains(e.message, "weilongwu")) << e.message;
}

TEST(StyleErrors, UnknownDimensionListsTheGeneratorsOwn) {
    auto j = styleJson("guangfu");
    j["typologies"]["zhutongwu"]["dimensions"]["frontWidth"] = {
        {"min", 3}, {"max", 4}, {"default", 3.5}};
    const Error e = onlyError(parseEdited(j, "guangfu"), "guangfu.json",
                              "$.typologies.zhutongwu.dimensions.frontWidth");
    EXPECT_TRUE(contains(e.message, "frontage")) << e.message;
}

TEST(StyleErrors, BadColourNamesTheMaterialAndTheFormat) {
    auto j = styleJson("chaoshan");
    j["materials"]["qianci-cobalt"]["color"] = "#1F4FZ8";
    const Error e =
        onlyError(parseEdited(j, "chaoshan"), "chaoshan.json", "$.materials.qianci-cobalt.color");
    EXPECT_TRUE(contains(e.message, "#1F4FZ8")) << e.message;
    EXPECT_TRUE(contains(e.message, "#RRGGBB")) << e.message;
}

TEST(StyleErrors, UnknownMaterialInAPaletteListsTheMaterials) {
    auto j = styleJson("guangfu");
    j["typologies"]["citang"]["palette"]["beam"] = "red";
    const Error e =
        onlyError(parseEdited(j, "guangfu"), "guangfu.json", "$.typologies.citang.palette.beam");
    EXPECT_TRUE(contains(e.message, "'red'")) << e.message;
    EXPECT_TRUE(contains(e.message, "red-beam")) << e.message;
}

TEST(StyleErrors, OptionValueMustBeAllowed) {
    auto j = styleJson("chaoshan");
    j["typologies"]["xiashanhu"]["options"]["gable"]["default"] = "huo";
    const Error e = onlyError(parseEdited(j, "chaoshan"), "chaoshan.json",
                              "$.typologies.xiashanhu.options.gable.default");
    EXPECT_TRUE(contains(e.message, "jin, mu, shui, tu")) << e.message;
}

TEST(StyleErrors, GableCrownPointsMustRunAcrossTheHalfDepth) {
    auto j = styleJson("chaoshan");
    j["gables"]["tu"]["crown"][2] = {0.4, 0.4};  // goes backwards
    const Error e = onlyError(parseEdited(j, "chaoshan"), "chaoshan.json", "$.gables.tu.crown[2]");
    EXPECT_TRUE(contains(e.message, "0..1")) << e.message;
}

TEST(StyleErrors, ExtendingAnUnknownTypologyListsTheKnownOnes) {
    auto j = styleJson("hakka");
    j["typologies"]["weilongwu"]["extends"] = "tangheng";
    const Error e =
        onlyError(parseEdited(j, "hakka"), "hakka.json", "$.typologies.weilongwu.extends");
    EXPECT_TRUE(contains(e.message, "tanghengwu")) << e.message;
}

TEST(StyleErrors, EveryProblemIsReportedAtOnce) {
    auto j = styleJson("guangfu");
    j["materials"]["granite"]["color"] = "grey";
    j["typologies"]["qilou"]["dimensions"]["storeys"]["max"] = 9;
    j["typologies"]["citang"]["options"]["mainRoof"]["default"] = "pagoda";
    const Result<Style> r = parseEdited(j, "guangfu");
    ASSERT_FALSE(r.ok());
    std::set<std::string> where;
    for (const Error& e : r.errors())
        where.insert(e.where);
    EXPECT_EQ(where, (std::set<std::string>{"$.materials.granite.color",
                                            "$.typologies.qilou.dimensions.storeys.max",
                                            "$.typologies.citang.options.mainRoof.default"}));
}

TEST(StyleErrors, BrokenJsonGivesLineAndColumn) {
    const Result<Style> r = parseStyle("{\n  \"id\": \"x\",\n  \"name\": oops\n}", "x.json");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.errors()[0].file, "x.json");
    EXPECT_EQ(r.errors()[0].where, "line 3, column 11");
}

// Like the town plan's (fuzz_town_plan's finding): nlohmann throws out_of_range, not a
// parse_error, for a number too large for a double.
TEST(StyleErrors, ANumberTooLargeIsAnErrorNotAnAbort) {
    const Result<Style> r = parseStyle(R"({"id": "x", "name": 1e999})", "x.json");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.errors()[0].file, "x.json");
    EXPECT_NE(r.errors()[0].message.find("number overflow"), std::string::npos)
        << r.errors()[0].message;
}

TEST(StyleErrors, MissingFileIsAnErrorNotACrash) {
    const Result<Style> r = loadStyle("/nonexistent/style.json");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.errors()[0].file, "/nonexistent/style.json");
}

TEST(Overrides, OutOfRangeValueNamesTheStylesRange) {
    const auto r =
        generateBuilding(bundledStyle("guangfu"), "sanjian-lianglang", {{"hallBay", "6"}}, 1, 0);
    ASSERT_FALSE(r.ok());
    const Error& e = r.errors()[0];
    EXPECT_EQ(e.where, "$.typologies.sanjian-lianglang.dimensions.hallBay");
    EXPECT_TRUE(contains(e.message, "3.6..4.8")) << e.message;
}

TEST(Overrides, UnknownKeyListsTheAllowedKeys) {
    const auto r = generateBuilding(bundledStyle("hakka"), "tulou-round", {{"floors", "3"}}, 1, 0);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(contains(r.errors()[0].message, "ring1Storeys")) << r.errors()[0].message;
}

TEST(Overrides, NotANumberIsRejected) {
    const auto r = generateBuilding(bundledStyle("guangfu"), "qilou", {{"bays", "four"}}, 1, 0);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(contains(r.errors()[0].message, "not a number")) << r.errors()[0].message;
}

TEST(Overrides, OptionAndMaterialOverridesApply) {
    const Style& g = bundledStyle("guangfu");
    const auto r = resolveTypology(g, "sanjian-lianglang",
                                   {{"gable", "cat-ear"}, {"material.wall", "haoke"}}, 3);
    ASSERT_TRUE(r.ok()) << r.firstError();
    EXPECT_EQ(r->options.at("gable"), "cat-ear");
    EXPECT_EQ(g.materials[r->palette.at("wall")[0]].id, "haoke");
    const auto bad = resolveTypology(g, "sanjian-lianglang", {{"gable", "huo"}}, 3);
    ASSERT_FALSE(bad.ok());
    EXPECT_TRUE(contains(bad.errors()[0].message, "wok-ear, renzi, cat-ear"))
        << bad.errors()[0].message;
}

TEST(Overrides, KeyValueStringsAreSplitAtTheFirstEquals) {
    const auto ok = parseOverrides({"hallBay=4.5", "material.wall=haoke"});
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(ok.value()[1], (std::pair<std::string, std::string>{"material.wall", "haoke"}));
    const auto bad = parseOverrides({"hallBay"});
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.errors()[0].where, "hallBay");
}
