#include "crosswalk/store/transaction.hpp"

#include <exception>

#include "crosswalk/common/error.hpp"
#include "crosswalk/common/log.hpp"

namespace crosswalk::store {

Transaction::Transaction(Connection& connection) : connection_(connection) {
    connection_.Execute("BEGIN TRANSACTION");
}

Transaction::~Transaction() {
    if (!open_) {
        return;
    }
    try {
        connection_.Execute("ROLLBACK");
    } catch (const std::exception& error) {
        Log().error("rollback failed: {}", error.what());
    }
}

void Transaction::Commit() {
    CROSSWALK_ASSERT(open_, "transaction committed twice");
    try {
        connection_.Execute("COMMIT");
        open_ = false;
    } catch (...) {
        // DuckDB leaves a transaction whose COMMIT failed aborted; the destructor rolls it back.
        throw;
    }
}

} // namespace crosswalk::store
