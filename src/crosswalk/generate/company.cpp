#include "crosswalk/generate/company.hpp"

#include <chrono>

#include <fmt/format.h>

#include "crosswalk/common/error.hpp"

namespace crosswalk::generate {
namespace {

int DayNumber(int year, int month, int day) {
    const std::chrono::sys_days days{std::chrono::year{year} / std::chrono::month{static_cast<unsigned>(month)} /
                                     std::chrono::day{static_cast<unsigned>(day)}};
    return static_cast<int>(days.time_since_epoch().count());
}

} // namespace

Calendar MakeCalendar(const GenerateOptions& options) {
    Calendar calendar;
    int year = options.start_year;
    int month = options.start_month;
    for (int i = 0; i <= options.months; ++i) {
        calendar.month_starts.push_back(DayNumber(year, month, 1));
        if (i < options.months) {
            calendar.month_names.push_back(fmt::format("{:04}-{:02}", year, month));
        }
        if (++month == 13) {
            month = 1;
            ++year;
        }
    }
    calendar.first_day = calendar.month_starts.front();
    calendar.day_count = calendar.month_starts.back() - calendar.first_day;
    return calendar;
}

int Calendar::MonthOf(int day) const {
    for (std::size_t month = 0; month + 1 < month_starts.size(); ++month) {
        if (day < month_starts[month + 1]) {
            return static_cast<int>(month);
        }
    }
    return static_cast<int>(month_starts.size()) - 2;
}

std::string IsoDate(int day) {
    const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{day}}};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                       static_cast<unsigned>(date.day()));
}

const ProviderInfo& InfoOf(Provider provider) {
    // Billing account ids follow each provider's shape: an AWS payer account number, an Azure billing account
    // (enrollment) id, a GCP billing account id.
    static const ProviderInfo kInfo[kProviderCount] = {
        {"AWS", "aws", "381492027755", "Northwind Outfitters (payer)", "Billing Account", "Linked Account",
         "EUINUS26-"},
        {"Microsoft", "azure", "8611537", "Northwind Outfitters EA", "Billing Account", "Subscription", "G0"},
        {"Google Cloud", "gcp", "01A2B3-C4D5E6-F7A8B9", "Northwind Outfitters GCP", "Billing Account", "Project",
         "GCP-"},
        {"Datadog", "datadog", "DD-ORG-447102", "Northwind Outfitters", "Organization", "", "DD-"},
    };
    return kInfo[static_cast<int>(provider)];
}

const Application& Company::ApplicationByCode(const std::string& code) const {
    for (const Application& application : applications) {
        if (application.code == code) {
            return application;
        }
    }
    Throw(ErrorKind::kInternal, "demo company: no application with code '{}'", code);
}

Company BuildCompany(const GenerateOptions& options) {
    if (options.scale < 1 || options.scale > 10000) {
        Throw(ErrorKind::kInvalidInput, "--scale must be 1 to 10000, not {}", options.scale);
    }
    if (options.months < 1 || options.months > 60) {
        Throw(ErrorKind::kInvalidInput, "--months must be 1 to 60, not {}", options.months);
    }
    Company company;
    company.options = options;
    company.calendar = MakeCalendar(options);
    BuildOrganization(company);
    BuildCloudEstate(company);
    BuildOnPremEstate(company);
    BuildLicenses(company);
    BuildContractsAndPeople(company);
    return company;
}

void BuildOrganization(Company& company) {
    company.business_units = {
        {"BU-CORP", "Northwind Outfitters", "", "Helena Marsh"},
        {"BU-ONLINE", "Online Commerce", "BU-CORP", "Priya Natarajan"},
        {"BU-STORES", "Retail Stores", "BU-CORP", "Marcus Bell"},
        {"BU-SUPPLY", "Supply Chain", "BU-CORP", "Elena Rossi"},
        {"BU-IT", "Technology Services", "BU-CORP", "David Okafor"},
    };
    company.cost_centers = {
        {"CC-1000", "Technology Services", "", "BU-IT", "David Okafor"},
        {"CC-1100", "Infrastructure & Data Centers", "CC-1000", "BU-IT", "Lena Hoffmann"},
        {"CC-1200", "Cloud Platform", "CC-1000", "BU-IT", "Tomás Ferreira"},
        {"CC-1300", "Data & Analytics", "CC-1000", "BU-IT", "Mei Lin"},
        {"CC-2000", "Digital", "", "BU-ONLINE", "Priya Natarajan"},
        {"CC-2100", "Checkout & Payments", "CC-2000", "BU-ONLINE", "Aiko Tanaka"},
        {"CC-2200", "Web & Mobile", "CC-2000", "BU-ONLINE", "Samir Haddad"},
        {"CC-3000", "Stores Technology", "", "BU-STORES", "Marcus Bell"},
        {"CC-3100", "Point of Sale", "CC-3000", "BU-STORES", "Grace O'Neill"},
        {"CC-4000", "Supply Chain Systems", "", "BU-SUPPLY", "Elena Rossi"},
        {"CC-4100", "Warehouse Systems", "CC-4000", "BU-SUPPLY", "Jonas Berg"},
        {"CC-5000", "Corporate Systems", "", "BU-CORP", "Helena Marsh"},
        {"CC-5100", "Finance Systems", "CC-5000", "BU-CORP", "Rafael Ortiz"},
        {"CC-5200", "People Systems", "CC-5000", "BU-CORP", "Nadia Petrova"},
    };
    company.business_services = {
        {"BS-SHOP", "Online Shop", "BU-ONLINE", "CC-2000", "Priya Natarajan"},
        {"BS-STORE", "In-Store Sales", "BU-STORES", "CC-3000", "Marcus Bell"},
        {"BS-FULFIL", "Order Fulfilment", "BU-SUPPLY", "CC-4000", "Elena Rossi"},
        {"BS-CORP", "Corporate Functions", "BU-CORP", "CC-5000", "Helena Marsh"},
        {"BS-INSIGHT", "Analytics & Insights", "BU-IT", "CC-1300", "Mei Lin"},
    };
    company.applications = {
        {"APP-PAY", "pay", "Payments", "BS-SHOP", "CC-2100", "BU-ONLINE", "Aiko Tanaka"},
        {"APP-CHECKOUT", "chk", "Checkout", "BS-SHOP", "CC-2100", "BU-ONLINE", "Aiko Tanaka"},
        {"APP-WEB", "web", "Web Storefront", "BS-SHOP", "CC-2200", "BU-ONLINE", "Samir Haddad"},
        {"APP-MOBILE", "mob", "Mobile API", "BS-SHOP", "CC-2200", "BU-ONLINE", "Samir Haddad"},
        {"APP-SEARCH", "srch", "Product Search", "BS-SHOP", "CC-2200", "BU-ONLINE", "Lucas Moreau"},
        {"APP-RECO", "reco", "Recommendations", "BS-SHOP", "CC-1300", "BU-IT", "Mei Lin"},
        {"APP-POS", "pos", "Point of Sale", "BS-STORE", "CC-3100", "BU-STORES", "Grace O'Neill"},
        {"APP-LOYALTY", "loy", "Loyalty", "BS-STORE", "CC-3000", "BU-STORES", "Chloe Dubois"},
        {"APP-INVENTORY", "inv", "Inventory", "BS-FULFIL", "CC-4000", "BU-SUPPLY", "Jonas Berg"},
        {"APP-WMS", "wms", "Warehouse Management", "BS-FULFIL", "CC-4100", "BU-SUPPLY", "Jonas Berg"},
        {"APP-ERP", "erp", "ERP", "BS-CORP", "CC-5100", "BU-CORP", "Rafael Ortiz"},
        {"APP-FINREP", "fin", "Financial Reporting", "BS-CORP", "CC-5100", "BU-CORP", "Rafael Ortiz"},
        {"APP-HR", "hr", "HR Portal", "BS-CORP", "CC-5200", "BU-CORP", "Nadia Petrova"},
        {"APP-BI", "bi", "Business Intelligence", "BS-INSIGHT", "CC-1300", "BU-IT", "Mei Lin"},
        // Shared platforms: their cost is split over the applications that use them, by a usage driver.
        {"APP-K8S", "k8s", "Container Platform", "", "CC-1200", "BU-IT", "Tomás Ferreira"},
        {"APP-LAKE", "lake", "Data Lake", "BS-INSIGHT", "CC-1300", "BU-IT", "Mei Lin"},
    };
}

} // namespace crosswalk::generate
