// Restatement: for every billing key (provider, billing account, sub account, billing period) the store holds
// the rows of the newest export of it, whatever the order files are named or loaded in, and a bill once replaced
// never comes back unless the user asks (--force).
#include <algorithm>
#include <chrono>
#include <map>
#include <random>
#include <set>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "crosswalk/ingest/configured_sources.hpp"
#include "crosswalk/ingest/focus/focus_ingest.hpp"
#include "crosswalk/ingest/focus/restatement.hpp"

#include "support/focus_csv.hpp"
#include "support/workspace_fixture.hpp"

namespace crosswalk {
namespace {

namespace fs = std::filesystem;

// A bill of `rows` rows of `amount` each for one billing key.
// An empty `sub_account` leaves the column out unless `sub_account_column` (then empty: NULL). The charges are
// resources i-1000, i-1001, ... unless `resource_prefix` names others (as another part of one export holds).
std::string Bill(int rows, const std::string& amount, const std::string& sub_account = "",
                 const std::string& period = "2024-09", bool sub_account_column = false,
                 const std::string& resource_prefix = "") {
    testing::FocusCsv csv(rows);
    csv.SetAll("BilledCost", amount);
    if (!resource_prefix.empty()) {
        for (int row = 0; row < rows; ++row) {
            csv.Set(row, "ResourceId", resource_prefix + std::to_string(row));
        }
    }
    if (!sub_account.empty() || sub_account_column) {
        csv.Add("SubAccountId", sub_account);
    }
    if (period != "2024-09") {
        csv.SetAll("BillingPeriodStart", period + "-01T00:00:00Z").SetAll("BillingPeriodEnd", "2030-01-01T00:00:00Z");
        csv.SetAll("ChargePeriodStart", period + "-01T00:00:00Z").SetAll("ChargePeriodEnd", period + "-02T00:00:00Z");
    }
    return csv.Text();
}

class RestatementTest : public testing::WorkspaceTest {
protected:
    ingest::IngestSummary Ingest(const std::vector<std::string>& paths, bool force = false) {
        ingest::FocusIngestOptions options;
        options.force = force;
        return ingest::IngestFocus(Workspace(), paths, options, {"test"});
    }

    // Writes the file and sets its modification time to `minute` minutes after 2024-10-01 00:00 UTC.
    std::string Write(const std::string& name, const std::string& text, int minute) {
        const fs::path path = directory_ / "bills" / name;
        testing::WriteFile(path, text);
        SetModified(path, minute);
        return path.string();
    }

    static void SetModified(const fs::path& path, int minute) {
        using namespace std::chrono;
        const sys_seconds when = sys_days(year{2024} / October / 1) + minutes(minute);
        fs::last_write_time(path, file_clock::from_sys(when));
    }

    std::string Billed() { return Scalar("SELECT sum(BilledCost)::DECIMAL(18,2) FROM cost_line"); }

    static bool HasNote(const ingest::FileOutcome& file, const std::string& text) {
        return std::any_of(file.warnings.begin(), file.warnings.end(),
                           [&](const std::string& note) { return note.find(text) != std::string::npos; });
    }
};

// The reproduction from the issue: a bill, its restatement, then the folder holding both.
TEST_F(RestatementTest, ABillAndItsRestatementInOneFolderAreNeverCountedTwice) {
    const std::string a = Write("a.csv", Bill(2, "10"), 0);
    const std::string b = Write("b.csv", Bill(3, "7"), 60);
    Ingest({a});
    EXPECT_EQ(Billed(), "20.00");
    Ingest({b});
    EXPECT_EQ(Billed(), "21.00");
    const auto again = Ingest({(directory_ / "bills").string()});
    EXPECT_TRUE(again.files.at(0).skipped_unchanged); // a.csv was replaced, and stays so
    EXPECT_TRUE(again.files.at(1).skipped_unchanged);
    EXPECT_EQ(Billed(), "21.00");
    Ingest({b, a}); // the other path order
    EXPECT_EQ(Billed(), "21.00");
    EXPECT_EQ(Scalar("SELECT string_agg(status, ',' ORDER BY id) FROM source_file"), "replaced,active");
}

TEST_F(RestatementTest, AFreshLoadOfBothKeepsTheNewerExportWhateverThePathOrder) {
    const std::string a = Write("a.csv", Bill(2, "10"), 0);
    const std::string b = Write("b.csv", Bill(3, "7"), 60);
    const auto summary = Ingest({b, a});
    EXPECT_EQ(Billed(), "21.00");
    // Both files are named in the warning, on both files.
    EXPECT_TRUE(HasNote(summary.files.at(0), "are not parts of one export")) << summary.files.at(0).warnings.at(0);
    EXPECT_TRUE(HasNote(summary.files.at(0), "the newer export, bills/b.csv"));
    EXPECT_TRUE(HasNote(summary.files.at(1), "restatement: replaces 2 rows of bills/a.csv (this load"));
    EXPECT_EQ(summary.files.at(0).superseded_rows, 2);
    EXPECT_EQ(Scalar("SELECT path || ':' || status || ':' || replaced_by_file_id FROM source_file WHERE path LIKE "
                     "'%a.csv'"),
              "bills/a.csv:replaced:2");
}

TEST_F(RestatementTest, NewerMeansTheLaterModificationTimeNotTheLaterName) {
    const std::string a = Write("a.csv", Bill(2, "10"), 120); // a is the newer export here
    const std::string b = Write("b.csv", Bill(3, "7"), 60);
    Ingest({a, b});
    EXPECT_EQ(Billed(), "20.00");
}

TEST_F(RestatementTest, AnOlderExportLoadedLaterIsKeptOutAndForceMakesItCurrent) {
    const std::string a = Write("a.csv", Bill(2, "10"), 0);
    const std::string b = Write("b.csv", Bill(3, "7"), 60);
    Ingest({b});
    const auto older = Ingest({a});
    EXPECT_EQ(Billed(), "21.00");
    EXPECT_TRUE(HasNote(older.files.at(0), "older than source file 1 (bills/b.csv"));
    EXPECT_TRUE(Ingest({a}).files.at(0).replaced_since);
    EXPECT_TRUE(HasNote(older.files.at(0), "--force"));
    EXPECT_EQ(Scalar("SELECT status FROM source_file WHERE id = 2"), "replaced");
    // Skipped now, as every content loaded once is.
    EXPECT_TRUE(Ingest({a}).files.at(0).skipped_unchanged);
    // --force: the user says a.csv is the bill.
    const auto forced = Ingest({a}, true);
    EXPECT_FALSE(forced.files.at(0).skipped_unchanged);
    EXPECT_EQ(Billed(), "20.00");
    // And a genuinely newer export after that still wins.
    using namespace std::chrono;
    const std::string c = Write("c.csv", Bill(1, "5"), 0);
    fs::last_write_time(c, fs::file_time_type::clock::now() + hours(1));
    Ingest({c});
    EXPECT_EQ(Billed(), "5.00");
}

TEST_F(RestatementTest, TheSameContentTwiceInOneForcedLoadCountsOnce) {
    const std::string a = Write("a.csv", Bill(2, "10"), 0);
    const std::string copy = Write("copy/a.csv", Bill(2, "10"), 0);
    Ingest({a});
    const auto forced = Ingest({a, copy}, true);
    EXPECT_FALSE(forced.files.at(0).skipped_unchanged);
    EXPECT_TRUE(forced.files.at(1).skipped_unchanged);
    EXPECT_EQ(Billed(), "20.00");
}

// Per-subscription exports under one billing account do not delete each other.
TEST_F(RestatementTest, ExportsOfTwoSubAccountsOfOneBillingAccountBothStay) {
    Ingest({Write("sub1.csv", Bill(2, "10", "sub-1"), 0)});
    Ingest({Write("sub2.csv", Bill(1, "4", "sub-2"), 10)});
    EXPECT_EQ(Billed(), "24.00");
    // A restatement of sub-1 replaces sub-1 only.
    Ingest({Write("sub1-restated.csv", Bill(1, "3", "sub-1"), 20)});
    EXPECT_EQ(Billed(), "7.00");
    EXPECT_EQ(Scalar("SELECT string_agg(path || '=' || status, ' ' ORDER BY id) FROM source_file"),
              "bills/sub1.csv=replaced bills/sub2.csv=active bills/sub1-restated.csv=active");
    EXPECT_EQ(Scalar("SELECT count(*) FROM billing_key WHERE status = 'replaced' AND replaced_by_file_id = 3"), "1");
}

TEST_F(RestatementTest, PartsOfOneExportAddUpAndAreNotedWhenTheyShareAKey) {
    const std::string one = Write("export/part-00001.csv", Bill(2, "1"), 0);
    const std::string two = Write("export/part-00002.csv", Bill(2, "2", "", "2024-09", false, "i-2-"), 5);
    const auto summary = Ingest({(directory_ / "bills" / "export").string()});
    EXPECT_EQ(Billed(), "6.00");
    EXPECT_TRUE(HasNote(summary.files.at(0), "read as a part of one export with bills/export/part-00002.csv"));
    // A later export in another folder replaces both parts.
    Write("export-2/part-00001.csv", Bill(1, "9"), 60);
    Ingest({(directory_ / "bills" / "export-2").string()});
    EXPECT_EQ(Billed(), "9.00");
    (void)one;
    (void)two;
}

TEST_F(RestatementTest, ExportGroupsMaskDigitsWithinOneFolder) {
    EXPECT_EQ(ingest::focus::ExportGroupOf("aws/2024-09/part-00001.snappy.parquet"),
              ingest::focus::ExportGroupOf("aws/2024-09/part-00017.snappy.parquet"));
    EXPECT_NE(ingest::focus::ExportGroupOf("bills/a.csv"), ingest::focus::ExportGroupOf("bills/b.csv"));
    EXPECT_NE(ingest::focus::ExportGroupOf("run-1/part-1.csv"), ingest::focus::ExportGroupOf("run-2/part-1.csv"));
}

// --force on a folder holding a bill and its restatement: both count as new, and the restatement stays newer.
TEST_F(RestatementTest, ForceKeepsTheOrderOfTheFilesItLoads) {
    const std::string a = Write("s1/bill.csv", Bill(2, "10"), 0);
    const std::string b = Write("s1/bill-restated.csv", Bill(3, "7"), 60 * 24 * 13);
    Ingest({b});
    Ingest({(directory_ / "bills" / "s1").string()}, true);
    EXPECT_EQ(Billed(), "21.00");
    (void)a;
}

// Re-exports named by date or version are not parts of one export: their charges are the same charges again.
TEST_F(RestatementTest, ReExportsNamedAlikeAreTwoVersionsOfOneBill) {
    // Written days apart.
    Write("s4/aws-2024-09-20241002.csv", Bill(2, "10"), 0);
    Write("s4/aws-2024-09-20241015.csv", Bill(2, "11"), 60 * 24 * 13);
    Ingest({(directory_ / "bills" / "s4").string()});
    EXPECT_EQ(Billed(), "22.00");
    // Copied without their times (cp, unzip): the same charges again, so still two versions, not parts.
    Write("v/bill_v1.csv", Bill(2, "10"), 0);
    Write("v/bill_v2.csv", Bill(2, "11"), 0);
    const fs::path root = directory_ / "fresh";
    workspace::InitWorkspace(root);
    workspace::Workspace fresh = workspace::Workspace::Open(root);
    const std::vector<std::string> folder = {(directory_ / "bills" / "v").string()};
    ingest::IngestFocus(fresh, folder, {}, {"test"});
    store::Connection connection = fresh.Connect();
    EXPECT_EQ(connection.Query("SELECT sum(BilledCost)::DECIMAL(18,2)::VARCHAR FROM cost_line").ScalarString(),
              "22.00");
}

// A part left over from an older delivery (aws s3 sync without --delete) is not added to the new one.
TEST_F(RestatementTest, AStalePartOfAnOlderDeliveryIsNotAdded) {
    testing::FocusCsv part1(2);
    part1.SetAll("BilledCost", "1.10").Set(0, "ResourceId", "i-a").Set(1, "ResourceId", "i-b");
    testing::FocusCsv part2(2);
    part2.SetAll("BilledCost", "1.10").Set(0, "ResourceId", "i-c").Set(1, "ResourceId", "i-d");
    testing::FocusCsv stale(2);
    stale.SetAll("BilledCost", "1.00").Set(0, "ResourceId", "i-e").Set(1, "ResourceId", "i-f");
    Write("s3/focus-00001.csv", part1.Text(), 60 * 24 * 14);
    Write("s3/focus-00002.csv", part2.Text(), 60 * 24 * 14 + 2);
    Write("s3/focus-00003.csv", stale.Text(), 0);
    const auto summary = Ingest({(directory_ / "bills" / "s3").string()});
    EXPECT_EQ(Billed(), "4.40");
    EXPECT_EQ(summary.files.at(2).superseded_rows, 2);
}

// Parts of one export loaded one command at a time still add up.
TEST_F(RestatementTest, PartsLoadedOneAtATimeAddUp) {
    testing::FocusCsv part1(4);
    testing::FocusCsv part2(6);
    for (int i = 0; i < 6; ++i) {
        part2.Set(i, "ResourceId", "i-part2-" + std::to_string(i));
    }
    const std::string one = Write("s3/part-00001.csv", part1.SetAll("BilledCost", "1").Text(), 0);
    const std::string two = Write("s3/part-00002.csv", part2.SetAll("BilledCost", "1").Text(), 1);
    Ingest({one});
    Ingest({two});
    EXPECT_EQ(Billed(), "10.00");
}

// The same bytes twice in one load are one export, as old as the oldest copy, whatever the paths.
TEST_F(RestatementTest, TheSameContentTwiceInOneLoadDoesNotDependOnItsPaths) {
    for (const std::string redownload : {"a-redownload", "z-redownload"}) {
        const fs::path root = directory_ / redownload;
        const std::string old_bill = Bill(2, "5");
        testing::WriteFile(root / "b-2024-10-02" / "bill.csv", old_bill);
        SetModified(root / "b-2024-10-02" / "bill.csv", 0);
        testing::WriteFile(root / "c-2024-10-15" / "bill.csv", Bill(2, "5.50"));
        SetModified(root / "c-2024-10-15" / "bill.csv", 60 * 24 * 13);
        testing::WriteFile(root / redownload / "bill.csv", old_bill);
        SetModified(root / redownload / "bill.csv", 60 * 24 * 19);
        const fs::path workspace_root = directory_ / ("ws-" + redownload);
        workspace::InitWorkspace(workspace_root);
        workspace::Workspace workspace = workspace::Workspace::Open(workspace_root);
        const std::vector<std::string> folder = {root.string()};
        ingest::IngestFocus(workspace, folder, {}, {"test"});
        store::Connection connection = workspace.Connect();
        EXPECT_EQ(connection.Query("SELECT sum(BilledCost)::DECIMAL(18,2)::VARCHAR FROM cost_line").ScalarString(),
                  "11.00")
            << redownload;
    }
}

// A restatement some of whose rows are rejected still replaces the old bill, and says the period is short.
TEST_F(RestatementTest, APartlyRejectedRestatementSaysThePeriodIsShort) {
    Ingest({Write("bill.csv", Bill(2, "10"), 0)});
    testing::FocusCsv restated(3);
    restated.SetAll("BilledCost", "7").Set(2, "BilledCost", "n/a");
    const auto summary = Ingest({Write("restated.csv", restated.Text(), 60)});
    EXPECT_EQ(Billed(), "14.00");
    EXPECT_TRUE(HasNote(summary.files.at(0), "1 of its own rows were rejected"));
}

// A tag that the newest bill no longer carries is gone from resource.tags; ties in time fall to one value.
TEST_F(RestatementTest, ResourceAttributesFollowTheNewestRowAndTiesAreDeterministic) {
    testing::FocusCsv csv(3);
    csv.SetAll("ResourceId", "i-1");
    csv.Set(0, "Tags", R"("{""app"": ""pay""}")").Set(1, "Tags", R"("{""app"": ""pay""}")").Set(2, "Tags", "");
    csv.Set(2, "ChargePeriodStart", "2024-09-03T00:00:00Z").Set(2, "ChargePeriodEnd", "2024-09-04T00:00:00Z");
    csv.Add("ResourceName", "name-b").Set(0, "ResourceName", "name-a"); // rows 0 and 1 tie on time
    csv.Set(2, "ResourceName", "");
    Ingest({Write("bill.csv", csv.Text(), 0)});
    EXPECT_EQ(Scalar("SELECT coalesce(tags::VARCHAR, 'none') || ' ' || name FROM resource"), "none name-b");
}

// The property: any sequence of loads and re-loads of original, restated and partial exports, in any path
// order, leaves for every key exactly the bill of the newest export of it that was loaded.
TEST_F(RestatementTest, AnySequenceOfLoadsLeavesTheNewestBillOfEveryKey) {
    struct Export {
        int version = 0;                  // larger is newer (modification time)
        std::vector<std::string> paths;   // one file, or the parts of one export
        std::map<std::string, int> cents; // key -> total billed, in cents, across its files
    };

    const std::vector<std::pair<std::string, std::string>> keys = {
        {"sub-1", "2024-09"}, {"sub-2", "2024-09"}, {"sub-1", "2024-10"}, {"", "2024-10"}};
    std::mt19937 random(20241001);
    for (int sequence = 0; sequence < 6; ++sequence) {
        // A fresh store per sequence.
        const fs::path root = directory_ / fmt::format("seq{}", sequence);
        workspace::InitWorkspace(root);
        workspace::Workspace workspace = workspace::Workspace::Open(root);
        std::vector<Export> exports;
        for (int version = 1; version <= 5; ++version) {
            Export current;
            current.version = version;
            const bool parts = random() % 3 == 0;
            const int files = parts ? 2 : 1;
            std::vector<size_t> held; // which keys this export holds (a partial export holds some)
            for (size_t k = 0; k < keys.size(); ++k) {
                if (random() % 2 == 0) {
                    held.push_back(k);
                }
            }
            if (held.empty()) {
                held.push_back(random() % keys.size());
            }
            for (int part = 1; part <= files; ++part) {
                std::string text;
                for (const size_t k : held) {
                    const int rows = 1 + static_cast<int>(random() % 3);
                    const int cents = static_cast<int>(random() % 10000);
                    // Parts of one export hold different charges.
                    const std::string bill = Bill(rows, fmt::format("{}.{:02}", cents / 100, cents % 100),
                                                  keys[k].first, keys[k].second, true, fmt::format("i-p{}-", part));
                    text += text.empty() ? bill : bill.substr(bill.find('\n') + 1);
                    current.cents[keys[k].first + "|" + keys[k].second] += rows * cents;
                }
                const fs::path path = root / "bills" / fmt::format("v{}", version) /
                                      (parts ? fmt::format("part-{:05}.csv", part) : "bill.csv");
                testing::WriteFile(path, text);
                SetModified(path, version * 60);
                current.paths.push_back(path.string());
            }
            exports.push_back(std::move(current));
        }
        std::set<int> loaded;
        for (int load = 0; load < 4; ++load) {
            std::vector<std::string> paths;
            for (const Export& candidate : exports) {
                if (random() % 3 == 0) {
                    paths.insert(paths.end(), candidate.paths.begin(), candidate.paths.end());
                    loaded.insert(candidate.version);
                }
            }
            if (paths.empty()) {
                continue;
            }
            std::shuffle(paths.begin(), paths.end(), random);
            ingest::IngestFocus(workspace, paths, {}, {"test"});

            std::map<std::string, int> expected;
            for (const Export& candidate : exports) { // oldest first: the newest loaded export of a key wins
                if (loaded.count(candidate.version) > 0) {
                    for (const auto& [key, cents] : candidate.cents) {
                        expected[key] = cents;
                    }
                }
            }
            std::string want;
            for (const auto& [key, cents] : expected) {
                want += fmt::format("{}={}.{:02};", key, cents / 100, cents % 100);
            }
            store::Connection connection = workspace.Connect();
            const std::string got =
                connection
                    .Query(
                        "SELECT string_agg(k || '=' || c, ';' ORDER BY k) || ';' FROM (SELECT coalesce(SubAccountId, "
                        "'') || '|' || strftime(BillingPeriodStart, '%Y-%m') AS k, "
                        "sum(BilledCost)::DECIMAL(18,2)::VARCHAR AS c FROM cost_line GROUP BY 1)")
                    .ScalarString()
                    .value_or("");
            ASSERT_EQ(got, want) << "sequence " << sequence << ", load " << load;
        }
    }
}

// `crosswalk ingest` with no arguments is one transaction: a refused file of any kind leaves the store as it was.
TEST_F(RestatementTest, EveryConfiguredSourceLoadsInOneTransaction) {
    const fs::path root = directory_ / "configured";
    workspace::InitWorkspace(root);
    testing::WriteFile(root / "bills" / "bill.csv", Bill(2, "10"));
    testing::WriteFile(root / "org.txt", "not a format crosswalk reads\n");
    fs::remove(root / "crosswalk.yaml");
    testing::WriteFile(root / "crosswalk.yaml", "version: 1\nname: t\ndatabase: crosswalk.duckdb\nsources:\n"
                                                "  - kind: focus\n    path: bills\n  - kind: org\n    path: org.txt\n");
    workspace::Workspace workspace = workspace::Workspace::Open(root);
    try {
        ingest::IngestConfiguredSources(workspace, "", {});
        ADD_FAILURE() << "the load was not refused";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("org.txt"), std::string::npos) << error.what();
    }
    store::Connection connection = workspace.Connect();
    EXPECT_EQ(connection.Query("SELECT count(*) FROM cost_line").ScalarInt64(), 0);
    EXPECT_EQ(connection.Query("SELECT count(*) FROM source_file").ScalarInt64(), 0);
    EXPECT_EQ(connection.Query("SELECT command || ':' || status FROM run").ScalarString(), "ingest:failed");
}

} // namespace
} // namespace crosswalk
