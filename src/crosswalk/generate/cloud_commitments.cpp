#include "crosswalk/generate/cloud_commitments.hpp"

#include <algorithm>

#include "crosswalk/generate/money.hpp"

namespace crosswalk::generate::cloud {

void BuildCommitments(Company& company) {
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
        for (Resource& resource : company.resources) {
            const SubAccount& account = company.sub_accounts[resource.sub_account];
            const bool eligible =
                resource.provider == plan.provider && resource.vcpus > 0 && resource.licenses.empty() &&
                !resource.meters.empty() && resource.meters[0].shape == QuantityShape::kConstant &&
                std::find(plan.accounts.begin(), plan.accounts.end(), account.id) != plan.accounts.end();
            if (!eligible) {
                continue;
            }
            resource.commitment_id = plan.id;
            resource.first_day = company.calendar.first_day;
            resource.last_day = company.calendar.first_day + company.calendar.day_count - 1;
            const Meter& compute = resource.meters[0];
            resource.effective_unit_price =
                MultiplyRatio(compute.contracted_unit_price, 100 - plan.discount_percent, 100, kPriceScale);
            commitment.daily_used =
                commitment.daily_used + Multiply(resource.effective_unit_price, compute.base_quantity);
        }
        commitment.daily_fee =
            RoundUp(MultiplyRatio(commitment.daily_used, 112, 100, kPriceScale + kQuantityScale), kCentScale);
        company.commitments.push_back(std::move(commitment));
    }
}

} // namespace crosswalk::generate::cloud
