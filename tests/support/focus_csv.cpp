#include "support/focus_csv.hpp"

#include <algorithm>

#include "crosswalk/model/focus_columns.hpp"

namespace crosswalk::testing {
namespace {

std::string DefaultValue(const model::FocusColumn& column, int row) {
    const std::string name(column.name);
    if (name == "ChargePeriodStart") {
        return "2024-09-01T00:00:00Z";
    }
    if (name == "ChargePeriodEnd") {
        return "2024-09-02T00:00:00Z";
    }
    if (name == "BillingPeriodStart") {
        return "2024-09-01T00:00:00Z";
    }
    if (name == "BillingPeriodEnd") {
        return "2024-10-01T00:00:00Z";
    }
    if (name == "BillingCurrency" || name == "PricingCurrency") {
        return "USD";
    }
    if (name == "ProviderName" || name == "PublisherName" || name == "InvoiceIssuerName") {
        return "AWS";
    }
    if (name == "BillingAccountId") {
        return "111122223333";
    }
    if (name == "ResourceId") {
        return "i-" + std::to_string(1000 + row);
    }
    if (name == "Tags") {
        return R"("{""app"": ""pay""}")";
    }
    if (name == "InvoiceId") {
        return "INV-2024-09";
    }
    if (name == "ChargeClass") {
        return "";
    }
    const auto allowed = model::AllowedValues(column.name);
    if (!allowed.empty()) {
        return std::string(allowed.front());
    }
    switch (column.type) {
    case model::FocusType::kDecimal:
        return "1.25";
    case model::FocusType::kDateTime:
        return "2024-09-01T00:00:00Z";
    case model::FocusType::kKeyValue:
        return R"("{}")";
    case model::FocusType::kString:
        break;
    }
    return name + "-value";
}

} // namespace

FocusCsv::FocusCsv(int rows) {
    for (const model::FocusColumn& column : model::FocusColumns()) {
        if (model::PresenceIn(column, model::FocusVersion::k1_2) == model::Presence::kMandatory ||
            column.name == "Tags" || column.name == "ResourceId" || column.name == "InvoiceId" ||
            column.name == "ChargeFrequency") {
            columns_.emplace_back(column.name);
        }
    }
    for (int row = 0; row < rows; ++row) {
        auto& values = rows_.emplace_back();
        for (const model::FocusColumn& column : model::FocusColumns()) {
            values[std::string(column.name)] = DefaultValue(column, row);
        }
    }
}

FocusCsv& FocusCsv::Set(int row, const std::string& column, const std::string& value) {
    rows_.at(static_cast<size_t>(row))[column] = value;
    return *this;
}

FocusCsv& FocusCsv::SetAll(const std::string& column, const std::string& value) {
    for (auto& values : rows_) {
        values[column] = value;
    }
    return *this;
}

FocusCsv& FocusCsv::Drop(const std::string& column) {
    columns_.erase(std::remove(columns_.begin(), columns_.end(), column), columns_.end());
    return *this;
}

FocusCsv& FocusCsv::Add(const std::string& column, const std::string& value) {
    columns_.push_back(column);
    return SetAll(column, value);
}

std::string FocusCsv::Text() const {
    std::string text;
    for (size_t i = 0; i < columns_.size(); ++i) {
        text += (i == 0 ? "" : ",") + columns_[i];
    }
    text += "\n";
    for (const auto& values : rows_) {
        for (size_t i = 0; i < columns_.size(); ++i) {
            const auto found = values.find(columns_[i]);
            text += (i == 0 ? "" : ",") + (found == values.end() ? std::string() : found->second);
        }
        text += "\n";
    }
    return text;
}

} // namespace crosswalk::testing
