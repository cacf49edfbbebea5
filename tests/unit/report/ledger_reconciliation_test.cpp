// The ledger reconciliation on a hand-built store: one invoice per case (tax the ledger leaves out, a late
// posting, credits, a bill without invoice ids matched by vendor and period, a ledger line naming an invoice the
// bill does not have, an invoice with no ledger line), the lag found from the data, and the vendor rules that
// make "Amazon Web Services, Inc." the bill's AWS.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "crosswalk/model/migrator.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/rules/vendor_rules.hpp"
#include "crosswalk/store/connection.hpp"
#include "crosswalk/store/database.hpp"

namespace crosswalk::report {
namespace {

class LedgerReconciliationTest : public ::testing::Test {
protected:
    LedgerReconciliationTest() {
        model::Migrate(connection_);
        connection_.Execute(R"(
INSERT INTO cost_line (source_file_id, source_row, ProviderName, BillingAccountId, InvoiceId, BillingPeriodStart,
                       ChargePeriodStart, ChargeCategory, BillingCurrency, BilledCost, EffectiveCost) VALUES
    (1, 1, 'AWS', 'A1', 'INV-A-01', '2026-01-01', '2026-01-01', 'Usage', 'USD', 1000.004, 1000.004),
    (1, 2, 'AWS', 'A1', 'INV-A-01', '2026-01-01', '2026-01-31', 'Tax', 'USD', 80, 80),
    (1, 3, 'AWS', 'A1', 'INV-A-02', '2026-02-01', '2026-02-01', 'Usage', 'USD', 500, 500),
    (1, 4, 'AWS', 'A1', 'INV-A-03', '2026-03-01', '2026-03-01', 'Usage', 'USD', 300, 300),
    (2, 1, 'Microsoft', 'MS-1', NULL, '2026-01-01', '2026-01-01', 'Usage', 'USD', 200, 200),
    (2, 2, 'Microsoft', 'MS-1', NULL, '2026-01-01', '2026-01-15', 'Credit', 'USD', -20, -20),
    (2, 3, 'Microsoft', 'MS-1', NULL, '2026-02-01', '2026-02-01', 'Usage', 'USD', 150, 150),
    (3, 1, 'Google Cloud', 'G-1', 'INV-G-1', '2026-01-01', '2026-01-01', 'Usage', 'USD', 90, 90);
INSERT INTO ledger_line (entry_id, posting_period, account, vendor, amount, currency, invoice_id) VALUES
    ('JE-1', '2026-02-01', '6410', 'Amazon Web Services, Inc.', 1000.00, 'USD', 'INV-A-01'),
    ('JE-2', '2026-03-01', '6410', 'Amazon Web Services EMEA SARL', 500.00, 'USD', 'INV-A-02'),
    ('JE-3', '2026-05-01', '6410', 'Amazon Web Services, Inc.', 300.00, 'USD', 'INV-A-03'),
    ('JE-4', '2026-02-01', '6410', 'Microsoft Ireland Operations Ltd', 200.00, 'USD', NULL),
    ('JE-5', '2026-03-01', '6410', 'Microsoft Corporation', 150.00, 'USD', NULL),
    ('JE-6', '2026-02-01', '6410', 'Google Cloud EMEA Limited', 45.00, 'USD', 'INV-G-OTHER'),
    ('JE-7', '2026-02-01', '6150', 'Globant S.A.', 9999.00, 'USD', 'GLB-1');
)");
    }

    // The report's rows as "provider|invoice|ledger period|ledgered|variance|status|reason" lines.
    std::string Rows(const LedgerReconciliationOptions& options) {
        const ReportTable table = LedgerReconciliationReport(connection_, options);
        std::string text = table.title + "\n";
        for (const ReportRow& row : table.rows) {
            const auto cell = [&](const char* name) {
                return row[table.ColumnIndex(name)].value_or("-");
            };
            text += fmt::format("{}|{}|{}|{}|{}|{}|{}\n", cell("provider"), cell("invoice_id"), cell("ledger_period"),
                                cell("ledgered"), cell("variance"), cell("status"), cell("reason"));
        }
        return text;
    }

    store::Database database_ = store::Database::OpenInMemory();
    store::Connection connection_{database_};
};

TEST_F(LedgerReconciliationTest, JanuaryFindsTaxCreditsAndWhatIsMissingOnEitherSide) {
    EXPECT_EQ(Rows({Period::Parse("2026-01"), std::nullopt, {}}),
              "the bill's invoices of billing period 2026-01 against the ledger, lag 1 month (detected: 2 of 6 "
              "invoices tie at lag 1; 0 at lag 0, 1 at lag 2, 0 at lag 3)\n"
              "AWS|INV-A-01|2026-02|1000.00|-80.004|under|tax: the ledger leaves out the bill's tax of 80\n"
              "Google Cloud|INV-G-1|2026-02|0.00|-90.000|missing_in_ledger|no ledger line of Google in 2026-02\n"
              "Google Cloud|INV-G-OTHER|2026-02|45.00|45.000|missing_in_bill|the bill of 2026-01 has no such "
              "invoice\n"
              "Microsoft|billing account MS-1|2026-02|200.00|20.000|over|credits: the ledger leaves out the bill's "
              "credits of -20\n");
}

TEST_F(LedgerReconciliationTest, LaterMonthsMatchByVendorAndShowALatePosting) {
    EXPECT_EQ(Rows({Period::Parse("2026-02"), 1, {}}),
              "the bill's invoices of billing period 2026-02 against the ledger, lag 1 month (given)\n"
              "AWS|INV-A-02|2026-03|500.00|0.00|matched|-\n"
              "Microsoft|billing account MS-1|2026-03|150.00|0.00|matched|by vendor and period: no ledger line "
              "names the invoice\n");
    EXPECT_EQ(Rows({Period::Parse("2026-03"), 1, {}}),
              "the bill's invoices of billing period 2026-03 against the ledger, lag 1 month (given)\n"
              "AWS|INV-A-03|2026-04|0.00|-300.00|missing_in_ledger|late invoice: posted in 2026-05\n");
    EXPECT_NE(Rows({Period::Parse("2026-03"), 2, {}}).find("\nAWS|INV-A-03|2026-05|300.00|0.00|matched|-\n"),
              std::string::npos);
}

TEST_F(LedgerReconciliationTest, DetectedLagAndTotals) {
    const LedgerLag lag = DetectLedgerLag(connection_, {});
    EXPECT_EQ(lag.lag, 1);
    EXPECT_EQ(lag.matched, 2);
    const ReportTable table = LedgerReconciliationReport(connection_, {Period::Parse("2026-01"), std::nullopt, {}});
    ASSERT_EQ(table.totals.size(), 1U);
    const ReportRow& total = table.totals.front();
    EXPECT_EQ(total[table.ColumnIndex("billed")], "1350.004");
    EXPECT_EQ(total[table.ColumnIndex("ledgered")], "1245.00");
    EXPECT_EQ(total[table.ColumnIndex("status")], "0 of 4 matched");
    EXPECT_THROW((void)LedgerReconciliationReport(connection_, {std::nullopt, -1, {}}), Error);
}

TEST_F(LedgerReconciliationTest, WorkspaceVendorRulesComeFirst) {
    connection_.Execute("UPDATE ledger_line SET vendor = 'AMZN Web Svcs' WHERE entry_id = 'JE-2'");
    EXPECT_NE(Rows({Period::Parse("2026-02"), 1, {}}).find("AWS|INV-A-02|2026-03|0.00|-500.00|missing_in_ledger"),
              std::string::npos);
    const rules::VendorRules own = rules::ParseVendorRules("rules/vendors.yaml", R"(vendors:
  - name: AWS
    aliases: [AMZN Web Svcs]
)");
    EXPECT_NE(Rows({Period::Parse("2026-02"), 1, own}).find("AWS|INV-A-02|2026-03|500.00|0.00|matched"),
              std::string::npos);
}

TEST_F(LedgerReconciliationTest, VendorNamesFoldToOneSpelling) {
    const std::string sql = rules::VendorOfSql(
        rules::ParseVendorRules("rules/vendors.yaml", "vendors:\n  - name: Northwind IT\n    pattern: '^nw\\b'\n"),
        "SELECT * FROM (VALUES ('Datadog, Inc.'), ('Microsoft Corporation'), ('Globant S.A.'), ('Globant'), "
        "('NW Services'), ('  '), ('Hewlett-Packard Enterprise'), ('AT&T Inc.')) AS t(name)");
    const auto rows =
        connection_
            .Query("SELECT name || ' -> ' || vendor || ' ' || coalesce(rule, '(none)') FROM " + sql + " ORDER BY name")
            .TextRows();
    std::string text;
    for (const auto& row : rows) {
        text += row[0].value_or("NULL") + "\n";
    }
    EXPECT_EQ(text, "AT&T Inc. -> AT&T Inc. (none)\n"
                    "Datadog, Inc. -> Datadog vendors.yaml:46\n"
                    "Globant -> Globant (none)\n"
                    "Globant S.A. -> Globant (none)\n"
                    "Hewlett-Packard Enterprise -> HPE vendors.yaml:57\n"
                    "Microsoft Corporation -> Microsoft vendors.yaml:16\n"
                    "NW Services -> Northwind IT vendors.yaml:2\n");
}

TEST(VendorRulesTest, ErrorsNameTheLine) {
    EXPECT_THROW((void)rules::ParseVendorRules("rules/vendors.yaml", "vendors:\n  - aliases: [x]\n"), Error);
    try {
        (void)rules::ParseVendorRules("rules/vendors.yaml", "vendors:\n  - name: A\n  - name: A\n");
        FAIL();
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what()).find("rules/vendors.yaml:3"), std::string::npos) << error.what();
        EXPECT_NE(std::string(error.what()).find("already given on line 2"), std::string::npos) << error.what();
    }
    EXPECT_THROW((void)rules::ParseVendorRules("rules/vendors.yaml", "vendors:\n  - name: A\n    pattern: '('\n"),
                 Error);
    EXPECT_THROW((void)rules::ParseVendorRules("rules/vendors.yaml", "vendors:\n  - name: A\n    alias: [b]\n"), Error);
}

} // namespace
} // namespace crosswalk::report
