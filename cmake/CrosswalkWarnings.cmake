# INTERFACE target with the project's warning flags; every crosswalk target links it privately.
option(CROSSWALK_WERROR "Treat warnings as errors" OFF)

add_library(crosswalk_warnings INTERFACE)
target_compile_options(crosswalk_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wimplicit-fallthrough)
if(CROSSWALK_WERROR)
    target_compile_options(crosswalk_warnings INTERFACE -Werror)
endif()
