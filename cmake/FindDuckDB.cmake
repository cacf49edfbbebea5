# Finds DuckDB's C API: duckdb.h and libduckdb.so.
# Looks in DUCKDB_ROOT (cache variable or environment) first, then in the folder scripts/setup.sh fills
# (.deps/duckdb-<version>), then in the system paths. Defines the IMPORTED target DuckDB::duckdb.
set(_duckdb_hints "")
if(DUCKDB_ROOT)
    list(APPEND _duckdb_hints "${DUCKDB_ROOT}")
endif()
if(DEFINED ENV{DUCKDB_ROOT})
    list(APPEND _duckdb_hints "$ENV{DUCKDB_ROOT}")
endif()
list(APPEND _duckdb_hints "${PROJECT_SOURCE_DIR}/.deps/duckdb-1.4.4")

find_path(DuckDB_INCLUDE_DIR duckdb.h HINTS ${_duckdb_hints} PATH_SUFFIXES include)
find_library(DuckDB_LIBRARY duckdb HINTS ${_duckdb_hints} PATH_SUFFIXES lib lib64)

if(DuckDB_INCLUDE_DIR AND EXISTS "${DuckDB_INCLUDE_DIR}/duckdb.h")
    file(STRINGS "${DuckDB_INCLUDE_DIR}/duckdb.h" _duckdb_api_line REGEX "^#define DUCKDB_API_VERSION ")
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(DuckDB
    REQUIRED_VARS DuckDB_LIBRARY DuckDB_INCLUDE_DIR
    REASON_FAILURE_MESSAGE "run scripts/setup.sh, or pass -DDUCKDB_ROOT=<folder with include/duckdb.h and lib/libduckdb.so>")

if(DuckDB_FOUND AND NOT TARGET DuckDB::duckdb)
    add_library(DuckDB::duckdb SHARED IMPORTED)
    set_target_properties(DuckDB::duckdb PROPERTIES
        IMPORTED_LOCATION "${DuckDB_LIBRARY}"
        INTERFACE_INCLUDE_DIRECTORIES "${DuckDB_INCLUDE_DIR}")
    get_filename_component(DuckDB_LIBRARY_DIR "${DuckDB_LIBRARY}" DIRECTORY)
endif()
mark_as_advanced(DuckDB_INCLUDE_DIR DuckDB_LIBRARY)
