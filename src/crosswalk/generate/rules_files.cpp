#include "crosswalk/generate/rules_files.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>

#include "crosswalk/common/error.hpp"

namespace crosswalk::generate {
namespace {

std::string Lower(std::string text) {
    for (char& c : text) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

// A double-quoted YAML scalar (the names hold spaces and '&').
std::string Quoted(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + "\"";
}

void Write(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
        Throw(ErrorKind::kIo, "cannot write {}", path.string());
    }
}

} // namespace

std::string DemoTagRules(const Company& company) {
    std::string text = R"(# Tag rules of the demo company (written by `crosswalk generate`; see docs/rules.md).
# Its teams spell the application tag four ways (app, App, application, Application-Name) and write the value
# as the code (pay), in capitals (PAY), capitalised (Pay) or as the application's name (Payments; on Google
# Cloud, whose labels are lower case without spaces, payments or web-storefront). These rules fold all of them
# into one key, `application`, whose value is the application's CMDB id (APP-PAY).
keys:
  application:
    aliases: [app, Application-Name]   # keys match without regard to case, so App and Application too
    case: lower                        # values are folded to lower case (and trimmed) before the map
    values:
)";
    for (const Application& application : company.applications) {
        text += fmt::format("      {}: {}\n", Quoted(application.code), application.ci_id);
        const std::string name = Lower(application.name);
        if (name != application.code) {
            text += fmt::format("      {}: {}\n", Quoted(name), application.ci_id);
        }
        std::string label = name;
        for (char& c : label) {
            c = c == ' ' ? '-' : c;
        }
        if (label != name && label != application.code) {
            text += fmt::format("      {}: {}\n", Quoted(label), application.ci_id);
        }
    }
    text += R"(  environment:
    aliases: [env]                     # and Environment, the key itself in another case
    case: lower
    values:                            # one entry a line, so each value says its own line
      prd: production
      stg: staging
      dev: development
  cost_center:
    aliases: [CostCenter, cost-center]
    case: upper                        # cc-1200 -> CC-1200, the ledger's spelling

# The tag policy: keys every resource must carry (the `tags` compliance report).
required: [application, environment, cost_center]
)";
    return text;
}

std::string DemoNamingRules(const Company& company) {
    std::string text =
        R"(# Naming-standard rules of the demo company (written by `crosswalk generate`; see docs/rules.md).
# Its standard is {env}-{application code}-{role}-{nn}, e.g. prd-pay-db-01; about one resource in eight has a
# legacy name (test-box-12, an instance id) that the pattern does not match.
patterns:
  - name: standard
    field: ResourceName
    regex: '^(?<environment>prd|stg|dev)-(?<application>[a-z0-9]+)-[a-z0-9]+-[0-9]+$'
    values:
      environment:
        prd: production
        stg: staging
        dev: development
      application:
)";
    for (const Application& application : company.applications) {
        text += fmt::format("        {}: {}\n", application.code, application.ci_id);
    }
    return text;
}

std::string DemoAccountRules(const Company& company) {
    std::string text =
        R"(# Account defaults of the demo company (written by `crosswalk generate`; see docs/rules.md). Every cloud
# account dedicated to one application gives its resources that application and its cost center, so an
# untagged resource there is still attributed (tags, the CMDB and names come first: rules/enrichment.yaml).
# Accounts shared by several applications are not listed: their resources need tags, the CMDB or names.
accounts:
)";
    for (const SubAccount& account : company.sub_accounts) {
        if (account.application_code.empty()) {
            continue;
        }
        const auto application =
            std::find_if(company.applications.begin(), company.applications.end(),
                         [&](const Application& candidate) { return candidate.code == account.application_code; });
        if (application == company.applications.end()) {
            continue;
        }
        text += fmt::format("  - account: {}   # {}\n    provider: {}\n    application: {}\n", Quoted(account.id),
                            account.name, Quoted(InfoOf(account.provider).name), application->ci_id);
        if (!application->cost_center_id.empty()) {
            text += fmt::format("    cost_center: {}\n", application->cost_center_id);
        }
    }
    return text;
}

std::string DemoTaxonomyRules() {
    return R"(# Overrides of the default taxonomy mapping (written by `crosswalk generate`; see docs/rules.md and
# docs/taxonomy.md). Each override comes before every shipped default row; per field, the first override that
# matches wins. Names are TBM v5.0.1 (v4 names are translated).
cloud:
  # The platform account runs the EKS cluster: its EC2 instances are the cluster's worker nodes, so they count
  # as Container Orchestration like the cluster itself (the default maps EC2 to Compute / Servers).
  - match: {SubAccountId: "333344445555", ServiceName: Amazon Elastic Compute Cloud, ServiceCategory: Compute}
    tower: Application
    sub_tower: Container Orchestration
    solution: Application Hosting
  # The cluster keeps its default tower; what it delivers is the Application Hosting solution.
  - match: {ServiceName: Amazon Elastic Kubernetes Service}
    solution: Application Hosting
# ledger:                               # ledger accounts: account (full match) and account_name (found, any case)
#   - account: '6[0-9]{3}'
#     account_name: cloud
#     cost_pool: Cloud Services
#     cost_sub_pool: Cloud Service Provider
# assets:                               # asset types: category (equal) and asset_type (found, any case)
#   - category: hardware
#     asset_type: 'laptop|desktop'
#     tower: End User
#     sub_tower: Workspace
)";
}

std::string DemoEnrichmentRules() {
    return R"(# Where the enriched dimensions (application, business_service, cost_center, business_unit, owner,
# environment) come from, first source first (written by `crosswalk generate`; see docs/rules.md).
#   tag      the normalized tags (rules/tags.yaml)
#   cmdb     the CMDB configuration item the resource is linked to
#   account  the account defaults (rules/accounts.yaml)
#   name     the naming standard (rules/naming.yaml)
# This is the default order, written out; every source must appear exactly once.
precedence: [tag, cmdb, account, name]
# dimensions:                           # optional: an order of its own for one dimension
#   environment: [name, tag, cmdb, account]
)";
}

std::string DemoAllocationRules() {
    return R"(# How the demo company spreads its shared cost (written by `crosswalk generate`; see docs/allocation.md).
# Steps run in this order, each on what the steps above left; every cent stays somewhere.
steps:
  # The AWS Enterprise Support fee, bought on the platform account, goes to every application by its own
  # (amortized) direct cost in the month. The platform's and the lake's shares move on with them below.
  - name: support
    pool: {ServiceSubcategory: Support}
    to: application
    method: proportional

  # Commitments bought centrally and not used stay with their buyer, the Cloud Platform cost center.
  - name: unused-commitments
    pool: {CommitmentDiscountStatus: Unused}
    to: cost_center
    method: fixed
    weights: {CC-1200: 100}

  # Cloud cost that no tag, CMDB item, account default or name attributes: by direct cost.
  - name: untagged
    pool: {application: null, cost_center: null, ProviderName: [AWS, Microsoft, Google Cloud]}
    to: application
    method: proportional

  # Datadog monitors everything: until March it is shared by direct cost (before the platforms are spread,
  # so their shares move on with them); from April the platform team charges it by the cluster's CPU-hours
  # (what the kubernetes step gave each tenant, below). January to March keep the old method.
  - name: monitoring
    pool: {ProviderName: Datadog}
    to: application
    method: proportional
    until: 2026-03

  # The shared Kubernetes cluster, by the CPU-hours each application's namespaces used.
  - name: kubernetes
    pool: {application: APP-K8S}
    to: application
    method: driver
    driver: {file: drivers/k8s-cpu-hours.csv, date: date, target: application_ci_id, quantity: cpu_hours}

  # The data lake, by the bytes each consumer scanned.
  - name: data-lake
    pool: {application: APP-LAKE}
    to: application
    method: driver
    driver: {file: drivers/datalake-usage.csv, date: date, target: application_ci_id, quantity: bytes_scanned}

  # Datadog from April: by what the kubernetes step gave each application.
  - name: monitoring-by-cpu
    pool: {ProviderName: Datadog}
    to: application
    method: proportional
    proportional_to: kubernetes
    from: 2026-04
)";
}

std::string DemoPolicyRules(const Company& company) {
    // The company's regions, but Frankfurt: its policy keeps EU workloads in the EU region of each provider it
    // chose (West Europe, europe-west4), so the AWS resources in eu-central-1 break it.
    std::vector<std::string> regions;
    for (const Resource& resource : company.resources) {
        if (!resource.region_id.empty() && resource.region_id != "eu-central-1" &&
            std::find(regions.begin(), regions.end(), resource.region_id) == regions.end()) {
            regions.push_back(resource.region_id);
        }
    }
    std::sort(regions.begin(), regions.end());
    std::string region_list;
    for (const std::string& region : regions) {
        region_list += (region_list.empty() ? "" : ", ") + region;
    }
    return R"(# The demo company's guardrails and KPI thresholds (written by `crosswalk generate`; see docs/governance.md).
# `crosswalk report policy` lists what breaks them; `--fail-on-violation` makes it a CI check.
# The required tags are rules/tags.yaml's (required:), on premises and in the cloud alike.
allowed_regions: [)" +
           region_list + R"(]
allowed_providers: [AWS, Microsoft, Google Cloud, Datadog]
# Marketplace purchases procurement approved; Twilio SendGrid was bought on the Azure Marketplace without it.
approved_publishers: []
# Atlassian ends Data Center: no new Jira Data Center, move to Jira Cloud.
denied_products: [Jira Software Data Center]
require_budget: true
thresholds:
  idle_cost_pct: 3          # seed 000: idle resource costs will not exceed 3% of total monthly cloud spend
  anomaly_cost: 150         # seed 000: anomaly costs will not exceed $150/month
  tag_compliance_cost_pct: 80
)";
}

void WriteRulesFiles(const Company& company, const std::filesystem::path& root) {
    std::filesystem::create_directories(root / "rules");
    Write(root / "rules" / "tags.yaml", DemoTagRules(company));
    Write(root / "rules" / "naming.yaml", DemoNamingRules(company));
    Write(root / "rules" / "accounts.yaml", DemoAccountRules(company));
    Write(root / "rules" / "taxonomy.yaml", DemoTaxonomyRules());
    Write(root / "rules" / "enrichment.yaml", DemoEnrichmentRules());
    Write(root / "rules" / "allocation.yaml", DemoAllocationRules());
    Write(root / "rules" / "policy.yaml", DemoPolicyRules(company));
}

} // namespace crosswalk::generate
