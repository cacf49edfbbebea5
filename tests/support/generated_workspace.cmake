# The generated-workspace test fixture (tests/CMakeLists.txt, FIXTURES_SETUP generated_workspace): the demo
# company of `crosswalk generate --months 2` (seed 42), made once per ctest run into the build tree:
#   DIR/generated/   the generated files only
#   DIR/loaded/      the same files after `crosswalk run`: every source loaded, and enriched
#   DIR/complete     written last, so a test can tell a finished fixture from a failed one
# Usage: cmake -DCROSSWALK=<crosswalk binary> -DDIR=<folder> -P generated_workspace.cmake
cmake_minimum_required(VERSION 3.25)
file(REMOVE_RECURSE "${DIR}")
file(MAKE_DIRECTORY "${DIR}")

function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT status EQUAL 0)
        message(FATAL_ERROR "generated_workspace: `${ARGN}` failed (${status}):\n${out}${err}")
    endif()
    message(STATUS "${out}")
endfunction()

run("${CROSSWALK}" generate "${DIR}/generated" --months 2 --seed 42)
run("${CMAKE_COMMAND}" -E copy_directory "${DIR}/generated" "${DIR}/loaded")
run("${CROSSWALK}" run -w "${DIR}/loaded")
file(WRITE "${DIR}/complete" "")
