// The meters a cloud resource is billed by, with their list and contracted prices and base daily quantity.
#pragma once

#include "crosswalk/generate/cloud_accounts.hpp"
#include "crosswalk/generate/cloud_catalog.hpp"
#include "crosswalk/generate/company.hpp"
#include "crosswalk/generate/random.hpp"

namespace crosswalk::generate::cloud {

// The one meter of a resource of a non-VM kind, with its base quantity drawn from the kind's range.
[[nodiscard]] Meter ServiceMeter(Provider provider, const Kind& kind, Random& random);

// A VM: its size and compute meter, the software it runs (license-included or brought) in `resource.licenses`,
// and for license-included software on GCP and Azure, a separate license meter (AWS folds the license into the
// compute price and says so in the usage operation).
void AddVmMeters(const SubAccountPlan& plan, Resource& resource, Random& random);

} // namespace crosswalk::generate::cloud
