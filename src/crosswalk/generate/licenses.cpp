// Software licenses of the demo company: what is installed where (on-prem and on cloud VMs), what each
// installation requires under its product's counting rule (docs/DOMAIN facts: SQL Server per core with a
// 4-core minimum, Windows Server Datacenter 8 per processor and 16 per server, Oracle processors with the x86
// core factor 0.5 on-prem and 2 vCPUs per processor in authorized clouds, RHEL one subscription per two VMs),
// and what is entitled: a chosen surplus or shortfall per product.
#include <fmt/format.h>

#include "crosswalk/generate/company.hpp"
#include "crosswalk/generate/money.hpp"
#include "crosswalk/generate/random.hpp"

namespace crosswalk::generate {
namespace {

constexpr const char* kSqlEnterprise = "SQL Server Enterprise";
constexpr const char* kSqlStandard = "SQL Server Standard";
constexpr const char* kWindowsDatacenter = "Windows Server Datacenter";
constexpr const char* kOracle = "Oracle Database Enterprise Edition";
constexpr const char* kRhel = kRhelProduct.data();
constexpr const char* kJira = "Jira Software Data Center";

int64_t CeilDiv(int64_t a, int64_t b) {
    return (a + b - 1) / b;
}

class LicenseBuilder {
public:
    explicit LicenseBuilder(Company& company)
        : company_(company), random_(Random(company.options.seed).Fork("licenses")) {}

    void Build() {
        company_.products = {
            {kSqlEnterprise, "Microsoft", "Enterprise", "per_core",
             "per core: a physical server all its cores with 4 per processor minimum; a VM (BYOL with License "
             "Mobility or Azure Hybrid Benefit) its vCPUs with 4 per VM minimum",
             DecimalAt("7128.00", kCentScale), 0},
            {kSqlStandard, "Microsoft", "Standard", "per_core", "per core, per VM: vCPUs with 4 per VM minimum",
             DecimalAt("1859.00", kCentScale), 0},
            {kWindowsDatacenter, "Microsoft", "Datacenter", "per_core",
             "per core: a host max(8 per processor, 16 per server), covering its VMs; an Azure Hybrid Benefit VM "
             "its vCPUs with 8 per VM minimum",
             DecimalAt("384.25", kCentScale), 0},
            {kOracle, "Oracle", "Enterprise Edition", "per_processor",
             "processors: on-prem x86 ceil(cores x 0.5); in AWS, Azure or Google Cloud ceil(vCPUs / 2) with "
             "hyper-threading",
             DecimalAt("47500.00", kCentScale), 0},
            {kRhel, "Red Hat", "Server", "subscription",
             "one subscription per two VMs, on-prem or in a cloud through Red Hat Cloud Access (BYOS)",
             DecimalAt("1299.00", kCentScale), 0},
            {kJira, "Atlassian", "Data Center", "per_user", "users with access", DecimalAt("56.00", kCentScale), 0},
        };
        OnPremInstallations();
        CloudInstallations();
        Entitlements();
    }

private:
    Installation& Add(const std::string& product, const std::string& host_kind, const std::string& host_id,
                      const char* source) {
        Installation installation;
        installation.id = fmt::format("INS-{:05}", company_.installations.size() + 1);
        installation.product = product;
        installation.host_kind = host_kind;
        installation.host_id = host_id;
        installation.discovery_source = source;
        const int end = company_.calendar.first_day + company_.calendar.day_count - 1;
        installation.last_used_day = end - static_cast<int>(random_.Between(0, 6));
        for (const LicensedProduct& licensed : company_.products) {
            if (licensed.name == product) {
                installation.publisher = licensed.publisher;
                installation.edition = licensed.edition;
            }
        }
        company_.installations.push_back(std::move(installation));
        return company_.installations.back();
    }

    void OnPremInstallations() {
        int sql_standard_vms = 0;
        for (const Server& server : company_.servers) {
            const int cores = server.processors * server.cores_per_processor;
            if (!server.cluster_ci_id.empty()) { // an ESX host: Windows Server Datacenter licenses its VMs
                Installation& windows =
                    Add(kWindowsDatacenter, "asset", server.asset_tag, "Microsoft Configuration Manager");
                windows.version = "2022";
                windows.physical_cores = cores;
                windows.processors = server.processors;
                windows.threads_per_core = 2;
                windows.required = std::max<int64_t>(std::max(server.cores_per_processor, 8) * server.processors, 16);
                windows.note = "host: max(8 per processor, 16 per server)";
            } else if (server.asset_type == "database server") {
                const bool oracle = server.application_code == "erp";
                Installation& installation = Add(oracle ? kOracle : kSqlEnterprise, "asset", server.asset_tag,
                                                 oracle ? "Oracle LMS scripts" : "Microsoft Configuration Manager");
                installation.version = oracle ? "19.21" : "2019";
                installation.physical_cores = cores;
                installation.processors = server.processors;
                installation.threads_per_core = 2;
                installation.required = oracle ? CeilDiv(cores, 2) // x86 core factor 0.5
                                               : server.processors * std::max(server.cores_per_processor, 4);
                installation.note =
                    oracle ? "on-prem x86: ceil(cores x 0.5)" : "physical: cores, 4 per processor minimum";
                if (server.lifecycle_state == "retired") {
                    installation.note += "; the server is retired but the software is still installed: it counts "
                                         "until removed (reharvest candidate)";
                    installation.last_used_day = server.retired_day - 1;
                }
            } else if (server.asset_type == "application server") {
                Installation& jira = Add(kJira, "asset", server.asset_tag, "Flexera Agent");
                jira.version = "9.12";
                jira.physical_cores = cores;
                jira.users = static_cast<int>(random_.Between(380, 460));
                jira.required = jira.users;
                jira.note = "users with access";
            } else if (server.category == "virtual") {
                if (server.application_code == "fin" || server.application_code == "hr" ||
                    server.application_code == "pos") {
                    Installation& sql = Add(kSqlStandard, "asset", server.asset_tag, "Microsoft Configuration Manager");
                    sql.version = "2022";
                    sql.vcpus = server.vcpus;
                    sql.threads_per_core = 1;
                    sql.required = std::max(server.vcpus, 4);
                    sql.note = "per VM: vCPUs, 4 minimum";
                    if (++sql_standard_vms % 5 == 0) { // idle: a reharvest candidate
                        sql.last_used_day = company_.calendar.first_day - static_cast<int>(random_.Between(120, 300));
                        sql.note += "; not used for months (reharvest candidate)";
                    }
                } else if (server.application_code == "wms" || server.application_code == "inv") {
                    Installation& rhel = Add(kRhel, "asset", server.asset_tag, "Red Hat Satellite");
                    rhel.version = "9.4";
                    rhel.vcpus = server.vcpus;
                    rhel.note = "VM: half a subscription";
                }
            }
        }
    }

    void CloudInstallations() {
        for (const Resource& resource : company_.resources) {
            const char* source = resource.provider == Provider::kAws     ? "AWS Systems Manager Inventory"
                                 : resource.provider == Provider::kAzure ? "Azure Arc"
                                                                         : "Google Cloud OS Config";
            for (const CloudLicense& license : resource.licenses) {
                Installation& installation = Add(license.product, "resource", resource.id, source);
                installation.cloud_provider = InfoOf(resource.provider).name;
                installation.vcpus = resource.vcpus;
                installation.threads_per_core = 2;
                installation.license_included = license.mode == LicenseMode::kIncluded;
                installation.version = license.product == kOracle ? "19.21" : license.product == kRhel ? "9.4" : "2022";
                if (resource.last_day < company_.calendar.first_day + company_.calendar.day_count - 1) {
                    installation.last_used_day = resource.last_day; // terminated: the agent last saw it then
                }
                if (installation.license_included) {
                    installation.note = "license included: the cloud bill pays for it";
                    continue;
                }
                if (license.product == kSqlEnterprise) {
                    installation.required = std::max(resource.vcpus, 4);
                    installation.note = resource.provider == Provider::kAzure ? "Azure Hybrid Benefit: vCPUs, 4 minimum"
                                                                              : "License Mobility: vCPUs, 4 minimum";
                } else if (license.product == kWindowsDatacenter) {
                    installation.required = std::max(resource.vcpus, 8);
                    installation.note = "Azure Hybrid Benefit: vCPUs, 8 minimum";
                } else if (license.product == kOracle) {
                    installation.required = CeilDiv(resource.vcpus, 2);
                    installation.note = "authorized cloud: 2 vCPUs per processor";
                } else if (license.product == kRhel) {
                    installation.note = "Cloud Access (BYOS) VM: half a subscription";
                }
            }
        }
    }

    void Entitlements() {
        const int start = company_.calendar.first_day;
        const int end = start + company_.calendar.day_count - 1;

        struct Terms {
            const char* product;
            int64_t delta_percent; // entitled vs required, in percent of required
            int64_t delta_minimum; // at least this many licenses of surplus (>0) or shortfall (<0)
            const char* contract;
            bool maintenance, mobility, hybrid, byol;
            const char* cost_center;
        };

        const Terms terms[] = {
            {kSqlEnterprise, -12, -4, "CTR-MS-EA-2024", true, true, true, true, "CC-1100"},
            {kSqlStandard, 10, 4, "CTR-MS-EA-2024", true, true, true, true, "CC-5000"},
            {kWindowsDatacenter, 15, 16, "CTR-MS-EA-2024", true, false, true, true, "CC-1100"},
            {kOracle, -10, -2, "CTR-ORA-2019", true, false, false, true, "CC-5100"},
            {kRhel, 20, 3, "CTR-RH-2026", true, false, false, true, "CC-1100"},
            {kJira, -5, -20, "CTR-ATL-2026", true, false, false, false, "CC-1000"},
        };
        int counter = 0;
        for (const Terms& term : terms) {
            LicensedProduct* product = nullptr;
            for (LicensedProduct& candidate : company_.products) {
                product = candidate.name == term.product ? &candidate : product;
            }
            const int64_t required = RequiredLicenses(company_, *product);
            int64_t delta = required * term.delta_percent / 100;
            delta = term.delta_minimum < 0 ? std::min(delta, term.delta_minimum) : std::max(delta, term.delta_minimum);
            if (product->metric == "per_core") {
                delta += delta % 2; // core licenses come in 2-core packs
            }
            const int64_t entitled = std::max<int64_t>(required + delta, 0);
            product->delta = entitled - required;
            // Two purchase lines: the original purchase and a later true-up.
            const int64_t first =
                entitled - entitled / 4 - (product->metric == "per_core" ? (entitled - entitled / 4) % 2 : 0);
            const int64_t lines[2] = {first, entitled - first};
            for (int line = 0; line < 2; ++line) {
                if (lines[line] == 0) {
                    continue;
                }
                Entitlement entitlement;
                entitlement.id = fmt::format("ENT-{:04}", ++counter);
                entitlement.publisher = product->publisher;
                entitlement.product = product->name;
                entitlement.edition = product->edition;
                entitlement.metric = product->metric;
                entitlement.quantity = lines[line];
                entitlement.unit_cost = product->unit_cost;
                entitlement.contract_id = term.contract;
                entitlement.cost_center_id = term.cost_center;
                entitlement.purchase_day = start - (line == 0 ? 900 : 200);
                entitlement.term_start = entitlement.purchase_day;
                const bool subscription = product->metric == "subscription" || product->name == kJira;
                entitlement.term_end = subscription ? end + 200 : -1; // perpetual licenses have no end
                entitlement.maintenance = term.maintenance;
                entitlement.maintenance_end = end + 200;
                entitlement.license_mobility = term.mobility;
                entitlement.hybrid_benefit = term.hybrid;
                entitlement.byol_allowed = term.byol;
                company_.entitlements.push_back(std::move(entitlement));
            }
        }
    }

    Company& company_;
    Random random_;
};

} // namespace

void BuildLicenses(Company& company) {
    LicenseBuilder(company).Build();
}

// RHEL counts one subscription per two VMs over all of them, so its half units are summed before rounding up.
int64_t RequiredLicenses(const Company& company, const LicensedProduct& product) {
    int64_t required = 0;
    int64_t rhel_vms = 0;
    for (const Installation& installation : company.installations) {
        if (installation.product != product.name) {
            continue;
        }
        required += installation.required;
        rhel_vms += product.name == kRhel && !installation.license_included ? 1 : 0;
    }
    return product.name == kRhel ? CeilDiv(rhel_vms, 2) : required;
}

} // namespace crosswalk::generate
