// Fuzzes the FOCUS CSV path end to end: header detection, DuckDB's CSV reader with our options, every
// conformance check (decimals, date-times, enumerations, Tags JSON) and the row accounting. Any exception other
// than a refusal of the file (crosswalk::Error of a user kind) is a finding, and so is a broken invariant.
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>

#include "crosswalk/common/error.hpp"
#include "crosswalk/ingest/focus/focus_ingest.hpp"
#include "crosswalk/store/database.hpp"

namespace {

// A FOCUS 1.2 header with every mandatory column and Tags: inputs that start with an even byte get it, so most
// of the fuzzing reaches the row checks; the others exercise header detection.
constexpr const char* kHeader =
    "BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodEnd,BillingPeriodStart,"
    "ChargeCategory,ChargeClass,ChargeDescription,ChargeFrequency,ChargePeriodEnd,ChargePeriodStart,ContractedCost,"
    "EffectiveCost,InvoiceIssuerName,ListCost,PricingQuantity,PricingUnit,ProviderName,PublisherName,ServiceCategory,"
    "ServiceName,Tags\n";

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const crosswalk::store::Database database = crosswalk::store::Database::OpenInMemory({false, 1, "512MB"});
    static crosswalk::store::Connection connection(database);
    static const std::string path = "/tmp/crosswalk-fuzz-" + std::to_string(getpid()) + ".csv";
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        if (size > 0 && (data[0] % 2) == 0) {
            out << kHeader;
            ++data;
            --size;
        }
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    const std::vector<std::string> files = {path};
    const crosswalk::ingest::FocusValidation validation = crosswalk::ingest::ValidateFocus(connection, files, "/", 2);
    for (const auto& file : validation.files) {
        if (file.refused.empty() && file.counts.read != file.counts.loaded + file.counts.rejected) {
            std::abort(); // rows read must be rows loaded plus rows rejected
        }
        if (file.counts.repaired > file.counts.loaded) {
            std::abort();
        }
    }
    return 0;
}
