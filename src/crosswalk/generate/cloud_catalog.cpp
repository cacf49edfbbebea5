#include "crosswalk/generate/cloud_catalog.hpp"

#include <array>

namespace crosswalk::generate::cloud {
namespace {

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

} // namespace

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

} // namespace crosswalk::generate::cloud
