// `crosswalk report maturity`: the crawl / walk / run scorecard of seed 000 (FinOps, ITAM and the CMDB: separate
// views, reconciled regularly, one taxonomy yielding TCO) and of the FinOps capabilities DOMAIN.md §6 gives
// stage targets for, each rated from evidence in the data, with what would move it up. docs/governance.md.
#include <fmt/format.h>

#include "crosswalk/report/kpis.hpp"
#include "crosswalk/report/reports.hpp"
#include "crosswalk/store/sql_quote.hpp"

namespace crosswalk::report {
namespace {

enum Stage { kNone = 0, kCrawl = 1, kWalk = 2, kRun = 3 };

constexpr const char* kStageNames[] = {"none", "crawl", "walk", "run"};

struct Rating {
    std::string area;
    std::string question; // what the area asks, in the seed's words
    Stage stage = kNone;
    std::string evidence;
    std::string to_next; // what would move it up a stage; empty at run
};

const Kpi* Find(const std::vector<Kpi>& kpis, std::string_view name) {
    for (const Kpi& kpi : kpis) {
        if (kpi.name == name) {
            return &kpi;
        }
    }
    return nullptr;
}

std::string ValueText(const Kpi* kpi) {
    return kpi != nullptr && kpi->value ? kpi->value->ToString() + (kpi->unit == "%" ? " %" : "") : "no data";
}

bool AtLeast(const Kpi* kpi, std::string_view floor) {
    return kpi != nullptr && kpi->value && !(*kpi->value < Decimal::Parse(floor));
}

bool AtMost(const Kpi* kpi, std::string_view ceiling) {
    return kpi != nullptr && kpi->value && !(Decimal::Parse(ceiling) < *kpi->value);
}

} // namespace

ReportTable MaturityReport(store::Connection& connection, const KpiOptions& options) {
    const ResolvedPeriod period = ResolveBilledPeriod(connection, options.period, "the maturity scorecard");
    KpiOptions resolved = options;
    resolved.period = period.period;
    return MaturityTable(connection, period, ComputeKpis(connection, resolved));
}

ReportTable MaturityTable(store::Connection& connection, const ResolvedPeriod& period, const std::vector<Kpi>& kpis) {
    // The first currency's KPIs (the bill's main one: most cost), for the ratios.
    std::vector<Kpi> main;
    for (const Kpi& kpi : kpis) {
        if (main.empty() || kpi.currency == main.front().currency) {
            main.push_back(kpi);
        }
    }
    const std::string month = period.period.ToString();
    const auto count = [&](const std::string& sql) {
        return connection.Query(sql).ScalarInt64().value_or(0);
    };
    const int64_t assets = count("SELECT count(*) FROM asset");
    const int64_t cis = count("SELECT count(*) FROM ci");
    const int64_t applications = count("SELECT count(*) FROM ci WHERE class IN ('application', 'business_service')");
    const int64_t entitlements = count("SELECT count(*) FROM entitlement");
    const int64_t installations = count("SELECT count(*) FROM installation");
    const int64_t cloud_installations = count("SELECT count(*) FROM installation WHERE host_kind = 'resource'");
    const int64_t contracts = count("SELECT count(*) FROM contract");
    const int64_t ledger_lines = count("SELECT count(*) FROM ledger_line");
    const int64_t tco_parts = count("SELECT count(*) FROM tco_part WHERE run_id = (SELECT max(run_id) FROM tco_part)");
    const auto tco_has = [&](const std::string& column) {
        return count("SELECT count(*) FROM tco_part WHERE run_id = (SELECT max(run_id) FROM tco_part) AND col = " +
                     store::QuoteLiteral(column)) > 0;
    };
    // The share of the month's cloud cost, of the assets and of the ledger lines the TBM taxonomy places.
    const auto share = [&](const std::string& sql) {
        return connection.Query(sql).ScalarString().value_or("");
    };
    const std::string cloud_towers = share(
        "SELECT CASE WHEN sum(abs(EffectiveCost)) > 0 THEN money_div(coalesce(sum(abs(EffectiveCost)) FILTER (WHERE "
        "tower IS NOT NULL), 0) * 100, sum(abs(EffectiveCost)), 2)::DECIMAL(38,2)::VARCHAR END FROM cost_line_enriched "
        "WHERE " +
        period.Condition());
    const std::string asset_towers =
        share("SELECT CASE WHEN count(*) > 0 THEN money_div(count(tower) * 100, count(*), 2)::DECIMAL(38,2)::VARCHAR "
              "END FROM asset_enriched");
    const std::string ledger_pools = share(
        "SELECT CASE WHEN count(*) > 0 THEN money_div(count(cost_pool) * 100, count(*), 2)::DECIMAL(38,2)::VARCHAR "
        "END FROM ledger_line_enriched");
    const auto at_least = [](const std::string& value, std::string_view floor) {
        return !value.empty() && !(Decimal::Parse(value) < Decimal::Parse(floor));
    };

    std::vector<Rating> ratings;
    {
        Rating r{"inventory", "which assets and resources are in which cloud, and how they are used", kNone, "", ""};
        const Kpi* cmdb = Find(main, "cmdb_coverage_pct");
        const Kpi* tags = Find(main, "tag_compliance_cost_pct");
        r.evidence = fmt::format("bill loaded; {} assets, {} CIs; CMDB coverage of cloud cost {}; tag compliance {}",
                                 assets, cis, ValueText(cmdb), ValueText(tags));
        if (assets == 0 && cis == 0) {
            r.to_next = "load the asset register or the CMDB beside the bill (crosswalk ingest assets|cis)";
        } else if (!AtLeast(cmdb, "80")) {
            r.stage = kCrawl;
            r.to_next = "reconcile: CIs naming at least 80 % of the cloud cost (report reconcile-inventory no_ci)";
        } else if (!AtLeast(cmdb, "90") || !AtLeast(tags, "80")) {
            r.stage = kWalk;
            r.to_next = "CMDB coverage of 90 % and tag compliance of 80 % of cost";
        } else {
            r.stage = kRun;
        }
        ratings.push_back(r);
    }
    {
        Rating r{"licensing", "how resources are licensed: PaaS or marketplace, license included, or BYOL", kNone, "",
                 ""};
        const Kpi* shortfall = Find(main, "license_shortfall_products");
        r.evidence = fmt::format("{} entitlements, {} installations ({} on cloud VMs); products in shortfall {}; "
                                 "license cost in application TCO: {}",
                                 entitlements, installations, cloud_installations, ValueText(shortfall),
                                 tco_has("licenses") ? "yes" : "no");
        if (entitlements == 0 || installations == 0) {
            r.to_next = "load entitlements and installations (crosswalk ingest entitlements|installations)";
        } else if (cloud_installations == 0) {
            r.stage = kCrawl;
            r.to_next = "discover the software on cloud VMs, so the position counts BYOL and license-included "
                        "(installations with host_kind resource)";
        } else if (!tco_has("licenses")) {
            r.stage = kWalk;
            r.to_next = "carry license cost into application TCO (crosswalk run, report tco)";
        } else {
            r.stage = kRun;
        }
        ratings.push_back(r);
    }
    {
        Rating r{"services", "which IT and business services each resource and asset supports", kNone, "", ""};
        const Kpi* allocation = Find(main, "allocation_coverage_pct");
        r.evidence = fmt::format("{} applications and business services in the CMDB; allocation coverage {}; "
                                 "application TCO: {}",
                                 applications, ValueText(allocation), tco_parts > 0 ? "yes" : "no");
        if (applications == 0) {
            r.to_next = "load the CMDB's applications and business services (crosswalk ingest cis)";
        } else if (!AtLeast(allocation, "80")) {
            r.stage = kCrawl;
            r.to_next = "allocate at least 80 % of the cost (rules/allocation.yaml, report unmapped)";
        } else if (!AtLeast(allocation, "90") || tco_parts == 0) {
            r.stage = kWalk;
            r.to_next = "allocate 90 % and build application TCO from bill, assets, contracts and ledger (report tco)";
        } else {
            r.stage = kRun;
        }
        ratings.push_back(r);
    }
    {
        Rating r{"contracts", "the contracts behind them: support, maintenance, the cloud provider's own", kNone, "",
                 ""};
        const Kpi* ledger = Find(main, "ledger_variance_pct");
        r.evidence = fmt::format("{} contracts, {} ledger lines; ledger tie-out variance {}; contracts in TCO: {}",
                                 contracts, ledger_lines, ValueText(ledger), tco_has("contracts") ? "yes" : "no");
        if (contracts == 0) {
            r.to_next = "load the contracts (crosswalk ingest contracts)";
        } else if (ledger_lines == 0 || !AtMost(ledger, "1")) {
            r.stage = kCrawl;
            r.to_next = "tie the bill out to the general ledger within 1 % (crosswalk ingest ledger, report "
                        "reconcile-ledger)";
        } else if (!tco_has("contracts")) {
            r.stage = kWalk;
            r.to_next = "carry the contracts into application TCO (report tco)";
        } else {
            r.stage = kRun;
        }
        ratings.push_back(r);
    }
    {
        Rating r{"taxonomy", "one cost taxonomy across CIs, assets and cloud resources, for TCO and ROI", kNone, "",
                 ""};
        r.evidence = fmt::format("TBM towers on {} % of cloud cost, {} % of assets; cost pools on {} % of ledger lines",
                                 cloud_towers.empty() ? "-" : cloud_towers, asset_towers.empty() ? "-" : asset_towers,
                                 ledger_pools.empty() ? "-" : ledger_pools);
        if (!at_least(cloud_towers, "50")) {
            r.stage = kCrawl;
            r.to_next = "map at least 80 % of cloud cost to TBM towers (rules/taxonomy.yaml, report taxonomy)";
        } else if (!at_least(cloud_towers, "90") || !at_least(asset_towers, "90") || !at_least(ledger_pools, "90")) {
            r.stage = at_least(cloud_towers, "80") ? kWalk : kCrawl;
            r.to_next = "the one taxonomy on 90 % of cloud cost, assets and ledger lines alike";
        } else {
            r.stage = kRun;
        }
        ratings.push_back(r);
    }
    // The FinOps capabilities with stage targets (DOMAIN.md §6: allocation ~50/80/>90 %, commitment coverage
    // ~60/70/80 %, forecast variance ~20/15/12 %).
    const auto targets = [&](std::string area, std::string question, const Kpi* kpi, bool lower_is_better,
                             std::array<std::string_view, 3> stage_targets) {
        Rating r{std::move(area), std::move(question), kNone, "", ""};
        r.evidence = fmt::format("{} {}", kpi != nullptr ? kpi->name : "", ValueText(kpi));
        const auto reaches = [&](std::string_view target) {
            return lower_is_better ? AtMost(kpi, target) : AtLeast(kpi, target);
        };
        // Measured at all is crawl (the crawl target is where crawl aims); the walk and run targets move it up.
        if (kpi != nullptr && kpi->value) {
            r.stage = kCrawl;
            for (size_t stage = 1; stage < 3; ++stage) {
                if (!reaches(stage_targets[stage])) {
                    r.to_next = fmt::format("{} {} {} %", kpi->name, lower_is_better ? "at most" : "at least",
                                            stage_targets[stage]);
                    break;
                }
                r.stage = static_cast<Stage>(stage + 1);
            }
        }
        if (kpi == nullptr || !kpi->value) {
            r.to_next = "data that shows it: " + std::string(kpi != nullptr ? kpi->evidence : "none");
        }
        ratings.push_back(r);
    };
    targets("finops_allocation", "cost allocated to its owners", Find(main, "allocation_coverage_pct"), false,
            {"50", "80", "90"});
    targets("finops_commitments", "eligible usage covered by commitment discounts",
            Find(main, "commitment_coverage_pct"), false, {"60", "70", "80"});
    targets("finops_forecasting", "forecast variance", Find(main, "forecast_variance_pct"), true, {"20", "15", "12"});

    ReportTable table;
    table.name = "maturity";
    Stage overall = kRun;
    for (size_t i = 0; i < 5; ++i) {
        overall = std::min(overall, ratings[i].stage);
    }
    table.title = fmt::format("crawl / walk / run (seed 000) from the data of {}: FinOps, ITAM and the CMDB are at "
                              "'{}' (the lowest of inventory, licensing, services, contracts, taxonomy)",
                              period.Describe(), kStageNames[overall]);
    table.columns = {{"area", ColumnType::kText, 0, ""},     {"question", ColumnType::kText, 0, ""},
                     {"stage", ColumnType::kText, 0, ""},    {"score", ColumnType::kInteger, 0, ""},
                     {"evidence", ColumnType::kText, 0, ""}, {"to_next_stage", ColumnType::kText, 0, ""},
                     {"period", ColumnType::kText, 0, ""}};
    for (const Rating& r : ratings) {
        table.rows.push_back({r.area, r.question, std::string(kStageNames[r.stage]), std::to_string(r.stage),
                              r.evidence, r.stage == kRun ? Cell() : Cell(r.to_next), month});
    }
    table.totals.push_back({"overall", "the lowest of the five seed areas", std::string(kStageNames[overall]),
                            std::to_string(overall), Cell(), Cell(), month});
    return table;
}

} // namespace crosswalk::report
