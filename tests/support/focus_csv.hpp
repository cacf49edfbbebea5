// Builds small, valid FOCUS 1.2 CSV files (every mandatory column, plausible values) that tests then break one
// cell or column at a time.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace crosswalk::testing {

class FocusCsv {
public:
    // `rows` valid rows of FOCUS 1.2: every mandatory column, plus Tags, ResourceId, ChargeFrequency and InvoiceId
    // (a 1.2 column, so the version is recognised).
    explicit FocusCsv(int rows);

    // Sets one cell (row is 0-based); the value is written as given (quote it yourself if needed).
    FocusCsv& Set(int row, const std::string& column, const std::string& value);

    // Sets a column in every row.
    FocusCsv& SetAll(const std::string& column, const std::string& value);

    // Removes a column, or adds one (with `value` in every row).
    FocusCsv& Drop(const std::string& column);
    FocusCsv& Add(const std::string& column, const std::string& value);

    [[nodiscard]] std::string Text() const;

private:
    std::vector<std::string> columns_;
    std::vector<std::map<std::string, std::string>> rows_;
};

} // namespace crosswalk::testing
