# crosswalk_embed_files(OUTPUT <file.cpp> NAMESPACE <ns> FUNCTION <name> BASE_DIR <dir> FILES <files...>)
#
# Generates a C++ source defining
#     std::span<const crosswalk::EmbeddedFile> <ns>::<name>();
# with every file's path (relative to BASE_DIR) and bytes, in the order given. Used for schema migrations,
# shipped reference tables and, later, the dashboard's assets, so the binary needs no files beside it.
function(crosswalk_embed_files)
    cmake_parse_arguments(ARG "" "OUTPUT;NAMESPACE;FUNCTION;BASE_DIR" "FILES" ${ARGN})
    add_custom_command(
        OUTPUT "${ARG_OUTPUT}"
        COMMAND ${CMAKE_COMMAND}
            "-DOUTPUT=${ARG_OUTPUT}" "-DNAMESPACE=${ARG_NAMESPACE}" "-DFUNCTION=${ARG_FUNCTION}"
            "-DBASE_DIR=${ARG_BASE_DIR}" "-DFILES=${ARG_FILES}"
            -P "${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake"
        DEPENDS ${ARG_FILES} "${PROJECT_SOURCE_DIR}/cmake/EmbedFilesScript.cmake"
        COMMENT "Embedding ${ARG_FUNCTION}"
        VERBATIM)
endfunction()
