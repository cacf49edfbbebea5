// The cloud estate of the demo company: its accounts and the resources in them, each with its name, id, zone,
// lifetime, meters and tags, the injected anomaly and drift, the commitment discounts and the monthly charges.
// The parts live beside this file: the price list (cloud_catalog), the accounts (cloud_accounts), the meters
// (cloud_meters), names, ids and tags (cloud_naming), commitments (cloud_commitments) and the charges that are
// not daily usage (cloud_charges). All draw from one Random forked as "cloud", in the order of this file.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "crosswalk/generate/cloud_accounts.hpp"
#include "crosswalk/generate/cloud_catalog.hpp"
#include "crosswalk/generate/cloud_charges.hpp"
#include "crosswalk/generate/cloud_commitments.hpp"
#include "crosswalk/generate/cloud_meters.hpp"
#include "crosswalk/generate/cloud_naming.hpp"
#include "crosswalk/generate/company.hpp"
#include "crosswalk/generate/random.hpp"

namespace crosswalk::generate::cloud {
namespace {

// A three-day spike on one service in one account, and a slow weekly drift of another service.
void PlanAnomalyAndDrift(Company& company) {
    const Calendar& calendar = company.calendar;
    const int month = std::min(3, static_cast<int>(calendar.month_names.size()) - 1);
    company.anomaly = Anomaly{Provider::kAws, "222233334444", "AWS Lambda", calendar.month_starts[month] + 9, 3, 6};
    company.drift = Drift{Provider::kGcp, "BigQuery", 2};
    for (Resource& resource : company.resources) {
        const SubAccount& account = company.sub_accounts[resource.sub_account];
        for (const Meter& meter : resource.meters) {
            if (account.id == company.anomaly.sub_account_id && meter.service_name == company.anomaly.service_name) {
                resource.anomalous = true;
            }
            if (account.id == "nw-prd-analytics" && meter.service_name == company.drift.service_name) {
                resource.drifting = true;
            }
        }
        if (resource.anomalous || resource.drifting) { // they run through the window
            resource.first_day = calendar.first_day;
            resource.last_day = calendar.first_day + calendar.day_count - 1;
        }
    }
}

// Builds the estate into the company, drawing from one Random in a fixed order. Not thread-safe; one per estate.
class EstateBuilder {
public:
    explicit EstateBuilder(Company& company)
        : company_(company), random_(Random(company.options.seed).Fork("cloud")), naming_(random_) {}

    void Build() {
        for (const SubAccountPlan& plan : SubAccountPlans()) {
            company_.sub_accounts.push_back(SubAccount{plan.provider, plan.id, plan.name,
                                                       plan.applications.size() == 1 ? plan.applications[0] : "",
                                                       plan.environment});
            const int index = static_cast<int>(company_.sub_accounts.size()) - 1;
            const int count = plan.resources * company_.options.scale;
            for (int i = 0; i < count; ++i) {
                const char* kind = i < static_cast<int>(plan.always.size()) ? plan.always[i] : PickKind(plan);
                AddResource(plan, index, kind);
            }
        }
        PlanAnomalyAndDrift(company_);
        BuildCommitments(company_);
        BuildMonthlyCharges(company_);
    }

private:
    const char* PickKind(const SubAccountPlan& plan) {
        int total = 0;
        for (const auto& [kind, weight] : plan.mix) {
            total += weight;
        }
        int roll = static_cast<int>(random_.Between(1, total));
        for (const auto& [kind, weight] : plan.mix) {
            if ((roll -= weight) <= 0) {
                return kind;
            }
        }
        return plan.mix.front().first;
    }

    void AddResource(const SubAccountPlan& plan, int sub_account, std::string_view kind_id) {
        const Kind& kind = FindKind(plan.provider, kind_id);
        const std::string& code =
            plan.applications[random_.Between(0, static_cast<int64_t>(plan.applications.size()) - 1)];
        const Application& application = company_.ApplicationByCode(code);
        Resource resource;
        resource.provider = plan.provider;
        resource.sub_account = sub_account;
        resource.type = kind.type;
        resource.region_id = plan.region_id;
        resource.region_name = plan.region_name;
        resource.application_code = code;
        resource.environment = plan.environment;
        resource.shared_pool = code == "k8s" ? "k8s" : code == "lake" ? "lake" : "";

        const int serial = ++name_counters_[fmt::format("{}-{}-{}", plan.environment, code, kind.role)];
        const bool standard_name = !random_.Chance(12);
        const std::string standard = fmt::format("{}-{}-{}-{:02}", plan.environment, code,
                                                 code == "k8s" && kind_id == "vm" ? "node" : kind.role, serial);
        resource.name = standard_name ? standard : naming_.LegacyName(plan.provider, kind_id);
        resource.id = naming_.ResourceId(plan, kind_id, resource.name);
        if (plan.provider == Provider::kAws && kind_id == "vm" && !standard_name) {
            resource.name = resource.id.substr(resource.id.rfind('/') + 1); // an unnamed instance shows its id
        }
        resource.availability_zone = naming_.Zone(plan.provider, plan.region_id);

        // Lifetime: most resources live through the window, some arrive later, some are terminated.
        const Calendar& calendar = company_.calendar;
        resource.first_day = calendar.first_day;
        resource.last_day = calendar.first_day + calendar.day_count - 1;
        const int life_roll = static_cast<int>(random_.Between(1, 100));
        if (life_roll <= 8 && resource.shared_pool.empty()) {
            resource.first_day += static_cast<int>(random_.Between(10, calendar.day_count - 5));
        } else if (life_roll <= 16 && resource.shared_pool.empty()) {
            resource.last_day = calendar.first_day + static_cast<int>(random_.Between(5, calendar.day_count - 10));
        }

        if (kind_id == "vm") {
            AddVmMeters(plan, resource, random_);
        } else {
            resource.meters.push_back(ServiceMeter(plan.provider, kind, random_));
        }
        naming_.Tag(plan, application, resource, standard_name);
        company_.resources.push_back(std::move(resource));
    }

    Company& company_;
    Random random_;
    ResourceNaming naming_;
    std::map<std::string, int> name_counters_;
};

} // namespace
} // namespace crosswalk::generate::cloud

namespace crosswalk::generate {

void BuildCloudEstate(Company& company) {
    cloud::EstateBuilder(company).Build();
}

} // namespace crosswalk::generate
