// Contracts (license agreements, support, SaaS, cloud commitments) and the people whose labor is IT cost.
#include <fmt/format.h>

#include "crosswalk/generate/company.hpp"
#include "crosswalk/generate/money.hpp"
#include "crosswalk/generate/random.hpp"

namespace crosswalk::generate {

void BuildContractsAndPeople(Company& company) {
    Random random = Random(company.options.seed).Fork("people");
    const int start = company.calendar.first_day;
    const int scale = company.options.scale;
    const auto scaled = [&](std::string_view amount) {
        return MultiplyRatio(DecimalAt(amount, kCentScale), scale, 1, kCentScale);
    };
    const auto contract = [&](std::string id, std::string name, std::string vendor, std::string type, int start_day,
                              int years, std::string_view total, std::string schedule, std::string cost_center) {
        Contract c;
        c.id = std::move(id);
        c.name = std::move(name);
        c.vendor = std::move(vendor);
        c.type = std::move(type);
        c.start_day = start_day;
        c.end_day = start_day + 365 * years - 1;
        c.total_value = scaled(total);
        c.payment_schedule = std::move(schedule);
        c.cost_center_id = std::move(cost_center);
        c.monthly_amount = c.payment_schedule == "monthly"
                               ? MultiplyRatio(c.total_value, 1, 12 * static_cast<int64_t>(years), kCentScale)
                               : Decimal(0, kCentScale);
        c.auto_renew = c.type == "support" || c.type == "saas";
        c.notice_days = c.type == "cloud_commitment" ? 90 : 60;
        company.contracts.push_back(std::move(c));
        return &company.contracts.back();
    };
    contract("CTR-MS-EA-2024", "Microsoft Enterprise Agreement with Software Assurance", "Microsoft", "license",
             start - 400, 3, "1452000.00", "annual", "CC-1000");
    contract("CTR-ORA-2019", "Oracle Database EE licenses and Software Update License & Support", "Oracle",
             "maintenance", start - 1500, 7, "1890000.00", "annual", "CC-5100");
    contract("CTR-RH-2026", "Red Hat Enterprise Linux subscriptions", "Red Hat", "license", start - 30, 1, "64950.00",
             "annual", "CC-1100");
    contract("CTR-ATL-2026", "Atlassian Data Center subscription", "Atlassian", "license", start - 60, 1, "22400.00",
             "annual", "CC-1000");
    contract("CTR-HPE-SUP-2025", "HPE Pointnext Tech Care for ProLiant servers", "Hewlett Packard Enterprise",
             "support", start - 200, 3, "86400.00", "monthly", "CC-1100");
    contract("CTR-DELL-SUP-2025", "Dell ProSupport Plus for PowerEdge servers", "Dell Technologies", "support",
             start - 150, 3, "64800.00", "monthly", "CC-1100");
    contract("CTR-NETAPP-SUP-2024", "NetApp SupportEdge Premium", "NetApp", "support", start - 500, 3, "43200.00",
             "monthly", "CC-1100");
    Contract* saas = contract(company.saas_contract_id, "Datadog Pro (prepaid annual credits)", "Datadog", "saas",
                              start, 1, "120000.00", "prepaid", "CC-1200");
    saas->consumption_allowance = saas->total_value;
    saas->consumption_unit = "USD";
    Contract* aws = contract("CTR-AWS-EDP-2025", "AWS Enterprise Discount Program", "Amazon Web Services",
                             "cloud_commitment", start - 180, 3, "2700000.00", "monthly", "CC-1200");
    aws->cloud_provider = "AWS";
    aws->consumption_allowance = aws->total_value;
    aws->consumption_unit = "USD";
    aws->monthly_amount = Decimal(0, kCentScale); // drawn down by the invoices, not posted on its own
    Contract* azure = contract("CTR-AZ-MACC-2025", "Microsoft Azure Consumption Commitment", "Microsoft",
                               "cloud_commitment", start - 90, 3, "1800000.00", "prepaid", "CC-1200");
    azure->cloud_provider = "Microsoft";
    azure->consumption_allowance = azure->total_value;
    azure->consumption_unit = "USD";

    // Internal staff and contractors, by cost center: a loaded monthly cost each.
    static const char* const kFirst[] = {"Anna", "Ben",  "Carla", "Dev",  "Eva",  "Femi", "Gus",
                                         "Hana", "Ivan", "Jade",  "Kofi", "Lara", "Milo", "Nora",
                                         "Omar", "Pia",  "Quinn", "Rosa", "Sven", "Tara"};
    static const char* const kLast[] = {"Adler",  "Brooks", "Costa",  "Diallo",   "Eriksen", "Fischer", "Garcia",
                                        "Hughes", "Ibsen",  "Jansen", "Kowalski", "Laurent", "Meyer",   "Novak"};
    for (const CostCenter& cost_center : company.cost_centers) {
        const int staff = static_cast<int>(random.Between(2, 5)) * scale;
        for (int i = 0; i < staff; ++i) {
            Person person;
            person.name = fmt::format("{} {}", kFirst[random.Next() % 20], kLast[random.Next() % 14]);
            person.cost_center_id = cost_center.id;
            person.contractor = random.Chance(25);
            person.monthly_cost = Decimal(random.Between(8500, 16500) * 100, kCentScale);
            company.people.push_back(std::move(person));
        }
    }
}

} // namespace crosswalk::generate
