// The cloud commitment discounts of the demo company and the VMs they cover.
#pragma once

#include "crosswalk/generate/company.hpp"

namespace crosswalk::generate::cloud {

// Commitment discounts: a Compute Savings Plan (AWS), a VM reservation (Azure), a resource-based committed use
// discount (GCP). Each covers the constant-running Linux VMs of some accounts for the whole window; its fee is
// sized 12% above what they use, so some commitment goes unused every day.
void BuildCommitments(Company& company);

} // namespace crosswalk::generate::cloud
