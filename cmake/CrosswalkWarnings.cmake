# INTERFACE target with the project's warning flags; every crosswalk target links it privately.
option(CROSSWALK_WERROR "Treat warnings as errors" OFF)

add_library(crosswalk_warnings INTERFACE)
target_compile_options(crosswalk_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wimplicit-fallthrough)
if(CROSSWALK_WERROR)
    target_compile_options(crosswalk_warnings INTERFACE -Werror)
endif()

# GCC 12 reports false -Wrestrict positives inside libstdc++ for std::string concatenation at -O2/-O3
# (GCC bug 105651, fixed in GCC 13). Keep the warning on for every other compiler.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(crosswalk_warnings INTERFACE -Wno-restrict)
endif()
