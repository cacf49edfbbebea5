#include "crosswalk/generate/csv_writer.hpp"

#include <fmt/format.h>

#include "crosswalk/common/error.hpp"

namespace crosswalk::generate {

CsvWriter::CsvWriter(const std::filesystem::path& path, std::initializer_list<std::string_view> header)
    : path_(path), out_(path, std::ios::binary | std::ios::trunc), columns_(header.size()) {
    if (!out_) {
        Throw(ErrorKind::kIo, "cannot write {}", path.string());
    }
    Row(std::vector<std::string>(header.begin(), header.end()));
    rows_ = 0;
}

void CsvWriter::Row(const std::vector<std::string>& fields) {
    if (fields.size() != columns_) {
        Throw(ErrorKind::kInternal, "{}: a row of {} fields for {} columns", path_.string(), fields.size(), columns_);
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) {
            out_ << ',';
        }
        Write(fields[i]);
    }
    out_ << '\n';
    ++rows_;
}

void CsvWriter::Write(std::string_view field) {
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
        out_ << field;
        return;
    }
    out_ << '"';
    for (const char c : field) {
        if (c == '"') {
            out_ << '"';
        }
        out_ << c;
    }
    out_ << '"';
}

void CsvWriter::Close() {
    out_.close();
    if (!out_) {
        Throw(ErrorKind::kIo, "cannot write {}", path_.string());
    }
}

} // namespace crosswalk::generate
