// Loading FOCUS billing exports: the real multi-provider sample in every format, exact sums, idempotency,
// restatement, and the store left unchanged by anything refused.
#include <zlib.h>

#include <gtest/gtest.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/ingest/focus/focus_ingest.hpp"
#include "crosswalk/store/sql_quote.hpp"

#include "support/focus_csv.hpp"
#include "support/workspace_fixture.hpp"

namespace crosswalk {
namespace {

namespace fs = std::filesystem;

const std::string kSample =
    std::string(CROSSWALK_SHARED_DATA_DIR) + "/focus-samples/focus-1.0_finops-sample_aws-microsoft-oracle_1k.csv";

// The sample's own sums, measured on its bytes (shared/data/focus-samples/README.md).
constexpr const char* kSampleBilledCost = "20.520226728990000000";
constexpr const char* kSampleEffectiveCost = "14.976514185860000000";

void WriteGzip(const fs::path& path, const std::string& bytes) {
    gzFile out = gzopen(path.c_str(), "wb");
    ASSERT_NE(out, nullptr);
    ASSERT_EQ(gzwrite(out, bytes.data(), static_cast<unsigned>(bytes.size())), static_cast<int>(bytes.size()));
    gzclose(out);
}

class FocusIngestTest : public testing::WorkspaceTest {
protected:
    ingest::IngestSummary Ingest(const std::vector<std::string>& files) {
        return ingest::IngestFocus(Workspace(), files, {}, {"test"});
    }

    std::string Write(const std::string& name, const std::string& text) {
        const fs::path path = directory_ / "inputs" / name;
        testing::WriteFile(path, text);
        return path.string();
    }

    // Everything that a refused load must leave as it was.
    std::string StoreState() {
        return Scalar("SELECT (SELECT count(*) FROM cost_line) || '/' || (SELECT count(*) FROM source_file) || '/' || "
                      "(SELECT count(*) FROM rejected_row) || '/' || (SELECT count(*) FROM resource) || '/' || "
                      "(SELECT coalesce(sum(BilledCost), 0) FROM cost_line)");
    }

    // Runs a load that must be refused as a whole; returns the message and checks the store is unchanged.
    std::string Refused(const std::vector<std::string>& files) {
        const std::string before = StoreState();
        try {
            Ingest(files);
        } catch (const Error& error) {
            EXPECT_EQ(StoreState(), before) << "a refused load changed the store";
            EXPECT_EQ(Scalar("SELECT status FROM run ORDER BY id DESC LIMIT 1"), "failed");
            return error.what();
        }
        ADD_FAILURE() << "the load was not refused";
        return "";
    }
};

TEST_F(FocusIngestTest, RealSampleLoadsCompletelyWithExactSums) {
    const auto summary = Ingest({kSample});
    ASSERT_EQ(summary.files.size(), 1U);
    const auto& file = summary.files[0];
    EXPECT_EQ(file.counts.read, 1000);
    EXPECT_EQ(file.counts.loaded, 1000);
    EXPECT_EQ(file.counts.rejected, 0);
    EXPECT_EQ(file.counts.repaired, 1000); // every row's date-times lack T and Z
    EXPECT_EQ(Scalar("SELECT sum(BilledCost) FROM cost_line"), kSampleBilledCost);
    EXPECT_EQ(Scalar("SELECT sum(EffectiveCost) FROM cost_line"), kSampleEffectiveCost);
    EXPECT_EQ(Scalar("SELECT focus_version FROM source_file"), "1.0");
    EXPECT_EQ(Scalar("SELECT rows_read || '=' || rows_loaded || '+' || rows_rejected FROM source_file"), "1000=1000+0");
    // Provenance: row 926 is the first Oracle row, the one with ChargeFrequency 'Usage-based'.
    EXPECT_EQ(Scalar("SELECT ChargeFrequency FROM cost_line WHERE source_row = 926"), "Usage-Based");
    EXPECT_EQ(Scalar("SELECT count(*) FROM cost_line WHERE repairs::VARCHAR LIKE '%case_fixed%'"), "7");
    EXPECT_EQ(Scalar("SELECT json_extract_string(repairs, '$[0].original') FROM cost_line WHERE source_row = 1"),
              "2024-10-01 00:00:00");
    // The non-FOCUS Id column is kept, queryable, and warned about.
    EXPECT_EQ(Scalar("SELECT x_columns->>'Id' FROM cost_line WHERE source_row = 1"), "11472");
    EXPECT_NE(file.warnings.at(0).find("Id"), std::string::npos);
    // Tags stay queryable JSON.
    EXPECT_EQ(Scalar("SELECT count(*) FROM cost_line WHERE Tags->>'environment' = 'dev'") != "0", true);
    // Date-times are UTC: the sample's first row.
    EXPECT_EQ(Scalar("SELECT ChargePeriodStart FROM cost_line WHERE source_row = 1"), "2024-09-18 22:00:00");
}

TEST_F(FocusIngestTest, GzipCopyOfTheSampleLoadsTheSame) {
    const fs::path gz = directory_ / "inputs" / "sample.csv.gz";
    fs::create_directories(gz.parent_path());
    WriteGzip(gz, testing::ReadFile(kSample));
    const auto summary = Ingest({gz.string()});
    EXPECT_EQ(summary.files[0].counts.loaded, 1000);
    EXPECT_EQ(Scalar("SELECT sum(BilledCost) FROM cost_line"), kSampleBilledCost);
    EXPECT_EQ(Scalar("SELECT format FROM source_file"), "csv.gz");
}

// Two derived Parquet copies: one with every column as text, one with DuckDB's inferred types (money as DOUBLE,
// date-times as TIMESTAMP), which must still give the exact sums.
TEST_F(FocusIngestTest, ParquetCopiesOfTheSampleLoadTheSame) {
    {
        store::Connection connection = Workspace().Connect();
        const std::string source = store::QuoteLiteral(kSample);
        connection.Execute("COPY (SELECT * FROM read_csv(" + source +
                           ", all_varchar = true, nullstr = ['NULL', ''])) TO " +
                           store::QuoteLiteral((directory_ / "text.parquet").string()) + " (FORMAT parquet)");
        connection.Execute("COPY (SELECT * FROM read_csv(" + source + ", nullstr = ['NULL', ''])) TO " +
                           store::QuoteLiteral((directory_ / "typed.parquet").string()) + " (FORMAT parquet)");
    }
    const auto text = Ingest({(directory_ / "text.parquet").string()});
    EXPECT_EQ(text.files[0].counts.loaded, 1000);
    EXPECT_EQ(Scalar("SELECT sum(BilledCost) FROM cost_line"), kSampleBilledCost);
    const auto typed = Ingest({(directory_ / "typed.parquet").string()});
    EXPECT_EQ(typed.files[0].counts.loaded, 1000);
    // The typed copy restates the same periods: it replaces the text copy's rows.
    EXPECT_EQ(Scalar("SELECT count(*) FROM cost_line"), "1000");
    EXPECT_EQ(Scalar("SELECT sum(BilledCost) FROM cost_line"), kSampleBilledCost);
    EXPECT_EQ(Scalar("SELECT sum(EffectiveCost) FROM cost_line"), kSampleEffectiveCost);
    EXPECT_EQ(Scalar("SELECT status FROM source_file WHERE id = 1"), "replaced");
}

// A Parquet file with the types providers' exports carry: each FOCUS column of `csv`, with the columns named in
// `typed` replaced by the given expressions over the CSV text (DuckDB's SELECT * REPLACE).
std::string WriteParquet(store::Connection& connection, const fs::path& path, const testing::FocusCsv& csv,
                         const std::string& typed) {
    const fs::path text = path.string() + ".csv";
    testing::WriteFile(text, csv.Text());
    connection.Execute(fmt::format("COPY (SELECT * REPLACE ({}) FROM read_csv({}, all_varchar = true)) TO {} "
                                   "(FORMAT parquet)",
                                   typed, store::QuoteLiteral(text.string()), store::QuoteLiteral(path.string())));
    fs::remove(text);
    return path.string();
}

TEST_F(FocusIngestTest, TypedParquetLoadsExactlyWithoutTextParsing) {
    testing::FocusCsv csv(2);
    csv.Set(0, "BilledCost", "12.34").Set(1, "BilledCost", "0.66");
    csv.Set(0, "ListCost", "1.12345678901234567891"); // 20 decimals in a DECIMAL(38,20): rounded, recorded
    csv.Set(1, "ListCost", "2.50000000000000000000");
    csv.Set(0, "ChargePeriodStart", "2024-09-01T02:00:00+02:00"); // an instant: stored as its UTC time
    csv.Set(1, "ChargePeriodStart", "2024-09-01T05:00:00Z");
    csv.Set(1, "Tags", "");
    store::Connection connection = Workspace().Connect();
    const std::string file =
        WriteParquet(connection, directory_ / "typed.parquet", csv,
                     "CAST(BilledCost AS DECIMAL(18,2)) AS BilledCost, "
                     "CAST(EffectiveCost AS DECIMAL(38,18)) AS EffectiveCost, "
                     "CAST(ListCost AS DECIMAL(38,20)) AS ListCost, "
                     "CAST(CAST(BillingPeriodStart AS TIMESTAMP) AS DATE) AS BillingPeriodStart, "
                     "CAST(CAST(BillingPeriodEnd AS TIMESTAMP) AS TIMESTAMP_MS) AS BillingPeriodEnd, "
                     "CAST(ChargePeriodStart AS TIMESTAMPTZ) AS ChargePeriodStart, "
                     "CAST(ChargePeriodEnd AS TIMESTAMP) AS ChargePeriodEnd, "
                     "CASE WHEN Tags IS NOT NULL THEN MAP {'app': Tags->>'app', 'env': 'prd'} END AS Tags");
    const std::string types = Scalar("SELECT string_agg(column_type, ', ' ORDER BY column_name) FROM (DESCRIBE "
                                     "SELECT BilledCost, ChargePeriodStart, Tags FROM read_parquet(" +
                                     store::QuoteLiteral(file) + "))");
    EXPECT_EQ(types, "DECIMAL(18,2), TIMESTAMP WITH TIME ZONE, MAP(VARCHAR, VARCHAR)");

    const auto summary = Ingest({file});
    const auto& counts = summary.files[0].counts;
    EXPECT_EQ(counts.loaded, 2);
    EXPECT_EQ(counts.rejected, 0);
    EXPECT_EQ(counts.repaired, 1);
    EXPECT_EQ(Scalar("SELECT sum(BilledCost) FROM cost_line"), "13.000000000000000000");
    EXPECT_EQ(Scalar("SELECT sum(EffectiveCost) FROM cost_line"), "2.500000000000000000");
    EXPECT_EQ(Scalar("SELECT ListCost FROM cost_line WHERE source_row = 1"), "1.123456789012345679");
    EXPECT_EQ(Scalar("SELECT repairs->0->>'action' || ' ' || (repairs->0->>'column') || ' ' || "
                     "(repairs->0->>'original') FROM cost_line WHERE source_row = 1"),
              "rounded ListCost 1.12345678901234567891");
    EXPECT_EQ(Scalar("SELECT string_agg(ChargePeriodStart::VARCHAR, ' ' ORDER BY source_row) FROM cost_line"),
              "2024-09-01 00:00:00 2024-09-01 05:00:00");
    EXPECT_EQ(Scalar("SELECT BillingPeriodStart || ' ' || BillingPeriodEnd || ' ' || ChargePeriodEnd FROM cost_line "
                     "WHERE source_row = 1"),
              "2024-09-01 00:00:00 2024-10-01 00:00:00 2024-09-02 00:00:00");
    EXPECT_EQ(Scalar("SELECT Tags::VARCHAR FROM cost_line WHERE source_row = 1"), R"({"app":"pay","env":"prd"})");
    EXPECT_EQ(Scalar("SELECT Tags->>'env' FROM cost_line WHERE source_row = 1"), "prd");
    EXPECT_EQ(Scalar("SELECT Tags FROM cost_line WHERE source_row = 2"), "NULL");
}

// A binary float means the decimal its writer printed: its shortest round-trip text. So 0.1 + 0.2 is exactly 0.3,
// more than 18 decimals are rounded (recorded), and NaN rejects the row.
TEST_F(FocusIngestTest, DoubleAmountsAreReadAsTheirShortestDecimalText) {
    testing::FocusCsv csv(4);
    csv.Set(0, "BilledCost", "0.1").Set(1, "BilledCost", "0.2").Set(2, "BilledCost", "1e-20");
    csv.Set(3, "BilledCost", "nan");
    csv.Set(1, "ListCost", "0.0012345678901234567"); // 19 decimals
    csv.Set(2, "ListCost", "123456789.12345678");
    store::Connection connection = Workspace().Connect();
    const std::string file =
        WriteParquet(connection, directory_ / "double.parquet", csv,
                     "CAST(BilledCost AS DOUBLE) AS BilledCost, CAST(ListCost AS DOUBLE) AS ListCost");
    const auto summary = Ingest({file});
    const auto& outcome = summary.files[0];
    EXPECT_EQ(outcome.counts.loaded, 3);
    EXPECT_EQ(outcome.counts.rejected, 1);
    EXPECT_EQ(outcome.counts.repaired, 2);
    EXPECT_EQ(Scalar("SELECT sum(BilledCost) FROM cost_line WHERE source_row <= 2"), "0.300000000000000000");
    EXPECT_EQ(Scalar("SELECT BilledCost FROM cost_line WHERE source_row = 3"), "0.000000000000000000");
    EXPECT_EQ(Scalar("SELECT ListCost FROM cost_line WHERE source_row = 2"), "0.001234567890123457");
    EXPECT_EQ(Scalar("SELECT ListCost FROM cost_line WHERE source_row = 3"), "123456789.123456780000000000");
    EXPECT_EQ(Scalar("SELECT string_agg(source_row || ':' || (repairs->0->>'column') || ':' || "
                     "(repairs->0->>'action') || ':' || (repairs->0->>'original'), ' ' ORDER BY source_row) "
                     "FROM cost_line WHERE repairs IS NOT NULL"),
              "2:ListCost:rounded:0.0012345678901234567 3:BilledCost:rounded:1e-20");
    EXPECT_EQ(Scalar("SELECT row_number || ' ' || rule_id || ' ' || message FROM rejected_row"),
              "4 BilledCost-C-004-M BilledCost is not a decimal number: 'nan'");
    bool warned = false;
    for (const std::string& warning : outcome.warnings) {
        warned = warned || warning.find("binary floats") != std::string::npos;
    }
    EXPECT_TRUE(warned);
}

// A column whose Parquet type cannot hold its FOCUS type is read as text and checked, so the row is rejected
// with the column's rule, as the same value in a CSV would be.
TEST_F(FocusIngestTest, WrongTypesInParquetAreRejected) {
    testing::FocusCsv csv(2);
    store::Connection connection = Workspace().Connect();
    const std::string file =
        WriteParquet(connection, directory_ / "wrong.parquet", csv,
                     "true AS BilledCost, 20240901 AS ChargePeriodStart, "
                     "CASE WHEN ResourceId = 'i-1000' THEN TIMESTAMPTZ 'infinity' ELSE ChargePeriodEnd::TIMESTAMPTZ "
                     "END AS ChargePeriodEnd, ['app', 'pay'] AS Tags");
    const auto summary = Ingest({file});
    EXPECT_EQ(summary.files[0].counts.rejected, 2);
    EXPECT_EQ(Scalar("SELECT count(*) FROM cost_line"), "0");
    EXPECT_EQ(Scalar("SELECT string_agg(row_number || ':' || rule_id, ' ' ORDER BY row_number, rule_id) "
                     "FROM rejected_row"),
              "1:BilledCost-C-004-M 1:ChargePeriodEnd-C-002-M 1:ChargePeriodStart-C-002-M "
              "2:BilledCost-C-004-M 2:ChargePeriodStart-C-002-M");
    EXPECT_EQ(Scalar("SELECT message FROM rejected_row WHERE row_number = 1 AND column_name = 'BilledCost'"),
              "BilledCost is not a decimal number: 'true'");
    EXPECT_EQ(Scalar("SELECT message FROM rejected_row WHERE row_number = 1 AND column_name = 'ChargePeriodStart'"),
              "ChargePeriodStart is not a date-time: '20240901'");
    EXPECT_EQ(Scalar("SELECT raw->>'BilledCost' FROM rejected_row WHERE row_number = 2 AND column_name = "
                     "'ChargePeriodStart'"),
              "true");
}

TEST_F(FocusIngestTest, ResourceAttributesAreTheLatestNonNullValues) {
    testing::FocusCsv csv(3);
    csv.SetAll("ResourceId", "i-1");
    csv.Set(0, "ChargePeriodStart", "2024-09-01T00:00:00Z").Set(0, "ChargePeriodEnd", "2024-09-01T01:00:00Z");
    csv.Set(1, "ChargePeriodStart", "2024-09-01T01:00:00Z").Set(1, "ChargePeriodEnd", "2024-09-01T02:00:00Z");
    csv.Set(2, "ChargePeriodStart", "2024-09-01T02:00:00Z").Set(2, "ChargePeriodEnd", "2024-09-01T03:00:00Z");
    csv.Add("ResourceName", "");
    csv.Set(0, "ResourceName", "old-name").Set(1, "ResourceName", "new-name"); // the latest row has none
    Ingest({Write("names.csv", csv.Text())});
    EXPECT_EQ(Scalar("SELECT name || ' ' || first_seen || ' ' || last_seen || ' ' || billed_cost_to_date FROM "
                     "resource"),
              "new-name 2024-09-01 00:00:00 2024-09-01 03:00:00 3.750000000000000000");
}

TEST_F(FocusIngestTest, SameContentTwiceIsANoOp) {
    Ingest({kSample});
    const std::string before = StoreState();
    const std::string copy = Write("copy-of-sample.csv", testing::ReadFile(kSample));
    const auto again = Ingest({copy});
    EXPECT_TRUE(again.files[0].skipped_unchanged);
    EXPECT_EQ(StoreState(), before);
}

TEST_F(FocusIngestTest, NewerFileForTheSamePeriodReplacesOnlyThatKey) {
    testing::FocusCsv first(3);
    first.Set(2, "BillingAccountId", "999988887777").Set(2, "BilledCost", "10");
    Ingest({Write("first.csv", first.Text())});
    EXPECT_EQ(Scalar("SELECT sum(BilledCost) FROM cost_line"), "12.500000000000000000");

    // The restated bill of account 111122223333 for 2024-09: different amounts, one row more.
    testing::FocusCsv restated(3);
    restated.SetAll("BilledCost", "2.00");
    const auto summary = Ingest({Write("restated.csv", restated.Text())});
    EXPECT_EQ(Scalar("SELECT count(*) FROM cost_line"), "4"); // 3 new + the other account's row
    EXPECT_EQ(Scalar("SELECT sum(BilledCost) FROM cost_line"), "16.000000000000000000");
    EXPECT_EQ(Scalar("SELECT status FROM source_file WHERE id = 1"), "active"); // still holds the other account
    bool noted = false;
    for (const std::string& warning : summary.files[0].warnings) {
        noted = noted || warning.find("replaces 2 rows of source file 1") != std::string::npos;
    }
    EXPECT_TRUE(noted);

    // Restating the other account too leaves the first file with nothing: it is marked replaced.
    testing::FocusCsv other(1);
    other.SetAll("BillingAccountId", "999988887777").SetAll("BilledCost", "7");
    Ingest({Write("other.csv", other.Text())});
    EXPECT_EQ(Scalar("SELECT status || ' by ' || replaced_by_file_id FROM source_file WHERE id = 1"), "replaced by 3");
    EXPECT_EQ(Scalar("SELECT sum(BilledCost) FROM cost_line"), "13.000000000000000000");
}

TEST_F(FocusIngestTest, PartsOfOneLoadDoNotReplaceEachOther) {
    testing::FocusCsv part(2);
    const std::string a = Write("export/part-0001.csv", part.Text());
    part.SetAll("BilledCost", "3").Set(0, "ResourceId", "i-other-0").Set(1, "ResourceId", "i-other-1");
    Write("export/part-0002.csv", part.Text());
    const auto summary = Ingest({(directory_ / "inputs" / "export").string()});
    EXPECT_EQ(summary.files.size(), 2U);
    EXPECT_EQ(Scalar("SELECT count(*) FROM cost_line"), "4");
    EXPECT_EQ(Scalar("SELECT count(*) FROM source_file WHERE status = 'active'"), "2");
    (void)a;
}

// crosswalk.yaml's `provider:` (or --provider): a file without ProviderName takes it; one naming another is warned.
TEST_F(FocusIngestTest, TheConfiguredProviderFillsAMissingProviderName) {
    const std::string file = Write("no-provider.csv", testing::FocusCsv(2).Drop("ProviderName").Text());
    EXPECT_NE(Refused({file}).find("ProviderName"), std::string::npos);
    ingest::FocusIngestOptions options;
    options.provider = "Oracle";
    const auto summary = ingest::IngestFocus(Workspace(), std::vector<std::string>{file}, options, {"test"});
    EXPECT_EQ(Scalar("SELECT string_agg(DISTINCT ProviderName, ',') || ':' || count(*) FROM cost_line"), "Oracle:2");
    EXPECT_NE(summary.files.at(0).warnings.at(0).find("every row takes 'Oracle'"), std::string::npos);
    const std::string other = Write("aws.csv", testing::FocusCsv(1).SetAll("BillingAccountId", "42").Text());
    const auto warned = ingest::IngestFocus(Workspace(), std::vector<std::string>{other}, options, {"test"});
    bool noted = false;
    for (const std::string& warning : warned.files.at(0).warnings) {
        noted = noted || warning.find("1 rows name another provider than 'Oracle'") != std::string::npos;
    }
    EXPECT_TRUE(noted);
}

TEST_F(FocusIngestTest, ResourcesAreDerivedWithCostToDate) {
    Ingest({kSample});
    EXPECT_EQ(Scalar("SELECT count(*) FROM resource"),
              Scalar("SELECT count(DISTINCT (ProviderName, ResourceId, BillingCurrency)) FROM cost_line "
                     "WHERE ResourceId IS NOT NULL"));
    EXPECT_EQ(Scalar("SELECT sum(billed_cost_to_date) FROM resource"),
              Scalar("SELECT sum(BilledCost) FROM cost_line WHERE ResourceId IS NOT NULL"));
}

TEST_F(FocusIngestTest, SpecExamplesAreRefusedNamingTheMissingColumns) {
    const std::string example = std::string(CROSSWALK_SHARED_DATA_DIR) +
                                "/focus-samples/spec-examples/commitment_discount_usage_scenario_1.csv";
    const std::string message = Refused({example});
    EXPECT_NE(message.find("mandatory columns missing"), std::string::npos) << message;
    EXPECT_NE(message.find("BillingAccountId (CostAndUsage-D-024-M)"), std::string::npos) << message;
}

TEST_F(FocusIngestTest, FileThatIsNotFocusIsRefused) {
    const std::string message = Refused({Write("people.csv", "name,age\nada,36\n")});
    EXPECT_NE(message.find("not a FOCUS dataset"), std::string::npos) << message;
}

TEST_F(FocusIngestTest, EmptyFileIsRefused) {
    const std::string message = Refused({Write("empty.csv", "")});
    EXPECT_NE(message.find("empty.csv"), std::string::npos) << message;
}

TEST_F(FocusIngestTest, BrokenQuotingIsRefusedNamingTheFile) {
    std::string text = testing::FocusCsv(3).Text();
    text.insert(text.find('\n') + 1, "\"unterminated,");
    const std::string message = Refused({Write("broken.csv", text)});
    EXPECT_NE(message.find("broken.csv: cannot be read"), std::string::npos) << message;
}

TEST_F(FocusIngestTest, TruncatedGzipIsRefused) {
    const fs::path gz = directory_ / "inputs" / "truncated.csv.gz";
    fs::create_directories(gz.parent_path());
    WriteGzip(gz, testing::ReadFile(kSample));
    const std::string bytes = testing::ReadFile(gz);
    testing::WriteFile(gz, bytes.substr(0, bytes.size() / 2));
    const std::string message = Refused({gz.string()});
    EXPECT_NE(message.find("truncated.csv.gz"), std::string::npos) << message;
}

TEST_F(FocusIngestTest, OneBadFileRefusesTheWholeLoad) {
    const std::string good = Write("a-good.csv", testing::FocusCsv(2).Text());
    const std::string bad = Write("b-bad.csv", "name\nx\n");
    Refused({good, bad});
    EXPECT_EQ(Scalar("SELECT count(*) FROM cost_line"), "0");
}

TEST_F(FocusIngestTest, BadRowsAreRejectedWithRuleColumnAndRawValues) {
    testing::FocusCsv csv(6);
    csv.Set(0, "BilledCost", "\"12,50\"");                 // not a decimal
    csv.Set(1, "ChargePeriodStart", "yesterday");          // not a date-time
    csv.Set(2, "ChargeCategory", "Bogus");                 // not an allowed value
    csv.Set(3, "ChargePeriodEnd", "2024-08-01T00:00:00Z"); // ends before it starts
    csv.Set(4, "Tags", "\"{not json\"");                   // malformed Tags: loaded, Tags dropped (recorded)
    const auto summary = Ingest({Write("bad-rows.csv", csv.Text())});
    const auto& file = summary.files[0];
    EXPECT_EQ(file.counts.read, 6);
    EXPECT_EQ(file.counts.loaded, 2);
    EXPECT_EQ(file.counts.rejected, 4);
    EXPECT_EQ(Scalar("SELECT string_agg(row_number || ':' || column_name || ':' || rule_id, ' ' ORDER BY row_number) "
                     "FROM rejected_row"),
              "1:BilledCost:BilledCost-C-004-M 2:ChargePeriodStart:ChargePeriodStart-C-002-M "
              "3:ChargeCategory:ChargeCategory-C-003-M 4:ChargePeriodEnd:ChargePeriodEnd-C-004-M");
    EXPECT_EQ(Scalar("SELECT (Tags IS NULL) || ' ' || (repairs->0->>'action') || ' ' || (repairs->0->>'original') "
                     "FROM cost_line WHERE source_row = 5"),
              "true dropped_invalid {not json");
    EXPECT_EQ(Scalar("SELECT message FROM rejected_row WHERE row_number = 1"),
              "BilledCost is not a decimal number: '12,50'");
    EXPECT_EQ(Scalar("SELECT raw->>'BilledCost' FROM rejected_row WHERE row_number = 1"), "12,50");
    EXPECT_EQ(Scalar("SELECT DISTINCT source_file_id FROM rejected_row"), "1");
}

TEST_F(FocusIngestTest, DeviationsThatKeepTheAccountingRightAreRepairedAndRecorded) {
    testing::FocusCsv csv(4);
    csv.Set(0, "ChargeCategory", "usage");                        // case
    csv.Set(1, "ChargePeriodStart", "2024-09-01T02:00:00+02:00"); // an offset: converted to UTC
    csv.Set(2, "ServiceCategory", "Quantum");                     // unknown: Other
    csv.Set(3, "BilledCost", "0.1234567890123456789");            // more than 18 decimals
    const auto summary = Ingest({Write("repairs.csv", csv.Text())});
    EXPECT_EQ(summary.files[0].counts.rejected, 0);
    EXPECT_EQ(summary.files[0].counts.repaired, 4);
    EXPECT_EQ(Scalar("SELECT ChargeCategory FROM cost_line WHERE source_row = 1"), "Usage");
    EXPECT_EQ(Scalar("SELECT ChargePeriodStart FROM cost_line WHERE source_row = 2"), "2024-09-01 00:00:00");
    EXPECT_EQ(Scalar("SELECT ServiceCategory FROM cost_line WHERE source_row = 3"), "Other");
    EXPECT_EQ(Scalar("SELECT repairs->0->>'action' FROM cost_line WHERE source_row = 3"), "mapped_to_other");
    EXPECT_EQ(Scalar("SELECT BilledCost FROM cost_line WHERE source_row = 4"), "0.123456789012345679");
    EXPECT_EQ(Scalar("SELECT repairs->0->>'original' FROM cost_line WHERE source_row = 4"), "0.1234567890123456789");
}

TEST_F(FocusIngestTest, FormerColumnNamesLandInTheirCurrentName) {
    testing::FocusCsv csv(1);
    csv.Add("x_Team", "payments").Add("UsageQuantity", "3.5");
    const auto summary = Ingest({Write("renamed.csv", csv.Text())});
    EXPECT_EQ(Scalar("SELECT ConsumedQuantity FROM cost_line"), "3.500000000000000000");
    EXPECT_EQ(Scalar("SELECT x_columns->>'x_Team' FROM cost_line"), "payments");
}

TEST_F(FocusIngestTest, BomAndCrlfAreRead) {
    std::string text = testing::FocusCsv(2).Text();
    std::string crlf = "\xEF\xBB\xBF";
    for (const char c : text) {
        crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    }
    const auto summary = Ingest({Write("windows.csv", crlf)});
    EXPECT_EQ(summary.files[0].counts.loaded, 2);
    EXPECT_EQ(summary.files[0].counts.repaired, 0);
}

TEST_F(FocusIngestTest, RowNumbersFollowTheFileAtScale) {
    testing::FocusCsv csv(1);
    // 30,000 rows with their number in an x_ column, read in parallel: source_row must match it.
    std::string text = csv.Add("x_n", "0").Text();
    const std::string header = text.substr(0, text.find('\n') + 1);
    const std::string row = text.substr(header.size());
    std::string big = header;
    for (int i = 1; i <= 30000; ++i) {
        big += row.substr(0, row.size() - 2) + std::to_string(i) + "\n";
    }
    Ingest({Write("big.csv", big)});
    EXPECT_EQ(Scalar("SELECT count(*) FROM cost_line WHERE (x_columns->>'x_n')::INTEGER <> source_row"), "0") << Scalar(
        "SELECT min(source_row) || ' ' || max(source_row) || ' ' || min((x_columns->>'x_n')::INTEGER) || ' ' || "
        "max((x_columns->>'x_n')::INTEGER) || ' ' || any_value(x_columns::VARCHAR) FROM cost_line");
}

// `rows` rows of FOCUS CSV with their number (from 1) in x_n, and `id` in x_file.
// The rows of one file are charges of its own (a description naming `id`), as the parts of one export are.
std::string NumberedCsv(int rows, const std::string& id) {
    std::string text =
        testing::FocusCsv(1).Set(0, "ChargeDescription", "charge-" + id).Add("x_file", id).Add("x_n", "0").Text();
    const std::string header = text.substr(0, text.find('\n') + 1);
    const std::string row = text.substr(header.size());
    std::string csv = header;
    for (int i = 1; i <= rows; ++i) {
        csv += row.substr(0, row.size() - 2) + std::to_string(i) + "\n";
    }
    return csv;
}

// Files of one layout are read in one statement; each keeps its own id, counts, row numbers and rejected rows,
// wherever it is in the load and whatever its line endings.
TEST_F(FocusIngestTest, FilesOfOneLayoutLoadTogetherEachWithItsOwnRows) {
    std::string small = NumberedCsv(3, "a");
    const std::string a = Write("part-1.csv", small);
    const std::string b = Write("part-2.csv", testing::FocusCsv(2).Add("x_team", "web").Text()); // another layout
    std::string with_bad = NumberedCsv(4, "c");
    with_bad.replace(with_bad.find(",1.25,"), 6, ",abc,"); // row 1's first amount (ContractedCost): not a number
    const std::string c = Write("part-3.csv", with_bad);
    const std::string d = Write("part-4.csv", NumberedCsv(20000, "d"));
    std::string crlf = "\xEF\xBB\xBF";
    for (const char ch : NumberedCsv(2, "e")) {
        crlf += ch == '\n' ? std::string("\r\n") : std::string(1, ch);
    }
    const std::string e = Write("part-5.csv", crlf);

    const auto summary = Ingest({a, b, c, d, e});
    ASSERT_EQ(summary.files.size(), 5U);
    const std::vector<std::pair<int64_t, int64_t>> expected = {{3, 0}, {2, 0}, {4, 1}, {20000, 0}, {2, 0}};
    for (size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(summary.files[i].source_file_id, static_cast<int64_t>(i + 1)) << summary.files[i].path;
        EXPECT_EQ(summary.files[i].counts.read, expected[i].first) << summary.files[i].path;
        EXPECT_EQ(summary.files[i].counts.rejected, expected[i].second) << summary.files[i].path;
    }
    EXPECT_EQ(summary.files[2].rules.at(0).rule_id, "ContractedCost-C-004-M");
    EXPECT_EQ(Scalar("SELECT string_agg(id || ':' || rows_read || '=' || rows_loaded || '+' || rows_rejected, ' ' "
                     "ORDER BY id) FROM source_file"),
              "1:3=3+0 2:2=2+0 3:4=3+1 4:20000=20000+0 5:2=2+0");
    // Every row is in its own file's id, numbered as in its file.
    EXPECT_EQ(Scalar("SELECT string_agg(source_file_id || ':' || (x_columns->>'x_file') || ':' || n, ' ' "
                     "ORDER BY source_file_id) FROM (SELECT source_file_id, x_columns->>'x_file' AS f, "
                     "any_value(x_columns) AS x_columns, count(*) AS n FROM cost_line WHERE source_file_id <> 2 "
                     "GROUP BY ALL)"),
              "1:a:3 3:c:3 4:d:20000 5:e:2");
    EXPECT_EQ(Scalar("SELECT count(*) FROM cost_line WHERE source_file_id <> 2 AND "
                     "(x_columns->>'x_n')::INTEGER <> source_row"),
              "0");
    EXPECT_EQ(Scalar("SELECT string_agg(source_row::VARCHAR, ',' ORDER BY source_row) FROM cost_line "
                     "WHERE source_file_id = 2"),
              "1,2");
    // The rejected row: its file, its number, and exactly the file's raw values.
    EXPECT_EQ(
        Scalar("SELECT source_file_id || ':' || row_number || ':' || column_name || ':' || (raw->>'ContractedCost') "
               "|| ':' || (raw->>'x_n') FROM rejected_row"),
        "3:1:ContractedCost:abc:1");
    const std::string header = with_bad.substr(0, with_bad.find('\n'));
    EXPECT_EQ(Scalar("SELECT array_to_string(json_keys(raw), ',') FROM rejected_row"), header);
}

TEST_F(FocusIngestTest, ParquetFilesOfOneLayoutLoadTogetherEachWithItsOwnRows) {
    std::vector<std::string> files;
    {
        store::Connection connection = Workspace().Connect();
        for (const int rows : {3000, 2}) {
            const fs::path path = directory_ / "inputs" / fmt::format("part-{}.parquet", rows == 3000 ? 1 : 2);
            fs::create_directories(path.parent_path());
            testing::WriteFile(path.string() + ".csv", NumberedCsv(rows, std::to_string(rows)));
            connection.Execute(fmt::format(
                "COPY (SELECT * REPLACE (BilledCost::DECIMAL(38,18) AS BilledCost, x_n::INTEGER AS x_n) FROM "
                "read_csv({}, all_varchar = true)) TO {} (FORMAT parquet)",
                store::QuoteLiteral(path.string() + ".csv"), store::QuoteLiteral(path.string())));
            fs::remove(path.string() + ".csv");
            files.push_back(path.string());
        }
    }
    const auto summary = Ingest(files);
    EXPECT_EQ(summary.files.at(0).counts.loaded, 3000);
    EXPECT_EQ(summary.files.at(1).counts.loaded, 2);
    EXPECT_EQ(Scalar("SELECT string_agg(source_file_id || ':' || n, ' ' ORDER BY source_file_id) FROM "
                     "(SELECT source_file_id, count(*) AS n FROM cost_line GROUP BY ALL)"),
              "1:3000 2:2");
    EXPECT_EQ(Scalar("SELECT count(*) FROM cost_line WHERE (x_columns->>'x_n')::INTEGER <> source_row OR "
                     "(x_columns->>'x_file') <> CASE source_file_id WHEN 1 THEN '3000' ELSE '2' END"),
              "0");
}

TEST_F(FocusIngestTest, UnreadableFileAmongOthersOfItsLayoutIsNamed) {
    const std::string good = Write("a-good.csv", NumberedCsv(3, "a"));
    std::string text = NumberedCsv(30000, "b");
    text.insert(text.rfind("\n", text.size() - 2) + 1, "\"unterminated,");
    const std::string bad = Write("b-bad.csv", text);
    const std::string message = Refused({good, bad, Write("c-good.csv", NumberedCsv(2, "c"))});
    // Past the rows sniffed: found by the read of all three files, then named by reading each alone.
    EXPECT_NE(message.find("b-bad.csv: cannot be read: Invalid Input Error: CSV Error on Line: 30001"),
              std::string::npos)
        << message;
    EXPECT_EQ(message.find("a-good.csv"), std::string::npos) << message;
}

TEST_F(FocusIngestTest, ValidateReportsWithoutLoading) {
    testing::FocusCsv csv(3);
    csv.Set(1, "BilledCost", "abc").Set(2, "ChargeFrequency", "usage-based");
    const std::string file = Write("check.csv", csv.Text());
    store::Connection connection = Workspace().Connect();
    const auto validation = ingest::ValidateFocus(connection, std::vector<std::string>{file}, ".", 2);
    ASSERT_EQ(validation.files.size(), 1U);
    EXPECT_FALSE(validation.Conformant());
    EXPECT_EQ(validation.files[0].focus_version, "1.2");
    EXPECT_EQ(validation.files[0].counts.rejected, 1);
    EXPECT_EQ(validation.files[0].counts.repaired, 1);
    ASSERT_EQ(validation.files[0].rules.size(), 2U);
    EXPECT_EQ(Scalar("SELECT count(*) FROM cost_line"), "0");
    EXPECT_EQ(Scalar("SELECT count(*) FROM source_file"), "0");
}

} // namespace
} // namespace crosswalk
