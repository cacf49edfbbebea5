// The ISO 4217 codes FOCUS's currency columns must hold (BillingCurrency-C-006-M: a national currency).
#pragma once

#include <span>
#include <string_view>

namespace crosswalk::ingest::focus {

[[nodiscard]] std::span<const std::string_view> CurrencyCodes();

} // namespace crosswalk::ingest::focus
