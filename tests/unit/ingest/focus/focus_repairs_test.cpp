// Rows whose money, period and identity are readable are never rejected for a cosmetic defect: Tags that are not
// a JSON object, repeated or non-string tag values, non-ISO date-times in a known or detected day/month order,
// numbers in exponent form. Each repair is recorded on the row; validate and ingest count the same.
#include <gtest/gtest.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/ingest/focus/focus_ingest.hpp"

#include "support/focus_csv.hpp"
#include "support/workspace_fixture.hpp"

namespace crosswalk {
namespace {

namespace fs = std::filesystem;
using ingest::focus::DateOrder;

class FocusRepairsTest : public testing::WorkspaceTest {
protected:
    ingest::IngestSummary Ingest(const std::vector<std::string>& files, DateOrder order = DateOrder::kDetect) {
        ingest::FocusIngestOptions options;
        options.date_order = order;
        return ingest::IngestFocus(Workspace(), files, options, {"test"});
    }

    ingest::FocusValidation Validate(const std::vector<std::string>& files, DateOrder order = DateOrder::kDetect) {
        store::Connection connection = Workspace().Connect();
        return ingest::ValidateFocus(connection, files, ".", 3, order);
    }

    std::string Write(const std::string& name, const std::string& text) {
        const fs::path path = directory_ / "inputs" / name;
        testing::WriteFile(path, text);
        return path.string();
    }

    // "rule/column/action/original" of each repair of one loaded row, in order.
    std::string Repairs(int row) {
        return Scalar(fmt::format("SELECT string_agg(r.rule || '/' || r.\"column\" || '/' || r.action || '/' || "
                                  "coalesce(r.original, 'NULL'), ' | ') FROM cost_line, unnest(from_json(repairs, "
                                  "'[{{\"rule\": \"VARCHAR\", \"column\": \"VARCHAR\", \"action\": \"VARCHAR\", "
                                  "\"original\": \"VARCHAR\"}}]')) AS t(r) WHERE source_row = {}",
                                  row));
    }

    // The message of a load that must be refused as a whole; checks that nothing was loaded.
    std::string Refused(const std::vector<std::string>& files, DateOrder order = DateOrder::kDetect) {
        try {
            Ingest(files, order);
        } catch (const Error& error) {
            EXPECT_EQ(Scalar("SELECT count(*) FROM cost_line"), "0");
            return error.what();
        }
        ADD_FAILURE() << "the load was not refused";
        return "";
    }
};

// All four date-time columns of one row.
testing::FocusCsv& SetDates(testing::FocusCsv& csv, int row, const std::string& billing_start,
                            const std::string& billing_end, const std::string& charge_start,
                            const std::string& charge_end) {
    return csv.Set(row, "BillingPeriodStart", billing_start)
        .Set(row, "BillingPeriodEnd", billing_end)
        .Set(row, "ChargePeriodStart", charge_start)
        .Set(row, "ChargePeriodEnd", charge_end);
}

TEST_F(FocusRepairsTest, TagsThatAreNotAnObjectLoadAsNullWithTheOriginalRecorded) {
    testing::FocusCsv csv(4);
    csv.Set(0, "Tags", "pay");                     // a bare word
    csv.Set(1, "Tags", R"("{""app"":""pay")");     // cut off by Excel
    csv.Set(2, "Tags", R"("[""app"", ""pay""]")"); // an array
    const auto summary = Ingest({Write("tags.csv", csv.Text())});
    const auto& file = summary.files[0];
    EXPECT_EQ(file.counts.read, 4);
    EXPECT_EQ(file.counts.loaded, 4);
    EXPECT_EQ(file.counts.rejected, 0);
    EXPECT_EQ(file.counts.repaired, 3);
    EXPECT_EQ(Scalar("SELECT count(*) FROM cost_line WHERE Tags IS NULL"), "3");
    EXPECT_EQ(Repairs(1), "Tags-C-001-M/Tags/dropped_invalid/pay");
    EXPECT_EQ(Repairs(2), R"(Tags-C-001-M/Tags/dropped_invalid/{"app":"pay)");
    EXPECT_EQ(Repairs(3), R"(Tags-C-001-M/Tags/dropped_invalid/["app", "pay"])");
    EXPECT_EQ(Scalar("SELECT Tags->>'app' FROM cost_line WHERE source_row = 4"), "pay");
    EXPECT_EQ(Scalar("SELECT count(*) FROM rejected_row"), "0");
}

TEST_F(FocusRepairsTest, RepeatedTagKeysKeepTheLastValueAndOtherValuesBecomeText) {
    testing::FocusCsv csv(6);
    csv.Set(0, "Tags", R"("{""app"": ""pay"", ""app"": ""billing""}")");
    csv.Set(1, "Tags", R"("{""a"": {""b"": 1}}")");
    csv.Set(2, "Tags", R"("{""n"": 5, ""ok"": true, ""list"": [1, ""2""]}")");
    csv.Set(3, "Tags", R"("{""n"": 5, ""n"": ""6""}")");
    csv.Set(4, "Tags", R"("{""url"": ""http://x:8080"", ""none"": null}")"); // looks suspect, needs nothing
    const auto summary = Ingest({Write("tag-values.csv", csv.Text())});
    const auto& file = summary.files[0];
    EXPECT_EQ(file.counts.loaded, 6);
    EXPECT_EQ(file.counts.repaired, 4);
    EXPECT_EQ(Scalar("SELECT Tags FROM cost_line WHERE source_row = 1"), R"({"app":"billing"})");
    EXPECT_EQ(Repairs(1), R"(Tags-C-001-M/Tags/deduplicated_keys/{"app": "pay", "app": "billing"})");
    EXPECT_EQ(Scalar("SELECT Tags FROM cost_line WHERE source_row = 2"), R"({"a":"{\"b\":1}"})");
    EXPECT_EQ(Scalar("SELECT Tags->>'a' FROM cost_line WHERE source_row = 2"), R"({"b":1})");
    EXPECT_EQ(Repairs(2), R"(Tags-C-001-M/Tags/values_as_text/{"a": {"b": 1}})");
    EXPECT_EQ(Scalar("SELECT Tags FROM cost_line WHERE source_row = 3"), R"({"n":"5","ok":"true","list":"[1,\"2\"]"})");
    EXPECT_EQ(Scalar("SELECT Tags FROM cost_line WHERE source_row = 4"), R"({"n":"6"})");
    EXPECT_EQ(Repairs(4), R"(Tags-C-001-M/Tags/deduplicated_keys/{"n": 5, "n": "6"} | )"
                          R"(Tags-C-001-M/Tags/values_as_text/{"n": 5, "n": "6"})");
    EXPECT_EQ(Scalar("SELECT Tags FROM cost_line WHERE source_row = 5"), R"({"url":"http://x:8080","none":null})");
    EXPECT_EQ(Scalar("SELECT repairs IS NULL FROM cost_line WHERE source_row = 5"), "true");
    EXPECT_EQ(Scalar("SELECT repairs IS NULL FROM cost_line WHERE source_row = 6"), "true");
}

// Before this change, DuckDB's own cast read 1.5e-20 as 0 with no repair recorded. Its cast reads exponent text
// as a decimal (exact, never a double), but cannot read more than 38 digits before the exponent, even when the
// value fits DECIMAL(38,18): that row is rejected with its original text, never loaded as a wrong number.
TEST_F(FocusRepairsTest, NumbersInExponentFormAreTheirExactDecimalValue) {
    testing::FocusCsv csv(7);
    csv.Set(0, "BilledCost", "2.5E3");
    csv.Set(1, "BilledCost", "1.5e-20");
    csv.Set(2, "BilledCost", "1.5e-18");
    csv.Set(3, "BilledCost", "12345678901234567890123456789012345678e-18");
    csv.Set(4, "BilledCost", "-2.5e-1");
    csv.Set(5, "BilledCost", "1e21"); // too large for DECIMAL(38,18): the money cannot be read
    csv.Set(6, "EffectiveCost", "1.000000000000000000049e1");
    const auto summary = Ingest({Write("exponents.csv", csv.Text())});
    const auto& file = summary.files[0];
    EXPECT_EQ(file.counts.read, 7);
    EXPECT_EQ(file.counts.rejected, 2);
    EXPECT_EQ(file.counts.repaired, 3);
    EXPECT_EQ(Scalar("SELECT BilledCost FROM cost_line WHERE source_row = 1"), "2500.000000000000000000");
    EXPECT_EQ(Scalar("SELECT repairs IS NULL FROM cost_line WHERE source_row = 1"), "true");
    EXPECT_EQ(Scalar("SELECT BilledCost FROM cost_line WHERE source_row = 2"), "0.000000000000000000");
    EXPECT_EQ(Repairs(2), "BilledCost-C-002-M/BilledCost/rounded/1.5e-20");
    EXPECT_EQ(Scalar("SELECT BilledCost FROM cost_line WHERE source_row = 3"), "0.000000000000000002");
    EXPECT_EQ(Repairs(3), "BilledCost-C-002-M/BilledCost/rounded/1.5e-18");

    EXPECT_EQ(Scalar("SELECT BilledCost FROM cost_line WHERE source_row = 5"), "-0.250000000000000000");
    EXPECT_EQ(Scalar("SELECT string_agg(row_number || ' ' || rule_id || ' ' || message, ' | ' ORDER BY row_number) "
                     "FROM rejected_row"),
              "4 BilledCost-C-004-M BilledCost is not a decimal number: '12345678901234567890123456789012345678e-18' | "
              "6 BilledCost-C-004-M BilledCost is not a decimal number: '1e21'");
    EXPECT_EQ(Scalar("SELECT EffectiveCost FROM cost_line WHERE source_row = 7"), "10.000000000000000000");
    EXPECT_EQ(Repairs(7), "EffectiveCost-C-002-M/EffectiveCost/rounded/1.000000000000000000049e1");
}

TEST_F(FocusRepairsTest, MonthFirstDatesAreReadWithTheNamedOrder) {
    testing::FocusCsv csv(3);
    for (int row = 0; row < 3; ++row) {
        SetDates(csv, row, "9/1/2024", "10/1/2024", "9/1/2024 0:00", "9/2/2024 0:00"); // every day <= 12
    }
    csv.Set(2, "ChargePeriodStart", "2024-09-01T00:00:00Z"); // ISO in the same file: as ISO
    const std::string file = Write("mdy.csv", csv.Text());
    const std::string message = Refused({file});
    EXPECT_NE(message.find("mdy.csv: column BillingPeriodEnd: dates such as '10/1/2024' read as month/day or as "
                           "day/month (no day above 12 in the file)"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("use --date-order mdy or --date-order dmy"), std::string::npos) << message;

    const auto summary = Ingest({file}, DateOrder::kMdy);
    EXPECT_EQ(summary.files[0].counts.loaded, 3);
    EXPECT_EQ(summary.files[0].counts.repaired, 3);
    EXPECT_EQ(Scalar("SELECT BillingPeriodStart || ' ' || BillingPeriodEnd || ' ' || ChargePeriodStart || ' ' || "
                     "ChargePeriodEnd FROM cost_line WHERE source_row = 1"),
              "2024-09-01 00:00:00 2024-10-01 00:00:00 2024-09-01 00:00:00 2024-09-02 00:00:00");
    EXPECT_EQ(Scalar("SELECT repairs->0->>'action' || ' ' || (repairs->0->>'original') FROM cost_line "
                     "WHERE source_row = 1"),
              "read_as_mdy 10/1/2024");
    EXPECT_EQ(Scalar("SELECT json_array_length(repairs) FROM cost_line WHERE source_row = 3"), "3");
}

TEST_F(FocusRepairsTest, DayFirstDatesAreDetectedFromADayAbove12) {
    testing::FocusCsv csv(3);
    SetDates(csv, 0, "01.09.2024", "01.10.2024", "01.09.2024 10:00", "01.09.2024 11:00");
    SetDates(csv, 1, "01.09.2024", "01.10.2024", "24.09.2024 13:05:07", "25.09.2024"); // the day above 12
    SetDates(csv, 2, "01.09.2024", "01.10.2024", "2/9/2024 1:00 PM", "02-09-2024 14:00");
    const auto summary = Ingest({Write("dmy.csv", csv.Text())});
    EXPECT_EQ(summary.files[0].counts.loaded, 3);
    EXPECT_EQ(summary.files[0].counts.rejected, 0);
    EXPECT_EQ(Scalar("SELECT ChargePeriodStart || ' ' || ChargePeriodEnd FROM cost_line WHERE source_row = 1"),
              "2024-09-01 10:00:00 2024-09-01 11:00:00");
    EXPECT_EQ(Scalar("SELECT ChargePeriodStart || ' ' || ChargePeriodEnd FROM cost_line WHERE source_row = 2"),
              "2024-09-24 13:05:07 2024-09-25 00:00:00");
    EXPECT_EQ(Scalar("SELECT ChargePeriodStart || ' ' || ChargePeriodEnd FROM cost_line WHERE source_row = 3"),
              "2024-09-02 13:00:00 2024-09-02 14:00:00");
    EXPECT_EQ(Scalar("SELECT BillingPeriodEnd FROM cost_line WHERE source_row = 3"), "2024-10-01 00:00:00");
    EXPECT_EQ(Scalar("SELECT DISTINCT r->>'action' FROM cost_line, unnest(from_json(repairs, '[\"json\"]')) AS "
                     "t(r)"),
              "read_as_dmy");
    // A named order that contradicts the file: the values that do not fit it are unreadable.
    const auto validation = Validate({(directory_ / "inputs" / "dmy.csv").string()}, DateOrder::kMdy);
    EXPECT_EQ(validation.files[0].counts.rejected, 1);
}

TEST_F(FocusRepairsTest, DatesWrittenInBothOrdersAreRefusedNamingBoth) {
    testing::FocusCsv csv(2);
    SetDates(csv, 0, "9/1/2024", "10/1/2024", "9/24/2024", "9/25/2024");
    SetDates(csv, 1, "9/1/2024", "10/1/2024", "24/9/2024", "25/9/2024");
    const std::string message = Refused({Write("both.csv", csv.Text())});
    EXPECT_NE(message.find("both.csv: dates are written both day first (ChargePeriodEnd '25/9/2024') and month "
                           "first (ChargePeriodEnd '9/25/2024')"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("--date-order mdy or --date-order dmy"), std::string::npos) << message;
}

TEST_F(FocusRepairsTest, YearFirstAndIsoDateOnlyValuesNeedNoOrder) {
    testing::FocusCsv csv(2);
    SetDates(csv, 0, "2024.09.01", "2024.10.01", "2024/09/01", "2024-09-02");
    const auto summary = Ingest({Write("ymd.csv", csv.Text())});
    EXPECT_EQ(summary.files[0].counts.rejected, 0);
    EXPECT_EQ(Scalar("SELECT BillingPeriodStart || ' ' || ChargePeriodStart || ' ' || ChargePeriodEnd FROM "
                     "cost_line WHERE source_row = 1"),
              "2024-09-01 00:00:00 2024-09-01 00:00:00 2024-09-02 00:00:00");
    EXPECT_EQ(Scalar("SELECT repairs->0->>'action' FROM cost_line WHERE source_row = 1"), "read_as_ymd");
    EXPECT_EQ(Scalar("SELECT repairs IS NULL FROM cost_line WHERE source_row = 2"), "true");
}

TEST_F(FocusRepairsTest, IsoFileIsReadWithoutADateOrder) {
    const auto summary = Ingest({Write("iso.csv", testing::FocusCsv(3).Text())});
    EXPECT_EQ(summary.files[0].counts.loaded, 3);
    EXPECT_EQ(summary.files[0].counts.repaired, 0);
}

// The same messy file through validate and ingest: the same counts, overall and per rule.
TEST_F(FocusRepairsTest, ValidateAndIngestCountTheSameOnAMessyFile) {
    testing::FocusCsv csv(8);
    for (int row = 0; row < 8; ++row) {
        SetDates(csv, row, "9/1/2024", "10/1/2024", "9/1/2024 0:00", "9/2/2024 0:00");
    }
    csv.Set(0, "Tags", "pay");
    csv.Set(1, "Tags", R"("{""app"":""pay")");
    csv.Set(2, "Tags", R"("{""n"": 5, ""n"": 6}")");
    csv.Set(3, "BilledCost", "1.5e-20").Set(3, "EffectiveCost", "2.5E3");
    csv.Set(4, "BilledCost", "abc");                  // rejected: money
    csv.Set(5, "ChargePeriodStart", "yesterday");     // rejected: period
    csv.Set(6, "ChargePeriodEnd", "13/45/2024 0:00"); // rejected: fits no order
    const std::string file = Write("messy.csv", csv.Text());

    const auto validation = Validate({file}, DateOrder::kMdy);
    ASSERT_EQ(validation.files.size(), 1U);
    ASSERT_EQ(validation.files[0].refused, "");
    const auto summary = Ingest({file}, DateOrder::kMdy);
    const auto& checked = validation.files[0];
    const auto& loaded = summary.files[0];
    EXPECT_EQ(checked.counts.read, 8);
    EXPECT_EQ(checked.counts.rejected, 3);
    EXPECT_EQ(checked.counts.repaired, 5);
    EXPECT_EQ(loaded.counts.read, checked.counts.read);
    EXPECT_EQ(loaded.counts.loaded, checked.counts.loaded);
    EXPECT_EQ(loaded.counts.repaired, checked.counts.repaired);
    EXPECT_EQ(loaded.counts.rejected, checked.counts.rejected);
    const auto rules = [](const std::vector<ingest::RuleCount>& counts) {
        std::vector<std::string> lines;
        for (const ingest::RuleCount& rule : counts) {
            lines.push_back(fmt::format("{} {} {} {}", rule.rule_id, rule.column, rule.action, rule.rows));
        }
        std::sort(lines.begin(), lines.end());
        return lines;
    };
    EXPECT_EQ(rules(loaded.rules), rules(checked.rules));
    EXPECT_EQ(Scalar("SELECT count(*) FROM rejected_row"), "3");
    EXPECT_EQ(Scalar("SELECT count(*) FROM cost_line"), "5");
}

TEST_F(FocusRepairsTest, FilesAFolderHoldsThatAreNotReadAreListedWithTheReason) {
    Write("bills/2024-09.csv", testing::FocusCsv(2).Text());
    Write("bills/notes.txt", "call the account manager\n");
    Write("bills/README.md", "# bills\n");
    Write("bills/2024-09.xlsx", "PK");
    fs::create_symlink(directory_ / "inputs" / "bills" / "gone.csv", directory_ / "inputs" / "bills" / "link.csv");
    const std::string folder = (directory_ / "inputs" / "bills").string();
    const auto summary = Ingest({folder});
    ASSERT_EQ(summary.files.size(), 1U);
    const auto listed = [](const std::vector<ingest::SkippedInput>& skipped) {
        std::string text;
        for (const ingest::SkippedInput& file : skipped) {
            text += file.path.filename().string() + ": " + file.reason + "\n";
        }
        return text;
    };
    const std::string expected = "2024-09.xlsx: not a .csv, .csv.gz, .parquet file\n"
                                 "README.md: not a .csv, .csv.gz, .parquet file\n"
                                 "link.csv: not a regular file (a broken link?)\n"
                                 "notes.txt: not a .csv, .csv.gz, .parquet file\n";
    EXPECT_EQ(listed(summary.skipped), expected);
    const auto validation = Validate({folder + "/*"});
    EXPECT_EQ(validation.files.size(), 1U);
    EXPECT_EQ(listed(validation.skipped), expected);
    // A glob that matches nothing FOCUS-like is still an error.
    EXPECT_THROW(Ingest({folder + "/*.txt"}), Error);
}

} // namespace
} // namespace crosswalk
