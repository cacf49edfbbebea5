// Loads as snapshots: the same file twice changes nothing, a newer export replaces the older one in the same
// transaction (unless --append), and a folder or several files are one snapshot.
#include <gtest/gtest.h>

#include "crosswalk/ingest/configured_sources.hpp"

#include "unit/ingest/enterprise/enterprise_test_support.hpp"

namespace crosswalk {
namespace {

using testing::EnterpriseData;
using testing::EnterpriseTest;
using Lines = std::vector<std::string>;

std::string Join(const std::vector<std::string>& lines) {
    std::string joined;
    for (const std::string& line : lines) {
        joined += (joined.empty() ? "" : ",") + line;
    }
    return joined;
}

constexpr const char* kFiles =
    "SELECT id, kind, status, coalesce(CAST(replaced_by_file_id AS VARCHAR), '-'), rows_loaded "
    "FROM source_file ORDER BY id";

class SnapshotTest : public EnterpriseTest {
protected:
    // A copy of the org fixture with one more cost center and one fewer business unit.
    std::string NewerOrg() {
        const std::string path = (directory_ / "exports" / "org-2024-10.csv").string();
        testing::WriteFile(path, "type,id,name,parent_id,business_unit_id,owner\n"
                                 "business_unit,BU-CORP,Corporate,,,Dana Whitfield\n"
                                 "business_unit,BU-ONLINE,Online Commerce,BU-CORP,,Priya Natarajan\n"
                                 "cost_center,CC-1000,IT Infrastructure,,BU-CORP,Sam Okafor\n"
                                 "cost_center,CC-2000,Digital Commerce Platform,,BU-ONLINE,Priya Natarajan\n"
                                 "cost_center,CC-2200,Search & Discovery,CC-2000,BU-ONLINE,Priya Natarajan\n");
        return path;
    }

    std::string Snapshot() {
        return Scalar("SELECT string_agg(id, ',' ORDER BY id) FROM (SELECT cost_center_id AS id FROM cost_center "
                      "UNION ALL SELECT business_unit_id FROM business_unit)");
    }
};

// crosswalk.yaml lists assets twice (a Snipe-IT export and a GLPI export, each with its mapping): the two form
// one snapshot, running `crosswalk ingest` again changes nothing, and a newer export of one replaces only its own.
TEST_F(SnapshotTest, SeveralConfiguredSourcesOfOneKindAreOneSnapshot) {
    const std::filesystem::path root = directory_.Path();
    std::filesystem::copy_file(EnterpriseData("snipeit/custom-asset-report.csv"), root / "snipeit.csv");
    std::filesystem::copy_file(EnterpriseData("glpi/computers.csv"), root / "glpi.csv");
    std::filesystem::remove(root / "crosswalk.yaml");
    testing::WriteFile(root / "crosswalk.yaml", "version: 1\nname: t\ndatabase: crosswalk.duckdb\nsources:\n"
                                                "  - kind: assets\n    path: snipeit.csv\n    mapping: " +
                                                    testing::ShippedMapping("snipeit-assets.yaml").string() +
                                                    "\n  - kind: assets\n    path: glpi.csv\n    mapping: " +
                                                    testing::ShippedMapping("glpi-computers.yaml").string() + "\n");
    workspace_.emplace(workspace::Workspace::Open(root)); // with the new crosswalk.yaml
    workspace::Workspace& workspace = Workspace();
    (void)ingest::IngestConfiguredSources(workspace, "", {});
    // Keys are unique across the snapshot: LPT-0101, in both exports, is loaded once (from the first).
    const std::string both = "1|assets|active|-|7,2|assets|active|-|6";
    EXPECT_EQ(Join(Rows(kFiles)), both);
    const std::vector<std::string> assets = Rows("SELECT * FROM asset ORDER BY asset_tag");
    EXPECT_EQ(assets.size(), 13U);

    // Again with nothing changed: every file skipped, nothing replaced.
    for (const ingest::IngestSummary& summary : ingest::IngestConfiguredSources(workspace, "", {})) {
        for (const ingest::FileOutcome& file : summary.files) {
            EXPECT_TRUE(file.skipped_unchanged) << file.path;
        }
    }
    EXPECT_EQ(Join(Rows(kFiles)), both);
    EXPECT_EQ(Rows("SELECT * FROM asset ORDER BY asset_tag"), assets);

    // A newer Snipe-IT export (one asset fewer) replaces the old Snipe-IT file; the GLPI file stays.
    const std::string snipeit = testing::ReadFile(root / "snipeit.csv");
    std::filesystem::remove(root / "snipeit.csv");
    testing::WriteFile(root / "snipeit.csv", snipeit.substr(0, snipeit.rfind('\n', snipeit.size() - 2) + 1));
    (void)ingest::IngestConfiguredSources(workspace, "", {});
    EXPECT_EQ(Join(Rows(kFiles)), "1|assets|replaced|3|7,2|assets|active|-|6,3|assets|active|-|6");
    EXPECT_EQ(Scalar("SELECT count(*) FROM asset"), "12");
    EXPECT_EQ(Scalar("SELECT count(*) FROM asset WHERE source_file_id = 2"), "6");
}

// A re-extracted month loaded with --append restates that month: without entry_id nothing is counted twice, with
// entry_id a corrected line replaces the old one; the other months stay.
TEST_F(SnapshotTest, AppendRestatesTheMonthsAFileContains) {
    for (const bool keyed : {false, true}) {
        SCOPED_TRACE(keyed ? "with entry_id" : "without entry_id");
        const std::filesystem::path folder = directory_ / (keyed ? "keyed" : "plain");
        const std::string header = std::string(keyed ? "entry_id," : "") + "posting_date,account,amount,currency\n";
        const auto line = [&](const std::string& id, const std::string& rest) {
            return (keyed ? id + "," : std::string()) + rest + "\n";
        };
        const std::string august = line("JE-1", "2024-08-05,6410,100.00,USD");
        const std::string september =
            line("JE-2", "2024-09-03,6410,200.00,USD") + line("JE-3", "2024-09-04,6420,300.00,USD");
        testing::WriteFile(folder / "gl-2024-08.csv", header + august);
        testing::WriteFile(folder / "gl-2024-09.csv", header + september);
        testing::WriteFile(folder / "gl-2024-09-rerun.csv", header + line("JE-2", "2024-09-03,6410,200.00,USD") +
                                                                line("JE-3", "2024-09-04,6420,250.00,USD") +
                                                                line("JE-4", "2024-09-30,6420,-50.00,USD"));
        Ingest("ledger", {(folder / "gl-2024-08.csv").string()});
        Ingest("ledger", {(folder / "gl-2024-09.csv").string()}, "", true);
        const ingest::IngestSummary rerun = Ingest("ledger", {(folder / "gl-2024-09-rerun.csv").string()}, "", true);
        EXPECT_EQ(rerun.Totals().rejected, 0);
        EXPECT_EQ(Scalar("SELECT count(*) FROM ledger_line"), "4");
        EXPECT_EQ(Scalar("SELECT string_agg(strftime(posting_period, '%Y-%m') || '=' || CAST(s AS VARCHAR), ' ' "
                         "ORDER BY posting_period) FROM (SELECT posting_period, sum(amount) AS s FROM ledger_line "
                         "GROUP BY ALL)"),
                  "2024-08=100.000000 2024-09=400.000000");
        ASSERT_FALSE(rerun.files[0].warnings.empty());
        const std::string first = keyed ? "5" : "2";
        EXPECT_EQ(rerun.files[0].warnings.front(), "restates 2024-09: replaces 2 row(s) loaded earlier for that month "
                                                   "(source file(s) " +
                                                       first + ")");
        // The September extract has no rows left: replaced by the rerun. August stays.
        EXPECT_EQ(
            Scalar("SELECT string_agg(status, ',' ORDER BY id) FROM source_file WHERE kind = 'ledger' AND id >= " +
                   (keyed ? std::string("4") : std::string("1"))),
            "active,replaced,active");
    }
}

TEST_F(SnapshotTest, LoadingTheSameFileTwiceChangesNothing) {
    IngestData("assets", "broken/assets.csv");
    const std::vector<std::string> assets = Rows("SELECT * FROM asset ORDER BY asset_tag");
    const std::vector<std::string> rejects = Rows("SELECT * FROM rejected_row ORDER BY id");
    const std::vector<std::string> files = Rows("SELECT * FROM source_file ORDER BY id");

    const ingest::IngestSummary again = IngestData("assets", "broken/assets.csv");
    ASSERT_EQ(again.files.size(), 1U);
    EXPECT_TRUE(again.files[0].skipped_unchanged);
    EXPECT_EQ(again.files[0].source_file_id, 1);
    EXPECT_EQ(again.Totals().read, 0);
    EXPECT_EQ(Rows("SELECT * FROM asset ORDER BY asset_tag"), assets);
    EXPECT_EQ(Rows("SELECT * FROM rejected_row ORDER BY id"), rejects);
    EXPECT_EQ(Rows("SELECT * FROM source_file ORDER BY id"), files);
    // The second load is recorded as a run that read the file and did nothing.
    EXPECT_EQ(Rows("SELECT command, status FROM run ORDER BY id"),
              (Lines{"ingest assets|succeeded", "ingest assets|succeeded"}));
}

TEST_F(SnapshotTest, ANewerSnapshotReplacesTheOlderOne) {
    IngestData("org", "org.csv");
    const ingest::IngestSummary newer = Ingest("org", {NewerOrg()});
    EXPECT_EQ(Snapshot(), "BU-CORP,BU-ONLINE,CC-1000,CC-2000,CC-2200");
    EXPECT_EQ(Rows(kFiles), (Lines{"1|org|replaced|2|10", "2|org|active|-|5"}));
    EXPECT_EQ(newer.files[0].warnings.front(),
              "replaces the earlier snapshot " + EnterpriseData("org.csv").string() + " (source file 1, 10 rows)");
    EXPECT_EQ(Scalar("SELECT count(*) FROM cost_center WHERE source_file_id = 1"), "0");
}

TEST_F(SnapshotTest, AppendAddsToTheSnapshotAndRejectsKeysAlreadyLoaded) {
    IngestData("org", "org.csv");
    const ingest::IngestSummary appended = Ingest("org", {NewerOrg()}, "", true);
    EXPECT_EQ(Rows(kFiles), (Lines{"1|org|active|-|10", "2|org|active|-|1"}));
    EXPECT_EQ(appended.Totals().loaded, 1);
    EXPECT_EQ(appended.Totals().rejected, 4);
    EXPECT_EQ(Scalar("SELECT count(*) FROM cost_center"), "8");
    EXPECT_EQ(Rows("SELECT row_number, rule_id, message FROM rejected_row WHERE row_number = 5 OR row_number = 1 "
                   "ORDER BY 1"),
              (Lines{"1|org.id.unique|id 'BU-CORP', type 'business_unit' is already loaded (from " +
                     EnterpriseData("org.csv").string() + " row 1)"}));
}

TEST_F(SnapshotTest, LoadingAnOlderSnapshotAgainBringsItBack) {
    IngestData("org", "org.csv");
    Ingest("org", {NewerOrg()});
    const ingest::IngestSummary back = IngestData("org", "org.csv");
    EXPECT_FALSE(back.files[0].skipped_unchanged); // the first load of it is no longer active
    EXPECT_EQ(Rows(kFiles), (Lines{"1|org|replaced|2|10", "2|org|replaced|3|5", "3|org|active|-|10"}));
    EXPECT_EQ(Scalar("SELECT count(*) FROM cost_center"), "7");
}

TEST_F(SnapshotTest, SeveralFilesAreOneSnapshotAndKeysStayUniqueAcrossThem) {
    testing::WriteFile(directory_ / "cmdb" / "part-1.csv", "ci_id,class,name\nCI-1,server,a\nCI-2,server,b\n");
    testing::WriteFile(directory_ / "cmdb" / "part-2.csv", "ci_id,class,name\nCI-3,database,c\nCI-2,server,b2\n");
    const ingest::IngestSummary summary = Ingest("cis", {(directory_ / "cmdb").string()});
    ASSERT_EQ(summary.files.size(), 2U);
    // The summary names the file as given (like FOCUS); inside the workspace it is recorded relative to it.
    EXPECT_EQ(summary.files[0].path, (directory_ / "cmdb" / "part-1.csv").string());
    EXPECT_EQ(Scalar("SELECT path FROM source_file WHERE id = 1"), "cmdb/part-1.csv");
    EXPECT_EQ(summary.Totals().loaded, 3);
    EXPECT_EQ(Rows("SELECT r.row_number, r.message FROM rejected_row r"),
              (Lines{"2|ci_id 'CI-2' is already loaded (from cmdb/part-1.csv row 2)"}));

    // Reloading the folder with one file changed: the unchanged file stays, the changed one replaces its older
    // version, and nothing is duplicated.
    testing::WriteFile(directory_ / "cmdb" / "part-2.csv", "ci_id,class,name\nCI-3,database,c\nCI-4,cluster,d\n");
    const ingest::IngestSummary reload = Ingest("cis", {(directory_ / "cmdb").string()});
    EXPECT_TRUE(reload.files[0].skipped_unchanged);
    EXPECT_FALSE(reload.files[1].skipped_unchanged);
    EXPECT_EQ(Rows("SELECT string_agg(ci_id, ',' ORDER BY ci_id) FROM ci"), (Lines{"CI-1,CI-2,CI-3,CI-4"}));
    EXPECT_EQ(Rows(kFiles), (Lines{"1|cis|active|-|2", "2|cis|replaced|3|1", "3|cis|active|-|2"}));
}

TEST_F(SnapshotTest, ReplacingOneKindLeavesTheOthersAlone) {
    IngestData("cis", "cis.csv");
    IngestData("assets", "assets.csv");
    IngestData("cis", "broken/cis.csv");
    EXPECT_EQ(Scalar("SELECT count(*) FROM asset"), "16");
    EXPECT_EQ(Scalar("SELECT count(*) FROM ci"), "2");
}

TEST_F(SnapshotTest, JsonArraysKeepEveryDigitOfMoney) {
    const ingest::IngestSummary summary = IngestData("assets", "assets.json");
    EXPECT_EQ(summary.Totals().loaded, 3);
    EXPECT_EQ(
        Rows("SELECT asset_tag, acquisition_cost, currency, physical_cores, in_service_date, source_row FROM asset "
             "ORDER BY source_row"),
        (Lines{"SRV-2001|12345678901234567.891234|USD|64|NULL|1", "LPT-2002|0.100000|EUR|NULL|NULL|2",
               "LPT-2003|1999.990000|USD|NULL|2024-06-01|3"}));
    EXPECT_EQ(Scalar("SELECT sum(acquisition_cost) FROM asset"), "12345678901236567.981234");
    EXPECT_EQ(summary.files[0].warnings, (Lines{"columns not read: tags"}));
    EXPECT_EQ(Scalar("SELECT format FROM source_file"), "json");
}

TEST_F(SnapshotTest, NdjsonRowsAreNumberedByRecord) {
    const ingest::IngestSummary summary = IngestData("entitlements", "entitlements.ndjson");
    EXPECT_EQ(summary.Totals().loaded, 2);
    EXPECT_EQ(Rows("SELECT row_number, column_name, rule_id, raw FROM rejected_row"),
              (Lines{"3|quantity|entitlements.quantity.type|{\"entitlement_id\":\"ENT-J3\",\"publisher\":null,"
                     "\"product\":\"Visio\",\"edition\":null,\"metric\":\"per_user\",\"quantity\":\"1e2\","
                     "\"unit_cost\":null,\"total_cost\":null,\"currency\":null,\"maintenance\":null,"
                     "\"hybrid_benefit\":null}"}));
    EXPECT_EQ(
        Rows("SELECT entitlement_id, quantity, unit_cost, maintenance, hybrid_benefit FROM entitlement ORDER BY 1"),
        (Lines{"ENT-J1|16.0000|6874.000000|true|NULL", "ENT-J2|2.5000|47500.000000|false|NULL"}));
}

TEST_F(SnapshotTest, TheRunRecordsWhatWasLoaded) {
    IngestData("org", "org.csv");
    const ingest::IngestSummary newer = Ingest("org", {NewerOrg()});
    EXPECT_EQ(Scalar("SELECT details->>'$.replaced_files[0].rows' FROM run WHERE id = " + std::to_string(newer.run_id)),
              "10");
    EXPECT_EQ(Scalar("SELECT details->>'$.files[0].rows_loaded' FROM run WHERE id = " + std::to_string(newer.run_id)),
              "5");
    EXPECT_EQ(Scalar("SELECT inputs_sha256 IS NOT NULL AND status = 'succeeded' FROM run WHERE id = " +
                     std::to_string(newer.run_id)),
              "true");
}

} // namespace
} // namespace crosswalk
