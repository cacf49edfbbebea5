// The on-prem estate: an ESX cluster with its VMs, physical database servers, storage, network, a Jira server,
// and retired servers that still carry software. Acquisition costs are exact multiples of the monthly
// straight-line depreciation, so depreciation needs no rounding convention to be checked.
#include <fmt/format.h>

#include "crosswalk/generate/company.hpp"
#include "crosswalk/generate/money.hpp"
#include "crosswalk/generate/random.hpp"

namespace crosswalk::generate {
namespace {

class OnPremBuilder {
public:
    explicit OnPremBuilder(Company& company)
        : company_(company), random_(Random(company.options.seed).Fork("onprem")) {}

    void Build() {
        const int scale = company_.options.scale;
        const int start = company_.calendar.first_day;
        for (int i = 0; i < 4 * scale; ++i) {
            Server host = Hardware("ESX host", "ProLiant DL380 Gen10", "Hewlett Packard Enterprise", "307.50",
                                   start - static_cast<int>(random_.Between(300, 1200)), "CC-1100");
            host.name = fmt::format("dc1-esx-{:02}", i + 1);
            host.cluster_ci_id = "CL-ESX-DC1";
            host.processors = 2;
            host.cores_per_processor = 16;
            const std::string host_tag = host.asset_tag;
            company_.servers.push_back(std::move(host));
            for (int v = 0; v < 3; ++v) {
                AddVm(host_tag);
            }
        }
        static const char* const kDbApps[] = {"erp", "fin"};
        for (int i = 0; i < 2 * scale; ++i) {
            Server db = Hardware("database server", "PowerEdge R750", "Dell Technologies", "412.00",
                                 start - static_cast<int>(random_.Between(200, 900)), "CC-1100");
            db.name = fmt::format("dc1-db-{:02}", i + 1);
            db.application_code = kDbApps[i % 2];
            db.processors = 2;
            db.cores_per_processor = 12;
            company_.servers.push_back(std::move(db));
        }
        for (int i = 0; i < scale; ++i) {
            Server retired = Hardware("database server", "ProLiant DL360 Gen9", "Hewlett Packard Enterprise", "265.00",
                                      start - static_cast<int>(random_.Between(1900, 2100)), "CC-1100");
            retired.name = fmt::format("dc1-db-old-{:02}", i + 1);
            retired.lifecycle_state = "retired";
            retired.retired_day = start - static_cast<int>(random_.Between(20, 90));
            retired.application_code = "erp";
            retired.processors = 2;
            retired.cores_per_processor = 8;
            company_.servers.push_back(std::move(retired));

            Server storage = Hardware("storage array", "AFF A400", "NetApp", "1600.00",
                                      start - static_cast<int>(random_.Between(100, 700)), "CC-1100");
            storage.name = fmt::format("dc1-nas-{:02}", i + 1);
            storage.ci_class = "storage";
            company_.servers.push_back(std::move(storage));

            Server jira = Hardware("application server", "PowerEdge R650", "Dell Technologies", "198.00",
                                   start - static_cast<int>(random_.Between(100, 500)), "CC-1000");
            jira.name = fmt::format("dc1-jira-{:02}", i + 1);
            jira.processors = 1;
            jira.cores_per_processor = 16;
            company_.servers.push_back(std::move(jira));
        }
        for (int i = 0; i < 4 * scale; ++i) {
            Server network = Hardware("network switch", "Nexus 93180YC-FX", "Cisco", "240.00",
                                      start - static_cast<int>(random_.Between(100, 1400)), "CC-1100");
            network.name = fmt::format("dc1-sw-{:02}", i + 1);
            network.ci_class = "network_device";
            company_.servers.push_back(std::move(network));
        }
    }

private:
    Server Hardware(const char* type, const char* model, const char* manufacturer, std::string_view monthly,
                    int acquired, const char* cost_center) {
        Server server;
        server.asset_tag = fmt::format("SRV-{:05}", ++asset_counter_);
        server.ci_id = fmt::format("CI-{}", server.asset_tag);
        server.asset_type = type;
        server.model = model;
        server.manufacturer = manufacturer;
        server.location = "DC1 Frankfurt";
        server.cost_center_id = cost_center;
        server.lifecycle_state = "in_use";
        server.ci_class = "server";
        server.acquisition_day = acquired;
        server.monthly_depreciation = DecimalAt(monthly, kCentScale);
        server.acquisition_cost = MultiplyRatio(server.monthly_depreciation, server.useful_life_months, 1, kCentScale);
        return server;
    }

    void AddVm(const std::string& host_tag) {
        static const char* const kApps[] = {"erp", "fin", "hr", "pos", "wms", "inv", "loy"};
        Server vm;
        vm.asset_tag = fmt::format("VM-{:05}", ++vm_counter_);
        vm.ci_id = fmt::format("CI-{}", vm.asset_tag);
        vm.application_code = kApps[random_.Next() % 7];
        vm.name = fmt::format("prd-{}-vm-{:02}", vm.application_code, vm_counter_);
        vm.asset_type = "virtual machine";
        vm.model = "VMware Virtual Platform";
        vm.manufacturer = "VMware";
        vm.location = "DC1 Frankfurt";
        vm.cost_center_id = company_.ApplicationByCode(vm.application_code).cost_center_id;
        vm.lifecycle_state = "in_use";
        vm.category = "virtual";
        vm.ci_class = "virtual_machine";
        vm.host_asset_tag = host_tag;
        vm.acquisition_day = company_.calendar.first_day - static_cast<int>(random_.Between(30, 700));
        vm.acquisition_cost = Decimal(0, kCentScale);
        vm.monthly_depreciation = Decimal(0, kCentScale);
        vm.useful_life_months = 0;
        vm.vcpus = random_.Chance(50) ? 4 : 8;
        company_.servers.push_back(std::move(vm));
    }

    Company& company_;
    Random random_;
    int asset_counter_ = 0;
    int vm_counter_ = 0;
};

} // namespace

void BuildOnPremEstate(Company& company) {
    OnPremBuilder(company).Build();
}

} // namespace crosswalk::generate
