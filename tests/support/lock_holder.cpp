// Test helper: opens a DuckDB file for writing (taking its lock), prints "ready", and holds the lock until its
// stdin closes. Lets tests show what a second process sees while `crosswalk serve` or an ingest is running.
#include <iostream>
#include <string>

#include "crosswalk/store/connection.hpp"
#include "crosswalk/store/database.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: crosswalk_test_lock_holder DATABASE\n";
        return 2;
    }
    const auto database = crosswalk::store::Database::Open(argv[1]);
    crosswalk::store::Connection connection(database);
    std::cout << "ready" << std::endl;
    std::string ignored;
    while (std::getline(std::cin, ignored)) {
    }
    return 0;
}
