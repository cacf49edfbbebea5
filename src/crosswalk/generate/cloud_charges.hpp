// The demo company's cloud charges that are not daily usage: each month, the commitments' recurring fees,
// enterprise support, a marketplace subscription and the SaaS vendor's drawdown of prepaid credits (bought in
// the first month); once, a promotional credit and a refund of an overcharge of the month before.
#pragma once

#include "crosswalk/generate/company.hpp"

namespace crosswalk::generate::cloud {

// Adds them to `company.monthly_charges`; the commitments must be built first.
void BuildMonthlyCharges(Company& company);

} // namespace crosswalk::generate::cloud
