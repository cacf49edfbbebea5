// Versioned schema. Migrations are the SQL files in model/migrations/, named NNNN_what.sql and compiled into
// the binary; each runs once, in its own transaction, and is recorded in `schema_version`. Opening a file
// made by an older crosswalk migrates it; opening one made by a newer crosswalk fails with a clear message.
// A migration file, once released, is never edited: changes come as a new file.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crosswalk/store/connection.hpp"

namespace crosswalk::model {

struct Migration {
    int64_t version;      // from the file name's number
    std::string name;     // the file name
    std::string_view sql; // one or more statements
};

// The migrations shipped in this binary, in version order. Checks that versions are 1, 2, 3, ... without gaps.
[[nodiscard]] std::span<const Migration> ShippedMigrations();

// The schema version this binary writes.
[[nodiscard]] int64_t LatestSchemaVersion();

// The database's version: 0 for an empty database. Throws kUnsupported for a database that holds tables but no
// schema_version (not a crosswalk database).
[[nodiscard]] int64_t CurrentSchemaVersion(store::Connection& connection);

// Brings the database to the last of `migrations`; returns how many were applied. Throws kUnsupported when the
// database is newer than the last migration. Each migration commits on its own: a failure leaves the database
// at the last version that succeeded.
int64_t Migrate(store::Connection& connection, std::span<const Migration> migrations = ShippedMigrations());

} // namespace crosswalk::model
