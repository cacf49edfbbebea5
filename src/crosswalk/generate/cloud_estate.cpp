// The cloud estate of the demo company: accounts, resources with their meters and prices, tags in the state
// real estates are in, software licenses on VMs, commitment discounts, the injected anomaly and drift, and the
// monthly charges (commitment fees, support, marketplace, credits, a refund). Prices are in the range of the
// providers' public list prices; they only need to be plausible, not current.
#include <algorithm>
#include <array>
#include <cctype>
#include <map>

#include <fmt/format.h>

#include "crosswalk/generate/company.hpp"
#include "crosswalk/generate/money.hpp"
#include "crosswalk/generate/random.hpp"

namespace crosswalk::generate {
namespace {

struct Kind {
    const char* id;   // the estate's name for it: vm, vol, st...
    const char* type; // FOCUS ResourceType
    const char* role; // the naming standard's role part
    const char* service_name;
    const char* category;
    const char* subcategory;
    const char* sku;
    const char* meter;
    const char* pricing_unit;
    const char* list_price; // per pricing unit
    int64_t quantity_low;   // daily quantity range, in thousandths of the pricing unit
    int64_t quantity_high;
    QuantityShape shape;
};

constexpr int64_t kHoursPerDay = 24000; // 24 hours, in thousandths

// Per provider; "vm" is handled with the VM sizes below and must be listed for the weights only.
const std::array<Kind, 9> kAwsKinds = {{
    {"vm", "Virtual Machine", "app", "Amazon Elastic Compute Cloud", "Compute", "Virtual Machines", "", "", "Hours",
     "0", kHoursPerDay, kHoursPerDay, QuantityShape::kConstant},
    {"vol", "Volume", "vol", "Amazon Elastic Compute Cloud", "Storage", "Block Storage", "EBS:VolumeUsage.gp3",
     "Storage", "GB-Mo", "0.08", 3000, 70000, QuantityShape::kVarying},
    {"st", "Bucket", "st", "Amazon Simple Storage Service", "Storage", "Object Storage", "TimedStorage-ByteHrs",
     "Storage", "GB-Mo", "0.023", 30000, 900000, QuantityShape::kVarying},
    {"db", "DB Instance", "db", "Amazon Relational Database Service", "Databases", "Relational Databases",
     "InstanceUsage:db.r6g.xlarge", "Database Instance", "Hours", "0.48", kHoursPerDay, kHoursPerDay,
     QuantityShape::kConstant},
    {"fn", "Function", "fn", "AWS Lambda", "Compute", "Serverless Compute", "Lambda-GB-Second", "Serverless",
     "GB-Seconds", "0.0000167", 50000000, 900000000, QuantityShape::kVarying},
    {"lb", "Load Balancer", "lb", "Elastic Load Balancing", "Networking", "Application Networking", "LoadBalancerUsage",
     "Load Balancer", "Hours", "0.0225", kHoursPerDay, kHoursPerDay, QuantityShape::kConstant},
    {"cdn", "Distribution", "cdn", "Amazon CloudFront", "Networking", "Content Delivery", "DataTransfer-Out-Bytes",
     "Data Transfer", "GB", "0.085", 20000, 600000, QuantityShape::kVarying},
    {"tbl", "Table", "tbl", "Amazon DynamoDB", "Databases", "NoSQL Databases", "ReadRequestUnits", "Requests",
     "Million Requests", "0.25", 5000, 200000, QuantityShape::kVarying},
    {"eks", "Cluster", "eks", "Amazon Elastic Kubernetes Service", "Compute", "Containers",
     "AmazonEKS-Hours:perCluster", "Cluster", "Hours", "0.10", kHoursPerDay, kHoursPerDay, QuantityShape::kConstant},
}};

const std::array<Kind, 6> kAzureKinds = {{
    {"vm", "Virtual Machine", "vm", "Virtual Machines", "Compute", "Virtual Machines", "", "", "Hours", "0",
     kHoursPerDay, kHoursPerDay, QuantityShape::kConstant},
    {"disk", "Disk", "disk", "Storage", "Storage", "Block Storage", "DZH318Z0BP04", "P30 LRS Disk", "GB-Mo", "0.095",
     4000, 40000, QuantityShape::kVarying},
    {"st", "Storage Account", "st", "Storage", "Storage", "Object Storage", "DZH318Z0BNZH", "Hot LRS Data Stored",
     "GB-Mo", "0.0184", 20000, 600000, QuantityShape::kVarying},
    {"sqldb", "SQL Database", "sqldb", "SQL Database", "Databases", "Relational Databases", "DZH318Z0BQ4K",
     "General Purpose vCore", "Hours", "0.5044", kHoursPerDay, kHoursPerDay, QuantityShape::kConstant},
    {"asp", "App Service Plan", "asp", "Azure App Service", "Web", "Application Platforms", "DZH317F1HKN0", "P1 v3 App",
     "Hours", "0.245", kHoursPerDay, kHoursPerDay, QuantityShape::kConstant},
    {"log", "Log Analytics Workspace", "log", "Log Analytics", "Management and Governance", "Observability",
     "DZH318Z0BQ7B", "Analytics Logs Data Ingestion", "GB", "2.76", 1000, 40000, QuantityShape::kVarying},
}};

const std::array<Kind, 6> kGcpKinds = {{
    {"vm", "Virtual Machine", "vm", "Compute Engine", "Compute", "Virtual Machines", "", "", "Hours", "0", kHoursPerDay,
     kHoursPerDay, QuantityShape::kConstant},
    {"disk", "Disk", "disk", "Compute Engine", "Storage", "Block Storage", "D973-5D65-BAB2", "Storage PD Capacity",
     "GiB-Mo", "0.04", 3000, 60000, QuantityShape::kVarying},
    {"st", "Bucket", "st", "Cloud Storage", "Storage", "Object Storage", "E5F0-6A5D-7BAD", "Standard Storage", "GiB-Mo",
     "0.02", 30000, 900000, QuantityShape::kVarying},
    {"bq", "Dataset", "bq", "BigQuery", "Databases", "Data Warehouses", "24E6-581D-38E5", "Analysis", "TiB", "6.25",
     500, 8000, QuantityShape::kVarying},
    {"sql", "Instance", "sql", "Cloud SQL", "Databases", "Relational Databases", "9C9E-5A58-7C67", "DB custom CORE",
     "Hours", "0.4134", kHoursPerDay, kHoursPerDay, QuantityShape::kConstant},
    {"q", "Topic", "q", "Cloud Pub/Sub", "Integration", "Messaging", "D3EC-7E7C-4E4F", "Message Delivery Basic", "TiB",
     "40", 10, 300, QuantityShape::kVarying},
}};

std::span<const Kind> KindsOf(Provider provider) {
    switch (provider) {
    case Provider::kAws:
        return kAwsKinds;
    case Provider::kAzure:
        return kAzureKinds;
    default:
        return kGcpKinds;
    }
}

const Kind& FindKind(Provider provider, std::string_view id) {
    for (const Kind& kind : KindsOf(provider)) {
        if (kind.id == id) {
            return kind;
        }
    }
    return KindsOf(provider).front();
}

struct VmSize {
    const char* name;
    int vcpus;
    const char* linux_price;   // per hour
    const char* windows_price; // per hour, license included
};

const std::array<VmSize, 5> kAwsSizes = {{{"m6i.large", 2, "0.096", "0.188"},
                                          {"m6i.xlarge", 4, "0.192", "0.376"},
                                          {"m6i.2xlarge", 8, "0.384", "0.752"},
                                          {"r6i.2xlarge", 8, "0.504", "0.872"},
                                          {"r6i.4xlarge", 16, "1.008", "1.744"}}};
const std::array<VmSize, 5> kAzureSizes = {{{"Standard_D2s_v5", 2, "0.096", "0.188"},
                                            {"Standard_D4s_v5", 4, "0.192", "0.376"},
                                            {"Standard_D8s_v5", 8, "0.384", "0.752"},
                                            {"Standard_E8s_v5", 8, "0.504", "0.872"},
                                            {"Standard_E16s_v5", 16, "1.008", "1.744"}}};
const std::array<VmSize, 4> kGcpSizes = {{{"n2-standard-2", 2, "0.097118", "0"},
                                          {"n2-standard-4", 4, "0.194236", "0"},
                                          {"n2-standard-8", 8, "0.388472", "0"},
                                          {"n2-highmem-8", 8, "0.524048", "0"}}};

std::span<const VmSize> SizesOf(Provider provider) {
    switch (provider) {
    case Provider::kAws:
        return kAwsSizes;
    case Provider::kAzure:
        return kAzureSizes;
    default:
        return kGcpSizes;
    }
}

// The negotiated discount off list: an enterprise discount program, a consumption commitment, a GCP contract.
int DiscountPercent(Provider provider) {
    switch (provider) {
    case Provider::kAws:
        return 8;
    case Provider::kAzure:
        return 10;
    default:
        return 5;
    }
}

struct SubAccountPlan {
    Provider provider;
    const char* id;
    const char* name;
    const char* environment;
    std::vector<std::string> applications;        // one: a dedicated account; several: shared
    int resources;                                // at scale 1
    std::vector<std::pair<const char*, int>> mix; // kind id, weight
    std::vector<const char*> always;              // kinds every such account has at least one of
    const char* region_id;
    const char* region_name;
};

std::vector<SubAccountPlan> SubAccountPlans() {
    const std::vector<std::pair<const char*, int>> aws_mix = {{"vm", 40}, {"vol", 15}, {"st", 10}, {"db", 8},
                                                              {"fn", 10}, {"lb", 7},   {"cdn", 3}, {"tbl", 7}};
    const std::vector<std::pair<const char*, int>> azure_mix = {{"vm", 45},    {"disk", 15}, {"st", 10},
                                                                {"sqldb", 10}, {"asp", 12},  {"log", 8}};
    return {
        {Provider::kAws,
         "111122223333",
         "prd-payments",
         "prd",
         {"pay", "chk"},
         18,
         aws_mix,
         {"db"},
         "us-east-1",
         "US East (N. Virginia)"},
        {Provider::kAws,
         "222233334444",
         "prd-storefront",
         "prd",
         {"web", "mob", "srch"},
         22,
         aws_mix,
         {"fn", "cdn"},
         "us-east-1",
         "US East (N. Virginia)"},
        {Provider::kAws,
         "333344445555",
         "prd-platform",
         "prd",
         {"k8s"},
         12,
         {{"vm", 70}, {"vol", 20}, {"lb", 10}},
         {"eks"},
         "us-east-1",
         "US East (N. Virginia)"},
        {Provider::kAws,
         "444455556666",
         "prd-reco",
         "prd",
         {"reco"},
         8,
         aws_mix,
         {},
         "eu-central-1",
         "Europe (Frankfurt)"},
        {Provider::kAws,
         "555566667777",
         "stg-digital",
         "stg",
         {"pay", "chk", "web", "mob", "srch"},
         15,
         aws_mix,
         {},
         "us-east-1",
         "US East (N. Virginia)"},
        {Provider::kAws,
         "666677778888",
         "dev-sandbox",
         "dev",
         {"pay", "web", "mob", "reco"},
         15,
         aws_mix,
         {},
         "us-east-1",
         "US East (N. Virginia)"},
        {Provider::kAzure,
         "7c1d9a52-4f0e-4b8a-9d3e-2a6f1b0c8e11",
         "sub-prd-corp",
         "prd",
         {"fin", "hr", "erp"},
         22,
         azure_mix,
         {},
         "westeurope",
         "West Europe"},
        {Provider::kAzure,
         "0b8e4c3f-91d2-4a67-b5e8-3f2c7d9a1e40",
         "sub-prd-stores",
         "prd",
         {"pos", "loy"},
         16,
         azure_mix,
         {},
         "eastus",
         "East US"},
        {Provider::kAzure,
         "e4a7f2d1-3c5b-4e89-8a1f-6d0b9c2e7a35",
         "sub-dev-corp",
         "dev",
         {"fin", "hr", "pos"},
         12,
         azure_mix,
         {},
         "westeurope",
         "West Europe"},
        {Provider::kGcp,
         "nw-prd-datalake",
         "Northwind Data Lake",
         "prd",
         {"lake"},
         14,
         {{"st", 50}, {"bq", 40}, {"q", 10}},
         {},
         "europe-west4",
         "Netherlands"},
        {Provider::kGcp,
         "nw-prd-analytics",
         "Northwind Analytics",
         "prd",
         {"bi", "reco"},
         12,
         {{"bq", 30}, {"vm", 30}, {"st", 20}, {"sql", 20}},
         {"bq"},
         "europe-west4",
         "Netherlands"},
        {Provider::kGcp,
         "nw-prd-supply",
         "Northwind Supply Chain",
         "prd",
         {"inv", "wms"},
         16,
         {{"vm", 50}, {"disk", 20}, {"sql", 15}, {"q", 15}},
         {},
         "us-central1",
         "Iowa"},
        {Provider::kGcp,
         "nw-dev-supply",
         "Northwind Supply Chain (dev)",
         "dev",
         {"inv", "wms"},
         8,
         {{"vm", 50}, {"disk", 20}, {"sql", 15}, {"q", 15}},
         {},
         "us-central1",
         "Iowa"},
    };
}

std::string Hex(Random& random, int digits) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string text;
    for (int i = 0; i < digits; ++i) {
        text += kDigits[random.Next() % 16];
    }
    return text;
}

// How resources are tagged: the same key under the spellings that teams invent, and values in every case.
std::string TagKey(Provider provider, Random& random) {
    static const std::array<const char*, 4> kAws = {"app", "App", "application", "Application-Name"};
    static const std::array<const char*, 3> kAzure = {"App", "application", "Application-Name"};
    static const std::array<const char*, 2> kGcp = {"app", "application"}; // GCP labels are lower case
    const int roll = static_cast<int>(random.Between(1, 100));
    switch (provider) {
    case Provider::kAws:
        return roll <= 50 ? kAws[0] : roll <= 70 ? kAws[1] : roll <= 85 ? kAws[2] : kAws[3];
    case Provider::kAzure:
        return roll <= 45 ? kAzure[0] : roll <= 75 ? kAzure[1] : kAzure[2];
    default:
        return roll <= 70 ? kGcp[0] : kGcp[1];
    }
}

std::string Upper(std::string text) {
    for (char& c : text) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return text;
}

std::string Lower(std::string text) {
    for (char& c : text) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

std::string TagValue(Provider provider, const Application& application, Random& random) {
    const int roll = static_cast<int>(random.Between(1, 100));
    std::string value;
    if (roll <= 55) {
        value = application.code;
    } else if (roll <= 70) {
        value = Upper(application.code);
    } else if (roll <= 85) {
        value = application.code;
        value[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(value[0])));
    } else {
        value = application.name; // "Web Storefront"
    }
    if (provider == Provider::kGcp) { // label values: lower case, no spaces
        value = Lower(value);
        for (char& c : value) {
            c = c == ' ' ? '-' : c;
        }
    }
    return value;
}

std::string EnvironmentTag(Provider provider, const std::string& environment, Random& random) {
    const bool long_form = random.Chance(40);
    std::string value = environment;
    if (long_form) {
        value = environment == "prd" ? "Production" : environment == "stg" ? "Staging" : "Development";
    }
    return provider == Provider::kGcp ? Lower(value) : value;
}

std::string JsonString(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + "\"";
}

class EstateBuilder {
public:
    explicit EstateBuilder(Company& company) : company_(company), random_(Random(company.options.seed).Fork("cloud")) {}

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
        PlanAnomalyAndDrift();
        BuildCommitments();
        BuildMonthlyCharges();
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
        resource.name = standard_name ? standard : LegacyName(plan.provider, kind_id);
        resource.id = ResourceId(plan, kind_id, resource.name);
        if (plan.provider == Provider::kAws && kind_id == "vm" && !standard_name) {
            resource.name = resource.id.substr(resource.id.rfind('/') + 1); // an unnamed instance shows its id
        }
        resource.availability_zone = Zone(plan.provider, plan.region_id);

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
            AddVmMeters(plan, resource);
        } else {
            resource.meters.push_back(ServiceMeter(plan.provider, kind));
        }
        Tag(plan, application, resource, standard_name);
        company_.resources.push_back(std::move(resource));
    }

    Meter ServiceMeter(Provider provider, const Kind& kind) {
        Meter meter;
        meter.service_name = kind.service_name;
        meter.service_category = kind.category;
        meter.service_subcategory = kind.subcategory;
        meter.sku_id = kind.sku;
        meter.sku_price_id = fmt::format("{}:{}", kind.sku, InfoOf(provider).folder);
        meter.sku_meter = kind.meter;
        meter.description = fmt::format("{} {}", kind.service_name, kind.meter);
        meter.pricing_unit = kind.pricing_unit;
        meter.consumed_unit = kind.pricing_unit;
        SetPrice(provider, meter, kind.list_price);
        meter.base_quantity = Decimal(random_.Between(kind.quantity_low, kind.quantity_high), kQuantityScale);
        meter.shape = kind.shape;
        if (provider == Provider::kAws) {
            meter.x_usage_type = kind.sku;
            meter.x_operation = kind.meter;
        } else if (provider == Provider::kAzure) {
            meter.x_meter_category = kind.service_name;
            meter.x_meter_subcategory = kind.meter;
        }
        return meter;
    }

    static void SetPrice(Provider provider, Meter& meter, std::string_view list_price) {
        meter.list_unit_price = DecimalAt(list_price, kPriceScale);
        meter.contracted_unit_price =
            MultiplyRatio(meter.list_unit_price, 100 - DiscountPercent(provider), 100, kPriceScale);
    }

    // A VM: its compute meter, and for license-included software on GCP and Azure, a separate license meter
    // (AWS folds the license into the compute price and says so in the usage operation).
    void AddVmMeters(const SubAccountPlan& plan, Resource& resource) {
        const auto sizes = SizesOf(plan.provider);
        const bool k8s_node = resource.shared_pool == "k8s";
        const VmSize& size = k8s_node ? sizes[2] : sizes[random_.Between(0, static_cast<int64_t>(sizes.size()) - 1)];
        resource.vcpus = size.vcpus;
        const int roll = k8s_node ? 1 : static_cast<int>(random_.Between(1, 100));
        Meter compute;
        compute.service_name = FindKind(plan.provider, "vm").service_name;
        compute.service_category = "Compute";
        compute.service_subcategory = "Virtual Machines";
        compute.pricing_unit = "Hours";
        compute.consumed_unit = "Hours";
        compute.base_quantity = Decimal(plan.environment == std::string("dev") ? 12000 : kHoursPerDay, kQuantityScale);
        compute.shape = plan.environment == std::string("dev") ? QuantityShape::kVarying : QuantityShape::kConstant;
        std::string os = "Linux";
        std::string price = size.linux_price;
        switch (plan.provider) {
        case Provider::kAws:
            compute.x_operation = "RunInstances";
            if (roll <= 50) {
            } else if (roll <= 60) {
                os = "Red Hat Enterprise Linux";
                price = AddPrice(size.linux_price, size.vcpus <= 4 ? "0.06" : "0.13");
                compute.x_operation = "RunInstances:0010";
                resource.licenses.push_back({"Red Hat Enterprise Linux Server", LicenseMode::kIncluded});
            } else if (roll <= 66) {
                os = "Red Hat Enterprise Linux";
                compute.x_operation = "RunInstances:00g0";
                resource.licenses.push_back({"Red Hat Enterprise Linux Server", LicenseMode::kByol});
            } else if (roll <= 78) {
                os = "Windows";
                price = size.windows_price;
                compute.x_operation = "RunInstances:0002";
                resource.licenses.push_back({"Windows Server Datacenter", LicenseMode::kIncluded});
            } else if (roll <= 84) {
                os = "Windows";
                price = AddPrice(size.windows_price, PerVcpu("0.375", size.vcpus));
                compute.x_operation = "RunInstances:0102";
                resource.licenses.push_back({"Windows Server Datacenter", LicenseMode::kIncluded});
                resource.licenses.push_back({"SQL Server Enterprise", LicenseMode::kIncluded});
            } else if (roll <= 92) {
                os = "Windows"; // SQL Server brought with License Mobility onto a license-included Windows VM
                price = size.windows_price;
                compute.x_operation = "RunInstances:0002";
                resource.licenses.push_back({"Windows Server Datacenter", LicenseMode::kIncluded});
                resource.licenses.push_back({"SQL Server Enterprise", LicenseMode::kByol});
            } else {
                resource.licenses.push_back({"Oracle Database Enterprise Edition", LicenseMode::kByol});
            }
            compute.sku_id = fmt::format("BoxUsage:{}", size.name);
            compute.x_usage_type = compute.sku_id;
            compute.sku_meter = "Compute Instance";
            compute.description = fmt::format("{} On Demand {} Instance Hour", size.name, os);
            break;
        case Provider::kAzure: {
            compute.x_meter_category = "Virtual Machines";
            compute.x_meter_subcategory = fmt::format("{} Series", std::string(size.name).substr(9));
            std::string image = "Ubuntu 22.04 LTS";
            if (roll <= 30) {
            } else if (roll <= 50 || roll > 82) {
                os = "Windows";
                price = size.windows_price;
                image = "Windows Server 2022 Datacenter";
                compute.x_meter_subcategory += " Windows";
                resource.licenses.push_back({"Windows Server Datacenter", LicenseMode::kIncluded});
                if (roll > 82) {
                    resource.licenses.push_back({"SQL Server Enterprise", LicenseMode::kIncluded});
                }
            } else {
                os = "Windows"; // Azure Hybrid Benefit: billed at the Linux rate
                image = "Windows Server BYOL";
                resource.licenses.push_back({"Windows Server Datacenter", LicenseMode::kByol});
                if (roll > 70) {
                    resource.licenses.push_back({"SQL Server Enterprise", LicenseMode::kByol});
                }
            }
            compute.x_sku_details = fmt::format(R"({{"ImageType":"{}","ServiceType":"{}","VCPUs":{}{}}})", image,
                                                size.name, size.vcpus, roll > 70 && roll <= 82 ? R"(,"AHB":true)" : "");
            compute.sku_id = fmt::format("DZH318Z0{}", Upper(Hex(random_, 4)));
            compute.sku_meter = size.name;
            compute.description = fmt::format("{} {}", size.name, os);
            break;
        }
        default:
            compute.sku_id = fmt::format("{}-CORE-{}", Upper(size.name), Upper(Hex(random_, 4)));
            compute.sku_meter = fmt::format("{} Instance Core", size.name);
            compute.description = fmt::format("{} Instance running in {}", size.name, plan.region_name);
            if (roll > 50) {
                Meter fee = compute;
                fee.x_operation.clear();
                std::string fee_price = "0";
                if (roll <= 65) {
                    os = "Red Hat Enterprise Linux";
                    fee.description = "Licensing Fee for Red Hat Enterprise Linux 9 (CPU cost)";
                    fee_price = size.vcpus <= 4 ? "0.06" : "0.13";
                    resource.licenses.push_back({"Red Hat Enterprise Linux Server", LicenseMode::kIncluded});
                } else if (roll <= 75) {
                    os = "Red Hat Enterprise Linux";
                    fee.description = "Licensing Fee for Red Hat Enterprise Linux 9 BYOS (CPU cost)";
                    resource.licenses.push_back({"Red Hat Enterprise Linux Server", LicenseMode::kByol});
                } else {
                    os = "Windows";
                    fee.description = "Licensing Fee for Windows Server 2022 Datacenter Edition (CPU cost)";
                    fee_price = PerVcpu("0.046", size.vcpus);
                    resource.licenses.push_back({"Windows Server Datacenter", LicenseMode::kIncluded});
                }
                fee.sku_id = fmt::format("LIC-{}", Upper(Hex(random_, 4)));
                fee.sku_meter = "License";
                SetPrice(plan.provider, fee, fee_price);
                fee.sku_price_id = fee.sku_id;
                fee.sku_price_details = fmt::format(R"({{"CoreCount":{},"OperatingSystem":"{}"}})", size.vcpus, os);
                resource.meters.push_back(std::move(fee));
            }
        }
        SetPrice(plan.provider, compute, price);
        compute.sku_price_id = fmt::format("{}:{}", compute.sku_id, Lower(os.substr(0, 3)));
        compute.sku_price_details = fmt::format(R"({{"CoreCount":{},"OperatingSystem":"{}"}})", size.vcpus, os);
        resource.meters.insert(resource.meters.begin(), std::move(compute));
        if (plan.provider == Provider::kAzure && resource.licenses.size() == 2 &&
            resource.licenses[1].mode == LicenseMode::kIncluded) {
            Meter license;
            license.service_name = "Virtual Machines Licenses";
            license.service_category = "Compute";
            license.service_subcategory = "Virtual Machines";
            license.sku_id = "DZH318Z0BPVW";
            license.sku_price_id = "DZH318Z0BPVW:sql-enterprise";
            license.sku_meter = "SQL Server Enterprise";
            license.description = fmt::format("SQL Server Enterprise - {} vCPU VM License", size.vcpus);
            license.pricing_unit = "Hours";
            license.consumed_unit = "Hours";
            license.base_quantity = Decimal(kHoursPerDay, kQuantityScale);
            license.shape = QuantityShape::kConstant;
            license.x_meter_category = "Virtual Machines Licenses";
            license.x_meter_subcategory = "SQL Server Enterprise";
            SetPrice(plan.provider, license, PerVcpu("0.375", size.vcpus));
            resource.meters.push_back(std::move(license));
        }
    }

    static std::string AddPrice(std::string_view a, std::string_view b) {
        return (DecimalAt(a, kPriceScale) + DecimalAt(b, kPriceScale)).ToString();
    }

    static std::string PerVcpu(std::string_view price, int vcpus) {
        return MultiplyRatio(DecimalAt(price, kPriceScale), vcpus, 1, kPriceScale).ToString();
    }

    std::string LegacyName(Provider provider, std::string_view kind) {
        static const std::array<const char*, 8> kNames = {"legacy-reporting", "test-box",    "tmp-migration",
                                                          "jenkins-old",      "bastion",     "poc-data",
                                                          "sftp-gateway",     "batch-worker"};
        std::string name = fmt::format("{}-{}", kNames[random_.Next() % kNames.size()], ++legacy_counter_);
        if (provider == Provider::kAzure && kind == "st") {
            name.erase(std::remove(name.begin(), name.end(), '-'), name.end()); // storage account names
        }
        return name;
    }

    std::string Zone(Provider provider, const std::string& region) {
        static constexpr char kLetters[] = "abc";
        const auto index = random_.Next() % 3;
        switch (provider) {
        case Provider::kAws:
            return fmt::format("{}{}", region, kLetters[index]);
        case Provider::kAzure:
            return fmt::format("{}", index + 1);
        default:
            return fmt::format("{}-{}", region, kLetters[index]);
        }
    }

    std::string ResourceId(const SubAccountPlan& plan, std::string_view kind, const std::string& name) {
        const std::string region = plan.region_id;
        switch (plan.provider) {
        case Provider::kAws: {
            const std::string account = plan.id;
            if (kind == "vm") {
                return fmt::format("arn:aws:ec2:{}:{}:instance/i-0{}", region, account, Hex(random_, 16));
            }
            if (kind == "vol") {
                return fmt::format("arn:aws:ec2:{}:{}:volume/vol-0{}", region, account, Hex(random_, 16));
            }
            if (kind == "st") {
                return fmt::format("arn:aws:s3:::nw-{}-{}", name, Hex(random_, 6));
            }
            if (kind == "db") {
                return fmt::format("arn:aws:rds:{}:{}:db:{}", region, account, name);
            }
            if (kind == "fn") {
                return fmt::format("arn:aws:lambda:{}:{}:function:{}", region, account, name);
            }
            if (kind == "lb") {
                return fmt::format("arn:aws:elasticloadbalancing:{}:{}:loadbalancer/app/{}/{}", region, account, name,
                                   Hex(random_, 16));
            }
            if (kind == "cdn") {
                return fmt::format("arn:aws:cloudfront::{}:distribution/E{}", account, Upper(Hex(random_, 13)));
            }
            if (kind == "eks") {
                return fmt::format("arn:aws:eks:{}:{}:cluster/{}", region, account, name);
            }
            return fmt::format("arn:aws:dynamodb:{}:{}:table/{}", region, account, name);
        }
        case Provider::kAzure: {
            const std::string group = fmt::format("/subscriptions/{}/resourceGroups/rg-{}-{}/providers", plan.id,
                                                  plan.environment, plan.name + 8); // "sub-prd-corp" -> "corp"
            if (kind == "vm") {
                return fmt::format("{}/Microsoft.Compute/virtualMachines/{}", group, name);
            }
            if (kind == "disk") {
                return fmt::format("{}/Microsoft.Compute/disks/{}", group, name);
            }
            if (kind == "st") {
                std::string account = name;
                account.erase(std::remove(account.begin(), account.end(), '-'), account.end());
                return fmt::format("{}/Microsoft.Storage/storageAccounts/{}", group, account);
            }
            if (kind == "sqldb") {
                return fmt::format("{}/Microsoft.Sql/servers/sql-{}/databases/{}", group, plan.name + 4, name);
            }
            if (kind == "asp") {
                return fmt::format("{}/Microsoft.Web/serverFarms/{}", group, name);
            }
            return fmt::format("{}/Microsoft.OperationalInsights/workspaces/{}", group, name);
        }
        default: {
            const std::string project = plan.id;
            if (kind == "vm") {
                return fmt::format("//compute.googleapis.com/projects/{}/zones/{}-a/instances/{}", project, region,
                                   name);
            }
            if (kind == "disk") {
                return fmt::format("//compute.googleapis.com/projects/{}/zones/{}-a/disks/{}", project, region, name);
            }
            if (kind == "st") {
                return fmt::format("//storage.googleapis.com/projects/_/buckets/{}-{}", project, name);
            }
            if (kind == "bq") {
                std::string dataset = name;
                std::replace(dataset.begin(), dataset.end(), '-', '_');
                return fmt::format("//bigquery.googleapis.com/projects/{}/datasets/{}", project, dataset);
            }
            if (kind == "sql") {
                return fmt::format("//cloudsql.googleapis.com/projects/{}/instances/{}", project, name);
            }
            return fmt::format("//pubsub.googleapis.com/projects/{}/topics/{}", project, name);
        }
        }
    }

    // Tags, or none (about 15%), and for untagged resources the way their application can still be found.
    void Tag(const SubAccountPlan& plan, const Application& application, Resource& resource, bool standard_name) {
        const bool dedicated_account = plan.applications.size() == 1;
        const bool untagged = random_.Chance(15);
        const bool in_cmdb = plan.environment == std::string("prd") &&
                             random_.Chance(untagged && !standard_name ? 60 : 45) && resource.shared_pool.empty();
        if (in_cmdb) {
            resource.ci_id = fmt::format("CI-CLD-{:05}", ++ci_counter_);
        }
        if (untagged) {
            resource.attribution = standard_name ? "name" : dedicated_account ? "account" : in_cmdb ? "cmdb" : "none";
            return;
        }
        std::string tags = "{";
        tags += JsonString(TagKey(plan.provider, random_)) + ":" +
                JsonString(TagValue(plan.provider, application, random_));
        const std::string env_key = plan.provider == Provider::kGcp ? "env"
                                    : random_.Chance(50)            ? "env"
                                                                    : "Environment";
        tags += "," + JsonString(env_key) + ":" + JsonString(EnvironmentTag(plan.provider, plan.environment, random_));
        if (random_.Chance(30)) {
            const std::string key = plan.provider == Provider::kGcp ? "cost-center"
                                    : random_.Chance(50)            ? "CostCenter"
                                                                    : "cost-center";
            tags += "," + JsonString(key) + ":" + JsonString(Lower(application.cost_center_id));
        }
        if (resource.shared_pool == "k8s") {
            tags += R"(,"eks:cluster-name":"prd-eks-01")";
        }
        resource.tags_json = tags + "}";
    }

    // A three-day spike on one service in one account, and a slow weekly drift of another service.
    void PlanAnomalyAndDrift() {
        const Calendar& calendar = company_.calendar;
        const int month = std::min(3, static_cast<int>(calendar.month_names.size()) - 1);
        company_.anomaly =
            Anomaly{Provider::kAws, "222233334444", "AWS Lambda", calendar.month_starts[month] + 9, 3, 6};
        company_.drift = Drift{Provider::kGcp, "BigQuery", 2};
        for (Resource& resource : company_.resources) {
            const SubAccount& account = company_.sub_accounts[resource.sub_account];
            for (const Meter& meter : resource.meters) {
                if (account.id == company_.anomaly.sub_account_id &&
                    meter.service_name == company_.anomaly.service_name) {
                    resource.anomalous = true;
                }
                if (account.id == "nw-prd-analytics" && meter.service_name == company_.drift.service_name) {
                    resource.drifting = true;
                }
            }
            if (resource.anomalous || resource.drifting) { // they run through the window
                resource.first_day = calendar.first_day;
                resource.last_day = calendar.first_day + calendar.day_count - 1;
            }
        }
    }

    // Commitment discounts: a Compute Savings Plan (AWS), a VM reservation (Azure), a resource-based committed use
    // discount (GCP). Each covers the constant-running Linux VMs of some accounts for the whole window; its fee is
    // sized 12% above what they use, so some commitment goes unused every day.
    void BuildCommitments() {
        struct Plan {
            Provider provider;
            std::vector<std::string> accounts;
            std::string id, name, category, type;
            int discount_percent;
        };

        const std::vector<Plan> plans = {
            {Provider::kAws,
             {"111122223333", "333344445555"},
             "arn:aws:savingsplans::381492027755:savingsplan/6f2c1a9e-3b7d-4c58-9e0a-8d1f2b3c4d5e",
             "Compute Savings Plan 3yr No Upfront",
             "Spend",
             "Compute Savings Plan",
             34},
            {Provider::kAzure,
             {"0b8e4c3f-91d2-4a67-b5e8-3f2c7d9a1e40"},
             "/providers/Microsoft.Capacity/reservationOrders/5a1e0c77-0d4b-4f1e-9d2c-7b3a9e8f6c21/reservations/"
             "c3d9b2a1-6e5f-4a7b-8c9d-0e1f2a3b4c5d",
             "VM RI - Dsv5 - East US - 3 years",
             "Usage",
             "Reservation",
             40},
            {Provider::kGcp,
             {"nw-prd-supply"},
             "projects/nw-prd-supply/regions/us-central1/commitments/cud-n2-3yr",
             "n2 3-year committed use discount",
             "Usage",
             "Committed Use Discount",
             37},
        };
        for (const Plan& plan : plans) {
            Commitment commitment{plan.provider,
                                  plan.id,
                                  plan.name,
                                  plan.category,
                                  plan.type,
                                  Decimal(0, 2),
                                  Decimal(0, kPriceScale + kQuantityScale)};
            for (Resource& resource : company_.resources) {
                const SubAccount& account = company_.sub_accounts[resource.sub_account];
                const bool eligible =
                    resource.provider == plan.provider && resource.vcpus > 0 && resource.licenses.empty() &&
                    !resource.meters.empty() && resource.meters[0].shape == QuantityShape::kConstant &&
                    std::find(plan.accounts.begin(), plan.accounts.end(), account.id) != plan.accounts.end();
                if (!eligible) {
                    continue;
                }
                resource.commitment_id = plan.id;
                resource.first_day = company_.calendar.first_day;
                resource.last_day = company_.calendar.first_day + company_.calendar.day_count - 1;
                const Meter& compute = resource.meters[0];
                resource.effective_unit_price =
                    MultiplyRatio(compute.contracted_unit_price, 100 - plan.discount_percent, 100, kPriceScale);
                commitment.daily_used =
                    commitment.daily_used + Multiply(resource.effective_unit_price, compute.base_quantity);
            }
            commitment.daily_fee =
                RoundUp(MultiplyRatio(commitment.daily_used, 112, 100, kPriceScale + kQuantityScale), kCentScale);
            company_.commitments.push_back(std::move(commitment));
        }
    }

    void BuildMonthlyCharges() {
        const Calendar& calendar = company_.calendar;
        const int scale = company_.options.scale;
        const auto money = [](std::string_view text) {
            return DecimalAt(text, kCentScale);
        };
        const auto scaled = [&](std::string_view text) {
            return MultiplyRatio(money(text), scale, 1, kCentScale);
        };
        const int platform_account = AccountIndex("333344445555");
        for (int month = 0; month < static_cast<int>(calendar.month_names.size()); ++month) {
            const int days = calendar.DaysIn(month);
            for (const Commitment& commitment : company_.commitments) {
                MonthlyCharge fee;
                fee.provider = commitment.provider;
                fee.month = month;
                fee.sub_account = FirstAccountOf(commitment.provider);
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
                company_.monthly_charges.push_back(std::move(fee));
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
            company_.monthly_charges.push_back(support);

            MonthlyCharge marketplace;
            marketplace.provider = Provider::kAzure;
            marketplace.month = month;
            marketplace.sub_account = AccountIndex("7c1d9a52-4f0e-4b8a-9d3e-2a6f1b0c8e11");
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
            company_.monthly_charges.push_back(marketplace);

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
            drawdown.commitment_id = company_.saas_contract_id;
            drawdown.billed_cost = Decimal(0, kCentScale);
            drawdown.effective_cost = MultiplyRatio(scaled("8400.00"), 100 + 3 * month, 100, kCentScale);
            company_.monthly_charges.push_back(drawdown);
            if (month == 0) {
                MonthlyCharge prepaid = drawdown;
                prepaid.charge_category = "Purchase";
                prepaid.charge_frequency = "One-Time";
                prepaid.description = "Prepaid commitment: annual credits";
                prepaid.sku_id = "prepaid-commit";
                prepaid.billed_cost = scaled("120000.00");
                prepaid.effective_cost = Decimal(0, kCentScale);
                company_.monthly_charges.push_back(prepaid);
            }
        }
        // A promotional credit on GCP and a refund correcting an AWS overcharge of the month before.
        MonthlyCharge credit;
        credit.provider = Provider::kGcp;
        credit.month = std::min(1, static_cast<int>(calendar.month_names.size()) - 1);
        credit.sub_account = AccountIndex("nw-prd-analytics");
        credit.charge_category = "Credit";
        credit.charge_frequency = "One-Time";
        credit.service_name = "BigQuery";
        credit.service_category = "Databases";
        credit.service_subcategory = "Data Warehouses";
        credit.description = "Promotional credit: BigQuery migration incentive";
        credit.sku_id = "PROMO-BQ-MIGRATION";
        credit.billed_cost = -scaled("500.00");
        credit.effective_cost = credit.billed_cost;
        company_.monthly_charges.push_back(credit);

        MonthlyCharge refund;
        refund.provider = Provider::kAws;
        refund.month = std::min(2, static_cast<int>(calendar.month_names.size()) - 1);
        refund.sub_account = AccountIndex("111122223333");
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
        company_.monthly_charges.push_back(refund);
    }

    int AccountIndex(std::string_view id) const {
        for (std::size_t i = 0; i < company_.sub_accounts.size(); ++i) {
            if (company_.sub_accounts[i].id == id) {
                return static_cast<int>(i);
            }
        }
        return 0;
    }

    int FirstAccountOf(Provider provider) const {
        for (std::size_t i = 0; i < company_.sub_accounts.size(); ++i) {
            if (company_.sub_accounts[i].provider == provider) {
                return static_cast<int>(i);
            }
        }
        return 0;
    }

    Company& company_;
    Random random_;
    std::map<std::string, int> name_counters_;
    int legacy_counter_ = 0;
    int ci_counter_ = 0;
};

} // namespace

void BuildCloudEstate(Company& company) {
    EstateBuilder(company).Build();
}

} // namespace crosswalk::generate
