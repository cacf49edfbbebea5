# INTERFACE target carrying sanitizer and debug-assertion flags; every crosswalk target links it privately.
#   -DCROSSWALK_SANITIZE=address,undefined
set(CROSSWALK_SANITIZE "" CACHE STRING "Comma-separated sanitizers to build with (address,undefined)")

add_library(crosswalk_sanitizers INTERFACE)
target_compile_definitions(crosswalk_sanitizers INTERFACE $<$<CONFIG:Debug>:_GLIBCXX_ASSERTIONS>)
if(CROSSWALK_SANITIZE)
    target_compile_options(crosswalk_sanitizers INTERFACE
        -fsanitize=${CROSSWALK_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(crosswalk_sanitizers INTERFACE -fsanitize=${CROSSWALK_SANITIZE})
endif()

# -DCROSSWALK_FUZZ=ON (clang only): instrument everything for libFuzzer; tests/ then builds the fuzz targets.
option(CROSSWALK_FUZZ "Build the libFuzzer targets (clang)" OFF)
if(CROSSWALK_FUZZ)
    target_compile_options(crosswalk_sanitizers INTERFACE -fsanitize=fuzzer-no-link)
endif()
