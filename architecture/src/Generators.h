#pragma once
/// Private: the registry of plan grammars. Each declares the dimensions and options a style's
/// typology must give it (checked when the style loads) and builds the mesh from them.

#include <cunjing/architecture/Building.h>
#include <cunjing/architecture/Style.h>

#include <string>
#include <string_view>
#include <vector>

namespace cunjing::architecture {

/// A dimension a generator reads. lo..hi are hard sanity limits: a style's ranges must lie
/// inside them. Optional dimensions fall back to `fallback` when no file gives them.
struct DimensionSchema {
    std::string name;
    double lo = 0, hi = 0;
    bool integer = false;
    bool required = true;
    double fallback = 0;
};

/// Where an option's values come from.
enum class OptionDomain { Gables, Roofs, Ornaments, Fixed };

struct OptionSchema {
    std::string name;
    OptionDomain domain = OptionDomain::Fixed;
    std::vector<std::string> values;  ///< Fixed domain only
};

class TypologyContext;
using GeneratorFn = Result<BuildingMesh> (*)(const TypologyContext&);

struct GeneratorInfo {
    std::string id;
    std::vector<DimensionSchema> dimensions;
    std::vector<OptionSchema> options;
    GeneratorFn build = nullptr;
};

const std::vector<GeneratorInfo>& generators();
const GeneratorInfo* findGenerator(std::string_view id);

/// The values an option may take in this style (gable ids, roof ids, ... or the fixed list).
std::vector<std::string> optionDomainValues(const Style& style, const OptionSchema& option);

// The typology families, one file each.
std::vector<GeneratorInfo> guangfuGenerators();
std::vector<GeneratorInfo> hakkaGenerators();
std::vector<GeneratorInfo> chaoshanGenerators();
/// The post-1980 town: 自建房 houses and overhead wires (ModernTypologies.cpp).
std::vector<GeneratorInfo> modernGenerators();

/// Dimensions every generator reads (walls, roof detail, doors).
std::vector<DimensionSchema> commonDimensions();

}  // namespace cunjing::architecture
