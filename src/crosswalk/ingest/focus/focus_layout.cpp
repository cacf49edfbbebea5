#include "crosswalk/ingest/focus/focus_layout.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <optional>
#include <zlib.h>

#include <nlohmann/json.hpp>

#include "crosswalk/common/error.hpp"
#include "crosswalk/common/text.hpp"
#include "crosswalk/ingest/focus/focus_rule_ids.hpp"
#include "crosswalk/store/sql_quote.hpp"
#include "crosswalk/store/type_family.hpp"

namespace crosswalk::ingest::focus {
namespace {

// One path as a literal, several as a list, which DuckDB reads in order.
std::string PathsSql(std::span<const std::string> paths) {
    if (paths.size() == 1) {
        return store::QuoteLiteral(paths.front());
    }
    std::string list;
    for (const std::string& path : paths) {
        list += (list.empty() ? "[" : ", ") + store::QuoteLiteral(path);
    }
    return list + "]";
}

// FOCUS CSV is comma-separated with RFC 4180 quoting. Every column is read as text so that each value can be
// checked against its FOCUS rule (DuckDB's own typed read would turn a bad TIMESTAMPTZ into NULL unnoticed).
// The bare token NULL (table dumps) and the empty field both mean null.
std::string CsvArguments(const std::string& paths_sql, FileFormat format) {
    return fmt::format("{}, header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"', "
                       "nullstr = ['NULL', ''], compression = '{}'",
                       paths_sql, format == FileFormat::kCsvGzip ? "gzip" : "none");
}

// Sniffs a CSV file once with DuckDB's sniff_csv: its columns, and the dialect that makes read_csv with
// auto_detect off read it as the sniffing read_csv would (what sniff_csv's own Prompt column gives). Reading
// the rows then sniffs nothing: sniffing is most of the fixed cost of reading a small file, and a read of
// several files would sniff each one again.
void SniffCsv(store::Connection& connection, const InputFile& file, FocusLayout& layout) {
    // Lists are read as one JSON text: the chunk reader handles scalar types.
    store::Result result = connection.Query(
        fmt::format("SELECT NewLineDelimiter, SkipRows, Comment, to_json(Columns)::VARCHAR FROM sniff_csv({})",
                    CsvArguments(store::QuoteLiteral(file.path.string()), file.format)));
    auto chunk = result.NextChunk();
    CROSSWALK_ASSERT(chunk && chunk->Size() == 1, "sniff_csv returns one row");
    const std::string comment(chunk->Column(2).String(0));
    std::string columns;
    for (const nlohmann::json& column : nlohmann::json::parse(chunk->Column(3).String(0))) {
        const std::string name = column.at("name").get<std::string>();
        layout.columns.push_back(SourceColumn{name, "VARCHAR", "VARCHAR"});
        columns += fmt::format("{}{}: 'VARCHAR'", columns.empty() ? "" : ", ", store::QuoteLiteral(name));
    }
    layout.csv_dialect = fmt::format("auto_detect = false, new_line = {}, skip = {}, comment = {}, columns = {{{}}}",
                                     store::QuoteLiteral(chunk->Column(0).String(0)), chunk->Column(1).Int64(0),
                                     store::QuoteLiteral(comment == "(empty)" ? "" : comment), columns);
}

// What inflating a whole gzip file found.
struct GzipCheck {
    std::optional<std::string> problem; // in the user's terms; nullopt when every member is complete
    uint64_t size = 0;                  // bytes of CSV text it holds
};

// Inflates the whole file, every member, with zlib. DuckDB 1.4.4 cannot be asked: it reads a gzip stream that
// stops short as if the data ended there, so a truncated file would lose its last rows silently when what is
// left still parses, and fails the sniff with a message about the CSV dialect when it does not. Bytes after
// a complete member that do not start another one are ignored, as gzip itself does.
GzipCheck CheckGzip(const std::filesystem::path& path) {
    GzipCheck check;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        check.problem = "the file cannot be opened";
        return check;
    }
    z_stream stream{};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) {
        check.problem = "zlib could not be initialised";
        return check;
    }
    std::array<char, 65536> input{};
    std::array<unsigned char, 65536> output{};
    uint64_t members = 0;
    bool in_member = false;
    bool done = false;
    while (!done && check.problem == std::nullopt) {
        in.read(input.data(), input.size());
        const auto read = static_cast<uInt>(in.gcount());
        if (read == 0) {
            break;
        }
        stream.next_in = reinterpret_cast<Bytef*>(input.data());
        stream.avail_in = read;
        // Until this input is used up and inflate has nothing left to write (a full output buffer may hide the
        // end of the stream).
        for (;;) {
            stream.next_out = output.data();
            stream.avail_out = static_cast<uInt>(output.size());
            const int status = inflate(&stream, Z_NO_FLUSH);
            check.size += output.size() - stream.avail_out;
            if (status == Z_STREAM_END) {
                ++members;
                in_member = false;
                inflateReset(&stream);
                if (stream.avail_in == 0) {
                    break;
                }
                continue;
            }
            if (status != Z_OK && status != Z_BUF_ERROR) {
                if (!in_member && members > 0) {
                    done = true; // trailing bytes after a complete member
                } else {
                    check.problem = members == 0 && check.size == 0 && !in_member
                                        ? "it is not gzip data (its name ends in .gz)"
                                        : "the gzip data is truncated or corrupt";
                }
                break;
            }
            in_member = true;
            if (status == Z_BUF_ERROR || (stream.avail_in == 0 && stream.avail_out != 0)) {
                break;
            }
        }
    }
    if (check.problem == std::nullopt && (in_member || members == 0)) {
        check.problem = "the gzip data is truncated or corrupt";
    }
    inflateEnd(&stream);
    return check;
}

// The first RFC 4180 quoting fault of a CSV file (plain or gzip: zlib reads both), with its line as an editor
// counts lines, or nullopt. DuckDB's sniffer reports only that no dialect fits, and its reader cannot be asked
// after the failed sniff: the statement's transaction is aborted.
std::optional<std::string> QuotingProblem(const std::filesystem::path& path) {
    gzFile in = gzopen(path.c_str(), "rb");
    if (in == nullptr) {
        return std::nullopt;
    }
    std::array<char, 65536> buffer{};
    uint64_t line = 1;
    uint64_t quote_line = 0;
    bool field_start = true;
    bool in_quote = false;
    bool after_quote = false; // just past a quote inside a quoted field: it closed the field, or "" follows
    std::optional<std::string> problem;
    int read = 0;
    while (!problem && (read = gzread(in, buffer.data(), static_cast<unsigned>(buffer.size()))) > 0) {
        for (int i = 0; i < read && !problem; ++i) {
            const char c = buffer[static_cast<size_t>(i)];
            if (in_quote) {
                if (c == '"') {
                    in_quote = false;
                    after_quote = true;
                } else if (c == '\n') {
                    ++line;
                }
                continue;
            }
            if (after_quote) {
                after_quote = false;
                if (c == '"') { // an escaped quote: still inside the field
                    in_quote = true;
                    continue;
                }
                if (c != ',' && c != '\n' && c != '\r') {
                    // A stray quote pairs with the next one, which then does not end the field.
                    problem = fmt::format("an unclosed quote starting at line {}: the next quote, at line {}, does "
                                          "not end the field",
                                          quote_line, line);
                    continue;
                }
            }
            if (c == '"' && field_start) {
                in_quote = true;
                quote_line = line;
            }
            field_start = c == ',' || c == '\n';
            if (c == '\n') {
                ++line;
            }
        }
    }
    gzclose(in);
    if (!problem && in_quote) {
        problem = fmt::format("an unclosed quote starting at line {}", quote_line);
    }
    return problem;
}

// DuckDB's error text without the statement crosswalk ran (" [in: SELECT ... sniff_csv(...)"), first line only.
std::string WithoutStatement(const std::string& message) {
    std::string line = FirstLine(message);
    const size_t in = line.find(" [in: ");
    if (in != std::string::npos) {
        line.resize(in);
    }
    return line;
}

// Why the sniff of a CSV file failed, in the user's terms.
std::string ExplainSniffError(const InputFile& file, uint64_t text_size, const std::string& message) {
    if (message.find("Input is not a GZIP stream") != std::string::npos) {
        return "it is not gzip data (its name ends in .gz)";
    }
    if (text_size == 0) {
        return "the file is empty: no header row";
    }
    if (message.find("Sniffer detected value different than the user input for the Header") != std::string::npos) {
        return "no header row (the first line does not read as column names)";
    }
    if (message.find("Error when sniffing file") == std::string::npos) {
        return WithoutStatement(message);
    }
    if (std::optional<std::string> problem = QuotingProblem(file.path)) {
        return *problem;
    }
    return "no CSV layout fits it (comma-separated, RFC 4180 quotes, a header row)";
}

std::string TypeName(duckdb_type type) {
    switch (store::FamilyOf(type)) {
    case store::TypeFamily::kText:
        return "VARCHAR";
    case store::TypeFamily::kBoolean:
        return "BOOLEAN";
    case store::TypeFamily::kInteger:
        return "INTEGER";
    case store::TypeFamily::kDecimal:
        return "DECIMAL";
    case store::TypeFamily::kFloat:
        return "DOUBLE";
    case store::TypeFamily::kDate:
        return "DATE";
    case store::TypeFamily::kTimestamp:
        return "TIMESTAMP";
    case store::TypeFamily::kTimestampTz:
        return "TIMESTAMPTZ";
    case store::TypeFamily::kMap:
        return "MAP";
    case store::TypeFamily::kStruct:
        return "STRUCT";
    case store::TypeFamily::kOther:
        break;
    }
    return "OTHER";
}

// The date order of a FOCUS file's text date-time columns (typed Parquet date-times need none).
void ResolveFileDateOrder(store::Connection& connection, FocusLayout& layout) {
    std::vector<std::string> columns;
    for (const MappedColumn& column : layout.mapped) {
        const std::string& type = column.source.type;
        if (column.focus->type == model::FocusType::kDateTime && type != "TIMESTAMP" && type != "DATE" &&
            type != "TIMESTAMPTZ") {
            columns.push_back(column.source.name);
        }
    }
    try {
        layout.date_order = ResolveDateOrder(connection, layout.path, layout.relation_sql, columns, layout.date_order);
    } catch (const Error& error) {
        // DuckDB's own errors (a CSV it cannot parse) do not name the file; the refusals already do.
        if (error.Kind() == ErrorKind::kInternal || error.Message().rfind(layout.path + ": ", 0) == 0) {
            throw;
        }
        Throw(ErrorKind::kInvalidInput, "{}: cannot be read: {}", layout.path, FirstLine(error.Message()));
    }
}

} // namespace

const SourceColumn* FocusLayout::SourceOf(std::string_view focus_name) const {
    for (const MappedColumn& column : mapped) {
        if (column.focus->name == focus_name) {
            return &column.source;
        }
    }
    return nullptr;
}

std::string FocusRelationSql(const FocusLayout& layout, std::span<const std::string> paths) {
    CROSSWALK_ASSERT(!paths.empty(), "a relation reads at least one file");
    if (layout.format == FileFormat::kParquet) {
        return fmt::format("read_parquet({})", PathsSql(paths));
    }
    return fmt::format("read_csv({}, {})", CsvArguments(PathsSql(paths), layout.format), layout.csv_dialect);
}

bool SameShape(const FocusLayout& a, const FocusLayout& b) {
    return a.format == b.format && a.csv_dialect == b.csv_dialect && a.date_order == b.date_order &&
           a.default_provider == b.default_provider &&
           std::equal(a.columns.begin(), a.columns.end(), b.columns.begin(), b.columns.end(),
                      [](const SourceColumn& x, const SourceColumn& y) {
                          return x.name == y.name && x.type == y.type && x.sql_type == y.sql_type;
                      });
}

model::FocusVersion DetectVersion(const std::vector<const model::FocusColumn*>& present) {
    model::FocusVersion version = model::FocusVersion::k1_0;
    for (const model::FocusColumn* column : present) {
        version = std::max(version, column->introduced);
    }
    return version;
}

FocusLayout DescribeFocusFile(store::Connection& connection, const InputFile& file, DateOrder date_order) {
    FocusLayout layout;
    layout.path = file.path.string();
    layout.format = file.format;
    const std::string path = file.path.string();
    uint64_t text_size = file.size_bytes;
    if (file.format == FileFormat::kCsvGzip) {
        const GzipCheck gzip = CheckGzip(file.path);
        if (gzip.problem) {
            Throw(ErrorKind::kInvalidInput, "{}: cannot be read as {}: {}", layout.path, FileFormatName(file.format),
                  *gzip.problem);
        }
        text_size = gzip.size;
    } else if (file.format == FileFormat::kCsv) {
        std::error_code ignored;
        text_size = std::filesystem::file_size(file.path, ignored);
    }
    try {
        if (file.format != FileFormat::kParquet) {
            SniffCsv(connection, file, layout);
        }
        layout.relation_sql = FocusRelationSql(layout, std::span<const std::string>(&path, 1));
        if (file.format == FileFormat::kParquet) {
            store::PreparedStatement statement = connection.Prepare("SELECT * FROM " + layout.relation_sql);
            for (uint64_t i = 0; i < statement.ColumnCount(); ++i) {
                const std::string type = TypeName(statement.ColumnType(i));
                layout.columns.push_back(SourceColumn{statement.ColumnName(i), type, type});
            }
            // The full types (a decimal's width and scale, a timestamp's unit) decide which checks a column needs.
            store::Result described = connection.Query("DESCRIBE SELECT * FROM " + layout.relation_sql);
            size_t i = 0;
            while (auto chunk = described.NextChunk()) {
                for (uint64_t row = 0; row < chunk->Size() && i < layout.columns.size(); ++row, ++i) {
                    layout.columns[i].sql_type = std::string(chunk->Column(1).String(row));
                }
            }
        }
    } catch (const Error& error) {
        if (error.Kind() == ErrorKind::kInternal) {
            throw;
        }
        Throw(ErrorKind::kInvalidInput, "{}: cannot be read as {}: {}", layout.path, FileFormatName(file.format),
              file.format == FileFormat::kParquet ? WithoutStatement(error.Message())
                                                  : ExplainSniffError(file, text_size, error.Message()));
    }

    // Current names first, so that a file carrying both a current and a former name uses the current one.
    std::vector<const model::FocusColumn*> present;
    std::vector<bool> used(layout.columns.size(), false);
    for (int pass = 0; pass < 2; ++pass) {
        for (size_t i = 0; i < layout.columns.size(); ++i) {
            const model::FocusColumn* focus = model::FindFocusColumn(layout.columns[i].name);
            if (used[i] || focus == nullptr || (pass == 0) != (focus->name == layout.columns[i].name) ||
                std::find(present.begin(), present.end(), focus) != present.end()) {
                continue;
            }
            used[i] = true;
            present.push_back(focus);
            if (focus->name != layout.columns[i].name) {
                layout.renamed_columns.push_back(fmt::format("{} -> {}", layout.columns[i].name, focus->name));
            }
            layout.mapped.push_back(MappedColumn{focus, layout.columns[i]});
        }
    }
    for (size_t i = 0; i < layout.columns.size(); ++i) {
        if (!used[i]) {
            layout.extra_columns.push_back(layout.columns[i]);
            if (layout.columns[i].name.rfind("x_", 0) != 0) {
                layout.unknown_columns.push_back(layout.columns[i].name);
            }
        }
    }
    const auto catalog = model::FocusColumns();
    std::sort(layout.mapped.begin(), layout.mapped.end(), [&](const MappedColumn& a, const MappedColumn& b) {
        return a.focus < b.focus; // the catalog is one array: pointer order is catalog order
    });
    layout.version = DetectVersion(present);
    for (const model::FocusColumn& column : catalog) {
        if (model::PresenceIn(column, layout.version) == model::Presence::kMandatory &&
            std::find(present.begin(), present.end(), &column) == present.end()) {
            layout.missing_mandatory.push_back(&column);
        }
    }
    layout.date_order = date_order;
    if (!layout.mapped.empty() && layout.missing_mandatory.empty()) {
        ResolveFileDateOrder(connection, layout);
    }
    return layout;
}

void RequireFocusDataset(const FocusLayout& layout) {
    if (layout.mapped.empty()) {
        std::string names;
        for (size_t i = 0; i < layout.columns.size() && i < 8; ++i) {
            names += (i == 0 ? "" : ", ") + layout.columns[i].name;
        }
        Throw(ErrorKind::kInvalidInput, "{}: not a FOCUS dataset: none of its columns is a FOCUS column (it has: {}{})",
              layout.path, names, layout.columns.size() > 8 ? ", ..." : "");
    }
    if (!layout.missing_mandatory.empty()) {
        std::string missing;
        for (const model::FocusColumn* column : layout.missing_mandatory) {
            missing +=
                fmt::format("{}{} ({})", missing.empty() ? "" : ", ", column->name, RuleIdsOf(column->name).presence);
        }
        Throw(ErrorKind::kInvalidInput, "{}: not a complete FOCUS {} dataset: mandatory columns missing: {}",
              layout.path, model::FocusVersionName(layout.version), missing);
    }
}

} // namespace crosswalk::ingest::focus
