// A CSV file written row by row (RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled;
// LF line ends). Throws crosswalk::Error naming the file when it cannot be written.
#pragma once

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace crosswalk::generate {

class CsvWriter {
public:
    CsvWriter(const std::filesystem::path& path, std::initializer_list<std::string_view> header);
    CsvWriter(const CsvWriter&) = delete;
    CsvWriter& operator=(const CsvWriter&) = delete;

    // One row; it must have as many fields as the header.
    void Row(const std::vector<std::string>& fields);

    [[nodiscard]] int64_t Rows() const noexcept { return rows_; }

    // Flushes and checks that everything reached the file.
    void Close();

private:
    void Write(std::string_view field);

    std::filesystem::path path_;
    std::ofstream out_;
    std::size_t columns_ = 0;
    int64_t rows_ = 0;
};

} // namespace crosswalk::generate
