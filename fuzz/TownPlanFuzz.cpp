// The town plan reader (architecture/src/TownPlan.cpp) on any text: a plan or errors that say
// why. A plan it accepts must come back the same through formatTownPlan, as the plan editor
// saves it: a plan that reads but does not write back would be lost on the next save.

#include <cunjing/architecture/TownPlan.h>

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace arch = cunjing::architecture;
    const std::string text(reinterpret_cast<const char*>(data), size);
    const auto plan = arch::parseTownPlan(text, "fuzzed.json");
    if (!plan.ok()) {
        if (plan.errors().empty())
            __builtin_trap();
        return 0;
    }
    const std::string written = arch::formatTownPlan(plan.value());
    const auto again = arch::parseTownPlan(written, "written.json");
    if (!again.ok() || arch::formatTownPlan(again.value()) != written)
        __builtin_trap();  // accepted, but not written back as read
    return 0;
}
