#include "crosswalk/generate/expected_json.hpp"

#include <fstream>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "crosswalk/common/error.hpp"
#include "crosswalk/common/version.hpp"
#include "crosswalk/generate/money.hpp"

namespace crosswalk::generate {
namespace {

using Json = nlohmann::ordered_json;

std::string ProviderName(Provider provider) {
    return InfoOf(provider).name;
}

Json Billing(const Company& company, const BillingOutput& billing) {
    Json files = Json::array();
    Decimal billed(0, 10);
    Decimal effective(0, 10);
    int64_t rows = 0;
    for (const BillingFile& file : billing.files) {
        files.push_back({{"path", file.path},
                         {"provider", ProviderName(file.provider)},
                         {"billing_account_id", InfoOf(file.provider).billing_account_id},
                         {"month", company.calendar.month_names[file.month]},
                         {"invoice_id", file.invoice_id},
                         {"rows", file.rows},
                         {"billed_cost", file.billed_cost.ToString()},
                         {"effective_cost", file.effective_cost.ToString()},
                         {"list_cost", file.list_cost.ToString()}});
        billed = billed + file.billed_cost;
        effective = effective + file.effective_cost;
        rows += file.rows;
    }
    return {{"currency", "USD"},
            {"focus_version", "1.2"},
            {"formats", {{"AWS", "csv"}, {"Microsoft", "parquet"}, {"Google Cloud", "csv.gz"}, {"Datadog", "csv"}}},
            {"total", {{"rows", rows}, {"billed_cost", billed.ToString()}, {"effective_cost", effective.ToString()}}},
            {"by_provider_and_month", std::move(files)}};
}

Json Applications(const Company& company, const BillingOutput& billing) {
    Json applications = Json::array();
    for (const Application& application : company.applications) {
        applications.push_back({{"ci_id", application.ci_id},
                                {"code", application.code},
                                {"name", application.name},
                                {"cost_center_id", application.cost_center_id},
                                {"business_unit_id", application.business_unit_id},
                                {"shared_platform", application.code == "k8s" || application.code == "lake"}});
    }
    Json costs = Json::array();
    for (const CostByKey& cost : billing.by_application) {
        costs.push_back({{"provider", ProviderName(cost.provider)},
                         {"month", company.calendar.month_names[cost.month]},
                         {"application", cost.key.empty() ? "" : company.ApplicationByCode(cost.key).ci_id},
                         {"effective_cost", cost.effective_cost.ToString()}});
    }
    return {{"applications", std::move(applications)},
            {"note", "application \"\" is cost of no single application: unused commitment, commitment fees, "
                     "support, tax, credits, refunds, the SaaS vendor"},
            {"effective_cost_by_true_application", std::move(costs)}};
}

Json Tags(const Company& company) {
    Json untagged = Json::array();
    int64_t total = 0;
    for (const Resource& resource : company.resources) {
        ++total;
        if (!resource.tags_json.empty()) {
            continue;
        }
        untagged.push_back({{"provider", ProviderName(resource.provider)},
                            {"resource_id", resource.id},
                            {"resource_name", resource.name},
                            {"sub_account_id", company.sub_accounts[resource.sub_account].id},
                            {"application", company.ApplicationByCode(resource.application_code).ci_id},
                            {"found_by", resource.attribution}});
    }
    return {{"application_tag_keys", {"app", "App", "application", "Application-Name"}},
            {"environment_tag_keys", {"env", "Environment"}},
            {"naming_standard", "{env}-{application code}-{role}-{nn}, e.g. prd-pay-db-01"},
            {"found_by",
             {{"name", "the resource name follows the naming standard"},
              {"account", "the sub-account belongs to one application"},
              {"cmdb", "a CI in the CMDB links the resource to its application"},
              {"none", "nothing in the data names the application"}}},
            {"resources", total},
            {"untagged_resources", std::move(untagged)}};
}

Json Licenses(const Company& company) {
    Json products = Json::array();
    for (const LicensedProduct& product : company.products) {
        const int64_t required = RequiredLicenses(company, product);
        int64_t entitled = 0;
        for (const Entitlement& entitlement : company.entitlements) {
            entitled += entitlement.product == product.name ? entitlement.quantity : 0;
        }
        const int64_t position = entitled - required;
        Json installations = Json::array();
        Json included = Json::array();
        Json reharvest = Json::array();
        for (const Installation& installation : company.installations) {
            if (installation.product != product.name) {
                continue;
            }
            if (installation.license_included) {
                included.push_back(installation.host_id);
                continue;
            }
            // A RHEL subscription covers two VMs: each VM needs half of one, and the product rounds the sum up.
            const bool half = product.name == kRhelProduct;
            installations.push_back(
                {{"installation_id", installation.id},
                 {"host_id", installation.host_id},
                 {"required", half ? nlohmann::ordered_json(0.5) : nlohmann::ordered_json(installation.required)},
                 {"rule", installation.note}});
            if (installation.note.find("reharvest") != std::string::npos) {
                reharvest.push_back(installation.id);
            }
        }
        products.push_back(
            {{"product", product.name},
             {"publisher", product.publisher},
             {"edition", product.edition},
             {"metric", product.metric},
             {"rule", product.rule},
             {"entitled", entitled},
             {"required", required},
             {"position", position},
             {"status", position < 0   ? "shortfall"
                        : position > 0 ? "surplus"
                                       : "compliant"},
             {"unit_cost", product.unit_cost.ToString()},
             {"exposure", MultiplyRatio(product.unit_cost, position < 0 ? -position : 0, 1, kCentScale).ToString()},
             {"counted_installations", std::move(installations)},
             {"license_included_hosts", std::move(included)},
             {"reharvest_candidates", std::move(reharvest)}});
    }
    return {{"note", "installations on cloud VMs whose bill includes the license need no entitlement; how billing "
                     "shows it: AWS x_Operation (RunInstances:0002 Windows, :0102 Windows+SQL Enterprise, :0010 "
                     "RHEL; :00g0 is RHEL BYOL), Azure x_SkuDetails ImageType ('Windows Server BYOL' is Azure "
                     "Hybrid Benefit) and a 'Virtual Machines Licenses' meter for SQL Server, Google Cloud "
                     "'Licensing Fee for ...' meters (BYOS ones priced 0)"},
            {"products", std::move(products)}};
}

Json Commitments(const Company& company) {
    Json commitments = Json::array();
    for (const Commitment& commitment : company.commitments) {
        int64_t covered = 0;
        for (const Resource& resource : company.resources) {
            covered += resource.commitment_id == commitment.id ? 1 : 0;
        }
        commitments.push_back({{"id", commitment.id},
                               {"provider", ProviderName(commitment.provider)},
                               {"name", commitment.name},
                               {"category", commitment.category},
                               {"covered_resources", covered},
                               {"daily_fee", commitment.daily_fee.ToString()},
                               {"daily_used", commitment.daily_used.ToString()},
                               {"daily_unused", (commitment.daily_fee + -commitment.daily_used).ToString()}});
    }
    return commitments;
}

Json Anomalies(const Company& company, const BillingOutput& billing) {
    Json days = Json::array();
    for (const CostByKey& cost : billing.anomaly_days) {
        days.push_back({{"date", cost.key}, {"effective_cost", cost.effective_cost.ToString()}});
    }
    const Anomaly& anomaly = company.anomaly;
    return {{"anomaly",
             {{"provider", ProviderName(anomaly.provider)},
              {"sub_account_id", anomaly.sub_account_id},
              {"service_name", anomaly.service_name},
              {"first_day", IsoDate(anomaly.first_day)},
              {"last_day", IsoDate(anomaly.first_day + anomaly.day_count - 1)},
              {"usage_factor", anomaly.factor},
              {"effective_cost_on_those_days", std::move(days)}}},
            {"drift",
             {{"provider", ProviderName(company.drift.provider)},
              {"sub_account_id", "nw-prd-analytics"},
              {"service_name", company.drift.service_name},
              {"usage_growth_percent_per_week", company.drift.percent_per_week}}}};
}

Json Ledger(const Company& company, const EnterpriseOutput& enterprise) {
    Json invoices = Json::array();
    for (const CloudInvoice& invoice : enterprise.cloud_invoices) {
        invoices.push_back({{"provider", ProviderName(invoice.provider)},
                            {"usage_month", company.calendar.month_names[invoice.usage_month]},
                            {"posting_period", invoice.posting_period},
                            {"invoice_id", invoice.invoice_id},
                            {"amount", invoice.amount.ToString()},
                            {"billed_cost", invoice.billed_cost.ToString()}});
    }
    Json depreciation = Json::array();
    for (const auto& [month, amount] : enterprise.depreciation_by_month) {
        depreciation.push_back({{"month", month}, {"amount", amount.ToString()}});
    }
    return {
        {"cloud_invoice_lag_months", 1},
        {"cloud_invoice_rounding", "the invoice is the sum of its billing rows rounded half away from zero to cents"},
        {"cloud_invoices", std::move(invoices)},
        {"depreciation_convention", "straight line, no salvage, full month: the month of acquisition is the first"},
        {"depreciation_by_month", std::move(depreciation)}};
}

Json Inventory(const Company& company, const EnterpriseOutput& enterprise) {
    int64_t with_ci = 0;
    for (const Resource& resource : company.resources) {
        with_ci += resource.ci_id.empty() ? 0 : 1;
    }
    return {{"cloud_resources", static_cast<int64_t>(company.resources.size())},
            {"cloud_resources_with_ci", with_ci},
            {"onprem_assets", static_cast<int64_t>(company.servers.size())},
            {"stale_cis", enterprise.stale_ci_ids},
            {"shared_platforms",
             {{"APP-K8S", {{"driver", "drivers/k8s-cpu-hours.csv"}, {"unit", "CPU-hours per application per day"}}},
              {"APP-LAKE",
               {{"driver", "drivers/datalake-usage.csv"}, {"unit", "bytes scanned per application per day"}}}}}};
}

} // namespace

void WriteExpectedJson(const Company& company, const BillingOutput& billing, const EnterpriseOutput& enterprise,
                       const std::filesystem::path& path) {
    const Calendar& calendar = company.calendar;
    Json expected = {
        {"generator",
         {{"crosswalk_version", std::string(kVersion)},
          {"seed", company.options.seed},
          {"scale", company.options.scale},
          {"months", company.options.months},
          {"first_day", IsoDate(calendar.first_day)},
          {"last_day", IsoDate(calendar.first_day + calendar.day_count - 1)}}},
        {"company", company.name},
        {"billing", Billing(company, billing)},
        {"applications", Applications(company, billing)},
        {"tags", Tags(company)},
        {"licenses", Licenses(company)},
        {"commitments", Commitments(company)},
        {"anomalies", Anomalies(company, billing)},
        {"ledger", Ledger(company, enterprise)},
        {"inventory", Inventory(company, enterprise)},
        {"source_rows", enterprise.rows_by_file},
    };
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << expected.dump(2) << '\n';
    out.close();
    if (!out) {
        Throw(ErrorKind::kIo, "cannot write {}", path.string());
    }
}

} // namespace crosswalk::generate
