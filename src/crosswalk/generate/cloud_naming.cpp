#include "crosswalk/generate/cloud_naming.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "crosswalk/common/text.hpp"

namespace crosswalk::generate::cloud {
namespace {

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

std::string TagValue(Provider provider, const Application& application, Random& random) {
    const int roll = static_cast<int>(random.Between(1, 100));
    std::string value;
    if (roll <= 55) {
        value = application.code;
    } else if (roll <= 70) {
        value = ToUpper(application.code);
    } else if (roll <= 85) {
        value = application.code;
        value[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(value[0])));
    } else {
        value = application.name; // "Web Storefront"
    }
    if (provider == Provider::kGcp) { // label values: lower case, no spaces
        value = ToLower(value);
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
    return provider == Provider::kGcp ? ToLower(value) : value;
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

} // namespace

std::string Hex(Random& random, int digits) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string text;
    for (int i = 0; i < digits; ++i) {
        text += kDigits[random.Next() % 16];
    }
    return text;
}

std::string ResourceNaming::LegacyName(Provider provider, std::string_view kind) {
    static const std::array<const char*, 8> kNames = {"legacy-reporting", "test-box", "tmp-migration", "jenkins-old",
                                                      "bastion",          "poc-data", "sftp-gateway",  "batch-worker"};
    std::string name = fmt::format("{}-{}", kNames[random_.Next() % kNames.size()], ++legacy_counter_);
    if (provider == Provider::kAzure && kind == "st") {
        name.erase(std::remove(name.begin(), name.end(), '-'), name.end()); // storage account names
    }
    return name;
}

std::string ResourceNaming::Zone(Provider provider, const std::string& region) {
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

std::string ResourceNaming::ResourceId(const SubAccountPlan& plan, std::string_view kind, const std::string& name) {
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
            return fmt::format("arn:aws:cloudfront::{}:distribution/E{}", account, ToUpper(Hex(random_, 13)));
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
            return fmt::format("//compute.googleapis.com/projects/{}/zones/{}-a/instances/{}", project, region, name);
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

void ResourceNaming::Tag(const SubAccountPlan& plan, const Application& application, Resource& resource,
                         bool standard_name) {
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
    tags +=
        JsonString(TagKey(plan.provider, random_)) + ":" + JsonString(TagValue(plan.provider, application, random_));
    const std::string env_key = plan.provider == Provider::kGcp ? "env" : random_.Chance(50) ? "env" : "Environment";
    tags += "," + JsonString(env_key) + ":" + JsonString(EnvironmentTag(plan.provider, plan.environment, random_));
    if (random_.Chance(30)) {
        const std::string key = plan.provider == Provider::kGcp ? "cost-center"
                                : random_.Chance(50)            ? "CostCenter"
                                                                : "cost-center";
        tags += "," + JsonString(key) + ":" + JsonString(ToLower(application.cost_center_id));
    }
    if (resource.shared_pool == "k8s") {
        tags += R"(,"eks:cluster-name":"prd-eks-01")";
    }
    resource.tags_json = tags + "}";
}

} // namespace crosswalk::generate::cloud
