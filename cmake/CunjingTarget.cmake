# One place that configures every target of ours: standard, warnings, include layout,
# test registration and shader embedding.

option(CUNJING_WERROR "Treat warnings as errors (on by default under CI)" $ENV{CI})

function(cunjing_configure_target target)
    target_compile_features(${target} PUBLIC cxx_std_20)
    set_target_properties(${target} PROPERTIES CXX_EXTENSIONS OFF)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow)
    # GCC 12 reports -Wrestrict on ordinary "literal" + std::string chains at -O3 (GCC bug
    # 105329, fixed in 13): a false positive that would fail every such line under -Werror.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
        target_compile_options(${target} PRIVATE -Wno-restrict)
    endif()
    if(CUNJING_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()

# cunjing_add_module(NAME <module> SOURCES ... PUBLIC_DEPS ... PRIVATE_DEPS ...)
# A module is a folder with include/cunjing/<module>/ and src/.
function(cunjing_add_module)
    cmake_parse_arguments(ARG "" "NAME" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
    add_library(cunjing_${ARG_NAME} STATIC ${ARG_SOURCES})
    target_include_directories(cunjing_${ARG_NAME}
        PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
        PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
    target_link_libraries(cunjing_${ARG_NAME} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
    cunjing_configure_target(cunjing_${ARG_NAME})
endfunction()

# cunjing_add_test(NAME <name> TIER unit|render|cli SOURCES ... DEPS ...)
# The tier becomes the ctest label; tests run from the repository root so that
# ../shared/data and assets/ resolve the same way for every test.
function(cunjing_add_test)
    cmake_parse_arguments(ARG "" "NAME;TIER;TIMEOUT;LOCK" "SOURCES;DEPS" ${ARGN})
    set(target test_${ARG_TIER}_${ARG_NAME})
    add_executable(${target} ${ARG_SOURCES})
    target_link_libraries(${target} PRIVATE ${ARG_DEPS} cunjing_testsupport)
    cunjing_configure_target(${target})
    # TIMEOUT: seconds for each of its tests, where test.sh's default --timeout is too short
    # (a test's own TIMEOUT wins over ctest's default).
    set(timeout_property "")
    if(ARG_TIMEOUT)
        set(timeout_property TIMEOUT ${ARG_TIMEOUT})
    endif()
    # LOCK: a ctest resource lock its tests hold, so that tests which must not overlap (viewer
    # windows on one X display: a window that opens takes the focus, and the viewer drops its
    # touches on focus loss) run one at a time while other tests run beside them.
    set(lock_property "")
    if(ARG_LOCK)
        set(lock_property RESOURCE_LOCK ${ARG_LOCK})
    endif()
    gtest_discover_tests(${target}
        WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
        PROPERTIES LABELS ${ARG_TIER} ${timeout_property} ${lock_property}
                   # One variable only: gtest_discover_tests splits a list value, and would
                   # set only its first item. The other paths follow from it (TestPaths.h),
                   # and the tests' main (tests/support/TestMain.cpp) finds the import worker.
                   ENVIRONMENT "CUNJING_BINARY_DIR=${PROJECT_BINARY_DIR}"
        DISCOVERY_TIMEOUT 60)
endfunction()

# Embeds every file of a shader folder into a generated source as a string table,
# so the binaries need no data files; CUNJING_SHADER_DIR overrides them from disk.
function(cunjing_embed_shaders target dir)
    file(GLOB shader_files CONFIGURE_DEPENDS ${dir}/*.vert ${dir}/*.frag ${dir}/*.glsl)
    set(out ${CMAKE_CURRENT_BINARY_DIR}/EmbeddedShaders.cpp)
    add_custom_command(OUTPUT ${out}
        COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DFILES="${shader_files}"
                -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
        DEPENDS ${shader_files} ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
        COMMENT "Embedding shaders")
    target_sources(${target} PRIVATE ${out})
endfunction()
