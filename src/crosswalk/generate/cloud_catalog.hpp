// The cloud price list of the demo company: per provider, the kinds of resources it runs (FOCUS service, SKU,
// meter, list price, daily quantity range), the VM sizes, and the negotiated discount off list. Prices are in
// the range of the providers' public list prices; they only need to be plausible, not current.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "crosswalk/generate/company.hpp"

namespace crosswalk::generate::cloud {

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

inline constexpr int64_t kHoursPerDay = 24000; // 24 hours, in thousandths

struct VmSize {
    const char* name;
    int vcpus;
    const char* linux_price;   // per hour
    const char* windows_price; // per hour, license included
};

// The provider's kinds; "vm" is handled with the VM sizes and is listed for the account mixes' weights only.
[[nodiscard]] std::span<const Kind> KindsOf(Provider provider);

// The provider's kind with that id (the provider's first kind if none has it).
[[nodiscard]] const Kind& FindKind(Provider provider, std::string_view id);

[[nodiscard]] std::span<const VmSize> SizesOf(Provider provider);

// The negotiated discount off list: an enterprise discount program, a consumption commitment, a GCP contract.
[[nodiscard]] int DiscountPercent(Provider provider);

} // namespace crosswalk::generate::cloud
