// The scene file reader (scene/src/SceneFile.cpp) on any text: it must answer with a scene or
// with errors, never crash, hang or read out of bounds. The file name places relative paths
// beside the demo, as a scene file there would.

#include <cunjing/scene/SceneFile.h>

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const auto scene = cunjing::scene::parseSceneText(text, "assets/demo/fuzzed.json");
    if (!scene.ok() && scene.errors().empty())
        __builtin_trap();  // a failure must say why
    return 0;
}
