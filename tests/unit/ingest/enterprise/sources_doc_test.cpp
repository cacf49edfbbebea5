// docs/sources.md is the readable form of source_schema.cpp: every column, allowed value and rule of every kind
// is documented in the kind's section, so the two cannot drift apart unnoticed.
#include <filesystem>

#include <gtest/gtest.h>

#include "crosswalk/ingest/enterprise/source_schema.hpp"

#include "support/temp_dir.hpp"

namespace crosswalk {
namespace {

std::string SourcesDoc() {
    const std::filesystem::path root = CROSSWALK_SOURCE_DIR;
    return testing::ReadFile(root / "docs" / "sources.md");
}

// The text of the section "## <kind>", up to the next "## ".
std::string Section(const std::string& doc, std::string_view kind) {
    const std::string heading = "\n## " + std::string(kind) + "\n";
    const size_t start = doc.find(heading);
    if (start == std::string::npos) {
        return "";
    }
    const size_t end = doc.find("\n## ", start + heading.size());
    return doc.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// The table row of `column` in a section.
std::string RowOf(const std::string& section, std::string_view column) {
    const std::string start = "| `" + std::string(column) + "` |";
    const size_t at = section.find(start);
    if (at == std::string::npos) {
        return "";
    }
    return section.substr(at, section.find('\n', at) - at);
}

TEST(SourcesDocTest, DocumentsEveryColumnAllowedValueAndRuleOfEveryKind) {
    const std::string doc = SourcesDoc();
    for (const ingest::enterprise::KindSpec& kind : ingest::enterprise::EnterpriseKinds()) {
        const std::string section = Section(doc, kind.kind);
        ASSERT_FALSE(section.empty()) << "no section for " << kind.kind;
        for (const ingest::enterprise::FieldSpec& field : kind.fields) {
            const std::string row = RowOf(section, field.name);
            ASSERT_FALSE(row.empty()) << kind.kind << "." << field.name << " is not documented";
            EXPECT_EQ(row.find("| yes") != std::string::npos, field.required)
                << kind.kind << "." << field.name << " required differs: " << row;
            for (const std::string_view value : field.allowed) {
                EXPECT_NE(row.find("`" + std::string(value) + "`"), std::string::npos)
                    << kind.kind << "." << field.name << " does not list " << value;
            }
        }
        for (const ingest::enterprise::RowRule& rule : kind.rules) {
            EXPECT_NE(section.find("`" + std::string(rule.rule_id) + "`"), std::string::npos)
                << rule.rule_id << " is not documented";
        }
    }
}

} // namespace
} // namespace crosswalk
