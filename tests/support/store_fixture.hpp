// A fresh in-memory database and connection for each test.
#pragma once

#include <gtest/gtest.h>

#include "crosswalk/store/connection.hpp"
#include "crosswalk/store/database.hpp"

namespace crosswalk::testing {

class StoreTest : public ::testing::Test {
protected:
    store::Database database_ = store::Database::OpenInMemory();
    store::Connection connection_{database_};

    int64_t Count(const std::string& table) {
        return connection_.Query("SELECT count(*) FROM " + table).ScalarInt64().value_or(-1);
    }
};

} // namespace crosswalk::testing
