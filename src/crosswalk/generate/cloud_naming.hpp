// How the demo company's cloud resources are named (the naming standard, and the legacy names outside it),
// identified (each provider's resource id format), placed in zones and tagged (the application tag under the
// spellings teams invent, values in every case, about 15% untagged).
#pragma once

#include <string>
#include <string_view>

#include "crosswalk/generate/cloud_accounts.hpp"
#include "crosswalk/generate/company.hpp"
#include "crosswalk/generate/random.hpp"

namespace crosswalk::generate::cloud {

// `digits` random lower-case hex digits.
[[nodiscard]] std::string Hex(Random& random, int digits);

// Draws names, ids, zones and tags from the estate's Random, and numbers the legacy names and the CMDB ids of
// cloud CIs. Not thread-safe; one per estate.
class ResourceNaming {
public:
    explicit ResourceNaming(Random& random) : random_(random) {}

    // A name outside the naming standard ("jenkins-old-3").
    [[nodiscard]] std::string LegacyName(Provider provider, std::string_view kind);

    [[nodiscard]] std::string Zone(Provider provider, const std::string& region);

    // The provider's id for a resource of that kind and name in the plan's account.
    [[nodiscard]] std::string ResourceId(const SubAccountPlan& plan, std::string_view kind, const std::string& name);

    // Tags, or none (about 15%), and for untagged resources the way their application can still be found.
    void Tag(const SubAccountPlan& plan, const Application& application, Resource& resource, bool standard_name);

private:
    Random& random_;
    int legacy_counter_ = 0;
    int ci_counter_ = 0;
};

} // namespace crosswalk::generate::cloud
