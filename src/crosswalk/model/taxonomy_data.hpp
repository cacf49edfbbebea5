// The shipped taxonomy: the TBM v5.0.1 tables (with v4.x names as aliases) and the default mappings of cloud
// services, ledger accounts and asset types, compiled into the binary from model/data/ (README there names
// every file's source). Loading them into a workspace's database is idempotent and happens whenever the
// workspace opens it (workspace::OpenDatabase): a database that already holds this binary's shipped data is
// left alone; one holding an older copy has the shipped rows replaced, in one transaction. docs/taxonomy.md.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "crosswalk/common/embedded_file.hpp"
#include "crosswalk/store/connection.hpp"

namespace crosswalk::model {

// The release the shipped files make up, recorded in reference_data.release. Bump the "defaults" number
// when a default-mapping file changes (the fingerprint changes anyway; this is for people).
inline constexpr std::string_view kShippedTaxonomyRelease = "TBM 5.0.1 with v4.x aliases; crosswalk defaults 1";

// The name of the shipped data set in reference_data.
inline constexpr std::string_view kShippedTaxonomyName = "tbm";

// The taxonomy and versions the shipped rows use in taxonomy_node.
inline constexpr std::string_view kTbm = "tbm";
inline constexpr std::string_view kTbmVersion5 = "5.0.1";
inline constexpr std::string_view kTbmVersion4 = "4.x";

// The embedded files, paths relative to model/data/ ("tbm/tbm-v5.0.1_towers.csv", "defaults/...").
[[nodiscard]] std::span<const EmbeddedFile> TaxonomyDataFiles();

// FNV-1a 64 of the release and every embedded file's path and bytes, as 16 hex digits.
[[nodiscard]] std::string ShippedTaxonomyFingerprint();

// True when the database (at the latest schema) holds exactly this binary's shipped data.
[[nodiscard]] bool ShippedTaxonomyIsCurrent(store::Connection& connection);

// Loads the shipped data unless it is current; returns the rows loaded (0 when it was current). Replaces
// every shipped row of taxonomy_node (by `source`), taxonomy_alias and the default_*_rule tables in one
// transaction; rows of other sources (user extensions) are kept. REQUIRES: the schema is migrated and no
// transaction is open on `connection`. Throws kInternal when the v4-to-v5 crosswalk names a v5 node that does
// not exist (the default rows are checked by TaxonomyDataTest.EveryDefaultRowNamesExistingNodes).
int64_t LoadShippedTaxonomy(store::Connection& connection);

} // namespace crosswalk::model
