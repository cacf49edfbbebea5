#include "crosswalk/api/dashboard_assets.hpp"

#include <span>

#include "crosswalk/common/embedded_file.hpp"

namespace crosswalk::api {

std::span<const EmbeddedFile> DashboardFiles();    // generated from web/dashboard/ by CMake
std::span<const EmbeddedFile> ChartLibraryFiles(); // generated from web/node_modules/echarts/dist/ by CMake

namespace {

std::string_view ContentType(std::string_view path) {
    const auto ends = [&](std::string_view suffix) {
        return path.size() >= suffix.size() && path.substr(path.size() - suffix.size()) == suffix;
    };
    if (ends(".html")) {
        return "text/html; charset=utf-8";
    }
    if (ends(".js")) {
        return "text/javascript; charset=utf-8";
    }
    if (ends(".css")) {
        return "text/css; charset=utf-8";
    }
    if (ends(".svg")) {
        return "image/svg+xml";
    }
    return "application/octet-stream";
}

} // namespace

std::optional<Asset> FindAsset(std::string_view path) {
    for (const std::span<const EmbeddedFile> files : {DashboardFiles(), ChartLibraryFiles()}) {
        for (const EmbeddedFile& file : files) {
            if (file.path == path) {
                return Asset{file.bytes, ContentType(path)};
            }
        }
    }
    return std::nullopt;
}

} // namespace crosswalk::api
