// The style file reader (architecture/src/Style.cpp) on any text: a style or errors that say
// why, never a crash, hang or out-of-bounds read.

#include <cunjing/architecture/Style.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto style = cunjing::architecture::parseStyle(text, "fuzzed.json");
    if (!style.ok() && style.errors().empty())
        __builtin_trap();
    return 0;
}
