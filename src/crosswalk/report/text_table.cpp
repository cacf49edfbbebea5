#include "crosswalk/report/text_table.hpp"

#include <algorithm>

namespace crosswalk::report {

size_t DisplayWidth(std::string_view text) {
    return static_cast<size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string CellText(std::string_view text) {
    std::string cell(text);
    std::replace_if(
        cell.begin(), cell.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
    return cell;
}

void WriteAlignedTable(std::ostream& out, const std::vector<TextColumn>& columns,
                       const std::vector<std::vector<std::string>>& rows,
                       const std::vector<std::vector<std::string>>& footer) {
    std::vector<size_t> widths;
    for (const TextColumn& column : columns) {
        widths.push_back(DisplayWidth(column.header));
    }
    for (const auto* lines : {&rows, &footer}) {
        for (const auto& line : *lines) {
            for (size_t c = 0; c < columns.size(); ++c) {
                widths[c] = std::max(widths[c], DisplayWidth(CellText(line[c])));
            }
        }
    }
    auto write_line = [&](const std::vector<std::string>& line) {
        std::string text;
        for (size_t c = 0; c < columns.size(); ++c) {
            const std::string cell = CellText(line[c]);
            const std::string padding(widths[c] - DisplayWidth(cell), ' ');
            if (c > 0) {
                text += "  ";
            }
            text += columns[c].right_aligned ? padding + cell : cell + padding;
        }
        text.erase(text.find_last_not_of(' ') + 1); // no trailing blanks (an empty or left-aligned last cell)
        out << text << '\n';
    };
    std::vector<std::string> header;
    std::vector<std::string> rule;
    for (size_t c = 0; c < columns.size(); ++c) {
        header.push_back(columns[c].header);
        rule.emplace_back(widths[c], '-');
    }
    write_line(header);
    write_line(rule);
    for (const auto& line : rows) {
        write_line(line);
    }
    if (!footer.empty()) {
        write_line(rule);
        for (const auto& line : footer) {
            write_line(line);
        }
    }
}

void WriteCsvField(std::ostream& out, std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        out << text;
        return;
    }
    out.put('"');
    for (const char c : text) {
        if (c == '"') {
            out.put('"');
        }
        out.put(c);
    }
    out.put('"');
}

} // namespace crosswalk::report
