#include "crosswalk/generate/cloud_charges.hpp"

#include <algorithm>
#include <string_view>

#include <fmt/format.h>

#include "crosswalk/generate/money.hpp"

namespace crosswalk::generate::cloud {
namespace {

int AccountIndex(const Company& company, std::string_view id) {
    for (std::size_t i = 0; i < company.sub_accounts.size(); ++i) {
        if (company.sub_accounts[i].id == id) {
            return static_cast<int>(i);
        }
    }
    return 0;
}

int FirstAccountOf(const Company& company, Provider provider) {
    for (std::size_t i = 0; i < company.sub_accounts.size(); ++i) {
        if (company.sub_accounts[i].provider == provider) {
            return static_cast<int>(i);
        }
    }
    return 0;
}

} // namespace

void BuildMonthlyCharges(Company& company) {
    const Calendar& calendar = company.calendar;
    const int scale = company.options.scale;
    const auto money = [](std::string_view text) {
        return DecimalAt(text, kCentScale);
    };
    const auto scaled = [&](std::string_view text) {
        return MultiplyRatio(money(text), scale, 1, kCentScale);
    };
    const int platform_account = AccountIndex(company, "333344445555");
    for (int month = 0; month < static_cast<int>(calendar.month_names.size()); ++month) {
        const int days = calendar.DaysIn(month);
        for (const Commitment& commitment : company.commitments) {
            MonthlyCharge fee;
            fee.provider = commitment.provider;
            fee.month = month;
            fee.sub_account = FirstAccountOf(company, commitment.provider);
            fee.charge_category = "Purchase";
            fee.charge_frequency = "Recurring";
            fee.service_name = commitment.provider == Provider::kAws     ? "Savings Plans for AWS Compute usage"
                               : commitment.provider == Provider::kAzure ? "Virtual Machines"
                                                                         : "Compute Engine";
            fee.service_category = "Compute";
            fee.service_subcategory = "Virtual Machines";
            fee.description = fmt::format("{}: recurring fee", commitment.name);
            fee.sku_id = commitment.type;
            fee.commitment_id = commitment.id;
            fee.resource_id = commitment.id;
            fee.resource_name = commitment.name;
            fee.billed_cost = MultiplyRatio(commitment.daily_fee, days, 1, kCentScale);
            fee.effective_cost = Decimal(0, kCentScale); // amortized into the covered usage rows
            company.monthly_charges.push_back(std::move(fee));
        }
        MonthlyCharge support;
        support.provider = Provider::kAws;
        support.month = month;
        support.sub_account = platform_account;
        support.charge_category = "Purchase";
        support.charge_frequency = "Recurring";
        support.service_name = "AWS Support (Enterprise)";
        support.service_category = "Management and Governance";
        support.service_subcategory = "Support";
        support.description = "AWS Support (Enterprise) monthly fee";
        support.sku_id = "Support:Enterprise";
        support.billed_cost = scaled("15000.00");
        support.effective_cost = support.billed_cost;
        company.monthly_charges.push_back(support);

        MonthlyCharge marketplace;
        marketplace.provider = Provider::kAzure;
        marketplace.month = month;
        marketplace.sub_account = AccountIndex(company, "7c1d9a52-4f0e-4b8a-9d3e-2a6f1b0c8e11");
        marketplace.charge_category = "Purchase";
        marketplace.charge_frequency = "Recurring";
        marketplace.service_name = "SendGrid Email Delivery";
        marketplace.service_category = "Integration";
        marketplace.service_subcategory = "Messaging";
        marketplace.publisher = "Twilio SendGrid";
        marketplace.description = "SendGrid Pro 300K - monthly subscription (Azure Marketplace)";
        marketplace.sku_id = "sendgrid_azure:pro300k";
        marketplace.tags_json = R"({"App":"hr","Environment":"Production"})";
        marketplace.application_code = "hr";
        marketplace.billed_cost = scaled("449.95");
        marketplace.effective_cost = marketplace.billed_cost;
        company.monthly_charges.push_back(marketplace);

        // The SaaS vendor's own FOCUS file: the prepaid credits bought in the first month, drawn down monthly.
        MonthlyCharge drawdown;
        drawdown.provider = Provider::kDatadog;
        drawdown.month = month;
        drawdown.charge_category = "Usage";
        drawdown.charge_frequency = "Usage-Based";
        drawdown.service_name = "Datadog Infrastructure Monitoring";
        drawdown.service_category = "Management and Governance";
        drawdown.service_subcategory = "Observability";
        drawdown.description = "Infrastructure Pro hosts, drawn from prepaid credits";
        drawdown.sku_id = "infra-pro-host";
        drawdown.commitment_id = company.saas_contract_id;
        drawdown.billed_cost = Decimal(0, kCentScale);
        drawdown.effective_cost = MultiplyRatio(scaled("8400.00"), 100 + 3 * month, 100, kCentScale);
        company.monthly_charges.push_back(drawdown);
        if (month == 0) {
            MonthlyCharge prepaid = drawdown;
            prepaid.charge_category = "Purchase";
            prepaid.charge_frequency = "One-Time";
            prepaid.description = "Prepaid commitment: annual credits";
            prepaid.sku_id = "prepaid-commit";
            prepaid.billed_cost = scaled("120000.00");
            prepaid.effective_cost = Decimal(0, kCentScale);
            company.monthly_charges.push_back(prepaid);
        }
    }
    // A promotional credit on GCP and a refund correcting an AWS overcharge of the month before.
    MonthlyCharge credit;
    credit.provider = Provider::kGcp;
    credit.month = std::min(1, static_cast<int>(calendar.month_names.size()) - 1);
    credit.sub_account = AccountIndex(company, "nw-prd-analytics");
    credit.charge_category = "Credit";
    credit.charge_frequency = "One-Time";
    credit.service_name = "BigQuery";
    credit.service_category = "Databases";
    credit.service_subcategory = "Data Warehouses";
    credit.description = "Promotional credit: BigQuery migration incentive";
    credit.sku_id = "PROMO-BQ-MIGRATION";
    credit.billed_cost = -scaled("500.00");
    credit.effective_cost = credit.billed_cost;
    company.monthly_charges.push_back(credit);

    MonthlyCharge refund;
    refund.provider = Provider::kAws;
    refund.month = std::min(2, static_cast<int>(calendar.month_names.size()) - 1);
    refund.sub_account = AccountIndex(company, "111122223333");
    refund.charge_category = "Adjustment";
    refund.charge_class = "Correction";
    refund.charge_frequency = "One-Time";
    refund.service_name = "Amazon Relational Database Service";
    refund.service_category = "Databases";
    refund.service_subcategory = "Relational Databases";
    refund.description = "Refund: RDS storage overcharge in the previous month";
    refund.sku_id = "Refund";
    refund.billed_cost = -scaled("1234.56");
    refund.effective_cost = refund.billed_cost;
    company.monthly_charges.push_back(refund);
}

} // namespace crosswalk::generate::cloud
