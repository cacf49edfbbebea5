#include <gtest/gtest.h>

#include "crosswalk/workspace/config.hpp"

namespace crosswalk {
namespace {

// Parses `text` and returns the error message, or "" when it parsed.
std::string ErrorOf(const std::string& text) {
    try {
        (void)workspace::ParseConfig("crosswalk.yaml", text);
        return "";
    } catch (const Error& error) {
        return error.what();
    }
}

TEST(ConfigTest, DefaultConfigParses) {
    const auto config = workspace::ParseConfig("crosswalk.yaml", workspace::DefaultConfigText("acme"));
    EXPECT_EQ(config.name, "acme");
    EXPECT_EQ(config.database, "crosswalk.duckdb");
    EXPECT_TRUE(config.sources.empty());
}

TEST(ConfigTest, NamesThatNeedQuotingRoundTrip) {
    const auto config = workspace::ParseConfig("crosswalk.yaml", workspace::DefaultConfigText("acme: \"corp\" #1"));
    EXPECT_EQ(config.name, "acme: \"corp\" #1");
}

TEST(ConfigTest, ReadsSourcesAndDuckDbSettings) {
    const auto config = workspace::ParseConfig("crosswalk.yaml", R"(
version: 1
database: data/cw.duckdb
duckdb:
  threads: 2
  memory_limit: 4GB
sources:
  - kind: focus
    path: billing/*.csv
    provider: AWS
  - kind: assets
    path: snipeit.csv
    mapping: mappings/snipeit.yaml
)");
    EXPECT_EQ(config.database, "data/cw.duckdb");
    EXPECT_EQ(config.threads, 2);
    EXPECT_EQ(config.memory_limit, "4GB");
    ASSERT_EQ(config.sources.size(), 2U);
    EXPECT_EQ(config.sources[0].provider, "AWS");
    EXPECT_EQ(config.sources[1].mapping, "mappings/snipeit.yaml");
    EXPECT_EQ(config.sources[1].where.row, 11); // the raw string starts with a line break
}

TEST(ConfigTest, UnknownKeyIsAnErrorWithItsPlaceAndASuggestion) {
    EXPECT_EQ(ErrorOf("version: 1\ndatabsae: x.duckdb\n"),
              "crosswalk.yaml:2:1: unknown key 'databsae' in crosswalk.yaml (did you mean 'database'?)");
}

TEST(ConfigTest, DuplicateKeyIsAnError) {
    EXPECT_EQ(ErrorOf("database: a.duckdb\ndatabase: b.duckdb\n"),
              "crosswalk.yaml:2:1: duplicate key 'database' in crosswalk.yaml");
}

TEST(ConfigTest, WrongValuesAreErrorsWithTheirPlace) {
    EXPECT_EQ(ErrorOf("version: 2\n"),
              "crosswalk.yaml:1:10: version 2 is not supported; this crosswalk reads version 1");
    EXPECT_EQ(ErrorOf("duckdb:\n  threads: many\n"),
              "crosswalk.yaml:2:12: 'threads' must be a whole number, not 'many'");
    EXPECT_EQ(ErrorOf("sources:\n  - kind: focuss\n    path: x\n"),
              "crosswalk.yaml:2:11: 'kind' must be one of focus, assets, entitlements, installations, cis, "
              "ci-relations, contracts, ledger, budgets, org, metrics, not 'focuss' (did you mean 'focus'?)");
    EXPECT_EQ(ErrorOf("sources:\n  - kind: focus\n"), "crosswalk.yaml:2:5: source needs 'path'");
    EXPECT_EQ(ErrorOf("sources: billing\n"), "crosswalk.yaml:1:10: 'sources' must be a list");
    EXPECT_EQ(ErrorOf("database: [a, b]\n"),
              "crosswalk.yaml:1:11: 'database' must be a single value, not a list or mapping");
}

TEST(ConfigTest, SyntaxErrorNamesLineAndColumn) {
    EXPECT_EQ(ErrorOf("version: 1\nsources: [\n").rfind("crosswalk.yaml:", 0), 0U);
    EXPECT_NE(ErrorOf("version: 1\nsources: [\n").find("YAML syntax"), std::string::npos);
}

TEST(ConfigTest, EmptyFileIsAnError) {
    EXPECT_NE(ErrorOf("").find("the file is empty"), std::string::npos);
}

} // namespace
} // namespace crosswalk
