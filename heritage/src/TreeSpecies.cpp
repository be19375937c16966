// Tree species by name, stable seeds from ids, and the measurements a record leaves out:
// what the models in TreeModels.cpp are made from, apart from their geometry.

#include <cunjing/heritage/TreeModels.h>

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string>

namespace cunjing::heritage {

namespace {

bool contains(std::string_view s, std::string_view part) {
    return s.find(part) != std::string_view::npos;
}

}  // namespace

TreeSpecies speciesFromName(std::string_view cn, std::string_view latinName) {
    // 竹柏 (a conifer) and 夹竹桃 (oleander) are not bamboo.
    const bool bambooCn = contains(cn, "竹") && !contains(cn, "竹柏") && !contains(cn, "夹竹桃") &&
                          !contains(cn, "夾竹桃");
    if (contains(cn, "榕"))
        return TreeSpecies::Banyan;
    if (contains(cn, "樟"))
        return TreeSpecies::Camphor;
    if (contains(cn, "荔枝"))
        return TreeSpecies::Lychee;
    if (contains(cn, "龙眼") || contains(cn, "龍眼") || contains(cn, "桂圆") ||
        contains(cn, "桂圓"))
        return TreeSpecies::Longan;
    if (contains(cn, "木棉") || contains(cn, "攀枝花"))
        return TreeSpecies::Kapok;
    if (bambooCn)
        return TreeSpecies::Bamboo;
    if (contains(cn, "芭蕉") || contains(cn, "香蕉") || contains(cn, "大蕉"))
        return TreeSpecies::Banana;
    std::string latin(latinName);
    for (char& c : latin)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    const auto any = [&](std::initializer_list<std::string_view> names) {
        return std::any_of(names.begin(), names.end(),
                           [&](std::string_view n) { return contains(latin, n); });
    };
    if (any({"ficus", "banyan"}))
        return TreeSpecies::Banyan;
    if (any({"cinnamomum", "camphor"}))
        return TreeSpecies::Camphor;
    if (any({"litchi", "lychee"}))
        return TreeSpecies::Lychee;
    if (any({"dimocarpus", "euphoria longan", "longan"}))
        return TreeSpecies::Longan;
    if (any({"bombax", "gossampinus", "kapok"}))
        return TreeSpecies::Kapok;
    if (any({"bambusa", "phyllostachys", "dendrocalamus", "schizostachyum", "pleioblastus",
             "indocalamus", "bamboo"}))
        return TreeSpecies::Bamboo;
    if (latin.rfind("musa", 0) == 0 || any({"banana"}))
        return TreeSpecies::Banana;
    return TreeSpecies::Broadleaf;
}

std::string_view speciesId(TreeSpecies species) {
    switch (species) {
        case TreeSpecies::Banyan:
            return "banyan";
        case TreeSpecies::Camphor:
            return "camphor";
        case TreeSpecies::Lychee:
            return "lychee";
        case TreeSpecies::Longan:
            return "longan";
        case TreeSpecies::Kapok:
            return "kapok";
        case TreeSpecies::Bamboo:
            return "bamboo";
        case TreeSpecies::Banana:
            return "banana";
        case TreeSpecies::Shrub:
            return "shrub";
        case TreeSpecies::Broadleaf:
            break;
    }
    return "broadleaf";
}

std::uint32_t treeSeed(std::string_view id) {
    std::uint32_t h = 2166136261u;
    for (char c : id) {
        h ^= std::uint8_t(c);
        h *= 16777619u;
    }
    return h;
}

double defaultDbhCm(TreeSpecies species, double heightM) {
    // Centimetres of 胸径 per metre of height, rough means for old village trees of each kind;
    // a bamboo's is one culm's diameter.
    double perMetre = 4.5;
    switch (species) {
        case TreeSpecies::Banyan:
            perMetre = 10;
            break;
        case TreeSpecies::Camphor:
            perMetre = 6;
            break;
        case TreeSpecies::Lychee:
            perMetre = 6;
            break;
        case TreeSpecies::Longan:
            perMetre = 5.5;
            break;
        case TreeSpecies::Kapok:
            perMetre = 5;
            break;
        case TreeSpecies::Bamboo:
            perMetre = 0.6;
            break;
        case TreeSpecies::Banana:  // the pseudostem
            perMetre = 5;
            break;
        case TreeSpecies::Shrub:
            perMetre = 2;
            break;
        case TreeSpecies::Broadleaf:
            break;
    }
    return std::clamp(perMetre * heightM, 3.0, 400.0);
}

TreeShape treeShape(const AncientTree& tree) {
    TreeShape s;
    s.species = speciesFromName(tree.speciesCn);
    s.heightM = tree.heightM;
    s.crownM = tree.crownM;
    s.seed = treeSeed(tree.id);
    return s;
}

TreeShape treeShape(const TreeRecord& record) {
    const AncientTree defaults;
    TreeShape s;
    s.species = speciesFromName(record.speciesCn, record.latinName);
    s.heightM = record.heightM.value_or(defaults.heightM);
    s.crownM = record.crown().value_or(defaults.crownM);
    s.dbhCm = record.dbhCm.value_or(0.0);
    s.seed = treeSeed(record.id);
    return s;
}

}  // namespace cunjing::heritage
