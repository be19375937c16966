// The main of every test executable. Before the tests run it points CUNJING_IMPORT_WORKER at
// this build's import worker (unless the caller set it), so a scene loaded by a test reads its
// models as the programs do: the test executables do not sit beside the worker. The binary
// folder comes from ctest (CUNJING_BINARY_DIR) or is ./build when a test is run by hand from
// the repository root.

#include "TestPaths.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

int main(int argc, char** argv) {
    const auto worker =
        std::filesystem::absolute(cunjing::test::executable("cunjing-import-worker"));
    ::setenv("CUNJING_IMPORT_WORKER", worker.c_str(), 0);
    testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
