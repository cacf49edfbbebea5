#include "crosswalk/generate/rules_files.hpp"

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

void WriteRulesFiles(const Company& company, const std::filesystem::path& root) {
    std::filesystem::create_directories(root / "rules");
    Write(root / "rules" / "tags.yaml", DemoTagRules(company));
    Write(root / "rules" / "naming.yaml", DemoNamingRules(company));
}

} // namespace crosswalk::generate
