#include "crosswalk/generate/cloud_meters.hpp"

#include <fmt/format.h>

#include "crosswalk/common/text.hpp"
#include "crosswalk/generate/cloud_naming.hpp"
#include "crosswalk/generate/money.hpp"

namespace crosswalk::generate::cloud {
namespace {

void SetPrice(Provider provider, Meter& meter, std::string_view list_price) {
    meter.list_unit_price = DecimalAt(list_price, kPriceScale);
    meter.contracted_unit_price =
        MultiplyRatio(meter.list_unit_price, 100 - DiscountPercent(provider), 100, kPriceScale);
}

std::string AddPrice(std::string_view a, std::string_view b) {
    return (DecimalAt(a, kPriceScale) + DecimalAt(b, kPriceScale)).ToString();
}

std::string PerVcpu(std::string_view price, int vcpus) {
    return MultiplyRatio(DecimalAt(price, kPriceScale), vcpus, 1, kPriceScale).ToString();
}

} // namespace

Meter ServiceMeter(Provider provider, const Kind& kind, Random& random) {
    Meter meter;
    meter.service_name = kind.service_name;
    meter.service_category = kind.category;
    meter.service_subcategory = kind.subcategory;
    meter.sku_id = kind.sku;
    meter.sku_price_id = fmt::format("{}:{}", kind.sku, InfoOf(provider).folder);
    meter.sku_meter = kind.meter;
    meter.description = fmt::format("{} {}", kind.service_name, kind.meter);
    meter.pricing_unit = kind.pricing_unit;
    meter.consumed_unit = kind.pricing_unit;
    SetPrice(provider, meter, kind.list_price);
    meter.base_quantity = Decimal(random.Between(kind.quantity_low, kind.quantity_high), kQuantityScale);
    meter.shape = kind.shape;
    if (provider == Provider::kAws) {
        meter.x_usage_type = kind.sku;
        meter.x_operation = kind.meter;
    } else if (provider == Provider::kAzure) {
        meter.x_meter_category = kind.service_name;
        meter.x_meter_subcategory = kind.meter;
    }
    return meter;
}

void AddVmMeters(const SubAccountPlan& plan, Resource& resource, Random& random) {
    const auto sizes = SizesOf(plan.provider);
    const bool k8s_node = resource.shared_pool == "k8s";
    const VmSize& size = k8s_node ? sizes[2] : sizes[random.Between(0, static_cast<int64_t>(sizes.size()) - 1)];
    resource.vcpus = size.vcpus;
    const int roll = k8s_node ? 1 : static_cast<int>(random.Between(1, 100));
    Meter compute;
    compute.service_name = FindKind(plan.provider, "vm").service_name;
    compute.service_category = "Compute";
    compute.service_subcategory = "Virtual Machines";
    compute.pricing_unit = "Hours";
    compute.consumed_unit = "Hours";
    compute.base_quantity = Decimal(plan.environment == std::string("dev") ? 12000 : kHoursPerDay, kQuantityScale);
    compute.shape = plan.environment == std::string("dev") ? QuantityShape::kVarying : QuantityShape::kConstant;
    std::string os = "Linux";
    std::string price = size.linux_price;
    switch (plan.provider) {
    case Provider::kAws:
        compute.x_operation = "RunInstances";
        if (roll <= 50) {
        } else if (roll <= 60) {
            os = "Red Hat Enterprise Linux";
            price = AddPrice(size.linux_price, size.vcpus <= 4 ? "0.06" : "0.13");
            compute.x_operation = "RunInstances:0010";
            resource.licenses.push_back({"Red Hat Enterprise Linux Server", LicenseMode::kIncluded});
        } else if (roll <= 66) {
            os = "Red Hat Enterprise Linux";
            compute.x_operation = "RunInstances:00g0";
            resource.licenses.push_back({"Red Hat Enterprise Linux Server", LicenseMode::kByol});
        } else if (roll <= 78) {
            os = "Windows";
            price = size.windows_price;
            compute.x_operation = "RunInstances:0002";
            resource.licenses.push_back({"Windows Server Datacenter", LicenseMode::kIncluded});
        } else if (roll <= 84) {
            os = "Windows";
            price = AddPrice(size.windows_price, PerVcpu("0.375", size.vcpus));
            compute.x_operation = "RunInstances:0102";
            resource.licenses.push_back({"Windows Server Datacenter", LicenseMode::kIncluded});
            resource.licenses.push_back({"SQL Server Enterprise", LicenseMode::kIncluded});
        } else if (roll <= 92) {
            os = "Windows"; // SQL Server brought with License Mobility onto a license-included Windows VM
            price = size.windows_price;
            compute.x_operation = "RunInstances:0002";
            resource.licenses.push_back({"Windows Server Datacenter", LicenseMode::kIncluded});
            resource.licenses.push_back({"SQL Server Enterprise", LicenseMode::kByol});
        } else {
            resource.licenses.push_back({"Oracle Database Enterprise Edition", LicenseMode::kByol});
        }
        compute.sku_id = fmt::format("BoxUsage:{}", size.name);
        compute.x_usage_type = compute.sku_id;
        compute.sku_meter = "Compute Instance";
        compute.description = fmt::format("{} On Demand {} Instance Hour", size.name, os);
        break;
    case Provider::kAzure: {
        compute.x_meter_category = "Virtual Machines";
        compute.x_meter_subcategory = fmt::format("{} Series", std::string(size.name).substr(9));
        std::string image = "Ubuntu 22.04 LTS";
        if (roll <= 30) {
        } else if (roll <= 50 || roll > 82) {
            os = "Windows";
            price = size.windows_price;
            image = "Windows Server 2022 Datacenter";
            compute.x_meter_subcategory += " Windows";
            resource.licenses.push_back({"Windows Server Datacenter", LicenseMode::kIncluded});
            if (roll > 82) {
                resource.licenses.push_back({"SQL Server Enterprise", LicenseMode::kIncluded});
            }
        } else {
            os = "Windows"; // Azure Hybrid Benefit: billed at the Linux rate
            image = "Windows Server BYOL";
            resource.licenses.push_back({"Windows Server Datacenter", LicenseMode::kByol});
            if (roll > 70) {
                resource.licenses.push_back({"SQL Server Enterprise", LicenseMode::kByol});
            }
        }
        compute.x_sku_details = fmt::format(R"({{"ImageType":"{}","ServiceType":"{}","VCPUs":{}{}}})", image, size.name,
                                            size.vcpus, roll > 70 && roll <= 82 ? R"(,"AHB":true)" : "");
        compute.sku_id = fmt::format("DZH318Z0{}", ToUpper(Hex(random, 4)));
        compute.sku_meter = size.name;
        compute.description = fmt::format("{} {}", size.name, os);
        break;
    }
    default:
        compute.sku_id = fmt::format("{}-CORE-{}", ToUpper(size.name), ToUpper(Hex(random, 4)));
        compute.sku_meter = fmt::format("{} Instance Core", size.name);
        compute.description = fmt::format("{} Instance running in {}", size.name, plan.region_name);
        if (roll > 50) {
            Meter fee = compute;
            fee.x_operation.clear();
            std::string fee_price = "0";
            if (roll <= 65) {
                os = "Red Hat Enterprise Linux";
                fee.description = "Licensing Fee for Red Hat Enterprise Linux 9 (CPU cost)";
                fee_price = size.vcpus <= 4 ? "0.06" : "0.13";
                resource.licenses.push_back({"Red Hat Enterprise Linux Server", LicenseMode::kIncluded});
            } else if (roll <= 75) {
                os = "Red Hat Enterprise Linux";
                fee.description = "Licensing Fee for Red Hat Enterprise Linux 9 BYOS (CPU cost)";
                resource.licenses.push_back({"Red Hat Enterprise Linux Server", LicenseMode::kByol});
            } else {
                os = "Windows";
                fee.description = "Licensing Fee for Windows Server 2022 Datacenter Edition (CPU cost)";
                fee_price = PerVcpu("0.046", size.vcpus);
                resource.licenses.push_back({"Windows Server Datacenter", LicenseMode::kIncluded});
            }
            fee.sku_id = fmt::format("LIC-{}", ToUpper(Hex(random, 4)));
            fee.sku_meter = "License";
            SetPrice(plan.provider, fee, fee_price);
            fee.sku_price_id = fee.sku_id;
            fee.sku_price_details = fmt::format(R"({{"CoreCount":{},"OperatingSystem":"{}"}})", size.vcpus, os);
            resource.meters.push_back(std::move(fee));
        }
    }
    SetPrice(plan.provider, compute, price);
    compute.sku_price_id = fmt::format("{}:{}", compute.sku_id, ToLower(os.substr(0, 3)));
    compute.sku_price_details = fmt::format(R"({{"CoreCount":{},"OperatingSystem":"{}"}})", size.vcpus, os);
    resource.meters.insert(resource.meters.begin(), std::move(compute));
    if (plan.provider == Provider::kAzure && resource.licenses.size() == 2 &&
        resource.licenses[1].mode == LicenseMode::kIncluded) {
        Meter license;
        license.service_name = "Virtual Machines Licenses";
        license.service_category = "Compute";
        license.service_subcategory = "Virtual Machines";
        license.sku_id = "DZH318Z0BPVW";
        license.sku_price_id = "DZH318Z0BPVW:sql-enterprise";
        license.sku_meter = "SQL Server Enterprise";
        license.description = fmt::format("SQL Server Enterprise - {} vCPU VM License", size.vcpus);
        license.pricing_unit = "Hours";
        license.consumed_unit = "Hours";
        license.base_quantity = Decimal(kHoursPerDay, kQuantityScale);
        license.shape = QuantityShape::kConstant;
        license.x_meter_category = "Virtual Machines Licenses";
        license.x_meter_subcategory = "SQL Server Enterprise";
        SetPrice(plan.provider, license, PerVcpu("0.375", size.vcpus));
        resource.meters.push_back(std::move(license));
    }
}

} // namespace crosswalk::generate::cloud
