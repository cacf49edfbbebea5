#include "crosswalk/generate/enterprise_files.hpp"

#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "crosswalk/common/error.hpp"
#include "crosswalk/generate/csv_writer.hpp"
#include "crosswalk/generate/money.hpp"
#include "crosswalk/generate/random.hpp"

namespace crosswalk::generate {
namespace {

namespace fs = std::filesystem;

std::string Bool(bool value) {
    return value ? "true" : "false";
}

std::string Count(int64_t value) {
    return value > 0 ? std::to_string(value) : "";
}

std::string DateOrEmpty(int day) {
    return day >= 0 ? IsoDate(day) : "";
}

std::string MonthOfDay(int day) {
    return IsoDate(day).substr(0, 7);
}

// Months since year 0, so that month differences are calendar months.
int MonthNumber(int day) {
    const std::string date = IsoDate(day);
    return std::stoi(date.substr(0, 4)) * 12 + std::stoi(date.substr(5, 2)) - 1;
}

class EnterpriseWriter {
public:
    EnterpriseWriter(const Company& company, const BillingOutput& billing, const fs::path& root)
        : company_(company), billing_(billing), root_(root), random_(Random(company.options.seed).Fork("finance")) {}

    EnterpriseOutput Write() {
        fs::create_directories(root_ / "sources");
        fs::create_directories(root_ / "drivers");
        Org();
        Cis();
        Assets();
        Installations();
        Entitlements();
        Contracts();
        Ledger();
        Budgets();
        Metrics();
        Drivers();
        return std::move(output_);
    }

private:
    CsvWriter Open(const std::string& relative, std::initializer_list<std::string_view> header) {
        return CsvWriter(root_ / relative, header);
    }

    void Done(const std::string& relative, CsvWriter& writer) {
        writer.Close();
        output_.rows_by_file[relative] = writer.Rows();
    }

    void Org() {
        const std::string path = "sources/org.csv";
        CsvWriter csv = Open(path, {"type", "id", "name", "parent_id", "business_unit_id", "owner"});
        for (const BusinessUnit& unit : company_.business_units) {
            csv.Row({"business_unit", unit.id, unit.name, unit.parent_id, "", unit.owner});
        }
        for (const CostCenter& center : company_.cost_centers) {
            csv.Row({"cost_center", center.id, center.name, center.parent_id, center.business_unit_id, center.owner});
        }
        Done(path, csv);
    }

    // The CMDB, as a JSON export (a ServiceNow table API result reads much like this), and its relationships.
    void Cis() {
        nlohmann::ordered_json cis = nlohmann::ordered_json::array();
        std::vector<std::vector<std::string>> relations;
        const auto add = [&](const std::string& id, const std::string& ci_class, const std::string& name,
                             const std::string& owner, const std::string& cost_center, const std::string& unit,
                             const std::string& environment, const std::string& status, const std::string& asset_tag,
                             const std::string& provider, const std::string& resource_id) {
            nlohmann::ordered_json ci = {{"ci_id", id}, {"class", ci_class}, {"name", name}};
            const std::pair<const char*, const std::string*> optional[] = {{"owner", &owner},
                                                                           {"cost_center_id", &cost_center},
                                                                           {"business_unit_id", &unit},
                                                                           {"environment", &environment},
                                                                           {"status", &status},
                                                                           {"asset_tag", &asset_tag},
                                                                           {"cloud_provider", &provider},
                                                                           {"resource_id", &resource_id}};
            for (const auto& [key, value] : optional) {
                if (!value->empty()) {
                    ci[key] = *value;
                }
            }
            cis.push_back(std::move(ci));
        };
        for (const BusinessService& service : company_.business_services) {
            add(service.ci_id, "business_service", service.name, service.owner, service.cost_center_id,
                service.business_unit_id, "production", "operational", "", "", "");
        }
        for (const Application& application : company_.applications) {
            add(application.ci_id, "application", application.name, application.owner, application.cost_center_id,
                application.business_unit_id, "production", "operational", "", "", "");
            if (!application.business_service_id.empty()) {
                relations.push_back({application.business_service_id, application.ci_id, "depends_on"});
            }
        }
        for (const char* tenant : {"web", "mob", "srch", "chk", "reco"}) {
            relations.push_back({company_.ApplicationByCode(tenant).ci_id, "APP-K8S", "depends_on"});
        }
        for (const char* consumer : {"bi", "reco", "fin", "inv"}) {
            relations.push_back({company_.ApplicationByCode(consumer).ci_id, "APP-LAKE", "depends_on"});
        }
        add("CL-ESX-DC1", "cluster", "dc1-esx-cluster", "Lena Hoffmann", "CC-1100", "BU-IT", "production",
            "operational", "", "", "");
        for (const Server& server : company_.servers) {
            const std::string owner = server.category == "virtual"
                                          ? company_.ApplicationByCode(server.application_code).owner
                                          : "Lena Hoffmann";
            add(server.ci_id, server.ci_class, server.name, owner, server.cost_center_id, "", "production",
                server.lifecycle_state == "retired" ? "retired" : "operational", server.asset_tag, "", "");
            if (!server.cluster_ci_id.empty()) {
                relations.push_back({server.ci_id, server.cluster_ci_id, "member_of"});
            }
            if (!server.host_asset_tag.empty()) {
                relations.push_back({server.ci_id, "CI-" + server.host_asset_tag, "hosted_by"});
            }
            if (!server.application_code.empty()) {
                relations.push_back(
                    {company_.ApplicationByCode(server.application_code).ci_id, server.ci_id, "runs_on"});
            }
        }
        for (const Resource& resource : company_.resources) {
            const std::string provider = InfoOf(resource.provider).name;
            if (resource.type == "Cluster") {
                add("CL-EKS-PRD", "container_platform", resource.name, "Tomás Ferreira", company_.platform_cost_center,
                    "BU-IT", "production", "operational", "", provider, resource.id);
                relations.push_back({"APP-K8S", "CL-EKS-PRD", "runs_on"});
            }
            if (resource.ci_id.empty()) {
                continue;
            }
            const Application& application = company_.ApplicationByCode(resource.application_code);
            const std::string ci_class =
                resource.vcpus > 0 ? "virtual_machine"
                : resource.type.find("DB") != std::string::npos || resource.type.find("SQL") != std::string::npos
                    ? "database"
                    : "cloud_resource";
            add(resource.ci_id, ci_class, resource.name, application.owner, application.cost_center_id,
                application.business_unit_id, "production", "operational", "", provider, resource.id);
            relations.push_back({application.ci_id, resource.ci_id, "runs_on"});
        }
        // CIs the CMDB still lists for cloud resources that were terminated before the bills begin.
        for (int i = 0; i < 2 * company_.options.scale; ++i) {
            const std::string id = fmt::format("CI-CLD-9{:04}", i + 1);
            add(id, "virtual_machine", fmt::format("prd-pay-app-old-{:02}", i + 1), "Aiko Tanaka", "CC-2100",
                "BU-ONLINE", "production", "operational", "", "AWS",
                fmt::format("arn:aws:ec2:us-east-1:111122223333:instance/i-0dead{:012}", i + 1));
            relations.push_back({"APP-PAY", id, "runs_on"});
            output_.stale_ci_ids.push_back(id);
        }
        const std::string path = "sources/cis.json";
        std::ofstream out(root_ / path, std::ios::binary | std::ios::trunc);
        out << cis.dump(1) << '\n';
        out.close();
        if (!out) {
            Throw(ErrorKind::kIo, "cannot write {}", (root_ / path).string());
        }
        output_.rows_by_file[path] = static_cast<int64_t>(cis.size());

        const std::string relations_path = "sources/ci-relations.csv";
        CsvWriter csv = Open(relations_path, {"parent_ci_id", "child_ci_id", "relation_type"});
        for (const auto& relation : relations) {
            csv.Row(relation);
        }
        Done(relations_path, csv);
    }

    void Assets() {
        const std::string path = "sources/assets.csv";
        CsvWriter csv = Open(path, {"asset_tag",
                                    "serial_number",
                                    "name",
                                    "category",
                                    "asset_type",
                                    "model",
                                    "manufacturer",
                                    "lifecycle_state",
                                    "acquisition_date",
                                    "retired_date",
                                    "acquisition_cost",
                                    "currency",
                                    "depreciation_method",
                                    "useful_life_months",
                                    "salvage_value",
                                    "owner",
                                    "cost_center_id",
                                    "location",
                                    "ci_id",
                                    "cloud_provider",
                                    "resource_id",
                                    "host_asset_tag",
                                    "physical_cores",
                                    "processors"});
        for (const Server& server : company_.servers) {
            const bool hardware = server.category == "hardware";
            csv.Row({server.asset_tag,
                     hardware ? fmt::format("CZ{}", 20000000 + random_.Between(0, 9999999)) : "",
                     server.name,
                     server.category,
                     server.asset_type,
                     server.model,
                     server.manufacturer,
                     server.lifecycle_state,
                     IsoDate(server.acquisition_day),
                     DateOrEmpty(server.retired_day),
                     hardware ? server.acquisition_cost.ToString() : "",
                     hardware ? "USD" : "",
                     hardware ? "straight_line" : "none",
                     hardware ? std::to_string(server.useful_life_months) : "",
                     hardware ? "0.00" : "",
                     "Infrastructure Operations",
                     server.cost_center_id,
                     server.location,
                     server.ci_id,
                     "",
                     "",
                     server.host_asset_tag,
                     Count(static_cast<int64_t>(server.processors) * server.cores_per_processor),
                     Count(server.processors)});
        }
        // ITAM also tracks some cloud VMs as assets: those with a CI, every other one.
        int counter = 0;
        const int window_end = company_.calendar.first_day + company_.calendar.day_count - 1;
        for (const Resource& resource : company_.resources) {
            if (resource.vcpus == 0 || resource.ci_id.empty() || (++counter % 2) != 0) {
                continue;
            }
            const Application& application = company_.ApplicationByCode(resource.application_code);
            const bool terminated = resource.last_day < window_end;
            csv.Row({fmt::format("CLD-{:05}", counter),
                     "",
                     resource.name,
                     "cloud",
                     "virtual machine",
                     "",
                     InfoOf(resource.provider).name,
                     terminated ? "retired" : "in_use",
                     IsoDate(resource.first_day),
                     terminated ? IsoDate(resource.last_day) : "",
                     "",
                     "",
                     "none",
                     "",
                     "",
                     application.owner,
                     application.cost_center_id,
                     resource.region_id,
                     resource.ci_id,
                     InfoOf(resource.provider).name,
                     resource.id,
                     "",
                     "",
                     ""});
        }
        Done(path, csv);
    }

    void Installations() {
        const std::string path = "sources/installations.csv";
        CsvWriter csv = Open(path, {"installation_id", "publisher", "product", "edition", "version", "host_kind",
                                    "host_id", "cloud_provider", "physical_cores", "vcpus", "threads_per_core", "users",
                                    "last_used_date", "discovery_source"});
        for (const Installation& i : company_.installations) {
            csv.Row({i.id, i.publisher, i.product, i.edition, i.version, i.host_kind, i.host_id, i.cloud_provider,
                     Count(i.physical_cores), Count(i.vcpus), Count(i.threads_per_core), Count(i.users),
                     IsoDate(i.last_used_day), i.discovery_source});
        }
        Done(path, csv);
    }

    void Entitlements() {
        const std::string path = "sources/entitlements.csv";
        CsvWriter csv = Open(path, {"entitlement_id", "publisher", "product", "edition", "metric", "quantity",
                                    "unit_cost", "total_cost", "currency", "purchase_date", "term_start", "term_end",
                                    "maintenance", "maintenance_end", "license_mobility", "hybrid_benefit",
                                    "byol_allowed", "contract_id", "cost_center_id"});
        for (const Entitlement& e : company_.entitlements) {
            csv.Row({e.id, e.publisher, e.product, e.edition, e.metric, std::to_string(e.quantity),
                     e.unit_cost.ToString(), MultiplyRatio(e.unit_cost, e.quantity, 1, kCentScale).ToString(), "USD",
                     IsoDate(e.purchase_day), IsoDate(e.term_start), DateOrEmpty(e.term_end), Bool(e.maintenance),
                     DateOrEmpty(e.maintenance_end), Bool(e.license_mobility), Bool(e.hybrid_benefit),
                     Bool(e.byol_allowed), e.contract_id, e.cost_center_id});
        }
        Done(path, csv);
    }

    void Contracts() {
        const std::string path = "sources/contracts.csv";
        CsvWriter csv =
            Open(path, {"contract_id", "name", "vendor", "contract_type", "start_date", "end_date", "total_value",
                        "currency", "payment_schedule", "consumption_allowance", "consumption_unit", "auto_renew",
                        "notice_days", "cloud_provider", "cost_center_id"});
        for (const Contract& c : company_.contracts) {
            csv.Row({c.id, c.name, c.vendor, c.type, IsoDate(c.start_day), IsoDate(c.end_day), c.total_value.ToString(),
                     "USD", c.payment_schedule, c.consumption_unit.empty() ? "" : c.consumption_allowance.ToString(),
                     c.consumption_unit, Bool(c.auto_renew), std::to_string(c.notice_days), c.cloud_provider,
                     c.cost_center_id});
        }
        Done(path, csv);
    }

    // The general ledger: cloud invoices a month after the usage, depreciation, license and support payments,
    // internal and external labor.
    void Ledger() {
        const std::string path = "sources/ledger.csv";
        CsvWriter csv = Open(path, {"entry_id", "posting_period", "posting_date", "account", "account_name",
                                    "cost_center_id", "vendor", "amount", "currency", "invoice_id", "description"});
        const Calendar& calendar = company_.calendar;
        int entry = 0;
        const auto post = [&](int day, const char* account, const char* account_name, const std::string& cost_center,
                              const std::string& vendor, const Decimal& amount, const std::string& invoice,
                              const std::string& description) {
            const std::string period = MonthOfDay(day);
            csv.Row({fmt::format("JE-{}{}-{:05}", period.substr(2, 2), period.substr(5, 2), ++entry), period,
                     IsoDate(day), account, account_name, cost_center, vendor, amount.ToString(), "USD", invoice,
                     description});
        };
        static const char* const kVendors[kProviderCount] = {
            "Amazon Web Services, Inc.", "Microsoft Ireland Operations Ltd", "Google Cloud EMEA Ltd", "Datadog, Inc."};
        for (const BillingFile& file : billing_.files) {
            const Decimal amount = RoundHalfAway(file.billed_cost, kCentScale);
            if (amount == Decimal(0, kCentScale)) {
                continue;
            }
            const int posting_day = calendar.month_starts[file.month + 1] + 4;
            const bool saas = file.provider == Provider::kDatadog;
            post(posting_day, saas ? "6440" : "6410", saas ? "SaaS subscriptions" : "Cloud services",
                 company_.platform_cost_center, kVendors[static_cast<int>(file.provider)], amount, file.invoice_id,
                 fmt::format("{} invoice {} ({})", InfoOf(file.provider).name, file.invoice_id,
                             calendar.month_names[file.month]));
            output_.cloud_invoices.push_back(CloudInvoice{file.provider, file.month, MonthOfDay(posting_day),
                                                          file.invoice_id, amount, file.billed_cost});
        }
        for (int m = 0; m < static_cast<int>(calendar.month_names.size()); ++m) {
            const int month_start = calendar.month_starts[m];
            const int month_end = calendar.month_starts[m + 1] - 1;
            std::map<std::string, Decimal> depreciation;
            Decimal month_total(0, kCentScale);
            for (const Server& server : company_.servers) {
                // Full-month convention: the month it was acquired is the first of `useful_life_months`.
                const int months_in_service = MonthNumber(month_start) - MonthNumber(server.acquisition_day);
                const bool depreciating = server.category == "hardware" && months_in_service >= 0 &&
                                          (server.retired_day < 0 || server.retired_day >= month_start) &&
                                          months_in_service < server.useful_life_months;
                if (depreciating) {
                    auto [it, inserted] = depreciation.try_emplace(server.cost_center_id, Decimal(0, kCentScale));
                    it->second = it->second + server.monthly_depreciation;
                    month_total = month_total + server.monthly_depreciation;
                }
            }
            for (const auto& [cost_center, amount] : depreciation) {
                post(month_end, "6810", "Depreciation - IT hardware", cost_center, "", amount, "",
                     fmt::format("Straight-line depreciation {}", calendar.month_names[m]));
            }
            output_.depreciation_by_month.emplace_back(calendar.month_names[m], month_total);
            for (const Contract& contract : company_.contracts) {
                if (contract.monthly_amount.Unscaled() > 0 && contract.start_day <= month_end &&
                    contract.end_day >= month_start) {
                    post(month_start + 14, "6430", "Hardware maintenance & support", contract.cost_center_id,
                         contract.vendor, contract.monthly_amount,
                         fmt::format("{}-{}", contract.id, calendar.month_names[m]),
                         fmt::format("{} ({})", contract.name, calendar.month_names[m]));
                }
                const bool annual = contract.payment_schedule == "annual";
                for (int anniversary = contract.start_day;
                     annual && anniversary <= std::min(month_end, contract.end_day); anniversary += 365) {
                    if (anniversary >= month_start) {
                        const int64_t years = std::max(1, (contract.end_day - contract.start_day + 1) / 365);
                        post(anniversary, "6420", "Software licenses & maintenance", contract.cost_center_id,
                             contract.vendor, MultiplyRatio(contract.total_value, 1, years, kCentScale),
                             fmt::format("{}-Y{}", contract.id, (anniversary - contract.start_day) / 365 + 1),
                             fmt::format("{}: annual payment", contract.name));
                    }
                }
            }
            std::map<std::string, std::pair<Decimal, Decimal>> labor; // cost center -> internal, contractors
            for (const Person& person : company_.people) {
                auto [it, inserted] =
                    labor.try_emplace(person.cost_center_id, Decimal(0, kCentScale), Decimal(0, kCentScale));
                (person.contractor ? it->second.second : it->second.first) =
                    (person.contractor ? it->second.second : it->second.first) + person.monthly_cost;
            }
            for (const auto& [cost_center, amounts] : labor) {
                if (amounts.first.Unscaled() > 0) {
                    post(month_end, "6100", "IT salaries & benefits", cost_center, "", amounts.first, "",
                         fmt::format("Payroll allocation {}", calendar.month_names[m]));
                }
                if (amounts.second.Unscaled() > 0) {
                    post(month_end, "6150", "IT contractors", cost_center, "Globant S.A.", amounts.second,
                         fmt::format("GLB-{}-{}", calendar.month_names[m], cost_center),
                         fmt::format("External labor {}", calendar.month_names[m]));
                }
            }
        }
        Done(path, csv);
    }

    // Budgets per cost center and month: what it really spent on cloud, labor and depreciation, planned a little
    // high or low by a factor fixed per cost center, rounded to hundreds.
    void Budgets() {
        const Calendar& calendar = company_.calendar;
        const int months = static_cast<int>(calendar.month_names.size());
        std::map<std::string, std::vector<Decimal>> actual;
        for (const CostCenter& center : company_.cost_centers) {
            actual[center.id] = std::vector<Decimal>(months, Decimal(0, 10));
        }
        for (const CostByKey& cost : billing_.by_application) {
            const std::string center =
                cost.key.empty() ? company_.platform_cost_center : company_.ApplicationByCode(cost.key).cost_center_id;
            actual[center][cost.month] = actual[center][cost.month] + cost.effective_cost;
        }
        for (const Person& person : company_.people) {
            for (Decimal& month : actual[person.cost_center_id]) {
                month = month + person.monthly_cost;
            }
        }
        const std::string path = "sources/budgets.csv";
        CsvWriter csv = Open(path, {"period", "scope_kind", "scope_id", "amount", "currency"});
        for (const auto& [center, months_actual] : actual) {
            const int64_t factor = random_.Between(90, 112);
            for (int m = 0; m < months; ++m) {
                const Decimal planned = MultiplyRatio(months_actual[m], factor, 100, kCentScale);
                const Decimal hundreds =
                    MultiplyRatio(RoundHalfAway(MultiplyRatio(planned, 1, 100, 0), 0), 100, 1, kCentScale);
                csv.Row({calendar.month_names[m], "cost_center", center, hundreds.ToString(), "USD"});
            }
        }
        Done(path, csv);
    }

    // Business metrics for unit cost: monthly orders, active users, store transactions and shipments, and the
    // online shop's daily orders.
    void Metrics() {
        const Calendar& calendar = company_.calendar;
        const int64_t scale = company_.options.scale;
        const std::string path = "sources/metrics.csv";
        CsvWriter csv = Open(path, {"period", "grain", "metric_name", "scope_kind", "scope_id", "value", "unit"});
        for (int m = 0; m < static_cast<int>(calendar.month_names.size()); ++m) {
            const int64_t growth = 100 + 2 * m;
            const auto value = [&](int64_t base) {
                return std::to_string(base * scale * growth / 100 + random_.Between(0, base * scale / 50));
            };
            const std::string& month = calendar.month_names[m];
            csv.Row({month, "month", "orders", "business_unit", "BU-ONLINE", value(182000), "orders"});
            csv.Row({month, "month", "active_users", "organization", "", value(1250000), "users"});
            csv.Row(
                {month, "month", "store_transactions", "business_unit", "BU-STORES", value(940000), "transactions"});
            csv.Row({month, "month", "shipments", "business_unit", "BU-SUPPLY", value(210000), "shipments"});
        }
        for (int day = 0; day < calendar.day_count; ++day) {
            const int64_t base = 6000 * scale * (100 + day / 15) / 100;
            csv.Row({IsoDate(calendar.first_day + day), "day", "orders", "business_service", "BS-SHOP",
                     std::to_string(base + random_.Between(0, base / 5)), "orders"});
        }
        Done(path, csv);
    }

    // Usage drivers of the shared platforms, per application and day: CPU-hours on the Kubernetes cluster,
    // bytes scanned in the data lake.
    void Drivers() {
        const Calendar& calendar = company_.calendar;
        const int64_t scale = company_.options.scale;
        const std::string k8s_path = "drivers/k8s-cpu-hours.csv";
        CsvWriter k8s = Open(k8s_path, {"date", "cluster", "namespace", "application_ci_id", "cpu_hours"});
        const std::pair<const char*, int64_t> tenants[] = {
            {"web", 40}, {"mob", 25}, {"srch", 20}, {"chk", 10}, {"reco", 5}};
        for (int day = 0; day < calendar.day_count; ++day) {
            for (const auto& [code, share] : tenants) {
                const int64_t millis = share * 1000 * 4 * scale + random_.Between(0, share * 400 * scale);
                k8s.Row({IsoDate(calendar.first_day + day), "prd-eks-01", code, company_.ApplicationByCode(code).ci_id,
                         Decimal(millis, 3).ToString()});
            }
        }
        Done(k8s_path, k8s);
        const std::string lake_path = "drivers/datalake-usage.csv";
        CsvWriter lake = Open(lake_path, {"date", "dataset", "application_ci_id", "bytes_scanned"});
        const std::pair<const char*, int64_t> consumers[] = {{"bi", 50}, {"reco", 30}, {"fin", 12}, {"inv", 8}};
        for (int day = 0; day < calendar.day_count; ++day) {
            for (const auto& [code, share] : consumers) {
                const int64_t bytes = share * 40'000'000'000LL * scale + random_.Between(0, share * 4'000'000'000LL);
                lake.Row({IsoDate(calendar.first_day + day), "lake_curated", company_.ApplicationByCode(code).ci_id,
                          std::to_string(bytes)});
            }
        }
        Done(lake_path, lake);
    }

    const Company& company_;
    const BillingOutput& billing_;
    fs::path root_;
    Random random_;
    EnterpriseOutput output_;
};

} // namespace

EnterpriseOutput WriteEnterpriseFiles(const Company& company, const BillingOutput& billing, const fs::path& root) {
    return EnterpriseWriter(company, billing, root).Write();
}

} // namespace crosswalk::generate
