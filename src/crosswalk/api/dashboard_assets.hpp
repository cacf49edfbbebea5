// The dashboard's files (web/dashboard/) and its charting library (Apache ECharts from npm, web/node_modules),
// compiled into the binary at build time: `crosswalk serve` needs no files beside it and no network.
#pragma once

#include <optional>
#include <string_view>

namespace crosswalk::api {

struct Asset {
    std::string_view bytes;
    std::string_view content_type;
};

// The asset at `path` ("index.html", "app.js", "echarts.min.js"), nullopt for none.
[[nodiscard]] std::optional<Asset> FindAsset(std::string_view path);

} // namespace crosswalk::api
