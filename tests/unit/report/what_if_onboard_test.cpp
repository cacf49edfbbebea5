// `what-if onboard` on a hand-built store: one m6i.xlarge billed in June at 0.192 an hour (730 hours: 140.16),
// ten SQL Server Standard core licenses with license mobility and nothing installed; the plan puts SQL Server
// Standard on three more such VMs, BYOL.
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/model/migrator.hpp"
#include "crosswalk/report/reports.hpp"

#include "support/store_fixture.hpp"

namespace crosswalk::report {
namespace {

constexpr const char* kPlan = R"(workload: Portal
owner: Ana
cost_center: CC-1
start: 2026-07
months: 12
instances:
  - type: AWS:m6i.xlarge
    count: 3
    software: [SQL Server Standard]
)";

class WhatIfOnboardTest : public testing::StoreTest {
protected:
    WhatIfOnboardTest() {
        model::Migrate(connection_);
        connection_.Execute(R"(
INSERT INTO cost_line (source_file_id, source_row, ProviderName, ResourceId, ChargeCategory, PricingUnit,
                       ConsumedQuantity, BillingCurrency, BilledCost, EffectiveCost, SkuPriceDetails, x_columns,
                       ChargePeriodStart, ChargePeriodEnd)
VALUES (1, 1, 'AWS', 'vm-1', 'Usage', 'Hours', 730, 'USD', 140.16, 140.16, '{"CoreCount": 4}',
        '{"x_UsageType": "BoxUsage:m6i.xlarge"}', '2026-06-01', '2026-07-01');
INSERT INTO entitlement (entitlement_id, publisher, product, metric, quantity, unit_cost, currency, term_start,
                         term_end, license_mobility)
VALUES ('E-1', 'Microsoft', 'SQL Server Standard', 'per_core', 10, 100, 'USD', '2026-01-01', '2027-12-31', true);
)");
    }

    std::map<std::string, std::map<std::string, std::string>> Rows(const std::string& plan) {
        const ReportTable table =
            WhatIfOnboardReport(connection_, WhatIfOnboardOptions{rules::ParseOnboardPlan("plan.yaml", plan), {}, {}});
        std::map<std::string, std::map<std::string, std::string>> rows;
        for (const auto* lines : {&table.rows, &table.totals}) {
            for (const ReportRow& row : *lines) {
                for (size_t c = 0; c < table.columns.size(); ++c) {
                    rows[*row[0]][table.columns[c].name] = row[c].value_or("NULL");
                }
            }
        }
        return rows;
    }
};

TEST_F(WhatIfOnboardTest, LicensesNeededAgainstAvailableAndTheCloudMonth) {
    auto rows = Rows(kPlan);
    EXPECT_EQ(rows["cloud"]["after"], "420.48"); // 0.192 x 730 x 3
    EXPECT_EQ(rows["cloud"]["vcpus"], "4");
    // SQL Server in the cloud: the vCPUs, at least 4 a VM: 3 x 4 = 12 needed; 10 entitled, none used.
    EXPECT_EQ(rows["license"]["item"], "SQL Server Standard");
    EXPECT_EQ(rows["license"]["needed"], "12");
    EXPECT_EQ(rows["license"]["available"], "10");
    EXPECT_EQ(rows["license"]["shortfall_before"], "0");
    EXPECT_EQ(rows["license"]["shortfall_after"], "2");
    EXPECT_EQ(rows["license"]["change"], "200.00"); // 2 x 100
    EXPECT_EQ(rows["budget"]["status_after"], "no_budget");
    EXPECT_EQ(rows["total"]["after"], "5045.76"); // 12 months
}

TEST_F(WhatIfOnboardTest, LicenseIncludedNeedsNoneAndAPriceTheBillLacksIsAsked) {
    std::string included = kPlan;
    included.insert(included.find("    software"), "    license: included\n    hourly_price: 0.5\n");
    auto rows = Rows(included);
    EXPECT_EQ(rows["cloud"]["after"], "1095.00"); // 0.5 x 730 x 3
    EXPECT_EQ(rows["license"]["shortfall_after"], "0");
    std::string unpriced = kPlan;
    unpriced.insert(unpriced.find("    software"), "    license: included\n");
    try {
        (void)Rows(unpriced);
        FAIL() << "no VM of the type is billed with the license";
    } catch (const Error& error) {
        EXPECT_NE(std::string(error.what())
                      .find("plan.yaml:7: no AWS VM of m6i.xlarge is billed with the license in "
                            "2026-06: give hourly_price"),
                  std::string::npos)
            << error.what();
    }
}

TEST(OnboardPlanTest, ErrorsNameTheLine) {
    const auto error_of = [](const std::string& text) {
        try {
            (void)rules::ParseOnboardPlan("plan.yaml", text);
        } catch (const Error& error) {
            return std::string(error.what());
        }
        return std::string();
    };
    EXPECT_NE(error_of("workload: x\n").find("the plan needs 'owner'"), std::string::npos) << error_of("workload: x\n");
    const std::string count = error_of(std::string(kPlan).replace(std::string(kPlan).find("count: 3"), 8, "count: 0"));
    EXPECT_NE(count.find("plan.yaml:8"), std::string::npos) << count;
    const std::string license = error_of(std::string(kPlan) + "  - type: AWS:m6i.large\n    license: maybe\n");
    EXPECT_NE(license.find("plan.yaml:11"), std::string::npos) << license;
}

} // namespace
} // namespace crosswalk::report
