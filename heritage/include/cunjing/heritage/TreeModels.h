#pragma once
/// Species-specific procedural trees as plain meshes (no GL): 榕树 banyan with aerial and prop
/// roots, 樟树 camphor, 荔枝 lychee, 龙眼 longan, 木棉 kapok, a 竹 bamboo clump, a 芭蕉 banana
/// plant, a low evergreen shrub and a generic broadleaf for every other species. Sized from a
/// record (height, mean crown, DBH), varied by a seed taken from the tree's id, so one tree looks
/// the same on every run.

#include <cunjing/geo/Mesh.h>
#include <cunjing/heritage/AncientTree.h>
#include <cunjing/heritage/Records.h>

#include <cstdint>
#include <string_view>

namespace cunjing::heritage {

/// The tree models there are; every other species is drawn as Broadleaf.
/// Banana (芭蕉/香蕉) and Shrub are the generated greenery's (scene/Greenery.h); a register
/// names a banana by its name, never a shrub.
enum class TreeSpecies { Broadleaf, Banyan, Camphor, Lychee, Longan, Kapok, Bamboo, Banana, Shrub };

/// Recognises a species from its Chinese name (simplified or traditional: 榕/榕樹, 樟, 荔枝,
/// 龙眼/龍眼, 木棉, 竹) or its Latin name (Ficus, Cinnamomum, Litchi, Dimocarpus, Bombax,
/// Bambusa/Phyllostachys/Dendrocalamus ...); Broadleaf when neither is known.
TreeSpecies speciesFromName(std::string_view speciesCn, std::string_view latinName = {});
/// "banyan", "camphor" ... (file and node names).
std::string_view speciesId(TreeSpecies species);

/// What a tree model is made from: a record's measurements, already defaulted.
struct TreeShape {
    TreeSpecies species = TreeSpecies::Broadleaf;
    double heightM = 12;  ///< root collar to tip
    double crownM = 10;   ///< 平均冠幅: the mean of the E-W and N-S crown spread
    /// 胸径 at 1.3 m; for bamboo the diameter of one culm. 0: a typical value for the height.
    double dbhCm = 0;
    std::uint32_t seed = 0;  ///< variation; treeSeed(id) for register trees
};

/// A stable seed from a tree id (FNV-1a), the same on every platform.
std::uint32_t treeSeed(std::string_view id);
/// A typical 胸径 for a tree of this species and height when the record has none.
double defaultDbhCm(TreeSpecies species, double heightM);

TreeShape treeShape(const AncientTree& tree);
/// A register record; a missing height or crown takes the AncientTree defaults.
TreeShape treeShape(const TreeRecord& record);

/// Full detail for near trees (a few thousand triangles at most), Simple for far ones (a few
/// hundred, the same silhouette and size).
enum class TreeDetail { Full, Simple };

/// What each vertex belongs to (geo::Mesh::partIds), for tests and for picking parts.
enum class TreePart : std::uint32_t { Trunk, Branch, Foliage, AerialRoot, PropRoot, Flower };

/// The tree in its own frame: trunk base at the origin, Z up, metres. Its top is at heightM
/// and its mean crown spread (E-W and N-S widths) is crownM; the trunk and roots go 0.3 m
/// below 0 so the tree sits into sloping ground.
geo::Mesh treeModel(const TreeShape& shape, TreeDetail detail = TreeDetail::Full);

}  // namespace cunjing::heritage
