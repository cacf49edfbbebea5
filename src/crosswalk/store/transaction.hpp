// A transaction scope: BEGIN on construction, ROLLBACK on destruction unless Commit() succeeded. Every
// mutating operation runs in one, so that a failure leaves the store exactly as it was.
#pragma once

#include "crosswalk/store/connection.hpp"

namespace crosswalk::store {

// Not copyable or movable: it is a scope. Not thread-safe.
class Transaction {
public:
    explicit Transaction(Connection& connection);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    Transaction(Transaction&&) = delete;
    Transaction& operator=(Transaction&&) = delete;

    // Rolls back unless committed; never throws (a failed rollback is logged).
    ~Transaction();

    // COMMIT. Throws crosswalk::Error if DuckDB refuses (a conflict, a constraint checked at commit); the
    // transaction is then rolled back.
    void Commit();

    [[nodiscard]] Connection& GetConnection() noexcept { return connection_; }

private:
    Connection& connection_;
    bool open_ = true;
};

} // namespace crosswalk::store
