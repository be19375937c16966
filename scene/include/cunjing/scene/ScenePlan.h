#pragma once
/// A town plan (architecture/TownPlan.h) on a loaded scene: the "after" state of one
/// alternative as building geometry beside the existing one, the change list, and the rule
/// checks (heritage/PlanRules.h) of it. The existing scene is never changed; an after state
/// shares its terrain, trees and models and replaces only the buildings. Buildings the plan
/// does not touch are copied from the existing geometry, changed ones are generated again
/// (through a cache, so the plan editor's next edit regenerates only what that edit changed),
/// added ones are stood on the ground as it is (the terrain is not levelled again).

#include <cunjing/architecture/TownPlan.h>
#include <cunjing/geo/Mesh.h>
#include <cunjing/geo/Result.h>
#include <cunjing/heritage/PlanRules.h>
#include <cunjing/scene/SceneData.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cunjing::scene {

/// The buildings of one state (existing, or an alternative applied), like SceneData's:
/// partIds of `buildings` index `placed`; ground areas (paving, ponds) carry no building id.
struct BuildingState {
    geo::Mesh buildings;
    std::vector<PlacedBuilding> placed;
    std::vector<architecture::PlanChange> changes;  ///< empty for the existing state
    std::vector<Error> warnings;                    ///< the plan's warnings (a rule selects none)

    /// The placed building of a scene id ("street/street-a-03"), or nullptr.
    const PlacedBuilding* find(const std::string& sceneId) const;
};

/// Generated buildings by their inputs (style, typology, params, seed), shared between
/// successive applications of a plan being edited.
class BuildingCache {
public:
    BuildingCache();
    ~BuildingCache();
    BuildingCache(const BuildingCache&) = delete;
    BuildingCache& operator=(const BuildingCache&) = delete;
    std::size_t size() const;
    struct Impl;
    Impl& impl() { return *impl_; }

private:
    std::unique_ptr<Impl> impl_;
};

/// The scene's buildings as a plan selects them: id, group, footprint and the register zones
/// its footprint's centroid lies in.
std::vector<architecture::PlanBuilding> planBuildings(const SceneData& data);

/// The existing state of a loaded scene, as applyScenePlan's result has it.
BuildingState existingState(const SceneData& data);

/// The after state of `alternative` on the scene. Errors (a missing building, params a
/// typology refuses) name the plan file and JSON path; the existing state is untouched.
Result<BuildingState> applyScenePlan(const SceneData& data, const architecture::TownPlan& plan,
                                     const std::string& alternative,
                                     BuildingCache* cache = nullptr);

/// The scene's plans ("plans": [...] in the scene file), read; a file that fails to read is an
/// error naming it.
Result<std::vector<architecture::TownPlan>> loadScenePlans(const SceneData& data);

/// What a rule check runs on: the jurisdiction's rules, the scene's register zones and graded
/// trees, and the control lines the scene names ("control_lines") plus `extraControlLines`
/// ("FILE" or "FILE:KIND", the kind a token or Chinese name, split at the last ':').
struct PlanCheckSetup {
    std::string jurisdiction = "guangdong";
    std::vector<std::string> extraControlLines;
};

struct PlanCheck {
    std::vector<heritage::RuleResult> results;  ///< positions in the local frame
    int errors = 0, warnings = 0;
    std::vector<std::string> rulesChecked;  ///< the rule ids the rules file enables
};

/// Checks every building of `state` (its footprint, eave height, roof form and colours,
/// architecture::buildingFacts); added and enlarged buildings count as new construction.
Result<PlanCheck> checkScenePlan(const SceneData& data, const BuildingState& state,
                                 const PlanCheckSetup& setup);

}  // namespace cunjing::scene
