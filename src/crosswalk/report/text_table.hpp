// The text renderings every output of crosswalk shares: an aligned table for people and RFC 4180 CSV fields.
// `crosswalk sql` (query_output) and the reports (report_render) both print through these, so a table looks
// the same whichever command printed it.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace crosswalk::report {

struct TextColumn {
    std::string header;
    bool right_aligned = false; // numbers and their headers align right
};

// Writes a header line, a rule of dashes, `rows`, and, when `footer` is not empty, a second rule and the footer
// rows (totals). Columns are two spaces apart and as wide as their widest cell; lines carry no trailing blanks.
// Cells are printed through CellText. REQUIRES: every row has columns.size() cells.
void WriteAlignedTable(std::ostream& out, const std::vector<TextColumn>& columns,
                       const std::vector<std::vector<std::string>>& rows,
                       const std::vector<std::vector<std::string>>& footer = {});

// Display width of UTF-8 text: code points, not bytes (good enough for aligned output; no East Asian widths).
[[nodiscard]] size_t DisplayWidth(std::string_view text);

// One line of a table cell: line breaks and tabs become spaces, since they would break the layout.
[[nodiscard]] std::string CellText(std::string_view text);

// `text` as one CSV field, quoted when it holds a comma, quote, CR or LF (RFC 4180); quotes are doubled.
void WriteCsvField(std::ostream& out, std::string_view text);

} // namespace crosswalk::report
